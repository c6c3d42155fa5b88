// "Who is calling me?" in headless Chromium: the page a citizen reaches from every team page,
// its one telephone field and empty result region, and — with JavaScript off, as in many cheap
// phones' data-saving browsers — the steps and advice that answer the question without a script.
// The interactive lookup is wired into the same form and region by the search scripts.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { chromium } from "playwright-core";

import { PAGES, buildSample, chromiumPath, serve } from "./support.mjs";

let site;
let server;
let browser;

before(async () => {
  site = buildSample();
  server = await serve(site.out);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox"] });
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

async function phone({ javaScript }) {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: "vi-VN",
    javaScriptEnabled: javaScript,
  });
}

describe("the caller check", () => {
  test("a team page says the team never asks for OTP codes and leads to the check", async () => {
    const context = await phone({ javaScript: true });
    const page = await context.newPage();
    await page.goto(server.origin + PAGES.team);
    const line = page.locator("p.safety");
    assert.equal(
      (await line.textContent()).trim().split(".")[0],
      "Tổ không bao giờ hỏi mã OTP, mật khẩu hay yêu cầu chuyển tiền",
    );
    await line.getByRole("link", { name: "Kiểm tra số đã gọi cho bạn" }).click();
    await page.waitForURL(server.origin + PAGES.callerCheck);
    assert.equal(await page.locator("h1").textContent(), "Kiểm tra số điện thoại vừa gọi cho bạn");
    await context.close();
  });

  test("one telephone field, labelled, and an empty live region for the answer", async () => {
    const context = await phone({ javaScript: true });
    const page = await context.newPage();
    await page.goto(server.origin + PAGES.callerCheck);
    const field = page.getByLabel("Số điện thoại đã gọi cho bạn");
    assert.equal(await field.getAttribute("name"), "so");
    assert.equal(await field.getAttribute("type"), "tel");
    assert.equal(await field.getAttribute("inputmode"), "tel");
    assert.equal(await page.locator("form.caller-check input").count(), 1);
    const region = page.locator("#ket-qua-kiem-tra");
    assert.equal(await region.getAttribute("role"), "status");
    assert.equal((await region.textContent()).trim(), "");
    // Submitting stays on the page, with the number in the address for the lookup to read.
    await field.fill("0912 000 101");
    await page.getByRole("button", { name: "Kiểm tra" }).click();
    await page.waitForURL(/\/kiem-tra-so-dien-thoai\/\?so=0912\+000\+101$/);
    await context.close();
  });

  test("without JavaScript the page still tells how to check and what to do", async () => {
    const context = await phone({ javaScript: false });
    const page = await context.newPage();
    await page.goto(server.origin + PAGES.callerCheck);
    const notice = page.locator(".caller-check-fallback");
    assert.ok(await notice.isVisible(), "the page says to check by hand");
    assert.match(await notice.textContent(), /hãy tự tra theo các bước dưới đây/);
    for (const advice of [
      "Nghi ngờ thì cúp máy.",
      "Không bao giờ đọc mã OTP, mật khẩu",
      "Tự gọi",
    ]) {
      assert.ok(await page.getByText(advice).first().isVisible(), advice);
    }
    const report = page.locator("#bao-lua-dao + ul");
    assert.equal(await report.getByRole("link", { name: "156" }).getAttribute("href"), "tel:156");
    assert.equal(
      await report.getByRole("link", { name: "khonggianmang.vn" }).getAttribute("href"),
      "https://khonggianmang.vn/",
    );
    // The steps lead to the province list, then on to a commune and its teams' numbers.
    await page.getByRole("link", { name: "danh sách tỉnh, thành phố" }).click();
    await page.waitForURL(server.origin + "/#chon-tinh");
    await page.getByRole("link", { name: /Tỉnh Quảng Ninh/ }).click();
    await page.getByRole("link", { name: "Xã Quảng La" }).click();
    const call = page.locator(".team-card a.call").first();
    assert.match(await call.getAttribute("href"), /^tel:\+84\d{9}$/);
    await context.close();
  });
});

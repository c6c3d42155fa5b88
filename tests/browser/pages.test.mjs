// The pages as a citizen meets them on a 360×740 phone in headless Chromium: screenshots of every
// kind of page (saved in the test's temporary folder), what must be in the first screen, the long
// lists' filter and their path without JavaScript, the save button, and the team page printed as
// an A4 notice.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { buildSite, launch, repoRoot, serveStatic } from "./support.mjs";

const PHONE = { width: 360, height: 740 };

/** The pages to look at: one of each kind, and the longest lists of the sample. */
const SHOTS = {
  home: "",
  province: "ha-noi/",
  commune: "quang-ninh/xa-quang-la/",
  team: "quang-ninh/xa-quang-la/thon-khe-cat/",
  guide: "huong-dan/kich-hoat-vneid-muc-2/",
  oldAddress: "tra-cuu-dia-chi-cu/ha-noi/",
  statistics: "thong-ke/",
};

let browser;
let server;
let shots;

before(async () => {
  server = await serveStatic(buildSite(), "/", { quality: 4 });
  browser = await launch();
  shots = mkdtempSync(path.join(tmpdir(), "ngo-screens-"));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function phone(options = {}) {
  const context = await browser.newContext({ viewport: PHONE, locale: "vi-VN", ...options });
  const page = await context.newPage();
  return { context, page };
}

/** A unit's name without its unit word, as the lists sort and file it. */
const bare = (name) => name.replace(/^(Tỉnh|Thành phố|Xã|Phường|Đặc khu|Thị xã|Thị trấn|Huyện|Quận) /, "");

/** Vietnamese order as ICU's CLDR collation has it, to check the generator's own against. */
const inVietnameseOrder = (names) => {
  const sorted = [...names].sort((a, b) => bare(a).localeCompare(bare(b), "vi"));
  return names.every((n, i) => n === sorted[i]);
};

/** The letter a name files under: its first letter with its vowel marks, without its tone. */
const initial = (name) =>
  bare(name).normalize("NFD").replace(/[\u0300\u0301\u0303\u0309\u0323]/g, "").match(/^.[\u0300-\u036f]*/)[0].normalize("NFC").toUpperCase();

/** Where an element is, in CSS pixels from the top of the page. */
function box(page, selector) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top + scrollY, bottom: r.bottom + scrollY, height: r.height };
  }, selector);
}

describe("screenshots at 360×740 and the first screen", () => {
  for (const [name, address] of Object.entries(SHOTS)) {
    test(`${name}: /${address}`, async (t) => {
      const { context, page } = await phone();
      const response = await page.goto(server.url + address);
      assert.equal(response.status(), 200);
      const file = path.join(shots, `${name}.png`);
      await page.screenshot({ path: file });
      const facts = await page.evaluate(() => ({
        height: document.documentElement.scrollHeight,
        width: document.documentElement.scrollWidth,
        title: document.querySelector("h1")?.getBoundingClientRect().top,
      }));
      t.diagnostic(`${file}: ${(facts.height / PHONE.height).toFixed(1)} screens`);
      assert.ok(facts.width <= PHONE.width, `no sideways scrolling (${facts.width}px wide)`);
      assert.ok(facts.title < PHONE.height / 2, `the heading starts in the top half (${facts.title}px)`);
      const header = await box(page, ".site-header");
      assert.ok(header.height <= 110, `the header takes ${header.height}px`);
      await context.close();
    });
  }

  test("home: the search box and the start of the province list", async () => {
    const { context, page } = await phone();
    await page.goto(server.url);
    const search = await box(page, "#o-tim-kiem");
    const firstProvince = await box(page, ".province-list li:first-child a");
    assert.ok(search.bottom <= PHONE.height, `search box ends at ${search.bottom}px`);
    assert.ok(firstProvince.bottom <= PHONE.height, `first province ends at ${firstProvince.bottom}px`);
    // In Vietnamese order, "Tỉnh" and "Thành phố" aside: An Giang first, the Đ names after D.
    const names = await page.locator(".province-list li a span:first-child").allInnerTexts();
    assert.equal(names.length, 34);
    assert.equal(names[0], "Tỉnh An Giang");
    assert.ok(inVietnameseOrder(names), names.join(", "));
    await context.close();
  });

  test("team page: the leader's call button", async () => {
    const { context, page } = await phone();
    await page.goto(server.url + SHOTS.team);
    const call = await box(page, ".contact-first .button.call");
    assert.ok(call, "a call button");
    assert.ok(call.bottom <= PHONE.height, `call button ends at ${call.bottom}px`);
    assert.match(await page.locator(".contact-first .button.call").innerText(), /^Gọi\s+0912 000 101$/);
    await context.close();
  });

  test("commune page: the first team's call button", async () => {
    const { context, page } = await phone();
    await page.goto(server.url + SHOTS.commune);
    const call = await box(page, ".team-list .button.call");
    assert.ok(call.bottom <= PHONE.height, `call button ends at ${call.bottom}px`);
    await context.close();
  });

  test("province page: the filter and the letter index", async () => {
    const { context, page } = await phone();
    await page.goto(server.url + SHOTS.province);
    const filter = await box(page, "#loc-ds-xa");
    const letters = await box(page, ".letter-index li:first-child a");
    assert.ok(filter.bottom <= PHONE.height, `filter box ends at ${filter.bottom}px`);
    assert.ok(letters.bottom <= PHONE.height, `letter index starts at ${letters.top}px`);
    await context.close();
  });

  test("breadcrumbs: the current page sits on the line of the links", async () => {
    const { context, page } = await phone();
    await page.goto(server.url + SHOTS.province);
    const middles = await page.evaluate(() =>
      [...document.querySelectorAll(".breadcrumbs a, .breadcrumbs [aria-current]")].map((el) => {
        const r = el.getBoundingClientRect();
        return Math.round((r.top + r.bottom) / 2);
      }),
    );
    assert.equal(middles.length, 2);
    assert.ok(Math.abs(middles[1] - middles[0]) <= 1, `centres ${middles}`);
    await context.close();
  });
});

describe("long lists", () => {
  test("a province's communes in Vietnamese order, under a letter index that works without JavaScript", async () => {
    const { context, page } = await phone({ javaScriptEnabled: false });
    await page.goto(server.url + "quang-ninh/");
    assert.equal(await page.locator(".list-filter").isVisible(), false, "no filter box without JavaScript");
    const letters = await page.locator(".letter-index a").allInnerTexts();
    assert.ok(letters.length >= 10, letters.join(" "));
    const order = "A Ă Â B C D Đ E Ê G H I K L M N O Ô Ơ P Q R S T U Ư V X Y".split(" ");
    const ranks = letters.map((l) => order.indexOf(l));
    assert.ok(ranks.every((r, i) => r >= 0 && (i === 0 || r > ranks[i - 1])), letters.join(" "));
    // Every group holds names that start with its letter, the unit word left aside.
    const groups = await page.evaluate(() =>
      [...document.querySelectorAll(".letter-group")].map((g) => ({
        letter: g.querySelector("h2").textContent,
        names: [...g.querySelectorAll(".commune-list > li > a")].map((a) => a.textContent),
      })),
    );
    for (const { letter, names } of groups) {
      for (const name of names) assert.equal(initial(name), letter, name);
    }
    assert.ok(inVietnameseOrder(groups.flatMap((g) => g.names)), "communes in Vietnamese order");
    // Tapping Q brings the group with Xã Quảng La to the top of the screen.
    await page.locator(".letter-index a", { hasText: /^Q$/ }).click();
    const top = await page.evaluate(() => document.getElementById("chu-q").getBoundingClientRect().top);
    assert.ok(Math.abs(top) < 10, `the Q heading ${top}px from the top`);
    assert.ok(await page.locator("#chu-q ~ ul a", { hasText: "Xã Quảng La" }).isVisible());
    await context.close();
  });

  test("the filter narrows the list as one types, without diacritics", async () => {
    const { context, page } = await phone();
    await page.goto(server.url + "quang-ninh/");
    const input = page.locator("#loc-ds-xa");
    await input.waitFor({ state: "visible" });
    const all = await page.locator(".commune-list > li:visible").count();
    await input.fill("quang");
    const shown = await page.locator(".commune-list > li:visible a").allInnerTexts();
    assert.ok(shown.includes("Xã Quảng La"), shown.join(", "));
    assert.ok(shown.length < all, `${shown.length} of ${all}`);
    for (const name of shown) {
      const folded = (await page.locator(".commune-list > li:visible", { hasText: name }).first().innerText())
        .normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
      assert.match(folded, /\bquang/, name);
    }
    assert.match(await page.locator("#loc-ds-xa-ket-qua").innerText(), new RegExp(`^Có ${shown.length} xã, phường khớp với “quang”\\.$`));
    assert.equal(await page.locator(".letter-index").isVisible(), false, "the index steps aside while filtering");
    await input.fill("la quang");
    assert.ok((await page.locator(".commune-list > li:visible a").allInnerTexts()).includes("Xã Quảng La"), "words in any order");
    await input.fill("zzzz");
    assert.equal(await page.locator(".commune-list > li:visible").count(), 0);
    assert.match(await page.locator("#loc-ds-xa-ket-qua").innerText(), /^Không có xã, phường nào khớp/);
    await input.fill("");
    assert.equal(await page.locator(".commune-list > li:visible").count(), all);
    await context.close();
  });

  test("old districts are sub-lists that open on a tap; the filter opens those that match", async () => {
    const { context, page } = await phone();
    await page.goto(server.url + "tra-cuu-dia-chi-cu/quang-ninh/");
    const districts = await page.locator("details.district summary .district-name").allInnerTexts();
    assert.ok(districts.length >= 10);
    assert.ok(inVietnameseOrder(districts), `districts in Vietnamese order: ${districts.join(", ")}`);
    assert.equal(await page.locator("details.district[open]").count(), 0, "all closed: the page stays short");
    await page.locator("#loc-ds-xa-cu").fill("dan chu");
    const open = page.locator("details.district[open]");
    assert.ok((await open.count()) >= 1);
    assert.ok(await page.locator("#thanh-pho-ha-long .old-name", { hasText: "Xã Dân Chủ" }).isVisible());
    const line = await page.locator("#thanh-pho-ha-long li:visible", { hasText: "Xã Dân Chủ" }).innerText();
    assert.match(line, /^Xã Dân Chủ\s*→\s*(nay thuộc)?\s*Xã Quảng La$/, "no province repeated when it is this one's");
    // A district's name finds all its communes.
    await page.locator("#loc-ds-xa-cu").fill("ha long");
    assert.equal(await page.locator("#thanh-pho-ha-long[open]").count(), 1);
    const haLong = await page.locator("#thanh-pho-ha-long li").count();
    assert.equal(await page.locator("#thanh-pho-ha-long li:visible").count(), haLong);
    await page.locator("#loc-ds-xa-cu").fill("");
    assert.equal(await open.count(), 0, "closed again when the box is cleared");
    await context.close();
  });

  test("the long pages stay short to reach a name, in screens of 740 px", async (t) => {
    const { context, page } = await phone({ javaScriptEnabled: false });
    const screens = async () => (await page.evaluate(() => document.documentElement.scrollHeight)) / PHONE.height;
    await page.goto(server.url + "ha-noi/");
    const province = await screens();
    const biggest = await page.evaluate(() =>
      Math.max(...[...document.querySelectorAll(".letter-group")].map((g) => g.getBoundingClientRect().height)),
    );
    await page.goto(server.url + "tra-cuu-dia-chi-cu/ha-noi/");
    const old = await screens();
    t.diagnostic(`Hà Nội: ${province.toFixed(1)} screens, largest letter ${(biggest / PHONE.height).toFixed(1)}; old Hà Nội ${old.toFixed(1)} screens closed`);
    assert.ok(biggest / PHONE.height < 5, "a letter group is a few screens at most");
    assert.ok(old < 6, `old Hà Nội is ${old.toFixed(1)} screens with its districts closed`);
    await context.close();
  });
});

describe("save for offline use", () => {
  test("without JavaScript there is no button that does nothing", async () => {
    const { context, page } = await phone({ javaScriptEnabled: false });
    await page.goto(server.url + SHOTS.commune);
    assert.equal(await page.locator("button[data-save-offline]").count(), 1);
    assert.equal(await page.locator("button[data-save-offline]").isVisible(), false);
    await context.close();
  });

  test("with JavaScript it is shown in the page's own type", async () => {
    const { context, page } = await phone();
    await page.goto(server.url + SHOTS.commune);
    const button = page.locator("button[data-save-offline]");
    await button.waitFor({ state: "visible" });
    const [own, body] = await page.evaluate(() => [
      getComputedStyle(document.querySelector("button[data-save-offline]")),
      getComputedStyle(document.body),
    ].map((s) => [s.fontSize, s.fontFamily]));
    assert.deepEqual(own, body);
    assert.equal(own[0], "18px");
    await context.close();
  });

  test("a commune without teams offers nothing to save", async () => {
    const { context, page } = await phone();
    await page.goto(server.url + "ha-noi/phuong-ha-dong/");
    assert.equal(await page.locator("button[data-save-offline]").count(), 0);
    assert.match(await page.locator(".notice").innerText(), /Ủy ban nhân dân phường Hà Đông/);
    await context.close();
  });
});

/** A site whose teams publish 2, 4, 5 and 9 phones, to print each size of notice. */
function siteWithBigTeams() {
  const dir = mkdtempSync(path.join(tmpdir(), "ngo-notice-"));
  cpSync(path.join(repoRoot, "tests", "fixtures", "minimal"), dir, { recursive: true });
  const yaml = path.join(dir, "site.yaml");
  writeFileSync(yaml, readFileSync(yaml, "utf8").replace(/^base_url:.*$/m, 'base_url: "https://tocongngheso.example.gov.vn/"'));
  const team = (name, phones) => {
    const members = Array.from({ length: phones + 2 }, (_, i) => {
      const phone = i < phones ? `\n        phone: "0912 000 ${String(100 + i)}"\n        public: true` : "";
      return `      - name: "Thành viên ${i + 1}"\n        role: "${i === 0 ? "Tổ trưởng" : "Thành viên"}"${phone}`;
    });
    return `  - hamlet: "${name}"\n    kind: thôn\n    meeting: "Nhà văn hóa ${name}, 19:30 tối thứ Bảy"\n    members:\n${members.join("\n")}`;
  };
  mkdirSync(path.join(dir, "teams", "quang-ninh"), { recursive: true });
  writeFileSync(
    path.join(dir, "teams", "quang-ninh", "quang-la.yaml"),
    `province: 22\ncommune: 7054\nupdated: 2026-10-01\nteams:\n${[["Thôn Hai", 2], ["Thôn Bốn", 4], ["Thôn Năm", 5], ["Thôn Chín", 9]].map(([n, p]) => team(n, p)).join("\n")}\n`,
  );
  return dir;
}

describe("a team page printed as an A4 notice", () => {
  let noticeServer;
  before(async () => {
    noticeServer = await serveStatic(buildSite(siteWithBigTeams()), "/", { quality: 4 });
  });
  after(async () => noticeServer?.close());

  const POINT = 96 / 72; // CSS pixels per point

  for (const [team, phones, points] of [["thon-hai", 2, 60], ["thon-bon", 4, 48], ["thon-nam", 5, 40], ["thon-chin", 9, 30]]) {
    test(`${phones} phones: one page, numbers of ${points} pt, the QR code and the address`, async () => {
      const { context, page } = await phone();
      const address = `tocongngheso.example.gov.vn/quang-ninh/xa-quang-la/${team}/`;
      await page.goto(noticeServer.url + `quang-ninh/xa-quang-la/${team}/`);
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      writeFileSync(path.join(shots, `notice-${team}.pdf`), pdf);
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g) || []).length;
      assert.equal(pages, 1, "one A4 page");

      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: 680, height: 1000 }); // about A4 less its margins
      const facts = await page.evaluate(() => ({
        numbers: [...document.querySelectorAll(".member.has-phone .button.call")].map((a) => ({
          size: parseFloat(getComputedStyle(a).fontSize),
          text: a.innerText.trim(),
          shown: a.getBoundingClientRect().height > 0,
        })),
        qr: (() => {
          const img = document.querySelector(".qr img");
          return img && { loaded: img.complete && img.naturalWidth > 0, width: img.getBoundingClientRect().width };
        })(),
        text: document.body.innerText,
        hidden: ["#luu-lai", ".site-header", ".site-footer", ".breadcrumbs"].map((s) => {
          const el = document.querySelector(s);
          return el ? getComputedStyle(el).display : "none";
        }),
      }));
      assert.equal(facts.numbers.length, phones);
      for (const n of facts.numbers) {
        assert.ok(n.shown, "the number is printed");
        assert.ok(Math.abs(n.size - points * POINT) < 0.5, `${n.text} at ${n.size / POINT} pt`);
        assert.match(n.text, /^0912 000 1\d\d$/, "the digits alone, without the word Gọi");
      }
      assert.ok(facts.qr?.loaded, "the QR code is there");
      assert.ok(facts.qr.width >= 170, `QR code ${facts.qr.width}px (4.5 cm at least)`);
      assert.ok(facts.text.replace(/\s/g, "").includes(address), `the page's address ${address}`);
      assert.match(facts.text, /TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG/i);
      assert.match(facts.text, /Xã Quảng La, Tỉnh Quảng Ninh/);
      assert.deepEqual(facts.hidden, ["none", "none", "none", "none"], "no menus, footer or screen-only heading");
      await context.close();
    });
  }

  test("the sample's Thôn Khe Cát prints on one page too", async () => {
    const { context, page } = await phone();
    await page.goto(server.url + SHOTS.team);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(path.join(shots, "notice-khe-cat.pdf"), pdf);
    assert.equal((pdf.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g) || []).length, 1);
    await context.close();
  });
});

// Accessibility of the built sample portal in headless Chromium: axe-core finds no serious or
// critical WCAG 2.1 A/AA violation on any kind of page, and the basics the theme promises hold
// (Vietnamese language, landmarks, skip link, 18 px text, 44 px tap targets, visible focus).

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { join } from "node:path";

import { chromium } from "playwright-core";

import { PAGES, buildSample, chromiumPath, repoRoot, serve } from "./support.mjs";

const AXE = join(repoRoot, "tests", "browser", "node_modules", "axe-core", "axe.min.js");

let site;
let server;
let browser;
let context;

before(async () => {
  site = buildSample();
  server = await serve(site.out);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox"] });
  // A phone-sized screen; CSP bypassed only so that axe itself can be injected.
  context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    bypassCSP: true,
    locale: "vi-VN",
  });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

async function open(path) {
  const page = await context.newPage();
  const response = await page.goto(server.origin + path, { waitUntil: "load" });
  assert.equal(response.status(), 200, `${path} answers 200`);
  return page;
}

describe("axe-core: no serious or critical violation", () => {
  for (const [name, path] of Object.entries(PAGES)) {
    test(`${name} ${path}`, async () => {
      const page = await open(path);
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(() =>
        // eslint-disable-next-line no-undef
        axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
          resultTypes: ["violations"],
        }),
      );
      await page.close();
      const bad = result.violations.filter((v) => ["serious", "critical"].includes(v.impact));
      const report = bad
        .map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n  ")}`)
        .join("\n");
      assert.equal(bad.length, 0, `${path}\n${report}`);
    });
  }
});

describe("theme basics", () => {
  for (const [name, path] of Object.entries(PAGES)) {
    test(`${name}: language, landmarks, skip link, text size, tap targets`, async () => {
      const page = await open(path);
      const facts = await page.evaluate(() => {
        const skip = document.querySelector("a.skip-link");
        const target = skip && document.querySelector(skip.getAttribute("href"));
        const small = [];
        const selector =
          ".button, button, input:not([disabled]), .main-nav a, .footer-links a, .breadcrumbs a, " +
          ".province-list a, .commune-list a, .skills a, .old-commune-list a, .letter-index a, " +
          ".district summary, .to-top a";
        for (const el of document.querySelectorAll(selector)) {
          const box = el.getBoundingClientRect();
          if (box.width > 0 && box.height < 44) small.push(`${el.outerHTML.slice(0, 80)} ${box.height}px`);
        }
        return {
          lang: document.documentElement.lang,
          landmarks: ["header", "nav", "main", "footer"].filter((t) => document.querySelector(t)),
          skipText: skip?.textContent.trim(),
          skipTarget: target?.tagName,
          fontSize: parseFloat(getComputedStyle(document.body).fontSize),
          small,
        };
      });
      assert.equal(facts.lang, "vi");
      assert.deepEqual(facts.landmarks, ["header", "nav", "main", "footer"]);
      assert.equal(facts.skipText, "Bỏ qua, đến nội dung chính");
      assert.equal(facts.skipTarget, "MAIN");
      assert.ok(facts.fontSize >= 18, `body text ${facts.fontSize}px`);
      assert.deepEqual(facts.small, [], "tap targets under 44 px");

      // The first Tab lands on the skip link, which shows with a visible outline.
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
          skip: el.classList.contains("skip-link"),
          outline: style.outlineStyle,
          width: parseFloat(style.outlineWidth),
          onScreen: box.left >= 0 && box.top >= 0,
        };
      });
      await page.close();
      assert.ok(focus.skip, "first focus is the skip link");
      assert.notEqual(focus.outline, "none");
      assert.ok(focus.width >= 2, `outline ${focus.width}px`);
      assert.ok(focus.onScreen, "the skip link appears when focused");
    });
  }
});

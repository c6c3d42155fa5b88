// Lighthouse (mobile, its default) on the home page, a commune and a guide of the built sample,
// printing the four category scores. Not part of `npm test`: scores depend on the machine's load,
// so this is a measurement to record in docs/quality.md, not a pass/fail check.
//
//   node lighthouse.mjs            # builds the sample, serves it on 127.0.0.1, runs Lighthouse

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

import { PAGES, buildSample, chromiumPath, serve } from "./support.mjs";

const TARGETS = [
  ["Trang chủ", PAGES.home],
  ["Trang xã", PAGES.commune],
  ["Hướng dẫn", PAGES.guide],
];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const METRICS = [
  "first-contentful-paint",
  "largest-contentful-paint",
  "total-blocking-time",
  "cumulative-layout-shift",
  "total-byte-weight",
];

const site = buildSample();
const server = await serve(site.out);
const chrome = await chromeLauncher.launch({
  chromePath: chromiumPath(),
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
const rows = [];
const metrics = [];
try {
  for (const [name, path] of TARGETS) {
    const result = await lighthouse(server.origin + path, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
    });
    const scores = CATEGORIES.map((c) => Math.round(result.lhr.categories[c].score * 100));
    rows.push([name, path, ...scores]);
    metrics.push([name, ...METRICS.map((m) => result.lhr.audits[m].displayValue)]);
    const failing = Object.values(result.lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === "binary")
      .map((a) => a.id);
    if (failing.length) console.error(`${path}: audits below par: ${failing.join(", ")}`);
  }
} finally {
  await chrome.kill();
  await server.close();
  site.cleanup();
}
console.log(`| trang | địa chỉ | ${CATEGORIES.join(" | ")} |`);
console.log(`| --- | --- | ${CATEGORIES.map(() => "---").join(" | ")} |`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
console.log();
console.log(`| trang | ${METRICS.join(" | ")} |`);
console.log(`| --- | ${METRICS.map(() => "---").join(" | ")} |`);
for (const row of metrics) console.log(`| ${row.join(" | ")} |`);

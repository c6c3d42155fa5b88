// Measures, in headless Chromium over a link like DevTools' Slow 4G preset (the server adds
// the latency and shares the bandwidth, see support.mjs), what a citizen waits for
// between focusing the search box and the first result: milliseconds, bytes transferred
// (brotli, as a CDN serves them), requests and sequential rounds of requests.
//
//   node tests/browser/first-result.mjs BUILT_SITE PROVINCE_CODE "QUERY" "EXPECTED TITLE"
//
// Prints one JSON object. Used by the benchmark command on the national dataset.
import { serveStatic, launch, SLOW_4G } from './support.mjs';

const [site, province, query, expected] = process.argv.slice(2);
if (!site || !province || !query || !expected) {
  console.error('usage: first-result.mjs SITE PROVINCE QUERY EXPECTED_TITLE');
  process.exit(2);
}
const server = await serveStatic(site);
const browser = await launch();

async function visit(throttled) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.selectOption('#chon-tinh-tim', province);
  await page.waitForLoadState('load');
  // The service worker stores the portal's shell after the first page: let it finish, as it
  // would while the visitor reads, so its requests do not share the measured link.
  await page.evaluate(() => navigator.serviceWorker.ready);
  server.throttle(throttled);
  const from = server.log.length;
  const started = Date.now();
  await page.focus('#o-tim-kiem');
  await page.type('#o-tim-kiem', query);
  await page.waitForFunction(
    (title) => [...document.querySelectorAll('#ket-qua .result-title')].slice(0, 3).some((e) => e.textContent === title),
    expected, { timeout: 60000 });
  const ms = Date.now() - started;
  const requests = server.log.slice(from).filter((r) => r.at <= started + ms && !r.path.includes('/former.'));
  let rounds = 0;
  let last = -Infinity;
  for (const r of requests) {
    if (r.at - last > SLOW_4G.latency / 2) rounds += 1;
    last = r.at;
  }
  // A later search in the same province: nothing more should cross the network.
  const before = server.log.length;
  await page.fill('#o-tim-kiem', '');
  await page.type('#o-tim-kiem', 'to dan pho');
  await page.waitForTimeout(throttled ? 1500 : 300);
  const later = server.log.slice(before).filter((r) => !r.path.includes('/former.'));
  server.throttle(false);
  await context.close();
  return { ms, bytes: requests.reduce((n, r) => n + r.bytes, 0), requests: requests.length, rounds,
    files: requests.map((r) => `${r.path} ${r.bytes}`), later_bytes: later.reduce((n, r) => n + r.bytes, 0) };
}

try {
  await visit(false); // fills the server's brotli cache, as a CDN's would be
  console.log(JSON.stringify(await visit(true)));
} finally {
  await browser.close();
  await server.close();
}

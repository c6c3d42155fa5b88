// Measures, in headless Chromium over a link like DevTools' Slow 4G preset (the server adds
// the latency and shares the bandwidth, see support.mjs), what a citizen waits for between
// focusing the search box and the first result: milliseconds, bytes transferred, requests and
// sequential rounds of requests. Three moments on two kinds of host:
//
// - `cold`: the page just loaded, the query typed at once;
// - `idle`: the query typed 3 s after the page loaded, as a person reads, then taps;
// - `later`: a later visit to another page of the portal, the browser's cache kept;
//
// on a host that compresses nothing (`plain`) and on one that sends brotli (`brotli`).
//
//   node tests/browser/first-result.mjs BUILT_SITE PROVINCE_CODE "QUERY" "EXPECTED TITLE"
//
// Prints one JSON object: {plain: {cold, idle, later}, brotli: {…}}, each
// {ms, bytes, requests, rounds, later_bytes}. Used by the benchmark command on the national
// dataset.
import { serveStatic, launch, SLOW_4G } from './support.mjs';

const [site, province, query, expected] = process.argv.slice(2);
if (!site || !province || !query || !expected) {
  console.error('usage: first-result.mjs SITE PROVINCE QUERY EXPECTED_TITLE');
  process.exit(2);
}
const browser = await launch();

async function open(context, server, throttled) {
  const page = await context.newPage();
  await page.goto(server.url);
  await page.selectOption('#chon-tinh-tim', province);
  await page.waitForLoadState('load');
  // The service worker stores the portal's shell after the first page: let it finish, as it
  // would while the visitor reads, so its requests do not share the measured link.
  await page.evaluate(() => navigator.serviceWorker.ready);
  server.throttle(throttled);
  return page;
}

/// Types the query and waits for the expected title among the first three results shown.
async function firstResult(page, server, from, started) {
  await page.focus('#o-tim-kiem');
  await page.type('#o-tim-kiem', query);
  await page.waitForFunction(
    (title) => [...document.querySelectorAll('#ket-qua .result-title')].slice(0, 3).some((e) => e.textContent === title),
    expected, { timeout: 60000 });
  const ms = Date.now() - started;
  const requests = server.log.slice(from).filter((r) => r.at <= started + ms);
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
  await page.waitForTimeout(1500);
  // Only what this search fetches counts: the service worker may be storing the shell
  // meanwhile, and the guides follow a first answer by design.
  const later = server.log.slice(before).filter((r) => (r.path.includes('/search/') || r.path.includes('ngo-search'))
    && !r.path.includes('/search/guides.'));
  return { ms, bytes: requests.reduce((n, r) => n + r.bytes, 0), requests: requests.length, rounds,
    files: requests.map((r) => `${r.path} ${r.bytes}`), later_bytes: later.reduce((n, r) => n + r.bytes, 0) };
}

async function moments(server) {
  const result = {};
  // Cold: typed at once. The measured link starts throttled before the page's own idle
  // prefetch can run, so everything the first result needs is counted.
  let context = await browser.newContext();
  let page = await context.newPage();
  server.throttle(true);
  let from = server.log.length;
  await page.goto(server.url);
  await page.selectOption('#chon-tinh-tim', province);
  result.cold = await firstResult(page, server, from, Date.now());
  server.throttle(false);
  await context.close();

  // Idle: 3 s on the page first.
  context = await browser.newContext();
  page = await context.newPage();
  server.throttle(true);
  from = server.log.length;
  await page.goto(server.url);
  await page.selectOption('#chon-tinh-tim', province);
  await page.waitForTimeout(3000);
  result.idle = await firstResult(page, server, server.log.length, Date.now());
  result.idle.before_typing_bytes = server.log.slice(from).reduce((n, r) => n + r.bytes, 0);
  server.throttle(false);

  // Later visit: the same browser profile, another page of the portal.
  await page.close();
  page = await open(context, server, true);
  result.later = await firstResult(page, server, server.log.length, Date.now());
  server.throttle(false);
  await context.close();
  return result;
}

try {
  const out = {};
  for (const [name, compress] of [['plain', false], ['brotli', true]]) {
    const server = await serveStatic(site, '/', { compress });
    try {
      if (compress) {
        // Fills the server's brotli cache, as a CDN's would be.
        const context = await browser.newContext();
        const page = await open(context, server, false);
        await firstResult(page, server, server.log.length, Date.now());
        await context.close();
      }
      out[name] = await moments(server);
    } finally {
      await server.close();
    }
  }
  console.log(JSON.stringify(out));
} finally {
  await browser.close();
}

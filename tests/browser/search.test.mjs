// The search box of the built sample portal in real headless Chromium: typing, grouped results
// with highlights, keyboard, the province picker remembered, clicking through, old addresses,
// the page without WebAssembly, and the first result under a Slow 4G link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite, serveStatic, launch, SLOW_4G } from './support.mjs';

let server;
let browser;

before(async () => {
  server = await serveStatic(buildSite());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path = '', options = {}) {
  const context = await browser.newContext({ locale: 'vi-VN', ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url + path);
  return { context, page, errors };
}

const resultTitles = (page) => page.locator('#ket-qua .result-title').allInnerTexts();

test('typing without diacritics finds the team; the click lands on its page', async () => {
  const { context, page, errors } = await open();
  await page.selectOption('#chon-tinh-tim', '22');
  await page.fill('#o-tim-kiem', '');
  await page.type('#o-tim-kiem', 'to cong nghe so thon khe cat', { delay: 20 });
  await page.waitForSelector('#ket-qua a');
  await page.waitForFunction(() => document.querySelector('#ket-qua .result-title')?.textContent === 'Thôn Khe Cát');
  const titles = await resultTitles(page);
  assert.equal(titles[0], 'Thôn Khe Cát');
  assert.deepEqual(await page.locator('#ket-qua a').first().locator('mark').allInnerTexts(), ['Thôn', 'Khe', 'Cát']);
  // One ranking, each row saying its kind.
  assert.equal(await page.locator('#ket-qua .result-kind').first().textContent(), 'Tổ công nghệ số');
  assert.match(await page.locator('#trang-thai-tim').innerText(), /kết quả/);
  await page.locator('#ket-qua a').first().click();
  await page.waitForURL(/quang-ninh\/xa-quang-la\/thon-khe-cat\/$/);
  assert.match(await page.locator('h1').innerText(), /Khe Cát/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the province is remembered and teams of other provinces are not offered', async () => {
  const { context, page } = await open();
  await page.selectOption('#chon-tinh-tim', '22');
  await page.reload();
  assert.equal(await page.locator('#chon-tinh-tim').inputValue(), '22');
  // A hamlet of Đắk Lắk whose name is no place's, old or new.
  await page.fill('#o-tim-kiem', 'buon tri a');
  await page.waitForSelector('#trang-thai-tim:has-text("kết quả")');
  // The query names no province: only the chosen one's teams are searched.
  const dakLakTeams = () => [...document.querySelectorAll('#ket-qua li')].filter((li) =>
    li.querySelector('.result-kind')?.textContent === 'Tổ công nghệ số'
    && li.querySelector('.result-context')?.textContent.includes('Đắk Lắk')).length;
  assert.equal(await page.evaluate(dakLakTeams), 0);
  await page.selectOption('#chon-tinh-tim', '66');
  await page.waitForFunction(dakLakTeams);
  await context.close();
});

test('a pre-2025 address lands on the commune that took it over, old name shown', async () => {
  const { context, page } = await open();
  await page.fill('#o-tim-kiem', 'xa dan chu ha long');
  await page.waitForFunction(() => document.querySelector('#ket-qua .result-note')?.textContent.includes('Dân Chủ'));
  assert.equal((await resultTitles(page))[0], 'Xã Quảng La');
  await context.close();
});

test('the keyboard reaches the results and Enter opens one', async () => {
  const { context, page } = await open();
  await page.fill('#o-tim-kiem', 'kich hoat vneid');
  await page.waitForSelector('#ket-qua a');
  await page.focus('#o-tim-kiem');
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement.closest('#ket-qua') !== null);
  assert.ok(focused);
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'o-tim-kiem');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/huong-dan\/kich-hoat-vneid-muc-2\/$/);
  await context.close();
});

test('without WebAssembly the form still leads to the province list', async () => {
  const { context, page } = await open('', {});
  await context.close();
  const ctx = await browser.newContext();
  await ctx.addInitScript(() => { delete globalThis.WebAssembly; });
  const p = await ctx.newPage();
  await p.goto(server.url);
  await p.fill('#o-tim-kiem', 'khe cat');
  await p.press('#o-tim-kiem', 'Enter');
  await p.waitForURL(/tim-kiem\/\?q=khe\+cat/);
  const link = p.locator('.search-fallback a').first();
  assert.match(await link.getAttribute('href'), /#chon-tinh$/);
  await ctx.close();
});

test('a shared search link runs its query on the search page', async () => {
  const { context, page } = await open('tim-kiem/?q=lua+dao+qua+dien+thoai');
  await page.waitForSelector('#ket-qua a');
  assert.match((await resultTitles(page)).slice(0, 3).join('|'), /lừa đảo/i);
  await context.close();
});

test('over a Slow 4G link the first result needs at most 3 rounds of requests and little beyond the transfer', async () => {
  // A first visit fills the server's brotli cache, as a CDN's would be.
  const warm = await open();
  await warm.page.selectOption('#chon-tinh-tim', '22');
  await warm.page.fill('#o-tim-kiem', 'khe cat');
  await warm.page.waitForSelector('#ket-qua a');
  await warm.page.waitForTimeout(500);
  await warm.context.close();
  const { context, page } = await open();
  await page.selectOption('#chon-tinh-tim', '22');
  await page.waitForLoadState('load');
  await page.evaluate(() => navigator.serviceWorker.ready);
  server.throttle(true);
  const from = server.log.length;
  const started = Date.now();
  await page.focus('#o-tim-kiem');
  await page.type('#o-tim-kiem', 'khe cat');
  await page.waitForFunction(() => document.querySelector('#ket-qua .result-title')?.textContent === 'Thôn Khe Cát', null, { timeout: 15000 });
  const elapsed = Date.now() - started;
  const done = started + elapsed;
  // Old names (`former`) are fetched once the first shards are in, never waited for.
  const requests = server.log.slice(from).filter((r) => r.at <= done && !r.path.includes('/former.'));
  // Requests arriving together form a round; a new round starts after a gap of at least
  // half the emulated latency (a response had to come back first).
  let rounds = 0;
  let last = -Infinity;
  for (const r of requests) {
    if (r.at - last > SLOW_4G.latency / 2) rounds += 1;
    last = r.at;
  }
  server.throttle(false);
  // The link itself needs bytes / bandwidth plus a latency per round; what the page and the
  // engine add on top must stay small. (The 4 s target is checked by the benchmark.)
  const bytes = requests.reduce((n, r) => n + r.bytes, 0);
  const link = (bytes / SLOW_4G.bytesPerSecond) * 1000 + rounds * SLOW_4G.latency;
  assert.ok(elapsed < link + 2000, `first result after ${elapsed} ms; the link alone needs ${Math.round(link)} ms`);
  assert.ok(rounds <= 3, `${rounds} rounds: ${JSON.stringify(requests)}`);
  await context.close();
});

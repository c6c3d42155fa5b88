// Offline use in real headless Chromium: the service worker, the save button of a commune page,
// and the portal without a signal — the commune, a team, a search in its province, and the
// offline page for what was never saved. Also under a sub-path, and an update to a new build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSite, serveStatic, launch, root } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const COMMUNE = 'quang-ninh/xa-quang-la/';

async function saveCommuneThenGoOffline(server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.goto(server.url + COMMUNE);
  const button = page.locator('button[data-save-offline]');
  await button.waitFor({ state: 'visible' });
  await button.click();
  await page.waitForSelector('#trang-thai-luu:has-text("Đã lưu")', { timeout: 30000 });
  await context.setOffline(true);
  return { context, page };
}

test('a saved commune, its teams and its province search work without a signal', async () => {
  const server = await serveStatic(buildSite(), '/', { quality: 4 });
  try {
    const { context, page } = await saveCommuneThenGoOffline(server);
    await page.reload();
    assert.equal(await page.locator('h1').innerText(), 'Xã Quảng La');
    await page.locator('.team-list a[data-offline]', { hasText: 'Thôn Khe Cát' }).click();
    await page.waitForURL(/thon-khe-cat\/$/);
    assert.match(await page.locator('h1').innerText(), /Khe Cát/);
    assert.ok(await page.locator('a[href^="tel:"]').count() > 0, 'the call buttons are there');
    // Search in the province, from the commune page (province preset).
    await page.goBack();
    await page.fill('#o-tim-kiem', 'dong mu');
    await page.waitForFunction(() => [...document.querySelectorAll('#ket-qua .result-title')].some((e) => e.textContent === 'Thôn Đồng Mụ'), null, { timeout: 30000 });
    // A page never visited: the offline page, in Vietnamese.
    await page.goto(server.url + 'lao-cai/').catch(() => {});
    assert.match(await page.locator('h1').innerText(), /Không có mạng/);
    await context.close();
  } finally {
    await server.close();
  }
});

test('under a sub-path base_url the worker and the save button work too', async () => {
  const site = path.join(path.dirname(buildSite()), 'site');
  cpSync(path.join(root, 'content'), site, { recursive: true });
  const yaml = path.join(site, 'site.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^base_url:.*$/m, 'base_url: "https://example.gov.vn/cong/"'));
  const server = await serveStatic(buildSite(site), '/cong/', { quality: 4 });
  try {
    const { context, page } = await saveCommuneThenGoOffline(server);
    await page.reload();
    assert.equal(await page.locator('h1').innerText(), 'Xã Quảng La');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
    assert.match(scope, /\/cong\/$/);
    await context.close();
  } finally {
    await server.close();
  }
});

test('a new build replaces the old cache whole, keeping saved communes', async () => {
  const first = buildSite();
  const server = await serveStatic(first, '/', { quality: 4 });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url + COMMUNE);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.locator('button[data-save-offline]').click();
    await page.waitForSelector('#trang-thai-luu:has-text("Đã lưu")', { timeout: 30000 });
    const before = await page.evaluate(() => caches.keys());
    // Deploy a new build (a changed stylesheet makes a new version) over the same folder.
    const css = readFileSync(path.join(root, 'themes/default/static/style.css'), 'utf8');
    const second = buildSite();
    cpSync(second, first, { recursive: true, force: true });
    const sw = readFileSync(path.join(first, 'sw.js'), 'utf8').replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1ff"');
    writeFileSync(path.join(first, 'sw.js'), sw);
    assert.ok(css.length > 0);
    await page.evaluate(async () => { const r = await navigator.serviceWorker.getRegistration(); await r.update(); });
    await page.waitForFunction((old) => caches.keys().then((k) => k.length > 0 && !k.some((n) => old.includes(n) && n.startsWith('ngo-') && n !== 'ngo-saved-list')), before, { timeout: 30000 });
    const after = await page.evaluate(() => caches.keys());
    assert.equal(after.filter((n) => n.startsWith('ngo-') && n !== 'ngo-saved-list').length, 1, JSON.stringify(after));
    await context.setOffline(true);
    await page.reload();
    assert.equal(await page.locator('h1').innerText(), 'Xã Quảng La', 'the saved commune survived the update');
    await context.close();
  } finally {
    await server.close();
  }
});

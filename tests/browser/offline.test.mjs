// Offline use in real headless Chromium: the service worker and the save button of a commune
// page. A saved commune, its teams, its province's search and the guides work without a
// signal, on a connection that accepts requests and never answers (the saved page within 4 s),
// and after the portal is rebuilt and the new worker has stored them again; a new worker that
// cannot store everything leaves the old one and its caches in place. Also under a sub-path,
// and a guide's pictures as the phone would load them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSite, cachedFiles, launch, rebuildInto, root, serveStatic } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const COMMUNE = 'quang-ninh/xa-quang-la/';
const TEAM = COMMUNE + 'thon-khe-cat/';
const GUIDE = 'huong-dan/thanh-toan-qr-o-cho/';
const SAVED = /^Đã lưu (\d+) trang \(trang xã, (\d+) tổ, (\d+) trang hướng dẫn\) và bộ tìm kiếm của tỉnh Quảng Ninh: [\d.,]+ (KB|MB), lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}\. Mở lại được khi không có mạng\.$/;

/// Opens the commune page, waits for the worker, presses the save button; returns the page and
/// the status line it shows.
async function openAndSave(server, context) {
  const page = await context.newPage();
  await page.goto(server.url + COMMUNE);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const button = page.locator('button[data-save-offline]');
  await button.waitFor({ state: 'visible' });
  await button.click();
  await page.waitForSelector('#trang-thai-luu:has-text("Đã lưu")', { timeout: 60000 });
  return { page, status: await page.locator('#trang-thai-luu').innerText() };
}

/// Types a query into the page's search box and waits for a result with this exact title.
async function searchFinds(page, query, title) {
  await page.fill('#o-tim-kiem', '');
  await page.fill('#o-tim-kiem', query);
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('#ket-qua .result-title')].some((e) => e.textContent === t),
    title, { timeout: 30000 });
}

/// The commune page and a team page as a citizen opens them from the saved commune.
async function communeAndTeamWork(page, server, hamlet = 'Thôn Khe Cát') {
  await page.goto(server.url + COMMUNE);
  assert.equal(await page.locator('h1').innerText(), 'Xã Quảng La');
  await page.locator('.team-list a[data-offline]', { hasText: hamlet }).click();
  await page.waitForURL(/\/quang-ninh\/xa-quang-la\/[a-z0-9-]+\/$/);
  assert.match(await page.locator('h1').innerText(), new RegExp(hamlet.replace(/^Thôn /, '')));
  assert.ok(await page.locator('a[href^="tel:"]').count() > 0, 'the call buttons are there');
}

/// Whether every picture in the page's main part was drawn.
async function picturesDrawn(page) {
  return page.evaluate(async () => {
    const images = [...document.querySelectorAll('main img')];
    // Pictures below the first screen load lazily, that is never in a page nobody scrolls.
    for (const image of images) image.loading = 'eager';
    await Promise.all(images.map((i) => (i.complete ? null : new Promise((r) => { i.onload = r; i.onerror = r; }))));
    return images.map((i) => ({ src: i.currentSrc, drawn: i.naturalWidth > 0 }));
  });
}

/// The files of a build's search manifest this browser fetches, by packed.js's rule.
async function packedFiles(page, site, names) {
  const manifest = JSON.parse(readFileSync(path.join(site, 'search/manifest.json'), 'utf8'));
  const suffix = await page.evaluate(() => {
    for (const [format, suffix] of [['brotli', '.br'], ['gzip', '.gz']]) {
      try { new DecompressionStream(format); return suffix; } catch (_) { /* next */ }
    }
    return '';
  });
  return [manifest.engine, ...names.map((n) => manifest.shards[n])].map((e) => '/' + e.file + suffix);
}

const workerCaches = (files) => Object.keys(files).filter((n) => n.startsWith('ngo-') && n !== 'ngo-saved-list');

test('a saved commune, its teams, its province search and the guides work without a signal', async () => {
  const site = buildSite();
  const server = await serveStatic(site, '/', { quality: 4 });
  const context = await browser.newContext();
  try {
    const { page, status } = await openAndSave(server, context);
    // What was stored, said in Vietnamese: the commune, its 5 teams, every guide page.
    const said = SAVED.exec(status);
    assert.ok(said, status);
    // Every guide; an old address of a moved guide is only a redirect page, not saved.
    const guides = readdirSync(path.join(site, 'huong-dan'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .filter((d) => !readFileSync(path.join(site, 'huong-dan', d.name, 'index.html'), 'utf8').includes('http-equiv="refresh"'))
      .length;
    assert.ok(guides >= 10, `${guides} guides`);
    assert.equal(Number(said[2]), 5);
    assert.equal(Number(said[3]), guides + 1, 'every guide and the guides index');
    assert.equal(Number(said[1]), 1 + 5 + guides + 1);
    // The search files stored are the ones the search worker fetches on this browser.
    const cache = await cachedFiles(page);
    assert.equal(workerCaches(cache).length, 1, JSON.stringify(Object.keys(cache)));
    const stored = cache[workerCaches(cache)[0]];
    for (const file of await packedFiles(page, site, ['places', 'guides', 'p22'])) {
      assert.ok(stored.includes(file), `${file} is stored`);
    }
    assert.ok(stored.includes('/search/manifest.json'));
    assert.ok(stored.includes('/' + TEAM + 'to.vcf'), 'the team\'s contact card');

    await context.setOffline(true);
    await page.reload();
    assert.equal(await page.locator('h1').innerText(), 'Xã Quảng La');
    await page.locator('.offline-copy').waitFor();
    assert.match(await page.locator('.offline-copy').innerText(), /bạn đang xem bản đã lưu lúc \d\d:\d\d ngày/);
    await communeAndTeamWork(page, server);
    assert.ok((await picturesDrawn(page)).some((i) => i.src.endsWith('/qr.svg') && i.drawn), 'the QR code');
    // The guides: the index and a guide with its picture.
    await page.goto(server.url + 'huong-dan/');
    assert.equal(await page.locator('h1').innerText(), 'Hướng dẫn kỹ năng số');
    await page.goto(server.url + GUIDE);
    assert.equal(await page.locator('h1').innerText(), 'Quét mã QR trả tiền khi đi chợ');
    const pictures = await picturesDrawn(page);
    assert.ok(pictures.length > 0 && pictures.every((i) => i.drawn), JSON.stringify(pictures));
    // A page never visited: the offline page, listing what is saved.
    await page.goto(server.url + 'lao-cai/').catch(() => {});
    assert.match(await page.locator('h1').innerText(), /Không có mạng/);
    await page.locator('[data-saved-list]').waitFor({ state: 'visible' });
    assert.match(await page.locator('[data-saved-list]').innerText(), /Xã Quảng La, tỉnh Quảng Ninh/);
    // Search in the province, from the commune page (province preset).
    await page.goto(server.url + COMMUNE);
    await searchFinds(page, 'dong mu', 'Thôn Đồng Mụ');
  } finally {
    await context.close();
    await server.close();
  }
});

test('on a connection that never answers, a saved page shows within 4 s', async () => {
  const server = await serveStatic(buildSite(), '/', { quality: 4 });
  const context = await browser.newContext();
  try {
    const { page } = await openAndSave(server, context);
    server.stall(true);
    const started = Date.now();
    await page.goto(server.url + TEAM, { waitUntil: 'commit', timeout: 10000 });
    await page.locator('h1:has-text("Khe Cát")').waitFor({ timeout: 10000 });
    const ms = Date.now() - started;
    assert.ok(ms <= 4000, `the saved team page took ${ms} ms`);
    await page.locator('.offline-copy').waitFor();
    // The next saved page does not wait again.
    const next = Date.now();
    await page.goto(server.url + COMMUNE, { waitUntil: 'commit', timeout: 10000 });
    await page.locator('h1:has-text("Xã Quảng La")').waitFor({ timeout: 10000 });
    assert.ok(Date.now() - next <= 1500, `the second saved page took ${Date.now() - next} ms`);
    await searchFinds(page, 'khe cat', 'Thôn Khe Cát');
  } finally {
    await context.close();
    await server.close();
  }
});

/// A new deployment of the sample: a hamlet renamed (new team address, new province shard),
/// a guide retitled (new guides shard).
function changedContent(dir) {
  const commune = path.join(dir, 'teams/quang-ninh/quang-la.yaml');
  writeFileSync(commune, readFileSync(commune, 'utf8').replace('hamlet: "Thôn Đồng Mụ"', 'hamlet: "Thôn Đồng Mới"'));
  const guide = path.join(dir, 'guides/goi-video-zalo.md');
  writeFileSync(guide, readFileSync(guide, 'utf8').replace('title: "Gọi video cho con cháu bằng Zalo"', 'title: "Gọi video cho con cháu qua Zalo"'));
}

/// Reloads the page online so the browser sees the new `sw.js`; resolves to the new worker's
/// final state ("activated", or "redundant" when its install failed).
async function updateWorker(page) {
  await page.reload();
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration.update().catch(() => {});
    const worker = registration.installing || registration.waiting;
    if (!worker) return registration.active ? 'unchanged' : 'none';
    return new Promise((resolve) => {
      const done = () => { if (worker.state === 'activated' || worker.state === 'redundant') resolve(worker.state); };
      worker.addEventListener('statechange', done);
      done();
    });
  });
}

test('after a rebuild, the new worker stores the saved commune again, whole, before the old caches go', async () => {
  const site = buildSite();
  const server = await serveStatic(site, '/', { quality: 4 });
  const context = await browser.newContext();
  try {
    const { page } = await openAndSave(server, context);
    const before = workerCaches(await cachedFiles(page));
    rebuildInto(site, changedContent);
    assert.equal(await updateWorker(page), 'activated');
    const files = await cachedFiles(page);
    const after = workerCaches(files);
    assert.equal(after.length, 1, JSON.stringify(Object.keys(files)));
    assert.notEqual(after[0], before[0], 'a new cache for the new build');
    for (const file of await packedFiles(page, site, ['places', 'guides', 'p22'])) {
      assert.ok(files[after[0]].includes(file), `${file} of the new build is stored`);
    }
    await context.setOffline(true);
    await communeAndTeamWork(page, server, 'Thôn Đồng Mới');
    await page.goto(server.url + 'huong-dan/goi-video-zalo/');
    assert.equal(await page.locator('h1').innerText(), 'Gọi video cho con cháu qua Zalo');
    await page.goto(server.url + COMMUNE);
    await searchFinds(page, 'dong moi', 'Thôn Đồng Mới');
  } finally {
    await context.close();
    await server.close();
  }
});

test('a new worker that cannot store a saved commune whole leaves the old one serving it', async () => {
  const site = buildSite();
  const server = await serveStatic(site, '/', { quality: 4 });
  const context = await browser.newContext();
  try {
    const { page } = await openAndSave(server, context);
    const before = await cachedFiles(page);
    rebuildInto(site, changedContent);
    // The deployment lost the province's new shard: the new worker cannot store the search.
    const manifest = JSON.parse(readFileSync(path.join(site, 'search/manifest.json'), 'utf8'));
    for (const suffix of ['', '.br', '.gz']) rmSync(path.join(site, manifest.shards.p22.file + suffix));
    assert.equal(await updateWorker(page), 'redundant');
    const after = await cachedFiles(page);
    assert.deepEqual(workerCaches(after), workerCaches(before), 'the old cache, and no half-filled new one');
    await context.setOffline(true);
    await communeAndTeamWork(page, server, 'Thôn Đồng Mụ');
    await page.goto(server.url + COMMUNE);
    await searchFinds(page, 'dong mu', 'Thôn Đồng Mụ');
  } finally {
    await context.close();
    await server.close();
  }
});

test('without a signal, a search file that was not saved is answered "not stored"', async () => {
  const site = buildSite();
  const server = await serveStatic(site, '/', { quality: 4 });
  const context = await browser.newContext();
  try {
    const { page } = await openAndSave(server, context);
    await context.setOffline(true);
    const [other] = await packedFiles(page, site, ['p1']).then((f) => f.slice(1));
    const [saved] = await packedFiles(page, site, ['p22']).then((f) => f.slice(1));
    const answers = await page.evaluate(async (urls) => Promise.all(urls.map(async (u) => {
      const r = await fetch(u);
      return { status: r.status, offline: r.headers.get('x-ngo-offline') };
    })), [other, saved]);
    assert.deepEqual(answers, [{ status: 503, offline: 'not-stored' }, { status: 200, offline: null }]);
  } finally {
    await context.close();
    await server.close();
  }
});

test('under a sub-path base_url the worker and the save button work too', async () => {
  const site = path.join(path.dirname(buildSite()), 'site');
  cpSync(path.join(root, 'content'), site, { recursive: true });
  const yaml = path.join(site, 'site.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^base_url:.*$/m, 'base_url: "https://example.gov.vn/cong/"'));
  const server = await serveStatic(buildSite(site), '/cong/', { quality: 4 });
  const context = await browser.newContext();
  try {
    const { page, status } = await openAndSave(server, context);
    assert.match(status, SAVED);
    await context.setOffline(true);
    await communeAndTeamWork(page, server);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
    assert.match(scope, /\/cong\/$/);
    await page.goto(server.url + GUIDE);
    assert.equal(await page.locator('h1').innerText(), 'Quét mã QR trả tiền khi đi chợ');
  } finally {
    await context.close();
    await server.close();
  }
});

const SHOTS = 'huong-dan/kich-hoat-vneid-muc-2/';

/// The guide's screenshots as the built page writes them: per picture, the WebP widths of its
/// srcset and its JPEG fallback, site-relative.
function shotsOf(site) {
  const html = readFileSync(path.join(site, SHOTS, 'index.html'), 'utf8');
  const pictures = [...html.matchAll(/<picture>[\s\S]*?<\/picture>/g)].map((m) => m[0]);
  return pictures.map((picture) => ({
    webp: Object.fromEntries([...picture.matchAll(/(\/assets\/anh\/\S+\.webp) (\d+)w/g)].map((m) => [m[2], m[1]])),
    jpeg: /src="(\/assets\/anh\/[^"]+\.jpg)"/.exec(picture)[1],
  }));
}

test('a guide\'s screenshots are stored as the phone loads them, and serve any of their sizes offline', async () => {
  const site = buildSite();
  const shots = shotsOf(site);
  assert.equal(shots.length, 6, 'the sample guide has six screenshots');
  for (const shot of shots) assert.deepEqual(Object.keys(shot.webp).sort(), ['360', '540', '720']);
  const server = await serveStatic(site, '/', { quality: 4 });
  // Saved on a 360 px wide 2× phone: 234 px × 2 = 468 → the 540 px WebP of each screenshot.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  try {
    const { page: tab } = await openAndSave(server, phone);
    const stored = Object.values(await cachedFiles(tab)).flat();
    for (const shot of shots) {
      assert.ok(stored.includes(shot.webp['540']), `${shot.webp['540']} is stored`);
      for (const other of [shot.webp['360'], shot.webp['720'], shot.jpeg]) {
        assert.ok(!stored.includes(other), `${other} is not`);
      }
    }
    await phone.setOffline(true);
    await tab.goto(server.url + SHOTS);
    const drawn = await picturesDrawn(tab);
    assert.equal(drawn.length, 6, JSON.stringify(drawn));
    assert.ok(drawn.every((i) => i.drawn && /-540\.[0-9a-f]+\.webp$/.test(i.src)), JSON.stringify(drawn));
    // A browser that wants another size or the fallback (a 3× screen, a zoomed page, no WebP)
    // is given the stored file.
    const others = await tab.evaluate(async (urls) => Promise.all(urls.map(async (u) => {
      const image = new Image();
      image.src = u;
      await image.decode().catch(() => {});
      return image.naturalWidth;
    })), [shots[0].webp['360'], shots[0].webp['720'], shots[0].jpeg]);
    assert.deepEqual(others, [540, 540, 540]);
  } finally {
    await phone.close();
    await server.close();
  }
});

test('without a signal, search says when what it needs is not saved on this phone', async () => {
  const site = buildSite();
  const server = await serveStatic(site, '/', { quality: 4 });
  const context = await browser.newContext();
  try {
    // A commune of Quảng Ninh saved: a search in Hà Nội lacks its province's shard.
    const { page } = await openAndSave(server, context);
    await context.setOffline(true);
    await page.goto(server.url + 'tim-kiem/');
    await page.selectOption('#chon-tinh-tim', '1');
    await page.fill('#o-tim-kiem', 'thon');
    await page.waitForFunction(() => /kết quả/.test(document.querySelector('#trang-thai-tim').textContent), null, { timeout: 30000 });
    assert.match(await page.locator('#trang-thai-tim').innerText(),
      /Tìm kiếm chưa dùng được khi không có mạng với dữ liệu chưa lưu trên điện thoại này/);
    // Back in Quảng Ninh, nothing is missing.
    await page.selectOption('#chon-tinh-tim', '22');
    await searchFinds(page, 'khe cat', 'Thôn Khe Cát');
    assert.doesNotMatch(await page.locator('#trang-thai-tim').innerText(), /chưa dùng được|Chưa tải được/);
  } finally {
    await context.close();
  }
  // A phone that never saved anything and never got the engine (here: the engine is gone
  // from the server, so it cannot be fetched while online either).
  const manifest = JSON.parse(readFileSync(path.join(site, 'search/manifest.json'), 'utf8'));
  for (const suffix of ['', '.br', '.gz']) rmSync(path.join(site, manifest.engine.file + suffix));
  const fresh = await browser.newContext();
  try {
    const page = await fresh.newPage();
    await page.goto(server.url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload(); // the worker now answers this page
    await fresh.setOffline(true);
    await page.goto(server.url + 'tim-kiem/');
    await page.fill('#o-tim-kiem', 'khe cat');
    await page.locator('#trang-thai-tim:has-text("Tìm kiếm chưa dùng được khi không có mạng")').waitFor({ timeout: 30000 });
    assert.match(await page.locator('#trang-thai-tim').innerText(), /bộ tìm kiếm chưa được lưu trên điện thoại này/);
  } finally {
    await fresh.close();
    await server.close();
  }
});

// The service worker's rules that need no browser, run in Node on the theme's own files: which
// compressed form of a search file a browser fetches (pwa/packed.js), and what the worker reads
// from a page it saves (pwa/reading.js): team links, contact cards, titles and the one picture
// candidate a phone would load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { root } from './support.mjs';

/// The two files as the worker has them, in a context with `DecompressionStream` supporting
/// `formats`, under the base path `base`.
function load({ formats = ['gzip'], base = '/' } = {}) {
  class DecompressionStream {
    constructor(format) {
      if (!formats.includes(format)) throw new TypeError(`Unsupported format ${format}`);
    }
  }
  const context = vm.createContext({ DecompressionStream, URL, BASE: base });
  for (const file of ['packed.js', 'reading.js']) {
    vm.runInContext(readFileSync(path.join(root, 'themes/default/pwa', file), 'utf8'), context);
  }
  return context;
}

const ENTRY = { file: 'search/p22.3f2a9c1d.shard', bytes: 6698, br: 2134, gz: 2259 };

test('the packed form follows the browser: brotli, else gzip, else raw', () => {
  assert.deepEqual({ ...load({ formats: ['brotli', 'gzip'] }).packedForm(ENTRY) },
    { file: 'search/p22.3f2a9c1d.shard.br', format: 'brotli', bytes: 2134 });
  assert.deepEqual({ ...load({ formats: ['gzip', 'deflate'] }).packedForm(ENTRY) },
    { file: 'search/p22.3f2a9c1d.shard.gz', format: 'gzip', bytes: 2259 });
  assert.deepEqual({ ...load({ formats: [] }).packedForm(ENTRY) },
    { file: 'search/p22.3f2a9c1d.shard', format: null, bytes: 6698 });
});

/// The order of forms a script tries, as `[suffix, format]` pairs, read from its source:
/// `for (const [suffix, name] of [["br", "brotli"], ["gz", "gzip"]])`.
function formsTried(file) {
  const text = readFileSync(path.join(root, 'themes/default', file), 'utf8');
  const m = /for \(const \[suffix, name\] of (\[\[.*?\]\])\)/.exec(text);
  assert.ok(m, `${file} chooses a compressed form`);
  return JSON.parse(m[1]);
}

test('the search page, the search worker and the service worker fetch the same form', () => {
  const rule = vm.runInContext('PACKED_FORMS', load());
  assert.ok(rule.length >= 2);
  const expected = Array.from(rule, (f) => [f.suffix.slice(1), f.format]);
  assert.deepEqual(formsTried('static/search.js'), expected);
  assert.deepEqual(formsTried('search/worker.js'), expected);
});

test('a commune page gives its team links, once each, inside the portal only', () => {
  const { offlineLinks, pageTitle } = load({ base: '/cong/' });
  const html = `<h1>Xã <em>Quảng</em> La</h1>
    <h2><a href="/cong/quang-ninh/xa-quang-la/thon-khe-cat/" data-offline>Thôn Khe Cát</a></h2>
    <p><a href="/cong/quang-ninh/xa-quang-la/thon-khe-cat/">Xem cả tổ</a></p>
    <h2><a data-offline class="x" href='/cong/quang-ninh/xa-quang-la/thon-dong-mu/'>Thôn Đồng Mụ</a></h2>
    <a href="/cong/quang-ninh/xa-quang-la/thon-khe-cat/" data-offline>again</a>
    <a href="https://zalo.me/0912000101" data-offline>elsewhere</a>
    <a href="/khac/" data-offline>outside the base</a>`;
  assert.deepEqual([...offlineLinks(html, 'https://x.vn/cong/quang-ninh/xa-quang-la/')], [
    '/cong/quang-ninh/xa-quang-la/thon-khe-cat/',
    '/cong/quang-ninh/xa-quang-la/thon-dong-mu/',
  ]);
  assert.equal(pageTitle(html), 'Xã Quảng La');
  assert.equal(pageTitle('<h1 class="a">Tổ &amp; nhóm&#39;s</h1>'), "Tổ & nhóm's");
});

test('a team page gives its contact card and its QR code', () => {
  const { contactCards, pageImages } = load();
  const html = `<img src="/assets/icon.svg" alt="" width="32" height="32">
    <a class="button" href="/quang-ninh/xa-quang-la/thon-khe-cat/to.vcf" download>Lưu số</a>
    <a href="tel:+84912000101">Gọi</a>
    <img src="/quang-ninh/xa-quang-la/thon-khe-cat/qr.svg" width="200" height="200" loading="lazy" alt="Mã QR">`;
  const at = 'https://x.vn/quang-ninh/xa-quang-la/thon-khe-cat/';
  assert.deepEqual([...contactCards(html, at)], ['/quang-ninh/xa-quang-la/thon-khe-cat/to.vcf']);
  assert.deepEqual([...pageImages(html, at, { width: 360, dpr: 2, webp: true }).files],
    ['/assets/icon.svg', '/quang-ninh/xa-quang-la/thon-khe-cat/qr.svg']);
});

// A guide's screenshot as the guides' pictures are written: WebP at three widths for a
// 234 px wide picture, a JPEG fallback.
const SHOT = `<picture><source type="image/webp" srcset="/assets/anh/buoc-1-360.3f2a9c1d.webp 360w, /assets/anh/buoc-1-540.3f2a9c1d.webp 540w, /assets/anh/buoc-1-720.3f2a9c1d.webp 720w" sizes="234px"><img src="/assets/anh/buoc-1-540.3f2a9c1d.jpg" width="1080" height="2400" alt="Bước 1" class="shot"></picture>`;
const WIDE = `<picture><source type="image/webp" srcset="/assets/anh/ban-do-360.0a1b2c3d.webp 360w, /assets/anh/ban-do-720.0a1b2c3d.webp 720w, /assets/anh/ban-do-1080.0a1b2c3d.webp 1080w, /assets/anh/ban-do-1440.0a1b2c3d.webp 1440w" sizes="(max-width: 828px) calc(100vw - 36px), 792px"><img src="/assets/anh/ban-do-720.0a1b2c3d.jpg" width="1600" height="900" alt="Bản đồ" class="wide"></picture>`;

test('a picture stores the one candidate this screen loads, and points the others to it', () => {
  const { pageImages } = load();
  const at = 'https://x.vn/huong-dan/kich-hoat-vneid-muc-2/';
  const phone = pageImages(SHOT + WIDE, at, { width: 360, dpr: 2, webp: true });
  // 234 px × 2 = 468 → 540w; (360 − 36) × 2 = 648 → 720w.
  assert.deepEqual([...phone.files], ['/assets/anh/buoc-1-540.3f2a9c1d.webp', '/assets/anh/ban-do-720.0a1b2c3d.webp']);
  assert.equal(phone.aliases['/assets/anh/buoc-1-360.3f2a9c1d.webp'], '/assets/anh/buoc-1-540.3f2a9c1d.webp');
  assert.equal(phone.aliases['/assets/anh/buoc-1-540.3f2a9c1d.jpg'], '/assets/anh/buoc-1-540.3f2a9c1d.webp');
  assert.equal(phone.aliases['/assets/anh/ban-do-1440.0a1b2c3d.webp'], '/assets/anh/ban-do-720.0a1b2c3d.webp');
  assert.equal(phone.aliases['/assets/anh/buoc-1-540.3f2a9c1d.webp'], undefined, 'the stored file is no alias');
  // A cheap 1× phone, a 3× phone, a desktop.
  assert.equal(pageImages(SHOT, at, { width: 360, dpr: 1 }).files[0], '/assets/anh/buoc-1-360.3f2a9c1d.webp');
  assert.equal(pageImages(SHOT, at, { width: 412, dpr: 3 }).files[0], '/assets/anh/buoc-1-720.3f2a9c1d.webp');
  assert.equal(pageImages(WIDE, at, { width: 1280, dpr: 1 }).files[0], '/assets/anh/ban-do-1080.0a1b2c3d.webp');
  // Without WebP, the fallback.
  assert.equal(pageImages(SHOT, at, { width: 360, dpr: 2, webp: false }).files[0], '/assets/anh/buoc-1-540.3f2a9c1d.jpg');
});

test('sizes and srcset as the worker understands them', () => {
  const { sizesPx, parseSrcset, chooseCandidate } = load();
  assert.equal(sizesPx('234px', 360), 234);
  assert.equal(sizesPx('(max-width: 828px) calc(100vw - 36px), 792px', 360), 324);
  assert.equal(sizesPx('(max-width: 828px) calc(100vw - 36px), 792px', 1280), 792);
  assert.equal(sizesPx('(min-width: 600px) 50vw, 100vw', 1000), 500);
  assert.equal(sizesPx('', 412), 412);
  assert.equal(sizesPx('(orientation: landscape) 10px, 300px', 412), 300, 'an unknown condition is passed over');
  const density = parseSrcset('a.png, b.png 2x,c.png 3x');
  assert.deepEqual(Array.from(density, (c) => [c.url, c.x]), [['a.png', 1], ['b.png', 2], ['c.png', 3]]);
  assert.equal(chooseCandidate(density, '', { width: 360, dpr: 2.75 }).url, 'c.png');
  assert.equal(chooseCandidate(density, '', { width: 360, dpr: 4 }).url, 'c.png', 'the largest when none reaches');
  assert.equal(chooseCandidate([], '', { width: 360, dpr: 1 }), null);
});

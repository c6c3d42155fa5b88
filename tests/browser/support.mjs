// Shared by the browser tests and the browser benchmark: build a portal with the real `ngo`
// binary, serve it on 127.0.0.1 (plain, or with brotli and a request log like a production
// host), and start Debian's Chromium.

import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { spawnSync } from "node:child_process";
import { brotliCompressSync, constants as zlib } from "node:zlib";
import path from "node:path";
import { chromium } from "playwright-core";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const root = repoRoot;

/** The pages the browser tests visit: one of each kind a citizen meets. */
export const PAGES = {
  home: "/",
  province: "/quang-ninh/",
  commune: "/quang-ninh/xa-quang-la/",
  team: "/quang-ninh/xa-quang-la/thon-khe-cat/",
  guide: "/huong-dan/kich-hoat-vneid-muc-2/",
  guides: "/huong-dan/",
  statistics: "/thong-ke/",
  openData: "/du-lieu-mo/",
  oldAddresses: "/tra-cuu-dia-chi-cu/",
  oldProvince: "/tra-cuu-dia-chi-cu/quang-ninh/",
  callerCheck: "/kiem-tra-so-dien-thoai/",
  removal: "/go-thong-tin/",
};

/** Debian's chromium, or the one named by $CHROMIUM; never a downloaded browser. */
export function chromiumPath() {
  const path = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: install Debian's chromium (apt-get install chromium)`);
  }
  return path;
}

/** Path of the ngo binary: $NGO_BIN, or a debug build made now with cargo. */
export function ngoBinary() {
  if (process.env.NGO_BIN) return resolve(repoRoot, process.env.NGO_BIN);
  execFileSync("cargo", ["build", "--quiet", "-p", "ngo", "--bin", "ngo"], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  const target = process.env.CARGO_TARGET_DIR
    ? resolve(repoRoot, process.env.CARGO_TARGET_DIR)
    : join(repoRoot, "target");
  return join(target, "debug", "ngo");
}

/** Builds content/ into a fresh temporary folder; returns the folder and a cleanup function. */
export function buildSample() {
  const dir = mkdtempSync(join(tmpdir(), "ngo-browser-"));
  const out = join(dir, "public");
  execFileSync(ngoBinary(), ["build", join(repoRoot, "content"), "-o", out, "-q"], {
    stdio: "inherit",
  });
  return { out, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".vcf": "text/vcard; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".wasm": "application/wasm",
  ".shard": "application/octet-stream",
  ".webmanifest": "application/manifest+json",
};

/** Serves `root` on 127.0.0.1 (a free port); resolves to { origin, close }. */
export function serve(root) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(root, path));
    const inside = file.startsWith(root + "/") || file === root;
    let status = 200;
    let body;
    let type = TYPES[extname(file)] || "application/octet-stream";
    if (inside && existsSync(file) && statSync(file).isFile()) {
      body = readFileSync(file);
    } else {
      status = 404;
      body = readFileSync(join(root, "404.html"));
      type = TYPES[".html"];
    }
    res.writeHead(status, { "content-type": type });
    res.end(body);
  });
  return new Promise((done) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      done({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((closed) => server.close(closed)),
      });
    });
  });
}

/// Builds a content folder (the sample portal by default) into a fresh temporary folder.
export function buildSite(content = path.join(root, 'content'), extra = []) {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'ngo-browser-')), 'public');
  const run = spawnSync(ngoBinary(), ['build', content, '-o', out, ...extra], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ngo build failed:\n${run.stdout}\n${run.stderr}`);
  return out;
}


/// Serves `dir` on 127.0.0.1 (brotli when asked, as CDNs do, unless `compress` is false: a host
/// that compresses nothing), under `prefix` (a sub-path).
/// Resolves to {url, close, log, throttle}; `log` records every request with its transferred
/// size and arrival time. `quality` is brotli's: 11 as hosts precompress, lower to keep tests
/// quick.
///
/// `stall(true)` makes it a connection that is up but does not answer: requests are accepted and
/// never answered (until `stall(false)` or `close()`), as on "lie-fi".
///
/// `throttle(true)` makes the server behave like DevTools' "Slow 4G" link for every request,
/// the page's and its Web Worker's alike (DevTools' own throttling does not reach dedicated
/// workers, where the search engine and shards are fetched): each response leaves after the
/// round-trip latency, and all responses share one 180 KB/s downlink.
export function serveStatic(dir, prefix = '/', { quality = 11, compress = true } = {}) {
  const compressed = new Map();
  const log = [];
  let slow = false;
  let stalled = false;
  const held = new Set(); // responses held while stalled
  let linkFree = 0; // when the shared downlink has sent everything queued so far
  const send = (res, status, headers, body) => {
    if (!slow) { res.writeHead(status, headers); res.end(body); return; }
    const start = Math.max(Date.now() + SLOW_4G.latency, linkFree);
    linkFree = start + (body.length / SLOW_4G.bytesPerSecond) * 1000;
    setTimeout(() => { res.writeHead(status, headers); res.end(body); }, linkFree - Date.now());
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (stalled) {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(prefix)) { res.writeHead(404); res.end(); return; }
    rel = rel.slice(prefix.length);
    let file = path.join(dir, rel);
    if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
    try { if (statSync(file).isDirectory()) file = path.join(file, 'index.html'); } catch (_) { /* 404 below */ }
    let body;
    try { body = readFileSync(file); } catch (_) {
      const page = existsSync(path.join(dir, '404.html')) ? readFileSync(path.join(dir, '404.html')) : 'not found';
      send(res, 404, { 'content-type': 'text/html; charset=utf-8' }, page);
      return;
    }
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
    if (compress && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
      // Kept per file while its bytes stay the same: a test may rebuild the portal in place.
      const known = compressed.get(file);
      if (!known || !known.raw.equals(body)) {
        compressed.set(file, { raw: body, packed: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality } }) });
      }
      body = compressed.get(file).packed;
      headers['content-encoding'] = 'br';
    }
    headers['content-length'] = body.length;
    log.push({ path: url.pathname, bytes: body.length, at: Date.now() });
    send(res, 200, headers, body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${prefix}`,
        log,
        throttle: (on) => { slow = on; linkFree = 0; },
        stall: (on) => {
          stalled = on;
          if (!on) for (const res of held) res.destroy();
        },
        close: () => new Promise((r) => {
          for (const res of held) res.destroy();
          server.close(r);
        }),
      });
    });
  });
}

/// Builds `content` into `out` again, as a host's next deployment would (an incremental build
/// into the same folder). `edit(dir)` may change a copy of the content first.
export function rebuildInto(out, edit = () => {}, content = path.join(root, 'content')) {
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'ngo-content-')), 'content');
  cpSync(content, copy, { recursive: true });
  edit(copy);
  const run = spawnSync(ngoBinary(), ['build', copy, '-o', out, '-q'], { encoding: 'utf8' });
  rmSync(path.dirname(copy), { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`ngo build failed:\n${run.stdout}\n${run.stderr}`);
}

/// Every cache of the page's origin: {name: [site-relative paths]}.
export async function cachedFiles(page) {
  return page.evaluate(async () => {
    const all = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      all[name] = (await cache.keys()).map((r) => new URL(r.url).pathname);
    }
    return all;
  });
}

/// DevTools' "Slow 4G" preset, as the issue states it.
export const SLOW_4G = { latency: 562.5, bytesPerSecond: 180 * 1024 };

/// Headless Debian Chromium; never a downloaded browser.
export function launch() {
  const executablePath = chromiumPath();
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

// Shared by the browser tests and the browser benchmark: build a portal with the real `ngo`,
// serve a folder over HTTP with brotli like a production host, and start Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/// The ngo binary: $NGO_BIN, else the release build, else the debug build.
export function ngoBinary() {
  const candidates = [process.env.NGO_BIN, 'target/release/ngo', 'target/debug/ngo']
    .filter(Boolean)
    .map((p) => path.resolve(root, p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('build ngo first: cargo build --release -p ngo');
  return found;
}

/// Builds a content folder (the sample portal by default) into a fresh temporary folder.
export function buildSite(content = path.join(root, 'content'), extra = []) {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'ngo-browser-')), 'public');
  const run = spawnSync(ngoBinary(), ['build', content, '-o', out, ...extra], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ngo build failed:\n${run.stdout}\n${run.stderr}`);
  return out;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.shard': 'application/octet-stream',
  '.webmanifest': 'application/manifest+json', '.vcf': 'text/vcard', '.csv': 'text/csv',
};

/// Serves `dir` on 127.0.0.1 (brotli when asked, as CDNs do), under `prefix` (a sub-path).
/// Resolves to {url, close, log}; `log` records every request with its transferred size.
export function serveStatic(dir, prefix = '/') {
  const compressed = new Map();
  const log = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(prefix)) { res.writeHead(404); res.end(); return; }
    rel = rel.slice(prefix.length);
    let file = path.join(dir, rel);
    if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
    try { if (statSync(file).isDirectory()) file = path.join(file, 'index.html'); } catch (_) { /* 404 below */ }
    let body;
    try { body = readFileSync(file); } catch (_) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(existsSync(path.join(dir, '404.html')) ? readFileSync(path.join(dir, '404.html')) : 'not found');
      return;
    }
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
    if (/\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
      if (!compressed.has(file)) {
        compressed.set(file, brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
      }
      body = compressed.get(file);
      headers['content-encoding'] = 'br';
    }
    headers['content-length'] = body.length;
    log.push({ path: url.pathname, bytes: body.length, at: Date.now() });
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}${prefix}`, log, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/// Headless Debian Chromium; never a downloaded browser.
export function launch() {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/// DevTools' "Slow 4G" preset: 562.5 ms latency, 180 KB/s down, 84 KB/s up.
export async function slow4g(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 562.5, downloadThroughput: 180 * 1024, uploadThroughput: 84 * 1024,
  });
  return cdp;
}

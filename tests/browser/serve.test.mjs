// `ngo serve` in real headless Chromium, as an editor uses it: a saved edit reloads the open
// page, a mistake shows over the page with its file, line and column and goes when fixed, and
// many open tabs of the preview share one live-reload connection, so a page load never waits
// for a free one (a browser opens at most six to one server).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { launch, ngoBinary, root } from './support.mjs';

const COMMUNE = 'teams/quang-ninh/quang-la.yaml';
const TEAM = 'quang-ninh/xa-quang-la/thon-khe-cat/';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// The minimal fixture, limited to its province, previewed by `ngo serve`; resolves once ready.
async function startPreview() {
  const dir = mkdtempSync(path.join(tmpdir(), 'ngo-serve-'));
  const site = path.join(dir, 'site');
  cpSync(path.join(root, 'tests/fixtures/minimal'), site, { recursive: true });
  const config = path.join(site, 'site.yaml');
  writeFileSync(config, readFileSync(config, 'utf8') + 'scope:\n  provinces: [22]\n');
  const child = spawn(ngoBinary(), ['serve', site, '--port', '0'], {
    env: { ...process.env, XDG_CACHE_HOME: path.join(dir, 'cache') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  let url;
  await new Promise((ready, failed) => {
    child.on('exit', (code) => failed(new Error(`ngo serve exited with ${code}`)));
    lines.on('line', (line) => {
      url ??= line.split(' ').find((w) => w.startsWith('http://'));
      if (line.startsWith('Sẵn sàng')) ready();
    });
  });
  return {
    url,
    site,
    edit: (rel, change) => {
      const file = path.join(site, rel);
      writeFileSync(file, change(readFileSync(file, 'utf8')));
    },
    stop: () => {
      child.kill('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('a saved edit reloads the page, and a mistake shows over it until it is fixed', async () => {
  const preview = await startPreview();
  const page = await browser.newPage();
  try {
    await page.goto(preview.url + TEAM);
    await page.waitForSelector('text=Nhà văn hóa thôn Khe Cát');
    const original = readFileSync(path.join(preview.site, COMMUNE), 'utf8');

    preview.edit(COMMUNE, (t) => t.replace('Nhà văn hóa thôn Khe Cát', 'Hội trường mới'));
    await page.waitForSelector('text=Hội trường mới', { timeout: 20000 });

    preview.edit(COMMUNE, (t) => t.replace('"0912 000 101"', '"0912 000"'));
    const overlay = page.locator('[role=alertdialog]');
    await overlay.waitFor({ timeout: 20000 });
    const shown = await overlay.innerText();
    assert.match(shown, /teams\/quang-ninh\/quang-la\.yaml:12:16: lỗi: số điện thoại không hợp lệ/);
    assert.match(await page.locator('body').innerText(), /Hội trường mới/, 'the last good page under it');

    writeFileSync(path.join(preview.site, COMMUNE), original);
    await overlay.waitFor({ state: 'detached', timeout: 20000 });
    await page.waitForSelector('text=Nhà văn hóa thôn Khe Cát', { timeout: 20000 });
  } finally {
    await page.close();
    preview.stop();
  }
});

test('many open tabs share one live-reload connection, and every one reloads', async () => {
  const preview = await startPreview();
  const context = await browser.newContext();
  try {
    const tabs = [];
    for (let i = 0; i < 8; i++) {
      const tab = await context.newPage();
      await tab.goto(preview.url + TEAM);
      tabs.push(tab);
    }
    // With a channel per tab, the seventh would already have waited for a free connection.
    const started = Date.now();
    const another = await context.newPage();
    await another.goto(preview.url + 'quang-ninh/', { timeout: 10000 });
    assert.ok(Date.now() - started < 5000, `a page load waited ${Date.now() - started} ms`);

    preview.edit(COMMUNE, (t) => t.replace('Nhà văn hóa thôn Khe Cát', 'Nhà văn hóa mới'));
    for (const tab of tabs) {
      await tab.waitForSelector('text=Nhà văn hóa mới', { timeout: 20000 });
    }
  } finally {
    await context.close();
    preview.stop();
  }
});

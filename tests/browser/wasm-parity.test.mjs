// The WebAssembly engine in Node must answer exactly as `ngo search --json` does natively, on
// the same shard files of the built sample portal: same hits, order, scores and notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSite, ngoBinary, root } from './support.mjs';

const QUERIES = [
  'to cong nghe so thon khe cat', 'dvc nop ho so khai sinh', 'lua dao qua dien thoai',
  'xa dan chu ha long', 'Hoà', 'hòa', 'HOA', 'thuý', 'thúy', 'tdp so 5', 'thôn 4', 'kich hoat vne',
  'vnied', '0912 000 101', '+84912000101', 'quang la', 'tp ha long', 'ha giang', 'so suc khoe dien tu',
  'Đồng Mụ', 'dong mu', 'xa lung cu', 'thanh toan qr', 'zalo', 'bình dân học vụ số',
];

const site = buildSite();
const theme = path.join(root, 'themes/default/search');
const glue = await import(pathToFileURL(path.join(theme, 'ngo_search.js')).href);
await glue.default({ module_or_path: readFileSync(path.join(theme, 'ngo_search_bg.wasm')) });
const manifest = JSON.parse(readFileSync(path.join(site, 'search/manifest.json'), 'utf8'));
const engine = new glue.SearchEngine();
const shards = { places: manifest.places, former: manifest.former, guides: manifest.guides };
for (const [code, entry] of Object.entries(manifest.provinces)) shards['p' + code] = entry;
for (const [name, entry] of Object.entries(shards)) {
  engine.add_shard(name, readFileSync(path.join(site, entry.file)));
}

function native(query, limit) {
  const run = spawnSync(ngoBinary(), ['search', '--json', '--site', site, '--limit', String(limit), query], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

const row = (h) => [h.kind, h.title, h.url, h.subtitle, h.province ?? null, h.commune ?? null, h.id ?? null, h.note ?? null];

for (const query of QUERIES) {
  test(`WASM and native agree on ${JSON.stringify(query)}`, () => {
    const want = native(query, 10);
    const got = engine.search(query, 10, undefined, undefined);
    assert.deepEqual(got.map(row), want.map(row));
    got.forEach((hit, i) => {
      assert.ok(Math.abs(hit.score - want[i].score) <= 1e-5 * Math.max(1, want[i].score), `${hit.title}: ${hit.score} != ${want[i].score}`);
      assert.deepEqual(hit.highlights, want[i].highlights);
    });
  });
}

test('the query set is not trivial: most queries find something', () => {
  const found = QUERIES.filter((q) => engine.search(q, 3, undefined, undefined).length > 0);
  assert.ok(found.length >= QUERIES.length - 2, `only ${found.length} of ${QUERIES.length}`);
});

// The WebAssembly engine in Node must answer exactly as `ngo search --json` does natively, on
// the same shard files of the built sample portal, loaded as the browser's worker loads them
// (the shards each answer asks for, phone candidates confirmed by the team's contact card):
// same hits, order, scores and notes.
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
engine.offer(Object.keys(manifest.shards));
if (manifest.phones) engine.offer_phones(manifest.phones.bits);

/// The raw bytes of a shard or phone bucket, as the worker gets them once decompressed.
function file(name) {
  if (manifest.shards[name]) return readFileSync(path.join(site, manifest.shards[name].file));
  return readFileSync(path.join(site, manifest.phones.dir + name + '.json'));
}

/// What the worker shows for a query: the engine asked again until it needs nothing more, and
/// phone candidates confirmed by their team's contact card, first.
function search(query, limit) {
  let answer = engine.answer(query, limit, undefined, undefined);
  for (let round = 0; round < 8 && answer.needs.length; round += 1) {
    for (const name of answer.needs) engine.add_shard(name, file(name));
    answer = engine.answer(query, limit, undefined, undefined);
  }
  assert.deepEqual(answer.needs, [], `${query}: still needs shards`);
  const confirmed = answer.phones
    .filter((p) => glue.vcard_holds(readFileSync(path.join(site, p.vcard), 'utf8'), p.number))
    .map((p) => p.hit);
  return confirmed.concat(answer.hits.filter((h) => !confirmed.some((c) => c.url === h.url))).slice(0, limit);
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
    const got = search(query, 10);
    assert.deepEqual(got.map(row), want.map(row));
    got.forEach((hit, i) => {
      assert.ok(Math.abs(hit.score - want[i].score) <= 1e-5 * Math.max(1, want[i].score), `${hit.title}: ${hit.score} != ${want[i].score}`);
      assert.deepEqual(hit.highlights, want[i].highlights);
    });
  });
}

test('the query set is not trivial: most queries find something', () => {
  const found = QUERIES.filter((q) => search(q, 3).length > 0);
  assert.ok(found.length >= QUERIES.length - 2, `only ${found.length} of ${QUERIES.length}`);
});

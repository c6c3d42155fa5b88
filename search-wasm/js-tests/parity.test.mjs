// The browser build must answer exactly as the native build: same hits, same order, same
// scores. Run with `cargo xtask test-wasm`, which builds the module into target/wasm-dist/ and
// writes the shards and the native hits into target/search-fixtures/ first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..');
const dist = process.env.NGO_WASM_DIST ?? path.join(root, 'target/wasm-dist');
const fixtures = process.env.NGO_SEARCH_FIXTURES ?? path.join(root, 'target/search-fixtures');

const glue = await import(pathToFileURL(path.join(dist, 'ngo_search.js')).href);
await glue.default({ module_or_path: await readFile(path.join(dist, 'ngo_search_bg.wasm')) });
const { SearchEngine } = glue;

const expected = JSON.parse(await readFile(path.join(fixtures, 'queries.json'), 'utf8'));
const engine = new SearchEngine();
for (const name of expected.shards) {
  engine.add_shard(name, await readFile(path.join(fixtures, `${name}.shard`)));
}

for (const c of expected.cases) {
  test(`same hits as native for ${JSON.stringify(c.query)} ${c.kind ?? ''} ${c.province ?? ''}`, () => {
    const hits = engine.search(c.query, c.limit, c.kind ?? undefined, c.province ?? undefined);
    const rows = (list) => list.map((h) => [h.kind, h.title, h.url, h.subtitle, h.province, h.commune, h.id, h.note]);
    assert.deepEqual(rows(hits), rows(c.hits));
    hits.forEach((hit, i) => {
      const want = c.hits[i].score;
      assert.ok(Math.abs(hit.score - want) <= 1e-6, `${hit.title}: score ${hit.score} != ${want}`);
      assert.deepEqual(hit.highlights, c.hits[i].highlights);
    });
  });
}

test('marks are UTF-16 ranges of the same words as the byte highlights', () => {
  const [hit] = engine.search('quang l', 1);
  assert.equal(hit.title, 'Xã Quảng La');
  assert.deepEqual(hit.marks.map(([s, e]) => hit.title.slice(s, e)), ['Quảng', 'La']);
});

test('bad shard bytes and unknown kinds are errors with a message', () => {
  assert.throws(() => engine.add_shard('bad', new Uint8Array([60, 104, 116, 109, 108, 62])), /not a search shard/);
  assert.throws(() => engine.search('thon', 10, 'village'), /unknown kind/);
});

test('shards can be dropped and added again', async () => {
  assert.deepEqual(engine.shard_names(), ['guides', 'places', 'province-22']);
  assert.equal(engine.drop_shard('province-22'), true);
  assert.equal(engine.drop_shard('province-22'), false);
  assert.equal(engine.search('0912 345 678', 10).length, 0);
  engine.add_shard('province-22', await readFile(path.join(fixtures, 'province-22.shard')));
  assert.equal(engine.search('0912 345 678', 10)[0].title, 'Thôn Khe Cát');
});

// The browser build must answer exactly as the native build: for every case of
// fixtures.json, a WebAssembly `SearchEngine` loaded the way the search worker loads it — ask,
// add the shards the answer `needs`, ask again — must ask for the same shards round by round
// and end with the same hits, order, scores, notes and highlights, the same count and the same
// phone candidates as the native `Engine::answer`. Run with `cargo xtask test-wasm`, which
// builds the module into target/wasm-dist/ and writes the portal files and the native answers
// into target/search-fixtures/ first (`search-wasm/examples/write-fixtures.rs`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const here = import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../..');
const dist = process.env.NGO_WASM_DIST ?? path.join(root, 'target/wasm-dist');
const dir = process.env.NGO_SEARCH_FIXTURES ?? path.join(root, 'target/search-fixtures');

const glue = await import(pathToFileURL(path.join(dist, 'ngo_search.js')).href);
await glue.default({ module_or_path: await readFile(path.join(dist, 'ngo_search_bg.wasm')) });
const { SearchEngine, phone_digest: phoneDigest } = glue;

const fixtures = JSON.parse(await readFile(path.join(dir, 'fixtures.json'), 'utf8'));
const files = new Map();
for (const [name, file] of Object.entries(fixtures.files)) {
  files.set(name, new Uint8Array(await readFile(path.join(dir, file))));
}

// A module without a phone list API answers as a native engine told of no phone list: no
// bucket is asked for and no number is looked up.
const PHONES = typeof SearchEngine.prototype.offer_phones === 'function';
const isBucket = (name) => name.startsWith('tel-');

function engine() {
  const e = new SearchEngine();
  e.offer(fixtures.offered);
  if (PHONES) e.offer_phones(fixtures.phone_bits);
  return e;
}

const kindOf = (c) => c.kind ?? undefined;
const provinceOf = (c) => c.province ?? undefined;

/// Asks until nothing more is needed, adding what each answer needs, as the worker does.
function complete(e, c) {
  const rounds = [];
  for (let round = 0; round < 6; round++) {
    const answer = e.answer(c.query, c.limit, kindOf(c), provinceOf(c));
    rounds.push(answer.needs);
    if (answer.needs.length === 0) return { answer, rounds };
    for (const name of answer.needs) {
      assert.ok(files.has(name), `the engine asked for ${name}, which the portal does not have`);
      e.add_shard(name, files.get(name));
    }
  }
  assert.fail(`${JSON.stringify(c.query)} still needs shards after 6 rounds: ${JSON.stringify(rounds)}`);
}

/// What native answered, as a module without the phone list API would have.
function expected(c) {
  if (PHONES) return c;
  const rounds = c.rounds.map((r) => r.filter((n) => !isBucket(n))).filter((r, i, all) => r.length > 0 || i === all.length - 1);
  return { ...c, rounds, phones: [] };
}

const row = (h) => [h.kind, h.title, h.url, h.subtitle, h.province ?? null, h.commune ?? null, h.id ?? null, h.teams ?? null, h.note ?? null];
const utf8 = new TextEncoder();
const fromBytes = new TextDecoder();

function assertSameHits(got, want, label) {
  assert.deepEqual(got.map(row), want.map(row), label);
  got.forEach((hit, i) => {
    const score = want[i].score;
    // Scores are f32 on both sides: the engine's reaches JavaScript widened to a double, the
    // fixture's was written as the shortest decimal of the f32. Compared as f32, they are equal.
    assert.equal(Math.fround(hit.score), Math.fround(score), `${label}: ${hit.title}: score ${hit.score} != ${score}`);
    assert.deepEqual(hit.highlights, want[i].highlights, `${label}: ${hit.title}`);
    // The marks are the same words as the byte highlights, as JavaScript slices them.
    const bytes = utf8.encode(hit.title);
    const words = hit.highlights.map(([s, e]) => fromBytes.decode(bytes.slice(s, e)));
    assert.deepEqual(hit.marks.map(([s, e]) => hit.title.slice(s, e)), words, `${label}: ${hit.title}`);
  });
}

function assertSamePhones(got, want, label) {
  const phone = (p) => {
    const hit = p.hit ?? p;
    return [hit.kind, hit.title, hit.url, hit.subtitle, hit.province ?? null, hit.commune ?? null, p.vcard, p.number];
  };
  assert.deepEqual((got ?? []).map(phone), want.map(phone), label);
}

const label = (c) => `${JSON.stringify(c.query)}${c.kind ? ' ' + c.kind : ''}${c.province ? ' in ' + c.province : ''}`;

for (const c of fixtures.cases) {
  test(`same answer as native for ${label(c)}`, () => {
    const want = expected(c);
    const { answer, rounds } = complete(engine(), c);
    assert.deepEqual(rounds, want.rounds, `${label(c)}: rounds`);
    assertSameHits(answer.hits, want.hits, label(c));
    assert.equal(answer.total, want.total, `${label(c)}: total`);
    assertSamePhones(answer.phones, want.phones, label(c));
  });
}

test('one engine going from query to query answers each as a fresh one', () => {
  const tab = engine();
  for (const c of [...fixtures.cases, ...[...fixtures.cases].reverse()]) {
    const want = expected(c);
    const { answer } = complete(tab, c);
    assertSameHits(answer.hits, want.hits, label(c));
    assert.equal(answer.total, want.total, `${label(c)}: total`);
    assertSamePhones(answer.phones, want.phones, label(c));
  }
  assert.ok(tab.shard_names().includes('hamlets'), tab.shard_names().join(', '));
});

test('the cases are not trivial', () => {
  const cases = fixtures.cases;
  assert.ok(cases.filter((c) => c.hits.length > 0 || c.phones.length > 0).length >= cases.length - 8);
  const loaded = new Set(cases.flatMap((c) => c.rounds.flat()));
  for (const name of ['places', 'guides', 'former', 'hamlets', 'p22', 'p56']) assert.ok(loaded.has(name), name);
  assert.ok([...loaded].some(isBucket));
  assert.ok(cases.some((c) => c.phones.some((p) => p.confirmed)));
  assert.ok(cases.some((c) => c.phones.some((p) => !p.confirmed)));
});

/// Whether a contact card lists a national number, in whatever spelling (as the worker
/// confirms a phone candidate before showing it).
function cardHolds(card, number) {
  const national = (text) => {
    const international = /^[^0-9]*\+/.test(text);
    let digits = text.replace(/[^0-9]/g, '');
    if (digits.startsWith('84') && (international || digits.length > 10)) digits = '0' + digits.slice(2);
    return digits.startsWith('0') ? digits : '0' + digits;
  };
  return card.split(/\r?\n/).filter((line) => /^TEL/i.test(line))
    .some((line) => national(line.slice(line.indexOf(':') + 1)) === national(number));
}

test('phone candidates are confirmed by the contact card as natively', () => {
  const candidates = fixtures.cases.flatMap((c) => c.phones);
  assert.ok(candidates.length >= 3);
  for (const p of candidates) {
    assert.equal(cardHolds(fixtures.vcards[p.vcard] ?? '', p.number), p.confirmed, `${p.number} in ${p.vcard}`);
  }
});

test('phone_digest gives the native digest of any spelling', () => {
  for (const [text, digest] of fixtures.digests) {
    assert.equal(phoneDigest(text) ?? null, digest, text);
  }
  assert.equal(phoneDigest('0912 345 678'), phoneDigest('+84 912 345 678'));
});

test('shards can be dropped and added again', () => {
  const e = engine();
  const c = { query: 'khe cat', limit: 10, kind: null, province: 22 };
  const before = complete(e, c).answer;
  assert.deepEqual(e.shard_names(), ['p22']);
  assert.equal(e.drop_shard('p22'), true);
  assert.equal(e.drop_shard('p22'), false);
  assert.deepEqual(e.answer(c.query, c.limit, undefined, 22).needs, ['p22']);
  e.add_shard('hamlets', files.get('hamlets'));
  assert.deepEqual(e.shard_names(), ['hamlets']);
  const again = complete(e, c).answer;
  assertSameHits(again.hits, before.hits, 'added again');
});

test('bad shard bytes and unknown kinds are errors with a Vietnamese message', () => {
  const e = engine();
  assert.throws(() => e.add_shard('places', new Uint8Array([60, 104, 116, 109, 108, 62])), /không phải phân đoạn tìm kiếm/);
  const cut = files.get('places').slice(0, 200);
  assert.throws(() => e.add_shard('places', cut), /bị hỏng/);
  const future = files.get('places').slice();
  future.set([99, 0, 0, 0], 8);
  assert.throws(() => e.add_shard('places', future), /định dạng 99/);
  assert.throws(() => e.answer('thon', 10, 'village', undefined), /loại kết quả không rõ/);
  assert.deepEqual(e.shard_names(), []);
});

// Query latency of the WebAssembly engine in Node, on the shards a visitor loads first (places,
// guides and one province), with the query set the native measurement uses.
//
//   node benches/wasm-latency.mjs BUILT_SITE PROVINCE [ROUNDS]   (a code, or a shard name: p22)
//
// Prints one JSON object: load_ms, p50_ms, p95_ms, runs, with_hits.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [site, province, roundsArg] = process.argv.slice(2);
if (!site || !province) {
  console.error('usage: wasm-latency.mjs SITE PROVINCE_CODE [ROUNDS]');
  process.exit(2);
}
const rounds = Number(roundsArg ?? 20);
const here = path.dirname(fileURLToPath(import.meta.url));
const theme = path.join(here, '..', 'themes/default/search');
const groups = JSON.parse(readFileSync(path.join(here, 'queries.json'), 'utf8'));
const queries = Object.values(groups).filter(Array.isArray).flat();

const glue = await import(pathToFileURL(path.join(theme, 'ngo_search.js')).href);
await glue.default({ module_or_path: readFileSync(path.join(theme, 'ngo_search_bg.wasm')) });
const manifest = JSON.parse(readFileSync(path.join(site, 'search/manifest.json'), 'utf8'));
const code = Number(String(province).replace(/^p/, ''));
const names = ['places', 'guides', 'p' + code];
if (!manifest.shards['p' + code]) throw new Error(`no shard for province ${province}`);

const engine = new glue.SearchEngine();
engine.offer(Object.keys(manifest.shards));
const loadStarted = performance.now();
for (const name of names) {
  engine.add_shard(name, readFileSync(path.join(site, manifest.shards[name].file)));
}
const loadMs = performance.now() - loadStarted;

const answer = (q) => engine.answer(q, 10, undefined, code);
const withHits = queries.filter((q) => answer(q).hits.length > 0).length;
const times = [];
for (let r = 0; r < rounds; r += 1) {
  for (const q of queries) {
    const started = performance.now();
    answer(q);
    times.push(performance.now() - started);
  }
}
times.sort((a, b) => a - b);
// Nearest rank, as the native measurement computes it.
const pct = (p) => times[Math.min(times.length - 1, Math.max(0, Math.ceil(times.length * p) - 1))];
console.log(JSON.stringify({ load_ms: loadMs, p50_ms: pct(0.5), p95_ms: pct(0.95), runs: times.length, with_hits: withHits }));

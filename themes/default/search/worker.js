// The search worker. The build appends this to the wasm-bindgen glue (`ngo_search.js`) and
// serves the two as one module worker, so `__wbg_init` and `SearchEngine` are in scope and the
// browser makes one request for the worker instead of two in a row.
//
// Messages in:  {type: "init", wasm, base, manifest, province}
//               {type: "province", province}
//               {type: "search", id, query, limit}
// Messages out: {type: "ready", shards}  each time a shard has been added (the page re-runs
//                                        its query)
//               {type: "results", id, query, hits, loading}  `loading` while a shard needed
//                                        for the first results (places, guides, the
//                                        province) is still on its way: the page waits for
//                                        those rather than show results that would reorder
//               {type: "error", message}

let engine = null;
let base = "/";
let manifest = null;
let province = null;
const pending = new Map(); // shard name -> Promise of its bytes being added

self.onmessage = (event) => {
  const message = event.data;
  try {
    if (message.type === "init") init(message);
    else if (message.type === "province") useProvince(message.province);
    else if (message.type === "search") search(message);
  } catch (error) {
    self.postMessage({ type: "error", message: String(error && error.message || error) });
  }
};

let started = null;
function init(message) {
  if (started) return;
  base = message.base;
  manifest = message.manifest;
  province = message.province ?? null;
  // Everything needed for the first results is requested at once: the module and the shards
  // travel in parallel, and each shard is added as soon as both it and the module are in.
  const ready = __wbg_init({ module_or_path: fetch(message.wasm) }).then(() => {
    engine = new SearchEngine();
  });
  started = ready;
  const first = ["places", "guides"];
  if (province !== null) first.push("p" + province);
  for (const name of first) load(name, ready);
  ready.catch(fail);
  // Pre-2025 communes are needed for old addresses only: they come once the rest is in.
  Promise.allSettled([...pending.values()]).then(() => load("former", ready));
}

function entry(name) {
  if (name === "places" || name === "guides" || name === "former") return manifest[name];
  return manifest.provinces[name.slice(1)];
}

function load(name, ready) {
  if (pending.has(name)) return pending.get(name);
  const shard = entry(name);
  if (!shard) return Promise.resolve();
  const bytes = fetch(base + shard.file).then((response) => {
    if (!response.ok) throw new Error(shard.file + ": " + response.status);
    return response.arrayBuffer();
  });
  const added = Promise.all([bytes, ready]).then(([buffer]) => {
    engine.add_shard(name, new Uint8Array(buffer));
    self.postMessage({ type: "ready", shards: engine.shard_names() });
  });
  added.catch(fail);
  pending.set(name, added);
  return added;
}

function useProvince(code) {
  const next = code === null || code === undefined ? null : Number(code);
  if (next === province) return;
  // Keep memory to one province's teams: a citizen searches their own province.
  if (province !== null && engine) {
    engine.drop_shard("p" + province);
    pending.delete("p" + province);
  }
  province = next;
  if (province !== null && started) load("p" + province, started);
}

function search({ id, query, limit }) {
  if (!engine) {
    self.postMessage({ type: "results", id, query, hits: [], loading: true });
    return;
  }
  const hits = engine.search(query, limit || 20, undefined, undefined);
  const held = new Set(engine.shard_names());
  const needed = ["places", "guides"];
  if (province !== null && entry("p" + province)) needed.push("p" + province);
  const loading = needed.some((name) => entry(name) && !held.has(name));
  self.postMessage({ type: "results", id, query, hits, loading });
}

function fail(error) {
  self.postMessage({ type: "error", message: String(error && error.message || error) });
}

// The search worker. The build appends this to the wasm-bindgen glue (`ngo_search.js`) and
// serves the two as one module worker, so `__wbg_init`, `SearchEngine`, `phone_digest` and
// `vcard_holds` are in scope and the browser makes one request for the worker instead of two.
//
// The engine says which shards a query needs (`answer(...).needs`); the worker fetches them
// and asks again, so a query that names a commune of another province, an old address or only
// a hamlet gets the shards that answer it. Results are posted once the answer is complete.
//
// Messages in:  {type: "init", base, wasm, manifest, province, pageFetchesEngine?,
//                      pageFetchesManifest?}  addresses are site-relative; always the first
//               {type: "engine", body, form}         the engine's response body the page started
//                      fetching (in form `form`: "br", "gz" or ""), so the download need not wait
//                      for this worker's own script; `body` null: fetch it here
//               {type: "manifest", manifest}         the search manifest, fetched by the page
//               {type: "province", province}
//               {type: "search", id, query, limit}
//               {type: "caller", id, number}          "who is calling me?"
// Messages out: {type: "progress", id}                 the answer waits for shards on the way
//               {type: "results", id, query, hits, total, missing, offline}
//                                                      `missing`: shards that could not be
//                                                      fetched (no signal): results may lack some;
//                                                      `offline`: some were not saved on this
//                                                      phone and there is no signal
//               {type: "caller", id, status, teams}    status: "listed", "unlisted", "invalid",
//                                                      "unavailable" (the list could not be read)
//               {type: "error", message, offline}      the engine could not start; `offline`:
//                                                      it is not saved here and there is no signal

let base = "/";
let province = null;
let manifest = null;
let engine = null;
let ready = null; // resolves when the engine and the manifest are in
const pending = new Map(); // shard name -> promise of it being added
const failed = new Set(); // shard names that could not be fetched
const unsaved = new Set(); // of those, the ones not saved for offline use, without a signal
let latest = 0;

// Shards and engine are also written compressed at build time: most hosts do not compress
// binary files. The browser undoes brotli or gzip itself when it can. The page script makes
// the same choice for the engine it starts fetching, and the service worker stores this form
// when a commune is saved: one rule, kept in themes/default/pwa/packed.js and docs/offline.md
// ("Which compressed form"); change all three together.
const FORMAT = (() => {
  for (const [suffix, name] of [["br", "brotli"], ["gz", "gzip"]]) {
    try { new DecompressionStream(name); return { suffix, name }; } catch (_) { /* not here */ }
  }
  return null;
})();
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
const SHARD_MAGIC = [...new TextEncoder().encode("NGOSHARD")];

let manifestArrived;
const manifestGiven = new Promise((resolve) => { manifestArrived = resolve; });
let engineArrived;
const engineGiven = new Promise((resolve) => { engineArrived = resolve; });

self.onmessage = (event) => {
  const message = event.data || {};
  if (message.type === "init") init(message);
  else if (message.type === "engine") engineArrived(message);
  else if (message.type === "manifest") manifestArrived(message.manifest);
  else if (message.type === "province") useProvince(message.province);
  else if (message.type === "search") search(message).catch(fail);
  else if (message.type === "caller") caller(message).catch(fail);
};

function init(message) {
  if (ready) return;
  base = message.base;
  province = message.province ?? null;
  // The engine starts downloading at once, beside the manifest; the first shards follow the
  // manifest, and compile while the engine still streams in.
  const body = message.pageFetchesEngine
    ? engineGiven.then((given) => (given.body
      ? undone(given.body, given.form, WASM_MAGIC)
      : packed(message.wasm, WASM_MAGIC)))
    : packed(message.wasm, WASM_MAGIC);
  const compiled = body
    .then((b) => __wbg_init({ module_or_path: new Response(b, { headers: { "Content-Type": "application/wasm" } }) }))
    .then(() => { engine = new SearchEngine(); });
  const fetched = message.pageFetchesManifest
    ? manifestGiven
    : fetch(base + message.manifest).then((r) => { if (!r.ok) throw new Error(message.manifest + ": " + r.status); return r.json(); });
  const listed = fetched.then((m) => { if (!m) throw new Error(message.manifest); manifest = m; });
  ready = Promise.all([compiled, listed]).then(() => {
    engine.offer(Object.keys(manifest.shards));
    if (manifest.phones) engine.offer_phones(manifest.phones.bits);
  });
  ready.catch(fail);
  listed.then(() => {
    // What the engine needs first (see `always_needed` in the engine): the chosen province's
    // shard, which holds its communes, or without one the places of the whole country.
    const first = province !== null ? "p" + province : "places";
    // The guides come next, but never on the link while a search waits for its own shards,
    // nor while its answer is being drawn.
    const pause = () => new Promise((resolve) => setTimeout(resolve, 1000));
    load(first).then(quiet).then(pause).then(quiet).then(() => load("guides"));
  }, () => {});
}

function useProvince(code) {
  province = code === null || code === undefined || code === "" ? null : Number(code);
  if (province !== null && manifest) load("p" + province);
}

/// The address a shard or phone bucket is fetched from, or null when the portal has none.
function address(name) {
  if (manifest.shards[name]) return { file: manifest.shards[name].file, packed: true };
  if (name.startsWith("tel-") && manifest.phones) {
    return { file: manifest.phones.dir + name + ".json?v=" + manifest.phones.version, packed: false };
  }
  return null;
}

function load(name) {
  if (pending.has(name)) return pending.get(name);
  const where = manifest && address(name);
  if (!where) return Promise.resolve();
  const body = where.packed
    ? packed(where.file, SHARD_MAGIC)
    : fetch(base + where.file).then((r) => { if (!r.ok) throw notFetched(where.file, r); return r.body; });
  const added = Promise.all([body.then((b) => new Response(b).arrayBuffer()), ready]).then(([buffer]) => {
    engine.add_shard(name, new Uint8Array(buffer));
    failed.delete(name);
    unsaved.delete(name);
  });
  const settled = added.catch((error) => {
    failed.add(name);
    if (isOffline(error)) unsaved.add(name); else unsaved.delete(name);
    pending.delete(name); // a later search may try again, once there is a signal
  });
  pending.set(name, settled);
  return settled;
}

/// The raw bytes of a file written in three forms, as a stream: the compressed form the
/// browser can undo, undone. A host (or a browser) that already undid the compression on the
/// way is noticed by the file's first bytes.
async function packed(file, magic) {
  const url = base + file + (FORMAT ? "." + FORMAT.suffix : "");
  const response = await fetch(url);
  if (!response.ok) throw notFetched(url, response);
  return undone(response.body, FORMAT ? FORMAT.suffix : "", magic);
}

/// The error for a file the server (or the service worker) did not give. Without a signal the
/// service worker answers a file it has not stored with 503 and `x-ngo-offline: not-stored`.
function notFetched(url, response) {
  const error = new Error(url + ": " + response.status);
  error.offline = response.headers.get("x-ngo-offline") === "not-stored";
  return error;
}

/// Whether a failure means "not saved on this phone, and no signal".
function isOffline(error) {
  return Boolean(error && error.offline) || self.navigator.onLine === false;
}

/// A body fetched in form `suffix` ("br", "gz" or "" for raw), undone.
async function undone(body, suffix, magic) {
  const format = { br: "brotli", gz: "gzip" }[suffix];
  if (!format) return body;
  const reader = body.getReader();
  const first = await reader.read();
  const head = first.done ? new Uint8Array() : first.value;
  const stream = new ReadableStream({
    start(controller) {
      if (head.length) controller.enqueue(head);
      if (first.done) controller.close();
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close(); else controller.enqueue(value);
    },
  });
  const raw = head.length >= magic.length && magic.every((b, i) => head[i] === b);
  return raw ? stream : stream.pipeThrough(new DecompressionStream(format));
}

/// Asks the engine, loads what the answer still needs, asks again; at most a few rounds.
async function settle(query, limit, chosen, isCurrent) {
  await ready;
  let answer = engine.answer(query, limit, undefined, chosen ?? undefined);
  for (let round = 0; round < 6; round += 1) {
    const wanted = answer.needs.filter((name) => !failed.has(name));
    if (!wanted.length || !isCurrent()) break;
    await Promise.all(wanted.map(load));
    answer = engine.answer(query, limit, undefined, chosen ?? undefined);
  }
  return answer;
}

let searching = 0; // searches under way
let onQuiet = []; // resolved when none is

/// Resolves once no search is under way.
function quiet() {
  return searching ? new Promise((resolve) => onQuiet.push(resolve)) : Promise.resolve();
}

async function search(message) {
  searching += 1;
  try {
    await answerSearch(message);
  } finally {
    searching -= 1;
    if (!searching) onQuiet.splice(0).forEach((resolve) => resolve());
  }
}

async function answerSearch({ id, query, limit }) {
  latest = id;
  const current = () => id === latest;
  if (!engine) self.postMessage({ type: "progress", id });
  const timer = setTimeout(() => current() && self.postMessage({ type: "progress", id }), 150);
  const answer = await settle(query, limit || 10, province, current);
  clearTimeout(timer);
  if (!current()) return;
  const confirmed = (await confirmedPhones(answer.phones)).filter((c) => c.hit).map((c) => c.hit);
  if (!current()) return;
  const hits = confirmed.concat(answer.hits.filter((h) => !confirmed.some((c) => c.url === h.url)));
  const missing = answer.needs.filter((name) => failed.has(name));
  const offline = missing.some((name) => unsaved.has(name));
  self.postMessage({ type: "results", id, query, hits: hits.slice(0, limit || 10), total: answer.total + confirmed.length, missing, offline });
}

/// The teams a typed number may belong to, each checked against the team's own contact card
/// (a digest stands for some twenty numbers): {hit} when it lists the number, {} when it does
/// not, {unknown: true} when the card could not be read.
async function confirmedPhones(phones) {
  return Promise.all(phones.map(async (p) => {
    try {
      const response = await fetch(base + p.vcard);
      if (!response.ok) return {};
      return vcard_holds(await response.text(), p.number) ? { hit: p.hit } : {};
    } catch (_) {
      return { unknown: true };
    }
  }));
}

async function caller({ id, number }) {
  await ready;
  if (phone_digest(number) === undefined) {
    self.postMessage({ type: "caller", id, status: "invalid", teams: [] });
    return;
  }
  const answer = await settle(number, 10, null, () => true);
  const checked = await confirmedPhones(answer.phones);
  const teams = checked.filter((c) => c.hit).map((c) => c.hit);
  const unreadable = answer.needs.some((name) => failed.has(name)) || checked.some((c) => c.unknown);
  const status = teams.length ? "listed" : unreadable ? "unavailable" : "unlisted";
  self.postMessage({ type: "caller", id, status, teams });
}

function fail(error) {
  self.postMessage({ type: "error", message: String((error && error.message) || error), offline: isOffline(error) });
}

// The portal's service worker. `ngo build` (render/pwa.rs) writes it with this build's version,
// addresses and search manifest, after the rules of packed.js and the page reading of
// reading.js. See docs/offline.md.
//
// - One cache per build, `ngo-<version>`: the shell (home, guides index, search and offline
//   pages, CSS, scripts, icon) is stored when the worker installs; pages and files are stored
//   as they are used; communes a citizen saves are stored whole.
// - Pages and other files without a content hash: the network, but never more than TIMEOUT_MS
//   before the stored copy (a connection that is up but does not answer must not hide a saved
//   page); files with a content hash never change: the stored copy first.
// - A new build's worker stores its shell and every saved commune again — pages, search
//   manifest, engine, shards, guides — into its own cache before the old caches go. If any
//   part fails, the install fails and the old worker keeps serving the old caches: never a
//   saved commune without its search, never pages of one build with files of another.
const VERSION = "__VERSION__";
const BASE = "__BASE__";
/// Stored when the worker installs.
const SHELL = __SHELL__;
/// The guides index and every guide page: stored with each saved commune.
const GUIDE_PAGES = __GUIDES__;
/// The search page script and the search worker (the engine and shards come from MANIFEST).
const SEARCH = __SEARCH__;
/// This build's search manifest, so the worker stores exactly the files of its own build.
const MANIFEST = __MANIFEST__;

const CACHE = "ngo-" + VERSION;
/// What was saved, kept across builds: one JSON record per saved commune, and one for guides.
const SAVED = "ngo-saved-list";
const OFFLINE = BASE + "__OFFLINE_PATH__";
const MANIFEST_URL = BASE + "__MANIFEST_PATH__";
/// Where a saved guide's other image candidates point to the stored one (see pageImages).
const ALIASES_URL = OFFLINE + "anh-da-luu.json";
const GUIDES_RECORD = BASE + "__saved/" + "__GUIDES_PATH__".replace(/\/$/, "");

/// How long the network may take to start answering before the stored copy is used.
const TIMEOUT_MS = 3000;
/// After a request timed out, stored copies are used at once for this long: on a connection
/// that does not answer, each page would otherwise wait the whole timeout again.
const SLOW_LINK_MS = 15000;
/// Longest wait for a page with no stored copy before the offline page is shown.
const NO_COPY_PAGE_MS = 10000;
/// Longest wait for one file while saving: a save on a dead link ends with a message.
const SAVE_FILE_MS = 60000;
/// The old-address shard is saved with a commune only when its form is at most this big.
const FORMER_MAX_BYTES = 600 * 1024;
/// Files fetched at once while saving.
const PARALLEL = 4;

// ---------------------------------------------------------------------------------------------
// Install and update

self.addEventListener("install", (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

async function install() {
  const cache = await caches.open(CACHE);
  try {
    await storeAll(cache, SHELL.map((url) => ({ url })));
    await storeManifest(cache);
    await restoreSaved(cache);
  } catch (error) {
    // Nothing half-stored stays behind; the old worker and its caches go on as they were.
    await caches.delete(CACHE);
    throw error;
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    const old = names.filter((n) => n.startsWith("ngo-") && n !== CACHE && n !== SAVED);
    await Promise.all(old.map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

/// Stores every saved commune again from this build, then the guides. A commune whose page
/// this build no longer has is dropped from the list; any other failure fails the install.
async function restoreSaved(cache) {
  const list = await caches.open(SAVED);
  const records = await savedRecords(list);
  const communes = records.filter((r) => r.record.commune);
  const updated = [];
  for (const { key, record } of communes) {
    const result = await storeCommune(cache, record, () => {});
    updated.push({ key, record: result });
  }
  // Saving a commune saves the guides too (communes saved before guides were stored get them).
  if (records.length > 0) {
    const screen = records.find((r) => r.record.screen)?.record.screen || {};
    const guides = await storeGuides(cache, screen, () => {});
    updated.push({ key: GUIDES_RECORD, record: { guides: true, screen, ...guides } });
  }
  for (const { key, record } of updated) {
    if (record.gone) await list.delete(key);
    else await list.put(key, jsonResponse(record));
  }
  savedPathSet = null;
}

async function savedRecords(list) {
  const records = [];
  for (const key of await list.keys()) {
    const response = await list.match(key);
    try {
      const record = upgradeRecord(await response.json());
      if (record) records.push({ key: key.url, record });
    } catch (_) {
      // An unreadable record is left for the next save of its commune to replace.
    }
  }
  return records;
}

/// Records written by earlier versions of this worker held {pages, province}.
function upgradeRecord(record) {
  if (record.commune || record.guides) return record;
  if (Array.isArray(record.pages) && record.pages[0]) {
    return { commune: record.pages[0], province: record.province, screen: {}, guides: false };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Answering requests

/// Until when stored copies are used without waiting for the network (see SLOW_LINK_MS).
let slowUntil = 0;
/// Pages answered from the store, by address, with the time they were stored: the page asks
/// so it can say it is a saved copy.
const answeredFromStore = new Map();

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  if (url.pathname.startsWith(BASE + "__ngo/")) return;
  if (isHashed(url.pathname)) {
    event.respondWith(storedFirst(event, request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(event, request, { page: true }));
  } else {
    event.respondWith(networkFirst(event, request, { page: false }));
  }
});

/// Files whose names carry a content hash (`style.3f2a9c1d.css`, `p22.3f2a9c1d.shard.gz`,
/// a guide's `buoc-1-540.3f2a9c1d.webp`): their bytes never change.
function isHashed(path) {
  if (!path.startsWith(BASE + "assets/") && !path.startsWith(BASE + "search/")) return false;
  return /\.[0-9a-f]{8,}\.(css|js|wasm|shard|webp|avif|jpe?g|png|gif|svg)(\.(br|gz))?$/.test(path);
}

async function storedFirst(event, request) {
  const cache = await caches.open(CACHE);
  const stored = await cache.match(request);
  if (stored) return stored;
  try {
    const response = await fetch(request);
    // Stored beside the answer, not before it: the engine compiles while it streams in.
    if (response.ok) event.waitUntil(cache.put(request, response.clone()).catch(() => {}));
    return response;
  } catch (error) {
    const alias = await storedAlias(cache, request.url);
    if (alias) return alias;
    return notStored();
  }
}

/// A saved guide stores one candidate of each picture; another candidate asked for offline is
/// given that one.
async function storedAlias(cache, url) {
  const response = await cache.match(ALIASES_URL);
  if (!response) return null;
  const aliases = await response.json().catch(() => ({}));
  const path = aliases[new URL(url).pathname];
  return path ? cache.match(path) : null;
}

/// What a script gets for a file that is neither reachable nor stored: a 503 whose header says
/// so, so the search can tell "not saved for offline use" from a broken server.
function notStored() {
  return new Response("", {
    status: 503,
    statusText: "Offline",
    headers: { "x-ngo-offline": "not-stored", "content-type": "text/plain" },
  });
}

async function networkFirst(event, request, { page }) {
  const cache = await caches.open(CACHE);
  const path = pathOf(request.url);
  const network = fetch(request);
  // The network keeps going after the stored copy was used: the next visit gets a fresh one.
  event.waitUntil(network.then((response) => keepFresh(cache, request, path, response)).catch(() => {}));
  const stored = () => cache.match(request, { ignoreSearch: page });
  if (Date.now() < slowUntil) {
    const copy = await stored();
    if (copy) return answered(request, copy, page);
  }
  const first = await within(network, TIMEOUT_MS);
  if (first.response && first.response.status < 500) return fresh(request, first.response, page);
  if (first.timedOut) slowUntil = Date.now() + SLOW_LINK_MS;
  const copy = await stored();
  if (copy) return answered(request, copy, page);
  if (first.response) return fresh(request, first.response, page);
  if (first.timedOut) {
    // Nothing stored: a slow answer is still better than none, up to a point for a page.
    const late = await within(network, page ? NO_COPY_PAGE_MS - TIMEOUT_MS : Infinity);
    if (late.response) return fresh(request, late.response, page);
  }
  if (page) {
    const offline = await cache.match(OFFLINE);
    if (offline) return offline;
  }
  return page ? Response.error() : notStored();
}

/// {response}, {error} or {timedOut}: what `network` gave within `ms`.
function within(network, ms) {
  const answer = network.then((response) => ({ response }), (error) => ({ error }));
  if (ms === Infinity) return answer;
  return Promise.race([answer, delay(ms).then(() => ({ timedOut: true }))]);
}

/// Stores what the network answered, except where the stored copy must stay as it is: this
/// build's search manifest (one from a newer deployment names shards this cache lacks), and
/// pages of a saved commune or guide, which only a save or an update replaces, whole.
async function keepFresh(cache, request, path, response) {
  slowUntil = 0;
  const copy = response.clone();
  const keep = response.ok && response.type === "basic" && path !== MANIFEST_URL && !(await savedPaths()).has(path);
  if (keep) await cache.put(request, copy);
  else if (copy.body) await copy.body.cancel();
}

/// Every page a saved commune or the saved guides hold, read once per start of the worker.
let savedPathSet = null;
function savedPaths() {
  if (!savedPathSet) {
    savedPathSet = caches.open(SAVED).then(savedRecords).then((records) => new Set(records.flatMap((r) => r.record.paths || [])));
  }
  return savedPathSet;
}

function fresh(request, response, page) {
  if (page) answeredFromStore.delete(pathOf(request.url));
  return response;
}

function answered(request, copy, page) {
  if (page) answeredFromStore.set(pathOf(request.url), copy.headers.get("date") || "");
  return copy;
}

const pathOf = (url) => new URL(url).pathname;
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Saving a commune

/// Messages from pages (app.js), each with a MessageChannel port for the answer:
///   {type: "save", commune, province, provinceName, screen: {width, dpr, webp}}
///       → {type: "progress", done, total}…, then {type: "done", ok, record, guides} or
///         {type: "done", ok: false, reason, message}
///   {type: "status", commune}  → {record, guides} (null when not saved)
///   {type: "list"}             → {records, guides}
///   {type: "copy", path}       → {stored}: the date of the stored copy this page is, or null
self.addEventListener("message", (event) => {
  const message = event.data || {};
  const port = event.ports[0];
  if (!port) return;
  const reply = (answer) => port.postMessage(answer);
  const work = answer(message, reply).catch((error) => reply({ type: "done", ok: false, ...failure(error) }));
  event.waitUntil(work);
});

async function answer(message, reply) {
  if (message.type === "save") {
    const saved = await saveCommune(message, (done, total) => reply({ type: "progress", done, total }));
    reply({ type: "done", ok: true, ...saved });
  } else if (message.type === "status") {
    const list = await caches.open(SAVED);
    const stored = await list.match(communeKey(portalPath(message.commune, self.location.href) || ""));
    const guides = await list.match(GUIDES_RECORD);
    reply({
      type: "done",
      ok: true,
      record: stored ? upgradeRecord(await stored.json()) : null,
      guides: guides ? await guides.json() : null,
    });
  } else if (message.type === "list") {
    const records = (await savedRecords(await caches.open(SAVED))).map((r) => r.record);
    reply({
      type: "done",
      ok: true,
      records: records.filter((r) => r.commune),
      guides: records.find((r) => r.guides && !r.commune) || null,
    });
  } else if (message.type === "copy") {
    const stored = answeredFromStore.get(message.path);
    reply({ type: "done", ok: true, stored: stored === undefined ? null : stored });
  } else {
    reply({ type: "done", ok: false, reason: "unknown", message: "unknown message " + message.type });
  }
}

const communeKey = (commune) => BASE + "__saved/" + encodeURIComponent(commune);

/// Saves a commune as the page asked: its pages, its province's search, every guide. The
/// record is written last, so a failed save leaves no commune listed as saved.
async function saveCommune(message, progress) {
  const commune = portalPath(message.commune, self.location.href);
  if (!commune) throw new SaveError("missing", "not a page of this portal: " + message.commune);
  const screen = cleanScreen(message.screen);
  const record = { commune, province: Number(message.province) || null, provinceName: String(message.provinceName || ""), screen };
  const cache = await caches.open(CACHE);
  await storeManifest(cache);
  let done = 0;
  let total = 0;
  const count = (more) => { total += more; progress(done, total); };
  const step = () => { done += 1; progress(done, total); };
  const stored = await storeCommune(cache, record, { count, step });
  if (stored.gone) throw new SaveError("missing", commune + " is not on the server");
  const guides = { guides: true, screen, ...(await storeGuides(cache, screen, { count, step })) };
  const list = await caches.open(SAVED);
  await list.put(GUIDES_RECORD, jsonResponse(guides));
  await list.put(communeKey(commune), jsonResponse(stored));
  savedPathSet = null;
  return { record: stored, guides };
}

function cleanScreen(screen) {
  const s = screen || {};
  return {
    width: Math.max(0, Math.min(4000, Number(s.width) || 0)),
    dpr: Math.max(0, Math.min(8, Number(s.dpr) || 0)),
    webp: s.webp !== false,
  };
}

/// Stores one commune into `cache`: the commune page, each team page and what those show
/// (pictures, contact cards), the search manifest, the engine and the shards its province's
/// search needs. Returns its record with what was stored; `gone` when the build has no such
/// page any more.
async function storeCommune(cache, record, tally) {
  const counter = counterOf(tally);
  counter.count(1);
  const page = await fetchForStore(record.commune);
  if (page.status === 404 || page.status === 410) return { ...record, gone: true };
  if (!page.ok) throw new SaveError("network", record.commune + ": " + page.status);
  const html = await page.clone().text();
  let bytes = await storeResponse(cache, record.commune, page);
  counter.step();
  const teams = offlineLinks(html, self.location.origin + record.commune);
  counter.count(teams.length);
  const teamPages = await mapLimited(teams, async (path) => {
    const response = await fetchForStore(path);
    if (!response.ok) throw new SaveError("network", path + ": " + response.status);
    const text = await response.clone().text();
    const bytes = await storeResponse(cache, path, response);
    counter.step();
    return { path, text, bytes };
  });
  bytes += teamPages.reduce((n, p) => n + p.bytes, 0);
  const extra = [];
  for (const { path, text } of [{ path: record.commune, text: html }, ...teamPages]) {
    const at = self.location.origin + path;
    extra.push(...pageImages(text, at, record.screen || {}).files, ...contactCards(text, at));
  }
  const files = [...new Set(extra)].map((url) => ({ url }));
  files.push(...searchFiles(record.province));
  const paths = [record.commune, ...teamPages.map((p) => p.path)];
  counter.count(files.length);
  bytes += await storeAll(cache, files, counter.step);
  return {
    commune: record.commune,
    title: pageTitle(html) || record.title || "",
    province: record.province,
    provinceName: record.provinceName,
    screen: record.screen,
    guides: true,
    savedAt: new Date().toISOString(),
    version: VERSION,
    pages: paths.length,
    files: paths.length + files.length,
    bytes,
    paths,
  };
}

/// The search files offline search in `province` asks for: the page script, the worker, the
/// engine and the shards `places`, `guides`, the province's and (when small) `former`, each
/// in the form packed.js chooses.
function searchFiles(province) {
  const files = [SEARCH.script, SEARCH.worker].map((path) => ({ url: BASE + path }));
  const shards = MANIFEST.shards || {};
  const wanted = [MANIFEST.engine, shards.places, shards.guides];
  if (province && shards["p" + province]) wanted.push(shards["p" + province]);
  if (shards.former && packedForm(shards.former).bytes <= FORMER_MAX_BYTES) wanted.push(shards.former);
  for (const entry of wanted) if (entry) files.push({ url: BASE + packedForm(entry).file });
  return files;
}

/// Stores the guides index and every guide with its pictures (one candidate each, as this
/// screen would show it; the others point to it, see storedAlias).
async function storeGuides(cache, screen, tally) {
  const counter = counterOf(tally);
  counter.count(GUIDE_PAGES.length);
  const pages = await mapLimited(GUIDE_PAGES, async (path) => {
    const response = await fetchForStore(path);
    // A guide removed between this worker's build and now is simply not stored.
    if (response.status === 404 || response.status === 410) { counter.step(); return null; }
    if (!response.ok) throw new SaveError("network", path + ": " + response.status);
    const text = await response.clone().text();
    const bytes = await storeResponse(cache, path, response);
    counter.step();
    return { path, text, bytes };
  });
  const found = pages.filter(Boolean);
  const files = new Set();
  const aliases = {};
  for (const { path, text } of found) {
    const at = self.location.origin + path;
    const images = pageImages(text, at, screen);
    images.files.forEach((f) => files.add(f));
    Object.assign(aliases, images.aliases);
  }
  counter.count(files.size);
  const imageBytes = await storeAll(cache, [...files].map((url) => ({ url })), counter.step);
  const known = await cache.match(ALIASES_URL);
  const merged = { ...(known ? await known.json().catch(() => ({})) : {}), ...aliases };
  await cache.put(ALIASES_URL, jsonResponse(merged));
  return {
    pages: found.length,
    paths: found.map((p) => p.path),
    files: found.length + files.size,
    bytes: found.reduce((n, p) => n + p.bytes, 0) + imageBytes,
    savedAt: new Date().toISOString(),
  };
}

/// The search manifest of this build, as the worker was built with it.
async function storeManifest(cache) {
  await cache.put(MANIFEST_URL, jsonResponse(MANIFEST));
}

/// Fetches and stores every file (those with a hash only when not stored yet); returns the
/// bytes of all of them.
async function storeAll(cache, files, step = () => {}) {
  const sizes = await mapLimited(files, async ({ url }) => {
    if (isHashed(pathOf(new URL(url, self.location.href)))) {
      const stored = await cache.match(url);
      if (stored) {
        step();
        return (await stored.clone().blob()).size;
      }
    }
    const response = await fetchForStore(url);
    if (!response.ok) throw new SaveError("network", url + ": " + response.status);
    const bytes = await storeResponse(cache, url, response);
    step();
    return bytes;
  });
  return sizes.reduce((n, b) => n + b, 0);
}

/// A copy of the server's answer that a navigation may be given later (a redirected response
/// may not answer one), stored under `url`; returns its size.
async function storeResponse(cache, url, response) {
  const body = await response.blob();
  const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  try {
    await cache.put(url, copy);
  } catch (error) {
    throw storageError(error);
  }
  return body.size;
}

/// The network's answer for a file being saved; pages are revalidated, so an HTTP cache never
/// hands an older build's page to a new worker.
async function fetchForStore(url) {
  const path = pathOf(new URL(url, self.location.href));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), SAVE_FILE_MS);
  try {
    return await fetch(url, { cache: isHashed(path) ? "default" : "no-cache", signal: controller.signal });
  } catch (error) {
    throw new SaveError("network", String(url) + ": " + (error && error.message || error));
  } finally {
    clearTimeout(timer);
  }
}

/// Runs `work` over `items`, PARALLEL at a time; fails with the first failure.
async function mapLimited(items, work) {
  const results = new Array(items.length);
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const at = next++;
      results[at] = await work(items[at]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, runner));
  return results;
}

function counterOf(tally) {
  if (typeof tally === "function") return { count: () => {}, step: () => {} };
  return tally;
}

function jsonResponse(value) {
  return new Response(JSON.stringify(value), { headers: { "content-type": "application/json" } });
}

class SaveError extends Error {
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
}

function storageError(error) {
  if (error && error.name === "QuotaExceededError") return new SaveError("quota", "storage is full");
  return error;
}

/// {reason, message} for the page: "network", "quota", "missing" or "unknown".
function failure(error) {
  if (error instanceof SaveError) return { reason: error.reason, message: error.message };
  if (error && error.name === "QuotaExceededError") return { reason: "quota", message: error.message };
  return { reason: "unknown", message: String(error && error.message || error) };
}

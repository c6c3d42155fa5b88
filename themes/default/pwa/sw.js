// The portal's service worker, written by `ngo build` with this build's version and file list.
// - The shell (home, guides index, search and offline pages, CSS, scripts, icon) is stored when
//   the worker installs; pages and search files are stored as they are used.
// - Everything lives in one cache named after the build; when a new build is deployed the new
//   worker stores its own shell, then deletes every older cache at once, so a visitor never gets
//   a mix of old and new files.
// - Pages: network first, the stored copy without a signal, else the offline page.
//   Files with a content hash in their name never change: stored copy first.
const VERSION = "__VERSION__";
const BASE = "__BASE__";
const SHELL = __SHELL__;
const CACHE = "ngo-" + VERSION;
const OFFLINE = BASE + "ngoai-tuyen/";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

// Communes saved for offline use are saved again from the new build before the old caches go,
// so an update never loses them and never mixes builds.
const SAVED = "ngo-saved-list";

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const request of await savedRequests()) {
      try { await save(await request); } catch (_) { /* kept in the list; saved again next time */ }
    }
    const names = await caches.keys();
    const old = names.filter((n) => n.startsWith("ngo-") && n !== CACHE && n !== SAVED);
    await Promise.all(old.map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

async function savedRequests() {
  const list = await caches.open(SAVED);
  const keys = await list.keys();
  return keys.map((key) => list.match(key).then((r) => r.json()));
}

const hashed = (path) => /\.[0-9a-f]{8}\.(css|js|wasm|shard)$/.test(path);

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  if (url.pathname.startsWith(BASE + "__ngo/")) return;
  if (hashed(url.pathname)) {
    event.respondWith(storedFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, true));
  } else {
    event.respondWith(networkFirst(request, false));
  }
});

async function storedFirst(request) {
  const cache = await caches.open(CACHE);
  const stored = await cache.match(request);
  if (stored) return stored;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

async function networkFirst(request, page) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const stored = await cache.match(request, { ignoreSearch: page });
    if (stored) return stored;
    if (page) {
      const offline = await cache.match(OFFLINE);
      if (offline) return offline;
    }
    throw error;
  }
}

// "Lưu để dùng khi không có mạng": the page sends the addresses of a commune's pages; the search
// files of its province are added here, from the search manifest.
self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type !== "save") return;
  const port = event.ports[0];
  save(message).then(
    (count) => port && port.postMessage({ ok: true, count }),
    (error) => port && port.postMessage({ ok: false, error: String(error) }),
  );
});

async function save({ pages, province, search }) {
  const list = await caches.open(SAVED);
  await list.put(BASE + "__saved/" + encodeURIComponent(pages[0] || ""), new Response(JSON.stringify({ pages, province, search: [] })));
  const cache = await caches.open(CACHE);
  const urls = new Set(pages.filter((p) => typeof p === "string" && p.startsWith(BASE)));
  for (const file of search || []) urls.add(file);
  const response = await fetch(BASE + "search/manifest.json");
  if (response.ok) {
    await cache.put(BASE + "search/manifest.json", response.clone());
    const manifest = await response.json();
    const files = [manifest.places, manifest.guides, manifest.former, manifest.provinces[String(province)]];
    for (const entry of files) if (entry) urls.add(BASE + entry.file);
  }
  await cache.addAll([...urls]);
  return urls.size;
}

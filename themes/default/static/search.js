// Search as you type, in the browser. Nothing happens until the search box is used: then the
// worker (search engine compiled to WebAssembly) and the search manifest are fetched together,
// and the worker fetches the module and the shards for places, guides and the chosen province.
// Without WebAssembly or workers the form still submits to the search page, which explains
// how to find a team from the province list.
(() => {
  "use strict";
  const form = document.querySelector("form[data-search-worker]");
  if (!form) return;
  const input = form.querySelector("input[type=search]");
  const picker = form.querySelector("select[name=tinh]");
  const results = document.getElementById(form.dataset.results);
  const status = form.querySelector(".search-status");
  if (!input || !results || !status) return;
  const base = form.dataset.base;
  const STORAGE = "ngo.tinh";
  const GROUPS = [
    ["team", "Tổ công nghệ số"],
    ["place", "Xã, phường, tỉnh"],
    ["guide", "Hướng dẫn"],
  ];

  const supported = typeof WebAssembly === "object" && typeof Worker === "function";
  if (!supported) {
    form.classList.add("search-unsupported");
    return;
  }
  form.classList.add("search-live");

  // The province: the page's own (commune and team pages), else the one last chosen here.
  let remembered = null;
  try { remembered = localStorage.getItem(STORAGE); } catch (_) { /* private mode */ }
  if (picker) {
    if (!form.dataset.province && remembered && picker.querySelector(`option[value="${CSS.escape(remembered)}"]`)) {
      picker.value = remembered;
    }
    picker.addEventListener("change", () => {
      try { localStorage.setItem(STORAGE, picker.value); } catch (_) { /* private mode */ }
      if (worker) worker.postMessage({ type: "province", province: province() });
      run();
    });
  }
  const province = () => (picker && picker.value ? Number(picker.value) : null);

  let worker = null;
  let manifest = null;
  let asked = 0;
  let timer = 0;

  function start() {
    if (worker) return;
    worker = new Worker(form.dataset.searchWorker, { type: "module" });
    worker.onmessage = onMessage;
    worker.onerror = () => failed();
    fetch(form.dataset.manifest)
      .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then((m) => {
        manifest = m;
        worker.postMessage({ type: "init", wasm: form.dataset.wasm, base, manifest, province: province() });
        run();
      })
      .catch(failed);
    say("Đang tải bộ tìm kiếm…");
  }

  function failed() {
    form.classList.add("search-unsupported");
    say("Chưa tải được bộ tìm kiếm. Hãy chọn tỉnh, rồi chọn xã, phường trong danh sách.");
  }

  function onMessage(event) {
    const m = event.data;
    if (m.type === "ready") run();
    else if (m.type === "results" && m.id === asked) show(m);
    else if (m.type === "error") failed();
  }

  function run() {
    if (!worker || !manifest) return;
    const query = input.value.trim();
    if (!query) { clear(); return; }
    asked += 1;
    worker.postMessage({ type: "search", id: asked, query, limit: 20 });
  }

  function clear() {
    results.replaceChildren();
    results.hidden = true;
    say("");
  }

  function say(text) { status.textContent = text; }

  function show({ query, hits, loading }) {
    if (loading) {
      say("Đang tải bộ tìm kiếm…");
      return;
    }
    results.replaceChildren();
    results.hidden = false;
    if (!hits.length) {
      say(`Không tìm thấy kết quả cho “${query}”.`);
      results.append(noResults());
      return;
    }
    say(`Có ${hits.length} kết quả cho “${query}”.`);
    // Grouped by kind, the group holding the best hit first.
    const order = GROUPS.filter(([kind]) => hits.some((h) => h.kind === kind))
      .sort((a, b) => hits.findIndex((h) => h.kind === a[0]) - hits.findIndex((h) => h.kind === b[0]));
    for (const [kind, heading] of order) {
      const group = hits.filter((h) => h.kind === kind);
      const section = document.createElement("section");
      const h2 = document.createElement("h2");
      h2.textContent = heading;
      const list = document.createElement("ul");
      for (const hit of group) list.append(row(hit));
      section.append(h2, list);
      results.append(section);
    }
    if (!province() && hits.every((h) => h.kind !== "team")) results.append(pickHint());
  }

  function row(hit) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = base + hit.url;
    const title = document.createElement("span");
    title.className = "result-title";
    let at = 0;
    for (const [start, end] of hit.marks) {
      title.append(hit.title.slice(at, start));
      const mark = document.createElement("mark");
      mark.textContent = hit.title.slice(start, end);
      title.append(mark);
      at = end;
    }
    title.append(hit.title.slice(at));
    a.append(title);
    let context = hit.subtitle;
    if (hit.kind === "team" && manifest.provinces[hit.province]) {
      context += ", " + manifest.provinces[hit.province].name;
    }
    if (context) a.append(line("result-context", context));
    if (hit.note) a.append(line("result-note", hit.note));
    li.append(a);
    return li;
  }

  function line(className, text) {
    const span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    return span;
  }

  function noResults() {
    const p = document.createElement("p");
    p.append("Hãy thử viết ngắn hơn, hoặc ");
    const a = document.createElement("a");
    a.href = base + "#chon-tinh";
    a.textContent = "tìm tổ của bạn theo tỉnh và xã";
    p.append(a, ".");
    return p;
  }

  function pickHint() {
    const p = document.createElement("p");
    p.className = "result-note";
    p.textContent = "Chọn tỉnh, thành phố của bạn ở trên để tìm cả các tổ công nghệ số.";
    return p;
  }

  input.addEventListener("focus", start);
  input.addEventListener("input", () => {
    start();
    clearTimeout(timer);
    timer = setTimeout(run, 60);
  });
  form.addEventListener("submit", (event) => {
    if (form.classList.contains("search-unsupported")) return;
    event.preventDefault();
    start();
    run();
    const first = results.querySelector("a");
    if (first) first.focus();
  });

  // Arrow keys move between the input and the result links; Escape goes back to typing.
  form.parentElement.addEventListener("keydown", (event) => {
    const links = [...results.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      if (at === 0) input.focus(); else links[at - 1].focus();
    } else if (event.key === "Escape" && at >= 0) {
      input.focus();
    }
  });

  // The search page opened with ?q= (a form submitted without JavaScript, or a shared link).
  const params = new URLSearchParams(location.search);
  if (form.dataset.fromUrl !== undefined && params.get("q")) {
    input.value = params.get("q");
    if (picker && params.get("tinh")) picker.value = params.get("tinh");
    start();
  }
})();

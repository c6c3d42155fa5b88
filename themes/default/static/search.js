// Search as you type, in the browser. The search engine (WebAssembly, in a worker) and the
// first shards are fetched when the page is idle after loading — unless the visitor saves data
// or is on a 2G link, then only when the search box is used. Without WebAssembly or workers
// the form still submits to the search page, which explains how to find a team from the
// province list.
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
  const SHOWN = 10;
  const MORE = 30;
  const KINDS = { team: "Tổ công nghệ số", place: "Xã, phường, tỉnh", guide: "Hướng dẫn" };
  const number = new Intl.NumberFormat("vi-VN");

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
  const province = () => {
    if (picker && picker.value) return Number(picker.value);
    return form.dataset.province ? Number(form.dataset.province) : null;
  };
  const relative = (url) => (url.startsWith(base) ? url.slice(base.length) : url);

  let worker = null;
  let asked = 0;
  let limit = SHOWN;
  let timer = 0;

  // The engine and the manifest are requested at once, beside the worker's own script: on a
  // slow link the worker would otherwise wait a round trip before asking for them. The form
  // fetched follows one rule with the search worker and the service worker (which stores this
  // form for offline use): themes/default/pwa/packed.js, docs/offline.md "Which compressed form".
  const FORM = (() => {
    for (const [suffix, name] of [["br", "brotli"], ["gz", "gzip"]]) {
      try { new DecompressionStream(name); return suffix; } catch (_) { /* not here */ }
    }
    return "";
  })();

  function start() {
    if (worker) return;
    worker = new Worker(form.dataset.searchWorker, { type: "module" });
    worker.onmessage = onMessage;
    worker.onerror = () => failed(navigator.onLine === false);
    const init = {
      type: "init",
      base,
      wasm: relative(form.dataset.wasm),
      manifest: relative(form.dataset.manifest),
      province: province(),
      pageFetchesEngine: true,
      pageFetchesManifest: true,
    };
    // Init goes first, at once: the worker reads every later message (province, search) after
    // it, in order. The engine's body follows when its download has started.
    worker.postMessage(init);
    const fetchItYourself = () => worker.postMessage({ type: "engine", body: null });
    fetch(form.dataset.wasm + (FORM ? "." + FORM : "")).then((response) => {
      if (!response.ok) throw new Error(response.status);
      try {
        worker.postMessage({ type: "engine", body: response.body, form: FORM }, [response.body]);
      } catch (_) {
        // Streams cannot be handed to workers here: the worker fetches the engine itself.
        fetchItYourself();
      }
    }).catch(fetchItYourself);
    fetch(form.dataset.manifest)
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null)
      .then((manifest) => worker.postMessage({ type: "manifest", manifest }));
  }

  function failed(offline) {
    form.classList.add("search-unsupported");
    if (offline) {
      say("Tìm kiếm chưa dùng được khi không có mạng: bộ tìm kiếm chưa được lưu trên điện thoại này. Khi có mạng, hãy mở trang xã, phường của bạn và bấm “Lưu để dùng khi không có mạng”.");
    } else {
      say("Chưa tải được bộ tìm kiếm. Hãy chọn tỉnh, rồi chọn xã, phường trong danh sách.");
    }
  }

  function onMessage(event) {
    const m = event.data;
    if (m.type === "results" && m.id === asked) show(m);
    else if (m.type === "progress" && m.id === asked) waiting();
    else if (m.type === "error") failed(m.offline);
  }

  function run() {
    const query = input.value.trim();
    if (!query) { clear(); return; }
    start();
    asked += 1;
    worker.postMessage({ type: "search", id: asked, query, limit });
  }

  function clear() {
    results.replaceChildren();
    results.hidden = true;
    results.removeAttribute("aria-busy");
    say("");
  }

  function say(text) { status.textContent = text; }

  function waiting() {
    results.setAttribute("aria-busy", "true");
    results.hidden = true;
    say("Đang tìm…");
  }

  function show({ query, hits, total, missing, offline }) {
    results.replaceChildren();
    results.removeAttribute("aria-busy");
    results.hidden = false;
    let partial = "";
    if (offline) {
      partial = " Tìm kiếm chưa dùng được khi không có mạng với dữ liệu chưa lưu trên điện thoại này (tỉnh khác, địa chỉ cũ): kết quả có thể thiếu.";
    } else if (missing.length) {
      partial = " Chưa tải được một phần dữ liệu tìm kiếm (không có mạng?): kết quả có thể thiếu.";
    }
    if (!hits.length) {
      say(`Không tìm thấy kết quả cho “${query}”.${partial}`);
      results.append(noResults());
      return;
    }
    say(`Có ${number.format(total)} kết quả cho “${query}”.${partial}`);
    // One list in the engine's order: the best answer first, whatever its kind.
    const list = document.createElement("ol");
    list.className = "result-list";
    for (const hit of hits) list.append(row(hit));
    results.append(list);
    if (total > hits.length && limit < MORE) results.append(moreButton());
  }

  function row(hit) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = base + hit.url;
    a.append(line("result-kind", KINDS[hit.kind] || ""));
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
    if (hit.teams) context += ` · ${number.format(hit.teams)} tổ công nghệ số`;
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

  function moreButton() {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button result-more";
    button.textContent = "Xem thêm kết quả";
    button.addEventListener("click", () => { limit = MORE; run(); });
    return button;
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

  input.addEventListener("focus", start);
  input.addEventListener("input", () => {
    limit = SHOWN;
    clearTimeout(timer);
    timer = setTimeout(run, 60);
  });
  form.addEventListener("submit", (event) => {
    if (form.classList.contains("search-unsupported")) return;
    event.preventDefault();
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

  // Fetch the engine while the visitor reads, unless they save data or the link is 2G.
  const link = navigator.connection || {};
  const frugal = link.saveData || /(^|-)2g$/.test(link.effectiveType || "");
  if (!frugal) {
    const idle = window.requestIdleCallback || ((f) => setTimeout(f, 500));
    const warm = () => idle(start, { timeout: 2000 });
    if (document.readyState === "complete") warm(); else window.addEventListener("load", warm, { once: true });
  }

  // The search page opened with ?q= (a form submitted without JavaScript, or a shared link).
  const params = new URLSearchParams(location.search);
  if (form.dataset.fromUrl !== undefined && params.get("q")) {
    input.value = params.get("q");
    if (picker && params.get("tinh")) picker.value = params.get("tinh");
    run();
  }
})();

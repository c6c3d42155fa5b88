// Live reload and error overlay for `ngo serve`. Injected only by the preview server.
(function () {
  "use strict";
  var script = document.currentScript;
  // The preview's version when this page was made: a page older than the preview reloads.
  var version = script ? script.getAttribute("data-version") : null;
  var overlay = null;
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function show(errors) {
    hide();
    if (!errors || errors.length === 0) return;
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "Lỗi nội dung");
    overlay.style.cssText = "position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:16px/1.5 ui-monospace,monospace;padding:1.5rem";
    var title = document.createElement("h2");
    title.textContent = "Nội dung có lỗi — trang đang hiện bản đúng gần nhất";
    title.style.cssText = "font:700 1.3rem system-ui,sans-serif;color:#ffd23f;margin:0 0 1rem";
    var list = document.createElement("pre");
    list.style.whiteSpace = "pre-wrap";
    list.textContent = errors.join("\n\n");
    var note = document.createElement("p");
    note.textContent = "Sửa tệp và lưu lại: trang sẽ tự tải lại.";
    note.style.fontFamily = "system-ui,sans-serif";
    overlay.append(title, list, note);
    document.body.append(overlay);
  }
  function handle(message) {
    if (message.kind === "reload") location.reload();
    else if (message.kind === "version" && version !== null && String(message.data) !== version) location.reload();
    else if (message.kind === "errors") show(message.data);
  }
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("ngo-xem-truoc") : null;
  if (channel) channel.onmessage = function (e) { handle(e.data); };
  // Tells this tab, and every other tab of the preview, what the preview says.
  function tell(message) {
    if (channel) channel.postMessage(message);
    handle(message);
  }
  function status() {
    return fetch("/__ngo/status", { cache: "no-store" }).then(function (r) { return r.json(); });
  }
  function listen(done) {
    var events = new EventSource("/__ngo/events");
    // Also after a reconnection: a reload sent while no tab listened is not lost.
    events.addEventListener("open", function () {
      status().then(function (s) { tell({ kind: "version", data: s.version }); }).catch(function () {});
    });
    events.addEventListener("reload", function () { tell({ kind: "reload" }); });
    events.addEventListener("errors", function (e) { tell({ kind: "errors", data: JSON.parse(e.data) }); });
    window.addEventListener("pagehide", function () { events.close(); if (done) done(); });
  }
  status().then(function (s) { handle({ kind: "version", data: s.version }); show(s.errors); }).catch(function () {});
  // A page restored from the back-forward cache may be older than the preview.
  window.addEventListener("pageshow", function (e) { if (e.persisted) location.reload(); });
  if (channel && navigator.locks) {
    // A browser opens at most six connections to one server, and a live-reload channel keeps
    // one open: one tab listens for all of them and passes on what it hears, so any number of
    // open tabs never leaves a page load waiting. When it closes, another tab takes over.
    navigator.locks.request("ngo-xem-truoc", function () {
      return new Promise(function (release) { listen(release); });
    });
  } else {
    listen(null);
  }
})();

// Live reload and error overlay for `ngo serve`. Injected only by the preview server.
(function () {
  "use strict";
  var script = document.currentScript;
  // The preview's version when this page was made: a page older than the preview reloads.
  var version = script ? script.getAttribute("data-version") : null;
  var overlay = null;
  var events = null;
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
  function check() {
    fetch("/__ngo/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (version !== null && String(s.version) !== version) { location.reload(); return; }
        show(s.errors);
      })
      .catch(function () {});
  }
  function connect() {
    if (events) return;
    events = new EventSource("/__ngo/events");
    // Also after a reconnection: a reload sent while this tab was away is not lost.
    events.addEventListener("open", check);
    events.addEventListener("reload", function () { location.reload(); });
    events.addEventListener("errors", function (e) { show(JSON.parse(e.data)); });
  }
  function disconnect() {
    if (events) { events.close(); events = null; }
  }
  // A browser opens at most six connections to one server, and each live-reload channel keeps
  // one: a hidden tab gives its channel back, so many open tabs never leave a page load waiting.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) disconnect(); else connect();
  });
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", function () { if (!document.hidden) connect(); });
  if (!document.hidden) connect();
})();

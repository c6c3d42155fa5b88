// Live reload and error overlay for `ngo serve`. Injected only by the preview server.
(function () {
  "use strict";
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
    title.textContent = "Nội dung có lỗi — trang đang hiện bản dựng trước";
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
  fetch("/__ngo/status").then(function (r) { return r.json(); }).then(function (s) { show(s.errors); }).catch(function () {});
  var events = new EventSource("/__ngo/events");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("errors", function (e) { show(JSON.parse(e.data)); });
})();

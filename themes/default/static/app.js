// On every page: registers the service worker that keeps the portal usable without a signal,
// and runs the "save for offline" button of commune pages. Pages work without this script.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) return;
  const base = script.dataset.base;
  // The preview server rebuilds pages all the time: a worker would only serve stale copies.
  if (document.querySelector('script[src$="__ngo/reload.js"]')) {
    navigator.serviceWorker.getRegistrations().then((all) => all.forEach((r) => r.unregister()));
    return;
  }
  const registered = navigator.serviceWorker.register(script.dataset.sw, { scope: base });

  const button = document.querySelector("button[data-save-offline]");
  if (!button) return;
  const status = document.getElementById(button.getAttribute("aria-describedby"));
  const key = "ngo.saved." + location.pathname;
  const say = (text) => { if (status) status.textContent = text; };
  button.hidden = false;
  try {
    if (localStorage.getItem(key)) say("Đã lưu trang xã này và các tổ để xem khi không có mạng.");
  } catch (_) { /* private mode */ }

  button.addEventListener("click", async () => {
    button.disabled = true;
    say("Đang lưu…");
    try {
      await registered;
      const ready = await navigator.serviceWorker.ready;
      const pages = [location.pathname, ...[...document.querySelectorAll("a[data-offline]")]
        .map((a) => new URL(a.href, location.href).pathname)];
      const search = JSON.parse(button.dataset.search || "[]");
      const answer = await new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(event.data);
        ready.active.postMessage({ type: "save", pages, province: Number(button.dataset.province), search }, [channel.port2]);
      });
      if (!answer.ok) throw new Error(answer.error);
      try { localStorage.setItem(key, String(Date.now())); } catch (_) { /* private mode */ }
      say("Đã lưu trang xã này và các tổ để xem khi không có mạng.");
    } catch (_) {
      say("Chưa lưu được. Hãy thử lại khi có mạng.");
    } finally {
      button.disabled = false;
    }
  });
})();

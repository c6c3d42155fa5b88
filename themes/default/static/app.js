// On every page: registers the service worker that keeps the portal usable without a signal,
// says so when the page shown is a stored copy, runs the "save for offline" button of commune
// pages and lists what is saved on the offline page. Pages work without this script.
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
  // The worker stores the portal's shell when it installs: on a slow link that would share the
  // line with a first search typed at once. It is registered a few seconds after the page has
  // loaded, or at once when a saved copy is asked for.
  let registering = null;
  const register = () => {
    if (!registering) {
      registering = navigator.serviceWorker.register(script.dataset.sw, { scope: base });
      registering.catch(() => { /* no worker: the pages still work online */ });
    }
    return registering;
  };
  const soon = () => setTimeout(register, 4000);
  if (navigator.serviceWorker.controller) register();
  else if (document.readyState === "complete") soon();
  else window.addEventListener("load", soon, { once: true });

  /// Sends `message` to `worker` and resolves with its final answer; progress answers go to
  /// `onProgress`.
  function ask(worker, message, onProgress) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => {
        const answer = event.data || {};
        if (answer.type === "progress") {
          if (onProgress) onProgress(answer);
          return;
        }
        channel.port1.close();
        resolve(answer);
      };
      worker.postMessage(message, [channel.port2]);
    });
  }

  /// The active worker, once there is one.
  const active = () => register().then(() => navigator.serviceWorker.ready).then((r) => r.active);
  /// The worker that answered for this page, if one did.
  const controller = navigator.serviceWorker.controller;

  const number = (value, digits) => new Intl.NumberFormat("vi-VN", { maximumFractionDigits: digits }).format(value);

  /// "1,2 MB", "850 KB".
  function size(bytes) {
    if (bytes >= 1024 * 1024) return number(bytes / (1024 * 1024), 1) + " MB";
    return number(Math.max(1, Math.round(bytes / 1024)), 0) + " KB";
  }

  /// "lúc 08:30 ngày 03/12/2026".
  function when(text) {
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) return "";
    const two = (n) => String(n).padStart(2, "0");
    return `lúc ${two(date.getHours())}:${two(date.getMinutes())} ngày ${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()}`;
  }

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  // A page answered from the phone's store (no signal, or a connection that does not answer):
  // say so, with when it was stored, so nobody takes an old list for today's.
  if (controller) {
    ask(controller, { type: "copy", path: location.pathname }).then((answer) => {
      if (!answer.ok || answer.stored === null || answer.stored === undefined) return;
      const main = document.querySelector("main");
      if (!main) return;
      const note = document.createElement("p");
      note.className = "notice offline-copy";
      note.setAttribute("role", "status");
      const at = when(answer.stored);
      note.append(`Chưa tải được bản mới (không có mạng, hoặc mạng không trả lời): bạn đang xem bản đã lưu${at ? " " + at : ""}. `);
      note.append(link(script.dataset.offline, "Các trang đã lưu"));
      main.prepend(note);
    });
  }

  // The save button of a commune page.
  const button = document.querySelector("button[data-save-offline]");
  if (button) {
    const status = document.getElementById(button.getAttribute("aria-describedby"));
    const say = (text) => { if (status) status.textContent = text; };
    const commune = location.pathname;
    button.hidden = false;

    const savedText = (record, guides) => {
      const teams = Math.max(0, record.pages - 1);
      const guidePages = guides ? guides.pages : 0;
      const pages = record.pages + guidePages;
      const bytes = record.bytes + (guides ? guides.bytes : 0);
      const search = record.provinceName ? ` và bộ tìm kiếm của ${record.provinceName}` : " và bộ tìm kiếm";
      const parts = [`trang xã, ${number(teams, 0)} tổ`];
      if (guidePages) parts.push(`${number(guidePages, 0)} trang hướng dẫn`);
      const at = when(record.savedAt);
      return `Đã lưu ${number(pages, 0)} trang (${parts.join(", ")})${search}: ${size(bytes)}${at ? ", " + at : ""}. Mở lại được khi không có mạng.`;
    };

    const failedText = (answer) => {
      if (answer.reason === "quota") return "Chưa lưu được: điện thoại đã hết chỗ trống. Hãy xóa bớt ảnh, video hoặc ứng dụng không dùng, rồi bấm lưu lại.";
      if (answer.reason === "missing") return "Chưa lưu được: cổng thông tin vừa được cập nhật. Hãy tải lại trang rồi bấm lưu lại.";
      return "Chưa lưu được vì mạng bị ngắt hoặc quá chậm. Hãy bấm lưu lại khi có mạng.";
    };

    if (controller) {
      ask(controller, { type: "status", commune }).then((answer) => {
        if (answer.ok && answer.record) say(savedText(answer.record, answer.guides));
      });
    }

    button.addEventListener("click", async () => {
      button.disabled = true;
      say("Đang lưu…");
      // Asks the browser to keep what is saved even when the phone runs short of space.
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
      try {
        const worker = await active();
        const answer = await ask(worker, {
          type: "save",
          commune,
          province: Number(button.dataset.province) || null,
          provinceName: button.dataset.provinceName || "",
          screen: { width: window.innerWidth, dpr: window.devicePixelRatio || 1, webp: webp() },
        }, ({ done, total }) => say(`Đang lưu… ${number(done, 0)}/${number(total, 0)} tệp`));
        say(answer.ok ? savedText(answer.record, answer.guides) : failedText(answer));
      } catch (_) {
        say(failedText({}));
      } finally {
        button.disabled = false;
      }
    });
  }

  /// Whether this browser shows WebP pictures (a saved guide keeps one form of each).
  function webp() {
    try {
      return document.createElement("canvas").toDataURL("image/webp").startsWith("data:image/webp");
    } catch (_) {
      return true;
    }
  }

  // The offline page: what this phone has saved, to open without a signal.
  const list = document.querySelector("[data-saved-list]");
  if (list && controller) {
    ask(controller, { type: "list" }).then((answer) => {
      if (!answer.ok) return;
      const items = list.querySelector("ul");
      const records = (answer.records || []).slice().sort((a, b) => a.title.localeCompare(b.title, "vi"));
      for (const record of records) {
        const li = document.createElement("li");
        li.append(link(record.commune, record.title || record.commune));
        if (record.provinceName) li.append(`, ${record.provinceName}`);
        items.append(li);
      }
      if (answer.guides) {
        const li = document.createElement("li");
        li.append(link(script.dataset.guides, "Các hướng dẫn kỹ năng số"));
        items.append(li);
      }
      list.hidden = items.children.length === 0;
    });
  }
})();

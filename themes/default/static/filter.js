// Narrows a long list (the communes of a province, the old communes of an old province) as the
// citizen types, without diacritics if they like: "quang" finds "Quảng". The page works without
// this script: the list is in alphabetical order under a letter index, and the old districts open
// on a tap. The box is in the page, hidden, and shown here.
(() => {
  "use strict";

  // "Xã Quảng La" → "xa quang la": marks removed, đ → d, lower case.
  const fold = (text) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  const words = (text) => fold(text).split(/[^a-z0-9]+/).filter(Boolean);

  // Every word typed must start a word of the item, in any order: "la quang" finds "Quảng La".
  const matches = (query, itemWords) =>
    query.every((q) => itemWords.some((w) => w.startsWith(q)));

  const setUp = (box) => {
    const list = document.getElementById(box.dataset.filterFor);
    const input = box.querySelector("input");
    const status = box.querySelector("[role=status]");
    if (!list || !input) return;
    const noun = box.dataset.noun || "mục";
    // An item is found by the text of its part named by the list's data-filter-by (all of it
    // by default) and by the label of its group (an old district's name).
    const by = list.dataset.filterBy;
    const items = [...list.querySelectorAll("[data-filter-item]")].map((el) => {
      const own = (by && el.querySelector(by)) || el;
      const label = el.closest("[data-filter-group]")?.querySelector("[data-filter-label]");
      return { el, words: words(`${own.textContent} ${label ? label.textContent : ""}`) };
    });
    const groups = [...list.querySelectorAll("[data-filter-group]")];
    // Districts the citizen had opened stay open once the box is cleared.
    let opened = null;
    const hideWhileFiltering = [...document.querySelectorAll("[data-filter-hide]")];

    const apply = () => {
      const query = words(input.value);
      const filtering = query.length > 0;
      if (filtering && !opened) opened = new Map(groups.map((g) => [g, g.open]));
      let shown = 0;
      for (const item of items) {
        const visible = !filtering || matches(query, item.words);
        item.el.hidden = !visible;
        if (visible) shown += 1;
      }
      for (const group of groups) {
        const any = group.querySelector("[data-filter-item]:not([hidden])") !== null;
        group.hidden = filtering && !any;
        if (group.tagName === "DETAILS" && opened) group.open = filtering ? any : opened.get(group);
      }
      if (!filtering) opened = null;
      for (const el of hideWhileFiltering) el.hidden = filtering;
      if (!filtering) status.textContent = "";
      else if (shown === 0) status.textContent = `Không có ${noun} nào khớp với “${input.value.trim()}”. Hãy thử gõ ít chữ hơn.`;
      else status.textContent = `Có ${shown} ${noun} khớp với “${input.value.trim()}”.`;
    };

    input.addEventListener("input", apply);
    box.hidden = false;
    if (input.value) apply();
  };

  document.querySelectorAll("[data-filter-for]").forEach(setUp);
})();

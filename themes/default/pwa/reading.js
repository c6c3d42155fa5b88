// Reading the portal's own pages inside the service worker, which has no DOM: the team links of
// a commune page, the pictures and contact cards a page shows, and its title. `ngo build`
// writes this HTML, so plain patterns over its tags are enough; anything they do not
// understand is left out, and the page still shows without it.

const ENTITIES = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">", nbsp: "\u00a0" };

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/// The attributes of one start tag, names in lower case; a bare attribute has the value "".
function attributesOf(tag) {
  const attributes = {};
  const pattern = /([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const inside = tag.replace(/^<[a-z0-9]+/i, "").replace(/\/?>$/, "");
  for (const m of inside.matchAll(pattern)) {
    attributes[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attributes;
}

/// Every start tag `<name …>` in `html`, as attribute maps.
function tagsNamed(html, name) {
  const pattern = new RegExp(`<${name}\\b[^>]*>`, "gi");
  return [...html.matchAll(pattern)].map((m) => attributesOf(m[0]));
}

/// `href` as a path of this portal (no query, no fragment), or null for anything else.
function portalPath(href, pageUrl) {
  if (!href) return null;
  let url;
  try {
    url = new URL(href, pageUrl);
  } catch (_) {
    return null;
  }
  if (url.origin !== new URL(pageUrl).origin || !url.pathname.startsWith(BASE)) return null;
  return url.pathname;
}

/// The text of the page's first `<h1>`, without its inner tags.
function pageTitle(html) {
  const m = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  if (!m) return "";
  return decodeEntities(m[1].replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();
}

/// The team pages a commune page marks for offline use (`<a data-offline href=…>`), in order.
function offlineLinks(html, pageUrl) {
  const paths = tagsNamed(html, "a")
    .filter((a) => "data-offline" in a)
    .map((a) => portalPath(a.href, pageUrl))
    .filter(Boolean);
  return [...new Set(paths)];
}

/// Contact cards offered for download (`<a href="….vcf">`): small, and what a citizen wants
/// most from a team page when there is no signal.
function contactCards(html, pageUrl) {
  const paths = tagsNamed(html, "a")
    .map((a) => portalPath(a.href, pageUrl))
    .filter((p) => p && p.endsWith(".vcf"));
  return [...new Set(paths)];
}

/// `srcset` as candidates {url, w, x}: a width descriptor (`540w`), a density (`2x`) or
/// neither (1x).
function parseSrcset(text) {
  const candidates = [];
  for (const part of (text || "").split(/,\s+|,(?=\S+\s)/)) {
    const [url, descriptor = ""] = part.trim().split(/\s+/);
    if (!url) continue;
    const w = /^(\d+)w$/.exec(descriptor);
    const x = /^(\d+(?:\.\d+)?)x$/.exec(descriptor);
    candidates.push({ url, w: w ? Number(w[1]) : null, x: x ? Number(x[1]) : w ? null : 1 });
  }
  return candidates;
}

/// A CSS length from `sizes` in CSS pixels for a viewport `viewport` px wide: `234px`, `100vw`,
/// `calc(100vw - 36px)`; null when not understood.
function lengthPx(text, viewport) {
  const value = text.trim();
  const simple = /^(\d+(?:\.\d+)?)(px|vw)$/.exec(value);
  if (simple) return simple[2] === "px" ? Number(simple[1]) : (Number(simple[1]) * viewport) / 100;
  const calc = /^calc\(\s*(\d+(?:\.\d+)?)vw\s*([+-])\s*(\d+(?:\.\d+)?)px\s*\)$/.exec(value);
  if (calc) {
    const vw = (Number(calc[1]) * viewport) / 100;
    return calc[2] === "+" ? vw + Number(calc[3]) : vw - Number(calc[3]);
  }
  return null;
}

/// The width in CSS pixels `sizes` gives a picture on a viewport `viewport` px wide: the first
/// entry whose `(max-width: …px)` / `(min-width: …px)` conditions hold; 100vw when none does.
function sizesPx(sizes, viewport) {
  for (const entry of (sizes || "").split(",")) {
    const m = /^\s*((?:\((?:max|min)-width:\s*\d+(?:\.\d+)?px\)\s*(?:and\s*)?)*)(.+)$/i.exec(entry);
    if (!m) continue;
    const conditions = [...m[1].matchAll(/\((max|min)-width:\s*(\d+(?:\.\d+)?)px\)/gi)];
    const holds = conditions.every(([, kind, px]) => (kind.toLowerCase() === "max" ? viewport <= Number(px) : viewport >= Number(px)));
    if (!holds) continue;
    const px = lengthPx(m[2], viewport);
    if (px !== null) return px;
  }
  return viewport;
}

/// The candidate a browser with this screen ({width, dpr}) would load: by width, the narrowest
/// that covers the shown width times the density; by density, the lowest that reaches it; the
/// largest when none does.
function chooseCandidate(candidates, sizes, screen) {
  if (candidates.length === 0) return null;
  const dpr = screen.dpr > 0 ? screen.dpr : 1;
  const byWidth = candidates.filter((c) => c.w !== null).sort((a, b) => a.w - b.w);
  if (byWidth.length > 0) {
    const needed = Math.ceil(sizesPx(sizes, screen.width > 0 ? screen.width : 360) * dpr);
    return byWidth.find((c) => c.w >= needed) ?? byWidth[byWidth.length - 1];
  }
  const byDensity = candidates.filter((c) => c.x !== null).sort((a, b) => a.x - b.x);
  return byDensity.find((c) => c.x >= dpr) ?? byDensity[byDensity.length - 1];
}

/// The image files a page shows on this screen, and for every other candidate of the same
/// picture the one stored in its place: offline, a browser that picks another width or format
/// than expected is given the stored file (it is drawn at the size the page sets).
///
/// `screen` is {width, dpr, webp}: the viewport in CSS pixels, the device pixel ratio and
/// whether the browser shows WebP, as the page reported them when the commune was saved.
/// Returns {files: [path], aliases: {path: path}}.
function pageImages(html, pageUrl, screen) {
  const files = [];
  const aliases = {};
  const take = (candidates, sizes, others) => {
    const chosen = chooseCandidate(candidates, sizes, screen);
    const path = chosen && portalPath(chosen.url, pageUrl);
    if (!path) return;
    files.push(path);
    for (const other of others) {
      const alias = portalPath(other.url, pageUrl);
      if (alias && alias !== path) aliases[alias] = path;
    }
  };
  const pictures = [...html.matchAll(/<picture\b[\s\S]*?<\/picture>/gi)].map((m) => m[0]);
  for (const picture of pictures) {
    const sources = tagsNamed(picture, "source");
    const img = tagsNamed(picture, "img")[0] || {};
    const all = [...sources.flatMap((s) => parseSrcset(s.srcset)), ...imgCandidates(img)];
    const usable = sources.find((s) => !s.type || s.type !== "image/webp" || screen.webp !== false);
    if (usable) take(parseSrcset(usable.srcset), usable.sizes, all);
    else take(imgCandidates(img), img.sizes, all);
  }
  const rest = pictures.reduce((text, picture) => text.replace(picture, ""), html);
  for (const img of tagsNamed(rest, "img")) {
    const candidates = imgCandidates(img);
    take(candidates, img.sizes, candidates);
  }
  return { files: [...new Set(files)], aliases };
}

function imgCandidates(img) {
  const candidates = parseSrcset(img.srcset);
  if (img.src && !candidates.some((c) => c.x === 1)) candidates.push({ url: img.src, w: null, x: 1 });
  return candidates;
}

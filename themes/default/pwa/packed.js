// Which form of a packed search file this browser fetches: the one rule the search worker and
// the service worker both follow, so a commune saved for offline use holds exactly the files
// offline search asks for.
//
// The search manifest lists the engine and every shard as a "packed" entry: {file, bytes, br,
// gz}, where `file` is the raw form and `file + ".br"` / `file + ".gz"` are the same bytes
// compressed at build time (sizes in `br` and `gz`). The rule, in order:
//   1. brotli (`file + ".br"`) where `new DecompressionStream("brotli")` works;
//   2. else gzip (`file + ".gz"`) where `new DecompressionStream("gzip")` works;
//   3. else the raw file.
// The fetched bytes are then piped through `DecompressionStream(form.format)` unless `format`
// is null. The choice depends on the browser only, never on the file, so every packed file of
// a portal comes in the same form.

const PACKED_FORMS = [
  { format: "brotli", suffix: ".br", size: "br" },
  { format: "gzip", suffix: ".gz", size: "gz" },
];

const packedSupport = new Map();

/// Whether this browser's DecompressionStream undoes `format` (asked once per format).
function canDecompress(format) {
  if (!packedSupport.has(format)) {
    let works = false;
    try {
      works = typeof DecompressionStream === "function" && Boolean(new DecompressionStream(format));
    } catch (_) {
      works = false;
    }
    packedSupport.set(format, works);
  }
  return packedSupport.get(format);
}

/// The form of `entry` to fetch: {file (site-relative), format (for DecompressionStream, or
/// null for the raw file), bytes (what crosses the network)}.
function packedForm(entry) {
  for (const form of PACKED_FORMS) {
    if (canDecompress(form.format)) {
      return { file: entry.file + form.suffix, format: form.format, bytes: entry[form.size] };
    }
  }
  return { file: entry.file, format: null, bytes: entry.bytes };
}

// Shared by the browser tests: build the sample portal with the real `ngo` binary, serve the
// output on 127.0.0.1 with a tiny static server, and find Debian's Chromium.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The pages the browser tests visit: one of each kind a citizen meets. */
export const PAGES = {
  home: "/",
  province: "/quang-ninh/",
  commune: "/quang-ninh/xa-quang-la/",
  team: "/quang-ninh/xa-quang-la/thon-khe-cat/",
  guide: "/huong-dan/kich-hoat-vneid-muc-2/",
  guides: "/huong-dan/",
  statistics: "/thong-ke/",
  openData: "/du-lieu-mo/",
  oldAddresses: "/tra-cuu-dia-chi-cu/",
  oldProvince: "/tra-cuu-dia-chi-cu/quang-ninh/",
};

/** Debian's chromium, or the one named by $CHROMIUM; never a downloaded browser. */
export function chromiumPath() {
  const path = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: install Debian's chromium (apt-get install chromium)`);
  }
  return path;
}

/** Path of the ngo binary: $NGO_BIN, or a debug build made now with cargo. */
export function ngoBinary() {
  if (process.env.NGO_BIN) return process.env.NGO_BIN;
  execFileSync("cargo", ["build", "--quiet", "-p", "ngo", "--bin", "ngo"], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  const target = process.env.CARGO_TARGET_DIR
    ? resolve(repoRoot, process.env.CARGO_TARGET_DIR)
    : join(repoRoot, "target");
  return join(target, "debug", "ngo");
}

/** Builds content/ into a fresh temporary folder; returns the folder and a cleanup function. */
export function buildSample() {
  const dir = mkdtempSync(join(tmpdir(), "ngo-browser-"));
  const out = join(dir, "public");
  execFileSync(ngoBinary(), ["build", join(repoRoot, "content"), "-o", out, "-q"], {
    stdio: "inherit",
  });
  return { out, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".vcf": "text/vcard; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".wasm": "application/wasm",
};

/** Serves `root` on 127.0.0.1 (a free port); resolves to { origin, close }. */
export function serve(root) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(root, path));
    const inside = file.startsWith(root + "/") || file === root;
    let status = 200;
    let body;
    let type = TYPES[extname(file)] || "application/octet-stream";
    if (inside && existsSync(file) && statSync(file).isFile()) {
      body = readFileSync(file);
    } else {
      status = 404;
      body = readFileSync(join(root, "404.html"));
      type = TYPES[".html"];
    }
    res.writeHead(status, { "content-type": type });
    res.end(body);
  });
  return new Promise((done) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      done({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((closed) => server.close(closed)),
      });
    });
  });
}

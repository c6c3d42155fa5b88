//! The default theme compiled into the binary, and the one table of the files it puts in every
//! portal: each theme file's plain name, the name it is written under (CSS and scripts carry a
//! content hash, so hosts can cache them forever), its bytes and its Subresource Integrity value.
//!
//! The table is built once per process. Writing the files ([`crate::render::assets`]), linking
//! them from templates ([`crate::render::context`]), checking them in the browser
//! ([`crate::render::integrity`]), listing them for the service worker ([`crate::render::pwa`])
//! and describing the engine in the search manifest all read it, so a file can never be linked
//! under a name other than the one it was written under.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use base64::Engine;
use include_dir::{include_dir, Dir};
use sha2::{Digest, Sha256, Sha384};

/// The default theme: templates, static assets, the search engine and the service worker.
pub static THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../themes/default");

/// Plain names of the search files, as the table knows them.
const SEARCH_WORKER: &str = "assets/search-worker.js";
const ENGINE: &str = "assets/ngo-search.wasm";
const ENGINE_BR: &str = "assets/ngo-search.wasm.br";
const ENGINE_GZ: &str = "assets/ngo-search.wasm.gz";

/// One file of the theme as a portal holds it.
#[derive(Debug)]
pub struct ThemeFile {
    /// The name without a hash, e.g. `assets/style.css`.
    pub plain: String,
    /// The site-relative path it is written at, e.g. `assets/style.3f2a9c1d.css`.
    pub path: String,
    pub bytes: Cow<'static, [u8]>,
    /// `sha384-…`, the value a browser checks in an `integrity` attribute.
    pub sri: String,
}

/// Every file the theme adds to a portal, by plain and by written name.
#[derive(Debug)]
pub struct ThemeAssets {
    files: Vec<ThemeFile>,
    by_name: HashMap<String, usize>,
}

/// Site-relative paths of the browser search: the page script, the worker (wasm-bindgen glue
/// and worker code as one module) and the WebAssembly module, all with content hashes; the
/// module is also written compressed (`.br`, `.gz`, made when the module is built), for hosts
/// that do not compress `application/wasm`.
#[derive(Debug, Clone)]
pub struct SearchAssets {
    pub script: String,
    pub worker: String,
    pub wasm: String,
    pub engine: crate::search::Packed,
}

impl ThemeAssets {
    /// The table, built on first use: templates ask for names and integrity values on every
    /// page, and hashing the theme each time cost more than rendering the page.
    pub fn get() -> &'static ThemeAssets {
        static TABLE: OnceLock<ThemeAssets> = OnceLock::new();
        TABLE.get_or_init(|| ThemeAssets::from_files(search_files().chain(static_files())))
    }

    fn from_files(files: impl Iterator<Item = (String, String, Cow<'static, [u8]>)>) -> Self {
        let files: Vec<ThemeFile> = files
            .map(|(plain, path, bytes)| ThemeFile {
                sri: sri(&bytes),
                plain,
                path,
                bytes,
            })
            .collect();
        let mut by_name = HashMap::new();
        for (i, file) in files.iter().enumerate() {
            by_name.insert(file.plain.clone(), i);
            by_name.insert(file.path.clone(), i);
        }
        ThemeAssets { files, by_name }
    }

    /// Every file, in the order the build writes them.
    pub fn files(&self) -> &[ThemeFile] {
        &self.files
    }

    /// A file by its plain (`assets/app.js`) or written (`assets/app.1a2b3c4d.js`) name.
    pub fn file(&self, name: &str) -> Option<&ThemeFile> {
        self.by_name.get(name).map(|&i| &self.files[i])
    }

    /// The written path of a file named plainly; empty when the theme has no such file, which
    /// the theme's own tests rule out for every name the generator asks for.
    pub fn path(&self, plain: &str) -> &str {
        self.file(plain).map_or("", |f| f.path.as_str())
    }

    /// The site-relative path of the stylesheet.
    pub fn stylesheet(&self) -> &str {
        self.path("assets/style.css")
    }

    /// Where the search files are, for templates and the search manifest.
    pub fn search(&self) -> SearchAssets {
        let wasm = self.path(ENGINE).to_string();
        let size = |name: &str| self.file(name).map_or(0, |f| f.bytes.len());
        SearchAssets {
            script: self.path("assets/search.js").to_string(),
            worker: self.path(SEARCH_WORKER).to_string(),
            engine: crate::search::Packed {
                file: wasm.clone(),
                bytes: size(ENGINE),
                br: size(ENGINE_BR),
                gz: size(ENGINE_GZ),
            },
            wasm,
        }
    }
}

fn theme_bytes(path: &str) -> &'static [u8] {
    THEME
        .get_file(path)
        .map(|f| f.contents())
        .unwrap_or_default()
}

/// The search files: the worker is the glue followed by the worker code, served as one file so
/// a visitor waits for one request, not two in a row; the compressed engine is named after the
/// raw one, as hosts that pick `.br`/`.gz` beside a file expect.
fn search_files() -> impl Iterator<Item = (String, String, Cow<'static, [u8]>)> {
    let mut worker = theme_bytes("search/ngo_search.js").to_vec();
    worker.extend_from_slice(b"\n");
    worker.extend_from_slice(theme_bytes("search/worker.js"));
    let wasm = theme_bytes("search/ngo_search_bg.wasm");
    let wasm_path = hashed_name(ENGINE, wasm);
    [
        (
            SEARCH_WORKER.to_string(),
            hashed_name(SEARCH_WORKER, &worker),
            Cow::Owned(worker),
        ),
        (
            ENGINE_BR.to_string(),
            format!("{wasm_path}.br"),
            Cow::Borrowed(theme_bytes("search/ngo_search_bg.wasm.br")),
        ),
        (
            ENGINE_GZ.to_string(),
            format!("{wasm_path}.gz"),
            Cow::Borrowed(theme_bytes("search/ngo_search_bg.wasm.gz")),
        ),
        (ENGINE.to_string(), wasm_path, Cow::Borrowed(wasm)),
    ]
    .into_iter()
}

/// The theme's `static/` folder under `assets/`; stylesheets and scripts get hashed names.
fn static_files() -> impl Iterator<Item = (String, String, Cow<'static, [u8]>)> {
    let mut found = Vec::new();
    let mut stack: Vec<&Dir<'static>> = THEME.get_dir("static").into_iter().collect();
    while let Some(dir) = stack.pop() {
        stack.extend(dir.dirs());
        for file in dir.files() {
            let inside = file.path().strip_prefix("static").unwrap_or(file.path());
            let plain = format!("assets/{}", inside.to_string_lossy().replace('\\', "/"));
            let path = if plain.ends_with(".css") || plain.ends_with(".js") {
                hashed_name(&plain, file.contents())
            } else {
                plain.clone()
            };
            found.push((plain, path, Cow::Borrowed(file.contents())));
        }
    }
    found.into_iter()
}

/// `assets/style.css` → `assets/style.<8 hex digits of SHA-256>.css`.
pub fn hashed_name(path: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    match path.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{path}.{hash}"),
    }
}

/// `sha384-<base64 of the SHA-384 digest>`, the form browsers check.
pub fn sri(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_the_generator_asks_for_exists() {
        let table = ThemeAssets::get();
        for plain in [
            "assets/style.css",
            "assets/app.js",
            "assets/filter.js",
            "assets/search.js",
            "assets/icon.svg",
            SEARCH_WORKER,
            ENGINE,
            ENGINE_BR,
            ENGINE_GZ,
        ] {
            let file = table.file(plain).unwrap_or_else(|| panic!("no {plain}"));
            assert_eq!(file.plain, plain);
            assert!(!file.bytes.is_empty(), "{plain} is empty");
            assert_eq!(table.file(&file.path).unwrap().plain, plain);
        }
    }

    #[test]
    fn scripts_and_styles_are_hashed_other_files_are_not() {
        let table = ThemeAssets::get();
        let css = theme_bytes("static/style.css");
        assert_eq!(table.stylesheet(), hashed_name("assets/style.css", css));
        assert!(crate::render::headers::is_hashed_asset(table.stylesheet()));
        assert_eq!(table.path("assets/icon.svg"), "assets/icon.svg");
    }

    #[test]
    fn the_search_files_are_named_by_role_not_by_position() {
        let table = ThemeAssets::get();
        let search = table.search();
        let wasm = table.file(ENGINE).unwrap();
        assert_eq!(search.wasm, wasm.path);
        assert!(search.wasm.starts_with("assets/ngo-search.") && search.wasm.ends_with(".wasm"));
        assert_eq!(&wasm.bytes[..4], b"\0asm");
        assert_eq!(search.engine.bytes, wasm.bytes.len());
        assert_eq!(table.path(ENGINE_BR), format!("{}.br", search.wasm));
        assert_eq!(search.engine.br, table.file(ENGINE_BR).unwrap().bytes.len());
        assert_eq!(search.engine.gz, table.file(ENGINE_GZ).unwrap().bytes.len());
        assert!(search.engine.br < search.engine.bytes && search.engine.gz < search.engine.bytes);
        let worker = &table.file(SEARCH_WORKER).unwrap().bytes;
        assert!(worker.starts_with(theme_bytes("search/ngo_search.js")));
        assert!(worker.ends_with(theme_bytes("search/worker.js")));
        assert_eq!(search.script, table.path("assets/search.js"));
    }

    #[test]
    fn known_digest() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            sri(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}

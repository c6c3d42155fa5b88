//! Static files: the theme's CSS and scripts (with content hashes in their names, so hosts can
//! cache them forever), the site's own `static/` folder, and images of guide bundles.

use std::io;
use std::path::Path;
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use crate::model::Site;
use crate::output::Sink;
use crate::render::templates::THEME;

/// Where the hashed theme files ended up, for templates to link.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// Site-relative path of the stylesheet, e.g. `assets/style.3f2a9c1d.css`.
    pub css: String,
}

/// Writes every static file of the build.
pub fn write_assets(site: &Site, site_dir: &Path, staging: &dyn Sink) -> io::Result<Assets> {
    let assets = write_theme_static(staging)?;
    for rel in &site.static_files {
        let inside = rel.strip_prefix("static").unwrap_or(rel);
        staging.copy(&to_url_path(inside), &site_dir.join(rel))?;
    }
    for guide in &site.guides {
        let Some(bundle) = guide.source.parent() else {
            continue;
        };
        for asset in &guide.assets {
            let inside = asset.strip_prefix(bundle).unwrap_or(asset);
            let target = format!("{}{}", crate::urls::guide(&guide.slug), to_url_path(inside));
            staging.copy(&target, &site_dir.join(asset))?;
        }
    }
    Ok(assets)
}

fn write_theme_static(staging: &dyn Sink) -> io::Result<Assets> {
    let mut assets = Assets::default();
    for file in search_files() {
        staging.write(&file.path, &file.bytes)?;
    }
    let Some(dir) = THEME.get_dir("static") else {
        return Ok(assets);
    };
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        stack.extend(dir.dirs());
        for file in dir.files() {
            let inside = file.path().strip_prefix("static").unwrap_or(file.path());
            let mut target = format!("assets/{}", to_url_path(inside));
            if target.ends_with(".css") || target.ends_with(".js") {
                target = hashed_name(&target, file.contents());
                if target.starts_with("assets/style.") {
                    assets.css = target.clone();
                }
            }
            staging.write(&target, file.contents())?;
        }
    }
    Ok(assets)
}

/// The site-relative path of the theme stylesheet, as `write_assets` names it.
pub fn stylesheet() -> String {
    THEME
        .get_file("static/style.css")
        .map(|f| hashed_name("assets/style.css", f.contents()))
        .unwrap_or_default()
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

fn to_url_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
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

struct BuiltFile {
    path: String,
    bytes: Vec<u8>,
}

/// The search files of the theme, built once: the worker is the glue followed by the worker code,
/// served as one file so a visitor waits for one request, not two in a row.
fn search_files() -> &'static [BuiltFile] {
    static FILES: OnceLock<Vec<BuiltFile>> = OnceLock::new();
    FILES.get_or_init(|| {
        let theme = |path: &str| {
            THEME
                .get_file(path)
                .map(|f| f.contents().to_vec())
                .unwrap_or_default()
        };
        let mut worker = theme("search/ngo_search.js");
        worker.extend_from_slice(b"\n");
        worker.extend_from_slice(&theme("search/worker.js"));
        let wasm = theme("search/ngo_search_bg.wasm");
        let wasm_path = hashed_name("assets/ngo-search.wasm", &wasm);
        vec![
            BuiltFile {
                path: hashed_name("assets/search-worker.js", &worker),
                bytes: worker,
            },
            BuiltFile {
                path: format!("{wasm_path}.br"),
                bytes: theme("search/ngo_search_bg.wasm.br"),
            },
            BuiltFile {
                path: format!("{wasm_path}.gz"),
                bytes: theme("search/ngo_search_bg.wasm.gz"),
            },
            BuiltFile {
                path: wasm_path,
                bytes: wasm,
            },
        ]
    })
}

/// The site-relative path of a theme script in `static/`, with its content hash.
pub fn theme_script(name: &str) -> String {
    THEME
        .get_file(format!("static/{name}"))
        .map(|f| hashed_name(&format!("assets/{name}"), f.contents()))
        .unwrap_or_default()
}

/// Where the search files are, for templates.
pub fn search() -> SearchAssets {
    let files = search_files();
    let script = theme_script("search.js");
    let [worker, br, gz, wasm] = files else {
        unreachable!("search_files lists four files");
    };
    SearchAssets {
        script,
        worker: worker.path.clone(),
        wasm: wasm.path.clone(),
        engine: crate::search::Packed {
            file: wasm.path.clone(),
            bytes: wasm.bytes.len(),
            br: br.bytes.len(),
            gz: gz.bytes.len(),
        },
    }
}

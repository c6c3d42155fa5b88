//! Offline use: the web app manifest and the service worker, written last because the worker's
//! version is a hash of what the build produced (stylesheet, scripts, engine, search manifest),
//! so each deployment replaces the previous one's cache as a whole.

use std::io;

use serde_json::json;
use sha2::{Digest, Sha256};

use crate::model::Site;
use crate::output::Sink;
use crate::render::theme::{ThemeAssets, THEME};
use crate::search::Manifest;
use crate::urls;

/// Site-relative names; the worker sits at the base so its scope is the whole portal.
pub const SERVICE_WORKER: &str = "sw.js";
pub const WEB_MANIFEST: &str = "manifest.webmanifest";
/// The page shown for a page never visited while offline.
pub const OFFLINE_PAGE: &str = "ngoai-tuyen/";

/// Writes `manifest.webmanifest` and `sw.js`; the search manifest changes whenever a team,
/// guide or place does, so it stands for the content in the worker's version, with the
/// fingerprint of the members' published data (a withdrawal may not change any shard).
pub fn write(site: &Site, search: &Manifest, sink: &dyn Sink) -> io::Result<()> {
    let base = &site.config.base_url.path;
    let search = search.to_json();
    sink.write(WEB_MANIFEST, &web_manifest(site, base))?;
    let people = site.people_key().to_hex();
    sink.write(
        SERVICE_WORKER,
        service_worker(base, &search, &people).as_bytes(),
    )
}

fn web_manifest(site: &Site, base: &str) -> Vec<u8> {
    let title = &site.config.title;
    let manifest = json!({
        "name": title,
        "short_name": "Tổ CNSCĐ",
        "description": "Tìm tổ công nghệ số cộng đồng gần nhà và hướng dẫn dùng dịch vụ số.",
        "lang": "vi",
        "start_url": base,
        "scope": base,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5cad",
        "icons": [
            { "src": format!("{base}assets/icon.svg"), "sizes": "any", "type": "image/svg+xml" },
            { "src": format!("{base}assets/icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "maskable" }
        ]
    });
    serde_json::to_vec_pretty(&manifest).expect("the manifest serialises")
}

fn service_worker(base: &str, search_manifest: &[u8], people: &str) -> String {
    let theme = ThemeAssets::get();
    let search = theme.search();
    let mut shell = vec![
        base.to_string(),
        format!("{base}{}", urls::GUIDES),
        format!("{base}tim-kiem/"),
        format!("{base}{OFFLINE_PAGE}"),
        format!("{base}404.html"),
        format!("{base}{}", theme.stylesheet()),
        format!("{base}{}", theme.path("assets/app.js")),
        format!("{base}{}", search.script),
        format!("{base}assets/icon.svg"),
        format!("{base}{WEB_MANIFEST}"),
    ];
    shell.dedup();
    let mut hash = Sha256::new();
    hash.update(search_manifest);
    // Pages a phone stored hold members' data; a change to it must replace them too.
    hash.update(people.as_bytes());
    for part in shell.iter().chain([&search.worker, &search.wasm]) {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.update(env!("CARGO_PKG_VERSION").as_bytes());
    let version: String = hash.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let template = THEME
        .get_file("pwa/sw.js")
        .and_then(|f| f.contents_utf8())
        .unwrap_or_default();
    template
        .replace("__VERSION__", &version)
        .replace("__BASE__", base)
        .replace(
            "__SHELL__",
            &serde_json::to_string(&shell).expect("strings serialise"),
        )
}

//! Offline use: the web app manifest and the service worker, written last because the worker
//! holds what the build produced: the shell's addresses, every guide's page and the search
//! manifest, so that it stores exactly its own build's files, and a version that is a hash of
//! all of it, so each deployment replaces the previous one's cache as a whole.
//!
//! The worker is three theme files put together (see docs/offline.md): `pwa/packed.js` (which
//! compressed form of a search file a browser fetches, the rule the search worker follows
//! too), `pwa/reading.js` (reading pages without a DOM) and `pwa/sw.js` (the worker).

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
pub const OFFLINE_PAGE: &str = crate::urls::OFFLINE;

/// The theme files the worker is made of, in order.
const PARTS: [&str; 3] = ["pwa/packed.js", "pwa/reading.js", "pwa/sw.js"];

/// Writes `manifest.webmanifest` and `sw.js`. Besides the worker's own text, its version
/// stands for the fingerprint of the members' published data: a withdrawal may change no
/// shard, yet the pages a phone stored must be replaced.
pub fn write(site: &Site, search: &Manifest, sink: &dyn Sink) -> io::Result<()> {
    let base = &site.config.base_url.path;
    sink.write(WEB_MANIFEST, &web_manifest(site, base))?;
    let guides: Vec<String> = site.guides.iter().map(|g| urls::guide(&g.slug)).collect();
    let people = site.people_key().to_hex();
    sink.write(
        SERVICE_WORKER,
        service_worker(base, search, &guides, &people).as_bytes(),
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

/// Addresses stored when the worker installs: what a visitor without a signal needs first.
fn shell(base: &str) -> Vec<String> {
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
    shell
}

/// The worker's text. `guides` are site-relative guide pages; the guides index goes first.
/// `people` is the fingerprint of the members' published data.
fn service_worker(base: &str, search: &Manifest, guides: &[String], people: &str) -> String {
    let search_assets = ThemeAssets::get().search();
    let guide_pages: Vec<String> = std::iter::once(urls::GUIDES.to_string())
        .chain(guides.iter().cloned())
        .map(|page| format!("{base}{page}"))
        .collect();
    let scripts = json!({ "script": search_assets.script, "worker": search_assets.worker });
    let to_js = |value: &serde_json::Value| value.to_string();
    let template: String = PARTS
        .iter()
        .map(|part| {
            THEME
                .get_file(part)
                .and_then(|f| f.contents_utf8())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("\n");
    let text = template
        .replace("__BASE__", base)
        // Longer names first: `__GUIDES_PATH__` holds `__GUIDES__`'s letters.
        .replace("__OFFLINE_PATH__", crate::urls::OFFLINE)
        .replace("__MANIFEST_PATH__", crate::search::MANIFEST)
        .replace("__GUIDES_PATH__", crate::urls::GUIDES)
        .replace("__SHELL__", &to_js(&json!(shell(base))))
        .replace("__GUIDES__", &to_js(&json!(guide_pages)))
        .replace("__SEARCH__", &to_js(&scripts))
        .replace(
            "__MANIFEST__",
            &serde_json::to_string(search).expect("the manifest serialises"),
        );
    text.replace("__VERSION__", &version(&text, people))
}

/// Twelve hex digits of a hash of the worker's text without its version, of the members'
/// data and of this program's version: any change to what the worker stores or does, or to
/// what the pages a phone stored show of members, makes a new cache.
fn version(text: &str, people: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(text.as_bytes());
    hash.update([0]);
    hash.update(people.as_bytes());
    hash.update(env!("CARGO_PKG_VERSION").as_bytes());
    hash.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::search::{Packed, ShardEntry};

    fn packed(file: &str) -> Packed {
        Packed {
            file: file.to_string(),
            bytes: 1000,
            br: 200,
            gz: 300,
        }
    }

    fn manifest(province_file: &str) -> Manifest {
        let mut shards = BTreeMap::new();
        for (name, file) in [
            ("places", "search/places.0a1b2c3d.shard"),
            ("p22", province_file),
        ] {
            shards.insert(
                name.to_string(),
                ShardEntry {
                    packed: packed(file),
                    documents: 3,
                    name: None,
                },
            );
        }
        Manifest {
            format: ngo_search::FORMAT_VERSION,
            engine: packed("assets/ngo-search.0a1b2c3d.wasm"),
            shards,
            phones: None,
        }
    }

    fn guides() -> Vec<String> {
        vec!["huong-dan/goi-video-zalo/".to_string()]
    }

    #[test]
    fn the_worker_holds_its_build() {
        let text = service_worker(
            "/cong/",
            &manifest("search/p22.11111111.shard"),
            &guides(),
            "p1",
        );
        for placeholder in ["VERSION", "BASE", "SHELL", "GUIDES", "SEARCH", "MANIFEST"] {
            let left = format!("__{placeholder}__");
            assert!(!text.contains(&left), "{left} was left in the worker");
        }
        assert!(text.contains("const BASE = \"/cong/\";"));
        assert!(text.contains(r#"["/cong/huong-dan/","/cong/huong-dan/goi-video-zalo/"]"#));
        assert!(
            text.contains(r#""file":"search/p22.11111111.shard","bytes":1000,"br":200,"gz":300"#)
        );
        assert!(
            text.contains("\"/cong/ngoai-tuyen/\""),
            "the offline page is in the shell"
        );
        // The three parts, in order: the rule and the reading come before the worker uses them.
        let rule = text.find("function packedForm(").unwrap();
        let reading = text.find("function pageImages(").unwrap();
        let worker = text.find("self.addEventListener(\"install\"").unwrap();
        assert!(rule < reading && reading < worker);
    }

    #[test]
    fn any_change_to_what_it_stores_is_a_new_version() {
        let version_of = |text: &str| {
            let start = text.find("const VERSION = \"").unwrap() + 17;
            text[start..start + 12].to_string()
        };
        let one = service_worker("/", &manifest("search/p22.11111111.shard"), &guides(), "p1");
        let same = service_worker("/", &manifest("search/p22.11111111.shard"), &guides(), "p1");
        let shard = service_worker("/", &manifest("search/p22.22222222.shard"), &guides(), "p1");
        let guide = service_worker("/", &manifest("search/p22.11111111.shard"), &[], "p1");
        assert_eq!(version_of(&one), version_of(&same));
        assert!(version_of(&one).chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(version_of(&one), version_of(&shard));
        assert_ne!(version_of(&one), version_of(&guide));
        let people = service_worker("/", &manifest("search/p22.11111111.shard"), &guides(), "p2");
        assert_ne!(
            version_of(&one),
            version_of(&people),
            "a withdrawal replaces stored pages"
        );
    }
}

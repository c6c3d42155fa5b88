//! Response headers for the host: the security policy and the caching rules, written as a
//! `_headers` file (the syntax Netlify and Cloudflare Pages read) beside the pages.
//!
//! The same Content-Security-Policy is in every page as a `<meta http-equiv>`, so a host that
//! ignores `_headers` still gets it; `frame-ancestors` only works as a real header, so it is added
//! here. Caching follows the file names: a name carrying a content hash never changes and is
//! kept for a year, everything a visitor reaches by address is revalidated on each visit.

use std::io;
use std::sync::Mutex;

use crate::fingerprint::Key;
use crate::output::{Recalled, Sink};
use crate::render::redirects::Redirect;

/// The redirect rules of Netlify and Cloudflare Pages.
pub const REDIRECTS: &str = "_redirects";
/// The same rules as an nginx `map` (see docs/hosting.md).
pub const NGINX_REDIRECTS: &str = "_redirects.nginx";

/// The policy of every page: only the portal's own scripts, styles, images and workers, plus
/// WebAssembly compilation for the search engine; no plugins, no foreign form targets.
macro_rules! page_policy {
    () => {
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'"
    };
}

/// The `<meta http-equiv="Content-Security-Policy">` of every page (base.html writes it).
pub const CONTENT_SECURITY_POLICY: &str = page_policy!();

/// The page policy plus what only a real header can say: no other site may frame the portal.
const CSP_HEADER: &str = concat!(page_policy!(), "; frame-ancestors 'none'");

/// One year, the longest lifetime caches honour.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// Names of the service worker a theme may ship at the site root: it must never be cached, or a
/// fixed portal could keep serving the broken version.
const SERVICE_WORKERS: &[&str] = &["sw.js", "service-worker.js"];

/// A sink that passes every write through and remembers the paths that are not pages, so the
/// caching rules can name each hashed asset exactly.
pub struct Recorder<'s> {
    inner: &'s dyn Sink,
    paths: Mutex<Vec<String>>,
}

impl<'s> Recorder<'s> {
    pub fn new(inner: &'s dyn Sink) -> Self {
        Recorder {
            inner,
            paths: Mutex::new(Vec::new()),
        }
    }

    /// The recorded paths, sorted.
    pub fn paths(&self) -> Vec<String> {
        let mut paths = self.paths.lock().expect("no panic while locked").clone();
        paths.sort();
        paths.dedup();
        paths
    }

    fn note(&self, relative: &str) {
        if !relative.ends_with(".html") {
            self.paths
                .lock()
                .expect("no panic while locked")
                .push(relative.to_string());
        }
    }
}

impl Sink for Recorder<'_> {
    fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        self.note(relative);
        self.inner.write(relative, bytes)
    }

    fn copy(&self, relative: &str, from: &std::path::Path) -> io::Result<()> {
        self.note(relative);
        self.inner.copy(relative, from)
    }

    fn write_made_from(&self, relative: &str, made_from: Key, bytes: &[u8]) -> io::Result<()> {
        self.note(relative);
        self.inner.write_made_from(relative, made_from, bytes)
    }

    fn reuse(&self, relative: &str, made_from: Key) -> bool {
        let kept = self.inner.reuse(relative, made_from);
        if kept {
            self.note(relative);
        }
        kept
    }

    fn recall(&self, task: &str, made_from: Key) -> Option<Recalled> {
        let recalled = self.inner.recall(task, made_from)?;
        for file in &recalled.files {
            self.note(file);
        }
        Some(recalled)
    }

    fn remember(&self, task: &str, made_from: Key, files: &[String], note: &str) {
        self.inner.remember(task, made_from, files, note);
    }
}

/// Writes `_headers` for the files in `written` (site-relative), under the base path `base`.
pub fn write_headers(base: &str, written: &[String], sink: &dyn Sink) -> io::Result<()> {
    sink.write("_headers", headers_file(base, written).as_bytes())
}

/// The text of `_headers`. Rules never overlap on `Cache-Control`: both hosts merge the values
/// of every matching rule, so one path must match exactly one caching rule.
pub fn headers_file(base: &str, written: &[String]) -> String {
    let mut out = String::from(
        "# Written by ngo build: security headers and caching for Netlify and Cloudflare Pages.\n\
         # For nginx, see docs/hosting.md.\n\n",
    );
    rule(&mut out, &format!("{base}*"), &security_headers());
    for pages in [
        base.to_string(),
        format!("{base}*/"),
        format!("{base}*.html"),
    ] {
        rule(&mut out, &pages, &[("Cache-Control", REVALIDATE)]);
    }
    rule(
        &mut out,
        &format!("{base}search/manifest.json"),
        &[("Cache-Control", REVALIDATE)],
    );
    // Shards, raw and in the brotli and gzip forms the search worker fetches.
    for shard in ["*.shard", "*.shard.br", "*.shard.gz"] {
        rule(
            &mut out,
            &format!("{base}search/{shard}"),
            &[("Cache-Control", IMMUTABLE)],
        );
    }
    // Guide images are many and all carry hashes: one rule covers their folder.
    let images = crate::images::FOLDER;
    if written.iter().any(|p| p.starts_with(images)) {
        rule(
            &mut out,
            &format!("{base}{images}*"),
            &[("Cache-Control", IMMUTABLE)],
        );
    }
    for path in written
        .iter()
        .filter(|p| is_hashed_asset(p) && !p.starts_with(images))
    {
        rule(
            &mut out,
            &format!("{base}{path}"),
            &[("Cache-Control", IMMUTABLE)],
        );
    }
    for path in written
        .iter()
        .filter(|p| SERVICE_WORKERS.contains(&p.as_str()))
    {
        rule(
            &mut out,
            &format!("{base}{path}"),
            &[("Cache-Control", REVALIDATE)],
        );
    }
    out
}

fn security_headers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("Content-Security-Policy", CSP_HEADER),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        (
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        ),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Strict-Transport-Security", "max-age=31536000"),
    ]
}

fn rule(out: &mut String, path: &str, headers: &[(&str, &str)]) {
    out.push_str(path);
    out.push('\n');
    for (name, value) in headers {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out.push('\n');
}

/// `_redirects`: a permanent redirect from each old address to its page, with and without the
/// final `/`. Cloudflare Pages applies them before its files; Netlify serves the redirect page
/// that is there instead (it only lets a rule shadow a file when forced, which Cloudflare does
/// not read), and that page sends the visitor on.
pub fn redirects_file(base: &str, redirects: &[Redirect]) -> String {
    let mut out = String::from(
        "# Written by ngo build: old addresses (aliases) of guides, pages and teams.\n\
         # For nginx, see docs/hosting.md.\n",
    );
    for r in redirects {
        for from in spellings(base, &r.from) {
            out.push_str(&format!("{from} {base}{} 301\n", r.to));
        }
    }
    out
}

/// The body of an nginx `map $uri $ngo_redirect { … }`: `include`d by the server block of
/// docs/hosting.md, which answers `301` when the requested path has an entry. Paths hold only
/// letters, digits and `-_.~/` (see `model::alias`), so they need no quoting.
pub fn nginx_redirects(base: &str, redirects: &[Redirect]) -> String {
    let mut out = String::from(
        "# Written by ngo build: old addresses (aliases), included by the nginx map of\n\
         # docs/hosting.md. nginx reads it when it starts or reloads (nginx -s reload).\n",
    );
    for r in redirects {
        for from in spellings(base, &r.from) {
            out.push_str(&format!("{from} {base}{};\n", r.to));
        }
    }
    out
}

/// An old address as visitors type it: `/a/b/` and `/a/b`; a file address as it is.
fn spellings(base: &str, from: &str) -> Vec<String> {
    let full = format!("{base}{from}");
    match full.strip_suffix('/') {
        Some(bare) if !bare.is_empty() => vec![full.clone(), bare.to_string()],
        _ => vec![full],
    }
}

/// `assets/style.3f2a9c1d.css`: a file under `assets/` whose name carries 8 or more hex digits
/// between dots, as [`crate::render::theme::hashed_name`] writes them.
pub fn is_hashed_asset(path: &str) -> bool {
    let Some(name) = path.strip_prefix("assets/") else {
        return false;
    };
    let name = name.rsplit('/').next().unwrap_or(name);
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[1..parts.len() - 1]
            .iter()
            .any(|p| p.len() >= 8 && p.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_policy_extends_the_page_policy() {
        assert!(CSP_HEADER.starts_with(CONTENT_SECURITY_POLICY));
        assert!(!CONTENT_SECURITY_POLICY.contains("frame-ancestors"));
    }

    #[test]
    fn the_theme_carries_the_page_policy() {
        let base = crate::render::theme::THEME
            .get_file("templates/base.html")
            .and_then(|f| f.contents_utf8())
            .unwrap();
        let meta = format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">"
        );
        assert!(base.contains(&meta), "base.html must carry {meta}");
    }

    #[test]
    fn hashed_names_are_recognised() {
        assert!(is_hashed_asset("assets/style.3f2a9c1d.css"));
        assert!(is_hashed_asset("assets/js/search.0123abcd.js"));
        assert!(!is_hashed_asset("assets/icon.svg"));
        assert!(!is_hashed_asset("assets/deadbeef.svg"));
        assert!(!is_hashed_asset("search/p22.3f2a9c1d.shard"));
    }

    #[test]
    fn each_path_gets_one_caching_rule() {
        let written = vec![
            "assets/style.3f2a9c1d.css".to_string(),
            "assets/icon.svg".to_string(),
            "sw.js".to_string(),
        ];
        let text = headers_file("/", &written);
        assert!(text.contains(
            "/assets/style.3f2a9c1d.css\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
        for shard in ["*.shard", "*.shard.br", "*.shard.gz"] {
            let rule =
                format!("/search/{shard}\n  Cache-Control: public, max-age=31536000, immutable\n");
            assert!(text.contains(&rule), "{rule}");
        }
        assert!(is_hashed_asset("assets/ngo-search.3f2a9c1d.wasm.br"));
        assert!(is_hashed_asset("assets/ngo-search.3f2a9c1d.wasm.gz"));
        assert!(text.contains("/search/manifest.json\n  Cache-Control: no-cache\n"));
        assert!(text.contains("/sw.js\n  Cache-Control: no-cache\n"));
        assert!(!text.contains("/assets/icon.svg"));
        let site_wide = text.split("\n\n").find(|r| r.starts_with("/*\n")).unwrap();
        assert!(!site_wide.contains("Cache-Control"), "{site_wide}");
        assert!(site_wide.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn images_share_one_rule() {
        let written = vec![
            "assets/anh/a-360.3f2a9c1d.webp".to_string(),
            "assets/anh/a-540.3f2a9c1d.jpg".to_string(),
        ];
        let text = headers_file("/", &written);
        assert!(
            text.contains("/assets/anh/*\n  Cache-Control: public, max-age=31536000, immutable\n")
        );
        assert!(!text.contains("/assets/anh/a-360"), "{text}");
    }

    #[test]
    fn redirects_are_written_for_both_hosts_with_and_without_the_slash() {
        let all = [
            Redirect {
                from: "huong-dan/cu/".to_string(),
                to: "huong-dan/moi/".to_string(),
                title: "Mới".to_string(),
            },
            Redirect {
                from: "tin/bai.html".to_string(),
                to: "gioi-thieu/".to_string(),
                title: "Giới thiệu".to_string(),
            },
        ];
        let netlify = redirects_file("/cds/", &all);
        assert!(netlify.ends_with(
            "/cds/huong-dan/cu/ /cds/huong-dan/moi/ 301\n/cds/huong-dan/cu /cds/huong-dan/moi/ 301\n\
             /cds/tin/bai.html /cds/gioi-thieu/ 301\n"
        ), "{netlify}");
        let nginx = nginx_redirects("/", &all);
        assert!(nginx.ends_with(
            "/huong-dan/cu/ /huong-dan/moi/;\n/huong-dan/cu /huong-dan/moi/;\n/tin/bai.html /gioi-thieu/;\n"
        ), "{nginx}");
    }

    #[test]
    fn rules_follow_the_base_path() {
        let text = headers_file("/quang-ninh/", &[]);
        assert!(text.contains("\n/quang-ninh/*\n  Content-Security-Policy:"));
        assert!(text.contains("\n/quang-ninh/search/*.shard\n"));
    }
}

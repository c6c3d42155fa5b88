//! Team and commune pages stay light enough for a cheap phone on a weak connection: at most 20 KB
//! of HTML and CSS after brotli, no web fonts, nothing loaded from another site, sized images.

use std::path::Path;

use ngo_tests::files_under;

use crate::sample_portal::built;

/// The budget for one page: its HTML plus the site's CSS, each compressed as a server would.
const BUDGET: usize = 20 * 1024;

/// Most that brotli adds to input it cannot compress (stream header and block headers of a page).
const INCOMPRESSIBLE_OVERHEAD: usize = 16;

/// Where the sample is served, as `content/site.yaml` sets it.
const BASE: &str = "https://tocongngheso.example.gov.vn/";

/// Links a citizen may follow out of the portal: dialling, mail, a chat app, a map. These are
/// never loaded by the page itself.
const OUTBOUND: &[&str] = &[
    "tel:",
    "mailto:",
    "https://zalo.me/",
    "https://www.openstreetmap.org/",
];

/// Maps `items` on every core with scoped threads: brotli at quality 11 over thousands of pages
/// is the slow part of this test.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| s.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("no panic"))
            .collect()
    })
}

/// Size after brotli at quality 11, as a server precompresses static files. A 64 KB window holds
/// a whole page, so it compresses as well as the default 4 MB one while setting up far less.
fn brotli_size(bytes: &[u8]) -> usize {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 16,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("in memory");
    out.len()
}

/// Commune pages (`p/c/index.html`) and team pages (`p/c/t/index.html`) of the built sample.
fn commune_and_team_pages(root: &Path) -> Vec<String> {
    files_under(root)
        .into_iter()
        .filter(|f| f.ends_with("/index.html"))
        .filter(|f| {
            let depth = f.matches('/').count();
            let top = f.split('/').next().unwrap_or("");
            (depth == 2 || depth == 3) && !ngo::urls::RESERVED.contains(&top)
        })
        .filter(|f| {
            let text = std::fs::read_to_string(root.join(f)).unwrap();
            text.contains("class=\"member-list\"") || text.contains("class=\"subtitle\"")
        })
        .collect()
}

/// The values of `attr="…"` on the tags named `tag` in `html`.
fn tags<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    html.split(&format!("<{tag} "))
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(""))
        .collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    tag.split(&format!(" {name}=\""))
        .nth(1)
        .or_else(|| tag.strip_prefix(&format!("{name}=\"")))
        .and_then(|rest| rest.split('"').next())
}

fn is_own(url: &str) -> bool {
    (url.starts_with('/') && !url.starts_with("//"))
        || url.starts_with('#')
        || url.starts_with(BASE)
        || !url.contains(':')
}

#[test]
fn commune_and_team_pages_fit_the_budget_and_load_nothing_from_elsewhere() {
    let root = built();
    let pages = commune_and_team_pages(&root);
    assert!(
        pages.len() > 3000,
        "every commune and team page: {}",
        pages.len()
    );
    assert!(
        brotli_size(&[b'a'; 30_000]) < 100,
        "brotli at work, not a copy"
    );
    let css_files: Vec<String> = files_under(&root)
        .into_iter()
        .filter(|f| f.ends_with(".css"))
        .collect();
    assert_eq!(css_files.len(), 1, "one CSS file: {css_files:?}");
    let css = std::fs::read_to_string(root.join(&css_files[0])).unwrap();
    assert!(!css.contains("@font-face"), "no web fonts");
    assert!(!css.contains("@import"), "one CSS file, no imports");
    let fonts = files_under(&root)
        .into_iter()
        .filter(|f| {
            [".woff", ".woff2", ".ttf", ".otf"]
                .iter()
                .any(|e| f.ends_with(e))
        })
        .count();
    assert_eq!(fonts, 0, "no font files");
    let css_brotli = brotli_size(css.as_bytes());

    let problems: Vec<String> = par_map(&pages, |page| {
        let html = std::fs::read_to_string(root.join(page)).unwrap();
        let mut found = Vec::new();
        // Brotli never grows its input by more than a few bytes, so a page whose raw HTML and CSS
        // already fit needs no compressing to prove it fits; pages with teams are always measured.
        let raw = html.len() + css.len() + INCOMPRESSIBLE_OVERHEAD;
        let has_teams =
            html.contains("class=\"member-list\"") || html.contains("class=\"team-list\"");
        let size = if has_teams || raw > BUDGET {
            brotli_size(html.as_bytes()) + css_brotli
        } else {
            raw
        };
        if size > BUDGET {
            found.push(format!("{page}: {size} bytes after brotli"));
        }
        let stylesheets = tags(&html, "link")
            .into_iter()
            .filter(|t| attr(t, "rel") == Some("stylesheet"))
            .count();
        if stylesheets != 1 || html.contains("<style") || html.contains(" style=\"") {
            found.push(format!("{page}: CSS other than the one stylesheet"));
        }
        if html.contains("<script") && html.contains("src=\"http") {
            found.push(format!("{page}: a script from another site"));
        }
        for tag in ["img", "script", "source", "iframe", "audio", "video"] {
            for t in tags(&html, tag) {
                if let Some(src) = attr(t, "src") {
                    if !is_own(src) {
                        found.push(format!("{page}: <{tag}> loads {src}"));
                    }
                }
            }
        }
        for t in tags(&html, "link") {
            if let Some(href) = attr(t, "href") {
                if !is_own(href) {
                    found.push(format!("{page}: <link> loads {href}"));
                }
            }
        }
        for t in tags(&html, "a") {
            if let Some(href) = attr(t, "href") {
                if !is_own(href) && !OUTBOUND.iter().any(|o| href.starts_with(o)) {
                    found.push(format!("{page}: link to another site {href}"));
                }
            }
        }
        let main_at = html.find("<main").unwrap_or(0);
        for (at, _) in html.match_indices("<img ") {
            let t = html[at + 5..].split('>').next().unwrap_or("");
            if attr(t, "width").is_none() || attr(t, "height").is_none() {
                found.push(format!("{page}: <img> without width and height: {t}"));
            }
            // Only the logo in the header, above the fold, may load eagerly.
            if at > main_at && attr(t, "loading") != Some("lazy") {
                found.push(format!("{page}: <img> not lazy: {t}"));
            }
        }
        found
    })
    .into_iter()
    .flatten()
    .collect();
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

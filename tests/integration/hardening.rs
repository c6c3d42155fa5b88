//! The output as a browser must trust it: a Content-Security-Policy in every page, nothing inline
//! that the policy would have to allow, and the header file a host applies.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ngo::render::headers::{is_hashed_asset, CONTENT_SECURITY_POLICY};
use ngo_tests::{copy_tree, files_under, ngo, repo_root, write_files};

/// A guide that tries everything the policy forbids, plus a table with aligned cells.
const HOSTILE_GUIDE: &str = "---\ntitle: \"Bảng và mã lạ\"\nskill: an-toan\n---\n\
| Việc | Giá |\n|:--|--:|\n| Điện | 100 |\n\n\
<style>body{display:none}</style>\n\n<p style=\"color:red\" onclick=\"x()\">Chữ</p>\n\n\
<script>alert(1)</script>\n";

/// The sample portal plus the hostile guide, built once for this file.
fn built() -> PathBuf {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        copy_tree(&repo_root().join("content"), &tmp.path().join("site"));
        write_files(
            &tmp.path().join("site"),
            &[("guides/bang-va-ma-la.md", HOSTILE_GUIDE)],
        );
        ngo(tmp.path(), &["build", "site", "-o", "public"]).ok();
        tmp
    })
    .path()
    .join("public")
}

fn html_pages(dir: &Path) -> Vec<(String, String)> {
    files_under(dir)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let text = std::fs::read_to_string(dir.join(&f)).unwrap();
            (f, text)
        })
        .collect()
}

/// Every `<script …>` opening tag of a page.
fn script_tags(html: &str) -> Vec<&str> {
    html.match_indices("<script")
        .map(|(i, _)| &html[i..i + html[i..].find('>').map_or(html.len() - i, |e| e + 1)])
        .collect()
}

#[test]
fn every_page_carries_the_policy_and_nothing_inline() {
    let pages = html_pages(&built());
    assert!(pages.len() > 50, "only {} pages", pages.len());
    let meta = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">"
    );
    for (file, html) in &pages {
        let head = &html[..html
            .find("</head>")
            .unwrap_or_else(|| panic!("{file}: no head"))];
        assert!(head.contains(&meta), "{file}: no CSP meta");
        assert!(
            head.contains("<meta name=\"referrer\" content=\"strict-origin-when-cross-origin\">"),
            "{file}: no referrer policy"
        );
        for tag in script_tags(html) {
            assert!(tag.contains(" src=\""), "{file}: inline script {tag}");
        }
        assert!(!html.contains("<style"), "{file}: <style> block");
        assert!(!html.contains(" style="), "{file}: style attribute");
        assert!(!html.contains("onclick="), "{file}: event handler");
    }
}

#[test]
fn table_alignment_survives_as_classes() {
    let html = std::fs::read_to_string(built().join("huong-dan/bang-va-ma-la/index.html")).unwrap();
    assert!(
        html.contains("<td class=\"align-right\">100</td>"),
        "{html}"
    );
    assert!(!html.contains("alert(1)"));
    let css_name = files_under(&built().join("assets"))
        .into_iter()
        .find(|f| f.starts_with("style."))
        .unwrap();
    let css = std::fs::read_to_string(built().join("assets").join(css_name)).unwrap();
    assert!(css.contains(".align-right"));
}

#[test]
fn the_stylesheet_link_carries_the_hash_of_the_file_written() {
    let out = built();
    let css_name = files_under(&out.join("assets"))
        .into_iter()
        .find(|f| f.starts_with("style."))
        .unwrap();
    let css = std::fs::read(out.join("assets").join(&css_name)).unwrap();
    let expected = format!(
        "href=\"/assets/{css_name}\" integrity=\"{}\"",
        ngo::render::theme::sri(&css)
    );
    // Redirect pages at old addresses only send the visitor on: they load nothing.
    let pages: Vec<_> = html_pages(&out)
        .into_iter()
        .filter(|(_, html)| !html.contains("<meta http-equiv=\"refresh\""))
        .collect();
    assert!(pages.len() > 50);
    for (file, html) in pages {
        assert!(html.contains(&expected), "{file}: no {expected}");
    }
}

#[test]
fn headers_file_covers_security_and_caching() {
    let out = built();
    let headers = std::fs::read_to_string(out.join("_headers")).unwrap();
    let rules: Vec<&str> = headers.split("\n\n").collect();
    let rule = |path: &str| {
        rules
            .iter()
            .find(|r| r.lines().next() == Some(path))
            .unwrap_or_else(|| panic!("no rule for {path}:\n{headers}"))
    };
    let site_wide = rule("/*");
    for header in [
        "Content-Security-Policy: default-src 'self'",
        "frame-ancestors 'none'",
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy: strict-origin-when-cross-origin",
    ] {
        assert!(site_wide.contains(header), "{site_wide}");
    }
    assert!(rule("/search/*.shard").contains("max-age=31536000, immutable"));
    assert!(rule("/search/manifest.json").contains("Cache-Control: no-cache"));
    assert!(rule("/*/").contains("Cache-Control: no-cache"));
    let assets = files_under(&out.join("assets"));
    let hashed: Vec<String> = assets
        .iter()
        .map(|f| format!("assets/{f}"))
        .filter(|f| is_hashed_asset(f))
        .collect();
    assert!(!hashed.is_empty(), "{assets:?}");
    // Guide images are many: one rule covers their folder.
    let (images, others): (Vec<String>, Vec<String>) = hashed
        .into_iter()
        .partition(|f| f.starts_with("assets/anh/"));
    assert!(!images.is_empty(), "{assets:?}");
    assert!(rule("/assets/anh/*").contains("immutable"));
    for asset in others {
        assert!(rule(&format!("/{asset}")).contains("immutable"));
    }
    let shards = files_under(&out.join("search"));
    assert!(shards.iter().any(|f| f.ends_with(".shard")), "{shards:?}");
}

#[test]
fn the_sample_portal_builds_byte_for_byte_the_same_twice() {
    let tmp = tempfile::tempdir().unwrap();
    let content = repo_root().join("content");
    let content = content.to_str().unwrap();
    for out in ["a", "b"] {
        ngo(tmp.path(), &["build", content, "-o", out]).ok();
    }
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let files = files_under(&a);
    assert_eq!(files, files_under(&b));
    assert!(files.iter().any(|f| f.ends_with(".shard")), "{files:?}");
    for file in &files {
        let same = std::fs::read(a.join(file)).unwrap() == std::fs::read(b.join(file)).unwrap();
        assert!(same, "{file} differs between two builds");
    }
}

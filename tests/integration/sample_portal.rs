//! The sample portal in `content/` built for real and inspected: pages, links, privacy, sub-paths.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use ngo::phone::Phone;
use ngo_tests::{copy_tree, files_under, links, ngo, repo_root};

/// The sample built once into a temporary folder shared by the tests of this file.
pub(crate) fn built() -> PathBuf {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let content = repo_root().join("content");
        let out = tmp.path().join("public");
        ngo(
            &repo_root(),
            &[
                "build",
                content.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
        )
        .ok();
        tmp
    })
    .path()
    .join("public")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(built().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_named_communes_have_pages() {
    for page in [
        "quang-ninh/xa-quang-la/index.html",
        "tuyen-quang/xa-lung-cu/index.html",
        "can-tho/xa-tran-de/index.html",
        "da-nang/xa-nui-thanh/index.html",
        "thanh-hoa/phuong-bim-son/index.html",
        "quang-ninh/xa-quang-la/thon-khe-cat/index.html",
    ] {
        assert!(built().join(page).is_file(), "missing {page}");
    }
    let quang_la = read("quang-ninh/xa-quang-la/index.html");
    assert!(
        quang_la.contains("Xã Dân Chủ (Thành phố Hạ Long)"),
        "old commune listed"
    );
}

#[test]
fn site_wide_files_exist() {
    for file in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "huong-dan/index.html",
        "huong-dan/atom.xml",
        "tim-kiem/index.html",
    ] {
        assert!(built().join(file).is_file(), "missing {file}");
    }
    let sitemap = read("sitemap.xml");
    assert!(
        sitemap.contains("/quang-ninh/xa-quang-la/thon-khe-cat/"),
        "team in sitemap"
    );
}

#[test]
fn guides_cover_all_five_skills() {
    let index = read("huong-dan/index.html");
    let guides: BTreeSet<String> = links(&index)
        .into_iter()
        .filter(|l| {
            l.starts_with("/huong-dan/")
                && l.len() > "/huong-dan/".len()
                && !l.contains('#')
                && !l.ends_with(".xml")
        })
        .collect();
    assert!(guides.len() >= 10, "{guides:?}");
    for skill in [
        "dich-vu-cong",
        "mua-sam",
        "thanh-toan",
        "an-toan",
        "nen-tang-khac",
    ] {
        let section = index
            .split(&format!("id=\"{skill}\""))
            .nth(1)
            .unwrap_or_else(|| panic!("no section {skill}"));
        let section = section.split("<section").next().unwrap();
        assert!(
            section.contains("class=\"card\""),
            "skill {skill} has no guide"
        );
    }
}

#[test]
fn every_internal_link_resolves() {
    let root = &built();
    let mut broken = Vec::new();
    for file in files_under(root).iter().filter(|f| f.ends_with(".html")) {
        for link in links(&read(file)) {
            let link = absolute(file, &link);
            if let Some(target) = internal_target(&link, "/") {
                if !root.join(&target).is_file() {
                    broken.push(format!("{file} → {link}"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// A relative link (`../x/`) made absolute from the page it is on (`a/b/index.html`).
fn absolute(page: &str, link: &str) -> String {
    if link.starts_with('/') || link.starts_with('#') || link.contains(':') {
        return link.to_string();
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in link.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            "." => {}
            other => parts.push(other),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The output file an internal link points at, or `None` for external and fragment links.
fn internal_target(link: &str, base: &str) -> Option<String> {
    let path = link.split(['#', '?']).next()?;
    if path.is_empty() || !path.starts_with(base) || path.starts_with("//") {
        return None;
    }
    let rel = &path[base.len()..];
    let decoded = ngo::text::percent_decode(rel);
    Some(if decoded.is_empty() || decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else {
        decoded
    })
}

/// Phones of the sample, read straight from the YAML, split by consent.
pub(crate) fn sample_phones() -> (Vec<Phone>, Vec<Phone>) {
    let (mut public, mut private) = (Vec::new(), Vec::new());
    for member in ngo_tests::phone_scan::members_in_content(&repo_root().join("content")) {
        let Some(phone) = &member.phone else {
            continue;
        };
        let phone = Phone::parse_lenient(phone).unwrap();
        if member.phone_published() {
            public.push(phone);
        } else {
            private.push(phone);
        }
    }
    (public, private)
}

/// Every run of digits and phone separators in `text`, reduced to its digits: a phone written in
/// any spelling (spaces, dots, dashes, +84) shows up inside one of these.
pub(crate) fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current = String::new();
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            current.push(ch);
        } else if !matches!(ch, ' ' | '.' | '-' | '+' | '(' | ')' | '\u{a0}') {
            if current.len() >= 9 {
                runs.push(std::mem::take(&mut current));
            }
            current.clear();
        }
    }
    if current.len() >= 9 {
        runs.push(current);
    }
    runs
}

#[test]
fn private_phones_appear_nowhere_and_public_ones_do() {
    let (public, private) = sample_phones();
    assert!(!private.is_empty() && !public.is_empty());
    let out = built();
    let mut runs = Vec::new();
    let mut tel_links = String::new();
    for file in files_under(&out) {
        let text = String::from_utf8_lossy(&std::fs::read(out.join(&file)).unwrap()).into_owned();
        runs.extend(digit_runs(&text).into_iter().map(|r| (file.clone(), r)));
        for part in text.split("tel:").skip(1) {
            tel_links.push_str(part.split('"').next().unwrap_or(""));
            tel_links.push('\n');
        }
    }
    for phone in &private {
        let core = &phone.national()[1..];
        let leak = runs.iter().find(|(_, run)| run.contains(core));
        assert!(
            leak.is_none(),
            "private phone {} published in {:?}",
            phone.national(),
            leak.map(|l| &l.0)
        );
    }
    for phone in &public {
        assert!(
            tel_links.contains(&phone.international()),
            "public phone {} missing",
            phone.national()
        );
    }
}

#[test]
fn a_sub_path_base_url_is_used_by_every_link() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("content"), &tmp.path().join("site"));
    let site_yaml = tmp.path().join("site/site.yaml");
    let text = std::fs::read_to_string(&site_yaml).unwrap();
    let text: String = text
        .lines()
        .map(|l| {
            if l.starts_with("base_url:") {
                "base_url: \"https://example.org/cds/\""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&site_yaml, text).unwrap();
    ngo(tmp.path(), &["build", "site", "-o", "out", "-q"]).ok();
    let out = tmp.path().join("out");
    let mut problems = Vec::new();
    for file in files_under(&out).iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(out.join(file)).unwrap();
        for link in links(&html) {
            if link.starts_with('/') && !link.starts_with("/cds/") {
                problems.push(format!("{file}: {link} escapes the sub-path"));
            } else if let Some(target) = internal_target(&link, "/cds/") {
                if !out.join(&target).is_file() {
                    problems.push(format!("{file}: {link} is broken"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/cds/quang-ninh/xa-quang-la/</loc>"));
}

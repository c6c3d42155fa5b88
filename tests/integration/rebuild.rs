//! Rebuilding into an output folder that already holds a build: only what changed is written,
//! and the result is always the same as a build from scratch.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::SystemTime;

use ngo_tests::{copy_tree, files_under, ngo, repo_root, snapshot, write_files};

/// The sample portal copied into a temporary folder, as `site/`.
fn sample() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("content"), &tmp.path().join("site"));
    tmp
}

fn build(dir: &Path, out: &str) -> String {
    ngo(dir, &["build", "site", "-o", out]).ok().stdout()
}

fn times(dir: &Path) -> BTreeMap<String, SystemTime> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let modified = fs::metadata(dir.join(&f)).unwrap().modified().unwrap();
            (f, modified)
        })
        .collect()
}

/// Builds `site` from scratch into `fresh` and asserts `out` holds exactly the same files.
fn assert_same_as_fresh(dir: &Path, out: &str) {
    let fresh = dir.join("fresh");
    let _ = fs::remove_dir_all(&fresh);
    let _ = fs::remove_file(dir.join(".fresh.ngo-manifest"));
    build(dir, "fresh");
    let (rebuilt, fresh) = (snapshot(&dir.join(out)), snapshot(&fresh));
    let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&rebuilt), names(&fresh), "same files");
    for (file, bytes) in &fresh {
        assert!(rebuilt[file] == *bytes, "{file} differs from a fresh build");
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_rebuild_with_nothing_changed_writes_nothing() {
    let tmp = sample();
    build(tmp.path(), "out");
    let before = times(&tmp.path().join("out"));
    let stdout = build(tmp.path(), "out");
    assert!(
        stdout.contains("Tệp mới hoặc đã đổi: 0,"),
        "the summary says nothing changed: {stdout}"
    );
    assert_eq!(times(&tmp.path().join("out")), before, "no file touched");
    let mut beside: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        [".out.ngo-images", ".out.ngo-manifest", ".out.ngo-parsed"],
        "no staging folder left"
    );
}

#[test]
fn a_rebuild_after_edits_equals_a_fresh_build() {
    let tmp = sample();
    let site = tmp.path().join("site");
    build(tmp.path(), "out");
    let teams = site.join("teams/quang-ninh/quang-la.yaml");
    edit(&teams, "Thôn Khe Cát", "Thôn Khe Cát Mới");
    let guide = files_under(&site.join("guides"))
        .into_iter()
        .find(|f| f.ends_with(".md"))
        .unwrap();
    let guide = site.join("guides").join(guide);
    let text = fs::read_to_string(&guide).unwrap();
    fs::write(&guide, format!("{text}\n\nMột đoạn mới ở cuối.\n")).unwrap();
    let before = times(&tmp.path().join("out"));
    let stdout = build(tmp.path(), "out");
    assert!(stdout.contains("giữ nguyên:"), "{stdout}");
    assert_same_as_fresh(tmp.path(), "out");
    let after = times(&tmp.path().join("out"));
    let untouched = before
        .iter()
        .filter(|(f, t)| after.get(*f) == Some(t))
        .count();
    assert!(untouched > 0, "unchanged files are kept, not rewritten");
    let changed: Vec<_> = after
        .iter()
        .filter(|(f, t)| before.get(*f) != Some(t))
        .map(|(f, _)| f.as_str())
        .collect();
    assert!(
        changed.iter().any(|f| f.contains("thon-khe-cat-moi/")),
        "{changed:?}"
    );
    assert!(
        !changed.iter().any(|f| f.starts_with("an-giang/")),
        "a province nobody edited is left alone: {changed:?}"
    );
}

#[test]
fn removed_teams_and_theme_overrides_reach_the_rebuild() {
    let tmp = sample();
    let site = tmp.path().join("site");
    build(tmp.path(), "out");
    let out = tmp.path().join("out");
    let commune = files_under(&out)
        .into_iter()
        .find(|f| f.ends_with("thon-khe-cat/index.html"))
        .unwrap();
    fs::remove_file(site.join("teams/quang-ninh/quang-la.yaml")).unwrap();
    write_files(
        &site,
        &[(
            "templates/404.html",
            "{% extends \"base.html\" %}{% block content %}<p>Trang riêng của cổng</p>{% endblock %}",
        )],
    );
    build(tmp.path(), "out");
    assert!(!out.join(&commune).exists(), "the team's page is gone");
    assert!(fs::read_to_string(out.join("404.html"))
        .unwrap()
        .contains("Trang riêng của cổng"));
    assert_same_as_fresh(tmp.path(), "out");
}

#[test]
fn a_phone_made_private_leaves_every_file_of_a_rebuild() {
    let tmp = sample();
    let site = tmp.path().join("site");
    build(tmp.path(), "out");
    let text = fs::read_to_string(site.join("teams/quang-ninh/quang-la.yaml")).unwrap();
    // The first member who agreed to publish: the phone line just before `public: true`.
    let mut phone = None;
    let mut last = None;
    for line in text.lines().map(str::trim) {
        if let Some(value) = line.strip_prefix("phone:") {
            last = Some(value.trim().trim_matches('"').to_string());
        } else if line == "public: true" {
            phone = last.take();
            break;
        }
    }
    let phone = phone.expect("the sample has a public phone");
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let national = match digits.strip_prefix("84") {
        Some(rest) => format!("0{rest}"),
        None => digits,
    };
    // The subscriber digits are in every spelling of the number (`tel:+84…`, `0336 000 110`).
    let subscriber = national[1..].to_string();
    let found = |out: &Path| {
        files_under(out)
            .into_iter()
            .filter(|f| !f.ends_with(".wasm"))
            .any(|f| {
                let text = String::from_utf8_lossy(&fs::read(out.join(&f)).unwrap()).into_owned();
                crate::sample_portal::digit_runs(&text)
                    .iter()
                    .any(|run| run.contains(&subscriber))
            })
    };
    assert!(
        found(&tmp.path().join("out")),
        "{national} is published first"
    );
    edit(
        &site.join("teams/quang-ninh/quang-la.yaml"),
        "public: true",
        "public: false",
    );
    build(tmp.path(), "out");
    assert!(
        !found(&tmp.path().join("out")),
        "{national} is gone everywhere"
    );
    assert_same_as_fresh(tmp.path(), "out");
}

#[test]
fn a_privacy_setting_reaches_every_file_of_a_rebuild() {
    let tmp = sample();
    let site = tmp.path().join("site");
    build(tmp.path(), "out");
    let out = tmp.path().join("out");
    let published = |out: &Path| {
        files_under(out)
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .any(|f| {
                fs::read_to_string(out.join(&f))
                    .unwrap()
                    .contains("tel:+84912000101")
            })
    };
    // 0912 000 101: the first member of the sample who agreed to publish.
    assert!(published(&out), "the sample publishes phones with consent");
    // The commune files are unchanged: what was parsed from them must not be reused as it was.
    edit(
        &site.join("site.yaml"),
        "publish_phones: consent",
        "publish_phones: none",
    );
    build(tmp.path(), "out");
    assert!(
        !published(&out),
        "no phone left after `publish_phones: none`"
    );
    assert_same_as_fresh(tmp.path(), "out");
}

#[test]
fn a_file_changed_by_hand_in_the_output_is_restored() {
    let tmp = sample();
    build(tmp.path(), "out");
    let out = tmp.path().join("out");
    let index = out.join("index.html");
    let original = fs::read(&index).unwrap();
    fs::write(&index, "sửa tay").unwrap();
    fs::remove_file(out.join("sitemap.xml")).unwrap();
    build(tmp.path(), "out");
    assert_eq!(fs::read(&index).unwrap(), original);
    assert!(out.join("sitemap.xml").exists());
}

#[test]
fn a_failed_rebuild_leaves_the_output_and_its_record_alone() {
    let tmp = sample();
    let site = tmp.path().join("site");
    build(tmp.path(), "out");
    let before = snapshot(&tmp.path().join("out"));
    let manifest = fs::read(tmp.path().join(".out.ngo-manifest")).unwrap();
    edit(
        &site.join("teams/quang-ninh/quang-la.yaml"),
        "province: 22",
        "province: 99",
    );
    ngo(tmp.path(), &["build", "site", "-o", "out"]).failed();
    assert!(
        snapshot(&tmp.path().join("out")) == before,
        "output untouched"
    );
    assert_eq!(
        fs::read(tmp.path().join(".out.ngo-manifest")).unwrap(),
        manifest
    );
}

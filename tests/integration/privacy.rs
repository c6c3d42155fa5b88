//! `ngo check --privacy`, and the byte scan of a small built site for phones that must not appear.

use std::path::Path;

use ngo_tests::phone_scan::{phones_in_content, scan};
use ngo_tests::{copy_tree, ngo, repo_root, write_files};

/// The minimal fixture: three members with phones, two of whom consented. Narrowed to its one
/// province so each build renders a few dozen pages, not the whole country.
fn fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("tests/fixtures/minimal"), tmp.path());
    let config = std::fs::read_to_string(tmp.path().join("site.yaml")).unwrap();
    let (head, _) = config.split_once("privacy:").unwrap();
    write_files(
        tmp.path(),
        &[(
            "site.yaml",
            &format!("{head}scope:\n  provinces: [22]\nprivacy:\n  publish_phones: consent\n"),
        )],
    );
    tmp
}

fn with_privacy(site: &Path, privacy: &str) {
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    let kept: String = yaml
        .split_inclusive('\n')
        .take_while(|l| !l.starts_with("privacy:"))
        .collect();
    write_files(
        site,
        &[("site.yaml", &format!("{kept}privacy:\n{privacy}"))],
    );
}

fn json_report(site: &Path) -> serde_json::Value {
    let out = ngo(site, &["check", "--privacy", "--json", "."])
        .ok()
        .stdout();
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn table_lists_each_commune_and_the_total() {
    let site = fixture();
    let out = ngo(site.path(), &["check", "--privacy", "."]).ok().stdout();
    let header = out.lines().next().unwrap();
    for column in ["Tỉnh/thành", "Xã/phường", "Tổ", "Thành viên", "Số công bố"] {
        assert!(header.contains(column), "{out}");
    }
    let row = out
        .lines()
        .find(|l| l.contains("Xã Quảng La"))
        .unwrap_or_else(|| panic!("{out}"));
    let numbers: Vec<&str> = row.split('|').skip(2).map(str::trim).collect();
    assert_eq!(numbers, ["2", "3", "2", "1", "1", "0"], "{out}");
    assert!(row.starts_with("Tỉnh Quảng Ninh"), "{out}");
    let total = out.lines().find(|l| l.starts_with("Tổng cộng")).unwrap();
    let totals: Vec<&str> = total.split('|').skip(2).map(str::trim).collect();
    assert_eq!(totals, numbers, "{out}");
    assert!(out.contains("publish_phones: consent"), "{out}");
    assert!(out.contains("2 số được công bố, 1 số giữ kín"), "{out}");
    assert!(out.contains("1 thành viên có số điện thoại nhưng chưa có `public: true`"));
}

#[test]
fn the_report_names_no_person_and_no_number() {
    let site = fixture();
    let table = ngo(site.path(), &["check", "--privacy", "."]).ok().stdout();
    let json = ngo(site.path(), &["check", "--privacy", "--json", "."])
        .ok()
        .stdout();
    for out in [table, json] {
        for secret in ["Trần Thị Bình", "0912 000 102", "0912000102", "912000102"] {
            assert!(!out.contains(secret), "{secret} in {out}");
        }
    }
}

#[test]
fn json_counts_follow_the_policy() {
    let site = fixture();
    let open = json_report(site.path());
    assert_eq!(open["publish_phones"], "consent");
    assert_eq!(open["total"]["published"], 2);
    assert_eq!(open["total"]["withheld"], 1);
    assert_eq!(open["total"]["phone_without_consent"], 1);
    assert_eq!(open["communes"][0]["code"], 7054);
    assert_eq!(
        open["communes"][0]["file"],
        "teams/quang-ninh/quang-la.yaml"
    );

    with_privacy(site.path(), "  publish_phones: none\n  show_names: false\n");
    let closed = json_report(site.path());
    assert_eq!(closed["publish_phones"], "none");
    assert_eq!(closed["show_names"], false);
    let total = &closed["total"];
    assert_eq!(total["published"], 0);
    assert_eq!(total["withheld"], 3);
    assert_eq!(total["consented"], 2);
    assert_eq!(total["phone_without_consent"], 1);
    assert_eq!(total["hidden_names"], 1);
    let table = ngo(site.path(), &["check", "--privacy", "."]).ok().stdout();
    assert!(table.contains("publish_phones: none"), "{table}");
    assert!(table.contains("cả 2 số của người đã đồng ý"), "{table}");
    assert!(
        table.contains("show_names: false — 1 thành viên"),
        "{table}"
    );
}

#[test]
fn broken_content_fails_with_positions() {
    let site = fixture();
    write_files(
        site.path(),
        &[(
            "teams/quang-ninh/quang-la.yaml",
            "province: 22\ncommune: 7054\nteams:\n  - hamlet: \"Thôn A\"\n    kind: thôn\n    members:\n      - name: A\n        phone: \"12\"\n",
        )],
    );
    let err = ngo(site.path(), &["check", "--privacy", "."])
        .failed()
        .stderr();
    assert!(
        err.contains("teams/quang-ninh/quang-la.yaml:8:16: lỗi: số điện thoại không hợp lệ"),
        "{err}"
    );
}

#[test]
fn json_needs_privacy() {
    let site = fixture();
    ngo(site.path(), &["check", "--json", "."]).failed();
}

#[test]
fn built_site_holds_only_consented_phones() {
    let site = fixture();
    let (public, private) = phones_in_content(site.path());
    assert_eq!((public.len(), private.len()), (2, 1));
    ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    let found = scan(&site.path().join("out"), &private);
    assert!(
        found.hits.is_empty(),
        "private phone in output: {:?}",
        found.hits
    );
    let control = scan(&site.path().join("out"), &public);
    for number in &public {
        assert!(
            control.seen.contains_key(number),
            "public {number} missing: the scan cannot see"
        );
        let in_shard = control
            .hits
            .iter()
            .any(|h| &h.number == number && h.file.ends_with(".shard"));
        assert!(in_shard, "public {number} not seen in a search shard");
    }
}

#[test]
fn publish_phones_none_leaves_no_phone_anywhere() {
    let site = fixture();
    with_privacy(site.path(), "  publish_phones: none\n");
    let (public, private) = phones_in_content(site.path());
    ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    let all: Vec<String> = public.into_iter().chain(private).collect();
    let found = scan(&site.path().join("out"), &all);
    assert!(found.files > 10, "scanned {} files", found.files);
    assert!(found.hits.is_empty(), "phone in output: {:?}", found.hits);
}

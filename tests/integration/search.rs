//! Search over the built sample portal through `ngo search --json`, the same shards and engine
//! the browser uses: ranks of the queries citizens type, old addresses, phones, privacy.

use std::path::PathBuf;
use std::sync::OnceLock;

use ngo_tests::{ngo, repo_root};
use serde_json::Value;

fn built() -> PathBuf {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let content = repo_root().join("content");
        let out = tmp.path().join("public");
        let args = [
            "build",
            content.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ];
        ngo(&repo_root(), &args).ok();
        tmp
    })
    .path()
    .join("public")
}

fn search(extra: &[&str], query: &str) -> Vec<Value> {
    let site = built();
    let mut args = vec!["search", "--json", "--site", site.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.push(query);
    let run = ngo(&repo_root(), &args).ok();
    match serde_json::from_str(&run.stdout()) {
        Ok(Value::Array(hits)) => hits,
        other => panic!("not a JSON array: {other:?}\n{}", run.stdout()),
    }
}

/// Position (0-based) of the first hit whose URL ends with `url`.
fn rank(hits: &[Value], url: &str) -> Option<usize> {
    hits.iter()
        .position(|h| h["url"].as_str().is_some_and(|u| u.ends_with(url)))
}

fn assert_top3(query: &str, url: &str) {
    let hits = search(&[], query);
    let at = rank(&hits, url);
    assert!(
        at.is_some_and(|i| i < 3),
        "{query:?}: {url} at {at:?}; got {:#?}",
        hits.iter().map(|h| &h["url"]).collect::<Vec<_>>()
    );
}

#[test]
fn citizens_queries_land_in_the_first_three() {
    let cases = [
        (
            "to cong nghe so thon khe cat",
            "quang-ninh/xa-quang-la/thon-khe-cat/",
        ),
        ("Thôn Khe Cát", "quang-ninh/xa-quang-la/thon-khe-cat/"),
        ("THON KHE CAT", "quang-ninh/xa-quang-la/thon-khe-cat/"),
        ("khe ca", "quang-ninh/xa-quang-la/thon-khe-cat/"),
        (
            "dvc nop ho so khai sinh",
            "huong-dan/dang-ky-khai-sinh-truc-tuyen/",
        ),
        (
            "lua dao qua dien thoai",
            "huong-dan/nhan-biet-cuoc-goi-lua-dao/",
        ),
        ("kich hoat vneid", "huong-dan/kich-hoat-vneid-muc-2/"),
        ("xa quang la", "quang-ninh/xa-quang-la/"),
        ("xa lung cu", "tuyen-quang/xa-lung-cu/"),
    ];
    for (query, url) in cases {
        assert_top3(query, url);
    }
}

#[test]
fn json_hits_carry_kind_title_url_score_and_team_codes() {
    let hits = search(&[], "thon khe cat");
    let team = &hits[0];
    assert_eq!(team["kind"], "team");
    assert_eq!(team["title"], "Thôn Khe Cát");
    assert_eq!(team["province"], 22);
    assert_eq!(team["commune"], 7054);
    assert_eq!(team["id"], "thon-khe-cat");
    assert!(team["score"].as_f64().unwrap() > 0.0);
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn a_pre_2025_commune_finds_its_successor_with_the_old_name_shown() {
    let hits = search(&[], "xa dan chu ha long");
    assert_eq!(hits[0]["url"], "quang-ninh/xa-quang-la/", "{hits:#?}");
    let note = hits[0]["note"].as_str().unwrap_or_default();
    assert!(note.starts_with("trước đây: xã Dân Chủ"), "{note}");
    // One row per page, however many old names lead there.
    let mut urls: Vec<&str> = hits.iter().filter_map(|h| h["url"].as_str()).collect();
    let all = urls.len();
    urls.sort();
    urls.dedup();
    assert_eq!(urls.len(), all, "{urls:?}");
}

#[test]
fn tone_placements_and_case_meet() {
    // Names in the sample: "Trịnh Thị Hòa" (Hoàn Kiếm), "Trương Văn Hòa" (Núi Thành).
    let ids = |q: &str| -> Vec<String> {
        search(&["--kind", "team"], q)
            .iter()
            .map(|h| h["url"].as_str().unwrap().to_string())
            .collect()
    };
    let reference = ids("trinh thi hoa");
    assert!(
        reference.iter().any(|u| u.starts_with("ha-noi/")),
        "{reference:?}"
    );
    for spelling in [
        "Trịnh Thị Hòa",
        "trịnh thị hoà",
        "TRỊNH THỊ HÒA",
        "trinh thi hoa",
    ] {
        assert_eq!(ids(spelling)[0], reference[0], "{spelling}");
    }
}

#[test]
fn public_phones_are_found_by_any_spelling_and_private_ones_never() {
    for spelling in [
        "0912 000 101",
        "0912000101",
        "+84 912 000 101",
        "0912.000.101",
    ] {
        let hits = search(&[], spelling);
        assert_eq!(
            hits.first().map(|h| h["id"].clone()),
            Some(Value::from("thon-khe-cat")),
            "{spelling}: {hits:#?}"
        );
    }
    // 0868 000 103 belongs to a member of the same team who did not consent.
    let hits = search(&["--kind", "team"], "0868 000 103");
    assert!(hits.is_empty(), "{hits:#?}");
}

#[test]
fn province_and_kind_limit_the_results() {
    let hits = search(&["--province", "Quảng Ninh", "--kind", "team"], "thon");
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["province"] == 22), "{hits:#?}");
    let guides = search(&["--kind", "guide"], "vneid");
    assert!(!guides.is_empty() && guides.iter().all(|h| h["kind"] == "guide"));
    // Teams of other provinces are not searched; guides and places still are.
    let hits = search(&["--province", "22"], "lua dao");
    assert!(hits.iter().any(|h| h["kind"] == "guide"));
    let hits = search(&["--province", "22"], "trinh thi hoa");
    assert!(hits.iter().all(|h| h["kind"] != "team"), "{hits:#?}");
}

#[test]
fn a_missing_index_or_unknown_province_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let run = ngo(
        tmp.path(),
        &["search", "--site", tmp.path().to_str().unwrap(), "xa"],
    )
    .failed();
    assert!(run.stderr().contains("ngo build"), "{}", run.stderr());
    let site = built();
    let args = [
        "search",
        "--site",
        site.to_str().unwrap(),
        "--province",
        "Atlantis",
        "xa",
    ];
    let run = ngo(&repo_root(), &args).failed();
    assert!(run.stderr().contains("Atlantis"), "{}", run.stderr());
}

#[test]
fn the_manifest_lists_hashed_shards_that_exist() {
    let site = built();
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(site.join("search/manifest.json")).unwrap()).unwrap();
    let mut entries = vec![
        &manifest["places"],
        &manifest["former"],
        &manifest["guides"],
    ];
    entries.extend(manifest["provinces"].as_object().unwrap().values());
    assert!(entries.len() >= 3 + 9);
    for entry in entries {
        let file = entry["file"].as_str().unwrap();
        let bytes = std::fs::read(site.join(file)).unwrap();
        assert_eq!(
            bytes.len() as u64,
            entry["bytes"].as_u64().unwrap(),
            "{file}"
        );
        let hash = &entry["sha256"].as_str().unwrap()[..8];
        assert!(file.contains(hash), "{file} is named for its content");
    }
}

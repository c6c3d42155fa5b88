//! Search over the built sample portal through `ngo search --json`: the same shards, lists and
//! engine the browser uses, loaded as the engine asks for them. Without `--province`, what a
//! first visitor finds; with it, what a citizen who chose a province finds.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ngo_tests::{copy_tree, ngo, repo_root, write_files};
use serde_json::Value;

const KHE_CAT: &str = "quang-ninh/xa-quang-la/thon-khe-cat/";
const QUANG_LA: &str = "quang-ninh/xa-quang-la/";

/// Builds a site into `<tmp>/public`.
fn build(site: &Path, tmp: &tempfile::TempDir) -> PathBuf {
    let out = tmp.path().join("public");
    let args = ["build", site.to_str().unwrap(), "-o", out.to_str().unwrap()];
    ngo(&repo_root(), &args).ok();
    out
}

/// The sample portal, built once.
fn built() -> PathBuf {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    let tmp = OUT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        build(&repo_root().join("content"), &tmp);
        tmp
    });
    tmp.path().join("public")
}

/// The sample portal with one more commune whose team has a hamlet name the sample already
/// has ("Khu phố 9" of Phường Bỉm Sơn, Thanh Hóa): a second commune, in another province.
fn built_with_a_shared_hamlet() -> PathBuf {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    let tmp = OUT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        copy_tree(&repo_root().join("content"), &site);
        let commune = "province: 22\ncommune: \"Phường Hạ Long\"\nupdated: 2026-10-01\nteams:\n  \
            - hamlet: \"Khu phố 9\"\n    members:\n      - name: \"Phạm Văn Tùng\"\n        \
            role: \"Tổ trưởng\"\n";
        write_files(&site, &[("teams/quang-ninh/ha-long.yaml", commune)]);
        build(&site, &tmp);
        tmp
    });
    tmp.path().join("public")
}

fn search_in(site: &Path, extra: &[&str], query: &str) -> Vec<Value> {
    let mut args = vec!["search", "--json", "--site", site.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.push(query);
    let run = ngo(&repo_root(), &args).ok();
    match serde_json::from_str(&run.stdout()) {
        Ok(Value::Array(hits)) => hits,
        other => panic!("not a JSON array: {other:?}\n{}", run.stdout()),
    }
}

fn search(extra: &[&str], query: &str) -> Vec<Value> {
    search_in(&built(), extra, query)
}

/// Position (0-based) of the hit with this address.
fn rank(hits: &[Value], url: &str) -> Option<usize> {
    hits.iter().position(|h| h["url"] == url)
}

fn urls(hits: &[Value]) -> Vec<&str> {
    hits.iter().filter_map(|h| h["url"].as_str()).collect()
}

fn assert_rank(extra: &[&str], query: &str, url: &str, within: usize) -> Vec<Value> {
    let hits = search(extra, query);
    let at = rank(&hits, url);
    assert!(
        at.is_some_and(|i| i < within),
        "{query:?} {extra:?}: /{url} at {at:?}; got {:#?}",
        urls(&hits)
    );
    hits
}

#[test]
fn citizens_queries_land_in_the_first_three() {
    let qn: &[&str] = &["--province", "Quảng Ninh"];
    let cases: [(&[&str], &str, &str); 14] = [
        (&[], "to cong nghe so thon khe cat", KHE_CAT),
        (&[], "Thôn Khe Cát", KHE_CAT),
        (&[], "THON KHE CAT", KHE_CAT),
        (&[], "khecat", KHE_CAT),
        (qn, "khe ca", KHE_CAT),
        (qn, "thon khe c", KHE_CAT),
        (qn, "to cong nghe so thon khe cat", KHE_CAT),
        (
            &[],
            "dvc nop ho so khai sinh",
            "huong-dan/dang-ky-khai-sinh-truc-tuyen/",
        ),
        (
            &[],
            "lua dao qua dien thoai",
            "huong-dan/nhan-biet-cuoc-goi-lua-dao/",
        ),
        (&[], "kich hoat vneid", "huong-dan/kich-hoat-vneid-muc-2/"),
        (&[], "xa quang la", QUANG_LA),
        (&[], "quangla", QUANG_LA),
        (&[], "xa lung cu", "tuyen-quang/xa-lung-cu/"),
        (
            &["--province", "38"],
            "tdp so 5",
            "thanh-hoa/phuong-bim-son/tdp-5/",
        ),
    ];
    for (extra, query, url) in cases {
        assert_rank(extra, query, url, 3);
    }
}

#[test]
fn json_hits_carry_kind_title_url_score_and_team_codes() {
    let hits = assert_rank(&[], "thon khe cat", KHE_CAT, 1);
    let team = &hits[0];
    assert_eq!(team["kind"], "team");
    assert_eq!(team["title"], "Thôn Khe Cát");
    assert_eq!(team["subtitle"], "Xã Quảng La, Tỉnh Quảng Ninh");
    assert_eq!(team["province"], 22);
    assert_eq!(team["commune"], 7054);
    assert_eq!(team["id"], "thon-khe-cat");
    assert_eq!(
        team["highlights"],
        serde_json::json!([[0, 5], [6, 9], [10, 14]])
    );
    assert!(team["score"].as_f64().unwrap() > 0.0);
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let commune = &assert_rank(&[], "xa quang la", QUANG_LA, 1)[0];
    assert_eq!(
        (commune["kind"].as_str(), commune["teams"].as_u64()),
        (Some("place"), Some(5))
    );
}

#[test]
fn a_query_naming_a_commune_finds_its_team_without_a_province() {
    let cases = [
        ("khe cat quang la", KHE_CAT, QUANG_LA),
        (
            "khom chau long 3 chau doc",
            "an-giang/phuong-chau-doc/khom-chau-long-3/",
            "an-giang/phuong-chau-doc/",
        ),
        (
            "ap dau giong tran de",
            "can-tho/xa-tran-de/ap-dau-giong/",
            "can-tho/xa-tran-de/",
        ),
    ];
    for (query, team, commune) in cases {
        let hits = assert_rank(&[], query, team, 1);
        // The team above its commune, which follows closely.
        let below = rank(&hits, commune);
        assert!(
            below.is_some_and(|r| (1..4).contains(&r)),
            "{query:?}: {:#?}",
            urls(&hits)
        );
    }
}

#[test]
fn a_hamlet_alone_without_a_province_lists_the_communes_that_have_it() {
    let site = built_with_a_shared_hamlet();
    let hits = search_in(&site, &[], "khu pho 9");
    let both = [
        "quang-ninh/phuong-ha-long/khu-pho-9/",
        "thanh-hoa/phuong-bim-son/kp-9/",
    ];
    let mut first: Vec<&str> = urls(&hits).into_iter().take(2).collect();
    first.sort();
    assert_eq!(first, both, "{hits:#?}");
    let subtitles: Vec<&str> = hits[..2]
        .iter()
        .filter_map(|h| h["subtitle"].as_str())
        .collect();
    assert!(
        subtitles.contains(&"Phường Hạ Long, Tỉnh Quảng Ninh"),
        "{subtitles:?}"
    );
    assert!(
        subtitles.contains(&"Phường Bỉm Sơn, Tỉnh Thanh Hóa"),
        "{subtitles:?}"
    );
    assert!(hits[..2]
        .iter()
        .all(|h| h["kind"] == "team" && h["title"] == "Khu phố 9"));
    // In the sample itself, the one commune with that hamlet.
    assert_eq!(
        urls(&search(&[], "khu pho 9"))[0],
        "thanh-hoa/phuong-bim-son/kp-9/"
    );
    for query in ["lo lo chai", "khe su"] {
        let hits = search(&[], query);
        assert_eq!(hits[0]["kind"], "team", "{query:?}: {:#?}", urls(&hits));
    }
}

#[test]
fn a_pre_2025_commune_finds_its_successor_with_the_old_name_shown() {
    let hits = assert_rank(&[], "xa dan chu ha long", QUANG_LA, 1);
    let note = hits[0]["note"].as_str().unwrap_or_default();
    assert_eq!(note, "trước đây: xã Dân Chủ, Thành phố Hạ Long");
    // One row per page, however many old names lead there.
    let mut all = urls(&hits);
    let count = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), count, "{all:?}");
    // With the province chosen, its teams know the old name too and say so.
    let hits = assert_rank(&["--province", "22"], "thon khe cat xa dan chu", KHE_CAT, 1);
    assert_eq!(hits[0]["note"], "trước đây: xã Dân Chủ, Thành phố Hạ Long");
}

#[test]
fn tone_placements_and_case_meet() {
    // A member's name: "Trịnh Thị Hòa" (Hoàn Kiếm, Hà Nội). Members are found in the province
    // chosen.
    let ids = |q: &str| -> Vec<String> {
        search(&["--province", "Hà Nội", "--kind", "team"], q)
            .iter()
            .map(|h| h["url"].as_str().unwrap().to_string())
            .collect()
    };
    let reference = ids("trinh thi hoa");
    assert!(
        reference.first().is_some_and(|u| u.starts_with("ha-noi/")),
        "{reference:?}"
    );
    for spelling in [
        "Trịnh Thị Hòa",
        "trịnh thị hoà",
        "TRỊNH THỊ HÒA",
        "trinh thi hoa ",
    ] {
        assert_eq!(ids(spelling).first(), reference.first(), "{spelling}");
    }
}

/// The bucket files of the built phone list, as JSON.
fn phone_buckets(site: &Path) -> Vec<Value> {
    let manifest = manifest(site);
    let dir = site.join(manifest["phones"]["dir"].as_str().unwrap());
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(
        files.len(),
        1 << manifest["phones"]["bits"].as_u64().unwrap()
    );
    files
        .iter()
        .map(|f| serde_json::from_slice(&std::fs::read(f).unwrap()).unwrap())
        .collect()
}

#[test]
fn a_published_phone_in_any_spelling_finds_its_team_and_a_private_one_never() {
    for spelling in [
        "0912 000 101",
        "0912000101",
        "+84 912 000 101",
        "0912.000.101",
        "84912000101",
    ] {
        for extra in [&[][..], &["--province", "Cần Thơ"]] {
            let hits = search(extra, spelling);
            assert_eq!(urls(&hits), [KHE_CAT], "{spelling} {extra:?}: {hits:#?}");
        }
    }
    // A number written with dots in the file, typed with spaces.
    let hits = search(&[], "0939 000 301");
    assert_eq!(
        urls(&hits),
        ["can-tho/xa-tran-de/ap-dau-giong/"],
        "{hits:#?}"
    );
    // 0868 000 103 belongs to a member of the same team who did not consent: not in the list,
    // not found.
    let private = ngo_search::phone_digest("0868 000 103").unwrap();
    let published = ngo_search::phone_digest("0912 000 101").unwrap();
    let digests: Vec<u64> = phone_buckets(&built())
        .iter()
        .flat_map(|b| b["teams"].as_array().unwrap().clone())
        .map(|t| t["digest"].as_u64().unwrap())
        .collect();
    assert!(digests.contains(&u64::from(published)));
    assert!(!digests.contains(&u64::from(private)));
    for extra in [&[][..], &["--province", "22"], &["--kind", "team"]] {
        let hits = search(extra, "0868 000 103");
        assert!(hits.is_empty(), "{extra:?}: {hits:#?}");
    }
}

#[test]
fn a_phone_is_shown_only_when_the_team_contact_card_lists_it() {
    // The list holds digests, which twenty numbers share: the team's to.vcf decides. A copy of
    // the portal whose card no longer lists the number does not show the team for it.
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&built(), tmp.path());
    let card_path = tmp.path().join(KHE_CAT).join("to.vcf");
    let card = std::fs::read_to_string(&card_path).unwrap();
    assert!(card.contains("TEL;TYPE=cell:+84912000101\r\n"), "{card}");
    assert_eq!(urls(&search_in(tmp.path(), &[], "0912 000 101")), [KHE_CAT]);
    std::fs::write(&card_path, card.replace("+84912000101", "+84912000199")).unwrap();
    let hits = search_in(tmp.path(), &[], "0912 000 101");
    assert!(hits.is_empty(), "{hits:#?}");
    // The other published number of the team is still on the card.
    assert_eq!(urls(&search_in(tmp.path(), &[], "0983 000 102")), [KHE_CAT]);
}

#[test]
fn province_and_kind_limit_the_results() {
    let hits = search(&["--province", "Quảng Ninh", "--kind", "team"], "thon");
    assert!(hits.len() >= 5, "{hits:#?}");
    assert!(hits.iter().all(|h| h["province"] == 22), "{hits:#?}");
    let guides = search(&["--kind", "guide"], "vneid");
    assert!(!guides.is_empty() && guides.iter().all(|h| h["kind"] == "guide"));
    // Teams of other provinces are not searched; guides and places still are.
    let hits = search(&["--province", "22"], "lua dao");
    assert!(hits.iter().any(|h| h["kind"] == "guide"));
    let hits = search(&["--province", "22"], "trinh thi hoa");
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["kind"] != "team"), "{hits:#?}");
    // A commune of another province named in full brings its teams, with or without a kind.
    for extra in [
        &["--province", "22"][..],
        &["--province", "22", "--kind", "team"],
    ] {
        let hits = search(extra, "khom chau long 3 chau doc");
        assert_eq!(
            hits[0]["url"], "an-giang/phuong-chau-doc/khom-chau-long-3/",
            "{extra:?}"
        );
    }
    let one = search(&["--limit", "1"], "thon khe cat");
    assert_eq!(urls(&one), [KHE_CAT]);
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
fn a_portal_of_another_format_is_refused_with_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&built(), tmp.path());
    let path = tmp.path().join("search/manifest.json");
    let mut manifest = manifest(tmp.path());
    manifest["format"] = Value::from(ngo_search::FORMAT_VERSION - 1);
    std::fs::write(&path, serde_json::to_vec(&manifest).unwrap()).unwrap();
    let run = ngo(
        &repo_root(),
        &["search", "--site", tmp.path().to_str().unwrap(), "khe cat"],
    )
    .failed();
    let message = run.stderr();
    assert!(message.contains("định dạng"), "{message}");
    assert!(message.contains("ngo build"), "{message}");
}

fn manifest(site: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(site.join("search/manifest.json")).unwrap()).unwrap()
}

#[test]
fn the_manifest_lists_hashed_shards_that_exist() {
    let site = built();
    let manifest = manifest(&site);
    assert_eq!(manifest["format"], ngo_search::FORMAT_VERSION);
    let shards = manifest["shards"].as_object().unwrap();
    for name in ["places", "former", "guides", "hamlets", "p22", "p1"] {
        assert!(shards.contains_key(name), "{name}: {:?}", shards.keys());
    }
    let provinces = shards
        .keys()
        .filter(|k| k.starts_with('p') && *k != "places");
    assert_eq!(provinces.count(), 9, "one shard per province with teams");
    for (name, entry) in shards {
        let file = entry["file"].as_str().unwrap();
        let rest = file.strip_prefix(&format!("search/{name}.")).unwrap();
        let hash = rest.strip_suffix(".shard").unwrap();
        assert!(
            hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{file}"
        );
        for (form, key) in [("", "bytes"), (".br", "br"), (".gz", "gz")] {
            let bytes = std::fs::read(site.join(format!("{file}{form}"))).unwrap();
            assert_eq!(
                bytes.len() as u64,
                entry[key].as_u64().unwrap(),
                "{file}{form}"
            );
        }
        assert!(entry["documents"].as_u64().unwrap() > 0, "{name}");
    }
    let phones = &manifest["phones"];
    assert!(phones["numbers"].as_u64().unwrap() >= 40, "{phones}");
    assert_eq!(
        phone_buckets(&site).len(),
        1 << phones["bits"].as_u64().unwrap()
    );
}

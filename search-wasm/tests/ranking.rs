//! Ranking on a small realistic corpus: what citizens type must land in the top three, and the
//! rules (accented over folded, exact over typo, title over body, names over mentions) must hold.

mod common;

use common::{corpus, Portal};
use ngo_search::{build_shard, Document, Hit, Kind, SearchOptions, Shard, Synonyms};

fn urls(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.url.as_str()).collect()
}

fn position(portal: &Portal, query: &str, url: &str) -> Option<usize> {
    portal.search(query).iter().position(|h| h.url == url)
}

fn assert_top3(portal: &Portal, query: &str, url: &str) {
    let found = position(portal, query, url);
    assert!(
        found.is_some_and(|p| p < 3),
        "{query:?} should find {url} in the top 3, got {:#?}",
        portal.titles(query)
    );
}

const KHE_CAT: &str = "quang-ninh/xa-quang-la/thon-khe-cat/";
const QUANG_LA: &str = "quang-ninh/xa-quang-la/";
const SCAM: &str = "huong-dan/lua-dao-qua-dien-thoai/";

#[test]
fn citizen_queries_without_marks_land_in_the_top_three() {
    let portal = Portal::build();
    let cases = [
        ("to cong nghe so thon khe cat", KHE_CAT),
        ("dvc nop ho so khai sinh", "huong-dan/dang-ky-khai-sinh/"),
        ("lua dao qua dien thoai", SCAM),
        ("xa dan chu ha long", QUANG_LA),
        ("tdp so 5", "quang-ninh/phuong-bai-chay/to-dan-pho-so-5/"),
        (
            "to dan pho so 5",
            "quang-ninh/phuong-bai-chay/to-dan-pho-so-5/",
        ),
        ("thon 4 quang tan", "quang-ninh/xa-quang-tan/thon-4/"),
        ("cccd", "huong-dan/kich-hoat-vneid/"),
    ];
    for (query, url) in cases {
        assert_top3(&portal, query, url);
    }
}

#[test]
fn a_pre_2025_name_finds_the_commune_it_became() {
    let portal = Portal::build();
    assert_eq!(position(&portal, "xa dan chu ha long", QUANG_LA), Some(0));
    assert_eq!(position(&portal, "Xã Bằng Cả", QUANG_LA), Some(0));
}

#[test]
fn an_exact_commune_name_ranks_above_its_hamlets() {
    let portal = Portal::build();
    let hits = portal.search("quang la");
    assert_eq!(hits[0].url, QUANG_LA);
    assert!(hits[1..5].iter().all(|h| h.kind == Kind::Team), "{hits:#?}");
}

#[test]
fn an_accented_exact_match_beats_the_same_letters_without_marks() {
    let portal = Portal::build();
    let duong = portal.search("Dương");
    assert_eq!(duong[0].title, "Phường Dương Nội");
    let rank = |hits: &[Hit], title: &str| hits.iter().position(|h| h.title == title);
    assert!(rank(&duong, "Thôn Dương Hòa") < rank(&duong, "Xã Đường Hoa"));
    let road = portal.search("đường");
    assert_eq!(road[0].title, "Xã Đường Hoa");
    assert!(rank(&road, "Thôn Đường Ngang") < rank(&road, "Thôn Dương Hòa"));
}

#[test]
fn both_tone_placements_find_the_same_with_the_same_scores() {
    let portal = Portal::build();
    let new_style = portal.search("ninh hòa");
    let old_style = portal.search("ninh hoà");
    assert_eq!(new_style, old_style);
    assert_eq!(new_style[0].title, "Phường Ninh Hoà");
}

#[test]
fn the_word_being_typed_matches_as_a_prefix() {
    let portal = Portal::build();
    assert_top3(&portal, "quang l", QUANG_LA);
    assert_eq!(position(&portal, "thon khe c", KHE_CAT), Some(0));
    let score = |query: &str| {
        portal
            .search(query)
            .iter()
            .find(|h| h.url == KHE_CAT)
            .unwrap()
            .score
    };
    assert!(
        score("thon khe c") > score("thon khe c "),
        "a finished word is not a prefix"
    );
}

#[test]
fn a_typo_still_finds_the_guide_but_exact_beats_typo() {
    let portal = Portal::build();
    assert_eq!(position(&portal, "lua dao qua dien thaoi", SCAM), Some(0));

    let docs = [
        Document::new(Kind::Team, "Thôn Tân Thạnh", "a/"),
        Document::new(Kind::Team, "Thôn Tân Thịnh", "b/"),
    ];
    let shard = Shard::open(&build_shard(&docs, &Synonyms::builtin()).unwrap()).unwrap();
    let hits = shard.search("tan thinh ", &SearchOptions::default());
    assert_eq!(urls(&hits), ["b/", "a/"]);
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn guide_titles_count_more_than_guide_text() {
    let portal = Portal::build();
    let opts = SearchOptions {
        kind: Some(Kind::Guide),
        ..SearchOptions::default()
    };
    let hits = portal.search_with("dien thoai ", &opts);
    let in_title: Vec<bool> = hits
        .iter()
        .map(|h| h.title.contains("điện thoại"))
        .collect();
    let first_without = in_title.iter().position(|t| !t).unwrap();
    assert!(in_title[..first_without].len() >= 3, "{hits:#?}");
    assert!(in_title[first_without..].iter().all(|t| !t), "{hits:#?}");
}

#[test]
fn a_public_phone_is_found_by_any_spelling() {
    let portal = Portal::build();
    for query in [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "+84912345678",
        "912345678",
    ] {
        let hits = portal.search(query);
        assert_eq!(urls(&hits), [KHE_CAT], "{query}");
    }
    let hits = portal.search("+84 912 000 111");
    assert_eq!(hits[0].title, "Thôn Đường Ngang");
    assert_eq!(portal.search("0203 3123 456")[0].title, "Thôn Khe Lương");
}

#[test]
fn a_phone_not_given_as_public_is_never_found() {
    let portal = Portal::build();
    assert!(portal.search(corpus::PRIVATE_PHONE).is_empty());

    let mut doc = Document::new(Kind::Team, "Thôn Mẫu", "m/");
    doc.body = format!("Trịnh Văn Tú, điện thoại {}", corpus::PRIVATE_PHONE);
    let shard = Shard::open(&build_shard(&[doc], &Synonyms::builtin()).unwrap()).unwrap();
    for query in [corpus::PRIVATE_PHONE, "0987 654 321", "+84987654321"] {
        assert!(
            shard.search(query, &SearchOptions::default()).is_empty(),
            "{query}"
        );
    }
}

#[test]
fn kind_and_province_filters_restrict_hits() {
    let portal = Portal::build();
    let guides_only = SearchOptions {
        kind: Some(Kind::Guide),
        ..SearchOptions::default()
    };
    let hits = portal.search_with("dien thoai", &guides_only);
    assert!(!hits.is_empty() && hits.iter().all(|h| h.kind == Kind::Guide));
    let in_quang_ninh = SearchOptions {
        province: Some(corpus::QUANG_NINH),
        ..SearchOptions::default()
    };
    let hits = portal.search_with("hoa", &in_quang_ninh);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.province == Some(corpus::QUANG_NINH)));
}

#[test]
fn site_synonyms_are_used_by_the_shard_built_with_them() {
    let overrides = [("ctv".to_string(), vec!["cộng tác viên".to_string()])].into();
    let synonyms = Synonyms::builtin().merged(&overrides);
    let mut doc = Document::new(Kind::Guide, "Trở thành cộng tác viên của tổ", "g/");
    doc.subtitle = "Đăng ký tham gia".into();
    let with = Shard::open(&build_shard(&[doc.clone()], &synonyms).unwrap()).unwrap();
    let without = Shard::open(&build_shard(&[doc], &Synonyms::builtin()).unwrap()).unwrap();
    let opts = SearchOptions::default();
    assert_eq!(with.search("dang ky ctv", &opts)[0].url, "g/");
    assert_eq!(with.synonyms(), &synonyms);
    let plain = without.search("dang ky ctv", &opts);
    assert!(plain[0].score < with.search("dang ky ctv", &opts)[0].score);
}

#[test]
fn hits_carry_what_a_result_row_shows() {
    let portal = Portal::build();
    let hit = &portal.search("quang l")[0];
    assert_eq!(hit.title, "Xã Quảng La");
    assert_eq!(hit.kind, Kind::Place);
    assert_eq!((hit.province, hit.commune), (Some(22), Some(7054)));
    assert!(hit.note.as_deref().unwrap().contains("Dân Chủ"));
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|&(s, e)| &hit.title[s..e])
        .collect();
    assert_eq!(marked, ["Quảng", "La"]);
    let team = &portal.search("thon khe cat")[0];
    assert_eq!(team.id.as_deref(), Some("thon-khe-cat"));
    assert_eq!(team.subtitle, "Xã Quảng La, Tỉnh Quảng Ninh");
}

#[test]
fn limit_and_empty_queries() {
    let portal = Portal::build();
    let one = SearchOptions {
        limit: 1,
        ..SearchOptions::default()
    };
    assert_eq!(portal.search_with("thon", &one).len(), 1);
    assert!(portal.search("").is_empty());
    assert!(portal.search("  ,;  ").is_empty());
}

//! Ranking as a citizen meets it: the corpus built into a portal, each query answered by
//! `Engine::answer` after loading every shard it asks for, with or without a chosen province.
//! What citizens type must land first or in the top three, and the rules (the team above its
//! commune, old names, words typed together, slips, accented over folded, the chosen province
//! first) must hold.

mod common;

use common::corpus::{self, HA_NOI, KHANH_HOA, QUANG_NINH};
use common::{chosen, hit, lines, portal, rank};
use ngo_search::{build_shard, Document, Hit, Kind, SearchOptions, Shard, Synonyms};

const KHE_CAT: &str = "quang-ninh/xa-quang-la/thon-khe-cat/";
const QUANG_LA: &str = "quang-ninh/xa-quang-la/";
const LONG_THINH: &str = "quang-ninh/xa-quang-la/thon-long-thinh/";
const AN_THINH: &str = "quang-ninh/xa-quang-la/thon-an-thinh/";
const SCAM: &str = "huong-dan/lua-dao-qua-dien-thoai/";

/// Both ways a citizen arrives: a first visit (no province) and with Quảng Ninh chosen.
const BOTH: [Option<u32>; 2] = [None, Some(QUANG_NINH)];

fn search(query: &str, province: Option<u32>) -> Vec<Hit> {
    portal().answer(query, &chosen(province)).hits
}

fn search_with(query: &str, opts: &SearchOptions) -> Vec<Hit> {
    portal().answer(query, opts).hits
}

fn assert_first(query: &str, province: Option<u32>, url: &str) -> Vec<Hit> {
    let hits = search(query, province);
    assert_eq!(
        rank(&hits, url),
        Some(0),
        "{query:?} (province {province:?}) should find /{url} first, got {:#?}",
        lines(&hits)
    );
    hits
}

fn assert_top3(query: &str, province: Option<u32>, url: &str) {
    let hits = search(query, province);
    assert!(
        rank(&hits, url).is_some_and(|p| p < 3),
        "{query:?} (province {province:?}) should find /{url} in the top 3, got {:#?}",
        lines(&hits)
    );
}

fn marked(hit: &Hit) -> Vec<&str> {
    hit.highlights
        .iter()
        .map(|&(s, e)| &hit.title[s..e])
        .collect()
}

#[test]
fn citizen_queries_without_marks_land_in_the_top_three() {
    let cases = [
        ("to cong nghe so thon khe cat", None, KHE_CAT),
        ("to cong nghe so thon khe cat", Some(QUANG_NINH), KHE_CAT),
        (
            "dvc nop ho so khai sinh",
            None,
            "huong-dan/dang-ky-khai-sinh/",
        ),
        ("lua dao qua dien thoai", None, SCAM),
        ("lua dao qua dien thoai", Some(KHANH_HOA), SCAM),
        ("xa bang ca", None, QUANG_LA),
        (
            "tdp so 5",
            Some(QUANG_NINH),
            "quang-ninh/phuong-bai-chay/to-dan-pho-so-5/",
        ),
        (
            "to dan pho so 5 bai chay",
            None,
            "quang-ninh/phuong-bai-chay/to-dan-pho-so-5/",
        ),
        ("thon 4 quang tan", None, "quang-ninh/xa-quang-tan/thon-4/"),
        (
            "thon 4 quang tan",
            Some(QUANG_NINH),
            "quang-ninh/xa-quang-tan/thon-4/",
        ),
        ("cccd", None, "huong-dan/kich-hoat-vneid/"),
        ("lung cu", None, "tuyen-quang/xa-lung-cu/"),
    ];
    for (query, province, url) in cases {
        assert_top3(query, province, url);
    }
}

#[test]
fn the_team_outranks_its_commune_for_hamlet_and_commune() {
    for province in BOTH {
        for query in [
            "khe cat quang la",
            "thon khe cat xa quang la",
            "Thôn Khe Cát, Quảng La",
        ] {
            let hits = assert_first(query, province, KHE_CAT);
            assert_eq!(
                rank(&hits, QUANG_LA),
                Some(1),
                "{query:?}: {:#?}",
                lines(&hits)
            );
            assert!(
                hits[0].score > hits[1].score,
                "{query:?}: {:#?}",
                lines(&hits)
            );
        }
    }
    // The commune alone is the commune.
    for province in BOTH {
        let hits = assert_first("quang la", province, QUANG_LA);
        assert!(
            hits[1..4].iter().all(|h| h.kind == Kind::Team),
            "{:#?}",
            lines(&hits)
        );
    }
}

#[test]
fn old_commune_names_reach_the_team_with_the_note() {
    for province in BOTH {
        for (query, note) in [
            (
                "khe cat dan chu",
                "trước đây: xã Dân Chủ, Thành phố Hạ Long",
            ),
            (
                "thon khe cat xa bang ca",
                "trước đây: xã Bằng Cả, Thành phố Hạ Long",
            ),
        ] {
            let hits = assert_first(query, province, KHE_CAT);
            assert_eq!(hits[0].note.as_deref(), Some(note), "{query:?}");
        }
    }
    // The old commune alone leads to the commune that took it over, saying why; with the
    // province chosen its teams already hold the old name, and they lead there.
    let old = "trước đây: xã Bằng Cả, Thành phố Hạ Long";
    let hits = assert_first("Xã Bằng Cả", None, QUANG_LA);
    assert_eq!(hits[0].note.as_deref(), Some(old));
    let hits = search("Xã Bằng Cả", Some(QUANG_NINH));
    assert!(hits[0].url.starts_with(QUANG_LA), "{:#?}", lines(&hits));
    assert_eq!(hits[0].note.as_deref(), Some(old));
    // A query that names no old place shows no note.
    assert_eq!(search("khe cat quang la", None)[0].note, None);
}

#[test]
fn words_typed_together_are_read_as_words() {
    for province in BOTH {
        let hits = assert_first("khecat", province, KHE_CAT);
        assert_eq!(marked(&hits[0]), ["Khe", "Cát"]);
        let hits = assert_first("quangla", province, QUANG_LA);
        assert_eq!(marked(&hits[0]), ["Quảng", "La"]);
        assert_first("thonkhecat quangla", province, KHE_CAT);
    }
}

#[test]
fn a_slip_in_a_short_syllable_still_finds_the_team() {
    // "ong" for "long": a dropped first letter. Thôn An Thịnh holds the same words but for the
    // slip, and would come first (by address) if the slip did not count.
    for (query, province) in [
        ("thon ong thinh quang la", Some(QUANG_NINH)),
        ("ong thinh", Some(QUANG_NINH)),
    ] {
        let hits = assert_first(query, province, LONG_THINH);
        let other = hit(&hits, AN_THINH);
        assert!(
            hits[0].score > other.score,
            "{query:?}: {:#?}",
            lines(&hits)
        );
        let marks = marked(&hits[0]);
        assert!(
            marks.contains(&"Long") && marks.contains(&"Thịnh"),
            "{query:?}: {marks:?}"
        );
    }
}

#[test]
fn an_accented_exact_match_beats_the_same_letters_without_marks() {
    let before = |hits: &[Hit], a: &str, b: &str| {
        let at = |title: &str| hits.iter().position(|h| h.title == title);
        assert!(at(a).is_some() && at(b).is_some(), "{:#?}", lines(hits));
        assert!(
            at(a) < at(b),
            "{a} should come before {b}: {:#?}",
            lines(hits)
        );
    };
    let duong = search("Dương", None);
    assert_eq!(duong[0].title, "Phường Dương Nội", "{:#?}", lines(&duong));
    before(&duong, "Phường Dương Nội", "Xã Đường Hoa");
    let duong = search("Dương", Some(QUANG_NINH));
    assert_eq!(duong[0].title, "Thôn Dương Hòa", "{:#?}", lines(&duong));
    before(&duong, "Thôn Dương Hòa", "Thôn Đường Ngang");
    before(&duong, "Thôn Dương Hòa", "Xã Đường Hoa");
    let road = search("đường", Some(QUANG_NINH));
    assert_eq!(road[0].title, "Thôn Đường Ngang", "{:#?}", lines(&road));
    before(&road, "Xã Đường Hoa", "Thôn Dương Hòa");
    // A word finished (no longer matched by its beginning): the marks decide even against a
    // commune, which counts for more than a team.
    let duong = search("Dương ", Some(QUANG_NINH));
    before(&duong, "Thôn Dương Hòa", "Xã Đường Hoa");
    let road = search("đường ", Some(QUANG_NINH));
    before(&road, "Thôn Đường Ngang", "Thôn Dương Hòa");
    // Without marks, both spellings are the same word.
    let folded = search("duong", Some(QUANG_NINH));
    let score = |title: &str| hits_score(&folded, title);
    assert_eq!(score("Thôn Dương Hòa"), score("Thôn Đường Ngang"));
}

fn hits_score(hits: &[Hit], title: &str) -> f32 {
    hits.iter()
        .find(|h| h.title == title)
        .unwrap_or_else(|| panic!("no {title}: {:#?}", lines(hits)))
        .score
}

#[test]
fn both_tone_placements_find_the_same_with_the_same_scores() {
    for province in [None, Some(KHANH_HOA)] {
        let new_style = search("ninh hòa", province);
        let old_style = search("ninh hoà", province);
        assert_eq!(new_style, old_style);
        assert_eq!(new_style[0].title, "Phường Ninh Hoà");
    }
}

#[test]
fn a_chosen_province_demotes_the_places_of_other_provinces() {
    const KH: &str = "khanh-hoa/xa-tan-thanh/";
    const TQ: &str = "tuyen-quang/xa-tan-thanh/";
    let nowhere = search("xa tan thanh", None);
    assert_eq!(hit(&nowhere, KH).score, hit(&nowhere, TQ).score);
    // The chosen province's shard holds its communes: it answers the query alone.
    let hits = assert_first("xa tan thanh", Some(KHANH_HOA), KH);
    assert!(hits.iter().all(|h| h.province == Some(KHANH_HOA)));
    // Named, the other province is loaded and its commune comes first.
    // (Not the other way round in this corpus: with one slip per word, "khanh hoa" reads as
    // "thanh hà" in Tuyên Quang's own documents, and a chosen province that answers the whole
    // query is enough.)
    let named = "xa tan thanh tuyen quang";
    let hits = search(named, Some(KHANH_HOA));
    assert_eq!(hits[0].url, TQ, "{named:?}: {:#?}", lines(&hits));
}

#[test]
fn teams_are_searched_in_the_chosen_province_and_the_provinces_a_query_names() {
    let hits = search("thon", Some(QUANG_NINH));
    let teams: Vec<&Hit> = hits.iter().filter(|h| h.kind == Kind::Team).collect();
    assert!(teams.len() >= 5, "{:#?}", lines(&hits));
    assert!(
        teams.iter().all(|h| h.province == Some(QUANG_NINH)),
        "{:#?}",
        lines(&hits)
    );
    // A team member's name is found in the province chosen, not elsewhere.
    let member = "trinh thi hoa";
    let hits = search(member, Some(HA_NOI));
    assert_eq!(
        hits[0].url,
        "ha-noi/phuong-duong-noi/to-dan-pho-so-5/",
        "{:#?}",
        lines(&hits)
    );
    let hits = search(member, Some(QUANG_NINH));
    assert!(hits
        .iter()
        .all(|h| h.province != Some(HA_NOI) || h.kind != Kind::Team));
    // A commune of another province named in full brings its province's teams in.
    let hits = search("to dan pho 3 ninh hoa", Some(QUANG_NINH));
    assert_eq!(
        hits[0].url,
        "khanh-hoa/phuong-ninh-hoa/to-dan-pho-3/",
        "{:#?}",
        lines(&hits)
    );
}

#[test]
fn the_word_being_typed_matches_as_a_prefix() {
    assert_top3("quang l", None, QUANG_LA);
    assert_first("thon khe c", Some(QUANG_NINH), KHE_CAT);
    let score = |query: &str| hit(&search(query, Some(QUANG_NINH)), KHE_CAT).score;
    assert!(
        score("thon khe ca") > score("thon khe ca "),
        "a finished word is not a prefix"
    );
}

#[test]
fn a_typo_still_finds_the_guide_but_exact_beats_typo() {
    assert_first("lua dao qua dien thaoi", None, SCAM);

    let docs = [
        Document::new(Kind::Team, "Thôn Tân Thạnh", "a/"),
        Document::new(Kind::Team, "Thôn Tân Thịnh", "b/"),
    ];
    let shard = Shard::open(&build_shard(&docs, &Synonyms::builtin()).unwrap()).unwrap();
    let hits = shard.search("tan thinh ", &SearchOptions::default());
    assert_eq!(common::urls(&hits), ["b/", "a/"]);
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn guide_titles_count_more_than_guide_text() {
    let opts = SearchOptions {
        kind: Some(Kind::Guide),
        ..SearchOptions::default()
    };
    let hits = search_with("dien thoai ", &opts);
    let in_title: Vec<bool> = hits
        .iter()
        .map(|h| h.title.contains("điện thoại"))
        .collect();
    let first_without = in_title.iter().position(|t| !t).unwrap();
    assert!(first_without >= 3, "{:#?}", lines(&hits));
    assert!(
        in_title[first_without..].iter().all(|t| !t),
        "{:#?}",
        lines(&hits)
    );
}

#[test]
fn a_kind_restricts_hits() {
    for (kind, query, province) in [
        (Kind::Guide, "dien thoai", None),
        (Kind::Place, "quang", Some(QUANG_NINH)),
        (Kind::Team, "quang la", Some(QUANG_NINH)),
        (Kind::Team, "tan lap", None),
    ] {
        let opts = SearchOptions {
            kind: Some(kind),
            province,
            ..SearchOptions::default()
        };
        let hits = search_with(query, &opts);
        assert!(!hits.is_empty(), "{query:?}");
        assert!(
            hits.iter().all(|h| h.kind == kind),
            "{query:?}: {:#?}",
            lines(&hits)
        );
    }
}

#[test]
fn site_synonyms_are_used_by_the_shard_built_with_them() {
    let overrides = [("ctv".to_string(), vec!["cộng tác viên".to_string()])].into();
    let synonyms = Synonyms::builtin().merged(&overrides);
    let mut doc = Document::new(Kind::Guide, "Trở thành cộng tác viên của tổ", "g/");
    doc.body = "Đăng ký tham gia".into();
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
    let hits = search("quang l", None);
    let commune = hit(&hits, QUANG_LA);
    assert_eq!(commune.title, "Xã Quảng La");
    assert_eq!(commune.kind, Kind::Place);
    assert_eq!(commune.subtitle, "Tỉnh Quảng Ninh");
    assert_eq!(
        (commune.province, commune.commune),
        (Some(22), Some(corpus::QUANG_LA_CODE))
    );
    assert_eq!(commune.teams, Some(6));
    assert_eq!(commune.id, None);
    assert_eq!(marked(commune), ["Quảng", "La"]);
    let team = &assert_first("thon khe cat", Some(QUANG_NINH), KHE_CAT)[0];
    assert_eq!(team.kind, Kind::Team);
    assert_eq!(team.id.as_deref(), Some("thon-khe-cat"));
    assert_eq!(team.subtitle, "Xã Quảng La, Tỉnh Quảng Ninh");
    assert_eq!(
        (team.province, team.commune),
        (Some(22), Some(corpus::QUANG_LA_CODE))
    );
    assert_eq!(team.teams, None);
    assert_eq!(marked(team), ["Thôn", "Khe", "Cát"]);
    let guide = &assert_first("lua dao", None, SCAM)[0];
    assert_eq!(guide.id.as_deref(), Some("lua-dao-qua-dien-thoai"));
    assert_eq!((guide.province, guide.commune), (None, None));
}

#[test]
fn limit_and_empty_queries() {
    let one = SearchOptions {
        limit: 1,
        province: Some(QUANG_NINH),
        ..SearchOptions::default()
    };
    let answer = portal().answer("thon", &one);
    assert_eq!(answer.hits.len(), 1);
    assert!(
        answer.total > 1,
        "total counts every match: {}",
        answer.total
    );
    for query in ["", "  ,;  "] {
        let mut engine = portal().engine();
        let answer = engine.answer(query, &chosen(Some(QUANG_NINH)));
        assert!(
            answer.hits.is_empty() && answer.needs.is_empty(),
            "{query:?}"
        );
        let done = portal().complete(&mut engine, query, &chosen(None));
        assert!(done.answer.hits.is_empty(), "{query:?}");
    }
    let none = SearchOptions {
        limit: 0,
        ..SearchOptions::default()
    };
    let answer = portal().engine().answer("khe cat", &none);
    assert!(answer.hits.is_empty() && answer.needs.is_empty());
}

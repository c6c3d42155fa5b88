//! Which shards the engine asks for, and the two national lists: the list of hamlets for a
//! citizen without a province, and the phone list in buckets. Every answer comes from
//! `Engine::answer`, loaded as the browser's worker loads it (see `common::portal`).

mod common;

use std::collections::BTreeSet;

use common::corpus::{self, KHANH_HOA, PHU_THO, QUANG_NINH};
use common::{chosen, lines, portal, rank};
use ngo_search::phones::{bucket, vcard_holds, PhoneBucket};
use ngo_search::{phone_bucket_name, Engine, Hit, Kind, SearchOptions, Shard};

const KHE_CAT: &str = "quang-ninh/xa-quang-la/thon-khe-cat/";

/// The shards each round asked for, until the answer stood.
fn rounds(query: &str, province: Option<u32>) -> Vec<Vec<String>> {
    portal()
        .complete(&mut portal().engine(), query, &chosen(province))
        .rounds
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn assert_rounds(query: &str, province: Option<u32>, expected: &[&[&str]]) {
    let expected: Vec<Vec<String>> = expected.iter().map(|r| names(r)).collect();
    assert_eq!(
        rounds(query, province),
        expected,
        "{query:?} (province {province:?})"
    );
}

#[test]
fn places_and_the_chosen_province_come_first() {
    let mut engine = portal().engine();
    let first = engine.answer("khe cat", &chosen(Some(QUANG_NINH)));
    assert_eq!(first.needs, ["p22"]);
    assert!(first.hits.is_empty());
    assert_eq!(engine.answer("khe cat", &chosen(None)).needs, ["places"]);
    engine.open("places", portal().file("places")).unwrap();
    assert_eq!(
        engine.answer("khe cat", &chosen(Some(QUANG_NINH))).needs,
        ["p22"]
    );
    // A province without teams has no shard: only what exists is asked for.
    assert_rounds("xa dan chu", Some(PHU_THO), &[&["places"], &[]]);
    // Without being told what the portal has, every name is assumed to exist.
    let unoffered = Engine::new().answer("khe cat", &chosen(Some(PHU_THO)));
    assert_eq!(unoffered.needs, ["p25"]);
}

#[test]
fn a_query_without_a_province_loads_the_provinces_it_names() {
    // "quang la" is a commune of Quảng Ninh: its teams are searched too.
    assert_rounds("khe cat quang la", None, &[&["places"], &["p22"], &[]]);
    // "luong minh" names a commune in two provinces: both are loaded.
    assert_rounds("luong minh", None, &[&["places"], &["p22", "p40"], &[]]);
    // "tan thanh" names communes in three: that is left to the national list of hamlets.
    assert_rounds("tan lap tan thanh", None, &[&["places"], &["hamlets"], &[]]);
    // One word names nothing unless it is a whole name of four letters or more.
    assert_rounds("lung cu", None, &[&["places"], &["p8"], &[]]);
    assert_rounds("la", None, &[&["places"], &[]]);
}

#[test]
fn a_chosen_province_that_answers_the_query_is_enough() {
    assert_rounds("khe cat quang la", Some(QUANG_NINH), &[&["p22"], &[]]);
    // One that cannot answer it gives way to the province the query names.
    let done = portal().complete(
        &mut portal().engine(),
        "to dan pho 3 ninh hoa",
        &chosen(Some(QUANG_NINH)),
    );
    assert_eq!(
        done.rounds[..3],
        [names(&["p22"]), names(&["places"]), names(&["p56"])]
    );
    assert_eq!(
        done.answer.hits[0].url,
        "khanh-hoa/phuong-ninh-hoa/to-dan-pho-3/"
    );
}

#[test]
fn guides_then_old_communes_and_hamlets_only_while_nothing_answers_the_whole_query() {
    // A guide answers it: nothing more.
    assert_rounds(
        "lua dao qua dien thoai",
        None,
        &[&["places"], &["guides"], &[]],
    );
    // A place of another province that holds the words only with slips ("Xã La Dạ" for "lua
    // dao") does not answer it: slips are trusted in the chosen province's own documents.
    for province in [None, Some(QUANG_NINH)] {
        let done = portal().complete(&mut portal().engine(), "lua dao", &chosen(province));
        let guides = names(&["guides"]);
        assert!(
            done.rounds.contains(&guides),
            "{province:?}: {:?}",
            done.rounds
        );
        let hits = &done.answer.hits;
        assert_eq!(
            hits[0].url,
            "huong-dan/lua-dao-qua-dien-thoai/",
            "{:#?}",
            lines(hits)
        );
    }
    // In the chosen province they are: "ong" for "long" answers it, no guide is needed.
    assert_rounds(
        "thon ong thinh quang la",
        Some(QUANG_NINH),
        &[&["p22"], &[]],
    );
    // Places answer it: not even the guides.
    assert_rounds("xa quang tan", None, &[&["places"], &["p22"], &[]]);
    assert_rounds("xa quang tan", Some(QUANG_NINH), &[&["p22"], &[]]);
    // An old commune: guides first, then the old communes and, without a province, the
    // hamlets; after them the province the old commune now belongs to.
    assert_rounds(
        "xa bang ca",
        None,
        &[
            &["places"],
            &["guides"],
            &["former", "hamlets"],
            &["p22"],
            &[],
        ],
    );
    assert_rounds(
        "xa bang ca ha long",
        Some(KHANH_HOA),
        &[&["p56"], &["places"], &["p22"], &[]],
    );
    // With a province chosen, the old communes but not the hamlets; an old commune of the
    // chosen province is already known to its teams.
    assert_rounds(
        "xa hung thi",
        Some(KHANH_HOA),
        &[&["p56"], &["places"], &["guides"], &["former"], &[]],
    );
    assert_rounds("phuong ninh hiep", Some(KHANH_HOA), &[&["p56"], &[]]);
}

/// Queries and provinces that between them load every kind of shard.
const CASES: &[(&str, Option<u32>)] = &[
    ("khe cat", None),
    ("khe cat", Some(QUANG_NINH)),
    ("khe cat quang la", None),
    ("quang la", None),
    ("quang la", Some(KHANH_HOA)),
    ("xa bang ca", None),
    ("tan lap", None),
    ("tan lap tan thanh", None),
    ("luong minh", None),
    ("to dan pho so 5", None),
    ("lua dao", Some(QUANG_NINH)),
    ("dien thoai", None),
    ("thon", Some(QUANG_NINH)),
    ("0912 345 678", None),
];

fn rows(hits: &[Hit]) -> Vec<String> {
    lines(hits)
}

#[test]
fn answers_do_not_depend_on_what_an_earlier_query_loaded() {
    // One engine that has loaded everything, one that goes from query to query as a
    // citizen's tab does, and a fresh one per query.
    let mut everything = portal().engine();
    for name in portal().shards.keys().chain(portal().buckets.keys()) {
        everything.open(name, portal().file(name)).unwrap();
    }
    let mut tab = portal().engine();
    for _ in 0..2 {
        for &(query, province) in CASES {
            let opts = chosen(province);
            let fresh = portal().answer(query, &opts);
            let full = everything.answer(query, &opts);
            let walked = portal().complete(&mut tab, query, &opts).answer;
            assert!(full.needs.is_empty(), "{query:?}: {:?}", full.needs);
            for other in [&full, &walked] {
                assert_eq!(
                    rows(&other.hits),
                    rows(&fresh.hits),
                    "{query:?} {province:?}"
                );
                assert_eq!(other.hits, fresh.hits, "{query:?} {province:?}");
                assert_eq!(other.total, fresh.total, "{query:?} {province:?}");
                assert_eq!(other.phones, fresh.phones, "{query:?} {province:?}");
            }
        }
    }
    // With everything loaded, a query about a commune still does not list the teams of a
    // province it does not name.
    let hits = everything
        .answer("xa tan thanh", &chosen(Some(KHANH_HOA)))
        .hits;
    assert!(hits
        .iter()
        .any(|h| h.kind == Kind::Team && h.province == Some(KHANH_HOA)));
    assert!(
        !hits
            .iter()
            .any(|h| h.kind == Kind::Team && h.province != Some(KHANH_HOA)),
        "{:#?}",
        lines(&hits)
    );
}

#[test]
fn shards_can_be_dropped_and_added_again() {
    let mut engine = portal().engine();
    let opts = chosen(Some(QUANG_NINH));
    let before = portal().complete(&mut engine, "khe cat", &opts).answer;
    assert_eq!(engine.names(), ["p22"]);
    assert!(engine.remove("p22"));
    assert!(!engine.remove("p22"));
    assert_eq!(engine.answer("khe cat", &opts).needs, ["p22"]);
    let again = portal().complete(&mut engine, "khe cat", &opts).answer;
    assert_eq!(again.hits, before.hits);
    engine.open("hamlets", portal().file("hamlets")).unwrap();
    assert_eq!(engine.names(), ["hamlets", "p22"]);
    assert!(engine.remove("hamlets"));
    assert_eq!(engine.names(), ["p22"]);
}

#[test]
fn bytes_that_are_not_a_shard_are_refused_with_a_message() {
    let mut engine = portal().engine();
    for name in ["places", "hamlets", "p22"] {
        let error = engine.open(name, b"<html>").unwrap_err().to_string();
        assert!(error.contains("không phải phân đoạn tìm kiếm"), "{error}");
    }
    let error = engine.open("tel-7", b"<html>").unwrap_err().to_string();
    assert!(!error.is_empty());
    let mut cut = portal().file("places").to_vec();
    cut.truncate(cut.len() / 2);
    let error = engine.open("places", &cut).unwrap_err().to_string();
    assert!(error.contains("bị hỏng"), "{error}");
    assert!(engine.names().is_empty());
}

/// The three communes with a Thôn Tân Lập, and their teams' addresses.
const TAN_LAP: [&str; 3] = [
    "khanh-hoa/xa-tan-thanh/thon-tan-lap/",
    "quang-ninh/xa-quang-tan/thon-tan-lap/",
    "tuyen-quang/xa-tan-thanh/thon-tan-lap/",
];

fn top(hits: &[Hit], n: usize) -> BTreeSet<&str> {
    hits.iter().take(n).map(|h| h.url.as_str()).collect()
}

#[test]
fn the_national_list_of_hamlets_answers_a_hamlet_alone() {
    let mut engine = portal().engine();
    let answer = portal()
        .complete(&mut engine, "tan lap", &chosen(None))
        .answer;
    assert!(engine.names().contains(&"hamlets".to_string()));
    assert!(
        !engine
            .names()
            .iter()
            .any(|n| n.starts_with('p') && n != "places"),
        "{:?}",
        engine.names()
    );
    assert_eq!(
        top(&answer.hits, 3),
        TAN_LAP.into(),
        "{:#?}",
        lines(&answer.hits)
    );
    let subtitles: BTreeSet<&str> = answer.hits[..3]
        .iter()
        .map(|h| h.subtitle.as_str())
        .collect();
    let expected = [
        "Xã Quảng Tân, Tỉnh Quảng Ninh",
        "Xã Tân Thành, Tỉnh Khánh Hòa",
        "Xã Tân Thành, Tỉnh Tuyên Quang",
    ];
    assert_eq!(subtitles, expected.into());
    for hit in &answer.hits[..3] {
        assert_eq!((hit.kind, hit.title.as_str()), (Kind::Team, "Thôn Tân Lập"));
        assert_eq!(hit.id.as_deref(), Some("thon-tan-lap"));
        let (province, commune) = (hit.province.unwrap(), hit.commune.unwrap());
        let code = corpus::provinces()
            .into_iter()
            .find(|p| p.code == province)
            .and_then(|p| p.communes.into_iter().find(|c| c.code == commune))
            .map(|c| c.name);
        assert_eq!(
            Some(hit.subtitle.split(',').next().unwrap()),
            code,
            "{hit:?}"
        );
        let marked: Vec<&str> = hit
            .highlights
            .iter()
            .map(|&(s, e)| &hit.title[s..e])
            .collect();
        assert_eq!(marked, ["Tân", "Lập"]);
    }
    // The same hamlet name in two communes of two provinces.
    let hits = portal().answer("to dan pho so 5", &chosen(None)).hits;
    let both = [
        "ha-noi/phuong-duong-noi/to-dan-pho-so-5/",
        "quang-ninh/phuong-bai-chay/to-dan-pho-so-5/",
    ];
    assert_eq!(top(&hits, 2), both.into(), "{:#?}", lines(&hits));
}

#[test]
fn the_national_list_of_hamlets_answers_a_hamlet_and_its_commune() {
    let mut engine = portal().engine();
    let hits = portal()
        .complete(&mut engine, "thon tan lap xa tan thanh", &chosen(None))
        .answer
        .hits;
    assert_eq!(engine.names(), ["hamlets", "places"]);
    let in_tan_thanh = [TAN_LAP[0], TAN_LAP[2]];
    assert_eq!(top(&hits, 2), in_tan_thanh.into(), "{:#?}", lines(&hits));
    // Above the communes and above the Thôn Tân Lập of another commune.
    let below = |url: &str| rank(&hits, url).is_none_or(|r| r >= 2);
    assert!(
        below(TAN_LAP[1]) && below("khanh-hoa/xa-tan-thanh/"),
        "{:#?}",
        lines(&hits)
    );
    assert!(hits[1].score > hits[2].score, "{:#?}", lines(&hits));
}

#[test]
fn the_national_list_leaves_out_provinces_whose_own_shard_is_searched() {
    // "tan lap dan chu": Thôn Tân Lập is in three provinces, and the old commune Dân Chủ leads
    // to Quảng Ninh, whose shard is then searched beside the national list. Quảng Ninh's teams
    // must come from its own shard (which knows the old names and says why a team was found)
    // and be counted once; the others come from the national list.
    let opts = SearchOptions {
        kind: Some(Kind::Team),
        limit: 100,
        province: None,
    };
    let mut engine = portal().engine();
    let answer = portal()
        .complete(&mut engine, "tan lap dan chu", &opts)
        .answer;
    let loaded = engine.names();
    assert!(
        loaded.contains(&"hamlets".into()) && loaded.contains(&"p22".into()),
        "{loaded:?}"
    );
    let hits = &answer.hits;
    for url in TAN_LAP {
        assert!(
            rank(hits, url).is_some_and(|r| r < 3),
            "{url}: {:#?}",
            lines(hits)
        );
    }
    let quang_la: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.url.starts_with("quang-ninh/xa-quang-la/"))
        .collect();
    assert_eq!(quang_la.len(), 6, "{:#?}", lines(hits));
    let old = Some("trước đây: xã Dân Chủ, Thành phố Hạ Long");
    assert!(
        quang_la.iter().all(|h| h.note.as_deref() == old),
        "{:#?}",
        lines(hits)
    );
    assert_eq!(
        answer.total,
        hits.len(),
        "a team found twice is counted twice"
    );
}

/// The name of the bucket a number's digest falls in.
fn bucket_of(phone: &str) -> String {
    let digest = ngo_search::phone::digest(&corpus::national(phone));
    phone_bucket_name(
        bucket(digest, common::portal::PHONE_BITS),
        common::portal::PHONE_BITS,
    )
}

#[test]
fn a_published_phone_is_found_in_its_bucket_in_any_spelling() {
    let wanted = bucket_of(corpus::KHE_CAT_PHONE);
    for spelling in [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "+84912345678",
        "+84 912 345 678",
        "912345678",
        "(+84) 912-345-678",
    ] {
        let mut engine = portal().engine();
        let first = engine.answer(spelling, &chosen(None));
        assert_eq!(first.needs, std::slice::from_ref(&wanted), "{spelling}");
        engine.open(&wanted, portal().file(&wanted)).unwrap();
        let answer = engine.answer(spelling, &chosen(None));
        assert_eq!(answer.phones.len(), 1, "{spelling}: {:?}", answer.phones);
        let found = &answer.phones[0];
        assert_eq!(found.hit.url, KHE_CAT);
        assert_eq!(found.hit.title, "Thôn Khe Cát");
        assert_eq!(found.hit.subtitle, "Xã Quảng La, Tỉnh Quảng Ninh");
        assert_eq!(found.hit.kind, Kind::Team);
        assert_eq!(found.number, "0912345678");
        assert_eq!(found.vcard, "quang-ninh/xa-quang-la/thon-khe-cat/to.vcf");
        assert!(portal().confirms(found), "{spelling}");
    }
    // Every bucket but the one named could be missing: nothing else is read.
    let other = portal().buckets.keys().find(|b| **b != wanted).unwrap();
    let mut engine = portal().engine();
    engine.open(other, portal().file(other)).unwrap();
    assert_eq!(engine.answer("0912 345 678", &chosen(None)).needs, [wanted]);
    // Landlines too, and the team of a number typed with a province chosen elsewhere.
    let answer = portal().answer("0203 3123 456", &chosen(Some(KHANH_HOA)));
    assert_eq!(answer.phones[0].hit.title, "Thôn Khe Lương");
    assert!(portal().confirms(&answer.phones[0]));
}

#[test]
fn a_digest_match_is_a_candidate_until_the_contact_card_confirms_it() {
    let digest = |p: &str| ngo_search::phone::digest(&corpus::national(p));
    assert_eq!(
        digest(corpus::SAME_DIGEST_PHONE),
        digest(corpus::KHE_CAT_PHONE)
    );
    let answer = portal().answer(corpus::SAME_DIGEST_PHONE, &chosen(None));
    assert_eq!(answer.phones.len(), 1, "{:?}", answer.phones);
    let candidate = &answer.phones[0];
    assert_eq!(candidate.hit.url, KHE_CAT);
    assert_eq!(candidate.number, "0910394397");
    assert!(
        !portal().confirms(candidate),
        "the card lists 0912 345 678, not 0910 394 397"
    );
    let card = &portal().vcards[&candidate.vcard];
    assert!(vcard_holds(card, corpus::KHE_CAT_PHONE));
}

#[test]
fn a_phone_not_published_is_never_found() {
    let private = corpus::national(corpus::PRIVATE_PHONE);
    let answer = portal().answer(corpus::PRIVATE_PHONE, &chosen(None));
    assert!(
        answer.phones.is_empty() && answer.hits.is_empty(),
        "{:?}",
        answer.phones
    );
    // Not in any bucket, as digits or digest, nor in any shard's terms or shown text.
    let digest = ngo_search::phone::digest(&private);
    let published = corpus::national(corpus::KHE_CAT_PHONE);
    let mut entries = 0;
    for bytes in portal().buckets.values() {
        let list = PhoneBucket::parse(bytes).unwrap();
        entries += list.teams.len();
        assert!(list.teams.iter().all(|t| t.digest != digest));
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(&private[1..]) && !text.contains(&published[1..]),
            "{text}"
        );
    }
    assert_eq!(entries, corpus::phones().len());
    assert!(entries >= 5);
    for (name, bytes) in &portal().shards {
        if name == "hamlets" {
            let shown = ngo_search::Hamlets::open(bytes).unwrap().shown_text();
            assert!(!shown.is_empty());
            assert!(shown.iter().all(|s| !s.contains(&private[1..])), "{name}");
            continue;
        }
        let shard = Shard::open(bytes).unwrap();
        let terms = shard.indexed_terms().unwrap();
        assert!(!terms.is_empty(), "{name}");
        let digits = |s: &String| s.contains(&private[1..]) || s.contains(&published[1..]);
        assert!(!terms.iter().any(digits), "{name}");
        assert!(!shard.shown_text().iter().any(digits), "{name}");
    }
}

#[test]
fn partial_numbers_and_portals_without_a_phone_list_look_nothing_up() {
    let answer = portal().engine().answer("0912 34", &chosen(None));
    assert!(answer.needs.is_empty(), "{:?}", answer.needs);
    let answer = portal().answer("0912 34", &chosen(None));
    assert!(answer.phones.is_empty());
    let mut engine = Engine::new();
    engine.offer(portal().offered());
    let first = engine.answer("0912 345 678", &chosen(None));
    assert!(first.needs.is_empty(), "{:?}", first.needs);
    let done = portal().complete(&mut engine, "0912 345 678", &chosen(None));
    assert!(done.answer.phones.is_empty());
}

#[test]
fn a_phone_among_words_is_looked_up_and_the_words_searched() {
    let answer = portal().answer("khe cat 0912 345 678", &chosen(Some(QUANG_NINH)));
    assert_eq!(answer.hits[0].url, KHE_CAT, "{:#?}", lines(&answer.hits));
    assert_eq!(answer.phones.len(), 1);
    assert!(portal().confirms(&answer.phones[0]));
}

#[test]
fn a_kind_filter_does_not_change_what_a_query_finds_of_that_kind() {
    // Only the hits are filtered: the provinces a query names decide which are loaded, as
    // without a filter, and the query goes on while no document of that kind answers it.
    let cases = [
        (
            "to dan pho 3 ninh hoa",
            Some(QUANG_NINH),
            Kind::Team,
            "khanh-hoa/phuong-ninh-hoa/to-dan-pho-3/",
        ),
        ("khe cat dan chu", None, Kind::Team, KHE_CAT),
        (
            "quang la",
            None,
            Kind::Team,
            "quang-ninh/xa-quang-la/thon-4/",
        ),
        ("xa bang ca", None, Kind::Place, "quang-ninh/xa-quang-la/"),
        // Places hold "đường" (Xã Đường Hoa): without the filter no guide is needed.
        ("duong", None, Kind::Guide, "huong-dan/tra-cuu-duong-di/"),
    ];
    for (query, province, kind, url) in cases {
        let all = portal().answer(query, &chosen(province)).hits;
        let opts = SearchOptions {
            kind: Some(kind),
            ..chosen(province)
        };
        let only = portal().answer(query, &opts).hits;
        assert!(
            only.iter().all(|h| h.kind == kind),
            "{query:?}: {:#?}",
            lines(&only)
        );
        assert_eq!(
            rank(&only, url),
            Some(0),
            "{query:?} ({kind:?}): {:#?}",
            lines(&only)
        );
        // What the unfiltered answer has of that kind comes in the same order, same scores.
        let expected: Vec<&Hit> = all.iter().filter(|h| h.kind == kind).collect();
        for (got, want) in only.iter().zip(&expected) {
            assert_eq!(got, *want, "{query:?} ({kind:?})");
        }
    }
}

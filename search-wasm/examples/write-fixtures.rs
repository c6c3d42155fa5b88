//! Writes the cross-target fixtures: the test corpus as the files of a portal (every shard, the
//! national list of hamlets, the phone list's buckets) and, for a list of queries with and
//! without a chosen province, what the native engine answers once it has loaded everything each
//! answer asks for, round by round. The WebAssembly build is then checked against them in Node
//! (`search-wasm/js-tests/parity.test.mjs`); `cargo xtask test-wasm` runs both.
//!
//! ```text
//! cargo run -p ngo-search --example write-fixtures -- [OUT_DIR]   (default: target/search-fixtures)
//! ```
//!
//! `OUT_DIR/fixtures.json` lists the files by the name the engine asks for them, the names the
//! portal offers, the phone list's bits and the cases; the files sit beside it.

#[path = "../tests/common/corpus.rs"]
mod corpus;
#[allow(dead_code)] // the tests' helpers beside what the fixtures need
#[path = "../tests/common/portal.rs"]
mod portal;

use std::collections::BTreeMap;
use std::error::Error;
use std::path::PathBuf;

use ngo_search::{Hit, Kind, SearchOptions};
use portal::{Portal, PHONE_BITS};
use serde::Serialize;

/// Queries covering every way of matching — folded, accented, both tone placements, prefixes,
/// typos and slips, abbreviations, numbers, words typed together, old names, hamlets without a
/// province, provinces a query names, kinds, phones and nothing at all — each as a first
/// visitor (no province) and, for some, with a province chosen.
const QUERIES: &[(&str, Option<Kind>, Option<u32>)] = &[
    ("to cong nghe so thon khe cat", None, None),
    (
        "to cong nghe so thon khe cat",
        None,
        Some(corpus::QUANG_NINH),
    ),
    ("khe cat quang la", None, None),
    ("thon khe cat xa quang la", None, Some(corpus::QUANG_NINH)),
    ("khe cat dan chu", None, None),
    ("Xã Bằng Cả", None, None),
    ("Xã Bằng Cả", None, Some(corpus::QUANG_NINH)),
    ("khecat", None, None),
    ("quangla", None, None),
    ("thonkhecat quangla", None, Some(corpus::QUANG_NINH)),
    ("thon ong thinh quang la", None, Some(corpus::QUANG_NINH)),
    ("ong thinh", None, None),
    ("dvc nop ho so khai sinh", None, None),
    ("lua dao qua dien thoai", None, None),
    ("lua dao qua dien thaoi", None, None),
    ("quang l", None, None),
    ("quang la", None, None),
    ("Quả", None, Some(corpus::QUANG_NINH)),
    ("thon khe c", None, Some(corpus::QUANG_NINH)),
    ("Dương", None, None),
    ("Dương", None, Some(corpus::QUANG_NINH)),
    ("đường ", None, Some(corpus::QUANG_NINH)),
    ("duong", None, Some(corpus::QUANG_NINH)),
    ("ninh hòa", None, None),
    ("ninh hoà", None, Some(corpus::KHANH_HOA)),
    ("HOÀ", None, None),
    ("xa tan thanh", None, Some(corpus::KHANH_HOA)),
    ("xa tan thanh", None, Some(corpus::TUYEN_QUANG)),
    ("tan lap", None, None),
    ("thon tan lap xa tan thanh", None, None),
    ("to dan pho so 5", None, None),
    ("tdp so 5", None, Some(corpus::QUANG_NINH)),
    ("tdp 51", None, Some(corpus::QUANG_NINH)),
    ("luong minh", None, None),
    (
        "to dan pho 3 ninh hoa",
        Some(Kind::Team),
        Some(corpus::QUANG_NINH),
    ),
    ("xa hung thi", None, Some(corpus::KHANH_HOA)),
    ("trinh thi hoa", None, Some(corpus::HA_NOI)),
    ("cccd", None, None),
    ("sai gon", None, None),
    ("dien thoai", Some(Kind::Guide), None),
    ("duong", Some(Kind::Guide), None),
    ("thon", Some(Kind::Team), Some(corpus::QUANG_NINH)),
    ("0912 345 678", None, None),
    ("+84912345678", None, Some(corpus::KHANH_HOA)),
    ("0203 3123 456", None, None),
    ("khe cat 0912.345.678", None, Some(corpus::QUANG_NINH)),
    (corpus::SAME_DIGEST_PHONE, None, None),
    (corpus::PRIVATE_PHONE, None, None),
    ("0912 34", None, None),
    ("", None, None),
    ("  ,;  ", None, Some(corpus::QUANG_NINH)),
];

/// A team found by a typed phone number, before its contact card confirms it.
#[derive(Serialize)]
struct PhoneCase {
    hit: Hit,
    vcard: String,
    number: String,
    /// Whether the card lists the number (the browser checks this itself).
    confirmed: bool,
}

#[derive(Serialize)]
struct Case {
    query: &'static str,
    limit: usize,
    kind: Option<Kind>,
    province: Option<u32>,
    /// What each round asked for, on a fresh engine; the last round asks for nothing.
    rounds: Vec<Vec<String>>,
    hits: Vec<Hit>,
    total: usize,
    phones: Vec<PhoneCase>,
}

#[derive(Serialize)]
struct Fixtures {
    /// The shard names the portal offers (its manifest's list).
    offered: Vec<String>,
    /// The phone list is cut into `2^phone_bits` buckets.
    phone_bits: u32,
    /// File (beside this one) by the name the engine asks for it.
    files: BTreeMap<String, String>,
    /// Contact cards by site-relative path, for confirming phone matches.
    vcards: BTreeMap<String, String>,
    cases: Vec<Case>,
    /// `phone_digest` of texts typed in the search box (`null` when not a whole number).
    digests: Vec<(&'static str, Option<u32>)>,
}

/// Numbers in several spellings, a partial one and words.
const DIGESTS: &[&str] = &[
    "0912 345 678",
    "+84 912 345 678",
    "(+84) 912-345-678",
    "0203 3123 456",
    corpus::SAME_DIGEST_PHONE,
    "0912 34",
    "gọi tổ trưởng",
];

fn main() -> Result<(), Box<dyn Error>> {
    let out = std::env::args()
        .nth(1)
        .map_or_else(default_dir, PathBuf::from);
    std::fs::create_dir_all(&out)?;
    let portal = Portal::build();
    let mut files = BTreeMap::new();
    for (name, bytes) in &portal.shards {
        let file = format!("{name}.shard");
        std::fs::write(out.join(&file), bytes)?;
        files.insert(name.clone(), file);
    }
    for (name, bytes) in &portal.buckets {
        let file = format!("{name}.json");
        std::fs::write(out.join(&file), bytes)?;
        files.insert(name.clone(), file);
    }
    let cases: Vec<Case> = QUERIES
        .iter()
        .map(|&(query, kind, province)| answer(&portal, query, kind, province))
        .collect();
    let fixtures = Fixtures {
        offered: portal.offered(),
        phone_bits: PHONE_BITS,
        files,
        vcards: portal.vcards.clone(),
        cases,
        digests: DIGESTS
            .iter()
            .map(|&text| (text, ngo_search::phone_digest(text)))
            .collect(),
    };
    std::fs::write(
        out.join("fixtures.json"),
        serde_json::to_string_pretty(&fixtures)?,
    )?;
    println!(
        "wrote {} queries, {} shards and {} phone buckets to {}",
        QUERIES.len(),
        portal.shards.len(),
        portal.buckets.len(),
        out.display()
    );
    Ok(())
}

fn answer(portal: &Portal, query: &'static str, kind: Option<Kind>, province: Option<u32>) -> Case {
    let opts = SearchOptions {
        limit: 10,
        kind,
        province,
    };
    let done = portal.complete(&mut portal.engine(), query, &opts);
    let phones = done
        .answer
        .phones
        .iter()
        .map(|found| PhoneCase {
            confirmed: portal.confirms(found),
            hit: found.hit.clone(),
            vcard: found.vcard.clone(),
            number: found.number.clone(),
        })
        .collect();
    Case {
        query,
        limit: opts.limit,
        kind,
        province,
        rounds: done.rounds,
        hits: done.answer.hits,
        total: done.answer.total,
        phones,
    }
}

fn default_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/search-fixtures")
}

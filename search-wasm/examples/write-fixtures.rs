//! Writes the cross-target fixtures: the test corpus as shard files plus the hits the native
//! build gives for a set of queries, so the WebAssembly build can be checked against them
//! (`cargo xtask test-wasm` runs this, then `search-wasm/js-tests/`).
//!
//! ```text
//! cargo run -p ngo-search --example write-fixtures -- [OUT_DIR]   (default: target/search-fixtures)
//! ```

#[path = "../tests/common/corpus.rs"]
mod corpus;

use std::error::Error;
use std::path::PathBuf;

use ngo_search::{build_shard, search_all, Document, Hit, Kind, SearchOptions, Shard, Synonyms};
use serde::Serialize;

/// Queries covering every way of matching: folded, accented, both tone placements, prefixes,
/// typos, abbreviations, numbers, phones, filters, and nothing at all.
const QUERIES: &[(&str, Option<Kind>, Option<u32>)] = &[
    ("to cong nghe so thon khe cat", None, None),
    ("dvc nop ho so khai sinh", None, None),
    ("lua dao qua dien thoai", None, None),
    ("lua dao qua dien thaoi", None, None),
    ("xa dan chu ha long", None, None),
    ("quang l", None, None),
    ("quang la", None, None),
    ("Quả", None, None),
    ("thon khe c", None, None),
    ("Dương", None, None),
    ("đường", None, None),
    ("duong", None, None),
    ("ninh hòa", None, None),
    ("ninh hoà", None, None),
    ("HOÀ", None, None),
    ("tdp so 5", None, None),
    ("thon 4 quang tan", None, None),
    ("cccd", None, None),
    ("sai gon", None, None),
    ("0912 345 678", None, None),
    ("+84912345678", None, None),
    ("0912 34", None, None),
    (corpus::PRIVATE_PHONE, None, None),
    ("dien thoai", Some(Kind::Guide), None),
    ("hoa", None, Some(corpus::QUANG_NINH)),
    ("thon", Some(Kind::Team), Some(corpus::QUANG_NINH)),
    ("", None, None),
];

#[derive(Serialize)]
struct Case {
    query: &'static str,
    limit: usize,
    kind: Option<Kind>,
    province: Option<u32>,
    hits: Vec<Hit>,
}

#[derive(Serialize)]
struct Expected {
    shards: Vec<&'static str>,
    cases: Vec<Case>,
}

fn main() -> Result<(), Box<dyn Error>> {
    let out = std::env::args()
        .nth(1)
        .map_or_else(default_dir, PathBuf::from);
    std::fs::create_dir_all(&out)?;
    let sets: [(&str, Vec<Document>); 3] = [
        ("guides", corpus::guides()),
        ("places", corpus::places()),
        ("province-22", corpus::quang_ninh_teams()),
    ];
    let mut shards = Vec::new();
    for (name, docs) in &sets {
        let bytes = build_shard(docs, &Synonyms::builtin())?;
        std::fs::write(out.join(format!("{name}.shard")), &bytes)?;
        shards.push(Shard::open(&bytes)?);
    }
    let shard_refs: Vec<&Shard> = shards.iter().collect();
    let cases = QUERIES.iter().map(|&(query, kind, province)| {
        let opts = SearchOptions {
            limit: 10,
            kind,
            province,
        };
        let hits = search_all(&shard_refs, query, &opts);
        Case {
            query,
            limit: opts.limit,
            kind,
            province,
            hits,
        }
    });
    let expected = Expected {
        shards: sets.iter().map(|(name, _)| *name).collect(),
        cases: cases.collect(),
    };
    std::fs::write(
        out.join("queries.json"),
        serde_json::to_string_pretty(&expected)?,
    )?;
    println!(
        "wrote {} queries and 3 shards to {}",
        QUERIES.len(),
        out.display()
    );
    Ok(())
}

fn default_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/search-fixtures")
}

//! Shared test support: the corpus, built once into a portal, and ways to read answers.
#![allow(dead_code)] // each test binary uses part of it

pub mod corpus;
pub mod portal;

use std::sync::OnceLock;

use ngo_search::Hit;

// Not every test binary that includes this module uses both.
#[allow(unused_imports)]
pub use portal::{chosen, Portal};

/// The corpus built into a portal, once per test binary.
pub fn portal() -> &'static Portal {
    static PORTAL: OnceLock<Portal> = OnceLock::new();
    PORTAL.get_or_init(Portal::build)
}

/// Hits as readable lines, best first, for failure messages.
pub fn lines(hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| {
            let note = h
                .note
                .as_deref()
                .map_or(String::new(), |n| format!(" [{n}]"));
            format!(
                "{:.3} {} ({}) /{}{note}",
                h.score, h.title, h.subtitle, h.url
            )
        })
        .collect()
}

/// Position of the hit with this address.
pub fn rank(hits: &[Hit], url: &str) -> Option<usize> {
    hits.iter().position(|h| h.url == url)
}

/// The hit with this address; fails showing every hit when it is missing.
pub fn hit<'a>(hits: &'a [Hit], url: &str) -> &'a Hit {
    hits.iter()
        .find(|h| h.url == url)
        .unwrap_or_else(|| panic!("no hit for /{url} among {:#?}", lines(hits)))
}

pub fn urls(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.url.as_str()).collect()
}

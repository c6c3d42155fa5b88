//! Shared test support: the corpus and its three shards opened together.
#![allow(dead_code)] // each test binary uses part of it

pub mod corpus;

use ngo_search::{build_shard, search_all, Hit, SearchOptions, Shard, Synonyms};

/// The corpus built into its three shards, as the browser would load them.
pub struct Portal {
    pub places: Shard,
    pub guides: Shard,
    pub province: Shard,
}

impl Portal {
    pub fn build() -> Portal {
        let synonyms = Synonyms::builtin();
        let open = |docs: Vec<ngo_search::Document>| {
            Shard::open(&build_shard(&docs, &synonyms).unwrap()).unwrap()
        };
        Portal {
            places: open(corpus::places()),
            guides: open(corpus::guides()),
            province: open(corpus::quang_ninh_teams()),
        }
    }

    pub fn search_with(&self, query: &str, opts: &SearchOptions) -> Vec<Hit> {
        search_all(&[&self.places, &self.guides, &self.province], query, opts)
    }

    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_with(query, &SearchOptions::default())
    }

    /// Titles with their subtitle, best first, for readable failures.
    pub fn titles(&self, query: &str) -> Vec<String> {
        self.search(query)
            .into_iter()
            .map(|h| format!("{} ({}) {:.3}", h.title, h.subtitle, h.score))
            .collect()
    }
}

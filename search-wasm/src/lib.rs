//! Vietnamese search for Ngõ portals, the same code natively and in the browser.
//!
//! The generator turns teams, guides and places into [`Document`]s and calls [`build_shard`] to
//! write one self-contained byte blob per shard (places, guides, one per province). The browser
//! loads the blobs into this crate compiled to WebAssembly (see `SearchEngine` on wasm32) and the
//! `ngo search` command opens them natively with [`Shard::open`]. Because tokenisation, query
//! building and scoring are one piece of code, the same shard bytes and query give the same hits
//! on both sides.
//!
//! ```
//! use ngo_search::{build_shard, Document, Kind, SearchOptions, Shard, Synonyms};
//!
//! let mut team = Document::new(Kind::Team, "Thôn Khe Cát", "quang-ninh/xa-quang-la/thon-khe-cat/");
//! team.subtitle = "Xã Quảng La, Tỉnh Quảng Ninh".into();
//! let bytes = build_shard(&[team], &Synonyms::builtin()).unwrap();
//! let shard = Shard::open(&bytes).unwrap();
//! let hits = shard.search("thon khe cat", &SearchOptions::default());
//! assert_eq!(hits[0].title, "Thôn Khe Cát");
//! ```

pub mod analysis;
mod boosts;
#[cfg(not(target_arch = "wasm32"))]
mod build;
mod container;
mod document;
mod error;
mod highlight;
mod keys;
mod letters;
mod matching;
mod phone;
mod plan;
mod query;
mod schema;
mod shard;
mod synonyms;
#[cfg(not(target_arch = "wasm32"))]
mod tokenizer;
#[cfg(target_arch = "wasm32")]
mod wasm;

#[cfg(not(target_arch = "wasm32"))]
pub use build::build_shard;
pub use container::FORMAT_VERSION;
pub use document::{Document, Hit, Kind, SearchOptions};
pub use error::SearchError;
pub use shard::{search_all, Shard};
pub use synonyms::Synonyms;
#[cfg(target_arch = "wasm32")]
pub use wasm::SearchEngine;

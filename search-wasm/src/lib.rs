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
//! use ngo_search::{build_shard, Document, Engine, Kind, SearchOptions, Shard, Synonyms};
//!
//! let mut team = Document::new(Kind::Team, "Thôn Khe Cát", "quang-ninh/xa-quang-la/khe-cat/");
//! team.subtitle = "Xã Quảng La, Tỉnh Quảng Ninh".into();
//! team.context = vec!["Xã Quảng La".into(), "Tỉnh Quảng Ninh".into()];
//! team.province = Some(22);
//! let bytes = build_shard(&[team], &Synonyms::builtin()).unwrap();
//! let mut engine = Engine::new();
//! engine.offer(["p22".to_string()]);
//! engine.add("p22", Shard::open(&bytes).unwrap());
//! let options = SearchOptions { province: Some(22), ..SearchOptions::default() };
//! let answer = engine.answer("thon khe cat quang la", &options);
//! assert_eq!(answer.hits[0].title, "Thôn Khe Cát");
//! assert!(answer.needs.is_empty());
//! ```

pub mod analysis;
mod boosts;
#[cfg(not(target_arch = "wasm32"))]
mod build;
mod container;
mod document;
mod engine;
mod error;
pub mod hamlets;
#[cfg(not(target_arch = "wasm32"))]
mod hamlets_build;
mod highlight;
mod keys;
mod letters;
mod matching;
mod names;
pub mod phone;
pub mod phones;
mod plan;
mod query;
mod rows;
mod schema;
mod shard;
mod split;
mod synonyms;
#[cfg(not(target_arch = "wasm32"))]
mod tokenizer;
#[cfg(target_arch = "wasm32")]
mod wasm;

#[cfg(not(target_arch = "wasm32"))]
pub use build::build_shard;
pub use container::FORMAT_VERSION;
pub use document::{Document, Hit, Kind, SearchOptions};
pub use engine::{
    phone_bucket_name, province_shard, Answer, Engine, PhoneMatch, FORMER, GUIDES, HAMLETS, PLACES,
};
pub use error::SearchError;
pub use hamlets::Hamlets;
#[cfg(not(target_arch = "wasm32"))]
pub use hamlets_build::build_hamlets;
pub use shard::Shard;
pub use synonyms::Synonyms;

/// The digest a shard indexes for a phone number typed in any spelling ("0912 345 678",
/// "+84 912 345 678"), or `None` when the text is not a whole number. See [`phone::digest`]
/// for why shards keep digests, not digits.
pub fn phone_digest(text: &str) -> Option<u32> {
    let national = phone::national(text)?;
    phone::is_complete(&national).then(|| phone::digest(&national))
}
#[cfg(target_arch = "wasm32")]
pub use wasm::SearchEngine;

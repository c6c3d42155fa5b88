//! Ngõ: a static site generator for Vietnam's Community Digital Technology Teams
//! (Tổ công nghệ số cộng đồng).
//!
//! Data flows one way: [`load`] reads files → [`model`] resolves and validates them into a
//! [`model::Site`] → [`render`] writes pages (and the search index writes shards) →
//! [`output`] swaps the finished folder into place.

pub mod build;
pub mod collate;
pub mod config;
pub mod console;
pub mod date;
pub mod diagnostics;
pub mod fingerprint;
pub mod images;
pub mod import;
pub mod limits;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod phone;
pub mod privacy;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod text;
pub mod units;
pub mod urls;

//! The search stage: the site as search documents, written as shards the browser loads as it
//! needs them, and `ngo search`, which reads them natively with the same engine.
//!
//! - [`documents`]: what each shard holds (places, former communes, guides, every province's
//!   teams, the national list of hamlets);
//! - [`shards`]: building them with the `ngo-search` crate, in parallel, each also compressed
//!   ([`compress`]), with content-hashed names and nothing rebuilt that did not change;
//! - [`manifest`]: `search/manifest.json`, typed, written by the build and read back by
//!   `ngo search`, the service worker's version and the benchmarks;
//! - [`phones`]: the national list of published phones, as digests, for "who is calling me?"
//!   and numbers typed in the search box;
//! - [`cli`]: `ngo search`.

pub mod cli;
mod compress;
pub mod documents;
pub mod manifest;
mod phones;
mod shards;

use std::path::PathBuf;

pub use manifest::{Manifest, Packed, PhoneList, ShardEntry, MANIFEST, SEARCH_DIR};
pub use shards::write_index;

/// Why the index could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("không dựng được chỉ mục tìm kiếm {shard}: {source}")]
    Shard {
        shard: String,
        #[source]
        source: ngo_search::SearchError,
    },
    #[error("không ghi được chỉ mục tìm kiếm: {0}")]
    Io(#[from] std::io::Error),
    #[error("không đọc được {}: {source} (hãy chạy `ngo build` trước)", path.display())]
    NotBuilt {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: tệp không hợp lệ: {source}", path.display())]
    Manifest {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error(
        "{}: chỉ mục dựng theo định dạng {found}, bản ngo này đọc định dạng {}: hãy chạy lại `ngo build`",
        path.display(),
        ngo_search::FORMAT_VERSION
    )]
    Format { path: PathBuf, found: u32 },
    #[error("không đọc được {}: {source}", path.display())]
    ShardFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    ShardOpen {
        path: PathBuf,
        #[source]
        source: ngo_search::SearchError,
    },
    #[error("{0}")]
    Province(String),
}

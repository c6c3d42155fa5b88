//! The one error type of the search layer; the generator and the WebAssembly boundary turn it into
//! their own diagnostics.

/// Why a shard could not be built or opened.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("not a search shard: the file does not start with the shard signature")]
    NotAShard,
    #[error("search shard format {found} is not supported (this build reads format {supported}); rebuild the site")]
    UnsupportedVersion { found: u32, supported: u32 },
    #[error("search shard is damaged: {0}")]
    Damaged(&'static str),
    #[error("search shard is too large for one segment ({docs} documents); split it")]
    TooLarge { docs: usize },
    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search shard metadata is invalid: {0}")]
    Metadata(#[from] serde_json::Error),
}

//! `search/manifest.json`: what the browser (and `ngo search`) reads first — which shards the
//! portal has and under which names, each in three forms.
//!
//! A shard is written raw (`p22.3f2a9c1d.shard`) and compressed at build time with brotli
//! (`….shard.br`) and gzip (`….shard.gz`): hosts that compress nothing (most object stores, an
//! nginx with its default `gzip_types`) still send small files, and the browser's worker
//! undoes the compression itself. The search engine is listed the same way.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::SearchError;

/// Where shards and the manifest go, site-relative.
pub const SEARCH_DIR: &str = "search/";
/// The manifest, site-relative.
pub const MANIFEST: &str = "search/manifest.json";

/// One file in its three forms.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Packed {
    /// Site-relative name of the raw file, e.g. `search/p22.3f2a9c1d.shard`; the compressed
    /// forms add `.br` and `.gz`.
    pub file: String,
    /// Sizes in bytes: raw, brotli, gzip.
    pub bytes: usize,
    pub br: usize,
    pub gz: usize,
}

/// One written shard.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ShardEntry {
    #[serde(flatten)]
    pub packed: Packed,
    pub documents: usize,
    /// For a province's shard, the province's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The national list of published phones, cut into buckets (see `ngo_search::phones`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PhoneList {
    /// Site-relative folder of the buckets; a bucket is `<dir><name>.json`, the name as
    /// `ngo_search::phone_bucket_name` gives it ("tel-a3f").
    pub dir: String,
    /// The list is cut into `2^bits` buckets.
    pub bits: u32,
    /// Changes whenever a bucket does; added to the buckets' addresses so caches see the change
    /// (the files keep their names, so a rebuild writes only the buckets that changed).
    pub version: String,
    /// Numbers listed.
    pub numbers: usize,
}

/// The manifest.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub format: u32,
    /// The search engine (WebAssembly).
    pub engine: Packed,
    /// By shard name: `places`, `guides`, `former`, `hamlets`, `p<code>`.
    pub shards: BTreeMap<String, ShardEntry>,
    /// The national phone list, when some phone is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phones: Option<PhoneList>,
}

impl Manifest {
    /// Reads the manifest of a built portal.
    pub fn read(site: &Path) -> Result<Manifest, SearchError> {
        let path = site.join(MANIFEST);
        let bytes = std::fs::read(&path).map_err(|source| SearchError::NotBuilt {
            path: path.clone(),
            source,
        })?;
        let manifest: Manifest =
            serde_json::from_slice(&bytes).map_err(|source| SearchError::Manifest {
                path: path.clone(),
                source,
            })?;
        if manifest.format != ngo_search::FORMAT_VERSION {
            return Err(SearchError::Format {
                path,
                found: manifest.format,
            });
        }
        Ok(manifest)
    }

    /// The manifest as written into the portal.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("the manifest serialises")
    }

    /// Every search file the manifest lists, site-relative: each shard in its three forms (the
    /// phone list's buckets are the files under its folder, see [`Manifest::lists`]).
    pub fn files(&self) -> impl Iterator<Item = String> + '_ {
        self.shards.values().flat_map(|entry| {
            let file = &entry.packed.file;
            [file.clone(), format!("{file}.br"), format!("{file}.gz")]
        })
    }

    /// Whether a site-relative file is one of the search files this manifest stands for.
    pub fn lists(&self, file: &str) -> bool {
        file == MANIFEST
            || self.files().any(|f| f == file)
            || self
                .phones
                .as_ref()
                .is_some_and(|p| file.starts_with(&p.dir))
    }

    /// Province codes with a team shard.
    pub fn provinces(&self) -> impl Iterator<Item = u32> + '_ {
        self.shards
            .keys()
            .filter_map(|name| name.strip_prefix('p')?.parse().ok())
    }
}

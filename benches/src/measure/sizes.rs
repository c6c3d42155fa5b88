//! What the search costs on the wire: the files of the built site as a host that compresses
//! nothing sends them, as a brotli host sends them, and as the build compressed them itself.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use ngo::search::{Manifest, Packed};

/// Bytes after brotli at quality 11, the setting static hosts use for pre-compressed files.
pub fn brotli_size(bytes: &[u8]) -> usize {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("in-memory brotli");
    out.len()
}

/// One file's size, raw and brotli (as a host that compresses would send it).
#[derive(Debug, Clone)]
pub struct Sized {
    pub path: PathBuf,
    pub raw: usize,
    pub brotli: usize,
}

pub fn measure(path: &Path) -> Result<Sized> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(Sized {
        path: path.to_path_buf(),
        raw: bytes.len(),
        brotli: brotli_size(&bytes),
    })
}

pub fn read_manifest(site: &Path) -> Result<Manifest> {
    Ok(Manifest::read(site)?)
}

/// Province shard names ("p22") ordered by raw size, smallest first.
pub fn provinces_by_size(manifest: &Manifest) -> Vec<String> {
    let mut shards: Vec<(&String, usize)> = manifest
        .shards
        .iter()
        .filter(|(name, _)| name.starts_with('p'))
        .map(|(name, entry)| (name, entry.packed.bytes))
        .collect();
    shards.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
    shards.into_iter().map(|(name, _)| name.clone()).collect()
}

/// Where a manifest entry's raw file lies in the built site.
pub fn packed_path(site: &Path, packed: &Packed) -> PathBuf {
    site.join(&packed.file)
}

/// The one file in `dir` named `prefix<hash>.ext` (e.g. `search.` and `js`).
pub fn hashed_asset(dir: &Path, prefix: &str, ext: &str) -> Result<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(prefix) else {
            continue;
        };
        let Some(hash) = rest.strip_suffix(&format!(".{ext}")) else {
            continue;
        };
        if !hash.is_empty() && hash.chars().all(|c| c.is_ascii_alphanumeric()) {
            found.push(dir.join(name));
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        n => Err(anyhow!(
            "expected one {prefix}<hash>.{ext} in {}, found {n}",
            dir.display()
        )),
    }
}

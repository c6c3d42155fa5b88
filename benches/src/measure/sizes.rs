//! What the search costs on the wire: files of the built site, raw and brotli-compressed as a
//! CDN would serve them.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use serde::Deserialize;

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

/// One file's size, raw and brotli.
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

#[derive(Debug, Deserialize)]
pub struct ManifestEntry {
    pub file: String,
    pub bytes: u64,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Manifest {
    pub places: ManifestEntry,
    pub former: ManifestEntry,
    pub guides: ManifestEntry,
    pub provinces: std::collections::BTreeMap<String, ManifestEntry>,
}

pub fn read_manifest(site: &Path) -> Result<Manifest> {
    let path = site.join("search/manifest.json");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    Ok(serde_json::from_str(&text)?)
}

/// Where a manifest entry's file lies in the built site.
pub fn entry_path(site: &Path, entry: &ManifestEntry) -> PathBuf {
    let direct = site.join(&entry.file);
    if direct.exists() {
        direct
    } else {
        site.join("search").join(&entry.file)
    }
}

/// Province codes ordered by raw shard size, smallest first.
pub fn provinces_by_size(manifest: &Manifest) -> Vec<String> {
    let mut codes: Vec<(&String, u64)> = manifest
        .provinces
        .iter()
        .map(|(code, entry)| (code, entry.bytes))
        .collect();
    codes.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
    codes.into_iter().map(|(code, _)| code.clone()).collect()
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

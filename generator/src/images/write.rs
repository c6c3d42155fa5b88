//! Making every planned image file of a site, on every core, doing as little as the previous
//! build allows: a file still in the output as it was made is kept without being read, one in the
//! cache is copied, and only the rest is decoded and encoded.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use ngo_imaging::Decoded;
use rayon::prelude::*;

use super::{Format, ImageCache, ImageError, Prepared, Variant, JPEG_QUALITY, WEBP_QUALITY};
use crate::fingerprint::Key;
use crate::model::Site;
use crate::output::Sink;

/// What the image step did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageWork {
    /// Source images of the site (each counted once, however many guides show it).
    pub sources: usize,
    /// Files decoded, resized and encoded in this build.
    pub encoded: usize,
    /// Files copied from the cache beside the output.
    pub from_cache: usize,
    /// Files left in the output as the previous build made them.
    pub kept: usize,
}

/// Why the image step failed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Source images that could not be decoded, each with its site-relative path.
    #[error("{} ảnh không đọc được", .0.len())]
    Sources(Vec<(PathBuf, ImageError)>),
    #[error("không ghi được ảnh: {0}")]
    Output(#[from] io::Error),
}

/// Makes every image file the site's guides show.
pub fn write_images(
    site: &Site,
    site_dir: &Path,
    sink: &dyn Sink,
    cache: &ImageCache,
) -> Result<ImageWork, WriteError> {
    let sources = unique_sources(site);
    let counts = Counts::default();
    let failures = Mutex::new(Vec::new());
    sources.par_iter().try_for_each(|prepared| {
        match write_one(prepared, site_dir, sink, cache, &counts) {
            Ok(()) => Ok(()),
            Err(WriteError::Sources(mut bad)) => {
                failures
                    .lock()
                    .expect("no panic while locked")
                    .append(&mut bad);
                Ok(())
            }
            Err(other) => Err(other),
        }
    })?;
    let failures = failures.into_inner().expect("no panic while locked");
    if !failures.is_empty() {
        return Err(WriteError::Sources(failures));
    }
    Ok(ImageWork {
        sources: sources.len(),
        encoded: counts.encoded.into_inner(),
        from_cache: counts.from_cache.into_inner(),
        kept: counts.kept.into_inner(),
    })
}

#[derive(Default)]
struct Counts {
    encoded: AtomicUsize,
    from_cache: AtomicUsize,
    kept: AtomicUsize,
}

/// Each planned source once, by its first file's name (the same bytes under two names in two
/// bundles are two sources: their files have different names).
fn unique_sources(site: &Site) -> Vec<&Prepared> {
    let mut by_file: BTreeMap<&str, &Prepared> = BTreeMap::new();
    for prepared in site.guides.iter().flat_map(|g| g.images.iter()) {
        by_file
            .entry(prepared.variants[0].path.as_str())
            .or_insert(prepared);
    }
    by_file.into_values().collect()
}

/// What a file is made from, for the manifest: the source's fingerprint and the file's name
/// (which holds its width and format). Unlike pages, not the program: a new `ngo` with the same
/// settings makes the same bytes, and re-encoding a national portal's screenshots takes minutes.
fn made_from(prepared: &Prepared, variant: &Variant) -> Key {
    let text = format!("image {} {}", prepared.key.to_hex(), variant.path);
    Key::of_bytes(text.as_bytes())
}

fn write_one(
    prepared: &Prepared,
    site_dir: &Path,
    sink: &dyn Sink,
    cache: &ImageCache,
    counts: &Counts,
) -> Result<(), WriteError> {
    let mut missing = Vec::new();
    for variant in &prepared.variants {
        let made_from = made_from(prepared, variant);
        if sink.reuse(&variant.path, made_from) {
            cache.keep(prepared.key, variant);
            counts.kept.fetch_add(1, Ordering::Relaxed);
        } else if let Some(bytes) = cache.get(prepared.key, variant) {
            sink.write_made_from(&variant.path, made_from, &bytes)?;
            counts.from_cache.fetch_add(1, Ordering::Relaxed);
        } else {
            missing.push(variant);
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    let source_error = |e: ImageError| WriteError::Sources(vec![(prepared.source.clone(), e)]);
    let bytes =
        std::fs::read(site_dir.join(&prepared.source)).map_err(|e| source_error(e.into()))?;
    let decoded = Decoded::from_bytes(&bytes).map_err(|e| source_error(e.into()))?;
    for variant in missing {
        let made = match variant.format {
            Format::Webp => decoded.webp(variant.width, variant.height, WEBP_QUALITY),
            Format::Jpeg => decoded.jpeg(variant.width, variant.height, JPEG_QUALITY),
        }
        .map_err(|e| source_error(e.into()))?;
        cache.put(prepared.key, variant, &made);
        sink.write_made_from(&variant.path, made_from(prepared, variant), &made)?;
        counts.encoded.fetch_add(1, Ordering::Relaxed);
    }
    Ok(())
}

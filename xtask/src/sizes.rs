//! Sizes as they cross the network: raw, gzip (level 9) and brotli (quality 11), the way
//! static hosts serve precompressed files.

use std::io::Write;
use std::path::Path;

use crate::error::TaskError;

/// The three sizes of one file, in bytes.
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// Measures a file.
pub fn measure(path: &Path) -> Result<Sizes, TaskError> {
    let bytes = std::fs::read(path).map_err(|source| TaskError::File {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(Sizes {
        raw: bytes.len(),
        gzip: gzip_len(&bytes),
        brotli: brotli_len(&bytes),
    })
}

/// Prints a size line for each file.
pub fn report(paths: &[&Path]) -> Result<(), TaskError> {
    println!(
        "{:<28} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for path in paths {
        let s = measure(path)?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        println!(
            "{name:<28} {:>10} {:>10} {:>10}",
            kb(s.raw),
            kb(s.gzip),
            kb(s.brotli)
        );
    }
    Ok(())
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn gzip_len(bytes: &[u8]) -> usize {
    gzip(bytes).len()
}

fn brotli_len(bytes: &[u8]) -> usize {
    brotli(bytes).len()
}

/// `bytes` as gzip at level 9.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    encoder.write_all(bytes).expect("in-memory gzip");
    encoder.finish().expect("in-memory gzip")
}

/// `bytes` as brotli at quality 11.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    // Reading from a slice and writing to a Vec cannot fail.
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("in-memory brotli");
    out
}

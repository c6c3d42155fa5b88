//! Brotli and gzip forms of the files the browser's search worker fetches, made at build time.
//!
//! Most hosts compress HTML, CSS and JavaScript but not `application/octet-stream` (nginx's
//! default `gzip_types`, object stores, many CDNs), and shards are binary: served as they are,
//! a visitor would download four to five times the bytes. So the build writes each shard (and
//! the engine) also as brotli and gzip, and the worker fetches the form its browser can undo
//! with `DecompressionStream` — brotli where available, else gzip. A host that compresses on
//! its own gains nothing on these files but loses nothing either.
//!
//! Brotli runs at quality 10 with a 4 MB window: quality 11 is a few percent smaller and three
//! times slower, which a national build (34 province shards, rebuilt whenever one changes)
//! would feel; gzip at level 9.

use std::io::Write;

/// Brotli's settings, see the module notes.
const BROTLI_QUALITY: u32 = 10;
const BROTLI_WINDOW: u32 = 22;

/// `bytes` compressed with brotli.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    {
        let mut writer =
            brotli::CompressorWriter::new(&mut out, 1 << 16, BROTLI_QUALITY, BROTLI_WINDOW);
        writer
            .write_all(bytes)
            .expect("writing into memory cannot fail");
    }
    out
}

/// `bytes` compressed with gzip.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    encoder
        .write_all(bytes)
        .expect("writing into memory cannot fail");
    encoder.finish().expect("writing into memory cannot fail")
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn both_forms_give_the_bytes_back() {
        let text = "Thôn Khe Cát, Xã Quảng La, Tỉnh Quảng Ninh. ".repeat(200);
        let mut back = Vec::new();
        brotli::Decompressor::new(brotli(text.as_bytes()).as_slice(), 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text.as_bytes());
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(gzip(text.as_bytes()).as_slice())
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(brotli(text.as_bytes()).len() < text.len() / 10);
    }
}

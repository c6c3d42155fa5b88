//! The shard file: a tiny container of named files, so the browser fetches one URL per shard.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! "NGOSHARD"              8 bytes, signature
//! format version          u32
//! file count              u32
//! per file, sorted by name:
//!   name length           u16
//!   name                  UTF-8
//!   data length           u32
//!   data
//! ```
//!
//! The files are those of a single-segment tantivy index plus `ngo.json` (what the shard was
//! built with). The version changes whenever the bytes or their meaning change: schema, analysis,
//! key rules or this layout. A reader refuses other versions instead of answering wrongly.

use crate::error::SearchError;

/// Version of the shard format this build writes and reads.
pub const FORMAT_VERSION: u32 = 3;

const SIGNATURE: &[u8; 8] = b"NGOSHARD";

#[cfg_attr(target_arch = "wasm32", allow(dead_code))] // writing shards is native-only
/// Packs files into one blob; `files` must be sorted by name for reproducible output.
pub(crate) fn pack(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let size: usize = files.iter().map(|(n, d)| 6 + n.len() + d.len()).sum();
    let mut out = Vec::with_capacity(16 + size);
    out.extend_from_slice(SIGNATURE);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(files.len() as u32).to_le_bytes());
    for (name, data) in files {
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(data);
    }
    out
}

/// Splits a blob back into its named files, checking the signature and version.
pub(crate) fn unpack(bytes: &[u8]) -> Result<Vec<(&str, &[u8])>, SearchError> {
    let mut reader = Reader { bytes };
    if reader.take(SIGNATURE.len()).ok() != Some(SIGNATURE.as_slice()) {
        return Err(SearchError::NotAShard);
    }
    let found = reader.u32()?;
    if found != FORMAT_VERSION {
        return Err(SearchError::UnsupportedVersion {
            found,
            supported: FORMAT_VERSION,
        });
    }
    let count = reader.u32()?;
    let mut files = Vec::new();
    for _ in 0..count {
        let name_len = usize::from(reader.u16()?);
        let name = std::str::from_utf8(reader.take(name_len)?)
            .map_err(|_| SearchError::Damaged("một tên tệp không phải UTF-8"))?;
        let data_len = reader.u32()? as usize;
        files.push((name, reader.take(data_len)?));
    }
    if !reader.bytes.is_empty() {
        return Err(SearchError::Damaged("còn dữ liệu sau tệp cuối"));
    }
    Ok(files)
}

/// Reads from the front of a byte slice.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Result<&'a [u8], SearchError> {
        if self.bytes.len() < len {
            return Err(SearchError::Damaged("tệp bị cắt cụt"));
        }
        let (head, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Ok(head)
    }

    fn u16(&mut self) -> Result<u16, SearchError> {
        let mut le = [0; 2];
        le.copy_from_slice(self.take(2)?);
        Ok(u16::from_le_bytes(le))
    }

    fn u32(&mut self) -> Result<u32, SearchError> {
        let mut le = [0; 4];
        le.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(le))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        pack(&[
            ("a.json".to_string(), b"{}".to_vec()),
            ("b.idx".to_string(), vec![1, 2, 3]),
        ])
    }

    #[test]
    fn files_come_back_as_packed() {
        let bytes = sample();
        let files = unpack(&bytes).unwrap();
        assert_eq!(files, [("a.json", &b"{}"[..]), ("b.idx", &[1, 2, 3][..])]);
    }

    #[test]
    fn foreign_damaged_and_future_files_are_refused() {
        assert!(matches!(unpack(b"<html>"), Err(SearchError::NotAShard)));
        let bytes = sample();
        let cut = &bytes[..bytes.len() - 1];
        assert!(matches!(unpack(cut), Err(SearchError::Damaged(_))));
        let mut future = bytes.clone();
        future[8] = 99;
        assert!(matches!(
            unpack(&future),
            Err(SearchError::UnsupportedVersion { found: 99, .. })
        ));
    }
}

//! Document boosts, kept beside the index rather than in a fast field.
//!
//! A shard is one segment whose documents keep their input order, so a document's id is its
//! position and the boosts are simply one little-endian `f32` per document. Reading them needs no
//! column codecs, which keeps tantivy's fast-field readers out of the WebAssembly module; mostly
//! equal values compress to almost nothing on the wire.

use crate::error::SearchError;

/// Name of the boosts file inside the shard container.
pub(crate) const BOOSTS_FILE: &str = "ngo.boosts";

/// Encodes boosts; one that is not a finite number counts as 1, a negative one as 0.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))] // writing shards is native-only
pub(crate) fn encode(boosts: &[f32]) -> Vec<u8> {
    boosts
        .iter()
        .map(|&b| if b.is_finite() { b.max(0.0) } else { 1.0 })
        .flat_map(f32::to_le_bytes)
        .collect()
}

/// Decodes boosts written by [`encode`].
pub(crate) fn decode(bytes: &[u8]) -> Result<Vec<f32>, SearchError> {
    if !bytes.len().is_multiple_of(4) {
        return Err(SearchError::Damaged("tệp trọng số bị cắt cụt"));
    }
    let boost = |chunk: &[u8]| f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
    Ok(bytes.chunks_exact(4).map(boost).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boosts_round_trip_and_odd_values_are_tamed() {
        let bytes = encode(&[1.0, 1.5, f32::NAN, -2.0]);
        assert_eq!(decode(&bytes).unwrap(), [1.0, 1.5, 1.0, 0.0]);
        assert!(decode(&bytes[1..]).is_err());
    }
}

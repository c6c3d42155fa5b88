//! Unpacking a `BitPacker4x` block with one short loop, for WebAssembly.
//!
//! The scalar implementation unrolls the unpacking of 128 values for each of the 33 bit widths,
//! three times over (plain, sorted, strictly sorted): fast, but a quarter megabyte of code that
//! a browser would download. This loop reads the same format: 32 rows of 4 lanes, each lane's
//! values packed least significant bit first into the lane's own run of 32-bit words, the words
//! of the 4 lanes interleaved.

const BLOCK_LEN: usize = 128;

/// The value of `lane` in `row`, `num_bits` wide.
#[inline]
fn value(compressed: &[u8], num_bits: usize, row: usize, lane: usize) -> u32 {
    let word = |index: usize| {
        let at = (index * 4 + lane) * 4;
        u32::from_le_bytes([
            compressed[at],
            compressed[at + 1],
            compressed[at + 2],
            compressed[at + 3],
        ])
    };
    let start = row * num_bits;
    let (index, offset) = (start / 32, start % 32);
    let mut v = word(index) >> offset;
    if offset + num_bits > 32 {
        v |= word(index + 1) << (32 - offset);
    }
    if num_bits == 32 {
        v
    } else {
        v & ((1u32 << num_bits) - 1)
    }
}

/// Unpacks the 128 values in their order (row by row), handing each to `sink`; returns the
/// number of bytes read.
fn unpack(compressed: &[u8], num_bits: u8, mut sink: impl FnMut(usize, u32)) -> usize {
    let bits = usize::from(num_bits);
    let read = bits * BLOCK_LEN / 8;
    assert!(compressed.len() >= read, "compressed block too short");
    for i in 0..BLOCK_LEN {
        let v = if bits == 0 {
            0
        } else {
            value(compressed, bits, i / 4, i % 4)
        };
        sink(i, v);
    }
    read
}

pub(crate) fn decompress(compressed: &[u8], decompressed: &mut [u32], num_bits: u8) -> usize {
    assert!(
        decompressed.len() >= BLOCK_LEN,
        "the output array is not large enough"
    );
    unpack(compressed, num_bits, |i, v| decompressed[i] = v)
}

pub(crate) fn decompress_sorted(
    initial: u32,
    compressed: &[u8],
    decompressed: &mut [u32],
    num_bits: u8,
) -> usize {
    assert!(
        decompressed.len() >= BLOCK_LEN,
        "the output array is not large enough"
    );
    let mut current = initial;
    unpack(compressed, num_bits, |i, delta| {
        current = current.wrapping_add(delta);
        decompressed[i] = current;
    })
}

pub(crate) fn decompress_strictly_sorted(
    initial: Option<u32>,
    compressed: &[u8],
    decompressed: &mut [u32],
    num_bits: u8,
) -> usize {
    assert!(
        decompressed.len() >= BLOCK_LEN,
        "the output array is not large enough"
    );
    let mut current = initial.unwrap_or(u32::MAX);
    unpack(compressed, num_bits, |i, delta| {
        current = current.wrapping_add(delta).wrapping_add(1);
        decompressed[i] = current;
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BitPacker, BitPacker4x};

    /// A small deterministic generator: values of every width, without a dependency.
    fn values(seed: u64, num_bits: u8) -> Vec<u32> {
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        (0..BLOCK_LEN)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let v = (state >> 16) as u32;
                if num_bits == 32 {
                    v
                } else {
                    v & ((1u32 << num_bits) - 1)
                }
            })
            .collect()
    }

    #[test]
    fn the_loop_reads_what_the_packer_wrote_at_every_width() {
        let packer = BitPacker4x::new();
        for num_bits in 0..=32u8 {
            for seed in 0..8 {
                let plain = values(seed, num_bits);
                let mut block = vec![0u8; BitPacker4x::compressed_block_size(num_bits)];
                packer.compress(&plain, &mut block, num_bits);
                let mut out = vec![7u32; BLOCK_LEN];
                assert_eq!(decompress(&block, &mut out, num_bits), block.len());
                assert_eq!(out, plain, "plain, {num_bits} bits");
            }
        }
    }

    #[test]
    fn sorted_blocks_come_back_the_same() {
        let packer = BitPacker4x::new();
        for seed in 0..32 {
            let mut sorted = values(seed, 20);
            sorted.sort_unstable();
            let initial = sorted[0].saturating_sub(3);
            let bits = packer.num_bits_sorted(initial, &sorted);
            let mut block = vec![0u8; BitPacker4x::compressed_block_size(bits)];
            packer.compress_sorted(initial, &sorted, &mut block, bits);
            let mut out = vec![0u32; BLOCK_LEN];
            decompress_sorted(initial, &block, &mut out, bits);
            assert_eq!(out, sorted);
            let mut expected = vec![0u32; BLOCK_LEN];
            packer.decompress_sorted(initial, &block, &mut expected, bits);
            assert_eq!(out, expected);

            sorted.dedup();
            while sorted.len() < BLOCK_LEN {
                let last = *sorted.last().unwrap();
                sorted.push(last + 1);
            }
            for initial in [None, Some(sorted[0].saturating_sub(1))] {
                if initial == Some(sorted[0]) {
                    continue;
                }
                let bits = packer.num_bits_strictly_sorted(initial, &sorted);
                let mut block = vec![0u8; BitPacker4x::compressed_block_size(bits)];
                packer.compress_strictly_sorted(initial, &sorted, &mut block, bits);
                let mut out = vec![0u32; BLOCK_LEN];
                decompress_strictly_sorted(initial, &block, &mut out, bits);
                assert_eq!(out, sorted, "strictly sorted from {initial:?}");
            }
        }
    }
}

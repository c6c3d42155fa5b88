//! A tiny seeded random source, written here so that the dataset never changes when a
//! dependency's algorithm does: the same seed must give the same bytes for years.

/// SplitMix64 (Steele, Lea & Flood 2014): one 64-bit state, passes BigCrush, trivially seedable.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

/// The SplitMix64 output function; also a good 64-bit hash for deriving sub-seeds.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Rng {
    /// A generator for one independent stream, e.g. (seed, "commune", code): streams derived
    /// from different labels do not depend on the order in which they are consumed.
    pub fn stream(seed: u64, label: &str, index: u64) -> Rng {
        let label_hash = label.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        Rng {
            state: mix(seed ^ mix(label_hash ^ mix(index))),
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.state)
    }

    /// Uniform in `0..n` (Lemire's multiply-shift; the tiny bias is irrelevant for test data).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Picks from `(item, weight)` pairs; weights need not sum to anything in particular.
    pub fn weighted<T: Copy>(&mut self, items: &[(T, f64)]) -> T {
        let total: f64 = items.iter().map(|(_, w)| w).sum();
        let mut target = self.unit() * total;
        for (item, weight) in items {
            if target < *weight {
                return *item;
            }
            target -= weight;
        }
        items[items.len() - 1].0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Rng::stream(1, "x", 7).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(
            Rng::stream(1, "x", 7).next_u64(),
            Rng::stream(1, "x", 8).next_u64()
        );
        assert_ne!(
            Rng::stream(1, "x", 7).next_u64(),
            Rng::stream(1, "y", 7).next_u64()
        );
    }

    #[test]
    fn below_stays_in_range() {
        let mut rng = Rng::stream(3, "t", 0);
        assert!((0..10_000).all(|_| rng.below(7) < 7));
        assert!((0..10_000)
            .map(|_| rng.range(4, 10))
            .all(|v| (4..=10).contains(&v)));
    }
}

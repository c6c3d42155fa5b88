//! Unique, valid Vietnamese mobile numbers for half a million members and more.
//!
//! Numbers are never drawn at random (a retry loop would make uniqueness a matter of luck and
//! make output depend on the draw order). Instead a counter is sent through a keyed bijection
//! of the national mobile number space: distinct counters always give distinct numbers, and
//! neighbouring counters give unrelated-looking numbers.

use crate::rng::{mix, Rng};

/// Mobile prefixes in use (Viettel, Vinaphone, MobiFone, Vietnamobile, Gmobile, iTel...).
pub const PREFIXES: [&str; 37] = [
    "032", "033", "034", "035", "036", "037", "038", "039", "052", "055", "056", "058", "059",
    "070", "076", "077", "078", "079", "081", "082", "083", "084", "085", "086", "087", "088",
    "089", "090", "091", "092", "093", "094", "095", "096", "097", "098", "099",
];

const SUBSCRIBERS: u64 = 10_000_000;
/// How many distinct numbers the prefixes above hold.
pub const SPACE: u64 = PREFIXES.len() as u64 * SUBSCRIBERS;
const HALF_BITS: u32 = 15;
const HALF_MASK: u64 = (1 << HALF_BITS) - 1;
const ROUNDS: usize = 6;
// Cycle-walking only terminates inside the space if the Feistel domain covers all of it.
const _: () = assert!(SPACE <= 1 << (2 * HALF_BITS));

/// A keyed permutation of `0..SPACE`.
#[derive(Debug, Clone)]
pub struct NumberPlan {
    keys: [u64; ROUNDS],
}

impl NumberPlan {
    pub fn new(seed: u64) -> NumberPlan {
        let mut rng = Rng::stream(seed, "phone-plan", 0);
        NumberPlan {
            keys: std::array::from_fn(|_| rng.next_u64()),
        }
    }

    /// The national form (`0912345678`) of the `index`-th number; panics past [`SPACE`].
    pub fn number(&self, index: u64) -> String {
        assert!(
            index < SPACE,
            "phone index {index} is outside the mobile number space"
        );
        let x = self.permute(index);
        format!(
            "{}{:07}",
            PREFIXES[(x / SUBSCRIBERS) as usize],
            x % SUBSCRIBERS
        )
    }

    /// A Feistel network is a bijection on 30 bits; cycle-walking (applying it again until the
    /// value falls inside the space) restricts that bijection to `0..SPACE`.
    fn permute(&self, index: u64) -> u64 {
        let mut x = self.feistel(index);
        while x >= SPACE {
            x = self.feistel(x);
        }
        x
    }

    fn feistel(&self, x: u64) -> u64 {
        let (mut left, mut right) = (x >> HALF_BITS, x & HALF_MASK);
        for key in self.keys {
            let next = left ^ (mix(right ^ key) & HALF_MASK);
            left = right;
            right = next;
        }
        (left << HALF_BITS) | right
    }
}

/// Writes a national number the way people actually type it; all forms are valid input.
pub fn spell(national: &str, rng: &mut Rng) -> String {
    let d = national;
    let spellings: [(u8, f64); 5] = [(0, 0.35), (1, 0.25), (2, 0.15), (3, 0.15), (4, 0.10)];
    match rng.weighted(&spellings) {
        0 => d.to_string(),
        1 => format!("{} {} {}", &d[..4], &d[4..7], &d[7..]),
        2 => format!("{}.{}.{}", &d[..3], &d[3..6], &d[6..]),
        3 => format!("+84 {} {} {}", &d[1..4], &d[4..7], &d[7..]),
        _ => format!("{}-{}-{}", &d[..4], &d[4..7], &d[7..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn numbers_are_unique_and_valid() {
        let plan = NumberPlan::new(42);
        let mut seen = HashSet::new();
        for i in 0..200_000 {
            let n = plan.number(i);
            assert_eq!(n.len(), 10);
            assert!(PREFIXES.contains(&&n[..3]), "{n}");
            assert!(seen.insert(n));
        }
    }

    #[test]
    fn the_permutation_is_a_bijection_on_a_small_walk() {
        let plan = NumberPlan::new(7);
        let mut seen = HashSet::new();
        for i in (0..SPACE).step_by(1_000_003) {
            assert!(seen.insert(plan.permute(i)));
        }
    }

    #[test]
    fn spellings_keep_the_digits() {
        let mut rng = Rng::stream(1, "spell", 0);
        for _ in 0..100 {
            let spelled = spell("0912345678", &mut rng);
            let digits: String = spelled.chars().filter(char::is_ascii_digit).collect();
            assert!(
                digits == "0912345678" || digits == "84912345678",
                "{spelled}"
            );
        }
    }
}

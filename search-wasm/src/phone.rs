//! Phone numbers in one spelling: national digits ("0912345678"), and the digest a shard keeps
//! instead of them.
//!
//! Citizens type a number as "0912 345 678", "0912.345.678", "+84 912 345 678" or "912345678";
//! documents and queries both go through [`national`], so every spelling meets the same term.
//!
//! A shard never holds the digits. It holds [`digest`]: 24 bits of a keyed hash of the national
//! number. Typing a whole number finds its team, but a shard does not hand out a list: each
//! digest stands for about twenty valid mobile numbers (some 3×10⁸ exist), so turning a shard
//! back into numbers means trying all of them and still leaves twenty candidates per team
//! member. The price is that a number is found only once it is typed whole, and that a number
//! not in the shard shares a digest with a published one about once in 5,000 lookups per
//! province (which is why the "who is calling me?" check confirms a match against the team's
//! own page before saying so).

/// Fewest digits in a query run before it is read as a phone number rather than a house number.
pub(crate) const MIN_QUERY_DIGITS: usize = 6;

/// Digits of a full national number (0 + 9 subscriber digits; landlines have 11 with the 0).
const NATIONAL_DIGITS: usize = 10;

/// Domain separation for [`digest`]: changing it changes every digest (and the shard format).
const DIGEST_KEY: &[u8] = b"ngo-phone-1:";

/// What the search keeps for a national number: 24 bits of a keyed hash of the digits (FNV-1a,
/// then a 64-bit finaliser so that neighbouring numbers land far apart). Small enough for the
/// WebAssembly module; at 24 bits, collisions are the point: see the module notes.
pub fn digest(national: &str) -> u32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in DIGEST_KEY.iter().chain(national.as_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^= hash >> 33;
    (hash >> 40) as u32
}

/// The national spelling of a number given in any spelling; `None` without digits.
/// A "+" before the first digit marks a country code, so "+84 912" is a prefix of "0912…";
/// without it, 84 is read as a country code only when the number is too long to be national
/// ("849123456" is the national 084 range).
pub fn national(text: &str) -> Option<String> {
    let first_digit = text.find(|c: char| c.is_ascii_digit())?;
    let international = text[..first_digit].contains('+');
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    national_digits(&digits, international)
}

fn national_digits(digits: &str, international: bool) -> Option<String> {
    if let Some(rest) = digits.strip_prefix("84") {
        if international || digits.len() > NATIONAL_DIGITS {
            return Some(format!("0{rest}"));
        }
    }
    if digits.starts_with('0') {
        Some(digits.to_string())
    } else {
        Some(format!("0{digits}"))
    }
}

/// True when a national number is long enough to be looked up exactly, not as a prefix.
pub fn is_complete(national: &str) -> bool {
    national.len() >= NATIONAL_DIGITS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_becomes_national_digits() {
        for spelling in [
            "0912345678",
            "0912 345 678",
            "0912.345.678",
            "+84 912 345 678",
            "+84912345678",
            "84912345678",
            "912345678",
            "(+84) 912-345-678",
        ] {
            assert_eq!(
                national(spelling).as_deref(),
                Some("0912345678"),
                "{spelling}"
            );
        }
    }

    #[test]
    fn digests_are_short_fixed_and_spelling_free() {
        let d = digest("0912345678");
        assert!(d < 1 << 24);
        assert_eq!(d, digest(&national("+84 912 345 678").unwrap()));
        assert_ne!(d, digest("0912345679"));
        assert_ne!(
            d,
            912_345_678 & 0xff_ffff,
            "the digits must not show through"
        );
    }

    #[test]
    fn digests_spread_evenly() {
        // 20,000 consecutive numbers over 4,096 buckets of the 24-bit space: none may be
        // crowded, or the digest would leak which block a number comes from.
        let mut buckets = vec![0u32; 4096];
        for n in 0..20_000u32 {
            let d = digest(&format!("09{:08}", 12_340_000 + n));
            buckets[(d >> 12) as usize] += 1;
        }
        let max = buckets.iter().max().unwrap();
        assert!(*max < 20, "{max} numbers in one bucket");
    }

    #[test]
    fn landlines_and_partial_numbers() {
        assert_eq!(national("0203 3123 456").as_deref(), Some("02033123456"));
        assert_eq!(national("+84 912 34").as_deref(), Some("091234"));
        assert!(!is_complete("091234"));
        assert!(is_complete("0912345678"));
        assert_eq!(national("849123456").as_deref(), Some("0849123456"));
        assert_eq!(national("gọi"), None);
    }
}

//! Phone numbers in one spelling: national digits ("0912345678").
//!
//! Citizens type a number as "0912 345 678", "0912.345.678", "+84 912 345 678" or "912345678";
//! documents and queries both go through [`national`], so every spelling meets the same term.

/// Fewest digits in a query run before it is read as a phone number rather than a house number.
pub(crate) const MIN_QUERY_DIGITS: usize = 6;

/// Digits of a full national number (0 + 9 subscriber digits; landlines have 11 with the 0).
const NATIONAL_DIGITS: usize = 10;

/// The national spelling of a number given in any spelling; `None` without digits.
/// A "+" before the first digit marks a country code, so "+84 912" is a prefix of "0912…";
/// without it, 84 is read as a country code only when the number is too long to be national
/// ("849123456" is the national 084 range).
pub(crate) fn national(text: &str) -> Option<String> {
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
pub(crate) fn is_complete(national: &str) -> bool {
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
    fn landlines_and_partial_numbers() {
        assert_eq!(national("0203 3123 456").as_deref(), Some("02033123456"));
        assert_eq!(national("+84 912 34").as_deref(), Some("091234"));
        assert!(!is_complete("091234"));
        assert!(is_complete("0912345678"));
        assert_eq!(national("849123456").as_deref(), Some("0849123456"));
        assert_eq!(national("gọi"), None);
    }
}

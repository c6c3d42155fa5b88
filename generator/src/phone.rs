//! Vietnamese phone numbers: read any common spelling, keep one canonical form.
//!
//! Editors write numbers as "0912 345 678", "0912.345.678" or "+84 912 345 678", and spreadsheets
//! drop the leading zero. A [`Phone`] holds only the national digits, so the pages show one
//! format, `tel:` links always work, and the privacy checks can list every way a number might
//! appear in the output ([`Phone::spellings`]).

use std::fmt;
use std::str::FromStr;

/// Mobile prefixes in use since the 2018 renumbering (10-digit numbers).
const MOBILE_PREFIXES: &[&str] = &[
    "032", "033", "034", "035", "036", "037", "038", "039", "052", "055", "056", "058", "059",
    "070", "076", "077", "078", "079", "081", "082", "083", "084", "085", "086", "087", "088",
    "089", "090", "091", "092", "093", "094", "095", "096", "097", "098", "099",
];

/// Landline area codes since 2017 with a 7-digit subscriber number. Hà Nội (024) and
/// Hồ Chí Minh City (028) have 8-digit subscriber numbers instead.
const AREA_CODES: &[&str] = &[
    "0203", "0204", "0205", "0206", "0207", "0208", "0209", "0210", "0211", "0212", "0213", "0214",
    "0215", "0216", "0218", "0219", "0220", "0221", "0222", "0225", "0226", "0227", "0228", "0229",
    "0232", "0233", "0234", "0235", "0236", "0237", "0238", "0239", "0251", "0252", "0254", "0255",
    "0256", "0257", "0258", "0259", "0260", "0261", "0262", "0263", "0269", "0270", "0271", "0272",
    "0273", "0274", "0275", "0276", "0277", "0290", "0291", "0292", "0293", "0294", "0296", "0297",
    "0299",
];

const BIG_CITY_AREA_CODES: &[&str] = &["024", "028"];

/// The 11-digit mobile prefixes retired in 2018, and the 10-digit prefix that replaced each.
const OLD_MOBILE_PREFIXES: &[(&str, &str)] = &[
    ("0162", "032"),
    ("0163", "033"),
    ("0164", "034"),
    ("0165", "035"),
    ("0166", "036"),
    ("0167", "037"),
    ("0168", "038"),
    ("0169", "039"),
    ("0120", "070"),
    ("0121", "079"),
    ("0122", "077"),
    ("0126", "076"),
    ("0128", "078"),
    ("0123", "083"),
    ("0124", "084"),
    ("0125", "085"),
    ("0127", "081"),
    ("0129", "082"),
    ("0186", "056"),
    ("0188", "058"),
    ("0199", "059"),
];

/// A valid Vietnamese mobile or landline number.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Phone {
    /// National digits with the leading 0: "0912345678", "02033123456".
    national: String,
}

/// Why a text is not a Vietnamese phone number, said to the editor who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Nothing but spaces.
    #[error("số điện thoại để trống; hãy ghi số như 0912 345 678")]
    Empty,
    /// A letter or symbol other than the usual separators.
    #[error(
        "số điện thoại \"{input}\" có ký tự không hợp lệ '{found}': chỉ ghi chữ số, có thể cách nhau bằng \
         dấu cách, dấu chấm hoặc gạch ngang, ví dụ 0912 345 678"
    )]
    InvalidCharacter { input: String, found: char },
    /// A country code other than +84.
    #[error(
        "\"{input}\" không phải số điện thoại Việt Nam: chỉ nhận số bắt đầu bằng 0 hoặc +84, ví dụ 0912 345 678 \
         hoặc +84 912 345 678"
    )]
    NotVietnamese { input: String },
    /// A number that lost its leading 0, refused by [`Phone::parse`] only.
    #[error(
        "số điện thoại \"{input}\" thiếu số 0 ở đầu (Excel hay làm mất số 0): hãy ghi {fixed}"
    )]
    MissingLeadingZero { input: String, fixed: String },
    /// Too few or too many digits for a mobile (10) or a landline (11).
    #[error(
        "số điện thoại \"{input}\" có {digits} chữ số: số di động có 10 chữ số (ví dụ 0912 345 678), số cố định \
         có 11 chữ số (ví dụ 0203 3123 456)"
    )]
    WrongLength { input: String, digits: usize },
    /// An 11-digit mobile number from before the 2018 renumbering.
    #[error(
        "số điện thoại \"{input}\" dùng đầu số 11 số cũ: đầu số 11 số cũ đã đổi từ 2018, ví dụ {old} → {new}; \
         hãy ghi {converted}"
    )]
    OldMobilePrefix {
        input: String,
        old: String,
        new: String,
        converted: String,
    },
    /// A 1800 or 1900 service line, not a person's number.
    #[error(
        "\"{input}\" là số tổng đài dịch vụ ({prefix}), không dùng làm số của thành viên; hãy ghi số di động \
         hoặc số cố định, ví dụ 0912 345 678"
    )]
    ServiceNumber { input: String, prefix: String },
    /// A prefix no mobile network or landline area uses.
    #[error(
        "số điện thoại \"{input}\" có đầu số {prefix}, không phải đầu số di động hay mã vùng cố định của Việt Nam; \
         số hợp lệ trông như 0912 345 678 hoặc 0203 3123 456"
    )]
    UnknownPrefix { input: String, prefix: String },
}

impl Phone {
    /// Reads a number as editors write it: "0912345678", "0912 345 678", "0912.345.678",
    /// "091-234-5678", "(+84) 912 345 678", "+84912345678", "84912345678", "0084 912 345 678".
    ///
    /// ```
    /// # use ngo::phone::Phone;
    /// assert_eq!(Phone::parse("+84 912 345 678").unwrap().national(), "0912345678");
    /// ```
    pub fn parse(s: &str) -> Result<Phone, PhoneError> {
        parse_with(s, false)
    }

    /// Like [`Phone::parse`], and also accepts numbers that lost their leading 0 in a spreadsheet
    /// ("912345678", "2033123456"), for importing lists where that is known to happen.
    pub fn parse_lenient(s: &str) -> Result<Phone, PhoneError> {
        parse_with(s, true)
    }

    /// National digits with the leading 0: "0912345678".
    pub fn national(&self) -> &str {
        &self.national
    }

    /// Whether this is a mobile number (10 digits) rather than a landline (11 digits, 02…).
    pub fn is_mobile(&self) -> bool {
        self.national.len() == 10
    }

    /// The number as pages show it: mobiles "0912 345 678", landlines area code first,
    /// "0203 3123 456" or "024 3825 1234".
    pub fn display(&self) -> String {
        let groups = if self.is_mobile() {
            [4, 3, 3]
        } else {
            [self.area_len(), 4, 7 - self.area_len()]
        };
        group(&self.national, &groups, " ")
    }

    /// "+84912345678": the E.164 form.
    pub fn international(&self) -> String {
        format!("+84{}", &self.national[1..])
    }

    /// "tel:+84912345678", for links that dial from a phone anywhere.
    pub fn tel_uri(&self) -> String {
        format!("tel:{}", self.international())
    }

    /// Every common way to write this number, national and international, with spaces, dots,
    /// dashes or nothing between groups; and the bare digits without the 0. Used to prove a number
    /// appears nowhere in the output.
    pub fn spellings(&self) -> Vec<String> {
        let subscriber = &self.national[1..];
        let mut all = vec![subscriber.to_string()];
        for groups in self.groupings() {
            let without_zero = [vec![groups[0] - 1], groups[1..].to_vec()].concat();
            for sep in ["", " ", ".", "-"] {
                all.push(group(&self.national, &groups, sep));
                let international = group(subscriber, &without_zero, sep);
                for prefix in ["+84", "84", "0084"] {
                    all.push(format!("{prefix}{sep}{international}"));
                    all.push(format!("{prefix} {international}"));
                }
                all.push(format!("(+84) {international}"));
            }
        }
        all.sort();
        all.dedup();
        all
    }

    /// How the national digits are commonly split into groups, each list summing to the length.
    fn groupings(&self) -> Vec<Vec<usize>> {
        if self.is_mobile() {
            return vec![
                vec![10],
                vec![4, 3, 3],
                vec![3, 3, 4],
                vec![3, 4, 3],
                vec![4, 2, 2, 2],
                vec![4, 6],
            ];
        }
        let area = self.area_len();
        let subscriber: [&[usize]; 3] = match area {
            3 => [&[8], &[4, 4], &[2, 2, 2, 2]],
            _ => [&[7], &[4, 3], &[3, 4]],
        };
        let whole = [vec![11]];
        whole
            .into_iter()
            .chain(subscriber.map(|s| [&[area], s].concat()))
            .collect()
    }

    /// Length of the landline area code with its 0: 3 for 024 and 028, 4 for the others.
    fn area_len(&self) -> usize {
        if BIG_CITY_AREA_CODES.contains(&&self.national[..3]) {
            3
        } else {
            4
        }
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl FromStr for Phone {
    type Err = PhoneError;

    fn from_str(s: &str) -> Result<Phone, PhoneError> {
        Phone::parse(s)
    }
}

/// `digits` split into groups of the given lengths, joined by `sep`.
fn group(digits: &str, lengths: &[usize], sep: &str) -> String {
    let mut parts = Vec::with_capacity(lengths.len());
    let mut start = 0;
    for &len in lengths {
        parts.push(&digits[start..start + len]);
        start += len;
    }
    parts.join(sep)
}

fn parse_with(s: &str, lenient: bool) -> Result<Phone, PhoneError> {
    let input = s.trim();
    if input.is_empty() {
        return Err(PhoneError::Empty);
    }
    let (plus, digits) = digits_of(input)?;
    let national = to_national(input, plus, &digits, lenient)?;
    check_national(input, &national)?;
    Ok(Phone { national })
}

/// The digits of `input`, and whether it started with "+". Separators between groups are
/// skipped; anything else is refused.
fn digits_of(input: &str) -> Result<(bool, String), PhoneError> {
    let (mut plus, mut digits) = (false, String::with_capacity(input.len()));
    for c in input.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() && !plus => plus = true,
            '.' | '-' | '–' | '(' | ')' => {}
            c if c.is_whitespace() => {}
            found => {
                return Err(PhoneError::InvalidCharacter {
                    input: input.to_string(),
                    found,
                })
            }
        }
    }
    Ok((plus, digits))
}

/// The national form ("0…") of the digits, undoing the country code or a lost leading zero.
fn to_national(input: &str, plus: bool, digits: &str, lenient: bool) -> Result<String, PhoneError> {
    let international = if plus {
        digits.strip_prefix("84")
    } else {
        digits.strip_prefix("0084")
    };
    if plus && international.is_none() {
        return Err(PhoneError::NotVietnamese {
            input: input.to_string(),
        });
    }
    if let Some(rest) = international {
        // "+84 (0) 912 345 678": the 0 is written twice, but the number is clear.
        return Ok(if rest.starts_with('0') {
            rest.to_string()
        } else {
            format!("0{rest}")
        });
    }
    if digits.starts_with("00") {
        return Err(PhoneError::NotVietnamese {
            input: input.to_string(),
        });
    }
    if digits.starts_with('0') {
        return Ok(digits.to_string());
    }
    if let Some(rest) = digits
        .strip_prefix("84")
        .filter(|r| matches!(r.len(), 9 | 10))
    {
        if check_national(input, &format!("0{rest}")).is_ok() {
            return Ok(format!("0{rest}"));
        }
    }
    without_zero(input, digits, lenient)
}

/// Digits that do not start with 0: a service number, or a number that lost its 0.
fn without_zero(input: &str, digits: &str, lenient: bool) -> Result<String, PhoneError> {
    if let Some(prefix) = ["1800", "1900"].into_iter().find(|p| digits.starts_with(p)) {
        return Err(PhoneError::ServiceNumber {
            input: input.to_string(),
            prefix: prefix.to_string(),
        });
    }
    let fixed = format!("0{digits}");
    match check_national(input, &fixed) {
        Ok(()) if lenient => Ok(fixed),
        Ok(()) => Err(PhoneError::MissingLeadingZero {
            input: input.to_string(),
            fixed: Phone { national: fixed }.display(),
        }),
        Err(old @ PhoneError::OldMobilePrefix { .. }) => Err(old),
        Err(_) if !(9..=11).contains(&digits.len()) => Err(PhoneError::WrongLength {
            input: input.to_string(),
            digits: digits.len(),
        }),
        Err(_) => Err(PhoneError::NotVietnamese {
            input: input.to_string(),
        }),
    }
}

/// Checks a national number's length and prefix.
fn check_national(input: &str, national: &str) -> Result<(), PhoneError> {
    let prefix = |len: usize| national[..len.min(national.len())].to_string();
    let unknown = |len: usize| PhoneError::UnknownPrefix {
        input: input.to_string(),
        prefix: prefix(len),
    };
    let wrong_length = || PhoneError::WrongLength {
        input: input.to_string(),
        digits: national.len(),
    };
    if national.len() < 3 {
        return Err(wrong_length());
    }
    match &national[..2] {
        "01" => Err(old_mobile(input, national).unwrap_or_else(|| unknown(4))),
        "02" if national.len() != 11 => Err(wrong_length()),
        "02" if BIG_CITY_AREA_CODES.contains(&&national[..3])
            || AREA_CODES.contains(&&national[..4]) =>
        {
            Ok(())
        }
        "02" => Err(unknown(4)),
        "03" | "05" | "07" | "08" | "09" if national.len() != 10 => Err(wrong_length()),
        _ if MOBILE_PREFIXES.contains(&&national[..3]) => Ok(()),
        _ => Err(unknown(3)),
    }
}

/// The error for an 11-digit number with a prefix retired in 2018, with the number it became.
fn old_mobile(input: &str, national: &str) -> Option<PhoneError> {
    let (old, new) = OLD_MOBILE_PREFIXES
        .iter()
        .find(|(old, _)| national.starts_with(old))?;
    (national.len() == 11).then(|| PhoneError::OldMobilePrefix {
        input: input.to_string(),
        old: old.to_string(),
        new: new.to_string(),
        converted: format!("{new}{}", &national[4..]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn national(s: &str) -> String {
        Phone::parse(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .national()
            .to_string()
    }

    #[test]
    fn every_common_spelling_of_a_mobile_parses() {
        for s in [
            "0912345678",
            "0912 345 678",
            "0912.345.678",
            "0912-345-678",
            "091.234.5678",
            "091 234 5678",
            "(091) 234 5678",
            "+84912345678",
            "+84 912 345 678",
            "+84-912-345-678",
            "(+84) 912 345 678",
            "+84 (0) 912 345 678",
            "84912345678",
            "84 912 345 678",
            "0084 912 345 678",
            "  0912\u{a0}345\u{a0}678 ",
        ] {
            assert_eq!(national(s), "0912345678", "{s}");
        }
    }

    #[test]
    fn landlines_parse_with_their_area_code() {
        assert_eq!(national("0203 3123 456"), "02033123456");
        assert_eq!(national("(0203) 3.123.456"), "02033123456");
        assert_eq!(national("+84 203 3123 456"), "02033123456");
        assert_eq!(national("842033123456"), "02033123456");
        assert_eq!(national("024 3825 1234"), "02438251234");
        assert_eq!(national("028.3822.1234"), "02838221234");
    }

    #[test]
    fn every_mobile_prefix_in_use_is_accepted() {
        for prefix in MOBILE_PREFIXES {
            assert_eq!(
                national(&format!("{prefix}1234567")),
                format!("{prefix}1234567")
            );
        }
        assert_eq!(MOBILE_PREFIXES.len(), 37);
        assert_eq!(
            AREA_CODES.len() + BIG_CITY_AREA_CODES.len(),
            63,
            "one area code per pre-2025 province"
        );
    }

    #[test]
    fn formats_mobiles_and_landlines() {
        let mobile = Phone::parse("+84 912 345 678").unwrap();
        assert_eq!(mobile.display(), "0912 345 678");
        assert_eq!(mobile.to_string(), "0912 345 678");
        assert_eq!(mobile.international(), "+84912345678");
        assert_eq!(mobile.tel_uri(), "tel:+84912345678");
        assert!(mobile.is_mobile());
        let landline = Phone::parse("02033123456").unwrap();
        assert_eq!(landline.display(), "0203 3123 456");
        assert_eq!(landline.tel_uri(), "tel:+842033123456");
        assert_eq!(
            Phone::parse("02438251234").unwrap().display(),
            "024 3825 1234"
        );
    }

    #[test]
    fn spellings_cover_the_usual_ways_and_all_parse_back() {
        let phone = Phone::parse("0912345678").unwrap();
        let spellings = phone.spellings();
        for s in [
            "0912345678",
            "0912 345 678",
            "0912.345.678",
            "091.234.5678",
            "091 234 5678",
            "0912 34 56 78",
            "+84912345678",
            "+84 912 345 678",
            "84912345678",
            "912345678",
            "(+84) 912 345 678",
        ] {
            assert!(
                spellings.iter().any(|x| x == s),
                "{s} missing from {spellings:?}"
            );
        }
        for s in &spellings {
            assert_eq!(Phone::parse_lenient(s).unwrap(), phone, "{s}");
        }
        let landline = Phone::parse("0203 3123 456").unwrap();
        assert!(landline.spellings().contains(&"0203.312.3456".to_string()));
        assert!(landline
            .spellings()
            .iter()
            .all(|s| Phone::parse_lenient(s).as_ref() == Ok(&landline)));
    }

    #[test]
    fn lenient_parsing_restores_the_zero_a_spreadsheet_dropped() {
        assert_eq!(
            Phone::parse_lenient("912345678").unwrap().national(),
            "0912345678"
        );
        assert_eq!(
            Phone::parse_lenient("2033123456").unwrap().national(),
            "02033123456"
        );
        assert_eq!(
            Phone::parse_lenient("841234567").unwrap().national(),
            "0841234567"
        );
        let strict = Phone::parse("912345678").unwrap_err();
        assert!(
            matches!(&strict, PhoneError::MissingLeadingZero { fixed, .. } if fixed == "0912 345 678"),
            "{strict}"
        );
    }

    fn refusal(s: &str) -> PhoneError {
        Phone::parse(s).expect_err(s)
    }

    #[test]
    fn refuses_wrong_lengths() {
        for s in [
            "091234567",
            "09123456789",
            "0203312345",
            "020331234567",
            "113",
            "09",
        ] {
            assert!(
                matches!(refusal(s), PhoneError::WrongLength { .. }),
                "{s}: {}",
                refusal(s)
            );
        }
        assert!(refusal("091234567").to_string().contains("có 9 chữ số"));
    }

    #[test]
    fn refuses_letters_and_stray_symbols() {
        assert_eq!(
            refusal("0912 345 67a"),
            PhoneError::InvalidCharacter {
                input: "0912 345 67a".into(),
                found: 'a'
            }
        );
        assert!(matches!(
            refusal("Zalo 0912345678"),
            PhoneError::InvalidCharacter { found: 'Z', .. }
        ));
        assert!(matches!(
            refusal("0912345678 / 0987654321"),
            PhoneError::InvalidCharacter { found: '/', .. }
        ));
        assert!(matches!(
            refusal("0912+345678"),
            PhoneError::InvalidCharacter { found: '+', .. }
        ));
        assert_eq!(refusal("  "), PhoneError::Empty);
    }

    #[test]
    fn refuses_retired_11_digit_mobiles_with_the_new_number() {
        let err = refusal("0168 123 4567");
        assert_eq!(
            err,
            PhoneError::OldMobilePrefix {
                input: "0168 123 4567".into(),
                old: "0168".into(),
                new: "038".into(),
                converted: "0381234567".into()
            }
        );
        assert!(err
            .to_string()
            .contains("đầu số 11 số cũ đã đổi từ 2018, ví dụ 0168 → 038"));
        assert!(matches!(
            refusal("+84 121 234 5678"),
            PhoneError::OldMobilePrefix { .. }
        ));
        assert!(matches!(
            Phone::parse_lenient("1681234567"),
            Err(PhoneError::OldMobilePrefix { .. })
        ));
    }

    #[test]
    fn refuses_service_numbers() {
        for s in ["1900 1234", "1800-1091", "19006868"] {
            assert!(
                matches!(refusal(s), PhoneError::ServiceNumber { .. }),
                "{s}"
            );
        }
    }

    #[test]
    fn refuses_unassigned_prefixes_and_area_codes() {
        for (s, prefix) in [
            ("0412345678", "041"),
            ("0612345678", "061"),
            ("0512345678", "051"),
            ("02173123456", "0217"),
        ] {
            assert_eq!(
                refusal(s),
                PhoneError::UnknownPrefix {
                    input: s.into(),
                    prefix: prefix.into()
                }
            );
        }
    }

    #[test]
    fn refuses_foreign_numbers() {
        for s in ["+1 202 555 0100", "001 202 555 0100", "+66 812 345 678"] {
            assert!(
                matches!(refusal(s), PhoneError::NotVietnamese { .. }),
                "{s}: {}",
                refusal(s)
            );
        }
    }

    #[test]
    fn messages_are_vietnamese_nfc_with_an_example() {
        for err in [
            refusal("abc"),
            refusal("091234567"),
            refusal("0412345678"),
            refusal("1900 1234"),
            refusal("+1 2"),
        ] {
            let message = err.to_string();
            assert_eq!(crate::text::nfc(&message), message);
            assert!(
                message.contains("0912 345 678") || message.contains("0381234567"),
                "{message}"
            );
        }
    }
}

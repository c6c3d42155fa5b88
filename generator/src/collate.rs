//! Vietnamese alphabetical order, for the lists citizens scan for their own name: provinces,
//! communes, old districts and communes.
//!
//! Byte order puts "Đ" after "Z" and "Ấ" after every unmarked word; the Vietnamese alphabet is
//! a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y. Names are compared letter by letter
//! on those letters first ("Đ…" after every "D…"), then, between names with the same letters, by
//! tone from the first syllable on: none, huyền, hỏi, ngã, sắc, nặng. That tone order is the one
//! of Vietnamese dictionaries (Hoàng Phê's) and of the Unicode CLDR collation for Vietnamese, so
//! the portal's lists sort as a phone's contact list does. Numbers compare by value ("2" before
//! "10"), and upper case only breaks ties.
//!
//! ```
//! use ngo::collate;
//! let mut names = vec!["Đông Hòa", "Dương Minh Châu", "Ân Thi", "An Lão"];
//! names.sort_by(|a, b| collate::compare(a, b));
//! assert_eq!(names, ["An Lão", "Ân Thi", "Dương Minh Châu", "Đông Hòa"]);
//! ```

use std::cmp::Ordering;

use unicode_normalization::char as uchar;

use crate::text;

/// The letters in alphabetical order. f, j, w and z are not Vietnamese letters but appear in
/// names from other languages; they take their places in the Latin alphabet.
const ALPHABET: [char; 33] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];

/// Tone marks in collation order (after "no tone"): huyền, hỏi, ngã, sắc, nặng.
const TONES: [char; 5] = ['\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];

/// Primary weights: a gap between words sorts before any letter ("Hà Tu" before "Hàm"), digits
/// before letters, letters in [`ALPHABET`] order, anything else after them by code point.
const GAP: u32 = 1;
const DIGITS: u32 = 2;
const FIRST_LETTER: u32 = 100;
const OTHER: u32 = 1000;

/// What one text sorts by; compare keys to sort many names without recomputing them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SortKey {
    primary: Vec<u32>,
    tones: Vec<u8>,
    capitals: Vec<bool>,
    text: String,
}

/// The key of `s`: its letters, then its tones, then its capitals, then the text itself, so
/// that two different texts never compare equal.
pub fn sort_key(s: &str) -> SortKey {
    let text = text::nfc(s.trim());
    let mut key = SortKey {
        primary: Vec::with_capacity(text.len()),
        tones: Vec::new(),
        capitals: Vec::new(),
        text: String::new(),
    };
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        i += push_unit(&mut key, &chars[i..]);
    }
    key.text = text;
    key
}

/// Pushes the weights of what starts `chars` (a number, a gap or one character); returns how
/// many characters it took.
fn push_unit(key: &mut SortKey, chars: &[char]) -> usize {
    let c = chars[0];
    if c.is_ascii_digit() {
        let len = chars.iter().take_while(|c| c.is_ascii_digit()).count();
        push_number(key, &chars[..len]);
        return len;
    }
    if !c.is_alphanumeric() {
        if key.primary.last().is_some_and(|&w| w != GAP) {
            key.primary.push(GAP);
        }
        return 1;
    }
    let (letter, tone, capital) = letter_parts(c);
    let weight = ALPHABET
        .iter()
        .position(|&l| l == letter)
        .map_or(OTHER + letter as u32, |p| FIRST_LETTER + p as u32);
    key.primary.push(weight);
    key.tones.push(tone);
    key.capitals.push(capital);
    1
}

/// A run of digits by its value: its length without leading zeros first, then its digits.
fn push_number(key: &mut SortKey, digits: &[char]) {
    let significant: Vec<char> = digits.iter().copied().skip_while(|&d| d == '0').collect();
    key.primary.push(DIGITS);
    key.primary.push(significant.len() as u32);
    key.primary
        .extend(significant.iter().map(|&d| FIRST_LETTER + d as u32));
}

/// A character as its lowercase letter with vowel marks (ă, ê, ơ…), its tone (0 for none, then
/// 1–5 in [`TONES`] order) and whether it was a capital.
fn letter_parts(c: char) -> (char, u8, bool) {
    let capital = c.is_uppercase();
    let lower = c.to_lowercase().next().unwrap_or(c);
    let mut letter: Option<char> = None;
    let mut tone = 0;
    uchar::decompose_canonical(lower, |part| match TONES.iter().position(|&t| t == part) {
        Some(p) => tone = p as u8 + 1,
        None => {
            letter = Some(match letter {
                Some(l) => uchar::compose(l, part).unwrap_or(l),
                None => part,
            })
        }
    });
    (letter.unwrap_or(lower), tone, capital)
}

/// Compares two texts in Vietnamese alphabetical order.
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b))
}

/// The key of a unit's name without its unit word, so that "Xã An Lão", "Phường Ba Đình" and
/// "Đặc khu Cô Tô" sort by "An Lão", "Ba Đình", "Cô Tô".
pub fn unit_sort_key(name: &str) -> SortKey {
    let mut key = sort_key(text::strip_unit_prefix(name));
    // Namesakes of two kinds ("Xã Đông Hòa", "Phường Đông Hòa") keep a stable order.
    key.text = text::nfc(name.trim());
    key
}

/// Sorts `items` by the unit names `name` gives, in Vietnamese order, ignoring unit words.
pub fn sort_units<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| unit_sort_key(name(item)));
}

/// The letter a unit's name files under, as an index shows it: "Đ" for "Xã Đông Hòa", "Â" for
/// "Xã Ân Thi", "0–9" for a name that starts with a number.
pub fn initial(name: &str) -> String {
    let bare = text::strip_unit_prefix(name);
    let Some(first) = bare.chars().find(|c| c.is_alphanumeric()) else {
        return String::new();
    };
    if first.is_ascii_digit() {
        return "0–9".to_string();
    }
    let (letter, _, _) = letter_parts(first);
    letter.to_uppercase().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        names.sort_by(|a, b| compare(a, b));
        names
    }

    #[test]
    fn the_vietnamese_alphabet_orders_letters_with_marks_after_their_base() {
        let letters = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y";
        let mut shuffled: Vec<&str> = letters.split(' ').rev().collect();
        shuffled.sort_by(|a, b| compare(a, b));
        assert_eq!(shuffled.join(" "), letters);
    }

    #[test]
    fn d_with_stroke_sorts_after_every_word_with_d() {
        assert_eq!(
            sorted(&["Đa Kao", "Dương Xá", "Duyên Hải", "Đà Nẵng", "Dân Chủ"]),
            ["Dân Chủ", "Duyên Hải", "Dương Xá", "Đa Kao", "Đà Nẵng"]
        );
    }

    #[test]
    fn letters_decide_before_tones() {
        // "Ấp" has the letter â, so it sorts after every "An…", whatever the tones.
        assert_eq!(
            sorted(&["Ấp Bắc", "An Phú", "Án Ngữ"]),
            ["Án Ngữ", "An Phú", "Ấp Bắc"]
        );
        assert_eq!(
            sorted(&["Hòa", "Hoa Lư"]),
            ["Hòa", "Hoa Lư"],
            "a shorter name first"
        );
    }

    #[test]
    fn tones_break_ties_in_dictionary_order() {
        let tones = ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"];
        let mut reversed: Vec<&str> = tones.iter().rev().copied().collect();
        reversed.sort_by(|a, b| compare(a, b));
        assert_eq!(reversed, tones);
        // The first syllable's tone decides before the second's.
        assert_eq!(sorted(&["Hà Nam", "Ha Nạm"]), ["Ha Nạm", "Hà Nam"]);
        assert_eq!(
            sorted(&["Đồng Tiến", "Đông Tiến"]),
            ["Đông Tiến", "Đồng Tiến"]
        );
    }

    #[test]
    fn words_end_before_longer_words_and_case_only_breaks_ties() {
        assert_eq!(sorted(&["Hàm Yên", "Hà Tu"]), ["Hà Tu", "Hàm Yên"]);
        assert_eq!(sorted(&["an lão", "An Lão"]), ["an lão", "An Lão"]);
        assert_eq!(compare("An Lão", "An Lão"), Ordering::Equal);
        assert_ne!(compare("An-Lão", "An Lão"), Ordering::Equal);
    }

    #[test]
    fn numbers_sort_by_value_before_letters() {
        assert_eq!(
            sorted(&["Phường 10", "Phường 2", "Phường An Lạc", "Phường 02a"]),
            ["Phường 2", "Phường 02a", "Phường 10", "Phường An Lạc"]
        );
    }

    #[test]
    fn decomposed_and_composed_text_sort_alike() {
        use unicode_normalization::UnicodeNormalization;
        let decomposed: String = "Đặc khu Cô Tô".nfd().collect();
        assert_eq!(compare(&decomposed, "Đặc khu Cô Tô"), Ordering::Equal);
    }

    #[test]
    fn unit_words_are_ignored_when_sorting_units() {
        let mut names = vec![
            "Xã Yên Tử",
            "Phường Ba Đình",
            "Đặc khu Cô Tô",
            "Xã An Lão",
            "Phường Đông Hòa",
            "Xã Đông Hòa",
            "Thị trấn Cát Bà",
        ];
        sort_units(&mut names, |n| n);
        assert_eq!(
            names,
            [
                "Xã An Lão",
                "Phường Ba Đình",
                "Thị trấn Cát Bà",
                "Đặc khu Cô Tô",
                "Phường Đông Hòa",
                "Xã Đông Hòa",
                "Xã Yên Tử"
            ]
        );
    }

    #[test]
    fn initials_are_vietnamese_letters_without_tones() {
        assert_eq!(initial("Xã Đông Hòa"), "Đ");
        assert_eq!(initial("Xã Ân Thi"), "Â");
        assert_eq!(initial("Phường Ấp Bắc"), "Â");
        assert_eq!(initial("Xã Ẳng Cang"), "Ă");
        assert_eq!(initial("Đặc khu Cô Tô"), "C");
        assert_eq!(initial("Phường 12"), "0–9");
        assert_eq!(initial("Thành phố Hà Nội"), "H");
        assert_eq!(initial("Ơ Rê"), "Ơ");
    }
}

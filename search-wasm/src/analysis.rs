//! Vietnamese word analysis: the single definition of "the same word", used when indexing and
//! when querying, natively and in the browser.
//!
//! Every word gets two forms:
//! - **folded**: lowercase with every tone and vowel mark removed and đ→d, so a citizen who types
//!   "quang la" finds "Quảng La";
//! - **accented**: lowercase with the vowel shapes (â ă ê ô ơ ư đ) kept and the tone moved to the
//!   front as one symbol, so "hoà" and "hòa" (old and new tone placement) are one key (`` `hoa ``)
//!   while "Dương" and "đường" stay apart and an exact accented match can rank first.
//!
//! Words are split on anything that is not a letter, digit or combining mark, and letters are
//! taken apart with [`crate::letters`], so decomposed (NFD) input gives the same words as
//! composed input. All-digit words longer than [`MAX_TEXT_NUMBER_DIGITS`] are treated as phone
//! numbers, which are searchable only through a document's public `phones`, never from free text.

use crate::letters::{is_mark, piece, with_shape, Piece, TONE_SYMBOLS};

/// Longer all-digit words are phone-like and are not indexed from free text.
pub const MAX_TEXT_NUMBER_DIGITS: usize = 6;

/// Longer words (in folded bytes) are dropped: they are URLs or noise, never typed.
const MAX_WORD_BYTES: usize = 40;

/// One word of a text, with where it is and its two searchable forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the word's first character in the analysed text.
    pub start: usize,
    /// Byte offset just after the word.
    pub end: usize,
    /// Lowercase, no marks, đ→d: "đường" → "duong".
    pub folded: String,
    /// Lowercase, vowel shapes kept, tone as a leading symbol: "đường" → "`đương".
    pub accented: String,
}

impl Word {
    /// Analyses one word's text; `None` for words too long to be worth indexing.
    pub fn new(raw: &str, start: usize, end: usize) -> Option<Word> {
        let mut folded = String::with_capacity(raw.len());
        let mut toneless: Vec<char> = Vec::with_capacity(raw.len());
        let mut tone = 0;
        for c in raw.chars().flat_map(char::to_lowercase) {
            let (shape, this_tone) = match piece(c) {
                Piece::Letter { base, shape, tone } => {
                    folded.push(fold(base));
                    toneless.push(if base == 'ð' { 'đ' } else { base });
                    (shape, tone)
                }
                Piece::Mark { shape, tone } => (shape, tone),
            };
            if let Some(last) = toneless.last_mut() {
                *last = with_shape(*last, shape);
            }
            if tone == 0 {
                tone = this_tone;
            }
        }
        if folded.is_empty() || folded.len() > MAX_WORD_BYTES {
            return None;
        }
        let symbol = (tone > 0).then(|| TONE_SYMBOLS[usize::from(tone)]);
        Some(Word {
            start,
            end,
            accented: symbol.into_iter().chain(toneless).collect(),
            folded,
        })
    }

    /// True when the word was written with at least one mark (so its accented form says more).
    pub fn has_marks(&self) -> bool {
        self.accented != self.folded
    }

    /// True for words made only of digits ("4", "12", "0912").
    pub fn is_number(&self) -> bool {
        self.folded.bytes().all(|b| b.is_ascii_digit())
    }

    /// True for all-digit words long enough to be (part of) a phone number.
    pub fn is_phone_like(&self) -> bool {
        self.is_number() && self.folded.len() > MAX_TEXT_NUMBER_DIGITS
    }
}

/// Splits a text into analysed words. Offsets refer to `text` as given.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.extend(Word::new(&text[s..i], s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.extend(Word::new(&text[s..], s, text.len()));
    }
    out
}

/// The words of a text in folded form, joined by single spaces: "Thôn  Khe-Cát" → "thon khe cat".
pub fn folded_phrase(text: &str) -> String {
    let folded: Vec<String> = words(text).into_iter().map(|w| w.folded).collect();
    folded.join(" ")
}

/// NFC, the form titles are stored and highlighted in (when writing shards).
#[cfg(not(target_arch = "wasm32"))]
pub fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// The folded form of a base letter: đ (and ð, sometimes typed for it) become d.
fn fold(base: char) -> char {
    match base {
        'đ' | 'ð' => 'd',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn one(text: &str) -> Word {
        let mut all = words(text);
        assert_eq!(all.len(), 1, "{text:?} should be one word: {all:?}");
        all.remove(0)
    }

    #[test]
    fn hoa_family_folds_to_one_word() {
        for text in ["Hòa", "Hoà", "hoa", "HOÀ", "HÒA", "Hoa"] {
            assert_eq!(one(text).folded, "hoa", "{text}");
        }
    }

    #[test]
    fn old_and_new_tone_placement_share_the_accented_form() {
        let pairs = [
            ("hoà", "hòa"),
            ("thuý", "thúy"),
            ("khoẻ", "khỏe"),
            ("Uỷ", "ủy"),
        ];
        for (old, new) in pairs {
            assert_eq!(one(old).accented, one(new).accented, "{old} / {new}");
        }
        assert_eq!(one("HOÀ").accented, "`hoa");
    }

    #[test]
    fn accented_form_keeps_different_words_apart() {
        assert_ne!(one("Dương").accented, one("đường").accented);
        assert_eq!(one("Dương").folded, one("đường").folded);
        assert_ne!(one("hòa").accented, one("hoa").accented);
        assert_ne!(one("hòa").accented, one("hóa").accented);
    }

    #[test]
    fn d_with_stroke_folds_to_d() {
        assert_eq!(one("Đồng").folded, "dong");
        assert_eq!(one("đ").folded, "d");
        assert_eq!(one("Đồng").accented, "`đông");
    }

    #[test]
    fn decomposed_input_gives_the_same_words() {
        let text = "Việt Nam, đường Nguyễn Trãi, Thuỷ, Ứng dụng";
        let decomposed: String = text.nfd().collect();
        let forms = |ws: Vec<Word>| -> Vec<(String, String)> {
            ws.into_iter().map(|w| (w.folded, w.accented)).collect()
        };
        assert_eq!(forms(words(text)), forms(words(&decomposed)));
        assert_eq!(words(text)[0].accented, ".viêt");
    }

    #[test]
    fn other_latin_marks_fold_away() {
        assert_eq!(one("Café").folded, "cafe");
        assert_eq!(one("Über").folded, "uber");
        assert_eq!(one("Über").accented, "uber");
    }

    #[test]
    fn digits_are_words_and_long_numbers_are_phone_like() {
        let ws = words("Tổ dân phố số 5, thôn 12B; gọi 0912345678");
        let folded: Vec<&str> = ws.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(
            folded,
            [
                "to",
                "dan",
                "pho",
                "so",
                "5",
                "thon",
                "12b",
                "goi",
                "0912345678"
            ]
        );
        assert!(ws[4].is_number() && !ws[4].is_phone_like());
        assert!(ws[8].is_phone_like());
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "Xã Quảng La";
        let ws = words(text);
        assert_eq!(&text[ws[1].start..ws[1].end], "Quảng");
        assert_eq!(ws[1].accented, "?quang");
    }

    #[test]
    fn marks_are_detected() {
        assert!(one("Cát").has_marks());
        assert!(!one("Khe").has_marks());
        assert_eq!(folded_phrase("Thôn  Khe-Cát"), "thon khe cat");
    }
}

//! Latin letters split into base letter, Vietnamese vowel shape and tone, without Unicode
//! normalisation tables.
//!
//! General NFC/NFD tables cost about 100 KB of WebAssembly; Vietnamese needs only the Latin
//! letters. [`LETTERS`] holds every lowercase letter of Latin-1, Latin Extended-A and -B and Latin
//! Extended Additional that has a canonical decomposition onto an ASCII letter, with what that
//! decomposition says: the base letter, the vowel shape kept by the accented form (â ă ê ô ơ ư),
//! and the tone (grave, acute, hook, tilde, dot below — as marks, the same five on any letter).
//! Other marks (ü, ç, å) only fold away. Decomposed input (a letter followed by combining marks)
//! gives the same pieces, so "ệ" typed as one character or as e + ̣ + ̂ is one word. A unit test
//! checks the table against the Unicode decompositions.

/// Vowel shapes: none, circumflex (â ê ô), breve (ă), horn (ơ ư).
const CIRCUMFLEX: u8 = 1;
const BREVE: u8 = 2;
const HORN: u8 = 3;

/// Tones: none, then huyền, sắc, hỏi, ngã, nặng, and the symbol each becomes in accented forms.
pub(crate) const TONE_SYMBOLS: [char; 6] = ['\0', '`', '\'', '?', '~', '.'];

/// (letter, base, shape, tone), sorted by letter.
#[rustfmt::skip]
const LETTERS: &[(char, char, u8, u8)] = &[
    ('à', 'a', 0, 1), ('á', 'a', 0, 2), ('â', 'a', 1, 0), ('ã', 'a', 0, 4), ('ä', 'a', 0, 0),
    ('å', 'a', 0, 0), ('ç', 'c', 0, 0), ('è', 'e', 0, 1), ('é', 'e', 0, 2), ('ê', 'e', 1, 0),
    ('ë', 'e', 0, 0), ('ì', 'i', 0, 1), ('í', 'i', 0, 2), ('î', 'i', 0, 0), ('ï', 'i', 0, 0),
    ('ñ', 'n', 0, 4), ('ò', 'o', 0, 1), ('ó', 'o', 0, 2), ('ô', 'o', 1, 0), ('õ', 'o', 0, 4),
    ('ö', 'o', 0, 0), ('ù', 'u', 0, 1), ('ú', 'u', 0, 2), ('û', 'u', 0, 0), ('ü', 'u', 0, 0),
    ('ý', 'y', 0, 2), ('ÿ', 'y', 0, 0), ('ā', 'a', 0, 0), ('ă', 'a', 2, 0), ('ą', 'a', 0, 0),
    ('ć', 'c', 0, 2), ('ĉ', 'c', 0, 0), ('ċ', 'c', 0, 0), ('č', 'c', 0, 0), ('ď', 'd', 0, 0),
    ('ē', 'e', 0, 0), ('ĕ', 'e', 0, 0), ('ė', 'e', 0, 0), ('ę', 'e', 0, 0), ('ě', 'e', 0, 0),
    ('ĝ', 'g', 0, 0), ('ğ', 'g', 0, 0), ('ġ', 'g', 0, 0), ('ģ', 'g', 0, 0), ('ĥ', 'h', 0, 0),
    ('ĩ', 'i', 0, 4), ('ī', 'i', 0, 0), ('ĭ', 'i', 0, 0), ('į', 'i', 0, 0), ('ĵ', 'j', 0, 0),
    ('ķ', 'k', 0, 0), ('ĺ', 'l', 0, 2), ('ļ', 'l', 0, 0), ('ľ', 'l', 0, 0), ('ń', 'n', 0, 2),
    ('ņ', 'n', 0, 0), ('ň', 'n', 0, 0), ('ō', 'o', 0, 0), ('ŏ', 'o', 0, 0), ('ő', 'o', 0, 0),
    ('ŕ', 'r', 0, 2), ('ŗ', 'r', 0, 0), ('ř', 'r', 0, 0), ('ś', 's', 0, 2), ('ŝ', 's', 0, 0),
    ('ş', 's', 0, 0), ('š', 's', 0, 0), ('ţ', 't', 0, 0), ('ť', 't', 0, 0), ('ũ', 'u', 0, 4),
    ('ū', 'u', 0, 0), ('ŭ', 'u', 0, 0), ('ů', 'u', 0, 0), ('ű', 'u', 0, 0), ('ų', 'u', 0, 0),
    ('ŵ', 'w', 0, 0), ('ŷ', 'y', 0, 0), ('ź', 'z', 0, 2), ('ż', 'z', 0, 0), ('ž', 'z', 0, 0),
    ('ơ', 'o', 3, 0), ('ư', 'u', 3, 0), ('ǎ', 'a', 0, 0), ('ǐ', 'i', 0, 0), ('ǒ', 'o', 0, 0),
    ('ǔ', 'u', 0, 0), ('ǖ', 'u', 0, 0), ('ǘ', 'u', 0, 2), ('ǚ', 'u', 0, 0), ('ǜ', 'u', 0, 1),
    ('ǟ', 'a', 0, 0), ('ǡ', 'a', 0, 0), ('ǧ', 'g', 0, 0), ('ǩ', 'k', 0, 0), ('ǫ', 'o', 0, 0),
    ('ǭ', 'o', 0, 0), ('ǰ', 'j', 0, 0), ('ǵ', 'g', 0, 2), ('ǹ', 'n', 0, 1), ('ǻ', 'a', 0, 2),
    ('ȁ', 'a', 0, 0), ('ȃ', 'a', 0, 0), ('ȅ', 'e', 0, 0), ('ȇ', 'e', 0, 0), ('ȉ', 'i', 0, 0),
    ('ȋ', 'i', 0, 0), ('ȍ', 'o', 0, 0), ('ȏ', 'o', 0, 0), ('ȑ', 'r', 0, 0), ('ȓ', 'r', 0, 0),
    ('ȕ', 'u', 0, 0), ('ȗ', 'u', 0, 0), ('ș', 's', 0, 0), ('ț', 't', 0, 0), ('ȟ', 'h', 0, 0),
    ('ȧ', 'a', 0, 0), ('ȩ', 'e', 0, 0), ('ȫ', 'o', 0, 0), ('ȭ', 'o', 0, 4), ('ȯ', 'o', 0, 0),
    ('ȱ', 'o', 0, 0), ('ȳ', 'y', 0, 0), ('ḁ', 'a', 0, 0), ('ḃ', 'b', 0, 0), ('ḅ', 'b', 0, 5),
    ('ḇ', 'b', 0, 0), ('ḉ', 'c', 0, 2), ('ḋ', 'd', 0, 0), ('ḍ', 'd', 0, 5), ('ḏ', 'd', 0, 0),
    ('ḑ', 'd', 0, 0), ('ḓ', 'd', 0, 0), ('ḕ', 'e', 0, 1), ('ḗ', 'e', 0, 2), ('ḙ', 'e', 0, 0),
    ('ḛ', 'e', 0, 0), ('ḝ', 'e', 0, 0), ('ḟ', 'f', 0, 0), ('ḡ', 'g', 0, 0), ('ḣ', 'h', 0, 0),
    ('ḥ', 'h', 0, 5), ('ḧ', 'h', 0, 0), ('ḩ', 'h', 0, 0), ('ḫ', 'h', 0, 0), ('ḭ', 'i', 0, 0),
    ('ḯ', 'i', 0, 2), ('ḱ', 'k', 0, 2), ('ḳ', 'k', 0, 5), ('ḵ', 'k', 0, 0), ('ḷ', 'l', 0, 5),
    ('ḹ', 'l', 0, 5), ('ḻ', 'l', 0, 0), ('ḽ', 'l', 0, 0), ('ḿ', 'm', 0, 2), ('ṁ', 'm', 0, 0),
    ('ṃ', 'm', 0, 5), ('ṅ', 'n', 0, 0), ('ṇ', 'n', 0, 5), ('ṉ', 'n', 0, 0), ('ṋ', 'n', 0, 0),
    ('ṍ', 'o', 0, 4), ('ṏ', 'o', 0, 4), ('ṑ', 'o', 0, 1), ('ṓ', 'o', 0, 2), ('ṕ', 'p', 0, 2),
    ('ṗ', 'p', 0, 0), ('ṙ', 'r', 0, 0), ('ṛ', 'r', 0, 5), ('ṝ', 'r', 0, 5), ('ṟ', 'r', 0, 0),
    ('ṡ', 's', 0, 0), ('ṣ', 's', 0, 5), ('ṥ', 's', 0, 2), ('ṧ', 's', 0, 0), ('ṩ', 's', 0, 5),
    ('ṫ', 't', 0, 0), ('ṭ', 't', 0, 5), ('ṯ', 't', 0, 0), ('ṱ', 't', 0, 0), ('ṳ', 'u', 0, 0),
    ('ṵ', 'u', 0, 0), ('ṷ', 'u', 0, 0), ('ṹ', 'u', 0, 4), ('ṻ', 'u', 0, 0), ('ṽ', 'v', 0, 4),
    ('ṿ', 'v', 0, 5), ('ẁ', 'w', 0, 1), ('ẃ', 'w', 0, 2), ('ẅ', 'w', 0, 0), ('ẇ', 'w', 0, 0),
    ('ẉ', 'w', 0, 5), ('ẋ', 'x', 0, 0), ('ẍ', 'x', 0, 0), ('ẏ', 'y', 0, 0), ('ẑ', 'z', 0, 0),
    ('ẓ', 'z', 0, 5), ('ẕ', 'z', 0, 0), ('ẖ', 'h', 0, 0), ('ẗ', 't', 0, 0), ('ẘ', 'w', 0, 0),
    ('ẙ', 'y', 0, 0), ('ạ', 'a', 0, 5), ('ả', 'a', 0, 3), ('ấ', 'a', 1, 2), ('ầ', 'a', 1, 1),
    ('ẩ', 'a', 1, 3), ('ẫ', 'a', 1, 4), ('ậ', 'a', 1, 5), ('ắ', 'a', 2, 2), ('ằ', 'a', 2, 1),
    ('ẳ', 'a', 2, 3), ('ẵ', 'a', 2, 4), ('ặ', 'a', 2, 5), ('ẹ', 'e', 0, 5), ('ẻ', 'e', 0, 3),
    ('ẽ', 'e', 0, 4), ('ế', 'e', 1, 2), ('ề', 'e', 1, 1), ('ể', 'e', 1, 3), ('ễ', 'e', 1, 4),
    ('ệ', 'e', 1, 5), ('ỉ', 'i', 0, 3), ('ị', 'i', 0, 5), ('ọ', 'o', 0, 5), ('ỏ', 'o', 0, 3),
    ('ố', 'o', 1, 2), ('ồ', 'o', 1, 1), ('ổ', 'o', 1, 3), ('ỗ', 'o', 1, 4), ('ộ', 'o', 1, 5),
    ('ớ', 'o', 3, 2), ('ờ', 'o', 3, 1), ('ở', 'o', 3, 3), ('ỡ', 'o', 3, 4), ('ợ', 'o', 3, 5),
    ('ụ', 'u', 0, 5), ('ủ', 'u', 0, 3), ('ứ', 'u', 3, 2), ('ừ', 'u', 3, 1), ('ử', 'u', 3, 3),
    ('ữ', 'u', 3, 4), ('ự', 'u', 3, 5), ('ỳ', 'y', 0, 1), ('ỵ', 'y', 0, 5), ('ỷ', 'y', 0, 3),
    ('ỹ', 'y', 0, 4),
];

/// One character of a word, taken apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    /// A letter (or digit): its base, the vowel shape it carries and its tone (0 for none).
    Letter { base: char, shape: u8, tone: u8 },
    /// A combining mark adding a shape or tone to the letter before it (0 when it adds neither).
    Mark { shape: u8, tone: u8 },
}

/// Takes a lowercase character apart.
pub(crate) fn piece(c: char) -> Piece {
    if is_mark(c) {
        let (shape, tone) = combining(c);
        return Piece::Mark { shape, tone };
    }
    match LETTERS.binary_search_by(|entry| entry.0.cmp(&c)) {
        Ok(i) => {
            let (_, base, shape, tone) = LETTERS[i];
            Piece::Letter { base, shape, tone }
        }
        Err(_) => Piece::Letter {
            base: c,
            shape: 0,
            tone: 0,
        },
    }
}

/// True for combining marks (the blocks Latin text uses).
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn combining(c: char) -> (u8, u8) {
    match c {
        '\u{0300}' => (0, 1),
        '\u{0301}' => (0, 2),
        '\u{0309}' => (0, 3),
        '\u{0303}' => (0, 4),
        '\u{0323}' => (0, 5),
        '\u{0302}' => (CIRCUMFLEX, 0),
        '\u{0306}' => (BREVE, 0),
        '\u{031B}' => (HORN, 0),
        _ => (0, 0),
    }
}

/// The base letter with a Vietnamese vowel shape, if it takes that shape: ('o', horn) → 'ơ'.
pub(crate) fn with_shape(base: char, shape: u8) -> char {
    match (base, shape) {
        ('a', CIRCUMFLEX) => 'â',
        ('a', BREVE) => 'ă',
        ('e', CIRCUMFLEX) => 'ê',
        ('o', CIRCUMFLEX) => 'ô',
        ('o', HORN) => 'ơ',
        ('u', HORN) => 'ư',
        _ => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// What the Unicode canonical decomposition says about a letter.
    fn from_unicode(c: char) -> Piece {
        let mut parts = std::iter::once(c).nfd();
        let base = parts.next().unwrap();
        if !base.is_ascii() || c.is_ascii() {
            return Piece::Letter {
                base: c,
                shape: 0,
                tone: 0,
            };
        }
        let (mut shape, mut tone) = (0, 0);
        for mark in parts {
            let (s, t) = combining(mark);
            if with_shape(base, s) != base && shape == 0 {
                shape = s;
            }
            if tone == 0 {
                tone = t;
            }
        }
        Piece::Letter { base, shape, tone }
    }

    #[test]
    fn the_table_agrees_with_unicode_decompositions() {
        let ranges = ['\u{0}'..='\u{24F}', '\u{1E00}'..='\u{1EFF}'];
        for c in ranges.into_iter().flatten().filter(|c| !c.is_uppercase()) {
            assert_eq!(piece(c), from_unicode(c), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_table_is_sorted() {
        assert!(LETTERS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn vietnamese_letters_split_into_base_shape_and_tone() {
        let letter = |base, shape, tone| Piece::Letter { base, shape, tone };
        assert_eq!(piece('ệ'), letter('e', CIRCUMFLEX, 5));
        assert_eq!(piece('ờ'), letter('o', HORN, 1));
        assert_eq!(piece('ă'), letter('a', BREVE, 0));
        assert_eq!(piece('\u{0323}'), Piece::Mark { shape: 0, tone: 5 });
    }
}

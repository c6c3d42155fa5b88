//! How citizens type: without marks, in capitals, with a slip of the finger, with the
//! abbreviations of the administration.

use unicode_normalization::UnicodeNormalization;

use crate::rng::Rng;

/// The text without tone and vowel marks, đ as d: "Thôn Khe Cát" → "Thon Khe Cat".
pub fn without_marks(text: &str) -> String {
    text.replace('đ', "d")
        .replace('Đ', "D")
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect()
}

/// Lower case, as most people type on a phone.
pub fn lower(text: &str) -> String {
    text.to_lowercase()
}

/// One slip: a letter dropped, doubled, or swapped with the next, or a space dropped. Every
/// word is equally likely to be hit, short syllables ("la", "an") too.
pub fn typo(text: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = text.chars().collect();
    let words = word_spans(&chars);
    let kind = rng.below(4);
    if kind == 3 {
        // A dropped space between two words, if there are two.
        let gaps: Vec<usize> = (1..words.len()).map(|i| words[i].0 - 1).collect();
        let gaps: Vec<usize> = gaps.into_iter().filter(|&g| chars[g] == ' ').collect();
        if !gaps.is_empty() {
            let at = gaps[rng.below(gaps.len())];
            return chars[..at].iter().chain(&chars[at + 1..]).collect();
        }
    }
    let (start, end) = words[rng.below(words.len())];
    let mut out = chars.clone();
    let at = start + rng.below(end - start);
    match kind {
        0 | 3 if end - start > 1 => {
            out.remove(at);
        }
        2 if at + 1 < end => out.swap(at, at + 1),
        2 if at > start => out.swap(at - 1, at),
        _ => out.insert(at, chars[at]),
    }
    out.into_iter().collect()
}

/// (start, end) char positions of the alphanumeric runs.
fn word_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in chars.iter().enumerate() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, chars.len()));
    }
    spans
}

/// The short forms of unit words, as officials and citizens write them.
pub fn abbreviation(unit: &str) -> Option<&'static [&'static str]> {
    Some(match unit {
        "tổ dân phố" => &["tdp", "TDP", "tổ dp"],
        "khu phố" => &["kp", "KP"],
        "khu dân cư" => &["kdc", "KDC"],
        "xã" => &["x.", "x"],
        "phường" => &["p.", "p", "P."],
        "thành phố" => &["tp", "TP.", "tp."],
        "thị trấn" => &["tt"],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_go_and_d_becomes_d() {
        assert_eq!(
            without_marks("Thôn Đồng Đình, Xã Quảng La"),
            "Thon Dong Dinh, Xa Quang La"
        );
    }

    #[test]
    fn a_slip_changes_the_text_by_one() {
        let mut rng = Rng::stream(1, "typo", 0);
        for _ in 0..200 {
            let slipped = typo("thon khe cat quang la", &mut rng);
            assert_ne!(slipped, "thon khe cat quang la");
            let diff = slipped.chars().count() as i64 - 21;
            assert!(diff.abs() <= 1, "{slipped}");
        }
    }
}

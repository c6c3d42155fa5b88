//! Words typed together: "vinhlinh" for "Vĩnh Linh", "khecat" for "Khe Cát".
//!
//! Vietnamese is written one syllable a word, and a phone keyboard makes it easy to miss a space.
//! A query word that no loaded shard knows is cut into parts that all are words of the index
//! ("vinh" + "linh"); a cut whose parts also make a whole name ("vinh linh", a commune) is
//! preferred. The cut is offered beside the word as typed, not instead of it: "xoung" is a slip
//! for "xuong" more likely than "xo" + "ung" (see `plan`). Only what the loaded shards hold is
//! consulted, so the same shards give the same plan natively and in the browser.

/// What the index knows, asked by folded word.
pub(crate) trait Vocabulary {
    /// A word of some document's text.
    fn has_word(&self, folded: &str) -> bool;
    /// Some word of the index starts with this (a word still being typed).
    fn has_prefix(&self, folded: &str) -> bool;
    /// A whole name ("vinh linh") of some document.
    fn has_name(&self, folded: &str) -> bool;
}

/// Shortest word worth cutting: "anh" is a word of its own, not "a" + "nh".
const MIN_LETTERS: usize = 4;
/// Most parts one word is cut into.
const MAX_PARTS: usize = 3;

/// Most cuts offered for one word (the best first): "nhuthung" may be "nhut hung" or "nhu
/// thung", and only the documents can tell.
const MAX_CUTS: usize = 3;

/// The ways `word` (folded) cuts into known words of two letters or more (or digits), best
/// first, if it is unknown itself; `typing` when the word is the last of a query still being
/// typed: a word that begins a known word is left alone then, the citizen may not have
/// finished it.
pub(crate) fn split(word: &str, typing: bool, vocabulary: &dyn Vocabulary) -> Vec<Vec<String>> {
    let letters = word.chars().count();
    if letters < MIN_LETTERS || word.bytes().all(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let known = vocabulary.has_word(word) || (typing && vocabulary.has_prefix(word));
    if known {
        return Vec::new();
    }
    let mut cuts = cuts(word, vocabulary, MAX_PARTS);
    cuts.sort_by_key(|(rank, _)| std::cmp::Reverse(*rank));
    cuts.into_iter()
        .take(MAX_CUTS)
        .map(|(_, cut)| cut)
        .collect()
}

/// Every cut of `word` into at most `parts` known parts, ranked.
fn cuts(word: &str, vocabulary: &dyn Vocabulary, parts: usize) -> Vec<(u8, Vec<String>)> {
    let mut found = Vec::new();
    for (at, _) in word.char_indices().skip(1) {
        let (left, right) = word.split_at(at);
        if !part(left, vocabulary) {
            continue;
        }
        let mut rests: Vec<Vec<String>> = Vec::new();
        if part(right, vocabulary) {
            rests.push(vec![right.to_string()]);
        } else if parts > 2 {
            rests.extend(
                cuts(right, vocabulary, parts - 1)
                    .into_iter()
                    .map(|(_, c)| c),
            );
        }
        for rest in rests {
            let mut cut = vec![left.to_string()];
            cut.extend(rest);
            found.push((rank(&cut, vocabulary), cut));
        }
    }
    found
}

/// A part a word may be cut into: a known word of two letters or more, or a number.
fn part(text: &str, vocabulary: &dyn Vocabulary) -> bool {
    let digits = text.bytes().all(|b| b.is_ascii_digit());
    (digits || text.chars().count() > 1) && vocabulary.has_word(text)
}

/// Fewer parts first, then cuts that make a whole name, then longer first parts.
fn rank(cut: &[String], vocabulary: &dyn Vocabulary) -> u8 {
    let few = (MAX_PARTS + 1 - cut.len()) as u8 * 4;
    let name = u8::from(vocabulary.has_name(&cut.join(" "))) * 2;
    few + name
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Words(&'static [&'static str], &'static [&'static str]);

    impl Vocabulary for Words {
        fn has_word(&self, folded: &str) -> bool {
            self.0.contains(&folded)
        }
        fn has_prefix(&self, folded: &str) -> bool {
            self.0.iter().any(|w| w.starts_with(folded))
        }
        fn has_name(&self, folded: &str) -> bool {
            self.1.contains(&folded)
        }
    }

    const WORDS: Words = Words(
        &[
            "vinh", "linh", "khe", "cat", "truc", "ninh", "thanh", "than", "han", "an", "thon",
            "5", "tdp",
        ],
        &["vinh linh", "khe cat", "thanh an"],
    );

    fn cut(word: &str, typing: bool) -> Option<Vec<String>> {
        split(word, typing, &WORDS).into_iter().next()
    }

    #[test]
    fn unknown_words_cut_into_known_ones() {
        assert_eq!(cut("vinhlinh", false).unwrap(), ["vinh", "linh"]);
        assert_eq!(cut("trucninh", false).unwrap(), ["truc", "ninh"]);
        assert_eq!(cut("thonkhecat", false).unwrap(), ["thon", "khe", "cat"]);
        assert_eq!(cut("tdp5", false).unwrap(), ["tdp", "5"]);
    }

    #[test]
    fn whole_names_decide_between_cuts() {
        assert_eq!(
            split("thanhan", false, &WORDS),
            [["thanh", "an"], ["than", "han"]]
        );
    }

    #[test]
    fn known_short_and_hopeless_words_stay() {
        assert_eq!(cut("vinh", false), None);
        assert_eq!(cut("kca", false), None);
        assert_eq!(cut("vinhxyz", false), None);
        assert_eq!(cut("12345", false), None);
    }

    #[test]
    fn parts_are_whole_words_of_two_letters_or_numbers() {
        assert_eq!(cut("vinhli", true), None);
        assert_eq!(cut("vinhlinh", true).unwrap(), ["vinh", "linh"]);
        assert_eq!(cut("tthon", false), None, "not t + thon");
    }

    #[test]
    fn a_known_beginning_being_typed_is_left_alone() {
        let words = Words(&["vinh", "linh", "vinhlinhxyz"], &[]);
        assert!(split("vinhlinh", true, &words).is_empty());
        assert_eq!(split("vinhlinh", false, &words), [["vinh", "linh"]]);
    }
}

//! What a typed query means, before it becomes tantivy clauses.
//!
//! "tdp so 5 kh" becomes: the group "tdp" (or its expansion "tổ dân phố"), the demoted group
//! "so", the group "5", and "kh" still being typed (a prefix); plus every run of words that might
//! be a whole name. Runs of digits long enough to be a phone ("0912 345 678") are taken out of the
//! words and looked up only among public phones. The plan is also what highlights are made from,
//! so what is highlighted is what was matched.

use crate::analysis::{words, Word};
use crate::keys::{normalized, spans};
use crate::phone::{self, MIN_QUERY_DIGITS};
use crate::split::{split, Vocabulary};
use crate::synonyms::{Synonyms, MAX_KEY_WORDS};

/// Words beyond this many are ignored: nobody types longer queries, and each word costs clauses.
const MAX_GROUPS: usize = 12;

/// Shortest word (in folded letters) that is also matched with one typo: a dropped first
/// letter ("ong" for "long") is as common in short syllables as in long ones.
pub(crate) const FUZZY_MIN_LEN: usize = 3;
/// Shortest word that is also matched with two typos.
const FUZZY_TWO_MIN_LEN: usize = 8;

/// Words so common in this domain that they say little: demoted, never dropped.
/// ("thanh" and "cho" are not among them: "thành phố" is a unit, but Thanh Ba, Thạnh Phú and
/// Thôn Chợ are names.)
const DEMOTED: &[&str] = &[
    "to", "cong", "nghe", "so", "xa", "thon", "phuong", "tinh", "pho", "huyen", "va", "cua", "o",
    "nhu", "the", "nao",
];

/// A parsed query.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub groups: Vec<Group>,
    pub phones: Vec<PhoneLookup>,
    pub spans: Vec<Span>,
}

/// One query word, or several words forming one abbreviation key.
#[derive(Debug)]
pub(crate) struct Group {
    /// The words as typed (one, or a multi-word synonym key).
    pub words: Vec<Word>,
    /// What the words may stand for, each an all-words-must-match alternative.
    pub expansions: Vec<Vec<Word>>,
    /// The word is the last one and still being typed: match it as a prefix too.
    pub prefix: bool,
    /// A very common word: counts for less.
    pub demoted: bool,
    /// Numbers this one is likely a slip for ("116" for 16, "21" for 12), found as a typo is.
    pub near: Vec<Word>,
}

/// Nothing is known about the index: no word is cut (plans made before any shard is read).
#[cfg(test)]
pub(crate) struct NoVocabulary;

#[cfg(test)]
impl Vocabulary for NoVocabulary {
    fn has_word(&self, _: &str) -> bool {
        true
    }
    fn has_prefix(&self, _: &str) -> bool {
        true
    }
    fn has_name(&self, _: &str) -> bool {
        false
    }
}

impl Group {
    /// The single word of a one-word group.
    pub fn single(&self) -> Option<&Word> {
        match self.words.as_slice() {
            [word] => Some(word),
            _ => None,
        }
    }
}

/// A phone number to look up among public phones.
#[derive(Debug, PartialEq)]
pub(crate) struct PhoneLookup {
    /// National digits.
    pub digits: String,
    /// Too short to be a whole number: match numbers starting with it.
    pub prefix: bool,
}

/// A run of query words that might be a whole name.
#[derive(Debug, PartialEq)]
pub(crate) struct Span {
    /// Folded words joined by spaces, as keys are indexed.
    pub text: String,
    pub words: usize,
    /// Ends with the word being typed: match keys starting with it.
    pub prefix: bool,
}

/// Typo distance allowed for a folded word; 0 for short words and numbers.
pub(crate) fn typo_distance(folded: &str) -> u8 {
    let letters = folded.chars().count();
    if folded.bytes().all(|b| b.is_ascii_digit()) || letters < FUZZY_MIN_LEN {
        0
    } else if letters < FUZZY_TWO_MIN_LEN {
        1
    } else {
        2
    }
}

impl Plan {
    /// Parses a query with the synonyms of the shards it will run on, cutting words typed
    /// together into words the vocabulary knows.
    pub(crate) fn parse(query: &str, synonyms: &Synonyms, vocabulary: &dyn Vocabulary) -> Plan {
        let typing = query.chars().last().is_some_and(char::is_alphanumeric);
        let (phones, mut rest) = split_phones(query, words(query));
        rest.truncate(MAX_GROUPS);
        let mut groups = group_words(rest, synonyms, typing);
        cut_together(&mut groups, synonyms, vocabulary);
        let spans = name_spans(&groups);
        Plan {
            groups,
            phones,
            spans,
        }
    }

    /// True when nothing in the query can match.
    pub(crate) fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.phones.is_empty()
    }
}

/// Offers the parts of every word typed together ("vinhlinh" → "vinh linh") as an expansion of
/// its group, beside the word as typed (which may be a slip instead: "xoung"); a synonym key
/// ("tdp") counts as a known word.
fn cut_together(groups: &mut [Group], synonyms: &Synonyms, vocabulary: &dyn Vocabulary) {
    let known = Known {
        synonyms,
        vocabulary,
    };
    for group in groups.iter_mut().filter(|g| g.expansions.is_empty()) {
        let Some(word) = group.single().cloned() else {
            continue;
        };
        let cuts = split(&word.folded, group.prefix, &known);
        for parts in cuts {
            let cut = parts
                .iter()
                .map(|part| Word {
                    folded: part.clone(),
                    accented: part.clone(),
                    ..word.clone()
                })
                .collect();
            group.expansions.push(cut);
        }
    }
}

/// The index's words plus the synonym keys of one word.
struct Known<'a> {
    synonyms: &'a Synonyms,
    vocabulary: &'a dyn Vocabulary,
}

impl Vocabulary for Known<'_> {
    fn has_word(&self, folded: &str) -> bool {
        self.synonyms.expansions(folded).is_some() || self.vocabulary.has_word(folded)
    }
    fn has_prefix(&self, folded: &str) -> bool {
        self.vocabulary.has_prefix(folded)
    }
    fn has_name(&self, folded: &str) -> bool {
        self.vocabulary.has_name(folded)
    }
}

/// Takes runs of digit words (separated only by spaces, dots, dashes, brackets or plus signs)
/// that are long enough to be a phone out of the words.
fn split_phones(query: &str, all: Vec<Word>) -> (Vec<PhoneLookup>, Vec<Word>) {
    let mut phones = Vec::new();
    let mut rest = Vec::new();
    let mut run: Vec<Word> = Vec::new();
    let mut run_text_start = 0;
    for word in all {
        let joins = run
            .last()
            .is_some_and(|last| is_phone_gap(&query[last.end..word.start]));
        if !(word.is_number() && (run.is_empty() || joins)) {
            flush_run(query, run_text_start, &mut run, &mut phones, &mut rest);
        }
        if word.is_number() {
            if run.is_empty() {
                run_text_start = rest.last().map_or(0, |w: &Word| w.end);
            }
            run.push(word);
        } else {
            rest.push(word);
        }
    }
    flush_run(query, run_text_start, &mut run, &mut phones, &mut rest);
    (phones, rest)
}

fn is_phone_gap(gap: &str) -> bool {
    gap.chars().all(|c| " .-()+".contains(c))
}

fn flush_run(
    query: &str,
    text_start: usize,
    run: &mut Vec<Word>,
    phones: &mut Vec<PhoneLookup>,
    rest: &mut Vec<Word>,
) {
    let digits: usize = run.iter().map(|w| w.folded.len()).sum();
    if digits < MIN_QUERY_DIGITS {
        rest.append(run);
        return;
    }
    let end = run.last().map_or(text_start, |w| w.end);
    if let Some(digits) = phone::national(&query[text_start..end]) {
        let prefix = !phone::is_complete(&digits);
        phones.push(PhoneLookup { digits, prefix });
    }
    run.clear();
}

/// Groups words, joining the longest runs that are a synonym key.
fn group_words(words: Vec<Word>, synonyms: &Synonyms, typing: bool) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (len, expansions) = longest_key(&words[i..], synonyms);
        let group_words = words[i..i + len].to_vec();
        i += len;
        let is_last = i == words.len();
        let single = (len == 1).then(|| group_words[0].folded.as_str());
        groups.push(Group {
            prefix: typing && is_last && len == 1,
            demoted: single.is_some_and(|w| DEMOTED.contains(&w)),
            expansions: usable_expansions(expansions, single, is_last),
            near: group_words
                .first()
                .filter(|_| len == 1)
                .map(number_slips)
                .unwrap_or_default(),
            words: group_words,
        });
    }
    groups
}

/// What a number of two digits or more may have been before a slip: a doubled digit written
/// once ("116" → 16), two neighbours swapped back ("21" → 12). A typo distance would match
/// every number around; these are the slips a thumb makes.
fn number_slips(word: &Word) -> Vec<Word> {
    let digits = word.folded.as_bytes();
    if digits.len() < 2 || !word.is_number() {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for i in 1..digits.len() {
        let mut variant = digits.to_vec();
        if digits[i] == digits[i - 1] {
            variant.remove(i);
        } else {
            variant.swap(i - 1, i);
        }
        let text = String::from_utf8(variant).unwrap_or_default();
        if !out.contains(&text) && !text.starts_with('0') {
            out.push(text);
        }
    }
    out.into_iter()
        .map(|text| Word {
            accented: text.clone(),
            folded: text,
            ..word.clone()
        })
        .collect()
}

/// Length of the longest synonym key starting at `words[0]` (1 if none) and its expansions.
fn longest_key<'s>(words: &[Word], synonyms: &'s Synonyms) -> (usize, &'s [String]) {
    for len in (1..=MAX_KEY_WORDS.min(words.len())).rev() {
        let folded: Vec<&str> = words[..len].iter().map(|w| w.folded.as_str()).collect();
        if let Some(expansions) = synonyms.expansions(&folded.join(" ")) {
            return (len, expansions);
        }
    }
    (1, &[])
}

/// One-letter keys ("p", "x") expand only before another word: as the last word they are more
/// likely the start of a word being typed.
fn usable_expansions(expansions: &[String], single: Option<&str>, is_last: bool) -> Vec<Vec<Word>> {
    if is_last && single.is_some_and(|w| w.chars().count() == 1) {
        return Vec::new();
    }
    expansions.iter().map(|e| words(e)).collect()
}

/// Candidate whole names: runs of the words as typed and with abbreviations expanded.
fn name_spans(groups: &[Group]) -> Vec<Span> {
    let typing_last = groups.last().is_some_and(|g| g.prefix);
    let as_typed: Vec<String> = groups
        .iter()
        .flat_map(|g| g.words.iter().map(|w| w.folded.clone()))
        .collect();
    let expanded: Vec<String> = groups
        .iter()
        .flat_map(|g| g.expansions.first().unwrap_or(&g.words))
        .map(|w| w.folded.clone())
        .collect();
    let mut out: Vec<Span> = Vec::new();
    // Only the words as typed end with a word being typed; an expansion is complete.
    for (sequence, typing) in [(as_typed, typing_last), (expanded, false)] {
        for (text, words, at_end) in spans(&normalized(&sequence)) {
            if !out.iter().any(|s| s.text == text) {
                let prefix = at_end && typing;
                out.push(Span {
                    text,
                    words,
                    prefix,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(query: &str) -> Plan {
        Plan::parse(query, &Synonyms::builtin(), &NoVocabulary)
    }

    fn folded(group: &Group) -> Vec<&str> {
        group.words.iter().map(|w| w.folded.as_str()).collect()
    }

    #[test]
    fn abbreviations_get_their_expansions() {
        let p = plan("tdp so 5");
        assert_eq!(p.groups.len(), 3);
        assert_eq!(p.groups[0].expansions.len(), 1);
        assert_eq!(p.groups[0].expansions[0][2].folded, "pho");
        assert!(p.groups[1].demoted);
        assert!(p
            .spans
            .iter()
            .any(|s| s.text == "to dan pho 5" && s.words == 4));
    }

    #[test]
    fn multi_word_keys_group_their_words() {
        let p = plan("sai gon ");
        assert_eq!(folded(&p.groups[0]), ["sai", "gon"]);
        assert_eq!(p.groups[0].expansions[0][0].folded, "ho");
    }

    #[test]
    fn one_letter_keys_expand_only_before_another_word() {
        assert!(!plan("p 3").groups[0].expansions.is_empty());
        assert!(plan("quang p").groups[1].expansions.is_empty());
    }

    #[test]
    fn the_last_word_is_a_prefix_only_while_typing() {
        assert!(plan("quang l").groups[1].prefix);
        assert!(!plan("quang la ").groups[1].prefix);
        assert!(!plan("quang l").groups[0].prefix);
        assert!(plan("quang l")
            .spans
            .iter()
            .any(|s| s.text == "quang l" && s.prefix));
    }

    #[test]
    fn phone_spellings_become_one_lookup() {
        for query in [
            "0912 345 678",
            "+84 912 345 678",
            "912345678",
            "0912.345.678",
        ] {
            let p = plan(query);
            let expected = PhoneLookup {
                digits: "0912345678".into(),
                prefix: false,
            };
            assert_eq!(p.phones, [expected], "{query}");
            assert!(p.groups.is_empty(), "{query}");
        }
    }

    #[test]
    fn house_numbers_stay_words() {
        let p = plan("thon 4 so 12");
        assert!(p.phones.is_empty());
        assert_eq!(p.groups.len(), 4);
        let p = plan("to 0912 345");
        assert_eq!(p.phones[0].digits, "0912345");
        assert!(p.phones[0].prefix);
        assert_eq!(p.groups.len(), 1);
    }

    #[test]
    fn numbers_carry_the_slips_a_thumb_makes() {
        let near = |q: &str| -> Vec<String> {
            plan(q).groups[1]
                .near
                .iter()
                .map(|w| w.folded.clone())
                .collect()
        };
        assert_eq!(near("thon 116 "), ["16", "161"]);
        assert_eq!(near("ap 44 "), ["4"]);
        assert_eq!(near("thon 21 "), ["12"]);
        assert!(near("thon 5 ").is_empty());
    }

    #[test]
    fn typo_distance_grows_with_length() {
        assert_eq!(typo_distance("la"), 0);
        assert_eq!(typo_distance("ong"), 1);
        assert_eq!(typo_distance("thoai"), 1);
        assert_eq!(typo_distance("facebook"), 2);
        assert_eq!(typo_distance("12345"), 0);
    }
}

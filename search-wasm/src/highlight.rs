//! Which words of a title to highlight: those the query matched, by the same rules as the
//! query (exact folded word, prefix of the word being typed, or within the typo distance).

use crate::analysis::{words, Word};
use crate::plan::{typo_distance, Group, Plan};

/// Byte ranges of the title's words that the plan matches, in order.
pub(crate) fn ranges(title: &str, plan: &Plan) -> Vec<(usize, usize)> {
    words(title)
        .into_iter()
        .filter(|word| matches(word, plan))
        .map(|word| (word.start, word.end))
        .collect()
}

/// Among a document's notes, the one holding the most query words that its title and
/// subtitle do not hold ("trước đây: xã Dân Chủ" for "khe cat dan chu"), if any does.
pub(crate) fn best_note<'a>(
    title: &str,
    subtitle: &str,
    notes: impl Iterator<Item = &'a str>,
    plan: &Plan,
) -> Option<&'a str> {
    let shown = covered(&[title, subtitle], plan);
    let mut best: Option<(&str, usize)> = None;
    for note in notes {
        let more = covered(&[note], plan)
            .iter()
            .zip(&shown)
            .filter(|(in_note, in_shown)| **in_note && !**in_shown)
            .count();
        if more > 0 && best.is_none_or(|(_, most)| more > most) {
            best = Some((note, more));
        }
    }
    best.map(|(note, _)| note)
}

/// For each group of the plan, whether some word of the texts matches it.
pub(crate) fn covered(texts: &[&str], plan: &Plan) -> Vec<bool> {
    let found: Vec<Word> = texts.iter().flat_map(|t| words(t)).collect();
    plan.groups
        .iter()
        .map(|group| found.iter().any(|word| group_matches(word, group)))
        .collect()
}

fn matches(title_word: &Word, plan: &Plan) -> bool {
    plan.groups
        .iter()
        .any(|group| group_matches(title_word, group))
}

fn group_matches(title_word: &Word, group: &Group) -> bool {
    let target = title_word.folded.as_str();
    let expansions = group.expansions.iter().flatten();
    if group
        .words
        .iter()
        .chain(expansions)
        .any(|w| w.folded == target)
    {
        return true;
    }
    if group.near.iter().any(|n| n.folded == target) {
        return true;
    }
    group.single().is_some_and(|word| {
        let typed = word.folded.as_str();
        (group.prefix && target.starts_with(typed)) || within(typed, target, typo_distance(typed))
    })
}

pub(crate) fn within(a: &str, b: &str, max: u8) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let max = usize::from(max);
    if max == 0 || a.len().abs_diff(b.len()) > max {
        return false;
    }
    let width = b.len() + 1;
    let mut d: Vec<usize> = vec![0; (a.len() + 1) * width];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * width + j] = match (i, j) {
                (0, j) => j,
                (i, 0) => i,
                _ => step(&d, width, &a, &b, i, j),
            };
        }
    }
    d[a.len() * width + b.len()] <= max
}

fn step(d: &[usize], width: usize, a: &[char], b: &[char], i: usize, j: usize) -> usize {
    let cost = usize::from(a[i - 1] != b[j - 1]);
    let mut best = (d[(i - 1) * width + j] + 1)
        .min(d[i * width + j - 1] + 1)
        .min(d[(i - 1) * width + j - 1] + cost);
    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
        best = best.min(d[(i - 2) * width + j - 2] + 1);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::NoVocabulary;
    use crate::synonyms::Synonyms;

    fn marked(title: &str, query: &str) -> Vec<String> {
        let plan = Plan::parse(query, &Synonyms::builtin(), &NoVocabulary);
        ranges(title, &plan)
            .into_iter()
            .map(|(s, e)| title[s..e].to_string())
            .collect()
    }

    #[test]
    fn folded_prefix_and_typo_matches_are_marked() {
        assert_eq!(marked("Xã Quảng La", "quang l"), ["Quảng", "La"]);
        assert_eq!(marked("Thôn Khe Cát", "khe cat "), ["Khe", "Cát"]);
        assert_eq!(
            marked("Cảnh giác lừa đảo qua điện thoại", "dien thaoi "),
            ["điện", "thoại"]
        );
        assert_eq!(
            marked("Tổ dân phố số 5", "tdp 5"),
            ["Tổ", "dân", "phố", "5"]
        );
    }

    #[test]
    fn distance_counts_swaps_as_one() {
        assert!(within("thaoi", "thoai", 1));
        assert!(!within("thaoi", "thoai", 0));
        assert!(!within("quang", "quyet", 1));
        assert!(within("facbook", "facebook", 1));
    }
}

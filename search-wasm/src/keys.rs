//! Whole-name keys: how "exact hamlet or commune name" beats "has the same words somewhere".
//!
//! A title is indexed as one term per spelling of its whole name ("thon khe cat" and, without
//! the unit word, "khe cat"); a query is cut into every run of consecutive words, and a run that
//! equals a key gives a bonus growing with its length. This replaces phrase queries, so shards
//! need no positions. "số" before a number is dropped on both sides, so "tdp so 5", "tổ dân phố
//! 5" and "Tổ dân phố số 5" meet.

// The browser only reads shards: the writing half is unused there (and removed by LTO).
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

use crate::analysis::words;

/// Unit words that may open a place or hamlet name, longest first so "to dan pho" wins over "to".
const UNIT_PREFIXES: &[&str] = &[
    "to dan pho",
    "thanh pho",
    "thi tran",
    "thi xa",
    "khu pho",
    "dac khu",
    "tinh",
    "phuong",
    "xa",
    "huyen",
    "quan",
    "thon",
    "ban",
    "ap",
    "xom",
    "lang",
    "buon",
    "soc",
    "khom",
    "khoi",
    "cum",
    "doi",
    "khu",
    "to",
];

/// Longest run of query words tried as a key.
pub(crate) const MAX_SPAN_WORDS: usize = 6;

/// The keys of a name: the whole name and, if it opens with a unit word, the rest.
pub(crate) fn name_keys(name: &str) -> Vec<String> {
    let folded: Vec<String> = words(name)
        .into_iter()
        .filter(|w| !w.is_phone_like())
        .map(|w| w.folded)
        .collect();
    let full = normalized(&folded).join(" ");
    if full.is_empty() {
        return Vec::new();
    }
    let mut keys = vec![full.clone()];
    if let Some(rest) = strip_unit(&full) {
        keys.push(rest.to_string());
    }
    keys
}

/// The key of an alias: its own name (the part before the first comma) without its unit word
/// ("Xã Dân Chủ, Thành phố Hạ Long" → "dan chu"). A commune carries every pre-2025 commune it
/// took over as an alias, so one key per alias instead of two keeps the places shard, which every
/// visitor loads, a good deal smaller; the unit word still counts as a word found.
pub(crate) fn alias_keys(alias: &str) -> Vec<String> {
    let mut keys = name_keys(alias.split(',').next().unwrap_or(""));
    keys.drain(..keys.len().saturating_sub(1));
    keys
}

/// Drops "so" (số) before a number: "to dan pho so 5" → "to dan pho 5".
pub(crate) fn normalized(folded: &[String]) -> Vec<String> {
    let is_number = |w: &String| w.bytes().all(|b| b.is_ascii_digit());
    folded
        .iter()
        .enumerate()
        .filter(|(i, w)| !(w.as_str() == "so" && folded.get(i + 1).is_some_and(is_number)))
        .map(|(_, w)| w.clone())
        .collect()
}

/// Every run of consecutive words (up to [`MAX_SPAN_WORDS`]) with its length in words, and
/// whether it ends with the last word.
pub(crate) fn spans(folded: &[String]) -> Vec<(String, usize, bool)> {
    let mut out = Vec::new();
    for start in 0..folded.len() {
        let longest = (folded.len() - start).min(MAX_SPAN_WORDS);
        for len in 1..=longest {
            let text = folded[start..start + len].join(" ");
            out.push((text, len, start + len == folded.len()));
        }
    }
    out
}

fn strip_unit(key: &str) -> Option<&str> {
    UNIT_PREFIXES.iter().find_map(|unit| {
        let rest = key.strip_prefix(unit)?.strip_prefix(' ')?;
        (!rest.is_empty()).then_some(rest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_give_whole_and_unitless_keys() {
        assert_eq!(name_keys("Thôn Khe Cát"), ["thon khe cat", "khe cat"]);
        assert_eq!(name_keys("Tổ dân phố số 5"), ["to dan pho 5", "5"]);
        assert_eq!(
            name_keys("Tỉnh Quảng Ninh"),
            ["tinh quang ninh", "quang ninh"]
        );
        assert_eq!(name_keys("Khe Cát"), ["khe cat"]);
        assert_eq!(name_keys("Thôn"), ["thon"]);
    }

    #[test]
    fn alias_keys_use_the_own_name_only() {
        let keys = alias_keys("Xã Dân Chủ, Thành phố Hạ Long, Tỉnh Quảng Ninh");
        assert_eq!(keys, ["dan chu"]);
        assert_eq!(alias_keys("VNeID"), ["vneid"]);
    }

    #[test]
    fn so_before_a_number_is_dropped() {
        let query = strings(&["to", "dan", "pho", "so", "5"]);
        assert_eq!(normalized(&query), strings(&["to", "dan", "pho", "5"]));
        let query = strings(&["ho", "so", "khai", "sinh"]);
        assert_eq!(normalized(&query), query);
    }

    #[test]
    fn spans_cover_every_run() {
        let all = spans(&strings(&["xa", "dan", "chu"]));
        let texts: Vec<&str> = all.iter().map(|(t, _, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            ["xa", "xa dan", "xa dan chu", "dan", "dan chu", "chu"]
        );
        assert!(all[2].2 && !all[1].2);
    }
}

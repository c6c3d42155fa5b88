//! Abbreviations and synonyms: "tdp" means "tổ dân phố", "dvc" means "dịch vụ công".
//!
//! Keys are stored folded ("sđt" and "sdt" are one key) and may span several words ("sai gon").
//! A query word that is a key matches either itself or any of its expansions; a document word
//! that is a key of two or more letters is also indexed as its expansions, so "TP Hạ Long" in a
//! note is found by "thành phố hạ long". One-letter keys (q, p, x, h) are too ambiguous for
//! documents (initials in names) and are expanded only in queries, and only before another word.
//! The list a shard was built with travels inside the shard.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::analysis::folded_phrase;

/// Keys longer than this many words are never looked up.
pub(crate) const MAX_KEY_WORDS: usize = 3;

/// The built-in list: administrative abbreviations, public-service terms and chat spellings.
const BUILTIN: &[(&str, &[&str])] = &[
    ("tp", &["thành phố"]),
    ("tx", &["thị xã"]),
    ("tt", &["thị trấn", "trung tâm"]),
    ("kp", &["khu phố"]),
    ("tdp", &["tổ dân phố"]),
    ("kdc", &["khu dân cư"]),
    ("q", &["quận"]),
    ("p", &["phường"]),
    ("x", &["xã"]),
    ("h", &["huyện"]),
    ("ubnd", &["ủy ban nhân dân"]),
    ("hdnd", &["hội đồng nhân dân"]),
    ("dvc", &["dịch vụ công"]),
    ("dvcqg", &["dịch vụ công quốc gia"]),
    ("cccd", &["căn cước công dân", "căn cước"]),
    ("gks", &["giấy khai sinh"]),
    ("gplx", &["giấy phép lái xe"]),
    ("bhxh", &["bảo hiểm xã hội"]),
    ("bhyt", &["bảo hiểm y tế"]),
    ("cntt", &["công nghệ thông tin"]),
    ("cds", &["chuyển đổi số"]),
    ("sdt", &["số điện thoại"]),
    ("dt", &["điện thoại"]),
    ("mxh", &["mạng xã hội"]),
    ("tk", &["tài khoản"]),
    ("ck", &["chuyển khoản"]),
    ("hcm", &["hồ chí minh"]),
    ("tphcm", &["thành phố hồ chí minh"]),
    ("hn", &["hà nội"]),
    ("sai gon", &["hồ chí minh"]),
    ("ko", &["không"]),
    ("dc", &["được"]),
    ("ntn", &["như thế nào"]),
];

/// Abbreviation → expansions, keyed by folded phrase.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Synonyms {
    map: BTreeMap<String, Vec<String>>,
}

impl Synonyms {
    /// The built-in list.
    pub fn builtin() -> Synonyms {
        let map = BUILTIN
            .iter()
            .map(|(key, expansions)| {
                let expansions = expansions.iter().map(|e| e.to_string()).collect();
                (folded_phrase(key), expansions)
            })
            .collect();
        Synonyms { map }
    }

    /// This list with a site's entries applied: an entry replaces the list's entry for the same
    /// (folded) key, and an empty entry removes it. Keys that fold to nothing, or have more than
    /// three words, are ignored.
    pub fn merged(&self, overrides: &BTreeMap<String, Vec<String>>) -> Synonyms {
        let mut map = self.map.clone();
        for (key, expansions) in overrides {
            let key = folded_phrase(key);
            if key.is_empty() || key.split(' ').count() > MAX_KEY_WORDS {
                continue;
            }
            let expansions: Vec<String> = expansions
                .iter()
                .filter(|e| !folded_phrase(e).is_empty())
                .cloned()
                .collect();
            if expansions.is_empty() {
                map.remove(&key);
            } else {
                map.insert(key, expansions);
            }
        }
        Synonyms { map }
    }

    /// The expansions of a folded key ("tdp", "sai gon").
    pub fn expansions(&self, folded_key: &str) -> Option<&[String]> {
        self.map.get(folded_key).map(Vec::as_slice)
    }

    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used when writing shards
    /// Expansions a document word is also indexed as: keys of one word and two or more letters.
    pub(crate) fn document_expansions(&self, folded_word: &str) -> Option<&[String]> {
        if folded_word.len() < 2 {
            return None;
        }
        self.expansions(folded_word)
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when there are no keys.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every key (folded) with its expansions, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.map.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_keys_are_folded() {
        let synonyms = Synonyms::builtin();
        assert_eq!(synonyms.expansions("tdp").unwrap(), ["tổ dân phố"]);
        assert_eq!(synonyms.expansions("sai gon").unwrap(), ["hồ chí minh"]);
        assert!(
            synonyms.expansions("TDP").is_none(),
            "lookups take folded keys"
        );
    }

    #[test]
    fn site_entries_replace_add_and_remove() {
        let overrides = BTreeMap::from([
            ("TT".to_string(), vec!["thị trấn".to_string()]),
            ("Sđt".to_string(), vec!["số điện thoại".to_string()]),
            ("x".to_string(), vec![]),
            ("ctv".to_string(), vec!["cộng tác viên".to_string()]),
        ]);
        let merged = Synonyms::builtin().merged(&overrides);
        assert_eq!(merged.expansions("tt").unwrap(), ["thị trấn"]);
        assert_eq!(merged.expansions("ctv").unwrap(), ["cộng tác viên"]);
        assert!(merged.expansions("x").is_none());
        assert_eq!(merged.len(), Synonyms::builtin().len());
    }

    #[test]
    fn one_letter_keys_are_not_document_expansions() {
        let synonyms = Synonyms::builtin();
        assert!(synonyms.document_expansions("p").is_none());
        assert!(synonyms.document_expansions("tp").is_some());
    }
}

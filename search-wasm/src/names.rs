//! The whole-name bonus, computed beside the index: "thôn khe cát xã quảng la" holds the whole
//! name of Thôn Khe Cát and of its commune, "khe cat quang" only pieces of them.
//!
//! Each document's names — its title, its aliases, its context (commune, province and their
//! pre-2025 names) — are cut into keys by [`crate::keys`] when the shard is opened; a query's
//! runs of words ([`crate::plan::Span`]) are looked up among those keys, and a document earns the
//! longest run equal to (or, while typing, starting) one of its keys: for its own names (title
//! over aliases) and, separately, for its context. As index terms these keys were a third of
//! the `places` shard every visitor downloads; kept here, they cost nothing on the wire.

use std::collections::HashMap;

use crate::keys::{alias_keys, name_keys};
use crate::plan::Plan;
use crate::rows::Rows;

/// Bonus per word of the longest matching run, by which name it matched.
pub(crate) const NAME: f32 = 10.0;
pub(crate) const ALIAS_NAME: f32 = 6.0;
pub(crate) const CONTEXT_NAME: f32 = 6.0;
pub(crate) const AROUND_NAME: f32 = 4.0;
/// Factor for a run that only starts a key (the last word still being typed).
const AS_PREFIX: f32 = 0.8;

/// Every document's keys, by number.
#[derive(Debug, Default)]
pub(crate) struct Names {
    /// Distinct keys, sorted, so a beginning finds its keys in one range.
    keys: Vec<String>,
    /// Per document: keys of its title, of its aliases, of its context, of what is around.
    docs: Vec<[Vec<u32>; 4]>,
}

impl Names {
    /// Keys given per document: of its title, its aliases, its context, what is around.
    pub(crate) fn from_keys(per_doc: Vec<[Vec<String>; 4]>) -> Names {
        let mut keys: Vec<String> = per_doc.iter().flatten().flatten().cloned().collect();
        keys.sort_unstable();
        keys.dedup();
        let number = |key: &String| keys.binary_search(key).map_or(0, |i| i as u32);
        let docs = per_doc
            .iter()
            .map(|lists| {
                lists
                    .each_ref()
                    .map(|list| list.iter().map(number).collect())
            })
            .collect();
        Names { keys, docs }
    }

    /// The keys of every row.
    pub(crate) fn of(rows: &Rows) -> Names {
        let mut cut: HashMap<(u32, bool), Vec<String>> = HashMap::new();
        let mut keys_of = |string: u32, alias: bool| -> Vec<String> {
            cut.entry((string, alias))
                .or_insert_with(|| {
                    let text = rows.text(string);
                    if alias {
                        alias_keys(text)
                    } else {
                        name_keys(text)
                    }
                })
                .clone()
        };
        let mut per_doc: Vec<[Vec<String>; 4]> = Vec::with_capacity(rows.len());
        for doc in 0..rows.len() as u32 {
            let Some(row) = rows.get(doc) else { break };
            let title = keys_of(row.title, false);
            let aliases = row.aliases.iter().flat_map(|&a| keys_of(a, true)).collect();
            let context = row
                .context
                .iter()
                .flat_map(|&c| keys_of(c, false))
                .collect();
            let around = row.around.iter().flat_map(|&c| keys_of(c, false)).collect();
            per_doc.push([title, aliases, context, around]);
        }
        Names::from_keys(per_doc)
    }

    /// Whether some document has this whole name.
    pub(crate) fn has(&self, folded: &str) -> bool {
        self.keys
            .binary_search_by(|k| k.as_str().cmp(folded))
            .is_ok()
    }

    /// What each key is worth for a query: the words of the longest run equal to it, or 0.8 of
    /// that for a run that only starts it.
    pub(crate) fn weights(&self, plan: &Plan) -> HashMap<u32, f32> {
        let mut weights: HashMap<u32, f32> = HashMap::new();
        let mut offer = |key: usize, weight: f32| {
            let slot = weights.entry(key as u32).or_insert(0.0);
            *slot = slot.max(weight);
        };
        for span in &plan.spans {
            let words = span.words as f32;
            if let Ok(i) = self.keys.binary_search(&span.text) {
                offer(i, words);
            }
            if span.prefix {
                let start = self
                    .keys
                    .partition_point(|k| k.as_str() < span.text.as_str());
                let starting = self.keys[start..]
                    .iter()
                    .take_while(|k| k.starts_with(&span.text));
                for (i, _) in starting.enumerate() {
                    offer(start + i, words * AS_PREFIX);
                }
            }
        }
        weights
    }

    /// A document's bonus given the query's key weights.
    pub(crate) fn bonus(&self, doc: u32, weights: &HashMap<u32, f32>) -> f32 {
        if weights.is_empty() {
            return 0.0;
        }
        let Some([title, aliases, context, around]) = self.docs.get(doc as usize) else {
            return 0.0;
        };
        let best = |list: &[u32]| {
            list.iter()
                .filter_map(|k| weights.get(k))
                .fold(0.0f32, |a, &b| a.max(b))
        };
        let own = (NAME * best(title)).max(ALIAS_NAME * best(aliases));
        own + CONTEXT_NAME * best(context) + AROUND_NAME * best(around)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Kind};
    use crate::plan::NoVocabulary;
    use crate::rows;
    use crate::synonyms::Synonyms;

    fn names() -> Names {
        let mut team = Document::new(Kind::Team, "Thôn Khe Cát", "a/b/khe-cat/");
        team.context = vec!["Xã Quảng La".into()];
        team.around = vec!["Xã Dân Chủ".into()];
        let mut commune = Document::new(Kind::Place, "Xã Quảng La", "a/b/");
        commune.aliases = vec!["Xã Dân Chủ, Thành phố Hạ Long".into()];
        let rows = Rows::decode(&rows::encode(&[team, commune])).unwrap();
        Names::of(&rows)
    }

    fn bonus(names: &Names, doc: u32, query: &str) -> f32 {
        let plan = Plan::parse(query, &Synonyms::builtin(), &NoVocabulary);
        names.bonus(doc, &names.weights(&plan))
    }

    #[test]
    fn the_longest_whole_name_counts_once_per_kind() {
        let names = names();
        // "thon khe cat" (3 words) in the title, "quang la" (2) in the context.
        assert_eq!(bonus(&names, 0, "thon khe cat quang la "), 30.0 + 12.0);
        assert_eq!(bonus(&names, 0, "khe cat "), 20.0);
        assert_eq!(bonus(&names, 0, "khe "), 0.0);
        // The commune: its title, or less for its pre-2025 name.
        assert_eq!(bonus(&names, 1, "xa quang la "), 30.0);
        assert_eq!(bonus(&names, 1, "dan chu "), 12.0);
    }

    #[test]
    fn a_name_being_typed_counts_as_its_beginning() {
        let names = names();
        assert_eq!(bonus(&names, 0, "khe ca"), 2.0 * NAME * AS_PREFIX);
        assert!(names.has("quang la") && names.has("dan chu") && !names.has("khe"));
    }
}

//! Writing the national list of hamlets (see [`crate::hamlets`]) from team documents.

use std::collections::{BTreeMap, HashMap};

use crate::analysis::nfc;
use crate::container::pack;
use crate::document::{Document, Kind};
use crate::error::SearchError;
use crate::hamlets::HAMLETS_FILE;
use crate::shard::{ShardInfo, INFO_FILE};
use crate::synonyms::Synonyms;

/// Builds the list from team documents (title, address, subtitle, context, notes, province,
/// commune), as the generator makes them for the province shards; members and phones, if any,
/// are left out. The same documents always give the same bytes.
pub fn build_hamlets(docs: &[Document], synonyms: &Synonyms) -> Result<Vec<u8>, SearchError> {
    let info = ShardInfo {
        docs: docs.len() as u64,
        synonyms: synonyms.clone(),
    };
    let files = vec![
        (HAMLETS_FILE.to_string(), encode(docs)),
        (INFO_FILE.to_string(), serde_json::to_vec(&info)?),
    ];
    Ok(pack(&files))
}

#[derive(Default)]
struct Strings {
    list: Vec<String>,
    numbers: HashMap<String, u32>,
}

impl Strings {
    fn add(&mut self, text: &str) -> u32 {
        let text = nfc(text);
        if let Some(&n) = self.numbers.get(&text) {
            return n;
        }
        let n = self.list.len() as u32;
        self.list.push(text.clone());
        self.numbers.insert(text, n);
        n
    }
}

fn encode(docs: &[Document]) -> Vec<u8> {
    let mut strings = Strings::default();
    let mut places: Vec<[Vec<u32>; 3]> = Vec::new();
    let mut place_rows: Vec<[u32; 4]> = Vec::new();
    let mut place_at: HashMap<&str, u32> = HashMap::new();
    let mut names: BTreeMap<String, Vec<(u32, String)>> = BTreeMap::new();
    for doc in docs.iter().filter(|d| d.kind == Kind::Team) {
        let (head, tail) = split(&doc.url);
        let place = *place_at.entry(head).or_insert_with(|| {
            place_rows.push([
                strings.add(head),
                strings.add(&doc.subtitle),
                doc.province.unwrap_or(0),
                doc.commune.unwrap_or(0),
            ]);
            places.push([
                doc.context.iter().map(|c| strings.add(c)).collect(),
                doc.around.iter().map(|c| strings.add(c)).collect(),
                doc.notes.iter().map(|n| strings.add(n)).collect(),
            ]);
            (place_rows.len() - 1) as u32
        });
        names
            .entry(nfc(&doc.title))
            .or_default()
            .push((place, tail.to_string()));
    }
    let mut out = Vec::new();
    let mut name_rows = Vec::new();
    for (title, mut entries) in names {
        entries.sort();
        let usual = usual_tail(&entries);
        let title = strings.add(&title);
        let usual_number = strings.add(&usual);
        let coded: Vec<(u32, u32)> = entries
            .iter()
            .map(|(place, tail)| {
                let own = if *tail == usual {
                    0
                } else {
                    strings.add(tail) + 1
                };
                (*place, own)
            })
            .collect();
        name_rows.push((title, usual_number, coded));
    }
    put(&mut out, strings.list.len() as u32);
    for s in &strings.list {
        put(&mut out, s.len() as u32);
        out.extend_from_slice(s.as_bytes());
    }
    put(&mut out, place_rows.len() as u32);
    for (row, lists) in place_rows.iter().zip(&places) {
        for &n in row {
            put(&mut out, n);
        }
        for list in lists {
            put(&mut out, list.len() as u32);
            for &n in list {
                put(&mut out, n);
            }
        }
    }
    put(&mut out, name_rows.len() as u32);
    for (title, usual, entries) in name_rows {
        put(&mut out, title);
        put(&mut out, usual);
        put(&mut out, entries.len() as u32);
        let mut last = 0;
        for (place, own) in entries {
            put(&mut out, place - last);
            put(&mut out, own);
            last = place;
        }
    }
    out
}

/// The tail most teams of a name have (their id is the name's slug), the first on a tie.
fn usual_tail(entries: &[(u32, String)]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, tail) in entries {
        *counts.entry(tail).or_default() += 1;
    }
    let most = counts.values().copied().max().unwrap_or(0);
    counts
        .into_iter()
        .find(|(_, n)| *n == most)
        .map_or_else(String::new, |(t, _)| t.to_string())
}

/// "quang-ninh/xa-quang-la/khe-cat/" → ("quang-ninh/xa-quang-la/", "khe-cat/").
fn split(url: &str) -> (&str, &str) {
    let body = url.strip_suffix('/').unwrap_or(url);
    match body.rfind('/') {
        Some(i) => url.split_at(i + 1),
        None => ("", url),
    }
}

fn put(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

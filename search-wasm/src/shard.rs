//! Reading a shard and answering queries, natively and in the browser.
//!
//! A shard's files are copied into a `RamDirectory` and opened with a manual reload policy (no
//! watcher thread, which WebAssembly could not start). Hits are ordered by score, then by
//! document order within a shard; [`search_all`] merges shards by score, then URL, so the order
//! never depends on which shard was loaded first.

use std::cmp::Ordering;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::directory::RamDirectory;
use tantivy::schema::{FieldType, Value};
use tantivy::{Directory, TantivyDocument, TantivyError};
use tantivy::{DocAddress, DocId, Index, ReloadPolicy, Score, Searcher};

use crate::boosts::{self, BOOSTS_FILE};
use crate::container::unpack;
use crate::document::{Hit, Kind, SearchOptions};
use crate::error::SearchError;
use crate::highlight;
use crate::plan::Plan;
use crate::query;
use crate::schema::Fields;
use crate::synonyms::Synonyms;

/// Name of the shard's own metadata file inside the container.
pub(crate) const INFO_FILE: &str = "ngo.json";

/// What a shard was built with, besides the index.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct ShardInfo {
    pub docs: u64,
    pub synonyms: Synonyms,
}

/// An opened shard, ready to answer queries.
pub struct Shard {
    searcher: Searcher,
    fields: Fields,
    info: ShardInfo,
    /// Per document, by id (one segment, so ids are positions).
    boosts: Arc<[f32]>,
}

impl Shard {
    /// Opens shard bytes written by `build_shard`.
    pub fn open(bytes: &[u8]) -> Result<Shard, SearchError> {
        let directory = RamDirectory::create();
        let mut info = None;
        let mut boosts = None;
        for (name, data) in unpack(bytes)? {
            if name == INFO_FILE {
                info = Some(serde_json::from_slice(data)?);
            } else if name == BOOSTS_FILE {
                boosts = Some(boosts::decode(data)?);
            } else {
                directory
                    .atomic_write(Path::new(name), data)
                    .map_err(TantivyError::from)?;
            }
        }
        let info: ShardInfo = info.ok_or(SearchError::Damaged("the shard has no ngo.json"))?;
        let boosts = boosts.ok_or(SearchError::Damaged("the shard has no boosts"))?;
        let index = Index::open(directory)?;
        let fields = Fields::from_schema(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        if searcher.segment_readers().len() > 1 || boosts.len() as u64 != info.docs {
            return Err(SearchError::Damaged(
                "the index does not match the shard's documents",
            ));
        }
        Ok(Shard {
            searcher,
            fields,
            info,
            boosts: boosts.into(),
        })
    }

    /// Number of documents in the shard.
    pub fn len(&self) -> u64 {
        self.info.docs
    }

    /// True for a shard without documents.
    pub fn is_empty(&self) -> bool {
        self.info.docs == 0
    }

    /// Every term of every indexed text field. The term dictionary stores each term as a suffix
    /// of the one before it, so a term cannot be found in the raw shard bytes; audits such as the
    /// privacy scan of a built site read the terms from here instead.
    pub fn indexed_terms(&self) -> Result<Vec<String>, SearchError> {
        let schema = self.searcher.schema();
        let mut terms = Vec::new();
        for segment in self.searcher.segment_readers() {
            for (field, entry) in schema.fields() {
                if !entry.is_indexed() || !matches!(entry.field_type(), FieldType::Str(_)) {
                    continue;
                }
                let index = segment.inverted_index(field)?;
                let mut stream = index.terms().stream().map_err(TantivyError::from)?;
                while stream.advance() {
                    terms.push(String::from_utf8_lossy(stream.key()).into_owned());
                }
            }
        }
        Ok(terms)
    }

    /// The synonyms the shard was built with (and that its queries use).
    pub fn synonyms(&self) -> &Synonyms {
        &self.info.synonyms
    }

    /// The best hits for a query, best first. A query that cannot match gives no hits.
    pub fn search(&self, query: &str, opts: &SearchOptions) -> Vec<Hit> {
        let plan = Plan::parse(query, &self.info.synonyms);
        let Some(built) = query::build(&plan, &self.fields, opts) else {
            return Vec::new();
        };
        if opts.limit == 0 {
            return Vec::new();
        }
        let boosts = self.boosts.clone();
        let collector = TopDocs::with_limit(opts.limit).tweak_score(move |_: &_| {
            let boosts = boosts.clone();
            move |doc: DocId, score: Score| score * boosts.get(doc as usize).copied().unwrap_or(1.0)
        });
        // Reading from memory cannot fail short of a damaged shard, which `open` has checked.
        let top = self.searcher.search(&built, &collector).unwrap_or_default();
        top.into_iter()
            .filter_map(|(score, address)| self.hit(score, address, &plan))
            .collect()
    }

    fn hit(&self, score: Score, address: DocAddress, plan: &Plan) -> Option<Hit> {
        let doc: TantivyDocument = self.searcher.doc(address).ok()?;
        let f = &self.fields;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(String::from)
        };
        let number = |field| doc.get_first(field).and_then(|v| v.as_u64());
        let title = text(f.title)?;
        let notes = doc.get_all(f.note).filter_map(|v| v.as_str());
        let note = highlight::best_note(&title, notes, plan).map(String::from);
        Some(Hit {
            kind: Kind::from_code(number(f.kind)?)?,
            highlights: highlight::ranges(&title, plan),
            title,
            url: text(f.url)?,
            score,
            subtitle: text(f.context).unwrap_or_default(),
            province: number(f.province).and_then(|n| u32::try_from(n).ok()),
            commune: number(f.commune).and_then(|n| u32::try_from(n).ok()),
            id: text(f.id),
            note,
        })
    }
}

/// The best hits across shards (places, former, guides, a province), best first, one per URL.
///
/// A commune is found both by its name (`places`) and by the old communes it took over
/// (`former`), so several hits may lead to one page: the best one stands for it. Each shard is
/// asked for a few more hits than wanted so that dropping those still fills the list.
pub fn search_all(shards: &[&Shard], query: &str, opts: &SearchOptions) -> Vec<Hit> {
    let wider = SearchOptions {
        limit: opts.limit.saturating_mul(2).saturating_add(4),
        ..opts.clone()
    };
    let mut hits: Vec<Hit> = shards
        .iter()
        .flat_map(|shard| shard.search(query, &wider))
        .collect();
    hits.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(Ordering::Equal)
            .then_with(|| a.url.cmp(&b.url))
            .then_with(|| a.note.cmp(&b.note))
    });
    let mut seen = std::collections::HashSet::new();
    hits.retain(|hit| seen.insert(hit.url.clone()));
    hits.truncate(opts.limit);
    hits
}

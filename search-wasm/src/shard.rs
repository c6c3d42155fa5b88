//! Reading a shard and answering queries, natively and in the browser.
//!
//! A shard's files are copied into a `RamDirectory` and opened with a manual reload policy (no
//! watcher thread, which WebAssembly could not start). Hits are ordered by score, then by
//! address, so the order never depends on which shard was loaded first; what a hit shows comes
//! from the row table beside the index ([`crate::rows`]).

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::directory::RamDirectory;
use tantivy::schema::{Field, FieldType};
use tantivy::{Directory, TantivyError};
use tantivy::{DocId, Index, ReloadPolicy, Score, Searcher};

use crate::boosts::{self, BOOSTS_FILE};
use crate::container::unpack;
use crate::document::{Hit, Kind, SearchOptions};
use crate::error::SearchError;
use crate::highlight;
use crate::names::Names;
use crate::plan::Plan;
use crate::query;
use crate::rows::{Row, Rows, ROWS_FILE};
use crate::schema::Fields;
use crate::split::Vocabulary;
use crate::synonyms::Synonyms;

/// Name of the shard's own metadata file inside the container.
pub(crate) const INFO_FILE: &str = "ngo.json";

/// Score factor of places and teams outside the province a citizen chose.
pub(crate) const OTHER_PROVINCE: f32 = 0.8;

/// What a shard was built with, besides the index.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct ShardInfo {
    pub docs: u64,
    pub synonyms: Synonyms,
}

/// How one shard is searched.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scope<'a> {
    pub limit: usize,
    pub kind: Option<Kind>,
    /// The province the citizen chose: others are demoted.
    pub chosen: Option<u32>,
    /// Provinces whose documents are left out (the national hamlet list skips provinces whose
    /// own shard is loaded).
    pub skip: Option<&'a BTreeSet<u32>>,
}

/// The best hits of one shard and how many documents matched in all.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// An opened shard, ready to answer queries.
pub struct Shard {
    searcher: Searcher,
    fields: Fields,
    info: ShardInfo,
    /// Per document, by id (one segment, so ids are positions).
    boosts: Arc<[f32]>,
    rows: Arc<Rows>,
    names: Arc<Names>,
}

impl Shard {
    /// Opens shard bytes written by `build_shard`.
    pub fn open(bytes: &[u8]) -> Result<Shard, SearchError> {
        let directory = RamDirectory::create();
        let (mut info, mut boosts, mut rows) = (None, None, None);
        for (name, data) in unpack(bytes)? {
            match name {
                INFO_FILE => info = Some(serde_json::from_slice::<ShardInfo>(data)?),
                BOOSTS_FILE => boosts = Some(boosts::decode(data)?),
                ROWS_FILE => rows = Some(Rows::decode(data)?),
                _ => directory
                    .atomic_write(Path::new(name), data)
                    .map_err(TantivyError::from)?,
            }
        }
        let info = info.ok_or(SearchError::Damaged("phân đoạn không có ngo.json"))?;
        let boosts = boosts.ok_or(SearchError::Damaged("phân đoạn không có tệp trọng số"))?;
        let rows = rows.ok_or(SearchError::Damaged("phân đoạn không có bảng kết quả"))?;
        let index = Index::open(directory)?;
        let fields = Fields::from_schema(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let docs = info.docs as usize;
        if searcher.segment_readers().len() > 1 || boosts.len() != docs || rows.len() != docs {
            return Err(SearchError::Damaged(
                "chỉ mục không khớp với các mục của phân đoạn",
            ));
        }
        Ok(Shard {
            searcher,
            fields,
            info,
            boosts: boosts.into(),
            names: Arc::new(Names::of(&rows)),
            rows: Arc::new(rows),
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

    /// Every string a result row of this shard can show (titles, addresses, notes), for the
    /// same audits.
    pub fn shown_text(&self) -> Vec<String> {
        (0..self.rows.len() as u32)
            .filter_map(|doc| self.rows.get(doc))
            .flat_map(|row| {
                let mut texts = vec![
                    self.rows.text(row.title).to_string(),
                    self.rows.url(row),
                    self.rows.text(row.subtitle).to_string(),
                ];
                texts.extend(row.notes.iter().map(|&n| self.rows.text(n).to_string()));
                texts
            })
            .collect()
    }

    /// Bytes of the index by part and field ("termdict title", "postings body", …), for
    /// choosing what a shard holds.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn anatomy(&self) -> Vec<(String, usize)> {
        let Ok(usage) = self.searcher.space_usage() else {
            return Vec::new();
        };
        let mut parts = Vec::new();
        for segment in usage.segments() {
            let per_field = [
                ("termdict", segment.termdict()),
                ("postings", segment.postings()),
                ("fieldnorms", segment.fieldnorms()),
            ];
            for (part, fields) in per_field {
                for field in fields.fields() {
                    let name = format!("{part} {}", field.field_name());
                    parts.push((name, field.total().get_bytes() as usize));
                }
            }
            parts.push(("store".into(), segment.store().total().get_bytes() as usize));
        }
        parts
    }

    /// The synonyms the shard was built with (and that its queries use).
    pub fn synonyms(&self) -> &Synonyms {
        &self.info.synonyms
    }

    /// The best hits of this shard alone, best first. A query that cannot match gives no hits.
    pub fn search(&self, query: &str, opts: &SearchOptions) -> Vec<Hit> {
        let plan = Plan::parse(query, &self.info.synonyms, &Words(&[self]));
        let scope = Scope {
            limit: opts.limit,
            kind: opts.kind,
            chosen: opts.province,
            skip: None,
        };
        self.find(&plan, &scope).hits
    }

    /// The best hits for a plan and how many documents matched.
    pub(crate) fn find(&self, plan: &Plan, scope: &Scope) -> Found {
        let Some(built) = query::build(plan, &self.fields, scope.kind) else {
            return Found::default();
        };
        if scope.limit == 0 {
            return Found::default();
        }
        let total = Arc::new(AtomicUsize::new(0));
        let counter = total.clone();
        let (rows, boosts, names) = (self.rows.clone(), self.boosts.clone(), self.names.clone());
        let weights = Arc::new(self.names.weights(plan));
        let (chosen, skip) = (scope.chosen, scope.skip.cloned());
        let collector = TopDocs::with_limit(scope.limit).tweak_score(move |_: &_| {
            let (rows, boosts, names, weights, counter, skip) = (
                rows.clone(),
                boosts.clone(),
                names.clone(),
                weights.clone(),
                counter.clone(),
                skip.clone(),
            );
            move |doc: DocId, score: Score| {
                let row = rows.get(doc);
                let province = row.and_then(|r| r.province);
                if province.is_some_and(|p| skip.as_ref().is_some_and(|s| s.contains(&p))) {
                    return f32::NEG_INFINITY;
                }
                counter.fetch_add(1, Ordering::Relaxed);
                let boost = boosts.get(doc as usize).copied().unwrap_or(1.0);
                let elsewhere = matches!((chosen, province), (Some(c), Some(p)) if c != p);
                let place = if elsewhere { OTHER_PROVINCE } else { 1.0 };
                (score + names.bonus(doc, &weights)) * boost * place
            }
        });
        // Reading from memory cannot fail short of a damaged shard, which `open` has checked.
        let top = self.searcher.search(&built, &collector).unwrap_or_default();
        let hits = top
            .into_iter()
            .filter(|(score, _)| score.is_finite())
            .filter_map(|(score, address)| self.hit(score, address.doc_id, plan))
            .collect();
        Found {
            hits,
            total: total.load(Ordering::Relaxed),
        }
    }

    /// True when some document (of `kind`, if given) holds every query word that counts: as
    /// typed, or with a slip in a document of the province `slips_in`.
    pub(crate) fn answers_all(
        &self,
        plan: &Plan,
        kind: Option<Kind>,
        skip: Option<&BTreeSet<u32>>,
        slips_in: Option<u32>,
    ) -> bool {
        self.holds_all(plan, kind, skip, None)
            || slips_in.is_some_and(|p| self.holds_all(plan, kind, skip, Some(p)))
    }

    /// True when some document outside `skip` holds every query word that counts, as typed or,
    /// among the documents of the province `with_slips`, with a slip.
    fn holds_all(
        &self,
        plan: &Plan,
        kind: Option<Kind>,
        skip: Option<&BTreeSet<u32>>,
        with_slips: Option<u32>,
    ) -> bool {
        let Some(every) = query::every_word(plan, &self.fields, with_slips.is_some(), kind) else {
            return false;
        };
        let rows = self.rows.clone();
        let skip = skip.cloned();
        let collector = TopDocs::with_limit(1).tweak_score(move |_: &_| {
            let (rows, skip) = (rows.clone(), skip.clone());
            move |doc: DocId, score: Score| {
                let province = rows.get(doc).and_then(|r| r.province);
                let skipped =
                    province.is_some_and(|p| skip.as_ref().is_some_and(|s| s.contains(&p)));
                let elsewhere = with_slips.is_some_and(|p| province != Some(p));
                if skipped || elsewhere {
                    f32::NEG_INFINITY
                } else {
                    score
                }
            }
        });
        let top = self.searcher.search(&every, &collector).unwrap_or_default();
        top.iter().any(|(score, _)| score.is_finite())
    }

    fn hit(&self, score: Score, doc: DocId, plan: &Plan) -> Option<Hit> {
        let row: &Row = self.rows.get(doc)?;
        let title = self.rows.text(row.title).to_string();
        let subtitle = self.rows.text(row.subtitle).to_string();
        let notes = row.notes.iter().map(|&n| self.rows.text(n));
        let note = highlight::best_note(&title, &subtitle, notes, plan).map(String::from);
        let url = self.rows.url(row);
        let id = matches!(row.kind, Kind::Team | Kind::Guide)
            .then(|| last_segment(&url))
            .flatten();
        Some(Hit {
            kind: row.kind,
            highlights: highlight::ranges(&title, plan),
            title,
            url,
            score,
            subtitle,
            province: row.province,
            commune: row.commune,
            id,
            teams: row.teams,
            note,
        })
    }

    /// Whether a field holds the word. An empty shard has no segment, and no words.
    fn has_term(&self, fields: &[Field], text: &str) -> bool {
        let Some(segment) = self.searcher.segment_readers().first() else {
            return false;
        };
        fields.iter().any(|&field| {
            segment
                .inverted_index(field)
                .ok()
                .and_then(|index| index.terms().get(text.as_bytes()).ok())
                .flatten()
                .is_some()
        })
    }

    fn has_term_starting(&self, fields: &[Field], text: &str) -> bool {
        let Some(segment) = self.searcher.segment_readers().first() else {
            return false;
        };
        fields.iter().any(|&field| {
            let Ok(index) = segment.inverted_index(field) else {
                return false;
            };
            let Ok(mut stream) = index.terms().range().ge(text.as_bytes()).into_stream() else {
                return false;
            };
            stream.advance() && stream.key().starts_with(text.as_bytes())
        })
    }
}

/// The words of the shards given, for cutting words typed together.
pub(crate) struct Words<'a>(pub &'a [&'a Shard]);

impl Vocabulary for Words<'_> {
    fn has_word(&self, folded: &str) -> bool {
        self.0
            .iter()
            .any(|s| s.has_term(&s.fields.folded_text(), folded))
    }

    fn has_prefix(&self, folded: &str) -> bool {
        self.0
            .iter()
            .any(|s| s.has_term_starting(&s.fields.folded_text(), folded))
    }

    fn has_name(&self, folded: &str) -> bool {
        self.0.iter().any(|s| s.names.has(folded))
    }
}

fn last_segment(url: &str) -> Option<String> {
    let segment = url.trim_end_matches('/').rsplit('/').next()?;
    (!segment.is_empty()).then(|| segment.to_string())
}

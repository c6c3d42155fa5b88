//! The leaf queries: one term (scored with BM25 or constant), or every term an automaton accepts
//! (prefix, typo).
//!
//! tantivy's own `TermQuery` and `FuzzyTermQuery` would do, but their `Debug` output formats the
//! term, and formatting a term can format a facet, which compiles in the whole `regex` crate with
//! its Unicode tables: about 40% of the WebAssembly module. These leaves never format a term, so
//! that code is never linked. Scores are computed exactly as tantivy's term scorer does
//! (`Bm25Weight` over the segment's postings and field norms).

use std::fmt;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::SegmentPostings;
use tantivy::query::{
    AutomatonWeight, Bm25Weight, ConstScorer, EmptyScorer, EnableScoring, Explanation,
    FuzzyTermQuery, Query, Scorer, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

/// Documents containing one term.
#[derive(Clone)]
pub(crate) struct TermMatch {
    term: Term,
    /// BM25 score (over the field's length norms); otherwise every match scores the boost.
    scored: bool,
}

impl TermMatch {
    /// Matches only, every match scoring 1 (times boosts around it).
    pub(crate) fn constant(term: Term) -> TermMatch {
        TermMatch {
            term,
            scored: false,
        }
    }

    /// Matches scored with BM25 against the field.
    pub(crate) fn scored(term: Term) -> TermMatch {
        TermMatch { term, scored: true }
    }
}

impl fmt::Debug for TermMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TermMatch")
    }
}

impl Query for TermMatch {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } if self.scored => Some(Bm25Weight::for_terms(
                statistics_provider,
                std::slice::from_ref(&self.term),
            )?),
            _ => None,
        };
        let term = self.term.clone();
        Ok(Box::new(TermMatchWeight { term, bm25 }))
    }
}

struct TermMatchWeight {
    term: Term,
    bm25: Option<Bm25Weight>,
}

impl Weight for TermMatchWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let field = self.term.field();
        let postings = reader
            .inverted_index(field)?
            .read_postings(&self.term, IndexRecordOption::Basic)?;
        Ok(match (postings, &self.bm25) {
            (None, _) => Box::new(EmptyScorer),
            (Some(postings), None) => Box::new(ConstScorer::new(postings, boost)),
            (Some(postings), Some(bm25)) => Box::new(Bm25Scorer {
                postings,
                norms: reader
                    .get_fieldnorms_reader(field)
                    .unwrap_or_else(|_| FieldNormReader::constant(reader.max_doc(), 1)),
                bm25: bm25.boost_by(boost),
            }),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(
                "the document does not match".into(),
            ));
        }
        Ok(Explanation::new("term", scorer.score()))
    }
}

/// BM25 of one term, as tantivy's term scorer computes it.
struct Bm25Scorer {
    postings: SegmentPostings,
    norms: FieldNormReader,
    bm25: Bm25Weight,
}

impl DocSet for Bm25Scorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for Bm25Scorer {
    /// Shards keep no term frequencies: every word counts once, and BM25 orders documents by
    /// how rare the word is and how short the field.
    fn score(&mut self) -> Score {
        let norm = self.norms.fieldnorm_id(self.doc());
        self.bm25.score(norm, 1)
    }
}

/// Documents containing a term that starts with, or is within a few typos of, a given word.
#[derive(Clone)]
pub(crate) struct AutomatonMatch {
    term: Term,
    distance: u8,
    prefix: bool,
}

impl AutomatonMatch {
    /// Terms starting with the word.
    pub(crate) fn starts_with(term: Term) -> AutomatonMatch {
        AutomatonMatch {
            term,
            distance: 0,
            prefix: true,
        }
    }

    /// Terms within `distance` edits of the word (a swap of neighbours counts as one).
    pub(crate) fn typo(term: Term, distance: u8) -> AutomatonMatch {
        AutomatonMatch {
            term,
            distance,
            prefix: false,
        }
    }
}

impl fmt::Debug for AutomatonMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AutomatonMatch")
    }
}

impl Query for AutomatonMatch {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let term = self.term.clone();
        let fuzzy = if self.prefix {
            FuzzyTermQuery::new_prefix(term, self.distance, true)
        } else {
            FuzzyTermQuery::new(term, self.distance, true)
        };
        let automaton = fuzzy.automaton()?;
        Ok(Box::new(AutomatonWeight::new(self.term.field(), automaton)))
    }
}

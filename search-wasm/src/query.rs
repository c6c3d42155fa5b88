//! Turning a [`Plan`] into one tantivy query, built by hand (no query parser: it would cost
//! wasm size and could not express the ranking below).
//!
//! A document's score is the sum of:
//! - **coverage**, per query word: a constant for the best way the word is found, so documents
//!   matching more of the query come first. Best is exact in the title, aliases or name keys,
//!   then exact in the subtitle, then in the body; a prefix (word being typed) counts less than
//!   exact, a typo less still, so exact always beats fuzzy. A word typed with marks counts fully
//!   only where its marks match ("Dương" is not "đường"), in any tone placement. Demoted words ("tổ", "thôn", "xã")
//!   count for a fifth.
//! - **relevance**: small BM25 terms (title over aliases over subtitle over body, plus the
//!   accented fields when the word was typed with marks) that order documents covering the same
//!   words; an exact accented match ("Dương", not "đường") wins here.
//! - **all words**: a bonus when every word that is not demoted is found as typed (not as a
//!   typo), so a document
//!   with all the words beats a boosted one (a commune above its hamlets) missing some.
//! - **whole name**: the longest run of query words equal to a name key of the title (or, less,
//!   of an alias), worth more the more words it has.
//! - **phone**: a public phone equal to (or, while typing, starting with) the typed number.
//!
//! The constants are the same for every shard, which keeps scores comparable across shards.

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, Query,
};
use tantivy::schema::Field;
use tantivy::Term;

use crate::analysis::Word;
use crate::document::SearchOptions;
use crate::matching::{AutomatonMatch, TermMatch};
use crate::plan::{typo_distance, Group, Plan};
use crate::schema::Fields;

/// Coverage of one query word found exactly in the title, aliases or keys.
const COVER: f32 = 10.0;
/// Coverage factors by where the word is found.
const IN_CONTEXT: f32 = 0.8;
const IN_BODY: f32 = 0.8;
/// Coverage factors by how the word is found.
const AS_PREFIX: f32 = 0.8;
const WITH_TYPO: f32 = 0.5;
/// Coverage factor of a word typed with marks found only without them ("Dương" as "đường").
const FOLDED_ONLY: f32 = 0.7;
/// Coverage of a word standing for its expansion ("dvc" found as "dịch vụ công").
const AS_EXPANSION: f32 = 0.9;
/// Bonus when every word that is not demoted is found, however.
const ALL_WORDS: f32 = 15.0;
/// Factor for very common words.
const DEMOTED: f32 = 0.2;
/// Scale of the BM25 terms, so they order documents without outweighing coverage.
const RELEVANCE: f32 = 0.1;
/// Whole-name bonus per word of the name, for title keys and alias keys.
const NAME: f32 = 10.0;
const ALIAS_NAME: f32 = 6.0;
/// Phone found exactly / by its beginning.
const PHONE: f32 = 30.0;
const PHONE_PREFIX: f32 = 20.0;
/// Shortest prefix also looked up in bodies (shorter ones match too much there).
const BODY_PREFIX_MIN_LEN: usize = 3;

type Boxed = Box<dyn Query>;

/// The query for a plan and options; `None` when nothing can match.
pub(crate) fn build(plan: &Plan, f: &Fields, opts: &SearchOptions) -> Option<Boxed> {
    if plan.is_empty() {
        return None;
    }
    let mut clauses: Vec<Boxed> = Vec::new();
    let mut found: Vec<Boxed> = Vec::new();
    for group in &plan.groups {
        if !group.demoted {
            found.push(coverage(group, f, false));
        }
        clauses.push(coverage(group, f, true));
        clauses.extend(relevance(group, f));
    }
    if found.len() > 1 {
        let all_found = Box::new(BooleanQuery::intersection(found));
        clauses.push(constant(all_found, ALL_WORDS));
    }
    clauses.extend(names(plan, f));
    clauses.extend(phones(plan, f));
    let matching: Boxed = Box::new(BooleanQuery::union(clauses));
    let mut required = vec![(Occur::Must, matching)];
    if let Some(kind) = opts.kind {
        required.push((Occur::Must, filter(f.kind, kind.code())));
    }
    if let Some(province) = opts.province {
        required.push((Occur::Must, filter(f.province, u64::from(province))));
    }
    Some(Box::new(BooleanQuery::new(required)))
}

/// The best way one query word is found, as a constant. Without `typos`, only as typed (or as
/// its beginning): the all-words bonus is for documents holding what was asked, so a name that
/// is merely close ("Thịnh" for "trinh") cannot earn it.
fn coverage(group: &Group, f: &Fields, typos: bool) -> Boxed {
    let weight = if group.demoted {
        COVER * DEMOTED
    } else {
        COVER
    };
    let mut ways: Vec<Boxed> = Vec::new();
    match group.single() {
        Some(word) => ways.extend(single_word_ways(word, group.prefix, f, weight, typos)),
        None => ways.push(constant(all_words(&group.words, f), weight * AS_EXPANSION)),
    }
    for expansion in &group.expansions {
        ways.push(constant(all_words(expansion, f), weight * AS_EXPANSION));
    }
    Box::new(DisjunctionMaxQuery::new(ways))
}

/// Exact, prefix and typo matches of one word in each tier of fields. A word typed with marks
/// counts fully only where the marks match too.
fn single_word_ways(word: &Word, prefix: bool, f: &Fields, weight: f32, typos: bool) -> Vec<Boxed> {
    let tiers = [
        (vec![f.title, f.alias, f.key], 1.0),
        (vec![f.context], IN_CONTEXT),
        (vec![f.body], IN_BODY),
    ];
    let mut ways = Vec::new();
    let mut weight = weight;
    if word.has_marks() {
        ways.extend(accented_ways(word, prefix, f, weight));
        weight *= FOLDED_ONLY;
    }
    let distance = if typos {
        typo_distance(&word.folded)
    } else {
        0
    };
    for (fields, tier) in tiers {
        let terms = |field: &Field| Term::from_field_text(*field, &word.folded);
        let exact = fields.iter().map(|x| term(terms(x)));
        ways.push(constant(union(exact.collect()), weight * tier));
        if prefix && (tier > IN_BODY || word.folded.len() >= BODY_PREFIX_MIN_LEN) {
            let starts = fields.iter().map(|x| starts_with(terms(x)));
            ways.push(constant(union(starts.collect()), weight * tier * AS_PREFIX));
        }
        if distance > 0 {
            let typos = fields.iter().map(|x| typo(terms(x), distance));
            ways.push(constant(union(typos.collect()), weight * tier * WITH_TYPO));
        }
    }
    ways
}

/// The word with its marks, in the title or aliases.
fn accented_ways(word: &Word, prefix: bool, f: &Fields, weight: f32) -> Vec<Boxed> {
    let terms = [f.title_acc, f.alias_acc].map(|x| Term::from_field_text(x, &word.accented));
    let mut ways = vec![constant(
        union(terms.iter().cloned().map(term).collect()),
        weight,
    )];
    if prefix {
        let starts = terms.into_iter().map(starts_with).collect();
        ways.push(constant(union(starts), weight * AS_PREFIX));
    }
    ways
}

/// Documents containing every word exactly, in any text field.
fn all_words(words: &[Word], f: &Fields) -> Boxed {
    let fields = [f.title, f.alias, f.context, f.body];
    let each = words.iter().map(|w| {
        let terms = fields
            .iter()
            .map(|x| term(Term::from_field_text(*x, &w.folded)));
        union(terms.collect())
    });
    Box::new(BooleanQuery::intersection(each.collect()))
}

/// BM25 terms ordering documents that cover the same words.
fn relevance(group: &Group, f: &Fields) -> Vec<Boxed> {
    let scale = RELEVANCE * if group.demoted { DEMOTED } else { 1.0 };
    let folded = [
        (f.title, 3.0),
        (f.alias, 2.0),
        (f.context, 1.0),
        (f.body, 0.5),
    ];
    let accented = [(f.title_acc, 3.0), (f.alias_acc, 2.0)];
    let words = group.words.iter().chain(group.expansions.iter().flatten());
    let mut out = Vec::new();
    for word in words {
        for (field, weight) in folded {
            out.push(scored(
                Term::from_field_text(field, &word.folded),
                scale * weight,
            ));
        }
        if word.has_marks() {
            for (field, weight) in accented {
                out.push(scored(
                    Term::from_field_text(field, &word.accented),
                    scale * weight,
                ));
            }
        }
    }
    out
}

/// The longest whole name the query contains (or starts, while typing).
fn names(plan: &Plan, f: &Fields) -> Option<Boxed> {
    let mut ways: Vec<Boxed> = Vec::new();
    for span in &plan.spans {
        let words = span.words as f32;
        for (field, weight) in [(f.key, NAME), (f.alias_key, ALIAS_NAME)] {
            let key = Term::from_field_text(field, &span.text);
            ways.push(constant(term(key.clone()), weight * words));
            if span.prefix {
                ways.push(constant(starts_with(key), weight * words * AS_PREFIX));
            }
        }
    }
    (!ways.is_empty()).then(|| Box::new(DisjunctionMaxQuery::new(ways)) as Boxed)
}

fn phones(plan: &Plan, f: &Fields) -> Vec<Boxed> {
    let lookup = |p: &crate::plan::PhoneLookup| {
        let number = Term::from_field_text(f.phone, &p.digits);
        if p.prefix {
            constant(starts_with(number), PHONE_PREFIX)
        } else {
            constant(term(number), PHONE)
        }
    };
    plan.phones.iter().map(lookup).collect()
}

/// Keeps documents with this value, adding nothing to their score.
fn filter(field: Field, value: u64) -> Boxed {
    constant(term(Term::from_field_u64(field, value)), 0.0)
}

fn term(term: Term) -> Boxed {
    Box::new(TermMatch::constant(term))
}

fn scored(term: Term, boost: f32) -> Boxed {
    Box::new(BoostQuery::new(Box::new(TermMatch::scored(term)), boost))
}

fn starts_with(term: Term) -> Boxed {
    Box::new(AutomatonMatch::starts_with(term))
}

fn typo(term: Term, distance: u8) -> Boxed {
    Box::new(AutomatonMatch::typo(term, distance))
}

fn union(queries: Vec<Boxed>) -> Boxed {
    Box::new(BooleanQuery::union(queries))
}

fn constant(query: Boxed, score: f32) -> Boxed {
    Box::new(ConstScoreQuery::new(query, score))
}

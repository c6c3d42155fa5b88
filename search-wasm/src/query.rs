//! Turning a [`Plan`] into one tantivy query, built by hand (no query parser: it would cost
//! wasm size and could not express the ranking below).
//!
//! A document matches when it holds at least one query word that is not a very common one
//! ("thôn", "xã" alone find nothing); its score is the sum of:
//! - **coverage**, per query word: a constant for the best way the word is found, so documents
//!   matching more of the query come first. Best is exact in the title, aliases or name keys,
//!   then in the context (where the thing is: a team's commune), then in the body, then in the
//!   wider and older names of where it is (the province, the pre-2025 communes and districts); a prefix (word being typed) counts less than exact, a typo less still,
//!   so exact always beats fuzzy. A word typed with marks counts fully only where its marks
//!   match ("Dương" is not "đường"), in any tone placement. Demoted words ("tổ", "thôn", "xã")
//!   count for a fifth.
//! - **relevance**: small BM25 terms (title over aliases, plus the accented title when the word
//!   was typed with marks) that order documents covering the same words.
//! - **all words**: a bonus when every word that is not demoted is found, a larger one when
//!   found as typed (not as a typo), so a team holding every word of "khe cat quang la" beats
//!   its commune, which holds two.
//! - **whole names** (added beside the index, see [`crate::names`]): the longest run of query
//!   words equal to a whole name of the title (or, less, of an alias), and the longest equal
//!   to a whole name of the context ("quang la" for a team of Xã Quảng La).
//!
//! The constants are the same for every shard, which keeps scores comparable across shards.

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, Query,
};
use tantivy::schema::Field;
use tantivy::Term;

use crate::analysis::Word;
use crate::document::Kind;
use crate::matching::{AutomatonMatch, TermMatch};
use crate::plan::{typo_distance, Group, Plan};
use crate::schema::Fields;

/// Coverage of one query word found exactly in the title, aliases or keys.
pub(crate) const COVER: f32 = 10.0;
/// Coverage factors by where the word is found.
pub(crate) const IN_CONTEXT: f32 = 0.8;
pub(crate) const IN_AROUND: f32 = 0.5;
const IN_BODY: f32 = 0.8;
/// Coverage factors by how the word is found.
pub(crate) const AS_PREFIX: f32 = 0.8;
pub(crate) const WITH_TYPO: f32 = 0.5;
/// Coverage factor of a word typed with marks found only without them ("Dương" as "đường").
pub(crate) const FOLDED_ONLY: f32 = 0.7;
/// Coverage of a word standing for its expansion ("dvc" found as "dịch vụ công").
pub(crate) const AS_EXPANSION: f32 = 0.9;
/// Bonus when every word that is not demoted is found however (typos included), and the
/// further bonus when every one is found as typed.
pub(crate) const ALL_WORDS_LOOSE: f32 = 10.0;
pub(crate) const ALL_WORDS: f32 = 15.0;
/// Factor for very common words.
pub(crate) const DEMOTED: f32 = 0.2;
/// Scale of the BM25 terms, so they order documents without outweighing coverage.
const RELEVANCE: f32 = 0.1;
/// Shortest prefix also looked up outside titles (shorter ones match too much there).
const LONG_PREFIX: usize = 3;

type Boxed = Box<dyn Query>;

/// The query for a plan's words; `None` when nothing can match. (Phone numbers are looked up
/// in the national phone list, see [`crate::phones`].)
pub(crate) fn build(plan: &Plan, f: &Fields, kind: Option<Kind>) -> Option<Boxed> {
    let matching = matching(plan, f)?;
    let mut clauses = vec![(Occur::Must, matching)];
    let should = plan
        .groups
        .iter()
        .filter(|g| g.demoted && has_content(plan))
        .map(|g| coverage(g, f, true))
        .chain(plan.groups.iter().flat_map(|g| relevance(g, f)))
        .chain(all_words(plan, f));
    clauses.extend(should.map(|q| (Occur::Should, q)));
    if let Some(kind) = kind {
        clauses.push((Occur::Must, filter(f.kind, kind.code())));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// Documents (of `kind`, if given) holding every word that is not demoted, found as typed or
/// (with `typos`) with a slip: the documents that answer the whole query. `None` when the query
/// has no such word.
pub(crate) fn every_word(
    plan: &Plan,
    f: &Fields,
    typos: bool,
    kind: Option<Kind>,
) -> Option<Boxed> {
    let mut found: Vec<Boxed> = content_groups(plan)
        .map(|g| coverage(g, f, typos))
        .collect();
    if found.is_empty() {
        return None;
    }
    found.extend(kind.map(|kind| filter(f.kind, kind.code())));
    Some(Box::new(BooleanQuery::intersection(found)))
}

/// What a document must hold to match at all, scored with its coverage: one of the words
/// that are not demoted (or any word, when all are).
fn matching(plan: &Plan, f: &Fields) -> Option<Boxed> {
    let content = has_content(plan);
    let ways: Vec<Boxed> = plan
        .groups
        .iter()
        .filter(|g| !content || !g.demoted)
        .map(|g| coverage(g, f, true))
        .collect();
    (!ways.is_empty()).then(|| Box::new(BooleanQuery::union(ways)) as Boxed)
}

fn has_content(plan: &Plan) -> bool {
    content_groups(plan).next().is_some()
}

fn content_groups(plan: &Plan) -> impl Iterator<Item = &Group> {
    plan.groups.iter().filter(|g| !g.demoted)
}

/// The two all-words bonuses, when the query has more than one word that counts.
fn all_words(plan: &Plan, f: &Fields) -> Vec<Boxed> {
    if content_groups(plan).count() < 2 {
        return Vec::new();
    }
    let every = |typos| {
        let each = content_groups(plan)
            .map(|g| coverage(g, f, typos))
            .collect();
        Box::new(BooleanQuery::intersection(each)) as Boxed
    };
    vec![
        constant(every(true), ALL_WORDS_LOOSE),
        constant(every(false), ALL_WORDS),
    ]
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
        None => ways.push(constant(
            every_text_word(&group.words, f),
            weight * AS_EXPANSION,
        )),
    }
    for expansion in &group.expansions {
        ways.push(constant(
            every_text_word(expansion, f),
            weight * AS_EXPANSION,
        ));
    }
    if typos {
        for near in &group.near {
            ways.push(constant(
                every_text_word(std::slice::from_ref(near), f),
                weight * WITH_TYPO,
            ));
        }
    }
    Box::new(DisjunctionMaxQuery::new(ways))
}

/// Exact, prefix and typo matches of one word in each tier of fields. A word typed with marks
/// counts fully only where the marks match too.
fn single_word_ways(word: &Word, prefix: bool, f: &Fields, weight: f32, typos: bool) -> Vec<Boxed> {
    // (fields, weight, whether a beginning of one or two letters counts there, whether a slip
    // does). Short beginnings only in titles: elsewhere they would match too much. Slips only
    // in names of the thing and of its place: a member called Hùng must not make a team of
    // any commune the answer to "hhung" typed for Xã Quang Hưng.
    let tiers = [
        (vec![f.title, f.alias], 1.0, true, true),
        (vec![f.context], IN_CONTEXT, false, true),
        (vec![f.body], IN_BODY, false, false),
        (vec![f.around], IN_AROUND, false, false),
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
    for (text, tier, short_prefix, slips) in tiers {
        let terms = |field: &Field| Term::from_field_text(*field, &word.folded);
        let exact = text.iter().map(|x| term(terms(x)));
        ways.push(constant(union(exact.collect()), weight * tier));
        if prefix && (short_prefix || word.folded.len() >= LONG_PREFIX) {
            let starts = text.iter().map(|x| starts_with(terms(x)));
            ways.push(constant(union(starts.collect()), weight * tier * AS_PREFIX));
        }
        if distance > 0 && slips {
            let near = text.iter().map(|x| typo(terms(x), distance));
            ways.push(constant(union(near.collect()), weight * tier * WITH_TYPO));
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
fn every_text_word(words: &[Word], f: &Fields) -> Boxed {
    let fields = [f.title, f.alias, f.context, f.around, f.body];
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
    let words = group.words.iter().chain(group.expansions.iter().flatten());
    let mut out = Vec::new();
    for word in words {
        for (field, weight) in [(f.title, 3.0), (f.alias, 2.0)] {
            let folded = Term::from_field_text(field, &word.folded);
            out.push(scored(folded, scale * weight));
        }
        if word.has_marks() {
            let accented = Term::from_field_text(f.title_acc, &word.accented);
            out.push(scored(accented, scale * 3.0));
        }
    }
    out
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

//! The index schema, defined once for the writer and every reader.
//!
//! Text is indexed twice where an exact accented match should rank first (title, aliases): once
//! folded, once accented. Everything is indexed with term frequencies but without positions:
//! exact multi-word names are matched through whole-name key terms instead of phrase queries,
//! which keeps shards about a third smaller. Only what a result row shows is stored. There are no
//! fast fields: document boosts travel beside the index (see [`crate::boosts`]), which keeps the
//! column readers out of the WebAssembly module.

// The browser only reads shards: the writing half is unused there (and removed by LTO).
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED,
};

use crate::error::SearchError;

/// Name of the tokenizer emitting folded words (registered by the writer).
pub(crate) const FOLDED: &str = "ngo_folded";
/// Name of the tokenizer emitting accented words.
pub(crate) const ACCENTED: &str = "ngo_accented";

/// Handles to every field of a shard.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    /// Title, folded; stores the NFC title.
    pub title: Field,
    /// Title, accented.
    pub title_acc: Field,
    /// Aliases, folded.
    pub alias: Field,
    /// Aliases, accented.
    pub alias_acc: Field,
    /// Subtitle, folded; stores the subtitle.
    pub context: Field,
    /// Body, folded.
    pub body: Field,
    /// Whole names of the title, folded: "thon khe cat", "khe cat".
    pub key: Field,
    /// Whole names of the aliases (their part before the first comma).
    pub alias_key: Field,
    /// Public phones, national digits.
    pub phone: Field,
    pub kind: Field,
    pub province: Field,
    pub commune: Field,
    pub url: Field,
    pub id: Field,
    pub note: Field,
}

impl Fields {
    /// The schema every shard of this format uses.
    pub(crate) fn schema() -> Schema {
        let mut b = Schema::builder();
        b.add_text_field(
            "title",
            text(FOLDED, IndexRecordOption::WithFreqs).set_stored(),
        );
        b.add_text_field("title_acc", text(ACCENTED, IndexRecordOption::WithFreqs));
        b.add_text_field("alias", text(FOLDED, IndexRecordOption::WithFreqs));
        b.add_text_field("alias_acc", text(ACCENTED, IndexRecordOption::WithFreqs));
        b.add_text_field(
            "context",
            text(FOLDED, IndexRecordOption::WithFreqs).set_stored(),
        );
        // Bodies are long and their words common (member names, roles): without term
        // frequencies their postings are about half the size, and coverage ignores them anyway.
        b.add_text_field("body", text(FOLDED, IndexRecordOption::Basic));
        b.add_text_field("key", keyword());
        b.add_text_field("alias_key", keyword());
        b.add_text_field("phone", keyword());
        b.add_u64_field("kind", NumericOptions::default().set_indexed().set_stored());
        b.add_u64_field(
            "province",
            NumericOptions::default().set_indexed().set_stored(),
        );
        b.add_u64_field("commune", STORED);
        b.add_text_field("url", STORED);
        b.add_text_field("id", STORED);
        b.add_text_field("note", STORED);
        b.build()
    }

    /// Finds every field in a shard's schema; a missing one means a foreign or damaged shard.
    pub(crate) fn from_schema(schema: &Schema) -> Result<Fields, SearchError> {
        let get = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| SearchError::Damaged("a schema field is missing"))
        };
        Ok(Fields {
            title: get("title")?,
            title_acc: get("title_acc")?,
            alias: get("alias")?,
            alias_acc: get("alias_acc")?,
            context: get("context")?,
            body: get("body")?,
            key: get("key")?,
            alias_key: get("alias_key")?,
            phone: get("phone")?,
            kind: get("kind")?,
            province: get("province")?,
            commune: get("commune")?,
            url: get("url")?,
            id: get("id")?,
            note: get("note")?,
        })
    }
}

fn text(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(record);
    TextOptions::default().set_indexing_options(indexing)
}

/// A field of whole terms, matched exactly, that never takes part in length normalisation.
fn keyword() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("raw")
        .set_index_option(IndexRecordOption::Basic)
        .set_fieldnorms(false);
    TextOptions::default().set_indexing_options(indexing)
}

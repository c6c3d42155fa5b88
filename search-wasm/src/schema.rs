//! The index schema, defined once for the writer and every reader.
//!
//! Text is indexed twice where an exact accented match should rank first (title, aliases): once
//! folded, once accented. Nothing is indexed with positions or term frequencies: exact
//! multi-word names are matched through whole-name keys beside the index (see
//! [`crate::names`]) instead of phrase queries. Nothing
//! is stored: what a result row shows is in the row table beside the index (see
//! [`crate::rows`]), and there are no fast fields (document boosts travel beside the index too,
//! see [`crate::boosts`]), which keeps the document store and column readers out of the
//! WebAssembly module.

// The browser only reads shards: the writing half is unused there (and removed by LTO).
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};

use crate::error::SearchError;

/// Name of the tokenizer emitting folded words (registered by the writer).
pub(crate) const FOLDED: &str = "ngo_folded";
/// Name of the tokenizer emitting accented words.
pub(crate) const ACCENTED: &str = "ngo_accented";

/// Handles to every field of a shard.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    /// Title, folded.
    pub title: Field,
    /// Title, accented.
    pub title_acc: Field,
    /// Aliases, folded.
    pub alias: Field,
    /// Aliases, accented.
    pub alias_acc: Field,
    /// Where the thing is (a team's commune, a commune's province), folded.
    pub context: Field,
    /// Wider and older names of where it is, folded.
    pub around: Field,
    /// Body, folded.
    pub body: Field,
    pub kind: Field,
}

impl Fields {
    /// The schema every shard of this format uses.
    pub(crate) fn schema() -> Schema {
        let mut b = Schema::builder();
        b.add_text_field("title", text(FOLDED, true));
        b.add_text_field("title_acc", text(ACCENTED, true));
        b.add_text_field("alias", text(FOLDED, true));
        b.add_text_field("alias_acc", text(ACCENTED, false));
        b.add_text_field("context", text(FOLDED, false));
        b.add_text_field("around", text(FOLDED, false));
        b.add_text_field("body", text(FOLDED, false));
        b.add_u64_field("kind", NumericOptions::default().set_indexed());
        b.build()
    }

    /// Finds every field in a shard's schema; a missing one means a foreign or damaged shard.
    pub(crate) fn from_schema(schema: &Schema) -> Result<Fields, SearchError> {
        let get = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| SearchError::Damaged("thiếu một trường của lược đồ"))
        };
        Ok(Fields {
            title: get("title")?,
            title_acc: get("title_acc")?,
            alias: get("alias")?,
            alias_acc: get("alias_acc")?,
            context: get("context")?,
            around: get("around")?,
            body: get("body")?,
            kind: get("kind")?,
        })
    }

    /// The folded text fields a word of the index can be in, for splitting words typed
    /// together.
    pub(crate) fn folded_text(&self) -> [Field; 5] {
        [self.title, self.alias, self.context, self.around, self.body]
    }
}

/// Documents only: positions and term frequencies are never used, and length norms only
/// where BM25 orders documents that cover the same words (titles and aliases).
fn text(tokenizer: &str, norms: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::Basic)
        .set_fieldnorms(norms);
    TextOptions::default().set_indexing_options(indexing)
}

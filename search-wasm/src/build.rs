//! Writing a shard: documents → a single-segment tantivy index → one reproducible blob.
//!
//! tantivy names a segment's files after a random UUID and records it in `meta.json`; nothing
//! inside the segment files refers to it. So after indexing in memory, every segment file is
//! renamed to a fixed id and `meta.json` is rewritten with it, which makes the same documents
//! give byte-identical shards (sites are rebuilt in CI and compared; hosts cache by hash).
//! Indexing runs on one thread with merges off and a budget large enough that the writer never
//! flushes early, so documents keep their input order in one segment.

use std::path::Path;

use tantivy::directory::RamDirectory;
use tantivy::indexer::NoMergePolicy;
use tantivy::store::Compressor;
use tantivy::{Directory, Index, IndexSettings, TantivyDocument};

use crate::analysis::nfc;
use crate::boosts::{self, BOOSTS_FILE};
use crate::container::pack;
use crate::document::Document;
use crate::error::SearchError;
use crate::rows::{self, ROWS_FILE};
use crate::schema::Fields;
use crate::shard::{ShardInfo, INFO_FILE};
use crate::synonyms::Synonyms;
use crate::tokenizer;

/// The segment id every shard uses in place of tantivy's random one.
const FIXED_SEGMENT_ID: &str = "00000000000000000000000000000000";

/// Indexing memory; far above any shard's needs, so the writer makes exactly one segment.
const WRITER_MEMORY: usize = 1_000_000_000;

/// Builds one shard from documents, indexed in the given order.
///
/// The same documents and synonyms always give the same bytes.
pub fn build_shard(docs: &[Document], synonyms: &Synonyms) -> Result<Vec<u8>, SearchError> {
    let directory = RamDirectory::create();
    let index = create_index(&directory, synonyms)?;
    write_documents(&index, docs)?;
    let mut files = index_files(&index, &directory, docs.len())?;
    let info = ShardInfo {
        docs: docs.len() as u64,
        synonyms: synonyms.clone(),
    };
    files.push((INFO_FILE.to_string(), serde_json::to_vec(&info)?));
    let boosts: Vec<f32> = docs.iter().map(|d| d.boost).collect();
    files.push((BOOSTS_FILE.to_string(), boosts::encode(&boosts)));
    files.push((ROWS_FILE.to_string(), rows::encode(&normalised(docs))));
    files.sort();
    Ok(pack(&files))
}

/// Documents with their shown text in NFC, the form highlights index into.
fn normalised(docs: &[Document]) -> Vec<Document> {
    docs.iter()
        .map(|d| Document {
            title: nfc(&d.title),
            subtitle: nfc(&d.subtitle),
            notes: d.notes.iter().map(|n| nfc(n)).collect(),
            aliases: d.aliases.iter().map(|n| nfc(n)).collect(),
            context: d.context.iter().map(|n| nfc(n)).collect(),
            around: d.around.iter().map(|n| nfc(n)).collect(),
            ..d.clone()
        })
        .collect()
}

fn create_index(directory: &RamDirectory, synonyms: &Synonyms) -> Result<Index, SearchError> {
    let settings = IndexSettings {
        docstore_compression: Compressor::None,
        docstore_compress_dedicated_thread: false,
        ..IndexSettings::default()
    };
    let index = Index::builder()
        .schema(Fields::schema())
        .settings(settings)
        .open_or_create(directory.clone())?;
    tokenizer::register(index.tokenizers(), synonyms);
    Ok(index)
}

fn write_documents(index: &Index, docs: &[Document]) -> Result<(), SearchError> {
    let fields = Fields::from_schema(&index.schema())?;
    let mut writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    for doc in docs {
        writer.add_document(tantivy_document(doc, &fields))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

fn tantivy_document(doc: &Document, f: &Fields) -> TantivyDocument {
    let mut out = TantivyDocument::new();
    let title = nfc(&doc.title);
    out.add_text(f.title_acc, &title);
    out.add_text(f.title, title);
    for alias in &doc.aliases {
        out.add_text(f.alias, alias);
        out.add_text(f.alias_acc, alias);
    }
    for place in &doc.context {
        out.add_text(f.context, place);
    }
    for place in &doc.around {
        out.add_text(f.around, place);
    }
    out.add_text(f.body, &doc.body);
    out.add_u64(f.kind, doc.kind.code());
    out
}

/// The index's files under fixed names, with `meta.json` rewritten to match.
fn index_files(
    index: &Index,
    directory: &RamDirectory,
    docs: usize,
) -> Result<Vec<(String, Vec<u8>)>, SearchError> {
    let metas = index.load_metas()?;
    let random_id = match metas.segments.as_slice() {
        [] => FIXED_SEGMENT_ID.to_string(), // no documents, no segment
        [segment] => segment.id().uuid_string(),
        _ => return Err(SearchError::TooLarge { docs }),
    };
    let mut files = Vec::new();
    let mut paths: Vec<_> = metas.list_segment_files().into_iter().collect();
    paths.sort();
    for path in paths {
        if !directory.exists(&path).unwrap_or(false) {
            continue;
        }
        let name = path
            .to_string_lossy()
            .replacen(&random_id, FIXED_SEGMENT_ID, 1);
        files.push((name, read(directory, &path)?));
    }
    let meta = String::from_utf8_lossy(&read(directory, Path::new("meta.json"))?)
        .replace(&random_id, FIXED_SEGMENT_ID)
        .replace(&hyphenated(&random_id), &hyphenated(FIXED_SEGMENT_ID));
    files.push(("meta.json".to_string(), meta.into_bytes()));
    Ok(files)
}

/// A simple UUID string ("a5c4…") in the hyphenated form serde writes ("a5c4dfcb-dfe6-…").
fn hyphenated(simple: &str) -> String {
    [
        &simple[..8],
        &simple[8..12],
        &simple[12..16],
        &simple[16..20],
        &simple[20..],
    ]
    .join("-")
}

fn read(directory: &RamDirectory, path: &Path) -> Result<Vec<u8>, SearchError> {
    let slice = directory
        .open_read(path)
        .map_err(|e| SearchError::Index(e.into()))?;
    let bytes = slice
        .read_bytes()
        .map_err(|e| SearchError::Index(e.into()))?;
    Ok(bytes.as_slice().to_vec())
}

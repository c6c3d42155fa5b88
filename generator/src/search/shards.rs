//! Writing the shards and the manifest: content-hashed names, three forms of each file, and
//! nothing made again that the previous build already made from the same documents.

use std::collections::BTreeMap;

use ngo_search::{
    build_hamlets, build_shard, province_shard, Document, Synonyms, FORMER, GUIDES, HAMLETS, PLACES,
};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::compress;
use super::documents;
use super::manifest::{Manifest, Packed, ShardEntry, MANIFEST, SEARCH_DIR};
use super::phones::write_phone_list;
use super::SearchError;
use crate::fingerprint::Fingerprint;
use crate::model::{Province, Site};
use crate::output::Sink;
use crate::render::theme::ThemeAssets;

/// Builds every shard in parallel and writes them with the manifest.
pub fn write_index(site: &Site, sink: &dyn Sink) -> Result<Manifest, SearchError> {
    let synonyms = synonyms(site);
    let national = [
        (PLACES, documents::places as fn(&Site) -> Vec<Document>),
        (FORMER, documents::former),
        (GUIDES, |site: &Site| documents::guides(&site.guides)),
        (HAMLETS, documents::hamlets),
    ];
    let mut shards: BTreeMap<String, ShardEntry> = national
        .par_iter()
        .map(|(name, docs)| {
            Ok((
                name.to_string(),
                write_shard(name, &docs(site), &synonyms, sink)?,
            ))
        })
        .collect::<Result<_, SearchError>>()?;
    // A province without teams has nothing to find in its shard: it is left out.
    let provinces = site
        .provinces
        .par_iter()
        .filter(|p| p.team_count() > 0)
        .map(|p| {
            Ok((
                province_shard(p.unit.code),
                write_province(p, &synonyms, sink)?,
            ))
        })
        .collect::<Result<Vec<_>, SearchError>>()?;
    shards.extend(provinces);
    let manifest = Manifest {
        format: ngo_search::FORMAT_VERSION,
        engine: ThemeAssets::get().search().engine,
        shards,
        phones: write_phone_list(site, sink)?,
    };
    sink.write(MANIFEST, &manifest.to_json())?;
    Ok(manifest)
}

fn synonyms(site: &Site) -> Synonyms {
    Synonyms::builtin().merged(&site.config.synonyms)
}

fn write_province(
    province: &Province,
    synonyms: &Synonyms,
    sink: &dyn Sink,
) -> Result<ShardEntry, SearchError> {
    let name = province_shard(province.unit.code);
    let mut entry = write_shard(&name, &documents::province(province), synonyms, sink)?;
    entry.name = Some(province.unit.name.clone());
    Ok(entry)
}

fn write_shard(
    name: &str,
    docs: &[Document],
    synonyms: &Synonyms,
    sink: &dyn Sink,
) -> Result<ShardEntry, SearchError> {
    // A shard is made from its documents and the synonyms alone (and the engine's version, in
    // the program's fingerprint): with both unchanged the previous shard files are the same.
    let task = format!("shard:{name}");
    let made_from = Fingerprint::new("shard")
        .str(name)
        .value(synonyms)
        .value(docs)
        .finish();
    if let Some(recalled) = sink.recall(&task, made_from) {
        if let Ok(entry) = serde_json::from_str::<ShardEntry>(&recalled.note) {
            return Ok(entry);
        }
    }
    let built = if name == HAMLETS {
        build_hamlets(docs, synonyms)
    } else {
        build_shard(docs, synonyms)
    };
    let bytes = built.map_err(|source| SearchError::Shard {
        shard: name.to_string(),
        source,
    })?;
    let hash = short_hash(&bytes);
    let packed = write_packed(&format!("{SEARCH_DIR}{name}.{hash}.shard"), &bytes, sink)?;
    let entry = ShardEntry {
        packed,
        documents: docs.len(),
        name: None,
    };
    let note = serde_json::to_string(&entry).expect("a shard entry serialises");
    let p = &entry.packed;
    let files = [
        p.file.clone(),
        format!("{}.br", p.file),
        format!("{}.gz", p.file),
    ];
    sink.remember(&task, made_from, &files, &note);
    Ok(entry)
}

/// Writes a file raw and as brotli and gzip (`.br`, `.gz` added to the name).
fn write_packed(file: &str, bytes: &[u8], sink: &dyn Sink) -> Result<Packed, SearchError> {
    let (br, gz) = rayon::join(|| compress::brotli(bytes), || compress::gzip(bytes));
    sink.write(file, bytes)?;
    sink.write(&format!("{file}.br"), &br)?;
    sink.write(&format!("{file}.gz"), &gz)?;
    Ok(Packed {
        file: file.to_string(),
        bytes: bytes.len(),
        br: br.len(),
        gz: gz.len(),
    })
}

/// The first eight hex digits of the bytes' SHA-256.
fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

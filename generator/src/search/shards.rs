//! The search index: the site as search documents, split into shards a browser loads lazily.
//!
//! - `places`: provinces and communes;
//! - `former`: every pre-2025 commune as a pointer to the commune(s) that took it over (with
//!   "trước đây: …" shown), so old addresses still find their team;
//! - `guides`: every guide;
//! - one shard per province: its hamlet teams (names, roles, meeting place, public phones only).
//!
//! Shard files carry a content hash in their names so hosts can cache them forever;
//! `search/manifest.json` lists them with sizes and hashes.

use std::collections::{BTreeMap, BTreeSet};

use ngo_search::{build_shard, Document, Kind, SearchError, Synonyms};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::fingerprint::Fingerprint;
use crate::model::{Commune, Guide, Province, Site, Team};
use crate::output::Sink;
use crate::units::{self, ProvinceUnit};
use crate::urls;

/// Where shards and the manifest go, site-relative.
pub const SEARCH_DIR: &str = "search/";

/// One written shard, as listed in the manifest.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ShardEntry {
    /// Site-relative file name, e.g. `search/p22.3f2a9c1d.shard`.
    pub file: String,
    pub bytes: usize,
    pub sha256: String,
    pub documents: usize,
}

/// `search/manifest.json`: what the browser reads first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub places: ShardEntry,
    /// Pre-2025 communes; needed for old addresses, not for the first results.
    pub former: ShardEntry,
    pub guides: ShardEntry,
    /// By province code; only provinces with at least one team.
    pub provinces: BTreeMap<u32, ProvinceShard>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProvinceShard {
    pub name: String,
    #[serde(flatten)]
    pub shard: ShardEntry,
}

/// Why the index could not be written.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("không dựng được chỉ mục tìm kiếm {shard}: {source}")]
    Search {
        shard: String,
        #[source]
        source: SearchError,
    },
    #[error("không ghi được chỉ mục tìm kiếm: {0}")]
    Io(#[from] std::io::Error),
}

/// Builds every shard in parallel and writes them with the manifest.
pub fn write_index(site: &Site, sink: &dyn Sink) -> Result<Manifest, IndexError> {
    let synonyms = Synonyms::builtin().merged(&site.config.synonyms);
    let places = write_shard("places", &place_documents(site), &synonyms, sink)?;
    let former = write_shard("former", &former_documents(site), &synonyms, sink)?;
    let guides = write_shard("guides", &guide_documents(&site.guides), &synonyms, sink)?;
    // A province without teams has nothing to find in its shard: it is left out of the manifest.
    let provinces = site
        .provinces
        .par_iter()
        .filter(|p| p.team_count() > 0)
        .map(|p| Ok((p.unit.code, province_shard(p, &synonyms, sink)?)))
        .collect::<Result<BTreeMap<_, _>, IndexError>>()?;
    let manifest = Manifest {
        format: ngo_search::FORMAT_VERSION,
        places,
        former,
        guides,
        provinces,
    };
    write_manifest(&manifest, sink)?;
    Ok(manifest)
}

/// Rebuilds only what an edit touched (the preview server): the shards of the given provinces
/// and, with them, `places` (its communes show team counts); `guides` if asked; then the
/// manifest. Untouched shards keep their files and entries from `previous`.
pub fn update_index(
    site: &Site,
    sink: &dyn Sink,
    previous: &Manifest,
    provinces: &BTreeSet<u32>,
    guides: bool,
) -> Result<Manifest, IndexError> {
    let synonyms = Synonyms::builtin().merged(&site.config.synonyms);
    let mut manifest = previous.clone();
    if !provinces.is_empty() {
        manifest.places = write_shard("places", &place_documents(site), &synonyms, sink)?;
    }
    if guides {
        let docs = guide_documents(&site.guides);
        manifest.guides = write_shard("guides", &docs, &synonyms, sink)?;
    }
    for province in site
        .provinces
        .iter()
        .filter(|p| provinces.contains(&p.unit.code))
    {
        if province.team_count() == 0 {
            manifest.provinces.remove(&province.unit.code);
            continue;
        }
        let entry = province_shard(province, &synonyms, sink)?;
        manifest.provinces.insert(province.unit.code, entry);
    }
    write_manifest(&manifest, sink)?;
    Ok(manifest)
}

/// Writes one province's team shard.
fn province_shard(
    province: &Province,
    synonyms: &Synonyms,
    sink: &dyn Sink,
) -> Result<ProvinceShard, IndexError> {
    let name = format!("p{}", province.unit.code);
    let shard = write_shard(&name, &team_documents(province), synonyms, sink)?;
    Ok(ProvinceShard {
        name: province.unit.name.clone(),
        shard,
    })
}

fn write_manifest(manifest: &Manifest, sink: &dyn Sink) -> Result<(), IndexError> {
    let json = serde_json::to_vec_pretty(manifest).expect("the manifest serialises");
    sink.write(&format!("{SEARCH_DIR}manifest.json"), &json)?;
    Ok(())
}

fn write_shard(
    name: &str,
    docs: &[Document],
    synonyms: &Synonyms,
    sink: &dyn Sink,
) -> Result<ShardEntry, IndexError> {
    // A shard is made from its documents and the synonyms alone (and the engine's version, in
    // the program's fingerprint): with both unchanged the previous shard file is the same.
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
    let bytes = build_shard(docs, synonyms).map_err(|source| IndexError::Search {
        shard: name.to_string(),
        source,
    })?;
    let sha256: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let file = format!("{SEARCH_DIR}{name}.{}.shard", &sha256[..8]);
    sink.write(&file, &bytes)?;
    let entry = ShardEntry {
        file,
        bytes: bytes.len(),
        sha256,
        documents: docs.len(),
    };
    let note = serde_json::to_string(&entry).expect("a shard entry serialises");
    sink.remember(&task, made_from, std::slice::from_ref(&entry.file), &note);
    Ok(entry)
}

/// Provinces and communes by their current names; each province also by the pre-2025 provinces
/// merged into it.
pub fn place_documents(site: &Site) -> Vec<Document> {
    let mut docs = Vec::new();
    for province in &site.provinces {
        let mut doc = Document::new(
            Kind::Place,
            &province.unit.name,
            urls::province(province.unit),
        );
        doc.subtitle = format!("{} xã, phường", province.communes.len());
        doc.province = Some(province.unit.code);
        doc.boost = 1.3;
        let old_provinces: BTreeSet<&str> = province
            .communes
            .iter()
            .flat_map(|c| units::official().predecessors(c.unit.code))
            .map(|old| old.province.as_str())
            .filter(|&name| name != province.unit.name)
            .collect();
        for old in old_provinces {
            doc.aliases.push(old.to_string());
            doc.notes.push(format!("trước đây: {}", lower_first(old)));
        }
        docs.push(doc);
        for commune in &province.communes {
            docs.push(commune_document(province.unit, commune));
        }
    }
    docs
}

/// Every pre-2025 commune as a way to the commune(s) that took it over, with "trước đây: …"
/// shown. Where an old commune was split, each successor gets an entry, so all are offered.
///
/// They are a shard of their own: there are three old communes for every new one, and the
/// browser shows the first results from `places` while this one is still on its way.
pub fn former_documents(site: &Site) -> Vec<Document> {
    let mut docs = Vec::new();
    for province in &site.provinces {
        for commune in &province.communes {
            for old in units::official().predecessors(commune.unit.code) {
                let mut doc = commune_document(province.unit, commune);
                doc.aliases = vec![format!("{}, {}, {}", old.name, old.district, old.province)];
                let part = if old.partly { " (một phần)" } else { "" };
                doc.notes = vec![format!(
                    "trước đây: {}, {}{part}",
                    lower_first(&old.name),
                    old.district
                )];
                doc.boost = 1.0;
                docs.push(doc);
            }
        }
    }
    docs
}

fn commune_document(province: &ProvinceUnit, commune: &Commune) -> Document {
    let mut doc = Document::new(
        Kind::Place,
        &commune.unit.name,
        urls::commune(province, commune.unit),
    );
    let teams = commune.teams().len();
    doc.subtitle = if teams > 0 {
        format!("{}, {teams} tổ công nghệ số", province.name)
    } else {
        province.name.clone()
    };
    doc.province = Some(province.code);
    doc.commune = Some(commune.unit.code);
    doc.boost = 1.2;
    doc
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn guide_documents(guides: &[Guide]) -> Vec<Document> {
    guides
        .iter()
        .map(|g| {
            let mut doc = Document::new(Kind::Guide, &g.title, urls::guide(&g.slug));
            doc.subtitle = g.summary.clone();
            doc.body = g.plain_text.clone();
            doc.aliases = g.tags.clone();
            doc.aliases.push(g.skill.title().to_string());
            doc.id = Some(g.slug.clone());
            doc
        })
        .collect()
}

fn team_documents(province: &Province) -> Vec<Document> {
    province
        .communes
        .iter()
        .flat_map(|c| {
            c.teams()
                .iter()
                .map(move |t| team_document(province.unit, c, t))
        })
        .collect()
}

fn team_document(province: &ProvinceUnit, commune: &Commune, team: &Team) -> Document {
    let mut doc = Document::new(
        Kind::Team,
        &team.hamlet,
        urls::team(province, commune.unit, &team.id),
    );
    // The province is the shard's own, shown by the page from the manifest: naming it in every
    // team would index its words thousands of times over in the shard a visitor loads first.
    doc.subtitle = commune.unit.name.clone();
    // Names find a member; roles ("tổ trưởng", "thành viên") are in nearly every team and would
    // only make the shard bigger. The title and its keys already hold the hamlet's kind.
    let mut body: Vec<&str> = Vec::new();
    body.extend(team.members.iter().filter_map(|m| m.name.as_deref()));
    body.extend(team.meeting.as_deref());
    doc.body = body.join(" · ");
    doc.phones = team
        .members
        .iter()
        .filter_map(|m| m.phone.as_ref())
        .map(|p| p.national().to_string())
        .collect();
    doc.province = Some(province.code);
    doc.commune = Some(commune.unit.code);
    doc.id = Some(team.id.clone());
    doc
}

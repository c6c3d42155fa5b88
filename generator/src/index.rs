//! The search index: the site as search documents, split into shards a browser loads lazily.
//!
//! - `places`: provinces, communes, and every pre-2025 commune as a pointer to the commune(s)
//!   that took it over (with "trước đây: …" shown), so old addresses still find their team;
//! - `guides`: every guide;
//! - one shard per province: its hamlet teams (names, roles, meeting place, public phones only).
//!
//! Shard files carry a content hash in their names so hosts can cache them forever;
//! `search/manifest.json` lists them with sizes and hashes.

use std::collections::BTreeMap;

use ngo_search::{build_shard, Document, Kind, SearchError, Synonyms};
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{Commune, Guide, Province, Site, Team};
use crate::output::Sink;
use crate::units::{self, OldCommune, ProvinceUnit};
use crate::urls;

/// Where shards and the manifest go, site-relative.
pub const SEARCH_DIR: &str = "search/";

/// One written shard, as listed in the manifest.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ShardEntry {
    /// Site-relative file name, e.g. `search/p22.3f2a9c1d.shard`.
    pub file: String,
    pub bytes: usize,
    pub sha256: String,
    pub documents: usize,
}

/// `search/manifest.json`: what the browser reads first.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub format: u32,
    pub places: ShardEntry,
    pub guides: ShardEntry,
    /// By province code; only provinces with at least one team.
    pub provinces: BTreeMap<u32, ProvinceShard>,
}

#[derive(Debug, Clone, Serialize)]
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
    let guides = write_shard("guides", &guide_documents(&site.guides), &synonyms, sink)?;
    // A province without teams has nothing to find in its shard: it is left out of the manifest.
    let provinces = site
        .provinces
        .par_iter()
        .filter(|p| p.team_count() > 0)
        .map(|p| {
            let shard = write_shard(
                &format!("p{}", p.unit.code),
                &team_documents(p),
                &synonyms,
                sink,
            )?;
            Ok((
                p.unit.code,
                ProvinceShard {
                    name: p.unit.name.clone(),
                    shard,
                },
            ))
        })
        .collect::<Result<BTreeMap<_, _>, IndexError>>()?;
    let manifest = Manifest {
        format: ngo_search::FORMAT_VERSION,
        places,
        guides,
        provinces,
    };
    let json = serde_json::to_vec_pretty(&manifest).expect("the manifest serialises");
    sink.write(&format!("{SEARCH_DIR}manifest.json"), &json)?;
    Ok(manifest)
}

/// Rebuilds only one province's shard (the preview server after a commune edit).
pub fn province_shard(
    site: &Site,
    province: &Province,
    sink: &dyn Sink,
) -> Result<ShardEntry, IndexError> {
    let synonyms = Synonyms::builtin().merged(&site.config.synonyms);
    write_shard(
        &format!("p{}", province.unit.code),
        &team_documents(province),
        &synonyms,
        sink,
    )
}

fn write_shard(
    name: &str,
    docs: &[Document],
    synonyms: &Synonyms,
    sink: &dyn Sink,
) -> Result<ShardEntry, IndexError> {
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
    Ok(ShardEntry {
        file,
        bytes: bytes.len(),
        sha256,
        documents: docs.len(),
    })
}

/// Provinces, communes, and pre-2025 communes pointing at their successors.
pub fn place_documents(site: &Site) -> Vec<Document> {
    let mut docs = Vec::new();
    for province in &site.provinces {
        let mut doc = Document::new(
            Kind::Place,
            &province.unit.name,
            urls::province(province.unit),
        );
        doc.subtitle = format!("{} xã, phường", province.communes.len());
        doc.aliases.push(province.unit.short_name.clone());
        doc.province = Some(province.unit.code);
        doc.boost = 1.3;
        docs.push(doc);
        for commune in &province.communes {
            docs.push(commune_document(province.unit, commune));
            for old in units::official().predecessors(commune.unit.code) {
                docs.push(former_document(province.unit, commune, old));
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
    doc.aliases.push(commune.unit.short_name.clone());
    doc.province = Some(province.code);
    doc.commune = Some(commune.unit.code);
    doc.boost = 1.2;
    doc
}

/// A pre-2025 commune as a search entry that lands on the commune that took it over.
fn former_document(province: &ProvinceUnit, commune: &Commune, old: &OldCommune) -> Document {
    let mut doc = commune_document(province, commune);
    doc.aliases = vec![format!("{}, {}, {}", old.name, old.district, old.province)];
    let part = if old.partly { " (một phần)" } else { "" };
    doc.note = Some(format!(
        "trước đây: {}, {}{part}",
        lower_first(&old.name),
        old.district
    ));
    doc.boost = 1.0;
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
    doc.subtitle = format!("{}, {}", commune.unit.name, province.name);
    let mut body: Vec<&str> = Vec::new();
    for member in &team.members {
        body.extend(member.name.as_deref());
        body.extend(member.role.as_deref());
    }
    body.extend(team.meeting.as_deref());
    body.push(&team.kind);
    doc.body = body.join(" · ");
    doc.aliases = vec![format!("{} {}", commune.unit.name, team.hamlet)];
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

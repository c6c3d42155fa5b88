//! `ngo search`: query a built portal's shards natively, with the same engine the browser runs.
//!
//! The engine says which shards a query needs (see `ngo_search::Engine`); here they are read
//! from disk as the browser's worker would fetch them, so `ngo search --province 22 "…"` shows
//! what a citizen who chose Quảng Ninh sees, and without `--province` what a first visitor sees.

use std::path::{Path, PathBuf};

use ngo_search::phones::vcard_holds;
use ngo_search::{Answer, Engine, Hit, Kind, PhoneMatch, SearchOptions};

use super::manifest::Manifest;
use super::SearchError;
use crate::units::{self, UnitRef};

/// Rounds of "load what the answer needs, then ask again" before the answer stands: the
/// engine asks for at most three kinds of shards (always, named provinces, whole query).
const MAX_ROUNDS: usize = 4;

/// What to look for.
#[derive(Debug, Clone)]
pub struct Query {
    pub text: String,
    /// The province a citizen chose, by code or name.
    pub province: Option<String>,
    pub kind: Option<Kind>,
    pub limit: usize,
}

/// A portal's shards on disk, opened as the engine asks for them.
pub struct Portal {
    site: PathBuf,
    manifest: Manifest,
    engine: Engine,
}

impl Portal {
    /// Reads the manifest of the portal built in `site`.
    pub fn open(site: &Path) -> Result<Portal, SearchError> {
        let manifest = Manifest::read(site)?;
        let mut engine = Engine::new();
        engine.offer(manifest.shards.keys().cloned());
        if let Some(phones) = &manifest.phones {
            engine.offer_phones(phones.bits);
        }
        Ok(Portal {
            site: site.to_path_buf(),
            manifest,
            engine,
        })
    }

    /// The answer once every shard it needs is loaded, with the teams found by a typed phone
    /// number confirmed against their contact cards and put first.
    pub fn answer(&mut self, text: &str, options: &SearchOptions) -> Result<Answer, SearchError> {
        let mut answer = self.engine.answer(text, options);
        for _ in 0..MAX_ROUNDS {
            if answer.needs.is_empty() {
                break;
            }
            for name in &answer.needs {
                self.load(name)?;
            }
            answer = self.engine.answer(text, options);
        }
        let confirmed: Vec<Hit> = std::mem::take(&mut answer.phones)
            .into_iter()
            .filter(|m| self.confirmed(m))
            .map(|m| m.hit)
            .collect();
        answer
            .hits
            .retain(|h| !confirmed.iter().any(|c| c.url == h.url));
        answer.hits.splice(0..0, confirmed);
        answer.hits.truncate(options.limit);
        Ok(answer)
    }

    fn confirmed(&self, found: &PhoneMatch) -> bool {
        std::fs::read_to_string(self.site.join(&found.vcard))
            .is_ok_and(|card| vcard_holds(&card, &found.number))
    }

    /// Names of the shards loaded so far.
    pub fn loaded(&self) -> Vec<String> {
        self.engine.names()
    }

    fn load(&mut self, name: &str) -> Result<(), SearchError> {
        let file = match (self.manifest.shards.get(name), &self.manifest.phones) {
            (Some(entry), _) => entry.packed.file.clone(),
            (None, Some(phones)) if name.starts_with("tel-") => {
                format!("{}{name}.json", phones.dir)
            }
            _ => return Ok(()),
        };
        let path = self.site.join(file);
        let bytes = std::fs::read(&path).map_err(|source| SearchError::ShardFile {
            path: path.clone(),
            source,
        })?;
        self.engine
            .open(name, &bytes)
            .map_err(|source| SearchError::ShardOpen { path, source })
    }
}

/// Runs the query on the portal in `site` (a built output folder).
pub fn run(site: &Path, query: &Query) -> Result<Vec<Hit>, SearchError> {
    let province = match &query.province {
        Some(p) => Some(
            units::official()
                .resolve_province(UnitRef::Name(p))
                .map_err(|e| SearchError::Province(e.to_string()))?
                .code,
        ),
        None => None,
    };
    let options = SearchOptions {
        limit: query.limit,
        kind: query.kind,
        province,
    };
    Ok(Portal::open(site)?.answer(&query.text, &options)?.hits)
}

/// One line per hit, for people.
pub fn print_hits(hits: &[Hit]) {
    if hits.is_empty() {
        println!("Không tìm thấy kết quả nào.");
    }
    for (i, hit) in hits.iter().enumerate() {
        let kind = match hit.kind {
            Kind::Team => "tổ",
            Kind::Guide => "hướng dẫn",
            Kind::Place => "địa danh",
        };
        let teams = hit
            .teams
            .map_or_else(String::new, |n| format!(", {n} tổ công nghệ số"));
        println!(
            "{:>2}. [{kind}] {} — {}{teams}  /{}",
            i + 1,
            hit.title,
            hit.subtitle,
            hit.url
        );
        if let Some(note) = &hit.note {
            println!("    {note}");
        }
    }
}

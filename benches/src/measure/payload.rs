//! The search's bytes: every shard and the engine in the forms the build writes, and what a
//! visitor downloads before the first result — on a host that compresses nothing and on one
//! that serves brotli.
//!
//! Before the first result a visitor who chose a province needs the page and worker scripts,
//! the search manifest, the engine, `places`, `guides` and the province's shard. Shards and
//! engine are sent in the brotli form the build wrote (the worker decompresses them), so they
//! cost the same on both hosts; the scripts and the manifest are sent raw by a host that
//! compresses nothing.

use std::path::Path;

use anyhow::{Context, Result};
use ngo::search::{Manifest, Packed};

use super::sizes::{self, Sized};
use super::targets::{Figure, Target, Unit};

const KB: f64 = 1024.0;

/// Budgets of the first search, in KB: (host compresses nothing, brotli host).
const MEDIAN_BUDGET: (f64, f64) = (650.0, 420.0);
const LARGEST_BUDGET: (f64, f64) = (800.0, 520.0);

/// Province shards picked for measuring: (which, shard name).
pub type Picks = Vec<(String, String)>;

/// Figures, and the province shards picked as smallest, median and largest (by raw size).
pub fn figures(site: &Path) -> Result<(Vec<Figure>, Picks)> {
    let manifest = sizes::read_manifest(site)?;
    let order = sizes::provinces_by_size(&manifest);
    let picks = [
        ("smallest", order.first()),
        ("median", order.get((order.len().max(1) - 1) / 2)),
        ("largest", order.last()),
    ]
    .into_iter()
    .map(|(label, name)| {
        Ok((
            label.to_string(),
            name.context("no province shard")?.clone(),
        ))
    })
    .collect::<Result<Vec<_>>>()?;
    let mut figures = Vec::new();
    for name in ["places", "guides", "former", "hamlets"] {
        if let Some(entry) = manifest.shards.get(name) {
            figures.push(packed_figure(&format!("shard {name}"), &entry.packed, None));
        }
    }
    for (label, name) in &picks {
        let entry = &manifest.shards[name];
        let province = entry.name.clone().unwrap_or_default();
        let title = format!("shard province, {label} ({name} {province})");
        figures.push(packed_figure(&title, &entry.packed, None));
    }
    let engine = Some(Target::with_stretch(400.0, 300.0));
    figures.push(packed_figure("wasm engine", &manifest.engine, engine));
    let scripts = Scripts::measure(site)?;
    figures.extend(scripts.figures());
    for (label, name) in picks.iter().skip(1) {
        let budget = if label == "largest" {
            LARGEST_BUDGET
        } else {
            MEDIAN_BUDGET
        };
        figures.extend(first_search(&manifest, &scripts, label, name, budget));
    }
    figures.extend(every_province(&manifest));
    Ok((figures, picks))
}

fn packed_figure(name: &str, p: &Packed, target: Option<Target>) -> Figure {
    let mut figure =
        Figure::new(format!("{name}, brotli"), p.br as f64 / KB, Unit::KiB).note(format!(
            "raw {:.0} KB, gzip {:.0} KB (written by the build)",
            p.bytes as f64 / KB,
            p.gz as f64 / KB
        ));
    if let Some(t) = target {
        figure = figure.target(t);
    }
    figure
}

/// The scripts and manifest a first search loads, which hosts send as they are.
struct Scripts {
    page: Sized,
    worker: Sized,
    manifest: Sized,
}

impl Scripts {
    fn measure(site: &Path) -> Result<Scripts> {
        let assets = site.join("assets");
        Ok(Scripts {
            page: sizes::measure(&sizes::hashed_asset(&assets, "search.", "js")?)?,
            worker: sizes::measure(&sizes::hashed_asset(&assets, "search-worker.", "js")?)?,
            manifest: sizes::measure(&site.join(ngo::search::MANIFEST))?,
        })
    }

    fn figures(&self) -> Vec<Figure> {
        [
            ("page script", &self.page),
            ("worker script", &self.worker),
            ("search manifest", &self.manifest),
        ]
        .into_iter()
        .map(|(name, s)| {
            Figure::new(format!("{name}, raw"), s.raw as f64 / KB, Unit::KiB)
                .note(format!("brotli {:.1} KB", s.brotli as f64 / KB))
        })
        .collect()
    }

    fn raw(&self) -> usize {
        self.page.raw + self.worker.raw + self.manifest.raw
    }

    fn brotli(&self) -> usize {
        self.page.brotli + self.worker.brotli + self.manifest.brotli
    }
}

fn first_search(
    manifest: &Manifest,
    scripts: &Scripts,
    label: &str,
    province: &str,
    (plain_budget, brotli_budget): (f64, f64),
) -> Vec<Figure> {
    let shard_bytes = |name: &str| manifest.shards.get(name).map_or(0, |e| e.packed.br);
    let search = manifest.engine.br + shard_bytes("places") + shard_bytes("guides");
    let search = search + shard_bytes(province);
    let note = "scripts + manifest + engine + places + guides + province; shards and engine \
                in the build's brotli form";
    vec![
        Figure::new(
            format!(
                "bytes to first result, {label} province ({province}), host compresses nothing"
            ),
            (scripts.raw() + search) as f64 / KB,
            Unit::KiB,
        )
        .target(Target::at_most(plain_budget))
        .note(note),
        Figure::new(
            format!("bytes to first result, {label} province ({province}), brotli host"),
            (scripts.brotli() + search) as f64 / KB,
            Unit::KiB,
        )
        .target(Target::at_most(brotli_budget))
        .note(note),
    ]
}

/// Every province's shard: what each province's visitors download.
fn every_province(manifest: &Manifest) -> Vec<Figure> {
    manifest
        .shards
        .iter()
        .filter(|(name, _)| name.starts_with('p'))
        .map(|(name, entry)| {
            let province = entry.name.clone().unwrap_or_default();
            Figure::new(
                format!("shard {name} {province}, brotli"),
                entry.packed.br as f64 / KB,
                Unit::KiB,
            )
            .note(format!(
                "raw {:.0} KB, {} teams",
                entry.packed.bytes as f64 / KB,
                entry.documents
            ))
        })
        .collect()
}

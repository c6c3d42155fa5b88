//! Native query latency of the search engine on the shards a visitor loads first.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use ngo::search::Manifest;
use ngo_search::{Engine, SearchOptions, Shard};

use super::stats::percentile_ms;

/// The query set shared with `benches/wasm-latency.mjs`: every list of strings, flattened.
pub fn load_queries(path: &Path) -> Result<Vec<String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let groups: BTreeMap<String, serde_json::Value> = serde_json::from_str(&text)?;
    Ok(groups
        .values()
        .filter_map(|v| v.as_array())
        .flatten()
        .filter_map(|q| q.as_str().map(str::to_string))
        .collect())
}

#[derive(Debug, Clone)]
pub struct Latency {
    pub load_ms: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub runs: usize,
    /// Queries with at least one hit, out of the set.
    pub with_hits: usize,
}

/// Opens the shards (places, guides and one province's, as a visitor who chose that province
/// has them), then runs every query `rounds` times through the engine.
pub fn native(site: &Path, province: &str, queries: &[String], rounds: usize) -> Result<Latency> {
    let manifest = Manifest::read(site)?;
    let code: u32 = province.trim_start_matches('p').parse()?;
    let started = Instant::now();
    let mut engine = Engine::new();
    engine.offer(manifest.shards.keys().cloned());
    for name in ["places", "guides", province] {
        let entry = manifest
            .shards
            .get(name)
            .context("shard missing from the manifest")?;
        let path = site.join(&entry.packed.file);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let shard = Shard::open(&bytes).with_context(|| format!("opening {}", path.display()))?;
        engine.add(name, shard);
    }
    let load_ms = started.elapsed().as_secs_f64() * 1000.0;
    let opts = SearchOptions {
        limit: 10,
        kind: None,
        province: Some(code),
    };
    let with_hits = queries
        .iter()
        .filter(|q| !engine.answer(q, &opts).hits.is_empty())
        .count();
    let mut times: Vec<Duration> = Vec::with_capacity(queries.len() * rounds);
    for _ in 0..rounds {
        for query in queries {
            let started = Instant::now();
            let answer = engine.answer(query, &opts);
            times.push(started.elapsed());
            std::hint::black_box(answer);
        }
    }
    Ok(Latency {
        load_ms,
        p50_ms: percentile_ms(&times, 0.5).unwrap_or(f64::NAN),
        p95_ms: percentile_ms(&times, 0.95).unwrap_or(f64::NAN),
        runs: times.len(),
        with_hits,
    })
}

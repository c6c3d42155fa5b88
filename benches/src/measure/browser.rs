//! The first-result measurement in headless Chromium (`tests/browser/first-result.mjs`), and a
//! query for it taken from the generated content.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;

/// One moment measured by `first-result.mjs`.
#[derive(Debug, Clone, Deserialize)]
pub struct FirstResult {
    pub ms: f64,
    pub bytes: f64,
    pub requests: f64,
    pub rounds: f64,
    pub later_bytes: f64,
}

/// The three moments on one kind of host: typed at once on a cold page, typed after 3 s on
/// the page, and on a later visit with the browser's cache.
#[derive(Debug, Clone, Deserialize)]
pub struct Moments {
    pub cold: FirstResult,
    pub idle: FirstResult,
    pub later: FirstResult,
}

/// What `first-result.mjs` prints: a host that compresses nothing, and one that sends brotli.
#[derive(Debug, Clone, Deserialize)]
pub struct FirstResults {
    pub plain: Moments,
    pub brotli: Moments,
}

/// DevTools' Slow 4G preset, which `first-result.mjs` applies: 180 KB/s down, 562.5 ms latency.
const SLOW_4G_BYTES_PER_MS: f64 = 180.0 * 1024.0 / 1000.0;
const SLOW_4G_LATENCY_MS: f64 = 562.5;

/// Whether `ms` is possible for `bytes` under Slow 4G (one round trip plus the transfer at full
/// speed). A faster result means the throttle did not apply to the requests, e.g. because a
/// service worker fetched them outside the throttled page.
pub fn throttle_applied(ms: f64, bytes: f64) -> bool {
    ms >= SLOW_4G_LATENCY_MS + bytes / SLOW_4G_BYTES_PER_MS
}

/// The content folder holding the teams of `province` (its files say `province: CODE`).
fn province_dir(site: &Path, province: &str) -> Result<PathBuf> {
    let wanted = format!("province: {province}\n");
    for entry in std::fs::read_dir(site.join("teams"))? {
        let dir = entry?.path();
        let Some(Ok(file)) = std::fs::read_dir(&dir)?.next() else {
            continue;
        };
        if std::fs::read_to_string(file.path())?.contains(&wanted) {
            return Ok(dir);
        }
    }
    Err(anyhow!("no team folder for province {province}"))
}

/// Named hamlets of a province ("Ấp Tấn Mỹ" rather than "Ấp 1"), in file order.
fn hamlets(dir: &Path) -> Result<Vec<String>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut names = Vec::new();
    for file in files.iter().take(40) {
        for line in std::fs::read_to_string(file)?.lines() {
            let Some(name) = line
                .trim()
                .strip_prefix("- hamlet: \"")
                .and_then(|r| r.strip_suffix('"'))
            else {
                continue;
            };
            let last = name.rsplit(' ').next().unwrap_or("");
            if !last.chars().all(|c| c.is_ascii_digit()) {
                names.push(name.to_string());
            }
        }
    }
    Ok(names)
}

/// A hamlet of `province` whose name, typed as a query, brings a team of that exact title into
/// the first three results (checked with `ngo search`, which answers as the browser does).
pub fn pick_query(ngo: &Path, content: &Path, site: &Path, province: &str) -> Result<String> {
    for name in hamlets(&province_dir(content, province)?)?
        .into_iter()
        .take(20)
    {
        let out = Command::new(ngo)
            .args([
                "search",
                "--json",
                "--limit",
                "3",
                "--province",
                province,
                "--site",
            ])
            .arg(site)
            .arg(&name)
            .output()?;
        let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
        if hits
            .iter()
            .any(|h| h["title"].as_str() == Some(name.as_str()))
        {
            return Ok(name);
        }
    }
    bail!("no hamlet of province {province} is found by its own name")
}

pub fn first_result(repo: &Path, site: &Path, province: &str, query: &str) -> Result<FirstResults> {
    let script = repo.join("tests/browser/first-result.mjs");
    let out = Command::new("node")
        .arg(&script)
        .arg(site)
        .args([province, query, query])
        .current_dir(repo.join("tests/browser"))
        .output()
        .context("running node")?;
    if !out.status.success() {
        bail!(
            "first-result.mjs failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .ok_or_else(|| anyhow!("no JSON from first-result.mjs"))?;
    Ok(serde_json::from_str(line)?)
}

//! `search-eval`: the search evaluation on a built national portal, quickly, without the rest
//! of the benchmark (which reports the same figures).
//!
//! ```text
//! cargo run --release -p ngo-bench --bin search-eval -- --content DIR --site OUT
//!     [--seed 2026] [--per-category 60] [--write cases.json] [--misses]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;
use ngo_bench::eval::{self, Category};

/// Generate the evaluation queries from a content folder and answer them on its built portal.
#[derive(Parser)]
struct Args {
    /// The content folder (the national dataset).
    #[arg(long)]
    content: PathBuf,
    /// The portal built from it.
    #[arg(long)]
    site: PathBuf,
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    #[arg(long, default_value_t = 60)]
    per_category: usize,
    /// Also write the queries as JSON, each with the first three pages `ngo search` shows
    /// (for the browser test, which types them into the real page).
    #[arg(long)]
    write: Option<PathBuf>,
    /// Print every query whose team was not in the first three.
    #[arg(long)]
    misses: bool,
    /// First write the portal's search index again from the content (only the search files:
    /// quicker than a whole build when trying a change to the search).
    #[arg(long)]
    index: bool,
    /// Only answer this query (with --province, as chosen), showing the shards it loaded.
    #[arg(long)]
    query: Option<String>,
    #[arg(long)]
    province: Option<u32>,
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<()> {
    let site = eval::load_content(&args.content)?;
    if args.index {
        ngo::search::write_index(&site, &Folder(args.site.clone()))?;
    }
    if let Some(query) = &args.query {
        return show(args, query);
    }
    let cases = eval::generate(&site, args.seed, args.per_category);
    let started = std::time::Instant::now();
    let evaluation = eval::evaluate(&args.site, &cases)?;
    let seconds = started.elapsed().as_secs_f64();
    if let Some(path) = &args.write {
        let listed: Vec<serde_json::Value> = cases
            .iter()
            .zip(&evaluation.shown)
            .map(|(case, shown)| {
                let mut value = serde_json::to_value(case).unwrap_or_default();
                value["native"] = serde_json::json!(shown);
                value["label"] = serde_json::json!(case.category.label());
                value
            })
            .collect();
        std::fs::write(path, serde_json::to_vec_pretty(&listed)?)?;
    }
    let scores = evaluation.scores;
    println!(
        "{:<40} {:>5} {:>7} {:>7} {:>7}",
        "category", "n", "S@1", "S@3", "MRR"
    );
    for (category, score) in &scores {
        let label = category.map_or("all", Category::label);
        println!(
            "{label:<40} {:>5} {:>7.3} {:>7.3} {:>7.3}",
            score.cases,
            score.success_at_1(),
            score.success_at_3(),
            score.mrr()
        );
    }
    println!("{} queries in {seconds:.1} s", cases.len());
    if args.misses {
        for (category, score) in scores.iter().filter(|(c, _)| c.is_some()) {
            for (query, expected, shown) in &score.misses {
                let label = category.map_or("", Category::label);
                println!(
                    "[{label}] {query}   → /{expected}\n    {}",
                    shown.join(" | ")
                );
            }
        }
    }
    Ok(())
}

fn show(args: &Args, query: &str) -> Result<()> {
    let mut portal = ngo::search::cli::Portal::open(&args.site)?;
    let options = ngo_search::SearchOptions {
        limit: 10,
        kind: None,
        province: args.province,
    };
    let answer = portal.answer(query, &options)?;
    println!("loaded: {}", portal.loaded().join(", "));
    for hit in &answer.hits {
        println!(
            "{:7.2}  {} — {}  /{}",
            hit.score, hit.title, hit.subtitle, hit.url
        );
    }
    Ok(())
}

/// Writes the search files straight into the built portal (a quick way to try a change to the
/// index; `ngo build` remains the way to make a portal).
struct Folder(PathBuf);

impl ngo::output::Sink for Folder {
    fn write(&self, relative: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.0.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)
    }
}

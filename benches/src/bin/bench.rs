//! `bench`: builds the national dataset with a release `ngo` and compares what it measures with
//! the project's targets.
//!
//! ```text
//! cargo run --release -p ngo-bench --bin bench -- [--teams 93524[,374096]] [--data DIR]
//!     [--skip-browser] [--peers [--peer-runs N]] [--write BENCHMARKS.md]
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};
use clap::Parser;
use ngo_bench::measure::build_run::{self, BuildRun};
use ngo_bench::measure::targets::{table, Figure, Target, Unit};
use ngo_bench::measure::{
    browser, guide_images, latency, machine, payload, peers, reload, report, serve, stats,
};
use ngo_bench::national::{self, Options};

/// Measure build time, memory, search payload and latency, and the preview (start, stop,
/// edit-to-reload) at national scale.
#[derive(Parser)]
struct Args {
    /// Team counts to build, comma-separated; with two, the second is checked for linear scaling.
    #[arg(long, value_delimiter = ',', default_value = "93524")]
    teams: Vec<u64>,
    /// Where datasets and builds live (default: /dev/shm/ngo-bench, or bench-data/).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Skip the headless-Chromium first-result measurement.
    #[arg(long)]
    skip_browser: bool,
    /// Also write the report as Markdown to this file.
    #[arg(long)]
    write: Option<PathBuf>,
    /// Times the query set is run for the latency figures.
    #[arg(long, default_value_t = 30)]
    rounds: usize,
    /// Also build the first size with Hugo, index that with Pagefind, and report the ratios.
    #[arg(long)]
    peers: bool,
    /// Runs of each peer with --peers; the median is reported.
    #[arg(long, default_value_t = 1)]
    peer_runs: usize,
    /// Runs of each build (cold, and unchanged rebuild at the first size); the median is
    /// reported, as for the peers in the project's issue.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Edits timed in the preview, of four kinds in turn (a commune file every other one).
    #[arg(long, default_value_t = 24)]
    edits: usize,
    /// Measure only the preview (`ngo serve`), after the cold builds it is compared with.
    #[arg(long)]
    only_preview: bool,
    /// Also build the first size with this many of its guides written as steps with six
    /// 1080×2400 screenshots each: cold image work, nothing encoded on a rebuild, and the page
    /// budget of such a guide on a phone.
    #[arg(long, default_value_t = 0)]
    guides_with_images: usize,
}

const KB: f64 = 1024.0;
const MB: f64 = 1024.0 * 1024.0;

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn data_root(args: &Args) -> PathBuf {
    args.data.clone().unwrap_or_else(|| {
        if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm/ngo-bench")
        } else {
            repo_root().join("bench-data")
        }
    })
}

/// Builds `ngo` in release and returns its path, as cargo reports it (honours CARGO_TARGET_DIR).
fn build_ngo() -> Result<PathBuf> {
    eprintln!("building ngo (release)…");
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "-p", "ngo", "--message-format=json"])
        .current_dir(repo_root())
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("running cargo build")?;
    if !out.status.success() {
        bail!("cargo build --release -p ngo failed");
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "ngo")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .context("cargo did not report the ngo executable")
}

/// The content folder for `teams`, generated unless an earlier complete run left it.
fn dataset(root: &Path, teams: u64) -> Result<PathBuf> {
    let dir = root.join(format!("national-{teams}"));
    let done = root.join(format!("national-{teams}.done"));
    if !done.exists() {
        eprintln!("generating {teams} teams into {}…", dir.display());
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let options = Options {
            out: dir.clone(),
            teams,
            seed: 2025,
            guides: 300,
            guides_with_images: 0,
            private_phones: None,
            threads,
        };
        national::generate(&options)?;
        std::fs::write(&done, "")?;
    }
    Ok(dir)
}

/// Builds of one dataset: from scratch, again with nothing changed, and after one edit.
struct Builds {
    /// The median of the cold runs.
    cold: BuildRun,
    /// Wall times of every cold run, in order.
    cold_walls: Vec<f64>,
    warm: Vec<BuildRun>,
    /// A rebuild after one commune file was edited, with that file's site-relative path.
    edit: Option<(BuildRun, String)>,
}

/// `runs` cold builds, each into an empty folder; then, with `rebuilds`, `runs` more over the
/// last one with nothing changed and one after editing a commune file (put back afterwards).
fn builds(ngo: &Path, site: &Path, out: &Path, runs: usize, rebuilds: bool) -> Result<Builds> {
    let mut colds = Vec::new();
    for i in 0..runs.max(1) {
        if out.exists() {
            std::fs::remove_dir_all(out)?;
        }
        // What an earlier build keeps beside its output (its record of the files, the parsed
        // commune files) would make this build a partly warm one.
        for kept in beside(out) {
            std::fs::remove_file(kept)?;
        }
        eprintln!(
            "cold build {}/{} of {}…",
            i + 1,
            runs.max(1),
            site.display()
        );
        colds.push(build_run::build(ngo, site, out)?);
    }
    let cold_walls = colds.iter().map(|r| r.wall.as_secs_f64()).collect();
    let cold = median_run(colds);
    let warm = if rebuilds {
        (0..runs.max(1))
            .map(|_| {
                eprintln!("warm build…");
                build_run::build(ngo, site, out)
            })
            .collect::<Result<Vec<_>>>()?
    } else {
        Vec::new()
    };
    let edit = if rebuilds {
        Some(edited_build(ngo, site, out)?)
    } else {
        None
    };
    Ok(Builds {
        cold,
        cold_walls,
        warm,
        edit,
    })
}

/// Files `ngo build` keeps next to the output folder `out` (`.out.ngo-…`).
fn beside(out: &Path) -> Vec<PathBuf> {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return Vec::new();
    };
    let prefix = format!(".{}.ngo-", name.to_string_lossy());
    std::fs::read_dir(parent)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default()
}

/// The run with the median wall time (the slower middle one of an even count).
fn median_run(mut runs: Vec<BuildRun>) -> BuildRun {
    runs.sort_by_key(|r| r.wall);
    let middle = runs.len() / 2;
    runs.swap_remove(middle)
}

fn seconds_list(walls: &[f64]) -> String {
    walls
        .iter()
        .map(|w| format!("{w:.2}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Renames the first team's meeting place in the first commune file of `teams/an-giang/`,
/// rebuilds, then puts the file back and rebuilds again (not measured) so later steps see the
/// dataset as generated.
fn edited_build(ngo: &Path, site: &Path, out: &Path) -> Result<(BuildRun, String)> {
    let folder = site.join("teams/an-giang");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .with_context(|| format!("listing {}", folder.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let file = files.first().context("no commune file to edit")?;
    let original = std::fs::read_to_string(file)?;
    let edited = original.replacen("meeting: \"", "meeting: \"(đã đổi) ", 1);
    if edited == original {
        bail!("{} has no meeting place to edit", file.display());
    }
    std::fs::write(file, edited)?;
    eprintln!("rebuild after editing {}…", file.display());
    let run = build_run::build(ngo, site, out);
    std::fs::write(file, &original)?;
    build_run::build(ngo, site, out)?;
    let relative = file
        .strip_prefix(site)
        .unwrap_or(file)
        .display()
        .to_string();
    Ok((run?, relative))
}

fn build_figures(teams: u64, builds: &Builds, national: bool) -> Vec<Figure> {
    let (cold, warm) = (&builds.cold, &builds.warm);
    let tag = |what: &str| format!("{what} ({teams} teams)");
    let secs = cold.wall.as_secs_f64();
    let mut full = Figure::new(tag("full build, cold"), secs, Unit::Seconds);
    let mut rss = Figure::new(
        tag("peak RSS, cold build"),
        cold.peak_rss_bytes as f64 / MB,
        Unit::MiB,
    );
    if national {
        full = full.target(Target::with_stretch(12.0, 7.0));
        rss = rss.target(Target::at_most(1024.0));
    }
    if builds.cold_walls.len() > 1 {
        full = full.note(format!(
            "median of {} runs: {} s",
            builds.cold_walls.len(),
            seconds_list(&builds.cold_walls)
        ));
        rss = rss.note("of the median run");
    }
    let mut figures = vec![full, rss];
    if !warm.is_empty() {
        let walls: Vec<f64> = warm.iter().map(|w| w.wall.as_secs_f64()).collect();
        let mut sorted = walls.clone();
        sorted.sort_by(f64::total_cmp);
        let warm_secs = sorted[sorted.len() / 2];
        let warm_rss = warm.iter().map(|w| w.peak_rss_bytes).max().unwrap_or(0);
        let written = warm
            .iter()
            .filter_map(|w| w.rebuild)
            .map(|r| r.written)
            .max()
            .unwrap_or(0);
        let mut rebuild = Figure::new(tag("rebuild, nothing changed"), warm_secs, Unit::Seconds)
            .note(format!(
                "median of {} runs: {} s; peak RSS {:.0} MB; files written: {written}",
                warm.len(),
                seconds_list(&walls),
                warm_rss as f64 / MB
            ));
        if national {
            rebuild = rebuild.target(Target::at_most(3.0));
        }
        figures.push(rebuild);
    }
    if let Some((run, file)) = &builds.edit {
        let changed = run.rebuild.map_or_else(
            || "no rebuild summary".to_string(),
            |r| format!("{} files written, {} kept", r.written, r.kept),
        );
        figures.push(
            Figure::new(
                tag("rebuild, one commune edited"),
                run.wall.as_secs_f64(),
                Unit::Seconds,
            )
            .note(format!("{file}; {changed}")),
        );
    }
    figures.push(
        Figure::new(
            tag("pages per second"),
            cold.pages as f64 / secs,
            Unit::PerSecond,
        )
        .note(format!("{} pages", cold.pages)),
    );
    figures.push(Figure::new(
        tag("files written"),
        cold.files as f64,
        Unit::Count,
    ));
    figures.push(Figure::new(
        tag("bytes written"),
        cold.bytes as f64 / MB,
        Unit::MiB,
    ));
    for (step, ms) in &cold.steps {
        figures.push(Figure::new(
            tag(&format!("step: {step}")),
            *ms,
            Unit::Millis,
        ));
    }
    figures.push(Figure::new(
        tag("time per team"),
        secs * 1000.0 / teams as f64,
        Unit::Millis,
    ));
    figures.push(Figure::new(
        tag("memory per team"),
        cold.peak_rss_bytes as f64 / KB / teams as f64,
        Unit::KiB,
    ));
    figures
}

fn latency_figures(site: &Path, repo: &Path, province: &str, rounds: usize) -> Result<Vec<Figure>> {
    let queries = latency::load_queries(&repo.join("benches/queries.json"))?;
    let native = latency::native(site, province, &queries, rounds)?;
    let note = format!(
        "{} runs, {}/{} queries with hits",
        native.runs,
        native.with_hits,
        queries.len()
    );
    let mut figures = vec![
        Figure::new(
            "native: open places + guides + largest province",
            native.load_ms,
            Unit::Millis,
        ),
        Figure::new("native query p50", native.p50_ms, Unit::Millis).note(note.clone()),
        Figure::new("native query p95", native.p95_ms, Unit::Millis)
            .target(Target::at_most(2.0))
            .note(note),
    ];
    let out = Command::new("node")
        .arg(repo.join("benches/wasm-latency.mjs"))
        .arg(site)
        .arg(province)
        .arg(rounds.to_string())
        .output()
        .context("running node")?;
    match serde_json::from_slice::<serde_json::Value>(&out.stdout) {
        Ok(v) if out.status.success() => {
            let get = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
            let note = format!(
                "Node, {} runs, {} queries with hits",
                get("runs"),
                get("with_hits")
            );
            figures.push(Figure::new(
                "wasm: add places + guides + largest province",
                get("load_ms"),
                Unit::Millis,
            ));
            figures.push(
                Figure::new("wasm query p50", get("p50_ms"), Unit::Millis).note(note.clone()),
            );
            figures.push(
                Figure::new("wasm query p95", get("p95_ms"), Unit::Millis)
                    .target(Target::at_most(10.0))
                    .note(note),
            );
        }
        _ => figures.push(
            Figure::missing(
                "wasm query p95",
                Unit::Millis,
                &String::from_utf8_lossy(&out.stderr),
            )
            .target(Target::at_most(10.0)),
        ),
    }
    Ok(figures)
}

fn browser_figures(
    ngo: &Path,
    content: &Path,
    site: &Path,
    repo: &Path,
    label: &str,
    province: &str,
) -> Vec<Figure> {
    let measured = browser::pick_query(ngo, content, site, province)
        .and_then(|query| browser::first_result(repo, site, province, &query).map(|r| (query, r)));
    let name = |what: &str| format!("browser, {label} province (p{province}): {what}");
    // The issue's budgets: the largest province may take a little longer than the median.
    let (cold_target, plain_bytes, brotli_bytes) = if label == "largest" {
        (4.0, 800.0, 520.0)
    } else {
        (3.5, 650.0, 420.0)
    };
    match measured {
        Ok((query, r)) => {
            let note = format!("Slow 4G, query \"{query}\"");
            let mut figures = Vec::new();
            for (host, moments, bytes_target) in [
                ("host compressing nothing", &r.plain, plain_bytes),
                ("brotli host", &r.brotli, brotli_bytes),
            ] {
                for (moment, m, target) in [
                    ("typed at once", &moments.cold, cold_target),
                    ("typed after 3 s on the page", &moments.idle, 1.5),
                    ("later visit", &moments.later, 0.3),
                ] {
                    let what = |w: &str| name(&format!("{host}, {moment}: {w}"));
                    figures.push(
                        first_figure(what("first result"), m, &note)
                            .target(Target::at_most(target)),
                    );
                    if moment == "typed at once" {
                        figures.push(
                            Figure::new(what("bytes before it"), m.bytes / KB, Unit::KiB)
                                .target(Target::at_most(bytes_target)),
                        );
                        figures.push(
                            Figure::new(what("sequential rounds"), m.rounds, Unit::Count)
                                .target(Target::at_most(3.0)),
                        );
                        figures.push(
                            Figure::new(what("later search bytes"), m.later_bytes, Unit::Count)
                                .target(Target::at_most(0.0)),
                        );
                    }
                }
            }
            figures
        }
        Err(err) => vec![
            Figure::missing(name("first result"), Unit::Seconds, &format!("{err:#}"))
                .target(Target::at_most(cold_target)),
        ],
    }
}

/// The first-result time of one moment, or why it cannot be trusted: faster than Slow 4G allows
/// for its bytes means the throttle did not apply. A later visit may need no bytes at all.
fn first_figure(name: String, m: &browser::FirstResult, note: &str) -> Figure {
    if m.bytes == 0.0 || browser::throttle_applied(m.ms, m.bytes) {
        Figure::new(name, m.ms / 1000.0, Unit::Seconds).note(note)
    } else {
        let why = format!(
            "{:.2} s for {:.0} KB is faster than Slow 4G allows: the throttle did not apply \
             (requests made by a service worker?); {note}",
            m.ms / 1000.0,
            m.bytes / KB
        );
        Figure::missing(&name, Unit::Seconds, &why)
    }
}

/// Queries of each kind in the search evaluation, and its seed (as `search-eval` defaults).
const EVAL_PER_CATEGORY: usize = 60;
const EVAL_SEED: u64 = 7;

/// The seeded search evaluation (`benches/src/eval/`) answered natively as the page completes
/// an answer: Success@1, Success@3 and MRR for each kind of query, against the issue's targets
/// (Success@3 ≥ 0.97 overall, ≥ 0.93 in every kind).
fn quality_figures(content: &Path, site: &Path) -> Vec<Figure> {
    let evaluation = ngo_bench::eval::load_content(content).and_then(|loaded| {
        let cases = ngo_bench::eval::generate(&loaded, EVAL_SEED, EVAL_PER_CATEGORY);
        ngo_bench::eval::evaluate(site, &cases)
    });
    let evaluation = match evaluation {
        Ok(e) => e,
        Err(err) => {
            return vec![Figure::missing(
                "search Success@3, all queries",
                Unit::Share,
                &format!("{err:#}"),
            )
            .target(Target::at_least(0.97))]
        }
    };
    let mut figures = Vec::new();
    for (category, score) in &evaluation.scores {
        let (label, target) = match category {
            None => ("all queries".to_string(), 0.97),
            Some(c) => (c.label().to_string(), 0.93),
        };
        let note = format!(
            "{} queries, seed {EVAL_SEED}; Success@1 {:.3}, MRR {:.3}",
            score.cases,
            score.success_at_1(),
            score.mrr()
        );
        figures.push(
            Figure::new(
                format!("search Success@3, {label}"),
                score.success_at_3(),
                Unit::Share,
            )
            .target(Target::at_least(target))
            .note(note),
        );
    }
    figures
}

/// The preview at national scale: its start, cold and warm; Ctrl-C at the worst moments found;
/// edit-to-reload over `edits` edits of four kinds.
fn preview_figures(
    ngo: &Path,
    repo: &Path,
    content: &Path,
    built: &Path,
    root: &Path,
    cold_build: f64,
    edits: usize,
) -> Vec<Figure> {
    let cache = root.join("serve-cache");
    let mut figures = Vec::new();
    eprintln!("preview start, cold and warm…");
    let start = "preview: home page answered";
    match serve::starts(ngo, content, &cache) {
        Ok(s) => {
            let cold = s.cold.as_secs_f64();
            figures.push(
                Figure::new(
                    "preview: first answer, cold (the page saying it is being made)",
                    s.cold_first_answer.as_secs_f64() * 1000.0,
                    Unit::Millis,
                )
                .note("from the start of the process"),
            );
            figures.push(Figure::new(
                format!("{start}, cold start"),
                cold,
                Unit::Seconds,
            ));
            figures.push(
                Figure::new(
                    "preview cold start / cold build",
                    cold / cold_build,
                    Unit::Ratio,
                )
                .target(Target::at_most(1.5))
                .note(format!("ngo build from scratch {cold_build:.2} s (median)")),
            );
            figures.push(
                Figure::new(
                    format!("{start}, warm start"),
                    s.warm.as_secs_f64(),
                    Unit::Seconds,
                )
                .target(Target::at_most(3.0))
                .note("nothing changed since the cold start"),
            );
        }
        Err(err) => figures.push(
            Figure::missing(
                format!("{start}, cold start"),
                Unit::Seconds,
                &format!("{err:#}"),
            )
            .target(Target::at_most(3.0)),
        ),
    }
    let base_html = std::fs::read_to_string(repo.join("themes/default/templates/base.html"))
        .unwrap_or_default();
    eprintln!("preview SIGINT to exit…");
    let name = "preview: SIGINT to exit, worst moment";
    let stopped = reload::pick_file(content)
        .and_then(|commune| serve::stops(ngo, content, &cache, &commune, &base_html));
    match stopped {
        Ok(stops) => {
            let worst = stops.iter().map(|s| s.took).max().unwrap_or_default();
            let each: Vec<String> = stops
                .iter()
                .map(|s| format!("{} {:.0} ms", s.moment, s.took.as_secs_f64() * 1000.0))
                .collect();
            figures.push(
                Figure::new(name, worst.as_secs_f64() * 1000.0, Unit::Millis)
                    .target(Target::at_most(1000.0))
                    .note(each.join("; ")),
            );
        }
        Err(err) => figures.push(
            Figure::missing(name, Unit::Millis, &format!("{err:#}"))
                .target(Target::at_most(1000.0)),
        ),
    }
    eprintln!("edit-to-reload on ngo serve…");
    figures.extend(reload_figures(
        ngo, content, built, &cache, &base_html, edits,
    ));
    figures
}

fn reload_figures(
    ngo: &Path,
    content: &Path,
    built: &Path,
    cache: &Path,
    base_html: &str,
    count: usize,
) -> Vec<Figure> {
    let name = "edit to reload";
    let measured = reload::Edits::new(content, built, base_html).and_then(|edits| {
        let server = serve::Server::start(ngo, content, cache)?;
        // An editor's pause between saves: the background worker is still refreshing the index
        // (and, after a template edit, checking every page) when the next edit comes.
        reload::measure(
            &server,
            &edits,
            count,
            std::time::Duration::from_millis(300),
        )
    });
    let samples = match measured {
        Ok(samples) => samples,
        Err(err) => {
            return vec![Figure::missing(name, Unit::Millis, &format!("{err:#}"))
                .target(Target::at_most(100.0))]
        }
    };
    let times: Vec<_> = samples.iter().map(|s| s.took).collect();
    let mut figures = percentiles(&format!("{name}, all kinds"), &times);
    if let Some(first) = figures.first_mut() {
        first.note = format!("{} edits, the kinds in turn, 300 ms apart", samples.len());
    }
    for kind in reload::Kind::ALL {
        let times: Vec<_> = samples
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| s.took)
            .collect();
        let mut kind_figures = percentiles(&format!("{name}, {}", kind.name()), &times);
        if let Some(first) = kind_figures.first_mut() {
            let shown: Vec<String> = times
                .iter()
                .map(|t| format!("{:.0}", t.as_secs_f64() * 1000.0))
                .collect();
            first.note = format!("runs {} ms", shown.join(", "));
        }
        figures.extend(kind_figures);
    }
    let missed = samples.iter().filter(|s| !s.shown).count();
    figures.push(
        Figure::new(
            "edits not shown by the page after their reload",
            missed as f64,
            Unit::Count,
        )
        .target(Target::at_most(0.0)),
    );
    figures
}

/// The median and 95th percentile of `times`, with the issue's targets.
fn percentiles(name: &str, times: &[std::time::Duration]) -> Vec<Figure> {
    let figure = |label: &str, p: f64, limit: f64| {
        match stats::percentile_ms(times, p) {
            Some(ms) => Figure::new(format!("{name} ({label})"), ms, Unit::Millis),
            None => Figure::missing(
                format!("{name} ({label})"),
                Unit::Millis,
                "no edit of this kind",
            ),
        }
        .target(Target::at_most(limit))
    };
    vec![figure("p50", 0.5, 100.0), figure("p95", 0.95, 250.0)]
}

fn run(args: &Args) -> Result<()> {
    if args.teams.is_empty() || args.teams.len() > 2 {
        bail!("--teams takes one or two sizes");
    }
    let repo = repo_root().canonicalize()?;
    let root = data_root(args);
    std::fs::create_dir_all(&root)?;
    let ngo = build_ngo()?;
    let load_before = load_average();
    let mut figures = Vec::new();
    let mut notes = Vec::new();
    let mut colds = Vec::new();
    for (i, &teams) in args.teams.iter().enumerate() {
        let content = dataset(&root, teams)?;
        let out = root.join(format!("out-{teams}"));
        // The larger size shows how the cost of a build grows; rebuilds are measured once.
        let runs = builds(
            &ngo,
            &content,
            &out,
            args.runs,
            i == 0 && !args.only_preview,
        )?;
        figures.extend(build_figures(teams, &runs, i == 0));
        colds.push((teams, runs.cold));
        if i > 0 {
            // Only the first size is measured further; the larger output would hold RAM on tmpfs.
            std::fs::remove_dir_all(&out)?;
        }
    }
    if let [(small, a), (large, b)] = colds.as_slice() {
        let allowed = 4.5 * (*large as f64 / *small as f64) / 4.0;
        figures.push(
            Figure::new(
                format!("build time {large} / {small} teams"),
                b.wall.as_secs_f64() / a.wall.as_secs_f64(),
                Unit::Ratio,
            )
            .target(Target::at_most(allowed))
            .note(format!(
                "{:.2}x the teams; memory {:.2}x",
                *large as f64 / *small as f64,
                b.peak_rss_bytes as f64 / a.peak_rss_bytes as f64
            )),
        );
    }
    let teams = args.teams[0];
    if args.guides_with_images > 0 {
        figures.extend(guide_images::measure(
            &ngo,
            &root,
            teams,
            args.guides_with_images,
        )?);
    }
    let content = root.join(format!("national-{teams}"));
    if args.peers {
        let measured = peers::measure(&repo, &root, &content, teams, &colds[0].1, args.peer_runs);
        figures.extend(measured.figures);
        notes.extend(measured.notes);
    }
    let site = root.join(format!("out-{teams}"));
    if args.only_preview {
        figures.extend(preview_figures(
            &ngo,
            &repo,
            &content,
            &site,
            &root,
            colds[0].1.wall.as_secs_f64(),
            args.edits,
        ));
        return finish(args, figures, notes, &load_before);
    }
    eprintln!("search quality…");
    figures.extend(quality_figures(&content, &site));
    eprintln!("sizes…");
    let (sizes, picks) = payload::figures(&site)?;
    figures.extend(sizes);
    let listed: Vec<String> = picks.iter().map(|(l, n)| format!("{l}={n}")).collect();
    notes.push(format!(
        "Province shards picked by raw size: {}.",
        listed.join(", ")
    ));
    let pick = |label: &str| {
        picks
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, n)| n.clone())
    };
    let largest = pick("largest").context("no province shard")?;
    let median = pick("median").context("no province shard")?;
    eprintln!("query latency…");
    figures.extend(latency_figures(&site, &repo, &largest, args.rounds)?);
    if args.skip_browser {
        notes.push("Browser measurement skipped (--skip-browser).".into());
    } else {
        eprintln!("browser, Slow 4G…");
        let code = |name: &str| name.trim_start_matches('p').to_string();
        figures.extend(browser_figures(
            &ngo,
            &content,
            &site,
            &repo,
            "largest",
            &code(&largest),
        ));
        figures.extend(browser_figures(
            &ngo,
            &content,
            &site,
            &repo,
            "median",
            &code(&median),
        ));
    }
    figures.extend(preview_figures(
        &ngo,
        &repo,
        &content,
        &site,
        &root,
        colds[0].1.wall.as_secs_f64(),
        args.edits,
    ));
    if args.teams.len() > 1 {
        notes.push(
            "Larger sizes get a cold build only: they show how the cost of a build grows.".into(),
        );
    }
    notes.extend(peer_notes());
    finish(args, figures, notes, &load_before)
}

/// Prints the table and notes, and writes them when asked.
fn finish(
    args: &Args,
    figures: Vec<Figure>,
    mut notes: Vec<String>,
    load_before: &str,
) -> Result<()> {
    notes.insert(
        0,
        format!(
            "Load average (1 min) before the measurements {load_before}, after {}, on {} cores: \
             other work on the machine lengthens wall times, so compare figures within one run.",
            load_average(),
            std::thread::available_parallelism().map_or(0, usize::from)
        ),
    );
    notes.push(
        "What was profiled, what was changed and what it bought: docs/performance.md.".into(),
    );
    println!("{}", table(&figures));
    for note in &notes {
        println!("- {note}");
    }
    if let Some(path) = &args.write {
        std::fs::write(
            path,
            report::markdown(&machine::describe(), &figures, &notes),
        )?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

fn peer_notes() -> Vec<String> {
    vec![
        "Peers at the same scale, for context (figures reported in the project's issue, not measured here): \
         Zola 15.1 s / 1.2 GB, Hugo 22.4 s / 3.6 GB, Pagefind indexing 58 s / 6.6 GB; Pagefind's first \
         result 735–837 KB in 9–12 requests, about 6 s on Slow 4G."
            .into(),
    ]
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

//! The whole national dataset: every commune's directory, the guides, `site.yaml` and the about
//! page, written in parallel but byte-for-byte the same for the same options.
//!
//! Determinism comes from giving each commune and each guide its own random stream and its own
//! slice of the phone-number counter, so neither thread scheduling nor iteration order can leak
//! into the output.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use crate::allocation::allocate;
use crate::guides;
use crate::phone::{NumberPlan, SPACE};
use crate::site;
use crate::teams::{self, CommuneJob, MAX_MEMBERS};
use crate::units::{self, Province};
use crate::yaml;

/// The only entries a generated content folder holds; anything else there is not ours to delete.
const GENERATED_ENTRIES: [&str; 4] = ["site.yaml", "teams", "guides", "pages"];

/// What to generate and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub out: PathBuf,
    pub teams: u64,
    pub seed: u64,
    pub guides: usize,
    /// How many of the guides are written as steps with six 1080×2400 screenshots each
    /// (`guides/<slug>/index.md` and its PNGs).
    pub guides_with_images: usize,
    /// Where to list the phones that must not be published (no consent, or withdrawn), one
    /// national number a line.
    pub private_phones: Option<PathBuf>,
    pub threads: usize,
}

/// What was generated, for the closing summary.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub communes: usize,
    pub teams: u64,
    pub members: u64,
    pub public_phones: u64,
    pub private_phones: u64,
    /// Members with a complete consent record (the others who consented have `public: true`).
    pub consent_records: u64,
    /// Members who withdrew consent: their phones are in the private list.
    pub withdrawn: u64,
    pub guides: usize,
    pub files: usize,
    pub bytes: u64,
    pub seconds: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("{0}")]
    Options(String),
    #[error("{path}: {message}")]
    Refused { path: PathBuf, message: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// Per-commune results, kept in commune order.
#[derive(Default)]
struct CommuneOutput {
    members: u64,
    public: u64,
    recorded: u64,
    withdrawn: u64,
    bytes: u64,
    private: Vec<String>,
}

pub fn generate(options: &Options) -> Result<Summary, GenerateError> {
    let started = Instant::now();
    check_private_list_outside(options)?;
    let provinces = units::official();
    let counts =
        allocate(&provinces, options.teams, options.seed).map_err(GenerateError::Options)?;
    if options.teams.saturating_mul(MAX_MEMBERS) > SPACE {
        return Err(GenerateError::Options(format!(
            "--teams {} needs more phone numbers than exist",
            options.teams
        )));
    }
    prepare_out_dir(&options.out)?;
    let numbers = NumberPlan::new(options.seed);
    let jobs = commune_jobs(&provinces, &counts, options.seed, &numbers);
    for province in &provinces {
        create_dir(&options.out.join("teams").join(&province.slug))?;
    }
    let outputs = run_parallel(&jobs, options.threads, |job| {
        write_commune(&options.out, job)
    })?;
    let mut summary = summarise(&outputs, jobs.len(), options.teams);
    if let Some(path) = &options.private_phones {
        write_private_list(path, &outputs)?;
    }
    summary.bytes += write_guides(options)?;
    summary.bytes += write_site_files(&options.out, &summary)?;
    summary.guides = options.guides;
    summary.files = jobs.len()
        + options.guides
        + options.guides_with_images.min(options.guides) * guides::SCREENSHOTS_PER_GUIDE
        + 2;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The phone list reveals private numbers: it must never end up in the published folder.
fn check_private_list_outside(options: &Options) -> Result<(), GenerateError> {
    let Some(list) = &options.private_phones else {
        return Ok(());
    };
    let absolute = |p: &Path| {
        std::env::current_dir()
            .map(|cwd| cwd.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    if absolute(list).starts_with(absolute(&options.out)) {
        return Err(GenerateError::Refused {
            path: list.clone(),
            message: "the private phone list must be written outside the content folder".into(),
        });
    }
    Ok(())
}

/// Clears what an earlier run generated, refusing to touch a folder that holds anything else.
fn prepare_out_dir(out: &Path) -> Result<(), GenerateError> {
    let io_err = |source| GenerateError::Io {
        path: out.to_path_buf(),
        source,
    };
    if out.exists() {
        for entry in fs::read_dir(out).map_err(io_err)? {
            let entry = entry.map_err(io_err)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !GENERATED_ENTRIES.contains(&name.as_str()) {
                return Err(GenerateError::Refused {
                    path: entry.path(),
                    message: "not generated content; refusing to overwrite this folder (choose an empty --out)".into(),
                });
            }
            let path = entry.path();
            let removed = if path.is_dir() {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
            removed.map_err(|source| GenerateError::Io { path, source })?;
        }
    }
    create_dir(out)
}

fn commune_jobs<'a>(
    provinces: &'a [Province],
    counts: &[u64],
    seed: u64,
    numbers: &'a NumberPlan,
) -> Vec<CommuneJob<'a>> {
    let communes = provinces
        .iter()
        .flat_map(|p| p.communes.iter().map(move |c| (p, c)));
    let mut first_team = 0;
    communes
        .zip(counts)
        .map(|((province, commune), &team_count)| {
            let job = CommuneJob {
                province,
                commune,
                team_count,
                first_team,
                seed,
                numbers,
            };
            first_team += team_count;
            job
        })
        .collect()
}

/// Runs `work` on every job with `threads` workers pulling the next job, results in job order.
fn run_parallel<J: Sync, R: Send + Default>(
    jobs: &[J],
    threads: usize,
    work: impl Fn(&J) -> Result<R, GenerateError> + Sync,
) -> Result<Vec<R>, GenerateError> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<R, GenerateError>>>> =
        Mutex::new((0..jobs.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let result = work(job);
                results.lock().expect("a worker panicked")[i] = Some(result);
            });
        }
    });
    let results = results.into_inner().expect("a worker panicked");
    results
        .into_iter()
        .map(|r| r.expect("every job ran"))
        .collect()
}

fn write_commune(out: &Path, job: &CommuneJob) -> Result<CommuneOutput, GenerateError> {
    let directory = teams::generate(job);
    let text = yaml::commune_file(&directory);
    let path = out
        .join("teams")
        .join(&job.province.slug)
        .join(format!("{}.yaml", job.commune.file_slug));
    write(&path, &text)?;
    let mut output = CommuneOutput {
        bytes: text.len() as u64,
        ..CommuneOutput::default()
    };
    for member in directory.teams.iter().flat_map(|t| &t.members) {
        output.members += 1;
        output.recorded += u64::from(member.consent.is_some());
        output.withdrawn += u64::from(member.withdrawn.is_some());
        if member.published() {
            output.public += 1;
        } else {
            output.private.push(member.national.clone());
        }
    }
    Ok(output)
}

fn summarise(outputs: &[CommuneOutput], communes: usize, teams: u64) -> Summary {
    Summary {
        communes,
        teams,
        members: outputs.iter().map(|o| o.members).sum(),
        public_phones: outputs.iter().map(|o| o.public).sum(),
        private_phones: outputs.iter().map(|o| o.private.len() as u64).sum(),
        consent_records: outputs.iter().map(|o| o.recorded).sum(),
        withdrawn: outputs.iter().map(|o| o.withdrawn).sum(),
        bytes: outputs.iter().map(|o| o.bytes).sum(),
        ..Summary::default()
    }
}

fn write_private_list(path: &Path, outputs: &[CommuneOutput]) -> Result<(), GenerateError> {
    let total: usize = outputs.iter().map(|o| o.private.len()).sum();
    let mut text = String::with_capacity(total * 11);
    for number in outputs.iter().flat_map(|o| &o.private) {
        text.push_str(number);
        text.push('\n');
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_dir(parent)?;
    }
    write(path, &text)
}

fn write_guides(options: &Options) -> Result<u64, GenerateError> {
    let dir = options.out.join("guides");
    create_dir(&dir)?;
    let generated = guides::generate(options.guides, options.seed);
    let mut bytes = 0;
    for (i, guide) in generated.iter().enumerate() {
        if i < options.guides_with_images {
            let title = guide.text.lines().nth(1).unwrap_or_default();
            let title = title.trim_start_matches("title: ").trim_matches('"');
            let text = format!("{}{}", guide.text, guides::steps_section(title));
            create_dir(&dir.join(&guide.slug))?;
            write(&dir.join(&guide.slug).join("index.md"), &text)?;
            bytes += text.len() as u64;
        } else {
            write(&dir.join(format!("{}.md", guide.slug)), &guide.text)?;
            bytes += guide.text.len() as u64;
        }
    }
    let with_images = &generated[..options.guides_with_images.min(generated.len())];
    let indexed: Vec<(usize, &guides::GuideFile)> = with_images.iter().enumerate().collect();
    let sizes = run_parallel(&indexed, options.threads, |&(i, guide)| {
        let mut bytes = 0;
        for n in 1..=guides::SCREENSHOTS_PER_GUIDE {
            let png = guides::screenshots::screenshot(options.seed, i, n);
            let path = dir.join(&guide.slug).join(guides::screenshot_name(n));
            fs::write(&path, &png).map_err(|source| GenerateError::Io { path, source })?;
            bytes += png.len() as u64;
        }
        Ok(bytes)
    })?;
    Ok(bytes + sizes.iter().sum::<u64>())
}

fn write_site_files(out: &Path, summary: &Summary) -> Result<u64, GenerateError> {
    let site = site::site_yaml();
    let about = site::about_page(summary.communes, summary.teams, summary.members);
    write(&out.join("site.yaml"), &site)?;
    create_dir(&out.join("pages"))?;
    write(&out.join("pages").join("gioi-thieu.md"), &about)?;
    Ok((site.len() + about.len()) as u64)
}

fn create_dir(path: &Path) -> Result<(), GenerateError> {
    fs::create_dir_all(path).map_err(|source| GenerateError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn write(path: &Path, text: &str) -> Result<(), GenerateError> {
    fs::write(path, text).map_err(|source| GenerateError::Io {
        path: path.to_path_buf(),
        source,
    })
}

//! A build as a readable list of timed steps: load → templates → pages → feeds → commit.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::images::{self, ImageCache, ImageWork};
use crate::model::{self, LoadOptions, ParseCache, Site};
use crate::output::{self, Sink, Staging, Written};
use crate::render::theme::ThemeAssets;
use crate::render::{self, assets, feeds, headers, redirects};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site_dir: PathBuf,
    pub output: PathBuf,
    pub drafts: bool,
}

/// Why a build stopped.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Problems in the content, each with its file and position.
    #[error("nội dung có {} lỗi", .0.len())]
    Content(Diagnostics),
    /// The search index could not be built.
    #[error(transparent)]
    Index(#[from] crate::search::SearchError),
    /// The machine refused a read or a write.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl From<Diagnostics> for BuildError {
    fn from(d: Diagnostics) -> Self {
        BuildError::Content(d)
    }
}

/// Names the step a read or write failed in; the preview names its steps the same way.
pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> BuildError {
    let context = context.into();
    move |source| BuildError::Io { context, source }
}

/// Figures for the summary line and the benchmarks.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub pages: usize,
    pub provinces: usize,
    pub communes_with_data: usize,
    pub teams: usize,
    pub members: usize,
    pub guides: usize,
    pub written: Written,
    /// What the guide images cost: files encoded, copied from the cache, kept.
    pub images: ImageWork,
    /// What was understood but is worth a look, for the editor.
    pub warnings: Diagnostics,
    pub steps: Vec<(&'static str, Duration)>,
    pub elapsed: Duration,
}

/// A timing reported while a site is written.
pub enum Timing {
    /// A step ended; it took the time since the previous one.
    StepDone(&'static str),
    /// Part of the step under way, run beside other work, took this long.
    Part(&'static str, Duration),
}

/// What [`write_site`] made.
#[derive(Debug, Clone, Copy, Default)]
pub struct SiteWritten {
    pub pages: usize,
    pub images: ImageWork,
}

/// Writes every output file of a loaded site into `sink`.
///
/// `image_cache` holds images encoded by earlier builds; `on_step` is told when each step ends,
/// for timings.
pub fn write_site(
    site: &Site,
    site_dir: &Path,
    sink: &dyn Sink,
    image_cache: &ImageCache,
    on_step: &mut dyn FnMut(Timing),
) -> Result<SiteWritten, BuildError> {
    let (tera, templates) = render::templates::environment_with_key(site_dir, &site.templates)?;
    on_step(Timing::StepDone("mẫu trang"));
    let recorder = headers::Recorder::new(sink);
    let sink = &recorder;
    assets::write_assets(site, site_dir, sink).map_err(io("không chép được tệp tĩnh"))?;
    let css = ThemeAssets::get().stylesheet();
    // Pages, the search index and the guide images need nothing from each other: built side by
    // side, the index's single-threaded shards and the images fill the gaps between
    // page-rendering tasks.
    let (pages, ((search, indexing), (images, imaging))) = rayon::join(
        || render::render_site(site, &tera, templates, sink, css),
        || {
            rayon::join(
                || timed(|| crate::search::write_index(site, sink)),
                || timed(|| images::write_images(site, site_dir, sink, image_cache)),
            )
        },
    );
    let pages = pages?;
    let search = search?;
    let images = images.map_err(image_error)?;
    on_step(Timing::Part("trong đó: chỉ mục tìm kiếm", indexing));
    on_step(Timing::Part("trong đó: ảnh hướng dẫn", imaging));
    on_step(Timing::StepDone("dựng trang, chỉ mục tìm kiếm, ảnh"));
    redirects::write_redirects(site, sink).map_err(io("không ghi được trang chuyển hướng"))?;
    feeds::write_feeds(site, sink).map_err(io("không ghi được sitemap và nguồn tin"))?;
    on_step(Timing::StepDone("sitemap, nguồn tin"));
    render::pwa::write(site, &search, sink).map_err(io("không ghi được service worker"))?;
    headers::write_headers(&site.config.base_url.path, &recorder.paths(), sink)
        .map_err(io("không ghi được tệp _headers"))?;
    Ok(SiteWritten { pages, images })
}

fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    (work(), started.elapsed())
}

/// A source image that could not be decoded is the editor's to fix, at the image file.
pub(crate) fn image_error(error: images::WriteError) -> BuildError {
    match error {
        images::WriteError::Sources(bad) => BuildError::Content(
            bad.into_iter()
                .map(|(path, e)| {
                    Diagnostic::new(Location::file(path), e.to_string())
                        .with_hint("mở ảnh trên máy tính, lưu lại dạng PNG hoặc JPEG rồi thử lại")
                })
                .collect(),
        ),
        images::WriteError::Output(e) => BuildError::Io {
            context: "không ghi được ảnh".to_string(),
            source: e,
        },
    }
}

/// Loads and validates a site without writing anything (`ngo check`).
pub fn check(site_dir: &Path, skip: &[PathBuf]) -> Result<Site, BuildError> {
    let options = LoadOptions {
        drafts: true,
        skip: skip.to_vec(),
        cache: None,
    };
    Ok(model::load_site(site_dir, &options)?)
}

/// Builds the site into `options.output`, replacing it only when everything succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut steps = Steps {
        done: Vec::new(),
        since: Instant::now(),
    };
    let cache_path = output::beside(&options.output, "ngo-parsed");
    let cache = Arc::new(ParseCache::load(&cache_path));
    let load = LoadOptions {
        drafts: options.drafts,
        skip: vec![options.output.clone()],
        cache: Some(Arc::clone(&cache)),
    };
    // Reading what the previous build left (a national manifest is 20 MB) needs nothing from the
    // content: it happens while the content loads.
    let (site, staging) = rayon::join(
        || model::load_site(&options.site_dir, &load),
        || Staging::new(&options.output),
    );
    let site = site?;
    let staging = staging.map_err(io(format!(
        "không tạo được thư mục tạm cạnh {}",
        options.output.display()
    )))?;
    steps.record(Timing::StepDone("đọc nội dung"));
    // The parsed files are saved while the pages render, and their memory handed back before
    // rendering reaches its peak. Saved even if the build then fails: an entry only says what a
    // file's text parses to. Without it the next build parses every file again: slower, never
    // wrong.
    let image_cache = ImageCache::beside(&options.output);
    let (written_site, ()) = rayon::join(
        || {
            write_site(
                &site,
                &options.site_dir,
                &staging,
                &image_cache,
                &mut |timing| steps.record(timing),
            )
        },
        || {
            let _ = cache.save(&cache_path);
        },
    );
    let written_site = written_site?;
    let written = staging.commit().map_err(io(format!(
        "không thay được thư mục {}",
        options.output.display()
    )))?;
    image_cache.prune();
    steps.record(Timing::StepDone("hoàn tất"));
    let totals = model::Totals::of(&site);
    Ok(BuildReport {
        pages: written_site.pages,
        images: written_site.images,
        provinces: totals.provinces,
        communes_with_data: totals.communes_with_data,
        teams: totals.teams,
        members: totals.members,
        guides: totals.guides,
        written,
        warnings: site.warnings.clone(),
        steps: steps.done,
        elapsed: started.elapsed(),
    })
}

/// Step timings in the order they were reported; a part is listed before the step it ran in.
struct Steps {
    done: Vec<(&'static str, Duration)>,
    since: Instant,
}

impl Steps {
    fn record(&mut self, timing: Timing) {
        match timing {
            Timing::StepDone(name) => {
                self.done.push((name, self.since.elapsed()));
                self.since = Instant::now();
            }
            Timing::Part(name, took) => self.done.push((name, took)),
        }
    }
}

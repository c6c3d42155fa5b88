//! The watcher's side of the preview: reads what changed, outside any lock, and puts it in
//! place in a moment through the model's own operations, so the preview refuses exactly what a
//! build refuses; keeps every problem, by the part of the site it belongs to, until that part
//! reads without it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{self, BaseUrl, Config};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::walk::{walk_site_except_teams, GuideFile};
use crate::model::{
    self, load_site_parts, read_commune, reread_after, reread_guides, reread_pages, CommuneFiles,
    Guide, Known, LoadOptions, Page, ParseCache,
};
use crate::render::templates;
use crate::render::theme::ThemeAssets;
use crate::serve::background::Worker;
use crate::serve::edits::{Edit, Model, Touched};
use crate::serve::http::Part;
use crate::serve::preview::{Preview, State};
use crate::serve::problems::{Area, Problems};
use crate::serve::watch::{classify, Change};

/// How the first reading went, for the line `ngo serve` prints.
#[derive(Debug)]
pub struct Started {
    pub took: Duration,
    pub commune_files: usize,
    /// Commune files taken as the previous preview parsed them.
    pub reused: usize,
    pub problems: Vec<Diagnostic>,
}

/// What taking in a batch of changes did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Something in the site changed: open tabs reload.
    pub changed: bool,
    pub took: Duration,
    /// The time of each step, for `-v`.
    pub steps: Vec<(&'static str, Duration)>,
    /// Every problem the site has now.
    pub problems: Vec<Diagnostic>,
}

/// The watcher's side of the preview: reads what changed and puts it in place.
pub struct Editor {
    preview: Arc<Preview>,
    drafts: bool,
    /// Where the commune files parsed by the last preview are kept.
    parsed: Option<PathBuf>,
    problems: Problems,
    guides: Known<Guide>,
    pages: Known<Page>,
}

impl Editor {
    pub fn new(preview: Arc<Preview>, drafts: bool, parsed: Option<PathBuf>) -> Editor {
        Editor {
            preview,
            drafts,
            parsed,
            problems: Problems::default(),
            guides: Known::default(),
            pages: Known::default(),
        }
    }

    fn site_dir(&self) -> &Path {
        &self.preview.site_dir
    }

    /// Reads the whole site, then answers requests from it and starts the background worker.
    pub fn start(&mut self) -> Started {
        let started = Instant::now();
        let cache = self.parsed.as_deref().map(ParseCache::load).map(Arc::new);
        let files = self.load(cache.clone());
        let reused = cache.as_ref().map_or(0, |c| c.reused());
        if let (Some(cache), Some(path)) = (cache, self.parsed.clone()) {
            // Off the way to the first answer; written whole and renamed into place, so a
            // preview stopped half-way leaves the previous file.
            std::thread::spawn(move || {
                if let Some(dir) = path.parent() {
                    let _ = std::fs::create_dir_all(dir);
                }
                let _ = cache.save(&path);
            });
        }
        Started {
            took: started.elapsed(),
            commune_files: files,
            reused,
            problems: self.report(&[]),
        }
    }

    /// Reads everything; returns how many commune files there are.
    fn load(&mut self, cache: Option<Arc<ParseCache>>) -> usize {
        let options = LoadOptions {
            drafts: self.drafts,
            skip: Vec::new(),
            cache,
        };
        let parts = match load_site_parts(self.site_dir(), &options) {
            Ok(parts) => parts,
            Err(d) => {
                self.set_all(d);
                self.broken_unless_ready();
                return 0;
            }
        };
        let files = communes_with_lists(&parts.site);
        let environment = templates::environment_with_key(self.site_dir(), &parts.site.templates);
        let mut problems = parts.problems;
        let (tera, key) = match environment {
            Ok(found) => found,
            Err(d) => {
                problems.extend(d);
                self.set_all(problems);
                self.broken_unless_ready();
                return files;
            }
        };
        self.set_all(problems);
        self.guides = parts.guide_files;
        self.pages = parts.page_files;
        let model = Model {
            site: parts.site,
            communes: parts.communes,
            tera,
            templates: key,
            css: ThemeAssets::get().stylesheet().to_string(),
        };
        self.publish(model);
        files
    }

    fn publish(&mut self, model: Model) {
        let copy = Box::new(model.clone());
        *self
            .preview
            .state
            .write()
            .unwrap_or_else(|e| e.into_inner()) = State::Ready(Box::new(model));
        match self.preview.worker.get() {
            Some(worker) => worker.send(Edit::Whole(copy)),
            None => {
                let worker = Worker::start(
                    *copy,
                    Arc::clone(&self.preview.hub),
                    Arc::clone(&self.preview),
                );
                let _ = self.preview.worker.set(worker);
            }
        }
    }

    /// With nothing read yet, requests are told what keeps the site from showing.
    fn broken_unless_ready(&self) {
        let mut state = self
            .preview
            .state
            .write()
            .unwrap_or_else(|e| e.into_inner());
        if !matches!(*state, State::Ready(_)) {
            *state = State::Broken(
                self.all_problems()
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
            );
        }
    }

    fn set_all(&mut self, problems: Diagnostics) {
        self.problems.set_all(problems);
    }

    fn set(&mut self, area: Area, problems: Diagnostics) {
        self.problems.set(area, problems);
    }

    /// Every problem of the site: each area's, and commune files that clash.
    fn all_problems(&self) -> Vec<Diagnostic> {
        let clashes = match &*self.preview.read() {
            State::Ready(model) => model.communes.problems(),
            _ => Diagnostics::new(),
        };
        self.problems.with(clashes)
    }

    /// Takes in a batch of changes.
    pub fn apply(&mut self, changes: &BTreeSet<Change>) -> Outcome {
        let started = Instant::now();
        let mut steps = Steps::new();
        let edits = match self.read_changes(changes, &mut steps) {
            Some(edits) => edits,
            None => {
                // Everything read again (no site yet, or settings that change every file).
                self.load(None);
                let problems = self.report(&[]);
                steps.done("đọc lại toàn bộ trang");
                return Outcome {
                    changed: true,
                    took: started.elapsed(),
                    steps: steps.list,
                    problems,
                };
            }
        };
        steps.done("đọc tệp");
        let mut touched = Touched::default();
        let changed = !edits.is_empty();
        // Copied before the lock is taken: the worker gets the same edits once the preview has
        // them.
        let copies = edits.clone();
        if changed {
            let mut state = self
                .preview
                .state
                .write()
                .unwrap_or_else(|e| e.into_inner());
            if let State::Ready(model) = &mut *state {
                for edit in edits {
                    touched.add(model.apply(edit));
                }
            }
        }
        steps.done("đặt thay đổi vào");
        let rendering = self.preview.make_touched(&touched);
        steps.done("dựng trang đã đổi");
        if let Some(worker) = self.preview.worker.get() {
            for edit in copies {
                worker.send(edit);
            }
        }
        Outcome {
            changed,
            took: started.elapsed(),
            steps: steps.list,
            problems: self.report(&rendering),
        }
    }

    /// Tells the open tabs what the problems are now; returns them all.
    fn report(&self, rendering: &[Diagnostic]) -> Vec<Diagnostic> {
        let content = self.all_problems();
        let hub = &self.preview.hub;
        hub.set_problems(
            Part::Content,
            content.iter().map(ToString::to_string).collect(),
        );
        hub.set_problems(
            Part::Render,
            rendering.iter().map(ToString::to_string).collect(),
        );
        let mut all = content;
        all.extend(rendering.iter().cloned());
        all
    }

    /// The edits a batch of changes makes; `None` when the whole site must be read again.
    fn read_changes(&mut self, changes: &BTreeSet<Change>, steps: &mut Steps) -> Option<Vec<Edit>> {
        let (mut config, known) = match &*self.preview.read() {
            State::Ready(model) => (model.site.config.clone(), model.communes.clone()),
            _ => return None,
        };
        if changes.contains(&Change::Rescan) {
            return None;
        }
        let mut edits = Vec::new();
        let mut markdown = false;
        if changes.contains(&Change::Config) {
            match self.read_settings(&config) {
                Settings::Everything => return None,
                Settings::Same => {}
                Settings::Changed {
                    config: new,
                    markdown: again,
                } => {
                    markdown = again;
                    config = (*new).clone();
                    edits.push(Edit::Config(*new));
                }
            }
        }
        edits.extend(self.read_communes(changes, &config, &known));
        let walks = markdown
            || changes.iter().any(|c| {
                matches!(
                    c,
                    Change::Guide(_) | Change::Pages | Change::Templates | Change::Static(_)
                )
            });
        if walks {
            edits.extend(self.read_folders(changes, &config, markdown, steps));
        }
        Some(edits)
    }

    /// `site.yaml` as it now reads, against the settings in place.
    fn read_settings(&mut self, old: &Config) -> Settings {
        match config::load(self.site_dir(), Some(Path::new("site.yaml"))) {
            Ok(new) => {
                self.set(Area::Config, Diagnostics::new());
                let reread = reread_after(old, &new);
                if reread.communes {
                    Settings::Everything
                } else {
                    Settings::Changed {
                        config: Box::new(new),
                        markdown: reread.markdown,
                    }
                }
            }
            Err(d) => {
                self.set(Area::Config, d);
                Settings::Same
            }
        }
    }

    /// The commune files a batch names, as they now read.
    fn read_communes(
        &mut self,
        changes: &BTreeSet<Change>,
        config: &Config,
        known: &CommuneFiles,
    ) -> Vec<Edit> {
        let site_dir = self.site_dir().to_path_buf();
        let mut edits = Vec::new();
        for rel in commune_files(&site_dir, changes, known) {
            match read_commune(&site_dir, &rel, config) {
                Ok(file) => {
                    self.set(Area::Commune(rel.clone()), Diagnostics::new());
                    edits.push(Edit::Commune { rel, file });
                }
                Err(d) => self.set(Area::Commune(rel), d),
            }
        }
        edits
    }

    /// What a walk of the folder finds changed: guides, pages, templates, static files.
    /// `markdown`: every guide and page is read again (the base path changed).
    fn read_folders(
        &mut self,
        changes: &BTreeSet<Change>,
        config: &Config,
        markdown: bool,
        steps: &mut Steps,
    ) -> Vec<Edit> {
        let site_dir = self.site_dir().to_path_buf();
        let files = walk_site_except_teams(&site_dir);
        steps.done("duyệt thư mục");
        self.set(Area::Files, files.problems.clone());
        let base = &config.base_url;
        let mut edits = Vec::new();
        let named: Vec<&Path> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Guide(rel) => Some(rel.as_path()),
                _ => None,
            })
            .collect();
        if markdown || !named.is_empty() {
            edits.push(self.read_guides(&files.guides, &named, base, markdown));
        }
        if markdown || changes.contains(&Change::Pages) {
            let (read, problems) = reread_pages(
                &site_dir,
                &files.pages,
                base,
                self.drafts,
                &mut self.pages,
                &|_| true,
            );
            self.set(Area::Pages, problems);
            edits.push(Edit::Pages(read));
        }
        if changes.contains(&Change::Templates) {
            match templates::environment_with_key(&site_dir, &files.templates) {
                Ok((tera, key)) => {
                    self.set(Area::Templates, Diagnostics::new());
                    edits.push(Edit::Templates { tera, key });
                }
                Err(d) => self.set(Area::Templates, d),
            }
        }
        edits.push(Edit::Files {
            static_files: files.static_files,
            templates: files.templates,
        });
        edits
    }

    /// The guides as they now read: only those the watcher `named` are read again (for a
    /// bundle, any file in its folder), or all of them with `every`; the others are as they were.
    fn read_guides(
        &mut self,
        files: &[GuideFile],
        named: &[&Path],
        base: &BaseUrl,
        every: bool,
    ) -> Edit {
        let changed = |file: &GuideFile| every || named.iter().any(|c| names(file, c));
        let site_dir = self.site_dir().to_path_buf();
        let (read, problems) = reread_guides(
            &site_dir,
            files,
            base,
            self.drafts,
            &mut self.guides,
            &changed,
        );
        self.set(Area::Guides, problems);
        Edit::Guides(read)
    }
}

/// What a new `site.yaml` asks for.
enum Settings {
    /// Nothing: it has a problem, which is reported.
    Same,
    Changed {
        config: Box<Config>,
        markdown: bool,
    },
    /// Every file read again.
    Everything,
}

/// Whether a changed path `changed` is `file`'s: the guide itself, or, for a bundle, anything in
/// its folder.
fn names(file: &GuideFile, changed: &Path) -> bool {
    file.path.starts_with(changed)
        || (file.path.ends_with("index.md")
            && file
                .path
                .parent()
                .is_some_and(|dir| changed.starts_with(dir)))
}

/// The commune files a batch names: the files themselves, and for a folder, every commune file
/// in it now and every one the site had there.
fn commune_files(
    site_dir: &Path,
    changes: &BTreeSet<Change>,
    known: &CommuneFiles,
) -> Vec<PathBuf> {
    let mut files = BTreeSet::new();
    for change in changes {
        match change {
            Change::Commune(rel) => {
                files.insert(rel.clone());
            }
            Change::CommuneFolder(dir) => {
                files.extend(known.files_under(dir));
                let now = walkdir::WalkDir::new(site_dir.join(dir))
                    .into_iter()
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_file())
                    .filter_map(|e| e.path().strip_prefix(site_dir).ok().map(Path::to_path_buf))
                    .filter(|rel| {
                        matches!(
                            classify(site_dir, &site_dir.join(rel)),
                            Some(Change::Commune(_))
                        )
                    });
                files.extend(now);
            }
            _ => {}
        }
    }
    files.into_iter().collect()
}

/// Step timings, each since the previous one.
struct Steps {
    list: Vec<(&'static str, Duration)>,
    since: Instant,
}

impl Steps {
    fn new() -> Steps {
        Steps {
            list: Vec::new(),
            since: Instant::now(),
        }
    }

    fn done(&mut self, name: &'static str) {
        self.list.push((name, self.since.elapsed()));
        self.since = Instant::now();
    }
}

/// How many communes have a team list.
fn communes_with_lists(site: &model::Site) -> usize {
    site.communes().filter(|c| c.directory.is_some()).count()
}

/// A problem that belongs to no file.
pub fn general(message: String) -> Diagnostic {
    Diagnostic::new(Location::file("."), message)
}

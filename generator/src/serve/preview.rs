//! The preview: the site held in memory, pages made when they are asked for, and the least work
//! to take in an edit.
//!
//! [`Preview`] is shared with the request threads: it answers a request by running the makers of
//! the asked file (a commune's pages, the home page…) into memory; a page whose inputs did not
//! change since it was last made is handed back as it was (fingerprints, as in a rebuild), so a
//! page is always what a build of the current files would write. [`Editor`] is the watcher's
//! side: it reads what changed, outside any lock, and then puts it in place in a moment.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::walk::{walk_site_except_teams, GuideFile};
use crate::model::{
    self, load_site_parts, read_commune, reread_after, reread_guides, reread_pages, CommuneFiles,
    Guide, Known, LoadOptions, Page, ParseCache,
};
use crate::output::{Held, MemorySink, MemoryStore};
use crate::render::pages::Renderer;
use crate::render::{assets, feeds, headers, pwa, templates};
use crate::serve::background::Worker;
use crate::serve::edits::{Edit, Model, Touched};
use crate::serve::http::{Hub, Part};
use crate::serve::routes::{unit_of, Unit};
use crate::serve::watch::{classify, Change};
use crate::{config, units, urls};

/// What a request gets.
#[derive(Debug)]
pub enum Answer {
    /// The file, with the site-relative path that gives its type.
    Found(Held, String),
    /// The address of a folder asked for without its final `/`.
    Redirect(String),
    /// Nothing here; the site's 404 page when it has one.
    NotFound(Option<Held>),
    /// The first reading of the site is under way.
    Starting,
    /// Nothing can be shown until these problems are fixed.
    Broken(Vec<String>),
    /// The file's maker failed with these problems.
    Failed(Vec<String>),
}

enum State {
    Starting,
    Broken(Vec<String>),
    Ready(Box<Model>),
}

/// The preview's site and everything made from it, shared by the request threads.
pub struct Preview {
    site_dir: PathBuf,
    state: RwLock<State>,
    store: MemoryStore,
    worker: OnceLock<Worker>,
    hub: Arc<Hub>,
    /// The base path until the site is read.
    first_base: String,
}

impl Preview {
    pub fn new(site_dir: &Path, hub: Arc<Hub>) -> Preview {
        // Read on its own and at once, so the address printed and served is right from the first
        // second; the full reading checks it again.
        let first_base = config::load(site_dir, Some(Path::new("site.yaml")))
            .map_or_else(|_| "/".to_string(), |c| c.base_url.path);
        Preview {
            site_dir: site_dir.to_path_buf(),
            state: RwLock::new(State::Starting),
            store: MemoryStore::default(),
            worker: OnceLock::new(),
            hub,
            first_base,
        }
    }

    pub fn store(&self) -> &MemoryStore {
        &self.store
    }

    /// The path the portal is served under (`/`, or `/cds/` for a `base_url` with a path).
    pub fn base(&self) -> String {
        match &*self.read() {
            State::Ready(model) => model.site.config.base_url.path.clone(),
            _ => self.first_base.clone(),
        }
    }

    fn read(&self) -> RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Answers a request for the site-relative `rel` (`quang-ninh/`, `assets/app.js`).
    pub fn answer(&self, rel: &str) -> Answer {
        let file = urls::file_for(rel);
        match self.find(&file) {
            Ok(Some(held)) => Answer::Found(held, file),
            Ok(None) if !rel.is_empty() && !rel.ends_with('/') => {
                match self.find(&format!("{rel}/index.html")) {
                    Ok(Some(_)) => Answer::Redirect(format!("{}{rel}/", self.base())),
                    _ => self.not_found(),
                }
            }
            Ok(None) => self.not_found(),
            Err(answer) => answer,
        }
    }

    /// The site's 404 page, as the answer for an address it does not have.
    pub fn not_found(&self) -> Answer {
        Answer::NotFound(self.find("404.html").ok().flatten())
    }

    /// The file as the current site makes it; `None` when it does not.
    fn find(&self, file: &str) -> Result<Option<Held>, Answer> {
        let unit = match &*self.read() {
            State::Starting => return Err(Answer::Starting),
            State::Broken(problems) => return Err(Answer::Broken(problems.clone())),
            State::Ready(model) => unit_of(&model.site, file),
        };
        let found = match unit {
            Unit::Search => self.search_file(file)?,
            Unit::OpenDataFiles => {
                self.worker()?
                    .open_data()
                    .map_err(|e| Answer::Failed(vec![e]))?;
                self.store.get(file)
            }
            Unit::Pwa => {
                let search = self
                    .worker()?
                    .search()
                    .map_err(|e| Answer::Failed(vec![e]))?;
                self.make(file, |model, sink| {
                    pwa::write(&model.site, &search, sink).map_err(|e| vec![e.to_string()])
                })?
            }
            Unit::Headers => self.make(file, |model, sink| self.headers(model, sink))?,
            unit => self.make(file, |model, sink| self.run_unit(unit, model, sink))?,
        };
        if found.is_some() || unit == Unit::Assets {
            return Ok(found);
        }
        // Not made by the maker of its address: a static file may sit there.
        self.make(file, |model, sink| self.run_unit(Unit::Assets, model, sink))
    }

    fn worker(&self) -> Result<&Worker, Answer> {
        self.worker.get().ok_or(Answer::Starting)
    }

    /// A search file: the manifest, or a shard it lists, once the index has every edit.
    fn search_file(&self, file: &str) -> Result<Option<Held>, Answer> {
        let manifest = self
            .worker()?
            .search()
            .map_err(|e| Answer::Failed(vec![e]))?;
        let listed = std::iter::once(&manifest.places)
            .chain([&manifest.former, &manifest.guides])
            .chain(manifest.provinces.values().map(|p| &p.shard))
            .any(|s| s.file == file);
        let wanted = file == format!("{}manifest.json", crate::index::SEARCH_DIR) || listed;
        Ok(wanted.then(|| self.store.get(file)).flatten())
    }

    /// Runs `maker` over the current site into memory; the file if the run made it.
    fn make(
        &self,
        file: &str,
        maker: impl FnOnce(&Model, &MemorySink) -> Result<(), Vec<String>>,
    ) -> Result<Option<Held>, Answer> {
        let state = self.read();
        let State::Ready(model) = &*state else {
            return Err(Answer::Starting);
        };
        let sink = MemorySink::new(&self.store);
        let result = maker(model, &sink);
        drop(state);
        match result {
            _ if sink.made(file) => Ok(self.store.get(file)),
            Err(problems) => Err(Answer::Failed(problems)),
            Ok(()) => Ok(None),
        }
    }

    fn run_unit(&self, unit: Unit, model: &Model, sink: &MemorySink) -> Result<(), Vec<String>> {
        let site = &model.site;
        let io = |e: std::io::Error| vec![e.to_string()];
        match unit {
            Unit::Feeds => return feeds::write_feeds(site, sink).map_err(io),
            Unit::Assets => {
                return assets::write_assets(site, &self.site_dir, sink)
                    .map(|_| ())
                    .map_err(io)
            }
            _ => {}
        }
        let renderer = Renderer::new(site, &model.tera, model.templates, sink, &model.css);
        match unit {
            Unit::Home => renderer.home(),
            Unit::Province(code) => {
                if let Some(p) = site.provinces.iter().find(|p| p.unit.code == code) {
                    renderer.province(p);
                }
            }
            Unit::Commune(code) => {
                for p in &site.provinces {
                    if let Some(c) = p.communes.iter().find(|c| c.unit.code == code) {
                        renderer.commune(p, c);
                    }
                }
            }
            Unit::Guides => renderer.guides_index(),
            Unit::Guide(i) => {
                if let Some(guide) = site.guides.get(i) {
                    renderer.guide(guide);
                }
            }
            Unit::FreePages => renderer.free_pages(),
            Unit::Special => renderer.special_pages(),
            Unit::Statistics => renderer.statistics(),
            Unit::OpenDataPage => renderer.open_data_page(),
            Unit::OldAddresses => {
                renderer.old_addresses_index(&units::official().old_provinces());
            }
            Unit::OldProvince(i) => {
                if let Some(old) = units::official().old_provinces().get(i) {
                    renderer.old_province(old);
                }
            }
            _ => {}
        }
        renderer.finish().map(|_| ()).map_err(lines)
    }

    /// `_headers`, from the files it names: the hashed assets and the service worker.
    fn headers(&self, model: &Model, sink: &MemorySink) -> Result<(), Vec<String>> {
        let site = &model.site;
        let recorder = headers::Recorder::new(sink);
        assets::write_assets(site, &self.site_dir, &recorder).map_err(|e| vec![e.to_string()])?;
        let mut paths = recorder.paths();
        paths.extend([pwa::WEB_MANIFEST, pwa::SERVICE_WORKER].map(String::from));
        paths.sort();
        headers::write_headers(&site.config.base_url.path, &paths, sink)
            .map_err(|e| vec![e.to_string()])
    }

    /// Makes, ahead of the reload, the pages an edit changed: the reloading tab finds them ready,
    /// and a template error shows before anyone asks for the page.
    fn make_touched(&self, touched: &Touched) -> Vec<Diagnostic> {
        let state = self.read();
        let State::Ready(model) = &*state else {
            return Vec::new();
        };
        let site = &model.site;
        let sink = MemorySink::new(&self.store);
        let renderer = Renderer::new(site, &model.tera, model.templates, &sink, &model.css);
        renderer.home();
        for p in &site.provinces {
            let communes: Vec<_> = p
                .communes
                .iter()
                .filter(|c| touched.communes.contains(&(p.unit.code, c.unit.code)))
                .collect();
            if communes.is_empty() {
                continue;
            }
            renderer.province(p);
            for c in communes {
                renderer.commune(p, c);
            }
        }
        if !touched.communes.is_empty() {
            renderer.statistics();
        }
        if touched.guides {
            // The edited guide is made when the reloading tab asks for it.
            renderer.guides_index();
        }
        if touched.pages {
            renderer.free_pages();
        }
        match renderer.finish() {
            Ok(_) => Vec::new(),
            Err(d) => d.into_sorted(),
        }
    }
}

fn lines(d: Diagnostics) -> Vec<String> {
    d.into_sorted().iter().map(ToString::to_string).collect()
}

/// Where a problem belongs: a later reading of that part of the site replaces its problems.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Area {
    Config,
    Commune(PathBuf),
    Guides,
    Pages,
    Templates,
    /// Everything else a walk of the folder finds (a link out of the site, a pipe).
    Files,
}

impl Area {
    fn of(path: &Path) -> Area {
        match path
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
        {
            Some("site.yaml" | "site.yml") => Area::Config,
            Some("teams") => Area::Commune(path.to_path_buf()),
            Some("guides") => Area::Guides,
            Some("pages") => Area::Pages,
            Some("templates") => Area::Templates,
            _ => Area::Files,
        }
    }
}

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
    problems: BTreeMap<Area, Vec<Diagnostic>>,
    guides: Known<Guide>,
    pages: Known<Page>,
}

impl Editor {
    pub fn new(preview: Arc<Preview>, drafts: bool, parsed: Option<PathBuf>) -> Editor {
        Editor {
            preview,
            drafts,
            parsed,
            problems: BTreeMap::new(),
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
        let files = walk_files(&parts.site);
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
            css: assets::stylesheet(),
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
        self.problems.clear();
        for d in problems.into_sorted() {
            self.problems
                .entry(Area::of(&d.location.path))
                .or_default()
                .push(d);
        }
    }

    fn set(&mut self, area: Area, problems: Diagnostics) {
        if problems.is_empty() {
            self.problems.remove(&area);
        } else {
            self.problems.insert(area, problems.into_sorted());
        }
    }

    /// Every problem of the site: each area's, and commune files that clash.
    fn all_problems(&self) -> Vec<Diagnostic> {
        let mut all: Diagnostics = self.problems.values().flatten().cloned().collect();
        if let State::Ready(model) = &*self.preview.read() {
            all.extend(model.communes.problems());
        }
        all.into_sorted()
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
        let state = self.preview.read();
        let State::Ready(model) = &*state else {
            return None;
        };
        if changes.contains(&Change::Rescan) {
            return None;
        }
        let mut config = model.site.config.clone();
        let communes_known = model.communes.clone();
        drop(state);
        let site_dir = self.site_dir().to_path_buf();
        let mut edits = Vec::new();
        let changed_guides: Vec<PathBuf> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Guide(rel) => Some(rel.clone()),
                _ => None,
            })
            .collect();
        let mut guides = !changed_guides.is_empty();
        let mut every_guide = false;
        let mut pages = changes.contains(&Change::Pages);
        if changes.contains(&Change::Config) {
            match config::load(&site_dir, Some(Path::new("site.yaml"))) {
                Ok(new) => {
                    let reread = reread_after(&config, &new);
                    if reread.communes {
                        return None;
                    }
                    guides |= reread.markdown;
                    every_guide = reread.markdown;
                    pages |= reread.markdown;
                    self.set(Area::Config, Diagnostics::new());
                    config = new.clone();
                    edits.push(Edit::Config(new));
                }
                Err(d) => self.set(Area::Config, d),
            }
        }
        for rel in commune_files(&site_dir, changes, &communes_known) {
            match read_commune(&site_dir, &rel, &config) {
                Ok(file) => {
                    self.set(Area::Commune(rel.clone()), Diagnostics::new());
                    edits.push(Edit::Commune { rel, file });
                }
                Err(d) => self.set(Area::Commune(rel), d),
            }
        }
        let walks = guides
            || pages
            || changes
                .iter()
                .any(|c| matches!(c, Change::Templates | Change::Static(_)));
        if !walks {
            return Some(edits);
        }
        let files = walk_site_except_teams(&site_dir);
        steps.done("duyệt thư mục");
        self.set(Area::Files, files.problems.clone());
        let base = &config.base_url;
        if guides {
            // Only the guides the watcher named are read again (for a bundle, any file in its
            // folder); the others are as they were.
            let changed = |file: &GuideFile| {
                every_guide
                    || changed_guides.iter().any(|c| {
                        file.path.starts_with(c)
                            || (file.path.ends_with("index.md")
                                && file.path.parent().is_some_and(|dir| c.starts_with(dir)))
                    })
            };
            let (read, problems) = reread_guides(
                &site_dir,
                &files.guides,
                base,
                self.drafts,
                &mut self.guides,
                &changed,
            );
            self.set(Area::Guides, problems);
            edits.push(Edit::Guides(read));
        }
        if pages {
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
        edits.push(Edit::Files {
            static_files: files.static_files,
            templates: files.templates.clone(),
        });
        if changes.contains(&Change::Templates) {
            match templates::environment_with_key(&site_dir, &files.templates) {
                Ok((tera, key)) => {
                    self.set(Area::Templates, Diagnostics::new());
                    edits.push(Edit::Templates { tera, key });
                }
                Err(d) => self.set(Area::Templates, d),
            }
        }
        Some(edits)
    }
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

/// How many commune files a site has.
fn walk_files(site: &model::Site) -> usize {
    site.communes().filter(|c| c.directory.is_some()).count()
}

/// A problem that belongs to no file.
pub fn general(message: String) -> Diagnostic {
    Diagnostic::new(Location::file("."), message)
}

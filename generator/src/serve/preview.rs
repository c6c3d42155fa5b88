//! The preview: the site held in memory, and pages made when they are asked for.
//!
//! [`Preview`] is shared with the request threads: it answers a request by running the makers of
//! the asked file (a commune's pages, the home page…) into memory; a page whose inputs did not
//! change since it was last made is handed back as it was (fingerprints, as in a rebuild), so a
//! page is always what a build of the current files would write. The watcher's side, which puts
//! edits in place, is `editor.rs`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, RwLock, RwLockReadGuard};

use crate::build::{image_error, io, BuildError};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::images::{self, ImageCache};
use crate::output::{Held, MemorySink, MemoryStore};
use crate::render::pages::Renderer;
use crate::render::{assets, feeds, headers, pwa, redirects};
use crate::serve::background::Worker;
use crate::serve::edits::{Model, Touched};
use crate::serve::http::Hub;
use crate::serve::routes::{unit_of, Unit};
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

/// What requests are answered from.
pub(super) enum State {
    Starting,
    Broken(Vec<String>),
    Ready(Box<Model>),
}

/// The preview's site and everything made from it, shared by the request threads.
pub struct Preview {
    pub(super) site_dir: PathBuf,
    pub(super) state: RwLock<State>,
    store: MemoryStore,
    pub(super) worker: OnceLock<Worker>,
    pub(super) hub: Arc<Hub>,
    /// The base path until the site is read.
    first_base: String,
    /// Guide screenshots encoded by earlier previews of this site (kept outside the site folder).
    images: ImageCache,
    /// Held while guide images are made: the requests of one page for its six screenshots
    /// wait for one run instead of encoding the same files six times.
    making_images: Mutex<()>,
}

impl Preview {
    pub fn new(site_dir: &Path, hub: Arc<Hub>, images: ImageCache) -> Preview {
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
            images,
            making_images: Mutex::new(()),
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

    pub(super) fn read(&self) -> RwLockReadGuard<'_, State> {
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
                    .map_err(|e| Answer::Failed(vec![e.to_string()]))?;
                self.store.get(file)
            }
            Unit::Pwa => {
                let search = self
                    .worker()?
                    .search()
                    .map_err(|e| Answer::Failed(vec![e.to_string()]))?;
                self.make(file, |model, sink| {
                    pwa::write(&model.site, &search, sink)
                        .map_err(io("không ghi được service worker"))
                })?
            }
            Unit::Headers => self.make(file, |model, sink| self.headers(model, sink))?,
            unit => self.make(file, |model, sink| self.run_unit(unit, model, sink))?,
        };
        if found.is_some() || unit == Unit::Redirects {
            return Ok(found);
        }
        // Not made by the maker of its address: a static file may sit there, or the page at an
        // old address.
        for fallback in [Unit::Assets, Unit::Redirects] {
            if fallback == unit {
                continue;
            }
            if let Some(held) =
                self.make(file, |model, sink| self.run_unit(fallback, model, sink))?
            {
                return Ok(Some(held));
            }
        }
        Ok(None)
    }

    fn worker(&self) -> Result<&Worker, Answer> {
        self.worker.get().ok_or(Answer::Starting)
    }

    /// A search file: the manifest, or a shard it lists, once the index has every edit.
    fn search_file(&self, file: &str) -> Result<Option<Held>, Answer> {
        let manifest = self
            .worker()?
            .search()
            .map_err(|e| Answer::Failed(vec![e.to_string()]))?;
        Ok(manifest.lists(file).then(|| self.store.get(file)).flatten())
    }

    /// Runs `maker` over the current site into memory; the file if the run made it.
    fn make(
        &self,
        file: &str,
        maker: impl FnOnce(&Model, &MemorySink) -> Result<(), BuildError>,
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
            Err(BuildError::Content(problems)) => Err(Answer::Failed(lines(problems))),
            Err(other) => Err(Answer::Failed(vec![other.to_string()])),
            Ok(()) => Ok(None),
        }
    }

    /// Runs the maker of `unit`; its errors read as `ngo build`'s do for the same step.
    fn run_unit(&self, unit: Unit, model: &Model, sink: &MemorySink) -> Result<(), BuildError> {
        let site = &model.site;
        match unit {
            Unit::Feeds => {
                return feeds::write_feeds(site, sink)
                    .map_err(io("không ghi được sitemap và nguồn tin"))
            }
            Unit::Redirects => {
                return redirects::write_redirects(site, sink)
                    .map_err(io("không ghi được trang chuyển hướng"))
            }
            Unit::GuideImages => {
                let _one_at_a_time = self.making_images.lock().unwrap_or_else(|e| e.into_inner());
                return images::write_images(site, &self.site_dir, sink, &self.images)
                    .map(|_| ())
                    .map_err(image_error);
            }
            Unit::Assets => {
                return assets::write_assets(site, &self.site_dir, sink)
                    .map_err(io("không chép được tệp tĩnh"))
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
            Unit::Special => {
                renderer.special_pages();
                renderer.privacy_pages();
            }
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
        renderer.finish().map(|_| ()).map_err(BuildError::Content)
    }

    /// `_headers`, from the files it names: the hashed assets and the service worker.
    fn headers(&self, model: &Model, sink: &MemorySink) -> Result<(), BuildError> {
        let site = &model.site;
        let recorder = headers::Recorder::new(sink);
        assets::write_assets(site, &self.site_dir, &recorder)
            .map_err(io("không chép được tệp tĩnh"))?;
        let mut paths = recorder.paths();
        paths.extend([pwa::WEB_MANIFEST, pwa::SERVICE_WORKER].map(String::from));
        paths.sort();
        headers::write_headers(&site.config.base_url.path, &paths, sink)
            .map_err(io("không ghi được tệp _headers"))
    }

    /// Makes, ahead of the reload, the pages an edit changed: the reloading tab finds them ready,
    /// and a template error shows before anyone asks for the page.
    pub(super) fn make_touched(&self, touched: &Touched) -> Vec<Diagnostic> {
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

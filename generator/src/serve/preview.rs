//! The preview's state: the site model kept in memory, and the least work to bring the preview
//! folder up to date after a change (one commune file → that commune's pages, its province page,
//! the home page and the sitemap).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::build::{self, BuildError};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::index;
use crate::load::{walk_site, SourceFile};
use crate::model::{self, parse_commune_file, parse_guide, parse_page, LoadOptions, Site};
use crate::output::{DiffSink, Sink, Staging};
use crate::render::pages::Renderer;
use crate::render::{assets, feeds, templates};
use crate::serve::watch::Change;
use crate::urls;

/// What a rebuild did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Site-relative paths that changed on disk.
    pub changed: Vec<String>,
    /// Problems that keep part of the preview stale until fixed.
    pub problems: Vec<Diagnostic>,
}

/// The site as last built, and where it was built.
pub struct PreviewState {
    site_dir: PathBuf,
    out_dir: PathBuf,
    drafts: bool,
    loaded: Option<Loaded>,
    /// Problems per file, kept until that file is fixed.
    problems: BTreeMap<PathBuf, Diagnostics>,
    /// What the last `apply` changed that the search shards and open data do not show yet.
    search_pending: Option<Touched>,
}

struct Loaded {
    site: Site,
    tera: Tera,
    templates: crate::fingerprint::Key,
    css: String,
}

impl PreviewState {
    pub fn new(site_dir: &Path, out_dir: &Path, drafts: bool) -> Self {
        PreviewState {
            site_dir: site_dir.to_path_buf(),
            out_dir: out_dir.to_path_buf(),
            drafts,
            loaded: None,
            problems: BTreeMap::new(),
            search_pending: None,
        }
    }

    pub fn site(&self) -> Option<&Site> {
        self.loaded.as_ref().map(|l| &l.site)
    }

    /// Applies a batch of changes; anything that touches the whole site rebuilds it all.
    pub fn apply(&mut self, changes: &BTreeSet<Change>) -> Outcome {
        let whole = self.loaded.is_none()
            || changes
                .iter()
                .any(|c| matches!(c, Change::Config | Change::Templates));
        let result = if whole {
            self.rebuild_all()
        } else {
            self.apply_parts(changes)
        };
        match result {
            Ok(changed) => Outcome {
                changed,
                problems: self.current_problems(),
            },
            Err(err) => Outcome {
                changed: Vec::new(),
                problems: problems_of(err),
            },
        }
    }

    fn current_problems(&self) -> Vec<Diagnostic> {
        self.problems
            .values()
            .flat_map(|d| d.iter().cloned())
            .collect()
    }

    /// Loads everything and renders into a fresh folder swapped into place.
    pub fn rebuild_all(&mut self) -> Result<Vec<String>, BuildError> {
        let options = LoadOptions {
            drafts: self.drafts,
            skip: Vec::new(),
            cache: None,
        };
        self.problems.clear();
        let site = model::load_site(&self.site_dir, &options)?;
        let staging = Staging::new(&self.out_dir).map_err(|e| io_error("thư mục xem trước", e))?;
        let image_cache = crate::images::ImageCache::beside(&self.out_dir);
        build::write_site(&site, &self.site_dir, &staging, &image_cache, &mut |_| {})?;
        staging
            .commit()
            .map_err(|e| io_error("thư mục xem trước", e))?;
        let (tera, templates) = templates::environment_with_key(&self.site_dir, &site.templates)?;
        let css = assets::stylesheet();
        self.loaded = Some(Loaded {
            site,
            tera,
            templates,
            css,
        });
        Ok(vec!["*".to_string()])
    }

    fn apply_parts(&mut self, changes: &BTreeSet<Change>) -> Result<Vec<String>, BuildError> {
        let sink = DiffSink::new(&self.out_dir);
        let mut touched = Touched::default();
        for change in changes {
            match change {
                Change::Commune(rel) => self.update_commune(rel, &sink, &mut touched),
                Change::Guides => self.update_guides(&sink, &mut touched),
                Change::Pages => self.update_pages(&mut touched),
                Change::Static(rel) => self.update_static(rel, &sink)?,
                Change::Config | Change::Templates => {}
            }
        }
        self.render(&sink, &touched)?;
        if !touched.is_empty() {
            // Edits not yet indexed add up until the editor pauses.
            let pending = self.search_pending.get_or_insert_with(Touched::default);
            pending.communes.extend(touched.communes);
            pending.guides |= touched.guides;
            pending.pages |= touched.pages;
            pending.everything |= touched.everything;
        }
        Ok(sink.take_changed())
    }

    fn update_commune(&mut self, rel: &Path, sink: &DiffSink, touched: &mut Touched) {
        let Some(loaded) = self.loaded.as_mut() else {
            return;
        };
        let site = &mut loaded.site;
        let full = self.site_dir.join(rel);
        let parsed = if full.exists() {
            let source = match SourceFile::read(&full, rel) {
                Ok(source) => source,
                Err(d) => {
                    self.problems
                        .insert(rel.to_path_buf(), Diagnostics::from_iter([d]));
                    return;
                }
            };
            match parse_commune_file(&source, &site.config) {
                Ok(file) => Some(file),
                Err(d) => {
                    self.problems.insert(rel.to_path_buf(), d);
                    return;
                }
            }
        } else {
            None
        };
        if let Some(file) = &parsed {
            let clash = site.communes().find(|c| {
                c.unit.code == file.commune.code
                    && c.directory.as_ref().is_some_and(|d| d.source != rel)
            });
            if let Some(other) = clash {
                let first = other
                    .directory
                    .as_ref()
                    .map(|d| d.source.display().to_string())
                    .unwrap_or_default();
                let d = Diagnostic::new(
                    file.commune_location.clone(),
                    format!(
                        "{} (mã {}) đã có tệp danh sách khác",
                        file.commune.name, file.commune.code
                    ),
                )
                .with_hint(format!(
                    "tệp {first} cũng khai báo xã này; gộp hai danh sách vào một tệp"
                ));
                self.problems
                    .insert(rel.to_path_buf(), Diagnostics::from_iter([d]));
                return;
            }
        }
        self.problems.remove(rel);
        for province in &mut site.provinces {
            for commune in &mut province.communes {
                let was_here = commune.directory.as_ref().is_some_and(|d| d.source == rel);
                let goes_here = parsed
                    .as_ref()
                    .is_some_and(|f| f.commune.code == commune.unit.code);
                if !was_here && !goes_here {
                    continue;
                }
                let old_ids: Vec<String> = commune.teams().iter().map(|t| t.id.clone()).collect();
                commune.directory = parsed
                    .as_ref()
                    .filter(|_| goes_here)
                    .map(|f| f.directory.clone());
                for id in old_ids
                    .iter()
                    .filter(|id| !commune.teams().iter().any(|t| &&t.id == id))
                {
                    let _ = sink.remove(&urls::team(province.unit, commune.unit, id));
                }
                touched
                    .communes
                    .insert((province.unit.code, commune.unit.code));
            }
        }
    }

    fn update_guides(&mut self, sink: &DiffSink, touched: &mut Touched) {
        let Some(loaded) = self.loaded.as_mut() else {
            return;
        };
        let files = walk_site(&self.site_dir, &[]);
        let mut guides = Vec::new();
        self.problems.retain(|path, _| !path.starts_with("guides"));
        for file in &files.guides {
            let parsed = SourceFile::read(&self.site_dir.join(&file.path), &file.path)
                .map_err(|d| Diagnostics::from_iter([d]))
                .and_then(|source| {
                    parse_guide(&source, file, &loaded.site.config.base_url, &self.site_dir)
                });
            match parsed {
                Ok(guide) if guide.draft && !self.drafts => {}
                Ok(guide) => guides.push(guide),
                Err(d) => {
                    self.problems.insert(file.path.clone(), d);
                }
            }
        }
        if self.problems.keys().any(|p| p.starts_with("guides")) {
            return;
        }
        for old in &loaded.site.guides {
            if !guides.iter().any(|g| g.slug == old.slug) {
                let _ = sink.remove(&urls::guide(&old.slug));
            }
        }
        model::sort_guides(&mut guides);
        loaded.site.guides = guides;
        touched.guides = true;
    }

    fn update_pages(&mut self, touched: &mut Touched) {
        let Some(loaded) = self.loaded.as_mut() else {
            return;
        };
        let files = walk_site(&self.site_dir, &[]);
        self.problems.retain(|path, _| !path.starts_with("pages"));
        let mut pages = Vec::new();
        for rel in &files.pages {
            let parsed = SourceFile::read(&self.site_dir.join(rel), rel)
                .map_err(|d| Diagnostics::from_iter([d]))
                .and_then(|source| parse_page(&source, &loaded.site.config.base_url));
            match parsed {
                Ok(page) if page.draft && !self.drafts => {}
                Ok(page) => pages.push(page),
                Err(d) => {
                    self.problems.insert(rel.clone(), d);
                }
            }
        }
        if self.problems.keys().any(|p| p.starts_with("pages")) {
            return;
        }
        pages.sort_by(|a, b| a.slug.cmp(&b.slug));
        let titles = |pages: &[model::Page]| {
            pages
                .iter()
                .map(|p| (p.slug.clone(), p.title.clone()))
                .collect::<Vec<_>>()
        };
        // Every page links the free pages in its footer: a new title or address means all pages.
        touched.everything |= titles(&pages) != titles(&loaded.site.pages);
        loaded.site.pages = pages;
        touched.pages = true;
    }

    fn update_static(&mut self, rel: &Path, sink: &DiffSink) -> Result<(), BuildError> {
        let target = rel
            .strip_prefix("static")
            .unwrap_or(rel)
            .to_string_lossy()
            .replace('\\', "/");
        let full = self.site_dir.join(rel);
        let result = if full.is_file() {
            sink.copy(&target, &full)
        } else {
            sink.remove(&target)
        };
        result.map_err(|e| io_error("tệp tĩnh", e))
    }

    fn render(&self, sink: &DiffSink, touched: &Touched) -> Result<(), BuildError> {
        let Some(loaded) = &self.loaded else {
            return Ok(());
        };
        let site = &loaded.site;
        let renderer = Renderer::new(site, &loaded.tera, loaded.templates, sink, &loaded.css);
        if touched.everything {
            renderer.all();
        } else {
            if touched.is_empty() {
                return Ok(());
            }
            renderer.home();
            renderer.statistics();
            for province in &site.provinces {
                let communes: Vec<_> = province
                    .communes
                    .iter()
                    .filter(|c| {
                        touched
                            .communes
                            .contains(&(province.unit.code, c.unit.code))
                    })
                    .collect();
                if communes.is_empty() {
                    continue;
                }
                renderer.province(province);
                for commune in communes {
                    renderer.commune(province, commune);
                }
            }
            if touched.guides {
                renderer.guides();
                let image_cache = crate::images::ImageCache::beside(&self.out_dir);
                crate::images::write_images(site, &self.site_dir, sink, &image_cache)
                    .map_err(|e| io_error("ảnh hướng dẫn", std::io::Error::other(e.to_string())))?;
                crate::render::redirects::write_redirects(site, sink)
                    .map_err(|e| io_error("trang chuyển hướng", e))?;
            }
            if touched.pages {
                renderer.free_pages();
            }
        }
        renderer.finish()?;
        feeds::write_feeds(site, sink).map_err(|e| io_error("sitemap", e))
    }

    /// Brings the search shards and the open-data files up to date with the last `apply`.
    /// Called after the open tabs were told to reload: at national scale indexing a province
    /// and writing the national export take longer than rendering the edited pages, and no page
    /// needs them to show the edit.
    pub fn update_after_reload(&mut self) -> Vec<Diagnostic> {
        let Some(touched) = self.search_pending.take() else {
            return Vec::new();
        };
        let Some(loaded) = &self.loaded else {
            return Vec::new();
        };
        let sink = DiffSink::new(&self.out_dir);
        let result = self
            .update_search(&loaded.site, &sink, &touched)
            .and_then(|()| {
                if touched.communes.is_empty() {
                    return Ok(());
                }
                crate::render::opendata::write_open_data(&loaded.site, &sink)
                    .map_err(|e| io_error("dữ liệu mở", e))
            });
        match result {
            Ok(()) => Vec::new(),
            Err(err) => problems_of(err),
        }
    }

    /// The search shards the changes touched, so the preview's search box finds the edit.
    fn update_search(
        &self,
        site: &Site,
        sink: &DiffSink,
        touched: &Touched,
    ) -> Result<(), BuildError> {
        let failed = |e: index::IndexError| BuildError::Index(e.to_string());
        let previous = std::fs::read(self.out_dir.join(index::SEARCH_DIR).join("manifest.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<index::Manifest>(&bytes).ok());
        match previous {
            Some(previous) if !touched.everything => {
                let provinces = touched.communes.iter().map(|&(p, _)| p).collect();
                index::update_index(site, sink, &previous, &provinces, touched.guides)
                    .map_err(failed)?;
            }
            _ => {
                index::write_index(site, sink).map_err(failed)?;
            }
        }
        Ok(())
    }
}

/// What the changes of one batch affect.
#[derive(Debug, Default)]
struct Touched {
    communes: BTreeSet<(u32, u32)>,
    guides: bool,
    pages: bool,
    everything: bool,
}

impl Touched {
    fn is_empty(&self) -> bool {
        self.communes.is_empty() && !self.guides && !self.pages && !self.everything
    }
}

fn io_error(what: &str, source: std::io::Error) -> BuildError {
    BuildError::Io {
        context: format!("không ghi được {what}"),
        source,
    }
}

fn problems_of(err: BuildError) -> Vec<Diagnostic> {
    match err {
        BuildError::Content(d) => d.into_sorted(),
        other => vec![Diagnostic::new(Location::file("."), other.to_string())],
    }
}

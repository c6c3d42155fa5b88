//! Loading a whole site: every file parsed in parallel, then checked against the others.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{self, BaseUrl, Config, PhonePolicy};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::{walk_site, SourceFile};
use crate::model::alias::check_aliases;
use crate::model::{
    check_translations, parse_commune_file, parse_guide, parse_page, Commune, CommuneFile, Guide,
    Page, ParseCache, Province, Site,
};
use crate::{units, urls};

/// What to include and where not to look.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Build guides and pages marked `draft: true` (the preview server does).
    pub drafts: bool,
    /// Folders inside the site folder to leave out, such as the output folder.
    pub skip: Vec<PathBuf>,
    /// Commune files parsed by an earlier build (see [`ParseCache`]).
    pub cache: Option<Arc<ParseCache>>,
}

/// Loads, resolves and validates the site in `site_dir`, reporting every problem found.
pub fn load_site(site_dir: &Path, options: &LoadOptions) -> Result<Site, Diagnostics> {
    let files = walk_site(site_dir, &options.skip);
    let mut diagnostics = files.problems;
    let config = match config::load(site_dir, files.site_yaml.as_deref()) {
        Ok(config) => Some(config),
        Err(d) => {
            diagnostics.extend(d);
            None
        }
    };
    // Without a valid site.yaml the other files are still checked, so an editor sees everything.
    let checking = config.clone().unwrap_or_else(fallback_config);

    let (communes, guides, pages) = (
        read_all(site_dir, &files.teams, |src| match &options.cache {
            Some(cache) => cache.parse(src, &checking, |src| parse_commune_file(src, &checking)),
            None => parse_commune_file(src, &checking),
        }),
        read_guides(site_dir, &files.guides, &checking.base_url),
        read_all(site_dir, &files.pages, |src| {
            parse_page(src, &checking.base_url)
        }),
    );
    let communes = collect(communes, &mut diagnostics);
    let mut guides = collect(guides, &mut diagnostics);
    let mut pages = collect(pages, &mut diagnostics);
    guides.retain(|g| options.drafts || !g.draft);
    pages.retain(|p| options.drafts || !p.draft);
    sort_guides(&mut guides);
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));

    let provinces = assemble(&checking, communes, &mut diagnostics);
    check_slugs(&guides, &pages, &mut diagnostics);
    check_translations(&guides, &mut diagnostics);
    check_aliases(&guides, &pages, &provinces, &mut diagnostics);
    let warnings = guides
        .iter()
        .flat_map(|g| g.warnings.iter())
        .chain(pages.iter().flat_map(|p| p.warnings.iter()))
        .cloned()
        .collect();
    match config {
        Some(config) if diagnostics.is_empty() => Ok(Site {
            config,
            provinces,
            guides,
            pages,
            static_files: files.static_files,
            templates: files.templates,
            warnings,
        }),
        _ => Err(diagnostics),
    }
}

fn fallback_config() -> Config {
    Config {
        title: String::new(),
        base_url: BaseUrl::parse("/").expect("\"/\" is a valid base URL"),
        language: "vi".to_string(),
        scope: None,
        hotline: None,
        email: None,
        publish_phones: PhonePolicy::Consent,
        show_names: true,
        synonyms: Default::default(),
    }
}

fn read_all<T: Send>(
    site_dir: &Path,
    paths: &[PathBuf],
    parse: impl Fn(&SourceFile) -> Result<T, Diagnostics> + Sync,
) -> Vec<Result<T, Diagnostics>> {
    paths
        .par_iter()
        .map(|path| {
            let source = SourceFile::read(&site_dir.join(path), path)
                .map_err(|d| Diagnostics::from_iter([d]))?;
            parse(&source)
        })
        .collect()
}

fn read_guides(
    site_dir: &Path,
    files: &[crate::load::walk::GuideFile],
    base: &BaseUrl,
) -> Vec<Result<Guide, Diagnostics>> {
    files
        .par_iter()
        .map(|file| {
            let source = SourceFile::read(&site_dir.join(&file.path), &file.path)
                .map_err(|d| Diagnostics::from_iter([d]))?;
            parse_guide(&source, file, base, site_dir)
        })
        .collect()
}

fn collect<T>(results: Vec<Result<T, Diagnostics>>, diagnostics: &mut Diagnostics) -> Vec<T> {
    let mut ok = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(value) => ok.push(value),
            Err(d) => diagnostics.extend(d),
        }
    }
    ok
}

/// Orders guides by skill, then `order`, then title.
pub fn sort_guides(guides: &mut [Guide]) {
    guides.sort_by(|a, b| {
        (a.skill, a.order.unwrap_or(i64::MAX), &a.title, &a.slug).cmp(&(
            b.skill,
            b.order.unwrap_or(i64::MAX),
            &b.title,
            &b.slug,
        ))
    });
}

/// Places each commune file on the official map; two files for one commune is an error.
fn assemble(
    config: &Config,
    files: Vec<CommuneFile>,
    diagnostics: &mut Diagnostics,
) -> Vec<Province> {
    let mut by_code: HashMap<u32, CommuneFile> = HashMap::with_capacity(files.len());
    let mut files = files;
    files.sort_by(|a, b| a.directory.source.cmp(&b.directory.source));
    for file in files {
        if let Some(first) = by_code.get(&file.commune.code) {
            diagnostics.push(
                Diagnostic::new(
                    file.commune_location.clone(),
                    format!(
                        "{} (mã {}) đã có tệp danh sách khác",
                        file.commune.name, file.commune.code
                    ),
                )
                .with_hint(format!(
                    "tệp {} cũng khai báo xã này; gộp hai danh sách vào một tệp",
                    first.directory.source.display()
                )),
            );
            continue;
        }
        by_code.insert(file.commune.code, file);
    }
    units::official()
        .provinces()
        .iter()
        .filter(|p| config.covers(p.code))
        .map(|unit| Province {
            unit,
            communes: units::official()
                .communes_of(unit.code)
                .map(|c| Commune {
                    unit: c,
                    directory: by_code.remove(&c.code).map(|f| f.directory),
                })
                .collect(),
        })
        .collect()
}

/// Guides and pages need distinct addresses, and pages may not take the generator's own.
fn check_slugs(guides: &[Guide], pages: &[Page], diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for guide in guides {
        if let Some(first) = seen.insert(&guide.slug, &guide.source) {
            diagnostics.push(slug_clash(&guide.source, &guide.slug, first));
        }
    }
    let provinces: Vec<&str> = units::official()
        .provinces()
        .iter()
        .map(|p| p.slug.as_str())
        .collect();
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for page in pages {
        if urls::RESERVED.contains(&page.slug.as_str()) || provinces.contains(&page.slug.as_str()) {
            diagnostics.push(
                Diagnostic::new(
                    Location::file(&page.source),
                    format!(
                        "địa chỉ `/{}/` đã được dùng cho trang khác của cổng",
                        page.slug
                    ),
                )
                .with_hint("đổi tên tệp trang, ví dụ thêm `-thong-tin`"),
            );
        } else if let Some(first) = seen.insert(&page.slug, &page.source) {
            diagnostics.push(slug_clash(&page.source, &page.slug, first));
        }
    }
}

fn slug_clash(path: &Path, slug: &str, first: &Path) -> Diagnostic {
    Diagnostic::new(
        Location::file(path),
        format!("hai tệp cùng tạo ra địa chỉ `{slug}`"),
    )
    .with_hint(format!(
        "tệp {} cũng có địa chỉ này; đổi tên một trong hai tệp",
        first.display()
    ))
}

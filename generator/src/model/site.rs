//! Loading a whole site: every file parsed in parallel, then checked against the others; and the
//! same checks one change at a time, for the preview server (replace a commune file, read the
//! guides or pages again), so `ngo serve` refuses exactly what `ngo build` refuses.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{self, BaseUrl, Config, PhonePolicy};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::{walk_site, SiteFiles, SourceFile};
use crate::model::alias::check_aliases;
use crate::model::rereading::{read_guides, read_pages, Known};
use crate::model::{
    check_translations, parse_commune_file, Commune, CommuneFile, Guide, Page, ParseCache,
    Province, Site,
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

/// Loads, resolves and validates the site in `site_dir`, reporting every problem found: errors
/// (with any warnings) as `Err`, or the site with its warnings in [`Site::warnings`].
pub fn load_site(site_dir: &Path, options: &LoadOptions) -> Result<Site, Diagnostics> {
    let parts = load_site_parts(site_dir, options)?;
    let mut problems = parts.problems;
    problems.extend(parts.communes.problems());
    if problems.has_errors() {
        Err(problems)
    } else {
        let mut site = parts.site;
        site.warnings = problems;
        Ok(site)
    }
}

/// A site as far as its files are valid, with the problems of the others: what the preview
/// shows while an editor fixes them. [`load_site`] is this, refused when there is any problem.
#[derive(Debug)]
pub struct SiteParts {
    /// Every valid file in place; a file with a problem is left out.
    pub site: Site,
    /// Where each commune file stands; its clashes are not in `problems`.
    pub communes: CommuneFiles,
    /// The problems of every file that was left out, clashes between commune files aside, and
    /// the warnings of the files kept.
    pub problems: Diagnostics,
    /// The guides and pages as read, for [`reread_guides`] and [`reread_pages`].
    pub guide_files: Known<Guide>,
    pub page_files: Known<Page>,
}

/// Loads every valid file of the site in `site_dir`. Fails only when `site.yaml` itself has a
/// problem, since nothing can be shown without it; the problems of every other file are still
/// reported then.
pub fn load_site_parts(site_dir: &Path, options: &LoadOptions) -> Result<SiteParts, Diagnostics> {
    let mut files = walk_site(site_dir, &options.skip);
    let mut diagnostics = std::mem::take(&mut files.problems);
    let config = match config::load(site_dir, files.site_yaml.as_deref()) {
        Ok(config) => Some(config),
        Err(d) => {
            diagnostics.extend(d);
            None
        }
    };
    // Without a valid site.yaml the other files are still checked, so an editor sees everything.
    let checking = config.clone().unwrap_or_else(fallback_config);

    let read = read_files(site_dir, &files, &checking, options);
    diagnostics.extend(read.problems);
    let (guides, problems) = valid_guides(read.guides, options.drafts);
    diagnostics.extend(problems);
    let (pages, problems) = valid_pages(read.pages, options.drafts);
    diagnostics.extend(problems);
    let (provinces, communes) = assemble(&checking, read.communes);
    check_aliases(&guides, &pages, &provinces, &mut diagnostics);
    let Some(config) = config else {
        diagnostics.extend(communes.problems());
        return Err(diagnostics);
    };
    Ok(SiteParts {
        site: Site {
            warnings: Diagnostics::new(),
            config,
            provinces,
            guides,
            pages,
            static_files: files.static_files,
            templates: files.templates,
        },
        communes,
        problems: diagnostics,
        guide_files: read.guide_files,
        page_files: read.page_files,
    })
}

/// Every content file of a site, parsed, before the files are checked against each other.
struct Read {
    communes: Vec<CommuneFile>,
    guides: Vec<Guide>,
    pages: Vec<Page>,
    guide_files: Known<Guide>,
    page_files: Known<Page>,
    problems: Diagnostics,
}

/// Parses every commune file, guide and page in parallel, reporting the problems of each.
fn read_files(
    site_dir: &Path,
    files: &SiteFiles,
    checking: &Config,
    options: &LoadOptions,
) -> Read {
    let mut guide_files = Known::default();
    let mut page_files = Known::default();
    let base = &checking.base_url;
    let (communes, ((guides, guide_problems), (pages, page_problems))) = rayon::join(
        || {
            read_all(site_dir, &files.teams, |src| match &options.cache {
                Some(cache) => cache.parse(src, checking, |src| parse_commune_file(src, checking)),
                None => parse_commune_file(src, checking),
            })
        },
        || {
            (
                read_guides(site_dir, &files.guides, base, &mut guide_files, &|_| true),
                read_pages(site_dir, &files.pages, base, &mut page_files, &|_| true),
            )
        },
    );
    let mut problems = Diagnostics::new();
    let mut communes = collect(communes, &mut problems);
    for file in &mut communes {
        problems.extend(std::mem::take(&mut file.warnings).into_iter().collect());
    }
    problems.extend(guide_problems);
    problems.extend(page_problems);
    Read {
        communes,
        guides,
        pages,
        guide_files,
        page_files,
        problems,
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
        consent: Default::default(),
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

/// The guides a site shows, in order: drafts only when asked for, and never two at one
/// address (the second is left out, with an error).
pub(super) fn valid_guides(mut guides: Vec<Guide>, drafts: bool) -> (Vec<Guide>, Diagnostics) {
    guides.retain(|g| drafts || !g.draft);
    sort_guides(&mut guides);
    let mut diagnostics = Diagnostics::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    guides.retain(|guide| match seen.get(&guide.slug) {
        Some(first) => {
            diagnostics.push(slug_clash(&guide.source, &guide.slug, first));
            false
        }
        None => {
            seen.insert(guide.slug.clone(), guide.source.clone());
            true
        }
    });
    check_translations(&guides, &mut diagnostics);
    for guide in &guides {
        diagnostics.extend(guide.warnings.iter().cloned().collect());
    }
    (guides, diagnostics)
}

/// The free pages a site shows, by address: drafts only when asked for; never one at an
/// address the generator uses itself, nor two at one address.
pub(super) fn valid_pages(mut pages: Vec<Page>, drafts: bool) -> (Vec<Page>, Diagnostics) {
    pages.retain(|p| drafts || !p.draft);
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    let provinces: Vec<&str> = units::official()
        .provinces()
        .iter()
        .map(|p| p.slug.as_str())
        .collect();
    let mut diagnostics = Diagnostics::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    pages.retain(|page| {
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
            false
        } else if let Some(first) = seen.get(&page.slug) {
            diagnostics.push(slug_clash(&page.source, &page.slug, first));
            false
        } else {
            seen.insert(page.slug.clone(), page.source.clone());
            true
        }
    });
    for page in &pages {
        diagnostics.extend(page.warnings.iter().cloned().collect());
    }
    (pages, diagnostics)
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

/// Places each commune file on the official map. Two files for one commune: the first by path
/// keeps it, the other waits (and is an error) until it no longer clashes.
fn assemble(config: &Config, files: Vec<CommuneFile>) -> (Vec<Province>, CommuneFiles) {
    let mut communes = CommuneFiles::default();
    let mut by_code: HashMap<u32, CommuneFile> = HashMap::with_capacity(files.len());
    let mut files = files;
    files.sort_by(|a, b| a.directory.source.cmp(&b.directory.source));
    for file in files {
        if by_code.contains_key(&file.commune.code) {
            communes.waiting.insert(file.directory.source.clone(), file);
            continue;
        }
        communes.placed.insert(
            file.directory.source.clone(),
            (file.commune.code, file.commune_location.clone()),
        );
        by_code.insert(file.commune.code, file);
    }
    let provinces = units::official()
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
        .collect();
    (provinces, communes)
}

/// Where the commune files of a site stand: the file that holds each commune (the first by
/// path), and the files that declare a commune another file already holds. A full load and the
/// preview's edits keep it the same way, so the preview refuses what `ngo build` refuses.
#[derive(Debug, Default, Clone)]
pub struct CommuneFiles {
    /// Files in the site, with the commune each holds and where the file names it.
    placed: HashMap<PathBuf, (u32, Location)>,
    /// Files refused because an earlier one holds their commune.
    waiting: BTreeMap<PathBuf, CommuneFile>,
}

impl CommuneFiles {
    /// Every commune file under `dir` (site-relative), in the site or refused.
    pub fn files_under(&self, dir: &Path) -> Vec<PathBuf> {
        self.placed
            .keys()
            .chain(self.waiting.keys())
            .filter(|path| path.starts_with(dir))
            .cloned()
            .collect()
    }

    /// An error for each file refused because another holds its commune.
    pub fn problems(&self) -> Diagnostics {
        self.waiting
            .values()
            .map(|file| {
                let holder = self
                    .placed
                    .iter()
                    .find(|(_, (code, _))| *code == file.commune.code)
                    .map(|(path, _)| path.display().to_string())
                    .unwrap_or_default();
                commune_clash(file, &holder)
            })
            .collect()
    }
}

fn commune_clash(file: &CommuneFile, first: &str) -> Diagnostic {
    Diagnostic::new(
        file.commune_location.clone(),
        format!(
            "{} (mã {}) đã có tệp danh sách khác",
            file.commune.name, file.commune.code
        ),
    )
    .with_hint(format!(
        "tệp {first} cũng khai báo xã này; gộp hai danh sách vào một tệp"
    ))
}

/// Reads the commune file at `rel` as a full load would; `None` when it is no longer there.
pub fn read_commune(
    site_dir: &Path,
    rel: &Path,
    config: &Config,
) -> Result<Option<CommuneFile>, Diagnostics> {
    let full = site_dir.join(rel);
    if std::fs::symlink_metadata(&full).is_err() {
        return Ok(None);
    }
    let source = SourceFile::read(&full, rel).map_err(|d| Diagnostics::from_iter([d]))?;
    parse_commune_file(&source, config).map(Some)
}

/// What a new `site.yaml` means for the files already read with the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reread {
    /// Commune files must be read again: which provinces are in, which phones and names a
    /// member keeps, depend on the settings.
    pub communes: bool,
    /// Guides and pages must be rendered again: their links carry the base path.
    pub markdown: bool,
}

/// Which files `new` settings make read differently from `old` ones.
///
/// Every field is named, without `..`: a setting added to [`Config`] does not compile here
/// until someone says whether files read under the old value are still right.
pub fn reread_after(old: &Config, new: &Config) -> Reread {
    let Config {
        title: _,
        base_url,
        language: _,
        scope,
        hotline: _,
        email: _,
        publish_phones,
        show_names,
        consent,
        synonyms: _,
    } = new;
    Reread {
        communes: *scope != old.scope
            || *publish_phones != old.publish_phones
            || *show_names != old.show_names
            || *consent != old.consent,
        markdown: *base_url != old.base_url,
    }
}

impl Site {
    /// Puts the commune file at `rel` in place as it now reads (`None`: it is gone), with the
    /// check of a full load: one file per commune, the first by path, the others refused until
    /// they no longer clash. Returns the communes, as (province, commune) codes, whose team
    /// lists changed.
    pub fn replace_commune(
        &mut self,
        files: &mut CommuneFiles,
        rel: &Path,
        file: Option<CommuneFile>,
    ) -> BTreeSet<(u32, u32)> {
        let mut codes = BTreeSet::new();
        if let Some((code, _)) = files.placed.remove(rel) {
            if let Some(commune) = self.commune_mut(code) {
                commune.directory = None;
            }
            codes.insert(code);
        }
        if let Some(gone) = files.waiting.remove(rel) {
            codes.insert(gone.commune.code);
        }
        if let Some(file) = file {
            codes.insert(file.commune.code);
            files.waiting.insert(rel.to_path_buf(), file);
        }
        let mut touched = BTreeSet::new();
        for code in codes {
            if self.settle_commune(files, code) {
                touched.insert((code_of_province(code), code));
            }
        }
        touched
    }

    /// Gives commune `code` to the first by path of the files that declare it; true when its
    /// team list changed.
    fn settle_commune(&mut self, files: &mut CommuneFiles, code: u32) -> bool {
        let holder = files
            .placed
            .iter()
            .find(|(_, (c, _))| *c == code)
            .map(|(path, _)| path.clone());
        let first = files
            .waiting
            .iter()
            .find(|(_, f)| f.commune.code == code)
            .map(|(path, _)| path.clone());
        let Some(first) = first.filter(|f| holder.as_ref().is_none_or(|h| f < h)) else {
            // Nobody waits before the holder; a commune whose file left has no list now.
            return holder.is_none();
        };
        let Some(commune) = self.commune_mut(code) else {
            return false;
        };
        if let Some(holder) = holder {
            let (_, location) = files.placed.remove(&holder).expect("found above");
            if let Some(directory) = commune.directory.take() {
                let displaced = CommuneFile {
                    commune: commune.unit,
                    commune_location: location,
                    directory,
                    // Its warnings were told when it was read.
                    warnings: Vec::new(),
                };
                files.waiting.insert(holder, displaced);
            }
        }
        let file = files.waiting.remove(&first).expect("found above");
        files
            .placed
            .insert(first, (code, file.commune_location.clone()));
        commune.directory = Some(file.directory);
        true
    }

    fn commune_mut(&mut self, code: u32) -> Option<&mut Commune> {
        let province = code_of_province(code);
        self.provinces
            .iter_mut()
            .filter(|p| p.unit.code == province)
            .flat_map(|p| p.communes.iter_mut())
            .find(|c| c.unit.code == code)
    }
}

fn code_of_province(commune: u32) -> u32 {
    units::official()
        .commune(commune)
        .map_or(0, |unit| unit.province)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "title: \"Cổng thử\"\nbase_url: \"/\"\nscope:\n  provinces: [22]\n";

    fn commune_text(code: u32, hamlet: &str) -> String {
        format!(
            "province: 22\ncommune: {code}\nteams:\n  - hamlet: \"{hamlet}\"\n    kind: thôn\n    members:\n      - name: \"Nguyễn Văn An\"\n"
        )
    }

    fn codes() -> (u32, u32) {
        let mut communes = units::official().communes_of(22);
        let first = communes.next().unwrap().code;
        (first, communes.next().unwrap().code)
    }

    /// Which file holds which commune, with which hamlets, and the problems: what a full load and
    /// a series of edits must agree on.
    fn summary(site: &Site, problems: Diagnostics) -> (Vec<String>, Vec<String>) {
        let held = site
            .communes()
            .filter_map(|c| {
                let d = c.directory.as_ref()?;
                let hamlets: Vec<&str> = d.teams.iter().map(|t| t.hamlet.as_str()).collect();
                Some(format!(
                    "{} {} {}",
                    c.unit.code,
                    d.source.display(),
                    hamlets.join(",")
                ))
            })
            .collect();
        let problems = problems
            .into_sorted()
            .iter()
            .map(|d| d.to_string())
            .collect();
        (held, problems)
    }

    fn full_load(dir: &Path) -> (Vec<String>, Vec<String>) {
        let parts = load_site_parts(dir, &LoadOptions::default()).unwrap();
        let mut problems = parts.problems;
        problems.extend(parts.communes.problems());
        summary(&parts.site, problems)
    }

    #[test]
    fn commune_edits_end_where_a_full_load_of_the_same_files_does() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("site.yaml"), SITE).unwrap();
        std::fs::create_dir_all(dir.join("teams/qn")).unwrap();
        let (x, y) = codes();
        let mut parts = load_site_parts(dir, &LoadOptions::default()).unwrap();
        // Each step writes (Some) or removes (None) one file, then the edit is applied.
        let steps: Vec<(&str, Option<String>)> = vec![
            ("teams/qn/b.yaml", Some(commune_text(x, "Thôn B"))),
            // Sorts after b.yaml: refused while b.yaml holds the commune.
            ("teams/qn/c.yaml", Some(commune_text(x, "Thôn C"))),
            // Sorts before both: takes the commune; b.yaml now waits.
            ("teams/qn/a.yaml", Some(commune_text(x, "Thôn A"))),
            ("teams/qn/a.yaml", None),
            // b.yaml moves to another commune: c.yaml gets the first one.
            ("teams/qn/b.yaml", Some(commune_text(y, "Thôn B2"))),
            ("teams/qn/c.yaml", Some(commune_text(y, "Thôn C2"))),
            ("teams/qn/b.yaml", None),
            ("teams/qn/c.yaml", Some(commune_text(x, "Thôn C3"))),
        ];
        for (i, (rel, text)) in steps.into_iter().enumerate() {
            let path = dir.join(rel);
            match &text {
                Some(text) => std::fs::write(&path, text).unwrap(),
                None => std::fs::remove_file(&path).unwrap(),
            }
            let file = read_commune(dir, Path::new(rel), &parts.site.config).unwrap();
            parts
                .site
                .replace_commune(&mut parts.communes, Path::new(rel), file);
            let incremental = summary(&parts.site, parts.communes.problems());
            assert_eq!(incremental, full_load(dir), "after step {i} ({rel})");
        }
        let (_, problems) = full_load(dir);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_clash_is_reported_as_a_full_load_reports_it() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("site.yaml"), SITE).unwrap();
        std::fs::create_dir_all(dir.join("teams/qn")).unwrap();
        let (x, _) = codes();
        std::fs::write(dir.join("teams/qn/b.yaml"), commune_text(x, "Thôn B")).unwrap();
        let mut parts = load_site_parts(dir, &LoadOptions::default()).unwrap();
        std::fs::write(dir.join("teams/qn/a.yaml"), commune_text(x, "Thôn A")).unwrap();
        let rel = Path::new("teams/qn/a.yaml");
        let file = read_commune(dir, rel, &parts.site.config).unwrap();
        let touched = parts.site.replace_commune(&mut parts.communes, rel, file);
        assert_eq!(touched, BTreeSet::from([(22, x)]));
        let problems: Vec<String> = parts
            .communes
            .problems()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("teams/qn/b.yaml:2:10: lỗi: ")
                && problems[0].contains("đã có tệp danh sách khác")
                && problems[0].contains("tệp teams/qn/a.yaml cũng khai báo xã này"),
            "{problems:?}"
        );
        let err = load_site(dir, &LoadOptions::default()).unwrap_err();
        let full: Vec<String> = err.into_sorted().iter().map(ToString::to_string).collect();
        assert_eq!(full, problems);
    }

    #[test]
    fn settings_that_change_no_commune_file_leave_them_as_read() {
        let config = |text: &str| {
            crate::config::parse(&SourceFile {
                path: PathBuf::from("site.yaml"),
                text: text.to_string(),
            })
            .unwrap()
        };
        let old = config(SITE);
        let new = config(
            "title: \"Khác\"\nbase_url: \"/\"\nscope:\n  provinces: [22]\nlanguage: en\ncontact:\n  hotline: \"0203 3000 000\"\n  email: \"a@example.vn\"\nsearch:\n  synonyms:\n    dvc: [\"dịch vụ công\"]\n",
        );
        assert_eq!(
            reread_after(&old, &new),
            Reread {
                communes: false,
                markdown: false
            }
        );
        // What reread_after says, checked against the parser itself.
        let (x, _) = codes();
        let text = commune_text(x, "Thôn B").replace(
            "members:\n",
            "members:\n      - name: \"Trần Bình\"\n        phone: \"0912 000 101\"\n        public: true\n",
        );
        let source = SourceFile {
            path: PathBuf::from("teams/qn/b.yaml"),
            text,
        };
        let parsed = |c: &Config| format!("{:?}", parse_commune_file(&source, c).unwrap());
        assert_eq!(parsed(&old), parsed(&new));
        let private = config(&format!("{SITE}privacy:\n  publish_phones: none\n"));
        assert!(reread_after(&old, &private).communes);
        assert_ne!(parsed(&old), parsed(&private));
        let moved = config("title: \"Cổng thử\"\nbase_url: \"/cds/\"\nscope:\n  provinces: [22]\n");
        assert_eq!(
            reread_after(&old, &moved),
            Reread {
                communes: false,
                markdown: true
            }
        );
    }
}

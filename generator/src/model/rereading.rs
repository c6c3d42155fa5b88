//! Guides and free pages read again, for the preview: only the files that may have changed are
//! read, only those whose text (or settings) changed are rendered from Markdown again, and a
//! file that now has a problem keeps its last good version until it is fixed. A full load reads
//! through the same functions with nothing known.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::BaseUrl;
use crate::diagnostics::Diagnostics;
use crate::fingerprint::{Fingerprint, Key};
use crate::load::walk::GuideFile;
use crate::load::SourceFile;
use crate::model::site::{valid_guides, valid_pages};
use crate::model::{parse_guide, parse_page, Guide, Page};

/// Which files may have changed since `known` read them: the others are taken from there
/// without being read.
pub type MayHaveChanged<'a, F> = &'a (dyn Fn(&F) -> bool + Sync);

/// Reads Markdown files (guides or pages) in parallel, each with the fingerprint of what it is
/// made from; a file `known` holds with the same fingerprint, or that has not changed, is taken
/// from there instead of being rendered again.
fn read_markdown<F: Sync, T: Clone + Send + Sync>(
    site_dir: &Path,
    files: &[F],
    path_of: impl Fn(&F) -> &Path + Sync,
    key_of: impl Fn(&F, &SourceFile) -> Key + Sync,
    parse: impl Fn(&F, &SourceFile) -> Result<T, Diagnostics> + Sync,
    known: &Known<T>,
    changed: MayHaveChanged<F>,
) -> Vec<(Key, Result<T, Diagnostics>)> {
    files
        .par_iter()
        .map(|file| {
            let path = path_of(file);
            if !changed(file) && !known.broken.contains(path) {
                if let Some((key, value)) = known.by_path.get(path) {
                    return (*key, Ok(value.clone()));
                }
            }
            let source = match SourceFile::read(&site_dir.join(path), path) {
                Ok(source) => source,
                Err(d) => return (Key(0), Err(Diagnostics::from_iter([d]))),
            };
            let key = key_of(file, &source);
            match known.get(path, key) {
                Some(value) => (key, Ok(value.clone())),
                None => (key, parse(file, &source)),
            }
        })
        .collect()
}

pub(super) fn read_guides(
    site_dir: &Path,
    files: &[GuideFile],
    base: &BaseUrl,
    known: &mut Known<Guide>,
    changed: MayHaveChanged<GuideFile>,
) -> (Vec<Guide>, Diagnostics) {
    let read = read_markdown(
        site_dir,
        files,
        |f| &f.path,
        |f, source| {
            Fingerprint::new("guide-file")
                .str(&source.text)
                .str(&f.stem)
                .value(&f.assets)
                .str(&format!("{base:?}"))
                .finish()
        },
        |f, source| parse_guide(source, f, base, site_dir),
        known,
        changed,
    );
    let paths: Vec<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    known.settle(&paths, read)
}

pub(super) fn read_pages(
    site_dir: &Path,
    files: &[PathBuf],
    base: &BaseUrl,
    known: &mut Known<Page>,
    changed: MayHaveChanged<PathBuf>,
) -> (Vec<Page>, Diagnostics) {
    let read = read_markdown(
        site_dir,
        files,
        |f| f.as_path(),
        |_, source| {
            Fingerprint::new("page-file")
                .str(&source.text)
                .str(&format!("{base:?}"))
                .finish()
        },
        |_, source| parse_page(source, base),
        known,
        changed,
    );
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    known.settle(&paths, read)
}

/// Guides or free pages as last read, by path: a file whose text and settings did not change
/// is taken from here instead of being rendered from Markdown again, and a file that now has a
/// problem keeps showing its last good version until it is fixed.
#[derive(Debug, Clone)]
pub struct Known<T> {
    by_path: HashMap<PathBuf, (Key, T)>,
    /// Files that had a problem when last read: always read again, so the problem is still
    /// reported while it lasts.
    broken: HashSet<PathBuf>,
}

impl<T> Default for Known<T> {
    fn default() -> Self {
        Known {
            by_path: HashMap::new(),
            broken: HashSet::new(),
        }
    }
}

impl<T: Clone> Known<T> {
    fn get(&self, path: &Path, key: Key) -> Option<&T> {
        self.by_path
            .get(path)
            .filter(|(k, _)| *k == key)
            .map(|(_, value)| value)
    }

    /// Takes in what was read from `paths`: a file with a problem keeps its last good version.
    /// Forgets the files that are gone.
    fn settle(
        &mut self,
        paths: &[&Path],
        read: Vec<(Key, Result<T, Diagnostics>)>,
    ) -> (Vec<T>, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let mut values = Vec::with_capacity(read.len());
        let mut next = HashMap::with_capacity(read.len());
        self.broken.clear();
        for (path, (key, result)) in paths.iter().zip(read) {
            match result {
                Ok(value) => {
                    values.push(value.clone());
                    next.insert(path.to_path_buf(), (key, value));
                }
                Err(d) => {
                    diagnostics.extend(d);
                    self.broken.insert(path.to_path_buf());
                    if let Some(last) = self.by_path.remove(*path) {
                        values.push(last.1.clone());
                        next.insert(path.to_path_buf(), last);
                    }
                }
            }
        }
        self.by_path = next;
        (values, diagnostics)
    }
}

/// The guides of the site in `site_dir` as they now read, with the checks of a full load; a
/// guide with a problem keeps its last good version from `known`, which is brought up to date.
/// Only the files `changed` names (and those `known` lacks) are read.
pub fn reread_guides(
    site_dir: &Path,
    files: &[GuideFile],
    base: &BaseUrl,
    drafts: bool,
    known: &mut Known<Guide>,
    changed: MayHaveChanged<GuideFile>,
) -> (Vec<Guide>, Diagnostics) {
    let (guides, mut diagnostics) = read_guides(site_dir, files, base, known, changed);
    let (guides, problems) = valid_guides(guides, drafts);
    diagnostics.extend(problems);
    (guides, diagnostics)
}

/// The free pages of the site as they now read, as [`reread_guides`] does for guides.
pub fn reread_pages(
    site_dir: &Path,
    files: &[PathBuf],
    base: &BaseUrl,
    drafts: bool,
    known: &mut Known<Page>,
    changed: MayHaveChanged<PathBuf>,
) -> (Vec<Page>, Diagnostics) {
    let (pages, mut diagnostics) = read_pages(site_dir, files, base, known, changed);
    let (pages, problems) = valid_pages(pages, drafts);
    diagnostics.extend(problems);
    (pages, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BaseUrl;
    use crate::load::walk_site;
    use crate::model::{load_site, LoadOptions};

    const SITE: &str = "title: \"Cổng thử\"\nbase_url: \"/\"\nscope:\n  provinces: [22]\n";

    fn guide(title: &str, skill: &str) -> String {
        format!("---\ntitle: \"{title}\"\nskill: {skill}\n---\nNội dung {title}.\n")
    }

    #[test]
    fn guides_read_again_keep_the_last_good_version_and_refuse_a_second_address() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("site.yaml"), SITE).unwrap();
        std::fs::create_dir_all(dir.join("guides/b")).unwrap();
        std::fs::write(dir.join("guides/a.md"), guide("Một", "an-toan")).unwrap();
        let base = BaseUrl::parse("/").unwrap();
        let mut known = Known::default();
        let reread = |known: &mut Known<Guide>| {
            let files = walk_site(dir, &[]);
            reread_guides(dir, &files.guides, &base, false, known, &|_| true)
        };
        let (guides, problems) = reread(&mut known);
        assert!(problems.is_empty());
        assert_eq!(guides[0].title, "Một");

        std::fs::write(dir.join("guides/a.md"), guide("Hai", "khong-co")).unwrap();
        let (guides, problems) = reread(&mut known);
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            problems[0].starts_with("guides/a.md:3:8: lỗi: kỹ năng không hợp lệ"),
            "{problems:?}"
        );
        assert_eq!(guides.len(), 1, "the last good version stays");
        assert_eq!(guides[0].title, "Một");
        let files = walk_site(dir, &[]);
        let (_, problems) = reread_guides(dir, &files.guides, &base, false, &mut known, &|_| false);
        assert_eq!(
            problems.len(),
            1,
            "a broken guide is read again, changed or not"
        );

        std::fs::write(dir.join("guides/a.md"), guide("Ba", "an-toan")).unwrap();
        std::fs::write(dir.join("guides/b/index.md"), guide("Bốn", "an-toan")).unwrap();
        std::fs::write(dir.join("guides/b.md"), guide("Năm", "an-toan")).unwrap();
        let (guides, problems) = reread(&mut known);
        let titles: Vec<&str> = guides.iter().map(|g| g.title.as_str()).collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert!(titles.contains(&"Ba"));
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let err = load_site(dir, &LoadOptions::default()).unwrap_err();
        let full: Vec<String> = err.into_sorted().iter().map(ToString::to_string).collect();
        assert_eq!(problems, full);
        assert!(
            full[0].contains("hai tệp cùng tạo ra địa chỉ `b`"),
            "{full:?}"
        );
    }
}

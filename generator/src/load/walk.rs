//! Finding the files of a site and sorting them by role, from where they sit in the folder.

use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};

/// A guide's Markdown file and, for a page bundle, the files beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideFile {
    /// `guides/x.md` or `guides/x/index.md`, relative to the site folder.
    pub path: PathBuf,
    /// The file or folder name the slug is made from (`x`).
    pub stem: String,
    /// Images and other files of a page bundle, relative to the site folder.
    pub assets: Vec<PathBuf>,
}

/// Every file of a site by role; paths are relative to [`SiteFiles::root`].
#[derive(Debug, Default)]
pub struct SiteFiles {
    pub root: PathBuf,
    pub site_yaml: Option<PathBuf>,
    pub guides: Vec<GuideFile>,
    pub pages: Vec<PathBuf>,
    pub teams: Vec<PathBuf>,
    pub static_files: Vec<PathBuf>,
    pub templates: Vec<PathBuf>,
    pub problems: Diagnostics,
}

/// Walks `root`, skipping hidden and editor temp files and the folders in `skip` (the output).
pub fn walk_site(root: &Path, skip: &[PathBuf]) -> SiteFiles {
    walk(root, skip, true)
}

/// [`walk_site`] without the `teams/` folder: the preview walks the site again for every change
/// to guides, pages, templates or static files, and a national site has thousands of commune
/// files, which it follows one by one.
pub fn walk_site_except_teams(root: &Path) -> SiteFiles {
    walk(root, &[], false)
}

fn walk(root: &Path, skip: &[PathBuf], teams: bool) -> SiteFiles {
    let mut files = SiteFiles {
        root: root.to_path_buf(),
        ..SiteFiles::default()
    };
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let skip: Vec<PathBuf> = skip.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_str().unwrap_or("");
            e.depth() == 0 || !(is_ignored(name) || (!teams && e.depth() == 1 && name == "teams"))
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map(|p| relative(root, p)).unwrap_or_default();
                files
                    .problems
                    .error(Location::file(path), format!("không đọc được: {err}"));
                continue;
            }
        };
        let full = entry.path();
        if entry.file_type().is_dir() {
            continue;
        }
        if skip
            .iter()
            .any(|s| full.canonicalize().is_ok_and(|c| c.starts_with(s)))
        {
            continue;
        }
        let rel = relative(root, full);
        if entry.path_is_symlink() && !link_stays_inside(full, &canonical_root) {
            files.problems.push(
                Diagnostic::new(
                    Location::file(&rel),
                    "liên kết tượng trưng trỏ ra ngoài thư mục trang",
                )
                .with_hint("hãy chép tệp vào trong thư mục trang thay vì liên kết tới nó"),
            );
            continue;
        }
        if entry.path_is_symlink() && full.is_dir() {
            continue;
        }
        // A pipe or device would block the build when read or copied.
        if !full.metadata().is_ok_and(|m| m.is_file()) {
            files.problems.push(
                Diagnostic::new(Location::file(&rel), "không phải tệp thường").with_hint(
                    "hãy thay nó bằng một tệp bình thường, hoặc xóa nó khỏi thư mục trang",
                ),
            );
            continue;
        }
        files.classify(rel);
    }
    files.collect_bundle_assets();
    files
}

impl SiteFiles {
    fn classify(&mut self, rel: PathBuf) {
        let parts: Vec<&str> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => s.to_str(),
                _ => None,
            })
            .collect();
        let extension = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        match parts.as_slice() {
            ["site.yaml"] | ["site.yml"] => self.site_yaml = Some(rel),
            ["guides", name] if extension == "md" => self.guides.push(GuideFile {
                stem: name.trim_end_matches(".md").to_string(),
                path: rel,
                assets: Vec::new(),
            }),
            ["guides", dir, "index.md"] => {
                let stem = (*dir).to_string();
                self.guides.push(GuideFile {
                    stem,
                    path: rel,
                    assets: Vec::new(),
                })
            }
            ["guides", ..] if extension == "md" => self.problems.push(
                Diagnostic::new(Location::file(&rel), "hướng dẫn không đặt đúng chỗ").with_hint(
                    "đặt hướng dẫn ở guides/<tên>.md, hoặc guides/<tên>/index.md kèm ảnh bên cạnh",
                ),
            ),
            ["guides", _, ..] => self.static_files.push(rel),
            ["pages", _] if extension == "md" => self.pages.push(rel),
            ["teams", ..] if extension == "yaml" || extension == "yml" => self.teams.push(rel),
            ["static", ..] => self.static_files.push(rel),
            ["templates", ..]
                if extension == "html" || extension == "xml" || extension == "txt" =>
            {
                self.templates.push(rel)
            }
            _ => {}
        }
    }

    /// Moves files that sit inside a guide bundle folder from `static_files` to that guide.
    fn collect_bundle_assets(&mut self) {
        let mut rest = Vec::new();
        for file in std::mem::take(&mut self.static_files) {
            let bundle = self.guides.iter_mut().find(|g| {
                g.path.ends_with("index.md")
                    && g.path.parent().is_some_and(|dir| file.starts_with(dir))
            });
            match bundle {
                Some(guide) => guide.assets.push(file),
                None if file.starts_with("guides") => {}
                None => rest.push(file),
            }
        }
        self.static_files = rest;
    }
}

/// Hidden files, editor swap and backup files, and OS litter never belong to the site.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.starts_with("~$")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn link_stays_inside(link: &Path, canonical_root: &Path) -> bool {
    link.canonicalize()
        .is_ok_and(|target| target.starts_with(canonical_root))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        dir
    }

    #[test]
    fn files_are_sorted_by_role() {
        let dir = site(&[
            "site.yaml",
            "guides/a.md",
            "guides/b/index.md",
            "guides/b/qr.svg",
            "pages/gioi-thieu.md",
            "teams/qn/quang-la.yaml",
            "teams/qn/.quang-la.yaml.swp",
            "static/logo.svg",
            "templates/team.html",
        ]);
        let files = walk_site(dir.path(), &[]);
        assert_eq!(files.site_yaml, Some(PathBuf::from("site.yaml")));
        assert_eq!(files.guides.len(), 2);
        assert_eq!(files.guides[1].stem, "b");
        assert_eq!(
            files.guides[1].assets,
            vec![PathBuf::from("guides/b/qr.svg")]
        );
        assert_eq!(files.teams, vec![PathBuf::from("teams/qn/quang-la.yaml")]);
        assert_eq!(files.static_files, vec![PathBuf::from("static/logo.svg")]);
        assert_eq!(files.templates, vec![PathBuf::from("templates/team.html")]);
        assert!(files.problems.is_empty());

        let without = walk_site_except_teams(dir.path());
        assert!(without.teams.is_empty());
        assert_eq!(without.guides, files.guides);
        assert_eq!(without.static_files, files.static_files);
        assert_eq!(without.templates, files.templates);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_site_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.yaml"), "x").unwrap();
        let dir = site(&["site.yaml"]);
        std::fs::create_dir_all(dir.path().join("teams")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.yaml"),
            dir.path().join("teams/x.yaml"),
        )
        .unwrap();
        let files = walk_site(dir.path(), &[]);
        assert!(files.teams.is_empty());
        assert_eq!(files.problems.len(), 1);
    }
}

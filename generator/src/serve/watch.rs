//! Turning file-system events into site changes. The classifier is a pure function of the path,
//! so it is unit-tested without touching the disk.

use std::path::{Component, Path, PathBuf};

use crate::load::walk::is_ignored;

/// What a changed path means for the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// `site.yaml`: everything may change.
    Config,
    /// A commune file, relative to the site folder.
    Commune(PathBuf),
    /// Anything else under `teams/`, perhaps a folder created, moved or removed with the commune
    /// files in it (a watcher reports the folder, not each file): every commune file under it,
    /// then and now, is read again.
    CommuneFolder(PathBuf),
    /// Anything under `guides/` (a guide, an image of a bundle, a bundle's folder), relative to
    /// the site folder.
    Guide(PathBuf),
    /// Anything under `pages/`.
    Pages,
    /// Anything under `templates/`.
    Templates,
    /// A file under `static/`, relative to the site folder.
    Static(PathBuf),
    /// The watcher lost track of events (its queue overflowed): everything is read again.
    Rescan,
}

/// Classifies an absolute `path` inside `site_dir`; `None` for paths that do not matter
/// (editor swap files, hidden files, anything outside the content folders).
pub fn classify(site_dir: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(site_dir).ok()?;
    let parts: Vec<&str> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    if parts.iter().any(|p| is_ignored(p)) {
        return None;
    }
    let is_yaml = |name: &str| name.ends_with(".yaml") || name.ends_with(".yml");
    match parts.as_slice() {
        ["site.yaml"] | ["site.yml"] => Some(Change::Config),
        ["teams", .., name] if is_yaml(name) => Some(Change::Commune(rel.to_path_buf())),
        ["teams", ..] => Some(Change::CommuneFolder(rel.to_path_buf())),
        ["guides", ..] => Some(Change::Guide(rel.to_path_buf())),
        ["pages", ..] => Some(Change::Pages),
        ["templates", ..] => Some(Change::Templates),
        // The folder itself too: created with files in it, it may be all a watcher reports.
        ["static", ..] => Some(Change::Static(rel.to_path_buf())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(rel: &str) -> Option<Change> {
        classify(Path::new("/site"), &Path::new("/site").join(rel))
    }

    #[test]
    fn paths_map_to_changes() {
        assert_eq!(class("site.yaml"), Some(Change::Config));
        assert_eq!(
            class("teams/qn/quang-la.yaml"),
            Some(Change::Commune("teams/qn/quang-la.yaml".into()))
        );
        assert_eq!(
            class("guides/a.md"),
            Some(Change::Guide("guides/a.md".into()))
        );
        assert_eq!(
            class("guides/b/qr.svg"),
            Some(Change::Guide("guides/b/qr.svg".into()))
        );
        assert_eq!(class("pages/lien-he.md"), Some(Change::Pages));
        assert_eq!(class("templates/team.html"), Some(Change::Templates));
        assert_eq!(
            class("static/logo.svg"),
            Some(Change::Static("static/logo.svg".into()))
        );
        assert_eq!(class("static"), Some(Change::Static("static".into())));
    }

    #[test]
    fn editor_litter_and_stray_files_are_ignored() {
        assert_eq!(class("teams/qn/.quang-la.yaml.swp"), None);
        assert_eq!(class("teams/qn/quang-la.yaml~"), None);
        assert_eq!(class("guides/#a.md#"), None);
        assert_eq!(class("README.md"), None);
        assert_eq!(
            classify(Path::new("/site"), Path::new("/elsewhere/site.yaml")),
            None
        );
    }
}

//! The problems the preview knows of, by the part of the site they belong to: reading that part
//! again replaces them, so a problem shows until its file is fixed and not a moment longer.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Where a problem belongs: a later reading of that part of the site replaces its problems.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    Config,
    Commune(PathBuf),
    Guides,
    Pages,
    Templates,
    /// Everything else a walk of the folder finds (a link out of the site, a pipe).
    Files,
}

impl Area {
    pub fn of(path: &Path) -> Area {
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

/// Every problem, by area.
#[derive(Debug, Default)]
pub struct Problems {
    by_area: BTreeMap<Area, Vec<Diagnostic>>,
}

impl Problems {
    /// Replaces everything with the problems of a full reading, each in its file's area.
    pub fn set_all(&mut self, problems: Diagnostics) {
        self.by_area.clear();
        for d in problems.into_sorted() {
            self.by_area
                .entry(Area::of(&d.location.path))
                .or_default()
                .push(d);
        }
    }

    /// Replaces the problems of `area`.
    pub fn set(&mut self, area: Area, problems: Diagnostics) {
        if problems.is_empty() {
            self.by_area.remove(&area);
        } else {
            self.by_area.insert(area, problems.into_sorted());
        }
    }

    /// Every problem, with `more` (clashes between files, which belong to no one file), in the
    /// order a build prints them.
    pub fn with(&self, more: Diagnostics) -> Vec<Diagnostic> {
        let mut all: Diagnostics = self.by_area.values().flatten().cloned().collect();
        all.extend(more);
        all.into_sorted()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;

    fn problem(path: &str) -> Diagnostic {
        Diagnostic::new(Location::new(path, 2, 3), format!("lỗi ở {path}"))
    }

    #[test]
    fn reading_an_area_again_replaces_only_its_problems() {
        let mut problems = Problems::default();
        problems.set_all(Diagnostics::from_iter([
            problem("teams/qn/a.yaml"),
            problem("guides/b.md"),
            problem("site.yaml"),
        ]));
        problems.set(Area::Commune("teams/qn/a.yaml".into()), Diagnostics::new());
        let left: Vec<String> = problems
            .with(Diagnostics::new())
            .iter()
            .map(|d| d.location.path.display().to_string())
            .collect();
        assert_eq!(left, ["guides/b.md", "site.yaml"]);
        problems.set(
            Area::Guides,
            Diagnostics::from_iter([problem("guides/c.md")]),
        );
        let all = problems.with(Diagnostics::from_iter([problem("teams/qn/d.yaml")]));
        let paths: Vec<String> = all
            .iter()
            .map(|d| d.location.path.display().to_string())
            .collect();
        assert_eq!(paths, ["guides/c.md", "site.yaml", "teams/qn/d.yaml"]);
    }
}

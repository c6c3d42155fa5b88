//! Problems found in a site, reported to editors as `path:line:col: lỗi: message`.
//!
//! Every stage pushes into one [`Diagnostics`] list instead of returning at the first problem, so
//! an editor fixing a team list sees every mistake of a run at once. Messages are in Vietnamese:
//! they are read by commune and province editors, not by programmers.
//!
//! An error stops the build; a warning (`cảnh báo`) is shown with the errors but lets the build
//! go on: the content was understood, though perhaps not as the editor meant (a commune name
//! spelt with other marks than the official one).

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a source file, 1-based, as editors' text editors count.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            path: path.into(),
            line,
            column,
        }
    }

    /// The start of a file, for problems that belong to a whole file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location::new(path, 1, 1)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.to_string_lossy().replace('\\', "/");
        write!(f, "{}:{}:{}", path, self.line, self.column)
    }
}

/// Whether a problem stops the build.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Severity {
    /// The content cannot be published as it is.
    #[default]
    Error,
    /// Understood and published, but worth a look.
    Warning,
}

impl Severity {
    /// The word printed before the message.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        }
    }
}

/// One problem: where, what, and (when we can tell) how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub location: Location,
    #[serde(default)]
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error: the build stops.
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning: shown, but the build goes on.
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(location, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.location,
            self.severity.label(),
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n    gợi ý: {hint}")?;
        }
        Ok(())
    }
}

/// The problems of one run, in a stable order (by file, then position) for readable output.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds an error at a location with no hint.
    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.push(Diagnostic::new(location, message));
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether any problem stops the build (warnings alone do not).
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// How many problems stop the build.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// How many problems are only warnings.
    pub fn warning_count(&self) -> usize {
        self.len() - self.error_count()
    }

    /// The problems sorted by file and position, duplicates removed.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items
            .sort_by(|a, b| (&a.location, &a.message).cmp(&(&b.location, &b.message)));
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// A path as editors see it: relative to the site folder, with forward slashes.
pub fn display_path(site_dir: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(site_dir).unwrap_or(path).to_path_buf()
}

/// The closest of `candidates` to a misspelt `word`, when it is close enough to be a likely typo.
///
/// Used for "did you mean" hints on unknown keys (`phnoe` → `phone`) and unknown skills.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (crate::text::edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapped_letters_suggest_the_key() {
        let keys = ["name", "role", "phone", "zalo", "public"];
        assert_eq!(did_you_mean("phnoe", &keys), Some("phone"));
        assert_eq!(did_you_mean("pubic", &keys), Some("public"));
        assert_eq!(did_you_mean("address", &keys), None);
    }

    #[test]
    fn display_puts_the_path_first() {
        let d = Diagnostic::new(Location::new("teams/a.yaml", 3, 7), "tên mục lạ `phnoe`")
            .with_hint("có phải ý bạn là `phone`?");
        assert_eq!(
            d.to_string(),
            "teams/a.yaml:3:7: lỗi: tên mục lạ `phnoe`\n    gợi ý: có phải ý bạn là `phone`?"
        );
        let w = Diagnostic::warning(Location::new("guides/a.md", 9, 1), "đã bỏ thẻ `<iframe>`");
        assert_eq!(
            w.to_string(),
            "guides/a.md:9:1: cảnh báo: đã bỏ thẻ `<iframe>`"
        );
    }

    #[test]
    fn warnings_are_labelled_and_do_not_count_as_errors() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::warning(
            Location::new("a.yaml", 2, 10),
            "khác dấu",
        ));
        assert_eq!(
            all.iter().next().unwrap().to_string(),
            "a.yaml:2:10: cảnh báo: khác dấu"
        );
        assert!(!all.has_errors());
        all.error(Location::file("b.yaml"), "sai");
        assert!(all.has_errors());
        assert_eq!((all.error_count(), all.warning_count()), (1, 1));
    }
}

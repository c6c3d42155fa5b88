//! Problems found in a site, reported to editors as `path:line:col: message`.
//!
//! Every stage pushes into one [`Diagnostics`] list instead of returning at the first problem, so
//! an editor fixing a team list sees every mistake of a run at once. Messages are in Vietnamese:
//! they are read by commune and province editors, not by programmers.

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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The build writes nothing until it is fixed.
    #[default]
    Error,
    /// Worth telling the editor (something in the content was dropped or guessed), but the
    /// build goes on.
    Warning,
}

/// One problem: where, what, and (when we can tell) how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub location: Location,
    pub message: String,
    pub hint: Option<String>,
    pub severity: Severity,
}

impl Diagnostic {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            message: message.into(),
            hint: None,
            severity: Severity::Error,
        }
    }

    /// A problem that is reported but never fails a build.
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(location, message)
        }
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
        let label = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        write!(f, "{}: {label}: {}", self.location, self.message)?;
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

    /// Whether any problem is an error: warnings alone never stop a build.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| !d.is_warning())
    }

    pub fn len(&self) -> usize {
        self.items.len()
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
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Damerau–Levenshtein distance (optimal string alignment), counting a swap of neighbours as one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
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
        let d = Diagnostic::new(Location::new("teams/a.yaml", 3, 7), "khóa lạ `phnoe`")
            .with_hint("có phải ý bạn là `phone`?");
        assert_eq!(
            d.to_string(),
            "teams/a.yaml:3:7: lỗi: khóa lạ `phnoe`\n    gợi ý: có phải ý bạn là `phone`?"
        );
        let w = Diagnostic::warning(Location::new("guides/a.md", 9, 1), "đã bỏ thẻ `<iframe>`");
        assert_eq!(
            w.to_string(),
            "guides/a.md:9:1: cảnh báo: đã bỏ thẻ `<iframe>`"
        );
    }
}

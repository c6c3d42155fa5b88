//! Putting a rebuild's changed files into the live output folder as one transaction.
//!
//! The changed files wait in `staging/new/`. A journal lists every step first; each replaced or
//! deleted file is moved to `staging/old/` rather than removed, so any step can be undone. When
//! every step is done the journal says so and `old/` is thrown away. If a step fails, the steps
//! before it are undone at once; if the process dies half-way, the next build finds the journal
//! without its last line and undoes them before it starts. Either way the output folder ends as
//! it was before the build, or as the build made it: never in between.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

const JOURNAL: &str = "journal";
const DONE: &str = "done";
/// Where staged files wait, inside the staging folder.
pub const NEW: &str = "new";
const OLD: &str = "old";

/// One step of a commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// A file the output did not have.
    Add,
    /// A file whose bytes changed.
    Replace,
    /// A file the site no longer makes.
    Delete,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Add => "add",
            Op::Replace => "replace",
            Op::Delete => "delete",
        }
    }

    fn parse(name: &str) -> Option<Op> {
        match name {
            "add" => Some(Op::Add),
            "replace" => Some(Op::Replace),
            "delete" => Some(Op::Delete),
            _ => None,
        }
    }
}

/// Applies `ops` (site-relative paths) from `staging` to `target`, all or nothing.
pub fn apply(staging: &Path, target: &Path, ops: &[(Op, String)]) -> io::Result<()> {
    let mut text = String::new();
    for (op, path) in ops {
        text.push_str(op.name());
        text.push('\t');
        text.push_str(&escape(path));
        text.push('\n');
    }
    let journal = staging.join(JOURNAL);
    let mut file = fs::File::create(&journal)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    let steps = Steps { staging, target };
    for (op, path) in ops {
        if let Err(err) = steps.forward(*op, path) {
            steps.undo(ops);
            let _ = fs::remove_file(&journal);
            return Err(err);
        }
    }
    let mut file = OpenOptions::new().append(true).open(&journal)?;
    writeln!(file, "{DONE}")?;
    file.sync_all()?;
    for (op, path) in ops {
        if *op == Op::Delete {
            prune_empty_parents(target, &target.join(path));
        }
    }
    Ok(())
}

/// Finishes what a killed build left in `staging`: an unfinished commit is undone. Returns
/// whether there was one.
pub fn recover(staging: &Path, target: &Path) -> io::Result<bool> {
    let Ok(text) = fs::read_to_string(staging.join(JOURNAL)) else {
        return Ok(false);
    };
    if text.lines().last() == Some(DONE) {
        return Ok(false);
    }
    // A line cut off by the crash belongs to a step that never started: the journal is
    // complete before the first step.
    let ops: Vec<(Op, String)> = text
        .lines()
        .filter_map(|line| {
            let (op, path) = line.split_once('\t')?;
            Some((Op::parse(op)?, unescape(path)))
        })
        .collect();
    Steps { staging, target }.undo(&ops);
    Ok(true)
}

struct Steps<'a> {
    staging: &'a Path,
    target: &'a Path,
}

impl Steps<'_> {
    fn new_file(&self, path: &str) -> PathBuf {
        self.staging.join(NEW).join(path)
    }

    fn old_file(&self, path: &str) -> PathBuf {
        self.staging.join(OLD).join(path)
    }

    fn forward(&self, op: Op, path: &str) -> io::Result<()> {
        let live = self.target.join(path);
        if matches!(op, Op::Replace | Op::Delete) {
            move_file(&live, &self.old_file(path))?;
        }
        if matches!(op, Op::Add | Op::Replace) {
            move_file(&self.new_file(path), &live)?;
        }
        Ok(())
    }

    /// Undoes every step of `ops` that happened, judging by where the files are, so it serves a
    /// failed step and a crash alike.
    fn undo(&self, ops: &[(Op, String)]) {
        for (op, path) in ops.iter().rev() {
            let live = self.target.join(path);
            let old = self.old_file(path);
            match op {
                Op::Add => {
                    if !self.new_file(path).exists() && fs::remove_file(&live).is_ok() {
                        prune_empty_parents(self.target, &live);
                    }
                }
                Op::Replace | Op::Delete => {
                    if old.exists() {
                        let _ = fs::rename(&old, &live);
                    }
                }
            }
        }
    }
}

fn move_file(from: &Path, to: &Path) -> io::Result<()> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::rename(from, to)
}

/// Removes the folders above `file` that are left empty, up to `root`.
fn prune_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Paths are written one per line: tabs, line breaks and `%` are escaped.
fn escape(path: &str) -> String {
    path.replace('%', "%25")
        .replace('\t', "%09")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

fn unescape(path: &str) -> String {
    path.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%09", "\t")
        .replace("%25", "%")
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixture {
        _tmp: tempfile::TempDir,
        staging: PathBuf,
        target: PathBuf,
    }

    /// A live folder with `a.html` and `gone/b.html`, and staged `a.html` and `new/c.html`.
    fn fixture() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let staging = tmp.path().join("staging");
        let target = tmp.path().join("public");
        fs::create_dir_all(target.join("gone")).unwrap();
        fs::write(target.join("a.html"), "old a").unwrap();
        fs::write(target.join("gone/b.html"), "b").unwrap();
        fs::create_dir_all(staging.join(NEW).join("fresh")).unwrap();
        fs::write(staging.join(NEW).join("a.html"), "new a").unwrap();
        fs::write(staging.join(NEW).join("fresh/c.html"), "c").unwrap();
        Fixture {
            _tmp: tmp,
            staging,
            target,
        }
    }

    fn ops() -> Vec<(Op, String)> {
        vec![
            (Op::Replace, "a.html".into()),
            (Op::Add, "fresh/c.html".into()),
            (Op::Delete, "gone/b.html".into()),
        ]
    }

    fn read(path: &Path) -> Option<String> {
        fs::read_to_string(path).ok()
    }

    #[test]
    fn applies_every_step() {
        let f = fixture();
        apply(&f.staging, &f.target, &ops()).unwrap();
        assert_eq!(read(&f.target.join("a.html")).as_deref(), Some("new a"));
        assert_eq!(read(&f.target.join("fresh/c.html")).as_deref(), Some("c"));
        assert!(!f.target.join("gone").exists(), "emptied folder removed");
        assert!(!recover(&f.staging, &f.target).unwrap(), "nothing to undo");
    }

    #[test]
    fn a_failed_step_undoes_the_others() {
        let f = fixture();
        let mut ops = ops();
        ops.insert(2, (Op::Add, "missing.html".into()));
        assert!(apply(&f.staging, &f.target, &ops).is_err());
        assert_eq!(read(&f.target.join("a.html")).as_deref(), Some("old a"));
        assert!(!f.target.join("fresh").exists());
        assert_eq!(read(&f.target.join("gone/b.html")).as_deref(), Some("b"));
    }

    #[test]
    fn a_commit_cut_short_is_undone_by_the_next_build() {
        let f = fixture();
        let ops = ops();
        // As if the process died after the first two steps.
        let text: String = ops
            .iter()
            .map(|(op, p)| format!("{}\t{p}\n", op.name()))
            .collect();
        fs::write(f.staging.join(JOURNAL), text).unwrap();
        let steps = Steps {
            staging: &f.staging,
            target: &f.target,
        };
        steps.forward(ops[0].0, &ops[0].1).unwrap();
        steps.forward(ops[1].0, &ops[1].1).unwrap();
        assert!(recover(&f.staging, &f.target).unwrap());
        assert_eq!(read(&f.target.join("a.html")).as_deref(), Some("old a"));
        assert!(!f.target.join("fresh").exists());
        assert_eq!(read(&f.target.join("gone/b.html")).as_deref(), Some("b"));
    }

    #[test]
    fn odd_names_survive_the_journal() {
        let name = "tệp\tlạ%\n.txt";
        assert_eq!(unescape(&escape(name)), name);
    }
}

//! Writing a build without ever leaving a half-written site behind, and without writing again
//! what did not change.
//!
//! - [`Staging`] collects a build: the first build of a folder fills a staging folder that
//!   replaces the output in two renames; later builds stage only the files whose bytes changed
//!   and put them in place as one journaled transaction ([`journal`]). A failed or interrupted
//!   build leaves the previous output exactly as it was.
//! - [`manifest`] is what a build records beside the output so the next one knows what it has.
//! - [`MemorySink`] keeps what it is given in memory, for the preview server, which never
//!   writes a page to disk.

pub mod journal;
pub mod manifest;
mod memory;
mod staging;

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

pub use memory::{Held, MemorySink, MemoryStore};
pub use staging::Staging;

use crate::fingerprint::Key;

/// Set from the Ctrl-C handler; every staging write checks it.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Asks every build in this process to stop at its next write, cleaning up after itself.
pub fn interrupt() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Whether [`interrupt`] was called.
pub fn was_interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

fn stop_if_interrupted() -> io::Result<()> {
    if was_interrupted() {
        return Err(io::Error::new(
            io::ErrorKind::Interrupted,
            "đã dừng theo yêu cầu (Ctrl-C)",
        ));
    }
    Ok(())
}

/// Files an earlier build made for a task, kept because the task's inputs did not change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recalled {
    pub files: Vec<String>,
    /// What the task stored about them (see [`Sink::remember`]).
    pub note: String,
}

/// Where rendered files go: the staging folder of a build, or the preview server's memory.
///
/// Makers that can fingerprint their inputs cheaply ask first whether the output already holds
/// what those inputs make ([`Sink::reuse`], [`Sink::recall`]): a rebuild's staging, or the
/// preview's memory, may say yes.
pub trait Sink: Sync {
    /// Writes one file at a site-relative path such as `quang-ninh/index.html`.
    fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()>;

    /// Copies a file in, as `write` would.
    fn copy(&self, relative: &str, from: &Path) -> io::Result<()> {
        self.write(relative, &fs::read(from)?)
    }

    /// `write`, noting that the bytes were made from inputs fingerprinted `made_from`.
    fn write_made_from(&self, relative: &str, made_from: Key, bytes: &[u8]) -> io::Result<()> {
        let _ = made_from;
        self.write(relative, bytes)
    }

    /// Whether the file at `relative`, made last time from inputs fingerprinted `made_from`, is
    /// still in the output as it was written: then it is kept, and need not be made again.
    fn reuse(&self, relative: &str, made_from: Key) -> bool {
        let _ = (relative, made_from);
        false
    }

    /// The files `task` made last time from inputs fingerprinted `made_from`, kept when all are
    /// still as written, with the note stored for them.
    fn recall(&self, task: &str, made_from: Key) -> Option<Recalled> {
        let _ = (task, made_from);
        None
    }

    /// Notes which files `task` wrote from inputs fingerprinted `made_from`, for [`Sink::recall`].
    fn remember(&self, task: &str, made_from: Key, files: &[String], note: &str) {
        let _ = (task, made_from, files, note);
    }
}

/// What a finished build wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Files written because they are new or their bytes changed.
    pub files: usize,
    pub bytes: u64,
    /// Files left as the previous build wrote them.
    pub kept: usize,
    /// Files of the previous build the site no longer makes, removed.
    pub removed: usize,
}

/// A file kept beside the output folder `target`: `public` → `.public.<suffix>` in the same
/// parent folder, so it is never uploaded with the output.
pub fn beside(target: &Path, suffix: &str) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    parent.join(format!(".{name}.{suffix}"))
}

/// `dir/relative`, refusing any path that could leave `dir` (`..`, absolute paths).
pub fn safe_join(dir: &Path, relative: &str) -> io::Result<PathBuf> {
    let rel = Path::new(relative);
    let safe = rel.components().all(|c| matches!(c, Component::Normal(_)));
    if !safe || relative.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write outside the output folder: {relative}"),
        ));
    }
    Ok(dir.join(rel))
}

//! Writing a build without ever leaving a half-written site behind.
//!
//! Files go into a staging folder beside the output folder; only when every page rendered does
//! the staging folder replace the output in two renames. A failed or interrupted build leaves the
//! previous output exactly as it was. An interrupted build (Ctrl-C) stops at its next write and
//! removes its staging folder before exiting; only a killed process can leave one behind, and
//! the next build removes it.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

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

/// Where rendered files go: the staging folder of a build, or the live folder of the preview server.
pub trait Sink: Sync {
    /// Writes one file at a site-relative path such as `quang-ninh/index.html`.
    fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()>;

    /// Copies a file in, as `write` would.
    fn copy(&self, relative: &str, from: &Path) -> io::Result<()> {
        self.write(relative, &fs::read(from)?)
    }
}

/// A folder being filled with the next version of the output.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
    files: AtomicUsize,
    bytes: AtomicU64,
}

/// What a finished build wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
}

impl Staging {
    /// Prepares a fresh staging folder for `target` (which need not exist yet).
    pub fn new(target: &Path) -> io::Result<Staging> {
        let name = target
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let dir = parent.join(format!(".{name}.ngo-staging"));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn write_file(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        stop_if_interrupted()?;
        let path = safe_join(&self.dir, relative)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    fn copy_file(&self, relative: &str, from: &Path) -> io::Result<()> {
        stop_if_interrupted()?;
        let path = safe_join(&self.dir, relative)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let bytes = fs::copy(from, &path)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        Ok(())
    }

    pub fn written(&self) -> Written {
        Written {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
        }
    }

    /// Replaces the output folder with the staged one.
    pub fn commit(mut self) -> io::Result<Written> {
        stop_if_interrupted()?;
        let old = self.dir.with_file_name(format!(
            "{}.old",
            self.dir.file_name().unwrap_or_default().to_string_lossy()
        ));
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        let had_output = self.target.exists();
        if had_output {
            fs::rename(&self.target, &old)?;
        }
        if let Err(err) = fs::rename(&self.dir, &self.target) {
            if had_output {
                fs::rename(&old, &self.target)?;
            }
            return Err(err);
        }
        self.committed = true;
        if had_output {
            fs::remove_dir_all(&old)?;
        }
        Ok(self.written())
    }
}

impl Sink for Staging {
    fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        self.write_file(relative, bytes)
    }

    fn copy(&self, relative: &str, from: &Path) -> io::Result<()> {
        self.copy_file(relative, from)
    }
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

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("old.html"), "old").unwrap();
        let staging = Staging::new(&out).unwrap();
        staging.write("a/index.html", b"new").unwrap();
        let written = staging.commit().unwrap();
        assert_eq!(written.files, 1);
        assert!(!out.join("old.html").exists());
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "new");
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "no staging folder left"
        );
    }

    #[test]
    fn dropping_without_commit_leaves_the_output_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("keep.html"), "keep").unwrap();
        {
            let staging = Staging::new(&out).unwrap();
            staging.write("index.html", b"half").unwrap();
        }
        assert_eq!(fs::read_to_string(out.join("keep.html")).unwrap(), "keep");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn paths_cannot_escape() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = Staging::new(&tmp.path().join("public")).unwrap();
        assert!(staging.write("../evil.html", b"x").is_err());
        assert!(staging.write("/etc/evil", b"x").is_err());
    }
}

/// Writes into an existing folder, skipping files whose bytes did not change, and remembers what
/// did change: the preview server reloads only when something really changed.
#[derive(Debug)]
pub struct DiffSink {
    dir: PathBuf,
    changed: std::sync::Mutex<Vec<String>>,
}

impl DiffSink {
    pub fn new(dir: &Path) -> DiffSink {
        DiffSink {
            dir: dir.to_path_buf(),
            changed: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// The site-relative paths written since the last call, sorted.
    pub fn take_changed(&self) -> Vec<String> {
        let mut changed = std::mem::take(&mut *self.changed.lock().expect("no panic while locked"));
        changed.sort();
        changed.dedup();
        changed
    }

    /// Removes a file or folder the site no longer produces.
    pub fn remove(&self, relative: &str) -> io::Result<()> {
        let path = safe_join(&self.dir, relative)?;
        let result = if path.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        match result {
            Ok(()) => {
                self.changed
                    .lock()
                    .expect("no panic while locked")
                    .push(relative.to_string());
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
}

impl Sink for DiffSink {
    fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let path = safe_join(&self.dir, relative)?;
        if fs::read(&path).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, bytes)?;
        self.changed
            .lock()
            .expect("no panic while locked")
            .push(relative.to_string());
        Ok(())
    }
}

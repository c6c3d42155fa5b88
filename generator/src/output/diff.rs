//! The preview server's sink: writes straight into the live folder, skipping unchanged files.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{safe_join, Sink};

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

//! The preview server's sink: what the makers produce is kept in memory and served from there,
//! never written to disk.
//!
//! A maker asks the sink, as in a rebuild, whether it already holds what its inputs make
//! ([`Sink::reuse`], [`Sink::recall`]): the preview runs the makers of a page each time the page
//! is asked for, and only a page whose inputs changed is rendered again.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::manifest::TaskEntry;
use super::{safe_join, Recalled, Sink};
use crate::fingerprint::Key;

/// A file as the preview holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    /// Made by the generator.
    Bytes(Arc<[u8]>),
    /// Copied as it is (a static file, an image of a guide): read from the site when served,
    /// so a folder of photos is not held in memory.
    File(PathBuf),
}

#[derive(Debug)]
struct Entry {
    held: Held,
    made_from: Option<Key>,
}

/// Every file the preview has made so far, by site-relative path, shared by all requests.
#[derive(Debug, Default)]
pub struct MemoryStore {
    files: Mutex<HashMap<String, Entry>>,
    tasks: Mutex<HashMap<String, TaskEntry>>,
}

impl MemoryStore {
    /// The file at `relative`, as last made.
    pub fn get(&self, relative: &str) -> Option<Held> {
        self.files
            .lock()
            .expect("no panic while locked")
            .get(relative)
            .map(|e| e.held.clone())
    }

    /// Lets go of the files under `prefix` that `keep` does not want (search shards an edit
    /// replaced), and of the tasks that named them.
    pub fn forget_under(&self, prefix: &str, keep: impl Fn(&str) -> bool) {
        let mut files = self.files.lock().expect("no panic while locked");
        files.retain(|path, _| !path.starts_with(prefix) || keep(path));
        self.tasks
            .lock()
            .expect("no panic while locked")
            .retain(|_, task| task.files.iter().all(|f| files.contains_key(f)));
    }

    fn put(&self, relative: &str, held: Held, made_from: Option<Key>) {
        self.files
            .lock()
            .expect("no panic while locked")
            .insert(relative.to_string(), Entry { held, made_from });
    }
}

/// One run of makers over the store: it remembers which files this run made or kept, so a
/// request is answered only with a file the site still makes (a deleted team's page, still in
/// the store, is not).
#[derive(Debug)]
pub struct MemorySink<'s> {
    store: &'s MemoryStore,
    made: Mutex<HashSet<String>>,
}

impl<'s> MemorySink<'s> {
    pub fn new(store: &'s MemoryStore) -> Self {
        MemorySink {
            store,
            made: Mutex::new(HashSet::new()),
        }
    }

    /// Whether this run made or kept `relative`.
    pub fn made(&self, relative: &str) -> bool {
        self.made
            .lock()
            .expect("no panic while locked")
            .contains(relative)
    }

    /// Every file this run made or kept, sorted.
    pub fn made_files(&self) -> Vec<String> {
        let mut files: Vec<String> = self
            .made
            .lock()
            .expect("no panic while locked")
            .iter()
            .cloned()
            .collect();
        files.sort();
        files
    }

    fn note(&self, relative: &str) {
        self.made
            .lock()
            .expect("no panic while locked")
            .insert(relative.to_string());
    }

    fn put(&self, relative: &str, held: Held, made_from: Option<Key>) -> io::Result<()> {
        // The same refusal as a build's: a maker never names a file outside the site.
        safe_join(Path::new("."), relative)?;
        self.store.put(relative, held, made_from);
        self.note(relative);
        Ok(())
    }
}

impl Sink for MemorySink<'_> {
    fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        self.put(relative, Held::Bytes(Arc::from(bytes)), None)
    }

    fn copy(&self, relative: &str, from: &Path) -> io::Result<()> {
        self.put(relative, Held::File(from.to_path_buf()), None)
    }

    fn write_made_from(&self, relative: &str, made_from: Key, bytes: &[u8]) -> io::Result<()> {
        self.put(relative, Held::Bytes(Arc::from(bytes)), Some(made_from))
    }

    fn reuse(&self, relative: &str, made_from: Key) -> bool {
        let kept = self
            .store
            .files
            .lock()
            .expect("no panic while locked")
            .get(relative)
            .is_some_and(|e| e.made_from == Some(made_from));
        if kept {
            self.note(relative);
        }
        kept
    }

    fn recall(&self, task: &str, made_from: Key) -> Option<Recalled> {
        let done = self
            .store
            .tasks
            .lock()
            .expect("no panic while locked")
            .get(task)
            .filter(|t| t.made_from == made_from)
            .cloned()?;
        let files = self.store.files.lock().expect("no panic while locked");
        if !done.files.iter().all(|f| files.contains_key(f)) {
            return None;
        }
        drop(files);
        for file in &done.files {
            self.note(file);
        }
        Some(Recalled {
            files: done.files,
            note: done.note,
        })
    }

    fn remember(&self, task: &str, made_from: Key, files: &[String], note: &str) {
        self.store
            .tasks
            .lock()
            .expect("no panic while locked")
            .insert(
                task.to_string(),
                TaskEntry {
                    made_from,
                    files: files.to_vec(),
                    note: note.to_string(),
                },
            );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(store: &MemoryStore, path: &str) -> Option<Vec<u8>> {
        match store.get(path)? {
            Held::Bytes(b) => Some(b.to_vec()),
            Held::File(_) => None,
        }
    }

    #[test]
    fn a_page_is_kept_while_its_inputs_are_the_same() {
        let store = MemoryStore::default();
        let first = MemorySink::new(&store);
        assert!(!first.reuse("a/index.html", Key(1)));
        first
            .write_made_from("a/index.html", Key(1), b"trang")
            .unwrap();
        assert!(first.made("a/index.html"));

        let second = MemorySink::new(&store);
        assert!(!second.made("a/index.html"), "each run says what it made");
        assert!(second.reuse("a/index.html", Key(1)));
        assert!(second.made("a/index.html"));
        assert!(!second.reuse("a/index.html", Key(2)), "other inputs");
        assert_eq!(bytes(&store, "a/index.html").unwrap(), b"trang");
    }

    #[test]
    fn tasks_are_recalled_only_with_all_their_files() {
        let store = MemoryStore::default();
        let sink = MemorySink::new(&store);
        sink.write("search/p22.aa.shard", b"shard").unwrap();
        sink.remember("shard:p22", Key(5), &["search/p22.aa.shard".into()], "n");
        let again = MemorySink::new(&store);
        assert_eq!(again.recall("shard:p22", Key(6)), None);
        assert_eq!(again.recall("shard:p22", Key(5)).unwrap().note, "n");
        assert!(again.made("search/p22.aa.shard"));
        store.forget_under("search/", |_| false);
        assert_eq!(store.get("search/p22.aa.shard"), None);
        assert_eq!(MemorySink::new(&store).recall("shard:p22", Key(5)), None);
    }

    #[test]
    fn copies_are_read_when_served_and_paths_cannot_escape() {
        let store = MemoryStore::default();
        let sink = MemorySink::new(&store);
        sink.copy("logo.svg", Path::new("/site/static/logo.svg"))
            .unwrap();
        assert_eq!(
            store.get("logo.svg"),
            Some(Held::File(PathBuf::from("/site/static/logo.svg")))
        );
        assert!(sink.write("../x.html", b"x").is_err());
        assert!(sink.write("/etc/x", b"x").is_err());
    }
}

//! A build's output on its way in.
//!
//! The first build of a folder (or one after anything went wrong) writes every file into
//! `.public.ngo-staging/`, which then replaces `public/` in two renames. Once a build has left
//! its manifest beside the output, the next one is a rebuild: a file whose bytes, or whose
//! inputs, match what the manifest says is kept where it is; only new and changed files are
//! staged, and [`journal::apply`] puts them in place with the removals, all or nothing.
//!
//! "Kept" means the file in the output still has the size and modification time the manifest
//! recorded; a file changed by hand since is made again. A file whose time is not older than the
//! manifest's own is compared by content too: on a file system with a coarse clock (two seconds
//! on FAT) an edit made just after the build could carry the same time (git's "racy clean").

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use super::journal::{self, Op};
use super::manifest::{nanos, FileEntry, Manifest, TaskEntry};
use super::{safe_join, stop_if_interrupted, Recalled, Sink, Written};
use crate::fingerprint::Key;

/// A folder being filled with the next version of the output.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    manifest_path: PathBuf,
    /// What the previous build left, when this is a rebuild.
    previous: Option<Manifest>,
    next: Mutex<Manifest>,
    /// Rebuilds only: the files staged, each with the step that puts it in place.
    staged: Mutex<Vec<(Op, String)>>,
    committed: bool,
    files: AtomicUsize,
    bytes: AtomicU64,
    kept: AtomicUsize,
    /// Files kept after a check by content; a fresh manifest spares the next build that.
    racy: AtomicUsize,
}

impl Staging {
    /// Prepares to build `target` (which need not exist yet): a rebuild when the previous
    /// build's manifest is there, a full build otherwise.
    pub fn new(target: &Path) -> io::Result<Staging> {
        let dir = super::beside(target, "ngo-staging");
        let manifest_path = super::beside(target, "ngo-manifest");
        if let Some(parent) = dir.parent() {
            fs::create_dir_all(parent)?;
        }
        if dir.exists() {
            // Left by a killed build: a commit it had begun is undone first.
            journal::recover(&dir, target)?;
            fs::remove_dir_all(&dir)?;
        }
        let previous = if target.is_dir() {
            Manifest::load(&manifest_path)
        } else {
            None
        };
        let root = match previous {
            Some(_) => dir.join(journal::NEW),
            None => dir.clone(),
        };
        fs::create_dir_all(root)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            manifest_path,
            previous,
            next: Mutex::new(Manifest::default()),
            staged: Mutex::new(Vec::new()),
            committed: false,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            kept: AtomicUsize::new(0),
            racy: AtomicUsize::new(0),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether this build keeps what the previous one wrote (there was a manifest).
    pub fn is_rebuild(&self) -> bool {
        self.previous.is_some()
    }

    pub fn written(&self) -> Written {
        Written {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            kept: self.kept.load(Ordering::Relaxed),
            removed: 0,
        }
    }

    fn root(&self) -> PathBuf {
        match self.previous {
            Some(_) => self.dir.join(journal::NEW),
            None => self.dir.clone(),
        }
    }

    fn record(&self, relative: &str, entry: FileEntry) {
        self.next
            .lock()
            .expect("no panic while locked")
            .files
            .insert(relative.to_string(), entry);
    }

    /// The previous build's entry for `relative`, if the file is still as it was written.
    fn intact(&self, relative: &str) -> Option<FileEntry> {
        let previous = self.previous.as_ref()?;
        let entry = *previous.files.get(relative)?;
        let live = safe_join(&self.target, relative).ok()?;
        let meta = fs::symlink_metadata(&live).ok()?;
        let modified = nanos(meta.modified().ok()?);
        let same = meta.is_file() && meta.len() == entry.size && modified == entry.modified;
        if !same {
            return None;
        }
        if modified >= previous.saved {
            let bytes = fs::read(&live).ok()?;
            if Key::of_bytes(&bytes) != entry.digest {
                return None;
            }
            self.racy.fetch_add(1, Ordering::Relaxed);
        }
        Some(entry)
    }

    fn keep(&self, relative: &str, entry: FileEntry) {
        self.record(relative, entry);
        self.kept.fetch_add(1, Ordering::Relaxed);
    }

    fn put(&self, relative: &str, made_from: Option<Key>, bytes: &[u8]) -> io::Result<()> {
        stop_if_interrupted()?;
        let digest = Key::of_bytes(bytes);
        if let Some(entry) = self.intact(relative).filter(|e| e.digest == digest) {
            self.keep(relative, FileEntry { made_from, ..entry });
            return Ok(());
        }
        let path = safe_join(&self.root(), relative)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut file = File::create(&path)?;
        file.write_all(bytes)?;
        // The time is read now and survives the renames: it is how the next build knows the
        // file is untouched.
        let modified = nanos(file.metadata()?.modified()?);
        drop(file);
        self.record(
            relative,
            FileEntry {
                digest,
                size: bytes.len() as u64,
                modified,
                made_from,
            },
        );
        if self.previous.is_some() {
            let live = safe_join(&self.target, relative)?;
            let op = if fs::symlink_metadata(live).is_ok() {
                Op::Replace
            } else {
                Op::Add
            };
            self.staged
                .lock()
                .expect("no panic while locked")
                .push((op, relative.to_string()));
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Puts the build in place of the output folder and records its manifest.
    pub fn commit(mut self) -> io::Result<Written> {
        stop_if_interrupted()?;
        let next = std::mem::take(&mut *self.next.lock().expect("no panic while locked"));
        let mut written = self.written();
        match self.previous.take() {
            None => self.swap()?,
            Some(previous) => {
                let mut ops =
                    std::mem::take(&mut *self.staged.lock().expect("no panic while locked"));
                ops.sort_by(|a, b| a.1.cmp(&b.1));
                ops.dedup_by(|a, b| a.1 == b.1);
                let mut gone: Vec<&String> = previous
                    .files
                    .keys()
                    .filter(|path| !next.files.contains_key(*path))
                    .filter(|path| {
                        safe_join(&self.target, path).is_ok_and(|p| fs::symlink_metadata(p).is_ok())
                    })
                    .collect();
                gone.sort();
                written.removed = gone.len();
                ops.extend(gone.into_iter().map(|p| (Op::Delete, p.clone())));
                let unchanged = ops.is_empty()
                    && self.racy.load(Ordering::Relaxed) == 0
                    && previous.files == next.files
                    && previous.tasks == next.tasks;
                if unchanged {
                    self.committed = true;
                    let _ = fs::remove_dir_all(&self.dir);
                    return Ok(written);
                }
                if !ops.is_empty() {
                    // Gone while the output changes: a crash now leads to a full build, not to a
                    // rebuild trusting a record of files that moved.
                    Manifest::remove(&self.manifest_path)?;
                    journal::apply(&self.dir, &self.target, &ops)?;
                }
            }
        }
        self.committed = true;
        // Without a manifest the next build is a full one: correct, only slower.
        let _ = next.save(&self.manifest_path);
        let _ = fs::remove_dir_all(&self.dir);
        Ok(written)
    }

    /// A full build: the staging folder becomes the output.
    fn swap(&mut self) -> io::Result<()> {
        Manifest::remove(&self.manifest_path)?;
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
        if had_output {
            fs::remove_dir_all(&old)?;
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        self.put(relative, None, bytes)
    }

    fn write_made_from(&self, relative: &str, made_from: Key, bytes: &[u8]) -> io::Result<()> {
        self.put(relative, Some(made_from), bytes)
    }

    fn reuse(&self, relative: &str, made_from: Key) -> bool {
        match self.intact(relative) {
            Some(entry) if entry.made_from == Some(made_from) => {
                self.keep(relative, entry);
                true
            }
            _ => false,
        }
    }

    fn recall(&self, task: &str, made_from: Key) -> Option<Recalled> {
        let previous = self.previous.as_ref()?;
        let done = previous.tasks.get(task)?;
        if done.made_from != made_from {
            return None;
        }
        let entries: Vec<FileEntry> = done
            .files
            .iter()
            .map(|f| self.intact(f))
            .collect::<Option<_>>()?;
        for (file, entry) in done.files.iter().zip(entries) {
            self.keep(file, entry);
        }
        self.remember(task, made_from, &done.files, &done.note);
        Some(Recalled {
            files: done.files.clone(),
            note: done.note.clone(),
        })
    }

    fn remember(&self, task: &str, made_from: Key, files: &[String], note: &str) {
        self.next
            .lock()
            .expect("no panic while locked")
            .tasks
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
    use std::collections::HashMap;

    /// Every file of a folder, for tests.
    fn tree(dir: &Path) -> HashMap<String, String> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap();
                (
                    rel.to_string_lossy().replace('\\', "/"),
                    fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect()
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn commit_replaces_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("old.html"), "old").unwrap();
        let staging = Staging::new(&out).unwrap();
        assert!(!staging.is_rebuild());
        staging.write("a/index.html", b"new").unwrap();
        let written = staging.commit().unwrap();
        assert_eq!(written.files, 1);
        assert!(!out.join("old.html").exists());
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "new");
        assert_eq!(
            entries(tmp.path()),
            [".public.ngo-manifest", "public"],
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
        assert_eq!(entries(tmp.path()), ["public"]);
    }

    #[test]
    fn paths_cannot_escape() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = Staging::new(&tmp.path().join("public")).unwrap();
        assert!(staging.write("../evil.html", b"x").is_err());
        assert!(staging.write("/etc/evil", b"x").is_err());
    }

    fn build(out: &Path, files: &[(&str, &str)]) -> Written {
        let staging = Staging::new(out).unwrap();
        for (path, text) in files {
            staging.write(path, text.as_bytes()).unwrap();
        }
        staging.commit().unwrap()
    }

    #[test]
    fn a_rebuild_writes_only_what_changed_and_removes_what_is_gone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(
            &out,
            &[
                ("a.html", "a"),
                ("b/index.html", "b"),
                ("c/index.html", "c"),
            ],
        );
        let written = build(
            &out,
            &[("a.html", "a"), ("b/index.html", "B"), ("d.html", "d")],
        );
        assert_eq!((written.files, written.kept, written.removed), (2, 1, 1));
        let expected: HashMap<String, String> =
            [("a.html", "a"), ("b/index.html", "B"), ("d.html", "d")]
                .iter()
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect();
        assert_eq!(tree(&out), expected);
        assert!(!out.join("c").exists(), "emptied folders go too");
        assert_eq!(entries(tmp.path()), [".public.ngo-manifest", "public"]);
    }

    #[test]
    fn nothing_changed_touches_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&out, &[("a.html", "a"), ("b.html", "b")]);
        let before = fs::metadata(out.join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        let written = build(&out, &[("a.html", "a"), ("b.html", "b")]);
        assert_eq!((written.files, written.kept, written.removed), (0, 2, 0));
        let after = fs::metadata(out.join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after);
    }

    #[test]
    fn a_file_changed_by_hand_is_made_again() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&out, &[("a.html", "aaaa")]);
        fs::write(out.join("a.html"), "hand").unwrap();
        let written = build(&out, &[("a.html", "aaaa")]);
        assert_eq!(written.files, 1);
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "aaaa");
        fs::remove_file(out.join("a.html")).unwrap();
        build(&out, &[("a.html", "aaaa")]);
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "aaaa");
    }

    #[test]
    fn a_same_size_edit_within_the_manifests_clock_tick_is_caught() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&out, &[("a.html", "aaaa")]);
        let written = fs::metadata(out.join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        // A coarse clock: the edit, and the manifest saved just before it, share the file's time.
        fs::write(out.join("a.html"), "bbbb").unwrap();
        let set_time = |path: &Path| {
            File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(written)
                .unwrap();
        };
        set_time(&out.join("a.html"));
        set_time(&tmp.path().join(".public.ngo-manifest"));
        build(&out, &[("a.html", "aaaa")]);
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "aaaa");
    }

    #[test]
    fn made_from_keys_skip_the_making() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let staging = Staging::new(&out).unwrap();
        assert!(!staging.reuse("p.html", Key(1)));
        staging.write_made_from("p.html", Key(1), b"page").unwrap();
        staging.write("s.1.shard", b"shard").unwrap();
        staging.remember("shard", Key(5), &["s.1.shard".into()], "{\"n\":1}");
        staging.commit().unwrap();

        let staging = Staging::new(&out).unwrap();
        assert!(staging.reuse("p.html", Key(1)));
        let recalled = staging.recall("shard", Key(5)).unwrap();
        assert_eq!(recalled.note, "{\"n\":1}");
        assert_eq!(staging.recall("shard", Key(6)), None);
        let written = staging.commit().unwrap();
        assert_eq!((written.files, written.kept, written.removed), (0, 2, 0));

        let staging = Staging::new(&out).unwrap();
        assert!(!staging.reuse("p.html", Key(2)), "other inputs");
        staging
            .write_made_from("p.html", Key(2), b"page 2")
            .unwrap();
        staging.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("p.html")).unwrap(), "page 2");
        assert!(
            !out.join("s.1.shard").exists(),
            "not recalled, not made: gone"
        );
    }

    #[test]
    fn a_killed_rebuild_is_undone_by_the_next() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&out, &[("a.html", "a"), ("b.html", "b")]);
        // A rebuild that died after its first step: `a.html` moved aside, the new one in.
        let staging = tmp.path().join(".public.ngo-staging");
        fs::create_dir_all(staging.join("new")).unwrap();
        fs::create_dir_all(staging.join("old")).unwrap();
        fs::write(staging.join("journal"), "replace\ta.html\nadd\tc.html\n").unwrap();
        fs::rename(out.join("a.html"), staging.join("old/a.html")).unwrap();
        fs::write(out.join("a.html"), "A").unwrap();
        fs::write(staging.join("new/c.html"), "c").unwrap();
        fs::remove_file(tmp.path().join(".public.ngo-manifest")).unwrap();

        let written = build(&out, &[("a.html", "a"), ("b.html", "b")]);
        assert_eq!(written.files, 2, "a full build after the undo");
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "a");
        assert!(!out.join("c.html").exists());
        assert_eq!(entries(tmp.path()), [".public.ngo-manifest", "public"]);
    }
}

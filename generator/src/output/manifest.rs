//! The record a build leaves beside its output folder (`.public.ngo-manifest`): every file it
//! wrote, with a fingerprint of its bytes, its size and modification time, and what it was made
//! from. The next build reads it to keep what did not change.
//!
//! A plain text file of tab-separated lines, read and written in a fraction of a second even for
//! the 190,000 files of a national portal. Anything unexpected in it (another version, a cut-off
//! line) makes the next build a full one, never a wrong one.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::fingerprint::Key;

const HEADER: &str = "ngo-output 2";

/// One file of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileEntry {
    /// Fingerprint of the bytes.
    pub digest: Key,
    pub size: u64,
    /// Nanoseconds since 1970, as the file system reported right after writing.
    pub modified: i128,
    /// Fingerprint of what the file was made from, when its maker gave one.
    pub made_from: Option<Key>,
}

/// A group of files made together (a search shard with a hashed name, the open-data files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskEntry {
    pub made_from: Key,
    pub files: Vec<String>,
    /// What the maker needs to know about its files without making them (JSON, one line).
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub files: HashMap<String, FileEntry>,
    pub tasks: HashMap<String, TaskEntry>,
    /// When the manifest was written: its own modification time, in nanoseconds since 1970, read
    /// on load. The file system's clock, so it compares with the files' times.
    pub saved: i128,
}

/// Nanoseconds since 1970 of a time the file system gave.
pub fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// Whether a path or note can stand in a line of the manifest.
fn storable(text: &str) -> bool {
    !text.contains(['\t', '\n', '\r'])
}

impl Manifest {
    /// Reads a manifest; `None` when there is none or it cannot be trusted.
    pub fn load(path: &Path) -> Option<Manifest> {
        let text = fs::read_to_string(path).ok()?;
        let mut manifest = Manifest::parse(&text)?;
        manifest.saved = nanos(fs::metadata(path).ok()?.modified().ok()?);
        Some(manifest)
    }

    fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let mut manifest = Manifest::default();
        let mut complete = false;
        for line in lines {
            let mut fields = line.split('\t');
            match fields.next()? {
                "f" => {
                    let path = fields.next()?.to_string();
                    let entry = FileEntry {
                        digest: Key::from_hex(fields.next()?)?,
                        size: fields.next()?.parse().ok()?,
                        modified: fields.next()?.parse().ok()?,
                        made_from: match fields.next()? {
                            "-" => None,
                            hex => Some(Key::from_hex(hex)?),
                        },
                    };
                    manifest.files.insert(path, entry);
                }
                "t" => {
                    let name = fields.next()?.to_string();
                    let made_from = Key::from_hex(fields.next()?)?;
                    let note = fields.next()?.to_string();
                    let files = fields.map(str::to_string).collect();
                    manifest.tasks.insert(
                        name,
                        TaskEntry {
                            made_from,
                            files,
                            note,
                        },
                    );
                }
                "end" => complete = true,
                _ => return None,
            }
        }
        complete.then_some(manifest)
    }

    /// Writes the manifest through a temporary file, so a reader sees the old one or the new one.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        let mut out = Vec::with_capacity(self.files.len() * 120);
        writeln!(out, "{HEADER}")?;
        let mut paths: Vec<_> = self.files.iter().collect();
        paths.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (path, e) in paths {
            // A file named with a tab or line break is left out: the next build writes it again.
            if !storable(path) {
                continue;
            }
            let made_from = e.made_from.map_or_else(|| "-".to_string(), Key::to_hex);
            writeln!(
                out,
                "f\t{path}\t{}\t{}\t{}\t{made_from}",
                e.digest.to_hex(),
                e.size,
                e.modified
            )?;
        }
        let mut tasks: Vec<_> = self.tasks.iter().collect();
        tasks.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (name, t) in tasks {
            if !storable(name) || !storable(&t.note) || !t.files.iter().all(|f| storable(f)) {
                continue;
            }
            write!(out, "t\t{name}\t{}\t{}", t.made_from.to_hex(), t.note)?;
            for file in &t.files {
                write!(out, "\t{file}")?;
            }
            writeln!(out)?;
        }
        writeln!(out, "end")?;
        let temporary = path.with_extension("ngo-manifest-new");
        fs::write(&temporary, &out)?;
        fs::rename(&temporary, path)
    }

    /// Removes a manifest; a missing one is fine.
    pub fn remove(path: &Path) -> io::Result<()> {
        match fs::remove_file(path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        let mut m = Manifest::default();
        m.files.insert(
            "quang-ninh/index.html".into(),
            FileEntry {
                digest: Key(7),
                size: 1234,
                modified: 1_700_000_000_123_456_789,
                made_from: Some(Key(9)),
            },
        );
        m.files.insert(
            "sitemap.xml".into(),
            FileEntry {
                digest: Key(8),
                size: 10,
                modified: 5,
                made_from: None,
            },
        );
        m.tasks.insert(
            "shard:p22".into(),
            TaskEntry {
                made_from: Key(3),
                files: vec!["search/p22.abcd.shard".into()],
                note: r#"{"file":"search/p22.abcd.shard"}"#.into(),
            },
        );
        m
    }

    #[test]
    fn round_trips() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(".public.ngo-manifest");
        let m = sample();
        m.save(&path).unwrap();
        let loaded = Manifest::load(&path).unwrap();
        assert_eq!((loaded.files, loaded.tasks), (m.files, m.tasks));
        let written = nanos(fs::metadata(&path).unwrap().modified().unwrap());
        assert_eq!(loaded.saved, written, "the file system's time");
    }

    #[test]
    fn a_cut_off_manifest_is_not_trusted() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("m");
        sample().save(&path).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let cut = &text[..text.len() - 4];
        assert_eq!(Manifest::parse(cut), None);
        assert_eq!(Manifest::parse("ngo-output 1 5\nend\n"), None);
        assert_eq!(Manifest::parse(""), None);
    }

    #[test]
    fn unstorable_paths_are_left_out() {
        let mut m = sample();
        m.files.insert("bad\tname".into(), m.files["sitemap.xml"]);
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("m");
        m.save(&path).unwrap();
        let loaded = Manifest::load(&path).unwrap();
        assert!(!loaded.files.contains_key("bad\tname"));
        assert_eq!(loaded.files.len(), 2);
    }
}

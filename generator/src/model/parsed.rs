//! Commune files as an earlier build parsed them, so a rebuild skips the YAML of files that did
//! not change: parsing the 3,321 commune files of a national portal is most of what a rebuild
//! with nothing changed still costs.
//!
//! An entry is keyed by the program, the whole site configuration (it decides which phones a
//! member keeps), the file's path and its exact text; anything else gives another key and the
//! file is parsed again. Only files that parsed without a problem are kept, so every error is
//! still found and reported. The entries hold the model, which has no room for a withheld phone:
//! nothing in the cache is more than the portal publishes.
//!
//! Lines of `path\tkey\tJSON`, in `.public.ngo-parsed` beside the output folder.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::fingerprint::{Fingerprint, Key};
use crate::load::SourceFile;
use crate::model::{CommuneFile, Directory};
use crate::units;

const HEADER: &str = "ngo-parsed 2";

/// Parsed commune files from the last build, and those of this one.
pub struct ParseCache {
    before: Mutex<HashMap<PathBuf, (Key, String)>>,
    now: Mutex<HashMap<PathBuf, (Key, String)>>,
    /// Files taken as parsed earlier, for the preview's start-up line.
    reused: AtomicUsize,
}

impl std::fmt::Debug for ParseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParseCache")
            .field("entries", &self.before.lock().map_or(0, |b| b.len()))
            .finish()
    }
}

/// A commune file as stored: the unit by its code.
#[derive(Serialize, Deserialize)]
struct Stored {
    commune: u32,
    commune_location: Location,
    directory: Directory,
    /// Warnings are shown on every build, not only the one that parsed the file.
    warnings: Vec<Diagnostic>,
}

impl ParseCache {
    /// An empty cache.
    pub fn new() -> ParseCache {
        ParseCache {
            before: Mutex::new(HashMap::new()),
            now: Mutex::new(HashMap::new()),
            reused: AtomicUsize::new(0),
        }
    }

    /// The cache at `path`; empty when there is none or it cannot be read.
    pub fn load(path: &Path) -> ParseCache {
        let Ok(text) = fs::read_to_string(path) else {
            return ParseCache::new();
        };
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return ParseCache::new();
        }
        let mut before = HashMap::new();
        for line in lines {
            let mut fields = line.splitn(3, '\t');
            let (Some(file), Some(key), Some(json)) = (fields.next(), fields.next(), fields.next())
            else {
                return ParseCache::new();
            };
            let Some(key) = Key::from_hex(key) else {
                return ParseCache::new();
            };
            before.insert(PathBuf::from(file), (key, json.to_string()));
        }
        ParseCache {
            before: Mutex::new(before),
            now: Mutex::new(HashMap::new()),
            reused: AtomicUsize::new(0),
        }
    }

    /// `parse(source)`, or what it gave last time for the same file, text and settings.
    pub fn parse(
        &self,
        source: &SourceFile,
        config: &Config,
        parse: impl FnOnce(&SourceFile) -> Result<CommuneFile, Diagnostics>,
    ) -> Result<CommuneFile, Diagnostics> {
        let key = Fingerprint::new("commune-file")
            .str(&format!("{config:?}"))
            .str(&source.path.to_string_lossy())
            .str(&source.text)
            .finish();
        let stored = self
            .before
            .lock()
            .expect("no panic while locked")
            .get(&source.path)
            .filter(|(stored_key, _)| *stored_key == key)
            .map(|(_, json)| json.clone());
        if let Some(file) = stored.as_deref().and_then(restore) {
            self.keep(&source.path, key, stored.unwrap_or_default());
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok(file);
        }
        let file = parse(source)?;
        let stored = Stored {
            commune: file.commune.code,
            commune_location: file.commune_location.clone(),
            directory: file.directory.clone(),
            warnings: file.warnings.clone(),
        };
        if let Ok(json) = serde_json::to_string(&stored) {
            self.keep(&source.path, key, json);
        }
        Ok(file)
    }

    /// How many files were taken as an earlier run parsed them.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    fn keep(&self, path: &Path, key: Key, json: String) {
        self.now
            .lock()
            .expect("no panic while locked")
            .insert(path.to_path_buf(), (key, json));
    }

    /// Writes this build's entries to `path`, unless they are the ones already there, and lets
    /// go of them.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        let now = std::mem::take(&mut *self.now.lock().expect("no panic while locked"));
        let before = std::mem::take(&mut *self.before.lock().expect("no panic while locked"));
        let same = now.len() == before.len()
            && now
                .iter()
                .all(|(file, (key, _))| before.get(file).is_some_and(|(k, _)| k == key));
        drop(before);
        if same {
            return Ok(());
        }
        let mut entries: Vec<_> = now
            .iter()
            .filter(|(file, _)| !file.to_string_lossy().contains(['\t', '\n', '\r']))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let mut text = String::with_capacity(entries.iter().map(|e| e.1 .1.len() + 80).sum());
        text.push_str(HEADER);
        text.push('\n');
        for (file, (key, json)) in entries {
            text.push_str(&file.to_string_lossy());
            text.push('\t');
            text.push_str(&key.to_hex());
            text.push('\t');
            text.push_str(json);
            text.push('\n');
        }
        let temporary = path.with_extension("ngo-parsed-new");
        fs::write(&temporary, text)?;
        fs::rename(&temporary, path)
    }
}

impl Default for ParseCache {
    fn default() -> Self {
        ParseCache::new()
    }
}

fn restore(json: &str) -> Option<CommuneFile> {
    let stored: Stored = serde_json::from_str(json).ok()?;
    Some(CommuneFile {
        commune: units::official().commune(stored.commune)?,
        commune_location: stored.commune_location,
        directory: stored.directory,
        warnings: stored.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_commune_file;

    const FILE: &str = "province: 22\ncommune: 7054\nteams:\n  - hamlet: \"Thôn Khe Cát\"\n    kind: thôn\n    location: [21.0123, 107.1234]\n    members:\n      - name: \"Nguyễn Văn An\"\n        phone: \"0912 000 101\"\n        public: true\n      - name: \"Trần Thị Bình\"\n        phone: \"0912 000 102\"\n";

    fn source(text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from("teams/quang-ninh/quang-la.yaml"),
            text: text.to_string(),
        }
    }

    fn config_from(text: &str) -> Config {
        crate::config::parse(&SourceFile {
            path: PathBuf::from("site.yaml"),
            text: text.to_string(),
        })
        .unwrap()
    }

    fn config() -> Config {
        config_from("title: \"Cổng thử\"\nbase_url: \"/\"\n")
    }

    fn summary(file: &CommuneFile) -> String {
        format!(
            "{} {:?} {:?}",
            file.commune.code, file.commune_location, file.directory
        )
    }

    #[test]
    fn an_unchanged_file_comes_back_as_parsed_without_parsing() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(".public.ngo-parsed");
        let config = config();
        let first = ParseCache::new();
        let parsed = first
            .parse(&source(FILE), &config, |s| parse_commune_file(s, &config))
            .unwrap();
        first.save(&path).unwrap();

        let second = ParseCache::load(&path);
        let again = second
            .parse(&source(FILE), &config, |_| panic!("parsed again"))
            .unwrap();
        assert_eq!(summary(&again), summary(&parsed));
        assert_eq!(again.directory.teams[0].location, Some((21.0123, 107.1234)));
        assert!(again.directory.teams[0].members[1].phone.is_none());
    }

    #[test]
    fn another_text_or_setting_is_parsed_again() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("cache");
        let config = config();
        let first = ParseCache::new();
        first
            .parse(&source(FILE), &config, |s| parse_commune_file(s, &config))
            .unwrap();
        first.save(&path).unwrap();

        let edited = FILE.replace("Khe Cát", "Khe Cát Mới");
        let mut parses = 0;
        let cache = ParseCache::load(&path);
        cache
            .parse(&source(&edited), &config, |s| {
                parses += 1;
                parse_commune_file(s, &config)
            })
            .unwrap();
        let hidden =
            config_from("title: \"Cổng thử\"\nbase_url: \"/\"\nprivacy:\n  publish_phones: none\n");
        let withheld = cache
            .parse(&source(FILE), &hidden, |s| {
                parses += 1;
                parse_commune_file(s, &hidden)
            })
            .unwrap();
        assert_eq!(parses, 2);
        assert!(withheld.directory.teams[0].members[0].phone.is_none());
    }

    #[test]
    fn a_damaged_cache_is_ignored() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("cache");
        fs::write(&path, "ngo-parsed 1\nteams/x.yaml\tnot-a-key\t{}\n").unwrap();
        assert!(ParseCache::load(&path).before.lock().unwrap().is_empty());
        fs::write(&path, "something else\n").unwrap();
        assert!(ParseCache::load(&path).before.lock().unwrap().is_empty());
    }

    #[test]
    fn files_with_problems_are_not_kept() {
        let config = config();
        let cache = ParseCache::new();
        let broken = FILE.replace("0912 000 101", "0912");
        assert!(cache
            .parse(&source(&broken), &config, |s| parse_commune_file(
                s, &config
            ))
            .is_err());
        assert!(cache.now.lock().unwrap().is_empty());
    }
}

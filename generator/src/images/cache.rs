//! Encoded images kept beside the output folder (`public` → `.public.ngo-images/`), so a build
//! into an emptied folder, or after the manifest was deleted, copies them instead of encoding
//! them again. Entries are named by the source's fingerprint (bytes and settings), the width and
//! the format; an entry a build did not use is removed after that build succeeded, so the folder
//! holds what the current site needs and no more.
//!
//! The cache only saves time: an entry that cannot be read or written is made again, never an
//! error.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::Variant;
use crate::fingerprint::Key;

/// The cache folder of one output folder, or none (tests, `ngo check`).
#[derive(Debug, Default)]
pub struct ImageCache {
    dir: Option<PathBuf>,
    used: Mutex<HashSet<String>>,
}

impl ImageCache {
    /// The cache kept beside the output folder `output`.
    pub fn beside(output: &Path) -> ImageCache {
        ImageCache {
            dir: Some(crate::output::beside(output, "ngo-images")),
            used: Mutex::default(),
        }
    }

    /// No cache: everything not in the output is encoded.
    pub fn none() -> ImageCache {
        ImageCache::default()
    }

    /// The bytes stored for `variant` of the source fingerprinted `key`.
    pub(super) fn get(&self, key: Key, variant: &Variant) -> Option<Vec<u8>> {
        let path = self.entry(key, variant)?;
        fs::read(path).ok()
    }

    /// Keeps `bytes`, written under a temporary name first so a killed build never leaves half
    /// an image to be copied later.
    pub(super) fn put(&self, key: Key, variant: &Variant, bytes: &[u8]) {
        let Some(path) = self.entry(key, variant) else {
            return;
        };
        let temporary = path.with_extension("tmp");
        let stored = fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))
            .and_then(|()| fs::write(&temporary, bytes))
            .and_then(|()| fs::rename(&temporary, &path));
        if stored.is_err() {
            let _ = fs::remove_file(&temporary);
        }
    }

    /// Notes that this build needs the entry of `variant`, made or not.
    pub(super) fn keep(&self, key: Key, variant: &Variant) {
        self.used
            .lock()
            .expect("no panic while locked")
            .insert(name(key, variant));
    }

    /// Removes every entry this build did not need. Call it only once the build succeeded.
    pub fn prune(&self) {
        let Some(dir) = &self.dir else {
            return;
        };
        let used = self.used.lock().expect("no panic while locked");
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            if !used.contains(file_name.to_string_lossy().as_ref()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    fn entry(&self, key: Key, variant: &Variant) -> Option<PathBuf> {
        self.keep(key, variant);
        Some(self.dir.as_ref()?.join(name(key, variant)))
    }
}

/// `<fingerprint>-<width>.<extension>`: the stem of a file name does not matter to its bytes.
fn name(key: Key, variant: &Variant) -> String {
    let extension = variant.path.rsplit('.').next().unwrap_or("bin");
    format!("{}-{}.{extension}", key.to_hex(), variant.width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::Format;

    fn variant(width: u32) -> Variant {
        Variant {
            format: Format::Webp,
            width,
            height: 10,
            path: format!("assets/anh/a-{width}.00000000.webp"),
        }
    }

    #[test]
    fn entries_come_back_and_unused_ones_go() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let first = ImageCache::beside(&output);
        first.put(Key(1), &variant(360), b"a");
        first.put(Key(1), &variant(540), b"b");
        let second = ImageCache::beside(&output);
        assert_eq!(
            second.get(Key(1), &variant(360)).as_deref(),
            Some(&b"a"[..])
        );
        second.prune();
        let third = ImageCache::beside(&output);
        assert_eq!(third.get(Key(1), &variant(360)).as_deref(), Some(&b"a"[..]));
        assert_eq!(third.get(Key(1), &variant(540)), None);
        assert!(dir.path().join(".public.ngo-images").is_dir());
    }
}

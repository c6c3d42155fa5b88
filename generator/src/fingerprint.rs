//! Fingerprints: a 128-bit key for "what a file is made from" and for "what a file holds".
//!
//! A rebuild compares the key of a page's inputs with the key stored for that page by the
//! previous build; when they match and the file is still there, the page is neither rendered nor
//! written again. Keys are XXH3-128: fast enough to hash every byte a national build writes
//! (about 1 GB) in a fraction of a second, and wide enough that two different inputs never meet
//! in practice. They detect change, they are not a defence against forgery.

use std::cell::RefCell;
use std::sync::OnceLock;

use serde::Serialize;
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

/// A fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(pub u128);

impl Key {
    /// The fingerprint of some bytes, such as a file's contents.
    pub fn of_bytes(bytes: &[u8]) -> Key {
        Key(xxh3_128(bytes))
    }

    pub fn to_hex(self) -> String {
        format!("{:032x}", self.0)
    }

    pub fn from_hex(hex: &str) -> Option<Key> {
        (hex.len() == 32)
            .then(|| u128::from_str_radix(hex, 16).ok())
            .flatten()
            .map(Key)
    }
}

/// Builds a key from several parts. Every part is length-prefixed, so `("ab", "c")` and
/// `("a", "bc")` give different keys.
pub struct Fingerprint(Xxh3);

impl Fingerprint {
    /// A fingerprint for one kind of output (`"page"`, `"shard"`…), so equal inputs of two kinds
    /// never share a key.
    pub fn new(kind: &str) -> Fingerprint {
        let mut f = Fingerprint(Xxh3::new());
        f.key(program()).str(kind);
        f
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn str(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    pub fn key(&mut self, key: Key) -> &mut Self {
        self.0.update(&key.0.to_le_bytes());
        self
    }

    /// Adds a value as its JSON text, the form templates and shards see it in.
    pub fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        thread_local! {
            static TEXT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
        }
        // The text is hashed in one piece: feeding the hasher serde's many small writes costs
        // more than the serialising itself. The buffer is reused from call to call.
        TEXT.with_borrow_mut(|text| {
            text.clear();
            // A value that does not serialise (a map with non-string keys) would fail the
            // render too; it is only marked here.
            if serde_json::to_writer(&mut *text, value).is_err() {
                text.extend_from_slice(b"\0unserialisable");
            }
            self.bytes(text);
            if text.capacity() > 1 << 20 {
                *text = Vec::new();
            }
        });
        self
    }

    pub fn finish(&self) -> Key {
        Key(self.0.digest128())
    }
}

/// This program: another version or another build of `ngo` may render differently, so it
/// makes everything again. The executable's size and modification time stand for its contents,
/// which would take longer to hash than most rebuilds.
pub fn program() -> Key {
    static PROGRAM: OnceLock<Key> = OnceLock::new();
    *PROGRAM.get_or_init(|| {
        let mut f = Xxh3::new();
        f.update(env!("CARGO_PKG_VERSION").as_bytes());
        let exe = std::env::current_exe().and_then(std::fs::metadata);
        match exe {
            Ok(meta) => {
                f.update(&meta.len().to_le_bytes());
                let modified = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                f.update(&modified.to_le_bytes());
            }
            // Unknown: a key no later run shares, so nothing is ever reused by mistake.
            Err(_) => f.update(&std::process::id().to_le_bytes()),
        }
        Key(f.digest128())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_delimited() {
        let a = Fingerprint::new("t").str("ab").str("c").finish();
        let b = Fingerprint::new("t").str("a").str("bc").finish();
        assert_ne!(a, b);
    }

    #[test]
    fn kinds_are_kept_apart() {
        let a = Fingerprint::new("page").str("x").finish();
        let b = Fingerprint::new("shard").str("x").finish();
        assert_ne!(a, b);
    }

    #[test]
    fn values_hash_by_content() {
        let one = Fingerprint::new("t")
            .value(&vec!["Thôn 1", "Thôn 2"])
            .finish();
        let same = Fingerprint::new("t")
            .value(&vec!["Thôn 1", "Thôn 2"])
            .finish();
        let other = Fingerprint::new("t")
            .value(&vec!["Thôn 1", "Thôn 3"])
            .finish();
        assert_eq!(one, same);
        assert_ne!(one, other);
    }

    #[test]
    fn hex_round_trips() {
        let key = Key::of_bytes("Tổ công nghệ số".as_bytes());
        assert_eq!(Key::from_hex(&key.to_hex()), Some(key));
        assert_eq!(Key::from_hex("zz"), None);
    }
}

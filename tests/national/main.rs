//! National-scale checks: the whole country generated with `gen-national`, built (or previewed)
//! by the release binary. Too slow for a debug run, so they run only in release (`tests/run-all`
//! does that), one at a time so each has both cores:
//!
//! ```sh
//! cargo test --release -p ngo-tests --test national -- --test-threads=1
//! ```

mod interrupt;
mod privacy_scan;
mod serve;

/// A scratch folder for a national build: in memory (`/dev/shm`) where the machine has it.
/// A national build is about 100,000 files; on a disk mounted with online discard, deleting them
/// afterwards took longer than building them.
pub fn scratch() -> tempfile::TempDir {
    let shm = std::path::Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(dir) = tempfile::tempdir_in(shm) {
            return dir;
        }
    }
    tempfile::tempdir().expect("a temporary folder")
}

//! National-scale checks: the whole country generated with `gen-national`, built by the release
//! binary. Too slow for a debug run, so they run only in release (`tests/run-all` does that):
//!
//! ```sh
//! cargo test --release -p ngo-tests --test national
//! ```

mod interrupt;
mod privacy_scan;

//! Placeholder: the search crate.

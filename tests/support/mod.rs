//! Shared helpers for the whole-binary tests.

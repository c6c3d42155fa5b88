//! Whole-binary tests: the real `ngo` on real folders.

mod build_output;
mod cli;
mod hardening;
mod hostile;
mod privacy;
mod refusals;
mod sample_portal;
mod serve;

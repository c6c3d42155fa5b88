//! Whole-binary tests: the real `ngo` on real folders.

mod build_output;
mod citizens;
mod cli;
mod editor_messages;
mod guides;
mod hardening;
mod hostile;
mod import;
mod light_pages;
mod nginx;
mod page_text;
mod privacy;
mod rebuild;
mod refusals;
mod sample_portal;
mod search;
mod serve;
mod serve_refusals;

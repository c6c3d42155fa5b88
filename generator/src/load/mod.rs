//! Reading a site folder: find the files, read them as clean text, parse YAML keeping positions.
//!
//! Nothing here knows what a team or a guide is; that is `model`'s job. This layer guarantees that
//! every later stage sees NFC text with `\n` line ends, and that every value carries the file,
//! line and column it came from so an error can point at it.

pub mod frontmatter;
pub mod source;
pub mod walk;
pub mod yaml;
pub mod yaml_syntax;

pub use source::SourceFile;
pub use walk::{walk_site, SiteFiles};

//! Turning the site model into files: HTML pages through Tera templates, plus sitemaps, feeds
//! and robots.txt.

pub mod assets;
pub mod context;
pub mod feeds;
pub mod headers;
pub mod integrity;
pub mod markdown;
pub mod pages;
pub mod templates;

pub use pages::render_site;

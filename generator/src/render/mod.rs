//! Turning the site model into files: HTML pages through Tera templates, plus sitemaps, feeds
//! and robots.txt.

pub mod alphabetical;
pub mod assets;
pub mod contact;
pub mod context;
pub mod feeds;
pub mod headers;
pub mod integrity;
pub mod old_addresses;
pub mod opendata;
pub mod pages;
pub mod pwa;
pub mod redirects;
pub mod stats;
pub mod templates;
pub mod theme;

pub use pages::render_site;

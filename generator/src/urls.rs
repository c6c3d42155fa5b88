//! The portal's address scheme, in one place so pages, search results, sitemaps and the
//! service worker agree. All paths here are site-relative (no leading slash); prefix them with
//! the base path to link, or with the whole base URL for sitemaps and feeds.
//!
//! ```text
//! /                                   home
//! /<province>/                        a province: its communes
//! /<province>/<commune>/              a commune: its hamlet teams
//! /<province>/<commune>/<team>/       a team: members, phones, meeting place
//! /huong-dan/ and /huong-dan/<slug>/  guides
//! /<page>/                            free pages (gioi-thieu, lien-he…)
//! /tra-cuu-dia-chi-cu/<old-province>/ pre-2025 provinces, districts, communes → new communes
//! /thong-ke/                          statistics
//! /du-lieu-mo/                        open data: to-cong-nghe-so.json and .csv
//! /kiem-tra-so-dien-thoai/            "who is calling me?": is a number a team's published one
//! /go-thong-tin/                      how a member asks for their data to be removed
//! ```

use crate::units::{CommuneUnit, ProvinceUnit};

/// First path segments the generator uses itself; a free page may not take them.
pub const RESERVED: &[&str] = &[
    "huong-dan",
    "tim-kiem",
    "search",
    "static",
    "assets",
    "thong-ke",
    "dia-chi-cu",
    "tra-cuu-dia-chi-cu",
    "ngoai-tuyen",
    "du-lieu",
    "du-lieu-mo",
    "kiem-tra-so-dien-thoai",
    "go-thong-tin",
    "404",
    "sitemap",
    "feed",
    "atom",
];

pub const GUIDES: &str = "huong-dan/";
/// The search page: the box with its results, for links shared from elsewhere.
pub const SEARCH: &str = "tim-kiem/";
/// The page shown offline for a page that was not saved, listing the saved ones.
pub const OFFLINE: &str = "ngoai-tuyen/";
pub const OLD_ADDRESSES: &str = "tra-cuu-dia-chi-cu/";
pub const STATISTICS: &str = "thong-ke/";
pub const OPEN_DATA: &str = "du-lieu-mo/";
/// "Who is calling me?": a citizen checks a number that called them.
pub const CALLER_CHECK: &str = "kiem-tra-so-dien-thoai/";
/// How a member asks for their data to be removed, and by when it is.
pub const REMOVAL: &str = "go-thong-tin/";
/// The open-data files, inside [`OPEN_DATA`].
pub const OPEN_DATA_JSON: &str = "du-lieu-mo/to-cong-nghe-so.json";
pub const OPEN_DATA_CSV: &str = "du-lieu-mo/to-cong-nghe-so.csv";

/// The page of a pre-2025 province in the old-address lookup.
pub fn old_province(slug: &str) -> String {
    format!("{OLD_ADDRESSES}{slug}/")
}

pub fn province(p: &ProvinceUnit) -> String {
    format!("{}/", p.slug)
}

pub fn commune(p: &ProvinceUnit, c: &CommuneUnit) -> String {
    format!("{}/{}/", p.slug, c.slug)
}

pub fn team(p: &ProvinceUnit, c: &CommuneUnit, team_id: &str) -> String {
    format!("{}/{}/{}/", p.slug, c.slug, team_id)
}

pub fn guide(slug: &str) -> String {
    format!("{GUIDES}{slug}/")
}

pub fn skill(key: &str) -> String {
    format!("{GUIDES}#{key}")
}

pub fn page(slug: &str) -> String {
    format!("{slug}/")
}

/// The file that serves a site-relative path: `a/b/` → `a/b/index.html`.
pub fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

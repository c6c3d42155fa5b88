//! Which maker makes a file of the portal, so the preview makes only what a request needs.
//!
//! The address scheme itself is `urls.rs`'s; this is its reverse, as far as it decides between
//! makers. Anything not named here may be a static file: the preview then asks the static
//! files' maker, which is also how a build lets a page win over a static file of the same name
//! (the build writes static files first).

use crate::model::Site;
use crate::render::{headers, pwa};
use crate::{units, urls};

/// A maker of part of the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Home,
    /// A province page, by province code.
    Province(u32),
    /// A commune page, its team pages and their contact cards and QR codes, by commune code.
    Commune(u32),
    /// The guides index.
    Guides,
    /// One guide's page, by its place in the site's guides.
    Guide(usize),
    /// The free pages (`pages/`).
    FreePages,
    /// 404, search and offline pages, the caller check and how to ask for removal.
    Special,
    Statistics,
    OpenDataPage,
    /// The national open-data files (large: made by the preview's background worker).
    OpenDataFiles,
    /// The old-address lookup's first page.
    OldAddresses,
    /// One old province's page, by its place in `units::official().old_provinces()`.
    OldProvince(usize),
    /// Sitemaps, robots.txt, the guides feed.
    Feeds,
    /// Theme assets, the site's static files, images of guide bundles.
    Assets,
    /// Search shards and their manifest (made by the background worker).
    Search,
    /// The web app manifest and the service worker.
    Pwa,
    /// `_headers`.
    Headers,
    /// The pages at old addresses (`aliases`, former team paths) and the hosts' redirect rules;
    /// also tried for any address no other maker makes.
    Redirects,
    /// The guides' screenshots at phone and desktop widths.
    GuideImages,
}

/// The maker of the site-relative `file` (`quang-ninh/xa-quang-la/index.html`).
pub fn unit_of(site: &Site, file: &str) -> Unit {
    let offline = format!("{}index.html", pwa::OFFLINE_PAGE);
    match file {
        "index.html" => return Unit::Home,
        "404.html" => return Unit::Special,
        f if f == urls::file_for(urls::SEARCH) => return Unit::Special,
        f if f == urls::file_for(urls::CALLER_CHECK) || f == urls::file_for(urls::REMOVAL) => {
            return Unit::Special
        }
        f if f == offline => return Unit::Special,
        "_headers" => return Unit::Headers,
        pwa::SERVICE_WORKER | pwa::WEB_MANIFEST => return Unit::Pwa,
        "robots.txt" | "sitemap.xml" => return Unit::Feeds,
        f if f.starts_with("sitemap-") && f.ends_with(".xml") => return Unit::Feeds,
        f if f == format!("{}atom.xml", urls::GUIDES) => return Unit::Feeds,
        f if f == urls::OPEN_DATA_JSON || f == urls::OPEN_DATA_CSV => return Unit::OpenDataFiles,
        f if f == urls::file_for(urls::OPEN_DATA) => return Unit::OpenDataPage,
        f if f == urls::file_for(urls::STATISTICS) => return Unit::Statistics,
        _ => {}
    }
    if file.starts_with(crate::search::SEARCH_DIR) {
        return Unit::Search;
    }
    if file.starts_with(crate::images::FOLDER) {
        return Unit::GuideImages;
    }
    if file == headers::REDIRECTS || file == headers::NGINX_REDIRECTS {
        return Unit::Redirects;
    }
    if let Some(rest) = file.strip_prefix(urls::OLD_ADDRESSES) {
        if rest == "index.html" {
            return Unit::OldAddresses;
        }
        let slug = rest.split('/').next().unwrap_or_default();
        return units::official()
            .old_provinces()
            .iter()
            .position(|p| p.slug == slug)
            .map_or(Unit::Assets, Unit::OldProvince);
    }
    if let Some(rest) = file.strip_prefix(urls::GUIDES) {
        // Pages are `huong-dan/index.html` and `huong-dan/<slug>/index.html`; anything else
        // there is an image of a guide bundle.
        if rest == "index.html" {
            return Unit::Guides;
        }
        return match rest.split_once('/') {
            Some((slug, "index.html")) => site
                .guides
                .iter()
                .position(|g| g.slug == slug)
                .map_or(Unit::Assets, Unit::Guide),
            _ => Unit::Assets,
        };
    }
    let parts: Vec<&str> = file.split('/').collect();
    if let Some(province) = site.provinces.iter().find(|p| p.unit.slug == parts[0]) {
        return match parts.as_slice() {
            [_, "index.html"] => Unit::Province(province.unit.code),
            [_, commune, ..] => province
                .communes
                .iter()
                .find(|c| c.unit.slug == *commune)
                .map_or(Unit::Assets, |c| Unit::Commune(c.unit.code)),
            _ => Unit::Assets,
        };
    }
    if let [slug, "index.html"] = parts.as_slice() {
        if site.pages.iter().any(|p| p.slug == *slug) {
            return Unit::FreePages;
        }
    }
    Unit::Assets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{load_site, LoadOptions};
    use std::path::Path;

    fn sample() -> Site {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/minimal");
        load_site(&dir, &LoadOptions::default()).unwrap()
    }

    #[test]
    fn files_map_to_their_makers() {
        let site = sample();
        let an_giang = units::official()
            .old_provinces()
            .iter()
            .position(|p| p.slug == "an-giang")
            .unwrap();
        let cases = [
            ("index.html", Unit::Home),
            ("quang-ninh/index.html", Unit::Province(22)),
            ("quang-ninh/xa-quang-la/index.html", Unit::Commune(7054)),
            (
                "quang-ninh/xa-quang-la/thon-khe-cat/index.html",
                Unit::Commune(7054),
            ),
            (
                "quang-ninh/xa-quang-la/thon-khe-cat/to.vcf",
                Unit::Commune(7054),
            ),
            ("huong-dan/index.html", Unit::Guides),
            (
                "huong-dan/nhan-dien-cuoc-goi-lua-dao/index.html",
                Unit::Guide(0),
            ),
            ("huong-dan/nhan-dien-cuoc-goi-lua-dao/anh.png", Unit::Assets),
            ("huong-dan/atom.xml", Unit::Feeds),
            ("gioi-thieu/index.html", Unit::FreePages),
            ("404.html", Unit::Special),
            ("ngoai-tuyen/index.html", Unit::Special),
            ("tim-kiem/index.html", Unit::Special),
            ("thong-ke/index.html", Unit::Statistics),
            ("du-lieu-mo/index.html", Unit::OpenDataPage),
            ("du-lieu-mo/to-cong-nghe-so.csv", Unit::OpenDataFiles),
            ("tra-cuu-dia-chi-cu/index.html", Unit::OldAddresses),
            (
                "tra-cuu-dia-chi-cu/an-giang/index.html",
                Unit::OldProvince(an_giang),
            ),
            ("search/manifest.json", Unit::Search),
            ("sitemap.xml", Unit::Feeds),
            ("sw.js", Unit::Pwa),
            ("_headers", Unit::Headers),
            ("assets/style.1686de47.css", Unit::Assets),
            ("logo.svg", Unit::Assets),
            ("khong-co/index.html", Unit::Assets),
        ];
        for (file, unit) in cases {
            assert_eq!(unit_of(&site, file), unit, "{file}");
        }
    }
}

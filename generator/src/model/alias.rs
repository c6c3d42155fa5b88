//! Old addresses of guides, pages and teams (`aliases:`), so links printed on notices, shared on
//! Zalo or bookmarked before a guide was renamed or hamlets were merged keep working.
//!
//! Each alias becomes a small redirect page and an entry in the host's redirect rules
//! (`render/redirects.rs`, `render/headers.rs`). An alias may not take the address of a page
//! the portal shows: that page would silently disappear behind the redirect.

use std::collections::HashMap;

use marked_yaml::types::MarkedMappingNode;
use serde::{Deserialize, Serialize};

use crate::config::BaseUrl;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::yaml::Reader;
use crate::model::{Guide, Page, Province};
use crate::urls;

/// An old address and where the editor wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// Site-relative, as `urls` writes paths: `huong-dan/ten-cu/` or `cu/trang.html`.
    pub path: String,
    pub location: Location,
}

/// Reads `aliases:` (a list, or one value). A value without a leading `/` is taken inside
/// `section` (`huong-dan/` for guides, the commune's folder for teams), as Hugo does.
pub fn read_aliases(
    r: &mut Reader,
    map: &MarkedMappingNode,
    section: &str,
    base: &BaseUrl,
) -> Vec<Alias> {
    r.string_list(map, "aliases")
        .into_iter()
        .filter_map(|value| match normalise(&value.value, section, base) {
            Ok(path) => Some(Alias {
                path,
                location: value.location,
            }),
            Err(hint) => {
                r.diagnostics.push(
                    Diagnostic::new(
                        value.location,
                        format!("địa chỉ cũ không hợp lệ: \"{}\"", value.value),
                    )
                    .with_hint(hint.to_string()),
                );
                None
            }
        })
        .collect()
}

/// Why an alias cannot be an address of this portal; the message is the hint shown under the
/// error, saying what to write.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum AliasError {
    #[error("địa chỉ cũ phải thuộc trang này: viết phần sau tên miền, ví dụ /{section}ten-cu/")]
    OtherSite { section: String },
    #[error("viết địa chỉ bằng chữ không dấu, số và dấu gạch ngang, ví dụ /{section}ten-cu/")]
    NotPlain { section: String },
}

/// The site-relative path of an alias as written.
fn normalise(value: &str, section: &str, base: &BaseUrl) -> Result<String, AliasError> {
    let mut path = value.trim();
    if let Some(origin) = &base.origin {
        if let Some(rest) = path.strip_prefix(origin.as_str()) {
            path = rest;
        }
    }
    if path.contains("://") {
        return Err(AliasError::OtherSite {
            section: section.to_string(),
        });
    }
    let path = match path.strip_prefix('/') {
        // Addresses copied from the browser include the portal's sub-path.
        Some(_) => path.strip_prefix(base.path.as_str()).unwrap_or(&path[1..]),
        None => &format!("{section}{path}"),
    };
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let plain = |s: &&str| {
        !s.is_empty()
            && *s != "."
            && *s != ".."
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
    };
    if !segments.iter().all(plain) {
        return Err(AliasError::NotPlain {
            section: section.to_string(),
        });
    }
    let joined = segments.join("/");
    Ok(if joined.ends_with(".html") {
        joined
    } else {
        format!("{joined}/")
    })
}

/// What holds a live address, to name it when an alias collides with it.
fn live_pages(guides: &[Guide], pages: &[Page], provinces: &[Province]) -> HashMap<String, String> {
    let mut live = HashMap::new();
    let mut add = |path: String, what: String| {
        live.entry(path).or_insert(what);
    };
    add(String::new(), "trang chủ của cổng".to_string());
    add(
        "404.html".to_string(),
        "trang báo không tìm thấy".to_string(),
    );
    for guide in guides {
        let what = format!("hướng dẫn \"{}\" ({})", guide.title, guide.source.display());
        add(urls::guide(&guide.slug), what);
    }
    for page in pages {
        let what = format!("trang \"{}\" ({})", page.title, page.source.display());
        add(urls::page(&page.slug), what);
    }
    for province in provinces {
        add(
            urls::province(province.unit),
            format!("trang của {}", province.unit.name),
        );
        for commune in &province.communes {
            let path = urls::commune(province.unit, commune.unit);
            add(path, format!("trang của {}", commune.unit.name));
            let Some(directory) = &commune.directory else {
                continue;
            };
            for team in &directory.teams {
                let what = format!("trang tổ {} ({})", team.hamlet, directory.source.display());
                add(urls::team(province.unit, commune.unit, &team.id), what);
            }
        }
    }
    live
}

/// The portal's own sections (search, statistics, assets…), which no alias may enter.
fn reserved_section(path: &str) -> Option<&'static str> {
    let first = path.split('/').next().unwrap_or("");
    let first = first.strip_suffix(".html").unwrap_or(first);
    let taken = urls::RESERVED.iter().find(|r| **r == first)?;
    let own_guide_address =
        *taken == urls::GUIDES.trim_end_matches('/') && path.len() > urls::GUIDES.len();
    (!own_guide_address).then_some(*taken)
}

/// Refuses aliases that take a live address or another alias's, naming both.
pub fn check_aliases(
    guides: &[Guide],
    pages: &[Page],
    provinces: &[Province],
    diagnostics: &mut Diagnostics,
) {
    let live = live_pages(guides, pages, provinces);
    let all = guides
        .iter()
        .flat_map(|g| g.aliases.iter())
        .chain(pages.iter().flat_map(|p| p.aliases.iter()))
        .chain(
            provinces
                .iter()
                .flat_map(|p| p.communes.iter())
                .flat_map(|c| c.teams().iter())
                .flat_map(|t| t.aliases.iter()),
        );
    let mut seen: HashMap<&str, &Location> = HashMap::new();
    for alias in all {
        let taken = live
            .get(alias.path.as_str())
            .cloned()
            .or_else(|| reserved_section(&alias.path).map(|s| format!("mục `/{s}/` của cổng")));
        if let Some(what) = taken {
            diagnostics.push(
                Diagnostic::new(
                    alias.location.clone(),
                    format!("địa chỉ cũ `/{}` trùng với {what}", alias.path),
                )
                .with_hint("bỏ địa chỉ cũ này: trang đang dùng địa chỉ đó sẽ bị che mất"),
            );
        } else if let Some(first) = seen.insert(&alias.path, &alias.location) {
            diagnostics.push(
                Diagnostic::new(
                    alias.location.clone(),
                    format!("địa chỉ cũ `/{}` đã được khai báo ở {first}", alias.path),
                )
                .with_hint("mỗi địa chỉ cũ chỉ chuyển tới một trang; xóa một trong hai"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(url: &str) -> BaseUrl {
        BaseUrl::parse(url).unwrap()
    }

    #[test]
    fn aliases_are_read_as_site_paths() {
        let root = base("https://cds.example.gov.vn/");
        let n = |v: &str| normalise(v, "huong-dan/", &root);
        assert_eq!(n("kich-hoat-vneid").unwrap(), "huong-dan/kich-hoat-vneid/");
        assert_eq!(n("/huong-dan/cu/").unwrap(), "huong-dan/cu/");
        assert_eq!(n("/tin-tuc/bai-1.html").unwrap(), "tin-tuc/bai-1.html");
        assert_eq!(n("/cu/index.html").unwrap(), "cu/");
        assert_eq!(
            n("https://cds.example.gov.vn/huong-dan/a").unwrap(),
            "huong-dan/a/"
        );
        let sub = base("https://example.gov.vn/cds/");
        assert_eq!(
            normalise("/cds/huong-dan/a/", "", &sub).unwrap(),
            "huong-dan/a/"
        );
        assert_eq!(normalise("/khac/a/", "", &sub).unwrap(), "khac/a/");
    }

    #[test]
    fn unsafe_or_foreign_aliases_are_refused() {
        let root = base("/");
        for bad in [
            "../etc/",
            "/a//b/",
            "hướng-dẫn/",
            "https://other.org/a/",
            "a?b=1",
            "/a/./b",
        ] {
            assert!(normalise(bad, "", &root).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_portals_own_sections_are_taken() {
        assert_eq!(reserved_section("tim-kiem/"), Some("tim-kiem"));
        assert_eq!(reserved_section("assets/x.html"), Some("assets"));
        assert_eq!(reserved_section("huong-dan/"), Some("huong-dan"));
        assert_eq!(reserved_section("huong-dan/cu/"), None);
        assert_eq!(reserved_section("tin-cu/"), None);
    }
}

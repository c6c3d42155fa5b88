//! Views for the old-address lookup: people still write the province, district and commune of
//! before 1 July 2025 on forms and letters, and need to find the commune that serves them now.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::Site;
use crate::render::context::{in_alphabetical_order, Views};
use crate::units::{self, OldCommune, OldProvince};
use crate::urls;

/// One pre-2025 province in the list of all 63.
#[derive(Debug, Clone, Serialize)]
pub struct OldProvinceLink {
    pub name: String,
    pub url: String,
    pub district_count: usize,
    pub commune_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct OldProvincePage {
    pub name: String,
    /// Its districts in alphabetical order, unit words ("Quận", "Huyện") ignored.
    pub districts: Vec<OldDistrictView>,
    pub commune_count: usize,
    /// The new province that took over most of it, as inside a sentence ("tỉnh Quảng Ninh");
    /// successors in it are listed without their province.
    pub now_in: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OldDistrictView {
    pub name: String,
    /// Anchor on the province page.
    pub id: String,
    /// In alphabetical order, unit words ("Xã", "Phường", "Thị trấn") ignored.
    pub communes: Vec<OldCommuneView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OldCommuneView {
    pub name: String,
    pub successors: Vec<SuccessorView>,
}

/// A commune of the 2025 map that took over all or part of an old one.
#[derive(Debug, Clone, Serialize)]
pub struct SuccessorView {
    /// "Xã Quảng La".
    pub name: String,
    /// "Tỉnh Quảng Ninh", when it is not the province most of the old one went into.
    pub province: Option<String>,
    /// The commune's page; `None` when its province is outside this portal's scope.
    pub url: Option<String>,
    /// Only part of the old commune went into this one.
    pub partly: bool,
}

/// The 63 old provinces in alphabetical order.
pub fn province_links(views: &Views, old: &[OldProvince]) -> Vec<OldProvinceLink> {
    let links = old
        .iter()
        .map(|p| OldProvinceLink {
            name: p.name.to_string(),
            url: views.url(&urls::old_province(&p.slug)),
            district_count: p.districts.len(),
            commune_count: p.districts.iter().map(|d| d.communes.len()).sum(),
        })
        .collect();
    in_alphabetical_order(links, |p| &p.name)
}

pub fn province_page(views: &Views, site: &Site, old: &OldProvince) -> OldProvincePage {
    let now_in = main_successor(old);
    let districts: Vec<OldDistrictView> = old
        .districts
        .iter()
        .map(|d| OldDistrictView {
            name: d.name.to_string(),
            id: crate::text::slugify(d.name),
            communes: in_alphabetical_order(
                d.communes
                    .iter()
                    .map(|c| commune_view(views, site, c, now_in))
                    .collect(),
                |c| &c.name,
            ),
        })
        .collect();
    let districts = in_alphabetical_order(districts, |d| &d.name);
    OldProvincePage {
        name: old.name.to_string(),
        commune_count: districts.iter().map(|d| d.communes.len()).sum(),
        districts,
        now_in: units::official()
            .province(now_in)
            .map_or_else(String::new, |p| p.in_sentence()),
    }
}

fn commune_view(views: &Views, site: &Site, c: &OldCommune, now_in: u32) -> OldCommuneView {
    let all = units::official();
    let successors = c
        .successors
        .iter()
        .filter_map(|&code| all.commune(code))
        .map(|now| {
            let province = all.province(now.province);
            let url = province
                .filter(|p| site.config.covers(p.code))
                .map(|p| views.url(&urls::commune(p, now)));
            SuccessorView {
                name: now.name.clone(),
                province: province
                    .filter(|p| p.code != now_in)
                    .map(|p| p.name.clone()),
                url,
                partly: c.partly,
            }
        })
        .collect();
    OldCommuneView {
        name: c.name.clone(),
        successors,
    }
}

/// The new province most of an old one's communes went into.
fn main_successor(old: &OldProvince) -> u32 {
    let all = units::official();
    let mut counts: HashMap<u32, usize> = HashMap::new();
    let provinces = old
        .districts
        .iter()
        .flat_map(|d| &d.communes)
        .flat_map(|c| &c.successors)
        .filter_map(|&code| all.commune(code))
        .map(|c| c.province);
    for province in provinces {
        *counts.entry(province).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(code, n)| (n, std::cmp::Reverse(code)))
        .map_or(0, |(code, _)| code)
}

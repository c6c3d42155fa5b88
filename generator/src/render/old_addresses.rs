//! Views for the old-address lookup: people still write the province, district and commune of
//! before 1 July 2025 on forms and letters, and need to find the commune that serves them now.

use serde::Serialize;

use crate::model::Site;
use crate::render::context::Views;
use crate::units::{self, OldProvince};
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
    pub districts: Vec<OldDistrictView>,
    pub commune_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct OldDistrictView {
    pub name: String,
    /// Anchor on the province page.
    pub id: String,
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
    /// "Tỉnh Quảng Ninh".
    pub province: String,
    /// The commune's page; `None` when its province is outside this portal's scope.
    pub url: Option<String>,
    /// Only part of the old commune went into this one.
    pub partly: bool,
}

pub fn province_links(views: &Views, old: &[OldProvince]) -> Vec<OldProvinceLink> {
    old.iter()
        .map(|p| OldProvinceLink {
            name: p.name.to_string(),
            url: views.url(&urls::old_province(&p.slug)),
            district_count: p.districts.len(),
            commune_count: p.districts.iter().map(|d| d.communes.len()).sum(),
        })
        .collect()
}

pub fn province_page(views: &Views, site: &Site, old: &OldProvince) -> OldProvincePage {
    let all = units::official();
    let districts: Vec<OldDistrictView> = old
        .districts
        .iter()
        .map(|d| OldDistrictView {
            name: d.name.to_string(),
            id: crate::text::slugify(d.name),
            communes: d
                .communes
                .iter()
                .map(|c| OldCommuneView {
                    name: c.name.clone(),
                    successors: c
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
                                province: province.map_or_else(String::new, |p| p.name.clone()),
                                url,
                                partly: c.partly,
                            }
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    OldProvincePage {
        name: old.name.to_string(),
        commune_count: districts.iter().map(|d| d.communes.len()).sum(),
        districts,
    }
}

//! Counts of the whole portal, shown on the home page and the statistics page, and printed by
//! `ngo build`: what the site holds, so the model says it, whoever shows it.

use serde::Serialize;

use super::{Province, Site};

/// National (or portal-wide) counts shown on the home page.
#[derive(Serialize, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub provinces: usize,
    pub communes: usize,
    pub communes_with_data: usize,
    pub communes_without_data: usize,
    pub teams: usize,
    pub members: usize,
    pub guides: usize,
}

impl Totals {
    pub fn of(site: &Site) -> Totals {
        let communes = site.provinces.iter().map(|p| p.communes.len()).sum();
        let communes_with_data = site
            .provinces
            .iter()
            .map(Province::communes_with_data)
            .sum();
        Totals {
            provinces: site.provinces.len(),
            communes,
            communes_with_data,
            communes_without_data: communes - communes_with_data,
            teams: site.provinces.iter().map(Province::team_count).sum(),
            members: site.provinces.iter().map(Province::member_count).sum(),
            guides: site.guides.len(),
        }
    }
}

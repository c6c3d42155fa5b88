//! The site as search documents, one list per shard.
//!
//! - `places`: provinces (also by the pre-2025 provinces merged into them) and communes;
//! - `former`: every pre-2025 commune, leading to the commune(s) that took it over, with
//!   "trước đây: …" shown;
//! - `guides`: every guide;
//! - `p<code>`: a province, its communes, and its teams: hamlet name, members' names, and where
//!   the team is — its commune, its province, and every pre-2025 commune, district and province
//!   its commune took over, so "thôn Khe Cát xã Dân Chủ" still finds the team;
//! - `hamlets`: every team of the country by hamlet name and where it is (no members, no
//!   phones), for a citizen who has not chosen a province.

use std::collections::BTreeSet;

use ngo_search::phones::PhoneEntry;
use ngo_search::{Document, Kind};

use crate::model::{Commune, Guide, Province, Site, Team};
use crate::units::{self, OldCommune, ProvinceUnit};
use crate::urls;

/// Provinces and communes by their current names; each province also by the pre-2025
/// provinces merged into it.
pub fn places(site: &Site) -> Vec<Document> {
    let mut docs = Vec::new();
    for province in &site.provinces {
        docs.push(province_document(province));
        for commune in &province.communes {
            docs.push(commune_document(province.unit, commune));
        }
    }
    docs
}

fn province_document(province: &Province) -> Document {
    let unit = province.unit;
    let mut doc = Document::new(Kind::Place, &unit.name, urls::province(unit));
    doc.subtitle = format!("{} xã, phường", province.communes.len());
    doc.province = Some(unit.code);
    doc.boost = 1.3;
    let old_provinces: BTreeSet<&str> = province
        .communes
        .iter()
        .flat_map(|c| units::official().predecessors(c.unit.code))
        .map(|old| old.province.as_str())
        .filter(|&name| name != unit.name)
        .collect();
    for old in old_provinces {
        doc.aliases.push(old.to_string());
        doc.notes.push(format!("trước đây: {}", lower_first(old)));
    }
    doc
}

/// Every pre-2025 commune as a way to the commune(s) that took it over, with "trước đây: …"
/// shown. Where an old commune was split, each successor gets an entry, so all are offered.
///
/// They are a shard of their own, loaded only when a query needs it: there are three old
/// communes for every new one.
pub fn former(site: &Site) -> Vec<Document> {
    let mut docs = Vec::new();
    for province in &site.provinces {
        for commune in &province.communes {
            for old in units::official().predecessors(commune.unit.code) {
                let mut doc = commune_document(province.unit, commune);
                doc.aliases = vec![old.name.clone()];
                doc.context = vec![old.district.clone()];
                doc.around = vec![old.province.clone()];
                doc.notes = vec![former_note(old)];
                doc.boost = 1.0;
                docs.push(doc);
            }
        }
    }
    docs
}

fn commune_document(province: &ProvinceUnit, commune: &Commune) -> Document {
    let mut doc = Document::new(
        Kind::Place,
        &commune.unit.name,
        urls::commune(province, commune.unit),
    );
    let teams = commune.teams().len();
    doc.subtitle = province.name.clone();
    doc.teams = (teams > 0).then_some(teams as u32);
    doc.context = vec![province.name.clone()];
    doc.province = Some(province.code);
    doc.commune = Some(commune.unit.code);
    doc.boost = 1.2;
    doc
}

/// "trước đây: xã Dân Chủ, Thành phố Hạ Long", with "(một phần)" where it was split.
fn former_note(old: &OldCommune) -> String {
    let part = if old.partly { " (một phần)" } else { "" };
    format!(
        "trước đây: {}, {}{part}",
        lower_first(&old.name),
        old.district
    )
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn guides(guides: &[Guide]) -> Vec<Document> {
    guides
        .iter()
        .map(|g| {
            let mut doc = Document::new(Kind::Guide, &g.title, urls::guide(&g.slug));
            doc.subtitle = g.summary.clone();
            doc.body = g.plain_text.clone();
            doc.aliases = g.tags.clone();
            doc.aliases.push(g.skill.title().to_string());
            doc
        })
        .collect()
}

/// A province's teams, with everything they are found by.
/// A province's shard: the province and its communes (as in `places`), then its teams with
/// everything they are found by. A citizen who chose the province needs nothing else for a
/// question about its teams and communes.
pub fn province(province: &Province) -> Vec<Document> {
    let mut docs = vec![province_document(province)];
    docs.extend(
        province
            .communes
            .iter()
            .map(|c| commune_document(province.unit, c)),
    );
    docs.extend(team_documents(province, true));
    docs
}

/// Every team of the country by hamlet and current place only: old names are found through
/// `former`, which leads to the province to load.
pub fn hamlets(site: &Site) -> Vec<Document> {
    site.provinces
        .iter()
        .flat_map(|p| team_documents(p, false))
        .map(|mut doc| {
            doc.around.truncate(1);
            doc.notes.clear();
            doc
        })
        .collect()
}

/// Every published phone with its team, for the national phone list: digests only.
pub fn phones(site: &Site) -> Vec<PhoneEntry> {
    let mut entries = Vec::new();
    for province in &site.provinces {
        for commune in &province.communes {
            for team in commune.teams() {
                let url = urls::team(province.unit, commune.unit, &team.id);
                let published = team.members.iter().filter_map(|m| m.phone.as_ref());
                entries.extend(published.map(|phone| PhoneEntry {
                    digest: ngo_search::phone::digest(phone.national()),
                    title: team.hamlet.clone(),
                    vcard: format!("{url}{}", crate::render::pages::VCARD_FILE),
                    url: url.clone(),
                    subtitle: format!("{}, {}", commune.unit.name, province.unit.name),
                    province: province.unit.code,
                    commune: commune.unit.code,
                }));
            }
        }
    }
    entries
}

fn team_documents(province: &Province, full: bool) -> Vec<Document> {
    let mut docs = Vec::new();
    for commune in &province.communes {
        let place = TeamPlace::of(province.unit, commune);
        docs.extend(
            commune
                .teams()
                .iter()
                .map(|t| team_document(&place, t, full)),
        );
    }
    docs
}

/// What every team of one commune shares: where it is, in current and pre-2025 names.
struct TeamPlace<'a> {
    province: &'a ProvinceUnit,
    commune: &'a Commune,
    subtitle: String,
    around: Vec<String>,
    notes: Vec<String>,
}

impl<'a> TeamPlace<'a> {
    fn of(province: &'a ProvinceUnit, commune: &'a Commune) -> TeamPlace<'a> {
        let olds = units::official().predecessors(commune.unit.code);
        let mut around = vec![province.name.clone()];
        for old in &olds {
            for name in [&old.name, &old.district, &old.province] {
                if !around.contains(name) && *name != commune.unit.name {
                    around.push(name.clone());
                }
            }
        }
        TeamPlace {
            province,
            commune,
            subtitle: format!("{}, {}", commune.unit.name, province.name),
            around,
            notes: olds.iter().map(|old| former_note(old)).collect(),
        }
    }
}

fn team_document(place: &TeamPlace, team: &Team, full: bool) -> Document {
    let url = urls::team(place.province, place.commune.unit, &team.id);
    let mut doc = Document::new(Kind::Team, &team.hamlet, url);
    doc.subtitle = place.subtitle.clone();
    doc.context = vec![place.commune.unit.name.clone()];
    doc.around = place.around.clone();
    doc.notes = place.notes.clone();
    doc.province = Some(place.province.code);
    doc.commune = Some(place.commune.unit.code);
    if full {
        // Names find a member. Roles ("tổ trưởng", "thành viên") are in nearly every team, and
        // meeting places ("nhà văn hóa thôn …, 19:30 tối thứ Bảy") repeat the hamlet's name and
        // a time nobody searches by: both would only make the shard bigger (meeting places were
        // a tenth of it).
        let names: Vec<&str> = team
            .members
            .iter()
            .filter_map(|m| m.name.as_deref())
            .collect();
        doc.body = names.join(" · ");
        doc.phones = team
            .members
            .iter()
            .filter_map(|m| m.phone.as_ref())
            .map(|p| p.national().to_string())
            .collect();
    }
    doc
}

//! What templates see: plain, serialisable views of the model, with links already made absolute
//! for the site's base path, so templates never build URLs themselves.

use serde::Serialize;

use crate::model::{Commune, Guide, Member, Province, Site, Skill, Team};
use crate::render::theme::ThemeAssets;
use crate::units::{self, OldCommune};
use crate::urls;

/// Links that every page needs (header, footer, province picker).
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub base: String,
    pub language: String,
    pub hotline: Option<String>,
    /// The hotline as a `tel:` target (digits and `+` only).
    pub hotline_tel: Option<String>,
    pub email: Option<String>,
    pub css_url: String,
    pub guides_url: String,
    pub search_url: String,
    pub offline_url: String,
    pub search: SearchView,
    /// The script every page loads to register the service worker (offline use).
    pub app_script_url: String,
    /// The script that filters long lists as a citizen types (province and old-address pages).
    pub filter_script_url: String,
    pub service_worker_url: String,
    pub web_manifest_url: String,
    pub old_addresses_url: String,
    pub statistics_url: String,
    pub open_data_url: String,
    /// "Who is calling me?", linked from every page's footer and every team page.
    pub caller_check_url: String,
    /// How a member asks for removal.
    pub removal_url: String,
    pub skills: Vec<SkillView>,
    pub provinces: Vec<Link>,
    pub pages: Vec<Link>,
}

/// What the search form needs to search in the browser.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    pub script_url: String,
    pub worker_url: String,
    pub wasm_url: String,
    pub manifest_url: String,
    /// Provinces that have teams to search, for the picker.
    pub provinces: Vec<ProvinceChoice>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvinceChoice {
    pub code: u32,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkillView {
    pub key: &'static str,
    pub title: &'static str,
    pub short_title: &'static str,
    pub url: String,
    pub guide_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvinceView {
    pub code: u32,
    pub name: String,
    /// Inside a sentence: "tỉnh Quảng Ninh", "thành phố Hà Nội".
    pub in_sentence: String,
    pub short_name: String,
    pub url: String,
    pub commune_count: usize,
    pub communes_with_data: usize,
    pub communes_without_data: usize,
    pub team_count: usize,
    pub member_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommuneView {
    pub code: u32,
    pub name: String,
    /// Inside a sentence: "xã Quảng La", "phường Hà Tu" (never "phường hà tu").
    pub in_sentence: String,
    pub kind: String,
    pub url: String,
    pub has_data: bool,
    pub team_count: usize,
    pub member_count: usize,
    pub updated: Option<String>,
    /// "Xã Dân Chủ (Thành phố Hạ Long)", the pre-2025 communes this one took over.
    pub former: Vec<String>,
    /// The same, short enough for a list: "Dân Chủ", "Tân Dân" (whole or in part).
    pub former_short: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamView {
    pub id: String,
    pub hamlet: String,
    pub kind: String,
    pub url: String,
    pub meeting: Option<String>,
    pub map_url: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub leader: Option<MemberView>,
    /// The one member a commune page's card offers to call: the leader when the leader's phone
    /// is published, else the first member whose phone is ([`Team::contact`]).
    pub contact: Option<MemberView>,
    pub members: Vec<MemberView>,
    pub public_phone_count: usize,
    /// `<team>/to.vcf`, when at least one phone is public.
    pub vcard_url: Option<String>,
    /// `<team>/qr.svg`, when the site's origin is known (a QR code needs a full address).
    pub qr_url: Option<String>,
    /// The page's address without `https://`, as a printed notice shows it, when the site's
    /// origin is known.
    pub address: Option<String>,
    /// The hamlet's names before a merger or renaming, shown as "trước đây".
    pub former: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    pub name: String,
    pub role: Option<String>,
    pub is_leader: bool,
    pub phone: Option<String>,
    pub tel: Option<String>,
    pub zalo_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GuideView {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub url: String,
    pub skill: &'static str,
    pub skill_title: &'static str,
    pub tags: Vec<String>,
    pub updated: Option<String>,
    pub updated_iso: Option<String>,
    pub reading_minutes: u32,
    /// The guide's language when it is not Vietnamese (`km`, `zh-Hant`), for `lang` attributes.
    pub lang: Option<String>,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// The language as the portal names it ("tiếng Khmer") and as its readers do ("ភាសាខ្មែរ"),
    /// when it is not Vietnamese.
    pub language_name: Option<&'static str>,
    pub autonym: Option<&'static str>,
}

/// Builds views with the base path applied.
pub struct Views<'a> {
    pub base: &'a str,
}

impl Views<'_> {
    pub fn url(&self, relative: &str) -> String {
        format!("{}{}", self.base, relative)
    }

    fn search(&self, site: &Site) -> SearchView {
        let assets = ThemeAssets::get().search();
        SearchView {
            script_url: self.url(&assets.script),
            worker_url: self.url(&assets.worker),
            wasm_url: self.url(&assets.wasm),
            manifest_url: self.url(crate::search::MANIFEST),
            provinces: in_alphabetical_order(
                site.provinces
                    .iter()
                    .filter(|p| p.team_count() > 0)
                    .map(|p| ProvinceChoice {
                        code: p.unit.code,
                        name: p.unit.name.clone(),
                    })
                    .collect(),
                |p| &p.name,
            ),
        }
    }

    pub fn site(&self, site: &Site, css_url: String) -> SiteView {
        SiteView {
            title: site.config.title.clone(),
            base: self.base.to_string(),
            language: site.config.language.clone(),
            hotline: site.config.hotline.clone(),
            hotline_tel: site.config.hotline.as_ref().map(|h| {
                h.chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect()
            }),
            email: site.config.email.clone(),
            css_url,
            guides_url: self.url(urls::GUIDES),
            search_url: self.url(urls::SEARCH),
            offline_url: self.url(urls::OFFLINE),
            search: self.search(site),
            app_script_url: self.url(ThemeAssets::get().path("assets/app.js")),
            filter_script_url: self.url(ThemeAssets::get().path("assets/filter.js")),
            service_worker_url: self.url(crate::render::pwa::SERVICE_WORKER),
            web_manifest_url: self.url(crate::render::pwa::WEB_MANIFEST),
            old_addresses_url: self.url(urls::OLD_ADDRESSES),
            statistics_url: self.url(urls::STATISTICS),
            open_data_url: self.url(urls::OPEN_DATA),
            caller_check_url: self.url(urls::CALLER_CHECK),
            removal_url: self.url(urls::REMOVAL),
            skills: Skill::ALL
                .iter()
                .map(|&skill| SkillView {
                    key: skill.key(),
                    title: skill.title(),
                    short_title: skill.short_title(),
                    url: self.url(&urls::skill(skill.key())),
                    guide_count: site.guides.iter().filter(|g| g.skill == skill).count(),
                })
                .collect(),
            provinces: in_alphabetical_order(
                site.provinces
                    .iter()
                    .map(|p| Link {
                        title: p.unit.name.clone(),
                        url: self.url(&urls::province(p.unit)),
                    })
                    .collect(),
                |p| &p.title,
            ),
            pages: site
                .pages
                .iter()
                .map(|p| Link {
                    title: p.title.clone(),
                    url: self.url(&urls::page(&p.slug)),
                })
                .collect(),
        }
    }

    pub fn province(&self, p: &Province) -> ProvinceView {
        ProvinceView {
            code: p.unit.code,
            name: p.unit.name.clone(),
            in_sentence: p.unit.in_sentence(),
            short_name: p.unit.short_name.clone(),
            url: self.url(&urls::province(p.unit)),
            commune_count: p.communes.len(),
            communes_with_data: p.communes_with_data(),
            communes_without_data: p.communes.len() - p.communes_with_data(),
            team_count: p.team_count(),
            member_count: p.member_count(),
        }
    }

    pub fn commune(&self, p: &Province, c: &Commune) -> CommuneView {
        let former = units::official().predecessors(c.unit.code);
        CommuneView {
            code: c.unit.code,
            name: c.unit.name.clone(),
            in_sentence: c.unit.in_sentence(),
            kind: c.unit.kind.clone(),
            url: self.url(&urls::commune(p.unit, c.unit)),
            has_data: c.directory.is_some(),
            team_count: c.teams().len(),
            member_count: c.member_count(),
            updated: c
                .directory
                .as_ref()
                .and_then(|d| d.updated)
                .map(|d| d.vietnamese()),
            former: former.iter().copied().map(former_name).collect(),
            former_short: former.iter().copied().map(former_short_name).collect(),
        }
    }

    pub fn team(&self, p: &Province, c: &Commune, t: &Team) -> TeamView {
        let members: Vec<MemberView> = t
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| member(m, t.leader == Some(i)))
            .collect();
        TeamView {
            id: t.id.clone(),
            hamlet: t.hamlet.clone(),
            kind: t.kind.clone(),
            url: self.url(&urls::team(p.unit, c.unit, &t.id)),
            meeting: t.meeting.clone(),
            map_url: t.location.map(|(lat, lon)| {
                format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
            }),
            latitude: t.location.map(|l| l.0),
            longitude: t.location.map(|l| l.1),
            leader: t.leader.map(|i| members[i].clone()),
            contact: t.contact().map(|m| {
                let is_leader = t.leader().is_some_and(|l| std::ptr::eq(l, m));
                member(m, is_leader)
            }),
            public_phone_count: members.iter().filter(|m| m.phone.is_some()).count(),
            members,
            vcard_url: None,
            qr_url: None,
            address: None,
            former: t.former.clone(),
        }
    }

    pub fn guide(&self, g: &Guide) -> GuideView {
        GuideView {
            slug: g.slug.clone(),
            title: g.title.clone(),
            summary: g.summary.clone(),
            url: self.url(&urls::guide(&g.slug)),
            skill: g.skill.key(),
            skill_title: g.skill.title(),
            tags: g.tags.clone(),
            updated: g.updated.map(|d| d.vietnamese()),
            updated_iso: g.updated.map(|d| d.to_string()),
            reading_minutes: g.reading_minutes,
            lang: g.lang.clone(),
            dir: g.dir,
            language_name: g.lang.as_ref().map(|_| g.language().name),
            autonym: g.lang.as_ref().map(|_| g.language().autonym),
        }
    }
}

fn member(m: &Member, is_leader: bool) -> MemberView {
    MemberView {
        name: m.name.clone().unwrap_or_else(|| "(ẩn tên)".to_string()),
        role: m.role.clone(),
        is_leader,
        phone: m.phone.as_ref().map(|p| p.display()),
        tel: m.phone.as_ref().map(|p| p.tel_uri()),
        zalo_url: m
            .phone
            .as_ref()
            .filter(|_| m.zalo)
            .map(|p| format!("https://zalo.me/{}", p.national())),
    }
}

/// `items` in Vietnamese alphabetical order of the unit names `name` gives, unit words ignored.
pub fn in_alphabetical_order<T>(mut items: Vec<T>, name: impl Fn(&T) -> &str) -> Vec<T> {
    crate::collate::sort_units(&mut items, name);
    items
}

/// "Dân Chủ": the name without its unit word, unless that leaves a bare number ("Phường 1").
pub fn former_short_name(old: &OldCommune) -> String {
    let bare = crate::text::strip_unit_prefix(&old.name);
    match bare.chars().any(char::is_alphabetic) {
        true => bare.to_string(),
        false => old.name.clone(),
    }
}

/// Who answers a member's removal request: the privacy contact of `site.yaml`, each part falling
/// back to the portal's own contact.
#[derive(Debug, Clone, Serialize)]
pub struct RemovalContact {
    pub office: Option<String>,
    pub phone: Option<String>,
    /// The phone as a `tel:` target.
    pub tel: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

pub fn removal_contact(config: &crate::config::Config) -> RemovalContact {
    let privacy = &config.consent.contact;
    let phone = privacy.phone.clone().or_else(|| config.hotline.clone());
    RemovalContact {
        office: privacy.office.clone(),
        tel: phone.as_ref().map(|p| {
            p.chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect()
        }),
        phone,
        email: privacy.email.clone().or_else(|| config.email.clone()),
        address: privacy.address.clone(),
    }
}

/// "Xã Dân Chủ (Thành phố Hạ Long)", or with "một phần" when only part of it was taken over.
pub fn former_name(old: &OldCommune) -> String {
    let part = if old.partly { ", một phần" } else { "" };
    format!("{} ({}{part})", old.name, old.district)
}

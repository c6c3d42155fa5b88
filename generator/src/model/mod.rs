//! The site as the portal shows it: provinces, communes, hamlet teams, guides and pages, resolved
//! against the official units and validated.
//!
//! Private data stops here: a [`Member`] only ever holds what its consent lets the portal publish
//! (`consent.rs` holds that one rule), and a member who withdrew consent is dropped while the
//! file is read, so no later stage (pages, search, open data, vCards) can leak one by mistake.

pub mod alias;
pub mod consent;
mod directory;
mod guide;
pub mod language;
mod page;
mod parsed;
mod rereading;
mod site;
mod skill;
mod totals;

pub use consent::MemberAudit;
pub use directory::{
    audit_commune_file, parse_commune_file, CommuneFile, Schema, HAMLET_KINDS, SCHEMA,
};
pub use guide::{check_translations, parse_guide, translations, Guide};
pub use page::{parse_page, Page};
pub use parsed::ParseCache;
pub use rereading::{reread_guides, reread_pages, Known, MayHaveChanged};
pub use site::{
    load_site, load_site_parts, read_commune, reread_after, sort_guides, CommuneFiles, LoadOptions,
    Reread, SiteParts,
};
pub use skill::Skill;
pub use totals::Totals;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::date::Date;
use crate::diagnostics::Diagnostics;
use crate::fingerprint::{Fingerprint, Key};
use crate::phone::Phone;
use crate::units::{CommuneUnit, ProvinceUnit};

/// A whole portal, ready to render and index.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Provinces in scope, by code, each with all its official communes.
    pub provinces: Vec<Province>,
    /// Guides by skill, then `order`, then title; drafts only when asked for.
    pub guides: Vec<Guide>,
    pub pages: Vec<Page>,
    /// Files copied as they are, relative to the site folder (`static/…`).
    pub static_files: Vec<PathBuf>,
    /// Template overrides, relative to the site folder (`templates/…`).
    pub templates: Vec<PathBuf>,
    /// What was understood but is worth an editor's look; never stops a build.
    pub warnings: Diagnostics,
}

impl Site {
    pub fn communes(&self) -> impl Iterator<Item = &Commune> {
        self.provinces.iter().flat_map(|p| p.communes.iter())
    }

    pub fn teams(&self) -> impl Iterator<Item = (&Commune, &Team)> {
        self.communes()
            .flat_map(|c| c.teams().iter().map(move |t| (c, t)))
    }

    /// A fingerprint of everything the portal publishes about people: every team's members
    /// as the model holds them. The service worker's version includes it, so a withdrawal (or
    /// any change to a member) makes phones that saved a commune store it again from the new
    /// build and drop the old copies.
    pub fn people_key(&self) -> Key {
        let mut f = Fingerprint::new("people");
        for (commune, team) in self.teams() {
            f.str(&commune.unit.code.to_string()).str(&team.id);
            for m in &team.members {
                f.str(m.name.as_deref().unwrap_or("\0"))
                    .str(m.role.as_deref().unwrap_or("\0"))
                    .str(m.phone.as_ref().map_or("\0", |p| p.national()))
                    .str(if m.zalo { "z" } else { "-" });
            }
        }
        f.finish()
    }
}

/// A province and every official commune in it, with or without a team list.
#[derive(Debug, Clone)]
pub struct Province {
    pub unit: &'static ProvinceUnit,
    pub communes: Vec<Commune>,
}

impl Province {
    pub fn communes_with_data(&self) -> usize {
        self.communes
            .iter()
            .filter(|c| c.directory.is_some())
            .count()
    }

    pub fn team_count(&self) -> usize {
        self.communes.iter().map(|c| c.teams().len()).sum()
    }

    pub fn member_count(&self) -> usize {
        self.communes.iter().map(Commune::member_count).sum()
    }
}

/// A commune (xã, phường or đặc khu) of the 2025 map.
#[derive(Debug, Clone)]
pub struct Commune {
    pub unit: &'static CommuneUnit,
    /// The team list, when the commune has sent one.
    pub directory: Option<Directory>,
}

impl Commune {
    pub fn teams(&self) -> &[Team] {
        self.directory.as_ref().map_or(&[], |d| &d.teams)
    }

    pub fn member_count(&self) -> usize {
        self.teams().iter().map(|t| t.members.len()).sum()
    }
}

/// What a commune file says about the commune's teams.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Directory {
    /// The file it came from, relative to the site folder.
    pub source: PathBuf,
    pub updated: Option<Date>,
    pub teams: Vec<Team>,
}

/// One hamlet's Tổ công nghệ số cộng đồng.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Team {
    /// Unique inside the commune; the last segment of the team's URL.
    pub id: String,
    /// "Thôn Khe Cát"
    pub hamlet: String,
    /// "thôn", "tổ dân phố", "ấp", …
    pub kind: String,
    pub meeting: Option<String>,
    /// Latitude and longitude.
    pub location: Option<(f64, f64)>,
    pub members: Vec<Member>,
    /// Index in `members` of the team leader (first role starting "Tổ trưởng").
    pub leader: Option<usize>,
    /// Names the hamlet had before it was renamed or merged ("Thôn Khe Cát", "Thôn Đồng Rì"),
    /// shown as "trước đây" and searchable.
    #[serde(default)]
    pub former: Vec<String>,
    /// Old addresses of the team's page that redirect to it.
    #[serde(default)]
    pub aliases: Vec<alias::Alias>,
}

impl Team {
    pub fn leader(&self) -> Option<&Member> {
        self.leader.map(|i| &self.members[i])
    }

    /// Whom a citizen should call: the leader when the leader's phone is published, else the
    /// first member whose phone is. One number per team, so a page listing many teams never
    /// becomes a list of every member's phone.
    pub fn contact(&self) -> Option<&Member> {
        self.leader()
            .filter(|m| m.phone.is_some())
            .or_else(|| self.members.iter().find(|m| m.phone.is_some()))
    }
}

/// A volunteer, holding only what may be published ([`consent::MemberConsent::allows`]); a
/// member who withdrew consent is not in the model at all.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    /// `None` when the name may not be shown: no consent to it, and a site that hides names of
    /// members without a record (`privacy.show_names: false`), or a record that leaves it out.
    pub name: Option<String>,
    pub role: Option<String>,
    /// Present only with the member's consent and a site policy that allows it.
    pub phone: Option<Phone>,
    /// Whether `phone` is reachable on Zalo; false unless the phone is published and consent
    /// covers Zalo.
    pub zalo: bool,
}

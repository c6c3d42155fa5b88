//! The search evaluation: queries a citizen would type to find a team, drawn (seeded) from the
//! national dataset, eleven kinds of them, each with the team it should find.
//!
//! Kinds of query, as the project's search issue lists them: hamlet and commune without marks;
//! the same with one slip of the finger; accented; in capitals; in reverse order; with the
//! administration's abbreviations; a member's full name with the commune; a published phone in
//! any spelling; hamlet with a pre-2025 commune name; and two without a chosen province — with
//! the province named, and with only hamlet and commune. The first nine are typed with the
//! team's province chosen (the picker, or a page of that province).
//!
//! [`run`] answers them natively the way the browser does (loading the shards the engine asks
//! for) and scores Success@1, Success@3 and MRR per kind; `tests/browser/` types a sample of the
//! same queries into the real page.

mod run;
mod typing;

use ngo::model::{Commune, Province, Site, Team};
use ngo::units::{self, CommuneUnit, ProvinceUnit};
use ngo::urls;
use serde::{Deserialize, Serialize};

use crate::rng::Rng;
use typing::{abbreviation, lower, typo, without_marks};

pub use run::{evaluate, Evaluation, Score};

/// The kinds of query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Plain,
    Typo,
    Accented,
    Caps,
    Reversed,
    Abbreviated,
    Member,
    Phone,
    OldCommune,
    NoProvinceNamed,
    NoProvince,
}

impl Category {
    pub const ALL: [Category; 11] = [
        Category::Plain,
        Category::Typo,
        Category::Accented,
        Category::Caps,
        Category::Reversed,
        Category::Abbreviated,
        Category::Member,
        Category::Phone,
        Category::OldCommune,
        Category::NoProvinceNamed,
        Category::NoProvince,
    ];

    /// How the category is named in reports.
    pub fn label(self) -> &'static str {
        match self {
            Category::Plain => "hamlet + commune, no marks",
            Category::Typo => "the same with one typo",
            Category::Accented => "accented",
            Category::Caps => "ALL CAPS",
            Category::Reversed => "reversed order",
            Category::Abbreviated => "abbreviations",
            Category::Member => "member name + commune",
            Category::Phone => "public phone",
            Category::OldCommune => "hamlet + pre-2025 commune",
            Category::NoProvinceNamed => "no province chosen, province named",
            Category::NoProvince => "no province chosen, hamlet + commune",
        }
    }

    fn chooses_province(self) -> bool {
        !matches!(self, Category::NoProvinceNamed | Category::NoProvince)
    }
}

/// One query and the team it should find.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub category: Category,
    pub query: String,
    /// The province chosen when typing it, if any.
    pub province: Option<u32>,
    /// The team's page, site-relative.
    pub expected: String,
}

/// A team with where it is.
struct Found<'a> {
    province: &'a ProvinceUnit,
    commune: &'a Commune,
    team: &'a Team,
}

/// The site in `content`, loaded as a build loads it (drafts left out), to draw cases from.
pub fn load_content(content: &std::path::Path) -> anyhow::Result<ngo::model::Site> {
    let load = ngo::model::LoadOptions {
        drafts: false,
        skip: Vec::new(),
        cache: None,
    };
    ngo::model::load_site(content, &load)
        .map_err(|d| anyhow::anyhow!("the content has {} problems", d.len()))
}

/// `per_category` cases of every kind, the same for the same site and seed.
pub fn generate(site: &Site, seed: u64, per_category: usize) -> Vec<Case> {
    let teams: Vec<Found> = site
        .provinces
        .iter()
        .flat_map(|p: &Province| {
            p.communes.iter().flat_map(move |c| {
                c.teams().iter().map(move |t| Found {
                    province: p.unit,
                    commune: c,
                    team: t,
                })
            })
        })
        .collect();
    let mut cases = Vec::new();
    if teams.is_empty() {
        return cases;
    }
    for (i, category) in Category::ALL.into_iter().enumerate() {
        let mut rng = Rng::stream(seed, "search-eval", i as u64);
        let mut made = 0;
        for _ in 0..per_category * 200 {
            if made == per_category {
                break;
            }
            let found = &teams[rng.below(teams.len())];
            if let Some(query) = query(category, found, &mut rng) {
                cases.push(Case {
                    category,
                    query,
                    province: category.chooses_province().then_some(found.province.code),
                    expected: urls::team(found.province, found.commune.unit, &found.team.id),
                });
                made += 1;
            }
        }
    }
    cases
}

fn query(category: Category, f: &Found, rng: &mut Rng) -> Option<String> {
    let hamlet = hamlet(f.team, rng);
    let commune = commune(f.commune.unit, rng);
    let sep = separator(rng);
    let plain = |text: String| lower(&without_marks(&text));
    Some(match category {
        Category::Plain => plain(format!("{hamlet}{sep}{commune}")),
        Category::Typo => typo(&plain(format!("{hamlet}{sep}{commune}")), rng),
        Category::Accented => {
            let text = format!("{hamlet}{sep}{commune}");
            if rng.chance(0.5) {
                lower(&text)
            } else {
                text
            }
        }
        Category::Caps => {
            let mut text = format!("{hamlet}{sep}{commune}");
            if rng.chance(0.5) {
                text = format!("{text}{sep}{}", f.province.name);
            }
            if rng.chance(0.3) {
                text = without_marks(&text);
            }
            text.to_uppercase()
        }
        Category::Reversed => plain(format!("{commune}{sep}{hamlet}")),
        Category::Abbreviated => abbreviated(f, rng)?,
        Category::Member => member(f, rng)?,
        Category::Phone => phone(f.team, rng)?,
        Category::OldCommune => old_commune(f, &hamlet, rng)?,
        Category::NoProvinceNamed => {
            let province = province(f.province, rng);
            marks_or_not(format!("{hamlet}{sep}{commune}{sep}{province}"), rng)
        }
        Category::NoProvince => marks_or_not(format!("{hamlet}{sep}{commune}"), rng),
    })
}

/// The hamlet as written, sometimes without its unit word ("Khe Cát" for "Thôn Khe Cát") when
/// what is left is a name, not a number.
fn hamlet(team: &Team, rng: &mut Rng) -> String {
    let title = team.hamlet.clone();
    let rest = strip_unit(&title, &team.kind);
    match rest {
        Some(rest) if !rest.chars().all(|c| c.is_ascii_digit() || c == ' ') && rng.chance(0.3) => {
            rest.to_string()
        }
        _ => title,
    }
}

/// "Xã Quảng La" or "Quảng La".
fn commune(unit: &CommuneUnit, rng: &mut Rng) -> String {
    if rng.chance(0.5) {
        unit.name.clone()
    } else {
        unit.short_name.clone()
    }
}

fn province(unit: &ProvinceUnit, rng: &mut Rng) -> String {
    if rng.chance(0.5) {
        unit.name.clone()
    } else {
        unit.short_name.clone()
    }
}

fn separator(rng: &mut Rng) -> &'static str {
    if rng.chance(0.3) {
        ", "
    } else {
        " "
    }
}

fn marks_or_not(text: String, rng: &mut Rng) -> String {
    if rng.chance(0.5) {
        lower(&without_marks(&text))
    } else {
        lower(&text)
    }
}

/// The rest of a name after its unit word, compared without case.
fn strip_unit<'a>(name: &'a str, unit: &str) -> Option<&'a str> {
    let head = name.get(..unit.len())?;
    (head.to_lowercase() == unit.to_lowercase()).then(|| name[unit.len()..].trim_start())
}

/// Hamlet and commune with their unit words shortened ("tdp 5 p. ha tu").
fn abbreviated(f: &Found, rng: &mut Rng) -> Option<String> {
    let unit = &f.team.kind;
    let hamlet = match (abbreviation(unit), strip_unit(&f.team.hamlet, unit)) {
        (Some(short), Some(rest)) => Some(format!("{} {rest}", rng.pick(short))),
        _ => None,
    };
    let kind = f.commune.unit.kind.as_str();
    let commune = abbreviation(kind)
        .map(|short| format!("{} {}", rng.pick(short), f.commune.unit.short_name));
    let (hamlet, commune) = match (hamlet, commune) {
        (None, None) => return None,
        (h, c) => (
            h.unwrap_or_else(|| f.team.hamlet.clone()),
            c.unwrap_or_else(|| f.commune.unit.short_name.clone()),
        ),
    };
    let sep = separator(rng);
    Some(marks_or_not(format!("{hamlet}{sep}{commune}"), rng))
}

/// A member's full name (published, and not shared with a member of another team of the
/// commune) with the commune.
fn member(f: &Found, rng: &mut Rng) -> Option<String> {
    let names: Vec<&str> = f
        .team
        .members
        .iter()
        .filter_map(|m| m.name.as_deref())
        .collect();
    if names.is_empty() {
        return None;
    }
    let name = names[rng.below(names.len())];
    let elsewhere = f
        .commune
        .teams()
        .iter()
        .filter(|t| t.id != f.team.id)
        .any(|t| t.members.iter().any(|m| m.name.as_deref() == Some(name)));
    if elsewhere {
        return None;
    }
    let sep = separator(rng);
    let commune = commune(f.commune.unit, rng);
    Some(marks_or_not(format!("{name}{sep}{commune}"), rng))
}

/// A published phone of the team, spelled as people write numbers.
fn phone(team: &Team, rng: &mut Rng) -> Option<String> {
    let phones: Vec<_> = team
        .members
        .iter()
        .filter_map(|m| m.phone.as_ref())
        .collect();
    if phones.is_empty() {
        return None;
    }
    let national = phones[rng.below(phones.len())].national().to_string();
    let subscriber = &national[1..];
    Some(match rng.below(6) {
        0 => national.clone(),
        1 => format!("{} {} {}", &national[..4], &national[4..7], &national[7..]),
        2 => format!("{}.{}.{}", &national[..4], &national[4..7], &national[7..]),
        3 => format!(
            "+84 {} {} {}",
            &subscriber[..3],
            &subscriber[3..6],
            &subscriber[6..]
        ),
        4 => format!("84{subscriber}"),
        _ => format!(
            "(+84) {}-{}-{}",
            &subscriber[..3],
            &subscriber[3..6],
            &subscriber[6..]
        ),
    })
}

/// The hamlet with one of the pre-2025 communes its commune took over (one whose name is not
/// the commune's own), sometimes with the old district.
fn old_commune(f: &Found, hamlet: &str, rng: &mut Rng) -> Option<String> {
    let olds: Vec<_> = units::official()
        .predecessors(f.commune.unit.code)
        .into_iter()
        .filter(|old| without_marks(&old.name) != without_marks(&f.commune.unit.name))
        .collect();
    if olds.is_empty() {
        return None;
    }
    let old = olds[rng.below(olds.len())];
    let name = if rng.chance(0.5) {
        old.name.clone()
    } else {
        // "Xã Dân Chủ" → "Dân Chủ", "Thị trấn Cái Nước" → "Cái Nước".
        let rest = old
            .name
            .split_once(' ')
            .map_or(old.name.as_str(), |(_, rest)| rest);
        rest.strip_prefix("trấn ").unwrap_or(rest).to_string()
    };
    let sep = separator(rng);
    let mut text = format!("{hamlet}{sep}{name}");
    if rng.chance(0.3) {
        text = format!("{text}{sep}{}", old.district);
    }
    Some(marks_or_not(text, rng))
}

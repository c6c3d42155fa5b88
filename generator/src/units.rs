//! The official administrative units in force since 1 July 2025, embedded in the binary, and the
//! rules that turn what an editor wrote (`province: 22`, `commune: "quang la"`) into one of them.
//!
//! Resolution is tolerant of case, missing diacritics, spacing and unit words ("Xã", "TP."), but
//! never guesses: a name that fits two units is an error listing both with their codes. The
//! 10,023 communes from before the 2025 reorganisation are kept so that an old name or code
//! gets an answer saying which new commune took it over.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::text;

const UNITS_2025: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/units-2025.json"));
const UNITS_BEFORE_2025: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/units-before-2025.json"
));

/// How many pre-2025 namesakes a hint lists before saying how many more there are.
const MAX_FORMER: usize = 4;

/// Names people use for a province besides its own, as [`text::name_key`]s.
const PROVINCE_ALIASES: &[(&str, u32)] = &[
    ("hcm", 79),
    ("tphcm", 79),
    ("hcmc", 79),
    ("sai gon", 79),
    ("saigon", 79),
    ("hn", 1),
    ("tphn", 1),
    ("thua thien hue", 46),
];

/// A province or centrally governed city.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProvinceUnit {
    pub code: u32,
    /// Official name with its unit word: "Tỉnh Quảng Ninh", "Thành phố Hà Nội".
    pub name: String,
    /// The name without the unit word: "Quảng Ninh".
    pub short_name: String,
    /// "tỉnh" or "thành phố trung ương".
    pub kind: String,
    /// URL segment, unique among provinces: "quang-ninh".
    pub slug: String,
    /// Codes of its communes, in the official order.
    pub communes: Vec<u32>,
}

/// A commune-level unit: xã, phường or đặc khu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommuneUnit {
    pub code: u32,
    /// Official name with its unit word: "Xã Quảng La".
    pub name: String,
    /// The name without the unit word: "Quảng La".
    pub short_name: String,
    /// "xã", "phường" or "đặc khu".
    pub kind: String,
    /// Code of the province it belongs to.
    pub province: u32,
    /// URL segment, unique within the province: "xa-quang-la", or "xa-quang-la-7054" on a clash.
    pub slug: String,
}

impl ProvinceUnit {
    /// The name as it stands inside a sentence, unit word in lower case: "thành phố Hà Nội".
    pub fn in_sentence(&self) -> String {
        in_sentence(&self.name, &self.short_name)
    }
}

impl CommuneUnit {
    /// The name as it stands inside a sentence, unit word in lower case: "phường Hà Tu",
    /// "đặc khu Cô Tô". The proper name keeps its capitals.
    pub fn in_sentence(&self) -> String {
        in_sentence(&self.name, &self.short_name)
    }
}

fn in_sentence(name: &str, short_name: &str) -> String {
    match name.strip_suffix(short_name) {
        Some(unit_word) if !unit_word.is_empty() => {
            format!("{}{short_name}", unit_word.to_lowercase())
        }
        _ => name.to_string(),
    }
}

/// A name that resolved to a unit although its marks differ from the official name's
/// ("Xã Quảng Lá" for Xã Quảng La): accepted, with a warning naming the official spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Respelling {
    /// What the editor wrote.
    pub written: String,
    /// The official name it was taken for.
    pub official: String,
    pub code: u32,
}

impl Respelling {
    /// The warning, in words for the editor.
    pub fn message(&self) -> String {
        format!(
            "\"{}\" khác dấu với tên chính thức; đã hiểu là {} (mã {})",
            self.written, self.official, self.code
        )
    }

    /// What to write instead.
    pub fn hint(&self) -> String {
        format!(
            "viết đúng tên chính thức \"{}\", hoặc ghi mã {}",
            self.official, self.code
        )
    }
}

/// A commune from before 1 July 2025 and the new communes that took it over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OldCommune {
    pub code: u32,
    /// "Xã Dân Chủ".
    pub name: String,
    /// Its district at the time: "Thành phố Hạ Long".
    pub district: String,
    /// Its province at the time, by name: "Tỉnh Quảng Ninh".
    pub province: String,
    /// Split between several new communes rather than taken over whole.
    pub partly: bool,
    /// Codes of the new communes.
    #[serde(rename = "new")]
    pub successors: Vec<u32>,
}

/// A province from before 1 July 2025, for the old-address lookup.
#[derive(Debug, Clone)]
pub struct OldProvince<'a> {
    /// "Tỉnh Quảng Ninh".
    pub name: &'a str,
    /// URL segment, unique among old provinces: "quang-ninh".
    pub slug: String,
    pub districts: Vec<OldDistrict<'a>>,
}

/// A district from before 1 July 2025 and its communes.
#[derive(Debug, Clone)]
pub struct OldDistrict<'a> {
    /// "Thành phố Hạ Long".
    pub name: &'a str,
    pub communes: Vec<&'a OldCommune>,
}

/// How an editor named a unit: by code (`province: 22`) or by name (`province: "Quảng Ninh"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitRef<'a> {
    /// An official code.
    Code(u32),
    /// A name in any usual spelling, or a code written as text ("22").
    Name(&'a str),
}

impl UnitRef<'_> {
    /// A name made only of digits ("22", as YAML scalars arrive) is a code.
    fn normalized(self) -> Self {
        match self {
            UnitRef::Name(s) => s.trim().parse().map_or(self, UnitRef::Code),
            code => code,
        }
    }
}

/// Why a name or code did not resolve to exactly one unit, in words for the editor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// No province has this code since 2025.
    #[error("không có tỉnh/thành phố nào mang mã {0} trong danh mục từ 1/7/2025")]
    UnknownProvinceCode(u32),
    /// No commune has this code since 2025 (it may be a pre-2025 code).
    #[error("không có xã/phường nào mang mã {code} trong danh mục từ 1/7/2025")]
    UnknownCommuneCode {
        code: u32,
        /// The pre-2025 commune that had this code, and what it became.
        formerly: Vec<String>,
    },
    /// The code is a commune of another province than the one searched.
    #[error("mã {code} là {name} thuộc {province_name}, không thuộc {within}")]
    CommuneInOtherProvince {
        code: u32,
        name: String,
        province_name: String,
        within: String,
    },
    /// No unit has this name, in any spelling.
    #[error("{}", not_found_message(query, within.as_deref()))]
    NotFound {
        query: String,
        /// The province searched, for a commune; `None` for a province.
        within: Option<String>,
        /// Close names with codes: "Xã Quảng La (mã 7054)".
        suggestions: Vec<String>,
        /// Pre-2025 units of that name and what took them over.
        formerly: Vec<String>,
    },
    /// Several units fit the name and nothing in it says which; candidates carry their codes.
    #[error("\"{query}\" khớp với nhiều đơn vị: {}", candidates.join(", "))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

fn not_found_message(query: &str, within: Option<&str>) -> String {
    match within {
        Some(province) => format!("không tìm thấy xã/phường \"{query}\" trong {province}"),
        None => format!("không tìm thấy tỉnh/thành phố \"{query}\""),
    }
}

impl ResolveError {
    /// What to write instead, as a line to show under the message.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            ResolveError::UnknownProvinceCode(_) => {
                "ghi mã tỉnh/thành phố theo danh mục từ 1/7/2025 (ví dụ 22 là Tỉnh Quảng Ninh), hoặc ghi tên".into()
            }
            ResolveError::UnknownCommuneCode { formerly, .. } if !formerly.is_empty() => {
                format!("đây là mã trước 1/7/2025: {}", formerly.join("; "))
            }
            ResolveError::UnknownCommuneCode { .. } => {
                "ghi mã xã/phường theo danh mục từ 1/7/2025, hoặc ghi tên xã/phường".into()
            }
            ResolveError::CommuneInOtherProvince { province_name, .. } => {
                format!("kiểm tra lại mã xã/phường, hoặc sửa `province` thành {province_name}")
            }
            ResolveError::NotFound { suggestions, formerly, .. } => not_found_hint(suggestions, formerly),
            ResolveError::Ambiguous { .. } => {
                "ghi tên đầy đủ có dấu, kèm \"Xã\", \"Phường\" hoặc \"Đặc khu\", hoặc ghi mã số ở trên".into()
            }
        })
    }
}

fn not_found_hint(suggestions: &[String], formerly: &[String]) -> String {
    let mut parts = formerly.to_vec();
    match suggestions {
        [] if formerly.is_empty() => parts.push(
            "ghi đúng tên trong danh mục đơn vị hành chính từ 1/7/2025, hoặc ghi mã số".into(),
        ),
        [] => {}
        [one] => parts.push(format!("có phải là {one}?")),
        [init @ .., last] => parts.push(format!("có phải là {} hay {last}?", init.join(", "))),
    }
    parts.join("; ")
}

/// The official units, parsed once from the embedded data.
pub fn official() -> &'static Units {
    static UNITS: OnceLock<Units> = OnceLock::new();
    UNITS.get_or_init(|| {
        Units::from_json(UNITS_2025, UNITS_BEFORE_2025).expect("embedded unit data is valid JSON")
    })
}

/// Provinces and communes since 2025, the communes before, and indexes to find them by code or name.
#[derive(Debug, Default)]
pub struct Units {
    /// Sorted by code.
    provinces: Vec<ProvinceUnit>,
    /// Grouped by province, in the official order within each.
    communes: Vec<CommuneUnit>,
    /// For each province, where its communes are in `communes`.
    ranges: Vec<Range<usize>>,
    commune_at: HashMap<u32, usize>,
    province_names: NameIndex,
    /// For each province, its communes by name.
    commune_names: Vec<NameIndex>,
    old: Vec<OldCommune>,
    old_at: HashMap<u32, usize>,
    old_by_name: HashMap<String, Vec<usize>>,
    /// Pre-2025 province names (as name keys, without "Tỉnh") → (name, codes of new provinces).
    old_provinces: HashMap<String, (String, Vec<u32>)>,
    predecessors: HashMap<u32, Vec<usize>>,
}

#[derive(Deserialize)]
struct RawUnits {
    provinces: Vec<RawProvince>,
}

#[derive(Deserialize)]
struct RawProvince {
    code: u32,
    name: String,
    #[serde(rename = "type")]
    kind: String,
    communes: Vec<RawCommune>,
}

#[derive(Deserialize)]
struct RawCommune {
    code: u32,
    name: String,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct RawBefore {
    old_communes: Vec<OldCommune>,
}

impl Units {
    fn from_json(units: &str, before: &str) -> Result<Units, serde_json::Error> {
        let mut raw: RawUnits = serde_json::from_str(units)?;
        let old: RawBefore = serde_json::from_str(before)?;
        raw.provinces.sort_by_key(|p| p.code);
        let mut all = Units::default();
        for province in raw.provinces {
            all.add_province(province);
        }
        let slugs = unique_slugs(
            all.provinces
                .iter()
                .map(|p| (text::slugify(&p.short_name), p.code)),
        );
        for (province, slug) in all.provinces.iter_mut().zip(slugs) {
            province.slug = slug;
        }
        for &(alias, code) in PROVINCE_ALIASES {
            let at = all
                .provinces
                .iter()
                .position(|p| p.code == code)
                .expect("alias of a real province");
            all.province_names
                .short
                .entry(alias.to_string())
                .or_default()
                .push(at);
        }
        old.old_communes.into_iter().for_each(|o| all.add_old(o));
        all.index_old_provinces();
        Ok(all)
    }

    fn add_province(&mut self, raw: RawProvince) {
        let start = self.communes.len();
        let mut names = NameIndex::default();
        for c in raw.communes {
            let (name, short_name) = official_name(&c.name);
            names.insert(&name, &short_name, self.communes.len());
            self.commune_at.insert(c.code, self.communes.len());
            let kind = text::nfc(&c.kind);
            self.communes.push(CommuneUnit {
                code: c.code,
                name,
                short_name,
                kind,
                province: raw.code,
                slug: String::new(),
            });
        }
        let slugs = unique_slugs(
            self.communes[start..]
                .iter()
                .map(|c| (text::slugify(&c.name), c.code)),
        );
        for (commune, slug) in self.communes[start..].iter_mut().zip(slugs) {
            commune.slug = slug;
        }
        let (name, short_name) = official_name(&raw.name);
        self.province_names
            .insert(&name, &short_name, self.provinces.len());
        let codes = self.communes[start..].iter().map(|c| c.code).collect();
        let kind = text::nfc(&raw.kind);
        self.provinces.push(ProvinceUnit {
            code: raw.code,
            name,
            short_name,
            kind,
            slug: String::new(),
            communes: codes,
        });
        self.ranges.push(start..self.communes.len());
        self.commune_names.push(names);
    }

    fn add_old(&mut self, mut old: OldCommune) {
        for field in [&mut old.name, &mut old.district, &mut old.province] {
            *field = text::classic_tones(&text::nfc(field)).into_owned();
        }
        let at = self.old.len();
        for &code in &old.successors {
            self.predecessors.entry(code).or_default().push(at);
        }
        self.old_at.insert(old.code, at);
        self.old_by_name
            .entry(text::name_key(text::strip_unit_prefix(&old.name)))
            .or_default()
            .push(at);
        self.old.push(old);
    }

    /// Which new provinces took over each old one, found through its communes.
    fn index_old_provinces(&mut self) {
        let mut by_name: HashMap<&str, Vec<u32>> = HashMap::new();
        for old in &self.old {
            let now = by_name.entry(&old.province).or_default();
            for province in old
                .successors
                .iter()
                .filter_map(|&c| self.commune(c))
                .map(|c| c.province)
            {
                if !now.contains(&province) {
                    now.push(province);
                }
            }
        }
        let keyed = by_name.into_iter().map(|(name, now)| {
            (
                text::name_key(text::strip_unit_prefix(name)),
                (name.to_string(), now),
            )
        });
        self.old_provinces = keyed.collect();
    }

    /// All 34 provinces, by code.
    pub fn provinces(&self) -> &[ProvinceUnit] {
        &self.provinces
    }

    /// The province with this code, if there is one since 2025.
    pub fn province(&self, code: u32) -> Option<&ProvinceUnit> {
        self.province_at(code).map(|i| &self.provinces[i])
    }

    fn province_at(&self, code: u32) -> Option<usize> {
        self.provinces.binary_search_by_key(&code, |p| p.code).ok()
    }

    /// The commune with this code, if there is one since 2025.
    pub fn commune(&self, code: u32) -> Option<&CommuneUnit> {
        self.commune_at.get(&code).map(|&i| &self.communes[i])
    }

    /// The communes of a province in the official order; none for an unknown code.
    pub fn communes_of(&self, province: u32) -> impl Iterator<Item = &CommuneUnit> {
        let range = self
            .province_at(province)
            .map_or(0..0, |i| self.ranges[i].clone());
        self.communes[range].iter()
    }

    /// All 3,321 communes, grouped by province in code order.
    pub fn communes(&self) -> &[CommuneUnit] {
        &self.communes
    }

    /// The 10,023 communes from before 1 July 2025, by old code.
    pub fn old_communes(&self) -> &[OldCommune] {
        &self.old
    }

    /// The pre-2025 communes that went, whole or in part, into this commune.
    pub fn predecessors(&self, commune: u32) -> Vec<&OldCommune> {
        self.predecessors
            .get(&commune)
            .into_iter()
            .flatten()
            .map(|&i| &self.old[i])
            .collect()
    }

    /// The pre-2025 commune with this old code, and so the new communes that took it over.
    pub fn old_commune(&self, code: u32) -> Option<&OldCommune> {
        self.old_at.get(&code).map(|&i| &self.old[i])
    }

    /// The 63 provinces from before 1 July 2025, each with its districts and their communes, in
    /// the order of the old official codes (which group communes by district and province).
    pub fn old_provinces(&self) -> Vec<OldProvince<'_>> {
        let mut provinces: Vec<OldProvince<'_>> = Vec::new();
        let mut at: HashMap<&str, usize> = HashMap::new();
        let mut by_code: Vec<&OldCommune> = self.old.iter().collect();
        by_code.sort_by_key(|o| o.code);
        for old in by_code {
            let i = *at.entry(&old.province).or_insert_with(|| {
                provinces.push(OldProvince {
                    name: &old.province,
                    slug: String::new(),
                    districts: Vec::new(),
                });
                provinces.len() - 1
            });
            let districts = &mut provinces[i].districts;
            match districts.iter_mut().find(|d| d.name == old.district) {
                Some(district) => district.communes.push(old),
                None => districts.push(OldDistrict {
                    name: &old.district,
                    communes: vec![old],
                }),
            }
        }
        let slugs = unique_slugs(provinces.iter().map(|p| {
            let code = p.districts[0].communes[0].code;
            (text::slugify(text::strip_unit_prefix(p.name)), code)
        }));
        for (province, slug) in provinces.iter_mut().zip(slugs) {
            province.slug = slug;
        }
        provinces
    }

    /// The province an editor meant: a code, or a name in any usual spelling ("quang ninh",
    /// "Tỉnh Quảng Ninh", "TP HCM", "22").
    pub fn resolve_province(&self, r: UnitRef<'_>) -> Result<&ProvinceUnit, ResolveError> {
        let query = match r.normalized() {
            UnitRef::Code(code) => {
                return self
                    .province(code)
                    .ok_or(ResolveError::UnknownProvinceCode(code))
            }
            UnitRef::Name(name) => text::nfc(name.trim()),
        };
        match self.province_names.find(&self.provinces, &query) {
            Found::One(p) => Ok(p),
            Found::Many(candidates) => Err(ambiguous(query, candidates)),
            Found::Nothing => {
                let formerly = self.former_provinces(&query);
                let suggestions = match formerly.is_empty() {
                    true => self.province_names.close(&self.provinces, &query),
                    false => Vec::new(),
                };
                Err(ResolveError::NotFound {
                    query,
                    within: None,
                    suggestions,
                    formerly,
                })
            }
        }
    }

    /// The commune an editor meant inside a province: a code, or a name in any usual spelling
    /// ("Xã Quảng La", "quang la", "7054").
    pub fn resolve_commune(
        &self,
        province: u32,
        r: UnitRef<'_>,
    ) -> Result<&CommuneUnit, ResolveError> {
        let at = self
            .province_at(province)
            .ok_or(ResolveError::UnknownProvinceCode(province))?;
        let query = match r.normalized() {
            UnitRef::Code(code) => return self.commune_in(&self.provinces[at], code),
            UnitRef::Name(name) => text::nfc(name.trim()),
        };
        match self.commune_names[at].find(&self.communes, &query) {
            Found::One(c) => Ok(c),
            Found::Many(candidates) => Err(ambiguous(query, candidates)),
            Found::Nothing => Err(self.commune_not_found(at, query)),
        }
    }

    /// The official spelling of `unit`, when `written` named it by its letters but with other
    /// marks ("Quảng Lá"). Codes, names without marks ("quang la"), the other tone placement
    /// ("Hoà") and aliases ("TP HCM") are not respellings.
    pub fn respelling(&self, written: &str, unit: &impl ResolvedUnit) -> Option<Respelling> {
        let written = text::nfc(written.trim());
        let (name, short) = (unit.official_name(), unit.official_short_name());
        let bare = text::strip_unit_prefix(&written);
        let same_letters = text::name_key(&written) == text::name_key(name)
            || text::name_key(bare) == text::name_key(short);
        let fits =
            text::accents_compatible(&written, name) || text::accents_compatible(bare, short);
        (same_letters && !fits).then(|| Respelling {
            written,
            official: name.to_string(),
            code: unit.official_code(),
        })
    }

    fn commune_in(&self, province: &ProvinceUnit, code: u32) -> Result<&CommuneUnit, ResolveError> {
        match self.commune(code) {
            Some(c) if c.province == province.code => Ok(c),
            Some(c) => Err(ResolveError::CommuneInOtherProvince {
                code,
                name: c.in_sentence(),
                province_name: self
                    .province(c.province)
                    .map_or_else(String::new, ProvinceUnit::in_sentence),
                within: province.in_sentence(),
            }),
            None => Err(ResolveError::UnknownCommuneCode {
                code,
                formerly: self
                    .old_at
                    .get(&code)
                    .map(|&i| self.former(&self.old[i]))
                    .into_iter()
                    .collect(),
            }),
        }
    }

    /// The pre-2025 communes of that name in the province, or else close names here and the same
    /// name in other provinces.
    fn commune_not_found(&self, at: usize, query: String) -> ResolveError {
        let province = self.provinces[at].code;
        let in_province = |o: &&OldCommune| {
            let now = |&s: &u32| self.commune(s).is_some_and(|c| c.province == province);
            o.successors.iter().any(now)
        };
        let mut formerly: Vec<String> = self
            .old_named(&query)
            .filter(in_province)
            .map(|o| self.former(o))
            .collect();
        if formerly.len() > MAX_FORMER {
            let more = formerly.len() - MAX_FORMER;
            formerly.truncate(MAX_FORMER);
            formerly.push(format!("và {more} đơn vị cũ khác cùng tên"));
        }
        let suggestions = if formerly.is_empty() {
            self.close_communes(at, &query)
        } else {
            Vec::new()
        };
        let within = Some(self.provinces[at].in_sentence());
        ResolveError::NotFound {
            query,
            within,
            suggestions,
            formerly,
        }
    }

    fn close_communes(&self, at: usize, query: &str) -> Vec<String> {
        let mut close = self.commune_names[at].close(&self.communes, query);
        for (other, names) in self
            .commune_names
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != at)
        {
            if let Found::One(c) = names.find(&self.communes, query) {
                close.push(format!(
                    "{} (mã {}, {})",
                    c.name, c.code, self.provinces[other].name
                ));
            }
        }
        close
    }

    /// Pre-2025 communes whose name fits `query`, of the kind it names if it names one.
    fn old_named<'a>(&'a self, query: &str) -> impl Iterator<Item = &'a OldCommune> + 'a {
        let kind = text::split_unit_prefix(query).map(|(kind, _)| kind);
        let keys = [
            text::name_key(text::strip_unit_prefix(query)),
            text::name_key(query),
        ];
        let mut found: Vec<usize> = keys
            .iter()
            .filter_map(|k| self.old_by_name.get(k))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        let of_kind = move |o: &&OldCommune| {
            kind.is_none() || text::split_unit_prefix(&o.name).map(|(k, _)| k) == kind
        };
        found.into_iter().map(|i| &self.old[i]).filter(of_kind)
    }

    /// "xã Dân Chủ (cũ, Thành phố Hạ Long) nay thuộc xã Quảng La (mã 7054)".
    fn former(&self, old: &OldCommune) -> String {
        let name = text::split_unit_prefix(&old.name)
            .map_or(old.name.clone(), |(kind, rest)| format!("{kind} {rest}"));
        let successors: Vec<String> = old
            .successors
            .iter()
            .filter_map(|&c| self.commune(c))
            .map(|c| format!("{} (mã {})", c.in_sentence(), c.code))
            .collect();
        format!(
            "{name} (cũ, {}) nay thuộc {}",
            old.district,
            successors.join(" hoặc ")
        )
    }

    /// "Tỉnh Hà Giang (cũ) nay thuộc tỉnh Tuyên Quang (mã 8)".
    fn former_provinces(&self, query: &str) -> Vec<String> {
        let key = text::name_key(text::strip_unit_prefix(query));
        let Some((name, codes)) = self.old_provinces.get(&key) else {
            return Vec::new();
        };
        let renamed = |p: &&ProvinceUnit| p.name != *name;
        let now: Vec<String> = codes
            .iter()
            .filter_map(|&c| self.province(c))
            .filter(renamed)
            .map(|p| format!("{} (mã {})", p.in_sentence(), p.code))
            .collect();
        if now.is_empty() {
            return Vec::new();
        }
        vec![format!("{name} (cũ) nay thuộc {}", now.join(" hoặc "))]
    }
}

/// The official name with its unit word capitalised (the data has one "xã Bắc Sơn") and its
/// tones placed as in most of the data ("Hòa", not the few "Hoà"), and the name without it.
fn official_name(raw: &str) -> (String, String) {
    let name = text::classic_tones(&text::nfc(raw.trim())).into_owned();
    let mut chars = name.chars();
    let name = chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    });
    let short = text::strip_unit_prefix(&name).to_string();
    (name, short)
}

/// Slugs made unique by appending the code to every slug that is shared or empty, so that
/// no unit's address depends on which of two namesakes was listed first.
fn unique_slugs(slugs: impl Iterator<Item = (String, u32)>) -> Vec<String> {
    let slugs: Vec<(String, u32)> = slugs.collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (slug, _) in &slugs {
        *counts.entry(slug).or_default() += 1;
    }
    slugs
        .iter()
        .map(|(slug, code)| match counts[slug.as_str()] {
            _ if slug.is_empty() => code.to_string(),
            1 => slug.clone(),
            _ => format!("{slug}-{code}"),
        })
        .collect()
}

fn label(unit: &impl Named) -> String {
    format!("{} (mã {})", unit.name(), unit.code())
}

fn ambiguous<U: Named>(query: String, candidates: Vec<&U>) -> ResolveError {
    ResolveError::Ambiguous {
        query,
        candidates: candidates.into_iter().map(label).collect(),
    }
}

/// A province or commune, as [`Units::respelling`] compares it with what an editor wrote.
pub trait ResolvedUnit {
    fn official_name(&self) -> &str;
    fn official_short_name(&self) -> &str;
    fn official_code(&self) -> u32;
}

impl<U: Named> ResolvedUnit for U {
    fn official_name(&self) -> &str {
        self.name()
    }
    fn official_short_name(&self) -> &str {
        self.short_name()
    }
    fn official_code(&self) -> u32 {
        self.code()
    }
}

/// What name resolution needs to know of a unit, for provinces and communes alike.
trait Named {
    fn code(&self) -> u32;
    fn name(&self) -> &str;
    fn short_name(&self) -> &str;
    /// Whether a unit word such as "phường" or "thành phố" (see [`text::split_unit_prefix`]) names this kind.
    fn has_kind(&self, word: &str) -> bool;
}

impl Named for ProvinceUnit {
    fn code(&self) -> u32 {
        self.code
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn short_name(&self) -> &str {
        &self.short_name
    }
    fn has_kind(&self, word: &str) -> bool {
        self.kind.starts_with(word)
    }
}

impl Named for CommuneUnit {
    fn code(&self) -> u32 {
        self.code
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn short_name(&self) -> &str {
        &self.short_name
    }
    fn has_kind(&self, word: &str) -> bool {
        self.kind == word
    }
}

enum Found<'a, U> {
    One(&'a U),
    Many(Vec<&'a U>),
    Nothing,
}

/// Units by the [`text::name_key`] of their full and short names, as positions in a slice.
#[derive(Debug, Default)]
struct NameIndex {
    full: HashMap<String, Vec<usize>>,
    short: HashMap<String, Vec<usize>>,
}

impl NameIndex {
    fn insert(&mut self, name: &str, short_name: &str, at: usize) {
        self.full.entry(text::name_key(name)).or_default().push(at);
        self.short
            .entry(text::name_key(short_name))
            .or_default()
            .push(at);
    }

    /// The full name wins, then the short name; a query with a unit word ("Phường Bình An")
    /// then matches short names of that kind only.
    fn find<'a, U: Named>(&self, units: &'a [U], query: &str) -> Found<'a, U> {
        let key = text::name_key(query);
        if let Some(hits) = self.full.get(&key) {
            return pick(units, hits, query, U::name);
        }
        if let Some(hits) = self.short.get(&key) {
            return pick(units, hits, query, U::short_name);
        }
        let Some((kind, rest)) = text::split_unit_prefix(query) else {
            return Found::Nothing;
        };
        let hits: Vec<usize> = self
            .short
            .get(&text::name_key(rest))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| units[i].has_kind(kind))
            .collect();
        if hits.is_empty() {
            return Found::Nothing;
        }
        pick(units, &hits, rest, U::short_name)
    }

    /// Up to three units whose full or short name is a few typos away from `query`: only the
    /// closest, so that one obvious fix is not drowned among near misses.
    fn close<U: Named>(&self, units: &[U], query: &str) -> Vec<String> {
        let (whole, bare) = (
            text::name_key(query),
            text::name_key(text::strip_unit_prefix(query)),
        );
        let limit = (bare.chars().count() / 4).clamp(1, 3);
        let mut best: HashMap<usize, usize> = HashMap::new();
        let distances = self
            .full
            .iter()
            .map(|(k, hits)| (text::edit_distance(&whole, k), hits));
        for (distance, hits) in distances.chain(
            self.short
                .iter()
                .map(|(k, hits)| (text::edit_distance(&bare, k), hits)),
        ) {
            for &i in hits.iter().filter(|_| distance <= limit) {
                let d = best.entry(i).or_insert(distance);
                *d = (*d).min(distance);
            }
        }
        let mut ranked: Vec<(usize, usize)> = best.into_iter().map(|(i, d)| (d, i)).collect();
        ranked.sort_unstable_by_key(|&(d, i)| (d, units[i].code()));
        let closest = ranked.first().map_or(0, |&(d, _)| d);
        ranked
            .into_iter()
            .take_while(|&(d, _)| d == closest)
            .take(3)
            .map(|(_, i)| label(&units[i]))
            .collect()
    }
}

/// One unit among those whose names fold alike: the one spelt exactly as the query (either
/// tone placement), else the only one whose marks the query fits.
fn pick<'a, U: Named>(
    units: &'a [U],
    hits: &[usize],
    query: &str,
    name: fn(&U) -> &str,
) -> Found<'a, U> {
    let hits: Vec<&U> = hits.iter().map(|&i| &units[i]).collect();
    if let [one] = hits[..] {
        return Found::One(one);
    }
    let key = text::tone_key(query);
    let exact: Vec<&U> = hits
        .iter()
        .copied()
        .filter(|u| text::tone_key(name(u)) == key)
        .collect();
    if let [one] = exact[..] {
        return Found::One(one);
    }
    let fitting: Vec<&U> = hits
        .iter()
        .copied()
        .filter(|u| text::accents_compatible(query, name(u)))
        .collect();
    match fitting[..] {
        [one] => Found::One(one),
        [] => Found::Many(hits),
        _ => Found::Many(fitting),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commune(province: u32, query: &str) -> Result<u32, ResolveError> {
        official()
            .resolve_commune(province, UnitRef::Name(query))
            .map(|c| c.code)
    }

    fn province(query: &str) -> Result<u32, ResolveError> {
        official()
            .resolve_province(UnitRef::Name(query))
            .map(|p| p.code)
    }

    fn hint(result: Result<u32, ResolveError>) -> String {
        result.unwrap_err().hint().unwrap()
    }

    #[test]
    fn counts_match_the_official_lists() {
        let units = official();
        assert_eq!(units.provinces().len(), 34);
        assert_eq!(units.communes().len(), 3321);
        let count = |kind: &str| units.communes().iter().filter(|c| c.kind == kind).count();
        assert_eq!(
            (count("xã"), count("phường"), count("đặc khu")),
            (2621, 687, 13)
        );
        assert_eq!(units.old_communes().len(), 10_023);
        let listed: usize = units.provinces().iter().map(|p| p.communes.len()).sum();
        assert_eq!(listed, 3321);
        assert!(units.provinces().windows(2).all(|w| w[0].code < w[1].code));
    }

    #[test]
    fn names_are_split_into_kind_and_short_name() {
        let units = official();
        let p = units.province(22).unwrap();
        assert_eq!(
            (p.name.as_str(), p.short_name.as_str()),
            ("Tỉnh Quảng Ninh", "Quảng Ninh")
        );
        assert_eq!((p.kind.as_str(), p.slug.as_str()), ("tỉnh", "quang-ninh"));
        assert_eq!(units.province(79).unwrap().slug, "ho-chi-minh");
        let c = units.commune(7054).unwrap();
        assert_eq!((c.short_name.as_str(), c.kind.as_str()), ("Quảng La", "xã"));
        assert_eq!((c.slug.as_str(), c.province), ("xa-quang-la", 22));
        assert_eq!(
            units.commune(6325).unwrap().name,
            "Xã Bắc Sơn",
            "unit word capitalised"
        );
        for c in units.communes() {
            let unit_word = &c.name[..c.name.len() - c.short_name.len()];
            assert_eq!(
                text::fold(unit_word.trim()),
                text::fold(&c.kind),
                "{}",
                c.name
            );
            assert_eq!(text::nfc(&c.name), c.name);
        }
    }

    #[test]
    fn slugs_are_unique_and_clear_of_the_generators_own_paths() {
        let units = official();
        let reserved = |slug: &str| crate::urls::RESERVED.contains(&slug);
        let mut provinces: Vec<&str> = units.provinces().iter().map(|p| p.slug.as_str()).collect();
        provinces.sort_unstable();
        provinces.dedup();
        assert_eq!(provinces.len(), 34);
        assert!(!provinces.iter().any(|s| reserved(s)));
        for p in units.provinces() {
            let mut slugs: Vec<&str> = units.communes_of(p.code).map(|c| c.slug.as_str()).collect();
            assert!(
                slugs.iter().all(|s| !s.is_empty() && !reserved(s)),
                "{}",
                p.name
            );
            slugs.sort_unstable();
            slugs.dedup();
            assert_eq!(slugs.len(), p.communes.len(), "{}", p.name);
        }
    }

    #[test]
    fn communes_resolve_by_code_name_and_folded_short_name() {
        let cases = [
            (7054, 22, "Xã Quảng La", "quang la"),
            (715, 8, "Xã Lũng Cú", "lung cu"),
            (31673, 92, "Xã Trần Đề", "tran de"),
            (20965, 48, "Xã Núi Thành", "nui thanh"),
            (14812, 38, "Phường Bỉm Sơn", "bim son"),
        ];
        for (code, p, name, folded) in cases {
            let unit = official().resolve_commune(p, UnitRef::Code(code)).unwrap();
            assert_eq!((unit.name.as_str(), unit.province), (name, p));
            let shouted = format!("  {}  ", name.to_uppercase());
            for query in [&code.to_string(), name, folded, &shouted] {
                assert_eq!(commune(p, query), Ok(code), "{query}");
            }
        }
    }

    #[test]
    fn communes_resolve_despite_spacing_apostrophes_and_tone_placement() {
        assert_eq!(commune(22, "xa  Quang La"), Ok(7054));
        assert_eq!(commune(22, "X. Quảng La"), Ok(7054));
        assert_eq!(commune(22, "dac khu co to"), commune(22, "Đặc khu Cô Tô"));
        assert_eq!(commune(66, "ea h'leo"), Ok(24184));
        assert_eq!(commune(66, "Cư Mgar"), Ok(24280));
        assert_eq!(commune(66, "Phú Hoà 1"), Ok(22319));
        assert_eq!(commune(1, "Văn Miếu-Quốc Tử Giám"), Ok(226));
    }

    #[test]
    fn every_commune_resolves_by_its_full_and_short_name() {
        for c in official().communes() {
            assert_eq!(commune(c.province, &c.name), Ok(c.code), "{}", c.name);
            assert_eq!(
                commune(c.province, &c.short_name),
                Ok(c.code),
                "{}",
                c.short_name
            );
        }
    }

    #[test]
    fn provinces_resolve_by_code_name_and_alias() {
        for (query, code) in [
            ("quang ninh", 22),
            ("Tỉnh Quảng Ninh", 22),
            ("22", 22),
            (" tinh quang ninh ", 22),
            ("TP HCM", 79),
            ("TP.HCM", 79),
            ("tphcm", 79),
            ("HCM", 79),
            ("Sài Gòn", 79),
            ("Thành phố Hồ Chí Minh", 79),
            ("Hà Nội", 1),
            ("HN", 1),
            ("Huế", 46),
            ("Thừa Thiên Huế", 46),
            ("Khánh Hoà", 56),
        ] {
            assert_eq!(province(query), Ok(code), "{query}");
        }
        for p in official().provinces() {
            let folded = text::fold(&p.short_name);
            for query in [&p.name, &p.short_name, &folded, &p.code.to_string()] {
                assert_eq!(province(query), Ok(p.code), "{query}");
            }
        }
    }

    #[test]
    fn a_name_of_a_xa_and_a_phuong_is_ambiguous_unless_marks_or_kind_decide() {
        let err = commune(38, "dong tien").unwrap_err();
        let candidates = ["Xã Đồng Tiến (mã 15724)", "Phường Đông Tiến (mã 15853)"];
        let candidates = candidates.map(String::from).to_vec();
        assert_eq!(
            err,
            ResolveError::Ambiguous {
                query: "dong tien".into(),
                candidates
            }
        );
        let message = "\"dong tien\" khớp với nhiều đơn vị: Xã Đồng Tiến (mã 15724), Phường Đông \
                       Tiến (mã 15853)";
        assert_eq!(err.to_string(), message);
        assert!(err.hint().is_some());
        assert_eq!(commune(38, "Đồng Tiến"), Ok(15724));
        assert_eq!(commune(38, "Đông Tiến"), Ok(15853));
        assert_eq!(
            commune(38, "Đồng Tien"),
            Ok(15724),
            "the marks given fit only one"
        );
        assert_eq!(commune(38, "Phường Dong Tien"), Ok(15853));
        assert_eq!(commune(38, "xa dong tien"), Ok(15724));
        assert!(matches!(
            commune(82, "my tho"),
            Err(ResolveError::Ambiguous { .. })
        ));
        assert!(matches!(
            commune(19, "Van Lang"),
            Err(ResolveError::Ambiguous { .. })
        ));
        assert_eq!(commune(19, "Văn Lăng"), Ok(5665));
    }

    #[test]
    fn an_old_commune_name_or_code_points_to_its_successor() {
        let err = commune(22, "Dân Chủ").unwrap_err();
        let message = "không tìm thấy xã/phường \"Dân Chủ\" trong tỉnh Quảng Ninh";
        assert_eq!(err.to_string(), message);
        let successor = "xã Dân Chủ (cũ, Thành phố Hạ Long) nay thuộc xã Quảng La (mã 7054)";
        assert_eq!(
            err.hint().unwrap(),
            successor,
            "namesakes elsewhere are left out"
        );
        let old_code = official().resolve_commune(22, UnitRef::Code(7051));
        assert_eq!(
            old_code.unwrap_err().hint().unwrap(),
            format!("đây là mã trước 1/7/2025: {successor}")
        );
        let town = "thị trấn Tiên Yên (cũ, Huyện Tiên Yên) nay thuộc xã Tiên Yên (mã 6862)";
        assert_eq!(hint(commune(22, "Thị trấn Tiên Yên")), town);
        assert!(hint(commune(79, "Phường 1")).ends_with("; và 6 đơn vị cũ khác cùng tên"));
        assert!(
            !hint(commune(79, "Quận 1")).contains("phường 1"),
            "the kind given is kept"
        );
    }

    #[test]
    fn an_old_province_name_points_to_its_successor() {
        let merged = "Tỉnh Hà Giang (cũ) nay thuộc tỉnh Tuyên Quang (mã 8)";
        assert_eq!(hint(province("Tỉnh Hà Giang")), merged);
        let hoa_binh = "Tỉnh Hòa Bình (cũ) nay thuộc tỉnh Phú Thọ (mã 25)";
        assert_eq!(hint(province("Hòa Bình")), hoa_binh);
        let wrong_kind = "có phải là Thành phố Hồ Chí Minh (mã 79)?";
        assert_eq!(hint(province("Tỉnh Hồ Chí Minh")), wrong_kind);
    }

    #[test]
    fn a_typo_gets_close_names_with_codes() {
        let err = commune(22, "Quang Laa").unwrap_err();
        let message = "không tìm thấy xã/phường \"Quang Laa\" trong tỉnh Quảng Ninh";
        assert_eq!(err.to_string(), message);
        assert_eq!(err.hint().unwrap(), "có phải là Xã Quảng La (mã 7054)?");
        assert_eq!(
            hint(commune(22, "Phường Quảng La")),
            "có phải là Xã Quảng La (mã 7054)?"
        );
        let elsewhere = "có phải là Xã Lũng Cú (mã 715, Tỉnh Tuyên Quang)?";
        assert_eq!(hint(commune(22, "Lũng Cú")), elsewhere);
        let err = province("Quảng Nin").unwrap_err();
        assert_eq!(
            err.to_string(),
            "không tìm thấy tỉnh/thành phố \"Quảng Nin\""
        );
        assert_eq!(err.hint().unwrap(), "có phải là Tỉnh Quảng Ninh (mã 22)?");
        assert!(hint(commune(22, "xyz")).contains("danh mục đơn vị hành chính từ 1/7/2025"));
    }

    #[test]
    fn codes_are_checked_against_the_province() {
        let units = official();
        let err = units.resolve_commune(22, UnitRef::Code(715)).unwrap_err();
        let message = "mã 715 là xã Lũng Cú thuộc tỉnh Tuyên Quang, không thuộc tỉnh Quảng Ninh";
        assert_eq!(err.to_string(), message);
        let unknown_province = ResolveError::UnknownProvinceCode(2);
        assert_eq!(
            units.resolve_province(UnitRef::Code(2)),
            Err(unknown_province.clone())
        );
        assert_eq!(
            units.resolve_commune(2, UnitRef::Code(7054)),
            Err(unknown_province)
        );
        let unknown = ResolveError::UnknownCommuneCode {
            code: 99999,
            formerly: vec![],
        };
        assert_eq!(
            units.resolve_commune(22, UnitRef::Name("99999")),
            Err(unknown)
        );
        assert!(units.communes_of(2).next().is_none());
    }

    #[test]
    fn predecessors_are_indexed_by_new_commune() {
        let units = official();
        let names: Vec<&str> = units
            .predecessors(7054)
            .iter()
            .map(|o| o.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["Xã Tân Dân", "Xã Dân Chủ", "Xã Quảng La", "Xã Bằng Cả"]
        );
        assert!(units.predecessors(7054).iter().any(|o| o.code == 7051));
        let indexed: usize = units
            .communes()
            .iter()
            .map(|c| units.predecessors(c.code).len())
            .sum();
        let links: usize = units
            .old_communes()
            .iter()
            .map(|o| o.successors.len())
            .sum();
        assert_eq!(indexed, links);
    }

    #[test]
    fn old_provinces_group_every_old_commune_by_district() {
        let units = official();
        let old = units.old_provinces();
        assert_eq!(old.len(), 63);
        let communes: usize = old
            .iter()
            .flat_map(|p| &p.districts)
            .map(|d| d.communes.len())
            .sum();
        assert_eq!(communes, units.old_communes().len());
        let quang_ninh = old.iter().find(|p| p.slug == "quang-ninh").unwrap();
        assert_eq!(quang_ninh.name, "Tỉnh Quảng Ninh");
        let ha_long = quang_ninh
            .districts
            .iter()
            .find(|d| d.name == "Thành phố Hạ Long")
            .unwrap();
        let dan_chu = ha_long
            .communes
            .iter()
            .find(|o| o.name == "Xã Dân Chủ")
            .unwrap();
        assert_eq!(dan_chu.successors, [7054]);
        let mut slugs: Vec<_> = old.iter().map(|p| p.slug.as_str()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), 63, "old province slugs are unique");
        assert_eq!(old[0].name, "Thành phố Hà Nội", "ordered by old code");
    }

    #[test]
    fn an_old_code_finds_its_successors() {
        let units = official();
        let split = units
            .old_communes()
            .iter()
            .find(|o| o.successors.len() > 1)
            .unwrap();
        assert_eq!(
            units.old_commune(split.code).unwrap().successors,
            split.successors
        );
        assert!(units.old_commune(999_999).is_none());
    }

    #[test]
    fn messages_and_hints_are_nfc() {
        let errors = [
            commune(22, "Dân Chủ"),
            commune(38, "dong tien"),
            province("Quảng Nin"),
        ];
        for err in errors.map(Result::unwrap_err) {
            for line in [err.to_string(), err.hint().unwrap()] {
                assert_eq!(text::nfc(&line), line);
            }
        }
    }

    #[test]
    fn names_have_one_tone_placement() {
        let units = official();
        assert_eq!(units.commune(22319).unwrap().name, "Xã Phú Hòa 1");
        let new_style = ["oà", "oá", "oả", "oã", "oạ", "oè", "oé", "oẻ", "oẽ", "oẹ"];
        let open_uy = ["uỳ", "uý", "uỷ", "uỹ", "uỵ"];
        let respelt = |name: &str| {
            name.split(|c: char| !c.is_alphabetic()).any(|word| {
                let lower = word.to_lowercase();
                new_style.iter().any(|e| lower.ends_with(e))
                    || open_uy
                        .iter()
                        .any(|e| lower.ends_with(e) && !lower.ends_with(&format!("q{e}")))
            })
        };
        for c in units.communes() {
            assert!(!respelt(&c.name), "{}", c.name);
        }
        for o in units.old_communes() {
            for name in [&o.name, &o.district, &o.province] {
                assert!(!respelt(name), "{name}");
            }
        }
        assert!(
            respelt("Xã Phú Hoà"),
            "the check itself finds the other placement"
        );
    }

    #[test]
    fn names_inside_sentences_lower_only_the_unit_word() {
        let units = official();
        assert_eq!(units.commune(7054).unwrap().in_sentence(), "xã Quảng La");
        assert_eq!(units.province(1).unwrap().in_sentence(), "thành phố Hà Nội");
        assert_eq!(units.province(22).unwrap().in_sentence(), "tỉnh Quảng Ninh");
        let co_to = units
            .communes()
            .iter()
            .find(|c| c.short_name == "Cô Tô")
            .unwrap();
        assert_eq!(co_to.in_sentence(), "đặc khu Cô Tô");
        let ha_tu = units
            .communes()
            .iter()
            .find(|c| c.short_name == "Hà Tu")
            .unwrap();
        assert_eq!(ha_tu.in_sentence(), "phường Hà Tu");
    }

    #[test]
    fn a_name_with_other_marks_resolves_with_its_official_spelling() {
        let units = official();
        let quang_la = units.commune(7054).unwrap();
        assert_eq!(commune(22, "Xã Quảng Lá"), Ok(7054));
        let respelt = units.respelling("Xã Quảng Lá", quang_la).unwrap();
        assert_eq!(
            respelt.message(),
            "\"Xã Quảng Lá\" khác dấu với tên chính thức; đã hiểu là Xã Quảng La (mã 7054)"
        );
        assert_eq!(
            respelt.hint(),
            "viết đúng tên chính thức \"Xã Quảng La\", hoặc ghi mã 7054"
        );
        assert!(units.respelling("Quảng Lá", quang_la).is_some());
        for fine in [
            "Xã Quảng La",
            "quang la",
            "Quảng La",
            "XÃ QUẢNG LA",
            "Quang La",
            "7054",
        ] {
            assert_eq!(units.respelling(fine, quang_la), None, "{fine}");
        }
        let ninh = units.province(22).unwrap();
        assert!(units.respelling("Quàng Ninh", ninh).is_some());
        let hcm = units.province(79).unwrap();
        assert_eq!(
            units.respelling("TP HCM", hcm),
            None,
            "an alias is not a respelling"
        );
        let hoa = units.commune(22319).unwrap();
        assert_eq!(units.respelling("Phú Hoà 1", hoa), None, "tone placement");
    }
}

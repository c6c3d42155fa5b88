//! A commune file (`teams/<province>/<commune>.yaml`): which commune, and its hamlet teams.

use std::collections::HashMap;

use marked_yaml::types::MarkedMappingNode;
use marked_yaml::Node;

use crate::config::Config;
use crate::date::Date;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Location};
use crate::limits;
use crate::load::yaml::{self, Reader, Spanned};
use crate::load::SourceFile;
use crate::model::alias::read_aliases;
use crate::model::consent::{self, MemberAudit, CONSENT_KEYS};
use crate::model::{Directory, Member, Team};
use crate::phone::Phone;
use crate::text;
use crate::units::{self, CommuneUnit, UnitRef};
use crate::urls;

const FILE_KEYS: &[&str] = &["province", "commune", "updated", "teams"];
const TEAM_KEYS: &[&str] = &[
    "hamlet", "kind", "id", "meeting", "location", "members", "former", "aliases",
];
const MEMBER_KEYS: &[&str] = &[
    "name",
    "role",
    "phone",
    "zalo",
    "public",
    "consent",
    "withdrawn",
    "note",
];

/// The kinds of hamlet and residential group a team can serve.
pub const HAMLET_KINDS: &[&str] = &[
    "thôn",
    "tổ dân phố",
    "khu phố",
    "khu dân cư",
    "ấp",
    "khóm",
    "bản",
    "buôn",
    "làng",
    "sóc",
    "xóm",
    "tổ",
];

/// A parsed commune file, before the site checks it against the other files.
#[derive(Debug, Clone)]
pub struct CommuneFile {
    pub commune: &'static CommuneUnit,
    /// Where `commune:` was written, to point at when a second file claims the same commune.
    pub commune_location: Location,
    pub directory: Directory,
    /// What the file says that was understood but is worth a look (a name spelt with other
    /// marks than the official one).
    pub warnings: Vec<Diagnostic>,
}

/// Reads one commune file, reporting every problem in it.
pub fn parse_commune_file(
    source: &SourceFile,
    config: &Config,
) -> Result<CommuneFile, Diagnostics> {
    audit_commune_file(source, config).map(|(file, _)| file)
}

/// Reads one commune file like [`parse_commune_file`], and also tells each member's consent and
/// what of the member is published, for `ngo check --privacy` (names and numbers stay out).
pub fn audit_commune_file(
    source: &SourceFile,
    config: &Config,
) -> Result<(CommuneFile, Vec<MemberAudit>), Diagnostics> {
    let node = yaml::parse_mapping(&source.text, &source.path, 1)
        .map_err(|d| Diagnostics::from_iter([d]))?;
    let map = node.as_mapping().expect("parse_mapping returns a mapping");
    let mut r = Reader::new(&source.path, 1);
    r.check_keys(map, FILE_KEYS);
    let commune = read_commune(&mut r, map, config);
    let updated = r.date(map, "updated").map(|d| d.value);
    let folder = commune.as_ref().map(|(c, _)| commune_folder(c));
    let mut rules = Rules::new(config);
    let teams = read_teams(&mut r, map, &mut rules, folder.as_deref());
    let diagnostics = r.into_diagnostics();
    match commune {
        Some((commune, commune_location)) if !diagnostics.has_errors() => Ok((
            CommuneFile {
                commune,
                commune_location,
                directory: Directory {
                    source: source.path.clone(),
                    updated,
                    teams,
                },
                warnings: diagnostics.into_iter().collect(),
            },
            rules.audits,
        )),
        _ => Err(diagnostics),
    }
}

/// What reading members needs besides the YAML: the site's policy, today (a consent cannot be
/// dated ahead), and the consent of each member read so far, for the privacy report.
struct Rules<'a> {
    config: &'a Config,
    today: Date,
    audits: Vec<MemberAudit>,
}

impl<'a> Rules<'a> {
    fn new(config: &'a Config) -> Self {
        Rules {
            config,
            today: Date::today(),
            audits: Vec::new(),
        }
    }
}

/// The keys a commune file may hold at each level, in the order files are written: the one list
/// the loader checks and the importer reads and writes by (`import::doc`), so a key the loader
/// learns is never dropped by an import.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    pub file: &'static [&'static str],
    pub team: &'static [&'static str],
    pub member: &'static [&'static str],
    pub consent: &'static [&'static str],
}

pub const SCHEMA: Schema = Schema {
    file: FILE_KEYS,
    team: TEAM_KEYS,
    member: MEMBER_KEYS,
    consent: CONSENT_KEYS,
};

fn read_commune(
    r: &mut Reader,
    map: &MarkedMappingNode,
    config: &Config,
) -> Option<(&'static CommuneUnit, Location)> {
    let province = limits::required_text(r, map, "province", map.span());
    let commune = limits::required_text(r, map, "commune", map.span());
    let units = units::official();
    let province =
        province.and_then(|p| match units.resolve_province(UnitRef::Name(&p.value)) {
            Ok(unit) => {
                warn_respelling(r, &p, unit);
                Some((unit, p.location))
            }
            Err(err) => {
                push_resolve_error(r, p.location, &err);
                None
            }
        })?;
    if !config.covers(province.0.code) {
        r.diagnostics.push(
            Diagnostic::new(
                province.1,
                format!("{} không thuộc phạm vi của trang này", province.0.name),
            )
            .with_hint("thêm tỉnh vào `scope.provinces` trong site.yaml, hoặc bỏ tệp này"),
        );
        return None;
    }
    let commune = commune?;
    match units.resolve_commune(province.0.code, UnitRef::Name(&commune.value)) {
        Ok(unit) => {
            warn_respelling(r, &commune, unit);
            Some((unit, commune.location))
        }
        Err(err) => {
            push_resolve_error(r, commune.location, &err);
            None
        }
    }
}

/// A name accepted with other marks than the official one ("Xã Quảng Lá") is worth a warning.
fn warn_respelling(r: &mut Reader, written: &Spanned<String>, unit: &impl units::ResolvedUnit) {
    if let Some(respelt) = units::official().respelling(&written.value, unit) {
        r.diagnostics.push(
            Diagnostic::warning(written.location.clone(), respelt.message())
                .with_hint(respelt.hint()),
        );
    }
}

fn push_resolve_error(r: &mut Reader, location: Location, err: &units::ResolveError) {
    let mut d = Diagnostic::new(location, err.to_string());
    d.hint = err.hint();
    r.diagnostics.push(d);
}

fn read_teams(
    r: &mut Reader,
    map: &MarkedMappingNode,
    rules: &mut Rules,
    folder: Option<&str>,
) -> Vec<Team> {
    let Some(items) = r.sequence(map, "teams") else {
        if map.get_node("teams").is_none() {
            r.error(map.span(), "thiếu `teams` (danh sách các tổ)");
        }
        return Vec::new();
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut teams = Vec::with_capacity(items.len());
    for item in items.iter() {
        let Some(team_map) = r.as_mapping(item, "mỗi tổ") else {
            continue;
        };
        let first_member = rules.audits.len();
        let Some((mut team, id_location)) = read_team(r, team_map, rules) else {
            continue;
        };
        for audit in &mut rules.audits[first_member..] {
            audit.hamlet = team.hamlet.clone();
        }
        read_renames(r, team_map, rules.config, folder, &mut team);
        if let Some(first_line) = seen.get(&team.id) {
            r.diagnostics.push(
                Diagnostic::new(
                    id_location,
                    format!("hai tổ cùng mã `{}` trong một xã", team.id),
                )
                .with_hint(format!(
                    "tổ đầu tiên ở dòng {first_line}; đặt `id` khác cho một trong hai tổ"
                )),
            );
            continue;
        }
        seen.insert(team.id.clone(), id_location.line);
        teams.push(team);
    }
    teams
}

fn read_team(
    r: &mut Reader,
    map: &MarkedMappingNode,
    rules: &mut Rules,
) -> Option<(Team, Location)> {
    r.check_keys(map, TEAM_KEYS);
    let hamlet = limits::required_text(r, map, "hamlet", map.span());
    let kind = read_kind(r, map, hamlet.as_ref());
    let id = read_id(r, map, hamlet.as_ref());
    let meeting = limits::text(r, map, "meeting").map(|s| s.value);
    let location = read_location(r, map);
    let members = read_members(r, map, rules);
    let leader = members.iter().position(|m| {
        m.role
            .as_deref()
            .is_some_and(|role| text::fold(role).starts_with("to truong"))
    });
    let hamlet = hamlet?;
    let (id, id_location) = id?;
    let team = Team {
        id,
        hamlet: hamlet.value,
        kind: kind?,
        meeting,
        location,
        members,
        leader,
        former: Vec::new(),
        aliases: Vec::new(),
    };
    Some((team, id_location))
}

/// The commune's folder of team addresses (`quang-ninh/xa-quang-la/`), for team aliases
/// written without a leading `/`.
fn commune_folder(commune: &CommuneUnit) -> String {
    units::official()
        .province(commune.province)
        .map(|p| urls::commune(p, commune))
        .unwrap_or_default()
}

/// `former` (the hamlet's names before a merger or renaming) and `aliases` (the team page's
/// old addresses). Without a known commune (already reported) relative aliases are checked only.
fn read_renames(
    r: &mut Reader,
    map: &MarkedMappingNode,
    config: &Config,
    folder: Option<&str>,
    team: &mut Team,
) {
    team.former = r
        .string_list(map, "former")
        .into_iter()
        .map(|name| name.value)
        .filter(|name| name != &team.hamlet)
        .collect();
    team.aliases = read_aliases(r, map, folder.unwrap_or(""), &config.base_url);
}

/// The hamlet kind, accepted without diacritics, or guessed from the hamlet's name when absent.
fn read_kind(
    r: &mut Reader,
    map: &MarkedMappingNode,
    hamlet: Option<&Spanned<String>>,
) -> Option<String> {
    let folded_kinds: Vec<String> = HAMLET_KINDS.iter().map(|k| text::fold(k)).collect();
    let canonical = |folded: &str| {
        folded_kinds
            .iter()
            .position(|k| k == folded)
            .map(|i| HAMLET_KINDS[i].to_string())
    };
    if let Some(kind) = limits::text(r, map, "kind") {
        let found = canonical(&text::fold(&kind.value));
        if found.is_none() {
            let hint = match did_you_mean(
                &text::fold(&kind.value),
                &folded_kinds.iter().map(String::as_str).collect::<Vec<_>>(),
            ) {
                Some(close) => format!(
                    "có phải ý bạn là `{}`?",
                    canonical(close).unwrap_or_default()
                ),
                None => format!("dùng một trong: {}", HAMLET_KINDS.join(", ")),
            };
            r.diagnostics.push(
                Diagnostic::new(
                    kind.location,
                    format!("loại thôn/tổ không hợp lệ: \"{}\"", kind.value),
                )
                .with_hint(hint),
            );
        }
        return found;
    }
    let hamlet = hamlet?;
    let folded = text::fold(&hamlet.value);
    let guessed = folded_kinds
        .iter()
        .enumerate()
        .filter(|(_, k)| folded.starts_with(&format!("{k} ")))
        .max_by_key(|(_, k)| k.len())
        .map(|(i, _)| HAMLET_KINDS[i].to_string());
    if guessed.is_none() {
        r.diagnostics.push(
            Diagnostic::new(hamlet.location.clone(), "thiếu `kind` (loại thôn/tổ)").with_hint(
                format!("thêm `kind:` với một trong: {}", HAMLET_KINDS.join(", ")),
            ),
        );
    }
    guessed
}

fn read_id(
    r: &mut Reader,
    map: &MarkedMappingNode,
    hamlet: Option<&Spanned<String>>,
) -> Option<(String, Location)> {
    match limits::text(r, map, "id") {
        Some(id) => {
            let slug = text::slugify(&id.value);
            if slug != id.value || slug.is_empty() {
                r.diagnostics.push(
                    Diagnostic::new(
                        id.location.clone(),
                        format!("mã tổ `{}` không hợp lệ", id.value),
                    )
                    .with_hint(format!(
                        "mã tổ chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ `{}`",
                        if slug.is_empty() { "khe-cat" } else { &slug }
                    )),
                );
                return None;
            }
            Some((id.value, id.location))
        }
        None => {
            let hamlet = hamlet?;
            let slug = text::slugify(&hamlet.value);
            if slug.is_empty() {
                r.diagnostics.push(
                    Diagnostic::new(
                        hamlet.location.clone(),
                        "tên thôn/tổ không tạo được địa chỉ trang",
                    )
                    .with_hint("thêm `id:` gồm chữ thường không dấu, ví dụ `khe-cat`"),
                );
                return None;
            }
            Some((slug, hamlet.location.clone()))
        }
    }
}

/// `[lat, lon]` inside Vietnam's territory, islands included; a swapped pair is the usual mistake.
fn read_location(r: &mut Reader, map: &MarkedMappingNode) -> Option<(f64, f64)> {
    let node = map.get_node("location")?;
    let numbers: Option<Vec<f64>> = node.as_sequence().map(|seq| {
        seq.iter()
            .filter_map(|n| n.as_scalar()?.as_str().trim().parse::<f64>().ok())
            .collect()
    });
    let Some([lat, lon]) = numbers.as_deref() else {
        r.error_with_hint(
            node.span(),
            "`location` phải là [vĩ độ, kinh độ]",
            "ví dụ: location: [21.0123, 107.1234]",
        );
        return None;
    };
    let inside = |lat: f64, lon: f64| (6.0..=24.0).contains(&lat) && (102.0..=118.0).contains(&lon);
    if !inside(*lat, *lon) {
        let hint = if inside(*lon, *lat) {
            "có vẻ vĩ độ và kinh độ bị đảo chỗ: viết vĩ độ (khoảng 8–23) trước, kinh độ (khoảng 102–117) sau"
        } else {
            "vị trí nằm ngoài Việt Nam; hãy lấy lại tọa độ trên bản đồ"
        };
        r.error_with_hint(
            node.span(),
            format!("tọa độ [{lat}, {lon}] không hợp lệ"),
            hint,
        );
        return None;
    }
    Some((*lat, *lon))
}

fn read_members(r: &mut Reader, map: &MarkedMappingNode, rules: &mut Rules) -> Vec<Member> {
    let Some(items) = r.sequence(map, "members") else {
        if map.get_node("members").is_none() {
            r.error_with_hint(
                map.span(),
                "thiếu `members` (danh sách thành viên)",
                "mỗi tổ cần ít nhất một thành viên",
            );
        }
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match item {
            Node::Mapping(m) => read_member(r, m, rules),
            other => {
                r.error(
                    other.span(),
                    "mỗi thành viên phải gồm các dòng `name:`, `role:`, `phone:`…",
                );
                None
            }
        })
        .collect()
}

/// A member as the portal shows it, holding only what consent allows; `None` for a member
/// whose consent is withdrawn (and for one with problems, which are reported).
fn read_member(r: &mut Reader, map: &MarkedMappingNode, rules: &mut Rules) -> Option<Member> {
    r.check_keys(map, MEMBER_KEYS);
    let name = limits::required_text(r, map, "name", map.span());
    let role = limits::text(r, map, "role").map(|s| s.value);
    let phone = read_phone(r, map);
    let zalo = r.bool(map, "zalo").is_some_and(|b| b.value);
    let consent = consent::read(r, map, rules.config, rules.today);
    // The editor's own note (from the sheet's "Ghi chú" column): checked, never published.
    let _note = limits::text(r, map, "note");
    let (name, consent) = (name?.value, consent?);
    let allowed = consent.allows(rules.config);
    // A block mapping's own span starts at its first colon; its first key is where people look.
    let start = map.keys().next().map_or(map.span(), |k| k.span());
    rules.audits.push(MemberAudit {
        location: r.location(start),
        hamlet: String::new(),
        role: role.clone(),
        has_phone: phone.is_some(),
        consent,
        allowed,
    });
    allowed.listed.then(|| Member {
        name: allowed.name.then_some(name),
        role,
        zalo: zalo && allowed.zalo && phone.is_some(),
        phone: phone.filter(|_| allowed.phone),
    })
}

fn read_phone(r: &mut Reader, map: &MarkedMappingNode) -> Option<Phone> {
    let p = limits::text(r, map, "phone")?;
    match Phone::parse(&p.value) {
        Ok(phone) => Some(phone),
        Err(err) => {
            r.diagnostics.push(
                Diagnostic::new(
                    p.location,
                    format!("số điện thoại không hợp lệ \"{}\": {err}", p.value),
                )
                .with_hint("viết số Việt Nam 10 chữ số như 0912 345 678, hoặc +84 912 345 678"),
            );
            None
        }
    }
}

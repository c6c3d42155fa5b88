//! One commune's directory: its hamlet teams and their members, drawn from the commune's own
//! random stream so that communes can be generated in any order, on any number of threads.

use crate::hamlets::{Hamlet, HamletNamer, Kind};
use crate::names::person;
use crate::phone::{spell, NumberPlan};
use crate::rng::Rng;
use crate::units::{island_position, Commune, CommuneKind, Province};

/// Team sizes: most teams have the minimum of four, a few grow to ten (national mean ≈ 4.9).
const TEAM_SIZES: [(usize, f64); 7] = [
    (4, 52.0),
    (5, 26.0),
    (6, 11.0),
    (7, 5.0),
    (8, 3.0),
    (9, 2.0),
    (10, 1.0),
];
/// The largest team: phone numbers are indexed `team × MAX_MEMBERS + position`.
pub const MAX_MEMBERS: u64 = 10;

const OTHER_ROLES: [(&str, f64); 6] = [
    ("Đoàn viên thanh niên", 0.25),
    ("Thành viên", 0.25),
    ("Công an khu vực", 0.18),
    ("Hội Phụ nữ", 0.15),
    ("Nhân viên Viettel", 0.10),
    ("Nhân viên VNPT", 0.07),
];

const MEETING_TIMES: [&str; 7] = [
    "19:30 tối thứ Bảy",
    "20:00 tối thứ Sáu hàng tuần",
    "8:00 sáng Chủ nhật",
    "14:00 chiều thứ Năm",
    "sáng Chủ nhật đầu tháng",
    "19:00 tối thứ Tư, tuần thứ hai và thứ tư",
    "7:30 sáng thứ Bảy cuối tháng",
];

#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub role: String,
    /// The number as the editor typed it.
    pub phone: String,
    /// The same number in national form (`0912345678`), for the privacy list.
    pub national: String,
    pub zalo: bool,
    /// `Some(false)` when the editor wrote `public: false` out, `None` when the key is absent.
    pub public: Option<bool>,
    /// A complete consent record, for most of those who consented since the 2026 law.
    pub consent: Option<ConsentRecord>,
    /// The day a member withdrew consent: nothing of them may be published.
    pub withdrawn: Option<String>,
}

impl Member {
    /// Whether the portal may publish this member's phone.
    pub fn published(&self) -> bool {
        self.withdrawn.is_none() && (self.public == Some(true) || self.consent.is_some())
    }
}

/// A consent record as a commune writes one; every record here covers the phone.
#[derive(Debug, Clone)]
pub struct ConsentRecord {
    pub covers: &'static [&'static str],
    pub given: String,
    pub method: &'static str,
    pub evidence: String,
    pub collected_by: String,
}

/// Of those who consented, the share with a complete record; the rest have a bare
/// `public: true` from before the law, which `ngo check --privacy` lists.
const RECORDED_SHARE: f64 = 0.55;
/// Of those with a record, the share who later withdrew.
const WITHDRAWN_SHARE: f64 = 0.01;
const COVERS: [(&[&str], f64); 3] = [
    (&["phone", "zalo", "name"], 0.80),
    (&["phone", "name"], 0.15),
    (&["phone"], 0.05),
];
const METHODS: [(&str, f64); 4] = [
    ("paper", 0.60),
    ("message", 0.20),
    ("digital", 0.15),
    ("recording", 0.05),
];

#[derive(Debug, Clone)]
pub struct Team {
    pub hamlet: Hamlet,
    pub meeting: Option<String>,
    pub location: Option<(f64, f64)>,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone)]
pub struct Directory {
    pub province_code: u32,
    pub commune_code: u32,
    /// A comment line naming the commune, as editors leave at the top of the file.
    pub heading: String,
    pub updated: String,
    pub teams: Vec<Team>,
}

/// What one commune needs to generate its directory.
pub struct CommuneJob<'a> {
    pub province: &'a Province,
    pub commune: &'a Commune,
    pub team_count: u64,
    /// The national ordinal of this commune's first team; it fixes the phone numbers.
    pub first_team: u64,
    pub seed: u64,
    pub numbers: &'a NumberPlan,
}

pub fn generate(job: &CommuneJob) -> Directory {
    let mut rng = Rng::stream(job.seed, "commune", u64::from(job.commune.code));
    let mut namer = HamletNamer::new(job.province, job.commune.kind, &mut rng);
    let centre = commune_centre(job, &mut rng);
    let teams = (0..job.team_count)
        .map(|t| {
            let hamlet = namer.next(&mut rng, 0.05);
            team(job, hamlet, centre, job.first_team + t, &mut rng)
        })
        .collect();
    Directory {
        province_code: job.province.code,
        commune_code: job.commune.code,
        heading: format!("{}, {}", job.commune.name, job.province.name),
        updated: format!("2026-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28)),
        teams,
    }
}

fn team(job: &CommuneJob, hamlet: Hamlet, centre: (f64, f64), ordinal: u64, rng: &mut Rng) -> Team {
    let size = rng.weighted(&TEAM_SIZES);
    let roles = roles(size, hamlet.kind, rng);
    let members = roles
        .into_iter()
        .enumerate()
        .map(|(i, role)| member(job, role, ordinal * MAX_MEMBERS + i as u64, i, rng))
        .collect();
    let meeting = rng
        .chance(0.6)
        .then(|| meeting(&hamlet, &job.commune.name, rng));
    let location = rng
        .chance(0.5)
        .then(|| jitter_within_vietnam(centre, 0.03, rng));
    Team {
        hamlet,
        meeting,
        location,
        members,
    }
}

/// The leader first, then the deputy, then a mix of the people such teams are made of.
fn roles(size: usize, kind: Kind, rng: &mut Rng) -> Vec<String> {
    let mut roles = vec![leader_role(kind, rng), "Tổ phó".to_string()];
    while roles.len() < size {
        let role = rng.weighted(&OTHER_ROLES);
        let repeatable = matches!(role, "Thành viên" | "Đoàn viên thanh niên");
        let role = if repeatable || !roles.iter().any(|r| r == role) {
            role
        } else {
            "Thành viên"
        };
        roles.push(role.to_string());
    }
    roles
}

/// Leaders are often the hamlet head or the party cell secretary, and some editors say so.
fn leader_role(kind: Kind, rng: &mut Rng) -> String {
    let residential = matches!(kind, Kind::ToDanPho | Kind::To | Kind::KhuDanCu);
    match rng.below(10) {
        0..=6 => "Tổ trưởng".to_string(),
        7 | 8 if !residential => format!("Tổ trưởng (Trưởng {})", kind.key()),
        _ => "Tổ trưởng (Bí thư chi bộ)".to_string(),
    }
}

fn member(
    job: &CommuneJob,
    role: String,
    phone_index: u64,
    position: usize,
    rng: &mut Rng,
) -> Member {
    let female_share = match role.as_str() {
        "Hội Phụ nữ" => 1.0,
        "Công an khu vực" => 0.1,
        _ if position == 0 => 0.3,
        _ => 0.45,
    };
    let female = rng.chance(female_share);
    let who = person(rng, job.province.region, job.province.khmer, female);
    let consent_share = match position {
        0 => 0.85,
        1 => 0.55,
        _ => 0.19,
    };
    let public = if rng.chance(consent_share) {
        Some(true)
    } else {
        rng.chance(0.1).then_some(false)
    };
    let national = job.numbers.number(phone_index);
    let mut member = Member {
        name: who.name,
        role,
        phone: spell(&national, rng),
        national,
        zalo: rng.chance(0.4),
        public,
        consent: None,
        withdrawn: None,
    };
    if public == Some(true) {
        record_consent(job, phone_index, &mut member);
    }
    member
}

/// Turns a bare consent into a record (and sometimes a withdrawal), from the member's own random
/// stream so the rest of the dataset stays as it was before records existed.
fn record_consent(job: &CommuneJob, phone_index: u64, member: &mut Member) {
    let mut rng = Rng::stream(job.seed, "consent", phone_index);
    if !rng.chance(RECORDED_SHARE) {
        return;
    }
    // Consents from January 2024 to June 2026: some old enough to be asked again.
    let month = rng.range(0, 29);
    let given = format!(
        "{}-{:02}-{:02}",
        2024 + month / 12,
        month % 12 + 1,
        rng.range(1, 28)
    );
    let commune = job.commune.code;
    member.consent = Some(ConsentRecord {
        covers: rng.weighted(&COVERS),
        given,
        method: rng.weighted(&METHODS),
        evidence: format!("{commune}-{}-{:04}", 2024 + month / 12, rng.range(1, 9999)),
        collected_by: format!("Công chức Văn hóa - Xã hội {}", job.commune.name),
    });
    member.public = None;
    if rng.chance(WITHDRAWN_SHARE) {
        member.withdrawn = Some(format!(
            "2026-{:02}-{:02}",
            rng.range(7, 11),
            rng.range(1, 28)
        ));
    }
}

fn meeting(hamlet: &Hamlet, commune_name: &str, rng: &mut Rng) -> String {
    let own_place = lowercase_first(&hamlet.name);
    let venue = match (rng.below(10), hamlet.kind) {
        (0, _) => format!("Hội trường UBND {commune_name}"),
        (1, _) => format!("Điểm Bưu điện văn hóa {}", lowercase_first(commune_name)),
        (_, Kind::Lang) => format!("Nhà rông {own_place}"),
        (_, Kind::Buon | Kind::Ban) => format!("Nhà sinh hoạt cộng đồng {own_place}"),
        _ => format!("Nhà văn hóa {own_place}"),
    };
    format!("{venue}, {}", rng.pick(&MEETING_TIMES))
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// Communes scatter around their province's centre; islands sit where they are.
fn commune_centre(job: &CommuneJob, rng: &mut Rng) -> (f64, f64) {
    match (job.commune.kind, island_position(job.commune.code)) {
        (CommuneKind::DacKhu, Some(position)) => position,
        _ => jitter_within_vietnam(job.province.centre, job.province.spread, rng),
    }
}

fn jitter_within_vietnam((lat, lon): (f64, f64), spread: f64, rng: &mut Rng) -> (f64, f64) {
    let lat = lat + (rng.unit() * 2.0 - 1.0) * spread;
    let lon = lon + (rng.unit() * 2.0 - 1.0) * spread;
    (lat.clamp(8.4, 23.3), lon.clamp(102.2, 117.4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_start_with_the_leader_and_deputy() {
        let mut rng = Rng::stream(2, "roles", 0);
        for size in 4..=10 {
            let roles = roles(size, Kind::Thon, &mut rng);
            assert_eq!(roles.len(), size);
            assert!(roles[0].starts_with("Tổ trưởng"));
            assert_eq!(roles[1], "Tổ phó");
            assert!(roles[2..].iter().all(|r| !r.starts_with("Tổ trưởng")));
        }
    }

    #[test]
    fn lowercases_only_the_first_letter() {
        assert_eq!(lowercase_first("Ấp Tân Phú"), "ấp Tân Phú");
        assert_eq!(lowercase_first("Xã Quảng La"), "xã Quảng La");
    }
}

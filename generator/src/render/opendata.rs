//! The open-data files: every team as one flat record, in JSON and CSV.
//!
//! They describe teams, not people: where a team serves, how many members it has in which
//! roles, where it meets, when the list was updated. No phone is ever in them — one file with
//! every volunteer's number would be a ready-made call list for scammers posing as officials —
//! and member names only where `site.yaml` opts in (`privacy.open_data_names`), and then only
//! the names the members agreed to show. A member who withdrew consent is not in the model, so
//! not in these files either.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::fingerprint::{Fingerprint, Key};
use crate::model::{Commune, Province, Site, Team};
use crate::output::Sink;
use crate::urls;

/// A field of a record: its name, its type and what it means (shown on the open-data page).
pub type FieldInfo = (&'static str, &'static str, &'static str);

/// The fields of a record, in file order, with what each means.
const FIELDS: &[FieldInfo] = &[
    (
        "province_code",
        "số",
        "Mã tỉnh, thành phố (danh mục từ 01/07/2025)",
    ),
    (
        "province_name",
        "chữ",
        "Tên tỉnh, thành phố, ví dụ \"Tỉnh Quảng Ninh\"",
    ),
    (
        "commune_code",
        "số",
        "Mã xã, phường, đặc khu (danh mục từ 01/07/2025)",
    ),
    (
        "commune_name",
        "chữ",
        "Tên xã, phường, đặc khu, ví dụ \"Xã Quảng La\"",
    ),
    (
        "team_id",
        "chữ",
        "Mã của tổ, duy nhất trong xã; là đoạn cuối địa chỉ trang của tổ",
    ),
    ("hamlet", "chữ", "Tên thôn, tổ dân phố, ấp, bản của tổ"),
    ("hamlet_kind", "chữ", "Loại: thôn, tổ dân phố, ấp, bản…"),
    ("members", "số", "Số thành viên của tổ"),
    (
        "roles",
        "bảng vai trò → số người",
        "Số thành viên theo vai trò, ví dụ {\"Tổ trưởng\": 1, \"Thành viên\": 3}; trong tệp CSV viết \"Tổ trưởng: 1; Thành viên: 3\"",
    ),
    (
        "meeting",
        "chữ hoặc trống",
        "Nơi và giờ sinh hoạt của tổ",
    ),
    (
        "latitude",
        "số hoặc trống",
        "Vĩ độ nơi sinh hoạt",
    ),
    (
        "longitude",
        "số hoặc trống",
        "Kinh độ nơi sinh hoạt",
    ),
    (
        "updated",
        "ngày hoặc trống",
        "Ngày xã cập nhật danh sách (YYYY-MM-DD)",
    ),
    ("url", "chữ", "Địa chỉ trang của tổ trên cổng"),
];

/// Present only where `privacy.open_data_names: true`.
const NAMES_FIELD: FieldInfo = (
    "member_names",
    "danh sách chữ",
    "Họ tên các thành viên đã đồng ý công khai tên; trong tệp CSV cách nhau bằng dấu chấm phẩy",
);

/// The fields of this site's records.
pub fn fields(site: &Site) -> Vec<FieldInfo> {
    let mut fields = FIELDS.to_vec();
    if site.config.consent.open_data_names {
        let at = fields.len() - 2;
        fields.insert(at, NAMES_FIELD);
    }
    fields
}

/// One team.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Record {
    pub province_code: u32,
    pub province_name: String,
    pub commune_code: u32,
    pub commune_name: String,
    pub team_id: String,
    pub hamlet: String,
    pub hamlet_kind: String,
    pub members: usize,
    pub roles: BTreeMap<String, usize>,
    pub meeting: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_names: Option<Vec<String>>,
    pub updated: Option<String>,
    pub url: String,
}

#[derive(Serialize)]
struct Document<'a> {
    title: &'a str,
    description: &'static str,
    fields: Vec<&'static str>,
    records: &'a [Record],
}

/// Every team of the site, by province, commune and team order.
pub fn records(site: &Site) -> Vec<Record> {
    let mut all = Vec::new();
    for p in &site.provinces {
        for c in &p.communes {
            all.extend(c.teams().iter().map(|t| record(site, p, c, t)));
        }
    }
    all
}

fn record(site: &Site, p: &Province, c: &Commune, t: &Team) -> Record {
    let names = site.config.consent.open_data_names.then(|| {
        t.members
            .iter()
            .filter_map(|m| m.name.clone())
            .collect::<Vec<_>>()
    });
    Record {
        province_code: p.unit.code,
        province_name: p.unit.name.clone(),
        commune_code: c.unit.code,
        commune_name: c.unit.name.clone(),
        team_id: t.id.clone(),
        hamlet: t.hamlet.clone(),
        hamlet_kind: t.kind.clone(),
        members: t.members.len(),
        roles: roles(t),
        meeting: t.meeting.clone(),
        latitude: t.location.map(|l| l.0),
        longitude: t.location.map(|l| l.1),
        member_names: names,
        updated: c
            .directory
            .as_ref()
            .and_then(|d| d.updated)
            .map(|d| d.to_string()),
        url: site
            .config
            .base_url
            .absolute(&urls::team(p.unit, c.unit, &t.id)),
    }
}

/// Members by role, a role being what is written before its first comma or bracket ("Tổ
/// trưởng, Bí thư chi bộ" counts as "Tổ trưởng"), spelt as first written.
fn roles(team: &Team) -> BTreeMap<String, usize> {
    let mut seen: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for member in &team.members {
        let role = member
            .role
            .as_deref()
            .and_then(|r| r.split([',', '(', ';']).next())
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .unwrap_or("(không ghi vai trò)");
        seen.entry(crate::text::name_key(role))
            .or_insert_with(|| (role.to_string(), 0))
            .1 += 1;
    }
    seen.into_values().collect()
}

/// Everything the open-data files are made from, hashed where it lies: building the records
/// only to hash them would cost half of writing them out. Whatever [`records`] reads must be
/// hashed here too.
fn fingerprint(site: &Site) -> Key {
    let mut f = Fingerprint::new("open-data");
    f.str(&site.config.title)
        .str(&format!("{:?}", site.config.base_url))
        .str(if site.config.consent.open_data_names {
            "names"
        } else {
            "-"
        });
    for p in &site.provinces {
        for c in &p.communes {
            let Some(directory) = &c.directory else {
                continue;
            };
            f.str(&p.unit.code.to_string())
                .str(&c.unit.code.to_string());
            f.str(&directory.updated.map(|d| d.to_string()).unwrap_or_default());
            for t in &directory.teams {
                f.str(&t.id).str(&t.hamlet).str(&t.kind);
                f.str(t.meeting.as_deref().unwrap_or("\0"))
                    .str(&format!("{:?}", t.location));
                for m in &t.members {
                    f.str(m.name.as_deref().unwrap_or("\0"))
                        .str(m.role.as_deref().unwrap_or("\0"));
                }
                f.str("\0team");
            }
        }
    }
    f.finish()
}

/// Writes `du-lieu-mo/to-cong-nghe-so.json` and `.csv`.
pub fn write_open_data(site: &Site, sink: &dyn Sink) -> std::io::Result<()> {
    const TASK: &str = "open-data";
    let made_from = fingerprint(site);
    if sink.recall(TASK, made_from).is_some() {
        return Ok(());
    }
    let records = records(site);
    let document = Document {
        title: &site.config.title,
        description: "Danh sách các tổ công nghệ số cộng đồng: nơi tổ phục vụ, số thành viên theo vai trò, nơi sinh hoạt. Không có số điện thoại.",
        fields: fields(site).iter().map(|f| f.0).collect(),
        records: &records,
    };
    // Compact: at national scale the indented form is a third larger, for machines only.
    let json = serde_json::to_string(&document).map_err(std::io::Error::other)?;
    sink.write(urls::OPEN_DATA_JSON, json.as_bytes())?;
    sink.write(urls::OPEN_DATA_CSV, csv(site, &records).as_bytes())?;
    let files = [urls::OPEN_DATA_JSON, urls::OPEN_DATA_CSV].map(String::from);
    sink.remember(TASK, made_from, &files, "");
    Ok(())
}

/// RFC 4180 CSV with a header row and CRLF line ends, preceded by a UTF-8 byte-order mark so
/// spreadsheet programs show Vietnamese letters correctly.
pub fn csv(site: &Site, records: &[Record]) -> String {
    let fields = fields(site);
    let mut out = String::from("\u{feff}");
    let header: Vec<&str> = fields.iter().map(|f| f.0).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for r in records {
        let cells: Vec<String> = fields.iter().map(|f| cell(&value(r, f.0))).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A record's value of `field`, as CSV text.
fn value(r: &Record, field: &str) -> String {
    let number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
    match field {
        "province_code" => r.province_code.to_string(),
        "province_name" => r.province_name.clone(),
        "commune_code" => r.commune_code.to_string(),
        "commune_name" => r.commune_name.clone(),
        "team_id" => r.team_id.clone(),
        "hamlet" => r.hamlet.clone(),
        "hamlet_kind" => r.hamlet_kind.clone(),
        "members" => r.members.to_string(),
        "roles" => r
            .roles
            .iter()
            .map(|(role, n)| format!("{role}: {n}"))
            .collect::<Vec<_>>()
            .join("; "),
        "meeting" => r.meeting.clone().unwrap_or_default(),
        "latitude" => number(r.latitude),
        "longitude" => number(r.longitude),
        "member_names" => r.member_names.clone().unwrap_or_default().join("; "),
        "updated" => r.updated.clone().unwrap_or_default(),
        "url" => r.url.clone(),
        _ => String::new(),
    }
}

/// A CSV field, quoted when it holds a comma, quote or line break. A leading `=`, `+`, `-` or `@`
/// is kept but quoted with a leading apostrophe so spreadsheets do not run it as a formula.
fn cell(value: &str) -> String {
    let formula = value.starts_with(['=', '+', '-', '@']) && value.parse::<f64>().is_err();
    let value = if formula {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if formula || value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Member;

    #[test]
    fn cells_with_separators_are_quoted() {
        assert_eq!(cell("Tổ trưởng, Bí thư"), "\"Tổ trưởng, Bí thư\"");
        assert_eq!(cell("nói \"xin chào\""), "\"nói \"\"xin chào\"\"\"");
        assert_eq!(cell("Xã Quảng La"), "Xã Quảng La");
    }

    #[test]
    fn formula_like_cells_are_defused_but_numbers_stay_numbers() {
        assert_eq!(cell("=HYPERLINK(1)"), "\"'=HYPERLINK(1)\"");
        assert_eq!(cell("-8.5"), "-8.5");
    }

    #[test]
    fn roles_are_counted_by_their_first_part() {
        let member = |role: Option<&str>| Member {
            name: None,
            role: role.map(str::to_string),
            phone: None,
            zalo: false,
        };
        let team = Team {
            id: "a".into(),
            hamlet: "Thôn A".into(),
            kind: "thôn".into(),
            meeting: None,
            location: None,
            members: vec![
                member(Some("Tổ trưởng, Bí thư chi bộ")),
                member(Some("Thành viên")),
                member(Some("thành viên")),
                member(None),
            ],
            leader: Some(0),
            former: Vec::new(),
            aliases: Vec::new(),
        };
        let counts: Vec<(String, usize)> = roles(&team).into_iter().collect();
        assert_eq!(
            counts,
            [
                ("(không ghi vai trò)".to_string(), 1),
                ("Thành viên".to_string(), 2),
                ("Tổ trưởng".to_string(), 1)
            ]
        );
    }
}

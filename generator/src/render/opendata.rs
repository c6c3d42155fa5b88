//! The open-data files: every member of every team as one flat record, in JSON and CSV, with the
//! public fields only. Phones come from the model, which holds a phone only where it may be
//! published, so a withheld number cannot reach these files.

use serde::Serialize;

use crate::fingerprint::{Fingerprint, Key};
use crate::model::Site;
use crate::output::Sink;
use crate::urls;

/// The fields of a record, in file order, with what each means (shown on the open-data page).
pub const FIELDS: &[(&str, &str, &str)] = &[
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
    (
        "member_name",
        "chữ hoặc trống",
        "Họ tên thành viên; để trống khi cổng không công khai tên người chưa đồng ý",
    ),
    (
        "role",
        "chữ hoặc trống",
        "Vai trò trong tổ, ví dụ \"Tổ trưởng\"",
    ),
    (
        "phone",
        "chữ hoặc trống",
        "Số điện thoại dạng quốc tế +84…, chỉ khi thành viên đồng ý công khai",
    ),
    ("zalo", "đúng/sai", "Số điện thoại trên có dùng Zalo"),
    (
        "updated",
        "ngày hoặc trống",
        "Ngày xã cập nhật danh sách (YYYY-MM-DD)",
    ),
    ("url", "chữ", "Địa chỉ trang của tổ trên cổng"),
];

/// One member of one team.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Record {
    pub province_code: u32,
    pub province_name: String,
    pub commune_code: u32,
    pub commune_name: String,
    pub team_id: String,
    pub hamlet: String,
    pub hamlet_kind: String,
    pub member_name: Option<String>,
    pub role: Option<String>,
    pub phone: Option<String>,
    pub zalo: bool,
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

/// Every record of the site, by province, commune and team order.
pub fn records(site: &Site) -> Vec<Record> {
    let base = &site.config.base_url;
    let mut all = Vec::new();
    for p in &site.provinces {
        for c in &p.communes {
            let updated = c
                .directory
                .as_ref()
                .and_then(|d| d.updated)
                .map(|d| d.to_string());
            for t in c.teams() {
                for m in &t.members {
                    all.push(Record {
                        province_code: p.unit.code,
                        province_name: p.unit.name.clone(),
                        commune_code: c.unit.code,
                        commune_name: c.unit.name.clone(),
                        team_id: t.id.clone(),
                        hamlet: t.hamlet.clone(),
                        hamlet_kind: t.kind.clone(),
                        member_name: m.name.clone(),
                        role: m.role.clone(),
                        phone: m.phone.as_ref().map(|p| p.international()),
                        zalo: m.phone.is_some() && m.zalo,
                        updated: updated.clone(),
                        url: base.absolute(&urls::team(p.unit, c.unit, &t.id)),
                    });
                }
            }
        }
    }
    all
}

/// Everything the open-data files are made from, hashed where it lies: building the records
/// only to hash them would cost half of writing them out. Whatever [`records`] reads must be
/// hashed here too.
fn fingerprint(site: &Site) -> Key {
    let mut f = Fingerprint::new("open-data");
    f.str(&site.config.title)
        .str(&format!("{:?}", site.config.base_url));
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
                for m in &t.members {
                    f.str(m.name.as_deref().unwrap_or("\0"))
                        .str(m.role.as_deref().unwrap_or("\0"))
                        .str(m.phone.as_ref().map_or("\0", |p| p.national()))
                        .str(if m.zalo { "z" } else { "-" });
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
        description:
            "Danh sách thành viên các tổ công nghệ số cộng đồng, chỉ gồm thông tin công khai.",
        fields: FIELDS.iter().map(|f| f.0).collect(),
        records: &records,
    };
    // Compact: at national scale the indented form is a third larger, for machines only.
    let json = serde_json::to_string(&document).map_err(std::io::Error::other)?;
    sink.write(urls::OPEN_DATA_JSON, json.as_bytes())?;
    sink.write(urls::OPEN_DATA_CSV, csv(&records).as_bytes())?;
    let files = [urls::OPEN_DATA_JSON, urls::OPEN_DATA_CSV].map(String::from);
    sink.remember(TASK, made_from, &files, "");
    Ok(())
}

/// RFC 4180 CSV with a header row and CRLF line ends, preceded by a UTF-8 byte-order mark so
/// spreadsheet programs show Vietnamese letters correctly.
pub fn csv(records: &[Record]) -> String {
    let mut out = String::from("\u{feff}");
    let header: Vec<&str> = FIELDS.iter().map(|f| f.0).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for r in records {
        let cells = [
            r.province_code.to_string(),
            r.province_name.clone(),
            r.commune_code.to_string(),
            r.commune_name.clone(),
            r.team_id.clone(),
            r.hamlet.clone(),
            r.hamlet_kind.clone(),
            r.member_name.clone().unwrap_or_default(),
            r.role.clone().unwrap_or_default(),
            r.phone.clone().unwrap_or_default(),
            r.zalo.to_string(),
            r.updated.clone().unwrap_or_default(),
            r.url.clone(),
        ];
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A CSV field, quoted when it holds a comma, quote or line break. A leading `=`, `+`, `-` or `@`
/// is kept but quoted with a leading apostrophe so spreadsheets do not run it as a formula; the
/// `+84` phones are quoted the same way for that reason.
fn cell(value: &str) -> String {
    let formula = value.starts_with(['=', '+', '-', '@']);
    let value = if formula && !value.starts_with("+84") {
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

    #[test]
    fn cells_with_separators_are_quoted() {
        assert_eq!(cell("Tổ trưởng, Bí thư"), "\"Tổ trưởng, Bí thư\"");
        assert_eq!(cell("nói \"xin chào\""), "\"nói \"\"xin chào\"\"\"");
        assert_eq!(cell("Xã Quảng La"), "Xã Quảng La");
    }

    #[test]
    fn formula_like_cells_are_defused_but_phones_stay_readable() {
        assert_eq!(cell("=HYPERLINK(1)"), "\"'=HYPERLINK(1)\"");
        assert_eq!(cell("+84912000101"), "\"+84912000101\"");
    }
}

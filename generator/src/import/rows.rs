//! Turning sheet rows into members of hamlet teams: hamlets filled down from the row above,
//! phones in any spelling (numbers that lost their leading 0 included), yes/no cells, and every
//! bad row reported with its spreadsheet row number.

use std::collections::HashMap;

use crate::date::Date;
use crate::limits;
use crate::model::consent::Record;
use crate::model::HAMLET_KINDS;
use crate::phone::Phone;
use crate::text;

use super::columns::Field;
use super::consent_cells::{bad_date, consent_agrees, read_consent, sheet_date, CellError};
use super::header::Columns;
use super::sheet::Table;

/// One member as the sheet gives it. `None` means the cell was blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetMember {
    /// The spreadsheet row, for messages.
    pub row: usize,
    pub hamlet: String,
    pub kind: &'static str,
    pub name: String,
    pub role: Option<String>,
    pub phone: Option<Phone>,
    pub zalo: Option<bool>,
    pub public: Option<bool>,
    /// The consent record of the row's consent columns, when they are filled in.
    pub consent: Option<Record>,
    pub withdrawn: Option<Date>,
    pub note: Option<String>,
}

/// What rows are checked against besides their own cells.
#[derive(Debug, Clone, Copy)]
pub struct RowRules {
    /// The site refuses consent without a record (`require_consent_record`).
    pub require_record: bool,
    /// A consent cannot be dated after today.
    pub today: Date,
}

/// A row that cannot be imported, and why, in words for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub message: String,
}

/// The members read from a sheet and the rows that could not be read.
#[derive(Debug, Default)]
pub struct Rows {
    pub members: Vec<SheetMember>,
    pub errors: Vec<RowError>,
}

/// A hamlet already in the commune file, so a bare "Khe Cát" finds "Thôn Khe Cát".
#[derive(Debug, Clone)]
pub struct KnownHamlet {
    pub hamlet: String,
    pub kind: &'static str,
}

/// Reads every data row below the header.
pub fn read_rows(
    table: &Table,
    columns: &Columns,
    known: &[KnownHamlet],
    rules: &RowRules,
) -> Rows {
    let mut out = Rows::default();
    let mut above: Option<(String, String)> = None;
    let mut seen: HashMap<(String, String, Option<Phone>), usize> = HashMap::new();
    for (index, cells) in table.rows.iter().enumerate().skip(columns.header_row + 1) {
        let row = table.row_numbers[index];
        let cell = |field: Field| {
            columns
                .fields
                .get(&field)
                .and_then(|&col| cells.get(col))
                .map(String::as_str)
                .filter(|s| !s.is_empty())
        };
        let hamlet_cells = (
            cell(Field::Hamlet).unwrap_or(""),
            cell(Field::Kind).unwrap_or(""),
        );
        let member_cells = [
            Field::Name,
            Field::Role,
            Field::Phone,
            Field::Zalo,
            Field::Public,
            Field::Covers,
            Field::Given,
            Field::Method,
            Field::Evidence,
            Field::CollectedBy,
            Field::Withdrawn,
            Field::Note,
        ];
        if member_cells.iter().all(|&f| cell(f).is_none()) {
            // A hamlet alone on its row heads the rows below it.
            if !hamlet_cells.0.is_empty() {
                above = Some((hamlet_cells.0.to_string(), hamlet_cells.1.to_string()));
            }
            continue;
        }
        let (hamlet_cell, kind_cell) = if hamlet_cells.0.is_empty() {
            match &above {
                Some((h, k)) => (h.clone(), k.clone()),
                None => (String::new(), String::new()),
            }
        } else {
            (hamlet_cells.0.to_string(), hamlet_cells.1.to_string())
        };
        above = (!hamlet_cell.is_empty()).then(|| (hamlet_cell.clone(), kind_cell.clone()));
        let place = Place {
            hamlet: &hamlet_cell,
            kind: &kind_cell,
        };
        match read_member(row, &cell, &place, columns, known, rules) {
            Ok(member) => {
                let key = (
                    text::name_key(&member.hamlet),
                    text::name_key(&member.name),
                    member.phone.clone(),
                );
                if let Some(first) = seen.get(&key) {
                    out.errors.push(RowError {
                        row,
                        message: format!(
                            "trùng với dòng {first} (cùng thôn, họ tên và số điện thoại)"
                        ),
                    });
                } else {
                    seen.insert(key, row);
                    out.members.push(member);
                }
            }
            Err(problems) => out.errors.push(RowError {
                row,
                message: problems.join("; "),
            }),
        }
    }
    out
}

/// The hamlet cells of a row (filled down from above).
struct Place<'a> {
    hamlet: &'a str,
    kind: &'a str,
}

fn read_member<'a>(
    row: usize,
    cell: &impl Fn(Field) -> Option<&'a str>,
    place: &Place,
    columns: &Columns,
    known: &[KnownHamlet],
    rules: &RowRules,
) -> Result<SheetMember, Vec<String>> {
    let mut problems = too_long_cells(cell);
    let name = cell(Field::Name);
    if name.is_none() {
        problems.push("thiếu họ và tên".to_string());
    }
    let hamlet = resolve_hamlet(place.hamlet, place.kind, columns.hamlet_kind, known)
        .map_err(|p| problems.push(p))
        .ok();
    let phone = match cell(Field::Phone).map(Phone::parse_lenient) {
        Some(Ok(phone)) => Some(phone),
        Some(Err(err)) => {
            problems.push(err.to_string());
            None
        }
        None => None,
    };
    let zalo =
        flag(cell(Field::Zalo), "Zalo", phone.as_ref()).map_err(|p| problems.push(p.to_string()));
    let public =
        flag(cell(Field::Public), "công khai số", None).map_err(|p| problems.push(p.to_string()));
    let consent = read_consent(cell, rules.today).map_err(|p| problems.extend(p));
    let withdrawn = cell(Field::Withdrawn).and_then(|d| {
        sheet_date(d)
            .ok_or_else(|| problems.push(bad_date(d, Field::Withdrawn)))
            .ok()
    });
    if let (Ok(public), Ok(consent)) = (&public, &consent) {
        problems.extend(consent_agrees(*public, consent.as_ref(), rules));
    }
    match (name, hamlet, zalo, public, consent) {
        (Some(name), Some((hamlet, kind)), Ok(zalo), Ok(public), Ok(consent))
            if problems.is_empty() =>
        {
            Ok(SheetMember {
                row,
                hamlet,
                kind,
                name: name.to_string(),
                role: cell(Field::Role).map(str::to_string),
                phone,
                zalo,
                public,
                consent,
                withdrawn,
                note: cell(Field::Note).map(str::to_string),
            })
        }
        _ => Err(problems),
    }
}

/// Cells longer than the same limits the commune file has.
fn too_long_cells<'a>(cell: &impl Fn(Field) -> Option<&'a str>) -> Vec<String> {
    let checked = [
        (Field::Name, "name"),
        (Field::Role, "role"),
        (Field::Hamlet, "hamlet"),
        (Field::Evidence, "evidence"),
        (Field::CollectedBy, "collected_by"),
        (Field::Note, "note"),
    ];
    checked
        .iter()
        .filter_map(|&(field, key)| {
            let value = cell(field)?;
            limits::too_long_as(
                &format!("cột {}", field.header()),
                key,
                value.chars().count(),
            )
        })
        .collect()
}

/// The hamlet's full name and kind from its cell, the kind column, the column's header or a
/// hamlet already in the file, in that order.
fn resolve_hamlet(
    value: &str,
    kind_cell: &str,
    header_kind: Option<&'static str>,
    known: &[KnownHamlet],
) -> Result<(String, &'static str), String> {
    if value.is_empty() {
        return Err("thiếu thôn/tổ dân phố, và không có dòng trên để lấy theo".to_string());
    }
    let explicit = match kind_cell {
        "" => None,
        k => Some(canonical_kind(k).ok_or_else(|| {
            format!(
                "loại thôn/tổ \"{k}\" không hợp lệ; dùng một trong: {}",
                HAMLET_KINDS.join(", ")
            )
        })?),
    };
    if let Some(kind) = explicit.or(kind_prefix(value)).or(header_kind) {
        return Ok((with_kind(value, kind), kind));
    }
    let key = text::name_key(value);
    let mut matches = known.iter().filter(|k| {
        text::name_key(&k.hamlet) == key || text::name_key(strip_kind(&k.hamlet)) == key
    });
    match (matches.next(), matches.next()) {
        (Some(k), None) => Ok((k.hamlet.clone(), k.kind)),
        _ => Err(format!(
            "không rõ \"{value}\" là thôn, ấp hay tổ dân phố: ghi rõ như \"Thôn {value}\" hoặc \"Tổ dân phố {value}\", \
             hoặc thêm cột \"Loại\""
        )),
    }
}

/// The hamlet kind written in any case, with or without marks.
pub fn canonical_kind(s: &str) -> Option<&'static str> {
    let key = text::name_key(s);
    HAMLET_KINDS
        .iter()
        .copied()
        .find(|k| text::name_key(k) == key)
}

/// The kind a hamlet's name starts with: "Thôn Khe Cát" → thôn, "tổ dân phố 5" → tổ dân phố.
pub fn kind_prefix(hamlet: &str) -> Option<&'static str> {
    let key = text::name_key(hamlet);
    HAMLET_KINDS
        .iter()
        .copied()
        .filter(|k| key.starts_with(&format!("{} ", text::name_key(k))))
        .max_by_key(|k| k.len())
}

/// The name after its kind word: "Thôn Khe Cát" → "Khe Cát".
fn strip_kind(hamlet: &str) -> &str {
    let Some(kind) = kind_prefix(hamlet) else {
        return hamlet;
    };
    let words = kind.split(' ').count();
    hamlet
        .splitn(words + 1, ' ')
        .nth(words)
        .map_or(hamlet, str::trim)
}

/// "Khe Cát" under kind thôn → "Thôn Khe Cát"; "thôn Khe Cát" → "Thôn Khe Cát".
fn with_kind(value: &str, kind: &str) -> String {
    let rest = if kind_prefix(value) == Some(kind) {
        strip_kind(value)
    } else {
        value
    };
    let mut chars = kind.chars();
    let first: String = chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .collect();
    format!("{first}{} {rest}", chars.as_str())
}

/// A yes/no cell. A Zalo cell holding the member's own number also means yes.
fn flag(
    value: Option<&str>,
    column: &'static str,
    phone: Option<&Phone>,
) -> Result<Option<bool>, CellError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let key = text::name_key(value);
    const YES: &[&str] = &[
        "co",
        "x",
        "v",
        "yes",
        "y",
        "1",
        "true",
        "dong y",
        "co zalo",
        "da dong y",
    ];
    const NO: &[&str] = &[
        "khong",
        "0",
        "no",
        "n",
        "false",
        "khong dong y",
        "chua",
        "chua dong y",
    ];
    if YES.contains(&key.as_str()) || matches!(value, "✓" | "✔" | "☑") {
        return Ok(Some(true));
    }
    if NO.contains(&key.as_str()) || matches!(value, "-" | "✗" | "☐") {
        return Ok(Some(false));
    }
    match (phone, Phone::parse_lenient(value)) {
        (Some(own), Ok(other)) if *own == other => Ok(Some(true)),
        _ => Err(CellError::NotYesNo {
            value: value.to_string(),
            column,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hamlets_get_their_kind_from_the_cell_the_header_or_the_file() {
        let known = [KnownHamlet {
            hamlet: "Bản Nà Pàn".into(),
            kind: "bản",
        }];
        assert_eq!(
            resolve_hamlet("thôn Khe Cát", "", None, &[]),
            Ok(("Thôn Khe Cát".into(), "thôn"))
        );
        assert_eq!(
            resolve_hamlet("Khe Cát", "", Some("thôn"), &[]),
            Ok(("Thôn Khe Cát".into(), "thôn"))
        );
        assert_eq!(
            resolve_hamlet("5", "to dan pho", None, &[]),
            Ok(("Tổ dân phố 5".into(), "tổ dân phố"))
        );
        assert_eq!(
            resolve_hamlet("Na Pan", "", None, &known),
            Ok(("Bản Nà Pàn".into(), "bản"))
        );
        assert!(resolve_hamlet("Khe Cát", "", None, &[]).is_err());
        assert!(resolve_hamlet("Khe Cát", "thôn xóm", None, &[]).is_err());
    }

    #[test]
    fn yes_no_cells_in_common_spellings() {
        assert_eq!(flag(Some("Có"), "Zalo", None), Ok(Some(true)));
        assert_eq!(flag(Some("x"), "Zalo", None), Ok(Some(true)));
        assert_eq!(flag(Some("Không"), "Zalo", None), Ok(Some(false)));
        assert_eq!(flag(None, "Zalo", None), Ok(None));
        let own = Phone::parse("0912345678").unwrap();
        assert_eq!(flag(Some("912345678"), "Zalo", Some(&own)), Ok(Some(true)));
        assert_eq!(
            flag(Some("có lẽ"), "Zalo", None).unwrap_err().to_string(),
            "không hiểu \"có lẽ\" ở cột Zalo: ghi \"Có\" hoặc \"Không\""
        );
    }
}

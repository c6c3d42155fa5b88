//! `ngo export`: a commune file as a sheet with the headers `ngo import` reads, so an editor can
//! hand the list to the commune, get it back edited and import it again.
//!
//! The sheet is made from the source file, not from the built portal, so it holds every phone,
//! including those the member did not agree to publish. It is an editor's working copy: the
//! command says so whenever such a phone is in it, and refuses to write inside the site folder,
//! whose files may end up published.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};

use crate::date::Date;
use crate::model::consent::{Covered, Record};
use crate::phone::Phone;

use super::columns::Field;
use super::doc::{MemberDoc, TeamDoc};
use super::rows::{canonical_kind, kind_prefix};
use super::{locate, ImportError};

/// The columns of an exported sheet, in order, with their widths in Excel's units.
const COLUMNS: [(Field, f64); 15] = [
    (Field::Ignore, 5.0),
    (Field::Hamlet, 22.0),
    (Field::Kind, 12.0),
    (Field::Name, 24.0),
    (Field::Role, 16.0),
    (Field::Phone, 16.0),
    (Field::Zalo, 8.0),
    (Field::Public, 13.0),
    (Field::Covers, 24.0),
    (Field::Given, 13.0),
    (Field::Method, 15.0),
    (Field::Evidence, 16.0),
    (Field::CollectedBy, 22.0),
    (Field::Withdrawn, 14.0),
    (Field::Note, 24.0),
];

/// What `ngo export` was asked to do.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub site_dir: PathBuf,
    pub province: String,
    pub commune: String,
    pub output: PathBuf,
}

/// What an export wrote.
#[derive(Debug)]
pub struct Exported {
    pub commune: String,
    pub members: usize,
    /// Phones in the sheet that the portal does not publish.
    pub private_phones: usize,
}

/// Runs `ngo export`.
pub fn export(options: &ExportOptions) -> Result<Exported, ImportError> {
    refuse_inside_site(&options.site_dir, &options.output)?;
    let target = locate::locate(&options.site_dir, &options.province, &options.commune)?;
    let Some(doc) = &target.existing else {
        return Err(ImportError::Input {
            message: format!("chưa có tệp danh sách tổ cho {}", target.label()),
            hint: "tạo bằng `ngo import` từ bảng tính, hoặc viết tệp trong teams/".into(),
        });
    };
    let rows = sheet_rows(&doc.teams);
    // Counted by the loader's own rule: whatever the portal does not publish is private here.
    let private_phones = target
        .audits
        .iter()
        .filter(|a| a.has_phone && !a.allowed.phone)
        .count();
    let extension = options
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv") => write_csv(&options.output, &rows)?,
        Some("xlsx") => write_xlsx(&options.output, &rows)?,
        _ => {
            return Err(ImportError::Input {
                message: format!("không ghi được loại tệp \"{}\"", options.output.display()),
                hint: "đặt tên tệp kết quả đuôi .xlsx hoặc .csv".into(),
            })
        }
    }
    Ok(Exported {
        commune: target.label(),
        members: doc.teams.iter().map(|t| t.members.len()).sum(),
        private_phones,
    })
}

/// A sheet written into the site folder could be copied into the portal (`static/`) or read as
/// content: keep the private working copy out of it.
fn refuse_inside_site(site_dir: &Path, output: &Path) -> Result<(), ImportError> {
    let site = resolved(site_dir);
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty());
    let folder = resolved(parent.unwrap_or(Path::new(".")));
    if folder.starts_with(&site) {
        return Err(ImportError::Input {
            message: format!(
                "không ghi bảng tính vào thư mục trang {}",
                site_dir.display()
            ),
            hint: "bảng tính có thể chứa số điện thoại riêng tư; ghi ra ngoài thư mục trang, ví dụ --output ~/danh-sach.xlsx"
                .into(),
        });
    }
    Ok(())
}

/// `path` made absolute through its nearest existing ancestor, so a folder not yet created still
/// compares right ("site/static/new" is inside "site").
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while let Some(parent) = existing.parent().filter(|_| !existing.exists()) {
        rest.push(existing.file_name().unwrap_or_default().to_owned());
        existing = parent;
    }
    let mut full = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    full.extend(rest.iter().rev());
    full
}

/// The header row, then one row per member.
fn sheet_rows(teams: &[TeamDoc]) -> Vec<Vec<String>> {
    let mut rows = vec![COLUMNS
        .iter()
        .map(|(f, _)| f.header().to_string())
        .collect()];
    for team in teams {
        let kind = team
            .kind()
            .and_then(canonical_kind)
            .or_else(|| kind_prefix(team.hamlet()))
            .unwrap_or_default();
        for member in &team.members {
            let number = rows.len().to_string();
            rows.push(
                COLUMNS
                    .iter()
                    .map(|(field, _)| cell(*field, team, kind, member, &number))
                    .collect(),
            );
        }
    }
    rows
}

/// One cell of a member's row.
fn cell(field: Field, team: &TeamDoc, kind: &str, m: &MemberDoc, number: &str) -> String {
    let yes_no = |b: bool| if b { "Có" } else { "Không" }.to_string();
    let text = |key: &str| m.text(key).unwrap_or_default().to_string();
    let record = m.consent();
    let date = |d: Option<Date>| d.map(|d| d.vietnamese()).unwrap_or_default();
    match field {
        Field::Ignore => number.to_string(),
        Field::Hamlet => team.hamlet().to_string(),
        Field::Kind => kind.to_string(),
        Field::Name => m.name().to_string(),
        Field::Role => text("role"),
        Field::Phone => m.text("phone").map_or_else(String::new, |p| {
            Phone::parse(p).map_or_else(|_| p.to_string(), |phone| phone.display())
        }),
        Field::Zalo => yes_no(m.zalo()),
        Field::Public => yes_no(m.public() || record.as_ref().is_some_and(covers_phone)),
        Field::Covers => record.as_ref().map_or_else(String::new, |r| {
            let words: Vec<&str> = r.covers.iter().map(|c| c.vietnamese()).collect();
            words.join(", ")
        }),
        Field::Given => date(record.as_ref().map(|r| r.given)),
        Field::Method => record
            .as_ref()
            .map_or_else(String::new, |r| r.method.vietnamese().to_string()),
        Field::Evidence => record
            .as_ref()
            .map_or_else(String::new, |r| r.evidence.clone()),
        Field::CollectedBy => record
            .as_ref()
            .map_or_else(String::new, |r| r.collected_by.clone()),
        Field::Withdrawn => date(m.withdrawn()),
        Field::Note => text("note"),
    }
}

fn covers_phone(record: &Record) -> bool {
    record.covers.contains(&Covered::Phone)
}

fn write_error(path: &Path) -> impl Fn(String) -> ImportError + '_ {
    move |detail| ImportError::Input {
        message: format!("không ghi được {}: {detail}", path.display()),
        hint: "kiểm tra thư mục có tồn tại và tệp không đang mở trong Excel".into(),
    }
}

/// UTF-8 with a byte order mark: without it Excel reads Vietnamese as mojibake.
fn write_csv(path: &Path, rows: &[Vec<String>]) -> Result<(), ImportError> {
    let mut writer = csv::Writer::from_writer(b"\xef\xbb\xbf".to_vec());
    for row in rows {
        writer
            .write_record(row)
            .map_err(|e| write_error(path)(e.to_string()))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| write_error(path)(e.to_string()))?;
    std::fs::write(path, bytes).map_err(|e| write_error(path)(e.to_string()))
}

/// Phones go in as text in a text-formatted column, so Excel keeps their leading 0 even when an
/// editor types a new one.
fn write_xlsx(path: &Path, rows: &[Vec<String>]) -> Result<(), ImportError> {
    let err = |e: rust_xlsxwriter::XlsxError| write_error(path)(e.to_string());
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Danh sách").map_err(err)?;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    for (col, (field, width)) in COLUMNS.iter().enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, *width).map_err(err)?;
        if *field == Field::Phone {
            sheet.set_column_format(col, &text).map_err(err)?;
        }
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if r == 0 {
                sheet
                    .write_string_with_format(r, c, value, &bold)
                    .map_err(err)?;
            } else if COLUMNS[c as usize].0 == Field::Phone {
                sheet
                    .write_string_with_format(r, c, value, &text)
                    .map_err(err)?;
            } else if COLUMNS[c as usize].0 == Field::Ignore {
                sheet.write_number(r, c, r as f64).map_err(err)?;
            } else {
                sheet.write_string(r, c, value).map_err(err)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    workbook.save(path).map_err(err)
}

//! Reading a team list from a workbook (xlsx, xlsm, xls, ods) or a CSV file into rows of clean
//! text, keeping each row's number as the editor sees it in the spreadsheet.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use crate::text;

use super::ImportError;

/// One sheet of cells as text: NFC, spaces collapsed, numbers without a trailing ".0".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The sheet's name; `None` for a CSV file, which has only one.
    pub sheet: Option<String>,
    pub rows: Vec<Vec<String>>,
    /// For each row, its number in the spreadsheet (1-based), for messages.
    pub row_numbers: Vec<usize>,
}

/// Every sheet of the file, in workbook order; a CSV file gives one table.
pub fn read_tables(path: &Path) -> Result<Vec<Table>, ImportError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "txt" => read_csv(path).map(|t| vec![t]),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path),
        _ => Err(ImportError::Input {
            message: format!("không đọc được loại tệp \"{}\"", path.display()),
            hint: "dùng tệp Excel (.xlsx, .xls), LibreOffice (.ods) hoặc CSV (.csv)".into(),
        }),
    }
}

fn read_workbook(path: &Path) -> Result<Vec<Table>, ImportError> {
    let unreadable = |err: &dyn std::fmt::Display| ImportError::Input {
        message: format!("không đọc được bảng tính {}: {err}", path.display()),
        hint: "mở tệp bằng Excel hoặc LibreOffice và lưu lại dưới dạng .xlsx".into(),
    };
    let mut workbook = open_workbook_auto(path).map_err(|e| unreadable(&e))?;
    let mut tables = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| unreadable(&e))?;
        // The range starts at the first used cell, not at A1: offset row numbers accordingly.
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let padding = vec![String::new(); first_col as usize];
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|row| {
                padding
                    .iter()
                    .cloned()
                    .chain(row.iter().map(cell_text))
                    .collect()
            })
            .collect();
        let row_numbers = (0..rows.len())
            .map(|i| first_row as usize + i + 1)
            .collect();
        tables.push(Table {
            sheet: Some(name),
            rows,
            row_numbers,
        });
    }
    Ok(tables)
}

/// A cell as the editor reads it on screen. Whole numbers lose the ".0" floats would add, which
/// matters for phone numbers typed into number cells (912345678).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Bool(true) => "có".to_string(),
        Data::Bool(false) => "không".to_string(),
        // A date typed into a date cell ("Ngày đồng ý"): the day, as the commune file writes it.
        Data::DateTime(d) if d.is_datetime() => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        Data::DateTimeIso(iso) => clean(iso.get(..10).unwrap_or(iso)),
        Data::Error(_) | Data::Empty => String::new(),
        other => clean(&other.to_string()),
    }
}

/// NFC, every run of whitespace (non-breaking spaces and line breaks in cells included) as one
/// space, trimmed.
pub fn clean(s: &str) -> String {
    text::nfc(s)
        .split(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn read_csv(path: &Path) -> Result<Table, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::Input {
        message: format!("không đọc được {}: {e}", path.display()),
        hint: "kiểm tra đường dẫn tới tệp".into(),
    })?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::Input {
        message: format!("{} không phải văn bản UTF-8", path.display()),
        hint: "trong Excel chọn Lưu thành → \"CSV UTF-8 (Comma delimited)\", hoặc nhập thẳng tệp .xlsx"
            .into(),
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(guess_delimiter(text))
        .from_reader(text.as_bytes());
    let mut table = Table {
        sheet: None,
        rows: Vec::new(),
        row_numbers: Vec::new(),
    };
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Input {
            message: format!("{}: tệp CSV hỏng: {e}", path.display()),
            hint: "mở bằng Excel và lưu lại dưới dạng CSV UTF-8".into(),
        })?;
        let line = record
            .position()
            .map_or(table.rows.len() + 1, |p| p.line() as usize);
        table.rows.push(record.iter().map(clean).collect());
        table.row_numbers.push(line);
    }
    Ok(table)
}

/// Excel in Vietnamese locales often saves CSV with semicolons; pick whichever separator the
/// first lines use most.
fn guess_delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(10).collect::<Vec<_>>().join("\n");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (head.bytes().filter(|&b| b == d).count(), d == b','))
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lose_the_float_tail_and_text_is_cleaned() {
        assert_eq!(cell_text(&Data::Float(912345678.0)), "912345678");
        assert_eq!(cell_text(&Data::Int(5)), "5");
        assert_eq!(cell_text(&Data::Float(21.5)), "21.5");
        let date =
            calamine::ExcelDateTime::new(46083.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(date)), "2026-03-02");
        let nfd: String = "Nguyễn  Văn\u{a0}An ".chars().collect::<String>();
        let nfd =
            unicode_normalization::UnicodeNormalization::nfd(nfd.as_str()).collect::<String>();
        assert_eq!(cell_text(&Data::String(nfd)), "Nguyễn Văn An");
    }

    #[test]
    fn semicolon_csv_is_recognised() {
        assert_eq!(guess_delimiter("Họ và tên;Thôn;SĐT\nA;B;C"), b';');
        assert_eq!(guess_delimiter("Họ và tên,Thôn\nA,B"), b',');
        assert_eq!(guess_delimiter("x"), b',');
    }
}

//! Finding the header row of a sheet under titles, blank rows and two-row merged headers, and
//! where each field's values are.

use std::collections::BTreeMap;

use crate::text;

use super::columns::{recognise, ColumnMap, Field, Recognised};
use super::ImportError;

/// How many rows from the top may hold titles before the header row.
const HEADER_SEARCH_ROWS: usize = 30;

/// The header row found in a sheet and where each field's values are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// Index into the table's rows of the (last) header row; data starts after it.
    pub header_row: usize,
    /// Column index of each field present (the first column, when two mean the same field).
    pub fields: BTreeMap<Field, usize>,
    /// The kind implied by the hamlet column's header, if it names one.
    pub hamlet_kind: Option<&'static str>,
    /// Headers nobody recognised, kept to tell the editor they were skipped.
    pub unknown: Vec<String>,
}

impl Columns {
    pub fn has(&self, field: Field) -> bool {
        self.fields.contains_key(&field)
    }
}

/// Finds the header row among the first rows of `rows`: the row where the most fields are
/// recognised, reading a blank cell as the cell above it (a header merged over two rows).
/// The name and hamlet columns are required.
pub fn detect(rows: &[Vec<String>], map: &ColumnMap) -> Result<Columns, ImportError> {
    let mut best: Option<Columns> = None;
    for index in 0..rows.len().min(HEADER_SEARCH_ROWS) {
        let candidate = read_header(rows, index, map);
        let score = |c: &Columns| c.fields.keys().filter(|f| **f != Field::Ignore).count();
        if candidate.has(Field::Name) && best.as_ref().is_none_or(|b| score(&candidate) > score(b))
        {
            best = Some(candidate);
        }
    }
    let missing_hamlet = best.as_ref().is_some_and(|c| !c.has(Field::Hamlet));
    match best {
        Some(columns) if !missing_hamlet => {
            check_mapped_headers_exist(rows, &columns, map)?;
            Ok(columns)
        }
        Some(columns) => Err(ImportError::Sheet {
            message: format!(
                "không thấy cột thôn/tổ dân phố trong dòng tiêu đề (dòng {} của bảng)",
                columns.header_row + 1
            ),
            hint: "đặt tên cột là \"Thôn/Tổ dân phố\", \"Thôn\", \"Ấp\"…, hoặc dùng --map \"Tên cột=hamlet\"".into(),
        }),
        None => Err(ImportError::Sheet {
            message: "không tìm thấy dòng tiêu đề có cột \"Họ và tên\"".into(),
            hint: "bảng cần một dòng tiêu đề với các cột như \"Họ và tên\", \"Chức vụ\", \"Số điện thoại\", \
                   \"Thôn/Tổ dân phố\"; nếu tên cột khác, dùng --map \"Tên cột=name\""
                .into(),
        }),
    }
}

fn read_header(rows: &[Vec<String>], index: usize, map: &ColumnMap) -> Columns {
    let mut columns = Columns {
        header_row: index,
        fields: BTreeMap::new(),
        hamlet_kind: None,
        unknown: Vec::new(),
    };
    let width = rows[index].len();
    for col in 0..width {
        let Some((label, found)) = header_label(rows, index, col, map) else {
            continue;
        };
        match found {
            Some(r) => {
                if r.field == Field::Hamlet && !columns.fields.contains_key(&Field::Hamlet) {
                    columns.hamlet_kind = r.kind;
                }
                columns.fields.entry(r.field).or_insert(col);
            }
            None => columns.unknown.push(label),
        }
    }
    columns
}

/// The header text of one column and what it means; the row above stands in for a blank cell.
fn header_label(
    rows: &[Vec<String>],
    index: usize,
    col: usize,
    map: &ColumnMap,
) -> Option<(String, Option<Recognised>)> {
    let meaning = |s: &str| map.get(s).or_else(|| recognise(s));
    let cell = |row: usize| rows[row].get(col).map(String::as_str).unwrap_or("");
    let own = cell(index);
    if !own.is_empty() {
        return Some((own.to_string(), meaning(own)));
    }
    let above = if index > 0 { cell(index - 1) } else { "" };
    (!above.is_empty()).then(|| (above.to_string(), meaning(above)))
}

/// A `--map` for a header that is not in the sheet is a typo the editor needs to hear about.
fn check_mapped_headers_exist(
    rows: &[Vec<String>],
    columns: &Columns,
    map: &ColumnMap,
) -> Result<(), ImportError> {
    let present: Vec<String> = (0..rows[columns.header_row].len())
        .filter_map(|col| header_label(rows, columns.header_row, col, map).map(|(l, _)| l))
        .collect();
    let keys: Vec<String> = present.iter().map(|h| text::name_key(h)).collect();
    let problems: Vec<String> = map
        .overrides
        .iter()
        .filter(|(key, _)| !keys.contains(key))
        .map(|(_, (shown, _))| {
            format!(
                "--map: không có cột \"{shown}\" trong dòng tiêu đề; các cột là: {}",
                present
                    .iter()
                    .map(|h| format!("\"{h}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ImportError::Usage(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    fn field_at(columns: &Columns, field: Field) -> Option<usize> {
        columns.fields.get(&field).copied()
    }

    #[test]
    fn header_row_is_found_below_titles_and_blank_rows() {
        let table = rows(&[
            &["DANH SÁCH TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", "", ""],
            &["", "", ""],
            &["STT", "Họ và tên", "Thôn", "Số điện thoại"],
            &["1", "Nguyễn Văn An", "Khe Cát", "0912345678"],
        ]);
        let columns = detect(&table, &ColumnMap::default()).unwrap();
        assert_eq!(columns.header_row, 2);
        assert_eq!(field_at(&columns, Field::Name), Some(1));
        assert_eq!(field_at(&columns, Field::Hamlet), Some(2));
        assert_eq!(field_at(&columns, Field::Phone), Some(3));
        assert_eq!(columns.hamlet_kind, Some("thôn"));
    }

    #[test]
    fn a_header_merged_over_two_rows_is_read_as_one() {
        let table = rows(&[
            &["STT", "Họ và tên", "Thôn/Tổ dân phố", "Liên hệ", ""],
            &["", "", "", "Số điện thoại", "Zalo"],
            &["1", "Nguyễn Văn An", "Thôn Khe Cát", "0912345678", "có"],
        ]);
        let columns = detect(&table, &ColumnMap::default()).unwrap();
        assert_eq!(columns.header_row, 1);
        assert_eq!(field_at(&columns, Field::Name), Some(1));
        assert_eq!(field_at(&columns, Field::Hamlet), Some(2));
        assert_eq!(field_at(&columns, Field::Phone), Some(3));
        assert_eq!(field_at(&columns, Field::Zalo), Some(4));
    }

    #[test]
    fn map_overrides_and_adds_columns() {
        let table = rows(&[&["Tên", "Khu vực", "Liên lạc", "Ngày sinh"]]);
        let map = ColumnMap::parse(&["Khu vực=hamlet".into(), "LIEN LAC=phone".into()]).unwrap();
        let columns = detect(&table, &map).unwrap();
        assert_eq!(field_at(&columns, Field::Hamlet), Some(1));
        assert_eq!(field_at(&columns, Field::Phone), Some(2));
        assert_eq!(columns.unknown, vec!["Ngày sinh".to_string()]);
        let map = ColumnMap::parse(&["Tên=ignore".into(), "Liên lạc=name".into()]).unwrap();
        let columns = detect(&rows(&[&["Tên", "Thôn", "Liên lạc"]]), &map).unwrap();
        assert_eq!(field_at(&columns, Field::Name), Some(2));
    }

    #[test]
    fn bad_maps_are_all_reported() {
        let err =
            ColumnMap::parse(&["Cột X".into(), "Cột Y=phnoe".into(), "=name".into()]).unwrap_err();
        let ImportError::Usage(problems) = err else {
            panic!("usage error expected")
        };
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[1].contains("phone"), "{problems:?}");
        let table = rows(&[&["Họ và tên", "Thôn"]]);
        let map = ColumnMap::parse(&["Điện thoại nhà=phone".into()]).unwrap();
        assert!(matches!(detect(&table, &map), Err(ImportError::Usage(_))));
    }

    #[test]
    fn a_sheet_without_names_or_hamlets_is_refused() {
        let no_names = rows(&[&["Thôn", "Số điện thoại"], &["Khe Cát", "0912345678"]]);
        assert!(matches!(
            detect(&no_names, &ColumnMap::default()),
            Err(ImportError::Sheet { .. })
        ));
        let no_hamlets = rows(&[&["Họ và tên", "Số điện thoại"]]);
        let Err(ImportError::Sheet { message, .. }) = detect(&no_hamlets, &ColumnMap::default())
        else {
            panic!("sheet error expected")
        };
        assert!(message.contains("thôn"), "{message}");
    }
}

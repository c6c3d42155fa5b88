//! The consent columns of a sheet row: what the member agreed to publish, when, how, the evidence
//! id and the collector, read into a consent record, and the withdrawal date.

use crate::date::Date;
use crate::model::consent::{Covered, Method, Record};

use super::columns::Field;
use super::rows::RowRules;

/// The consent columns of a row: all five filled in, or none.
pub(super) fn read_consent<'a>(
    cell: &impl Fn(Field) -> Option<&'a str>,
    today: Date,
) -> Result<Option<Record>, Vec<String>> {
    if Field::CONSENT.iter().all(|&f| cell(f).is_none()) {
        return Ok(None);
    }
    let mut problems = Vec::new();
    let missing: Vec<&str> = Field::CONSENT
        .iter()
        .filter(|&&f| cell(f).is_none())
        .map(|f| f.header())
        .collect();
    if !missing.is_empty() {
        problems.push(format!(
            "thông tin đồng ý chưa đủ, thiếu: {} (cần đủ phạm vi, ngày, hình thức, mã minh chứng, người lấy ý kiến)",
            missing.join(", ")
        ));
    }
    let covers =
        cell(Field::Covers).and_then(|c| covers(c).map_err(|p| problems.push(p.to_string())).ok());
    let given = cell(Field::Given).and_then(|d| match sheet_date(d) {
        Some(date) if date > today => {
            problems.push(format!(
                "ngày đồng ý {} chưa tới (hôm nay là {})",
                date.vietnamese(),
                today.vietnamese()
            ));
            None
        }
        Some(date) => Some(date),
        None => {
            problems.push(bad_date(d, Field::Given));
            None
        }
    });
    let method = cell(Field::Method).and_then(|m| {
        Method::parse(m)
            .ok_or_else(|| {
                problems.push(format!(
                    "không hiểu \"{m}\" ở cột {}: ghi phiếu giấy, tin nhắn, ghi âm hoặc điện tử",
                    Field::Method.header()
                ))
            })
            .ok()
    });
    match (
        covers,
        given,
        method,
        cell(Field::Evidence),
        cell(Field::CollectedBy),
    ) {
        (Some(covers), Some(given), Some(method), Some(evidence), Some(collected_by))
            if problems.is_empty() =>
        {
            Ok(Some(Record {
                covers,
                given,
                method,
                evidence: evidence.to_string(),
                collected_by: collected_by.to_string(),
            }))
        }
        _ => Err(problems),
    }
}

/// A cell the importer could not read, as the report names it beside the row number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CellError {
    #[error("không hiểu \"{value}\" ở cột {column}: ghi số điện thoại, Zalo, tên")]
    NotCovered { value: String, column: &'static str },
    #[error("cột {column} có Zalo mà không có số điện thoại: nút Zalo mở đúng số điện thoại này")]
    ZaloWithoutPhone { column: &'static str },
    #[error("không hiểu \"{value}\" ở cột {column}: ghi \"Có\" hoặc \"Không\"")]
    NotYesNo { value: String, column: &'static str },
}

/// "số điện thoại, Zalo, tên": what the consent covers, in words, any separator.
pub(super) fn covers(cell: &str) -> Result<Vec<Covered>, CellError> {
    let mut found = Vec::new();
    for part in cell
        .split([',', ';', '/', '+'])
        .flat_map(|p| p.split(" và "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match Covered::parse(part) {
            Some(c) => found.push(c),
            None => {
                return Err(CellError::NotCovered {
                    value: part.to_string(),
                    column: Field::Covers.header(),
                })
            }
        }
    }
    found.sort();
    found.dedup();
    if found.contains(&Covered::Zalo) && !found.contains(&Covered::Phone) {
        return Err(CellError::ZaloWithoutPhone {
            column: Field::Covers.header(),
        });
    }
    Ok(found)
}

/// `02/03/2026`, `2/3/2026`, `02-03-2026`, `02.03.2026` (day first, as in Vietnam) or
/// `2026-03-02`.
pub fn sheet_date(cell: &str) -> Option<Date> {
    if let Some(date) = Date::parse(cell.trim()) {
        return Some(date);
    }
    let parts: Vec<&str> = cell.trim().split(['/', '-', '.']).collect();
    let [day, month, year] = parts[..] else {
        return None;
    };
    if year.len() != 4 || day.is_empty() || day.len() > 2 || month.is_empty() || month.len() > 2 {
        return None;
    }
    Date::parse(&format!("{year}-{month:0>2}-{day:0>2}"))
}

pub(super) fn bad_date(cell: &str, field: Field) -> String {
    format!(
        "\"{cell}\" ở cột {} không phải ngày: ghi ngày/tháng/năm như 02/03/2026",
        field.header()
    )
}

/// The consent column ("Công khai số") and the consent record must agree about the phone, and a
/// site that requires records refuses a bare yes.
pub(super) fn consent_agrees(
    public: Option<bool>,
    record: Option<&Record>,
    rules: &RowRules,
) -> Vec<String> {
    let covers_phone = record.map(|r| r.covers.contains(&Covered::Phone));
    match (public, covers_phone) {
        (Some(true), Some(false)) => vec![format!(
            "cột {} là Có nhưng cột {} không có số điện thoại",
            Field::Public.header(),
            Field::Covers.header()
        )],
        (Some(false), Some(true)) => vec![format!(
            "cột {} là Không nhưng cột {} có số điện thoại",
            Field::Public.header(),
            Field::Covers.header()
        )],
        (Some(true), None) if rules.require_record => vec![format!(
            "cột {} là Có nhưng chưa có thông tin đồng ý (phạm vi, ngày, hình thức, mã minh chứng, người lấy ý kiến): trang này yêu cầu bản ghi đồng ý",
            Field::Public.header()
        )],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_cells_in_common_spellings() {
        assert_eq!(sheet_date("02/03/2026"), Date::parse("2026-03-02"));
        assert_eq!(sheet_date("2/3/2026"), Date::parse("2026-03-02"));
        assert_eq!(sheet_date("2026-03-02"), Date::parse("2026-03-02"));
        assert_eq!(sheet_date("02.03.2026"), Date::parse("2026-03-02"));
        assert_eq!(sheet_date("31/02/2026"), None);
        assert_eq!(sheet_date("03/2026"), None);
        assert_eq!(
            covers("Số điện thoại, Zalo và tên"),
            Ok(vec![Covered::Phone, Covered::Zalo, Covered::Name])
        );
        assert_eq!(
            covers("Zalo").unwrap_err().to_string(),
            "cột Phạm vi đồng ý có Zalo mà không có số điện thoại: nút Zalo mở đúng số điện thoại này"
        );
        assert_eq!(
            covers("địa chỉ").unwrap_err().to_string(),
            "không hiểu \"địa chỉ\" ở cột Phạm vi đồng ý: ghi số điện thoại, Zalo, tên"
        );
    }
}

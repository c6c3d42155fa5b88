//! Which spreadsheet column holds what: header names as communes write them, and the editor's
//! `--map` overrides.

use std::collections::BTreeMap;

use crate::model::HAMLET_KINDS;
use crate::text;

use super::ImportError;

/// A field of the commune file that a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Hamlet,
    Kind,
    Name,
    Role,
    Phone,
    Zalo,
    Public,
    /// What the consent covers ("số điện thoại, Zalo, tên").
    Covers,
    /// The day consent was given.
    Given,
    /// How it was given (phiếu giấy, tin nhắn, ghi âm, điện tử).
    Method,
    /// The id of the evidence the commune keeps.
    Evidence,
    /// Who collected it.
    CollectedBy,
    /// The day consent was withdrawn.
    Withdrawn,
    Note,
    /// A column read and dropped on purpose, such as the row number "STT".
    Ignore,
}

impl Field {
    /// The names `--map` accepts, in the order help lists them.
    pub const ALL: [(&'static str, Field); 15] = [
        ("hamlet", Field::Hamlet),
        ("kind", Field::Kind),
        ("name", Field::Name),
        ("role", Field::Role),
        ("phone", Field::Phone),
        ("zalo", Field::Zalo),
        ("public", Field::Public),
        ("covers", Field::Covers),
        ("given", Field::Given),
        ("method", Field::Method),
        ("evidence", Field::Evidence),
        ("collected_by", Field::CollectedBy),
        ("withdrawn", Field::Withdrawn),
        ("note", Field::Note),
        ("ignore", Field::Ignore),
    ];

    /// The columns of a consent record: all or none of them are filled in on a row.
    pub const CONSENT: [Field; 5] = [
        Field::Covers,
        Field::Given,
        Field::Method,
        Field::Evidence,
        Field::CollectedBy,
    ];

    fn from_name(name: &str) -> Option<Field> {
        let name = text::fold(name.trim());
        Field::ALL.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }

    /// The Vietnamese header the export writes for this field.
    pub fn header(self) -> &'static str {
        match self {
            Field::Hamlet => "Thôn/Tổ dân phố",
            Field::Kind => "Loại",
            Field::Name => "Họ và tên",
            Field::Role => "Chức vụ",
            Field::Phone => "Số điện thoại",
            Field::Zalo => "Zalo",
            Field::Public => "Công khai số",
            Field::Covers => "Phạm vi đồng ý",
            Field::Given => "Ngày đồng ý",
            Field::Method => "Hình thức đồng ý",
            Field::Evidence => "Mã minh chứng",
            Field::CollectedBy => "Người lấy ý kiến",
            Field::Withdrawn => "Ngày rút đồng ý",
            Field::Note => "Ghi chú",
            Field::Ignore => "STT",
        }
    }
}

/// Header spellings, as [`text::name_key`]s, and the field each one means.
const HEADERS: &[(&str, Field)] = &[
    ("ho va ten", Field::Name),
    ("ho ten", Field::Name),
    ("ten", Field::Name),
    ("ten thanh vien", Field::Name),
    ("ho va ten thanh vien", Field::Name),
    ("chuc vu", Field::Role),
    ("chuc danh", Field::Role),
    ("vai tro", Field::Role),
    ("nhiem vu", Field::Role),
    ("chuc vu trong to", Field::Role),
    ("so dien thoai", Field::Phone),
    ("dien thoai", Field::Phone),
    ("sdt", Field::Phone),
    ("so dt", Field::Phone),
    ("dt", Field::Phone),
    ("dtdd", Field::Phone),
    ("dien thoai di dong", Field::Phone),
    ("thon to dan pho", Field::Hamlet),
    ("thon to", Field::Hamlet),
    ("thon ban", Field::Hamlet),
    ("thon xom", Field::Hamlet),
    ("thon ap", Field::Hamlet),
    ("ap khom", Field::Hamlet),
    ("ten thon", Field::Hamlet),
    ("dia ban", Field::Hamlet),
    ("dia ban phu trach", Field::Hamlet),
    ("loai", Field::Kind),
    ("loai thon to", Field::Kind),
    ("loai dia ban", Field::Kind),
    ("zalo", Field::Zalo),
    ("co zalo", Field::Zalo),
    ("cong khai", Field::Public),
    ("cong khai so", Field::Public),
    ("cong khai so dien thoai", Field::Public),
    ("dong y cong khai", Field::Public),
    ("dong y cong khai so", Field::Public),
    ("dong y cong khai so dien thoai", Field::Public),
    ("pham vi dong y", Field::Covers),
    ("noi dung dong y", Field::Covers),
    ("dong y cong khai thong tin", Field::Covers),
    ("ngay dong y", Field::Given),
    ("hinh thuc dong y", Field::Method),
    ("cach dong y", Field::Method),
    ("ma minh chung", Field::Evidence),
    ("minh chung", Field::Evidence),
    ("so phieu", Field::Evidence),
    ("so phieu dong y", Field::Evidence),
    ("ma bien ban", Field::Evidence),
    ("so bien ban", Field::Evidence),
    ("nguoi lay y kien", Field::CollectedBy),
    ("nguoi lay dong y", Field::CollectedBy),
    ("nguoi thu thap", Field::CollectedBy),
    ("can bo lay y kien", Field::CollectedBy),
    ("ngay rut dong y", Field::Withdrawn),
    ("rut dong y", Field::Withdrawn),
    ("ngay rut", Field::Withdrawn),
    ("ghi chu", Field::Note),
    ("stt", Field::Ignore),
    ("tt", Field::Ignore),
    ("so tt", Field::Ignore),
    ("so thu tu", Field::Ignore),
];

/// What a header cell means: a field, and for a hamlet column named after one kind of hamlet
/// ("Thôn", "Ấp", "Tổ dân phố"), that kind, so a bare "Khe Cát" under it is "Thôn Khe Cát".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Recognised {
    pub field: Field,
    pub kind: Option<&'static str>,
}

/// Reads one header cell; `None` for a header no rule knows.
pub(super) fn recognise(header: &str) -> Option<Recognised> {
    let key = text::name_key(header);
    if key.is_empty() {
        return None;
    }
    if let Some(kind) = HAMLET_KINDS.iter().find(|k| text::name_key(k) == key) {
        return Some(Recognised {
            field: Field::Hamlet,
            kind: Some(kind),
        });
    }
    // "Số điện thoại (Zalo)" is a phone column: the longest known header the cell starts with wins.
    HEADERS
        .iter()
        .filter(|(h, _)| key == *h || key.starts_with(&format!("{h} ")))
        .max_by_key(|(h, _)| h.len())
        .map(|&(_, field)| Recognised { field, kind: None })
}

/// An editor's `--map "Header=field"` choices, keyed by the header's [`text::name_key`].
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    pub(super) overrides: BTreeMap<String, (String, Field)>,
}

impl ColumnMap {
    /// Parses every `--map` value, reporting all mistakes at once.
    pub fn parse(values: &[String]) -> Result<ColumnMap, ImportError> {
        let mut map = ColumnMap::default();
        let mut problems = Vec::new();
        for value in values {
            let Some((header, field)) = value.rsplit_once('=') else {
                problems.push(format!(
                    "--map \"{value}\": thiếu dấu = (viết \"Tên cột=trường\")"
                ));
                continue;
            };
            match Field::from_name(field) {
                Some(f) if !text::name_key(header).is_empty() => {
                    let shown = text::nfc(header.trim());
                    map.overrides.insert(text::name_key(header), (shown, f));
                }
                Some(_) => problems.push(format!("--map \"{value}\": thiếu tên cột trước dấu =")),
                None => problems.push(format!(
                    "--map \"{value}\": không có trường \"{}\"; dùng một trong: {}",
                    field.trim(),
                    Field::ALL.map(|(n, _)| n).join(", ")
                )),
            }
        }
        if problems.is_empty() {
            Ok(map)
        } else {
            Err(ImportError::Usage(problems))
        }
    }

    pub(super) fn get(&self, header: &str) -> Option<Recognised> {
        self.overrides
            .get(&text::name_key(header))
            .map(|&(_, field)| Recognised { field, kind: None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_headers_are_recognised_in_any_case_and_without_marks() {
        for (header, field) in [
            ("Họ và tên", Field::Name),
            ("HỌ VÀ TÊN", Field::Name),
            ("ho ten", Field::Name),
            ("Chức vụ", Field::Role),
            ("SĐT", Field::Phone),
            ("Số điện thoại", Field::Phone),
            ("Điện thoại", Field::Phone),
            ("Số điện thoại (Zalo)", Field::Phone),
            ("Thôn/Tổ dân phố", Field::Hamlet),
            ("Công khai số", Field::Public),
            ("Đồng ý công khai", Field::Public),
            ("Zalo", Field::Zalo),
            ("Ghi chú", Field::Note),
            ("Phạm vi đồng ý", Field::Covers),
            ("Ngày đồng ý", Field::Given),
            ("Hình thức đồng ý", Field::Method),
            ("Mã minh chứng", Field::Evidence),
            ("Số phiếu đồng ý", Field::Evidence),
            ("Người lấy ý kiến", Field::CollectedBy),
            ("Ngày rút đồng ý", Field::Withdrawn),
            ("STT", Field::Ignore),
            ("Tên thôn", Field::Hamlet),
        ] {
            assert_eq!(recognise(header).map(|r| r.field), Some(field), "{header}");
        }
        assert_eq!(recognise("Ngày sinh"), None);
        assert_eq!(recognise(""), None);
    }

    #[test]
    fn a_hamlet_column_named_after_a_kind_carries_it() {
        assert_eq!(recognise("Ấp").and_then(|r| r.kind), Some("ấp"));
        assert_eq!(
            recognise("tổ dân phố").and_then(|r| r.kind),
            Some("tổ dân phố")
        );
        assert_eq!(recognise("Thôn").and_then(|r| r.kind), Some("thôn"));
        assert_eq!(recognise("Thôn/Tổ dân phố").and_then(|r| r.kind), None);
    }
}

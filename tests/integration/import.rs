//! `ngo import` and `ngo export` on real workbooks and CSV files written by the tests.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use unicode_normalization::UnicodeNormalization;

use ngo_tests::{copy_tree, files_under, ngo, repo_root};

/// Phường Hà Tu (6652), Quảng Ninh: a ward the minimal fixture has no file for.
const WARD: [&str; 4] = ["--province", "Quảng Ninh", "--commune", "Phường Hà Tu"];
const WARD_FILE: &str = "site/teams/quang-ninh/ha-tu.yaml";

/// A cell of a test sheet.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Blank,
}
use Cell::{Blank, Number, Text};

/// The minimal fixture copied to `<tmp>/site`.
fn site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(
        &repo_root().join("tests/fixtures/minimal"),
        &tmp.path().join("site"),
    );
    tmp
}

fn write_rows(sheet: &mut Worksheet, first_row: u32, rows: &[Vec<Cell>]) {
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (first_row + r as u32, c as u16);
            match cell {
                Text(s) => drop(sheet.write_string(r, c, *s).unwrap()),
                Number(n) => drop(sheet.write_number(r, c, *n).unwrap()),
                Blank => {}
            }
        }
    }
}

fn xlsx(path: &Path, sheet_name: &str, rows: &[Vec<Cell>]) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name).unwrap();
    write_rows(sheet, 0, rows);
    workbook.save(path).unwrap();
}

fn import(dir: &Path, file: &str, unit: &[&str], extra: &[&str]) -> ngo_tests::Run {
    let mut args = vec!["import", file, "--site", "site"];
    args.extend(unit);
    args.extend(extra);
    ngo(dir, &args)
}

/// Headers and rows of the ward's team list, as a tidy commune would type them.
fn clean_rows() -> Vec<Vec<Cell<'static>>> {
    vec![
        [
            "STT",
            "Họ và tên",
            "Chức vụ",
            "Tổ dân phố",
            "Số điện thoại",
            "Zalo",
            "Đồng ý công khai",
        ]
        .map(Text)
        .to_vec(),
        vec![
            Number(1.0),
            Text("Phạm Thị Hoa"),
            Text("Tổ trưởng"),
            Text("1"),
            Text("0912 345 678"),
            Text("Có"),
            Text("Có"),
        ],
        vec![
            Number(2.0),
            Text("Đỗ Văn Minh"),
            Text("Thành viên"),
            Text("1"),
            Text("0987 654 321"),
            Blank,
            Text("Không"),
        ],
        vec![
            Number(3.0),
            Text("Vũ Thị Lan"),
            Text("Tổ trưởng"),
            Text("2"),
            Text("0203 3123 456"),
            Blank,
            Text("Có"),
        ],
        vec![
            Number(4.0),
            Text("Hoàng Văn Tú"),
            Text("Thành viên"),
            Text("2"),
            Blank,
            Blank,
            Blank,
        ],
    ]
}

#[test]
fn a_clean_sheet_creates_the_commune_file_and_the_site_builds() {
    let tmp = site();
    xlsx(&tmp.path().join("ds.xlsx"), "Danh sách", &clean_rows());
    let run = import(tmp.path(), "ds.xlsx", &WARD, &[]).ok();
    let out = run.stdout();
    assert!(
        out.contains("+ thêm tổ Tổ dân phố 1 (2 thành viên)"),
        "{out}"
    );
    assert!(
        out.contains("+ thêm tổ Tổ dân phố 2 (2 thành viên)"),
        "{out}"
    );
    assert!(out.contains("Đã tạo teams/quang-ninh/ha-tu.yaml"), "{out}");
    let yaml = std::fs::read_to_string(tmp.path().join(WARD_FILE)).unwrap();
    assert!(yaml.contains("province: 22 # Tỉnh Quảng Ninh"), "{yaml}");
    assert!(yaml.contains("commune: 6652 # Phường Hà Tu"), "{yaml}");
    assert!(yaml.contains("hamlet: \"Tổ dân phố 1\""), "{yaml}");
    ngo(tmp.path(), &["check", "site"]).ok();
    let built = ngo(tmp.path(), &["build", "site", "-o", "out"]).ok();
    assert!(
        built.stdout().contains("4 tổ, 7 thành viên"),
        "{}",
        built.stdout()
    );
    let html = all_text_under(&tmp.path().join("out"));
    assert!(
        html.contains("0912 345 678"),
        "a consented phone is published"
    );
    assert!(html.contains("Phạm Thị Hoa"));
    assert!(
        !html.contains("0987 654 321") && !html.contains("987654321"),
        "withheld phone leaked"
    );
}

fn all_text_under(dir: &Path) -> String {
    files_under(dir)
        .iter()
        .filter_map(|f| std::fs::read_to_string(dir.join(f)).ok())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The same list as [`clean_rows`], typed the way real sheets arrive: a title above, a two-row
/// header with merged cells, blank rows, phones as numbers, the ward's group written once per
/// group, trailing spaces and decomposed Vietnamese letters.
fn messy_xlsx(path: &Path) {
    let nfd = |s: &str| -> &'static str { Box::leak(s.nfd().collect::<String>().into_boxed_str()) };
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("TDP").unwrap();
    let merged = Format::new().set_bold();
    sheet
        .merge_range(
            0,
            0,
            0,
            6,
            "DANH SÁCH TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG PHƯỜNG HÀ TU",
            &merged,
        )
        .unwrap();
    for (col, header) in [
        (0, "STT"),
        (1, "HỌ VÀ TÊN"),
        (2, "Chức vụ"),
        (3, "Tổ dân phố"),
    ] {
        sheet.merge_range(2, col, 3, col, header, &merged).unwrap();
    }
    sheet.merge_range(2, 4, 2, 6, "Liên hệ", &merged).unwrap();
    write_rows(
        sheet,
        3,
        &[vec![
            Blank,
            Blank,
            Blank,
            Blank,
            Text("SĐT"),
            Text("Zalo"),
            Text("Công khai số"),
        ]],
    );
    let rows = vec![
        vec![
            Number(1.0),
            Text(nfd("Phạm Thị Hoa  ")),
            Text("Tổ trưởng "),
            Number(1.0),
            Number(912345678.0),
            Text("x"),
            Text("x"),
        ],
        vec![
            Number(2.0),
            Text(nfd("Đỗ Văn Minh")),
            Text("Thành viên"),
            Blank,
            Number(987654321.0),
            Blank,
            Blank,
        ],
        vec![Blank; 7],
        vec![
            Number(3.0),
            Text(nfd("Vũ Thị Lan")),
            Text(nfd("Tổ trưởng")),
            Number(2.0),
            Text("0203.3123.456"),
            Blank,
            Text("đồng ý"),
        ],
        vec![
            Number(4.0),
            Text(" Hoàng Văn Tú"),
            Text("Thành viên"),
            Blank,
            Blank,
            Blank,
            Blank,
        ],
    ];
    write_rows(sheet, 4, &rows);
    workbook.save(path).unwrap();
}

#[test]
fn a_messy_sheet_gives_the_same_file_as_a_clean_one() {
    let clean = site();
    xlsx(&clean.path().join("ds.xlsx"), "Danh sách", &clean_rows());
    import(clean.path(), "ds.xlsx", &WARD, &[]).ok();
    let messy = site();
    messy_xlsx(&messy.path().join("ds.xlsx"));
    let run = import(messy.path(), "ds.xlsx", &WARD, &[]).ok();
    assert!(
        run.stdout().contains("ds.xlsx:sheet \"TDP\""),
        "{}",
        run.stdout()
    );
    let read = |dir: &Path| std::fs::read_to_string(dir.join(WARD_FILE)).unwrap();
    assert_eq!(read(messy.path()), read(clean.path()));
}

fn bad_sheet(path: &Path) {
    xlsx(
        path,
        "Danh sách",
        &[
            // Row 1 left empty: the sheet's used range starts at row 2, row numbers must not.
            vec![Blank],
            vec![Text("Danh sách tổ")],
            ["Họ và tên", "Thôn/Tổ dân phố", "Số điện thoại"]
                .map(Text)
                .to_vec(),
            vec![Text("Ngô Văn Hải"), Blank, Text("0912345678")],
            vec![Text("Bùi Thị Nga"), Text("Tổ dân phố 3"), Text("0912 345")],
            vec![Blank, Text("Tổ dân phố 3"), Text("0912345679")],
            vec![Text("Lý Văn Quý"), Text("Tổ dân phố 3"), Text("0912345670")],
            vec![
                Text("Mai Thị Thu"),
                Text("Tổ dân phố 3"),
                Text("0988 111 222"),
            ],
        ],
    );
}

#[test]
fn bad_rows_are_all_reported_with_sheet_and_row_and_nothing_is_written() {
    let tmp = site();
    bad_sheet(&tmp.path().join("bad.xlsx"));
    let before = files_under(tmp.path());
    let run = import(tmp.path(), "bad.xlsx", &WARD, &[]).failed();
    let err = run.stderr();
    for (row, what) in [(4, "thôn"), (5, "7 chữ số"), (6, "thiếu họ và tên")] {
        let prefix = format!("bad.xlsx:sheet \"Danh sách\": dòng {row}: ");
        let line = err.lines().find(|l| l.starts_with(&prefix));
        assert!(line.is_some_and(|l| l.contains(what)), "row {row}: {err}");
    }
    assert!(err.contains("Có 3 dòng lỗi"), "{err}");
    assert_eq!(files_under(tmp.path()), before);
}

#[test]
fn force_skips_bad_rows_lists_them_and_writes_the_rest() {
    let tmp = site();
    bad_sheet(&tmp.path().join("bad.xlsx"));
    let run = import(tmp.path(), "bad.xlsx", &WARD, &["--force"]).ok();
    let out = run.stdout();
    assert_eq!(
        out.matches("bỏ qua bad.xlsx:sheet \"Danh sách\": dòng")
            .count(),
        3,
        "{out}"
    );
    let yaml = std::fs::read_to_string(tmp.path().join(WARD_FILE)).unwrap();
    assert!(
        yaml.contains("Lý Văn Quý") && yaml.contains("Mai Thị Thu"),
        "{yaml}"
    );
    assert!(
        !yaml.contains("Bùi Thị Nga") && !yaml.contains("Ngô Văn Hải"),
        "{yaml}"
    );
    ngo(tmp.path(), &["check", "site"]).ok();
}

fn csv(dir: &Path, name: &str, lines: &[&str]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

#[test]
fn an_update_keeps_hand_edits_and_reports_what_changed() {
    let tmp = site();
    let header = "Họ và tên,Chức vụ,Thôn/Tổ dân phố,SĐT";
    csv(
        tmp.path(),
        "v1.csv",
        &[
            header,
            "Phạm Thị Hoa,Tổ trưởng,Tổ dân phố 1,0912345678",
            "Đỗ Văn Minh,Thành viên,Tổ dân phố 1,0987654321",
            "Vũ Thị Lan,Tổ trưởng,Tổ dân phố 2,",
        ],
    );
    import(tmp.path(), "v1.csv", &WARD, &[]).ok();
    let path = tmp.path().join(WARD_FILE);
    let by_hand = std::fs::read_to_string(&path)
        .unwrap()
        .replacen(
            "    kind: tổ dân phố\n",
            "    kind: tổ dân phố\n    meeting: \"Nhà văn hóa tổ 1, 19:30 thứ Bảy\"\n",
            1,
        )
        .replacen(
            "phone: \"0912 345 678\"\n",
            "phone: \"0912 345 678\"\n        zalo: true\n",
            1,
        );
    std::fs::write(&path, &by_hand).unwrap();
    ngo(tmp.path(), &["check", "site"]).ok();

    csv(
        tmp.path(),
        "v2.csv",
        &[
            header,
            "Phạm Thị Hoa,Tổ trưởng,Tổ dân phố 1,0912345678",
            "Đỗ Văn Minh,Tổ phó,Tổ dân phố 1,0987654321",
            "Trịnh Văn Nam,Thành viên,Tổ dân phố 1,0977000111",
        ],
    );
    let dry = import(tmp.path(), "v2.csv", &WARD, &["--dry-run"]).ok();
    assert!(dry.stdout().contains("chưa ghi gì"), "{}", dry.stdout());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), by_hand);

    let out = import(tmp.path(), "v2.csv", &WARD, &[]).ok().stdout();
    assert!(out.contains("- bỏ tổ Tổ dân phố 2 (1 thành viên)"), "{out}");
    assert!(out.contains("~ sửa Đỗ Văn Minh: chức vụ"), "{out}");
    assert!(out.contains("+ thêm Trịnh Văn Nam"), "{out}");
    assert!(
        !out.contains("Phạm Thị Hoa"),
        "an unchanged member is not reported: {out}"
    );
    let yaml = std::fs::read_to_string(&path).unwrap();
    assert!(
        yaml.contains("meeting: \"Nhà văn hóa tổ 1, 19:30 thứ Bảy\""),
        "{yaml}"
    );
    assert!(
        yaml.contains("phone: \"0912 345 678\"\n        zalo: true"),
        "{yaml}"
    );
    ngo(tmp.path(), &["check", "site"]).ok();

    let again = import(tmp.path(), "v2.csv", &WARD, &[]).ok().stdout();
    assert!(again.contains("Không có thay đổi"), "{again}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), yaml);
}

#[test]
fn export_then_import_is_a_round_trip_with_no_change() {
    let tmp = site();
    let fixture = tmp.path().join("site/teams/quang-ninh/quang-la.yaml");
    let before = std::fs::read_to_string(&fixture).unwrap();
    let unit = ["--province", "22", "--commune", "7054"];
    for output in ["ds.xlsx", "ds.csv"] {
        let mut args = vec!["export", "--site", "site", "--output", output];
        args.extend(unit);
        let run = ngo(tmp.path(), &args).ok();
        assert!(run.stdout().contains("3 thành viên"), "{}", run.stdout());
        assert!(
            run.stderr().contains("riêng tư"),
            "withheld phone not warned about"
        );
        let back = import(tmp.path(), output, &unit, &[]).ok().stdout();
        assert!(back.contains("Không có thay đổi"), "{output}: {back}");
        assert_eq!(std::fs::read_to_string(&fixture).unwrap(), before);
    }
    let csv = std::fs::read_to_string(tmp.path().join("ds.csv")).unwrap();
    assert!(
        csv.starts_with("\u{feff}STT,Thôn/Tổ dân phố,Loại,Họ và tên"),
        "{csv}"
    );
    assert!(
        csv.contains(",0912 000 102,"),
        "phone kept as text with its 0: {csv}"
    );
}

#[test]
fn export_refuses_to_write_inside_the_site_folder() {
    let tmp = site();
    let run = ngo(
        tmp.path(),
        &[
            "export",
            "--site",
            "site",
            "--province",
            "22",
            "--commune",
            "7054",
            "-o",
            "site/static/ds.csv",
        ],
    )
    .failed();
    assert!(run.stderr().contains("thư mục trang"), "{}", run.stderr());
    assert!(!tmp.path().join("site/static/ds.csv").exists());
}

#[test]
fn unknown_units_and_maps_are_refused_with_hints() {
    let tmp = site();
    xlsx(&tmp.path().join("ds.xlsx"), "Danh sách", &clean_rows());
    let run = import(
        tmp.path(),
        "ds.xlsx",
        &["--province", "22", "--commune", "Quảng Lá Xa"],
        &[],
    )
    .failed();
    assert!(run.stderr().contains("--commune"), "{}", run.stderr());
    let run = import(
        tmp.path(),
        "ds.xlsx",
        &WARD,
        &["--map", "Ghi chú riêng=note"],
    )
    .failed();
    assert!(
        run.stderr().contains("không có cột \"Ghi chú riêng\""),
        "{}",
        run.stderr()
    );
    assert!(!tmp.path().join(WARD_FILE).exists());
}

#[test]
fn an_excel_csv_with_semicolons_bom_crlf_and_hamlet_rows_is_read() {
    let tmp = site();
    let text = "\u{feff}DANH SÁCH TỔ CNSCĐ XÃ VĨNH HẬU;;;\r\n\
                ;;;\r\n\
                STT;Ấp;Họ tên;Điện thoại\r\n\
                ;Vĩnh Lợi;;\r\n\
                1;;Trần Văn Tư;0939.123.456\r\n\
                2;;Lâm Thị Mai;\r\n\
                ;Vĩnh Phước;;\r\n\
                3;;Nguyễn Văn Bảy;+84 939 000 777\r\n";
    std::fs::write(tmp.path().join("ap.csv"), text).unwrap();
    let unit = ["--province", "An Giang", "--commune", "vinh hau"];
    let out = import(tmp.path(), "ap.csv", &unit, &["--sheet", "ignored for csv"])
        .ok()
        .stdout();
    assert!(
        out.contains("+ thêm tổ Ấp Vĩnh Lợi (2 thành viên)"),
        "{out}"
    );
    assert!(
        out.contains("+ thêm tổ Ấp Vĩnh Phước (1 thành viên)"),
        "{out}"
    );
    let yaml =
        std::fs::read_to_string(tmp.path().join("site/teams/an-giang/vinh-hau.yaml")).unwrap();
    assert!(yaml.contains("phone: \"0939 000 777\""), "{yaml}");
    assert!(yaml.contains("kind: ấp"), "{yaml}");
    ngo(tmp.path(), &["check", "site"]).ok();
}

// ---------------------------------------------------------------- consent

/// The fixture's commune file with consent records, a withdrawal, a bare `public: true`, hand
/// edits and a note.
const WITH_CONSENT: &str = r#"# Xã Quảng La
province: 22 # Tỉnh Quảng Ninh
commune: 7054 # Xã Quảng La
updated: 2026-10-01
teams:
  - hamlet: "Thôn Khe Cát"
    kind: thôn
    meeting: "Nhà văn hóa thôn Khe Cát"
    location: [21.0123, 107.1234]
    members:
      - name: "Nguyễn Văn An"
        role: "Tổ trưởng"
        phone: "0912 000 101"
        zalo: true
        consent:
          covers: [phone, zalo, name]
          given: 2026-03-02
          method: paper
          evidence: "QL-2026-01, bản giấy"
          collected_by: "Lê Thị Hoa"
      - name: "Trần Thị Bình"
        role: "Thành viên"
        phone: "0912 000 102"
        consent:
          covers: [name]
          given: 2026-03-02
          method: recording
          evidence: "GA-02"
          collected_by: "Lê Thị Hoa"
        withdrawn: 2026-11-20
        note: "xin rút ngày 20/11"
  - hamlet: "Thôn Đồng Mụ"
    kind: thôn
    members:
      - name: "Lê Văn Cường"
        role: "Tổ trưởng"
        phone: "+84 987 000 103"
        public: true
"#;

#[test]
fn consent_columns_make_an_export_import_round_trip_with_no_change() {
    let tmp = site();
    let fixture = tmp.path().join("site/teams/quang-ninh/quang-la.yaml");
    std::fs::write(&fixture, WITH_CONSENT).unwrap();
    ngo(tmp.path(), &["check", "site"]).ok();
    let unit = ["--province", "22", "--commune", "7054"];
    for output in ["ds.xlsx", "ds.csv"] {
        let mut args = vec!["export", "--site", "site", "--output", output];
        args.extend(unit);
        let run = ngo(tmp.path(), &args).ok();
        assert!(
            run.stderr()
                .contains("có 1 số điện thoại không được công khai"),
            "the withdrawn member's phone is private: {}",
            run.stderr()
        );
        let back = import(tmp.path(), output, &unit, &[]).ok().stdout();
        assert!(back.contains("Không có thay đổi"), "{output}: {back}");
        assert_eq!(std::fs::read_to_string(&fixture).unwrap(), WITH_CONSENT);
    }
    let csv = std::fs::read_to_string(tmp.path().join("ds.csv")).unwrap();
    assert!(
        csv.contains("Công khai số,Phạm vi đồng ý,Ngày đồng ý,Hình thức đồng ý,Mã minh chứng,Người lấy ý kiến,Ngày rút đồng ý,Ghi chú"),
        "{csv}"
    );
    assert!(
        csv.contains(",Có,\"số điện thoại, Zalo, tên\",02/03/2026,phiếu giấy,\"QL-2026-01, bản giấy\",Lê Thị Hoa,,"),
        "{csv}"
    );
    assert!(
        csv.contains(",Không,tên,02/03/2026,ghi âm,GA-02,Lê Thị Hoa,20/11/2026,xin rút ngày 20/11"),
        "{csv}"
    );
}

#[test]
fn every_key_of_the_format_survives_an_import() {
    let tmp = site();
    let fixture = tmp.path().join("site/teams/quang-ninh/quang-la.yaml");
    // One file with every key the loader knows, at every level.
    let text = WITH_CONSENT.replace(
        "    kind: thôn\n    meeting:",
        "    kind: thôn\n    id: khe-cat\n    former: [\"Thôn Khe Cát Cũ\"]\n    aliases: [thon-khe-cat-cu]\n    meeting:",
    );
    let schema = ngo::model::SCHEMA;
    for key in schema
        .file
        .iter()
        .chain(schema.team)
        .chain(schema.member)
        .chain(schema.consent)
    {
        assert!(
            text.contains(&format!("{key}:")),
            "the test file lacks `{key}`: add it, with a value, to WITH_CONSENT"
        );
    }
    std::fs::write(&fixture, &text).unwrap();
    ngo(tmp.path(), &["check", "site"]).ok();
    csv(
        tmp.path(),
        "roles.csv",
        &[
            "Họ và tên,Chức vụ,Thôn/Tổ dân phố",
            "Nguyễn Văn An,Tổ trưởng,Thôn Khe Cát",
            "Trần Thị Bình,Tổ phó,Thôn Khe Cát",
            "Lê Văn Cường,Tổ trưởng,Thôn Đồng Mụ",
        ],
    );
    let out = import(
        tmp.path(),
        "roles.csv",
        &["--province", "22", "--commune", "7054"],
        &[],
    )
    .ok()
    .stdout();
    assert!(out.contains("~ sửa Trần Thị Bình: chức vụ"), "{out}");
    let after = std::fs::read_to_string(&fixture).unwrap();
    let before: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let mut after: serde_yaml::Value = serde_yaml::from_str(&after).unwrap();
    assert_eq!(
        after["teams"][0]["members"][1]["role"],
        serde_yaml::Value::from("Tổ phó")
    );
    after["teams"][0]["members"][1]["role"] = serde_yaml::Value::from("Thành viên");
    after["updated"] = before["updated"].clone();
    assert_eq!(after, before, "every other key and value is kept");
}

#[test]
fn a_sheet_with_consent_columns_writes_records_and_reports_bad_ones_by_row() {
    let tmp = site();
    let header = "Họ và tên,Tổ dân phố,Số điện thoại,Phạm vi đồng ý,Ngày đồng ý,Hình thức đồng ý,Mã minh chứng,Người lấy ý kiến,Ngày rút đồng ý";
    csv(
        tmp.path(),
        "good.csv",
        &[
            header,
            "Phạm Thị Hoa,1,0912 345 678,\"số điện thoại, Zalo, tên\",2/3/2026,Phiếu giấy,HT-01,Lê Văn Tâm,",
            "Đỗ Văn Minh,1,0987 654 321,,,,,,",
            "Vũ Thị Lan,2,0203 3123 456,số điện thoại,2026-03-05,tin nhắn,HT-02,Lê Văn Tâm,20/11/2026",
        ],
    );
    import(tmp.path(), "good.csv", &WARD, &[]).ok();
    let yaml = std::fs::read_to_string(tmp.path().join(WARD_FILE)).unwrap();
    assert!(
        yaml.contains("        consent:\n          covers: [phone, zalo, name]\n          given: 2026-03-02\n          method: paper\n          evidence: \"HT-01\"\n          collected_by: \"Lê Văn Tâm\"\n"),
        "{yaml}"
    );
    assert!(yaml.contains("        withdrawn: 2026-11-20\n"), "{yaml}");
    let built = ngo(tmp.path(), &["build", "site", "-o", "out"]).ok();
    let html = all_text_under(&tmp.path().join("out"));
    assert!(html.contains("Phạm Thị Hoa") && html.contains("0912 345 678"));
    assert!(
        !html.contains("Vũ Thị Lan") && !html.contains("3123 456"),
        "withdrawn: {}",
        built.stdout()
    );

    csv(
        tmp.path(),
        "bad.csv",
        &[
            header,
            "Ngô Văn Hải,3,0912345670,số điện thoại,02/03/2026,phiếu giấy,,Lê Văn Tâm,",
            "Bùi Thị Nga,3,0912345671,Zalo,02/03/2026,phiếu giấy,HT-03,Lê Văn Tâm,",
            "Lý Văn Quý,3,0912345672,số điện thoại,02/03/2999,nói miệng,HT-04,Lê Văn Tâm,",
            "Mai Thị Thu,3,0912345673,,,,,,hôm qua",
        ],
    );
    let before = std::fs::read_to_string(tmp.path().join(WARD_FILE)).unwrap();
    let err = import(tmp.path(), "bad.csv", &WARD, &[]).failed().stderr();
    for (row, what) in [
        (2, "thông tin đồng ý chưa đủ, thiếu: Mã minh chứng"),
        (3, "cột Phạm vi đồng ý có Zalo mà không có số điện thoại"),
        (4, "ngày đồng ý 02/03/2999 chưa tới"),
        (4, "không hiểu \"nói miệng\" ở cột Hình thức đồng ý"),
        (5, "\"hôm qua\" ở cột Ngày rút đồng ý không phải ngày"),
    ] {
        let prefix = format!("bad.csv: dòng {row}: ");
        let line = err.lines().find(|l| l.starts_with(&prefix));
        assert!(
            line.is_some_and(|l| l.contains(what)),
            "row {row}, {what}: {err}"
        );
    }
    assert!(err.contains("Có 4 dòng lỗi"), "{err}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join(WARD_FILE)).unwrap(),
        before
    );
}

#[test]
fn a_site_that_requires_records_refuses_a_bare_yes_and_long_cells_by_row() {
    let tmp = site();
    let site_yaml = tmp.path().join("site/site.yaml");
    let text = std::fs::read_to_string(&site_yaml).unwrap();
    std::fs::write(
        &site_yaml,
        text.replace(
            "publish_phones: consent",
            "publish_phones: consent\n  require_consent_record: true",
        ),
    )
    .unwrap();
    let long = "Nguyễn".repeat(30);
    csv(
        tmp.path(),
        "ds.csv",
        &[
            "Họ và tên,Thôn/Tổ dân phố,Số điện thoại,Công khai số",
            "Phạm Thị Hoa,Tổ dân phố 1,0912 345 678,Có",
            &format!("{long},Tổ dân phố 1,0912 345 679,Không"),
        ],
    );
    let err = import(tmp.path(), "ds.csv", &WARD, &[]).failed().stderr();
    assert!(
        err.contains("ds.csv: dòng 2: cột Công khai số là Có nhưng chưa có thông tin đồng ý"),
        "{err}"
    );
    assert!(
        err.contains("ds.csv: dòng 3: cột Họ và tên quá dài: 180 ký tự, tối đa 100 ký tự"),
        "{err}"
    );
    assert!(!tmp.path().join(WARD_FILE).exists());
}

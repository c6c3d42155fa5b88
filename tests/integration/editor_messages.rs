//! What a commune official reads when a team list has a mistake: YAML syntax errors in
//! Vietnamese at the line and column of the mistake with what to write instead, and a warning
//! (not an error) for a commune name written with other marks than the official one.

use std::path::Path;

use ngo_tests::{copy_tree, ngo, repo_root, write_files};

const COMMUNE_FILE: &str = "teams/quang-ninh/quang-la.yaml";

fn site_with_commune_file(text: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("tests/fixtures/minimal"), tmp.path());
    write_files(tmp.path(), &[(COMMUNE_FILE, text)]);
    tmp
}

/// `ngo check` fails with exactly this message and hint at this line and column.
fn refused_with(text: &str, line: usize, column: usize, message: &str, hint: &str) {
    let site = site_with_commune_file(text);
    let err = ngo(site.path(), &["check", "."]).failed().stderr();
    let expected = format!("{COMMUNE_FILE}:{line}:{column}: lỗi: {message}\n    gợi ý: {hint}\n");
    assert!(
        err.contains(&expected),
        "expected:\n{expected}\ngot:\n{err}"
    );
    assert!(err.contains("Có 1 lỗi trong 1 tệp"), "{err}");
}

const HEAD: &str = "province: 22\ncommune: 7054\n";

#[test]
fn a_tab_in_the_indentation() {
    refused_with(
        &format!("{HEAD}teams:\n\t- hamlet: \"Thôn Khe Cát\"\n"),
        4,
        1,
        "có dấu Tab ở đầu dòng; YAML chỉ thụt lề bằng dấu cách",
        "xóa dấu Tab và gõ dấu cách cho thẳng cột với các dòng cùng cấp (dòng 3 thụt 0 dấu cách)",
    );
}

#[test]
fn an_unclosed_quote() {
    refused_with(
        "province: 22\ncommune: \"Xã Quảng La\nteams: []\n",
        2,
        10,
        "dấu ngoặc kép `\"` mở ở đây nhưng chưa đóng trên cùng dòng",
        "thêm `\"` vào cuối giá trị: `commune: \"Xã Quảng La\"`",
    );
}

#[test]
fn a_colon_without_its_space() {
    refused_with(
        "province:22\ncommune: 7054\nteams: []\n",
        1,
        10,
        "thiếu dấu cách sau dấu `:`",
        "viết `province: 22`",
    );
}

#[test]
fn a_new_team_without_its_dash() {
    let text = format!(
        "{HEAD}teams:\n  - hamlet: \"Thôn Khe Cát\"\n    members:\n      - name: \"An\"\n  hamlet: \"Thôn Đồng Mụ\"\n"
    );
    refused_with(
        &text,
        7,
        3,
        "thiếu `- ` ở đầu mục mới của danh sách",
        "mỗi mục bắt đầu bằng `- `, như ở dòng 4: viết `  - hamlet: \"Thôn Đồng Mụ\"`",
    );
}

#[test]
fn a_member_key_out_of_line() {
    let text = format!(
        "{HEAD}teams:\n  - hamlet: \"Thôn Khe Cát\"\n    members:\n      - name: \"An\"\n       phone: \"0912 000 101\"\n"
    );
    refused_with(
        &text,
        7,
        8,
        "dòng này thụt lề không thẳng cột với các dòng cùng cấp",
        "cho `phone` thẳng cột với `name` ở dòng 6 (thụt 8 dấu cách)",
    );
}

#[test]
fn a_colon_inside_a_value() {
    let text = format!(
        "{HEAD}teams:\n  - hamlet: \"Thôn Khe Cát\"\n    meeting: Nhà văn hóa, tối thứ Bảy: 19:30\n"
    );
    refused_with(
        &text,
        5,
        38,
        "giá trị có dấu `: ` nên phải đặt trong ngoặc kép",
        "viết `meeting: \"Nhà văn hóa, tối thứ Bảy: 19:30\"`",
    );
}

#[test]
fn an_unclosed_bracket() {
    let text = format!(
        "{HEAD}teams:\n  - hamlet: \"Thôn Khe Cát\"\n    location: [21.0123, 107.1234\n    members:\n      - name: \"An\"\n"
    );
    refused_with(
        &text,
        5,
        15,
        "dấu `[` mở ở đây nhưng chưa đóng",
        "thêm `]` ở cuối: `location: [21.0123, 107.1234]`",
    );
}

#[test]
fn syntax_messages_never_fall_back_to_english() {
    let texts = [
        "province: 22\ncommune: 7054\nteams:\n  -hamlet: A\n",
        "province: 22\ncommune: 7054\nteams: - hamlet: A\n",
        "province: 22\ncommune: 7054\nteams\n  - hamlet: A\n",
        "province: 22\ncommune: @7054\n",
    ];
    for text in texts {
        let site = site_with_commune_file(text);
        let err = ngo(site.path(), &["check", "."]).failed().stderr();
        assert!(err.contains(&format!("{COMMUNE_FILE}:")), "{err}");
        for english in ["while ", "expected", "found", "scalar", "indicator"] {
            assert!(!err.contains(english), "{english:?} in:\n{err}");
        }
    }
}

fn with_commune_named(name: &str) -> tempfile::TempDir {
    let minimal = repo_root()
        .join("tests/fixtures/minimal")
        .join(COMMUNE_FILE);
    let text = std::fs::read_to_string(minimal).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("commune:"))
        .expect("the fixture names its commune");
    site_with_commune_file(&text.replace(line, &format!("commune: \"{name}\"")))
}

fn commune_line(site: &Path) -> usize {
    let text = std::fs::read_to_string(site.join(COMMUNE_FILE)).unwrap();
    text.lines()
        .position(|l| l.starts_with("commune:"))
        .unwrap()
        + 1
}

#[test]
fn a_commune_name_with_a_wrong_tone_is_accepted_with_a_warning() {
    let site = with_commune_named("Xã Quảng Lá");
    let line = commune_line(site.path());
    let warning = format!(
        "{COMMUNE_FILE}:{line}:10: cảnh báo: \"Xã Quảng Lá\" khác dấu với tên chính thức; đã hiểu là Xã Quảng La (mã 7054)\n    gợi ý: viết đúng tên chính thức \"Xã Quảng La\", hoặc ghi mã 7054\n"
    );
    let check = ngo(site.path(), &["check", "."]).ok();
    assert!(check.stderr().contains(&warning), "{}", check.stderr());
    assert!(
        check.stdout().contains("Có 1 cảnh báo ở trên."),
        "{}",
        check.stdout()
    );

    let build = ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    assert!(build.stderr().contains(&warning), "{}", build.stderr());
    let page = std::fs::read_to_string(site.path().join("out/quang-ninh/xa-quang-la/index.html"));
    assert!(
        page.unwrap().contains("<h1>Xã Quảng La</h1>"),
        "built under the official name"
    );

    // Twice: the second build takes the file from the parse cache and still warns.
    let again = ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    assert!(again.stderr().contains(&warning), "{}", again.stderr());
    let quiet = ngo(site.path(), &["build", ".", "-o", "out", "-q"]).ok();
    assert_eq!(quiet.stderr(), "", "-q prints errors only");
}

#[test]
fn names_without_marks_or_with_the_official_marks_are_not_warned_about() {
    for name in ["quang la", "Xã Quảng La", "XÃ QUẢNG LA"] {
        let site = with_commune_named(name);
        let check = ngo(site.path(), &["check", "."]).ok();
        assert!(
            check.stdout().starts_with("Không có lỗi:"),
            "{}",
            check.stdout()
        );
        assert!(
            !check.stderr().contains("cảnh báo"),
            "{name}: {}",
            check.stderr()
        );
    }
}

#[test]
fn warnings_are_listed_with_errors_without_counting_as_errors() {
    let minimal = repo_root()
        .join("tests/fixtures/minimal")
        .join(COMMUNE_FILE);
    let text = std::fs::read_to_string(minimal).unwrap();
    let line = text.lines().find(|l| l.starts_with("commune:")).unwrap();
    let text = text.replace(line, "commune: \"Xã Quảng Lá\"") + "bogus: 1\n";
    let site = site_with_commune_file(&text);
    let err = ngo(site.path(), &["check", "."]).failed().stderr();
    assert!(err.contains("cảnh báo: \"Xã Quảng Lá\" khác dấu"), "{err}");
    assert!(err.contains("lỗi: tên mục lạ `bogus`"), "{err}");
    assert!(
        err.contains("Có 1 lỗi trong 1 tệp (và 1 cảnh báo)."),
        "{err}"
    );
}

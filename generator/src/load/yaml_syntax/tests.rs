//! Each kind of mistake, through the real parser: the message, hint, line and column.

use super::*;
use marked_yaml::{LoadError, LoaderOptions};

/// What the generator says for `text`: line, column, message and hint.
fn said(text: &str) -> (usize, usize, String, String) {
    let options = LoaderOptions::default().error_on_duplicate_keys(true);
    match marked_yaml::parse_yaml_with_options(0, text, options) {
        Err(LoadError::ScanError(m, e)) => {
            let x = explain(text, m.line(), m.column(), e.info());
            (x.line, x.column, x.message, x.hint)
        }
        other => panic!("not a syntax error: {other:?}"),
    }
}

#[test]
fn a_tab_in_the_indentation_is_pointed_at() {
    let (line, column, message, hint) = said("province: 22\nteams:\n\t- hamlet: A\n");
    assert_eq!((line, column), (3, 1));
    assert_eq!(
        message,
        "có dấu Tab ở đầu dòng; YAML chỉ thụt lề bằng dấu cách"
    );
    assert_eq!(
        hint,
        "xóa dấu Tab và gõ dấu cách cho thẳng cột với các dòng cùng cấp (dòng 2 thụt 0 dấu cách)"
    );
    // The parser points at the value on the line above; the Tab is on the next one.
    let (line, column, ..) = said("teams:\n  - hamlet: A\n  \tkind: thôn\n");
    assert_eq!((line, column), (3, 3));
}

#[test]
fn a_tab_after_a_colon_gets_the_line_with_a_space() {
    let (line, column, message, hint) =
        said("province: 22\nteams:\n  - hamlet:\tA\n    kind: thôn\n");
    assert_eq!((line, column), (3, 12));
    assert_eq!(message, "có dấu Tab ở đây; YAML cần dấu cách");
    assert_eq!(hint, "thay dấu Tab bằng một dấu cách: `- hamlet: A`");
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    let text = "province: 22\ncommune: \"Xã Quảng La\nupdated: 2026-01-01\nteams: []\n";
    let (line, column, message, hint) = said(text);
    assert_eq!((line, column), (2, 10));
    assert_eq!(
        message,
        "dấu ngoặc kép `\"` mở ở đây nhưng chưa đóng trên cùng dòng"
    );
    assert_eq!(
        hint,
        "thêm `\"` vào cuối giá trị: `commune: \"Xã Quảng La\"`"
    );
    let (line, column, message, _) = said("province: 22\ncommune: 'Xã Quảng La\n");
    assert_eq!((line, column), (2, 10));
    assert_eq!(
        message,
        "dấu nháy đơn `'` mở ở đây nhưng chưa đóng trên cùng dòng"
    );
    let (line, column, ..) = said("teams:\n  - hamlet: \"Thôn A\n    kind: thôn\n  - hamlet: B\n");
    assert_eq!((line, column), (2, 13));
}

#[test]
fn a_missing_space_after_a_colon_is_found_on_its_own_line() {
    let (line, column, message, hint) = said("province:22\ncommune: 7054\n");
    assert_eq!((line, column), (1, 10));
    assert_eq!(message, "thiếu dấu cách sau dấu `:`");
    assert_eq!(hint, "viết `province: 22`");
    let (line, column, _, hint) = said("teams:\n  - hamlet:Khe Cát\n    kind: thôn\n");
    assert_eq!((line, column), (2, 12));
    assert_eq!(hint, "viết `- hamlet: Khe Cát`");
    let (line, column, _, hint) = said("a: 1 #c\nb:2\n");
    assert_eq!((line, column), (2, 3));
    assert_eq!(hint, "viết `b: 2`");
}

#[test]
fn a_missing_dash_starts_a_new_item() {
    let text = "teams:\n  - hamlet: A\n    kind: thôn\n  hamlet: B\n    kind: thôn\n";
    let (line, column, message, hint) = said(text);
    assert_eq!((line, column), (4, 3));
    assert_eq!(message, "thiếu `- ` ở đầu mục mới của danh sách");
    assert_eq!(
        hint,
        "mỗi mục bắt đầu bằng `- `, như ở dòng 2: viết `  - hamlet: B`"
    );
}

#[test]
fn a_key_out_of_line_with_its_siblings_names_the_column() {
    let (line, column, message, hint) = said("teams:\n  - hamlet: A\n   kind: thôn\n");
    assert_eq!((line, column), (3, 4));
    assert_eq!(
        message,
        "dòng này thụt lề không thẳng cột với các dòng cùng cấp"
    );
    assert_eq!(
        hint,
        "cho `kind` thẳng cột với `hamlet` ở dòng 2 (thụt 4 dấu cách)"
    );
    let text = "teams:\n  - hamlet: A\n    members:\n      - name: X\n       role: Y\n";
    let (line, column, _, hint) = said(text);
    assert_eq!((line, column), (5, 8));
    assert_eq!(
        hint,
        "cho `role` thẳng cột với `name` ở dòng 4 (thụt 8 dấu cách)"
    );
    let (line, column, message, hint) = said("a:\n  b: 1\n c: 2\n");
    assert_eq!((line, column), (3, 2));
    assert_eq!(
        message,
        "dòng này thụt lề không thẳng cột với các dòng cùng cấp"
    );
    assert_eq!(
        hint,
        "cho `c` thẳng cột với `b` ở dòng 2 (2 dấu cách) hoặc `a` ở dòng 1 (0 dấu cách)"
    );
}

#[test]
fn a_line_deeper_than_a_key_with_a_value() {
    let (line, column, message, hint) = said("teams:\n  - hamlet: A\n      kind: thôn\n");
    assert_eq!((line, column), (3, 7));
    assert_eq!(message, "dòng này thụt vào sâu hơn `hamlet` ở dòng 2");
    assert_eq!(
        hint,
        "cho `kind` thẳng cột với `hamlet` (4 dấu cách); hoặc, nếu dòng này thuộc `hamlet`, bỏ giá trị `A` sau `hamlet:`"
    );
    let (line, column, message, _) = said("teams: abc\n  - hamlet: A\n");
    assert_eq!((line, column), (2, 3));
    assert_eq!(message, "dòng này thụt vào sâu hơn `teams` ở dòng 1");
}

#[test]
fn a_colon_inside_a_value_asks_for_quotes() {
    let (line, column, message, hint) =
        said("teams:\n  - hamlet: A\n    meeting: Nhà văn hóa: 19:30\n");
    assert_eq!((line, column), (3, 25));
    assert_eq!(message, "giá trị có dấu `: ` nên phải đặt trong ngoặc kép");
    assert_eq!(hint, "viết `meeting: \"Nhà văn hóa: 19:30\"`");
}

#[test]
fn a_key_without_its_colon() {
    let (line, column, message, hint) = said("teams\n  - hamlet: A\n");
    assert_eq!((line, column), (1, 6));
    assert_eq!(message, "thiếu dấu `:` sau `teams`");
    assert_eq!(hint, "viết `teams:`");
    let text = "teams:\n  - hamlet: A\n    members\n      - name: B\n";
    let (line, column, message, _) = said(text);
    assert_eq!((line, column), (3, 12));
    assert_eq!(message, "thiếu dấu `:` sau `members`");
    let (line, column, message, _) = said("province: 22\nabc\ncommune: 7054\n");
    assert_eq!((line, column), (2, 1));
    assert_eq!(message, "dòng này thiếu dấu `:` giữa tên mục và giá trị");
}

#[test]
fn a_list_item_on_its_keys_line() {
    let (line, column, message, hint) = said("teams: - hamlet: A\n");
    assert_eq!((line, column), (1, 8));
    assert_eq!(
        message,
        "không viết `- ` ngay sau `teams:` trên cùng một dòng"
    );
    assert_eq!(
        hint,
        "xuống dòng: `teams:` rồi dòng sau `  - hamlet: A`; nếu dấu `-` là một phần của giá trị, đặt cả giá trị trong ngoặc kép"
    );
}

#[test]
fn an_unclosed_bracket_is_reported_where_it_opens() {
    let (line, column, message, hint) = said("location: [21.0, 107.1\nteams: []\n");
    assert_eq!((line, column), (1, 11));
    assert_eq!(message, "dấu `[` mở ở đây nhưng chưa đóng");
    assert_eq!(hint, "thêm `]` ở cuối: `location: [21.0, 107.1]`");
    let (line, column, message, _) = said("a: {b: 1\nc: 2\n");
    assert_eq!((line, column), (1, 4));
    assert_eq!(message, "dấu `{` mở ở đây nhưng chưa đóng");
    let (line, column, message, _) = said("a: 1\nb: [");
    assert_eq!((line, column), (2, 4));
    assert_eq!(message, "dấu `[` mở ở đây nhưng chưa đóng");
}

#[test]
fn quotes_around_part_of_a_value() {
    let (line, column, message, hint) = said("meeting: \"Nhà văn hóa\" thôn Khe Cát\n");
    assert_eq!((line, column), (1, 22));
    assert_eq!(message, "có chữ sau dấu ngoặc kép đóng giá trị");
    assert_eq!(
        hint,
        "đặt cả giá trị trong một cặp ngoặc kép: `meeting: \"“Nhà văn hóa” thôn Khe Cát\"`"
    );
    let (line, column, message, hint) = said("name: 'Ea H'Leo'\n");
    assert_eq!((line, column), (1, 12));
    assert_eq!(
        message,
        "dấu nháy đơn `'` ở đây đóng giá trị giữa chừng, nên phần sau bị thừa"
    );
    assert_eq!(hint, "đặt giá trị trong ngoặc kép: `name: \"Ea H'Leo\"`");
}

#[test]
fn rarer_mistakes_are_explained_too() {
    let (line, column, message, hint) = said("email: @abc\n");
    assert_eq!((line, column), (1, 8));
    assert_eq!(message, "giá trị không được bắt đầu bằng `@`");
    assert_eq!(hint, "đặt cả giá trị trong ngoặc kép");
    let (line, column, message, _) = said("a: \"C:\\q\"\n");
    assert_eq!((line, column), (1, 7));
    assert_eq!(
        message,
        "trong ngoặc kép, dấu `\\` chỉ dùng cho ký tự đặc biệt (như `\\n`)"
    );
    let (_, _, message, _) = said("location: [1, 2]]\n");
    assert_eq!(message, "thừa dấu `]`");
    let (line, column, message, _) = said("province: 22\n- hamlet: A\n");
    assert_eq!((line, column), (2, 1));
    assert_eq!(
        message,
        "mục danh sách `- ` nằm ở chỗ cần `tên mục: giá trị`"
    );
}

#[test]
fn no_message_is_in_english() {
    let cases = [
        "a: |x\n",
        "%YAML 1.2\na: 1\n",
        "a: *x\n",
        "a: ]\n",
        "a: \"\\x4\"\n",
    ];
    for text in cases {
        let (_, _, message, hint) = said(text);
        for english in ["while", "expected", "found", "scalar"] {
            assert!(
                !message.contains(english) && !hint.contains(english),
                "{text}: {message}"
            );
        }
    }
}

//! Every refusal the content format promises, each on a small broken copy of the minimal fixture:
//! a clear message with file, line and column, all problems at once, and nothing written.

use std::path::Path;

use ngo_tests::{copy_tree, files_under, ngo, repo_root, write_files};

const COMMUNE_FILE: &str = "teams/quang-ninh/quang-la.yaml";

/// A copy of the minimal fixture with `files` replaced or added.
fn broken_site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("tests/fixtures/minimal"), tmp.path());
    write_files(tmp.path(), files);
    tmp
}

/// Runs `ngo check` and returns its error output, asserting it failed.
fn check_fails(site: &Path) -> String {
    ngo(site, &["check", "."]).failed().stderr()
}

fn team_file(teams: &str) -> String {
    format!("province: 22\ncommune: 7054\nteams:\n{teams}")
}

const ONE_TEAM: &str =
    "  - hamlet: \"Thôn Khe Cát\"\n    kind: thôn\n    members:\n      - name: \"Nguyễn Văn An\"\n";

#[test]
fn unknown_province_code() {
    let site = broken_site(&[(COMMUNE_FILE, "province: 99\ncommune: 7054\nteams: []\n")]);
    let err = check_fails(site.path());
    assert!(
        err.contains("teams/quang-ninh/quang-la.yaml:1:11: lỗi: không có tỉnh/thành phố nào mang mã 99 trong danh mục từ 1/7/2025\n    gợi ý: ghi mã tỉnh/thành phố theo danh mục từ 1/7/2025 (ví dụ 22 là Tỉnh Quảng Ninh), hoặc ghi tên"),
        "{err}"
    );
}

#[test]
fn commune_name_that_does_not_resolve() {
    let site = broken_site(&[(
        COMMUNE_FILE,
        &format!("province: \"Quảng Ninh\"\ncommune: \"Xã Không Tồn Tại\"\nteams:\n{ONE_TEAM}"),
    )]);
    let err = check_fails(site.path());
    assert!(
        err.contains("teams/quang-ninh/quang-la.yaml:2:10: lỗi: không tìm thấy xã/phường \"Xã Không Tồn Tại\" trong tỉnh Quảng Ninh"),
        "{err}"
    );
}

#[test]
fn pre_2025_commune_name_points_to_its_successor() {
    let site = broken_site(&[(
        COMMUNE_FILE,
        &format!("province: 22\ncommune: \"Dân Chủ\"\nteams:\n{ONE_TEAM}"),
    )]);
    let err = check_fails(site.path());
    assert!(
        err.contains("teams/quang-ninh/quang-la.yaml:2:10: lỗi: không tìm thấy xã/phường \"Dân Chủ\" trong tỉnh Quảng Ninh\n    gợi ý: xã Dân Chủ (cũ, Thành phố Hạ Long) nay thuộc xã Quảng La (mã 7054)"),
        "{err}"
    );
}

#[test]
fn two_files_for_one_commune() {
    let site = broken_site(&[(
        "teams/quang-ninh/quang-la-2.yaml",
        &team_file(ONE_TEAM).replace("7054", "\"xã quảng la\""),
    )]);
    let err = check_fails(site.path());
    assert!(err.contains("teams/quang-ninh/quang-la.yaml:2:10: lỗi: Xã Quảng La (mã 7054) đã có tệp danh sách khác"), "{err}");
    assert!(err.contains("quang-la-2.yaml"), "{err}");
}

#[test]
fn two_teams_with_one_id() {
    let teams = format!("{ONE_TEAM}  - hamlet: \"Khe Cát\"\n    id: thon-khe-cat\n    kind: thôn\n    members:\n      - name: \"B\"\n");
    let site = broken_site(&[(COMMUNE_FILE, &team_file(&teams))]);
    let err = check_fails(site.path());
    assert!(
        err.contains("teams/quang-ninh/quang-la.yaml:9:9: lỗi: hai tổ cùng mã `thon-khe-cat`"),
        "{err}"
    );
}

#[test]
fn invalid_phone_numbers() {
    let teams = "  - hamlet: \"Thôn Khe Cát\"\n    kind: thôn\n    members:\n      - name: \"A\"\n        phone: \"0912 345\"\n      - name: \"B\"\n        phone: \"01688 123 456\"\n";
    let site = broken_site(&[(COMMUNE_FILE, &team_file(teams))]);
    let err = check_fails(site.path());
    assert!(
        err.contains(
            "teams/quang-ninh/quang-la.yaml:8:16: lỗi: số điện thoại không hợp lệ \"0912 345\""
        ),
        "{err}"
    );
    assert!(err.contains("teams/quang-ninh/quang-la.yaml:10:16: lỗi: số điện thoại không hợp lệ \"01688 123 456\""), "{err}");
}

#[test]
fn unknown_skill() {
    let guide = "---\ntitle: \"Thử\"\nskill: an-toàn\n---\nNội dung.\n";
    let site = broken_site(&[("guides/thu.md", guide)]);
    let err = check_fails(site.path());
    assert!(
        err.contains("guides/thu.md:3:8: lỗi: kỹ năng không hợp lệ: \"an-toàn\""),
        "{err}"
    );
    assert!(err.contains("có phải ý bạn là `an-toan`?"), "{err}");
}

#[test]
fn front_matter_that_is_not_yaml() {
    let guide = "---\ntitle: \"Thử\nskill: an-toan\n---\nNội dung.\n";
    let site = broken_site(&[("guides/thu.md", guide)]);
    let err = check_fails(site.path());
    assert!(
        err.contains("guides/thu.md:2:8: lỗi: dấu ngoặc kép `\"` mở ở đây nhưng chưa đóng trên cùng dòng\n    gợi ý: thêm `\"` vào cuối giá trị: `title: \"Thử\"`"),
        "{err}"
    );
}

#[test]
fn front_matter_fence_that_never_closes() {
    let site = broken_site(&[(
        "guides/thu.md",
        "---\ntitle: \"Thử\"\nskill: an-toan\nNội dung.\n",
    )]);
    let err = check_fails(site.path());
    assert!(err.contains("guides/thu.md:1:1: lỗi: phần thông tin đầu trang mở bằng `---` nhưng không có dòng `---` đóng lại\n    gợi ý: thêm một dòng chỉ có `---` ngay sau dòng thông tin cuối cùng"), "{err}");
}

#[test]
fn misspelt_key_is_not_silently_ignored() {
    let teams = "  - hamlet: \"Thôn Khe Cát\"\n    kind: thôn\n    members:\n      - name: \"A\"\n        phnoe: \"0912000101\"\n";
    let site = broken_site(&[(COMMUNE_FILE, &team_file(teams))]);
    let err = check_fails(site.path());
    assert!(
        err.contains("teams/quang-ninh/quang-la.yaml:8:9: lỗi: tên mục lạ `phnoe`"),
        "{err}"
    );
    assert!(err.contains("có phải ý bạn là `phone`?"), "{err}");
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let teams = "  - hamlet: \"Thôn Khe Cát\"\n    kind: thon\n    members:\n      - name: \"A\"\n        phone: \"123\"\n        pubic: true\n";
    let site = broken_site(&[
        (COMMUNE_FILE, &team_file(teams)),
        (
            "guides/a.md",
            "---\ntitle: A\nskill: mua-sam\ntgas: [x]\n---\n",
        ),
        ("guides/b.md", "---\ntitle: B\nskill: nau-an\n---\n"),
        ("site.yaml", "title: T\nbase_url: \"khong-hop-le\"\n"),
    ]);
    let err = check_fails(site.path());
    for expected in [
        "site.yaml:2:11: lỗi: `base_url` không hợp lệ: \"khong-hop-le\"",
        "guides/a.md:4:1: lỗi: tên mục lạ `tgas`",
        "guides/b.md:3:8: lỗi: kỹ năng không hợp lệ",
        "teams/quang-ninh/quang-la.yaml:8:16: lỗi: số điện thoại không hợp lệ",
        "teams/quang-ninh/quang-la.yaml:9:9: lỗi: tên mục lạ `pubic`",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(err.contains("Có 5 lỗi trong 4 tệp"), "{err}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = broken_site(&[]);
    ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    let before: Vec<(String, Vec<u8>)> = files_under(&site.path().join("out"))
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(site.path().join("out").join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    write_files(
        site.path(),
        &[("guides/thu.md", "---\ntitle: x\nskill: sai\n---\n")],
    );
    ngo(site.path(), &["build", ".", "-o", "out"]).failed();
    let after: Vec<(String, Vec<u8>)> = files_under(&site.path().join("out"))
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(site.path().join("out").join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    assert_eq!(before, after);
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(
        !leftovers
            .iter()
            .any(|n| n.to_string_lossy().contains("staging")),
        "{leftovers:?}"
    );
}

#[test]
fn an_ambiguous_name_lists_the_candidates() {
    let file = format!("province: 38\ncommune: \"dong tien\"\nteams:\n{ONE_TEAM}");
    let site = broken_site(&[("teams/thanh-hoa/dong-tien.yaml", &file)]);
    let err = check_fails(site.path());
    assert!(
        err.contains("teams/thanh-hoa/dong-tien.yaml:2:10: lỗi: \"dong tien\" khớp với nhiều đơn vị: Xã Đồng Tiến (mã 15724), Phường Đông Tiến (mã 15853)"),
        "both candidates with codes: {err}"
    );
}

//! The command line itself: help, exit codes, check writing nothing.

use ngo_tests::{copy_tree, files_under, ngo, repo_root};

#[test]
fn help_lists_every_command() {
    let run = ngo(&repo_root(), &["--help"]).ok();
    for command in ["build", "check"] {
        assert!(run.stdout().contains(command), "{}", run.stdout());
    }
}

#[test]
fn check_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("tests/fixtures/minimal"), tmp.path());
    let before = files_under(tmp.path());
    let run = ngo(tmp.path(), &["check", "."]).ok();
    assert!(run.stdout().contains("Không có lỗi"), "{}", run.stdout());
    assert_eq!(files_under(tmp.path()), before);
}

#[test]
fn build_prints_a_one_line_summary() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(
        &repo_root().join("tests/fixtures/minimal"),
        &tmp.path().join("site"),
    );
    let run = ngo(tmp.path(), &["build", "site", "-o", "out"]).ok();
    let out = run.stdout();
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("2 tổ, 3 thành viên, 1 hướng dẫn"), "{out}");
    let quiet = ngo(tmp.path(), &["build", "site", "-o", "out", "--quiet"]).ok();
    assert_eq!(quiet.stdout(), "");
}

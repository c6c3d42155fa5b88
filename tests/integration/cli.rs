//! The command line itself: help, exit codes, check writing nothing.

use ngo_tests::{copy_tree, files_under, ngo, repo_root};

#[test]
fn help_lists_every_command() {
    let run = ngo(&repo_root(), &["--help"]).ok();
    for command in ["build", "check", "serve", "new", "import", "export"] {
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

#[test]
fn a_new_site_builds_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let run = ngo(tmp.path(), &["new", "xa-moi"]).ok();
    assert!(run.stdout().contains("site.yaml"), "{}", run.stdout());
    assert!(tmp.path().join("xa-moi/templates/README.md").is_file());
    let built = ngo(tmp.path(), &["build", "xa-moi", "-o", "out"]).ok();
    assert!(built.stdout().contains("1 tổ"), "{}", built.stdout());
    assert!(tmp
        .path()
        .join("out/quang-ninh/xa-quang-la/thon-khe-cat/index.html")
        .is_file());
    ngo(tmp.path(), &["new", "xa-moi"]).failed();
}

//! Ctrl-C in the middle of writing a large build: the previous output stays byte for byte, and no
//! staging folder is left behind. A rebuild killed while it puts its files in place is undone by
//! the next build.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use ngo_tests::{cargo_binary, copy_tree, files_under, repo_root, snapshot};

use crate::privacy_scan::generate;

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg_attr(
    debug_assertions,
    ignore = "national scale: run with --release (tests/run-all does)"
)]
#[test]
fn ctrl_c_mid_write_keeps_the_previous_output() {
    let tmp = crate::scratch();
    let started = Instant::now();
    generate(tmp.path(), 20_000);
    eprintln!("generated in {:.1}s", started.elapsed().as_secs_f64());
    let ngo = cargo_binary("ngo", "ngo");
    let minimal = tmp.path().join("minimal");
    copy_tree(&repo_root().join("tests/fixtures/minimal"), &minimal);
    let out = tmp.path().join("public");
    let first = Command::new(&ngo)
        .args(["build", "--quiet"])
        .arg(&minimal)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(first.success());
    let before = snapshot(&out);
    let listing = entries(tmp.path());

    let mut child = Command::new(&ngo)
        .args(["build", "--quiet"])
        .arg(tmp.path().join("content"))
        .arg("-o")
        .arg(&out)
        .spawn()
        .unwrap();
    let staging = tmp.path().join(".public.ngo-staging");
    let deadline = Instant::now() + Duration::from_secs(60);
    // Wait until pages are being written (several province folders staged), not merely until
    // the folder exists. Over an earlier build, files are staged under `new/`.
    let staged = |dir: &Path| std::fs::read_dir(dir).is_ok_and(|d| d.count() >= 10);
    let writing_pages = || staged(&staging) || staged(&staging.join("new"));
    while !writing_pages() {
        assert!(Instant::now() < deadline, "the build never started writing");
        assert!(child.try_wait().unwrap().is_none(), "the build ended first");
        std::thread::sleep(Duration::from_millis(5));
    }
    let files_at_signal = files_under(&staging).len();
    let signalled = Instant::now();
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    eprintln!(
        "interrupted with {files_at_signal} files staged; stopped and cleaned up in {:.1}s",
        signalled.elapsed().as_secs_f64()
    );
    assert_eq!(status.code(), Some(130), "the build should stop on Ctrl-C");
    assert_eq!(entries(tmp.path()), listing, "staging folder left behind");
    assert!(
        snapshot(&out) == before,
        "the previous output changed after an interrupted build"
    );
}

fn build(ngo: &Path, site: &Path, out: &Path) -> std::process::ExitStatus {
    Command::new(ngo)
        .args(["build", "--quiet"])
        .arg(site)
        .arg("-o")
        .arg(out)
        .status()
        .unwrap()
}

#[cfg_attr(
    debug_assertions,
    ignore = "national scale: run with --release (tests/run-all does)"
)]
#[test]
fn a_rebuild_killed_while_committing_is_undone_by_the_next_build() {
    let tmp = crate::scratch();
    generate(tmp.path(), 20_000);
    let ngo = cargo_binary("ngo", "ngo");
    let content = tmp.path().join("content");
    let out = tmp.path().join("public");
    assert!(build(&ngo, &content, &out).success());
    let before = snapshot(&out);

    // A template change touches every page, so the commit has thousands of steps to be caught in.
    let base =
        std::fs::read_to_string(repo_root().join("themes/default/templates/base.html")).unwrap();
    std::fs::create_dir_all(content.join("templates")).unwrap();
    std::fs::write(
        content.join("templates/base.html"),
        base.replacen("<head>", "<head><!-- bản mới -->", 1),
    )
    .unwrap();
    // Files moved aside into `old/` mean the commit's steps have begun.
    let moved_aside = tmp.path().join(".public.ngo-staging/old");
    let mut child = Command::new(&ngo)
        .args(["build", "--quiet"])
        .arg(&content)
        .arg("-o")
        .arg(&out)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while !moved_aside.exists() {
        assert!(
            Instant::now() < deadline,
            "the rebuild never started its commit"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the rebuild finished before it could be killed"
        );
        std::thread::sleep(Duration::from_micros(200));
    }
    std::thread::sleep(Duration::from_millis(20));
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the rebuild finished before it was killed"
    );
    let mixed = snapshot(&out);
    let changed = mixed
        .iter()
        .filter(|(f, b)| before.get(*f) != Some(*b))
        .count();
    eprintln!(
        "killed with {changed} of {} files already changed",
        before.len()
    );
    assert!(changed > 0, "killed before any step: nothing to undo");

    // The next build undoes the cut-off commit before anything else, even one that then fails.
    std::fs::write(content.join("teams/loi.yaml"), "province: 99\ncommune: 1\n").unwrap();
    assert!(!build(&ngo, &content, &out).success());
    assert!(
        snapshot(&out) == before,
        "the killed rebuild's changes were not undone"
    );
    std::fs::remove_file(content.join("teams/loi.yaml")).unwrap();
    assert!(build(&ngo, &content, &out).success());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<!-- bản mới -->"));
    assert!(!tmp.path().join(".public.ngo-staging").exists());
}

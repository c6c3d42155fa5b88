//! `ngo serve` over real HTTP: pages, live reload after an edit, a broken edit and its recovery,
//! deleting a team, what it serves against what `ngo build` writes after every kind of edit, a
//! warm start, requests answered during edits, and Ctrl-C.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ngo_tests::preview::{differences, fresh_build, wait_line, Server};
use ngo_tests::{copy_tree, ngo_binary, repo_root, write_files};

const COMMUNE: &str = "teams/quang-ninh/quang-la.yaml";
const TEAM_PAGE: &str = "/quang-ninh/xa-quang-la/thon-khe-cat/";
/// A team added at the end of the commune file.
const NEW_TEAM: &str = "  - hamlet: \"Thôn Mới Lập\"\n    kind: thôn\n    members:\n      - name: \"Lê Văn Mới\"\n        role: \"Tổ trưởng\"\n";
const WAIT: Duration = Duration::from_secs(30);

/// The minimal fixture, limited to its one province so that every file it makes can be fetched
/// after each edit.
fn scoped_site(tmp: &Path) -> PathBuf {
    let site = tmp.join("site");
    copy_tree(&repo_root().join("tests/fixtures/minimal"), &site);
    let config = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    std::fs::write(
        site.join("site.yaml"),
        format!("{config}scope:\n  provinces: [22]\n"),
    )
    .unwrap();
    site
}

fn text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

fn reloaded(events: &std::sync::mpsc::Receiver<String>) -> bool {
    wait_line(events, WAIT, |l| l == "event: reload").is_some()
}

#[test]
fn serve_rebuilds_reloads_survives_errors_and_stops_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let site = scoped_site(tmp.path());
    let (server, ready) = Server::start(ngo_binary(), &site, &tmp.path().join("cache"));
    assert!(ready.contains("1 xã có danh sách"), "{ready}");

    let (status, home) = server.get("/");
    let home = text(&home);
    assert_eq!(status, 200);
    // The page's Content-Security-Policy allows only same-origin script files: the reload
    // script must be one, never inline.
    assert!(home.contains("http-equiv=\"Content-Security-Policy\""));
    assert!(
        home.contains("<script src=\"/__ngo/reload.js\""),
        "external reload script"
    );
    assert_eq!(
        home.matches("<script").count(),
        home.matches("<script src=").count()
    );
    let (status, team) = server.get(TEAM_PAGE);
    assert_eq!(status, 200);
    assert!(text(&team).contains("Nhà văn hóa thôn Khe Cát"));
    let (status, missing) = server.get("/khong-co-trang-nay/");
    assert_eq!(status, 404);
    assert!(
        text(&missing).contains("Không tìm thấy trang"),
        "the site's 404 page"
    );
    assert_eq!(
        server.get("/quang-ninh").0,
        302,
        "a folder without its slash"
    );

    let shard_of_22 = |server: &Server| {
        let manifest: serde_json::Value =
            serde_json::from_slice(&server.get("/search/manifest.json").1).unwrap();
        manifest["shards"]["p22"]["file"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let shard_before = shard_of_22(&server);
    let events = server.events();
    let original = std::fs::read_to_string(site.join(COMMUNE)).unwrap();
    write_files(
        &site,
        &[(
            COMMUNE,
            &format!(
                "{}{}",
                original.replace("Nhà văn hóa thôn Khe Cát", "Hội trường mới"),
                NEW_TEAM
            ),
        )],
    );
    assert!(reloaded(&events), "reload after an edit");
    assert!(text(&server.get(TEAM_PAGE).1).contains("Hội trường mới"));
    // A new team is searchable: the province's shard is made again, and a request for the
    // search manifest waits until it is.
    let shard_after = shard_of_22(&server);
    assert_ne!(shard_after, shard_before);
    assert_eq!(server.get(&format!("/{shard_after}")).0, 200);
    assert_eq!(
        server.get(&format!("/{shard_before}")).0,
        404,
        "the replaced shard is let go of"
    );

    write_files(
        &site,
        &[(
            COMMUNE,
            &original.replace("\"0912 000 101\"", "\"0912 000\""),
        )],
    );
    let errors =
        wait_line(&events, WAIT, |l| l.starts_with("data: [\"")).expect("errors sent to the page");
    assert!(
        errors.contains("teams/quang-ninh/quang-la.yaml:12:16: lỗi: số điện thoại không hợp lệ"),
        "{errors}"
    );
    assert!(server
        .problems()
        .iter()
        .any(|p| p.contains("số điện thoại không hợp lệ")));
    let (status, team) = server.get(TEAM_PAGE);
    assert_eq!(status, 200, "the last good version is still served");
    assert!(text(&team).contains("Hội trường mới"));

    let without_dong_mu = original
        .split("  - hamlet: \"Thôn Đồng Mụ\"")
        .next()
        .unwrap()
        .to_string();
    assert!(server.get("/quang-ninh/xa-quang-la/thon-dong-mu/").0 == 200);
    write_files(&site, &[(COMMUNE, &without_dong_mu)]);
    assert!(reloaded(&events), "recovers when fixed");
    assert!(server.problems().is_empty());
    assert_eq!(
        server.get("/quang-ninh/xa-quang-la/thon-dong-mu/").0,
        404,
        "deleted team is gone"
    );

    assert!(
        !site.join("public").exists(),
        "serve never writes into the site folder"
    );
    let (status, took) = server.interrupt();
    assert!(status.success(), "clean exit on Ctrl-C: {status:?}");
    assert!(took < Duration::from_secs(1), "stopped after {took:?}");
}

/// An edit of the site folder.
type Step<'a> = Box<dyn Fn(&Path) + 'a>;

/// Makes one edit and waits until the preview took it in.
fn edit(events: &std::sync::mpsc::Receiver<String>, step: &str, change: impl FnOnce()) {
    change();
    assert!(reloaded(events), "no reload after {step}");
}

/// Asserts that the preview serves exactly what a fresh build of `site` writes, and nothing of
/// what earlier builds wrote (`seen`, to which this build's files are added).
fn assert_same_as_a_build(
    server: &Server,
    site: &Path,
    scratch: &Path,
    base: &str,
    seen: &mut Vec<String>,
    step: &str,
) {
    let built = fresh_build(ngo_binary(), site, scratch);
    let differ = differences(&server.address, base, &built, seen);
    assert!(differ.is_empty(), "after {step}: {differ:#?}");
    seen.extend(built.into_keys());
    seen.sort();
    seen.dedup();
}

#[test]
fn after_every_kind_of_edit_the_preview_serves_what_a_fresh_build_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let site = scoped_site(tmp.path());
    let ngo = ngo_binary();
    let (server, _) = Server::start(ngo, &site, &tmp.path().join("cache"));
    let events = server.events();
    let mut seen: Vec<String> = Vec::new();
    assert_same_as_a_build(&server, &site, tmp.path(), "/", &mut seen, "the start");

    let original = std::fs::read_to_string(site.join(COMMUNE)).unwrap();
    let steps: Vec<(&str, Step)> = vec![
        (
            "a meeting place edited",
            Box::new(|site| {
                let text = std::fs::read_to_string(site.join(COMMUNE)).unwrap();
                write_files(site, &[(COMMUNE, &text.replace("Khe Cát", "Khe Cát Mới"))]);
            }),
        ),
        (
            "a team deleted",
            Box::new(|site| {
                let text = std::fs::read_to_string(site.join(COMMUNE)).unwrap();
                let kept = text.split("  - hamlet: \"Thôn Đồng Mụ\"").next().unwrap();
                write_files(site, &[(COMMUNE, kept)]);
            }),
        ),
        (
            "a commune file added",
            Box::new(|site| {
                let other = "province: 22\ncommune: \"Phường Hà Tu\"\nteams:\n  - hamlet: \"Tổ 1\"\n    kind: tổ dân phố\n    members:\n      - name: \"Lê Văn C\"\n        phone: \"0912 000 301\"\n        public: true\n";
                write_files(site, &[("teams/quang-ninh/ha-tu.yaml", other)]);
            }),
        ),
        (
            "a commune file renamed",
            Box::new(|site| {
                std::fs::rename(
                    site.join("teams/quang-ninh/ha-tu.yaml"),
                    site.join("teams/quang-ninh/phuong-ha-tu.yaml"),
                )
                .unwrap();
            }),
        ),
        (
            "a province folder renamed",
            Box::new(|site| {
                std::fs::rename(site.join("teams/quang-ninh"), site.join("teams/qn")).unwrap();
            }),
        ),
        (
            "a folder of commune files added",
            Box::new(|site| {
                let text =
                    std::fs::read_to_string(site.join("teams/qn/phuong-ha-tu.yaml")).unwrap();
                std::fs::remove_file(site.join("teams/qn/phuong-ha-tu.yaml")).unwrap();
                let staged = site.parent().unwrap().join("moi");
                write_files(&staged, &[("ha-tu.yaml", &text)]);
                std::fs::rename(&staged, site.join("teams/moi")).unwrap();
            }),
        ),
        (
            "a guide edited",
            Box::new(|site| {
                let path = site.join("guides/nhan-dien-cuoc-goi-lua-dao.md");
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, format!("{text}\nMột đoạn mới.\n")).unwrap();
            }),
        ),
        (
            "a guide added",
            Box::new(|site| {
                write_files(
                    site,
                    &[(
                        "guides/dung-zalo.md",
                        "---\ntitle: \"Dùng Zalo\"\nskill: nen-tang-khac\nupdated: 2026-11-01\n---\nNội dung.\n",
                    )],
                );
            }),
        ),
        (
            "a free page added (every footer changes)",
            Box::new(|site| {
                write_files(
                    site,
                    &[(
                        "pages/lien-he.md",
                        "---\ntitle: \"Liên hệ\"\n---\nGọi 1022.\n",
                    )],
                );
            }),
        ),
        (
            "a template overridden",
            Box::new(|site| {
                let base =
                    std::fs::read_to_string(repo_root().join("themes/default/templates/base.html"))
                        .unwrap();
                write_files(
                    site,
                    &[(
                        "templates/base.html",
                        &base.replacen("<head>", "<head><!-- bản thử -->", 1),
                    )],
                );
            }),
        ),
        (
            "the title changed in site.yaml",
            Box::new(|site| {
                let config = std::fs::read_to_string(site.join("site.yaml")).unwrap();
                write_files(
                    site,
                    &[("site.yaml", &config.replace("(thử nghiệm)", "(bản mới)"))],
                );
            }),
        ),
        (
            "a static file added",
            Box::new(|site| {
                write_files(
                    site,
                    &[(
                        "static/logo.svg",
                        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                    )],
                )
            }),
        ),
        (
            "phones withheld in site.yaml (every commune file read again)",
            Box::new(|site| {
                let config = std::fs::read_to_string(site.join("site.yaml")).unwrap();
                write_files(
                    site,
                    &[(
                        "site.yaml",
                        &config.replace("publish_phones: consent", "publish_phones: none"),
                    )],
                );
            }),
        ),
        (
            "the commune file restored",
            Box::new(|site| {
                std::fs::rename(site.join("teams/qn"), site.join("teams/quang-ninh")).unwrap();
                write_files(site, &[(COMMUNE, &original)]);
            }),
        ),
    ];
    for (step, change) in &steps {
        edit(&events, step, || change(&site));
        assert_same_as_a_build(&server, &site, tmp.path(), "/", &mut seen, step);
    }
    // A base path moves every address.
    edit(&events, "base_url moved", || {
        let config = std::fs::read_to_string(site.join("site.yaml")).unwrap();
        write_files(
            &site,
            &[(
                "site.yaml",
                &config.replace("base_url: \"/\"", "base_url: \"/cds/\""),
            )],
        );
    });
    let step = "base_url moved to /cds/";
    assert_same_as_a_build(&server, &site, tmp.path(), "/cds/", &mut Vec::new(), step);
    assert!(server.problems().is_empty(), "{:?}", server.problems());
}

#[test]
fn a_warm_start_reuses_what_the_last_one_parsed_and_serves_what_a_build_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let site = scoped_site(tmp.path());
    write_files(
        &site,
        &[(
            "teams/quang-ninh/ha-tu.yaml",
            "province: 22\ncommune: \"Phường Hà Tu\"\nteams:\n  - hamlet: \"Tổ 1\"\n    kind: tổ dân phố\n    members:\n      - name: \"Lê Văn C\"\n",
        )],
    );
    let cache = tmp.path().join("cache");
    let ngo = ngo_binary();
    let (cold, ready) = Server::start(ngo, &site, &cache);
    assert!(ready.contains("(0 tệp lấy lại"), "{ready}");
    // The parsed files are saved beside the first answer; give it the moment it takes.
    let saved = Instant::now() + WAIT;
    while !cache
        .join("ngo")
        .read_dir()
        .is_ok_and(|mut d| d.next().is_some())
    {
        assert!(Instant::now() < saved, "the parsed files were never saved");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let (status, _) = cold.interrupt();
    assert!(status.success());

    let (warm, ready) = Server::start(ngo, &site, &cache);
    assert!(
        ready.contains("2 xã có danh sách (2 tệp lấy lại từ lần xem trước)"),
        "{ready}"
    );
    let built = fresh_build(ngo, &site, tmp.path());
    let differ = differences(&warm.address, "/", &built, &[]);
    assert!(differ.is_empty(), "{differ:#?}");
    // Nothing of the preview is kept in or beside the site folder.
    let beside: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("site"))
        .collect();
    assert_eq!(beside, ["site"]);
}

#[test]
fn requests_are_answered_while_edits_are_taken_in() {
    let tmp = tempfile::tempdir().unwrap();
    let site = scoped_site(tmp.path());
    let (server, _) = Server::start(ngo_binary(), &site, &tmp.path().join("cache"));
    // More live-reload channels than a browser opens connections to one server.
    let channels: Vec<_> = (0..8).map(|_| server.events()).collect();
    let done = Arc::new(AtomicBool::new(false));
    let pages = [
        "/",
        TEAM_PAGE,
        "/quang-ninh/",
        "/huong-dan/",
        "/thong-ke/",
        "/search/manifest.json",
    ];
    let readers: Vec<_> = (0..4)
        .map(|i| {
            let (address, done) = (server.address.clone(), Arc::clone(&done));
            std::thread::spawn(move || {
                let mut slowest = Duration::ZERO;
                let mut answered = 0;
                let mut n = i;
                while !done.load(Ordering::SeqCst) {
                    let asked = Instant::now();
                    let (status, _) = ngo_tests::preview::get(&address, pages[n % pages.len()]);
                    assert_eq!(status, 200, "{}", pages[n % pages.len()]);
                    slowest = slowest.max(asked.elapsed());
                    answered += 1;
                    n += 1;
                }
                (answered, slowest)
            })
        })
        .collect();
    let original = std::fs::read_to_string(site.join(COMMUNE)).unwrap();
    for n in 0..10 {
        let text = original.replace(
            "Nhà văn hóa thôn Khe Cát",
            &format!("Nhà văn hóa thôn Khe Cát {n}"),
        );
        write_files(&site, &[(COMMUNE, &text)]);
        assert!(reloaded(&channels[n % channels.len()]), "edit {n}");
    }
    done.store(true, Ordering::SeqCst);
    for reader in readers {
        let (answered, slowest) = reader.join().expect("every request answered");
        assert!(answered > 0);
        assert!(
            slowest < Duration::from_secs(10),
            "a request waited {slowest:?}"
        );
    }
    // Every channel got every reload: none was starved by the others.
    assert!(text(&server.get(TEAM_PAGE).1).contains("Nhà văn hóa thôn Khe Cát 9"));
}

#[test]
fn ctrl_c_stops_the_preview_at_once_while_it_reads_and_while_it_takes_an_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let site = scoped_site(tmp.path());
    let cache = tmp.path().join("cache");
    // While the site is being read for the first time.
    let server = Server::spawn(ngo_binary(), &site, &cache);
    let (status, took) = server.interrupt();
    assert!(status.success(), "{status:?}");
    assert!(took < Duration::from_secs(1), "stopped after {took:?}");

    // Right after an edit, with a tab connected.
    let (server, _) = Server::start(ngo_binary(), &site, &cache);
    let events = server.events();
    let original = std::fs::read_to_string(site.join(COMMUNE)).unwrap();
    write_files(
        &site,
        &[(COMMUNE, &original.replace("Khe Cát", "Khe Cát 2"))],
    );
    std::thread::sleep(Duration::from_millis(30));
    let (status, took) = server.interrupt();
    assert!(status.success(), "{status:?}");
    assert!(took < Duration::from_secs(1), "stopped after {took:?}");
    drop(events);
}

//! Every refusal of `ngo build` shows in `ngo serve`'s overlay: each broken change is made to a
//! running preview of a valid site, then the build of the same files is asked what is wrong, and
//! each of its problems must be in the overlay, at the same place with the same words. The
//! change is then undone and the overlay must empty.

use std::path::Path;
use std::time::{Duration, Instant};

use ngo_tests::preview::{build_refusals, Server};
use ngo_tests::{copy_tree, ngo_binary, repo_root, write_files};

const COMMUNE: &str = "teams/quang-ninh/quang-la.yaml";
const GUIDE: &str = "guides/nhan-dien-cuoc-goi-lua-dao.md";

/// A broken change: files written (path, text) over the valid site.
struct Case {
    name: &'static str,
    files: Vec<(&'static str, String)>,
}

fn cases(site: &Path) -> Vec<Case> {
    let commune = std::fs::read_to_string(site.join(COMMUNE)).unwrap();
    let guide = std::fs::read_to_string(site.join(GUIDE)).unwrap();
    let base =
        std::fs::read_to_string(repo_root().join("themes/default/templates/base.html")).unwrap();
    let config = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    let another_guide = "---\ntitle: \"Thử\"\nskill: an-toan\n---\nNội dung.\n".to_string();
    vec![
        Case {
            name: "a phone that is not one",
            files: vec![(COMMUNE, commune.replace("\"0912 000 101\"", "\"0912 000\""))],
        },
        Case {
            name: "a misspelt key",
            files: vec![(
                COMMUNE,
                commune.replace(
                    "        phone: \"0912 000 101\"",
                    "        phnoe: \"0912 000 101\"",
                ),
            )],
        },
        Case {
            name: "two teams with one id",
            files: vec![(
                COMMUNE,
                commune.replace("hamlet: \"Thôn Đồng Mụ\"", "hamlet: \"Thôn Khe Cát\""),
            )],
        },
        Case {
            name: "a commune name that does not resolve",
            files: vec![(
                COMMUNE,
                commune.replace("commune: 7054", "commune: \"Xã Không Có\""),
            )],
        },
        Case {
            name: "a province outside the portal's scope",
            files: vec![(COMMUNE, commune.replace("province: 22", "province: 1"))],
        },
        Case {
            name: "a second file for the commune, after the first",
            files: vec![("teams/quang-ninh/quang-la-2.yaml", commune.clone())],
        },
        Case {
            name: "a second file for the commune, before the first",
            files: vec![("teams/quang-ninh/a-quang-la.yaml", commune.clone())],
        },
        Case {
            name: "an unknown skill",
            files: vec![("guides/thu.md", another_guide.replace("an-toan", "an-toàn"))],
        },
        Case {
            name: "front matter that is not YAML",
            files: vec![(GUIDE, guide.replacen("title: \"", "title: \"\"\"", 1))],
        },
        Case {
            name: "two guides at one address",
            files: vec![
                ("guides/thu.md", another_guide.clone()),
                ("guides/thu/index.md", another_guide.clone()),
            ],
        },
        Case {
            name: "a guide out of place",
            files: vec![("guides/thu/chuong/mot.md", another_guide)],
        },
        Case {
            name: "a page at an address the portal uses",
            files: vec![(
                "pages/huong-dan.md",
                "---\ntitle: \"Hướng dẫn\"\n---\nx\n".into(),
            )],
        },
        Case {
            name: "a page at a province's address",
            files: vec![(
                "pages/quang-ninh.md",
                "---\ntitle: \"Quảng Ninh\"\n---\nx\n".into(),
            )],
        },
        Case {
            name: "a base_url that is not one",
            files: vec![(
                "site.yaml",
                config.replace("base_url: \"/\"", "base_url: \"khong-hop-le\""),
            )],
        },
        Case {
            name: "a template that does not parse",
            files: vec![(
                "templates/base.html",
                base.replacen("<head>", "<head>{% if %}", 1),
            )],
        },
        Case {
            name: "a template that fails on every team page",
            files: vec![(
                "templates/team.html",
                "{% extends \"base.html\" %}{% block content %}{{ khong_co.ten }}{% endblock %}"
                    .into(),
            )],
        },
    ]
}

/// Waits until every problem of `expected` is in the overlay; the overlay then.
fn overlay_with(server: &Server, expected: &[String]) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let shown = server.problems();
        let first_lines: Vec<&str> = shown.iter().filter_map(|p| p.lines().next()).collect();
        if expected.iter().all(|e| first_lines.contains(&e.as_str())) || Instant::now() > deadline {
            return shown;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn wait_clean(server: &Server, case: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !server.problems().is_empty() {
        assert!(
            Instant::now() < deadline,
            "after undoing {case}, the overlay still shows {:?}",
            server.problems()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn every_refusal_of_a_build_shows_in_the_preview_overlay() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&repo_root().join("tests/fixtures/minimal"), &site);
    let config = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    write_files(
        &site,
        &[("site.yaml", &format!("{config}scope:\n  provinces: [22]\n"))],
    );
    let (server, _) = Server::start(ngo_binary(), &site, &tmp.path().join("cache"));
    assert!(server.problems().is_empty(), "{:?}", server.problems());
    for case in cases(&site) {
        let before: Vec<(&str, Option<String>)> = case
            .files
            .iter()
            .map(|(path, _)| (*path, std::fs::read_to_string(site.join(path)).ok()))
            .collect();
        let files: Vec<(&str, &str)> = case.files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        write_files(&site, &files);
        let refused = build_refusals(ngo_binary(), &site, tmp.path());
        assert!(
            !refused.is_empty(),
            "{}: the build found nothing",
            case.name
        );
        let shown = overlay_with(&server, &refused);
        for problem in &refused {
            assert!(
                shown
                    .iter()
                    .any(|s| s.lines().next() == Some(problem.as_str())),
                "{}: the build refuses with\n  {problem}\nbut the overlay shows\n  {shown:#?}",
                case.name
            );
        }
        for (path, text) in before {
            match text {
                Some(text) => write_files(&site, &[(path, &text)]),
                None => std::fs::remove_file(site.join(path)).unwrap(),
            }
        }
        let _ = std::fs::remove_dir_all(site.join("guides/thu"));
        wait_clean(&server, case.name);
    }
}

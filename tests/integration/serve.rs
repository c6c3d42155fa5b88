//! `ngo serve` over real HTTP: pages, live reload after an edit, a broken edit and its recovery,
//! deleting a team, and a clean stop on Ctrl-C.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ngo_tests::{copy_tree, http_get, ngo_binary, repo_root, write_files};

struct Server {
    child: Child,
    address: String,
    base: String,
}

impl Server {
    fn start(site: &std::path::Path) -> Server {
        let mut child = Command::new(ngo_binary())
            .args(["serve", site.to_str().unwrap(), "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("ngo serve starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let line = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(60))
                .expect("serve prints its address");
            if line.contains("http://") {
                break line;
            }
        };
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap();
        let rest = url.trim_start_matches("http://");
        let (address, base) = rest.split_at(rest.find('/').unwrap());
        Server {
            child,
            address: address.to_string(),
            base: base.to_string(),
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        http_get(
            &self.address,
            &format!("{}{}", self.base, path.trim_start_matches('/')),
        )
    }

    /// Opens the live-reload channel and returns its lines as they arrive.
    fn events(&self) -> mpsc::Receiver<String> {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(stream, "GET /__ngo/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                let _ = tx.send(line.trim_end().to_string());
                line.clear();
            }
        });
        let first = wait_for(&rx, |l| l.starts_with(": ngo"));
        assert!(first.is_some(), "event stream opened");
        rx
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn wait_for(rx: &mpsc::Receiver<String>, want: impl Fn(&str) -> bool) -> Option<String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) if want(&line) => return Some(line),
            Ok(_) => continue,
            Err(_) => return None,
        }
    }
    None
}

const COMMUNE: &str = "teams/quang-ninh/quang-la.yaml";

#[test]
fn serve_rebuilds_reloads_survives_errors_and_stops_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&repo_root().join("tests/fixtures/minimal"), &site);
    let server = Server::start(&site);

    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("/__ngo/reload.js"), "reload script injected");
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
    let (status, team) = server.get("quang-ninh/xa-quang-la/thon-khe-cat/");
    assert_eq!(status, 200);
    assert!(team.contains("Nhà văn hóa thôn Khe Cát"));
    assert_eq!(server.get("khong-co-trang-nay/").0, 404);

    let shard_of_22 = |server: &Server| {
        let manifest: serde_json::Value =
            serde_json::from_str(&server.get("search/manifest.json").1).unwrap();
        manifest["provinces"]["22"]["file"]
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
            &original.replace("Nhà văn hóa thôn Khe Cát", "Hội trường mới"),
        )],
    );
    assert!(
        wait_for(&events, |l| l == "event: reload").is_some(),
        "reload after an edit"
    );
    assert!(server
        .get("quang-ninh/xa-quang-la/thon-khe-cat/")
        .1
        .contains("Hội trường mới"));
    // The province's search shard is rebuilt too (meeting places are searchable), right after
    // the reload.
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut shard_after = shard_of_22(&server);
    while shard_after == shard_before && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
        shard_after = shard_of_22(&server);
    }
    assert_ne!(shard_after, shard_before);
    assert_eq!(server.get(&shard_after).0, 200);

    write_files(
        &site,
        &[(
            COMMUNE,
            &original.replace("\"0912 000 101\"", "\"0912 000\""),
        )],
    );
    let errors =
        wait_for(&events, |l| l.starts_with("data: [\"")).expect("errors sent to the page");
    assert!(
        errors.contains("teams/quang-ninh/quang-la.yaml:12:16"),
        "{errors}"
    );
    let (_, status_json) = server.get_raw("/__ngo/status");
    assert!(
        status_json.contains("số điện thoại không hợp lệ"),
        "{status_json}"
    );
    assert_eq!(
        server.get("quang-ninh/xa-quang-la/thon-khe-cat/").0,
        200,
        "last good build still served"
    );

    let without_dong_mu = original
        .split("  - hamlet: \"Thôn Đồng Mụ\"")
        .next()
        .unwrap()
        .to_string();
    write_files(&site, &[(COMMUNE, &without_dong_mu)]);
    assert!(
        wait_for(&events, |l| l == "event: reload").is_some(),
        "recovers when fixed"
    );
    assert!(server.get_raw("/__ngo/status").1.contains("\"errors\":[]"));
    assert_eq!(
        server.get("quang-ninh/xa-quang-la/thon-dong-mu/").0,
        404,
        "deleted team is gone"
    );

    assert!(
        !site.join("public").exists(),
        "serve never writes into the site folder"
    );
    stop_with_ctrl_c(server);
}

impl Server {
    fn get_raw(&self, path: &str) -> (u16, String) {
        http_get(&self.address, path)
    }
}

fn stop_with_ctrl_c(mut server: Server) {
    let pid = server.child.id().to_string();
    Command::new("kill").args(["-INT", &pid]).status().unwrap();
    // Stopping finishes the rebuild under way and deletes the preview folder (a few thousand
    // pages); with the other whole-binary tests loading both cores that took over 10 s.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(status.success(), "clean exit on Ctrl-C: {status:?}");
            return;
        }
        assert!(Instant::now() < deadline, "serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    }
}

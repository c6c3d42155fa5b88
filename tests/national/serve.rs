//! The preview of a large site: it answers while it reads the site, Ctrl-C ends it within a
//! second at every moment that could hold it up, and a start after all those stops takes every
//! commune file as an earlier one parsed it: a stop never leaves what it was writing trusted.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use ngo_tests::cargo_binary;
use ngo_tests::preview::Server;

use crate::privacy_scan::generate;

const SECOND: Duration = Duration::from_secs(1);

fn assert_stops_within_a_second(server: Server, moment: &str) {
    let (status, took) = server.interrupt();
    eprintln!("{moment}: stopped in {} ms", took.as_millis());
    assert!(status.success(), "{moment}: {status:?}");
    assert!(took < SECOND, "{moment}: stopped after {took:?}");
}

/// Waits until a preview has saved the commune files it parsed (written aside, then renamed
/// into place).
fn wait_saved(cache: &Path) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !std::fs::read_dir(cache.join("ngo")).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "parsed"))
    }) {
        assert!(
            Instant::now() < deadline,
            "the parsed files were never saved"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn first_commune_file(content: &Path) -> std::path::PathBuf {
    let mut provinces: Vec<_> = std::fs::read_dir(content.join("teams"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    provinces.sort();
    let mut files: Vec<_> = std::fs::read_dir(&provinces[0])
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.remove(0)
}

#[cfg_attr(
    debug_assertions,
    ignore = "national scale: run with --release (tests/run-all does)"
)]
#[test]
fn the_preview_answers_while_it_starts_and_ctrl_c_ends_it_within_a_second_at_any_moment() {
    let tmp = crate::scratch();
    generate(tmp.path(), 20_000);
    let ngo = cargo_binary("ngo", "ngo");
    let content = tmp.path().join("content");
    let cache = tmp.path().join("cache");

    // While it reads the site: a browser already gets a page saying so.
    let server = Server::spawn(&ngo, &content, &cache);
    let (status, body) = server.get("/");
    assert_eq!(status, 503, "the site cannot be read this fast");
    assert!(String::from_utf8_lossy(&body).contains("Đang dựng bản xem trước"));
    assert_stops_within_a_second(server, "while reading the site");

    // Ready, with a tab connected, while the background worker makes the index and checks
    // every page.
    let (server, ready) = Server::start(&ngo, &content, &cache);
    assert!(ready.contains("(0 tệp lấy lại"), "{ready}");
    let events = server.events();
    assert_eq!(server.get("/").0, 200);
    assert_stops_within_a_second(server, "background work, tab connected");
    drop(events);

    // Taking in an edit, once the parsed files are saved for the next start.
    let (server, _) = Server::start(&ngo, &content, &cache);
    let _events = server.events();
    wait_saved(&cache);
    let commune = first_commune_file(&content);
    let original = std::fs::read_to_string(&commune).unwrap();
    std::fs::write(
        &commune,
        original.replacen("hamlet: \"", "hamlet: \"Mới ", 1),
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(30));
    assert_stops_within_a_second(server, "taking in an edit");
    std::fs::write(&commune, &original).unwrap();

    // Making the open-data files of every member.
    let (server, _) = Server::start(&ngo, &content, &cache);
    let address = server.address.clone();
    let asking = std::thread::spawn(move || {
        // The answer is cut short by the stop: only the asking matters.
        let mut stream = TcpStream::connect(&address).unwrap();
        let _ = write!(
            stream,
            "GET /du-lieu-mo/to-cong-nghe-so.json HTTP/1.1\r\nHost: x\r\n\r\n"
        );
        let _ = stream.read_to_end(&mut Vec::new());
    });
    std::thread::sleep(Duration::from_millis(200));
    assert_stops_within_a_second(server, "making the open data");
    let _ = asking.join();

    // Nothing any of these stops left behind is trusted wrongly: the parsed files saved by an
    // earlier start are whole, and every commune file is taken from them.
    let (server, ready) = Server::start(&ngo, &content, &cache);
    let files = std::fs::read_dir(content.join("teams"))
        .unwrap()
        .flat_map(|p| std::fs::read_dir(p.unwrap().path()).unwrap())
        .count();
    assert!(
        ready.contains(&format!("({files} tệp lấy lại từ lần xem trước)")),
        "{ready}"
    );
    assert_eq!(server.get("/").0, 200);
}

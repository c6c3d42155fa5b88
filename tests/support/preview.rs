//! Driving `ngo serve` as an editor's browser would: start it, read its files over HTTP, follow
//! its live-reload channel, compare what it serves with what `ngo build` writes, stop it with
//! Ctrl-C.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `ngo serve`; killed when dropped.
pub struct Server {
    pub child: Child,
    /// `127.0.0.1:port`.
    pub address: String,
    /// What it prints, line by line.
    pub stdout: mpsc::Receiver<String>,
    pub stderr: mpsc::Receiver<String>,
}

/// The reload script tag the preview adds to every HTML page it serves.
const RELOAD_TAG_START: &[u8] = b"<script src=\"/__ngo/reload.js\"";

impl Server {
    /// Starts `ngo serve SITE --port 0` with its cache in `cache` (an empty folder makes a cold
    /// start), returning once it printed its address.
    pub fn spawn(ngo: &Path, site: &Path, cache: &Path) -> Server {
        let mut child = Command::new(ngo)
            .args(["serve", site.to_str().unwrap(), "--port", "0"])
            .env("XDG_CACHE_HOME", cache)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("ngo serve starts");
        let stdout = lines(child.stdout.take().unwrap());
        let stderr = lines(child.stderr.take().unwrap());
        let first = stdout
            .recv_timeout(Duration::from_secs(60))
            .expect("serve prints its address");
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        let address = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        Server {
            child,
            address,
            stdout,
            stderr,
        }
    }

    /// Starts the preview and waits until it is ready; returns it with its ready line.
    pub fn start(ngo: &Path, site: &Path, cache: &Path) -> (Server, String) {
        let server = Server::spawn(ngo, site, cache);
        let ready = server.wait_stdout(Duration::from_secs(600), |l| l.starts_with("Sẵn sàng"));
        (server, ready)
    }

    /// Waits for a printed line that `want` accepts.
    pub fn wait_stdout(&self, timeout: Duration, want: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) if want(&line) => return line,
                Ok(_) => {}
                Err(_) => panic!("ngo serve never printed the line waited for"),
            }
        }
    }

    /// GET `path` (from the server's root, with its leading `/`): status and body.
    pub fn get(&self, path: &str) -> (u16, Vec<u8>) {
        get(&self.address, path)
    }

    /// The problems the overlay shows now.
    pub fn problems(&self) -> Vec<String> {
        let (_, body) = self.get("/__ngo/status");
        let status: serde_json::Value = serde_json::from_slice(&body).expect("status is JSON");
        status["errors"]
            .as_array()
            .expect("errors listed")
            .iter()
            .map(|e| e.as_str().unwrap().to_string())
            .collect()
    }

    /// Opens the live-reload channel as a tab does; its lines as they arrive.
    pub fn events(&self) -> mpsc::Receiver<String> {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(stream, "GET /__ngo/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let rx = lines(stream);
        let opened = wait_line(&rx, Duration::from_secs(20), |l| l.starts_with(": ngo"));
        assert!(opened.is_some(), "event stream opened");
        rx
    }

    /// Sends SIGINT (Ctrl-C) and waits for the exit; how long it took.
    pub fn interrupt(mut self) -> (ExitStatus, Duration) {
        let signalled = Instant::now();
        let kill = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
        let status = self.child.wait().unwrap();
        (status, signalled.elapsed())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lines(from: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    rx
}

/// The next line `want` accepts within `timeout`.
pub fn wait_line(
    rx: &mpsc::Receiver<String>,
    timeout: Duration,
    want: impl Fn(&str) -> bool,
) -> Option<String> {
    let deadline = Instant::now() + timeout;
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        match rx.recv_timeout(left) {
            Ok(line) if want(&line) => return Some(line),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
}

/// A GET over one connection: status and body bytes.
pub fn get(address: &str, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(address).expect("server accepts connections");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("response read");
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&response[..split]);
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response[split + 4..].to_vec())
}

/// An HTML page as built: the preview's reload script taken out.
pub fn without_reload_script(body: &[u8]) -> Vec<u8> {
    let Some(start) = body
        .windows(RELOAD_TAG_START.len())
        .position(|w| w == RELOAD_TAG_START)
    else {
        return body.to_vec();
    };
    let end_tag = b"</script>";
    let end = body[start..]
        .windows(end_tag.len())
        .position(|w| w == end_tag)
        .map(|i| start + i + end_tag.len())
        .expect("the reload tag is closed");
    [&body[..start], &body[end..]].concat()
}

/// The files a build wrote, by site-relative path.
pub fn built_files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    crate::snapshot(out)
}

/// Fetches every file of `built` under `base` and lists those the preview serves differently;
/// also those of `gone` (files an earlier build had) that it still serves. Empty when the
/// preview is exactly the build.
pub fn differences(
    address: &str,
    base: &str,
    built: &BTreeMap<String, Vec<u8>>,
    gone: &[String],
) -> Vec<String> {
    let mut differ = Vec::new();
    for (file, bytes) in built {
        // `index.html` files are fetched by their folder's address, as a visitor does.
        let address_of = file.strip_suffix("index.html").unwrap_or(file);
        let (status, body) = get(address, &format!("{base}{}", encode(address_of)));
        if status != 200 {
            differ.push(format!("{file}: status {status}"));
        } else if without_reload_script(&body) != *bytes {
            differ.push(format!("{file}: other bytes"));
        }
    }
    for file in gone.iter().filter(|f| !built.contains_key(*f)) {
        let address_of = file.strip_suffix("index.html").unwrap_or(file);
        let (status, _) = get(address, &format!("{base}{}", encode(address_of)));
        if status != 404 {
            differ.push(format!(
                "{file}: gone from the build, served with status {status}"
            ));
        }
    }
    differ
}

fn encode(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A fresh `ngo build` of `site` into a new folder under `scratch`; its files.
pub fn fresh_build(ngo: &Path, site: &Path, scratch: &Path) -> BTreeMap<String, Vec<u8>> {
    let out: PathBuf = scratch.join(format!(
        "build-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    let status = Command::new(ngo)
        .args(["build", "--quiet"])
        .arg(site)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "the fresh build failed");
    let files = built_files(&out);
    let _ = std::fs::remove_dir_all(&out);
    files
}

/// What `ngo build` says is wrong with `site`: its `path:line:col: lỗi: …` lines. Nothing is
/// written when it fails.
pub fn build_refusals(ngo: &Path, site: &Path, scratch: &Path) -> Vec<String> {
    let out = scratch.join("refused-build");
    let output = Command::new(ngo)
        .args(["build"])
        .arg(site)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        !output.status.success(),
        "the build should refuse this site"
    );
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| l.contains(": lỗi: "))
        .map(str::to_string)
        .collect()
}

//! A tiny harness for running the real `ngo` binary on real folders, as a user would.

pub mod phone_scan;
pub mod preview;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the repo")
        .to_path_buf()
}

/// Path of the `ngo` binary, built once per test run in the same profile as the tests.
pub fn ngo_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| cargo_binary("ngo", "ngo"))
}

/// Builds `bin` of `package` in the tests' own profile (release tests drive release binaries)
/// and returns its path.
pub fn cargo_binary(package: &str, bin: &str) -> PathBuf {
    let release = !cfg!(debug_assertions);
    let mut args = vec!["build", "--quiet", "-p", package, "--bin", bin];
    if release {
        args.push("--release");
    }
    let status = Command::new(env!("CARGO"))
        .args(&args)
        .current_dir(repo_root())
        .status()
        .expect("cargo runs");
    assert!(status.success(), "building {bin} failed");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| repo_root().join("target"), PathBuf::from);
    let target = if target.is_relative() {
        repo_root().join(target)
    } else {
        target
    };
    target
        .join(if release { "release" } else { "debug" })
        .join(format!("{bin}{}", std::env::consts::EXE_SUFFIX))
}

/// Runs `ngo` with `args` in `dir`.
pub fn ngo(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(ngo_binary())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("ngo starts");
    Run { output }
}

/// The result of one `ngo` run.
pub struct Run {
    pub output: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn success(&self) -> bool {
        self.output.status.success()
    }

    /// Asserts success, showing what ngo printed otherwise.
    pub fn ok(self) -> Self {
        assert!(
            self.success(),
            "ngo failed:\n{}\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// Asserts failure, showing what ngo printed otherwise.
    pub fn failed(self) -> Self {
        assert!(
            !self.success(),
            "ngo should have failed:\n{}\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

/// Copies a folder tree (a fixture or the sample portal) into a temporary place to work on.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("fixture readable");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Writes `files` (path, text) under `dir`, creating folders.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

/// Every file under `dir` with its bytes, by relative path: to tell whether a folder changed.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).expect("file readable");
            (f, bytes)
        })
        .collect()
}

/// Every file under `dir`, relative, with `/` separators.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// The `href` and `src` values of an HTML document (good enough for our own, well-formed output).
pub fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                found.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    found
}

/// A minimal HTTP/1.1 GET against 127.0.0.1, enough to test our own server without a client crate.
pub fn http_get(address: &str, path: &str) -> (u16, String) {
    let response = http_request(address, path);
    (response.status, response.body)
}

/// A response: status, headers (names lower-cased) and body as text.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// The value of a header (`name` in lower case), if the response has it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A minimal HTTP/1.1 GET against 127.0.0.1 that keeps the headers.
pub fn http_request(address: &str, path: &str) -> Response {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).expect("server accepts connections");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .expect("timeout set");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("request sent");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("response read");
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response
        .split_once("\r\n\r\n")
        .unwrap_or((response.as_str(), ""));
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

//! Edit-to-reload: how long after an editor saves a commune file the preview tells open tabs to
//! reload, measured as a tab sees it, on the event stream `ngo serve` offers.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};

/// A port nobody listens on right now.
pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// `ngo serve`, stopped with SIGINT (as Ctrl-C would) when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Server {
    /// Starts the preview and waits until it answers `/` (after its first full build).
    pub fn start(ngo: &Path, site: &Path, timeout: Duration) -> Result<Server> {
        let port = free_port()?;
        let child = Command::new(ngo)
            .arg("serve")
            .arg(site)
            .arg("--port")
            .arg(port.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("starting ngo serve")?;
        let mut server = Server { child, port };
        let deadline = Instant::now() + timeout;
        while !server.answers_root() {
            if let Some(status) = server.child.try_wait()? {
                bail!("ngo serve exited early: {status}");
            }
            if Instant::now() > deadline {
                bail!("ngo serve did not answer within {timeout:?}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(server)
    }

    fn answers_root(&self) -> bool {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let request = format!(
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        );
        if stream.write_all(request.as_bytes()).is_err() {
            return false;
        }
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.1 200")
    }

    /// Opens the reload event stream, past its response head.
    pub fn events(&self) -> Result<BufReader<TcpStream>> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        let request = format!(
            "GET /__ngo/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAccept: text/event-stream\r\n\r\n",
            self.port
        );
        stream.write_all(request.as_bytes())?;
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                bail!("the event stream closed before its head ended");
            }
            if line.trim_end().is_empty() {
                return Ok(reader);
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // SAFETY: signalling our own child by its pid.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, libc::SIGINT);
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads event lines until `event: reload`; the time it arrived.
fn wait_reload(events: &mut BufReader<TcpStream>) -> Result<Instant> {
    let mut line = String::new();
    loop {
        line.clear();
        if events
            .read_line(&mut line)
            .context("waiting for event: reload")?
            == 0
        {
            bail!("the event stream closed");
        }
        if line.trim_end() == "event: reload" {
            return Ok(Instant::now());
        }
    }
}

/// `text` with the first team's meeting place changed, still valid YAML; `None` if the file
/// has no meeting line.
pub fn edited(text: &str, n: usize) -> Option<String> {
    let at = text.find("meeting: \"")?;
    let end = at + text[at..].find('\n')?;
    let line = &text[at..end];
    let quoted = line.strip_suffix('"')?;
    Some(format!(
        "{}{quoted} (lần {n})\"{}",
        &text[..at],
        &text[end..]
    ))
}

/// The first team file in `site/teams` (sorted) that has a meeting place.
pub fn pick_file(site: &Path) -> Result<PathBuf> {
    let mut provinces: Vec<PathBuf> = std::fs::read_dir(site.join("teams"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    provinces.sort();
    for province in provinces.into_iter().filter(|p| p.is_dir()) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&province)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for file in files {
            if let Ok(text) = std::fs::read_to_string(&file) {
                if edited(&text, 1).is_some() {
                    return Ok(file);
                }
            }
        }
    }
    Err(anyhow!(
        "no team file with a meeting place under {}",
        site.display()
    ))
}

/// Times `edits` saves of one commune file, from the write to `event: reload`; the file is
/// restored afterwards, even when a measurement fails.
pub fn measure(ngo: &Path, site: &Path, edits: usize) -> Result<(Vec<Duration>, PathBuf)> {
    let file = pick_file(site)?;
    let original = std::fs::read_to_string(&file)?;
    let server = Server::start(ngo, site, Duration::from_secs(300))?;
    let mut events = server.events()?;
    let result = time_edits(&file, &original, edits, &mut events);
    std::fs::write(&file, &original)?;
    let _ = wait_reload(&mut events);
    drop(server);
    result.map(|times| (times, file))
}

fn time_edits(
    file: &Path,
    original: &str,
    edits: usize,
    events: &mut BufReader<TcpStream>,
) -> Result<Vec<Duration>> {
    let mut times = Vec::new();
    for n in 1..=edits {
        let text = edited(original, n).expect("pick_file checked the meeting line");
        let started = Instant::now();
        std::fs::write(file, text)?;
        times.push(wait_reload(events)? - started);
        // Let the watcher settle so the next edit is a burst of its own.
        std::thread::sleep(Duration::from_millis(300));
    }
    Ok(times)
}

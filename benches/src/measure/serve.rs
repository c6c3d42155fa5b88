//! `ngo serve` as an editor meets it: how long until a browser gets an answer (cold, and warm
//! with what the last preview kept), and how long Ctrl-C takes to end it at the worst moments
//! this can find.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// A port nobody listens on right now.
pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A running `ngo serve` with its cache in a folder of the benchmark's own; stopped with SIGINT
/// (as Ctrl-C would) when dropped.
pub struct Server {
    child: Option<Child>,
    pub port: u16,
    pub spawned: Instant,
}

impl Server {
    /// Starts `ngo serve SITE` with its cache folder `cache` (empty: a cold start).
    pub fn spawn(ngo: &Path, site: &Path, cache: &Path) -> Result<Server> {
        let port = free_port()?;
        let spawned = Instant::now();
        let child = Command::new(ngo)
            .arg("serve")
            .arg(site)
            .arg("--port")
            .arg(port.to_string())
            .env("XDG_CACHE_HOME", cache)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("starting ngo serve")?;
        Ok(Server {
            child: Some(child),
            port,
            spawned,
        })
    }

    /// Starts the preview and waits until it answers `/` with the home page.
    pub fn start(ngo: &Path, site: &Path, cache: &Path) -> Result<Server> {
        let server = Server::spawn(ngo, site, cache)?;
        server.wait_for(200, Duration::from_secs(600))?;
        Ok(server)
    }

    /// Waits until `/` answers with `status` (any status: 0); the time since the spawn.
    pub fn wait_for(&self, status: u16, timeout: Duration) -> Result<Duration> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok((got, _)) = self.get("/") {
                if status == 0 || got == status {
                    return Ok(self.spawned.elapsed());
                }
            }
            if Instant::now() > deadline {
                bail!("ngo serve did not answer {status} within {timeout:?}");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// GET `path` (with its leading `/`): status and body.
    pub fn get(&self, path: &str) -> Result<(u16, Vec<u8>)> {
        get(self.port, path)
    }

    /// Opens the reload event stream, past its response head.
    pub fn events(&self) -> Result<BufReader<TcpStream>> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(120)))?;
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

    /// Sends SIGINT and waits for the process to end; the time that took.
    pub fn interrupt(mut self) -> Result<Duration> {
        let mut child = self.child.take().context("already stopped")?;
        let signalled = Instant::now();
        // SAFETY: signalling our own child by its pid.
        unsafe {
            libc::kill(child.id() as libc::pid_t, libc::SIGINT);
        }
        let deadline = signalled + Duration::from_secs(30);
        loop {
            if child.try_wait()?.is_some() {
                return Ok(signalled.elapsed());
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                bail!("ngo serve did not stop within 30 s of SIGINT");
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = self.child.take() {
            let _ = (Server {
                child: Some(child),
                port: self.port,
                spawned: self.spawned,
            })
            .interrupt();
        }
    }
}

/// A GET over its own connection: status and body.
pub fn get(port: u16, path: &str) -> Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes())?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .context("no response head")?;
    let head = String::from_utf8_lossy(&response[..split]);
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .context("no status")?;
    Ok((status, response[split + 4..].to_vec()))
}

/// How soon the preview answers.
#[derive(Debug, Clone)]
pub struct Starts {
    /// With an empty cache: the first answer of any kind (the page saying it is being made).
    pub cold_first_answer: Duration,
    /// With an empty cache: the home page.
    pub cold: Duration,
    /// Again, with what the cold start kept, nothing changed: the home page.
    pub warm: Duration,
}

/// A cold start, then a warm one. `cache` is emptied first.
pub fn starts(ngo: &Path, site: &Path, cache: &Path) -> Result<Starts> {
    if cache.exists() {
        std::fs::remove_dir_all(cache)?;
    }
    std::fs::create_dir_all(cache)?;
    let server = Server::spawn(ngo, site, cache)?;
    let cold_first_answer = server.wait_for(0, Duration::from_secs(600))?;
    let cold = server.wait_for(200, Duration::from_secs(600))?;
    wait_saved(cache)?;
    drop(server);
    let server = Server::spawn(ngo, site, cache)?;
    let warm = server.wait_for(200, Duration::from_secs(600))?;
    Ok(Starts {
        cold_first_answer,
        cold,
        warm,
    })
}

/// Waits until the preview has saved what it parsed (written aside, then renamed into place).
fn wait_saved(cache: &Path) -> Result<PathBuf> {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let saved = std::fs::read_dir(cache.join("ngo"))
            .ok()
            .and_then(|mut d| d.find_map(|e| e.ok().map(|e| e.path())))
            .filter(|p| p.extension().is_some_and(|e| e == "parsed"));
        if let Some(path) = saved {
            return Ok(path);
        }
        if Instant::now() > deadline {
            bail!("the preview never saved its parsed files");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// SIGINT-to-exit at one moment.
#[derive(Debug, Clone)]
pub struct Stop {
    pub moment: &'static str,
    pub took: Duration,
}

/// Stops the preview with SIGINT at the moments most likely to hold it up: while it reads the
/// site, while its background worker makes the index and checks every page with a tab
/// connected, right after an edit, while it makes the national open data, and after a template
/// edit sets the check of every page going again. `commune` is a commune file to edit (put
/// back afterwards); `base_html` the theme's base template.
pub fn stops(
    ngo: &Path,
    site: &Path,
    cache: &Path,
    commune: &Path,
    base_html: &str,
) -> Result<Vec<Stop>> {
    let mut stops = Vec::new();
    let mut stop = |moment: &'static str, server: Server| -> Result<()> {
        stops.push(Stop {
            moment,
            took: server.interrupt()?,
        });
        Ok(())
    };

    let server = Server::spawn(ngo, site, cache)?;
    server.wait_for(503, Duration::from_secs(120))?;
    std::thread::sleep(Duration::from_millis(300));
    stop("while reading the site", server)?;

    let server = Server::start(ngo, site, cache)?;
    let events = server.events()?;
    stop("background index and check, tab connected", server)?;
    drop(events);

    let server = Server::start(ngo, site, cache)?;
    let _events = server.events()?;
    let original = std::fs::read_to_string(commune)?;
    let edited = crate::measure::reload::edited(&original, 999).context("no meeting line")?;
    std::fs::write(commune, edited)?;
    std::thread::sleep(Duration::from_millis(40));
    let result = stop("taking in an edit", server);
    std::fs::write(commune, &original)?;
    result?;

    let server = Server::start(ngo, site, cache)?;
    let port = server.port;
    let asking = std::thread::spawn(move || get(port, "/du-lieu-mo/to-cong-nghe-so.json"));
    std::thread::sleep(Duration::from_millis(300));
    stop("making the national open data", server)?;
    let _ = asking.join();

    let server = Server::start(ngo, site, cache)?;
    let mut events = server.events()?;
    let template = site.join("templates/base.html");
    std::fs::create_dir_all(site.join("templates"))?;
    std::fs::write(
        &template,
        base_html.replacen("<head>", "<head><!-- thử -->", 1),
    )?;
    let waited = crate::measure::reload::wait_reload(&mut events);
    std::thread::sleep(Duration::from_millis(300));
    let result = stop("checking every page after a template edit", server);
    crate::measure::reload::remove_template(site)?;
    waited?;
    result?;
    Ok(stops)
}

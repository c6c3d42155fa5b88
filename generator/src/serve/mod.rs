//! `ngo serve`: build into a private folder, serve it on 127.0.0.1, watch the content, rebuild
//! only what a change affects and reload the open tabs. Errors never stop the server: they are
//! printed and shown over the page until the file is fixed. `public/` is never touched.

mod http;
mod preview;
mod watch;

pub use http::mime_type;
pub use watch::{classify, Change};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::diagnostics::Diagnostic;
use preview::PreviewState;

/// Editors save in bursts (write, rename, touch): changes this close together are one rebuild.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// How `ngo serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site_dir: PathBuf,
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
}

enum Event {
    Changed(PathBuf),
    Stop,
}

/// Runs the preview until Ctrl-C.
pub fn run(options: &ServeOptions) -> Result<(), String> {
    let site_dir = options
        .site_dir
        .canonicalize()
        .map_err(|e| format!("không mở được {}: {e}", options.site_dir.display()))?;
    let folder = tempfile::Builder::new()
        .prefix("ngo-serve-")
        .tempdir()
        .map_err(|e| e.to_string())?;
    let out_dir = folder.path().join("site");
    let mut state = PreviewState::new(&site_dir, &out_dir, options.drafts);
    let hub = Arc::new(http::Hub::default());
    let started = Instant::now();
    let first = state.apply(&BTreeSet::from([Change::Config]));
    report(
        &first.problems,
        &first.changed,
        started.elapsed(),
        &hub,
        false,
    );
    let base = state
        .site()
        .map_or_else(|| "/".to_string(), |s| s.config.base_url.path.clone());
    let server = http::start(options.port, out_dir.clone(), base.clone(), hub.clone())
        .map_err(|e| format!("không mở được cổng {}: {e}", options.port))?;
    let url = format!("http://{}{}", server.address, base);
    println!("Đang xem trước tại {url} (Ctrl+C để dừng)");
    if options.open {
        open_browser(&url);
    }

    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Event::Stop);
    })
    .map_err(|e| e.to_string())?;
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading a file is not changing it: the rebuild itself opens the files it reads, and
        // without this filter each rebuild would announce the next one.
        if let Some(event) = event
            .ok()
            .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
        {
            for path in event.paths {
                let _ = tx.send(Event::Changed(path));
            }
        }
    })
    .map_err(|e| e.to_string())?;
    watcher
        .watch(&site_dir, RecursiveMode::Recursive)
        .map_err(|e| e.to_string())?;

    loop {
        // Search shards and open data catch up once the editor pauses: an editor saving again
        // and again gets each reload at once instead of waiting behind the last one's index.
        let batch = match next_batch_within(&rx, &site_dir, CATCH_UP_AFTER) {
            Waited::Changes(changes) => Some(changes),
            Waited::Stop => None,
            Waited::Idle => {
                let started = Instant::now();
                let problems = state.update_after_reload();
                if !problems.is_empty() {
                    report(&problems, &[], started.elapsed(), &hub, true);
                }
                next_batch(&rx, &site_dir)
            }
        };
        let Some(changes) = batch else { break };
        let started = Instant::now();
        let outcome = state.apply(&changes);
        report(
            &outcome.problems,
            &outcome.changed,
            started.elapsed(),
            &hub,
            true,
        );
    }
    println!("Đã dừng xem trước.");
    drop(folder);
    Ok(())
}

/// How long the editor must pause before the search shards and open data are brought up to date.
const CATCH_UP_AFTER: Duration = Duration::from_millis(400);

enum Waited {
    Changes(BTreeSet<Change>),
    Stop,
    Idle,
}

/// Like [`next_batch`], but gives up after `idle` without a relevant event.
fn next_batch_within(rx: &mpsc::Receiver<Event>, site_dir: &Path, idle: Duration) -> Waited {
    let deadline = Instant::now() + idle;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Err(RecvTimeoutError::Timeout) => return Waited::Idle,
            Err(RecvTimeoutError::Disconnected) | Ok(Event::Stop) => return Waited::Stop,
            Ok(Event::Changed(path)) => {
                let Some(first) = classify(site_dir, &path) else {
                    continue;
                };
                let mut changes = BTreeSet::from([first]);
                return if rest_of_burst(rx, site_dir, &mut changes) {
                    Waited::Changes(changes)
                } else {
                    Waited::Stop
                };
            }
        }
    }
}

/// Collects the rest of a burst that has begun; false when it is time to stop.
fn rest_of_burst(
    rx: &mpsc::Receiver<Event>,
    site_dir: &Path,
    changes: &mut BTreeSet<Change>,
) -> bool {
    loop {
        match rx.recv_timeout(DEBOUNCE) {
            Ok(Event::Changed(path)) => changes.extend(classify(site_dir, &path)),
            Ok(Event::Stop) | Err(RecvTimeoutError::Disconnected) => return false,
            Err(RecvTimeoutError::Timeout) => return true,
        }
    }
}

/// Waits for the next burst of relevant changes; `None` when it is time to stop.
fn next_batch(rx: &mpsc::Receiver<Event>, site_dir: &Path) -> Option<BTreeSet<Change>> {
    let mut changes = BTreeSet::new();
    loop {
        let event = if changes.is_empty() {
            rx.recv().ok()?
        } else {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => return Some(changes),
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        };
        match event {
            Event::Stop => return None,
            Event::Changed(path) => changes.extend(classify(site_dir, &path)),
        }
    }
}

fn report(
    problems: &[Diagnostic],
    changed: &[String],
    took: Duration,
    hub: &http::Hub,
    notify: bool,
) {
    if problems.is_empty() {
        if !changed.is_empty() {
            let what = if changed == ["*"] {
                "toàn bộ trang".to_string()
            } else {
                format!("{} tệp", changed.len())
            };
            println!("Đã dựng lại {what} trong {} ms", took.as_millis());
            if notify {
                hub.reload();
            }
        } else if notify {
            hub.show_errors(Vec::new());
        }
        return;
    }
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    for line in &lines {
        eprintln!("{line}");
    }
    eprintln!(
        "Có {} lỗi; trang xem trước giữ bản dựng gần nhất.",
        lines.len()
    );
    hub.show_errors(lines);
}

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(program).arg(url).spawn();
}

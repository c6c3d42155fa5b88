//! `ngo serve`: serve the site on 127.0.0.1 from memory, watch the content, take in each change
//! and reload the open tabs. Errors never stop the server: they are printed and shown over the
//! page until the file is fixed. Nothing is written into the site folder or `public/`.
//!
//! - `preview.rs`: the site held in memory; pages made when asked for.
//! - `editor.rs`: changes read and put in place; `problems.rs`: problems kept until fixed.
//! - `edits.rs`: the edits, applied the same way to the preview's site and the worker's copy.
//! - `background.rs`: the worker: search index, open data, the check of every page.
//! - `routes.rs`: which maker makes a file; `http.rs`: the server, live reload, the overlay;
//!   `watch.rs`: which change a changed path is.

mod background;
mod editor;
mod edits;
mod http;
mod preview;
mod problems;
mod routes;
mod watch;

pub use http::mime_type;
pub use watch::{classify, Change};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::console::Verbosity;
use crate::fingerprint::Key;
use crate::images::ImageCache;
use editor::{Editor, Outcome};
use preview::Preview;

/// Editors save in bursts (write, rename, touch): changes this close together are one edit.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// How `ngo serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site_dir: PathBuf,
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
    pub verbosity: Verbosity,
}

/// Why the preview could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("không mở được {}: {source}", .path.display())]
    Folder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("không mở được cổng {port}: {source}")]
    Port {
        port: u16,
        #[source]
        source: std::io::Error,
    },
    #[error("không theo dõi được thư mục trang: {0}")]
    Watch(#[from] notify::Error),
    #[error("không nhận được Ctrl+C: {0}")]
    Signal(#[from] ctrlc::Error),
}

/// Runs the preview until Ctrl-C.
pub fn run(options: &ServeOptions) -> Result<(), ServeError> {
    let site_dir = options
        .site_dir
        .canonicalize()
        .map_err(|source| ServeError::Folder {
            path: options.site_dir.clone(),
            source,
        })?;
    stop_on_ctrl_c()?;
    let hub = Arc::new(http::Hub::default());
    let images = parsed_cache(&site_dir).map_or_else(ImageCache::none, |p| ImageCache::beside(&p));
    let preview = Arc::new(Preview::new(&site_dir, Arc::clone(&hub), images));
    // Serving starts before the site is read: a browser opened now gets a page saying the preview
    // is being made, and is reloaded when it is ready.
    let server =
        http::start(options.port, Arc::clone(&preview), Arc::clone(&hub)).map_err(|source| {
            ServeError::Port {
                port: options.port,
                source,
            }
        })?;
    let url = format!("http://{}{}", server.address, preview.base());
    println!("Đang xem trước tại {url} (Ctrl+C để dừng)");
    if options.open {
        open_browser(&url);
    }
    // Watching starts before the reading too, so no edit made meanwhile is missed.
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading a file is not changing it.
        match event {
            Ok(event) if event.need_rescan() => {
                let _ = tx.send(None);
            }
            Ok(event) if !matches!(event.kind, notify::EventKind::Access(_)) => {
                for path in event.paths {
                    let _ = tx.send(Some(path));
                }
            }
            Ok(_) => {}
            // Whatever was missed, reading everything again finds it.
            Err(_) => {
                let _ = tx.send(None);
            }
        }
    })?;
    watcher.watch(&site_dir, RecursiveMode::Recursive)?;

    let mut editor = Editor::new(preview, options.drafts, parsed_cache(&site_dir));
    let started = editor.start();
    if options.verbosity != Verbosity::Quiet {
        println!(
            "Sẵn sàng sau {:.1} giây: {} xã có danh sách ({} tệp lấy lại từ lần xem trước).",
            started.took.as_secs_f64(),
            started.commune_files,
            started.reused
        );
    }
    print_problems(&started.problems);
    hub.reload();
    while let Some(changes) = next_batch(&rx, &site_dir) {
        let outcome = editor.apply(&changes);
        report(&outcome, &hub, options.verbosity);
    }
    Ok(())
}

/// Ctrl-C ends the preview at once, whatever it is doing: it keeps nothing on disk that could
/// be left half-written (the parsed commune files are written aside and renamed into place
/// whole), and the pages it made live in memory.
fn stop_on_ctrl_c() -> Result<(), ctrlc::Error> {
    ctrlc::set_handler(|| {
        // Printing could block on a full pipe: the process ends within a moment regardless.
        let (done, printed) = mpsc::channel();
        std::thread::spawn(move || {
            println!("Đã dừng xem trước.");
            let _ = done.send(());
        });
        let _ = printed.recv_timeout(Duration::from_millis(200));
        std::process::exit(0);
    })
}

/// Where the commune files parsed by this site's last preview are kept: the user's cache
/// folder, one file per site folder. It holds the model, which has no room for a withheld phone.
fn parsed_cache(site_dir: &Path) -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let root = if cfg!(windows) {
        var("LOCALAPPDATA")
    } else {
        var("XDG_CACHE_HOME").or_else(|| var("HOME").map(|home| home.join(".cache")))
    }?;
    let key = Key::of_bytes(site_dir.to_string_lossy().as_bytes()).to_hex();
    Some(
        root.join("ngo")
            .join(format!("xem-truoc-{}.parsed", &key[..16])),
    )
}

/// Waits for the next burst of relevant changes; `None` when the watcher is gone. A path of
/// `None` means the watcher lost track.
fn next_batch(rx: &mpsc::Receiver<Option<PathBuf>>, site_dir: &Path) -> Option<BTreeSet<Change>> {
    let mut changes = BTreeSet::new();
    loop {
        let path = if changes.is_empty() {
            rx.recv().ok()?
        } else {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(path) => path,
                Err(RecvTimeoutError::Timeout) => return Some(changes),
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        };
        match path {
            Some(path) => changes.extend(classify(site_dir, &path)),
            None => {
                changes.insert(Change::Rescan);
            }
        }
    }
}

fn report(outcome: &Outcome, hub: &http::Hub, verbosity: Verbosity) {
    if outcome.changed {
        hub.reload();
        if verbosity != Verbosity::Quiet {
            println!("Đã cập nhật trong {} ms", outcome.took.as_millis());
        }
        if verbosity == Verbosity::Verbose {
            for (name, took) in &outcome.steps {
                println!("  {name:<30} {:>8.1} ms", took.as_secs_f64() * 1000.0);
            }
        }
    }
    print_problems(&outcome.problems);
}

fn print_problems(problems: &[crate::diagnostics::Diagnostic]) {
    if problems.is_empty() {
        return;
    }
    for problem in problems {
        eprintln!("{problem}");
    }
    eprintln!(
        "Có {} lỗi; trang xem trước giữ bản đúng gần nhất của tệp lỗi.",
        problems.len()
    );
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

//! The preview's HTTP server: the portal's files as the preview makes them, a live-reload
//! channel (server-sent events) and the error overlay. Only ever bound to 127.0.0.1.
//!
//! Every request has a thread of its own, and none of them waits on another's work: a page is
//! made under a read lock that an edit takes only for the moment it puts a change in place, and
//! the slow site-wide files are made by the background worker from its own copy of the site.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server, StatusCode};

use crate::output::Held;
use crate::render::templates::escape_html;
use crate::serve::preview::{Answer, Preview};

const RELOAD_JS: &str = include_str!("reload.js");

/// Who found a problem: each reports its own, and the tabs show them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// The content files, as read.
    Content,
    /// The pages an edit changed, made ahead of the reload.
    Render,
    /// The background check of every page.
    Check,
    /// The search index and the open data.
    Background,
}

/// What the browser tabs are told: reload, or show these errors.
#[derive(Debug, Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<String>>>,
    /// One `path:line:col: message` per entry, by who found it.
    problems: Mutex<BTreeMap<Part, Vec<String>>>,
    /// Counts the reloads: a tab that missed one (hidden, or opened just before it) sees its page
    /// is older than the site and reloads.
    version: AtomicU64,
}

impl Hub {
    /// Tells every open tab to reload.
    pub fn reload(&self) {
        let version = self.version.fetch_add(1, Ordering::SeqCst) + 1;
        self.broadcast(format!("event: reload\ndata: {version}\n\n"));
    }

    pub fn version(&self) -> u64 {
        self.version.load(Ordering::SeqCst)
    }

    /// Replaces the problems `part` found; the tabs are told when the whole list changes.
    pub fn set_problems(&self, part: Part, problems: Vec<String>) {
        let (before, after) = {
            let mut all = self.problems.lock().expect("no panic while locked");
            let before = union(&all);
            if problems.is_empty() {
                all.remove(&part);
            } else {
                all.insert(part, problems);
            }
            (before, union(&all))
        };
        if before != after {
            let data = serde_json::to_string(&after).unwrap_or_default();
            self.broadcast(format!("event: errors\ndata: {data}\n\n"));
        }
    }

    /// Every problem known now.
    pub fn problems(&self) -> Vec<String> {
        union(&self.problems.lock().expect("no panic while locked"))
    }

    fn broadcast(&self, message: String) {
        self.clients
            .lock()
            .expect("no panic while locked")
            .retain(|client| client.send(message.clone()).is_ok());
    }

    fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = mpsc::channel();
        self.clients.lock().expect("no panic while locked").push(tx);
        rx
    }

    fn status_json(&self) -> String {
        serde_json::json!({ "version": self.version(), "errors": self.problems() }).to_string()
    }
}

fn union(parts: &BTreeMap<Part, Vec<String>>) -> Vec<String> {
    let mut all: Vec<String> = parts.values().flatten().cloned().collect();
    all.sort();
    all.dedup();
    all
}

/// A running server; dropping it does not stop it, the process exit does.
pub struct Running {
    pub address: SocketAddr,
}

/// Starts serving the preview on 127.0.0.1:`port` (0 picks a free port).
pub fn start(port: u16, preview: Arc<Preview>, hub: Arc<Hub>) -> std::io::Result<Running> {
    let server = Server::http(("127.0.0.1", port)).map_err(std::io::Error::other)?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| std::io::Error::other("no IP address"))?;
    std::thread::Builder::new()
        .name("ngo-serve-http".into())
        .spawn(move || {
            for request in server.incoming_requests() {
                let (preview, hub) = (Arc::clone(&preview), Arc::clone(&hub));
                std::thread::spawn(move || handle(request, &preview, &hub));
            }
        })?;
    Ok(Running { address })
}

fn handle(request: Request, preview: &Preview, hub: &Hub) {
    let url = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    let _ = match url.as_str() {
        "/__ngo/events" => return events(request, hub),
        "/__ngo/reload.js" => {
            request.respond(text(200, RELOAD_JS, "text/javascript; charset=utf-8"))
        }
        "/__ngo/status" => request.respond(text(200, &hub.status_json(), "application/json")),
        _ => {
            // Read before the page is made: a page never claims to be newer than it is.
            let version = hub.version();
            let response = respond(preview, &url, version);
            request.respond(response)
        }
    };
}

/// Server-sent events: headers written by hand so every event is flushed at once.
fn events(request: Request, hub: &Hub) {
    let updates = hub.subscribe();
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: ngo\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|_| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match updates.recv_timeout(Duration::from_secs(15)) {
            Ok(message) => message,
            Err(mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if writer
            .write_all(message.as_bytes())
            .and_then(|_| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

type Reply = Response<Body>;

fn respond(preview: &Preview, url: &str, version: u64) -> Reply {
    let base = preview.base();
    if url == "/" && base != "/" {
        return redirect(&base);
    }
    let Some(rel) = url
        .strip_prefix(&base)
        .or_else(|| (url.to_string() + "/" == base).then_some(""))
    else {
        return answer(preview.not_found(), version);
    };
    let rel = crate::text::percent_decode(rel);
    if rel
        .split('/')
        .any(|part| part == ".." || part.contains('\\'))
    {
        return text(400, "bad path", "text/plain");
    }
    answer(preview.answer(&rel), version)
}

fn answer(answer: Answer, version: u64) -> Reply {
    match answer {
        Answer::Found(held, file) => held_response(200, held, &file, version)
            .unwrap_or_else(|| text(404, "Không tìm thấy", "text/plain; charset=utf-8")),
        Answer::Redirect(to) => redirect(&to),
        Answer::NotFound(page) => page
            .and_then(|held| held_response(404, held, "404.html", version))
            .unwrap_or_else(|| text(404, "Không tìm thấy", "text/plain; charset=utf-8")),
        Answer::Starting => notice(
            503,
            "Đang dựng bản xem trước…",
            "Ngõ đang đọc nội dung trang. Trang này tự mở khi xong.",
            &[],
            version,
        )
        .with_header(header("Retry-After", "1")),
        Answer::Broken(problems) => notice(
            500,
            "Nội dung có lỗi",
            "Chưa dựng được trang nào. Sửa tệp và lưu lại: trang sẽ tự tải lại.",
            &problems,
            version,
        ),
        Answer::Failed(problems) => notice(
            500,
            "Không dựng được trang này",
            "Sửa tệp và lưu lại: trang sẽ tự tải lại.",
            &problems,
            version,
        ),
    }
}

/// A page of the preview's own: the site is being read, or cannot be shown. It works without
/// JavaScript (it refreshes itself); with it, it reloads the moment the site is ready.
fn notice(status: u16, title: &str, text: &str, problems: &[String], version: u64) -> Reply {
    let list = if problems.is_empty() {
        String::new()
    } else {
        format!("<pre>{}</pre>", escape_html(&problems.join("\n\n")))
    };
    let refresh = if status == 503 { 1 } else { 5 };
    let html = format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"refresh\" content=\"{refresh}\"><title>{title}</title></head>\
         <body><main><h1>{title}</h1><p>{text}</p>{list}</main>{}</body></html>",
        reload_tag(version)
    );
    bytes(
        status,
        Arc::from(html.into_bytes()),
        "text/html; charset=utf-8",
    )
}

fn held_response(status: u16, held: Held, file: &str, version: u64) -> Option<Reply> {
    let data: Arc<[u8]> = match held {
        Held::Bytes(bytes) => bytes,
        Held::File(path) => Arc::from(std::fs::read(path).ok()?),
    };
    let mime = mime_type(Path::new(file));
    let data = if mime.starts_with("text/html") {
        Arc::from(inject_reload(&data, version))
    } else {
        data
    };
    Some(bytes(status, data, mime))
}

/// The reload script goes in only here, at serve time: built files never carry it.
fn reload_tag(version: u64) -> String {
    format!("<script src=\"/__ngo/reload.js\" data-version=\"{version}\" defer></script>")
}

fn inject_reload(bytes: &[u8], version: u64) -> Vec<u8> {
    let html = String::from_utf8_lossy(bytes);
    let tag = reload_tag(version);
    match html.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{tag}").into_bytes(),
    }
}

/// Content types of everything a portal serves (`application/wasm` matters: browsers refuse to
/// stream-compile WebAssembly served as anything else).
pub fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "vcf" => "text/vcard; charset=utf-8",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// A response body shared with the preview's memory, not copied into each response.
pub struct Body {
    data: Arc<[u8]>,
    at: usize,
}

impl Read for Body {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let rest = &self.data[self.at..];
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.at += n;
        Ok(n)
    }
}

fn bytes(status: u16, data: Arc<[u8]>, mime: &str) -> Reply {
    let length = data.len();
    Response::new(
        StatusCode(status),
        vec![
            header("Content-Type", mime),
            header("Cache-Control", "no-store"),
        ],
        Body { data, at: 0 },
        Some(length),
        None,
    )
    // The length is known: said up front rather than sent in chunks, as a static host does.
    .with_chunked_threshold(usize::MAX)
}

fn text(status: u16, body: &str, mime: &str) -> Reply {
    bytes(status, Arc::from(body.as_bytes()), mime)
}

fn redirect(to: &str) -> Reply {
    text(302, "", "text/plain").with_header(header("Location", to))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("static header names and values are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reload_script_goes_before_the_end_of_body() {
        let html = inject_reload(b"<html><body><p>x</p></body></html>", 7);
        assert_eq!(
            String::from_utf8(html).unwrap(),
            "<html><body><p>x</p><script src=\"/__ngo/reload.js\" data-version=\"7\" defer></script></body></html>"
        );
    }

    #[test]
    fn wasm_has_its_own_type() {
        assert_eq!(
            mime_type(Path::new("a/ngo_search_bg.wasm")),
            "application/wasm"
        );
        assert_eq!(mime_type(Path::new("doi.vcf")), "text/vcard; charset=utf-8");
    }
}

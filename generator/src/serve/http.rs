//! The preview's HTTP server: the built files from the preview folder, a live-reload channel
//! (server-sent events) and the error overlay. Only ever bound to 127.0.0.1.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server, StatusCode};

const RELOAD_JS: &str = include_str!("reload.js");
const RELOAD_TAG: &str = "<script src=\"/__ngo/reload.js\" defer></script>";

/// What the browser tabs are told: reload, or show these errors.
#[derive(Debug, Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<String>>>,
    /// The problems of the last rebuild, one `path:line:col: message` per entry.
    errors: Mutex<Vec<String>>,
}

impl Hub {
    /// Tells every open tab to reload.
    pub fn reload(&self) {
        self.set_errors(Vec::new());
        self.broadcast("event: reload\ndata: {}\n\n".to_string());
    }

    /// Shows the overlay with these problems in every open tab.
    pub fn show_errors(&self, errors: Vec<String>) {
        let data = serde_json::to_string(&errors).unwrap_or_default();
        self.set_errors(errors);
        self.broadcast(format!("event: errors\ndata: {data}\n\n"));
    }

    fn set_errors(&self, errors: Vec<String>) {
        *self.errors.lock().expect("no panic while locked") = errors;
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
        let errors = self.errors.lock().expect("no panic while locked");
        serde_json::json!({ "errors": *errors }).to_string()
    }
}

/// A running server; dropping it does not stop it, the process exit does.
pub struct Preview {
    pub address: SocketAddr,
}

/// Starts serving `root` under the site's base path on 127.0.0.1:`port` (0 picks a free port).
pub fn start(
    port: u16,
    root: PathBuf,
    base_path: String,
    hub: Arc<Hub>,
) -> std::io::Result<Preview> {
    let server = Server::http(("127.0.0.1", port)).map_err(std::io::Error::other)?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| std::io::Error::other("no IP address"))?;
    let server = Arc::new(server);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let (root, base, hub) = (root.clone(), base_path.clone(), hub.clone());
            std::thread::spawn(move || handle(request, &root, &base, &hub));
        }
    });
    Ok(Preview { address })
}

fn handle(request: Request, root: &Path, base: &str, hub: &Hub) {
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
        _ if url == "/" && base != "/" => request.respond(redirect(base)),
        _ => serve_file(request, root, base, &url),
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

fn serve_file(request: Request, root: &Path, base: &str, url: &str) -> std::io::Result<()> {
    let Some(rel) = url
        .strip_prefix(base)
        .or_else(|| (url.to_string() + "/" == base).then_some(""))
    else {
        return request.respond(not_found(root));
    };
    let rel = crate::text::percent_decode(rel);
    if rel
        .split('/')
        .any(|part| part == ".." || part.contains('\\'))
    {
        return request.respond(text(400, "bad path", "text/plain"));
    }
    let mut path = root.join(&rel);
    if path.is_dir() {
        if !rel.is_empty() && !rel.ends_with('/') {
            return request.respond(redirect(&format!("{url}/")));
        }
        path = path.join("index.html");
    }
    match std::fs::read(&path) {
        Ok(bytes) => request.respond(file_response(200, bytes, &path)),
        Err(_) => request.respond(not_found(root)),
    }
}

fn not_found(root: &Path) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = root.join("404.html");
    match std::fs::read(&page) {
        Ok(bytes) => file_response(404, bytes, &page),
        Err(_) => text(404, "Không tìm thấy", "text/plain; charset=utf-8"),
    }
}

fn file_response(status: u16, bytes: Vec<u8>, path: &Path) -> Response<std::io::Cursor<Vec<u8>>> {
    let mime = mime_type(path);
    let bytes = if mime.starts_with("text/html") {
        inject_reload(bytes)
    } else {
        bytes
    };
    Response::from_data(bytes)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", mime))
        .with_header(header("Cache-Control", "no-store"))
}

/// The reload script goes in only here, at serve time: built files never carry it.
fn inject_reload(bytes: Vec<u8>) -> Vec<u8> {
    let html = String::from_utf8_lossy(&bytes);
    match html.rfind("</body>") {
        Some(i) => format!("{}{RELOAD_TAG}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{RELOAD_TAG}").into_bytes(),
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

fn text(status: u16, body: &str, mime: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body.as_bytes().to_vec())
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", mime))
        .with_header(header("Cache-Control", "no-store"))
}

fn redirect(to: &str) -> Response<std::io::Cursor<Vec<u8>>> {
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
        let html = inject_reload(b"<html><body><p>x</p></body></html>".to_vec());
        assert_eq!(
            String::from_utf8(html).unwrap(),
            format!("<html><body><p>x</p>{RELOAD_TAG}</body></html>")
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

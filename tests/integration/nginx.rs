//! The nginx configuration in docs/hosting.md, run by a real nginx over a built portal: pages are
//! served as HTML with the same security policy the build writes into `_headers`, hashed files
//! are cached for a year, the service worker and the search manifest never are, and a missing
//! page gets the portal's own 404 page.

use std::fs;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ngo_tests::{copy_tree, files_under, http_request, ngo, repo_root, Response};

const NGINX: &str = "/usr/sbin/nginx";

/// The ```nginx block of docs/hosting.md.
fn documented_server_block() -> String {
    let doc = fs::read_to_string(repo_root().join("docs/hosting.md")).unwrap();
    let start = doc
        .find("```nginx\n")
        .expect("docs/hosting.md has an nginx block")
        + 9;
    let end = start + doc[start..].find("\n```").unwrap();
    doc[start..end].to_string()
}

/// nginx running the documented server block on `port`, serving `root`; stopped when dropped.
struct Nginx {
    child: Child,
    address: String,
    dir: PathBuf,
}

impl Nginx {
    fn start(root: &Path, dir: &Path) -> Nginx {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let server = documented_server_block();
        // Only the parts that name the documentation's machine change: address and folder.
        let server = server
            .replace(
                "listen 443 ssl http2;",
                &format!("listen 127.0.0.1:{port};"),
            )
            .replace("/srv/cds/public", &root.display().to_string());
        assert!(server.contains(&format!("127.0.0.1:{port}")), "{server}");
        let temp = |name: &str| dir.join(name).display().to_string();
        // As Debian's own nginx.conf sets up the http block the snippet goes into. Workers of a
        // root master run as `nobody`, who could not read a private temporary folder.
        let user = if is_root() { "user root;" } else { "" };
        let conf = format!(
            "{user}\nworker_processes 1;\ndaemon off;\npid {pid};\nerror_log {log};\n\
             events {{}}\nhttp {{\n\
             include /etc/nginx/mime.types;\ndefault_type application/octet-stream;\n\
             access_log off;\nclient_body_temp_path {body};\nproxy_temp_path {proxy};\n\
             fastcgi_temp_path {fastcgi};\nuwsgi_temp_path {uwsgi};\nscgi_temp_path {scgi};\n\
             {server}\n}}\n",
            pid = temp("nginx.pid"),
            log = temp("error.log"),
            body = temp("body"),
            proxy = temp("proxy"),
            fastcgi = temp("fastcgi"),
            uwsgi = temp("uwsgi"),
            scgi = temp("scgi"),
        );
        let conf_path = dir.join("nginx.conf");
        fs::write(&conf_path, conf).unwrap();
        let child = Command::new(NGINX)
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(&conf_path)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("nginx starts");
        let address = format!("127.0.0.1:{port}");
        let mut nginx = Nginx {
            child,
            address,
            dir: dir.to_path_buf(),
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(&nginx.address).is_err() {
            if let Some(status) = nginx.child.try_wait().unwrap() {
                let log = fs::read_to_string(nginx.dir.join("error.log")).unwrap_or_default();
                panic!("nginx refused the documented configuration ({status}):\n{log}");
            }
            assert!(Instant::now() < deadline, "nginx did not start listening");
            std::thread::sleep(Duration::from_millis(20));
        }
        nginx
    }

    fn get(&self, path: &str) -> Response {
        http_request(&self.address, path)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The value `_headers` gives `name` for pages (the first rule that sets it).
fn headers_file_value(out: &Path, name: &str) -> String {
    let text = fs::read_to_string(out.join("_headers")).unwrap();
    text.lines()
        .find_map(|l| l.trim().strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("_headers sets {name}"))
        .to_string()
}

fn one_file(files: &[String], prefix: &str, suffix: &str) -> String {
    files
        .iter()
        .find(|f| f.starts_with(prefix) && f.ends_with(suffix))
        .unwrap_or_else(|| panic!("a file {prefix}…{suffix}"))
        .clone()
}

#[test]
fn the_documented_nginx_configuration_serves_the_portal_as_built() {
    if !Path::new(NGINX).exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "nginx is missing: tests/run-all installs it (apt-get install nginx)"
        );
        eprintln!("skipped: nginx is not installed (tests/run-all installs it)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("content"), &tmp.path().join("site"));
    ngo(tmp.path(), &["build", "site", "-o", "public", "-q"]).ok();
    let out = tmp.path().join("public");
    let nginx_dir = tmp.path().join("nginx");
    fs::create_dir_all(&nginx_dir).unwrap();
    let nginx = Nginx::start(&out, &nginx_dir);
    let csp = headers_file_value(&out, "Content-Security-Policy");
    let files = files_under(&out);

    for page in ["/", "/quang-ninh/", "/huong-dan/", "/tim-kiem/"] {
        let r = nginx.get(page);
        assert_eq!(r.status, 200, "{page}");
        assert!(
            r.header("content-type")
                .is_some_and(|t| t.starts_with("text/html")),
            "{page} is served as a page, not a download: {:?}",
            r.header("content-type")
        );
        assert_eq!(
            r.header("content-security-policy"),
            Some(csp.as_str()),
            "{page}"
        );
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{page}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert!(r.body.contains("<html lang=\"vi\">"), "{page}");
    }

    let immutable = "public, max-age=31536000, immutable";
    for (file, kind) in [
        (one_file(&files, "assets/style.", ".css"), "text/css"),
        (one_file(&files, "assets/search.", ".js"), "javascript"),
        (
            one_file(&files, "assets/ngo-search.", ".wasm"),
            "application/wasm",
        ),
        (
            one_file(&files, "search/p", ".shard"),
            "application/octet-stream",
        ),
        // The compressed forms the search worker fetches and undoes itself.
        (
            one_file(&files, "search/p", ".shard.gz"),
            "application/octet-stream",
        ),
        (
            one_file(&files, "search/places.", ".shard.br"),
            "application/octet-stream",
        ),
        (
            one_file(&files, "assets/ngo-search.", ".wasm.gz"),
            "application/octet-stream",
        ),
    ] {
        let r = nginx.get(&format!("/{file}"));
        assert_eq!(r.status, 200, "{file}");
        assert_eq!(r.header("cache-control"), Some(immutable), "{file}");
        assert!(
            r.header("content-type").is_some_and(|t| t.contains(kind)),
            "{file}: {:?}",
            r.header("content-type")
        );
        assert_eq!(r.header("content-security-policy"), Some(csp.as_str()));
    }

    for (path, kind) in [
        ("/sw.js", "javascript"),
        ("/search/manifest.json", "application/json"),
    ] {
        let r = nginx.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{path}");
        assert!(
            r.header("content-type").is_some_and(|t| t.contains(kind)),
            "{path}: {:?}",
            r.header("content-type")
        );
    }

    // Old addresses of the sample portal (a guide renamed, hamlets merged) answer with a 301 to
    // the page that replaced them, with and without the final slash.
    let redirects = fs::read_to_string(out.join("_redirects.nginx")).unwrap();
    assert!(
        redirects.contains("/huong-dan/kich-hoat-tai-khoan-dinh-danh/ "),
        "{redirects}"
    );
    for (old, new) in [
        (
            "/huong-dan/kich-hoat-tai-khoan-dinh-danh/",
            "/huong-dan/kich-hoat-vneid-muc-2/",
        ),
        (
            "/huong-dan/kich-hoat-tai-khoan-dinh-danh",
            "/huong-dan/kich-hoat-vneid-muc-2/",
        ),
        (
            "/huong-dan/vneid-muc-2.html",
            "/huong-dan/kich-hoat-vneid-muc-2/",
        ),
        (
            "/quang-ninh/xa-quang-la/thon-bang-anh-1/",
            "/quang-ninh/xa-quang-la/thon-bang-anh/",
        ),
    ] {
        let r = nginx.get(old);
        assert_eq!(r.status, 301, "{old}");
        let location = r.header("location").unwrap_or_default();
        assert!(location.ends_with(new), "{old} → {location}");
        assert_eq!(nginx.get(new).status, 200, "{new}");
    }
    assert_eq!(nginx.get("/_redirects.nginx").status, 404);
    assert_eq!(nginx.get("/_redirects").status, 404);

    let missing = nginx.get("/khong-co-trang-nay/");
    assert_eq!(missing.status, 404);
    let own_404 = fs::read_to_string(out.join("404.html")).unwrap();
    assert_eq!(missing.body, own_404, "the portal's own 404 page");
    assert_eq!(nginx.get("/_headers").status, 404);
}

//! Subresource Integrity for the theme's own files: `integrity(path="assets/…")` in a template
//! gives the `sha384-…` value of the file the build writes at that path, so a
//! `<script src=… integrity=…>` tag can never load a file other than the one built with it.
//!
//! ```text
//! <script src="{{ site.base }}{{ path }}" integrity="{{ integrity(path=path) }}" defer></script>
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::render::assets::hashed_name;
use crate::render::templates::THEME;

/// The Tera function `integrity(path)`: `path` is the site-relative output path of a theme
/// asset (`assets/search.js`, or its hashed name); a leading base path is ignored.
pub fn integrity(args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let path = args
        .get("path")
        .and_then(tera::Value::as_str)
        .ok_or_else(|| {
            tera::Error::msg("integrity() cần `path`, ví dụ integrity(path=\"assets/search.js\")")
        })?;
    let path = path.find("assets/").map_or(path, |i| &path[i..]);
    match table().get(path) {
        Some(value) => Ok(tera::Value::String(value.clone())),
        None => Err(tera::Error::msg(format!(
            "integrity(): giao diện không có tệp `{path}`"
        ))),
    }
}

/// `sha384-<base64 of the SHA-384 digest>`, the form browsers check.
pub fn sri(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The integrity value of every theme file, by its plain and its hashed output name. Built once:
/// templates ask for it on every page, and hashing the theme's files each time cost more than
/// rendering the page.
fn table() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        let mut stack: Vec<_> = THEME.get_dir("static").into_iter().collect();
        while let Some(dir) = stack.pop() {
            stack.extend(dir.dirs());
            for file in dir.files() {
                let inside = file.path().strip_prefix("static").unwrap_or(file.path());
                let plain = format!("assets/{}", inside.to_string_lossy().replace('\\', "/"));
                let value = sri(file.contents());
                table.insert(hashed_name(&plain, file.contents()), value.clone());
                table.insert(plain, value);
            }
        }
        table
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(path: &str) -> tera::Result<tera::Value> {
        integrity(&HashMap::from([(
            "path".to_string(),
            tera::Value::from(path),
        )]))
    }

    #[test]
    fn hashes_the_stylesheet_by_either_name() {
        let css = THEME.get_file("static/style.css").unwrap().contents();
        let expected = sri(css);
        assert!(expected.starts_with("sha384-") && expected.len() == 7 + 64);
        let hashed = crate::render::assets::stylesheet();
        assert_eq!(call(&hashed).unwrap(), tera::Value::from(expected.clone()));
        assert_eq!(
            call(&format!("/cds/{hashed}")).unwrap(),
            tera::Value::from(expected.clone())
        );
        assert_eq!(
            call("assets/style.css").unwrap(),
            tera::Value::from(expected)
        );
    }

    #[test]
    fn known_digest() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            sri(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }

    #[test]
    fn unknown_files_are_an_error() {
        let err = call("assets/khong-co.js").unwrap_err();
        assert!(err.to_string().contains("khong-co.js"));
        assert!(integrity(&HashMap::new()).is_err());
    }
}

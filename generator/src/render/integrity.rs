//! Subresource Integrity for the theme's own files: `integrity(path="assets/…")` in a template
//! gives the `sha384-…` value of the file the build writes at that path, so a
//! `<script src=… integrity=…>` tag can never load a file other than the one built with it.
//!
//! ```text
//! <script src="{{ site.base }}{{ path }}" integrity="{{ integrity(path=path) }}" defer></script>
//! ```

use std::collections::HashMap;

use crate::render::theme::ThemeAssets;

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
    match ThemeAssets::get().file(path) {
        Some(file) => Ok(tera::Value::String(file.sri.clone())),
        None => Err(tera::Error::msg(format!(
            "integrity(): giao diện không có tệp `{path}`"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::{sri, THEME};

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
        let hashed = ThemeAssets::get().stylesheet();
        assert_ne!(hashed, "assets/style.css");
        assert_eq!(call(hashed).unwrap(), tera::Value::from(expected.clone()));
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
    fn unknown_files_are_an_error() {
        let err = call("assets/khong-co.js").unwrap_err();
        assert!(err
            .to_string()
            .contains("giao diện không có tệp `assets/khong-co.js`"));
        let err = integrity(&HashMap::new()).unwrap_err();
        assert!(err.to_string().contains("integrity() cần `path`"));
    }
}

//! The Tera environment: the templates of the default theme (see [`crate::render::theme`]), overridden file by file by
//! the site's own `templates/` folder (the same model as mdBook's themes).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::fingerprint::{Fingerprint, Key};
use crate::load::SourceFile;
use crate::render::theme::THEME;

/// Builds the template environment for a site with the given overrides (`templates/…` paths).
pub fn environment(site_dir: &Path, overrides: &[PathBuf]) -> Result<Tera, Diagnostics> {
    environment_with_key(site_dir, overrides).map(|(tera, _)| tera)
}

/// The template environment and a fingerprint of every template in it: a page rendered with
/// the same templates from the same values is the same page.
pub fn environment_with_key(
    site_dir: &Path,
    overrides: &[PathBuf],
) -> Result<(Tera, Key), Diagnostics> {
    let mut templates: Vec<(String, String)> = theme_templates();
    let mut diagnostics = Diagnostics::new();
    for rel in overrides {
        let name = rel
            .strip_prefix("templates")
            .unwrap_or(rel)
            .to_string_lossy()
            .replace('\\', "/");
        match SourceFile::read(&site_dir.join(rel), rel) {
            Ok(source) => {
                templates.retain(|(n, _)| n != &name);
                templates.push((name, source.text));
            }
            Err(d) => diagnostics.push(d),
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let key = {
        let mut sorted: Vec<&(String, String)> = templates.iter().collect();
        sorted.sort();
        let mut f = Fingerprint::new("templates");
        for (name, text) in sorted {
            f.str(name).str(text);
        }
        f.finish()
    };
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    tera.register_function("integrity", crate::render::integrity::integrity);
    tera.register_filter("number", number);
    tera.add_raw_templates(templates).map_err(|err| {
        let culprit = overrides
            .iter()
            .find(|o| {
                error_chain(&err).contains(&*o.file_name().unwrap_or_default().to_string_lossy())
            })
            .cloned()
            .unwrap_or_else(|| PathBuf::from("templates"));
        Diagnostics::from_iter([Diagnostic::new(
            Location::file(culprit),
            format!("lỗi mẫu trang (template): {}", error_chain(&err)),
        )])
    })?;
    Ok((tera, key))
}

/// The `number` filter: a count as Vietnamese writes it, `{{ 3312 | number }}` → "3.312".
/// Anything that is not a whole number is left as it is.
fn number(value: &tera::Value, _: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    Ok(match value.as_u64() {
        Some(n) => tera::Value::String(crate::text::group_thousands(n)),
        None => value.clone(),
    })
}

/// Tera's default escaping also turns `/` into `&#x2F;`, which makes every link unreadable in the
/// page source; escaping `& < > " '` is what HTML needs in text and quoted attributes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

fn theme_templates() -> Vec<(String, String)> {
    let Some(dir) = THEME.get_dir("templates") else {
        return Vec::new();
    };
    dir.files()
        .filter_map(|f| {
            let name = f
                .path()
                .strip_prefix("templates")
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((name, f.contents_utf8()?.to_string()))
        })
        .collect()
}

/// Tera hides the useful part of an error in its source chain.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_filter_groups_thousands() {
        let mut tera = Tera::default();
        tera.register_filter("number", number);
        tera.add_raw_template("t", "{{ a | number }} {{ b | number }} {{ c | number }}")
            .unwrap();
        let mut context = tera::Context::new();
        context.insert("a", &3312);
        context.insert("b", &42);
        context.insert("c", &"chữ");
        assert_eq!(tera.render("t", &context).unwrap(), "3.312 42 chữ");
    }
}

//! How long each text an editor writes may be.
//!
//! A value lands in several outputs at once (the page, the vCard, the search shard, open data),
//! so one pasted 5 MB "name" would cost every visitor and every build. Each field has a limit that
//! real names, roles, places and meeting notes fit with room to spare; a longer value is refused
//! with its position and the limit. The same table serves the commune files, `site.yaml` and the
//! rows of an imported sheet.

use marked_yaml::types::MarkedMappingNode;
use marked_yaml::Span;

use crate::diagnostics::Diagnostic;
use crate::load::yaml::{Reader, Spanned};

/// The limit of every text field, in characters (after NFC), by key.
pub const LIMITS: &[(&str, usize)] = &[
    // Commune files.
    ("province", 100),
    ("commune", 100),
    ("hamlet", 100),
    ("kind", 30),
    ("id", 80),
    ("meeting", 300),
    ("name", 100),
    ("role", 100),
    ("phone", 40),
    ("note", 500),
    ("covers", 30),
    ("method", 40),
    ("evidence", 100),
    ("collected_by", 150),
    // site.yaml.
    ("title", 200),
    ("base_url", 300),
    ("language", 10),
    ("hotline", 40),
    ("email", 254),
    ("office", 200),
    ("address", 300),
    ("synonym", 100),
];

/// The limit of `key`; keys without their own entry get the most generous one.
pub fn of(key: &str) -> usize {
    LIMITS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(500, |&(_, max)| max)
}

/// The problem with a value of `key` that has `chars` characters, if it is too long.
pub fn too_long(key: &str, chars: usize) -> Option<String> {
    too_long_as(&format!("`{key}`"), key, chars)
}

/// [`too_long`] naming the value as `label` (a sheet's column header, say).
pub fn too_long_as(label: &str, key: &str, chars: usize) -> Option<String> {
    let max = of(key);
    (chars > max).then(|| {
        format!(
            "{label} quá dài: {} ký tự, tối đa {} ký tự",
            thousands(chars),
            thousands(max)
        )
    })
}

/// The hint that goes with [`too_long`].
pub const HINT: &str = "viết ngắn lại; nếu đã dán nhầm cả một đoạn văn bản, hãy xóa phần thừa";

/// A text value of `key` within its limit; a longer one is reported and dropped.
pub fn text(r: &mut Reader, map: &MarkedMappingNode, key: &str) -> Option<Spanned<String>> {
    let value = r.string(map, key)?;
    within(r, key, value)
}

/// A text value of `key` that must be there and within its limit.
pub fn required_text(
    r: &mut Reader,
    map: &MarkedMappingNode,
    key: &str,
    span: &Span,
) -> Option<Spanned<String>> {
    let value = r.required_string(map, key, span)?;
    within(r, key, value)
}

/// Keeps `value` when it is within the limit of `key`, else reports it.
pub fn within(r: &mut Reader, key: &str, value: Spanned<String>) -> Option<Spanned<String>> {
    match too_long(key, value.value.chars().count()) {
        None => Some(value),
        Some(message) => {
            r.diagnostics
                .push(Diagnostic::new(value.location, message).with_hint(HINT));
            None
        }
    }
}

/// `5242880` → "5.242.880", as numbers are written in Vietnam.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_refused_with_the_limit() {
        assert_eq!(too_long("name", 100), None);
        assert_eq!(
            too_long("name", 5_242_880).as_deref(),
            Some("`name` quá dài: 5.242.880 ký tự, tối đa 100 ký tự")
        );
        assert_eq!(of("unlisted"), 500);
    }

    #[test]
    fn vietnamese_letters_count_as_one_character() {
        let name = "Nguyễn Thị Ánh Tuyết".repeat(5);
        assert!(name.len() > 100 && name.chars().count() == 100);
        assert_eq!(too_long("name", name.chars().count()), None);
    }
}

//! Writing a commune file back: keys in the order of the loader's key list, scalars bare where
//! they were bare and YAML reads them back the same, everything else double-quoted.

use super::{CommuneDoc, TeamDoc, Value};
use crate::model::SCHEMA;
use crate::units;

/// The file's text: keys in the order of the content format.
pub fn write(doc: &CommuneDoc) -> String {
    let mut out = doc.header.clone();
    for (key, value) in doc.fields.ordered(SCHEMA.file) {
        match (key.as_str(), value.text()) {
            ("province", Some(text)) => out.push_str(&unit_line(key, text, |code| {
                units::official().province(code).map(|p| p.name.clone())
            })),
            ("commune", Some(text)) => out.push_str(&unit_line(key, text, |code| {
                units::official().commune(code).map(|c| c.name.clone())
            })),
            _ => write_field(&mut out, "", key, value),
        }
    }
    out.push_str("teams:\n");
    for team in &doc.teams {
        write_team(&mut out, team);
    }
    out
}

/// `province: 22 # Tỉnh Quảng Ninh`: a code is what the format prefers, the name is for people.
fn unit_line(key: &str, value: &str, name_of: impl Fn(u32) -> Option<String>) -> String {
    match value
        .parse::<u32>()
        .ok()
        .and_then(|code| Some((code, name_of(code)?)))
    {
        Some((code, name)) => format!("{key}: {code} # {name}\n"),
        None => format!("{key}: {}\n", quote(value)),
    }
}

fn write_team(out: &mut String, team: &TeamDoc) {
    let mut lines = String::new();
    for (key, value) in team.fields.ordered(SCHEMA.team) {
        write_field(&mut lines, "    ", key, value);
    }
    lines.push_str("    members:\n");
    out.push_str(&as_list_item(&lines, "  "));
    for member in &team.members {
        let mut lines = String::new();
        for (key, value) in member.fields.ordered(SCHEMA.member) {
            write_field(&mut lines, "        ", key, value);
        }
        out.push_str(&as_list_item(&lines, "      "));
    }
}

/// The lines of a mapping indented by `indent` + 2, turned into a list item at `indent`: the
/// first line's indentation becomes `- `.
fn as_list_item(lines: &str, indent: &str) -> String {
    let inner = format!("{indent}  ");
    match lines.strip_prefix(&inner) {
        Some(rest) => format!("{indent}- {rest}"),
        None => lines.to_string(),
    }
}

/// `key: value` at `indent`; a mapping goes below its key, its keys ordered by the schema when
/// it is the consent record.
fn write_field(out: &mut String, indent: &str, key: &str, value: &Value) {
    match value {
        Value::Map(fields) => {
            out.push_str(&format!("{indent}{key}:\n"));
            let order = if key == "consent" {
                SCHEMA.consent
            } else {
                &[]
            };
            let inner = format!("{indent}  ");
            for (k, v) in fields.ordered(order) {
                write_field(out, &inner, k, v);
            }
        }
        Value::List(items) if items.iter().all(|i| i.text().is_some()) => {
            let items: Vec<String> = items.iter().map(scalar).collect();
            out.push_str(&format!("{indent}{key}: [{}]\n", items.join(", ")));
        }
        Value::List(items) => {
            out.push_str(&format!("{indent}{key}:\n"));
            for item in items {
                let mut lines = String::new();
                write_item(&mut lines, &format!("{indent}    "), item);
                out.push_str(&as_list_item(&lines, &format!("{indent}  ")));
            }
        }
        Value::Scalar { .. } => out.push_str(&format!("{indent}{key}: {}\n", scalar(value))),
    }
}

/// One item of a block list, its lines at `indent`.
fn write_item(out: &mut String, indent: &str, item: &Value) {
    match item {
        Value::Map(fields) => {
            for (k, v) in fields.ordered(&[]) {
                write_field(out, indent, k, v);
            }
        }
        other => out.push_str(&format!("{indent}{}\n", scalar(other))),
    }
}

/// A scalar bare when it was bare and reads back the same; otherwise double-quoted.
fn scalar(value: &Value) -> String {
    match value {
        Value::Scalar { text, plain: true } if safe_plain(text) => text.clone(),
        Value::Scalar { text, .. } => quote(text),
        Value::List(_) | Value::Map(_) => String::new(),
    }
}

/// Whether YAML reads `text` back, bare, as the same text in a block or a flow list: no
/// indicator at the start, nothing that starts a comment, a mapping or a flow collection, and
/// not a word YAML takes for "nothing".
pub(super) fn safe_plain(text: &str) -> bool {
    let first_ok = text
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '+' || c == '.');
    first_ok
        && text == text.trim()
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.contains(['\n', '\r', '\t', ',', '[', ']', '{', '}', '"', '\''])
        && !matches!(text, "null" | "Null" | "NULL" | "~")
}

/// A YAML double-quoted scalar; JSON's string syntax is valid YAML and escapes what needs it.
fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serialises")
}

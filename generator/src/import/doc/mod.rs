//! A commune file as written, value for value: what import updates and export reads.
//!
//! Unlike [`crate::model`], nothing is resolved or hidden here: withheld phones, the spelling of
//! a phone, a province written by name, consent records and the hand-written `meeting` or
//! `location` all survive a read and a write unchanged. Every key is kept as the YAML the editor
//! typed, whether or not the importer knows what it means, and written back in the order of the
//! one key list the loader checks ([`crate::model::SCHEMA`]): a key the loader learns is carried
//! through an import without this module changing.

use std::path::Path;

use marked_yaml::types::MarkedMappingNode;
use marked_yaml::{LoaderOptions, Node};

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Location};
use crate::load::yaml;
use crate::model::consent::{Covered, Method, Record};

use super::ImportError;

mod write;

pub use write::write;

/// A YAML value as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar's text, and whether it was written without quotes (and may be again).
    Scalar {
        text: String,
        plain: bool,
    },
    List(Vec<Value>),
    Map(Fields),
}

impl Value {
    /// Text written in double quotes, as the importer writes names and phones.
    pub fn quoted(text: impl Into<String>) -> Value {
        Value::Scalar {
            text: text.into(),
            plain: false,
        }
    }

    /// Text written bare where YAML allows it: dates, yes/no, keywords.
    pub fn plain(text: impl Into<String>) -> Value {
        Value::Scalar {
            text: text.into(),
            plain: true,
        }
    }

    pub(super) fn text(&self) -> Option<&str> {
        match self {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// The keys of one mapping and their values, in file order.
#[derive(Debug, Clone, Default)]
pub struct Fields(Vec<(String, Value)>);

/// The same keys with the same values, in any order: an editor's key order is no change.
impl PartialEq for Fields {
    fn eq(&self, other: &Fields) -> bool {
        self.0.len() == other.0.len() && self.0.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl Fields {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A scalar's text; `None` when the key is absent or holds a list or mapping.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Value::text)
    }

    /// A yes/no value, in the spellings the loader accepts.
    pub fn flag(&self, key: &str) -> Option<bool> {
        match self.text(key)?.to_lowercase().as_str() {
            "true" | "yes" | "có" | "co" => Some(true),
            "false" | "no" | "không" | "khong" => Some(false),
            _ => None,
        }
    }

    /// Sets, replaces (in place) or, with `None`, removes `key`.
    pub fn set(&mut self, key: &str, value: Option<Value>) {
        let at = self.0.iter().position(|(k, _)| k == key);
        match (at, value) {
            (Some(i), Some(v)) => self.0[i].1 = v,
            (None, Some(v)) => self.0.push((key.to_string(), v)),
            (Some(i), None) => {
                self.0.remove(i);
            }
            (None, None) => {}
        }
    }

    pub fn set_text(&mut self, key: &str, text: Option<String>) {
        self.set(key, text.map(Value::quoted));
    }

    pub fn set_flag(&mut self, key: &str, flag: Option<bool>) {
        self.set(key, flag.map(|b| Value::plain(b.to_string())));
    }

    /// The fields in `order`, then any others in file order.
    pub(super) fn ordered<'a>(&'a self, order: &[&str]) -> Vec<&'a (String, Value)> {
        let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(order.len());
        let mut fields: Vec<&(String, Value)> = self.0.iter().collect();
        fields.sort_by_key(|(k, _)| rank(k));
        fields
    }
}

/// One commune file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommuneDoc {
    /// The comment lines at the top of the file, kept as they are.
    pub header: String,
    /// Every key but `teams`.
    pub fields: Fields,
    pub teams: Vec<TeamDoc>,
}

impl CommuneDoc {
    pub fn new(header: String, province: u32, commune: u32) -> CommuneDoc {
        let mut fields = Fields::default();
        fields.set("province", Some(Value::plain(province.to_string())));
        fields.set("commune", Some(Value::plain(commune.to_string())));
        CommuneDoc {
            header,
            fields,
            teams: Vec::new(),
        }
    }

    pub fn set_updated(&mut self, date: Date) {
        self.fields
            .set("updated", Some(Value::plain(date.to_string())));
    }
}

/// One hamlet team: every key but `members`, and the members.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TeamDoc {
    pub fields: Fields,
    pub members: Vec<MemberDoc>,
}

impl TeamDoc {
    pub fn hamlet(&self) -> &str {
        self.fields.text("hamlet").unwrap_or_default()
    }

    pub fn kind(&self) -> Option<&str> {
        self.fields.text("kind")
    }

    pub fn id(&self) -> Option<&str> {
        self.fields.text("id")
    }
}

/// One member, every key as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemberDoc {
    pub fields: Fields,
}

impl MemberDoc {
    pub fn name(&self) -> &str {
        self.fields.text("name").unwrap_or_default()
    }

    pub fn text(&self, key: &str) -> Option<&str> {
        self.fields.text(key)
    }

    pub fn zalo(&self) -> bool {
        self.fields.flag("zalo") == Some(true)
    }

    pub fn public(&self) -> bool {
        self.fields.flag("public") == Some(true)
    }

    pub fn withdrawn(&self) -> Option<Date> {
        Date::parse(self.fields.text("withdrawn")?)
    }

    /// The consent record, read as the loader reads it (the file was checked by it first).
    pub fn consent(&self) -> Option<Record> {
        let Some(Value::Map(record)) = self.fields.get("consent") else {
            return None;
        };
        let covers = match record.get("covers")? {
            Value::List(items) => items.iter().filter_map(Value::text).collect(),
            Value::Scalar { text, .. } => vec![text.as_str()],
            Value::Map(_) => return None,
        };
        let mut covers: Vec<Covered> = covers.into_iter().filter_map(Covered::parse).collect();
        covers.sort();
        covers.dedup();
        Some(Record {
            covers,
            given: Date::parse(record.text("given")?)?,
            method: Method::parse(record.text("method")?)?,
            evidence: record.text("evidence")?.to_string(),
            collected_by: record.text("collected_by")?.to_string(),
        })
    }

    /// Writes `record` as the member's `consent:`, keeping keys of the old record that a sheet
    /// has no column for; `None` removes the record.
    pub fn set_consent(&mut self, record: Option<&Record>) {
        let Some(record) = record else {
            self.fields.set("consent", None);
            return;
        };
        let mut map = match self.fields.get("consent") {
            Some(Value::Map(old)) => old.clone(),
            _ => Fields::default(),
        };
        let covers = record.covers.iter().map(|c| Value::plain(c.key()));
        map.set("covers", Some(Value::List(covers.collect())));
        map.set("given", Some(Value::plain(record.given.to_string())));
        map.set("method", Some(Value::plain(record.method.key())));
        map.set_text("evidence", Some(record.evidence.clone()));
        map.set_text("collected_by", Some(record.collected_by.clone()));
        self.fields.set("consent", Some(Value::Map(map)));
    }
}

/// Reads a commune file that [`crate::model::parse_commune_file`] has already accepted, so the
/// keys and types are known to be right.
pub fn parse(text: &str, path: &Path) -> Result<CommuneDoc, ImportError> {
    // Parsed again here, only to learn which scalars were written bare: the loader's own pass
    // has already refused anything wrong with the file.
    yaml::parse_mapping(text, path, 1).map_err(|d| ImportError::Content(vec![d]))?;
    let options = LoaderOptions::default().prevent_coercion(true);
    let node = marked_yaml::parse_yaml_with_options(0, text, options).map_err(|e| {
        ImportError::Content(vec![Diagnostic::new(Location::file(path), e.to_string())])
    })?;
    let Some(map) = node.as_mapping() else {
        return Ok(CommuneDoc::default());
    };
    let teams = items(map, "teams")
        .map(|team| TeamDoc {
            fields: fields(team, "members"),
            members: items(team, "members")
                .map(|m| MemberDoc {
                    fields: fields(m, ""),
                })
                .collect(),
        })
        .collect();
    Ok(CommuneDoc {
        header: leading_comments(text),
        fields: fields(map, "teams"),
        teams,
    })
}

/// The mappings listed under `key`.
fn items<'a>(
    map: &'a MarkedMappingNode,
    key: &str,
) -> impl Iterator<Item = &'a MarkedMappingNode> + 'a {
    map.get_sequence(key)
        .into_iter()
        .flat_map(|seq| seq.iter().filter_map(Node::as_mapping))
}

/// Every key of `map` but `except`, as written.
fn fields(map: &MarkedMappingNode, except: &str) -> Fields {
    Fields(
        map.iter()
            .filter(|(k, _)| k.as_str() != except)
            .map(|(k, v)| (k.as_str().to_string(), value(v)))
            .collect(),
    )
}

fn value(node: &Node) -> Value {
    match node {
        Node::Scalar(s) => Value::Scalar {
            text: s.as_str().trim().to_string(),
            plain: s.may_coerce(),
        },
        Node::Sequence(seq) => Value::List(seq.iter().map(value).collect()),
        Node::Mapping(m) => Value::Map(fields(m, "")),
    }
}

fn leading_comments(text: &str) -> String {
    text.lines()
        .take_while(|l| l.trim_start().starts_with('#') || l.trim().is_empty())
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect()
}

/// How many comment lines a file has below its top comments: a rewrite loses them, and the
/// editor should hear so.
pub fn inner_comment_lines(text: &str) -> usize {
    let top = text
        .lines()
        .take_while(|l| l.trim_start().starts_with('#') || l.trim().is_empty())
        .count();
    text.lines()
        .skip(top)
        .filter(|l| l.trim_start().starts_with('#'))
        .count()
}

#[cfg(test)]
mod tests {
    use super::write::safe_plain;
    use super::*;

    const FILE: &str = "# Xã Quảng La\nprovince: 22 # Tỉnh Quảng Ninh\ncommune: \"quang la\"\nupdated: 2026-10-01\nteams:\n  - hamlet: \"Thôn Khe Cát\"\n    kind: thôn\n    meeting: \"Nhà văn hóa, \\\"19:30\\\"\"\n    location: [21.0123, 107.1234]\n    members:\n      - name: \"Nguyễn Văn An\"\n        phone: \"0912 345 678\"\n        zalo: true\n        public: false\n        note: \"nghỉ tháng 12\"\n";

    #[test]
    fn a_written_file_reads_back_the_same_and_writes_the_same_text() {
        let doc = parse(FILE, Path::new("t.yaml")).unwrap();
        assert_eq!(doc.fields.text("commune"), Some("quang la"));
        let team = &doc.teams[0];
        assert_eq!(team.fields.text("meeting"), Some("Nhà văn hóa, \"19:30\""));
        assert_eq!(
            team.fields.get("location"),
            Some(&Value::List(vec![
                Value::plain("21.0123"),
                Value::plain("107.1234")
            ]))
        );
        assert_eq!(team.members[0].fields.flag("public"), Some(false));
        assert_eq!(write(&doc), FILE);
        assert_eq!(parse(&write(&doc), Path::new("t.yaml")).unwrap(), doc);
    }

    #[test]
    fn keys_are_written_in_schema_order_and_unknown_shapes_survive() {
        let text = "province: 22\nteams:\n  - members:\n      - note: n\n        name: An\n        consent:\n          collected_by: \"Lê C\"\n          covers: [phone, zalo]\n          given: 2026-03-02\n          evidence: \"QL-1\"\n          method: paper\n    hamlet: Thôn A\n    future:\n      - a: 1\n        b: [x, \"y z\"]\n      - plain\ncommune: 7054\n";
        let doc = parse(text, Path::new("t.yaml")).unwrap();
        let written = write(&doc);
        assert!(
            written.starts_with("province: 22 # Tỉnh Quảng Ninh\ncommune: 7054 # Xã Quảng La\nteams:\n  - hamlet: Thôn A\n"),
            "{written}"
        );
        assert!(
            written.contains("      - name: An\n        consent:\n          covers: [phone, zalo]\n          given: 2026-03-02\n          method: paper\n          evidence: \"QL-1\"\n          collected_by: \"Lê C\"\n        note: n\n"),
            "{written}"
        );
        let again = parse(&written, Path::new("t.yaml")).unwrap();
        assert_eq!(again, doc);
        let record = again.teams[0].members[0].consent().unwrap();
        assert_eq!(record.covers, [Covered::Phone, Covered::Zalo]);
        assert_eq!(record.method, Method::Paper);
    }

    #[test]
    fn only_safe_text_is_written_bare() {
        for bare in [
            "thôn",
            "2026-03-02",
            "true",
            "khe-su-1",
            "21.0123",
            "Thôn A",
        ] {
            assert!(safe_plain(bare), "{bare}");
        }
        for quoted in ["", "a: b", "a #b", "- x", "[x]", "null", "x,y", "'q'", " a"] {
            assert!(!safe_plain(quoted), "{quoted}");
        }
    }
}

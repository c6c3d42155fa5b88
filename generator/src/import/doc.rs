//! A commune file as written, value for value: what import updates and export reads.
//!
//! Unlike [`crate::model`], nothing is resolved or hidden here: withheld phones, the spelling of
//! a phone, a province written by name and the hand-written `meeting` or `location` all survive a
//! read and a write unchanged. Values are kept as the YAML text the editor typed.

use std::path::Path;

use marked_yaml::types::MarkedMappingNode;
use marked_yaml::Node;

use crate::load::yaml;
use crate::model::HAMLET_KINDS;
use crate::units;

use super::ImportError;

/// One commune file.
#[derive(Debug, Clone, PartialEq)]
pub struct CommuneDoc {
    /// The comment lines at the top of the file, kept as they are.
    pub header: String,
    pub province: String,
    pub commune: String,
    pub updated: Option<String>,
    pub teams: Vec<TeamDoc>,
}

/// One hamlet team.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamDoc {
    pub hamlet: String,
    pub kind: Option<String>,
    pub id: Option<String>,
    pub meeting: Option<String>,
    pub location: Option<(String, String)>,
    pub members: Vec<MemberDoc>,
}

/// One member; `None` is a key the file does not have.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberDoc {
    pub name: String,
    pub role: Option<String>,
    pub phone: Option<String>,
    pub zalo: Option<bool>,
    pub public: Option<bool>,
    pub note: Option<String>,
}

impl MemberDoc {
    pub fn zalo(&self) -> bool {
        self.zalo == Some(true)
    }

    pub fn public(&self) -> bool {
        self.public == Some(true)
    }
}

/// Reads a commune file that [`crate::model::parse_commune_file`] has already accepted, so the
/// keys and types are known to be right.
pub fn parse(text: &str, path: &Path) -> Result<CommuneDoc, ImportError> {
    let node = yaml::parse_mapping(text, path, 1).map_err(|d| ImportError::Content(vec![d]))?;
    let map = node.as_mapping().expect("parse_mapping returns a mapping");
    let teams = map
        .get_sequence("teams")
        .map(|seq| {
            seq.iter()
                .filter_map(Node::as_mapping)
                .map(read_team)
                .collect()
        })
        .unwrap_or_default();
    Ok(CommuneDoc {
        header: leading_comments(text),
        province: string(map, "province").unwrap_or_default(),
        commune: string(map, "commune").unwrap_or_default(),
        updated: string(map, "updated"),
        teams,
    })
}

fn read_team(map: &MarkedMappingNode) -> TeamDoc {
    let location = map.get_sequence("location").and_then(|seq| {
        let lat = seq.get_scalar(0)?.as_str().trim().to_string();
        let lon = seq.get_scalar(1)?.as_str().trim().to_string();
        Some((lat, lon))
    });
    TeamDoc {
        hamlet: string(map, "hamlet").unwrap_or_default(),
        kind: string(map, "kind"),
        id: string(map, "id"),
        meeting: string(map, "meeting"),
        location,
        members: map
            .get_sequence("members")
            .map(|seq| {
                seq.iter()
                    .filter_map(Node::as_mapping)
                    .map(read_member)
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn read_member(map: &MarkedMappingNode) -> MemberDoc {
    MemberDoc {
        name: string(map, "name").unwrap_or_default(),
        role: string(map, "role"),
        phone: string(map, "phone"),
        zalo: boolean(map, "zalo"),
        public: boolean(map, "public"),
        note: string(map, "note"),
    }
}

fn string(map: &MarkedMappingNode, key: &str) -> Option<String> {
    map.get_scalar(key).map(|s| s.as_str().trim().to_string())
}

/// The same spellings the loader accepts.
fn boolean(map: &MarkedMappingNode, key: &str) -> Option<bool> {
    match string(map, key)?.to_lowercase().as_str() {
        "true" | "yes" | "có" | "co" => Some(true),
        "false" | "no" | "không" | "khong" => Some(false),
        _ => None,
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

/// The file's text: keys in the order of the content format, text values double-quoted.
pub fn write(doc: &CommuneDoc) -> String {
    let mut out = doc.header.clone();
    out.push_str(&unit_line("province", &doc.province, |code| {
        units::official().province(code).map(|p| p.name.clone())
    }));
    out.push_str(&unit_line("commune", &doc.commune, |code| {
        units::official().commune(code).map(|c| c.name.clone())
    }));
    if let Some(updated) = &doc.updated {
        out.push_str(&format!("updated: {updated}\n"));
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
    out.push_str(&format!("  - hamlet: {}\n", quote(&team.hamlet)));
    if let Some(kind) = &team.kind {
        // Kinds are plain words, written bare as in the content format's examples.
        let plain = HAMLET_KINDS.contains(&kind.as_str());
        let value = if plain { kind.clone() } else { quote(kind) };
        out.push_str(&format!("    kind: {value}\n"));
    }
    let optional = [
        ("id", team.id.as_deref()),
        ("meeting", team.meeting.as_deref()),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            out.push_str(&format!("    {key}: {}\n", quote(value)));
        }
    }
    if let Some((lat, lon)) = &team.location {
        out.push_str(&format!("    location: [{lat}, {lon}]\n"));
    }
    out.push_str("    members:\n");
    for member in &team.members {
        write_member(out, member);
    }
}

fn write_member(out: &mut String, member: &MemberDoc) {
    out.push_str(&format!("      - name: {}\n", quote(&member.name)));
    for (key, value) in [("role", &member.role), ("phone", &member.phone)] {
        if let Some(value) = value {
            out.push_str(&format!("        {key}: {}\n", quote(value)));
        }
    }
    for (key, value) in [("zalo", member.zalo), ("public", member.public)] {
        if let Some(value) = value {
            out.push_str(&format!("        {key}: {value}\n"));
        }
    }
    if let Some(note) = &member.note {
        out.push_str(&format!("        note: {}\n", quote(note)));
    }
}

/// A YAML double-quoted scalar; JSON's string syntax is valid YAML and escapes what needs it.
fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# Xã Quảng La\nprovince: 22 # Tỉnh Quảng Ninh\ncommune: \"quang la\"\nupdated: 2026-10-01\nteams:\n  - hamlet: \"Thôn Khe Cát\"\n    kind: thôn\n    meeting: \"Nhà văn hóa, \\\"19:30\\\"\"\n    location: [21.0123, 107.1234]\n    members:\n      - name: \"Nguyễn Văn An\"\n        phone: \"0912 345 678\"\n        zalo: true\n        public: false\n        note: \"nghỉ tháng 12\"\n";

    #[test]
    fn a_written_file_reads_back_the_same_and_writes_the_same_text() {
        let doc = parse(FILE, Path::new("t.yaml")).unwrap();
        assert_eq!(doc.commune, "quang la");
        assert_eq!(
            doc.teams[0].meeting.as_deref(),
            Some("Nhà văn hóa, \"19:30\"")
        );
        assert_eq!(
            doc.teams[0].location,
            Some(("21.0123".into(), "107.1234".into()))
        );
        assert_eq!(doc.teams[0].members[0].public, Some(false));
        assert_eq!(write(&doc), FILE);
        assert_eq!(parse(&write(&doc), Path::new("t.yaml")).unwrap(), doc);
    }
}

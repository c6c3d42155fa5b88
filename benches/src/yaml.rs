//! Writes a commune directory as a `teams/<province>/<commune>.yaml` file.
//!
//! Written by hand rather than through a serializer so the files look like an editor's: keys in
//! the documented order, optional keys absent rather than `null`, strings double-quoted only
//! where the format's examples quote them.

use std::fmt::Write;

use crate::teams::{Directory, Member, Team};

/// The file's text.
pub fn commune_file(directory: &Directory) -> String {
    let members: usize = directory.teams.iter().map(|t| t.members.len()).sum();
    let mut out = String::with_capacity(256 + directory.teams.len() * 200 + members * 120);
    let _ = writeln!(out, "# Tổ công nghệ số cộng đồng: {}", directory.heading);
    let _ = writeln!(out, "province: {}", directory.province_code);
    let _ = writeln!(out, "commune: {}", directory.commune_code);
    let _ = writeln!(out, "updated: {}", directory.updated);
    out.push_str("teams:\n");
    for team in &directory.teams {
        write_team(&mut out, team);
    }
    out
}

fn write_team(out: &mut String, team: &Team) {
    let _ = writeln!(out, "  - hamlet: {}", quoted(&team.hamlet.name));
    let _ = writeln!(out, "    kind: {}", team.hamlet.kind.key());
    if let Some(id) = &team.hamlet.explicit_id {
        let _ = writeln!(out, "    id: {id}");
    }
    if let Some(meeting) = &team.meeting {
        let _ = writeln!(out, "    meeting: {}", quoted(meeting));
    }
    if let Some((lat, lon)) = team.location {
        let _ = writeln!(out, "    location: [{lat:.4}, {lon:.4}]");
    }
    out.push_str("    members:\n");
    for member in &team.members {
        write_member(out, member);
    }
}

fn write_member(out: &mut String, member: &Member) {
    let _ = writeln!(out, "      - name: {}", quoted(&member.name));
    let _ = writeln!(out, "        role: {}", quoted(&member.role));
    let _ = writeln!(out, "        phone: {}", quoted(&member.phone));
    if member.zalo {
        out.push_str("        zalo: true\n");
    }
    if let Some(public) = member.public {
        let _ = writeln!(out, "        public: {public}");
    }
    if let Some(consent) = &member.consent {
        out.push_str("        consent:\n");
        let _ = writeln!(out, "          covers: [{}]", consent.covers.join(", "));
        let _ = writeln!(out, "          given: {}", consent.given);
        let _ = writeln!(out, "          method: {}", consent.method);
        let _ = writeln!(out, "          evidence: {}", quoted(&consent.evidence));
        let _ = writeln!(
            out,
            "          collected_by: {}",
            quoted(&consent.collected_by)
        );
    }
    if let Some(withdrawn) = &member.withdrawn {
        let _ = writeln!(out, "        withdrawn: {withdrawn}");
    }
}

/// A YAML double-quoted scalar: names hold colons, quotes and `#`, which plain scalars would
/// misread, and control characters must not end the line.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(quoted("Thôn Đông"), "\"Thôn Đông\"");
        assert_eq!(quoted("a \"b\" \\c"), "\"a \\\"b\\\" \\\\c\"");
    }
}

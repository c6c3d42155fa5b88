//! Ways to keep a team's contacts: a vCard file a phone imports in one tap, and a QR code of the
//! team page to print on the notice at the hamlet's cultural house.

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

use crate::model::Team;

/// vCard lines may be at most 75 octets long (RFC 6350 §3.2); longer ones are folded.
const LINE_OCTETS: usize = 75;

/// Modules of light margin around a QR code, as the standard asks.
const QUIET_ZONE: usize = 4;

/// Where the team is, for the ORG line of its cards.
pub struct TeamPlace<'a> {
    pub commune: &'a str,
    pub province: &'a str,
}

/// One vCard 3.0 per member with a published phone, or `None` when nobody's phone is public.
///
/// Members without a public phone are left out: a card without a number is no use, and their
/// names alone are not what the file is for.
pub fn vcard(team: &Team, place: &TeamPlace, page_url: Option<&str>) -> Option<String> {
    let mut out = String::new();
    let org = [
        format!("Tổ công nghệ số cộng đồng {}", team.hamlet),
        format!("{}, {}", place.commune, place.province),
    ];
    for member in &team.members {
        let Some(phone) = &member.phone else {
            continue;
        };
        let name = member
            .name
            .clone()
            .unwrap_or_else(|| format!("Tổ công nghệ số {}", team.hamlet));
        line(&mut out, "BEGIN:VCARD");
        line(&mut out, "VERSION:3.0");
        line(&mut out, &format!("FN:{}", escape(&name)));
        line(&mut out, &format!("N:{}", structured_name(&name)));
        if let Some(role) = &member.role {
            line(&mut out, &format!("TITLE:{}", escape(role)));
        }
        let org: Vec<String> = org.iter().map(|part| escape(part)).collect();
        line(&mut out, &format!("ORG:{}", org.join(";")));
        let kind = if phone.is_mobile() { "cell" } else { "voice" };
        line(
            &mut out,
            &format!("TEL;TYPE={kind}:{}", phone.international()),
        );
        if let Some(url) = page_url {
            line(&mut out, &format!("URL:{}", escape(url)));
        }
        line(&mut out, "END:VCARD");
    }
    (!out.is_empty()).then_some(out)
}

/// `N:` family;given;additional;prefix;suffix. A Vietnamese name puts the family name first and
/// the given name last: "Nguyễn Văn Hùng" → `Nguyễn;Hùng;Văn;;`.
fn structured_name(full: &str) -> String {
    let words: Vec<&str> = full.split_whitespace().collect();
    let (family, given, middle) = match words.as_slice() {
        [] => ("", "", String::new()),
        [one] => ("", *one, String::new()),
        [family, middle @ .., given] => (*family, *given, middle.join(" ")),
    };
    format!("{};{};{};;", escape(family), escape(given), escape(&middle))
}

/// Escapes a text value: backslash, comma, semicolon and line breaks (RFC 6350 §3.4).
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets without splitting a UTF-8 character, ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut room = LINE_OCTETS;
    let mut used = 0;
    for c in content.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            // The leading space of a continuation line counts towards its 75 octets.
            room = LINE_OCTETS - 1;
            used = 0;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// A QR code of `text` as a standalone SVG: one path of dark modules on a white square, sized in
/// modules so it scales sharply to any print size. `None` only if the text is too long for a QR
/// code (several kilobytes), which no page address is.
pub fn qr_svg(text: &str, title: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let size = width + 2 * QUIET_ZONE;
    let colors = code.to_colors();
    let mut path = String::new();
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if colors[y * width + x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && colors[y * width + x] == Color::Dark {
                x += 1;
            }
            let _ = write!(
                path,
                "M{} {}h{}v1h-{}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE,
                x - start,
                x - start
            );
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"{px}\" height=\"{px}\" \
         shape-rendering=\"crispEdges\" role=\"img\"><title>{}</title>\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>\n",
        crate::render::templates::escape_html(title),
        px = size * 8,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Member;
    use crate::phone::Phone;

    fn member(name: &str, role: &str, phone: Option<&str>) -> Member {
        Member {
            name: Some(name.to_string()),
            role: Some(role.to_string()),
            phone: phone.map(|p| Phone::parse(p).unwrap()),
            zalo: false,
        }
    }

    fn team(members: Vec<Member>) -> Team {
        Team {
            id: "thon-khe-cat".into(),
            hamlet: "Thôn Khe Cát".into(),
            kind: "thôn".into(),
            meeting: None,
            location: None,
            members,
            leader: Some(0),
            former: Vec::new(),
            aliases: Vec::new(),
        }
    }

    const PLACE: TeamPlace = TeamPlace {
        commune: "Xã Quảng La",
        province: "Tỉnh Quảng Ninh",
    };

    #[test]
    fn escaping_covers_the_special_characters() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_on_character_boundaries() {
        let mut out = String::new();
        let value =
            "Tổ trưởng, Bí thư chi bộ thôn, Chi hội trưởng Hội Phụ nữ, Đoàn viên thanh niên";
        line(&mut out, &format!("TITLE:{value}"));
        for physical in out.split_terminator("\r\n") {
            assert!(physical.len() <= LINE_OCTETS, "{physical:?}");
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, format!("TITLE:{value}"));
        assert!(out.split_terminator("\r\n").count() > 1);
    }

    #[test]
    fn only_members_with_a_public_phone_get_a_card() {
        let t = team(vec![
            member("Nguyễn Văn Hùng", "Tổ trưởng", Some("0912 000 101")),
            member("Đặng Văn Quý", "Công an khu vực", None),
            member("Lý Thị Mai", "Tổ phó", Some("0203 3123 456")),
        ]);
        let folded = vcard(&t, &PLACE, Some("https://x.vn/a/")).unwrap();
        let card = folded.replace("\r\n ", "");
        assert_eq!(card.matches("BEGIN:VCARD\r\n").count(), 2);
        assert!(!card.contains("Quý"));
        assert!(card.contains("N:Nguyễn;Hùng;Văn;;\r\n"));
        assert!(card.contains("TEL;TYPE=cell:+84912000101\r\n"));
        assert!(card.contains("TEL;TYPE=voice:+842033123456\r\n"));
        assert!(card.contains(
            "ORG:Tổ công nghệ số cộng đồng Thôn Khe Cát;Xã Quảng La\\, Tỉnh Quảng Ninh\r\n"
        ));
        assert!(card.ends_with("END:VCARD\r\n"));
    }

    #[test]
    fn a_team_without_public_phones_has_no_card() {
        let t = team(vec![member("Đặng Văn Quý", "Công an", None)]);
        assert!(vcard(&t, &PLACE, None).is_none());
    }

    #[test]
    fn the_qr_svg_has_a_quiet_zone_and_a_title() {
        let svg = qr_svg("https://x.vn/a/", "Mã QR <tổ>").unwrap();
        let code = QrCode::with_error_correction_level(b"https://x.vn/a/", EcLevel::M).unwrap();
        let size = code.width() + 2 * QUIET_ZONE;
        assert!(svg.contains(&format!("viewBox=\"0 0 {size} {size}\"")));
        assert!(svg.contains("<title>Mã QR &lt;tổ&gt;</title>"));
    }
}

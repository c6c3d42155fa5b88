//! Bringing a sheet into a commune file without losing what the editor wrote by hand.
//!
//! The sheet is the list of who serves where: it decides which teams and members exist, and the
//! values of the columns it has. Everything else (meeting places, locations, team ids, notes and
//! Zalo flags where the sheet's cell is blank, consent where the sheet has no consent column)
//! comes from the file. Members are recognised by name without marks or case, helped by the phone
//! when two share a name, in their own team first and then anywhere in the commune (a member who
//! moved hamlet keeps what was written about them).

use std::collections::{HashMap, HashSet};

use crate::model::consent::Covered;
use crate::phone::Phone;
use crate::text;

use super::columns::Field;
use super::doc::{MemberDoc, TeamDoc, Value};
use super::header::Columns;
use super::report::{MemberChange, Report, TeamSummary};
use super::rows::{kind_prefix, SheetMember};

/// The sheet's members grouped by hamlet, in the order the hamlets first appear.
struct SheetTeam<'a> {
    hamlet: String,
    kind: &'static str,
    members: Vec<&'a SheetMember>,
    /// Index of the file's team for the same hamlet.
    old: Option<usize>,
}

/// The teams the file will hold, and what changed.
pub fn merge(old: &[TeamDoc], sheet: &[SheetMember], columns: &Columns) -> (Vec<TeamDoc>, Report) {
    let mut teams = group(sheet);
    match_teams(&mut teams, old);
    let matches = match_members(&teams, old);
    let mut report = Report::default();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut new_teams = Vec::with_capacity(teams.len());
    for (t, team) in teams.iter().enumerate() {
        let members: Vec<MemberDoc> = team
            .members
            .iter()
            .enumerate()
            .map(|(m, member)| {
                let matched = matches[t][m];
                build_member(member, matched, team, old, columns, &mut report)
            })
            .collect();
        let doc = match team.old {
            Some(i) => kept_team(&old[i], team, members, &mut report),
            None => {
                report.teams_added.push(TeamSummary {
                    hamlet: team.hamlet.clone(),
                    members: members.len(),
                });
                new_team(team, members, &used_ids)
            }
        };
        used_ids.insert(team_id(&doc));
        new_teams.push(doc);
    }
    report_removed(old, &teams, &matches, &mut report);
    (new_teams, report)
}

fn group(sheet: &[SheetMember]) -> Vec<SheetTeam<'_>> {
    let mut teams: Vec<SheetTeam> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for member in sheet {
        let key = text::tone_key(&member.hamlet);
        match index.get(&key) {
            Some(&i) => teams[i].members.push(member),
            None => {
                index.insert(key, teams.len());
                teams.push(SheetTeam {
                    hamlet: member.hamlet.clone(),
                    kind: member.kind,
                    members: vec![member],
                    old: None,
                });
            }
        }
    }
    teams
}

/// Same hamlet name, then the same name without marks when only one team fits.
fn match_teams(teams: &mut [SheetTeam], old: &[TeamDoc]) {
    let mut taken = vec![false; old.len()];
    let keys: [fn(&str) -> String; 2] = [text::tone_key, text::name_key];
    for key in keys {
        for team in teams.iter_mut().filter(|t| t.old.is_none()) {
            let wanted = key(&team.hamlet);
            let fits: Vec<usize> = (0..old.len())
                .filter(|&i| !taken[i] && key(old[i].hamlet()) == wanted)
                .collect();
            if let [i] = fits[..] {
                team.old = Some(i);
                taken[i] = true;
            }
        }
    }
}

/// For each sheet member, the (team, member) of the file it is, if any.
fn match_members(teams: &[SheetTeam], old: &[TeamDoc]) -> Vec<Vec<Option<(usize, usize)>>> {
    let mut result: Vec<Vec<Option<(usize, usize)>>> =
        teams.iter().map(|t| vec![None; t.members.len()]).collect();
    let by_name = old_by_name(old);
    let mut taken: HashSet<(usize, usize)> = HashSet::new();
    // Strictest first, so a looser rule never takes a member a stricter one would have matched.
    for (same_team, with_phone) in [(true, true), (true, false), (false, true), (false, false)] {
        for (t, team) in teams.iter().enumerate() {
            for (m, member) in team.members.iter().enumerate() {
                if result[t][m].is_some() {
                    continue;
                }
                let namesakes = by_name.get(&text::name_key(&member.name));
                let fits: Vec<(usize, usize)> = namesakes
                    .into_iter()
                    .flatten()
                    .filter(|(key, _)| !same_team || Some(key.0) == team.old)
                    .filter(|(key, _)| !taken.contains(key))
                    .filter(|(_, phone)| {
                        !with_phone
                            || (*phone == member.phone && (same_team || member.phone.is_some()))
                    })
                    .map(|(key, _)| *key)
                    .collect();
                let unique = (same_team && with_phone) || fits.len() == 1;
                if let (Some(&key), true) = (fits.first(), unique) {
                    result[t][m] = Some(key);
                    taken.insert(key);
                }
            }
        }
    }
    result
}

/// The file's members by name key, each with its (team, member) index and parsed phone, in file
/// order.
type Namesakes = HashMap<String, Vec<((usize, usize), Option<Phone>)>>;

fn old_by_name(old: &[TeamDoc]) -> Namesakes {
    let mut by_name: Namesakes = HashMap::new();
    for (t, team) in old.iter().enumerate() {
        for (m, member) in team.members.iter().enumerate() {
            by_name
                .entry(text::name_key(member.name()))
                .or_default()
                .push(((t, m), parse_phone(member.text("phone"))));
        }
    }
    by_name
}

fn parse_phone(phone: Option<&str>) -> Option<Phone> {
    phone.and_then(|p| Phone::parse(p).ok())
}

fn build_member(
    sheet: &SheetMember,
    matched: Option<(usize, usize)>,
    team: &SheetTeam,
    old: &[TeamDoc],
    columns: &Columns,
    report: &mut Report,
) -> MemberDoc {
    let Some((ot, om)) = matched else {
        let member = apply(MemberDoc::default(), sheet, columns).0;
        if team.old.is_some() {
            report.members.push(MemberChange::Added {
                team: team.hamlet.clone(),
                name: member.name().to_string(),
            });
        }
        return member;
    };
    let (member, mut fields) = apply(old[ot].members[om].clone(), sheet, columns);
    if Some(ot) != team.old {
        fields.insert(0, format!("chuyển từ {}", old[ot].hamlet()));
    }
    if !fields.is_empty() {
        report.members.push(MemberChange::Changed {
            team: team.hamlet.clone(),
            name: member.name().to_string(),
            fields,
        });
    }
    member
}

/// The file's member updated from the sheet's row, and the names of the fields that changed.
fn apply(mut m: MemberDoc, s: &SheetMember, columns: &Columns) -> (MemberDoc, Vec<String>) {
    let mut changed = Vec::new();
    if m.name() != s.name {
        m.fields.set_text("name", Some(s.name.clone()));
        changed.push("họ tên");
    }
    if columns.has(Field::Role) && m.text("role") != s.role.as_deref() {
        m.fields.set_text("role", s.role.clone());
        changed.push("chức vụ");
    }
    if columns.has(Field::Phone) && parse_phone(m.text("phone")) != s.phone {
        m.fields
            .set_text("phone", s.phone.as_ref().map(Phone::display));
        changed.push("số điện thoại");
    }
    if let Some(zalo) = s.zalo.filter(|&z| z != m.zalo()) {
        m.fields.set_flag("zalo", zalo.then_some(true));
        changed.push("Zalo");
    }
    changed.extend(apply_consent(&mut m, s, columns));
    if columns.has(Field::Public) {
        changed.extend(apply_public(&mut m, s.public.unwrap_or(false)));
    }
    if let Some(note) = s.note.as_deref().filter(|&n| m.text("note") != Some(n)) {
        m.fields.set_text("note", Some(note.to_string()));
        changed.push("ghi chú");
    }
    (m, changed.into_iter().map(str::to_string).collect())
}

/// The "Công khai số" column: a yes agrees with a record that covers the phone; a no takes the
/// phone (and Zalo) out of the record, keeping the rest of what the member agreed to; without a
/// record it is the bare `public` flag.
fn apply_public(m: &mut MemberDoc, public: bool) -> Option<&'static str> {
    let record = m.consent();
    match record {
        Some(r) if r.covers.contains(&Covered::Phone) && public => None,
        Some(mut r) if r.covers.contains(&Covered::Phone) => {
            r.covers.retain(|c| *c == Covered::Name);
            m.set_consent((!r.covers.is_empty()).then_some(&r));
            m.fields.set_flag("public", None);
            Some("công khai số")
        }
        _ if public == m.public() => None,
        _ => {
            m.fields.set_flag("public", public.then_some(true));
            Some("công khai số")
        }
    }
}

/// A sheet with consent columns decides the record (a blank row has none); a withdrawal date is
/// taken from the sheet but never cleared by it, since clearing one would publish the member
/// again: re-consent is written into the file by hand.
fn apply_consent(m: &mut MemberDoc, s: &SheetMember, columns: &Columns) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let has_consent_columns = Field::CONSENT.iter().any(|&f| columns.has(f));
    if has_consent_columns && m.consent() != s.consent {
        m.set_consent(s.consent.as_ref());
        changed.push("đồng ý");
    }
    if let Some(withdrawn) = s.withdrawn.filter(|&w| Some(w) != m.withdrawn()) {
        m.fields
            .set("withdrawn", Some(Value::plain(withdrawn.to_string())));
        changed.push("rút đồng ý");
    }
    changed
}

fn kept_team(
    old: &TeamDoc,
    team: &SheetTeam,
    members: Vec<MemberDoc>,
    report: &mut Report,
) -> TeamDoc {
    let mut doc = old.clone();
    doc.members = members;
    if doc.hamlet() != team.hamlet {
        // The page address comes from the id: keep it when only the spelling of the name changes.
        if doc.id().is_none() {
            doc.fields.set_text("id", Some(text::slugify(old.hamlet())));
        }
        report
            .teams_renamed
            .push((old.hamlet().to_string(), team.hamlet.clone()));
        doc.fields.set_text("hamlet", Some(team.hamlet.clone()));
    }
    let old_kind = old
        .kind()
        .map(str::to_string)
        .or_else(|| kind_prefix(old.hamlet()).map(str::to_string));
    if old_kind.as_deref() != Some(team.kind) {
        doc.fields.set("kind", Some(Value::plain(team.kind)));
        report
            .kinds_changed
            .push((team.hamlet.clone(), team.kind.to_string()));
    }
    doc
}

fn new_team(team: &SheetTeam, members: Vec<MemberDoc>, used: &HashSet<String>) -> TeamDoc {
    let slug = text::slugify(&team.hamlet);
    let id = (used.contains(&slug)).then(|| {
        (2..)
            .map(|n| format!("{slug}-{n}"))
            .find(|candidate| !used.contains(candidate))
            .expect("some suffix is free")
    });
    let mut doc = TeamDoc {
        members,
        ..TeamDoc::default()
    };
    doc.fields.set_text("hamlet", Some(team.hamlet.clone()));
    doc.fields.set("kind", Some(Value::plain(team.kind)));
    doc.fields.set_text("id", id);
    doc
}

fn team_id(team: &TeamDoc) -> String {
    team.id()
        .map_or_else(|| text::slugify(team.hamlet()), str::to_string)
}

fn report_removed(
    old: &[TeamDoc],
    teams: &[SheetTeam],
    matches: &[Vec<Option<(usize, usize)>>],
    report: &mut Report,
) {
    let kept_teams: HashSet<usize> = teams.iter().filter_map(|t| t.old).collect();
    let kept_members: HashSet<(usize, usize)> =
        matches.iter().flatten().flatten().copied().collect();
    for (t, team) in old.iter().enumerate() {
        if !kept_teams.contains(&t) {
            report.teams_removed.push(TeamSummary {
                hamlet: team.hamlet().to_string(),
                members: team.members.len(),
            });
            continue;
        }
        for (m, member) in team.members.iter().enumerate() {
            if !kept_members.contains(&(t, m)) {
                report.members.push(MemberChange::Removed {
                    team: team.hamlet().to_string(),
                    name: member.name().to_string(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::date::Date;
    use crate::model::consent::{Method, Record};

    fn columns(fields: &[Field]) -> Columns {
        Columns {
            header_row: 0,
            fields: fields
                .iter()
                .enumerate()
                .map(|(i, f)| (*f, i))
                .collect::<BTreeMap<_, _>>(),
            hamlet_kind: None,
            unknown: Vec::new(),
        }
    }

    fn row(hamlet: &str, name: &str, phone: Option<&str>) -> SheetMember {
        SheetMember {
            row: 2,
            hamlet: hamlet.into(),
            kind: "thôn",
            name: name.into(),
            role: None,
            phone: phone.map(|p| Phone::parse(p).unwrap()),
            zalo: None,
            public: None,
            consent: None,
            withdrawn: None,
            note: None,
        }
    }

    fn member(name: &str, phone: Option<&str>) -> MemberDoc {
        let mut m = MemberDoc::default();
        m.fields.set_text("name", Some(name.into()));
        m.fields.set_text("phone", phone.map(str::to_string));
        m
    }

    fn team(hamlet: &str, members: Vec<MemberDoc>) -> TeamDoc {
        let mut t = TeamDoc {
            members,
            ..TeamDoc::default()
        };
        t.fields.set_text("hamlet", Some(hamlet.into()));
        t
    }

    #[test]
    fn a_member_who_moved_hamlet_keeps_hand_edits() {
        let mut an = member("Nguyễn Văn An", Some("0912 345 678"));
        an.fields.set_text("note", Some("trực tối thứ Bảy".into()));
        an.fields.set_flag("public", Some(true));
        let old = [
            team("Thôn A", vec![an]),
            team("Thôn B", vec![member("Lê C", None)]),
        ];
        let sheet = [
            row("Thôn B", "nguyen van an", Some("0912345678")),
            row("Thôn B", "Lê C", None),
        ];
        let (teams, report) = merge(
            &old,
            &sheet,
            &columns(&[Field::Name, Field::Hamlet, Field::Phone]),
        );
        assert_eq!(teams.len(), 1);
        let moved = &teams[0].members[0];
        assert_eq!(moved.text("note"), Some("trực tối thứ Bảy"));
        assert!(moved.public(), "no consent column: consent kept");
        assert_eq!(moved.text("phone"), Some("0912 345 678"), "spelling kept");
        let MemberChange::Changed { fields, .. } = &report.members[0] else {
            panic!("{report:?}")
        };
        assert_eq!(fields, &["chuyển từ Thôn A", "họ tên"]);
        assert_eq!(report.teams_removed.len(), 1);
    }

    #[test]
    fn namesakes_are_told_apart_by_phone() {
        let old = [team(
            "Thôn A",
            vec![
                member("Trần Bình", Some("0912000001")),
                member("Trần Bình", Some("0912000002")),
            ],
        )];
        let sheet = [
            row("Thôn A", "Trần Bình", Some("0912000002")),
            row("Thôn A", "Trần Bình", Some("0912000003")),
        ];
        let (teams, report) = merge(
            &old,
            &sheet,
            &columns(&[Field::Name, Field::Hamlet, Field::Phone]),
        );
        assert_eq!(teams[0].members[0].text("phone"), Some("0912000002"));
        let changed: Vec<_> = report
            .members
            .iter()
            .filter(|c| matches!(c, MemberChange::Changed { .. }))
            .collect();
        assert_eq!(changed.len(), 1, "{report:?}");
        assert!(report
            .members
            .iter()
            .all(|c| !matches!(c, MemberChange::Removed { .. })));
    }

    #[test]
    fn a_renamed_hamlet_keeps_its_page_address_and_a_new_clashing_one_gets_its_own() {
        let old = [team("Thôn Đồng Tâm", vec![member("An", None)])];
        let sheet = [
            row("Thôn Đông Tâm", "An", None),
            row("Thôn Dong Tam", "Bình", None),
        ];
        let (teams, report) = merge(&old, &sheet, &columns(&[Field::Name, Field::Hamlet]));
        // "Đông Tâm" only differs in marks from the file's "Đồng Tâm": the same team, renamed.
        assert_eq!(teams[0].id(), Some("thon-dong-tam"));
        assert_eq!(report.teams_renamed.len(), 1);
        assert_eq!(teams[1].id(), Some("thon-dong-tam-2"));
    }

    #[test]
    fn a_consent_column_decides_and_a_blank_means_no() {
        let mut an = member("An", Some("0912345678"));
        an.fields.set_flag("public", Some(true));
        an.fields.set_flag("zalo", Some(true));
        let old = [team("Thôn A", vec![an])];
        let sheet = [row("Thôn A", "An", Some("0912345678"))];
        let cols = columns(&[
            Field::Name,
            Field::Hamlet,
            Field::Phone,
            Field::Zalo,
            Field::Public,
        ]);
        let (teams, _) = merge(&old, &sheet, &cols);
        assert_eq!(teams[0].members[0].fields.flag("public"), None);
        assert!(
            teams[0].members[0].zalo(),
            "a blank Zalo cell keeps the file's"
        );
    }

    fn record(given: &str) -> Record {
        Record {
            covers: vec![Covered::Phone, Covered::Name],
            given: Date::parse(given).unwrap(),
            method: Method::Paper,
            evidence: "QL-1".into(),
            collected_by: "Lê C".into(),
        }
    }

    #[test]
    fn consent_columns_replace_the_record_and_a_withdrawal_is_never_cleared() {
        let mut an = member("An", Some("0912345678"));
        an.set_consent(Some(&record("2025-01-02")));
        an.fields.set("withdrawn", Some(Value::plain("2026-11-20")));
        let mut bich = member("Bích", None);
        bich.set_consent(Some(&record("2025-01-02")));
        let old = [team("Thôn A", vec![an, bich])];
        let mut renewed = row("Thôn A", "An", Some("0912345678"));
        renewed.consent = Some(record("2026-03-02"));
        let blank = row("Thôn A", "Bích", None);
        let cols = columns(&[Field::Name, Field::Hamlet, Field::Covers, Field::Given]);
        let (teams, report) = merge(&old, &[renewed, blank], &cols);
        let [an, bich] = &teams[0].members[..] else {
            panic!("{teams:?}")
        };
        assert_eq!(an.consent(), Some(record("2026-03-02")));
        assert_eq!(an.withdrawn(), Date::parse("2026-11-20"), "not cleared");
        assert_eq!(bich.consent(), None, "blank consent cells: no record");
        let fields: Vec<&Vec<String>> = report
            .members
            .iter()
            .filter_map(|c| match c {
                MemberChange::Changed { fields, .. } => Some(fields),
                _ => None,
            })
            .collect();
        assert_eq!(
            fields,
            [&vec!["đồng ý".to_string()], &vec!["đồng ý".to_string()]]
        );
    }
}

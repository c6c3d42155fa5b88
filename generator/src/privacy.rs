//! `ngo check --privacy`: what the portal will publish about its volunteers, commune by commune.
//!
//! The site model forgets a phone as soon as it may not be published, so it cannot say *why* a
//! phone was withheld. The report reads each commune file a second time under the most open
//! policy (consent decides, names shown) to learn who consented, and compares that with the site
//! as it will really be built. Only counts leave this module: never a name or a number.

use std::path::Path;

use serde::Serialize;

use crate::build::{self, BuildError};
use crate::config::{Config, PhonePolicy};
use crate::diagnostics::Diagnostics;
use crate::load::SourceFile;
use crate::model::{parse_commune_file, Commune, Directory};

/// Counts for one commune, or for the whole portal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub teams: usize,
    pub members: usize,
    /// Members who gave a phone.
    pub with_phone: usize,
    /// Phones whose owner consented (`public: true`).
    pub consented: usize,
    /// Members with a phone but no consent (`public` missing or false).
    pub phone_without_consent: usize,
    /// Phones that will appear in the output.
    pub published: usize,
    /// Phones that will not appear anywhere (no consent, or `publish_phones: none`).
    pub withheld: usize,
    /// Names replaced by the role alone (`show_names: false`, no consent).
    pub hidden_names: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.teams += other.teams;
        self.members += other.members;
        self.with_phone += other.with_phone;
        self.consented += other.consented;
        self.phone_without_consent += other.phone_without_consent;
        self.published += other.published;
        self.withheld += other.withheld;
        self.hidden_names += other.hidden_names;
    }
}

/// One commune's line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct CommuneRow {
    pub province: String,
    pub commune: String,
    pub code: u32,
    /// The commune file, relative to the site folder.
    pub file: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct PrivacyReport {
    pub publish_phones: PhonePolicy,
    pub show_names: bool,
    pub communes: Vec<CommuneRow>,
    pub total: Counts,
}

/// Loads the site (reporting every content problem, as `ngo check` does) and counts.
pub fn report(site_dir: &Path) -> Result<PrivacyReport, BuildError> {
    let site = build::check(site_dir, &[])?;
    let open = Config {
        publish_phones: PhonePolicy::Consent,
        show_names: true,
        ..site.config.clone()
    };
    let mut communes = Vec::new();
    let mut total = Counts::default();
    for province in &site.provinces {
        for commune in &province.communes {
            let Some(directory) = &commune.directory else {
                continue;
            };
            let counts = count_commune(site_dir, directory, &open, commune)?;
            total.add(&counts);
            communes.push(CommuneRow {
                province: province.unit.name.clone(),
                commune: commune.unit.name.clone(),
                code: commune.unit.code,
                file: directory.source.to_string_lossy().replace('\\', "/"),
                counts,
            });
        }
    }
    Ok(PrivacyReport {
        publish_phones: site.config.publish_phones,
        show_names: site.config.show_names,
        communes,
        total,
    })
}

/// Counts one commune: consent from the file read openly, publication from the real site.
fn count_commune(
    site_dir: &Path,
    directory: &Directory,
    open: &Config,
    commune: &Commune,
) -> Result<Counts, BuildError> {
    let single = |d| BuildError::Content(Diagnostics::from_iter([d]));
    let source =
        SourceFile::read(&site_dir.join(&directory.source), &directory.source).map_err(single)?;
    let as_consented = parse_commune_file(&source, open).map_err(BuildError::Content)?;
    let mut counts = Counts {
        teams: commune.teams().len(),
        ..Counts::default()
    };
    for team in &as_consented.directory.teams {
        for member in &team.members {
            counts.members += 1;
            let has_phone = member.phone.is_some() || member.withheld_phone;
            counts.with_phone += usize::from(has_phone);
            counts.consented += usize::from(member.phone.is_some());
            counts.phone_without_consent += usize::from(member.withheld_phone);
        }
    }
    for member in commune.teams().iter().flat_map(|t| &t.members) {
        counts.published += usize::from(member.phone.is_some());
        counts.withheld += usize::from(member.withheld_phone);
        counts.hidden_names += usize::from(member.name.is_none());
    }
    Ok(counts)
}

const HEADERS: [&str; 8] = [
    "Tỉnh/thành",
    "Xã/phường",
    "Tổ",
    "Thành viên",
    "Số công bố",
    "Có số, chưa đồng ý",
    "Số giữ kín",
    "Ẩn tên",
];

/// The report as a table for a terminal, with the policy's effect spelled out below it.
pub fn render_table(report: &PrivacyReport) -> String {
    let mut rows: Vec<[String; 8]> = report
        .communes
        .iter()
        .map(|row| cells(&row.province, &row.commune, &row.counts))
        .collect();
    rows.push(cells("Tổng cộng", "", &report.total));
    let widths: Vec<usize> = (0..HEADERS.len())
        .map(|i| {
            rows.iter()
                .map(|r| width(&r[i]))
                .chain([width(HEADERS[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    push_row(&mut out, &HEADERS.map(str::to_string), &widths);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&rule.join("-+-"));
    out.push('\n');
    let last = rows.len() - 1;
    for (i, row) in rows.iter().enumerate() {
        if i == last {
            out.push_str(&rule.join("-+-"));
            out.push('\n');
        }
        push_row(&mut out, row, &widths);
    }
    out.push('\n');
    out.push_str(&effect(report));
    out
}

fn cells(province: &str, commune: &str, c: &Counts) -> [String; 8] {
    [
        province.to_string(),
        commune.to_string(),
        c.teams.to_string(),
        c.members.to_string(),
        c.published.to_string(),
        c.phone_without_consent.to_string(),
        c.withheld.to_string(),
        c.hidden_names.to_string(),
    ]
}

/// Names are left-aligned, numbers right-aligned.
fn push_row(out: &mut String, row: &[String; 8], widths: &[usize]) {
    let cells: Vec<String> = row
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (cell, w))| {
            let pad = " ".repeat(w - width(cell));
            if i < 2 {
                format!("{cell}{pad}")
            } else {
                format!("{pad}{cell}")
            }
        })
        .collect();
    out.push_str(cells.join(" | ").trim_end());
    out.push('\n');
}

/// Characters, not bytes: NFC Vietnamese letters take one column each.
fn width(text: &str) -> usize {
    text.chars().count()
}

/// What `privacy.publish_phones` and `privacy.show_names` change, in sentences.
fn effect(report: &PrivacyReport) -> String {
    let t = &report.total;
    let mut lines = Vec::new();
    match report.publish_phones {
        PhonePolicy::Consent => lines.push(format!(
            "publish_phones: consent — chỉ công bố số của thành viên đã đồng ý (`public: true`): \
             {} số được công bố, {} số giữ kín.",
            t.published, t.withheld
        )),
        PhonePolicy::None => lines.push(format!(
            "publish_phones: none — không công bố số điện thoại nào: cả {} số của người đã đồng ý \
             cũng được giữ kín ({} số giữ kín).",
            t.consented, t.withheld
        )),
    }
    if report.show_names {
        lines.push(
            "show_names: true — tên mọi thành viên được hiển thị, kể cả người chưa đồng ý công bố số."
                .to_string(),
        );
    } else {
        lines.push(format!(
            "show_names: false — {} thành viên chưa đồng ý chỉ hiện vai trò, không hiện tên.",
            t.hidden_names
        ));
    }
    if t.phone_without_consent > 0 {
        lines.push(format!(
            "{} thành viên có số điện thoại nhưng chưa có `public: true`: số của họ không xuất hiện \
             ở đâu cả. Nếu họ đồng ý công bố, hãy thêm `public: true`.",
            t.phone_without_consent
        ));
    }
    lines.join("\n") + "\n"
}

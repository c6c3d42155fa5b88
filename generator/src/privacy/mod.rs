//! `ngo check --privacy`: what the portal will publish about its volunteers, commune by commune,
//! and what the commune must do about consent.
//!
//! The site model keeps only what may be published, so it cannot say *why* something was left
//! out. The report reads each commune file once more through [`audit_commune_file`], which tells
//! every member's consent and what this build publishes of them, and turns that into counts and
//! three to-do lists: members published on a bare `public: true` without a consent record,
//! withdrawals with the date by which they must be off the published portal, and consents old
//! enough to ask again. Members are named by their place in the file, hamlet and role: never a
//! name or a number, so the report can be shared with a province office.

mod table;

use std::path::Path;

use serde::Serialize;

pub use table::render_table;

use crate::build::{self, BuildError};
use crate::config::{PhonePolicy, WITHDRAWAL_DAYS};
use crate::date::Date;
use crate::diagnostics::Diagnostics;
use crate::load::SourceFile;
use crate::model::consent::{Consent, Covered};
use crate::model::{audit_commune_file, Commune, MemberAudit, Site};

/// Counts for one commune, or for the whole portal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub teams: usize,
    /// Members in the files, those who withdrew included.
    pub members: usize,
    /// Members who gave a phone.
    pub with_phone: usize,
    /// Phones whose owner consented to publish them (and did not withdraw).
    pub consented: usize,
    /// Members with a phone but no consent to publish it.
    pub phone_without_consent: usize,
    /// Phones that will appear in the output.
    pub published: usize,
    /// Phones that will not appear anywhere (no consent, withdrawn, or `publish_phones: none`).
    pub withheld: usize,
    /// Listed members shown by their role alone.
    pub hidden_names: usize,
    /// Members with a complete `consent:` record.
    pub recorded: usize,
    /// Members whose only consent is a bare `public: true`.
    pub bare: usize,
    /// Members who withdrew consent: left out of every output.
    pub withdrawn: usize,
    /// Records older than the renewal age.
    pub to_renew: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.teams += o.teams;
        self.members += o.members;
        self.with_phone += o.with_phone;
        self.consented += o.consented;
        self.phone_without_consent += o.phone_without_consent;
        self.published += o.published;
        self.withheld += o.withheld;
        self.hidden_names += o.hidden_names;
        self.recorded += o.recorded;
        self.bare += o.bare;
        self.withdrawn += o.withdrawn;
        self.to_renew += o.to_renew;
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

/// A member, as the report names one: where it is written, its hamlet and its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub hamlet: String,
    pub role: Option<String>,
}

/// A withdrawal and the day by which the published portal must no longer hold the member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Withdrawal {
    #[serde(flatten)]
    pub member: Entry,
    pub withdrawn: Date,
    /// `withdrawn` + 15 days.
    pub deadline: Date,
    /// Days from today to the deadline; negative once it has passed.
    pub days_left: i64,
    /// The withdrawal is dated after today: most likely a typo (it applies at once anyway).
    pub dated_ahead: bool,
    /// The date of the consent record, when the withdrawal is dated before it.
    pub before_consent: Option<Date>,
}

/// A consent given long enough ago to ask the member again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Renewal {
    #[serde(flatten)]
    pub member: Entry,
    pub given: Date,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct PrivacyReport {
    pub today: Date,
    pub publish_phones: PhonePolicy,
    pub show_names: bool,
    pub require_consent_record: bool,
    pub renew_after_months: u32,
    pub communes: Vec<CommuneRow>,
    pub total: Counts,
    /// Members published on a bare `public: true`, without a consent record.
    pub lacking_record: Vec<Entry>,
    pub withdrawals: Vec<Withdrawal>,
    pub renewals: Vec<Renewal>,
}

/// Loads the site (reporting every content problem, as `ngo check` does) and counts.
pub fn report(site_dir: &Path) -> Result<PrivacyReport, BuildError> {
    let site = build::check(site_dir, &[])?;
    let mut report = PrivacyReport {
        today: Date::today(),
        publish_phones: site.config.publish_phones,
        show_names: site.config.show_names,
        require_consent_record: site.config.consent.require_record,
        renew_after_months: site.config.consent.renew_after_months,
        communes: Vec::new(),
        total: Counts::default(),
        lacking_record: Vec::new(),
        withdrawals: Vec::new(),
        renewals: Vec::new(),
    };
    for province in &site.provinces {
        for commune in province.communes.iter().filter(|c| c.directory.is_some()) {
            let audits = audit(site_dir, &site, commune)?;
            let counts = report.add_commune(commune, &audits);
            report.total.add(&counts);
            report.communes.push(CommuneRow {
                province: province.unit.name.clone(),
                commune: commune.unit.name.clone(),
                code: commune.unit.code,
                file: audits_file(commune),
                counts,
            });
        }
    }
    Ok(report)
}

fn audits_file(commune: &Commune) -> String {
    commune
        .directory
        .as_ref()
        .map(|d| d.source.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default()
}

/// Each member of a commune's file, read again to learn its consent.
fn audit(site_dir: &Path, site: &Site, commune: &Commune) -> Result<Vec<MemberAudit>, BuildError> {
    let directory = commune
        .directory
        .as_ref()
        .expect("only communes with a file");
    let single = |d| BuildError::Content(Diagnostics::from_iter([d]));
    let source =
        SourceFile::read(&site_dir.join(&directory.source), &directory.source).map_err(single)?;
    let (_, audits) = audit_commune_file(&source, &site.config).map_err(BuildError::Content)?;
    Ok(audits)
}

impl PrivacyReport {
    /// Counts one commune's members and adds them to the to-do lists.
    fn add_commune(&mut self, commune: &Commune, audits: &[MemberAudit]) -> Counts {
        let mut counts = Counts {
            teams: commune.teams().len(),
            ..Counts::default()
        };
        for audit in audits {
            count(&mut counts, audit);
            self.list(audit, &mut counts);
        }
        counts
    }

    fn list(&mut self, audit: &MemberAudit, counts: &mut Counts) {
        let entry = entry(audit);
        if let Some(withdrawn) = audit.consent.withdrawn {
            self.withdrawals
                .push(withdrawal(entry, withdrawn, audit, self.today));
            return;
        }
        if audit.consent.consent == Consent::Bare && audit.allowed.phone {
            self.lacking_record.push(entry);
        } else if let Some(given) = audit.given() {
            if given.plus_months(self.renew_after_months) <= self.today {
                counts.to_renew += 1;
                self.renewals.push(Renewal {
                    member: entry,
                    given,
                });
            }
        }
    }
}

fn count(c: &mut Counts, audit: &MemberAudit) {
    let phone = audit.has_phone;
    let allowed = audit.allowed;
    c.members += 1;
    c.with_phone += usize::from(phone);
    c.published += usize::from(phone && allowed.phone);
    c.withheld += usize::from(phone && !allowed.phone);
    if audit.consent.withdrawn.is_some() {
        c.withdrawn += 1;
        return;
    }
    let consented = audit.consent.covers(Covered::Phone);
    c.consented += usize::from(phone && consented);
    c.phone_without_consent += usize::from(phone && !consented);
    c.hidden_names += usize::from(!allowed.name);
    c.recorded += usize::from(matches!(audit.consent.consent, Consent::Recorded(_)));
    c.bare += usize::from(audit.consent.consent == Consent::Bare);
}

fn entry(audit: &MemberAudit) -> Entry {
    Entry {
        file: audit.location.path.to_string_lossy().replace('\\', "/"),
        line: audit.location.line,
        column: audit.location.column,
        hamlet: audit.hamlet.clone(),
        role: audit.role.clone(),
    }
}

fn withdrawal(member: Entry, withdrawn: Date, audit: &MemberAudit, today: Date) -> Withdrawal {
    let deadline = withdrawn.plus_days(WITHDRAWAL_DAYS);
    Withdrawal {
        member,
        withdrawn,
        deadline,
        days_left: deadline.days() - today.days(),
        dated_ahead: withdrawn > today,
        before_consent: audit.given().filter(|given| withdrawn < *given),
    }
}

//! A member's consent as the commune recorded it, and — in one place — what it lets the portal
//! publish.
//!
//! Vietnam's Personal Data Protection Law (91/2025/QH15) and Decree 356/2025/NĐ-CP, in force since
//! 2026-01-01, ask that consent be specific to what it covers, never assumed from silence, and
//! verifiable, the controller keeping evidence of it; and that processing stop when it is
//! withdrawn. A commune file therefore records consent as a `consent:` mapping (what it covers,
//! when and how it was given, the id of the evidence the commune keeps, who collected it), and a
//! withdrawal as `withdrawn: DATE`. The older bare `public: true` still counts as consent to the
//! phone on sites that accept it.
//!
//! Dates never make data appear: a withdrawal takes effect at once whatever its date, and
//! `ngo check --privacy` points out dates that look wrong.

mod read;

use serde::{Deserialize, Serialize};

pub use read::read;

use crate::config::{Config, PhonePolicy};
use crate::date::Date;
use crate::diagnostics::Location;
use crate::text;

/// The keys of a `consent:` record, in the order files are written.
pub const CONSENT_KEYS: &[&str] = &["covers", "given", "method", "evidence", "collected_by"];

/// What a consent can cover. New kinds of member data get a new entry here, and nothing is
/// published under it until a record names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Covered {
    /// The phone number: on the team page, in `to.vcf`, in search.
    Phone,
    /// The Zalo button beside the phone (it opens a chat on the same number).
    Zalo,
    /// The member's name, shown even where `show_names: false` hides names.
    Name,
}

impl Covered {
    /// Each kind with its key and the Vietnamese words editors may write instead, folded.
    const ALL: [(Covered, &'static str, &'static [&'static str]); 3] = [
        (
            Covered::Phone,
            "phone",
            &["so dien thoai", "dien thoai", "sdt", "so"],
        ),
        (Covered::Zalo, "zalo", &[]),
        (Covered::Name, "name", &["ten", "ho ten", "ho va ten"]),
    ];

    pub fn key(self) -> &'static str {
        Covered::ALL
            .iter()
            .find(|(c, _, _)| *c == self)
            .map_or("", |(_, key, _)| key)
    }

    /// Reads a key or one of its Vietnamese names, in any case and with or without marks.
    pub fn parse(text: &str) -> Option<Covered> {
        let folded = text::fold(text.trim());
        Covered::ALL
            .iter()
            .find(|(_, key, words)| *key == folded || words.contains(&folded.as_str()))
            .map(|(c, _, _)| *c)
    }

    pub(crate) fn keys() -> Vec<&'static str> {
        Covered::ALL.iter().map(|(_, key, _)| *key).collect()
    }

    /// The Vietnamese words written into exported sheets.
    pub fn vietnamese(self) -> &'static str {
        match self {
            Covered::Phone => "số điện thoại",
            Covered::Zalo => "Zalo",
            Covered::Name => "tên",
        }
    }
}

/// How the consent was given, as the law lists the verifiable forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// A signed paper form.
    Paper,
    /// A text message (SMS, Zalo) kept by the commune.
    Message,
    /// A recorded call or meeting.
    Recording,
    /// A digital confirmation (VNeID, an online form, an e-signature).
    Digital,
}

impl Method {
    const ALL: [(Method, &'static str, &'static [&'static str]); 4] = [
        (
            Method::Paper,
            "paper",
            &[
                "giay",
                "phieu",
                "phieu giay",
                "van ban",
                "ban giay",
                "ky giay",
            ],
        ),
        (Method::Message, "message", &["tin nhan", "sms", "zalo"]),
        (Method::Recording, "recording", &["ghi am", "ghi hinh"]),
        (
            Method::Digital,
            "digital",
            &["dien tu", "truc tuyen", "vneid", "chu ky so"],
        ),
    ];

    pub fn key(self) -> &'static str {
        Method::ALL
            .iter()
            .find(|(m, _, _)| *m == self)
            .map_or("", |(_, key, _)| key)
    }

    /// The Vietnamese name shown to editors and written into exported sheets.
    pub fn vietnamese(self) -> &'static str {
        match self {
            Method::Paper => "phiếu giấy",
            Method::Message => "tin nhắn",
            Method::Recording => "ghi âm",
            Method::Digital => "điện tử",
        }
    }

    pub fn parse(text: &str) -> Option<Method> {
        let folded = text::fold(text.trim());
        Method::ALL
            .iter()
            .find(|(_, key, words)| *key == folded || words.contains(&folded.as_str()))
            .map(|(m, _, _)| *m)
    }

    pub(crate) fn keys() -> Vec<&'static str> {
        Method::ALL.iter().map(|(_, key, _)| *key).collect()
    }
}

/// A complete consent record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub covers: Vec<Covered>,
    pub given: Date,
    pub method: Method,
    /// The id of the evidence the commune keeps (a form number, a file name): never the file.
    pub evidence: String,
    pub collected_by: String,
}

/// What a member agreed to, as far as the file tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consent {
    /// No consent: nothing of the member beyond what the site's policy shows of everyone.
    None,
    /// `public: true` without a record: consent to the phone (and Zalo and name, as it always
    /// meant), accepted only where `require_consent_record` is off.
    Bare,
    Recorded(Record),
}

/// Everything a commune file says about one member's consent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberConsent {
    pub consent: Consent,
    pub withdrawn: Option<Date>,
}

/// What of a member this build publishes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Allowed {
    /// The member appears at all (as a name or a role); false once consent is withdrawn.
    pub listed: bool,
    pub name: bool,
    pub phone: bool,
    pub zalo: bool,
}

impl MemberConsent {
    /// Whether the member's consent covers `what`; a bare `public: true` covers all three.
    pub fn covers(&self, what: Covered) -> bool {
        match &self.consent {
            Consent::None => false,
            Consent::Bare => true,
            Consent::Recorded(record) => record.covers.contains(&what),
        }
    }

    /// The one rule of what may be published about a member.
    ///
    /// A withdrawn member is left out entirely. A phone needs consent and a site that publishes
    /// phones; Zalo needs consent to both. A name is shown where consent covers it, and for
    /// members without a record where the site shows names (`show_names`): a record that leaves
    /// the name out is a choice the member made.
    pub fn allows(&self, config: &Config) -> Allowed {
        if self.withdrawn.is_some() {
            return Allowed::default();
        }
        let phone = config.publish_phones == PhonePolicy::Consent && self.covers(Covered::Phone);
        let recorded = matches!(self.consent, Consent::Recorded(_));
        Allowed {
            listed: true,
            name: self.covers(Covered::Name) || (!recorded && config.show_names),
            phone,
            zalo: phone && self.covers(Covered::Zalo),
        }
    }
}

/// What `ngo check --privacy` needs of one member: where it is written and its consent, never
/// its name or number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberAudit {
    /// Where the member starts in the commune file.
    pub location: Location,
    pub hamlet: String,
    pub role: Option<String>,
    pub has_phone: bool,
    pub consent: MemberConsent,
    /// What this build publishes of the member.
    pub allowed: Allowed,
}

impl MemberAudit {
    /// The date of the record's consent, when there is a record.
    pub fn given(&self) -> Option<Date> {
        match &self.consent.consent {
            Consent::Recorded(record) => Some(record.given),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;

    #[test]
    fn covered_and_method_accept_vietnamese_words() {
        assert_eq!(Covered::parse("Số điện thoại"), Some(Covered::Phone));
        assert_eq!(Covered::parse("ZALO"), Some(Covered::Zalo));
        assert_eq!(Covered::parse("tên"), Some(Covered::Name));
        assert_eq!(Covered::parse("địa chỉ"), None);
        assert_eq!(Method::parse("Phiếu giấy"), Some(Method::Paper));
        assert_eq!(Method::parse("ghi âm"), Some(Method::Recording));
        assert_eq!(Method::parse("digital"), Some(Method::Digital));
        assert_eq!(Method::parse("miệng"), None);
    }

    fn config(show_names: bool, publish: PhonePolicy) -> Config {
        let source = crate::load::SourceFile::from_text("site.yaml", "title: T\n").unwrap();
        let mut config = crate::config::parse(&source).unwrap();
        config.show_names = show_names;
        config.publish_phones = publish;
        config
    }

    fn recorded(covers: &[Covered]) -> MemberConsent {
        MemberConsent {
            consent: Consent::Recorded(Record {
                covers: covers.to_vec(),
                given: Date::parse("2026-03-02").unwrap(),
                method: Method::Paper,
                evidence: "QL-01".into(),
                collected_by: "Cán bộ xã".into(),
            }),
            withdrawn: None,
        }
    }

    /// A commune file of one team whose members are `members` (YAML, indented as in a file).
    fn file(members: &str) -> String {
        format!(
            "province: 22\ncommune: 7054\nteams:\n  - hamlet: \"Thôn Khe Cát\"\n    members:\n{members}"
        )
    }

    fn audit(
        text: &str,
        site: &str,
    ) -> Result<(crate::model::CommuneFile, Vec<MemberAudit>), Vec<Diagnostic>> {
        let source = crate::load::SourceFile::from_text("teams/a.yaml", text).unwrap();
        let site = crate::load::SourceFile::from_text("site.yaml", site).unwrap();
        let config = crate::config::parse(&site).unwrap();
        crate::model::audit_commune_file(&source, &config).map_err(|d| d.into_sorted())
    }

    const RECORDED: &str = "      - name: \"Nguyễn Văn An\"\n        role: \"Tổ trưởng\"\n        phone: \"0912 000 101\"\n        zalo: true\n        consent:\n          covers: [phone, name]\n          given: 2026-03-02\n          method: phiếu giấy\n          evidence: \"QL-2026-017\"\n          collected_by: \"Lê Thị Hoa, công chức văn hóa - xã hội\"\n";
    const WITHDRAWN: &str = "      - name: \"Trần Thị Bình\"\n        phone: \"0912 000 102\"\n        public: true\n        withdrawn: 2026-11-20\n";

    #[test]
    fn a_record_publishes_what_it_covers_and_a_withdrawal_removes_the_member() {
        let (file, audits) = audit(&file(&format!("{RECORDED}{WITHDRAWN}")), "title: T\n").unwrap();
        let members = &file.directory.teams[0].members;
        assert_eq!(members.len(), 1, "the withdrawn member is left out");
        assert_eq!(members[0].name.as_deref(), Some("Nguyễn Văn An"));
        assert!(members[0].phone.is_some());
        assert!(!members[0].zalo, "the record does not cover Zalo");
        assert_eq!(audits.len(), 2);
        assert_eq!(audits[0].location, Location::new("teams/a.yaml", 6, 9));
        assert_eq!(audits[0].hamlet, "Thôn Khe Cát");
        assert_eq!(audits[0].given(), Date::parse("2026-03-02"));
        assert_eq!(audits[1].consent.withdrawn, Date::parse("2026-11-20"));
        assert_eq!(audits[1].allowed, Allowed::default());
    }

    fn refusals(members: &str, site: &str) -> Vec<String> {
        audit(&file(members), site)
            .unwrap_err()
            .iter()
            .map(|d| format!("{}:{}: {}", d.location.line, d.location.column, d.message))
            .collect()
    }

    #[test]
    fn incomplete_and_contradictory_records_are_refused_with_positions() {
        let members = "      - name: A\n        phone: \"0912 000 101\"\n        consent:\n          covers: [zalo, địa chỉ]\n          given: 2999-01-01\n          method: miệng\n          collected_by: B\n";
        let found = refusals(members, "title: T\n");
        assert_eq!(found.len(), 5, "{found:#?}");
        assert_eq!(
            found[0],
            "8:9: bản ghi đồng ý thiếu `evidence` (mã biên bản, số phiếu hoặc tên tệp xã đang lưu)"
        );
        assert_eq!(
            found[1],
            "9:19: `covers` có `zalo` mà không có `phone`: nút Zalo mở đúng số điện thoại này"
        );
        assert_eq!(found[2], "9:26: `covers` không hợp lệ: \"địa chỉ\"");
        assert!(
            found[3].starts_with("10:18: ngày đồng ý 01/01/2999 chưa tới (hôm nay là "),
            "{}",
            found[3]
        );
        assert_eq!(found[4], "11:19: `method` không hợp lệ: \"miệng\"");
    }

    #[test]
    fn public_must_agree_with_the_record() {
        let members = RECORDED.replace("        zalo: true\n", "        public: false\n");
        let found = refusals(&members, "title: T\n");
        assert_eq!(
            found,
            ["9:17: `public: false` nhưng bản ghi đồng ý có `phone` trong `covers`"]
        );
    }

    #[test]
    fn a_bare_public_is_refused_where_the_site_requires_records() {
        let site = "title: T\nprivacy:\n  require_consent_record: true\n";
        let found = refusals(WITHDRAWN, site);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with("8:17: `public: true` thiếu bản ghi đồng ý"),
            "{}",
            found[0]
        );
        assert!(audit(&file(RECORDED), site).is_ok());
        assert!(audit(&file(WITHDRAWN), "title: T\n").is_ok());
    }

    #[test]
    fn every_text_field_has_a_limit() {
        let long = "x".repeat(101);
        let members = format!(
            "      - name: \"{long}\"\n        role: \"{long}\"\n        note: \"{}\"\n",
            "y".repeat(501)
        );
        let found = refusals(&members, "title: T\n");
        assert_eq!(
            found,
            [
                "6:15: `name` quá dài: 101 ký tự, tối đa 100 ký tự",
                "7:15: `role` quá dài: 101 ký tự, tối đa 100 ký tự",
                "8:15: `note` quá dài: 501 ký tự, tối đa 500 ký tự",
            ]
        );
    }

    #[test]
    fn the_rule_of_what_is_published() {
        let open = config(true, PhonePolicy::Consent);
        let phone_only = recorded(&[Covered::Phone]);
        let allowed = phone_only.allows(&open);
        assert!(allowed.phone && !allowed.zalo && !allowed.name);
        let everything = recorded(&[Covered::Phone, Covered::Zalo, Covered::Name]);
        assert_eq!(
            everything.allows(&config(false, PhonePolicy::None)),
            Allowed {
                listed: true,
                name: true,
                phone: false,
                zalo: false
            }
        );
        let none = MemberConsent {
            consent: Consent::None,
            withdrawn: None,
        };
        assert!(none.allows(&open).name && !none.allows(&open).phone);
        assert!(!none.allows(&config(false, PhonePolicy::Consent)).name);
        let bare = MemberConsent {
            consent: Consent::Bare,
            withdrawn: None,
        };
        assert!(bare.allows(&config(false, PhonePolicy::Consent)).zalo);
        let withdrawn = MemberConsent {
            withdrawn: Date::parse("2026-11-20"),
            ..everything
        };
        assert_eq!(withdrawn.allows(&open), Allowed::default());
    }
}

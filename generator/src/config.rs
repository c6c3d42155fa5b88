//! `site.yaml`: the portal's title, address, scope and policies.
//!
//! Read in two steps, as mature generators do: the spanned YAML is checked key by key (all
//! problems reported), then turned into a validated [`Config`] that later stages trust.

use std::collections::BTreeMap;
use std::path::Path;

use marked_yaml::types::MarkedMappingNode;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::limits;
use crate::load::yaml::{self, Reader};
use crate::load::SourceFile;
use crate::units::{self, UnitRef};

const TOP_KEYS: &[&str] = &[
    "title", "base_url", "language", "scope", "contact", "privacy", "search",
];

/// Whether member phone numbers may be published at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PhonePolicy {
    /// A phone is published only where the member consented (`public: true`).
    #[default]
    Consent,
    /// No member phone is published anywhere.
    None,
}

/// The privacy settings about consent records (`privacy:` in `site.yaml`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ConsentPolicy {
    /// Refuse a bare `public: true` that has no `consent:` record (`ngo new` sites say so);
    /// existing sites accept it and `ngo check --privacy` lists it as lacking a record.
    pub require_record: bool,
    /// Consents given longer ago than this are listed by `ngo check --privacy` for renewal.
    pub renew_after_months: u32,
    /// Put the names that members agreed to show into the open-data files.
    pub open_data_names: bool,
    /// Who receives requests to remove a member's data; `contact:` when empty.
    pub contact: PrivacyContact,
}

/// The office that keeps the consent records and answers removal requests.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PrivacyContact {
    pub office: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// Months after which a consent is worth asking again, when `site.yaml` does not say.
pub const DEFAULT_RENEW_MONTHS: u32 = 24;

/// The days a withdrawal leaves to take a member's data off the published portal
/// (Decree 356/2025/NĐ-CP).
pub const WITHDRAWAL_DAYS: i64 = 15;

impl Default for ConsentPolicy {
    fn default() -> Self {
        ConsentPolicy {
            require_record: false,
            renew_after_months: DEFAULT_RENEW_MONTHS,
            open_data_names: false,
            contact: PrivacyContact::default(),
        }
    }
}

/// The validated site settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub base_url: BaseUrl,
    pub language: String,
    /// Province codes this portal covers; `None` for a national portal.
    pub scope: Option<Vec<u32>>,
    pub hotline: Option<String>,
    pub email: Option<String>,
    pub publish_phones: PhonePolicy,
    /// Show the names of members who have no consent record (bare `public: true` or none).
    pub show_names: bool,
    /// What the portal asks of consent records, and who answers members' requests.
    pub consent: ConsentPolicy,
    /// Site synonyms, merged over the built-in search list.
    pub synonyms: BTreeMap<String, Vec<String>>,
}

impl Config {
    /// Whether a province's teams belong in this portal.
    pub fn covers(&self, province: u32) -> bool {
        self.scope
            .as_ref()
            .is_none_or(|codes| codes.contains(&province))
    }
}

/// Where the portal is served: an optional origin and a path that always ends in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://host` with no trailing slash, when known; sitemaps and feeds need it.
    pub origin: Option<String>,
    /// `/` or `/sub/path/`.
    pub path: String,
}

impl BaseUrl {
    /// Parses `/`, `/sub/`, `https://host/` or `https://host/sub/path`.
    pub fn parse(text: &str) -> Option<BaseUrl> {
        let text = text.trim();
        let (origin, path) = if let Some(rest) = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
        {
            let scheme_len = text.len() - rest.len();
            let host_end = rest.find('/').unwrap_or(rest.len());
            if host_end == 0 {
                return None;
            }
            (
                Some(text[..scheme_len + host_end].to_string()),
                &rest[host_end..],
            )
        } else if text.starts_with('/') {
            (None, text)
        } else {
            return None;
        };
        if path.contains("..") || path.contains(['?', '#', ' ', '\\']) {
            return None;
        }
        let trimmed = path.trim_matches('/');
        let path = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        Some(BaseUrl { origin, path })
    }

    /// The full address of a site-relative path (`quang-ninh/`), absolute when the origin is known.
    pub fn absolute(&self, relative: &str) -> String {
        format!(
            "{}{}{}",
            self.origin.as_deref().unwrap_or(""),
            self.path,
            relative
        )
    }
}

/// Reads `site.yaml`; a missing file is an error because every portal needs a title.
pub fn load(site_dir: &Path, path: Option<&Path>) -> Result<Config, Diagnostics> {
    let Some(path) = path else {
        let mut d = Diagnostics::new();
        d.push(
            Diagnostic::new(Location::file("site.yaml"), "không tìm thấy tệp site.yaml").with_hint(
                "mỗi trang cần một tệp site.yaml ở thư mục gốc; `ngo new` tạo sẵn một tệp mẫu",
            ),
        );
        return Err(d);
    };
    let source = SourceFile::read(&site_dir.join(path), path).map_err(single)?;
    parse(&source)
}

/// Parses the text of `site.yaml`.
pub fn parse(source: &SourceFile) -> Result<Config, Diagnostics> {
    let node = yaml::parse_mapping(&source.text, &source.path, 1).map_err(single)?;
    let mut r = Reader::new(&source.path, 1);
    let map = node.as_mapping().expect("parse_mapping returns a mapping");
    r.check_keys(map, TOP_KEYS);
    let title = limits::required_text(&mut r, map, "title", map.span()).map(|s| s.value);
    let base_url = read_base_url(&mut r, map);
    let language =
        limits::text(&mut r, map, "language").map_or_else(|| "vi".to_string(), |s| s.value);
    let scope = read_scope(&mut r, map);
    let (hotline, email) = read_contact(&mut r, map);
    let (publish_phones, show_names, consent) = read_privacy(&mut r, map);
    let synonyms = read_synonyms(&mut r, map);
    let diagnostics = r.into_diagnostics();
    match title {
        Some(title) if diagnostics.is_empty() => Ok(Config {
            title,
            base_url,
            language,
            scope,
            hotline,
            email,
            publish_phones,
            show_names,
            consent,
            synonyms,
        }),
        _ => Err(diagnostics),
    }
}

fn read_base_url(r: &mut Reader, map: &MarkedMappingNode) -> BaseUrl {
    let default = BaseUrl {
        origin: None,
        path: "/".to_string(),
    };
    let Some(text) = limits::text(r, map, "base_url") else {
        return default;
    };
    BaseUrl::parse(&text.value).unwrap_or_else(|| {
        r.diagnostics.push(
            Diagnostic::new(
                text.location,
                format!("`base_url` không hợp lệ: \"{}\"", text.value),
            )
            .with_hint("dùng \"/\", \"/duong-dan/\" hoặc \"https://ten-mien/duong-dan/\""),
        );
        default
    })
}

fn read_scope(r: &mut Reader, map: &MarkedMappingNode) -> Option<Vec<u32>> {
    let scope = r.mapping(map, "scope")?;
    r.check_keys(scope, &["provinces"]);
    let mut codes = Vec::new();
    for item in r.string_list(scope, "provinces") {
        let unit = UnitRef::Name(&item.value);
        match units::official().resolve_province(unit) {
            Ok(p) => codes.push(p.code),
            Err(err) => {
                let mut d = Diagnostic::new(item.location, err.to_string());
                d.hint = err.hint();
                r.diagnostics.push(d);
            }
        }
    }
    Some(codes)
}

fn read_contact(r: &mut Reader, map: &MarkedMappingNode) -> (Option<String>, Option<String>) {
    let Some(contact) = r.mapping(map, "contact") else {
        return (None, None);
    };
    r.check_keys(contact, &["hotline", "email"]);
    let hotline = limits::text(r, contact, "hotline").map(|s| s.value);
    let email = limits::text(r, contact, "email").map(|s| s.value);
    (hotline, email)
}

const PRIVACY_KEYS: &[&str] = &[
    "publish_phones",
    "show_names",
    "require_consent_record",
    "renew_consent_after_months",
    "open_data_names",
    "contact",
];

fn read_privacy(r: &mut Reader, map: &MarkedMappingNode) -> (PhonePolicy, bool, ConsentPolicy) {
    let Some(privacy) = r.mapping(map, "privacy") else {
        return (PhonePolicy::Consent, true, ConsentPolicy::default());
    };
    r.check_keys(privacy, PRIVACY_KEYS);
    let policy = match r.string(privacy, "publish_phones") {
        None => PhonePolicy::Consent,
        Some(s) if s.value == "consent" => PhonePolicy::Consent,
        Some(s) if s.value == "none" => PhonePolicy::None,
        Some(s) => {
            r.diagnostics.push(
                Diagnostic::new(s.location, format!("`publish_phones` không hợp lệ: \"{}\"", s.value))
                    .with_hint("dùng `consent` (chỉ công bố số của người đã đồng ý) hoặc `none` (không công bố số nào)"),
            );
            PhonePolicy::Consent
        }
    };
    let show_names = r.bool(privacy, "show_names").is_none_or(|b| b.value);
    let consent = ConsentPolicy {
        require_record: r
            .bool(privacy, "require_consent_record")
            .is_some_and(|b| b.value),
        renew_after_months: read_renew_months(r, privacy),
        open_data_names: r.bool(privacy, "open_data_names").is_some_and(|b| b.value),
        contact: read_privacy_contact(r, privacy),
    };
    (policy, show_names, consent)
}

/// Whole months, at least one: a renewal age of zero would list every consent at once.
fn read_renew_months(r: &mut Reader, privacy: &MarkedMappingNode) -> u32 {
    let Some(months) = r.integer(privacy, "renew_consent_after_months") else {
        return DEFAULT_RENEW_MONTHS;
    };
    match u32::try_from(months.value) {
        Ok(m) if (1..=600).contains(&m) => m,
        _ => {
            r.diagnostics.push(
                Diagnostic::new(
                    months.location,
                    format!(
                        "`renew_consent_after_months` phải từ 1 đến 600 tháng, không phải {}",
                        months.value
                    ),
                )
                .with_hint(format!(
                    "ví dụ: renew_consent_after_months: {DEFAULT_RENEW_MONTHS} (hỏi lại sau hai năm)"
                )),
            );
            DEFAULT_RENEW_MONTHS
        }
    }
}

fn read_privacy_contact(r: &mut Reader, privacy: &MarkedMappingNode) -> PrivacyContact {
    let Some(contact) = r.mapping(privacy, "contact") else {
        return PrivacyContact::default();
    };
    r.check_keys(contact, &["office", "phone", "email", "address"]);
    let mut text = |key: &str, limit_key: &str| {
        let value = r.string(contact, key)?;
        limits::within(r, limit_key, value).map(|s| s.value)
    };
    PrivacyContact {
        office: text("office", "office"),
        phone: text("phone", "hotline"),
        email: text("email", "email"),
        address: text("address", "address"),
    }
}

fn read_synonyms(r: &mut Reader, map: &MarkedMappingNode) -> BTreeMap<String, Vec<String>> {
    let mut synonyms = BTreeMap::new();
    let Some(search) = r.mapping(map, "search") else {
        return synonyms;
    };
    r.check_keys(search, &["synonyms"]);
    let Some(table) = r.mapping(search, "synonyms") else {
        return synonyms;
    };
    for key in table.keys() {
        let words: Vec<String> = r
            .string_list(table, key.as_str())
            .into_iter()
            .filter_map(|s| limits::within(r, "synonym", s))
            .map(|s| s.value)
            .collect();
        if words.is_empty() {
            r.error(
                key.span(),
                format!("từ đồng nghĩa `{}` chưa có giá trị", key.as_str()),
            );
        }
        synonyms.insert(key.as_str().trim().to_lowercase(), words);
    }
    synonyms
}

fn single(d: Diagnostic) -> Diagnostics {
    std::iter::once(d).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let source = SourceFile::from_text("site.yaml", text).unwrap();
        parse(&source).map_err(Diagnostics::into_sorted)
    }

    #[test]
    fn minimal_site() {
        let c = config("title: Cổng thông tin\n").unwrap();
        assert_eq!(c.base_url.path, "/");
        assert_eq!(c.publish_phones, PhonePolicy::Consent);
        assert!(c.show_names);
        assert!(c.scope.is_none());
    }

    #[test]
    fn base_url_forms() {
        let b = BaseUrl::parse("https://cds.example.gov.vn/quang-ninh").unwrap();
        assert_eq!(b.origin.as_deref(), Some("https://cds.example.gov.vn"));
        assert_eq!(b.path, "/quang-ninh/");
        assert_eq!(
            b.absolute("huong-dan/"),
            "https://cds.example.gov.vn/quang-ninh/huong-dan/"
        );
        assert_eq!(BaseUrl::parse("/a/b/").unwrap().path, "/a/b/");
        assert!(BaseUrl::parse("a/b").is_none());
        assert!(BaseUrl::parse("/a/../b").is_none());
    }

    #[test]
    fn all_problems_at_once() {
        let errors = config(
            "title: T\nbase_url: nowhere\ntitel: x\nprivacy:\n  publish_phones: all\nscope:\n  provinces: [22, \"Không Có\"]\n",
        )
        .unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|d| d.location.line).collect();
        assert_eq!(lines, vec![2, 3, 5, 7], "{errors:#?}");
        assert_eq!(errors[1].hint.as_deref(), Some("có phải ý bạn là `title`?"));
    }

    #[test]
    fn privacy_settings_have_defaults_for_existing_sites() {
        let c = config("title: T\nprivacy:\n  publish_phones: consent\n").unwrap();
        assert_eq!(c.consent, ConsentPolicy::default());
        assert!(!c.consent.require_record);
        let c = config(
            "title: T\nprivacy:\n  require_consent_record: true\n  renew_consent_after_months: 12\n  open_data_names: true\n  contact:\n    office: \"UBND xã\"\n    phone: \"0203 3000 000\"\n",
        )
        .unwrap();
        assert!(c.consent.require_record && c.consent.open_data_names);
        assert_eq!(c.consent.renew_after_months, 12);
        assert_eq!(c.consent.contact.office.as_deref(), Some("UBND xã"));
    }

    #[test]
    fn bad_privacy_settings_are_refused_with_positions() {
        let errors = config(
            "title: T\nprivacy:\n  renew_consent_after_months: 0\n  contact:\n    ofice: x\n",
        )
        .unwrap_err();
        let found: Vec<(usize, &str)> = errors
            .iter()
            .map(|d| (d.location.line, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    3,
                    "`renew_consent_after_months` phải từ 1 đến 600 tháng, không phải 0"
                ),
                (5, "tên mục lạ `ofice`")
            ]
        );
    }

    #[test]
    fn a_huge_title_is_refused_with_the_limit() {
        let errors = config(&format!("title: \"{}\"\n", "x".repeat(5000))).unwrap_err();
        assert_eq!(errors[0].location, Location::new("site.yaml", 1, 8));
        assert_eq!(
            errors[0].message,
            "`title` quá dài: 5.000 ký tự, tối đa 200 ký tự"
        );
    }

    #[test]
    fn scope_accepts_codes_and_names() {
        let c = config("title: T\nscope:\n  provinces: [22, \"Tuyên Quang\"]\n").unwrap();
        assert_eq!(c.scope, Some(vec![22, 8]));
    }
}

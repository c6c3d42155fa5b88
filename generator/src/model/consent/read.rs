//! Reading a member's `public`, `consent` and `withdrawn` from a commune file, every problem
//! reported with its position.

use marked_yaml::types::MarkedMappingNode;
use marked_yaml::Span;

use super::{Consent, Covered, MemberConsent, Method, Record, CONSENT_KEYS};
use crate::config::Config;
use crate::date::Date;
use crate::diagnostics::{did_you_mean, Diagnostic, Location};
use crate::limits;
use crate::load::yaml::{Reader, Spanned};
use crate::text;

/// Reads `public`, `consent` and `withdrawn` of one member, reporting every problem.
pub fn read(
    r: &mut Reader,
    member: &MarkedMappingNode,
    config: &Config,
    today: Date,
) -> Option<MemberConsent> {
    let public = r.bool(member, "public");
    // Missing parts of a record are reported at its `consent:` key, where the editor looks.
    let key = member
        .keys()
        .find(|k| k.as_str() == "consent")
        .map(|k| *k.span());
    let record = r.mapping(member, "consent").map(|map| {
        let at = key.unwrap_or(*map.span());
        (read_record(r, map, &at, today), r.location(&at))
    });
    let withdrawn = r.date(member, "withdrawn").map(|d| d.value);
    let consent = match (&public, record) {
        (_, Some((Some(record), at))) => {
            check_public_agrees(r, public.as_ref(), &record, at);
            Consent::Recorded(record)
        }
        // A broken record has been reported; nothing is published from it.
        (_, Some((None, _))) => return None,
        (Some(p), None) if p.value => {
            if config.consent.require_record {
                refuse_bare(r, p.location.clone());
            }
            Consent::Bare
        }
        _ => Consent::None,
    };
    Some(MemberConsent { consent, withdrawn })
}

fn read_record(r: &mut Reader, map: &MarkedMappingNode, at: &Span, today: Date) -> Option<Record> {
    r.check_keys(map, CONSENT_KEYS);
    let missing = |key: &str, what: &str| format!("bản ghi đồng ý thiếu `{key}` ({what})");
    let covers = read_covers(r, map, at);
    let given = r.date(map, "given");
    if given.is_none() && map.get_node("given").is_none() {
        r.error_with_hint(
            at,
            missing("given", "ngày người này đồng ý"),
            "ví dụ: given: 2026-03-02",
        );
    }
    let given = given.and_then(|d| not_ahead(r, d, today));
    let method = read_method(r, map, at);
    let evidence = required(
        r,
        map,
        at,
        "evidence",
        "mã biên bản, số phiếu hoặc tên tệp xã đang lưu",
    );
    let collected_by = required(r, map, at, "collected_by", "người đã lấy ý kiến");
    Some(Record {
        covers: covers?,
        given: given?,
        method: method?,
        evidence: evidence?,
        collected_by: collected_by?,
    })
}

fn required(
    r: &mut Reader,
    map: &MarkedMappingNode,
    at: &Span,
    key: &str,
    what: &str,
) -> Option<String> {
    let value = limits::text(r, map, key);
    if value.is_none() && map.get_node(key).is_none() {
        r.error(at, format!("bản ghi đồng ý thiếu `{key}` ({what})"));
    }
    value.map(|s| s.value)
}

/// A consent cannot have been given on a day that has not come yet: the date is a typo.
fn not_ahead(r: &mut Reader, given: Spanned<Date>, today: Date) -> Option<Date> {
    if given.value <= today {
        return Some(given.value);
    }
    r.diagnostics.push(
        Diagnostic::new(
            given.location,
            format!(
                "ngày đồng ý {} chưa tới (hôm nay là {})",
                given.value.vietnamese(),
                today.vietnamese()
            ),
        )
        .with_hint("ghi ngày người này đã đồng ý; chưa đồng ý thì chưa ghi `consent`"),
    );
    None
}

/// `covers: [phone, zalo, name]`, or a single word; at least one, each known, Zalo only with
/// the phone (the Zalo button opens a chat on that number, so it would show the number).
fn read_covers(r: &mut Reader, map: &MarkedMappingNode, record: &Span) -> Option<Vec<Covered>> {
    let items = r.string_list(map, "covers");
    if items.is_empty() {
        let at = map.get_node("covers").map_or(record, |n| n.span());
        r.error_with_hint(
            at,
            "bản ghi đồng ý thiếu `covers` (người này đồng ý công khai những gì)",
            "ví dụ: covers: [phone, zalo, name]",
        );
        return None;
    }
    let mut covers = Vec::new();
    let mut ok = true;
    for item in items {
        match Covered::parse(&item.value) {
            Some(c) if !covers.contains(&c) => covers.push(c),
            Some(_) => {}
            None => {
                ok = false;
                push_unknown(r, &item, "covers", &Covered::keys());
            }
        }
    }
    if covers.contains(&Covered::Zalo) && !covers.contains(&Covered::Phone) {
        let at = map.get_node("covers").map_or(record, |n| n.span());
        r.error_with_hint(
            at,
            "`covers` có `zalo` mà không có `phone`: nút Zalo mở đúng số điện thoại này",
            "thêm `phone` nếu người này đồng ý công khai số, hoặc bỏ `zalo`",
        );
        ok = false;
    }
    covers.sort();
    ok.then_some(covers)
}

fn read_method(r: &mut Reader, map: &MarkedMappingNode, at: &Span) -> Option<Method> {
    let Some(value) = limits::text(r, map, "method") else {
        if map.get_node("method").is_none() {
            r.error_with_hint(
                at,
                "bản ghi đồng ý thiếu `method` (đồng ý bằng cách nào)",
                "dùng một trong: paper (phiếu giấy), message (tin nhắn), recording (ghi âm), digital (điện tử)",
            );
        }
        return None;
    };
    let method = Method::parse(&value.value);
    if method.is_none() {
        push_unknown(r, &value, "method", &Method::keys());
    }
    method
}

fn push_unknown(r: &mut Reader, value: &Spanned<String>, key: &str, keys: &[&str]) {
    let hint = match did_you_mean(&text::fold(&value.value), keys) {
        Some(close) => format!("có phải ý bạn là `{close}`?"),
        None => format!("dùng một trong: {}", keys.join(", ")),
    };
    r.diagnostics.push(
        Diagnostic::new(
            value.location.clone(),
            format!("`{key}` không hợp lệ: \"{}\"", value.value),
        )
        .with_hint(hint),
    );
}

/// `public:` beside a record must say the same thing about the phone.
fn check_public_agrees(
    r: &mut Reader,
    public: Option<&Spanned<bool>>,
    record: &Record,
    record_at: Location,
) {
    let Some(public) = public else { return };
    let covers_phone = record.covers.contains(&Covered::Phone);
    if public.value == covers_phone {
        return;
    }
    let (message, hint) = if public.value {
        (
            "`public: true` nhưng bản ghi đồng ý không có `phone` trong `covers`",
            "thêm `phone` vào `covers` nếu người này đồng ý công khai số; nếu không, bỏ `public: true`",
        )
    } else {
        (
            "`public: false` nhưng bản ghi đồng ý có `phone` trong `covers`",
            "bỏ dòng `public: false` (bản ghi đồng ý đã đủ), hoặc bỏ `phone` khỏi `covers`",
        )
    };
    r.diagnostics.push(
        Diagnostic::new(public.location.clone(), message)
            .with_hint(format!("{hint} (bản ghi đồng ý ở dòng {})", record_at.line)),
    );
}

fn refuse_bare(r: &mut Reader, at: Location) {
    r.diagnostics.push(
        Diagnostic::new(
            at,
            "`public: true` thiếu bản ghi đồng ý: trang này yêu cầu ghi rõ người này đồng ý công khai gì, khi nào, bằng cách nào",
        )
        .with_hint(
            "thay bằng consent: {covers: [phone], given: 2026-03-02, method: paper, evidence: \"số phiếu\", collected_by: \"người lấy ý kiến\"}; \
             hoặc đặt privacy.require_consent_record: false trong site.yaml",
        ),
    );
}

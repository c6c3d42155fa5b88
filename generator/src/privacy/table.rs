//! The privacy report as an editor reads it in a terminal: a table of counts, the effect of the
//! site's settings in sentences, then what to do, file by file.

use std::collections::BTreeMap;

use super::{Counts, Entry, PrivacyReport, Withdrawal};
use crate::config::PhonePolicy;

const HEADERS: [&str; 12] = [
    "Tỉnh/thành",
    "Xã/phường",
    "Tổ",
    "Thành viên",
    "Số công bố",
    "Có số, chưa đồng ý",
    "Số giữ kín",
    "Ẩn tên",
    "Có bản ghi",
    "Thiếu bản ghi",
    "Đã rút",
    "Cần hỏi lại",
];

/// The report as a table, with the policy's effect and the to-do lists below it.
pub fn render_table(report: &PrivacyReport) -> String {
    let mut rows: Vec<[String; 12]> = report
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
    out.push_str(&to_do(report));
    out
}

fn cells(province: &str, commune: &str, c: &Counts) -> [String; 12] {
    [
        province.to_string(),
        commune.to_string(),
        c.teams.to_string(),
        c.members.to_string(),
        c.published.to_string(),
        c.phone_without_consent.to_string(),
        c.withheld.to_string(),
        c.hidden_names.to_string(),
        c.recorded.to_string(),
        c.bare.to_string(),
        c.withdrawn.to_string(),
        c.to_renew.to_string(),
    ]
}

/// Names are left-aligned, numbers right-aligned.
fn push_row(out: &mut String, row: &[String; 12], widths: &[usize]) {
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

/// What the privacy settings change, in sentences.
fn effect(report: &PrivacyReport) -> String {
    let t = &report.total;
    let mut lines = Vec::new();
    match report.publish_phones {
        PhonePolicy::Consent => lines.push(format!(
            "publish_phones: consent — chỉ công bố số của thành viên đã đồng ý (bản ghi `consent:` có `phone`, hoặc `public: true`): \
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
            "show_names: true — tên thành viên chưa có bản ghi đồng ý vẫn được hiển thị; người có bản ghi chỉ hiện tên khi bản ghi có `name`."
                .to_string(),
        );
    } else {
        lines.push(format!(
            "show_names: false — chỉ hiện tên người đồng ý công khai tên; {} thành viên chỉ hiện vai trò.",
            t.hidden_names
        ));
    }
    lines.push(if report.require_consent_record {
        "require_consent_record: true — `public: true` không kèm bản ghi đồng ý bị từ chối.".to_string()
    } else {
        "require_consent_record: false — vẫn nhận `public: true` không kèm bản ghi (trang cũ); nên bổ sung bản ghi `consent:`.".to_string()
    });
    if t.phone_without_consent > 0 {
        lines.push(format!(
            "{} thành viên có số điện thoại nhưng chưa đồng ý công khai số: số của họ không xuất hiện ở đâu cả.",
            t.phone_without_consent
        ));
    }
    lines.join("\n") + "\n"
}

/// The three to-do lists, each only when it has something in it.
fn to_do(report: &PrivacyReport) -> String {
    let mut out = String::new();
    if !report.lacking_record.is_empty() {
        out.push_str(&format!(
            "\nCông bố số theo `public: true` nhưng chưa có bản ghi đồng ý ({} người): hãy lấy ý kiến và ghi `consent:` (phạm vi, ngày, hình thức, mã minh chứng, người lấy ý kiến).\n",
            report.lacking_record.len()
        ));
        out.push_str(&by_file(&report.lacking_record));
    }
    if !report.withdrawals.is_empty() {
        out.push_str(&format!(
            "\nĐã rút đồng ý ({} người): bản dựng này không còn thông tin của họ; hãy đưa bản dựng lên mạng trước hạn (15 ngày kể từ ngày rút).\n",
            report.withdrawals.len()
        ));
        for w in &report.withdrawals {
            out.push_str(&format!("  {}\n", withdrawal_line(w, report)));
        }
    }
    if !report.renewals.is_empty() {
        out.push_str(&format!(
            "\nĐồng ý đã quá {} tháng, nên hỏi lại ({} người):\n",
            report.renew_after_months,
            report.renewals.len()
        ));
        for r in &report.renewals {
            out.push_str(&format!(
                "  {}: đồng ý ngày {}\n",
                place(&r.member),
                r.given.vietnamese()
            ));
        }
    }
    out
}

/// `teams/a.yaml: dòng 14, 22, 31`: one line per file, however many members it has.
fn by_file(entries: &[Entry]) -> String {
    let mut files: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for e in entries {
        files.entry(&e.file).or_default().push(e.line.to_string());
    }
    files
        .iter()
        .map(|(file, lines)| format!("  {file}: dòng {}\n", lines.join(", ")))
        .collect()
}

/// `teams/a.yaml:14:9 Thôn Khe Cát, Tổ phó`.
fn place(e: &Entry) -> String {
    let role = e
        .role
        .as_deref()
        .map(|r| format!(", {r}"))
        .unwrap_or_default();
    format!("{}:{}:{} {}{role}", e.file, e.line, e.column, e.hamlet)
}

fn withdrawal_line(w: &Withdrawal, report: &PrivacyReport) -> String {
    let status = match w.days_left {
        d if d < 0 => format!("quá hạn {} ngày", -d),
        0 => "hạn là hôm nay".to_string(),
        d => format!("còn {d} ngày"),
    };
    let mut line = format!(
        "{}: rút ngày {}, hạn gỡ khỏi cổng {} ({status})",
        place(&w.member),
        w.withdrawn.vietnamese(),
        w.deadline.vietnamese()
    );
    if w.dated_ahead {
        line.push_str(&format!(
            "; lưu ý: ngày rút sau hôm nay ({}), có thể ghi nhầm — thông tin vẫn được gỡ ngay",
            report.today.vietnamese()
        ));
    }
    if let Some(given) = w.before_consent {
        line.push_str(&format!(
            "; lưu ý: ngày rút trước ngày đồng ý ({}) — nếu người này đã đồng ý lại, xóa `withdrawn` và ghi bản đồng ý mới; đến lúc đó thông tin vẫn được gỡ",
            given.vietnamese()
        ));
    }
    line
}

//! Members' data under the 2026 law: `ngo check --privacy`, consent records and withdrawals, the
//! byte scan of built sites for data that must not appear, the caller check and removal pages,
//! and every refusal with its position.

use std::path::Path;
use std::process::Command;

use ngo_tests::phone_scan::{members_in_content, phones_in_content, scan, teams_per_data_file};
use ngo_tests::{copy_tree, files_under, ngo, ngo_binary, repo_root, snapshot, write_files, Run};

/// The minimal fixture: three members with phones, two of whom consented (bare `public: true`).
/// Narrowed to its one province so each build renders a few dozen pages, not the whole country.
fn fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("tests/fixtures/minimal"), tmp.path());
    let config = std::fs::read_to_string(tmp.path().join("site.yaml")).unwrap();
    let (head, _) = config.split_once("privacy:").unwrap();
    write_files(
        tmp.path(),
        &[(
            "site.yaml",
            &format!("{head}scope:\n  provinces: [22]\nprivacy:\n  publish_phones: consent\n"),
        )],
    );
    tmp
}

fn with_privacy(site: &Path, privacy: &str) {
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    let kept: String = yaml
        .split_inclusive('\n')
        .take_while(|l| !l.starts_with("privacy:"))
        .collect();
    write_files(
        site,
        &[("site.yaml", &format!("{kept}privacy:\n{privacy}"))],
    );
}

const COMMUNE: &str = "teams/quang-ninh/quang-la.yaml";

/// A commune file with every kind of consent: a bare `public: true` (line 7), no consent
/// (line 12), a complete record from 2024 (line 15), a record then a withdrawal (line 25), and a
/// leader without consent whose deputy consented (second team, lines 37 and 40).
const CONSENTS: &str = r#"province: 22
commune: 7054
updated: 2026-10-01
teams:
  - hamlet: "Thôn Khe Cát"
    members:
      - name: "Nguyễn Văn An"
        role: "Tổ trưởng"
        phone: "0912 000 101"
        zalo: true
        public: true
      - name: "Trần Thị Bình"
        role: "Thành viên"
        phone: "0912 000 102"
      - name: "Phạm Văn Dũng"
        role: "Tổ phó"
        phone: "0912 000 104"
        zalo: true
        consent:
          covers: [phone, zalo, name]
          given: 2024-06-01
          method: paper
          evidence: "QL-2024-01"
          collected_by: "Lê Thị Hoa"
      - name: "Vương Thị Khuê"
        role: "Đoàn viên thanh niên"
        phone: "0912 000 105"
        consent:
          covers: [phone, name]
          given: 2026-02-01
          method: message
          evidence: "QL-2026-02"
          collected_by: "Lê Thị Hoa"
        withdrawn: 2026-11-20
  - hamlet: "Thôn Đồng Mụ"
    members:
      - name: "Lê Văn Cường"
        role: "Tổ trưởng"
        phone: "+84 987 000 103"
      - name: "Hà Thị Duyên"
        role: "Tổ phó"
        phone: "0987 000 106"
        consent:
          covers: [phone, name]
          given: 2026-03-01
          method: digital
          evidence: "VNeID-01"
          collected_by: "Hà Thị Duyên"
"#;

/// Seconds since 1970 of a day in Vietnam, for `SOURCE_DATE_EPOCH`.
fn epoch_of(date: &str) -> String {
    let day = ngo::date::Date::parse(date).unwrap().days();
    (day * 86_400).to_string()
}

/// Runs `ngo` with "today" fixed to `date`.
fn ngo_on(day: &str, dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(ngo_binary())
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", epoch_of(day))
        .output()
        .expect("ngo starts");
    Run { output }
}

fn json_report(site: &Path) -> serde_json::Value {
    let out = ngo_on("2026-12-01", site, &["check", "--privacy", "--json", "."])
        .ok()
        .stdout();
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// The numbers of a table row.
fn numbers(row: &str) -> Vec<&str> {
    row.split('|').skip(2).map(str::trim).collect()
}

#[test]
fn table_lists_each_commune_and_the_total() {
    let site = fixture();
    let out = ngo(site.path(), &["check", "--privacy", "."]).ok().stdout();
    let header = out.lines().next().unwrap();
    for column in [
        "Tỉnh/thành",
        "Xã/phường",
        "Tổ",
        "Thành viên",
        "Số công bố",
        "Có bản ghi",
        "Thiếu bản ghi",
        "Đã rút",
        "Cần hỏi lại",
    ] {
        assert!(header.contains(column), "{out}");
    }
    let row = out
        .lines()
        .find(|l| l.contains("Xã Quảng La"))
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(
        numbers(row),
        ["2", "3", "2", "1", "1", "0", "0", "2", "0", "0"],
        "{out}"
    );
    assert!(row.starts_with("Tỉnh Quảng Ninh"), "{out}");
    let total = out.lines().find(|l| l.starts_with("Tổng cộng")).unwrap();
    assert_eq!(numbers(total), numbers(row), "{out}");
    assert!(out.contains("publish_phones: consent"), "{out}");
    assert!(out.contains("2 số được công bố, 1 số giữ kín"), "{out}");
    assert!(
        out.contains("Công bố số theo `public: true` nhưng chưa có bản ghi đồng ý (2 người)"),
        "{out}"
    );
    assert!(
        out.contains("  teams/quang-ninh/quang-la.yaml: dòng 10, 21\n"),
        "{out}"
    );
}

#[test]
fn the_to_do_lists_give_deadlines_renewals_and_missing_records() {
    let site = fixture();
    write_files(site.path(), &[(COMMUNE, CONSENTS)]);
    let out = ngo_on("2026-12-01", site.path(), &["check", "--privacy", "."])
        .ok()
        .stdout();
    let row = out.lines().find(|l| l.contains("Xã Quảng La")).unwrap();
    // Six members (the withdrawn one included): three phones published, two without consent,
    // three withheld (with the withdrawn one's), two records, one bare, one withdrawn, one old.
    assert_eq!(
        numbers(row),
        ["2", "6", "3", "2", "3", "0", "2", "1", "1", "1"],
        "{out}"
    );
    assert!(
        out.contains("  teams/quang-ninh/quang-la.yaml: dòng 7\n"),
        "the bare public: true: {out}"
    );
    assert!(
        out.contains("  teams/quang-ninh/quang-la.yaml:25:9 Thôn Khe Cát, Đoàn viên thanh niên: rút ngày 20/11/2026, hạn gỡ khỏi cổng 05/12/2026 (còn 4 ngày)"),
        "{out}"
    );
    assert!(
        out.contains("Đồng ý đã quá 24 tháng, nên hỏi lại (1 người):\n  teams/quang-ninh/quang-la.yaml:15:9 Thôn Khe Cát, Tổ phó: đồng ý ngày 01/06/2024"),
        "{out}"
    );
    let late = ngo_on("2026-12-10", site.path(), &["check", "--privacy", "."])
        .ok()
        .stdout();
    assert!(late.contains("(quá hạn 5 ngày)"), "{late}");

    let json = json_report(site.path());
    assert_eq!(json["today"], "2026-12-01");
    assert_eq!(json["withdrawals"][0]["deadline"], "2026-12-05");
    assert_eq!(json["withdrawals"][0]["days_left"], 4);
    assert_eq!(json["withdrawals"][0]["line"], 25);
    assert_eq!(json["renewals"][0]["given"], "2024-06-01");
    assert_eq!(json["lacking_record"][0]["line"], 7);
    assert_eq!(json["total"]["withdrawn"], 1);
    assert_eq!(json["total"]["recorded"], 2);
}

#[test]
fn odd_withdrawal_dates_are_pointed_out_and_the_member_is_removed_anyway() {
    let site = fixture();
    let ahead = CONSENTS.replace("withdrawn: 2026-11-20", "withdrawn: 2027-11-20");
    write_files(site.path(), &[(COMMUNE, &ahead)]);
    let out = ngo_on("2026-12-01", site.path(), &["check", "--privacy", "."])
        .ok()
        .stdout();
    assert!(
        out.contains(
            "ngày rút sau hôm nay (01/12/2026), có thể ghi nhầm — thông tin vẫn được gỡ ngay"
        ),
        "{out}"
    );
    let before = CONSENTS.replace("withdrawn: 2026-11-20", "withdrawn: 2026-01-20");
    assert!(
        before.contains("- name: \"Vương Thị Khuê\"\n        role: \"Đoàn viên thanh niên\"\n        phone: \"0912 000 105\"\n        consent:\n          covers: [phone, name]"),
        "the file built holds her, with a consent that would publish her"
    );
    write_files(site.path(), &[(COMMUNE, &before)]);
    let out = ngo_on("2026-12-01", site.path(), &["check", "--privacy", "."])
        .ok()
        .stdout();
    assert!(
        out.contains("ngày rút trước ngày đồng ý (01/02/2026)"),
        "{out}"
    );
    ngo_on("2026-12-01", site.path(), &["build", ".", "-o", "out"]).ok();
    let page = std::fs::read_to_string(
        site.path()
            .join("out/quang-ninh/xa-quang-la/thon-khe-cat/index.html"),
    )
    .unwrap();
    assert!(
        page.contains("Phạm Văn Dũng"),
        "the page is the one to look at"
    );
    assert!(
        !page.contains("Vương Thị Khuê"),
        "withdrawn whatever the date"
    );
}

#[test]
fn the_report_names_no_person_and_no_number() {
    let site = fixture();
    write_files(site.path(), &[(COMMUNE, CONSENTS)]);
    let table = ngo_on("2026-12-01", site.path(), &["check", "--privacy", "."])
        .ok()
        .stdout();
    let json = json_report(site.path()).to_string();
    let secrets = [
        "Trần Thị Bình",
        "Vương Thị Khuê",
        "Phạm Văn Dũng",
        "0912 000 102",
        "0912 000 105",
        "QL-2024-01",
    ];
    for secret in secrets {
        assert!(CONSENTS.contains(secret), "{secret} is in the file");
        assert!(
            !table.contains(secret) && !json.contains(secret),
            "{secret} in the report"
        );
    }
}

#[test]
fn json_counts_follow_the_policy() {
    let site = fixture();
    let open = json_report(site.path());
    assert_eq!(open["publish_phones"], "consent");
    assert_eq!(open["total"]["published"], 2);
    assert_eq!(open["total"]["withheld"], 1);
    assert_eq!(open["total"]["phone_without_consent"], 1);
    assert_eq!(open["total"]["bare"], 2);
    assert_eq!(open["communes"][0]["code"], 7054);
    assert_eq!(
        open["communes"][0]["file"],
        "teams/quang-ninh/quang-la.yaml"
    );

    with_privacy(site.path(), "  publish_phones: none\n  show_names: false\n");
    let closed = json_report(site.path());
    assert_eq!(closed["publish_phones"], "none");
    assert_eq!(closed["show_names"], false);
    let total = &closed["total"];
    assert_eq!(total["published"], 0);
    assert_eq!(total["withheld"], 3);
    assert_eq!(total["consented"], 2);
    assert_eq!(total["phone_without_consent"], 1);
    assert_eq!(total["hidden_names"], 1);
    let table = ngo(site.path(), &["check", "--privacy", "."]).ok().stdout();
    assert!(table.contains("publish_phones: none"), "{table}");
    assert!(table.contains("cả 2 số của người đã đồng ý"), "{table}");
    assert!(
        table.contains("show_names: false — chỉ hiện tên người đồng ý công khai tên; 1 thành viên"),
        "{table}"
    );
}

#[test]
fn broken_content_fails_with_positions() {
    let site = fixture();
    write_files(
        site.path(),
        &[(
            COMMUNE,
            "province: 22\ncommune: 7054\nteams:\n  - hamlet: \"Thôn A\"\n    kind: thôn\n    members:\n      - name: A\n        phone: \"12\"\n",
        )],
    );
    let err = ngo(site.path(), &["check", "--privacy", "."])
        .failed()
        .stderr();
    assert!(
        err.contains("teams/quang-ninh/quang-la.yaml:8:16: lỗi: số điện thoại không hợp lệ"),
        "{err}"
    );
}

#[test]
fn json_needs_privacy() {
    let site = fixture();
    ngo(site.path(), &["check", "--json", "."]).failed();
}

#[test]
fn built_site_holds_only_consented_phones() {
    let site = fixture();
    let (public, private) = phones_in_content(site.path());
    assert_eq!((public.len(), private.len()), (2, 1));
    ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    let found = scan(&site.path().join("out"), &private);
    assert!(
        found.hits.is_empty(),
        "private phone in output: {:?}",
        found.hits
    );
    let control = scan(&site.path().join("out"), &public);
    for number in &public {
        assert!(
            control.seen.contains_key(number),
            "public {number} missing: the scan cannot see"
        );
        // Search files hold no readable number: a published one is found through the
        // national phone list (digests), as the caller check finds it.
        assert!(
            !control
                .hits
                .iter()
                .any(|h| &h.number == number && h.file.starts_with("search/")),
            "public {number} readable in a search file"
        );
        let found = ngo(site.path(), &["search", "--site", "out", "--json", number]).ok();
        assert!(
            found.stdout().contains("\"kind\": \"team\""),
            "public {number} not found by the phone list: {}",
            found.stdout()
        );
    }
}

#[test]
fn publish_phones_none_leaves_no_phone_anywhere() {
    let site = fixture();
    with_privacy(site.path(), "  publish_phones: none\n");
    let (public, private) = phones_in_content(site.path());
    // Two members consented: without the policy their phones would be published.
    assert_eq!((public.len(), private.len()), (2, 1));
    ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    let out = site.path().join("out");
    let team = std::fs::read_to_string(out.join("quang-ninh/xa-quang-la/thon-khe-cat/index.html"))
        .unwrap();
    assert!(
        team.contains("Nguyễn Văn An"),
        "the consenting member is on the page, only without a phone"
    );
    let all: Vec<String> = public.into_iter().chain(private).collect();
    let found = scan(&out, &all);
    assert!(found.files > 10, "scanned {} files", found.files);
    assert!(found.hits.is_empty(), "phone in output: {:?}", found.hits);
}

/// Every file under `dir` (and the parsed commune files kept beside it) holding `needle`.
fn files_with(dir: &Path, needle: &str) -> Vec<String> {
    let mut found: Vec<String> = files_under(dir)
        .into_iter()
        .filter(|f| {
            let bytes = std::fs::read(dir.join(f)).unwrap();
            bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
        })
        .collect();
    let beside = dir.with_file_name(".out.ngo-parsed");
    if std::fs::read_to_string(&beside).is_ok_and(|t| t.contains(needle)) {
        found.push(".out.ngo-parsed".into());
    }
    found
}

/// The words the search shards index, one a line. The national list of hamlets holds hamlet
/// and place names only, as plain strings that `files_with` already reads.
fn shard_terms(out: &Path) -> Vec<String> {
    files_under(out)
        .into_iter()
        .filter(|f| {
            f.ends_with(".shard") && !f.rsplit('/').next().unwrap_or(f).starts_with("hamlets.")
        })
        .flat_map(|f| {
            let bytes = std::fs::read(out.join(&f)).unwrap();
            ngo_search::Shard::open(&bytes)
                .unwrap()
                .indexed_terms()
                .unwrap()
        })
        .collect()
}

#[test]
fn a_withdrawal_removes_the_member_from_every_output_byte_on_the_next_build() {
    let site = fixture();
    let consenting = CONSENTS.replace("        withdrawn: 2026-11-20\n", "");
    write_files(site.path(), &[(COMMUNE, &consenting)]);
    ngo_on("2026-12-01", site.path(), &["build", ".", "-o", "out"]).ok();
    let out = site.path().join("out");
    let (name, phone) = ("Vương Thị Khuê", "0912000105");
    // Before: the member is published, so each check below can fail.
    let before = files_with(&out, name);
    for file in [
        "quang-ninh/xa-quang-la/thon-khe-cat/index.html",
        "quang-ninh/xa-quang-la/thon-khe-cat/to.vcf",
    ] {
        assert!(
            before.contains(&file.to_string()),
            "{name} not in {file}: {before:?}"
        );
    }
    assert!(before.contains(&".out.ngo-parsed".to_string()));
    let by_phone = |out: &str| {
        ngo(site.path(), &["search", "--site", out, "--json", phone])
            .ok()
            .stdout()
    };
    assert!(
        by_phone("out").contains("thon-khe-cat"),
        "her phone finds her team"
    );
    assert!(
        shard_terms(&out).iter().any(|t| t == "khue"),
        "her name is searchable"
    );
    let worker = std::fs::read_to_string(out.join("sw.js")).unwrap();

    write_files(site.path(), &[(COMMUNE, CONSENTS)]);
    ngo_on("2026-12-01", site.path(), &["build", ".", "-o", "out"]).ok();
    assert_eq!(files_with(&out, name), Vec::<String>::new());
    let found = scan(&out, &[phone.to_string()]);
    assert!(
        found.files > 10 && found.hits.is_empty(),
        "{:?}",
        found.hits
    );
    assert!(!shard_terms(&out).iter().any(|t| t == "khue"));
    assert!(
        !by_phone("out").contains("thon-khe-cat"),
        "her phone no longer finds her team"
    );
    let members = files_with(&out, "Phạm Văn Dũng");
    assert!(
        members
            .iter()
            .any(|f| f.ends_with("thon-khe-cat/index.html")),
        "the team is still there"
    );
    assert_ne!(
        std::fs::read_to_string(out.join("sw.js")).unwrap(),
        worker,
        "a new worker version replaces the pages phones saved"
    );
}

#[test]
fn a_commune_card_offers_one_number_the_first_consenting_member_when_the_leader_has_not() {
    let site = fixture();
    write_files(site.path(), &[(COMMUNE, CONSENTS)]);
    ngo_on("2026-12-01", site.path(), &["build", ".", "-o", "out"]).ok();
    let html =
        std::fs::read_to_string(site.path().join("out/quang-ninh/xa-quang-la/index.html")).unwrap();
    let cards: Vec<&str> = html
        .split("<li class=\"card team-card\">")
        .skip(1)
        .map(|card| card.split("</li>").next().unwrap())
        .collect();
    assert_eq!(cards.len(), 2);
    for card in &cards {
        let mut numbers: Vec<&str> = card
            .split("href=\"tel:")
            .skip(1)
            .map(|p| p.split('"').next().unwrap())
            .collect();
        numbers.dedup();
        assert_eq!(numbers.len(), 1, "one number per card: {card}");
    }
    assert!(cards[0].contains("Tổ trưởng: <strong>Nguyễn Văn An</strong>"));
    assert!(cards[0].contains("tel:+84912000101"));
    let dong_mu = cards[1];
    assert!(
        dong_mu.contains("Tổ trưởng: <strong>Lê Văn Cường</strong>"),
        "{dong_mu}"
    );
    assert!(
        dong_mu.contains("Liên hệ: <strong>Hà Thị Duyên</strong>, tổ phó"),
        "{dong_mu}"
    );
    assert!(dong_mu.contains("tel:+84987000106") && !dong_mu.contains("987000103"));
}

#[test]
fn no_data_file_holds_the_phones_of_more_than_one_team() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("content"), &tmp.path().join("site"));
    ngo(tmp.path(), &["build", "site", "-o", "out", "-q"]).ok();
    let members = members_in_content(&tmp.path().join("site"));
    let phones: Vec<String> = members.iter().filter_map(|m| m.phone.clone()).collect();
    let found = scan(&tmp.path().join("out"), &phones);
    let files = teams_per_data_file(&found, &members);
    let vcards = files.keys().filter(|f| f.ends_with("/to.vcf")).count();
    assert!(vcards > 30, "the scan sees the vCards: {files:?}");
    for (file, teams) in &files {
        assert_eq!(teams.len(), 1, "{file} holds phones of {teams:?}");
        assert!(file.ends_with("/to.vcf"), "a phone in {file}");
    }
    for open_data in [
        "du-lieu-mo/to-cong-nghe-so.json",
        "du-lieu-mo/to-cong-nghe-so.csv",
    ] {
        assert!(
            found.hits.iter().all(|h| h.file != open_data),
            "a phone in {open_data}"
        );
    }
}

#[test]
fn the_caller_check_and_removal_pages_and_the_line_on_every_team_page() {
    let site = fixture();
    ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    let out = site.path().join("out");
    let check = std::fs::read_to_string(out.join("kiem-tra-so-dien-thoai/index.html")).unwrap();
    for part in [
        "<form class=\"search-form caller-check\" action=\"/kiem-tra-so-dien-thoai/\" method=\"get\">",
        "name=\"so\" type=\"tel\" inputmode=\"tel\"",
        "<div id=\"ket-qua-kiem-tra\" class=\"search-status\" role=\"status\" aria-live=\"polite\"></div>",
        "<p class=\"notice caller-check-fallback\">Nếu ô kiểm tra không trả lời được",
        "href=\"/#chon-tinh\"",
        "Không bao giờ đọc mã OTP, mật khẩu",
        "<a href=\"tel:156\">156</a>",
        "khonggianmang.vn",
    ] {
        assert!(check.contains(part), "{part}: {check}");
    }
    let removal = std::fs::read_to_string(out.join("go-thong-tin/index.html")).unwrap();
    assert!(
        removal.contains("<a href=\"tel:02033000000\">0203 3000 000</a>"),
        "falls back to contact: {removal}"
    );
    assert!(removal.contains("<strong>15 ngày</strong>"));
    let teams: Vec<String> = files_under(&out)
        .into_iter()
        .filter(|f| f.starts_with("quang-ninh/xa-quang-la/thon-") && f.ends_with("index.html"))
        .collect();
    assert_eq!(teams.len(), 2);
    for team in teams.iter().chain([
        &"index.html".to_string(),
        &"huong-dan/index.html".to_string(),
    ]) {
        let html = std::fs::read_to_string(out.join(team)).unwrap();
        assert!(html.contains("href=\"/kiem-tra-so-dien-thoai/\""), "{team}");
        assert!(html.contains("href=\"/go-thong-tin/\""), "{team}");
    }
    for team in &teams {
        let html = std::fs::read_to_string(out.join(team)).unwrap();
        assert_eq!(
            html.matches("Tổ không bao giờ hỏi mã OTP, mật khẩu hay yêu cầu chuyển tiền.")
                .count(),
            1,
            "{team}"
        );
    }

    with_privacy(
        site.path(),
        "  publish_phones: consent\n  contact:\n    office: \"Văn phòng UBND xã Quảng La\"\n    email: \"vanphong@example.gov.vn\"\n",
    );
    ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    let removal = std::fs::read_to_string(out.join("go-thong-tin/index.html")).unwrap();
    assert!(removal.contains("<strong>Văn phòng UBND xã Quảng La</strong>"));
    assert!(removal.contains("mailto:vanphong@example.gov.vn"));
}

// ---------------------------------------------------------------- refusals

/// The problems `ngo check` prints, each `file:line:col: lỗi: message`.
fn refusals(site: &Path) -> String {
    ngo_on("2026-12-01", site, &["check", "."])
        .failed()
        .stderr()
}

#[test]
fn a_site_that_requires_records_refuses_a_bare_public_with_its_position() {
    let site = fixture();
    with_privacy(
        site.path(),
        "  publish_phones: consent\n  require_consent_record: true\n",
    );
    let err = refusals(site.path());
    assert!(err.contains("teams/quang-ninh/quang-la.yaml:14:17: lỗi: `public: true` thiếu bản ghi đồng ý: trang này yêu cầu ghi rõ người này đồng ý công khai gì, khi nào, bằng cách nào"), "{err}");
    assert!(
        err.contains(
            "teams/quang-ninh/quang-la.yaml:24:17: lỗi: `public: true` thiếu bản ghi đồng ý"
        ),
        "{err}"
    );
    assert!(err.contains("gợi ý: thay bằng consent:"), "{err}");
}

#[test]
fn bad_records_and_dates_are_refused_all_at_once_with_positions() {
    let site = fixture();
    let bad = CONSENTS
        .replace("given: 2024-06-01", "given: 2027-06-01")
        .replace("          evidence: \"QL-2026-02\"\n", "")
        .replace("method: digital", "method: điện thoại")
        .replace("        phone: \"0912 000 102\"\n", "        phone: \"0912 000 102\"\n        public: false\n        consent:\n          covers: [phone]\n          given: 2026-01-01\n          method: paper\n          evidence: \"X\"\n          collected_by: \"Y\"\n");
    write_files(site.path(), &[(COMMUNE, &bad)]);
    let err = refusals(site.path());
    for expected in [
        "teams/quang-ninh/quang-la.yaml:15:17: lỗi: `public: false` nhưng bản ghi đồng ý có `phone` trong `covers`",
        "teams/quang-ninh/quang-la.yaml:28:18: lỗi: ngày đồng ý 01/06/2027 chưa tới (hôm nay là 01/12/2026)",
        "teams/quang-ninh/quang-la.yaml:35:9: lỗi: bản ghi đồng ý thiếu `evidence` (mã biên bản, số phiếu hoặc tên tệp xã đang lưu)",
        "teams/quang-ninh/quang-la.yaml:52:19: lỗi: `method` không hợp lệ: \"điện thoại\"",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    assert!(err.contains("Có 4 lỗi trong 1 tệp"), "{err}");
}

#[test]
fn a_five_megabyte_name_is_refused_and_the_last_build_stays() {
    let site = fixture();
    ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    let before = snapshot(&site.path().join("out"));
    let text = std::fs::read_to_string(site.path().join(COMMUNE)).unwrap();
    let huge = "Nguyễn ".repeat(5 * 1024 * 1024 / 7);
    let huge = huge.trim_end();
    write_files(
        site.path(),
        &[(
            COMMUNE,
            &text.replace("\"Trần Thị Bình\"", &format!("\"{huge}\"")),
        )],
    );
    let err = ngo(site.path(), &["build", ".", "-o", "out"])
        .failed()
        .stderr();
    let chars = huge.chars().count();
    let expected = format!(
        "teams/quang-ninh/quang-la.yaml:15:15: lỗi: `name` quá dài: {} ký tự, tối đa 100 ký tự",
        group_thousands(chars)
    );
    assert!(
        err.contains(&expected),
        "{expected}\n{}",
        &err[..err.len().min(2000)]
    );
    assert!(
        snapshot(&site.path().join("out")) == before,
        "the last build stays"
    );
}

fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[test]
fn a_new_site_requires_consent_records() {
    let tmp = tempfile::tempdir().unwrap();
    ngo(tmp.path(), &["new", "xa-moi"]).ok();
    let site_yaml = std::fs::read_to_string(tmp.path().join("xa-moi/site.yaml")).unwrap();
    assert!(site_yaml.contains("  require_consent_record: true\n"));
    let file = tmp.path().join("xa-moi").join(COMMUNE);
    let text = std::fs::read_to_string(&file).unwrap();
    let record_start = text
        .find("        consent:\n")
        .expect("the scaffold shows a record");
    let record_end = text[record_start..]
        .find("      - name:")
        .map(|i| record_start + i)
        .unwrap();
    let bare = format!(
        "{}        public: true\n{}",
        &text[..record_start],
        &text[record_end..]
    );
    std::fs::write(&file, &bare).unwrap();
    let line = bare[..bare.find("public: true").unwrap()].lines().count();
    let err = ngo(tmp.path(), &["check", "xa-moi"]).failed().stderr();
    assert!(
        err.contains(&format!(
            "teams/quang-ninh/quang-la.yaml:{line}:17: lỗi: `public: true` thiếu bản ghi đồng ý"
        )),
        "{err}"
    );
}

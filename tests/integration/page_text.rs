//! What the built sample's pages say, as a citizen reads them: official names with their
//! capitals inside sentences, one tone placement, counts with thousands separators, lists in
//! Vietnamese order under letter indexes whose links all land, and the save button only where
//! there is something to save.

use ngo::collate;
use ngo::units;
use ngo_tests::files_under;

use crate::sample_portal::built;

fn read(path: &str) -> String {
    std::fs::read_to_string(built().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The texts between `open` and the next `close`, in order.
fn between<'a>(html: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    html.split(open)
        .skip(1)
        .map(|rest| rest.split(close).next().unwrap())
        .collect()
}

#[test]
fn communes_without_a_list_name_their_peoples_committee_with_the_official_capitals() {
    let all = units::official();
    let mut checked = 0;
    for province in all.provinces() {
        for commune in all.communes_of(province.code) {
            let page = read(&format!("{}/{}/index.html", province.slug, commune.slug));
            if !page.contains("chưa gửi danh sách") {
                continue;
            }
            let committee = format!("Ủy ban nhân dân {}", commune.in_sentence());
            assert!(page.contains(&committee), "{committee}");
            assert!(committee.ends_with(&commune.short_name), "{committee}");
            checked += 1;
        }
    }
    assert!(checked > 3000, "{checked} communes without a list");
    let ha_tu = read("quang-ninh/phuong-ha-tu/index.html");
    assert!(
        ha_tu.contains("Ủy ban nhân dân phường Hà Tu để được"),
        "the issue's example"
    );
    assert!(!ha_tu.contains("phường hà tu"));
}

#[test]
fn roles_are_shown_as_the_commune_wrote_them() {
    let team = read("quang-ninh/xa-quang-la/thon-khe-cat/index.html");
    assert!(
        team.contains("Tổ phó, Chi hội trưởng Hội Phụ nữ"),
        "as written"
    );
    assert!(team.contains("<p class=\"meta\">Tổ trưởng, Bí thư chi bộ thôn</p>"));
    let commune = read("quang-ninh/xa-quang-la/index.html");
    for page in [&team, &commune] {
        assert!(!page.contains("chi hội trưởng hội phụ nữ"));
        assert!(!page.contains("tổ trưởng, bí thư"));
    }
}

#[test]
fn inside_sentences_only_the_unit_word_is_lower_case() {
    let commune = read("quang-ninh/xa-quang-la/index.html");
    assert!(commune.contains("các tổ của xã Quảng La, bộ tìm kiếm của tỉnh Quảng Ninh"));
    assert!(commune.contains("Trước ngày 01/07/2025, địa bàn xã Quảng La gồm:"));
    assert!(commune.contains(">Tìm trong tỉnh Quảng Ninh</h2>"));
    let team = read("quang-ninh/xa-quang-la/thon-khe-cat/index.html");
    assert!(team.contains(">Các tổ khác của xã Quảng La</a>"));
    let old = read("tra-cuu-dia-chi-cu/ha-noi/index.html");
    assert!(old.contains("thị trấn cũ, nay thuộc thành phố Hà Nội."));
}

#[test]
fn unit_names_have_one_tone_placement() {
    let phu_hoa = read("dak-lak/xa-phu-hoa-1/index.html");
    assert!(
        phu_hoa.contains("<h1>Xã Phú Hòa 1</h1>"),
        "the official lists' usual placement"
    );
    let other = [
        "oà", "oá", "oả", "oã", "oạ", "oè", "oé", "oẻ", "oẽ", "oẹ", "uỳ", "uý", "uỷ", "uỹ", "uỵ",
    ];
    let pages = files_under(&built())
        .into_iter()
        .filter(|f| f.starts_with("tra-cuu-dia-chi-cu/") && f.ends_with(".html"));
    let mut seen = 0;
    for file in pages {
        let page = read(&file);
        for word in page.split(|c: char| !c.is_alphabetic()) {
            let lower = word.to_lowercase();
            let respelt = other
                .iter()
                .any(|o| lower.ends_with(o) && !lower.ends_with(&format!("q{o}")));
            assert!(!respelt, "{word} in {file}");
            seen += usize::from(lower.ends_with("òa"));
        }
    }
    assert!(seen > 100, "the old-address pages are full of Hòa: {seen}");
}

#[test]
fn counts_are_written_with_a_dot_between_thousands() {
    let home = read("index.html");
    assert!(
        home.contains("/ 3.321 xã, phường có danh sách"),
        "home totals"
    );
    let sent = files_under(&ngo_tests::repo_root().join("content/teams")).len();
    let without = ngo::text::group_thousands((3321 - sent) as u64);
    assert!(without.contains('.'), "{without}");
    let stats = read("thong-ke/index.html");
    assert!(stats.contains(&format!(
        "<strong>{without}</strong> xã, phường chưa có danh sách"
    )));
    assert!(stats.contains("<td>3.321</td>"));
}

/// Province names as a list shows them, in page order.
fn listed(html: &str, list: &str) -> Vec<String> {
    let list = html
        .split(list)
        .nth(1)
        .unwrap()
        .split("</ul>")
        .next()
        .unwrap();
    between(list, "<span>", "</span>")
        .into_iter()
        .map(str::to_string)
        .collect()
}

fn assert_vietnamese_order(names: &[String], what: &str) {
    let mut sorted = names.to_vec();
    collate::sort_units(&mut sorted, |n| n);
    assert_eq!(names, sorted, "{what}");
}

#[test]
fn lists_citizens_scan_are_in_vietnamese_order() {
    let home = listed(&read("index.html"), "<ul class=\"province-list\">");
    assert_eq!(home.len(), 34);
    assert_vietnamese_order(&home, "home");
    assert_eq!(home[0], "Tỉnh An Giang");
    let old = listed(
        &read("tra-cuu-dia-chi-cu/index.html"),
        "<ul class=\"province-list old-province-list\">",
    );
    assert_eq!(old.len(), 63);
    assert_vietnamese_order(&old, "old provinces");
    let stats = read("thong-ke/index.html");
    let rows: Vec<String> = between(&stats, "<th scope=\"row\"><a href=", "</a>")
        .into_iter()
        .map(|cell| cell.split('>').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(rows.len(), 34);
    assert_vietnamese_order(&rows, "statistics");
}

#[test]
fn every_province_page_has_a_letter_index_whose_links_land() {
    for province in units::official().provinces() {
        let page = read(&format!("{}/index.html", province.slug));
        let index = page.split("class=\"letter-index\"").nth(1).unwrap();
        let index = index.split("</nav>").next().unwrap();
        let targets = between(index, "href=\"#", "\"");
        assert!(!targets.is_empty(), "{}", province.name);
        for id in &targets {
            assert!(
                page.contains(&format!("<h2 id=\"{id}\" class=\"letter\">")),
                "{id}"
            );
        }
        let names: Vec<String> = between(&page, "<li class=\"", "</a>")
            .into_iter()
            .filter_map(|li| li.split("\">").last())
            .map(str::to_string)
            .collect();
        assert_eq!(names.len(), province.communes.len(), "{}", province.name);
        assert_vietnamese_order(&names, &province.name);
        assert!(page.contains("data-filter-for=\"ds-xa\""), "the filter box");
    }
}

#[test]
fn the_save_button_is_offered_only_where_there_are_teams() {
    let with_teams = read("quang-ninh/xa-quang-la/index.html");
    assert!(with_teams.contains("data-save-offline hidden"));
    let without = read("quang-ninh/phuong-ha-tu/index.html");
    assert!(without.contains("chưa gửi danh sách"));
    assert!(!without.contains("data-save-offline"));
}

#[test]
fn a_team_page_carries_what_its_printed_notice_shows() {
    let team = read("quang-ninh/xa-quang-la/thon-khe-cat/index.html");
    assert!(team.contains("<span class=\"print-only\">cộng đồng</span>"));
    assert!(team.contains(
        "hoặc gõ địa chỉ: <span class=\"address\">tocongngheso.example.gov.vn/<wbr>quang-ninh/<wbr>xa-quang-la/<wbr>thon-khe-cat/<wbr></span>"
    ));
    assert!(team.contains("class=\"members phones-few\""));
    assert!(team.contains(
        "<span class=\"call-verb\">Gọi</span> <span class=\"phone\">0912 000 101</span>"
    ));
}

#[test]
fn the_feed_link_says_what_it_is_for() {
    let home = read("index.html");
    assert!(home.contains(">Theo dõi hướng dẫn mới bằng ứng dụng đọc tin (RSS)</a>"));
    assert!(!home.contains("(Atom)"));
}

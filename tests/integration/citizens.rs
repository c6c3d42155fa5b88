//! The citizens' pages of the built sample, checked against the sample's YAML read independently:
//! vCards parsed back, QR codes decoded from their SVG, statistics and open data recounted.

use std::collections::{BTreeMap, BTreeSet};

use ngo::units::{self, UnitRef};
use ngo_tests::{copy_tree, files_under, ngo, repo_root, write_files};

use crate::sample_portal::{built, digit_runs, sample_phones};

/// The sample's base URL, as `content/site.yaml` sets it.
const BASE: &str = "https://tocongngheso.example.gov.vn/";

fn read(path: &str) -> String {
    std::fs::read_to_string(built().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The output files whose name is `name`, as (folder relative to the output, text).
fn files_named(name: &str) -> Vec<(String, String)> {
    files_under(&built())
        .into_iter()
        .filter(|f| f.rsplit('/').next() == Some(name))
        .map(|f| {
            let text = read(&f);
            (f.trim_end_matches(name).to_string(), text)
        })
        .collect()
}

// ---------------------------------------------------------------- vCard

/// A property of a vCard: name with parameters, and its raw value.
type Property = (String, String);

/// Parses a vCard file strictly: CRLF line ends only, physical lines of at most 75 octets,
/// continuation lines unfolded; returns the cards as lists of properties.
fn parse_vcards(text: &str) -> Vec<Vec<Property>> {
    assert!(text.ends_with("\r\n"), "ends with CRLF");
    assert!(
        !text.replace("\r\n", "").contains('\n') && !text.replace("\r\n", "").contains('\r'),
        "every line ends with CRLF"
    );
    let physical: Vec<&str> = text.split_terminator("\r\n").collect();
    let mut logical: Vec<String> = Vec::new();
    for line in physical {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
        match line.strip_prefix(' ') {
            Some(rest) => logical.last_mut().expect("no fold first").push_str(rest),
            None => logical.push(line.to_string()),
        }
    }
    let mut cards = Vec::new();
    let mut current: Option<Vec<Property>> = None;
    for line in logical {
        let (name, value) = line.split_once(':').expect("name:value");
        match (name, value) {
            ("BEGIN", "VCARD") => {
                assert!(current.is_none(), "nested card");
                current = Some(Vec::new());
            }
            ("END", "VCARD") => cards.push(current.take().expect("END without BEGIN")),
            _ => current
                .as_mut()
                .expect("property inside a card")
                .push((name.to_string(), value.to_string())),
        }
    }
    assert!(current.is_none(), "unterminated card");
    cards
}

/// The text of an escaped value, or of its components split on unescaped `;`.
fn unescape_components(value: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') | Some('N') => parts.last_mut().unwrap().push('\n'),
                Some(other) => parts.last_mut().unwrap().push(other),
                None => panic!("dangling backslash in {value:?}"),
            },
            ';' => parts.push(String::new()),
            ',' => panic!("unescaped comma in {value:?}"),
            c => parts.last_mut().unwrap().push(c),
        }
    }
    parts
}

fn property<'a>(card: &'a [Property], name: &str) -> Option<&'a str> {
    card.iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn vcards_hold_exactly_the_public_phones_and_parse_back() {
    let (public, private) = sample_phones();
    let vcards = files_named("to.vcf");
    assert!(vcards.len() >= 5, "vCards: {}", vcards.len());
    let mut phones = BTreeSet::new();
    for (folder, text) in &vcards {
        for card in parse_vcards(text) {
            assert_eq!(property(&card, "VERSION"), Some("3.0"), "{folder}");
            let name = unescape_components(property(&card, "FN").expect("FN"));
            assert_eq!(name.len(), 1);
            let n = unescape_components(property(&card, "N").expect("N"));
            assert_eq!(n.len(), 5, "N has five components");
            assert!(name[0].starts_with(&n[0]) && name[0].ends_with(&n[1]));
            let org = unescape_components(property(&card, "ORG").expect("ORG"));
            assert!(org[0].starts_with("Tổ công nghệ số cộng đồng "), "{org:?}");
            let tel = property(&card, "TEL;TYPE=cell")
                .or_else(|| property(&card, "TEL;TYPE=voice"))
                .expect("TEL");
            assert!(tel.starts_with("+84"), "{tel}");
            assert_eq!(
                property(&card, "URL"),
                Some(format!("{BASE}{folder}").as_str())
            );
            phones.insert(tel.to_string());
        }
    }
    let expected: BTreeSet<String> = public.iter().map(|p| p.international()).collect();
    assert_eq!(phones, expected, "every public phone, and only those");
    for phone in &private {
        assert!(!phones.contains(&phone.international()));
    }
}

#[test]
fn the_khe_cat_vcard_has_its_two_consenting_members_with_roles() {
    let text = read("quang-ninh/xa-quang-la/thon-khe-cat/to.vcf");
    let cards = parse_vcards(&text);
    let names: Vec<String> = cards
        .iter()
        .map(|c| unescape_components(property(c, "FN").unwrap()).remove(0))
        .collect();
    assert_eq!(names, ["Nguyễn Văn Hùng", "Lý Thị Mai"]);
    let title = unescape_components(property(&cards[0], "TITLE").unwrap());
    assert_eq!(title, ["Tổ trưởng, Bí thư chi bộ thôn"]);
    let org = unescape_components(property(&cards[0], "ORG").unwrap());
    assert_eq!(
        org,
        [
            "Tổ công nghệ số cộng đồng Thôn Khe Cát",
            "Xã Quảng La, Tỉnh Quảng Ninh"
        ]
    );
    assert_eq!(property(&cards[0], "TEL;TYPE=cell"), Some("+84912000101"));
    let page = read("quang-ninh/xa-quang-la/thon-khe-cat/index.html");
    assert!(page.contains("href=\"/quang-ninh/xa-quang-la/thon-khe-cat/to.vcf\""));
}

#[test]
fn a_team_without_public_phones_has_no_vcard_link() {
    for file in files_under(&built()).iter().filter(|f| {
        f.ends_with("/index.html") && f.matches('/').count() == 3 && !f.starts_with("huong-dan")
    }) {
        let page = read(file);
        if !page.contains("class=\"member-list\"") {
            continue;
        }
        let folder = file.trim_end_matches("index.html");
        let has_tel = page.contains("href=\"tel:+84");
        assert_eq!(
            built().join(folder).join("to.vcf").is_file(),
            has_tel,
            "{file}"
        );
        assert_eq!(page.contains("to.vcf"), has_tel, "{file}");
    }
}

#[test]
fn no_vcard_when_the_site_publishes_no_phone() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(
        &repo_root().join("tests/fixtures/minimal"),
        &tmp.path().join("site"),
    );
    let site_yaml = std::fs::read_to_string(tmp.path().join("site/site.yaml")).unwrap();
    write_files(
        &tmp.path().join("site"),
        &[(
            "site.yaml",
            &site_yaml.replace("publish_phones: consent", "publish_phones: none"),
        )],
    );
    ngo(tmp.path(), &["build", "site", "-o", "out", "-q"]).ok();
    let out = tmp.path().join("out");
    let vcards: Vec<String> = files_under(&out)
        .into_iter()
        .filter(|f| f.ends_with(".vcf"))
        .collect();
    assert!(vcards.is_empty(), "{vcards:?}");
    let page = std::fs::read_to_string(out.join("quang-ninh/xa-quang-la/thon-khe-cat/index.html"))
        .unwrap();
    assert!(!page.contains("to.vcf"));
    assert!(!page.contains("href=\"tel:+84"));
}

// ---------------------------------------------------------------- QR

/// Draws the SVG's dark modules (`M x y h w v1 h-w z` runs on a `0 0 n n` view box) into a
/// greyscale bitmap, `scale` pixels per module.
fn rasterize(svg: &str, scale: usize) -> (usize, Vec<u8>) {
    let view = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse::<usize>().ok())
        .expect("square view box");
    let size = view * scale;
    let mut pixels = vec![255u8; size * size];
    let path = svg
        .split(" d=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a path");
    for run in path.split('z').filter(|r| !r.is_empty()) {
        let run = run.strip_prefix('M').expect("run starts with M");
        let (x, rest) = run.split_once(' ').unwrap();
        let (y, rest) = rest.split_once('h').unwrap();
        let (w, _) = rest.split_once('v').unwrap();
        let (x, y, w): (usize, usize, usize) =
            (x.parse().unwrap(), y.parse().unwrap(), w.parse().unwrap());
        for py in y * scale..(y + 1) * scale {
            for px in x * scale..(x + w) * scale {
                pixels[py * size + px] = 0;
            }
        }
    }
    (size, pixels)
}

fn decode_qr(svg: &str) -> String {
    let (size, pixels) = rasterize(svg, 4);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| pixels[y * size + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the picture");
    grids[0].decode().expect("decodes").1
}

#[test]
fn every_qr_code_decodes_to_its_team_page_address() {
    let codes = files_named("qr.svg");
    assert!(codes.len() >= 10, "QR codes: {}", codes.len());
    for (folder, svg) in &codes {
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(
            !svg.contains("<script") && !svg.contains("style"),
            "inert SVG"
        );
        assert_eq!(decode_qr(svg), format!("{BASE}{folder}"), "{folder}");
        let page = read(&format!("{folder}index.html"));
        let img = page
            .split("<img src=\"")
            .find(|s| s.starts_with(&format!("/{folder}qr.svg")))
            .expect("the team page shows its QR code");
        let tag = img.split('>').next().unwrap();
        assert!(tag.contains("width=\"200\" height=\"200\""), "{tag}");
    }
}

#[test]
fn a_site_without_an_origin_gets_no_qr_code() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(
        &repo_root().join("tests/fixtures/minimal"),
        &tmp.path().join("site"),
    );
    ngo(tmp.path(), &["build", "site", "-o", "out", "-q"]).ok();
    let team = tmp.path().join("out/quang-ninh/xa-quang-la/thon-khe-cat");
    assert!(team.join("to.vcf").is_file());
    assert!(
        !team.join("qr.svg").exists(),
        "a QR code needs a full address"
    );
}

// ---------------------------------------------------------------- statistics

/// Teams and members per province code, and how many communes sent a list, from the YAML.
fn sample_counts() -> BTreeMap<u32, (usize, usize, usize)> {
    let mut counts: BTreeMap<u32, (usize, usize, usize)> = BTreeMap::new();
    let dir = repo_root().join("content/teams");
    for file in files_under(&dir) {
        let doc: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(dir.join(&file)).unwrap()).unwrap();
        let province = match &doc["province"] {
            serde_yaml::Value::Number(n) => UnitRef::Code(n.as_u64().unwrap() as u32),
            serde_yaml::Value::String(s) => UnitRef::Name(s),
            other => panic!("{other:?}"),
        };
        let code = units::official().resolve_province(province).unwrap().code;
        let teams = doc["teams"].as_sequence().unwrap();
        let entry = counts.entry(code).or_default();
        entry.0 += teams.len();
        // A member who withdrew consent is not on the portal at all.
        entry.1 += teams
            .iter()
            .flat_map(|t| t["members"].as_sequence().unwrap())
            .filter(|m| m["withdrawn"].is_null())
            .count();
        entry.2 += 1;
    }
    counts
}

/// The numbers of the table row that starts with `label`.
fn row_numbers(html: &str, label: &str) -> Vec<usize> {
    let row = html
        .split("<tr>")
        .find(|r| r.contains(&format!(">{label}</")))
        .unwrap_or_else(|| panic!("no row {label}"));
    // Counts are written with a dot between thousands: "3.321".
    row.split("<td>")
        .skip(1)
        .map(|c| {
            c.split('<')
                .next()
                .unwrap()
                .replace('.', "")
                .parse()
                .unwrap()
        })
        .collect()
}

#[test]
fn statistics_match_the_sample_content() {
    let html = read("thong-ke/index.html");
    let counts = sample_counts();
    let all = units::official();
    for province in all.provinces() {
        let (teams, members, with_data) = counts.get(&province.code).copied().unwrap_or_default();
        let communes = province.communes.len();
        assert_eq!(
            row_numbers(&html, &province.name),
            [teams, members, with_data, communes - with_data, communes],
            "{}",
            province.name
        );
    }
    let teams: usize = counts.values().map(|c| c.0).sum();
    let members: usize = counts.values().map(|c| c.1).sum();
    let with_data: usize = counts.values().map(|c| c.2).sum();
    let communes = all.communes().len();
    assert_eq!(
        row_numbers(&html, "Cộng"),
        [teams, members, with_data, communes - with_data, communes]
    );
    assert_eq!(html.matches("<svg class=\"chart\"").count(), 2);
    assert!(html.contains("<title id=\"bieu-do-to-title\">"));
    assert!(html.contains("<desc id=\"bieu-do-to-desc\">"));
}

// ---------------------------------------------------------------- open data

#[test]
fn open_data_describes_every_team_and_holds_no_phone() {
    let (public, private) = sample_phones();
    assert!(
        !public.is_empty(),
        "the sample publishes phones, so their absence means something"
    );
    let json: serde_json::Value =
        serde_json::from_str(&read("du-lieu-mo/to-cong-nghe-so.json")).unwrap();
    let records = json["records"].as_array().unwrap();
    let teams: usize = sample_counts().values().map(|c| c.0).sum();
    let members: usize = sample_counts().values().map(|c| c.1).sum();
    assert_eq!(records.len(), teams);
    let fields: Vec<&str> = json["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(fields.contains(&"roles") && !fields.contains(&"member_names"));
    let mut counted = 0;
    for record in records {
        let mut keys: Vec<&str> = record
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        let mut sorted_fields = fields.clone();
        sorted_fields.sort_unstable();
        assert_eq!(keys, sorted_fields);
        let size = record["members"].as_u64().unwrap();
        let by_role: u64 = record["roles"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        assert_eq!(size, by_role, "{record}");
        counted += size as usize;
    }
    assert_eq!(counted, members, "withdrawn members are not counted");

    let csv = read("du-lieu-mo/to-cong-nghe-so.csv");
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("UTF-8 BOM for spreadsheets");
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(lines[0], fields.join(","));
    assert_eq!(lines.len(), teams + 1);
    for file in [
        "du-lieu-mo/to-cong-nghe-so.json",
        "du-lieu-mo/to-cong-nghe-so.csv",
    ] {
        let runs = digit_runs(&read(file));
        for phone in public.iter().chain(&private) {
            let core = &phone.national()[1..];
            assert!(
                !runs.iter().any(|r| r.contains(core)),
                "{} in {file}",
                phone.national()
            );
        }
    }
    let page = read("du-lieu-mo/index.html");
    assert!(page.contains("href=\"/du-lieu-mo/to-cong-nghe-so.json\""));
    assert!(page.contains("href=\"/du-lieu-mo/to-cong-nghe-so.csv\""));
    assert!(page.contains("Tệp không có số điện thoại"));
    for field in &fields {
        assert!(
            page.contains(&format!("<code>{field}</code>")),
            "{field} described"
        );
    }
}

/// The minimal fixture built with `privacy` as its privacy settings; the open-data JSON.
fn open_data_of_minimal(privacy: &str) -> (tempfile::TempDir, serde_json::Value) {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(
        &repo_root().join("tests/fixtures/minimal"),
        &tmp.path().join("site"),
    );
    let site_yaml = std::fs::read_to_string(tmp.path().join("site/site.yaml")).unwrap();
    write_files(
        &tmp.path().join("site"),
        &[(
            "site.yaml",
            &site_yaml.replace("  publish_phones: consent\n", privacy),
        )],
    );
    ngo(tmp.path(), &["build", "site", "-o", "out", "-q"]).ok();
    let json =
        std::fs::read_to_string(tmp.path().join("out/du-lieu-mo/to-cong-nghe-so.json")).unwrap();
    (tmp, serde_json::from_str(&json).unwrap())
}

#[test]
fn open_data_names_members_only_where_the_site_opts_in_and_they_agreed() {
    let fixture = std::fs::read_to_string(
        repo_root().join("tests/fixtures/minimal/teams/quang-ninh/quang-la.yaml"),
    )
    .unwrap();
    for name in ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"] {
        assert!(fixture.contains(name), "{name} is in the fixture");
    }
    let (tmp, json) = open_data_of_minimal("  publish_phones: consent\n");
    let text = std::fs::read_to_string(tmp.path().join("out/du-lieu-mo/to-cong-nghe-so.csv"))
        .unwrap()
        + &json.to_string();
    assert!(json["records"][0].get("member_names").is_none());
    assert!(!text.contains("Nguyễn Văn An"), "names only when asked for");

    let (tmp, json) = open_data_of_minimal(
        "  publish_phones: consent\n  show_names: false\n  open_data_names: true\n",
    );
    let names: Vec<&serde_json::Value> = json["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["member_names"])
        .collect();
    assert_eq!(
        names,
        [
            &serde_json::json!(["Nguyễn Văn An"]),
            &serde_json::json!(["Lê Văn Cường"])
        ]
    );
    let csv =
        std::fs::read_to_string(tmp.path().join("out/du-lieu-mo/to-cong-nghe-so.csv")).unwrap();
    assert!(csv.contains("Nguyễn Văn An") && !csv.contains("Trần Thị Bình"));
}

// ---------------------------------------------------------------- old addresses

#[test]
fn old_addresses_lead_from_every_old_province_to_the_new_communes() {
    let index = read("tra-cuu-dia-chi-cu/index.html");
    let provinces: Vec<&str> = index
        .split("href=\"/tra-cuu-dia-chi-cu/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(provinces.len(), 63, "{provinces:?}");
    let quang_ninh = read("tra-cuu-dia-chi-cu/quang-ninh/index.html");
    let dan_chu = quang_ninh
        .split("<span class=\"old-name\">Xã Dân Chủ</span>")
        .nth(1)
        .expect("Xã Dân Chủ listed")
        .split("</li>")
        .next()
        .unwrap();
    assert!(
        dan_chu.contains("href=\"/quang-ninh/xa-quang-la/\""),
        "{dan_chu}"
    );
    assert!(quang_ninh.contains("id=\"thanh-pho-ha-long\""));
    // Every old commune split between several new ones lists each, marked as partial.
    let split = units::official()
        .old_communes()
        .iter()
        .filter(|o| o.successors.len() > 1 && o.province == "Tỉnh Quảng Ninh")
        .find(|o| {
            quang_ninh
                .matches(&format!("<span class=\"old-name\">{}</span>", o.name))
                .count()
                == 1
        });
    if let Some(split) = split {
        let entry = quang_ninh
            .split(&format!("<span class=\"old-name\">{}</span>", split.name))
            .nth(1)
            .unwrap()
            .split("</li>")
            .next()
            .unwrap();
        assert_eq!(entry.matches("(một phần)").count(), split.successors.len());
    }
    let total_entries: usize = provinces
        .iter()
        .map(|p| {
            read(&format!("tra-cuu-dia-chi-cu/{p}index.html"))
                .matches("<span class=\"old-name\">")
                .count()
        })
        .sum();
    assert_eq!(total_entries, units::official().old_communes().len());
    let sitemap = read("sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>{BASE}tra-cuu-dia-chi-cu/quang-ninh/</loc>")));
    assert!(sitemap.contains(&format!("<loc>{BASE}thong-ke/</loc>")));
    let home = read("index.html");
    for link in ["/tra-cuu-dia-chi-cu/", "/thong-ke/", "/du-lieu-mo/"] {
        assert!(
            home.contains(&format!("href=\"{link}\"")),
            "footer links {link}"
        );
    }
}

#[test]
fn commune_pages_list_the_old_communes_they_took_over() {
    let page = read("quang-ninh/xa-quang-la/index.html");
    let box_text = page
        .split("<p class=\"former-box\">")
        .nth(1)
        .unwrap()
        .split("</p>")
        .next()
        .unwrap();
    assert!(box_text.starts_with("Trước ngày 01/07/2025"));
    for old in ["Xã Quảng La", "Xã Dân Chủ", "Xã Bằng Cả", "Xã Tân Dân"] {
        assert!(box_text.contains(old), "{old} in {box_text}");
    }
}

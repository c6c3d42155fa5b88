//! Hostile and unusual input: every refusal names the file (and line and column where there is
//! one) in Vietnamese, never panics and leaves the previous output exactly as it was; every
//! accepted oddity builds, with anything active in it neutralised.

use std::path::Path;
use std::time::{Duration, Instant};

use ngo_tests::{copy_tree, files_under, ngo, repo_root, snapshot, write_files};

const COMMUNE_FILE: &str = "teams/quang-ninh/quang-la.yaml";

/// The minimal fixture narrowed to its one province (a national scope would render every
/// commune of the country on each build), already built once into `out`.
fn built_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("tests/fixtures/minimal"), tmp.path());
    let config = std::fs::read_to_string(tmp.path().join("site.yaml")).unwrap();
    write_files(
        tmp.path(),
        &[("site.yaml", &format!("{config}scope:\n  provinces: [22]\n"))],
    );
    ngo(tmp.path(), &["build", ".", "-o", "out"]).ok();
    tmp
}

/// Builds `site` again, expecting a refusal that mentions each of `expected`, no panic, the
/// previous output untouched and no staging folder left. Returns the error output.
fn refused(site: &Path, expected: &[&str]) -> String {
    let before = snapshot(&site.join("out"));
    let run = ngo(site, &["build", ".", "-o", "out"]).failed();
    let err = run.stderr();
    assert!(!err.contains("panicked"), "{err}");
    for text in expected {
        assert!(err.contains(text), "missing {text:?} in:\n{err}");
    }
    assert!(err.contains("Chưa ghi gì ra thư mục kết quả"), "{err}");
    assert!(snapshot(&site.join("out")) == before, "output changed");
    let leftovers: Vec<String> = std::fs::read_dir(site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    err
}

fn commune(teams: &str) -> String {
    format!("province: 22\ncommune: 7054\nteams:\n{teams}")
}

#[test]
fn invalid_utf8_points_at_the_first_bad_byte() {
    let site = built_site();
    let mut bytes = commune("  - hamlet: \"Th").into_bytes();
    bytes.extend_from_slice(b"\xff\xfen\"\n    kind: th\xc3\xb4n\n");
    std::fs::write(site.path().join(COMMUNE_FILE), bytes).unwrap();
    refused(
        site.path(),
        &[
            &format!("{COMMUNE_FILE}:4:16: lỗi: tệp không phải văn bản UTF-8"),
            "UTF-8",
        ],
    );
}

#[test]
fn bom_and_crlf_are_accepted_and_positions_stay_true() {
    let site = built_site();
    let guide = "\u{feff}---\r\ntitle: \"Có BOM\"\r\nskill: an-toan\r\n---\r\nDòng một.\r\n";
    let teams = std::fs::read_to_string(site.path().join(COMMUNE_FILE)).unwrap();
    write_files(
        site.path(),
        &[
            ("guides/co-bom.md", guide),
            (
                COMMUNE_FILE,
                &format!("\u{feff}{}", teams.replace('\n', "\r\n")),
            ),
        ],
    );
    ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    let html =
        std::fs::read_to_string(site.path().join("out/huong-dan/co-bom/index.html")).unwrap();
    assert!(html.contains("Có BOM") && !html.contains('\r') && !html.contains('\u{feff}'));
    let broken = "\u{feff}---\r\ntitle: \"Có BOM\"\r\nskill: sai\r\n---\r\n";
    write_files(site.path(), &[("guides/co-bom.md", broken)]);
    refused(
        site.path(),
        &["guides/co-bom.md:3:8: lỗi: kỹ năng không hợp lệ"],
    );
}

#[test]
fn yaml_alias_bomb_is_refused_before_expansion() {
    let site = built_site();
    let mut bomb = String::from("province: 22\ncommune: 7054\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        bomb.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 9].join(",")));
    }
    bomb.push_str("teams: *a9\n");
    write_files(site.path(), &[(COMMUNE_FILE, &bomb)]);
    let started = Instant::now();
    refused(
        site.path(),
        &[
            &format!("{COMMUNE_FILE}:3:"),
            "không dùng được neo và bí danh YAML",
        ],
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn deep_nesting_is_refused() {
    let site = built_site();
    let flow = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    write_files(
        site.path(),
        &[(COMMUNE_FILE, &commune(&format!("  - hamlet: {flow}\n")))],
    );
    refused(
        site.path(),
        &[&format!("{COMMUNE_FILE}:4:"), "lồng nhau quá sâu"],
    );
    let mut block = String::from("province: 22\ncommune: 7054\nteams:\n");
    for depth in 0..200 {
        block.push_str(&format!("{}k{depth}:\n", "  ".repeat(depth + 1)));
    }
    write_files(site.path(), &[(COMMUNE_FILE, &block)]);
    refused(site.path(), &[COMMUNE_FILE, "lồng nhau quá sâu"]);
}

#[test]
fn a_200_mb_file_is_refused_without_reading_it() {
    let site = built_site();
    let file =
        std::fs::File::create(site.path().join("teams/quang-ninh/xuat-ca-nuoc.yaml")).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    let started = Instant::now();
    refused(
        site.path(),
        &["teams/quang-ninh/xuat-ca-nuoc.yaml:1:1: lỗi: tệp quá lớn (200 MB, tối đa 8 MB)"],
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_instead_of_blocking_the_build() {
    let site = built_site();
    let fifo = site.path().join("guides/ong.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    refused(
        site.path(),
        &["guides/ong.md:1:1: lỗi: không phải tệp thường"],
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    write_files(
        outside.path(),
        &[
            ("bi-mat.yaml", "province: 22\ncommune: 7054\nteams: []\n"),
            ("tinh/x.yaml", "x: 1\n"),
        ],
    );
    let site = built_site();
    std::os::unix::fs::symlink(
        outside.path().join("bi-mat.yaml"),
        site.path().join("teams/quang-ninh/bi-mat.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path().join("tinh"), site.path().join("teams/tinh"))
        .unwrap();
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.path().join("static/passwd")).unwrap();
    let err = refused(
        site.path(),
        &[
            "teams/quang-ninh/bi-mat.yaml:1:1: lỗi: liên kết tượng trưng trỏ ra ngoài thư mục trang",
            "teams/tinh:1:1: lỗi: liên kết tượng trưng trỏ ra ngoài thư mục trang",
            "static/passwd:1:1: lỗi: liên kết tượng trưng",
        ],
    );
    assert!(!err.contains("root:"), "{err}");
}

#[test]
fn parent_folders_in_ids_and_image_paths_are_refused() {
    let site = built_site();
    let teams = "  - hamlet: \"Thôn A\"\n    id: \"../../../etc\"\n    kind: thôn\n    members:\n      - name: A\n  - hamlet: \"../..\"\n    kind: thôn\n    members:\n      - name: B\n";
    write_files(
        site.path(),
        &[
            (COMMUNE_FILE, &commune(teams)),
            (
                "guides/anh/index.md",
                "---\ntitle: Ảnh\nskill: an-toan\n---\n![x](../../site.yaml)\n",
            ),
        ],
    );
    refused(
        site.path(),
        &[
            &format!("{COMMUNE_FILE}:5:9: lỗi: mã tổ `../../../etc` không hợp lệ"),
            &format!("{COMMUNE_FILE}:9:13: lỗi: tên thôn/tổ không tạo được địa chỉ trang"),
            // Where the image is named, not the top of the file.
            "guides/anh/index.md:5:1: lỗi: không tìm thấy ảnh `../../site.yaml`",
        ],
    );
}

#[test]
fn duplicate_keys_are_refused_with_both_lines() {
    let site = built_site();
    let teams = "  - hamlet: \"Thôn A\"\n    kind: thôn\n    members:\n      - name: A\n        phone: \"0912000201\"\n        phone: \"0912000202\"\n";
    write_files(site.path(), &[(COMMUNE_FILE, &commune(teams))]);
    refused(
        site.path(),
        &[
            &format!("{COMMUNE_FILE}:9:9: lỗi: tên mục `phone` bị lặp lại"),
            "đã có `phone` ở dòng 8",
        ],
    );
}

#[test]
fn unclosed_front_matter_fence_is_refused() {
    let site = built_site();
    write_files(
        site.path(),
        &[(
            "pages/mo.md",
            "---\ntitle: \"Mở mà không đóng\"\n\nNội dung.\n",
        )],
    );
    refused(
        site.path(),
        &["pages/mo.md:1:1: lỗi: phần thông tin đầu trang mở bằng `---` nhưng không có dòng `---` đóng lại"],
    );
}

/// Markdown and YAML that try to run code in the reader's browser.
const ACTIVE_GUIDE: &str = "---\ntitle: \"<script>alert('tieu-de')</script>\"\nsummary: \"<img src=x onerror=alert(2)>\"\nskill: an-toan\n---\n\
<script>alert('than')</script>\n\n\
<img src=\"x.png\" onerror=\"alert(3)\">\n\n\
[Bấm](javascript:alert(4)) [Bấm nữa](JaVaScRiPt:alert(5)) <a href=\"java&#x09;script:alert(6)\">tab</a>\n\n\
[Tải](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==)\n\n\
<a href=\"data:text/html,<script>alert(8)</script>\">dữ liệu</a>\n\n\
<svg onload=\"alert(9)\"><circle r=\"1\"/></svg><iframe src=\"https://example.com\"></iframe>\n\n\
<object data=\"x.swf\"></object><form action=\"https://example.com\"><input name=\"q\"></form>\n";

/// Markup that would run: checked inside tags only, since escaped text (`&lt;img onerror=…`) is
/// harmless and expected.
fn assert_no_active_markup(file: &str, markup: &str) {
    let markup = markup.to_lowercase();
    for tag in markup
        .split('<')
        .skip(1)
        .filter_map(|t| t.split('>').next())
        .filter(|t| !t.starts_with('/'))
    // closing tags carry no attributes
    {
        let (name, attributes) = parse_tag(tag);
        assert!(
            !["iframe", "object", "embed", "style", "base"].contains(&name.as_str()),
            "{file}: <{tag}>"
        );
        let has = |attr: &str| attributes.iter().any(|(n, _)| n == attr);
        assert!(name != "script" || has("src"), "{file}: <{tag}>");
        for (attr, value) in &attributes {
            assert!(!attr.starts_with("on"), "{file}: event handler in <{tag}>");
            if ["href", "src", "action", "formaction", "srcset"].contains(&attr.as_str()) {
                let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                for scheme in ["javascript:", "vbscript:", "data:text"] {
                    assert!(!compact.contains(scheme), "{file}: {scheme} in <{tag}>");
                }
                assert!(
                    attr != "action" || !value.contains("://"),
                    "{file}: <{tag}>"
                );
            }
        }
    }
}

/// A tag's name and its attributes (name, unquoted value), enough for well-formed output.
fn parse_tag(tag: &str) -> (String, Vec<(String, String)>) {
    let mut chars = tag.trim_start_matches('/').chars().peekable();
    let name: String = chars.by_ref().take_while(|c| !c.is_whitespace()).collect();
    let mut attributes = Vec::new();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
            chars.next();
        }
        let attr: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=')).collect();
        if attr.is_empty() {
            break;
        }
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            match chars.next_if(|c| *c == '"' || *c == '\'') {
                Some(quote) => value = chars.by_ref().take_while(|c| *c != quote).collect(),
                None => {
                    value = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())).collect()
                }
            }
        }
        attributes.push((attr, value));
    }
    (name, attributes)
}

/// The HTML inside a feed's `<content type="html">` elements, unescaped once.
fn html_content_of_feed(xml: &str) -> String {
    xml.split("<content type=\"html\">")
        .skip(1)
        .filter_map(|rest| rest.split("</content>").next())
        .map(|escaped| {
            escaped
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

#[test]
fn active_content_is_neutralised_everywhere() {
    let site = built_site();
    let teams = "  - hamlet: \"Thôn <script>alert(10)</script>\"\n    id: thon-xss\n    kind: thôn\n    meeting: \"<img src=x onerror=alert(11)>\"\n    members:\n      - name: \"<b onmouseover=alert(12)>An</b>\"\n        role: \"javascript:alert(13)\"\n";
    write_files(
        site.path(),
        &[
            ("guides/ma-doc.md", ACTIVE_GUIDE),
            (COMMUNE_FILE, &commune(teams)),
        ],
    );
    ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    let out = site.path().join("out");
    let mut checked = 0;
    for file in files_under(&out) {
        let text = std::fs::read_to_string(out.join(&file)).unwrap_or_default();
        let markup = if file.ends_with(".html") {
            text
        } else if file.ends_with(".xml") {
            // Feed readers render `type="html"` content as HTML: check it as they will see it.
            html_content_of_feed(&text)
        } else {
            continue;
        };
        checked += 1;
        assert_no_active_markup(&file, &markup);
    }
    assert!(checked > 5, "{checked} files checked");
    let guide = std::fs::read_to_string(out.join("huong-dan/ma-doc/index.html")).unwrap();
    assert!(
        guide.contains("&lt;script&gt;alert("),
        "title shown as text"
    );
    let team =
        std::fs::read_to_string(out.join("quang-ninh/xa-quang-la/thon-xss/index.html")).unwrap();
    assert!(
        team.contains("Thôn &lt;script&gt;alert(10)&lt;"),
        "hamlet shown as text"
    );
}

#[test]
fn template_syntax_in_content_stays_literal() {
    let site = built_site();
    let guide = "---\ntitle: \"Mẫu {{ site.title }}\"\nskill: an-toan\n---\nTổng: {{ 7 * 7 }} và {% for x in [1,2] %}X{% endfor %} và {# ghi chú #}.\n\n`{{ config }}`\n";
    let teams = "  - hamlet: \"Thôn {{ 6 * 7 }}\"\n    id: thon-mau\n    kind: thôn\n    meeting: \"{% if true %}có{% endif %}\"\n    members:\n      - name: \"{{ site.title }}\"\n";
    write_files(
        site.path(),
        &[("guides/mau.md", guide), (COMMUNE_FILE, &commune(teams))],
    );
    ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    let out = site.path().join("out");
    let html = std::fs::read_to_string(out.join("huong-dan/mau/index.html")).unwrap();
    for literal in [
        "Mẫu {{ site.title }}",
        "{{ 7 * 7 }}",
        "{% for x in [1,2] %}X{% endfor %}",
        "{# ghi chú #}",
        "<code>{{ config }}</code>",
    ] {
        assert!(html.contains(literal), "{literal:?} not literal");
    }
    assert!(!html.contains("Tổng: 49") && !html.contains("XX"));
    let team =
        std::fs::read_to_string(out.join("quang-ninh/xa-quang-la/thon-mau/index.html")).unwrap();
    for literal in [
        "Thôn {{ 6 * 7 }}",
        "{% if true %}có{% endif %}",
        "{{ site.title }}",
    ] {
        assert!(
            team.contains(literal),
            "{literal:?} not literal in team page"
        );
    }
    assert!(!team.contains("Thôn 42"));
}

#[test]
fn file_names_with_spaces_and_vietnamese_letters_get_clean_addresses() {
    let site = built_site();
    let guide = "---\ntitle: \"Tên tệp lạ\"\nskill: an-toan\n---\nNội dung.\n";
    write_files(
        site.path(),
        &[
            ("guides/Hướng dẫn   Đăng ký VNeID.md", guide),
            // Decomposed letters, as macOS writes file names.
            (
                "pages/Gio\u{301}i thie\u{302}\u{323}u the\u{302}m.md",
                "---\ntitle: Thêm\n---\nx\n",
            ),
        ],
    );
    let from = site.path().join(COMMUNE_FILE);
    std::fs::rename(
        &from,
        site.path()
            .join("teams/quang-ninh/Xã Quảng La (bản sửa).yaml"),
    )
    .unwrap();
    ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    let out = site.path().join("out");
    assert!(out
        .join("huong-dan/huong-dan-dang-ky-vneid/index.html")
        .is_file());
    assert!(
        out.join("gioi-thieu-them/index.html").is_file(),
        "{:?}",
        files_under(&out)
            .iter()
            .filter(|f| f.contains("gioi"))
            .collect::<Vec<_>>()
    );
    assert!(out
        .join("quang-ninh/xa-quang-la/thon-khe-cat/index.html")
        .is_file());
}

#[test]
fn ten_thousand_teams_in_one_commune_build() {
    let site = built_site();
    let mut teams = String::with_capacity(10_000 * 120);
    for i in 0..10_000 {
        teams.push_str(&format!(
            "  - hamlet: \"Tổ {i}\"\n    kind: tổ\n    members:\n      - name: \"Người {i}\"\n        role: \"Tổ trưởng\"\n"
        ));
    }
    write_files(site.path(), &[(COMMUNE_FILE, &commune(&teams))]);
    ngo(site.path(), &["build", ".", "-o", "out"]).ok();
    let commune_dir = site.path().join("out/quang-ninh/xa-quang-la");
    assert!(commune_dir.join("to-0/index.html").is_file());
    assert!(commune_dir.join("to-9999/index.html").is_file());
    let listing = std::fs::read_to_string(commune_dir.join("index.html")).unwrap();
    assert!(listing.contains("Tổ 9999"));
}

#[test]
#[should_panic(expected = "event handler")]
fn the_markup_check_sees_a_live_handler() {
    assert_no_active_markup(
        "x.html",
        "<p>&lt;img onerror=x&gt;</p><img src=\"a\" onerror=\"alert(1)\">",
    );
}

#[test]
#[should_panic(expected = "javascript:")]
fn the_markup_check_sees_a_script_link() {
    assert_no_active_markup(
        "x.html",
        "<a title=\"a b\" href=\"java script:alert(1)\">x</a>",
    );
}

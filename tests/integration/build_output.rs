//! What the built pages of a small site contain: contact links, privacy, sanitising, overrides.

use ngo_tests::{copy_tree, files_under, ngo, repo_root, write_files};

fn build(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(
        &repo_root().join("tests/fixtures/minimal"),
        &tmp.path().join("site"),
    );
    write_files(&tmp.path().join("site"), extra);
    ngo(tmp.path(), &["build", "site", "-o", "out", "-q"]).ok();
    tmp
}

fn read(tmp: &tempfile::TempDir, path: &str) -> String {
    std::fs::read_to_string(tmp.path().join("out").join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn team_page_has_call_zalo_map_and_breadcrumbs() {
    let tmp = build(&[]);
    let page = read(&tmp, "quang-ninh/xa-quang-la/thon-khe-cat/index.html");
    assert!(page.contains("href=\"tel:+84912000101\""), "{page}");
    assert!(page.contains("href=\"https://zalo.me/0912000101\""));
    assert!(page.contains("openstreetmap.org/?mlat=21.0123&amp;mlon=107.1234"));
    let crumbs = page
        .split("aria-label=\"Bạn đang ở\"")
        .nth(1)
        .unwrap()
        .split("</nav>")
        .next()
        .unwrap();
    let order: Vec<usize> = [
        "Trang chủ",
        "Tỉnh Quảng Ninh",
        "Xã Quảng La",
        "Thôn Khe Cát",
    ]
    .iter()
    .map(|t| crumbs.find(t).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{crumbs}");
    assert!(page.contains("<html lang=\"vi\">"));
}

#[test]
fn a_phone_without_consent_is_not_published() {
    let tmp = build(&[]);
    // The search engine module is the same for every site and holds no content; its integer
    // formatting table ("000102…") would match the short spelling below.
    let files = files_under(&tmp.path().join("out"));
    assert!(
        files.iter().any(|f| f.ends_with(".shard")),
        "shards are scanned too"
    );
    for file in files.into_iter().filter(|f| !f.ends_with(".wasm")) {
        let bytes = std::fs::read(tmp.path().join("out").join(&file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("000 102") && !text.contains("000102"),
            "private phone in {file}"
        );
    }
}

#[test]
fn publish_phones_none_publishes_no_phone_at_all() {
    let site_yaml = "title: T\nprivacy:\n  publish_phones: none\n";
    let tmp = build(&[("site.yaml", site_yaml)]);
    for file in files_under(&tmp.path().join("out")) {
        let text =
            String::from_utf8_lossy(&std::fs::read(tmp.path().join("out").join(&file)).unwrap())
                .into_owned();
        assert!(!text.contains("tel:+84"), "phone in {file}");
        assert!(!text.contains("000 101"), "phone in {file}");
    }
}

#[test]
fn raw_html_in_markdown_is_sanitised() {
    let guide = "---\ntitle: \"Dán từ Word\"\nskill: an-toan\n---\n<p class=\"MsoNormal\" style=\"color:red\" onclick=\"x()\">Chữ</p>\n\n<script>alert(1)</script>\n\n[bấm](javascript:alert(1)) <img src=x onerror=alert(1)>\n";
    let tmp = build(&[("guides/dan-tu-word.md", guide)]);
    let page = read(&tmp, "huong-dan/dan-tu-word/index.html");
    // The guide's text only: the theme's own scripts come after `</main>`.
    let body = page.split("class=\"prose\"").nth(1).unwrap();
    let body = body.split("</main>").next().unwrap();
    for bad in ["<script", "onclick", "onerror", "javascript:", "MsoNormal"] {
        assert!(!body.contains(bad), "{bad} survived:\n{body}");
    }
    assert!(body.contains("Chữ"));
}

#[test]
fn drafts_are_left_out_of_a_build() {
    let draft = "---\ntitle: \"Nháp\"\nskill: mua-sam\ndraft: true\n---\nChưa xong.\n";
    let tmp = build(&[("guides/nhap.md", draft)]);
    assert!(!tmp.path().join("out/huong-dan/nhap").exists());
    assert!(!read(&tmp, "huong-dan/index.html").contains("Nháp"));
}

#[test]
fn a_site_template_overrides_the_theme() {
    let tmp = build(&[("templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>Lạc đường rồi</h1>{% endblock content %}")]);
    assert!(read(&tmp, "404.html").contains("Lạc đường rồi"));
}

#[test]
fn content_is_data_never_a_template() {
    let guide = "---\ntitle: \"{{ site.title }} {% raw %}\"\nskill: an-toan\n---\n{{ 7 * 7 }} {% if true %}x{% endif %}\n";
    let tmp = build(&[("guides/mau.md", guide)]);
    let page = read(&tmp, "huong-dan/mau/index.html");
    assert!(
        page.contains("{{ 7 * 7 }}"),
        "template syntax in content must stay as text"
    );
    assert!(!page.contains(">49<"));
}

#[test]
fn bundle_images_are_copied_beside_the_guide() {
    let guide = "---\ntitle: \"Có ảnh\"\nskill: thanh-toan\n---\n![Mã QR](qr.svg)\n";
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
    let tmp = build(&[
        ("guides/co-anh/index.md", guide),
        ("guides/co-anh/qr.svg", svg),
    ]);
    assert!(tmp.path().join("out/huong-dan/co-anh/qr.svg").is_file());
    let page = read(&tmp, "huong-dan/co-anh/index.html");
    assert!(page.contains("src=\"/huong-dan/co-anh/qr.svg\""), "{page}");
    assert!(page.contains("loading=\"lazy\""));
}

//! Guides as the teams teach them: screenshots made light, steps, old addresses, other
//! languages, and the editor's messages about them, each at its file, line and column.

use std::fs;
use std::path::{Path, PathBuf};

use ngo::build::{build, BuildOptions, BuildReport};
use ngo_tests::{copy_tree, files_under, ngo, repo_root, write_files};

/// The sample guide written as steps, with six 1080×2400 screenshots.
const STEPS_GUIDE: &str = "guides/kich-hoat-vneid-muc-2";

/// A copy of the minimal fixture with `files` added, and the sample steps guide when asked.
fn site(files: &[(&str, &str)], with_steps_guide: bool) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&repo_root().join("tests/fixtures/minimal"), &site);
    if with_steps_guide {
        copy_tree(
            &repo_root().join("content").join(STEPS_GUIDE),
            &site.join(STEPS_GUIDE),
        );
    }
    write_files(&site, files);
    tmp
}

fn build_into(tmp: &Path, output: &str) -> BuildReport {
    let options = BuildOptions {
        site_dir: tmp.join("site"),
        output: tmp.join(output),
        drafts: false,
    };
    build(&options).unwrap_or_else(|e| panic!("build failed: {e}"))
}

/// `(url, width)` of each candidate in a `srcset`.
fn srcset(html: &str) -> Vec<(String, u32)> {
    let start = html.find("srcset=\"").expect("a srcset") + 8;
    let value = &html[start..start + html[start..].find('"').unwrap()];
    value
        .split(", ")
        .map(|c| {
            let (url, w) = c.split_once(' ').unwrap();
            (url.to_string(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

fn size_of(file: &Path) -> (u32, u32) {
    ngo_imaging::oriented_size(&fs::read(file).unwrap()).unwrap()
}

#[test]
fn screenshots_become_light_pictures_with_their_sizes() {
    let tmp = site(&[], true);
    let report = build_into(tmp.path(), "public");
    assert_eq!(report.images.sources, 6);
    assert_eq!(
        report.images.encoded, 24,
        "three WebP widths and a JPEG each"
    );
    let out = tmp.path().join("public");
    let html = fs::read_to_string(out.join("huong-dan/kich-hoat-vneid-muc-2/index.html")).unwrap();
    let pictures: Vec<&str> = html.split("<picture>").skip(1).collect();
    assert_eq!(pictures.len(), 6, "{html}");
    for picture in &pictures {
        let picture = &picture[..picture.find("</picture>").unwrap()];
        assert!(picture.contains("<source type=\"image/webp\""), "{picture}");
        assert!(picture.contains(" sizes=\"234px\""), "{picture}");
        assert!(
            picture.contains(" width=\"1080\" height=\"2400\""),
            "{picture}"
        );
        assert!(
            picture.contains(" loading=\"lazy\" decoding=\"async\""),
            "{picture}"
        );
        assert!(
            picture.contains(" alt=\"Màn hình") || picture.contains(" alt=\"Cửa hàng"),
            "{picture}"
        );
        let candidates = srcset(picture);
        assert_eq!(
            candidates.iter().map(|c| c.1).collect::<Vec<_>>(),
            [360, 540, 720]
        );
        for (url, width) in candidates {
            let file = out.join(url.trim_start_matches('/'));
            assert!(
                url.contains(&format!("-{width}.")) && url.ends_with(".webp"),
                "{url}"
            );
            assert_eq!(size_of(&file), (width, width * 2400 / 1080), "{url}");
        }
        let fallback = picture
            .split(" src=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(fallback.ends_with(".jpg"), "{fallback}");
        assert_eq!(
            size_of(&out.join(fallback.trim_start_matches('/'))),
            (540, 1200)
        );
    }
    // The originals (up to a megabyte each on real phones) are not published.
    let original = "01-cai-ung-dung.png";
    assert!(tmp
        .path()
        .join("site")
        .join(STEPS_GUIDE)
        .join(original)
        .is_file());
    assert!(!out
        .join("huong-dan/kich-hoat-vneid-muc-2")
        .join(original)
        .exists());
    let headers = fs::read_to_string(out.join("_headers")).unwrap();
    assert!(headers.contains("/assets/anh/*\n  Cache-Control: public, max-age=31536000, immutable"));
}

#[test]
fn a_rebuild_with_nothing_changed_encodes_nothing() {
    let tmp = site(&[], true);
    assert_eq!(build_into(tmp.path(), "public").images.encoded, 24);
    let again = build_into(tmp.path(), "public");
    assert_eq!((again.images.encoded, again.images.kept), (0, 24));
    // Without the output, the files come from the cache beside it.
    fs::remove_dir_all(tmp.path().join("public")).unwrap();
    let emptied = build_into(tmp.path(), "public");
    assert_eq!((emptied.images.encoded, emptied.images.from_cache), (0, 24));
    assert!(tmp.path().join(".public.ngo-images").is_dir());
    assert_eq!(
        files_under(&tmp.path().join(".public.ngo-images")).len(),
        24
    );
}

#[test]
fn steps_are_numbered_cards_and_print_with_the_guides_address() {
    let tmp = site(
        &[(
            "site.yaml",
            "title: \"Thử\"\nbase_url: \"https://cds.example.gov.vn/\"\n",
        )],
        true,
    );
    build_into(tmp.path(), "public");
    let html = fs::read_to_string(
        tmp.path()
            .join("public/huong-dan/kich-hoat-vneid-muc-2/index.html"),
    )
    .unwrap();
    assert!(
        html.contains("<body class=\"guide-page has-steps\">"),
        "{html}"
    );
    assert!(html.contains("<ol class=\"steps\">"));
    for n in 1..=6 {
        assert!(html.contains(&format!(
            "<li class=\"step\"><p class=\"step-number\">Bước {n}</p>"
        )));
    }
    let handout = &html[html
        .find("<div class=\"handout-head print-only\">")
        .expect("a handout")..];
    assert!(
        handout.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{handout}"
    );
    assert!(handout
        .contains("<strong>https://cds.example.gov.vn/huong-dan/kich-hoat-vneid-muc-2/</strong>"));
}

#[test]
fn an_image_without_a_description_or_a_file_is_refused_at_its_line() {
    let guide = "---\ntitle: \"Ảnh\"\nskill: an-toan\n---\nMở đầu.\n\n![](a.png)\n\nRồi ![Nút gửi](khong-co.png)\n";
    let tmp = site(&[("guides/anh/index.md", guide)], true);
    fs::copy(
        tmp.path()
            .join("site")
            .join(STEPS_GUIDE)
            .join("01-cai-ung-dung.png"),
        tmp.path().join("site/guides/anh/a.png"),
    )
    .unwrap();
    let err = ngo(&tmp.path().join("site"), &["check", "."])
        .failed()
        .stderr();
    assert!(
        err.contains("guides/anh/index.md:7:1: lỗi: ảnh `a.png` thiếu lời mô tả\n    gợi ý: viết điều ảnh cho thấy trong ngoặc vuông"),
        "{err}"
    );
    assert!(
        err.contains("guides/anh/index.md:9:5: lỗi: không tìm thấy ảnh `khong-co.png`\n    gợi ý: đặt tệp `khong-co.png` vào cùng thư mục với index.md"),
        "{err}"
    );
}

#[test]
fn html_the_sanitiser_drops_is_a_warning_with_its_line() {
    let guide = "---\ntitle: \"Video\"\nskill: an-toan\n---\nXem video:\n\n\
                 <iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n\n\
                 Chữ <span style=\"color:red\">đỏ</span>.\n";
    let tmp = site(&[("guides/video.md", guide)], false);
    let site_dir = tmp.path().join("site");
    let check = ngo(&site_dir, &["check", "."]).ok();
    let expected = [
        "guides/video.md:7:1: cảnh báo: HTML bị bỏ khi làm sạch: thẻ `<iframe>`\n    gợi ý: trang chỉ giữ HTML an toàn",
        "guides/video.md:9:5: cảnh báo: HTML bị bỏ khi làm sạch: thuộc tính `style`\n",
    ];
    for line in expected {
        assert!(check.stderr().contains(line), "{}", check.stderr());
    }
    let built = ngo(&site_dir, &["build", ".", "-o", "../public"]).ok();
    assert!(built.stderr().contains(expected[0]), "{}", built.stderr());
    let page = fs::read_to_string(tmp.path().join("public/huong-dan/video/index.html")).unwrap();
    assert!(page.contains("Chữ <span>đỏ</span>."), "{page}");
    assert!(!page.contains("<iframe"));
}

const ALIASED_GUIDE: &str = "---\ntitle: \"Tên mới\"\nskill: an-toan\naliases: [ten-cu, \"/tin-tuc/bai-7.html\"]\n---\nNội dung.\n";

#[test]
fn old_addresses_get_redirect_pages_and_host_rules() {
    let team = "province: 22\ncommune: 7054\nteams:\n  - hamlet: \"Thôn Khe Cát\"\n    kind: thôn\n    \
                former: [\"Thôn Khe Cát Trên\", \"Thôn Khe Cát Dưới\"]\n    aliases: [khe-cat-tren]\n    \
                members:\n      - name: \"Nguyễn Văn An\"\n";
    let tmp = site(
        &[
            ("guides/ten-moi.md", ALIASED_GUIDE),
            ("teams/quang-ninh/quang-la.yaml", team),
        ],
        false,
    );
    build_into(tmp.path(), "public");
    let out = tmp.path().join("public");
    let page = fs::read_to_string(out.join("huong-dan/ten-cu/index.html")).unwrap();
    assert!(
        page.contains("<meta http-equiv=\"refresh\" content=\"0; url=/huong-dan/ten-moi/\">"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"/huong-dan/ten-moi/\">Tên mới</a>"),
        "{page}"
    );
    assert!(out.join("tin-tuc/bai-7.html").is_file());
    let team_page = out.join("quang-ninh/xa-quang-la/khe-cat-tren/index.html");
    assert!(fs::read_to_string(team_page)
        .unwrap()
        .contains("url=/quang-ninh/xa-quang-la/thon-khe-cat/"));
    let rules = fs::read_to_string(out.join("_redirects")).unwrap();
    for line in [
        "/huong-dan/ten-cu/ /huong-dan/ten-moi/ 301\n",
        "/huong-dan/ten-cu /huong-dan/ten-moi/ 301\n",
        "/tin-tuc/bai-7.html /huong-dan/ten-moi/ 301\n",
        "/quang-ninh/xa-quang-la/khe-cat-tren/ /quang-ninh/xa-quang-la/thon-khe-cat/ 301\n",
    ] {
        assert!(rules.contains(line), "{rules}");
    }
    let nginx = fs::read_to_string(out.join("_redirects.nginx")).unwrap();
    assert!(
        nginx.contains("/huong-dan/ten-cu/ /huong-dan/ten-moi/;\n"),
        "{nginx}"
    );
    let team =
        fs::read_to_string(out.join("quang-ninh/xa-quang-la/thon-khe-cat/index.html")).unwrap();
    assert!(
        team.contains("Trước đây: Thôn Khe Cát Trên, Thôn Khe Cát Dưới"),
        "{team}"
    );
}

#[test]
fn an_old_address_that_takes_a_live_page_is_refused_naming_both() {
    let taken =
        "---\ntitle: \"Khác\"\nskill: an-toan\naliases:\n  - /gioi-thieu/\n  - ten-cu\n---\nChữ.\n";
    let tmp = site(
        &[
            ("guides/ten-moi.md", ALIASED_GUIDE),
            ("guides/khac.md", taken),
        ],
        false,
    );
    let site_dir = tmp.path().join("site");
    let err = ngo(&site_dir, &["build", ".", "-o", "../public"])
        .failed()
        .stderr();
    assert!(
        err.contains("guides/khac.md:5:5: lỗi: địa chỉ cũ `/gioi-thieu/` trùng với trang \"Giới thiệu\" (pages/gioi-thieu.md)"),
        "{err}"
    );
    assert!(
        err.contains("guides/ten-moi.md:4:11: lỗi: địa chỉ cũ `/huong-dan/ten-cu/` đã được khai báo ở guides/khac.md:6:5"),
        "{err}"
    );
    assert!(!tmp.path().join("public").exists(), "nothing written");
}

#[test]
fn a_guide_in_khmer_carries_its_language_and_links_its_translations() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("content"), &tmp.path().join("site"));
    build_into(tmp.path(), "public");
    let out = tmp.path().join("public");
    let guide =
        |slug: &str| fs::read_to_string(out.join(format!("huong-dan/{slug}/index.html"))).unwrap();
    let khmer = guide("nhan-biet-cuoc-goi-lua-dao-tieng-khmer");
    assert!(khmer.contains("<html lang=\"km\" dir=\"ltr\">"), "{khmer}");
    assert!(khmer.contains("<header class=\"site-header\" lang=\"vi\" dir=\"ltr\">"));
    assert!(khmer.contains("<h1>ស្គាល់ការហៅទូរស័ព្ទបោកប្រាស់</h1>"));
    assert!(khmer.contains("· viết bằng tiếng Khmer</p>"));
    assert!(khmer.contains(
        "<link rel=\"alternate\" hreflang=\"vi\" href=\"/huong-dan/nhan-biet-cuoc-goi-lua-dao/\">"
    ));
    assert!(khmer.contains("<span lang=\"zh-Hant\" dir=\"ltr\">中文</span> (tiếng Hoa)"));
    let original = guide("nhan-biet-cuoc-goi-lua-dao");
    assert!(original.contains("<html lang=\"vi\">"));
    assert!(original.contains(
        "<a href=\"/huong-dan/nhan-biet-cuoc-goi-lua-dao-tieng-khmer/\" hreflang=\"km\"><span lang=\"km\" dir=\"ltr\">ភាសាខ្មែរ</span> (tiếng Khmer)</a>"
    ), "{original}");
    let index = fs::read_to_string(out.join("huong-dan/index.html")).unwrap();
    assert!(index.contains("<p class=\"guide-language\"><span lang=\"km\" dir=\"ltr\">ភាសាខ្មែរ</span> · tiếng Khmer</p>"));
    // Both are in the guides shard, found by their own titles.
    for (title, slug) in [
        (
            "ស្គាល់ការហៅទូរស័ព្ទបោកប្រាស់",
            "nhan-biet-cuoc-goi-lua-dao-tieng-khmer",
        ),
        ("識別詐騙電話", "nhan-biet-cuoc-goi-lua-dao-tieng-hoa"),
    ] {
        let found = ngo(
            tmp.path(),
            &["search", "--site", "public", "--kind", "guide", title],
        )
        .ok();
        assert!(
            found.stdout().contains(&format!("/huong-dan/{slug}/")),
            "{}",
            found.stdout()
        );
    }
}

#[test]
fn unknown_languages_and_broken_translations_are_refused() {
    let guide = |lang: &str, of: &str| {
        format!("---\ntitle: \"Bản dịch\"\nskill: an-toan\nlang: {lang}\ntranslation_of: {of}\n---\nChữ.\n")
    };
    let tmp = site(
        &[
            ("guides/a.md", &guide("kh", "nhan-dien-cuoc-goi-lua-dao")),
            ("guides/b.md", &guide("km", "nhan-dien-cuoc-goi")),
            ("guides/c.md", &guide("vi", "nhan-dien-cuoc-goi-lua-dao")),
        ],
        false,
    );
    let err = ngo(&tmp.path().join("site"), &["check", "."])
        .failed()
        .stderr();
    for line in [
        "guides/a.md:4:7: lỗi: mã ngôn ngữ không rõ: \"kh\"\n    gợi ý: có phải ý bạn là `km` (tiếng Khmer)?",
        "guides/b.md:5:17: lỗi: không có hướng dẫn `nhan-dien-cuoc-goi` để dịch\n    gợi ý: có phải ý bạn là `nhan-dien-cuoc-goi-lua-dao`?",
        "guides/c.md:5:17: lỗi: bản dịch cùng ngôn ngữ với hướng dẫn `nhan-dien-cuoc-goi-lua-dao`",
    ] {
        assert!(err.contains(line), "{err}");
    }
}

/// Bytes a host sends for a file: brotli at quality 11 for text, as-is for images.
fn sent(path: &PathBuf) -> usize {
    let bytes = fs::read(path).unwrap();
    let text = ["html", "css", "js"]
        .iter()
        .any(|e| path.extension().is_some_and(|x| x == *e));
    if !text {
        return bytes.len();
    }
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut bytes.as_slice(), &mut out, &params).unwrap();
    out.len()
}

#[test]
fn a_guide_with_six_screenshots_stays_within_its_budget_on_a_phone() {
    let tmp = site(&[], true);
    build_into(tmp.path(), "public");
    let out = tmp.path().join("public");
    let page = out.join("huong-dan/kich-hoat-vneid-muc-2/index.html");
    let html = fs::read_to_string(&page).unwrap();
    let css = html
        .split("<link rel=\"stylesheet\" href=\"/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let base = sent(&page) + sent(&out.join(css));
    // A 360 px phone at two device pixels per CSS pixel takes the 540 px WebP of each picture.
    let chosen: Vec<usize> = html
        .split("<picture>")
        .skip(1)
        .map(|p| {
            let (url, _) = srcset(p).into_iter().find(|(_, w)| *w >= 468).unwrap();
            sent(&out.join(url.trim_start_matches('/')))
        })
        .collect();
    assert_eq!(chosen.len(), 6);
    let eager: usize = html
        .split("<picture>")
        .skip(1)
        .zip(&chosen)
        .filter(|(p, _)| p.contains("loading=\"eager\""))
        .map(|(_, bytes)| bytes)
        .sum();
    let first_screen = base + eager;
    let whole = base + chosen.iter().sum::<usize>();
    assert!(
        first_screen <= 150 * 1024,
        "first screen {first_screen} bytes"
    );
    assert!(whole <= 450 * 1024, "whole page {whole} bytes");
}

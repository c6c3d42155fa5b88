//! Property tests over the parsers that read what editors write: the front-matter splitter, the
//! spanned YAML reader, and the commune, guide and page parsers.
//!
//! The property, for arbitrary text and for text built to look like real content files with
//! mistakes in it: parsing never panics, and every problem points at a real place in the file
//! (line within the file, column within that line). The files under `tests/fuzz_corpus/` are
//! tricky real inputs, replayed on every run.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use ngo::config::{self, BaseUrl, Config};
use ngo::diagnostics::{Diagnostic, Location};
use ngo::load::frontmatter;
use ngo::load::walk::GuideFile;
use ngo::load::yaml::{self, Reader};
use ngo::load::SourceFile;
use ngo::model::{parse_commune_file, parse_guide, parse_page};

fn config() -> Config {
    let source = SourceFile::from_text("site.yaml", "title: T\n").expect("clean text");
    config::parse(&source).expect("a minimal site.yaml parses")
}

/// Whether `location` names `path` and a line and column that exist in `text`, counting the
/// place just past the end of a line (or of the file) where "missing" problems point.
fn valid_position(location: &Location, path: &Path, text: &str) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    let line_ok = location.line >= 1 && location.line <= lines.len();
    let width = lines
        .get(location.line.wrapping_sub(1))
        .map_or(0, |l| l.chars().count());
    location.path == path && line_ok && location.column >= 1 && location.column <= width + 1
}

fn assert_positions<'a>(
    problems: impl IntoIterator<Item = &'a Diagnostic>,
    source: &SourceFile,
) -> Result<(), TestCaseError> {
    for d in problems {
        prop_assert!(
            valid_position(&d.location, &source.path, &source.text),
            "bad position {} for {:?} in {:?}",
            d.location,
            d.message,
            source.text
        );
        prop_assert!(!d.message.is_empty());
    }
    Ok(())
}

/// Runs every parser on `text` as a commune file, a guide and a page.
fn check_all(text: &str) -> Result<(), TestCaseError> {
    let config = config();
    let commune = match SourceFile::from_text("teams/qn/x.yaml", text) {
        Ok(source) => source,
        // Only invalid UTF-8 is refused here, and a `&str` cannot hold it.
        Err(d) => return Err(TestCaseError::fail(format!("refused clean text: {d}"))),
    };
    if let Err(problems) = parse_commune_file(&commune, &config) {
        prop_assert!(!problems.is_empty(), "an error without a problem");
        assert_positions(problems.iter(), &commune)?;
    }
    match yaml::parse_mapping(&commune.text, &commune.path, 1) {
        Ok(node) => {
            let mut r = Reader::new(&commune.path, 1);
            if let Some(map) = node.as_mapping() {
                r.check_keys(map, &["province", "commune", "teams"]);
                let _ = r.string(map, "province");
                let _ = r.date(map, "updated");
                let _ = r.string_list(map, "teams");
            }
            assert_positions(r.into_diagnostics().iter(), &commune)?;
        }
        Err(d) => assert_positions([&d], &commune)?,
    }
    let base = BaseUrl::parse("/").expect("valid");
    let guide = SourceFile::from_text("guides/x.md", text).expect("clean text");
    if let Err(d) = frontmatter::split(&guide) {
        assert_positions([&d], &guide)?;
    }
    let file = GuideFile {
        path: PathBuf::from("guides/x.md"),
        stem: "x".to_string(),
        assets: Vec::new(),
    };
    if let Err(problems) = parse_guide(&guide, &file, &base, std::path::Path::new(".")) {
        assert_positions(problems.iter(), &guide)?;
    }
    let page = SourceFile::from_text("pages/x.md", text).expect("clean text");
    if let Err(problems) = parse_page(&page, &base) {
        assert_positions(problems.iter(), &page)?;
    }
    Ok(())
}

/// Scalars editors type, good and bad.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("22".to_string()),
        Just("7054".to_string()),
        Just("\"Quảng Ninh\"".to_string()),
        Just("thôn".to_string()),
        Just("\"0912 345 678\"".to_string()),
        Just("+84 912 345 678".to_string()),
        Just("true".to_string()),
        Just("có".to_string()),
        Just("2026-10-01".to_string()),
        Just("[21.01, 107.12]".to_string()),
        Just("&a x".to_string()),
        Just("*a".to_string()),
        Just("!!str x".to_string()),
        Just("\"unclosed".to_string()),
        Just("{{ 7 * 7 }}".to_string()),
        Just("|\n  multi\n  line".to_string()),
        "[a-zA-Z0-9 ăâđêôơưạảấầẩẫậ:#,\\[\\]{}\"'&*!|>%@`-]{0,24}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("province"),
        Just("commune"),
        Just("updated"),
        Just("teams"),
        Just("hamlet"),
        Just("kind"),
        Just("id"),
        Just("meeting"),
        Just("location"),
        Just("members"),
        Just("name"),
        Just("role"),
        Just("phone"),
        Just("zalo"),
        Just("public"),
        Just("phnoe"),
        Just("title"),
        Just("skill"),
        Just("tags"),
        Just("? x"),
        Just("- "),
    ]
    .prop_map(str::to_string)
}

/// A YAML-ish tree: nested mappings and lists with editors' values, sometimes mis-indented.
fn yamlish() -> impl Strategy<Value = String> {
    let line = (0usize..6, key(), scalar(), any::<bool>()).prop_map(|(indent, k, v, item)| {
        let dash = if item { "- " } else { "" };
        format!("{}{dash}{k}: {v}", "  ".repeat(indent))
    });
    prop::collection::vec(line, 0..30).prop_map(|lines| lines.join("\n") + "\n")
}

/// A content file with random damage: characters inserted, lines cut, ends swapped to CRLF.
fn damaged(base: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (
        base,
        prop::collection::vec((any::<prop::sample::Index>(), any::<char>()), 0..6),
    )
        .prop_map(|(mut text, edits)| {
            for (at, ch) in edits {
                let boundaries: Vec<usize> = text
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([text.len()])
                    .collect();
                text.insert(boundaries[at.index(boundaries.len())], ch);
            }
            text
        })
}

fn guide_text() -> impl Strategy<Value = String> {
    (yamlish(), any::<bool>(), "[^\u{0}]{0,80}").prop_map(|(yaml, close, body)| {
        let fence = if close { "---\n" } else { "" };
        format!("---\n{yaml}{fence}{body}")
    })
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check_all(&text)?;
    }

    #[test]
    fn commune_like_files_have_true_positions(text in damaged(yamlish())) {
        check_all(&format!("province: 22\ncommune: 7054\nteams:\n{text}"))?;
    }

    #[test]
    fn guide_like_files_have_true_positions(text in damaged(guide_text())) {
        check_all(&text)?;
    }

    #[test]
    fn line_ends_and_bom_do_not_move_positions(text in yamlish(), bom in any::<bool>()) {
        let crlf = text.replace('\n', "\r\n");
        let with_bom = if bom { format!("\u{feff}{crlf}") } else { crlf };
        let plain = SourceFile::from_text("t.yaml", &text).expect("clean");
        let windows = SourceFile::from_text("t.yaml", &with_bom).expect("clean");
        prop_assert_eq!(&plain.text, &windows.text);
        check_all(&with_bom)?;
    }
}

#[test]
fn seed_corpus_replays() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|e| e.expect("entry").path())
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 20, "corpus has {} files", seeds.len());
    for seed in seeds {
        let shown = Path::new("seed");
        match SourceFile::read(&seed, shown) {
            Ok(source) => {
                if let Err(e) = check_all(&source.text) {
                    panic!("{}: {e}", seed.display());
                }
            }
            Err(d) => assert!(
                valid_position(
                    &d.location,
                    shown,
                    &String::from_utf8_lossy(&std::fs::read(&seed).unwrap())
                ),
                "{}: {d}",
                seed.display()
            ),
        }
    }
}

#[test]
fn the_position_check_can_fail() {
    let path = Path::new("t.yaml");
    let text = "ab\ncdé\n";
    assert!(valid_position(&Location::new(path, 2, 4), path, text));
    assert!(valid_position(&Location::new(path, 3, 1), path, text));
    assert!(!valid_position(&Location::new(path, 0, 1), path, text));
    assert!(!valid_position(&Location::new(path, 2, 5), path, text));
    assert!(!valid_position(&Location::new(path, 4, 1), path, text));
    assert!(!valid_position(
        &Location::new("other.yaml", 1, 1),
        path,
        text
    ));
}

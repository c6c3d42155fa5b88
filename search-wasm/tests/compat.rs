//! Format compatibility: a committed shard (`tests/fixtures/compat.shard`) and a committed
//! national list of hamlets (`tests/fixtures/compat.hamlets`) must keep opening and answering,
//! and building the same documents today must give the same bytes, so any change to what these
//! files contain is noticed in review. Files of another format version are refused.
//!
//! When a change is intended: if files already published can no longer be read correctly, bump
//! `FORMAT_VERSION` in `src/container.rs` and `COMMITTED_FORMAT` below; then regenerate both
//! fixtures, check the other tests pass with them, and commit them:
//!
//! ```text
//! NGO_REGENERATE_COMPAT=1 cargo test -p ngo-search --test compat todays_build
//! cargo test -p ngo-search --test compat
//! ```

use std::path::PathBuf;

use ngo_search::{
    build_hamlets, build_shard, Document, Engine, Hamlets, Kind, SearchError, SearchOptions, Shard,
    Synonyms, FORMAT_VERSION, HAMLETS,
};

/// The format the committed fixtures are in.
const COMMITTED_FORMAT: u32 = 3;

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn committed(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("tests/fixtures/{name}: {e}"))
}

fn team() -> Document {
    let mut team = Document::new(
        Kind::Team,
        "Thôn Khe Cát",
        "quang-ninh/xa-quang-la/thon-khe-cat/",
    );
    team.subtitle = "Xã Quảng La, Tỉnh Quảng Ninh".into();
    team.context = vec!["Xã Quảng La".into()];
    team.around = vec![
        "Tỉnh Quảng Ninh".into(),
        "Xã Dân Chủ".into(),
        "Thành phố Hạ Long".into(),
    ];
    team.notes = vec!["trước đây: xã Dân Chủ, Thành phố Hạ Long".into()];
    team.body = "Nguyễn Văn An · Trần Thị Bình".into();
    team.province = Some(22);
    team.commune = Some(7054);
    team
}

/// Small, but one document of each kind, with every part a row and the index have.
fn documents() -> Vec<Document> {
    let mut commune = Document::new(Kind::Place, "Xã Quảng La", "quang-ninh/xa-quang-la/");
    commune.subtitle = "Tỉnh Quảng Ninh".into();
    commune.context = vec!["Tỉnh Quảng Ninh".into()];
    commune.aliases = vec!["Xã Dân Chủ".into()];
    commune.notes = vec!["trước đây: xã Dân Chủ, Thành phố Hạ Long".into()];
    commune.province = Some(22);
    commune.commune = Some(7054);
    commune.teams = Some(5);
    commune.boost = 1.2;
    let mut guide = Document::new(
        Kind::Guide,
        "Cảnh giác lừa đảo qua điện thoại",
        "huong-dan/lua-dao/",
    );
    guide.subtitle = "Nhận biết cuộc gọi giả danh".into();
    guide.body = "Kẻ gian gọi điện giả danh công an.".into();
    guide.aliases = vec!["lừa đảo".into()];
    vec![team(), commune, guide]
}

/// Teams of two communes, one hamlet name in both.
fn hamlet_documents() -> Vec<Document> {
    let mut other = team();
    other.url = "quang-ninh/xa-quang-tan/thon-khe-cat/".into();
    other.subtitle = "Xã Quảng Tân, Tỉnh Quảng Ninh".into();
    other.context = vec!["Xã Quảng Tân".into()];
    other.commune = Some(7093);
    let mut third = team();
    third.title = "Thôn 4".into();
    third.url = "quang-ninh/xa-quang-la/thon-4/".into();
    vec![team(), other, third]
}

#[test]
fn the_committed_shard_opens_and_answers() {
    let shard = Shard::open(&committed("compat.shard")).unwrap();
    let opts = SearchOptions::default();
    assert_eq!(shard.len(), 3);
    let hit = &shard.search("thon khe cat quang la", &opts)[0];
    assert_eq!(hit.title, "Thôn Khe Cát");
    assert_eq!(hit.subtitle, "Xã Quảng La, Tỉnh Quảng Ninh");
    assert_eq!(hit.id.as_deref(), Some("thon-khe-cat"));
    assert_eq!((hit.province, hit.commune), (Some(22), Some(7054)));
    let hit = &shard.search("khe cat dan chu", &opts)[0];
    assert_eq!(
        hit.note.as_deref(),
        Some("trước đây: xã Dân Chủ, Thành phố Hạ Long")
    );
    let hit = &shard.search("xa quang la", &opts)[0];
    assert_eq!((hit.kind, hit.teams), (Kind::Place, Some(5)));
    assert_eq!(shard.search("lua dao", &opts)[0].kind, Kind::Guide);
}

#[test]
fn the_committed_hamlets_open_and_answer() {
    let hamlets = Hamlets::open(&committed("compat.hamlets")).unwrap();
    assert_eq!(hamlets.len(), 3);
    let mut engine = Engine::new();
    engine.offer([HAMLETS.to_string()]);
    engine.add_hamlets(hamlets);
    let answer = engine.answer("khe cat", &SearchOptions::default());
    let urls: Vec<&str> = answer.hits.iter().map(|h| h.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "quang-ninh/xa-quang-la/thon-khe-cat/",
            "quang-ninh/xa-quang-tan/thon-khe-cat/"
        ]
    );
    let answer = engine.answer("khe cat quang tan", &SearchOptions::default());
    assert_eq!(answer.hits[0].subtitle, "Xã Quảng Tân, Tỉnh Quảng Ninh");
}

#[test]
fn todays_build_gives_the_committed_bytes() {
    let synonyms = Synonyms::builtin();
    let built = [
        (
            "compat.shard",
            build_shard(&documents(), &synonyms).unwrap(),
        ),
        (
            "compat.hamlets",
            build_hamlets(&hamlet_documents(), &synonyms).unwrap(),
        ),
    ];
    for (name, bytes) in built {
        if std::env::var_os("NGO_REGENERATE_COMPAT").is_some() {
            std::fs::write(fixture_path(name), &bytes).unwrap();
            continue;
        }
        assert!(
            bytes == committed(name),
            "{name}: the format changed (format version {FORMAT_VERSION}); see the top of \
             search-wasm/tests/compat.rs for what to do"
        );
    }
}

#[test]
fn the_committed_files_are_in_the_current_format() {
    assert_eq!(
        FORMAT_VERSION, COMMITTED_FORMAT,
        "regenerate the fixtures (see the top of this file)"
    );
    for name in ["compat.shard", "compat.hamlets"] {
        let bytes = committed(name);
        assert_eq!(&bytes[..8], b"NGOSHARD", "{name}");
        assert_eq!(
            u32::from_le_bytes(bytes[8..12].try_into().unwrap()),
            COMMITTED_FORMAT,
            "{name}"
        );
    }
}

#[test]
fn files_of_another_format_are_refused_with_a_message() {
    for found in [COMMITTED_FORMAT - 1, COMMITTED_FORMAT + 1] {
        let with_version = |name: &str| {
            let mut bytes = committed(name);
            bytes[8..12].copy_from_slice(&found.to_le_bytes());
            bytes
        };
        let refusals = [
            Shard::open(&with_version("compat.shard")).err(),
            Hamlets::open(&with_version("compat.hamlets")).err(),
            Engine::new()
                .open("p22", &with_version("compat.shard"))
                .err(),
        ];
        for refusal in refusals {
            let error = refusal.expect("another format version is refused");
            assert!(
                matches!(error, SearchError::UnsupportedVersion { found: f, supported } if f == found && supported == FORMAT_VERSION),
                "{error:?}"
            );
            let message = error.to_string();
            let expected = format!(
                "phân đoạn tìm kiếm theo định dạng {found}, bản này chỉ đọc định dạng {FORMAT_VERSION}: hãy dựng lại trang"
            );
            assert_eq!(message, expected);
        }
    }
    let error = Shard::open(b"<!doctype html>").err().unwrap();
    assert!(matches!(error, SearchError::NotAShard), "{error:?}");
    assert!(error
        .to_string()
        .starts_with("không phải phân đoạn tìm kiếm"));
}

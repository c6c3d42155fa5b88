//! Shard format compatibility: a committed shard (`tests/fixtures/compat.shard`) must keep opening
//! and answering, and building the same documents today must give the same bytes, so any change
//! to what a shard contains is noticed in review.
//!
//! When a change is intended: if shards already published can no longer be read correctly, bump
//! `FORMAT_VERSION` in `src/container.rs`; then regenerate the fixture and commit it:
//!
//! ```text
//! NGO_REGENERATE_COMPAT=1 cargo test -p ngo-search --test compat
//! ```

use std::path::PathBuf;

use ngo_search::{build_shard, Document, Kind, SearchOptions, Shard, Synonyms, FORMAT_VERSION};

fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compat.shard")
}

/// Small, but one document of each kind, with alias, phone, note and boost.
fn documents() -> Vec<Document> {
    let mut team = Document::new(
        Kind::Team,
        "Thôn Khe Cát",
        "quang-ninh/xa-quang-la/thon-khe-cat/",
    );
    team.subtitle = "Xã Quảng La, Tỉnh Quảng Ninh".into();
    team.body = "Nguyễn Văn An Tổ trưởng. Nhà văn hóa thôn Khe Cát".into();
    team.phones = vec!["0912 345 678".into()];
    team.province = Some(22);
    team.commune = Some(7054);
    team.id = Some("thon-khe-cat".into());
    let mut commune = Document::new(Kind::Place, "Xã Quảng La", "quang-ninh/xa-quang-la/");
    commune.subtitle = "Tỉnh Quảng Ninh".into();
    commune.aliases = vec!["Xã Dân Chủ, Thành phố Hạ Long, Tỉnh Quảng Ninh".into()];
    commune.notes = vec!["trước đây: xã Dân Chủ (TP Hạ Long)".into()];
    commune.province = Some(22);
    commune.commune = Some(7054);
    commune.boost = 1.2;
    let mut guide = Document::new(
        Kind::Guide,
        "Cảnh giác lừa đảo qua điện thoại",
        "huong-dan/lua-dao/",
    );
    guide.subtitle = "Nhận biết cuộc gọi giả danh".into();
    guide.aliases = vec!["lừa đảo".into()];
    vec![team, commune, guide]
}

fn committed() -> Vec<u8> {
    std::fs::read(fixture_path()).expect("tests/fixtures/compat.shard is committed")
}

#[test]
fn the_committed_shard_opens_and_answers() {
    let shard = Shard::open(&committed()).unwrap();
    let opts = SearchOptions::default();
    assert_eq!(shard.len(), 3);
    assert_eq!(shard.search("thon khe cat", &opts)[0].title, "Thôn Khe Cát");
    assert_eq!(
        shard.search("+84 912 345 678", &opts)[0].id.as_deref(),
        Some("thon-khe-cat")
    );
    assert_eq!(shard.search("xa dan chu", &opts)[0].title, "Xã Quảng La");
    assert_eq!(shard.search("lua dao", &opts)[0].kind, Kind::Guide);
}

#[test]
fn todays_build_gives_the_committed_bytes() {
    let built = build_shard(&documents(), &Synonyms::builtin()).unwrap();
    if std::env::var_os("NGO_REGENERATE_COMPAT").is_some() {
        std::fs::write(fixture_path(), &built).unwrap();
        return;
    }
    assert!(
        built == committed(),
        "the shard format changed (format version {FORMAT_VERSION}); see the top of \
         search-wasm/tests/compat.rs for what to do"
    );
}

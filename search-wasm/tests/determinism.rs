//! Reproducible builds: the same documents must give byte-identical shards, so a rebuilt site
//! only changes the files whose content changed.

mod common;

use common::corpus;
use ngo_search::{build_shard, Synonyms};

#[test]
fn the_same_documents_give_identical_bytes() {
    let synonyms = Synonyms::builtin();
    for docs in [
        corpus::places(),
        corpus::guides(),
        corpus::quang_ninh_teams(),
    ] {
        let first = build_shard(&docs, &synonyms).unwrap();
        let second = build_shard(&docs, &synonyms).unwrap();
        assert!(first == second, "two builds of the same documents differ");
    }
}

#[test]
fn different_documents_give_different_bytes() {
    let synonyms = Synonyms::builtin();
    let mut docs = corpus::quang_ninh_teams();
    let before = build_shard(&docs, &synonyms).unwrap();
    docs[0].title.push('!');
    assert_ne!(before, build_shard(&docs, &synonyms).unwrap());
}

#[test]
fn an_empty_shard_builds_and_answers_nothing() {
    let bytes = build_shard(&[], &Synonyms::builtin()).unwrap();
    let shard = ngo_search::Shard::open(&bytes).unwrap();
    assert!(shard.is_empty());
    assert!(shard.search("thon", &Default::default()).is_empty());
}

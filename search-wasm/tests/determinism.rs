//! Reproducible builds: the same documents must give byte-identical shards and national lists
//! of hamlets, so a rebuilt site only changes the files whose content changed (hosts and
//! browsers cache them by the hash in their names).

mod common;

use common::corpus;
use ngo_search::{build_hamlets, build_shard, Document, Hamlets, Shard, Synonyms};

fn every_set() -> Vec<(String, Vec<Document>)> {
    let mut sets = vec![
        ("places".to_string(), corpus::places()),
        ("former".to_string(), corpus::former()),
        ("guides".to_string(), corpus::guides()),
    ];
    for code in corpus::team_provinces() {
        sets.push((format!("p{code}"), corpus::province(code)));
    }
    sets
}

#[test]
fn the_same_documents_give_identical_shards() {
    let synonyms = Synonyms::builtin();
    for (name, docs) in every_set() {
        assert!(!docs.is_empty(), "{name}");
        let first = build_shard(&docs, &synonyms).unwrap();
        let second = build_shard(&docs, &synonyms).unwrap();
        assert!(first == second, "two builds of {name} differ");
    }
}

#[test]
fn the_same_teams_give_an_identical_list_of_hamlets() {
    let synonyms = Synonyms::builtin();
    let docs = corpus::hamlets();
    let first = build_hamlets(&docs, &synonyms).unwrap();
    assert!(first == build_hamlets(&docs, &synonyms).unwrap());
    assert!(!Hamlets::open(&first).unwrap().is_empty());
}

#[test]
fn different_documents_give_different_bytes() {
    let synonyms = Synonyms::builtin();
    let mut docs = corpus::province(corpus::QUANG_NINH);
    let shard = build_shard(&docs, &synonyms).unwrap();
    let hamlets = build_hamlets(&docs, &synonyms).unwrap();
    // The last document is a team: the list of hamlets holds only teams.
    let team = docs.len() - 1;
    docs[team].title.push('!');
    assert!(shard != build_shard(&docs, &synonyms).unwrap());
    assert!(hamlets != build_hamlets(&docs, &synonyms).unwrap());
    docs[team].title.pop();
    docs[0].title.push('!');
    assert!(shard != build_shard(&docs, &synonyms).unwrap());
    // Other synonyms are other shards: queries are read with the shard's own.
    let overrides = [("kc".to_string(), vec!["khe cát".to_string()])].into();
    let other = synonyms.merged(&overrides);
    docs[0].title.pop();
    assert_ne!(shard, build_shard(&docs, &other).unwrap());
    assert_ne!(hamlets, build_hamlets(&docs, &other).unwrap());
}

#[test]
fn empty_shards_and_lists_build_and_answer_nothing() {
    let bytes = build_shard(&[], &Synonyms::builtin()).unwrap();
    assert_eq!(bytes, build_shard(&[], &Synonyms::builtin()).unwrap());
    let shard = Shard::open(&bytes).unwrap();
    assert!(shard.is_empty());
    assert!(shard.search("thon", &Default::default()).is_empty());
    let hamlets = Hamlets::open(&build_hamlets(&[], &Synonyms::builtin()).unwrap()).unwrap();
    assert!(hamlets.is_empty());
}

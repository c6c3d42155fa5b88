//! The corpus as a built portal: every shard, the national list of hamlets and the phone list's
//! buckets as the bytes a browser would fetch, by the name the engine asks for them, plus the
//! contact cards that confirm a phone. An [`Engine`] is then loaded the way the browser's worker
//! and `ngo search` load it: ask, load what the answer needs, ask again.

use std::collections::BTreeMap;

use ngo_search::phones::{bucket, PhoneBucket};
use ngo_search::{
    build_hamlets, build_shard, phone_bucket_name, province_shard, Answer, Engine, SearchOptions,
    Synonyms, FORMER, GUIDES, HAMLETS, PLACES,
};

use super::corpus;

/// The phone list is cut into 16 buckets: a national list has 4,096 (see
/// `ngo_search::phones`), and a lookup must find the one bucket its digest names.
pub const PHONE_BITS: u32 = 4;

/// Most rounds of loading before an answer must stand (the engine widens in at most four).
const MAX_ROUNDS: usize = 6;

/// A built portal: file bytes by the name the engine asks for.
pub struct Portal {
    /// Shards (`places`, `former`, `guides`, `hamlets`, `p<code>`) by name.
    pub shards: BTreeMap<String, Vec<u8>>,
    /// The phone list's buckets (JSON) by name ("tel-a"), every one of them, empty or not.
    pub buckets: BTreeMap<String, Vec<u8>>,
    /// Contact cards by site-relative path ("quang-ninh/xa-quang-la/thon-khe-cat/to.vcf").
    pub vcards: BTreeMap<String, String>,
}

/// An answer once the engine needs nothing more, and what it asked for on the way.
pub struct Completed {
    pub answer: Answer,
    /// The shards each round asked for, in order (the last round asks for nothing).
    pub rounds: Vec<Vec<String>>,
}

impl Portal {
    pub fn build() -> Portal {
        let synonyms = Synonyms::builtin();
        let shard = |docs: Vec<ngo_search::Document>| build_shard(&docs, &synonyms).unwrap();
        let mut shards = BTreeMap::new();
        shards.insert(PLACES.to_string(), shard(corpus::places()));
        shards.insert(FORMER.to_string(), shard(corpus::former()));
        shards.insert(GUIDES.to_string(), shard(corpus::guides()));
        shards.insert(
            HAMLETS.to_string(),
            build_hamlets(&corpus::hamlets(), &synonyms).unwrap(),
        );
        for code in corpus::team_provinces() {
            shards.insert(province_shard(code), shard(corpus::province(code)));
        }
        Portal {
            shards,
            buckets: phone_buckets(),
            vcards: corpus::vcards().into_iter().collect(),
        }
    }

    /// Names the portal offers, as its manifest lists them.
    pub fn offered(&self) -> Vec<String> {
        self.shards.keys().cloned().collect()
    }

    /// A fresh engine that knows what the portal offers and has loaded nothing.
    pub fn engine(&self) -> Engine {
        let mut engine = Engine::new();
        engine.offer(self.offered());
        engine.offer_phones(PHONE_BITS);
        engine
    }

    /// The bytes of a shard or bucket by the name the engine asks for.
    pub fn file(&self, name: &str) -> &[u8] {
        self.shards
            .get(name)
            .or_else(|| self.buckets.get(name))
            .unwrap_or_else(|| {
                panic!("the engine asked for {name:?}, which the portal does not have")
            })
    }

    /// Loads what the engine asks for until it asks for nothing more.
    pub fn complete(&self, engine: &mut Engine, query: &str, opts: &SearchOptions) -> Completed {
        let mut rounds = Vec::new();
        for _ in 0..MAX_ROUNDS {
            let answer = engine.answer(query, opts);
            rounds.push(answer.needs.clone());
            if answer.needs.is_empty() {
                return Completed { answer, rounds };
            }
            for name in &answer.needs {
                engine.open(name, self.file(name)).unwrap();
            }
        }
        panic!("{query:?} still needs shards after {MAX_ROUNDS} rounds: {rounds:?}");
    }

    /// The complete answer on a fresh engine.
    pub fn answer(&self, query: &str, opts: &SearchOptions) -> Answer {
        self.complete(&mut self.engine(), query, opts).answer
    }

    /// Whether a phone match is confirmed by its team's contact card.
    pub fn confirms(&self, found: &ngo_search::PhoneMatch) -> bool {
        self.vcards
            .get(&found.vcard)
            .is_some_and(|card| ngo_search::phones::vcard_holds(card, &found.number))
    }
}

/// The national phone list cut into `2^PHONE_BITS` buckets, as the generator writes it.
fn phone_buckets() -> BTreeMap<String, Vec<u8>> {
    let mut entries = corpus::phones();
    entries.sort_by(|a, b| (a.digest, &a.url).cmp(&(b.digest, &b.url)));
    let mut buckets: BTreeMap<u32, PhoneBucket> = BTreeMap::new();
    for entry in entries {
        let b = bucket(entry.digest, PHONE_BITS);
        buckets.entry(b).or_default().teams.push(entry);
    }
    (0..1u32 << PHONE_BITS)
        .map(|b| {
            let json = serde_json::to_vec(&buckets.remove(&b).unwrap_or_default()).unwrap();
            (phone_bucket_name(b, PHONE_BITS), json)
        })
        .collect()
}

/// Search options: the chosen province, the default limit.
pub fn chosen(province: Option<u32>) -> SearchOptions {
    SearchOptions {
        province,
        ..SearchOptions::default()
    }
}

//! The search as a citizen meets it: several shards, some loaded, some still on the server, and
//! one ranked answer that says which shards it still needs.
//!
//! A portal's index is split so a phone downloads little: `places` (provinces and communes),
//! `guides`, one shard per province with its teams, and two loaded only when a query needs
//! them — `former` (the pre-2025 communes) and `hamlets` (every team of the country by hamlet
//! and commune name, for searches without a province). [`Engine::answer`] ranks what is loaded
//! and lists what the query still needs:
//!
//! 1. **Always**: the chosen province's shard (which holds its communes too), or without a
//!    chosen province the places of the whole country.
//! 2. **Named provinces**: when no province is chosen (or the chosen one cannot answer the whole
//!    query), the provinces whose places the query names — a commune or province whose name
//!    covers at least two of its words ("khe cat quang la" → Quảng Ninh). Up to two; a name
//!    shared by more provinces ("Tân Thành") is left to `hamlets`.
//! 3. **Whole query**: while no wanted document holds every word, in turn: the places of the
//!    whole country, the guides, and then `former` (an old address) and, without a chosen
//!    province, `hamlets`.
//!
//! (The browser also fetches `guides` on its own once the first shards are in, so a guide
//! question is usually answered without a wait.)
//!
//! The browser's worker fetches what is needed and asks again until nothing more is needed;
//! `ngo search` does the same with the files on disk. Both run this code, so for the same query
//! and province they load the same shards and give the same hits.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::document::{Hit, Kind, SearchOptions};
use crate::error::SearchError;
use crate::hamlets::Hamlets;
use crate::keys::name_keys;
use crate::phone;
use crate::phones::{self, PhoneBucket};
use crate::plan::Plan;
use crate::shard::{Found, Scope, Shard, Words};
use crate::split::Vocabulary;
use crate::synonyms::Synonyms;

/// Score of a team found by a typed phone number.
const PHONE: f32 = 100.0;

/// Names of the phone list's buckets start with this.
const PHONE_PREFIX: &str = "tel-";

/// The name of a bucket of the phone list ("tel-a3f"), as the manifest's file pattern uses it.
pub fn phone_bucket_name(bucket: u32, bits: u32) -> String {
    let digits = bits.div_ceil(4).max(1) as usize;
    format!("{PHONE_PREFIX}{bucket:0digits$x}")
}

/// Shard names.
pub const PLACES: &str = "places";
pub const GUIDES: &str = "guides";
pub const FORMER: &str = "former";
pub const HAMLETS: &str = "hamlets";

/// The name of a province's team shard ("p22").
pub fn province_shard(code: u32) -> String {
    format!("p{code}")
}

/// Most provinces a query may pull in by naming their places.
const MAX_NAMED_PROVINCES: usize = 2;
/// Words of a place name a query must hold before its province is loaded for it.
const NAMED_MIN_WORDS: usize = 2;
/// Rounds of widening the wanted shards: always, named provinces, guides, former and hamlets.
const MAX_ROUNDS: usize = 5;

/// A team found by a typed phone number, to be confirmed against its contact card before it
/// is shown (a digest stands for some twenty numbers, see [`crate::phones`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PhoneMatch {
    pub hit: Hit,
    /// The team's contact card, site-relative.
    pub vcard: String,
    /// The number as typed, in national digits.
    pub number: String,
}

/// A ranked answer and what would complete it.
#[derive(Debug, Default)]
pub struct Answer {
    /// The best hits, best first, one per address.
    pub hits: Vec<Hit>,
    /// Teams holding a typed phone number, once confirmed to be shown before the hits.
    pub phones: Vec<PhoneMatch>,
    /// How many documents matched across the loaded shards (a team found both in its
    /// province's shard and in `hamlets` counts once).
    pub total: usize,
    /// Shards to load, then ask again; empty when the answer is final.
    pub needs: Vec<String>,
}

/// Shards by name, and the names the portal offers.
#[derive(Default)]
pub struct Engine {
    shards: BTreeMap<String, Shard>,
    hamlets: Option<Hamlets>,
    /// Buckets of the national phone list, by name ("tel-a3f").
    phones: BTreeMap<String, PhoneBucket>,
    /// Bits the portal's phone list is cut by, when it has one.
    phone_bits: Option<u32>,
    offered: Option<BTreeSet<String>>,
}

impl Engine {
    pub fn new() -> Engine {
        Engine::default()
    }

    /// The shard names the portal has (from its search manifest): only those are asked for.
    /// Without this call, every name is assumed to exist.
    pub fn offer(&mut self, names: impl IntoIterator<Item = String>) {
        self.offered = Some(names.into_iter().collect());
    }

    /// The portal's national phone list is cut into `2^bits` buckets (from its manifest).
    pub fn offer_phones(&mut self, bits: u32) {
        self.phone_bits = Some(bits);
    }

    /// Adds (or replaces) a shard.
    pub fn add(&mut self, name: &str, shard: Shard) {
        self.shards.insert(name.to_string(), shard);
    }

    /// Adds (or replaces) the national list of hamlets.
    pub fn add_hamlets(&mut self, hamlets: Hamlets) {
        self.hamlets = Some(hamlets);
    }

    /// Opens a shard's bytes under its name (the list of hamlets under [`HAMLETS`]).
    pub fn open(&mut self, name: &str, bytes: &[u8]) -> Result<(), SearchError> {
        if name == HAMLETS {
            self.add_hamlets(Hamlets::open(bytes)?);
        } else if name.starts_with(PHONE_PREFIX) {
            self.phones
                .insert(name.to_string(), PhoneBucket::parse(bytes)?);
        } else {
            self.add(name, Shard::open(bytes)?);
        }
        Ok(())
    }

    /// Forgets a shard; returns whether it was there.
    pub fn remove(&mut self, name: &str) -> bool {
        if name == HAMLETS {
            return self.hamlets.take().is_some();
        }
        self.shards.remove(name).is_some()
    }

    /// Names of the loaded shards, in order.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.shards.keys().cloned().collect();
        if self.hamlets.is_some() {
            names.push(HAMLETS.to_string());
            names.sort();
        }
        names
    }

    fn has(&self, name: &str) -> bool {
        self.shards.contains_key(name)
            || self.phones.contains_key(name)
            || (name == HAMLETS && self.hamlets.is_some())
    }

    /// Ranks the documents a query needs, among the loaded ones. `opts.province` is the province
    /// the citizen chose (its teams are searched, others' places and teams come after its own).
    ///
    /// Only the shards this query needs are searched, whatever else an earlier query loaded:
    /// the answer depends on the query, the province and the kind alone, as it does for
    /// `ngo search`.
    pub fn answer(&self, query: &str, opts: &SearchOptions) -> Answer {
        if opts.limit == 0 {
            return Answer::default();
        }
        let mut wanted = self.always_needed(opts.province);
        for _ in 0..MAX_ROUNDS {
            let plan = self.plan(query, &wanted);
            if plan.is_empty() {
                return Answer::default();
            }
            if plan.groups.is_empty() {
                // Only a phone number: the phone list answers it, no shard is needed.
                wanted.clear();
            }
            let found = self.search(&plan, opts, &wanted);
            let mut needs = self.missing(&wanted);
            let more: Vec<String> = if needs.is_empty() && !plan.groups.is_empty() {
                let places = self.places_apart(&plan, opts, &wanted);
                let named_by = places.as_deref().unwrap_or(&found.hits);
                self.needed_for(&plan, named_by, opts, &wanted)
                    .into_iter()
                    .filter(|n| self.offers(n) && !wanted.contains(n))
                    .collect()
            } else {
                Vec::new()
            };
            if !more.is_empty() {
                wanted.extend(more);
                continue;
            }
            let (phones, phone_needs) = self.phone_matches(&plan);
            needs.extend(phone_needs);
            let mut hits = found.hits;
            hits.truncate(opts.limit);
            return Answer {
                hits,
                phones,
                total: found.total,
                needs,
            };
        }
        Answer::default()
    }

    /// The query as the wanted shards read it (their synonyms, their words for cutting words
    /// typed together).
    fn plan(&self, query: &str, wanted: &BTreeSet<String>) -> Plan {
        let loaded: Vec<&Shard> = wanted.iter().filter_map(|n| self.shards.get(n)).collect();
        let hamlets = self.hamlets.as_ref().filter(|_| wanted.contains(HAMLETS));
        let synonyms = loaded
            .first()
            .map(|s| s.synonyms())
            .or(hamlets.map(Hamlets::synonyms))
            .map_or_else(Synonyms::builtin, Synonyms::clone);
        let known = Known {
            shards: Words(&loaded),
            hamlets,
        };
        Plan::parse(query, &synonyms, &known)
    }

    /// Teams holding the whole numbers typed, from the loaded buckets of the phone list, and
    /// the buckets still to load.
    fn phone_matches(&self, plan: &Plan) -> (Vec<PhoneMatch>, Vec<String>) {
        let Some(bits) = self.phone_bits else {
            return (Vec::new(), Vec::new());
        };
        let mut found = Vec::new();
        let mut needs = Vec::new();
        for lookup in plan.phones.iter().filter(|p| !p.prefix) {
            let digest = phone::digest(&lookup.digits);
            let name = phone_bucket_name(phones::bucket(digest, bits), bits);
            let Some(bucket) = self.phones.get(&name) else {
                if !needs.contains(&name) {
                    needs.push(name);
                }
                continue;
            };
            for hit in bucket.hits(digest, PHONE) {
                let vcard = bucket.entry(&hit.url).map(|e| e.vcard.clone());
                found.push(PhoneMatch {
                    vcard: vcard.unwrap_or_default(),
                    number: lookup.digits.clone(),
                    hit,
                });
            }
        }
        (found, needs)
    }

    /// The best hits of the wanted shards that are loaded. The national list of hamlets leaves
    /// out the teams of provinces whose own shard is searched.
    fn search(&self, plan: &Plan, opts: &SearchOptions, wanted: &BTreeSet<String>) -> Found {
        let wider = opts.limit.saturating_mul(2).saturating_add(4);
        let skip = provinces_in(wanted);
        let scope = |skip| Scope {
            limit: wider,
            kind: opts.kind,
            chosen: opts.province,
            skip,
        };
        let mut all = Found::default();
        let mut add = |found: Found| {
            all.total += found.total;
            all.hits.extend(found.hits);
        };
        for (name, shard) in &self.shards {
            if wanted.contains(name) {
                add(shard.find(plan, &scope(None)));
            }
        }
        if let Some(hamlets) = self.hamlets.as_ref().filter(|_| wanted.contains(HAMLETS)) {
            add(hamlets.find(plan, &scope(Some(&skip))));
        }
        all.hits.sort_by(ranking);
        let mut seen = HashSet::new();
        all.hits.retain(|hit| seen.insert(hit.url.clone()));
        all
    }

    /// When only teams or guides are wanted, the places a query matches, searched apart: a
    /// kind filter must not change which provinces a query names ("tổ dân phố 3 ninh hoa"
    /// still brings in Khánh Hòa's teams). `None` when the hits themselves hold the places.
    fn places_apart(
        &self,
        plan: &Plan,
        opts: &SearchOptions,
        wanted: &BTreeSet<String>,
    ) -> Option<Vec<Hit>> {
        if opts.kind.is_none_or(|k| k == Kind::Place) {
            return None;
        }
        let places = SearchOptions {
            kind: Some(Kind::Place),
            ..opts.clone()
        };
        Some(self.search(plan, &places, wanted).hits)
    }

    /// The chosen province's shard (its communes and teams), or without one the places of the
    /// whole country.
    fn always_needed(&self, province: Option<u32>) -> BTreeSet<String> {
        let chosen = province.map(province_shard).filter(|n| self.offers(n));
        let mut names = BTreeSet::new();
        names.insert(chosen.unwrap_or_else(|| PLACES.to_string()));
        names.retain(|n| self.offers(n));
        names
    }

    /// What the query needs beyond what is wanted already: the provinces it names, then, while
    /// no wanted document (of the kind asked for, if any) holds every word, the guides, and
    /// after them the old communes and (without a chosen province) the national list of
    /// hamlets.
    fn needed_for(
        &self,
        plan: &Plan,
        hits: &[Hit],
        opts: &SearchOptions,
        wanted: &BTreeSet<String>,
    ) -> Vec<String> {
        let province = opts.province;
        // A slip is trusted to answer the query only in the chosen province's own documents:
        // "kbang" found as "bang" in the wrong province must not stop the search for Xã Kbang,
        // nor "lua dao" found as Xã La Dạ of another province the search for the guide.
        let slips_in = province;
        let skip = provinces_in(wanted);
        let whole = wanted
            .iter()
            .filter_map(|n| self.shards.get(n))
            .any(|s| s.answers_all(plan, opts.kind, None, slips_in))
            || self
                .hamlets
                .as_ref()
                .filter(|_| wanted.contains(HAMLETS))
                .is_some_and(|h| h.answers_all(plan, opts.kind, Some(&skip), slips_in));
        let mut names = Vec::new();
        if province.is_none() || !whole {
            match named_provinces(plan, hits) {
                named if named.len() <= MAX_NAMED_PROVINCES => {
                    names.extend(named.into_iter().map(province_shard))
                }
                _ if province.is_none() => names.push(HAMLETS.to_string()),
                _ => {}
            }
        }
        let named_new = names.iter().any(|n| self.offers(n) && !wanted.contains(n));
        if !whole && !named_new {
            if !wanted.contains(PLACES) && self.offers(PLACES) {
                names.push(PLACES.to_string());
            } else if wanted.contains(GUIDES) || !self.offers(GUIDES) {
                names.push(FORMER.to_string());
                if province.is_none() {
                    names.push(HAMLETS.to_string());
                }
            } else {
                names.push(GUIDES.to_string());
            }
        }
        names
    }

    fn offers(&self, name: &str) -> bool {
        self.offered.as_ref().is_none_or(|o| o.contains(name))
    }

    /// Those of the wanted shards that are not loaded yet.
    fn missing(&self, wanted: &BTreeSet<String>) -> Vec<String> {
        wanted.iter().filter(|n| !self.has(n)).cloned().collect()
    }
}

/// Province codes of the province shards among `names`.
fn provinces_in(names: &BTreeSet<String>) -> BTreeSet<u32> {
    names
        .iter()
        .filter_map(|name| name.strip_prefix('p')?.parse().ok())
        .collect()
}

/// Provinces whose places the query names, best first: a place is named when its own name
/// (without the unit word) is a run of the query's words — "quang la" in "khe cat quang la" —
/// and a province counts the words of its best-named commune (or old commune) and of its own
/// name, where these do not overlap. At least two words, or one whole name of four letters or
/// more ("kbang"); the last word, while typed, counts by its beginning.
fn named_provinces(plan: &Plan, hits: &[Hit]) -> Vec<u32> {
    let typed: Vec<&str> = plan
        .groups
        .iter()
        .flat_map(|g| g.words.iter().map(|w| w.folded.as_str()))
        .collect();
    let typing = plan.groups.last().is_some_and(|g| g.prefix);
    // Per province: the query positions its own name covers, and its best commune's.
    let mut named: Vec<(u32, Vec<bool>, Vec<bool>)> = Vec::new();
    for hit in hits.iter().filter(|h| h.kind == Kind::Place) {
        let Some(province) = hit.province else {
            continue;
        };
        let covered = own_names(hit)
            .iter()
            .filter_map(|name| run_of(&typed, name, typing))
            .max_by_key(|run| count(run));
        let Some(covered) = covered else { continue };
        let at = match named.iter().position(|(p, _, _)| *p == province) {
            Some(at) => at,
            None => {
                let none = vec![false; typed.len()];
                named.push((province, none.clone(), none));
                named.len() - 1
            }
        };
        let (_, own, commune) = &mut named[at];
        if hit.commune.is_none() {
            *own = covered;
        } else if count(&covered) > count(commune) {
            *commune = covered;
        }
    }
    let score = |own: &[bool], commune: &[bool]| {
        let words = own.iter().zip(commune).filter(|(a, b)| **a || **b).count();
        let whole_word = |run: &[bool]| {
            count(run) == 1 && typed[run.iter().position(|x| *x).unwrap_or(0)].len() >= 4
        };
        if words == 1 && (whole_word(own) || whole_word(commune)) {
            NAMED_MIN_WORDS
        } else {
            words
        }
    };
    let best = named.iter().map(|(_, a, b)| score(a, b)).max().unwrap_or(0);
    if best < NAMED_MIN_WORDS {
        return Vec::new();
    }
    named
        .into_iter()
        .filter(|(_, a, b)| score(a, b) == best)
        .map(|(p, _, _)| p)
        .collect()
}

fn count(found: &[bool]) -> usize {
    found.iter().filter(|f| **f).count()
}

/// A place's own names, folded, without the unit word: its title, and for an old commune the
/// old name and district in its note ("trước đây: xã Dân Chủ, Thành phố Hạ Long").
fn own_names(hit: &Hit) -> Vec<Vec<String>> {
    let mut names = vec![hit.title.clone()];
    if let Some((_, old)) = hit.note.as_deref().and_then(|n| n.split_once(": ")) {
        names.extend(old.split(',').map(str::to_string));
    }
    names
        .iter()
        .filter_map(|n| name_keys(n).pop())
        .map(|key| key.split(' ').map(String::from).collect())
        .collect()
}

/// The query positions where `name` appears as a run of words, if it does (its last word only
/// begun, when that is the query's last word being typed).
fn run_of(typed: &[&str], name: &[String], typing: bool) -> Option<Vec<bool>> {
    if name.is_empty() || name.len() > typed.len() {
        return None;
    }
    (0..=typed.len() - name.len()).find_map(|start| {
        let fits = name.iter().enumerate().all(|(i, word)| {
            let at = start + i;
            typed[at] == word
                || (typing
                    && at + 1 == typed.len()
                    && typed[at].len() >= 2
                    && word.starts_with(typed[at]))
        });
        fits.then(|| {
            (0..typed.len())
                .map(|i| i >= start && i < start + name.len())
                .collect()
        })
    })
}

/// Best score first; among equals, by address, so the order never depends on load order.
fn ranking(a: &Hit, b: &Hit) -> Ordering {
    b.score
        .partial_cmp(&a.score)
        .unwrap_or(Ordering::Equal)
        .then_with(|| a.url.cmp(&b.url))
        .then_with(|| a.note.cmp(&b.note))
}

/// The words of everything loaded, for cutting words typed together.
struct Known<'a> {
    shards: Words<'a>,
    hamlets: Option<&'a Hamlets>,
}

impl Vocabulary for Known<'_> {
    fn has_word(&self, folded: &str) -> bool {
        self.shards.has_word(folded) || self.hamlets.is_some_and(|h| h.has_word(folded))
    }

    fn has_prefix(&self, folded: &str) -> bool {
        self.shards.has_prefix(folded) || self.hamlets.is_some_and(|h| h.has_prefix(folded))
    }

    fn has_name(&self, folded: &str) -> bool {
        self.shards.has_name(folded) || self.hamlets.is_some_and(|h| h.has_name(folded))
    }
}

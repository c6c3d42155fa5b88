//! The national list of hamlets: every team of the country by hamlet name and where it is, for
//! a citizen who has not chosen a province ("khe cat", "thon 3 tan thanh").
//!
//! As a tantivy index of one document per team this list was over a megabyte; but the country
//! has far fewer hamlet names than teams ("Thôn 1" alone names thousands) and a few thousand
//! communes. So it is a table of its own: the distinct hamlet names, the communes (with their
//! province and pre-2025 names), and for each name the communes that have a team of that name.
//! A query is matched word by word against the names and against the communes, by the same
//! rules and with the same weights as the index queries ([`crate::query`]): coverage by the
//! best way each word is found (title over context, exact over beginning over typo, marks
//! matched), the all-words bonuses and the whole-name bonuses. A team found here and in its
//! province's shard gets comparable scores; once that shard is loaded, its teams are left out
//! here.
//!
//! Layout of `ngo.hamlets` (unsigned LEB128 numbers):
//!
//! ```text
//! strings: count, then each: byte length, UTF-8
//! places: count, then each: url, subtitle, province, commune, context list, around list,
//!         notes list
//! names: count, then each: title, usual tail, entry count, then per entry:
//!        place gap (places ascending), tail (0 = the usual one, else string + 1)
//! ```
//! A team's address is its place's address followed by the tail ("khe-cat/").

use std::collections::{BTreeSet, HashSet};

use crate::analysis::{words, Word};
use crate::container::unpack;
use crate::document::{Hit, Kind};
use crate::error::SearchError;
use crate::highlight::{self, within};
use crate::keys::name_keys;
use crate::names::Names;
use crate::plan::{typo_distance, Group, Plan};
use crate::query::{
    ALL_WORDS, ALL_WORDS_LOOSE, AS_EXPANSION, AS_PREFIX, COVER, DEMOTED, FOLDED_ONLY, IN_AROUND,
    IN_CONTEXT, WITH_TYPO,
};
use crate::shard::{Found, Scope, ShardInfo, INFO_FILE};
use crate::split::Vocabulary;
use crate::synonyms::Synonyms;

/// Name of the table inside the shard container.
pub(crate) const HAMLETS_FILE: &str = "ngo.hamlets";

struct Place {
    url: u32,
    subtitle: u32,
    province: u32,
    commune: u32,
    context: Vec<u32>,
    around: Vec<u32>,
    notes: Vec<u32>,
}

struct Name {
    title: u32,
    /// (place, tail) of each team of this name.
    entries: Vec<(u32, u32)>,
}

/// The national list, opened.
pub struct Hamlets {
    synonyms: Synonyms,
    strings: Vec<String>,
    places: Vec<Place>,
    names: Vec<Name>,
    /// Words of each name, and of each place's context and what is around it.
    name_words: Vec<Vec<Word>>,
    place_words: Vec<[Vec<Word>; 2]>,
    /// Whole names: names first, then places.
    keys: Names,
    /// Every folded word, sorted, for cutting words typed together.
    vocabulary: Vec<String>,
    /// For each place, the names with a team there.
    by_place: Vec<Vec<u32>>,
}

/// A matching team: (score, (name, entry), holds every word (with slips, as typed)).
type Match = (f32, (u32, u32), (bool, bool));

impl Hamlets {
    /// Opens bytes written by `build_hamlets`.
    pub fn open(bytes: &[u8]) -> Result<Hamlets, SearchError> {
        let mut table = None;
        let mut info = None;
        for (name, data) in unpack(bytes)? {
            match name {
                HAMLETS_FILE => table = Some(data),
                INFO_FILE => info = Some(serde_json::from_slice::<ShardInfo>(data)?),
                _ => {}
            }
        }
        let table = table.ok_or(SearchError::Damaged("thiếu danh sách thôn"))?;
        let info = info.ok_or(SearchError::Damaged("phân đoạn không có ngo.json"))?;
        let mut hamlets = Hamlets::decode(table)?;
        hamlets.synonyms = info.synonyms;
        Ok(hamlets)
    }

    /// The synonyms the list was built with.
    pub fn synonyms(&self) -> &Synonyms {
        &self.synonyms
    }

    /// Number of teams listed.
    pub fn len(&self) -> usize {
        self.names.iter().map(|n| n.entries.len()).sum()
    }

    /// True when no team is listed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every string a hit can show, for audits.
    pub fn shown_text(&self) -> Vec<String> {
        self.strings.clone()
    }

    fn decode(bytes: &[u8]) -> Result<Hamlets, SearchError> {
        let mut r = Reader { bytes };
        let strings = (0..r.count()?)
            .map(|_| {
                let len = r.count()?;
                std::str::from_utf8(r.take(len)?)
                    .map(str::to_string)
                    .map_err(|_| SearchError::Damaged("một tên thôn không phải UTF-8"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let places = (0..r.count()?)
            .map(|_| {
                Ok(Place {
                    url: r.number()?,
                    subtitle: r.number()?,
                    province: r.number()?,
                    commune: r.number()?,
                    context: r.list()?,
                    around: r.list()?,
                    notes: r.list()?,
                })
            })
            .collect::<Result<Vec<_>, SearchError>>()?;
        let mut names = Vec::new();
        for _ in 0..r.count()? {
            let (title, tail) = (r.number()?, r.number()?);
            let mut place = 0u32;
            let entries = (0..r.count()?)
                .map(|_| {
                    place = place.saturating_add(r.number()?);
                    let own = r.number()?;
                    Ok((place, own.checked_sub(1).unwrap_or(tail)))
                })
                .collect::<Result<Vec<_>, SearchError>>()?;
            names.push(Name { title, entries });
        }
        if !r.bytes.is_empty() {
            return Err(SearchError::Damaged("còn dữ liệu sau danh sách thôn"));
        }
        Hamlets::checked(strings, places, names)
    }

    fn checked(
        strings: Vec<String>,
        places: Vec<Place>,
        names: Vec<Name>,
    ) -> Result<Hamlets, SearchError> {
        let string_ok = |s: &u32| (*s as usize) < strings.len();
        let places_ok = places.iter().all(|p| {
            [p.url, p.subtitle]
                .iter()
                .chain(&p.context)
                .chain(&p.around)
                .chain(&p.notes)
                .all(string_ok)
        });
        let names_ok = names.iter().all(|n| {
            string_ok(&n.title)
                && n.entries
                    .iter()
                    .all(|(p, t)| (*p as usize) < places.len() && string_ok(t))
        });
        if !places_ok || !names_ok {
            return Err(SearchError::Damaged("danh sách thôn trỏ tới mục không có"));
        }
        Ok(Hamlets::index(strings, places, names))
    }

    /// Words, keys and the reverse lists, worked out once when the list is opened.
    fn index(strings: Vec<String>, places: Vec<Place>, names: Vec<Name>) -> Hamlets {
        let text = |s: u32| strings[s as usize].as_str();
        let name_words: Vec<Vec<Word>> = names.iter().map(|n| words(text(n.title))).collect();
        let words_of = |list: &[u32]| list.iter().flat_map(|&c| words(text(c))).collect();
        let place_words: Vec<[Vec<Word>; 2]> = places
            .iter()
            .map(|p| [words_of(&p.context), words_of(&p.around)])
            .collect();
        let keys_of = |list: &[u32]| list.iter().flat_map(|&c| name_keys(text(c))).collect();
        let mut keys: Vec<[Vec<String>; 4]> = names
            .iter()
            .map(|n| [name_keys(text(n.title)), Vec::new(), Vec::new(), Vec::new()])
            .collect();
        keys.extend(places.iter().map(|p| {
            [
                Vec::new(),
                Vec::new(),
                keys_of(&p.context),
                keys_of(&p.around),
            ]
        }));
        let mut vocabulary: Vec<String> = name_words
            .iter()
            .chain(place_words.iter().flatten())
            .flatten()
            .map(|w| w.folded.clone())
            .collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        let mut by_place = vec![Vec::new(); places.len()];
        for (n, name) in names.iter().enumerate() {
            for &(place, _) in &name.entries {
                by_place[place as usize].push(n as u32);
            }
        }
        Hamlets {
            synonyms: Synonyms::default(),
            keys: Names::from_keys(keys),
            strings,
            places,
            names,
            name_words,
            place_words,
            vocabulary,
            by_place,
        }
    }

    fn text(&self, string: u32) -> &str {
        self.strings.get(string as usize).map_or("", String::as_str)
    }

    /// The best teams for a plan, and how many matched.
    pub(crate) fn find(&self, plan: &Plan, scope: &Scope) -> Found {
        if scope.kind.is_some_and(|k| k != Kind::Team) || scope.limit == 0 {
            return Found::default();
        }
        let scored = self.matches(plan, scope.skip);
        let total = scored.len();
        let mut scored = scored;
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(scope.limit);
        let hits = scored
            .into_iter()
            .map(|(score, (n, e), _)| {
                let elsewhere = {
                    let place = &self.places[self.names[n as usize].entries[e as usize].0 as usize];
                    scope.chosen.is_some_and(|c| c != place.province)
                };
                let factor = if elsewhere {
                    crate::shard::OTHER_PROVINCE
                } else {
                    1.0
                };
                self.hit(n, e, score * factor, plan)
            })
            .collect();
        Found { hits, total }
    }

    /// True when some team outside `skip` holds every query word that counts: as typed, or
    /// with a slip in a team of the province `slips_in`; never when only another kind is
    /// wanted.
    pub(crate) fn answers_all(
        &self,
        plan: &Plan,
        kind: Option<Kind>,
        skip: Option<&BTreeSet<u32>>,
        slips_in: Option<u32>,
    ) -> bool {
        if kind.is_some_and(|k| k != Kind::Team) {
            return false;
        }
        let province = |(n, e): (u32, u32)| {
            let place = self.names[n as usize].entries[e as usize].0;
            self.places[place as usize].province
        };
        self.matches(plan, skip)
            .iter()
            .any(|&(_, team, (loose, strict))| {
                strict || (loose && slips_in.is_some_and(|p| province(team) == p))
            })
    }

    /// Every matching team as (score, (name, entry), holds every word (with slips, as typed)).
    fn matches(&self, plan: &Plan, skip: Option<&BTreeSet<u32>>) -> Vec<Match> {
        let ways = Ways::new(plan);
        let name_cover: Vec<Cover> = self.name_words.iter().map(|w| ways.cover(w, 1.0)).collect();
        let place_cover: Vec<Cover> = self
            .place_words
            .iter()
            .map(|[context, around]| {
                best(
                    ways.cover(context, IN_CONTEXT),
                    ways.cover(around, IN_AROUND),
                )
            })
            .collect();
        let weights = self.keys.weights(plan);
        let mut out = Vec::new();
        let mut seen: HashSet<(u32, u32)> = HashSet::new();
        let candidates = self.candidates(&name_cover, &place_cover, &ways);
        for (n, e) in candidates {
            if !seen.insert((n, e)) {
                continue;
            }
            let place_index = self.names[n as usize].entries[e as usize].0;
            let place = &self.places[place_index as usize];
            if skip.is_some_and(|s| s.contains(&place.province)) {
                continue;
            }
            let (name, context) = (&name_cover[n as usize], &place_cover[place_index as usize]);
            let (score, all) = ways.score(name, context);
            let names_at = self.names.len() as u32;
            let bonus =
                self.keys.bonus(n, &weights) + self.keys.bonus(names_at + place_index, &weights);
            out.push((score + bonus, (n, e), all));
        }
        out
    }

    /// Teams whose name or place holds a word that counts.
    fn candidates(&self, names: &[Cover], places: &[Cover], ways: &Ways) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for (n, cover) in names.iter().enumerate() {
            if ways.counts(cover) {
                out.extend((0..self.names[n].entries.len() as u32).map(|e| (n as u32, e)));
            }
        }
        for (p, cover) in places.iter().enumerate() {
            if !ways.counts(cover) {
                continue;
            }
            for &n in &self.by_place[p] {
                let entries = &self.names[n as usize].entries;
                let e = entries.partition_point(|(place, _)| *place < p as u32);
                out.push((n, e as u32));
            }
        }
        out
    }

    fn hit(&self, n: u32, e: u32, score: f32, plan: &Plan) -> Hit {
        let name = &self.names[n as usize];
        let (place, tail) = name.entries[e as usize];
        let place = &self.places[place as usize];
        let title = self.text(name.title).to_string();
        let subtitle = self.text(place.subtitle).to_string();
        let notes = place.notes.iter().map(|&s| self.text(s));
        let note = highlight::best_note(&title, &subtitle, notes, plan).map(String::from);
        let tail = self.text(tail);
        Hit {
            kind: Kind::Team,
            highlights: highlight::ranges(&title, plan),
            url: format!("{}{tail}", self.text(place.url)),
            title,
            score,
            subtitle,
            province: Some(place.province),
            commune: Some(place.commune),
            id: Some(tail.trim_end_matches('/').to_string()),
            teams: None,
            note,
        }
    }
}

impl Vocabulary for Hamlets {
    fn has_word(&self, folded: &str) -> bool {
        self.vocabulary
            .binary_search_by(|w| w.as_str().cmp(folded))
            .is_ok()
    }

    fn has_prefix(&self, folded: &str) -> bool {
        let at = self.vocabulary.partition_point(|w| w.as_str() < folded);
        self.vocabulary
            .get(at)
            .is_some_and(|w| w.starts_with(folded))
    }

    fn has_name(&self, folded: &str) -> bool {
        self.keys.has(folded)
    }
}

/// How well each query group is found in some words: (loose, strict) coverage, each already
/// weighted by where the words are.
type Cover = Vec<(f32, f32)>;

/// The plan's groups, ready to be matched against words.
struct Ways<'a> {
    groups: &'a [Group],
    /// Whether some group is not demoted (then only those make a match).
    content: bool,
}

impl<'a> Ways<'a> {
    fn new(plan: &'a Plan) -> Ways<'a> {
        Ways {
            groups: &plan.groups,
            content: plan.groups.iter().any(|g| !g.demoted),
        }
    }

    /// Coverage of each group by `found`, weighted by `tier`: a title's words (tier 1) carry
    /// their marks, so a word typed with marks can match them in full; elsewhere only folded.
    fn cover(&self, found: &[Word], tier: f32) -> Cover {
        // As in the index queries: marks and short beginnings count in titles, slips in titles
        // and the context, not in what is around.
        let rules = Rules {
            marks: tier >= 1.0,
            short_prefix: tier >= 1.0,
            slips: tier >= IN_CONTEXT,
        };
        self.groups
            .iter()
            .map(|g| {
                let (loose, strict) = group_way(g, found, rules);
                (loose * tier, strict * tier)
            })
            .collect()
    }

    fn counts(&self, cover: &Cover) -> bool {
        self.groups
            .iter()
            .zip(cover)
            .any(|(g, (loose, _))| *loose > 0.0 && (!self.content || !g.demoted))
    }

    /// The score of a team from its name's and its place's coverage, and whether it holds
    /// every word that counts (with slips, as typed).
    fn score(&self, name: &Cover, place: &Cover) -> (f32, (bool, bool)) {
        let mut score = 0.0;
        let (mut all_loose, mut all_strict, mut content) = (true, true, 0);
        for (i, g) in self.groups.iter().enumerate() {
            let loose = name[i].0.max(place[i].0);
            let strict = name[i].1.max(place[i].1);
            let weight = if g.demoted { COVER * DEMOTED } else { COVER };
            score += weight * loose;
            if !g.demoted {
                content += 1;
                all_loose &= loose > 0.0;
                all_strict &= strict > 0.0;
            }
        }
        if content > 1 && all_loose {
            score += ALL_WORDS_LOOSE;
        }
        if content > 1 && all_strict {
            score += ALL_WORDS;
        }
        (score, (content > 0 && all_loose, content > 0 && all_strict))
    }
}

/// Per group, the better of two coverages.
fn best(a: Cover, b: Cover) -> Cover {
    a.into_iter()
        .zip(b)
        .map(|((al, as_), (bl, bs))| (al.max(bl), as_.max(bs)))
        .collect()
}

/// What counts where words are found.
#[derive(Clone, Copy)]
struct Rules {
    /// Words carry their marks, so a word typed with marks can match them in full.
    marks: bool,
    /// A beginning of one or two letters counts.
    short_prefix: bool,
    /// A slip (typo) counts.
    slips: bool,
}

/// The shortest beginning that counts where short ones do not.
const LONG_PREFIX: usize = 3;

/// The best way a group is found among words: (with typos, as typed).
fn group_way(group: &Group, found: &[Word], rules: Rules) -> (f32, f32) {
    let expansion = |words: &[Word]| {
        let all = words
            .iter()
            .all(|w| found.iter().any(|f| f.folded == w.folded));
        if all {
            AS_EXPANSION
        } else {
            0.0
        }
    };
    let mut best = group
        .expansions
        .iter()
        .map(|e| expansion(e))
        .fold(0.0, f32::max);
    let Some(word) = group.single() else {
        best = best.max(expansion(&group.words));
        return (best, best);
    };
    let mut strict = best;
    let mut loose = best;
    let prefix = group.prefix && (rules.short_prefix || word.folded.len() >= LONG_PREFIX);
    for f in found {
        let (l, s) = word_way(word, f, prefix, rules);
        loose = loose.max(l);
        strict = strict.max(s);
        if rules.slips && group.near.iter().any(|n| n.folded == f.folded) {
            loose = loose.max(WITH_TYPO);
        }
    }
    (loose, strict)
}

/// One typed word against one found word: (with typos, as typed).
fn word_way(typed: &Word, found: &Word, prefix: bool, rules: Rules) -> (f32, f32) {
    let mut best = 0.0f32;
    let marks = rules.marks;
    let folded_factor = if typed.has_marks() {
        if marks && found.accented == typed.accented {
            best = 1.0;
        } else if marks && prefix && found.accented.starts_with(&typed.accented) {
            best = AS_PREFIX;
        }
        FOLDED_ONLY
    } else {
        1.0
    };
    if found.folded == typed.folded {
        best = best.max(folded_factor);
    } else if prefix && found.folded.starts_with(&typed.folded) {
        best = best.max(folded_factor * AS_PREFIX);
    }
    let distance = typo_distance(&typed.folded);
    let typo = rules.slips
        && distance > 0
        && best == 0.0
        && within(&typed.folded, &found.folded, distance);
    let loose = if typo {
        folded_factor * WITH_TYPO
    } else {
        best
    };
    (loose.max(best), best)
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Result<&'a [u8], SearchError> {
        if self.bytes.len() < len {
            return Err(SearchError::Damaged("danh sách thôn bị cắt cụt"));
        }
        let (head, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Ok(head)
    }

    fn number(&mut self) -> Result<u32, SearchError> {
        let mut value = 0u64;
        for shift in (0..35).step_by(7) {
            let byte = self.take(1)?[0];
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return u32::try_from(value)
                    .map_err(|_| SearchError::Damaged("một số trong danh sách thôn quá lớn"));
            }
        }
        Err(SearchError::Damaged("một số trong danh sách thôn quá dài"))
    }

    fn count(&mut self) -> Result<usize, SearchError> {
        let n = self.number()? as usize;
        if n > self.bytes.len() {
            return Err(SearchError::Damaged(
                "một số đếm trong danh sách thôn quá lớn",
            ));
        }
        Ok(n)
    }

    fn list(&mut self) -> Result<Vec<u32>, SearchError> {
        (0..self.count()?).map(|_| self.number()).collect()
    }
}

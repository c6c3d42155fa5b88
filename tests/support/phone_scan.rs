//! Scanning every byte of a built portal for phone numbers, in every common spelling.
//!
//! A private phone may leak through any file: a page, a feed, the sitemap, a search shard. The
//! scan therefore reads every file as bytes, decompresses any gzip payload it meets first, and
//! adds the terms of each search shard's prefix-compressed dictionary, so no encoding can hide a
//! number.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};

/// The spellings a number is searched under, for a national number such as `0912345678`:
/// `0912345678`, `0912 345 678`, `0912.345.678`, `0912-345-678`, `+84912345678`, `84912345678`,
/// `912345678`, and the same groups after `+84 `.
///
/// The scan searches the subscriber part (`912345678`, `912 345 678`, `912.345.678`,
/// `912-345-678`), which every one of those spellings contains; [`spellings`] lists the full forms
/// so a test can prove that containment instead of trusting it.
pub fn spellings(national: &str) -> Vec<String> {
    let g = groups(national);
    vec![
        national.to_string(),
        format!("{} {} {}", g[0], g[1], g[2]),
        format!("{}.{}.{}", g[0], g[1], g[2]),
        format!("{}-{}-{}", g[0], g[1], g[2]),
        format!("+84{}", &national[1..]),
        format!("84{}", &national[1..]),
        national[1..].to_string(),
    ]
}

/// The patterns actually searched: the subscriber digits, bare and grouped three by three.
pub fn needles(national: &str) -> [String; 4] {
    let subscriber = &national[1..];
    let (a, rest) = subscriber.split_at(3);
    let (b, c) = rest.split_at(3);
    [
        subscriber.to_string(),
        format!("{a} {b} {c}"),
        format!("{a}.{b}.{c}"),
        format!("{a}-{b}-{c}"),
    ]
}

fn groups(national: &str) -> [&str; 3] {
    [&national[..4], &national[4..7], &national[7..]]
}

/// Where a number was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub file: String,
    pub offset: usize,
    pub number: String,
    pub spelling: String,
}

/// What a scan of a folder found.
#[derive(Debug, Default)]
pub struct Scan {
    pub files: usize,
    pub bytes: u64,
    /// Files that held a gzip payload and were scanned decompressed.
    pub decompressed: Vec<String>,
    pub hits: Vec<Hit>,
    /// How many times each number was seen.
    pub seen: BTreeMap<String, usize>,
    /// Matches that were only digits inside a longer, different number (`tel:+84771110222`
    /// holds `847711102`), not a spelling of the number searched.
    pub inside_other_numbers: usize,
}

/// Whether the subscriber digits at `start..end` are a whole phone number as written: no digit
/// right after them, and right before them nothing but a trunk or country prefix (`0`, `84`,
/// `0084`, possibly after `+` or followed by a separator).
fn is_whole_number(bytes: &[u8], start: usize, end: usize) -> bool {
    if bytes.get(end).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let before = &bytes[..start];
    let before = before
        .strip_suffix(b" ")
        .or_else(|| before.strip_suffix(b"."))
        .or_else(|| before.strip_suffix(b"-"))
        .filter(|b| b.last().is_some_and(u8::is_ascii_digit))
        .unwrap_or(before);
    let digits = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let prefix = &before[before.len() - digits..];
    matches!(prefix, b"" | b"0" | b"84" | b"0084")
}

/// Scans every file under `dir` for every number of `numbers` (national form, 10 digits).
pub fn scan(dir: &Path, numbers: &[String]) -> Scan {
    let mut patterns = Vec::with_capacity(numbers.len() * 4);
    let mut owner = Vec::with_capacity(numbers.len() * 4);
    for (i, number) in numbers.iter().enumerate() {
        assert!(
            number.len() == 10 && number.starts_with('0'),
            "not a national number: {number:?}"
        );
        for needle in needles(number) {
            patterns.push(needle);
            owner.push(i);
        }
    }
    // Overlapping search: in `+84771110222` the digits `847711102` (another number's) start
    // before the real `771110222`; a non-overlapping search would report the first and skip the
    // second.
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .expect("patterns build");
    let mut result = Scan::default();
    for entry in walkdir::WalkDir::new(dir).into_iter() {
        let entry = entry.expect("output readable");
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("inside")
            .to_string_lossy()
            .into_owned();
        let raw = std::fs::read(entry.path()).expect("file readable");
        result.files += 1;
        result.bytes += raw.len() as u64;
        let mut bytes = match gunzip(&raw) {
            Some(plain) => {
                result.decompressed.push(rel.clone());
                plain
            }
            None => raw,
        };
        // The national list of hamlets (`hamlets.*.shard`) is a table of plain strings, read
        // as it is; the other shards' terms are read back through the engine.
        let is_hamlet_list = Path::new(&rel)
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("hamlets."));
        if rel.ends_with(".shard") && !is_hamlet_list {
            bytes.extend(shard_terms(&bytes, &rel));
        }
        for m in matcher.find_overlapping_iter(&bytes) {
            if !is_whole_number(&bytes, m.start(), m.end()) {
                result.inside_other_numbers += 1;
                continue;
            }
            let number = &numbers[owner[m.pattern().as_usize()]];
            *result.seen.entry(number.clone()).or_default() += 1;
            result.hits.push(Hit {
                file: rel.clone(),
                offset: m.start(),
                number: number.clone(),
                spelling: patterns[m.pattern().as_usize()].clone(),
            });
        }
    }
    result
}

/// The indexed terms of a search shard, one a line. Stored fields are plain bytes in the shard,
/// but the term dictionary is prefix-compressed: `0912345678` after `0912345600` is stored as
/// `78`. Its terms are therefore read back through the search engine and scanned as text.
fn shard_terms(bytes: &[u8], name: &str) -> Vec<u8> {
    let shard = ngo_search::Shard::open(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    let terms = shard
        .indexed_terms()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut text = vec![b'\n'];
    for term in terms {
        text.extend_from_slice(term.as_bytes());
        text.push(b'\n');
    }
    text
}

/// The decompressed bytes of a gzip file, or `None` if `bytes` is not gzip.
fn gunzip(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return None;
    }
    let mut plain = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut plain)
        .ok()?;
    Some(plain)
}

/// A member of a content folder as the content format describes it, read with `serde_yaml`
/// rather than the generator's reader, so a bug in the generator cannot hide from the tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentMember {
    /// The commune file, relative to `teams/`.
    pub file: String,
    /// The province and commune as the file writes them (code or name).
    pub province: String,
    pub commune: String,
    /// The team's hamlet: with `file`, which team the member serves.
    pub hamlet: String,
    /// The team's `id:`, when the file gives one (else the page address comes from the hamlet).
    pub team_id: Option<String>,
    pub name: String,
    /// National form (`0912345678`).
    pub phone: Option<String>,
    /// Consent covers the phone: a `consent:` record whose `covers` has `phone`, or a bare
    /// `public: true`.
    pub phone_consent: bool,
    /// Consent covers the name: a record with `name`, or a bare `public: true`.
    pub name_consent: bool,
    /// The member has a `consent:` record (which then alone decides about the name).
    pub recorded: bool,
    /// `withdrawn:` is set: nothing of the member may be published.
    pub withdrawn: bool,
}

impl ContentMember {
    /// Whether the portal may publish the phone (where `site.yaml` publishes phones at all).
    pub fn phone_published(&self) -> bool {
        self.phone.is_some() && self.phone_consent && !self.withdrawn
    }

    /// Whether the portal shows the name, on a site with `show_names` as given.
    pub fn name_shown(&self, show_names: bool) -> bool {
        !self.withdrawn && (self.name_consent || (!self.recorded && show_names))
    }

    /// `file#hamlet`: one key per team.
    pub fn team(&self) -> String {
        format!("{}#{}", self.file, self.hamlet)
    }
}

/// Every member of every commune file under `site/teams`.
pub fn members_in_content(site: &Path) -> Vec<ContentMember> {
    let dir = site.join("teams");
    let mut members = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.expect("content readable");
        if !entry.file_type().is_file() {
            continue;
        }
        let file = entry
            .path()
            .strip_prefix(&dir)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(entry.path()).expect("text");
        let doc: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
        for team in doc["teams"].as_sequence().into_iter().flatten() {
            for member in team["members"].as_sequence().into_iter().flatten() {
                members.push(content_member(&file, &doc, team, member));
            }
        }
    }
    members
}

fn text(v: &serde_yaml::Value) -> Option<String> {
    v.as_str()
        .map(str::to_string)
        .or_else(|| v.as_u64().map(|n| n.to_string()))
}

fn content_member(
    file: &str,
    doc: &serde_yaml::Value,
    team: &serde_yaml::Value,
    member: &serde_yaml::Value,
) -> ContentMember {
    let bare = member["public"].as_bool() == Some(true);
    let covers: Vec<String> = match &member["consent"]["covers"] {
        serde_yaml::Value::Sequence(items) => items.iter().filter_map(text).collect(),
        other => text(other).into_iter().collect(),
    };
    let covered = |what: &str| bare || covers.iter().any(|c| c.trim().eq_ignore_ascii_case(what));
    ContentMember {
        file: file.to_string(),
        province: text(&doc["province"]).unwrap_or_default(),
        commune: text(&doc["commune"]).unwrap_or_default(),
        hamlet: text(&team["hamlet"]).unwrap_or_default(),
        team_id: text(&team["id"]),
        name: text(&member["name"]).unwrap_or_default(),
        phone: text(&member["phone"]).map(|p| to_national(&p)),
        phone_consent: covered("phone"),
        name_consent: covered("name"),
        recorded: member["consent"].is_mapping(),
        withdrawn: !member["withdrawn"].is_null(),
    }
}

/// Every member phone of a content folder, split by whether the portal may publish it:
/// `(public, private)`, national form. A withdrawn member's phone is private.
pub fn phones_in_content(site: &Path) -> (Vec<String>, Vec<String>) {
    split_phones(&members_in_content(site))
}

/// The phones of `members`, split as [`phones_in_content`] does.
pub fn split_phones(members: &[ContentMember]) -> (Vec<String>, Vec<String>) {
    let mut public = Vec::new();
    let mut private = Vec::new();
    for member in members {
        let Some(phone) = member.phone.clone() else {
            continue;
        };
        if member.phone_published() {
            public.push(phone);
        } else {
            private.push(phone);
        }
    }
    (public, private)
}

/// For each file of a scan that is not an HTML page nor a search shard, the teams whose phones
/// it holds (by [`ContentMember::team`]). The portal's rule: no data file holds the phones of
/// more than one team. Pages are apart (a commune page offers one number per team card), and so
/// are search shards, whose phones are the search index's business (docs/privacy.md).
pub fn teams_per_data_file(
    found: &Scan,
    members: &[ContentMember],
) -> BTreeMap<String, std::collections::BTreeSet<String>> {
    let team_of: std::collections::HashMap<&str, String> = members
        .iter()
        .filter_map(|m| Some((m.phone.as_deref()?, m.team())))
        .collect();
    let mut files: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for hit in &found.hits {
        if hit.file.ends_with(".html") || hit.file.starts_with("search/") {
            continue;
        }
        let team = team_of
            .get(hit.number.as_str())
            .cloned()
            .unwrap_or_else(|| format!("? {}", hit.number));
        files.entry(hit.file.clone()).or_default().insert(team);
    }
    files
}

/// `+84 912 345 678`, `0912.345.678`… → `0912345678`.
pub fn to_national(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let international = phone.trim_start().trim_start_matches('(').starts_with('+');
    match (digits.strip_prefix("84"), digits.strip_prefix("0084")) {
        // `84912345678`: eleven digits are never a national number, so 84 is the country.
        (Some(rest), _) if international || digits.len() == 11 => format!("0{rest}"),
        (_, Some(rest)) => format!("0{rest}"),
        _ => digits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_form_of_every_spelling() {
        for spelling in [
            "0912 345 678",
            "+84 912 345 678",
            "(+84) 912 345 678",
            "0084 912 345 678",
            "0912.345.678",
        ] {
            assert_eq!(to_national(spelling), "0912345678", "{spelling}");
        }
    }

    #[test]
    fn every_spelling_contains_a_needle() {
        for spelling in spellings("0912345678") {
            assert!(
                needles("0912345678").iter().any(|n| spelling.contains(n)),
                "{spelling}"
            );
        }
    }

    #[test]
    fn finds_each_spelling_and_gzip() {
        let dir = tempfile::tempdir().unwrap();
        for (i, s) in spellings("0912345678").iter().enumerate() {
            std::fs::write(dir.path().join(format!("{i}.html")), format!("<p>{s}</p>")).unwrap();
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"x 0912-345-678 y").unwrap();
        std::fs::write(dir.path().join("c.bin"), gz.finish().unwrap()).unwrap();
        let scan = scan(dir.path(), &["0912345678".to_string()]);
        assert_eq!(scan.hits.len(), 8);
        assert_eq!(scan.decompressed, vec!["c.bin".to_string()]);
        let none = super::scan(dir.path(), &["0987654321".to_string()]);
        assert!(none.hits.is_empty());
    }

    #[test]
    fn digits_inside_another_number_are_not_that_number() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.html"),
            "<a href=\"tel:+84771110222\">Gọi 0771 110 222</a> 90847711102 0847711102",
        )
        .unwrap();
        let scan = scan(
            dir.path(),
            &["0847711102".to_string(), "0771110222".to_string()],
        );
        let found: Vec<(&str, usize)> = scan
            .hits
            .iter()
            .map(|h| (h.number.as_str(), h.offset))
            .collect();
        assert_eq!(scan.seen["0771110222"], 2, "{found:?}");
        assert_eq!(scan.seen["0847711102"], 1, "{found:?}");
        assert_eq!(scan.inside_other_numbers, 2, "{found:?}");
    }
}

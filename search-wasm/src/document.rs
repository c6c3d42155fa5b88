//! What goes into a shard ([`Document`]) and what comes out of a search ([`Hit`]).
//!
//! A document carries only what a result row shows plus the text it is found by; everything else
//! about a team or guide stays on its page. Phones are public numbers only: the generator filters
//! them by consent before building a document, and this crate never indexes digits from free text
//! as a phone (see [`crate::analysis`]).

use serde::{Deserialize, Serialize};

/// The three kinds of things a citizen can find.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A hamlet's community digital technology team.
    Team,
    /// A how-to guide.
    Guide,
    /// A province or commune (with its pre-2025 names as aliases).
    Place,
}

impl Kind {
    /// The number stored in the index; 0 is never used so a missing value is noticed.
    pub(crate) fn code(self) -> u64 {
        match self {
            Kind::Team => 1,
            Kind::Guide => 2,
            Kind::Place => 3,
        }
    }

    pub(crate) fn from_code(code: u64) -> Option<Kind> {
        match code {
            1 => Some(Kind::Team),
            2 => Some(Kind::Guide),
            3 => Some(Kind::Place),
            _ => None,
        }
    }

    /// Parses the serde name ("team", "guide", "place").
    pub fn from_name(name: &str) -> Option<Kind> {
        match name {
            "team" => Some(Kind::Team),
            "guide" => Some(Kind::Guide),
            "place" => Some(Kind::Place),
            _ => None,
        }
    }
}

/// One searchable thing, built by the generator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub kind: Kind,
    /// "Thôn Khe Cát", a guide title, "Xã Quảng La", "Tỉnh Quảng Ninh".
    pub title: String,
    /// Site-relative path without the base, e.g. "quang-ninh/xa-quang-la/thon-khe-cat/".
    pub url: String,
    /// Context line shown under the title: "Xã Quảng La, Tỉnh Quảng Ninh", a guide summary.
    pub subtitle: String,
    /// Names of where the thing is, searched but not shown: for a team its commune, for a
    /// commune its province. Each entry is one whole name ("Xã Quảng La"), also matched as a
    /// whole.
    pub context: Vec<String>,
    /// Wider names of where it is, counted for less: a team's province, and the pre-2025
    /// communes, districts and provinces its commune took over.
    pub around: Vec<String>,
    /// Searchable text that is not shown: member names and roles, guide text, meeting place.
    pub body: String,
    /// Other names: pre-2025 names of a place (one full name per entry, comma-separated from
    /// the district and province), guide tags, other spellings of a hamlet number.
    pub aliases: Vec<String>,
    /// Public phones only, any spelling; indexed as national digits ("0912345678").
    pub phones: Vec<String>,
    pub province: Option<u32>,
    pub commune: Option<u32>,
    /// Notes a result may show, e.g. "trước đây: xã Dân Chủ, TP Hạ Long" for each pre-2025
    /// commune a commune took over; a hit shows the one its query matches best (see [`Hit::note`]).
    pub notes: Vec<String>,
    /// Multiplies the score; 1.0 by default, higher for communes and provinces than hamlets.
    pub boost: f32,
    /// For a commune, how many teams it has (shown beside it).
    pub teams: Option<u32>,
}

impl Document {
    /// A document with the required parts; the rest empty and a boost of 1.
    pub fn new(kind: Kind, title: impl Into<String>, url: impl Into<String>) -> Document {
        Document {
            kind,
            title: title.into(),
            url: url.into(),
            subtitle: String::new(),
            context: Vec::new(),
            around: Vec::new(),
            body: String::new(),
            aliases: Vec::new(),
            phones: Vec::new(),
            province: None,
            commune: None,
            notes: Vec::new(),
            boost: 1.0,
            teams: None,
        }
    }
}

/// What to search for besides the words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchOptions {
    /// Most hits returned.
    pub limit: usize,
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Only documents of this province (documents without a province are left out).
    pub province: Option<u32>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            kind: None,
            province: None,
        }
    }
}

/// One result row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: Kind,
    /// The document's title, NFC-normalised (highlights index into this string).
    pub title: String,
    pub url: String,
    /// Comparable across shards built by the same format version.
    pub score: f32,
    pub subtitle: String,
    pub province: Option<u32>,
    pub commune: Option<u32>,
    /// For a team or a guide, the last segment of its address (the team's id, the guide's slug).
    pub id: Option<String>,
    /// For a commune, how many teams it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teams: Option<u32>,
    /// The note that holds query words its title and subtitle do not, if any: why an old
    /// address found this commune or team ("trước đây: xã Dân Chủ, …").
    pub note: Option<String>,
    /// Byte ranges of `title` that matched a query word, in order.
    pub highlights: Vec<(usize, usize)>,
}

impl Hit {
    /// The highlights as UTF-16 code-unit ranges, the offsets JavaScript strings use.
    pub fn highlights_utf16(&self) -> Vec<(usize, usize)> {
        let units = |byte: usize| self.title[..byte].encode_utf16().count();
        self.highlights
            .iter()
            .map(|&(start, end)| (units(start), units(end)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_highlights_count_code_units() {
        let hit = Hit {
            kind: Kind::Place,
            title: "Xã Quảng La".into(),
            url: String::new(),
            score: 1.0,
            subtitle: String::new(),
            province: None,
            commune: None,
            id: None,
            teams: None,
            note: None,
            highlights: vec![(4, 11), (12, 14)],
        };
        assert_eq!(hit.highlights_utf16(), [(3, 8), (9, 11)]);
    }
}

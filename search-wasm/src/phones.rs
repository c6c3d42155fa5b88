//! The national list of published phones: which team a number belongs to, found by digest.
//!
//! A citizen who types a number ("who is calling me?", or a number in the search box) may not
//! know the caller's province, so numbers are not kept in the province shards but in one list
//! for the whole country, cut into buckets by the first bits of the digest (see
//! [`crate::phone::digest`]): a lookup fetches one small file. An entry holds the digest and the
//! team, never the number. A digest stands for some twenty numbers, so a match is only a
//! candidate: [`vcard_holds`] confirms it against the team's own contact card, which lists the
//! team's published numbers (and which the citizen could open anyway).

use serde::{Deserialize, Serialize};

use crate::document::{Hit, Kind};
use crate::error::SearchError;
use crate::phone::national;

/// Most bits of the digest used to pick a bucket (4,096 buckets, some fifty numbers each at
/// national scale).
pub const MAX_BUCKET_BITS: u32 = 12;

/// The bucket a digest falls in, for a list cut into `2^bits` buckets.
pub fn bucket(digest: u32, bits: u32) -> u32 {
    let bits = bits.min(MAX_BUCKET_BITS);
    if bits == 0 {
        0
    } else {
        digest >> (24 - bits)
    }
}

/// How many bits to cut a list of `phones` numbers by: buckets of about 32 numbers, at most
/// [`MAX_BUCKET_BITS`].
pub fn bucket_bits(phones: usize) -> u32 {
    let mut bits = 0;
    while bits < MAX_BUCKET_BITS && (phones >> bits) > 32 {
        bits += 1;
    }
    bits
}

/// One published number's team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhoneEntry {
    pub digest: u32,
    pub title: String,
    /// The team's page, site-relative.
    pub url: String,
    pub subtitle: String,
    pub province: u32,
    pub commune: u32,
    /// The team's contact card, site-relative: it lists the team's published numbers.
    pub vcard: String,
}

/// One bucket of the list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PhoneBucket {
    pub teams: Vec<PhoneEntry>,
}

impl PhoneBucket {
    pub fn parse(bytes: &[u8]) -> Result<PhoneBucket, SearchError> {
        Ok(serde_json::from_slice(bytes)?)
    }

    /// Teams with a number of this digest, as hits to be confirmed.
    pub fn hits(&self, digest: u32, score: f32) -> Vec<Hit> {
        self.teams
            .iter()
            .filter(|t| t.digest == digest)
            .map(|t| Hit {
                kind: Kind::Team,
                title: t.title.clone(),
                url: t.url.clone(),
                score,
                subtitle: t.subtitle.clone(),
                province: Some(t.province),
                commune: Some(t.commune),
                id: t
                    .url
                    .trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .map(String::from),
                teams: None,
                note: None,
                highlights: Vec::new(),
            })
            .collect()
    }

    /// The entry of a hit, for its contact card.
    pub fn entry(&self, url: &str) -> Option<&PhoneEntry> {
        self.teams.iter().find(|t| t.url == url)
    }
}

/// Whether a contact card (vCard) lists this national number, in whatever spelling.
pub fn vcard_holds(vcard: &str, number: &str) -> bool {
    let Some(wanted) = national(number) else {
        return false;
    };
    vcard
        .lines()
        .filter(|line| line.to_ascii_uppercase().starts_with("TEL"))
        .filter_map(|line| line.split_once(':').map(|(_, value)| value))
        .any(|value| national(value).as_deref() == Some(wanted.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_cut_by_the_first_bits() {
        assert_eq!(bucket(0xab_cdef, 12), 0xabc);
        assert_eq!(bucket(0xab_cdef, 1), 1);
        assert_eq!(bucket(0xab_cdef, 0), 0);
        assert_eq!(bucket_bits(10), 0);
        assert_eq!(bucket_bits(54), 1);
        assert_eq!(bucket_bits(182_450), 12);
    }

    #[test]
    fn cards_confirm_numbers_in_any_spelling() {
        let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nguyễn Văn An\r\nTEL;TYPE=CELL:+84912345678\r\nEND:VCARD\r\n";
        assert!(vcard_holds(card, "0912 345 678"));
        assert!(!vcard_holds(card, "0912 345 679"));
        assert!(!vcard_holds("FN:0912345678\r\n", "0912345678"));
    }
}

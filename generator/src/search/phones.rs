//! Writing the national phone list: every published number's team, by digest, in buckets
//! (see `ngo_search::phones`). Buckets keep fixed names so a rebuild writes only those that
//! changed; the manifest's version tells caches when any did.

use std::collections::BTreeMap;

use ngo_search::phone_bucket_name;
use ngo_search::phones::{bucket, bucket_bits, PhoneBucket};
use sha2::{Digest, Sha256};

use super::documents;
use super::manifest::{PhoneList, SEARCH_DIR};
use super::SearchError;
use crate::model::Site;
use crate::output::Sink;

/// Folder of the buckets, site-relative.
pub const PHONES_DIR: &str = "search/tel/";

/// Writes the buckets; `None` when no phone is published.
pub fn write_phone_list(site: &Site, sink: &dyn Sink) -> Result<Option<PhoneList>, SearchError> {
    let mut entries = documents::phones(site);
    if entries.is_empty() {
        return Ok(None);
    }
    entries.sort_by(|a, b| (a.digest, &a.url).cmp(&(b.digest, &b.url)));
    entries.dedup();
    let bits = bucket_bits(entries.len());
    let mut buckets: BTreeMap<u32, PhoneBucket> = BTreeMap::new();
    for entry in &entries {
        let b = bucket(entry.digest, bits);
        buckets.entry(b).or_default().teams.push(entry.clone());
    }
    let mut version = Sha256::new();
    for b in 0..(1u32 << bits) {
        let bucket = buckets.remove(&b).unwrap_or_default();
        let json = serde_json::to_vec(&bucket).expect("a phone bucket serialises");
        version.update(&json);
        let name = phone_bucket_name(b, bits);
        sink.write(&format!("{PHONES_DIR}{name}.json"), &json)?;
    }
    let version: String = version.finalize()[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    debug_assert!(PHONES_DIR.starts_with(SEARCH_DIR));
    Ok(Some(PhoneList {
        dir: PHONES_DIR.to_string(),
        bits,
        version,
        numbers: entries.len(),
    }))
}

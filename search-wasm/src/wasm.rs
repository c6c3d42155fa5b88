//! The browser API: a search engine holding named shards, answering with plain objects.
//!
//! Used from a Web Worker (module worker) or Node after the wasm-bindgen `--target web` glue is
//! initialised. Shards are added by name as the page fetches them (places first, then guides
//! and the citizen's province) and can be dropped to free memory. Hits are the native [`Hit`]s
//! plus `marks`: the highlights as UTF-16 ranges, ready for `String.prototype.slice`.

use std::collections::BTreeMap;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::document::{Hit, Kind, SearchOptions};
use crate::error::SearchError;
use crate::shard::{search_all, Shard};

/// Why a call from JavaScript failed; becomes a JavaScript `Error` with this message.
#[derive(Debug, thiserror::Error)]
enum EngineError {
    #[error(transparent)]
    Shard(#[from] SearchError),
    #[error("unknown kind {0:?}: expected \"team\", \"guide\" or \"place\"")]
    Kind(String),
    #[error("could not encode the hits: {0}")]
    Encode(#[from] serde_json::Error),
}

impl From<EngineError> for JsValue {
    fn from(error: EngineError) -> JsValue {
        JsError::new(&error.to_string()).into()
    }
}

/// A hit as JavaScript receives it.
#[derive(Serialize)]
struct JsHit<'a> {
    #[serde(flatten)]
    hit: &'a Hit,
    marks: Vec<(usize, usize)>,
}

/// Searches every shard added to it.
#[wasm_bindgen]
#[derive(Default)]
pub struct SearchEngine {
    shards: BTreeMap<String, Shard>,
}

#[wasm_bindgen]
impl SearchEngine {
    /// An engine without shards.
    #[wasm_bindgen(constructor)]
    pub fn new() -> SearchEngine {
        SearchEngine::default()
    }

    /// Opens shard bytes under a name, replacing a shard of the same name.
    pub fn add_shard(&mut self, name: &str, bytes: &[u8]) -> Result<(), JsValue> {
        let shard = Shard::open(bytes).map_err(EngineError::from)?;
        self.shards.insert(name.to_string(), shard);
        Ok(())
    }

    /// Forgets a shard; returns whether it was there.
    pub fn drop_shard(&mut self, name: &str) -> bool {
        self.shards.remove(name).is_some()
    }

    /// Names of the shards held, in order.
    pub fn shard_names(&self) -> Vec<String> {
        self.shards.keys().cloned().collect()
    }

    /// The best hits across all shards, as an array of plain objects.
    /// `kind` is "team", "guide" or "place"; `province` an official province code.
    pub fn search(
        &self,
        query: &str,
        limit: u32,
        kind: Option<String>,
        province: Option<u32>,
    ) -> Result<JsValue, JsValue> {
        let kind = match kind {
            Some(name) => Some(Kind::from_name(&name).ok_or(EngineError::Kind(name))?),
            None => None,
        };
        let opts = SearchOptions {
            limit: limit as usize,
            kind,
            province,
        };
        let shards: Vec<&Shard> = self.shards.values().collect();
        let hits = search_all(&shards, query, &opts);
        let rows: Vec<JsHit> = hits
            .iter()
            .map(|hit| JsHit {
                hit,
                marks: hit.highlights_utf16(),
            })
            .collect();
        let json = serde_json::to_string(&rows).map_err(EngineError::from)?;
        js_sys::JSON::parse(&json)
    }
}

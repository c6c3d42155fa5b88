//! The browser API: the [`Engine`] behind `#[wasm_bindgen]`, answering with plain objects.
//!
//! Used from a Web Worker (module worker) or Node after the wasm-bindgen `--target web` glue is
//! initialised. The worker tells the engine which shards the portal offers, adds shards as they
//! arrive, and asks for answers; an answer lists the shards it still needs (see
//! [`crate::engine`]). Hits are the native [`Hit`]s plus `marks`: the highlights as UTF-16
//! ranges, ready for `String.prototype.slice`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::document::{Hit, Kind, SearchOptions};
use crate::engine::Engine;
use crate::error::SearchError;
use crate::shard::Shard;

/// Why a call from JavaScript failed; becomes a JavaScript `Error` with this message.
#[derive(Debug, thiserror::Error)]
enum EngineError {
    #[error(transparent)]
    Shard(#[from] SearchError),
    #[error("loại kết quả không rõ {0:?}: cần \"team\", \"guide\" hoặc \"place\"")]
    Kind(String),
    #[error("không ghi được kết quả: {0}")]
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

/// An answer as JavaScript receives it.
#[derive(Serialize)]
struct JsAnswer<'a> {
    hits: Vec<JsHit<'a>>,
    total: usize,
    needs: &'a [String],
}

/// Searches every shard added to it.
#[wasm_bindgen]
#[derive(Default)]
pub struct SearchEngine {
    engine: Engine,
}

#[wasm_bindgen]
impl SearchEngine {
    /// An engine without shards.
    #[wasm_bindgen(constructor)]
    pub fn new() -> SearchEngine {
        SearchEngine::default()
    }

    /// The shard names the portal offers (from its search manifest).
    pub fn offer(&mut self, names: Vec<String>) {
        self.engine.offer(names);
    }

    /// Opens shard bytes under a name, replacing a shard of the same name.
    pub fn add_shard(&mut self, name: &str, bytes: &[u8]) -> Result<(), JsValue> {
        let shard = Shard::open(bytes).map_err(EngineError::from)?;
        self.engine.add(name, shard);
        Ok(())
    }

    /// Forgets a shard; returns whether it was there.
    pub fn drop_shard(&mut self, name: &str) -> bool {
        self.engine.remove(name)
    }

    /// Names of the shards held, in order.
    pub fn shard_names(&self) -> Vec<String> {
        self.engine.names()
    }

    /// `{hits, total, needs}` for a query: the best hits across the loaded shards, how many
    /// documents matched, and the shards to load before asking again. `kind` is "team",
    /// "guide" or "place"; `province` the official code of the province the citizen chose.
    pub fn answer(
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
        let answer = self.engine.answer(query, &opts);
        let hits = answer
            .hits
            .iter()
            .map(|hit| JsHit {
                hit,
                marks: hit.highlights_utf16(),
            })
            .collect();
        let js = JsAnswer {
            hits,
            total: answer.total,
            needs: &answer.needs,
        };
        let json = serde_json::to_string(&js).map_err(EngineError::from)?;
        js_sys::JSON::parse(&json)
    }
}

/// The digest a shard keeps for a phone number typed in any spelling, or `undefined` when the
/// text is not a whole number.
#[wasm_bindgen]
pub fn phone_digest(text: &str) -> Option<u32> {
    crate::phone_digest(text)
}

//! The browser API: the [`Engine`] behind `#[wasm_bindgen]`, answering with plain objects.
//!
//! Used from a Web Worker (module worker) or Node after the wasm-bindgen `--target web` glue is
//! initialised. The worker tells the engine which shards the portal offers, adds shards as they
//! arrive, and asks for answers; an answer lists the shards it still needs (see
//! [`crate::engine`]). Hits are the native [`Hit`]s plus `marks`: the highlights as UTF-16
//! ranges, ready for `String.prototype.slice`.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::document::{Hit, Kind, SearchOptions};
use crate::engine::Engine;
use crate::error::SearchError;

/// Why a call from JavaScript failed; becomes a JavaScript `Error` with this message.
#[derive(Debug, thiserror::Error)]
enum EngineError {
    #[error(transparent)]
    Shard(#[from] SearchError),
    #[error("loại kết quả không rõ {0:?}: cần \"team\", \"guide\" hoặc \"place\"")]
    Kind(String),
}

impl From<EngineError> for JsValue {
    fn from(error: EngineError) -> JsValue {
        JsError::new(&error.to_string()).into()
    }
}

/// A hit as JavaScript receives it: the native [`Hit`]'s fields plus `marks`. Built field by
/// field rather than through JSON text, which would bring float formatting and a serialiser
/// into the module.
fn js_hit(hit: &Hit) -> JsValue {
    let object = Object::new();
    let kind = match hit.kind {
        Kind::Team => "team",
        Kind::Guide => "guide",
        Kind::Place => "place",
    };
    let optional = |value: Option<u32>| value.map_or(JsValue::NULL, |v| JsValue::from(v));
    set(&object, "kind", &JsValue::from_str(kind));
    set(&object, "title", &JsValue::from_str(&hit.title));
    set(&object, "url", &JsValue::from_str(&hit.url));
    set(&object, "score", &JsValue::from(hit.score));
    set(&object, "subtitle", &JsValue::from_str(&hit.subtitle));
    set(&object, "province", &optional(hit.province));
    set(&object, "commune", &optional(hit.commune));
    set(&object, "teams", &optional(hit.teams));
    let text = |value: &Option<String>| value.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    set(&object, "id", &text(&hit.id));
    set(&object, "note", &text(&hit.note));
    set(&object, "highlights", &ranges(&hit.highlights));
    set(&object, "marks", &ranges(&hit.highlights_utf16()));
    object.into()
}

fn ranges(list: &[(usize, usize)]) -> JsValue {
    list.iter()
        .map(|&(start, end)| Array::of2(&JsValue::from(start as u32), &JsValue::from(end as u32)))
        .collect::<Array>()
        .into()
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a plain property on a fresh object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

fn strings(list: &[String]) -> JsValue {
    list.iter()
        .map(|s| JsValue::from_str(s))
        .collect::<Array>()
        .into()
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

    /// The portal's phone list is cut into `2^bits` buckets (from its manifest).
    pub fn offer_phones(&mut self, bits: u32) {
        self.engine.offer_phones(bits);
    }

    /// Opens the bytes of a shard, the list of hamlets or a phone bucket under its name,
    /// replacing one of the same name.
    pub fn add_shard(&mut self, name: &str, bytes: &[u8]) -> Result<(), JsValue> {
        self.engine.open(name, bytes).map_err(EngineError::from)?;
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

    /// `{hits, phones, total, needs}` for a query: the best hits of the shards it needs, the
    /// teams found by a typed phone number (to confirm against their `vcard` before showing
    /// them first), how many documents matched, and the shards to load before asking again.
    /// `kind` is "team", "guide" or "place"; `province` the code of the province the citizen
    /// chose.
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
        let phones: Array = answer
            .phones
            .iter()
            .map(|p| {
                let phone = Object::new();
                set(&phone, "hit", &js_hit(&p.hit));
                set(&phone, "vcard", &JsValue::from_str(&p.vcard));
                set(&phone, "number", &JsValue::from_str(&p.number));
                JsValue::from(phone)
            })
            .collect();
        let result = Object::new();
        set(
            &result,
            "hits",
            &answer.hits.iter().map(js_hit).collect::<Array>(),
        );
        set(&result, "phones", &phones);
        set(&result, "total", &JsValue::from(answer.total as u32));
        set(&result, "needs", &strings(&answer.needs));
        Ok(result.into())
    }
}

/// The digest the phone list keeps for a number typed in any spelling, or `undefined` when the
/// text is not a whole number.
#[wasm_bindgen]
pub fn phone_digest(text: &str) -> Option<u32> {
    crate::phone_digest(text)
}

/// Whether a contact card (vCard text) lists the number, in any spelling.
#[wasm_bindgen]
pub fn vcard_holds(vcard: &str, number: &str) -> bool {
    crate::phones::vcard_holds(vcard, number)
}

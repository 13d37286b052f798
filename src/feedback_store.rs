//! Remembers, for this visit only (session storage), which questions the visitor has
//! already said were helpful or not, so each is voted on once per visit and a reload shows
//! the thanks instead of the question. Nothing else about the visitor is kept.

use ask_expert_core::feedback::Given;
use leptos::prelude::window;

/// What was given under `key` (`feedback::storage_key`) earlier in this visit.
pub fn load(key: &str) -> Option<Given> {
    let text = session_storage()?.get_item(key).ok().flatten()?;
    Given::from_key(&text)
}

pub fn save(key: &str, given: Given) {
    // Storage can be full or switched off; the page then remembers until it is left.
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(key, given.key());
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

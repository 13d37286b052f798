//! Keeps the visitor's unsent question in the browser so a reload, a crash or a failed
//! send loses nothing: in session storage by default (gone when the tab closes), in local
//! storage only when the visitor asks to keep it on this device.

use ask_expert_core::question_form::Draft;
use leptos::prelude::window;

use crate::browser;

pub struct DraftStore {
    key: String,
}

impl DraftStore {
    /// One draft per archive, so two archives on one site don't share a draft. The
    /// archive's address is made absolute first: `archive.json` on two pages is two
    /// archives.
    pub fn new(archive_url: &str) -> DraftStore {
        DraftStore {
            key: format!("ask-expert:draft:{}", browser::absolute_url(archive_url)),
        }
    }

    /// The saved draft, and whether it was kept on the device.
    pub fn load(&self) -> Option<(Draft, bool)> {
        for (storage, kept) in [(local_storage(), true), (session_storage(), false)] {
            let saved = storage.and_then(|storage| storage.get_item(&self.key).ok().flatten());
            if let Some(draft) = saved.and_then(|text| serde_json::from_str::<Draft>(&text).ok()) {
                return Some((draft, kept));
            }
        }
        None
    }

    pub fn save(&self, draft: &Draft, keep_on_device: bool) {
        let (chosen, other) = if keep_on_device {
            (local_storage(), session_storage())
        } else {
            (session_storage(), local_storage())
        };
        if let Some(other) = other {
            let _ = other.remove_item(&self.key);
        }
        if let (Some(storage), Ok(text)) = (chosen, serde_json::to_string(draft)) {
            // Storage can be full or switched off; the draft then lives only in the page.
            let _ = storage.set_item(&self.key, &text);
        }
    }

    pub fn clear(&self) {
        for storage in [local_storage(), session_storage()].into_iter().flatten() {
            let _ = storage.remove_item(&self.key);
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

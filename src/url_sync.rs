//! Keeps the address bar and the view in step: view changes become history entries (so
//! Back works), and Back, Forward or a pasted link become view changes.

use std::sync::Arc;

use ask_expert_core::archive::Archive;
use ask_expert_core::config::Config;
use ask_expert_core::url_state::{self, UrlState};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::browse_state::BrowseState;

pub fn read_address(config: &Config) -> UrlState {
    let search = location().search().unwrap_or_default();
    let mut state = url_state::read(&search, &config.url_prefix);
    if !config.search_in_url {
        state.query = None;
    }
    state
}

/// The address of one question, for sharing: this page without the view's parameters.
pub fn question_link(config: &Config, id: &str) -> String {
    let location = location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let search = url_state::write(
        &location.search().unwrap_or_default(),
        &UrlState::default(),
        &config.url_prefix,
        false,
    );
    format!("{origin}{path}{search}{}", url_state::question_hash(id))
}

pub fn install(state: BrowseState, archive: Arc<Archive>, config: &Config) {
    let prefix = config.url_prefix.clone();
    let search_in_url = config.search_in_url;
    let written = StoredValue::new(read_address(config));
    {
        let archive = Arc::clone(&archive);
        Effect::new(move |_| {
            let wanted = state.url_state(&archive);
            let previous = written.get_value();
            let location = location();
            let current = location.search().unwrap_or_default();
            let search = url_state::write(&current, &wanted, &prefix, search_in_url);
            written.set_value(wanted.clone());
            if search == current {
                return;
            }
            let address = format!(
                "{}{}{}",
                location.pathname().unwrap_or_default(),
                search,
                location.hash().unwrap_or_default()
            );
            // Typing a search replaces the entry; a click on a box, a page or a sort adds one.
            let navigated = wanted.categories != previous.categories
                || wanted.page != previous.page
                || wanted.sort != previous.sort;
            let history = window().history().expect("a browser window has a history");
            let _ = if navigated {
                history.push_state_with_url(&JsValue::NULL, "", Some(&address))
            } else {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&address))
            };
        });
    }
    let config = config.clone();
    let listener = window_event_listener(leptos::ev::popstate, move |_| {
        let address = read_address(&config);
        written.set_value(address.clone());
        state.apply_url_state(&archive, &address);
    });
    on_cleanup(move || listener.remove());
}

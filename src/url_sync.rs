//! Keeps the address bar and the view in step. The view follows the address on load, Back,
//! Forward and a `#question-…` link; the address follows the view, adding a history entry
//! or replacing the current one as `ask_expert_core::view` rules (`Change::entry`).

use ask_expert_core::archive::Archive;
use ask_expert_core::config::Config;
use ask_expert_core::url_state::{self, UrlState};
use ask_expert_core::view::{self, Change, Entry};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::browse_state::BrowseState;
use crate::components::question_card::heading_id;
use crate::dom;

pub fn read_address(config: &Config) -> UrlState {
    let search = location().search().unwrap_or_default();
    let mut state = url_state::read(&search, &config.url_prefix);
    if !config.search_in_url {
        state.query = entry_query(&query_key(config));
    }
    state
}

/// Where an entry keeps its search when the address may not hold it: in the entry's own
/// history state, which Back, Forward and a reload bring back, and which never leaves the
/// browser. Keyed by the parameter prefix, beside whatever the host page keeps there.
fn query_key(config: &Config) -> String {
    format!("ask-expert:{}query", config.url_prefix)
}

/// The search the current history entry showed, if it kept one.
fn entry_query(key: &str) -> Option<String> {
    let state = window().history().ok()?.state().ok()?;
    if !state.is_object() {
        return None;
    }
    js_sys::Reflect::get(&state, &JsValue::from_str(key))
        .ok()?
        .as_string()
}

/// A history state holding `query` under `key`; when the current entry is replaced, the
/// host page's own keys in its state are kept.
fn entry_state_with(key: &str, query: Option<&str>, entry: Entry) -> JsValue {
    let state = js_sys::Object::new();
    if entry == Entry::Replace {
        let current = window()
            .history()
            .ok()
            .and_then(|history| history.state().ok());
        if let Some(current) = current.filter(JsValue::is_object) {
            js_sys::Object::assign(&state, &current.into());
        }
    }
    let value = query.map_or(JsValue::UNDEFINED, JsValue::from_str);
    let _ = js_sys::Reflect::set(&state, &JsValue::from_str(key), &value);
    state.into()
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

/// Shows what the address says: its view, and the question its fragment names (unfolded,
/// with focus on its heading).
pub fn follow_address(state: BrowseState, archive: &Archive, config: &Config) {
    let address = read_address(config);
    let shown = untrack(|| state.address_state());
    if !view::describes(&address, &shown, config.search_in_url) || !state.is_ready() {
        state.apply_url_state(&address);
    }
    let hash = location().hash().unwrap_or_default();
    let named =
        url_state::question_from_hash(&hash).and_then(|id| view::find_question(archive, &id));
    match named {
        Some(index) => {
            state.open_question(index, Change::FromAddress);
            request_animation_frame(move || dom::focus_by_id(&heading_id(index)));
        }
        // Back to an entry without the fragment: the question is no longer the linked one.
        None if state.opened.get_untracked().is_some() => state.opened.set(None),
        None => {}
    }
}

/// Writes the view into the address whenever it changes, and follows Back and Forward.
pub fn install(state: BrowseState, archive: std::sync::Arc<Archive>, config: &Config) {
    let prefix = config.url_prefix.clone();
    let search_in_url = config.search_in_url;
    let key = query_key(config);
    // The change that wrote the entry on screen: a run of order changes shares one entry.
    let current_entry = StoredValue::new(Change::FromAddress);
    Effect::new(move |_| {
        let wanted = state.address_state();
        let opened = state.opened_id();
        let change = state.take_change();
        let location = location();
        let (current_search, current_hash) = (
            location.search().unwrap_or_default(),
            location.hash().unwrap_or_default(),
        );
        let (search, hash) = view::address(
            &current_search,
            &current_hash,
            &wanted,
            opened.as_deref(),
            &prefix,
            search_in_url,
        );
        // Without the search in the address, the entry's state holds it instead.
        let kept_query = (!search_in_url)
            .then_some(wanted.query.as_deref())
            .flatten();
        let query_moved = !search_in_url && entry_query(&key).as_deref() != kept_query;
        if search == current_search && hash == current_hash && !query_moved {
            return;
        }
        let address = format!("{}{search}{hash}", location.pathname().unwrap_or_default());
        let history = window().history().expect("a browser window has a history");
        let entry = change.entry(current_entry.get_value());
        current_entry.set_value(change);
        let entry_state = entry_state_with(&key, kept_query, entry);
        let _ = match entry {
            Entry::Push => history.push_state_with_url(&entry_state, "", Some(&address)),
            Entry::Replace => history.replace_state_with_url(&entry_state, "", Some(&address)),
        };
    });
    let config = config.clone();
    // Back and Forward fire popstate; a fragment typed or followed fires hashchange (and in
    // some browsers popstate too): following the address twice changes nothing.
    let follow = move || {
        current_entry.set_value(Change::FromAddress);
        follow_address(state, &archive, &config)
    };
    let back_or_forward = {
        let follow = follow.clone();
        window_event_listener(leptos::ev::popstate, move |_| follow())
    };
    let fragment = window_event_listener(leptos::ev::hashchange, move |_| follow());
    on_cleanup(move || {
        back_or_forward.remove();
        fragment.remove();
    });
}

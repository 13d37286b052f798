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

/// Shows what the address says: its view, and the question its fragment names (unfolded,
/// with focus on its heading).
pub fn follow_address(state: BrowseState, archive: &Archive, config: &Config) {
    let address = read_address(config);
    let shown = untrack(|| state.address_state());
    if !view::describes(&address, &shown, config.search_in_url) || !state.is_ready() {
        state.apply_url_state(&address);
    }
    let hash = location().hash().unwrap_or_default();
    let named = url_state::question_from_hash(&hash).and_then(|id| {
        archive
            .questions
            .iter()
            .position(|question| question.id == id)
    });
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
        if search == current_search && hash == current_hash {
            return;
        }
        let address = format!("{}{search}{hash}", location.pathname().unwrap_or_default());
        let history = window().history().expect("a browser window has a history");
        let _ = match change.entry() {
            Entry::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&address)),
            Entry::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&address)),
        };
    });
    let config = config.clone();
    // Back and Forward fire popstate; a fragment typed or followed fires hashchange (and in
    // some browsers popstate too): following the address twice changes nothing.
    let follow = move || follow_address(state, &archive, &config);
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

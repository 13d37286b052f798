//! The search box: searches as the visitor types; Escape or the clear button empties it.
//! Its notes (closest matches, synonyms also searched) are announced as they change.

use ask_expert_core::wording;
use leptos::html;
use leptos::prelude::*;

use crate::browse_state::use_browse;
use crate::built_source::BuiltSource;
use crate::components::archive_view::results_facts;
use crate::locale::use_strings;

pub const SEARCH_INPUT_ID: &str = "ae-search";

#[component]
pub fn SearchBox() -> impl IntoView {
    let state = use_browse();
    let i18n = use_strings();
    let label = i18n.text("label.search");
    let clear_label = i18n.text("search.clear");
    let archive_size = use_context::<std::sync::Arc<ask_expert_core::archive::Archive>>()
        .map_or(0, |archive| archive.questions.len());
    let built = use_context::<BuiltSource>();
    let input_ref = NodeRef::<html::Input>::new();
    let clear = move || {
        state.type_query(String::new());
        if let Some(input) = input_ref.get() {
            let _ = input.focus();
        }
    };
    let has_text = move || state.query.with(|query| !query.is_empty());
    let notes = move || {
        i18n.with_words(|words| wording::search_notes(words, &results_facts(state, archive_size)))
    };
    view! {
        <div class="ae-search" role="search">
            <label class="ae-search__label" for=SEARCH_INPUT_ID>{label}</label>
            <div class="ae-search__row">
                <input type="search" id=SEARCH_INPUT_ID class="ae-input ae-search__input"
                    node_ref=input_ref
                    autocomplete="off" spellcheck="false" aria-describedby="ae-search-notes"
                    prop:value=move || state.query.get()
                    on:focus=move |_| {
                        if let Some(source) = built {
                            source.prefetch_search();
                        }
                    }
                    on:input=move |event| state.type_query(event_target_value(&event))
                    on:keydown=move |event| {
                        if event.key() == "Escape" && has_text() {
                            event.prevent_default();
                            clear();
                        }
                    }/>
                <Show when=has_text>
                    <button type="button" class="ae-button ae-button--secondary ae-search__clear"
                        on:click=move |_| clear()>
                        {clear_label.clone()}
                    </button>
                </Show>
            </div>
            <div class="ae-search__notes" id="ae-search-notes" aria-live="polite">
                {move || notes().into_iter().map(|note| view! { <p>{note}</p> }).collect_view()}
            </div>
        </div>
    }
}

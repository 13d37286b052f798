use leptos::html;
use leptos::prelude::*;

use crate::browse_state::BrowseState;
use crate::search_state::SearchState;

/// Searches as the visitor types; Escape or the clear button empties it.
#[component]
pub fn SearchBox(browse: BrowseState, search: SearchState, label: String) -> impl IntoView {
    let input_ref = NodeRef::<html::Input>::new();
    let set_query = move |query: String| {
        browse.query.set(query);
        browse.back_to_first_page();
    };
    let clear = move || {
        set_query(String::new());
        if let Some(input) = input_ref.get() {
            let _ = input.focus();
        }
    };
    let has_text = move || browse.query.with(|query| !query.is_empty());
    let notes = move || {
        let mut notes = Vec::new();
        if search.is_preparing(browse) {
            notes.push("Preparing search…".to_owned());
        }
        if let Some(summary) = search.summary.get() {
            if !summary.matched_all_words {
                notes.push(
                    "No question has all of your words, so these are the closest matches."
                        .to_owned(),
                );
            }
            if !summary.also_searched.is_empty() {
                notes.push(format!(
                    "Also searched: {}.",
                    summary.also_searched.join(", ")
                ));
            }
        }
        notes
    };
    view! {
        <div class="ae-search" role="search">
            <label class="ae-search__label" for="ae-search">{label}</label>
            <div class="ae-search__row">
                <input type="search" id="ae-search" class="ae-input ae-search__input" node_ref=input_ref
                    autocomplete="off" spellcheck="false" aria-describedby="ae-search-notes"
                    prop:value=move || browse.query.get()
                    on:input=move |event| set_query(event_target_value(&event))
                    on:keydown=move |event| {
                        if event.key() == "Escape" && has_text() {
                            event.prevent_default();
                            clear();
                        }
                    }/>
                <Show when=has_text>
                    <button type="button" class="ae-button ae-button--secondary ae-search__clear" on:click=move |_| clear()>
                        "Clear search"
                    </button>
                </Show>
            </div>
            <div class="ae-search__notes" id="ae-search-notes">
                {move || notes().into_iter().map(|note| view! { <p>{note}</p> }).collect_view()}
            </div>
        </div>
    }
}

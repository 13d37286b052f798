use std::sync::Arc;

use ask_expert_core::archive::Archive;
use leptos::prelude::*;

use crate::browse_state::BrowseState;

/// Each ticked box as a removable chip, and "Clear all".
#[component]
pub fn ActiveFilters(archive: Arc<Archive>, state: BrowseState) -> impl IntoView {
    let ticked = move || {
        state
            .selection
            .with(|selection| selection.checked().collect::<Vec<_>>())
    };
    let archive = StoredValue::new(archive);
    let label_of = move |category: usize| {
        archive.with_value(|archive| archive.categories.get(category).label.clone())
    };
    view! {
        <Show when=move || state.selection.with(|selection| !selection.is_empty())>
            <div class="ae-chips" role="group" aria-label="Active filters">
                <For each=ticked key=|category| *category let:category>
                    {
                        let label = label_of(category);
                        view! {
                            <button type="button" class="ae-chip" aria-label=format!("Remove {label}")
                                on:click=move |_| state.remove_category(category)>
                                {label.clone()} <span aria-hidden="true" class="ae-chip__cross">"×"</span>
                            </button>
                        }
                    }
                </For>
                <button type="button" class="ae-link-button" on:click=move |_| state.clear_categories()>"Clear all"</button>
            </div>
        </Show>
    }
}

//! Each ticked box as a removable chip, and "Clear all". Focus never falls back to the page:
//! after a chip goes it moves to the next chip (or the previous one), and after the last
//! one or "Clear all" to the results count.

use std::sync::Arc;

use ask_expert_core::archive::Archive;
use leptos::prelude::*;

use crate::browse_state::use_browse;
use crate::dom;
use crate::dom::focus_results_count;
use crate::locale::use_strings;
use ask_expert_core::locale::Arg;

fn chip_id(category: usize) -> String {
    format!("ae-chip-{category}")
}

#[component]
pub fn ActiveFilters() -> impl IntoView {
    let state = use_browse();
    let i18n = use_strings();
    let archive = StoredValue::new(expect_context::<Arc<Archive>>());
    let ticked = move || {
        state
            .selection
            .with(|selection| selection.checked().collect::<Vec<_>>())
    };
    let label_of = move |category: usize| {
        archive.with_value(|archive| archive.categories.get(category).label.clone())
    };
    let remove = move |category: usize| {
        let before = ticked();
        let position = before.iter().position(|&ticked| ticked == category);
        let neighbour = position.and_then(|position| {
            before
                .get(position + 1)
                .or_else(|| {
                    position
                        .checked_sub(1)
                        .and_then(|previous| before.get(previous))
                })
                .copied()
        });
        state.remove_category(category);
        match neighbour {
            Some(next) => request_animation_frame(move || dom::focus_by_id(&chip_id(next))),
            None => focus_results_count(),
        }
    };
    view! {
        <Show when=move || state.selection.with(|selection| !selection.is_empty())>
            <div class="ae-chips" role="group" aria-label=i18n.text("chips.label")>
                <For each=ticked key=|category| *category let:category>
                    {
                        let label = label_of(category);
                        let name = i18n.format("chips.remove", &[("topic", Arg::Text(&label))]);
                        view! {
                            <button type="button" class="ae-chip" id=chip_id(category)
                                aria-label=name
                                on:click=move |_| remove(category)>
                                {label.clone()}
                                <span aria-hidden="true" class="ae-chip__cross">"×"</span>
                            </button>
                        }
                    }
                </For>
                <button type="button" class="ae-link-button" on:click=move |_| {
                    state.clear_categories();
                    focus_results_count();
                }>{i18n.text("chips.clear_all")}</button>
            </div>
        </Show>
    }
}

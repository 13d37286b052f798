//! The category boxes: a tree of checkboxes with live counts, branches that open and close,
//! and "Show more" for long lists.

use std::sync::Arc;

use ask_expert_core::archive::{Archive, CategoryIndex};
use ask_expert_core::facets::BoxState;
use leptos::prelude::*;

use crate::browse_state::BrowseState;

/// Lists longer than this show their first `SHOWN_BEFORE_MORE` entries and a "Show more".
const LONG_LIST: usize = 8;
const SHOWN_BEFORE_MORE: usize = 6;

/// On narrow screens the boxes fold away behind a "Filter (N)" button, N being how many
/// are ticked; on wide screens they are always shown and the button is not.
#[component]
pub fn CategoryFilter(archive: Arc<Archive>, state: BrowseState, legend: String) -> impl IntoView {
    let roots: Vec<CategoryIndex> = archive.categories.roots().collect();
    let open = RwSignal::new(false);
    let ticked = move || state.selection.with(|selection| selection.len());
    view! {
        <button type="button" class="ae-button ae-button--secondary ae-filter-toggle"
            aria-expanded=move || open.get().to_string() aria-controls="ae-filter-panel"
            on:click=move |_| open.update(|open| *open = !*open)>
            {move || format!("Filter ({})", ticked())}
        </button>
        <div class="ae-filter-panel" id="ae-filter-panel" class:ae-filter-panel--open=move || open.get()>
            <fieldset class="ae-filter">
                <legend class="ae-filter__legend">{legend}</legend>
                <p class="ae-filter__hint">"Tick one or more boxes. A topic includes everything under it."</p>
                <CategoryList archive nodes=roots state depth=0/>
            </fieldset>
        </div>
    }
}

#[component]
fn CategoryList(
    archive: Arc<Archive>,
    nodes: Vec<CategoryIndex>,
    state: BrowseState,
    depth: usize,
) -> impl IntoView {
    let long = nodes.len() > LONG_LIST;
    let showing_all = RwSignal::new(!long);
    let hidden_count = nodes.len().saturating_sub(SHOWN_BEFORE_MORE);
    let items = nodes
        .into_iter()
        .enumerate()
        .map(|(position, node)| {
            let beyond_fold = long && position >= SHOWN_BEFORE_MORE;
            view! {
                <li hidden=move || beyond_fold && !showing_all.get()>
                    <CategoryBox archive=Arc::clone(&archive) node state depth/>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="ae-filter__list" class:ae-filter__list--nested={depth > 0}>
            {items}
        </ul>
        {long.then(|| view! {
            <button type="button" class="ae-link-button ae-filter__more" aria-expanded=move || showing_all.get().to_string()
                on:click=move |_| showing_all.update(|all| *all = !*all)>
                {move || if showing_all.get() { "Show fewer".to_owned() } else { format!("Show {hidden_count} more") }}
            </button>
        })}
    }
}

#[component]
fn CategoryBox(
    archive: Arc<Archive>,
    node: CategoryIndex,
    state: BrowseState,
    depth: usize,
) -> AnyView {
    let category = archive.categories.get(node).clone();
    let input_id = format!("ae-category-{node}");
    let children_id = format!("ae-category-{node}-children");
    let has_children = !category.children.is_empty();
    let box_state = {
        let archive = Arc::clone(&archive);
        Memo::new(move |_| {
            state
                .selection
                .with(|selection| selection.state(&archive.categories, node))
        })
    };
    // Top-level branches start open, and so does any branch with a ticked box inside.
    let starts_open = depth == 0 || matches!(box_state.get_untracked(), BoxState::Mixed);
    let open = RwSignal::new(starts_open);
    let count = Memo::new(move |_| state.result.with(|result| result.box_counts[node]));
    let label = category.label.clone();
    let toggle_label = category.label.clone();
    let on_change = {
        let archive = Arc::clone(&archive);
        move |_| state.toggle_category(&archive, node)
    };
    let children = has_children.then(|| {
        view! {
            <div id=children_id.clone() hidden=move || !open.get()>
                <CategoryList archive=Arc::clone(&archive) nodes=category.children.clone() state depth=depth + 1/>
            </div>
        }
        .into_any()
    });
    view! {
        <div class="ae-box" class:ae-box--empty=move || count.get() == 0
            class:ae-box--included=move || box_state.get() == BoxState::Included>
            <input type="checkbox" class="ae-box__input" id=input_id.clone()
                prop:checked=move || matches!(box_state.get(), BoxState::Checked | BoxState::Included)
                prop:indeterminate=move || box_state.get() == BoxState::Mixed
                on:change=on_change/>
            <label class="ae-box__label" for=input_id>
                {label}
                <span class="ae-box__count">" (" {move || count.get()} ")"</span>
            </label>
            {has_children.then(|| view! {
                <button type="button" class="ae-box__toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=children_id.clone()
                    aria-label=move || format!("{} subtopics of {toggle_label}", if open.get() { "Hide" } else { "Show" })
                    on:click=move |_| open.update(|open| *open = !*open)>
                    <span aria-hidden="true" class="ae-box__chevron"></span>
                </button>
            })}
        </div>
        {children}
    }
    .into_any()
}

//! The category boxes: a tree of checkboxes with live counts, branches that open and close,
//! and "Show more" for long lists.
//!
//! A ticked or mixed box is never out of sight when the selection arrives from elsewhere
//! (a shared link, Back or Forward): its branch opens and its list unfolds. The visitor may
//! still close a branch by hand; a list never folds away a ticked box.

use std::sync::Arc;

use ask_expert_core::archive::{Archive, CategoryIndex};
use ask_expert_core::facets::BoxState;
use leptos::prelude::*;

use crate::browse_state::use_browse;
use crate::dom;
use crate::locale::use_strings;
use ask_expert_core::locale::Arg;

/// Lists longer than this show their first `SHOWN_BEFORE_MORE` entries and a "Show more".
pub(crate) const LONG_LIST: usize = 8;
pub(crate) const SHOWN_BEFORE_MORE: usize = 6;

pub(crate) fn input_id(node: CategoryIndex) -> String {
    format!("ae-category-{node}")
}

/// Counts selections that came from the history (Back, Forward) rather than from a click.
#[derive(Clone, Copy)]
struct Arrivals(RwSignal<u32>);

/// True for the boxes that must stay in sight.
fn marked(state: BoxState) -> bool {
    matches!(state, BoxState::Checked | BoxState::Mixed)
}

/// On narrow screens the boxes fold away behind a "Filter (N)" button, N being how many
/// are ticked; on wide screens they are always shown and the button is not. While open on
/// a narrow screen, "Show N questions" closes the panel and takes the visitor to the
/// results.
#[component]
pub fn CategoryFilter() -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let state = use_browse();
    let i18n = use_strings();
    let legend = i18n.text("label.filter");
    let hint = i18n.text("filter.hint");
    let toggle_text =
        { move |ticked: usize| i18n.format("filter.toggle", &[("count", Arg::Count(ticked))]) };
    let roots: Vec<CategoryIndex> = archive.categories.roots().collect();
    let open = RwSignal::new(false);
    // Back and Forward may bring back ticks inside branches the visitor had closed.
    let arrivals = Arrivals(RwSignal::new(0));
    provide_context(arrivals);
    let listener = window_event_listener(leptos::ev::popstate, move |_| {
        arrivals.0.update(|count| *count += 1)
    });
    on_cleanup(move || listener.remove());
    let ticked = move || state.selection.with(|selection| selection.len());
    let total = move || state.result.with(|result| result.total());
    let show_results = move |_| {
        open.set(false);
        dom::focus_results_count();
    };
    view! {
        <button type="button" class="ae-button ae-button--secondary ae-filter-toggle"
            aria-expanded=move || open.get().to_string() aria-controls="ae-filter-panel"
            on:click=move |_| open.update(|open| *open = !*open)>
            {move || toggle_text(ticked())}
        </button>
        <div class="ae-filter-panel" id="ae-filter-panel"
            class:ae-filter-panel--open=move || open.get()>
            <fieldset class="ae-filter">
                <legend class="ae-filter__legend">{legend}</legend>
                <p class="ae-filter__hint">{hint}</p>
                <CategoryList nodes=roots depth=0/>
            </fieldset>
            <button type="button" class="ae-button ae-filter-done" on:click=show_results>
                {move || i18n.count("filter.show_results", total())}
            </button>
        </div>
    }
}

#[component]
fn CategoryList(nodes: Vec<CategoryIndex>, depth: usize) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let state = use_browse();
    let i18n = use_strings();
    let long = nodes.len() > LONG_LIST;
    let folded: Vec<CategoryIndex> = if long {
        nodes[SHOWN_BEFORE_MORE..].to_vec()
    } else {
        Vec::new()
    };
    let first_folded = folded.first().copied();
    let hidden_count = folded.len();
    // A ticked box beyond the fold unfolds the list, and keeps it unfolded.
    let marked_beyond_fold = {
        let archive = Arc::clone(&archive);
        Memo::new(move |_| {
            state.selection.with(|selection| {
                folded
                    .iter()
                    .any(|&node| marked(selection.state(&archive.categories, node)))
            })
        })
    };
    let showing_all = RwSignal::new(!long || marked_beyond_fold.get_untracked());
    // Once unfolded for a ticked box, the list stays so: unticking that box must not fold
    // it away from under the pointer or the keyboard focus.
    Effect::watch(
        move || marked_beyond_fold.get(),
        move |&marked, _, _| {
            if marked && !showing_all.get_untracked() {
                showing_all.set(true);
            }
        },
        false,
    );
    let unfolded = move || showing_all.get() || marked_beyond_fold.get();
    let items = nodes
        .into_iter()
        .enumerate()
        .map(|(position, node)| {
            let beyond_fold = long && position >= SHOWN_BEFORE_MORE;
            view! {
                <li hidden=move || beyond_fold && !unfolded()>
                    <CategoryBox node depth/>
                </li>
            }
        })
        .collect_view();
    let more_or_fewer = move |_| {
        let unfolding = !showing_all.get_untracked();
        showing_all.set(unfolding);
        // The boxes shown appear above the button: bring the keyboard to the first of them.
        if let (true, Some(first)) = (unfolding, first_folded) {
            request_animation_frame(move || dom::focus_by_id(&input_id(first)));
        }
    };
    view! {
        <ul class="ae-filter__list" class:ae-filter__list--nested={depth > 0}>
            {items}
        </ul>
        {long.then(|| view! {
            // Folding would hide a ticked box, so it is not offered then.
            <button type="button" class="ae-link-button ae-filter__more"
                aria-expanded=move || unfolded().to_string()
                hidden=move || marked_beyond_fold.get()
                on:click=more_or_fewer>
                {move || if unfolded() {
                    i18n.text("filter.show_fewer")
                } else {
                    i18n.count("filter.show_more", hidden_count)
                }}
            </button>
        })}
    }
}

#[component]
fn CategoryBox(node: CategoryIndex, depth: usize) -> AnyView {
    let archive = expect_context::<Arc<Archive>>();
    let state = use_browse();
    let category = archive.categories.get(node).clone();
    let input_id = input_id(node);
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
    if has_children {
        // A change inside the branch, or Back or Forward, opens it if it leaves a ticked box
        // inside; a branch the visitor closed stays closed until then.
        let arrivals = use_context::<Arrivals>().map(|arrivals| arrivals.0);
        let marks_below = {
            let archive = Arc::clone(&archive);
            Memo::new(move |_| {
                state
                    .selection
                    .with(|selection| selection.marks_below(&archive.categories, node))
            })
        };
        Effect::watch(
            move || {
                marks_below.track();
                arrivals.track();
            },
            move |_, _, _| {
                if box_state.get_untracked() == BoxState::Mixed && !open.get_untracked() {
                    open.set(true);
                }
            },
            false,
        );
    }
    let count = Memo::new(move |_| state.result.with(|result| result.box_counts[node]));
    let label = category.label.clone();
    let toggle_label = category.label.clone();
    let i18n = use_strings();
    let on_change = {
        let archive = Arc::clone(&archive);
        move |_| state.toggle_category(&archive, node)
    };
    let children = has_children.then(|| {
        view! {
            <div id=children_id.clone() hidden=move || !open.get()>
                <CategoryList nodes=category.children.clone() depth=depth + 1/>
            </div>
        }
        .into_any()
    });
    view! {
        <div class="ae-box" class:ae-box--empty=move || count.get() == 0
            class:ae-box--included=move || box_state.get() == BoxState::Included>
            <input type="checkbox" class="ae-box__input" id=input_id.clone()
                prop:checked=move || {
                    matches!(box_state.get(), BoxState::Checked | BoxState::Included)
                }
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
                    aria-label=move || i18n.format(
                        if open.get() { "filter.hide_subtopics" } else { "filter.show_subtopics" },
                        &[("topic", Arg::Text(&toggle_label))],
                    )
                    on:click=move |_| open.update(|open| *open = !*open)>
                    <span aria-hidden="true" class="ae-box__chevron"></span>
                </button>
            })}
        </div>
        {children}
    }
    .into_any()
}

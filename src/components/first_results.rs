//! The first results of a built archive, from its manifest alone: the title, the boxes with
//! their counts, the total and the newest questions, while the rest is on its way. The boxes
//! wait (disabled) for the column file; what is typed in the search box is kept and handed
//! to the whole view when it comes, and focusing the box starts fetching the search index.

use std::sync::Arc;

use ask_expert_core::archive::{Archive, CategoryIndex};
use ask_expert_core::config::Config;
use ask_expert_core::locale::Arg;
use ask_expert_core::view;
use ask_expert_core::wording::{self, ResultsFacts, SearchFacts};
use leptos::prelude::*;

use crate::built_source::BuiltSource;
use crate::components::archive_view::CarriedOver;
use crate::components::category_filter::{LONG_LIST, SHOWN_BEFORE_MORE, input_id};
use crate::components::question_card::{Card, CardFollows};
use crate::components::search_box::SEARCH_INPUT_ID;
use crate::components::side_panels::SidePanels;
use crate::dom;
use crate::locale::{I18n, use_strings};

/// `archive` holds the manifest's first questions only, newest first. `on_search_focus`
/// runs when the search box gets focus (the whole app starts fetching the search index).
/// The cards offer no "Was this helpful?": they are replaced when the whole view comes, and
/// a comment begun on them would go with them.
#[component]
pub fn FirstResults(
    archive: Arc<Archive>,
    config: Config,
    source: BuiltSource,
    early: CarriedOver,
    on_search_focus: Callback<()>,
) -> impl IntoView {
    let i18n = use_strings();
    // Focus was in the first screen's search box, which this view replaces.
    if early.focused.get_untracked() {
        Effect::new(move |_| {
            if let Some(input) = dom::element_by_id(SEARCH_INPUT_ID) {
                let _ = input.focus();
            }
        });
    }
    early.refocus_card_control();
    provide_context(CardFollows::nothing());
    provide_context(early);
    early.forget_opened_once_shown();
    provide_context(Arc::clone(&archive));
    provide_context(config);
    provide_context(source);
    let (total, counts) = source.with_untracked(|built| {
        (
            built.manifest().total,
            built.manifest().category_counts.clone(),
        )
    });
    let roots: Vec<CategoryIndex> = archive.categories.roots().collect();
    // Laid out as the whole view's boxes: behind "Filter" on a narrow screen.
    let boxes = (!roots.is_empty()).then(|| {
        let open = RwSignal::new(false);
        let toggle = i18n.format("filter.toggle", &[("count", Arg::Count(0))]);
        view! {
            <button type="button" class="ae-button ae-button--secondary ae-filter-toggle"
                aria-expanded=move || open.get().to_string() aria-controls="ae-filter-panel"
                on:click=move |_| open.update(|open| *open = !*open)>
                {toggle}
            </button>
            <div class="ae-filter-panel" id="ae-filter-panel"
                class:ae-filter-panel--open=move || open.get()>
                <fieldset class="ae-filter" disabled=true>
                    <legend class="ae-filter__legend">{i18n.text("label.filter")}</legend>
                    <p class="ae-filter__hint">{i18n.text("filter.hint")}</p>
                    {box_list(&archive, &counts, roots, 0, i18n)}
                </fieldset>
            </div>
        }
    });
    // A search typed here waits for the whole view, and says so.
    let count_line = move || {
        let facts = ResultsFacts {
            archive_size: total,
            shown: total,
            filtered: false,
            search: if early.text.with(|text| view::is_search(text)) {
                SearchFacts::Preparing
            } else {
                SearchFacts::None
            },
        };
        i18n.with_words(|words| wording::count_line(words, &facts))
    };
    let cards = archive
        .questions
        .iter()
        .enumerate()
        .map(|(index, question)| view! { <Card index question=question.clone()/> })
        .collect_view();
    view! {
        <div class="ae-layout">
            <div class="ae-sidebar">{boxes}</div>
            <div class="ae-main">
                <div class="ae-search" role="search">
                    <label class="ae-search__label" for=SEARCH_INPUT_ID>
                        {i18n.text("label.search")}
                    </label>
                    <div class="ae-search__row">
                        <input type="search" id=SEARCH_INPUT_ID
                            class="ae-input ae-search__input"
                            autocomplete="off" spellcheck="false"
                            prop:value=move || early.text.get()
                            on:focus=move |_| {
                                early.focused.set(true);
                                on_search_focus.run(());
                            }
                            on:blur=move |_| early.focused.set(false)
                            on:input=move |event| early.text.set(event_target_value(&event))/>
                    </div>
                </div>
                <div class="ae-results-bar">
                    <p class="ae-count" id=dom::RESULTS_COUNT_ID role="status" tabindex="-1">
                        {count_line}
                    </p>
                </div>
                <div class="ae-results">
                    {cards}
                </div>
            </div>
            <div class="ae-panels-column">
                <SidePanels/>
            </div>
        </div>
    }
}

/// The boxes as the whole view lays them out, with the manifest's counts: top-level
/// branches open, deeper ones folded behind their (for now disabled) toggles.
fn box_list(
    archive: &Archive,
    counts: &[usize],
    nodes: Vec<CategoryIndex>,
    depth: usize,
    i18n: I18n,
) -> AnyView {
    // Long lists show their first few, as the whole view folds them.
    let long = nodes.len() > LONG_LIST;
    let open = depth == 0;
    let items = nodes
        .into_iter()
        .enumerate()
        .map(|(position, node)| {
            let category = archive.categories.get(node);
            let id = input_id(node);
            let count = counts.get(node).copied().unwrap_or(0);
            let has_children = !category.children.is_empty();
            let toggle = has_children.then(|| {
                let label = i18n.format(
                    if open {
                        "filter.hide_subtopics"
                    } else {
                        "filter.show_subtopics"
                    },
                    &[("topic", Arg::Text(&category.label))],
                );
                view! {
                    <button type="button" class="ae-box__toggle"
                        aria-expanded=open.to_string() aria-label=label>
                        <span aria-hidden="true" class="ae-box__chevron"></span>
                    </button>
                }
            });
            let children = has_children.then(|| {
                view! {
                    <div hidden=!open>
                        {box_list(archive, counts, category.children.clone(), depth + 1, i18n)}
                    </div>
                }
            });
            view! {
                <li hidden={long && position >= SHOWN_BEFORE_MORE}>
                    <div class="ae-box" class:ae-box--empty={count == 0}>
                        <input type="checkbox" class="ae-box__input" id=id.clone()/>
                        <label class="ae-box__label" for=id>
                            {category.label.clone()}
                            <span class="ae-box__count">" (" {count} ")"</span>
                        </label>
                        {toggle}
                    </div>
                    {children}
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="ae-filter__list" class:ae-filter__list--nested={depth > 0}>{items}</ul>
    }
    .into_any()
}

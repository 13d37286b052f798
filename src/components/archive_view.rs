use std::sync::Arc;

use ask_expert_core::archive::Archive;
use ask_expert_core::config::Config;
use ask_expert_core::question_form::Draft;
use ask_expert_core::url_state::{SortOrder, question_from_hash};
use ask_expert_core::wording;
use leptos::html;
use leptos::prelude::*;

use crate::browse_state::BrowseState;
use crate::components::active_filters::ActiveFilters;
use crate::components::category_filter::CategoryFilter;
use crate::components::pager::Pager;
use crate::components::question_card::{QuestionCard, heading_id};
use crate::components::question_form::{QUESTION_INPUT_ID, QuestionForm};
use crate::components::search_box::SearchBox;
use crate::components::side_panels::SidePanels;
use crate::dom;
use crate::search_state::SearchState;
use crate::url_sync;

/// The loaded archive: boxes, results, paging and the association's panels.
#[component]
pub fn ArchiveView(archive: Arc<Archive>, config: Config) -> impl IntoView {
    let state = BrowseState::new(&archive, &config);
    state.apply_url_state(&archive, &url_sync::read_address(&config));
    let search = SearchState::new(Arc::clone(&archive), state);
    url_sync::install(state, Arc::clone(&archive), &config);

    let results_top = NodeRef::<html::P>::new();
    let focus_results = Callback::new(move |()| {
        request_animation_frame(move || {
            if let Some(top) = results_top.get() {
                top.scroll_into_view();
                let _ = top.focus();
            }
        })
    });

    let open_permalink = {
        let archive = Arc::clone(&archive);
        move || open_question_from_hash(&archive, state)
    };
    open_permalink();
    let hash_listener = window_event_listener(leptos::ev::hashchange, move |_| open_permalink());
    on_cleanup(move || hash_listener.remove());

    let total = move || state.result.with(|result| result.total());
    let count_text = move || match total() {
        0 => "No questions match".to_owned(),
        count => wording::question_count(count),
    };
    let skipped = wording::skipped_questions(archive.skipped_questions());
    let on_page = move || state.result.with(|result| result.on_page.clone());
    let highlight = Memo::new(move |_| {
        search
            .summary
            .with(|summary| summary.as_ref().map(|summary| summary.highlight.clone()))
    });
    let draft = RwSignal::new(Draft::default());
    let has_form = config.endpoint.is_some();
    let form = view! { <QuestionForm archive=Arc::clone(&archive) config=config.clone() draft browse=state search/> };
    let (card_archive, card_config) = (Arc::clone(&archive), config.clone());

    view! {
        <div class="ae-layout">
            <div class="ae-sidebar">
                {(!archive.categories.is_empty()).then(|| view! { <CategoryFilter archive=Arc::clone(&archive) state legend=config.labels.filter.clone()/> })}
            </div>
            <div class="ae-main">
                <SearchBox browse=state search label=config.labels.search.clone()/>
                <ActiveFilters archive=Arc::clone(&archive) state/>
                <div class="ae-results-bar">
                    <p class="ae-count" id=super::category_filter::RESULTS_COUNT_ID role="status"
                        tabindex="-1" node_ref=results_top>{count_text}</p>
                    <SortControl state/>
                </div>
                {skipped.map(|message| view! { <p class="ae-notice ae-notice--warning">{message}</p> })}
                <Show when=move || total() == 0>
                    <NoMatch state draft has_form/>
                </Show>
                <div class="ae-results">
                    <For each=on_page key=|index| *index let:index>
                        <QuestionCard archive=Arc::clone(&card_archive) index state config=card_config.clone() highlight/>
                    </For>
                </div>
                <Pager state on_page_change=focus_results/>
                {form}
            </div>
            <div class="ae-panels-column">
                <SidePanels panels=config.panels.clone()/>
            </div>
        </div>
    }
}

#[component]
fn SortControl(state: BrowseState) -> impl IntoView {
    let searching = move || state.search_hits.with(Option::is_some);
    let options = move || {
        SortOrder::ALL
            .into_iter()
            .filter(|order| *order != SortOrder::Relevance || searching())
            .map(|order| view! { <option value=order.key() selected=move || state.sort.get() == order>{order.label()}</option> })
            .collect_view()
    };
    view! {
        <div class="ae-sort">
            <label for="ae-sort">"Sort by"</label>
            <select id="ae-sort" class="ae-select"
                on:change=move |event| {
                    if let Some(order) = SortOrder::from_key(&event_target_value(&event)) {
                        state.choose_sort(order);
                    }
                }>
                {options}
            </select>
        </div>
    }
}

#[component]
fn NoMatch(state: BrowseState, draft: RwSignal<Draft>, has_form: bool) -> impl IntoView {
    let filtered = move || state.selection.with(|selection| !selection.is_empty());
    let searching = move || state.query.with(|query| !query.trim().is_empty());
    view! {
        <div class="ae-no-match">
            <p>"Nothing in the archive matches this. Try fewer words or topics, or ask our experts."</p>
            <div class="ae-no-match__actions">
                <Show when=filtered>
                    <button type="button" class="ae-button ae-button--secondary" on:click=move |_| state.clear_categories()>
                        "Clear filters"
                    </button>
                </Show>
                <Show when=searching>
                    <button type="button" class="ae-button ae-button--secondary" on:click=move |_| {
                        state.query.set(String::new());
                        state.back_to_first_page();
                    }>"Clear search"</button>
                </Show>
                <Show when=move || has_form>
                    <button type="button" class="ae-button" on:click=move |_| {
                        let asked = state.query.get_untracked();
                        if !asked.trim().is_empty() && draft.with_untracked(|draft| draft.question.trim().is_empty()) {
                            draft.update(|draft| draft.question = asked.trim().to_owned());
                        }
                        dom::focus_by_id(QUESTION_INPUT_ID);
                    }>"Ask this as a new question"</button>
                </Show>
            </div>
        </div>
    }
}

/// Shows the question a `#question-<id>` address names, with focus on its heading.
fn open_question_from_hash(archive: &Archive, state: BrowseState) {
    let Some(id) = question_from_hash(&location().hash().unwrap_or_default()) else {
        return;
    };
    let Some(index) = archive
        .questions
        .iter()
        .position(|question| question.id == id)
    else {
        return;
    };
    open_and_focus(state, index);
}

/// Opens a question and moves focus to its heading once it is on screen.
pub fn open_and_focus(state: BrowseState, index: usize) {
    state.open_question(index);
    request_animation_frame(move || dom::focus_by_id(&heading_id(index)));
}

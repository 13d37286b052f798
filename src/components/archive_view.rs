//! The loaded archive: provides the archive, the settings and the view as context, and lays
//! out the boxes, the search, the results with their count and order, the pager, the form
//! and the association's panels.

use std::sync::Arc;

use ask_expert_core::archive::Archive;
use ask_expert_core::config::Config;
use ask_expert_core::question_form::Draft;
use ask_expert_core::url_state::SortOrder;
use ask_expert_core::wording::{self, ResultsFacts};
use leptos::prelude::*;

use crate::browse_state::{BrowseState, use_browse};
use crate::built_source::{self, BuiltSource, BuiltTexts};
use crate::components::active_filters::ActiveFilters;
use crate::components::answer_feedback;
use crate::components::category_filter::CategoryFilter;
use crate::components::pager::Pager;
use crate::components::question_card::{CardFollows, FeedbackUnderAnswers, QuestionCard};
use crate::components::question_form::{QUESTION_INPUT_ID, QuestionForm};
use crate::components::search_box::{SEARCH_INPUT_ID, SearchBox};
use crate::components::side_panels::SidePanels;
use crate::dom;
use crate::locale::use_strings;
use crate::search_state::SearchOutcome;
use crate::url_sync;

/// What the results area knows when choosing its words.
pub fn results_facts(state: BrowseState, archive_size: usize) -> ResultsFacts {
    ResultsFacts {
        archive_size,
        shown: state.result.with(|result| result.total()),
        filtered: state.selection.with(|selection| !selection.is_empty()),
        search: state.search.outcome.with(|outcome| outcome.facts()),
    }
}

/// What the visitor did in the first results before the whole view replaced them: the
/// search box's text and focus, the questions whose answers were opened with Read more
/// (by id), and the card's button or link that had focus. The next view takes them over,
/// so nothing typed is lost, nothing being read folds away, and a keyboard keeps its place.
#[derive(Clone, Copy)]
pub struct CarriedOver {
    pub text: RwSignal<String>,
    pub focused: RwSignal<bool>,
    pub opened: RwSignal<Vec<String>>,
    pub card_control: RwSignal<Option<dom::CardControl>>,
}

impl CarriedOver {
    pub fn new() -> CarriedOver {
        CarriedOver {
            text: RwSignal::new(String::new()),
            focused: RwSignal::new(false),
            opened: RwSignal::new(Vec::new()),
            card_control: RwSignal::new(None),
        }
    }

    /// Gives focus back to the card's control that had it, once the new view is painted.
    pub fn refocus_card_control(self) {
        if let Some(control) = self.card_control.get_untracked() {
            self.card_control.set(None);
            request_animation_frame(move || dom::focus_card_control(&control));
        }
    }

    /// Whether the question `id` was open in the view this one replaced.
    pub fn was_opened(&self, id: &str) -> bool {
        self.opened
            .with_untracked(|ids| ids.iter().any(|opened| opened == id))
    }

    /// Cards take what was opened as they are made; later cards start folded.
    pub fn forget_opened_once_shown(self) {
        Effect::new(move |_| self.opened.set(Vec::new()));
    }

    fn hand_over(&self, state: BrowseState) {
        let text = self.text.get_untracked();
        if !text.is_empty() {
            self.text.set(String::new());
            state.type_query(text);
        }
        if self.focused.get_untracked() {
            self.focused.set(false);
            request_animation_frame(|| dom::focus_by_id(SEARCH_INPUT_ID));
        }
        self.refocus_card_control();
    }
}

/// `built` is the built archive the questions come from, when they do.
#[component]
pub fn ArchiveView(
    archive: Arc<Archive>,
    config: Config,
    built: Option<BuiltSource>,
    early: CarriedOver,
) -> impl IntoView {
    let state = BrowseState::new(&archive, &config, built);
    url_sync::follow_address(state, &archive, &config);
    url_sync::install(state, Arc::clone(&archive), &config);
    provide_context(state);
    provide_context(CardFollows::view(state));
    provide_context(FeedbackUnderAnswers(answer_feedback::under_answers));
    provide_context(Arc::clone(&archive));
    provide_context(config.clone());
    if let Some(source) = built {
        provide_context(source);
        provide_context(BuiltTexts(source));
        built_source::follow_screen(state, source);
    }
    early.hand_over(state);
    provide_context(early);
    early.forget_opened_once_shown();

    let archive_size = archive.questions.len();
    let i18n = use_strings();
    let count_text = {
        move || {
            i18n.with_words(|words| wording::count_line(words, &results_facts(state, archive_size)))
        }
    };
    let skipped =
        i18n.with_words(|words| wording::skipped_questions(words, archive.skipped_questions()));
    let on_page = move || state.result.with(|result| result.on_page.clone());
    let nothing_shown = move || {
        state.result.with(|result| result.total() == 0)
            && !state.search.outcome.with(SearchOutcome::is_waiting)
    };
    let draft = RwSignal::new(Draft::default());
    let has_form = config.endpoint.is_some();
    let form = view! {
        <QuestionForm draft/>
    };
    let filter = (!archive.categories.is_empty()).then(|| view! { <CategoryFilter/> });
    let skipped = skipped.map(|message| {
        view! { <p class="ae-notice ae-notice--warning">{message}</p> }
    });

    view! {
        <div class="ae-layout">
            <div class="ae-sidebar">
                {filter}
            </div>
            <div class="ae-main">
                <SearchBox/>
                <UnknownTopics/>
                <ActiveFilters/>
                <div class="ae-results-bar">
                    <div class="ae-results-bar__count">
                        <p class="ae-count" id=dom::RESULTS_COUNT_ID role="status" tabindex="-1">
                            {count_text}
                        </p>
                        <SearchRetry archive_size/>
                    </div>
                    <SortControl/>
                </div>
                {skipped}
                <Show when=nothing_shown>
                    <NoMatch draft has_form/>
                </Show>
                <div class="ae-results">
                    <For each=on_page key=|index| *index let:index>
                        <QuestionCard index/>
                    </For>
                </div>
                <Pager/>
                {form}
            </div>
            <div class="ae-panels-column">
                <SidePanels/>
            </div>
        </div>
    }
}

/// Retry beside the count line when the search could not be prepared: asks again for the
/// pieces it needs, and moves focus to the count, which shows the results once they are in.
#[component]
fn SearchRetry(archive_size: usize) -> impl IntoView {
    let state = use_browse();
    let i18n = use_strings();
    let label = Memo::new(move |_| {
        i18n.with_words(|words| wording::search_retry(words, &results_facts(state, archive_size)))
    });
    move || {
        label.get().map(|label| {
            view! {
                <button type="button" class="ae-button ae-button--secondary"
                    aria-describedby=dom::RESULTS_COUNT_ID
                    on:click=move |_| {
                        state.search.retry();
                        dom::focus_results_count();
                    }>
                    {label}
                </button>
            }
        })
    }
}

/// Says so when a link named topics the archive no longer has, instead of dropping them
/// silently.
#[component]
fn UnknownTopics() -> impl IntoView {
    let state = use_browse();
    let i18n = use_strings();
    let message = move || {
        i18n.with_words(|words| wording::unknown_topics(words, &state.unknown_topics.get()))
    };
    view! {
        {move || message().map(|message| {
            view! { <p class="ae-notice ae-notice--warning">{message}</p> }
        })}
    }
}

/// The order of the results. The select's value is set as a property from the order on
/// screen, so after Back or Forward it still shows that order.
#[component]
fn SortControl() -> impl IntoView {
    let state = use_browse();
    let i18n = use_strings();
    let label = i18n.text("sort.label");
    let options = move || {
        let searching = state.searching();
        SortOrder::ALL
            .into_iter()
            .filter(|order| *order != SortOrder::Relevance || searching)
            .map(|order| {
                let selected = move || state.sort.get() == order;
                let text = i18n.text(&format!("sort.{}", order.key()));
                view! { <option value=order.key() prop:selected=selected>{text}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="ae-sort">
            <label for="ae-sort">{label}</label>
            <select id="ae-sort" class="ae-select"
                prop:value=move || state.sort.get().key()
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
fn NoMatch(draft: RwSignal<Draft>, has_form: bool) -> impl IntoView {
    let state = use_browse();
    let archive_size = use_context::<Arc<Archive>>().map_or(0, |archive| archive.questions.len());
    let i18n = use_strings();
    let advice = move || {
        i18n.with_words(|words| {
            wording::no_match_advice(words, &results_facts(state, archive_size))
        })
    };
    let filtered = move || state.selection.with(|selection| !selection.is_empty());
    let searching = move || state.searching();
    view! {
        <div class="ae-no-match">
            <p>{advice}</p>
            <div class="ae-no-match__actions">
                <Show when=filtered>
                    <button type="button" class="ae-button ae-button--secondary" on:click=move |_| {
                        state.clear_categories();
                        dom::focus_results_count();
                    }>
                        {i18n.text("results.clear_filters")}
                    </button>
                </Show>
                <Show when=searching>
                    <button type="button" class="ae-button ae-button--secondary" on:click=move |_| {
                        state.type_query(String::new());
                        request_animation_frame(|| dom::focus_by_id(SEARCH_INPUT_ID));
                    }>{i18n.text("results.new_search")}</button>
                </Show>
                <Show when=move || has_form>
                    <button type="button" class="ae-button" on:click=move |_| {
                        let asked = state.query.get_untracked();
                        let blank = draft.with_untracked(|draft| draft.question.trim().is_empty());
                        if !asked.trim().is_empty() && blank {
                            draft.update(|draft| draft.question = asked.trim().to_owned());
                        }
                        dom::focus_by_id(QUESTION_INPUT_ID);
                    }>{i18n.text("results.ask_this")}</button>
                </Show>
            </div>
        </div>
    }
}

//! Archive questions like the one being typed, so a visitor may find the answer before
//! sending.

use std::sync::Arc;

use ask_expert_core::archive::Archive;
use ask_expert_core::question_form::Draft;
use leptos::prelude::*;

use crate::browse_state::BrowseState;
use crate::components::question_card::open_and_focus;
use crate::search_state::SearchState;

/// Words of the draft used to find similar questions: enough to judge, few enough to be quick.
const SIMILARITY_WORDS: usize = 30;
const SIMILAR_SHOWN: usize = 5;

/// Archive questions like the one being typed, so the visitor may find the answer before
/// sending: shown once the draft has three words, updated when typing pauses.
#[component]
pub(super) fn SimilarQuestions(
    archive: Arc<Archive>,
    draft: RwSignal<Draft>,
    browse: BrowseState,
    search: SearchState,
) -> impl IntoView {
    let similar: RwSignal<Vec<usize>> = RwSignal::new(Vec::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let text = draft.with(|draft| {
            draft
                .question
                .split_whitespace()
                .take(SIMILARITY_WORDS)
                .collect::<Vec<_>>()
                .join(" ")
        });
        let index = search.index.get();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let find = move || {
            let found = match index {
                Some(index) if text.split_whitespace().count() >= 3 => index
                    .similar(&text)
                    .iter()
                    .take(SIMILAR_SHOWN)
                    .map(|hit| hit.question)
                    .collect(),
                _ => Vec::new(),
            };
            similar.set(found);
        };
        pending
            .set_value(set_timeout_with_handle(find, std::time::Duration::from_millis(300)).ok());
    });
    let archive = StoredValue::new(archive);
    view! {
        <div class="ae-similar" hidden=move || similar.with(Vec::is_empty)>
            <p class="ae-similar__title" aria-live="polite">
                {move || match similar.with(Vec::len) {
                    0 => String::new(),
                    1 => "1 answered question like yours: it may already have your answer.".to_owned(),
                    count => format!("{count} answered questions like yours: one may already have your answer."),
                }}
            </p>
            <ul class="ae-similar__list">
                {move || similar.get().into_iter().map(|index| {
                    let (text, id) = archive.with_value(|archive| {
                        let question = &archive.questions[index];
                        (question.text.clone(), question.id.clone())
                    });
                    view! {
                        <li>
                            <a href=ask_expert_core::url_state::question_hash(&id) on:click=move |event| {
                                event.prevent_default();
                                open_and_focus(browse, index);
                            }>{text}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

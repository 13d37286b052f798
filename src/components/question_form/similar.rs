//! Archive questions like the one being typed, so a visitor may find the answer before
//! sending.

use std::sync::Arc;
use std::time::Duration;

use ask_expert_core::archive::Archive;
use ask_expert_core::question_form::Draft;
use leptos::prelude::*;

use crate::browse_state::use_browse;
use crate::components::question_card::open_and_focus;
use crate::locale::use_strings;
use crate::tasks::debounced;

/// Words of the draft used to find similar questions: enough to judge, few enough to be quick.
const SIMILARITY_WORDS: usize = 30;
const SIMILAR_SHOWN: usize = 5;
const TYPING_PAUSE: Duration = Duration::from_millis(300);

/// Archive questions like the one being typed, so the visitor may find the answer before
/// sending: shown once the draft has three words, updated when typing pauses.
#[component]
pub(super) fn SimilarQuestions(draft: RwSignal<Draft>) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let browse = use_browse();
    let i18n = use_strings();
    let search = browse.search;
    // Only the question's words restart the wait: edits to other fields don't.
    let words = debounced(
        move || {
            draft.with(|draft| {
                draft
                    .question
                    .split_whitespace()
                    .take(SIMILARITY_WORDS)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        },
        TYPING_PAUSE,
        |_| false,
    );
    let similar = Memo::new(move |_| {
        let text = words.get();
        match search.index.get() {
            Some(index) if text.split_whitespace().count() >= 3 => index
                .similar(&text)
                .iter()
                .take(SIMILAR_SHOWN)
                .map(|hit| hit.question)
                .collect(),
            _ => Vec::new(),
        }
    });
    let archive = StoredValue::new(archive);
    view! {
        <div class="ae-similar" hidden=move || similar.with(Vec::is_empty)>
            <p class="ae-similar__title" aria-live="polite">
                {move || match similar.with(Vec::len) {
                    0 => String::new(),
                    count => i18n.count("form.similar", count),
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
                            <a href=ask_expert_core::url_state::question_hash(&id)
                                on:click=move |event| {
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

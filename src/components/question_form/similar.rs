//! Archive questions like the one being typed, so a visitor may find the answer before
//! sending.

use std::sync::Arc;
use std::time::Duration;

use ask_expert_core::archive::Archive;
use ask_expert_core::question_form::Draft;
use ask_expert_core::search::Hit;
use leptos::prelude::*;

use crate::browse_state::use_browse;
use crate::built_source::{Asker, BuiltSource};
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
    // From a built archive, the index's pieces and the questions' texts arrive as needed.
    let built = use_context::<BuiltSource>();
    let similar = Memo::new(move |_| {
        let text = words.get();
        if text.split_whitespace().count() < 3 {
            return Vec::new();
        }
        let questions =
            |hits: Vec<Hit>| -> Vec<usize> { hits.iter().map(|hit| hit.question).collect() };
        match built {
            Some(source) => source
                .with_index(|built| {
                    let index = built.search_index()?;
                    built
                        .files_for_query(&text)
                        .is_empty()
                        .then(|| questions(index.similar(&text, SIMILAR_SHOWN)))
                })
                .unwrap_or_default(),
            None => search
                .index
                .with(|index| {
                    index
                        .as_ref()
                        .map(|index| questions(index.similar(&text, SIMILAR_SHOWN)))
                })
                .unwrap_or_default(),
        }
    });
    if let Some(source) = built {
        Effect::new(move |_| {
            let text = words.get();
            if text.split_whitespace().count() >= 3 {
                source.prepare_query(Asker::Similar, &text);
            }
        });
        Effect::new(move |_| similar.with(|similar| source.fetch_for_questions(similar)));
    }
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
                {move || similar.get().into_iter().filter_map(|index| {
                    let (text, id) = match built {
                        Some(source) => source.with_texts(|built| {
                            built.question(index).map(|question| (question.text, question.id))
                        })?,
                        None => archive.with_value(|archive| {
                            let question = &archive.questions[index];
                            (question.text.clone(), question.id.clone())
                        }),
                    };
                    Some(view! {
                        <li>
                            <a href=ask_expert_core::url_state::question_hash(&id)
                                on:click=move |event| {
                                    event.prevent_default();
                                    open_and_focus(browse, index);
                                }>{text}</a>
                        </li>
                    })
                }).collect_view()}
            </ul>
        </div>
    }
}

use std::sync::Arc;

use ask_expert_core::archive::Archive;
use ask_expert_core::wording;
use leptos::prelude::*;

use crate::components::question_card::QuestionCard;

/// The loaded archive: how many questions there are, and the questions themselves.
#[component]
pub fn ArchiveView(archive: Arc<Archive>) -> impl IntoView {
    let mut order: Vec<usize> = (0..archive.questions.len()).collect();
    order.sort_by(|&a, &b| archive.questions[b].asked.cmp(&archive.questions[a].asked));
    let skipped = wording::skipped_questions(archive.skipped_questions());
    view! {
        <p class="ae-count" role="status">{wording::question_count(archive.questions.len())}</p>
        {skipped.map(|message| view! { <p class="ae-notice ae-notice--warning">{message}</p> })}
        <div class="ae-results">
            {order.into_iter().map(|index| view! { <QuestionCard archive=Arc::clone(&archive) index/> }).collect_view()}
        </div>
    }
}

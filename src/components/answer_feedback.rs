//! "Was this helpful?" under an opened question, when the association has a feedback
//! endpoint. Yes or No is posted at once through `question_sender` (time limit, retries
//! counted down, one idempotency key per vote) as an `Action`; after a "No", the optional
//! "What was missing?" is sent as a second vote carrying the comment (`feedback::Given`).
//! What was given is remembered for the visit (`feedback_store`), so each question is
//! voted on once.

use ask_expert_core::config::Config;
use ask_expert_core::feedback::{self, Given, Vote};
use ask_expert_core::locale::Arg;
use ask_expert_core::question_form::uuid_v4;
use leptos::prelude::*;

use crate::components::question_form::sending_text;
use crate::locale::use_strings;
use crate::question_sender::{self, Outcome, Progress, Submission};
use crate::tasks::debounced;
use crate::{browser, dom, feedback_store};

/// The posting: what it would record once sent, and the request.
type SendAction = Action<(Given, Submission), (Given, Outcome)>;

/// How long typing must pause before the character count is announced.
const ANNOUNCE_AFTER: std::time::Duration = std::time::Duration::from_millis(900);

/// The id of a part of question `index`'s feedback block.
fn part_id(index: usize, part: &str) -> String {
    format!("ae-q{index}-feedback-{part}")
}

/// Yes / No under question `index`, shown while `shown` holds (the block stays in the page
/// when folded, so nothing typed is lost); nothing at all without a feedback endpoint.
/// "Was this helpful?" for a card (see `FeedbackUnderAnswers`).
pub fn under_answers(index: usize, question_id: String, shown: Signal<bool>) -> AnyView {
    view! { <AnswerFeedback index question_id shown/> }.into_any()
}

#[component]
pub fn AnswerFeedback(
    index: usize,
    question_id: String,
    #[prop(into)] shown: Signal<bool>,
) -> impl IntoView {
    let config = expect_context::<Config>();
    let Some(endpoint) = config.feedback_endpoint.clone() else {
        return ().into_any();
    };
    let format = config.payload_format;
    let i18n = use_strings();
    let storage_key =
        feedback::storage_key(&browser::absolute_url(&config.archive_url), &question_id);
    let given = RwSignal::new(feedback_store::load(&storage_key));
    let comment = RwSignal::new(String::new());
    let comment_error = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<Progress>);
    // A vote sent again after a failure keeps its key, so the endpoint stores it once.
    // A visitor sends two or three votes at most: a list is all it takes.
    let keys = StoredValue::new(Vec::<((bool, String), String)>::new());
    let destination = StoredValue::new((question_id, endpoint));

    let send: SendAction = Action::new_local(move |(kind, submission): &(Given, Submission)| {
        let (kind, submission) = (*kind, submission.clone());
        let storage_key = storage_key.clone();
        async move {
            let outcome =
                question_sender::send(&submission, &move |now| progress.set(Some(now))).await;
            if let Outcome::Sent { .. } = outcome {
                let focus_was_here = dom::focus_is_within(&part_id(index, "block"));
                feedback_store::save(&storage_key, kind);
                given.set(Some(kind));
                if kind == Given::NotHelpfulWithComment {
                    comment.set(String::new());
                }
                // The clicked button is gone; focus follows to what comes next, unless the
                // visitor has moved on while it was sending.
                if focus_was_here {
                    let next = if kind.offers_comment() {
                        "comment"
                    } else {
                        "status"
                    };
                    request_animation_frame(move || dom::focus_by_id(&part_id(index, next)));
                }
            }
            (kind, outcome)
        }
    });
    let pending = send.pending();

    let post = move |kind: Given, comment_text: String| {
        if pending.get_untracked() {
            return;
        }
        let (question_id, endpoint) = destination.get_value();
        let vote = Vote {
            question_id,
            helpful: kind == Given::Helpful,
            comment: comment_text,
        };
        let content = (vote.helpful, vote.comment.trim().to_owned());
        let idempotency_key = keys
            .try_update_value(|keys| {
                if let Some((_, key)) = keys.iter().find(|(sent, _)| *sent == content) {
                    return key.clone();
                }
                let key = uuid_v4(browser::random_bytes());
                keys.push((content, key.clone()));
                key
            })
            .unwrap_or_default();
        send.clear();
        progress.set(None);
        send.dispatch_local((
            kind,
            Submission {
                endpoint,
                format,
                body: feedback::payload(&vote, format, &browser::page_url()),
                idempotency_key,
            },
        ));
    };
    let comment_i18n = i18n;
    let send_comment = move || {
        if pending.get_untracked() {
            return;
        }
        let text = comment.get_untracked();
        comment_error.set(
            comment_i18n.with_words(|words| feedback::follow_up_comment_problem(words, &text)),
        );
        if comment_error.with_untracked(Option::is_some) {
            dom::focus_by_id(&part_id(index, "comment"));
            return;
        }
        post(Given::NotHelpfulWithComment, text);
    };

    let status = {
        move || {
            if pending.get() {
                return sending_text(
                    &i18n,
                    progress.get(),
                    "feedback.sending",
                    "feedback.sending_attempt",
                );
            }
            match given.get() {
                Some(_) => i18n.text("feedback.thanks"),
                None => String::new(),
            }
        }
    };
    let failure = {
        move || {
            send.value().with(|last| match last {
                Some((_, Outcome::Rejected { message, .. })) => Some(
                    message
                        .clone()
                        .unwrap_or_else(|| i18n.text("feedback.rejected")),
                ),
                Some((kind, Outcome::GaveUp { reason })) => Some(i18n.format(
                    match kind {
                        Given::NotHelpfulWithComment => "feedback.comment_gave_up",
                        _ => "feedback.vote_gave_up",
                    },
                    &[("reason", Arg::Text(&reason.text(&i18n)))],
                )),
                _ => None,
            })
        }
    };
    let [prompt, yes, no] =
        ["feedback.prompt", "feedback.yes", "feedback.no"].map(|key| i18n.text(key));
    let offers_comment = move || given.get().is_some_and(Given::offers_comment);
    let prompt_id = part_id(index, "prompt");

    view! {
        <div class="ae-feedback" id=part_id(index, "block") hidden=move || !shown.get()>
            <Show when=move || given.get().is_none()>
                <div class="ae-feedback__vote" role="group" aria-labelledby=prompt_id.clone()>
                    <p class="ae-feedback__prompt" id=prompt_id.clone()>{prompt.clone()}</p>
                    <button type="button" class="ae-button ae-button--secondary"
                        aria-disabled=move || pending.get().then_some("true")
                        on:click=move |_| post(Given::Helpful, String::new())>
                        {yes.clone()}
                    </button>
                    <button type="button" class="ae-button ae-button--secondary"
                        aria-disabled=move || pending.get().then_some("true")
                        on:click=move |_| post(Given::NotHelpful, String::new())>
                        {no.clone()}
                    </button>
                </div>
            </Show>
            <p class="ae-feedback__status" id=part_id(index, "status") role="status"
                tabindex="-1">
                {status}
            </p>
            <Show when=offers_comment>
                <CommentField index comment error=comment_error locked=pending.into()
                    on_send=send_comment/>
            </Show>
            {move || failure().map(|message| view! {
                <p class="ae-feedback__failure" role="alert">{message}</p>
            })}
        </div>
    }
    .into_any()
}

/// "What was missing?": the warning the question form gives about personal details, the
/// count of characters left, its own error message, and Send.
#[component]
fn CommentField(
    index: usize,
    comment: RwSignal<String>,
    error: RwSignal<Option<String>>,
    locked: Signal<bool>,
    on_send: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let i18n = use_strings();
    let counter = {
        Memo::new(move |_| {
            comment
                .with(|text| i18n.with_words(|words| feedback::comment_counter_text(words, text)))
        })
    };
    let over = Memo::new(move |_| comment.with(|text| feedback::comment_problem(text).is_some()));
    let [label, hint, send_label] = [
        "feedback.comment_label",
        "form.no_personal_details",
        "feedback.send",
    ]
    .map(|key| i18n.text(key));
    let prefix = format!("{} ", i18n.text("form.error_prefix"));
    let announcement = debounced(move || counter.get(), ANNOUNCE_AFTER, |_| false);
    let [input_id, hint_id, error_id, counter_id] = [
        "comment",
        "comment-hint",
        "comment-error",
        "comment-counter",
    ]
    .map(|part| part_id(index, part));
    view! {
        <div class="ae-field ae-feedback__comment"
            class:ae-field--error=move || error.with(Option::is_some)>
            <label class="ae-field__label" for=input_id.clone()>
                {label}
            </label>
            <p class="ae-field__hint" id=hint_id.clone()>{hint}</p>
            <p class="ae-field__error" id=error_id.clone()
                hidden=move || error.with(Option::is_none)>
                <span class="ae-visually-hidden">{prefix}</span>
                {move || error.get().unwrap_or_default()}
            </p>
            <textarea class="ae-textarea" id=input_id name="comment" rows="3"
                aria-describedby=format!("{hint_id} {error_id} {counter_id}")
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                readonly=move || locked.get()
                prop:value=move || comment.get()
                on:input=move |event| comment.set(event_target_value(&event))>
            </textarea>
            <p class="ae-field__counter" id=counter_id
                class:ae-field__counter--over=move || over.get()>
                {move || counter.get()}
            </p>
            <p class="ae-visually-hidden" aria-live="polite">{move || announcement.get()}</p>
            <button type="button" class="ae-button"
                aria-disabled=move || locked.get().then_some("true")
                on:click=move |_| on_send()>
                {send_label}
            </button>
        </div>
    }
}

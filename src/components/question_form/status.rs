//! What the form says about itself: the error summary, the sending status with its
//! countdown and Cancel, the ways to recover after a failure, the confirmation, and the
//! contact details shown instead of a form when there is no endpoint.

use ask_expert_core::config::Config;
use ask_expert_core::question_form::MAX_ATTEMPTS;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{FORM_SECTION_ID, FormState, input_id, start_again};
use crate::question_sender::{Outcome, Progress};
use crate::{browser, dom};

/// The failure to explain above the field messages, if the last send failed.
fn failure(form: FormState) -> Option<String> {
    form.send.value().with(|outcome| match outcome {
        Some(Outcome::Rejected { message, .. }) => Some(message.clone().unwrap_or_else(|| {
            "The association's server did not accept the question. Check the form and try again."
                .to_owned()
        })),
        Some(Outcome::GaveUp { reason }) => Some(format!(
            "Your question has not been sent: {reason}, and trying again did not help. \
             Your text is still here, so nothing is lost: try again in a few minutes, \
             or copy it to send another way."
        )),
        _ => None,
    })
}

#[component]
pub(super) fn ErrorSummary(summary_ref: NodeRef<html::Div>) -> impl IntoView {
    let form = expect_context::<FormState>();
    let visible = move || form.errors.with(|errors| !errors.is_empty()) || failure(form).is_some();
    view! {
        <div class="ae-error-summary" role="alert" tabindex="-1" node_ref=summary_ref
            hidden=move || !visible()>
            <Show when=visible>
                <h3 class="ae-error-summary__title">"There is a problem"</h3>
                // Field messages in the order of the fields, then what concerns the whole form.
                <ul class="ae-error-summary__list">
                    {move || form.errors.get().into_iter().map(|error| {
                        let target = input_id(error.field);
                        let href = format!("#{target}");
                        view! {
                            <li>
                                <a href=href on:click=move |event| {
                                    event.prevent_default();
                                    dom::focus_by_id(&target);
                                }>{error.message}</a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {move || failure(form).map(|message| view! { <p>{message}</p> })}
            </Show>
        </div>
    }
}

fn status_text(form: FormState) -> String {
    if form.pending.get() {
        return match form.progress.get() {
            None | Some(Progress::Sending { attempt: 1 }) => "Sending your question…".to_owned(),
            Some(Progress::Sending { attempt }) => {
                format!("Sending your question (attempt {attempt} of {MAX_ATTEMPTS})…")
            }
            Some(Progress::Waiting {
                seconds,
                next_attempt,
                reason,
            }) => format!(
                "Not sent yet: {reason}. Trying again in {seconds} second{} (attempt \
                 {next_attempt} of {MAX_ATTEMPTS}).",
                if seconds == 1 { "" } else { "s" },
            ),
        };
    }
    if form.cancelled.get() {
        return "Sending cancelled. Your question has not been sent; it is still here to \
                change or send again."
            .to_owned();
    }
    String::new()
}

#[component]
pub(super) fn SendingStatus() -> impl IntoView {
    let form = expect_context::<FormState>();
    let waiting =
        move || form.pending.get() && matches!(form.progress.get(), Some(Progress::Waiting { .. }));
    let failed = move || failure(form).is_some();
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let text = form.draft.with_untracked(|draft| draft.question.clone());
        spawn_local(async move { copied.set(browser::copy_to_clipboard(&text).await) });
    };
    view! {
        <p class="ae-form__status" role="status">{move || status_text(form)}</p>
        <Show when=waiting>
            <p class="ae-form__recovery">
                <button type="button" class="ae-button ae-button--secondary"
                    on:click=move |_| form.cancel()>
                    "Cancel sending"
                </button>
            </p>
        </Show>
        <Show when=failed>
            <div class="ae-form__recovery">
                <button type="button" class="ae-button ae-button--secondary" on:click=copy>
                    "Copy my question"
                </button>
                <span role="status">{move || if copied.get() { "Copied." } else { "" }}</span>
            </div>
        </Show>
    }
}

#[component]
pub(super) fn Confirmation(heading_ref: NodeRef<html::H3>) -> impl IntoView {
    let form = expect_context::<FormState>();
    let reference = move || {
        form.send.value().with(|outcome| match outcome {
            Some(Outcome::Sent { reference }) => reference.clone(),
            _ => None,
        })
    };
    view! {
        <Show when=move || form.sent()>
            <div class="ae-notice ae-notice--success">
                <h3 class="ae-notice__title" tabindex="-1" node_ref=heading_ref>
                    "Thank you: your question has been sent"
                </h3>
                {move || match reference() {
                    Some(reference) => view! {
                        <p>
                            "Your reference is " <strong>{reference}</strong>
                            ". Our experts answer questions in the order they arrive."
                        </p>
                    }.into_any(),
                    None => view! {
                        <p>"Our experts answer questions in the order they arrive."</p>
                    }.into_any(),
                }}
                <button type="button" class="ae-button ae-button--secondary"
                    on:click=move |_| start_again(form)>
                    "Ask another question"
                </button>
            </div>
        </Show>
    }
}

#[component]
pub(super) fn ContactInstead(config: Config) -> impl IntoView {
    let contact = config.contact;
    view! {
        <section class="ae-ask" id=FORM_SECTION_ID aria-labelledby="ae-ask-title">
            <h2 class="ae-ask__title" id="ae-ask-title">{config.labels.ask}</h2>
            <p>
                {contact.text} " "
                {contact.url.map(|url| view! {
                    <a href=url rel="noopener noreferrer">{contact.link_label}</a>
                })}
            </p>
        </section>
    }
}

//! What the form says about itself: the error summary, the sending status with its
//! countdown and Cancel, the ways to recover after a failure, the confirmation, and the
//! contact details shown instead of a form when there is no endpoint.

use ask_expert_core::config::Config;
use ask_expert_core::locale::{Arg, around};
use ask_expert_core::question_form::MAX_ATTEMPTS;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{FORM_SECTION_ID, FormState, input_id, start_again};
use crate::locale::{I18n, use_strings};
use crate::question_sender::{Outcome, Progress};
use crate::{browser, dom};

/// The failure to explain above the field messages, if the last send failed.
fn failure(form: FormState, i18n: &I18n) -> Option<String> {
    form.send.value().with(|outcome| match outcome {
        Some(Outcome::Rejected { message, .. }) => Some(
            message
                .clone()
                .unwrap_or_else(|| i18n.text("form.rejected")),
        ),
        Some(Outcome::GaveUp { reason }) => {
            Some(i18n.format("form.gave_up", &[("reason", Arg::Text(&reason.text(i18n)))]))
        }
        _ => None,
    })
}

/// What a send in progress says: "Sending…", "Sending, attempt 2 of 4…", or while it waits
/// "Not sent yet: … Trying again in N seconds (attempt 2 of 4)." The question form and the
/// votes each name their own first two messages.
pub(crate) fn sending_text(
    i18n: &I18n,
    progress: Option<Progress>,
    sending_key: &str,
    attempt_key: &str,
) -> String {
    match progress {
        None | Some(Progress::Sending { attempt: 1 }) => i18n.text(sending_key),
        Some(Progress::Sending { attempt }) => i18n.format(
            attempt_key,
            &[
                ("attempt", Arg::Count(attempt as usize)),
                ("attempts", Arg::Count(MAX_ATTEMPTS as usize)),
            ],
        ),
        Some(Progress::Waiting {
            seconds,
            next_attempt,
            reason,
        }) => i18n.format(
            "send.waiting",
            &[
                ("reason", Arg::Text(&reason.text(i18n))),
                ("count", Arg::Count(seconds as usize)),
                ("attempt", Arg::Count(next_attempt as usize)),
                ("attempts", Arg::Count(MAX_ATTEMPTS as usize)),
            ],
        ),
    }
}

#[component]
pub(super) fn ErrorSummary(summary_ref: NodeRef<html::Div>) -> impl IntoView {
    let form = expect_context::<FormState>();
    let i18n = use_strings();
    let title = i18n.text("form.problem_title");
    let visible =
        move || form.errors.with(|errors| !errors.is_empty()) || failure(form, &i18n).is_some();
    view! {
        <div class="ae-error-summary" role="alert" tabindex="-1" node_ref=summary_ref
            hidden=move || !visible()>
            <Show when=visible>
                <h3 class="ae-error-summary__title">{title.clone()}</h3>
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
                {
                    move || failure(form, &i18n).map(|message| view! { <p>{message}</p> })
                }
            </Show>
        </div>
    }
}

fn status_text(form: FormState, i18n: &I18n) -> String {
    if form.pending.get() {
        return sending_text(
            i18n,
            form.progress.get(),
            "form.sending",
            "form.sending_attempt",
        );
    }
    if form.cancelled.get() {
        return i18n.text("form.cancelled");
    }
    String::new()
}

#[component]
pub(super) fn SendingStatus() -> impl IntoView {
    let form = expect_context::<FormState>();
    let waiting =
        move || form.pending.get() && matches!(form.progress.get(), Some(Progress::Waiting { .. }));
    let i18n = use_strings();
    let failed = { move || failure(form, &i18n).is_some() };
    let [cancel, copy_question, copied_text] =
        ["form.cancel", "form.copy_question", "form.copied"].map(|key| i18n.text(key));
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let text = form.draft.with_untracked(|draft| draft.question.clone());
        spawn_local(async move { copied.set(browser::copy_to_clipboard(&text).await) });
    };
    view! {
        <p class="ae-form__status" role="status">{move || status_text(form, &i18n)}</p>
        <Show when=waiting>
            <p class="ae-form__recovery">
                <button type="button" class="ae-button ae-button--secondary"
                    on:click=move |_| form.cancel()>
                    {cancel.clone()}
                </button>
            </p>
        </Show>
        <Show when=failed>
            <div class="ae-form__recovery">
                <button type="button" class="ae-button ae-button--secondary" on:click=copy>
                    {copy_question.clone()}
                </button>
                <span role="status">{
                    let copied_text = copied_text.clone();
                    move || if copied.get() { copied_text.clone() } else { String::new() }
                }</span>
            </div>
        </Show>
    }
}

#[component]
pub(super) fn Confirmation(heading_ref: NodeRef<html::H3>) -> impl IntoView {
    let form = expect_context::<FormState>();
    let i18n = use_strings();
    let [title, sent_reference, sent, ask_another] = [
        "form.sent_title",
        "form.sent_reference",
        "form.sent",
        "form.ask_another",
    ]
    .map(|key| i18n.text(key));
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
                    {title.clone()}
                </h3>
                {
                    let (sent_reference, sent) = (sent_reference.clone(), sent.clone());
                    move || match reference() {
                        Some(reference) => {
                            let (before, after) = around(&sent_reference, "reference");
                            let (before, after) = (before.to_owned(), after.to_owned());
                            view! { <p>{before} <strong>{reference}</strong> {after}</p> }
                                .into_any()
                        }
                        None => view! { <p>{sent.clone()}</p> }.into_any(),
                    }
                }
                <button type="button" class="ae-button ae-button--secondary"
                    on:click=move |_| start_again(form)>
                    {ask_another.clone()}
                </button>
            </div>
        </Show>
    }
}

#[component]
pub(super) fn ContactInstead(config: Config) -> impl IntoView {
    let contact = config.contact;
    let i18n = use_strings();
    let text = contact.text.unwrap_or_else(|| i18n.text("contact.text"));
    let link_label = contact
        .link_label
        .unwrap_or_else(|| i18n.text("contact.link"));
    view! {
        <section class="ae-ask" id=FORM_SECTION_ID aria-labelledby="ae-ask-title">
            <h2 class="ae-ask__title" id="ae-ask-title">{i18n.text("label.ask")}</h2>
            <p>
                {text} " "
                {contact.url.map(|url| view! {
                    <a href=url rel="noopener noreferrer">{link_label}</a>
                })}
            </p>
        </section>
    }
}

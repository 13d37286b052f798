//! "Ask a question": the form, its error summary, the sending states and the confirmation.
//! Validation, payloads and retry rules live in `ask_expert_core::question_form`; the
//! posting is a Leptos `Action` around `question_sender::send`, and the views are split by
//! concern: the fields, the draft kept in storage, the status and summary, and questions
//! like the one being typed.

mod draft_saving;
mod fields;
mod similar;
mod status;

use std::sync::Arc;

use ask_expert_core::archive::Archive;
use ask_expert_core::config::Config;
use ask_expert_core::question_form::{self, Draft, Field, FieldError, uuid_v4};
use leptos::html;
use leptos::prelude::*;

use crate::locale::use_strings;
use crate::question_sender::{self, Outcome, Progress, Submission};
use crate::{browser, dom};

use draft_saving::DraftSaving;
use fields::{CategoryField, ConsentField, EmailField, NameField, QuestionField};
use similar::SimilarQuestions;
pub(crate) use status::sending_text;
use status::{Confirmation, ContactInstead, ErrorSummary, SendingStatus};

pub const FORM_SECTION_ID: &str = "ae-ask";
pub const QUESTION_INPUT_ID: &str = "ae-ask-question";

fn input_id(field: Field) -> String {
    format!("ae-ask-{}", field.key())
}

/// The posting: `None` stands for a hidden-field catch, thanked without sending anything.
type SendAction = Action<Option<Submission>, Outcome>;

/// What every part of the form shares, provided as context by [`QuestionForm`].
#[derive(Clone, Copy)]
struct FormState {
    draft: RwSignal<Draft>,
    /// Local problems, or the endpoint's per-field messages, in field order.
    errors: RwSignal<Vec<FieldError>>,
    send: SendAction,
    /// The send is under way (made once: `Action::pending` builds a new memo per call).
    pending: Memo<bool>,
    /// Where the current send has got to; `None` before the first attempt.
    progress: RwSignal<Option<Progress>>,
    /// The visitor stopped the retries; the draft is untouched.
    cancelled: RwSignal<bool>,
    /// Stops the send in flight (only offered while it waits between attempts).
    abort: StoredValue<Option<ActionAbortHandle>, LocalStorage>,
}

impl FormState {
    fn error_for(self, field: Field) -> Option<String> {
        self.errors.with(|errors| {
            errors
                .iter()
                .find(|error| error.field == field)
                .map(|error| error.message.clone())
        })
    }

    /// While a question is on its way its fields are read-only, so the question sent, and
    /// confirmed, is the one on screen.
    fn locked(self) -> bool {
        self.pending.get()
    }

    fn sent(self) -> bool {
        self.send
            .value()
            .with(|outcome| matches!(outcome, Some(Outcome::Sent { .. })))
    }

    /// A visitor's change to the draft; a changed question gets a new idempotency key.
    fn edit(self, change: impl FnOnce(&mut Draft)) {
        self.draft.update(|draft| draft.edit(change));
    }

    fn cancel(self) {
        if let Some(handle) = self.abort.try_update_value(Option::take).flatten() {
            handle.abort();
        }
        self.progress.set(None);
        self.cancelled.set(true);
        // The Cancel button goes away with the wait; the question is where to carry on.
        request_animation_frame(|| dom::focus_by_id(QUESTION_INPUT_ID));
    }
}

/// The question form, or the association's contact details when it has no endpoint.
#[component]
pub fn QuestionForm(draft: RwSignal<Draft>) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let config = expect_context::<Config>();
    let Some(endpoint) = config.endpoint.clone() else {
        return view! { <ContactInstead config/> }.into_any();
    };
    let i18n = use_strings();
    let errors: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let progress = RwSignal::new(None);
    let summary_ref = NodeRef::<html::Div>::new();
    let confirmation_ref = NodeRef::<html::H3>::new();
    let focus_summary = move || {
        request_animation_frame(move || {
            if let Some(summary) = summary_ref.get() {
                let _ = summary.focus();
            }
        })
    };

    let send: SendAction = Action::new_local(move |submission: &Option<Submission>| {
        let submission = submission.clone();
        async move {
            let outcome = match submission {
                Some(submission) => {
                    question_sender::send(&submission, &move |now| progress.set(Some(now))).await
                }
                None => Outcome::Sent { reference: None },
            };
            match &outcome {
                Outcome::Sent { .. } => {
                    // The fields were locked, so this is the question the visitor saw.
                    draft.set(Draft::default());
                    request_animation_frame(move || {
                        if let Some(heading) = confirmation_ref.get() {
                            let _ = heading.focus();
                        }
                    });
                }
                Outcome::Rejected { field_errors, .. } => {
                    errors.set(
                        field_errors
                            .iter()
                            .map(|(field, message)| FieldError {
                                field: *field,
                                message: message.clone(),
                            })
                            .collect(),
                    );
                    focus_summary();
                }
                Outcome::GaveUp { .. } => focus_summary(),
            }
            outcome
        }
    });
    let form = FormState {
        draft,
        errors,
        send,
        pending: send.pending(),
        progress,
        cancelled: RwSignal::new(false),
        abort: StoredValue::new_local(None),
    };
    provide_context(form);

    let email_required = config.email_required;
    let format = config.payload_format;
    let honeypot = RwSignal::new(String::new());
    let validating = i18n;
    let submit = move || {
        // While sending, and after a success until "Ask another question", a submission
        // is a repeated key press or click, not a new question.
        if form.pending.get_untracked()
            || send
                .value()
                .with_untracked(|outcome| matches!(outcome, Some(Outcome::Sent { .. })))
        {
            return;
        }
        form.cancelled.set(false);
        progress.set(None);
        send.clear();
        let problems = draft.with_untracked(|draft| {
            validating.with_words(|words| question_form::validate_in(words, draft, email_required))
        });
        errors.set(problems);
        if errors.with_untracked(|errors| !errors.is_empty()) {
            focus_summary();
            return;
        }
        if !honeypot.get_untracked().is_empty() {
            // Only software fills the hidden field: thank it and send nothing.
            send.dispatch_local(None);
            return;
        }
        if draft.with_untracked(|draft| draft.idempotency_key.is_empty()) {
            draft.update(|draft| draft.idempotency_key = uuid_v4(browser::random_bytes()));
        }
        let submission = draft.with_untracked(|sending| Submission {
            endpoint: endpoint.clone(),
            format,
            body: question_form::payload(
                sending,
                format,
                &browser::page_url(),
                &browser::now_iso(),
            ),
            idempotency_key: sending.idempotency_key.clone(),
        });
        let handle = send.dispatch_local(Some(submission));
        form.abort.set_value(Some(handle));
    };

    let category_options: Vec<(String, String)> = archive
        .categories
        .iter()
        .map(|(_, category)| {
            (
                category.id.clone(),
                format!("{}{}", "— ".repeat(category.depth), category.label),
            )
        })
        .collect();
    let [
        ask_label,
        send_label,
        intro,
        no_personal_details,
        honeypot_label,
        sending,
    ] = [
        "label.ask",
        "label.send",
        "form.intro",
        "form.no_personal_details",
        "form.honeypot",
        "form.sending_button",
    ]
    .map(|key| i18n.text(key));

    view! {
        <section class="ae-ask" id=FORM_SECTION_ID aria-labelledby="ae-ask-title">
            <h2 class="ae-ask__title" id="ae-ask-title">{ask_label}</h2>
            <Confirmation heading_ref=confirmation_ref/>
            <form class="ae-form" novalidate aria-labelledby="ae-ask-title"
                hidden=move || form.sent()
                on:submit=move |event| {
                    event.prevent_default();
                    submit();
                }>
                <ErrorSummary summary_ref/>
                <p class="ae-form__intro">{intro} " " {no_personal_details}</p>
                <QuestionField/>
                <SimilarQuestions draft/>
                <CategoryField options=category_options/>
                <NameField/>
                <EmailField required=email_required/>
                <ConsentField privacy_url=config.privacy_url.clone()/>
                <DraftSaving archive_url=config.archive_url.clone()/>
                <div class="ae-honeypot" aria-hidden="true">
                    <label for="ae-ask-website">{honeypot_label}</label>
                    <input type="text" id="ae-ask-website" name="website" tabindex="-1"
                        autocomplete="off"
                        on:input=move |event| honeypot.set(event_target_value(&event))/>
                </div>
                <SendingStatus/>
                <button type="submit" class="ae-button"
                    aria-disabled=move || form.locked().then_some("true")>
                    {move || {
                        if form.locked() { sending.clone() } else { send_label.clone() }
                    }}
                </button>
            </form>
        </section>
    }
    .into_any()
}

/// Back to an empty form after a question was sent.
fn start_again(form: FormState) {
    form.send.clear();
    form.errors.set(Vec::new());
    form.progress.set(None);
    request_animation_frame(|| dom::focus_by_id(QUESTION_INPUT_ID));
}

//! "Ask a question": the form, its error summary, the sending states and the confirmation.
//! Validation, payloads and retry rules live in `ask_expert_core::question_form`.

use std::sync::Arc;

use ask_expert_core::archive::Archive;
use ask_expert_core::config::{Config, Labels};
use ask_expert_core::question_form::{self, Draft, Field, FieldError, uuid_v4};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browse_state::BrowseState;
use crate::components::archive_view::open_and_focus;
use crate::dom;
use crate::draft_store::{DraftStore, random_bytes};
use crate::question_sender::{self, Outcome, Progress, Submission};
use crate::search_state::SearchState;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    Editing,
    Sending {
        attempt: u32,
    },
    Waiting {
        seconds: u64,
        next_attempt: u32,
        reason: String,
    },
    Sent {
        reference: Option<String>,
    },
    Failed {
        message: String,
    },
}

impl Phase {
    fn is_busy(&self) -> bool {
        matches!(self, Phase::Sending { .. } | Phase::Waiting { .. })
    }
}

pub const FORM_SECTION_ID: &str = "ae-ask";
pub const QUESTION_INPUT_ID: &str = "ae-ask-question";

fn input_id(field: Field) -> String {
    format!("ae-ask-{}", field.key())
}

/// The question form, or the association's contact details when it has no endpoint.
#[component]
pub fn QuestionForm(
    archive: Arc<Archive>,
    config: Config,
    draft: RwSignal<Draft>,
    browse: BrowseState,
    search: SearchState,
) -> impl IntoView {
    let Some(endpoint) = config.endpoint.clone() else {
        return view! { <ContactInstead config/> }.into_any();
    };
    let store = Arc::new(DraftStore::new(&config.archive_url));
    let keep_on_device = RwSignal::new(false);
    if let Some((saved, kept)) = store.load() {
        if draft.with_untracked(Draft::is_blank) {
            draft.set(saved);
        }
        keep_on_device.set(kept);
    }
    {
        let store = Arc::clone(&store);
        Effect::new(move |_| {
            let keep = keep_on_device.get();
            draft.with(|draft| {
                if draft.is_blank() {
                    store.clear()
                } else {
                    store.save(draft, keep)
                }
            });
        });
    }

    let errors: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let phase = RwSignal::new(Phase::Editing);
    let honeypot = RwSignal::new(String::new());
    let summary_ref = NodeRef::<html::Div>::new();
    let confirmation_ref = NodeRef::<html::H3>::new();
    let email_required = config.email_required;
    let format = config.payload_format;

    let focus_summary = move || {
        request_animation_frame(move || {
            if let Some(summary) = summary_ref.get() {
                let _ = summary.focus();
            }
        })
    };

    let submit = {
        let store = Arc::clone(&store);
        move || {
            // While sending, and after a success until "Ask another question", a submission
            // is a repeated key press or click, not a new question.
            if phase.with_untracked(|phase| phase.is_busy() || matches!(phase, Phase::Sent { .. }))
            {
                return;
            }
            let problems =
                draft.with_untracked(|draft| question_form::validate(draft, email_required));
            if !problems.is_empty() {
                errors.set(problems);
                phase.set(Phase::Editing);
                focus_summary();
                return;
            }
            errors.set(Vec::new());
            if !honeypot.get_untracked().is_empty() {
                // Only software fills the hidden field: thank it and send nothing.
                phase.set(Phase::Sent { reference: None });
                return;
            }
            if draft.with_untracked(|draft| draft.idempotency_key.is_empty()) {
                draft.update(|draft| draft.idempotency_key = uuid_v4(random_bytes()));
            }
            let sending = draft.get_untracked();
            let submission = Submission {
                endpoint: endpoint.clone(),
                format,
                body: question_form::payload(
                    &sending,
                    format,
                    &question_sender::page_url(),
                    &question_sender::now_iso(),
                ),
                idempotency_key: sending.idempotency_key.clone(),
            };
            phase.set(Phase::Sending { attempt: 1 });
            let store = Arc::clone(&store);
            spawn_local(async move {
                let outcome = question_sender::send(submission, move |progress| {
                    phase.set(match progress {
                        Progress::Sending { attempt } => Phase::Sending { attempt },
                        Progress::Waiting {
                            seconds,
                            next_attempt,
                            reason,
                        } => Phase::Waiting {
                            seconds,
                            next_attempt,
                            reason,
                        },
                    })
                })
                .await;
                match outcome {
                    Outcome::Sent { reference } => {
                        store.clear();
                        draft.set(Draft::default());
                        phase.set(Phase::Sent { reference });
                        request_animation_frame(move || {
                            if let Some(heading) = confirmation_ref.get() {
                                let _ = heading.focus();
                            }
                        });
                    }
                    Outcome::Rejected {
                        field_errors,
                        message,
                    } => {
                        errors.set(
                            field_errors
                                .into_iter()
                                .map(|(field, message)| FieldError { field, message })
                                .collect(),
                        );
                        let message = message.unwrap_or_else(|| {
                            "The association's server did not accept the question. Check the form and try again.".to_owned()
                        });
                        phase.set(Phase::Failed { message });
                        focus_summary();
                    }
                    Outcome::GaveUp { reason } => {
                        phase.set(Phase::Failed {
                            message: format!(
                                "Your question has not been sent: {reason}, and trying again did not help. \
                                 Your text is still here, so nothing is lost: try again in a few minutes, \
                                 or copy it to send another way."
                            ),
                        });
                        focus_summary();
                    }
                }
            });
        }
    };
    let submit_on_event = {
        let submit = submit.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            submit();
        }
    };

    let error_for = move |field: Field| {
        errors.with(|errors| {
            errors
                .iter()
                .find(|error| error.field == field)
                .map(|error| error.message.clone())
        })
    };
    let start_again = move |_| {
        phase.set(Phase::Editing);
        errors.set(Vec::new());
        request_animation_frame(|| dom::focus_by_id(QUESTION_INPUT_ID));
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
    let privacy_url = config.privacy_url.clone();
    let Labels {
        ask: ask_label,
        send: send_label,
        ..
    } = config.labels.clone();

    view! {
        <section class="ae-ask" id=FORM_SECTION_ID aria-labelledby="ae-ask-title">
            <h2 class="ae-ask__title" id="ae-ask-title">{ask_label}</h2>
            <Show when=move || matches!(phase.get(), Phase::Sent { .. })>
                <div class="ae-notice ae-notice--success">
                    <h3 class="ae-notice__title" tabindex="-1" node_ref=confirmation_ref>"Thank you: your question has been sent"</h3>
                    {move || match phase.get() {
                        Phase::Sent { reference: Some(reference) } => view! {
                            <p>"Your reference is " <strong>{reference}</strong> ". Our experts answer questions in the order they arrive."</p>
                        }.into_any(),
                        _ => view! { <p>"Our experts answer questions in the order they arrive."</p> }.into_any(),
                    }}
                    <button type="button" class="ae-button ae-button--secondary" on:click=start_again>"Ask another question"</button>
                </div>
            </Show>
            <form class="ae-form" novalidate aria-labelledby="ae-ask-title" hidden=move || matches!(phase.get(), Phase::Sent { .. })
                on:submit=submit_on_event>
                <ErrorSummary errors phase summary_ref/>
                <p class="ae-form__intro">
                    "Can't find your answer? Our experts answer new questions, and the answers are published here. "
                    "Please don't include anything you wouldn't want published, such as your full name, address or doctor's name."
                </p>
                <div class="ae-field" class:ae-field--error=move || error_for(Field::Question).is_some()>
                    <label class="ae-field__label" for=QUESTION_INPUT_ID>"Your question"</label>
                    <p class="ae-field__hint" id="ae-ask-question-hint">
                        {format!("Between {} and {} characters.", question_form::QUESTION_MIN_CHARS, ask_expert_core::wording::thousands(question_form::QUESTION_MAX_CHARS))}
                    </p>
                    <FieldErrorMessage field=Field::Question message=Signal::derive(move || error_for(Field::Question))/>
                    <textarea class="ae-textarea" id=QUESTION_INPUT_ID name="question" rows="6"
                        aria-describedby="ae-ask-question-hint ae-ask-question-error ae-ask-question-counter"
                        aria-invalid=move || error_for(Field::Question).is_some().then_some("true")
                        prop:value=move || draft.with(|draft| draft.question.clone())
                        on:input=move |event| draft.update(|draft| draft.question = event_target_value(&event))>
                    </textarea>
                    <CharacterCounter text=Signal::derive(move || draft.with(|draft| draft.question.clone()))/>
                </div>
                <SimilarQuestions archive=Arc::clone(&archive) draft browse search/>
                <div class="ae-field">
                    <label class="ae-field__label" for=input_id(Field::Category)>"Topic (optional)"</label>
                    <select class="ae-select" id=input_id(Field::Category) name="category"
                        on:change=move |event| draft.update(|draft| draft.category = event_target_value(&event))>
                        <option value="" selected=move || draft.with(|draft| draft.category.is_empty())>"Not sure"</option>
                        {category_options.into_iter().map(|(id, label)| {
                            let value = id.clone();
                            view! { <option value=id selected=move || draft.with(|draft| draft.category == value)>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="ae-field" class:ae-field--error=move || error_for(Field::Name).is_some()>
                    <label class="ae-field__label" for=input_id(Field::Name)>"Your name (optional)"</label>
                    <FieldErrorMessage field=Field::Name message=Signal::derive(move || error_for(Field::Name))/>
                    <input class="ae-input" type="text" id=input_id(Field::Name) name="name" autocomplete="name"
                        aria-describedby="ae-ask-name-error"
                        aria-invalid=move || error_for(Field::Name).is_some().then_some("true")
                        prop:value=move || draft.with(|draft| draft.name.clone())
                        on:input=move |event| draft.update(|draft| draft.name = event_target_value(&event))/>
                </div>
                <div class="ae-field" class:ae-field--error=move || error_for(Field::Email).is_some()>
                    <label class="ae-field__label" for=input_id(Field::Email)>
                        {if email_required { "Email address" } else { "Email address (optional)" }}
                    </label>
                    <p class="ae-field__hint" id="ae-ask-email-hint">"Only to tell you when your answer is published. Never shown."</p>
                    <FieldErrorMessage field=Field::Email message=Signal::derive(move || error_for(Field::Email))/>
                    <input class="ae-input" type="email" id=input_id(Field::Email) name="email" autocomplete="email"
                        spellcheck="false" aria-describedby="ae-ask-email-hint ae-ask-email-error"
                        aria-invalid=move || error_for(Field::Email).is_some().then_some("true")
                        prop:value=move || draft.with(|draft| draft.email.clone())
                        on:input=move |event| draft.update(|draft| draft.email = event_target_value(&event))/>
                </div>
                <div class="ae-field" class:ae-field--error=move || error_for(Field::Consent).is_some()>
                    <FieldErrorMessage field=Field::Consent message=Signal::derive(move || error_for(Field::Consent))/>
                    <div class="ae-check">
                        <input class="ae-check__input" type="checkbox" id=input_id(Field::Consent) name="consent"
                            aria-describedby="ae-ask-consent-error"
                            aria-invalid=move || error_for(Field::Consent).is_some().then_some("true")
                            prop:checked=move || draft.with(|draft| draft.consent)
                            on:change=move |event| draft.update(|draft| draft.consent = event_target_checked(&event))/>
                        <label class="ae-check__label" for=input_id(Field::Consent)>
                            "I agree that my question may be published, without my name or email, as the "
                            <a href=privacy_url rel="noopener noreferrer">"privacy notice"</a>
                            " explains."
                        </label>
                    </div>
                </div>
                <div class="ae-check">
                    <input class="ae-check__input" type="checkbox" id="ae-ask-keep"
                        prop:checked=move || keep_on_device.get()
                        on:change=move |event| keep_on_device.set(event_target_checked(&event))/>
                    <label class="ae-check__label" for="ae-ask-keep">
                        "Keep my draft on this device (otherwise it is forgotten when this tab closes)"
                    </label>
                </div>
                <div class="ae-honeypot" aria-hidden="true">
                    <label for="ae-ask-website">"Leave this field empty"</label>
                    <input type="text" id="ae-ask-website" name="website" tabindex="-1" autocomplete="off"
                        on:input=move |event| honeypot.set(event_target_value(&event))/>
                </div>
                <SendingStatus phase draft/>
                <button type="submit" class="ae-button" aria-disabled=move || phase.with(Phase::is_busy).then_some("true")>
                    {move || if phase.with(Phase::is_busy) { "Sending…".to_owned() } else { send_label.clone() }}
                </button>
            </form>
        </section>
    }
    .into_any()
}

/// Words of the draft used to find similar questions: enough to judge, few enough to be quick.
const SIMILARITY_WORDS: usize = 30;
const SIMILAR_SHOWN: usize = 5;

/// Archive questions like the one being typed, so the visitor may find the answer before
/// sending: shown once the draft has three words, updated when typing pauses.
#[component]
fn SimilarQuestions(
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

#[component]
fn ErrorSummary(
    errors: RwSignal<Vec<FieldError>>,
    phase: RwSignal<Phase>,
    summary_ref: NodeRef<html::Div>,
) -> impl IntoView {
    let failure = move || match phase.get() {
        Phase::Failed { message } => Some(message),
        _ => None,
    };
    let visible = move || errors.with(|errors| !errors.is_empty()) || failure().is_some();
    view! {
        <div class="ae-error-summary" role="alert" tabindex="-1" node_ref=summary_ref hidden=move || !visible()>
            <Show when=visible>
                <h3 class="ae-error-summary__title">"There is a problem"</h3>
                {move || failure().map(|message| view! { <p>{message}</p> })}
                <ul class="ae-error-summary__list">
                    {move || errors.get().into_iter().map(|error| {
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
            </Show>
        </div>
    }
}

#[component]
fn FieldErrorMessage(field: Field, message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p class="ae-field__error" id=format!("{}-error", input_id(field)) hidden=move || message.with(Option::is_none)>
            <span class="ae-visually-hidden">"Error: "</span>
            {move || message.get().unwrap_or_default()}
        </p>
    }
}

/// The visible count updates on every keystroke; the announcement for screen readers waits
/// until typing pauses, so it doesn't talk over the typing.
#[component]
fn CharacterCounter(text: Signal<String>) -> impl IntoView {
    let announcement = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let current = question_form::counter_text(&text.get());
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || announcement.set(current),
            std::time::Duration::from_millis(900),
        )
        .ok();
        pending.set_value(handle);
    });
    view! {
        <p class="ae-field__counter" id="ae-ask-question-counter"
            class:ae-field__counter--over={move || question_form::character_count(&text.get()) > question_form::QUESTION_MAX_CHARS}>
            {move || question_form::counter_text(&text.get())}
        </p>
        <p class="ae-visually-hidden" aria-live="polite">{move || announcement.get()}</p>
    }
}

#[component]
fn SendingStatus(phase: RwSignal<Phase>, draft: RwSignal<Draft>) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let text = draft.with_untracked(|draft| draft.question.clone());
        spawn_local(async move {
            copied.set(
                wasm_bindgen_futures::JsFuture::from(question_sender::copy_to_clipboard(&text))
                    .await
                    .is_ok(),
            );
        });
    };
    view! {
        <p class="ae-form__status" role="status">
            {move || match phase.get() {
                Phase::Sending { attempt: 1 } => "Sending your question…".to_owned(),
                Phase::Sending { attempt } => format!("Sending your question (attempt {attempt} of {})…", question_form::MAX_ATTEMPTS),
                Phase::Waiting { seconds, next_attempt, reason } => format!(
                    "Not sent yet: {reason}. Trying again in {seconds} second{} (attempt {next_attempt} of {}).",
                    if seconds == 1 { "" } else { "s" },
                    question_form::MAX_ATTEMPTS
                ),
                _ => String::new(),
            }}
        </p>
        <Show when=move || matches!(phase.get(), Phase::Failed { .. })>
            <div class="ae-form__recovery">
                <button type="button" class="ae-button ae-button--secondary" on:click=copy>"Copy my question"</button>
                <span role="status">{move || if copied.get() { "Copied." } else { "" }}</span>
            </div>
        </Show>
    }
}

#[component]
fn ContactInstead(config: Config) -> impl IntoView {
    let contact = config.contact;
    view! {
        <section class="ae-ask" id=FORM_SECTION_ID aria-labelledby="ae-ask-title">
            <h2 class="ae-ask__title" id="ae-ask-title">{config.labels.ask}</h2>
            <p>
                {contact.text} " "
                {contact.url.map(|url| view! { <a href=url rel="noopener noreferrer">{contact.link_label}</a> })}
            </p>
        </section>
    }
}

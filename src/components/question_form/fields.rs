//! The form's fields: each with its label, hint, its own error message beside it, and
//! locked (read-only, and saying so) while the question is being sent.

use ask_expert_core::locale::{Arg, around};
use ask_expert_core::question_form::{self, Field};
use leptos::prelude::*;

use super::{FormState, QUESTION_INPUT_ID, input_id};
use crate::locale::use_strings;
use crate::tasks::debounced;

const LOCKED_HINT_ID: &str = "ae-ask-locked";

#[component]
pub(super) fn QuestionField() -> impl IntoView {
    let form = expect_context::<FormState>();
    let field = Field::Question;
    let i18n = use_strings();
    let hint = i18n.format(
        "form.question_hint",
        &[
            ("min", Arg::Count(question_form::QUESTION_MIN_CHARS)),
            ("max", Arg::Count(question_form::QUESTION_MAX_CHARS)),
        ],
    );
    view! {
        <div class="ae-field" class:ae-field--error=move || form.error_for(field).is_some()>
            <label class="ae-field__label" for=QUESTION_INPUT_ID>
                {i18n.text("form.question_label")}
            </label>
            <p class="ae-field__hint" id="ae-ask-question-hint">{hint}</p>
            <p class="ae-field__hint ae-field__hint--locked" id=LOCKED_HINT_ID
                hidden=move || !form.locked()>
                {i18n.text("form.locked_hint")}
            </p>
            <FieldErrorMessage field/>
            <textarea class="ae-textarea" id=QUESTION_INPUT_ID name="question" rows="6"
                aria-describedby=format!(
                    "ae-ask-question-hint {LOCKED_HINT_ID} ae-ask-question-error \
                     ae-ask-question-counter"
                )
                aria-invalid=move || form.error_for(field).is_some().then_some("true")
                readonly=move || form.locked()
                prop:value=move || form.draft.with(|draft| draft.question.clone())
                on:input=move |event| {
                    form.edit(|draft| draft.question = event_target_value(&event))
                }>
            </textarea>
            <CharacterCounter
                text=Signal::derive(move || form.draft.with(|draft| draft.question.clone()))/>
        </div>
    }
}

#[component]
pub(super) fn CategoryField(options: Vec<(String, String)>) -> impl IntoView {
    let form = expect_context::<FormState>();
    let field = Field::Category;
    let i18n = use_strings();
    view! {
        <div class="ae-field" class:ae-field--error=move || form.error_for(field).is_some()>
            <label class="ae-field__label" for=input_id(field)>
                {i18n.text("form.topic_label")}
            </label>
            <FieldErrorMessage field/>
            <select class="ae-select" id=input_id(field) name="category"
                aria-describedby=format!("{}-error {LOCKED_HINT_ID}", input_id(field))
                aria-invalid=move || form.error_for(field).is_some().then_some("true")
                disabled=move || form.locked()
                on:change=move |event| {
                    form.edit(|draft| draft.category = event_target_value(&event))
                }>
                <option value=""
                    selected=move || form.draft.with(|draft| draft.category.is_empty())>
                    {i18n.text("form.topic_unsure")}
                </option>
                {options.into_iter().map(|(id, label)| {
                    let value = id.clone();
                    view! {
                        <option value=id
                            selected=move || form.draft.with(|draft| draft.category == value)>
                            {label}
                        </option>
                    }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub(super) fn NameField() -> impl IntoView {
    let form = expect_context::<FormState>();
    let field = Field::Name;
    let label = use_strings().text("form.name_label");
    view! {
        <div class="ae-field" class:ae-field--error=move || form.error_for(field).is_some()>
            <label class="ae-field__label" for=input_id(field)>{label}</label>
            <FieldErrorMessage field/>
            <input class="ae-input" type="text" id=input_id(field) name="name" autocomplete="name"
                aria-describedby=format!("ae-ask-name-error {LOCKED_HINT_ID}")
                aria-invalid=move || form.error_for(field).is_some().then_some("true")
                readonly=move || form.locked()
                prop:value=move || form.draft.with(|draft| draft.name.clone())
                on:input=move |event| form.edit(|draft| draft.name = event_target_value(&event))/>
        </div>
    }
}

#[component]
pub(super) fn EmailField(required: bool) -> impl IntoView {
    let form = expect_context::<FormState>();
    let field = Field::Email;
    let i18n = use_strings();
    view! {
        <div class="ae-field" class:ae-field--error=move || form.error_for(field).is_some()>
            <label class="ae-field__label" for=input_id(field)>
                {i18n.text(if required { "form.email_label" } else { "form.email_label_optional" })}
            </label>
            <p class="ae-field__hint" id="ae-ask-email-hint">{i18n.text("form.email_hint")}</p>
            <FieldErrorMessage field/>
            <input class="ae-input" type="email" id=input_id(field) name="email"
                autocomplete="email" spellcheck="false"
                aria-describedby=format!("ae-ask-email-hint ae-ask-email-error {LOCKED_HINT_ID}")
                aria-invalid=move || form.error_for(field).is_some().then_some("true")
                readonly=move || form.locked()
                prop:value=move || form.draft.with(|draft| draft.email.clone())
                on:input=move |event| form.edit(|draft| draft.email = event_target_value(&event))/>
        </div>
    }
}

#[component]
pub(super) fn ConsentField(privacy_url: String) -> impl IntoView {
    let form = expect_context::<FormState>();
    let field = Field::Consent;
    let i18n = use_strings();
    let consent = i18n.text("form.consent");
    let (before, after) = around(&consent, "privacy");
    let (before, after) = (before.to_owned(), after.to_owned());
    let privacy_link = i18n.text("form.privacy_link");
    view! {
        <div class="ae-field" class:ae-field--error=move || form.error_for(field).is_some()>
            <FieldErrorMessage field/>
            <div class="ae-check">
                <input class="ae-check__input" type="checkbox" id=input_id(field) name="consent"
                    aria-describedby="ae-ask-consent-error"
                    aria-invalid=move || form.error_for(field).is_some().then_some("true")
                    disabled=move || form.locked()
                    prop:checked=move || form.draft.with(|draft| draft.consent)
                    on:change=move |event| {
                        form.edit(|draft| draft.consent = event_target_checked(&event))
                    }/>
                <label class="ae-check__label" for=input_id(field)>
                    {before}
                    <a href=privacy_url rel="noopener noreferrer">{privacy_link}</a>
                    {after}
                </label>
            </div>
        </div>
    }
}

/// A field's own message, shown beside it (and linked from the summary).
#[component]
fn FieldErrorMessage(field: Field) -> impl IntoView {
    let form = expect_context::<FormState>();
    let message = move || form.error_for(field);
    let prefix = format!("{} ", use_strings().text("form.error_prefix"));
    view! {
        <p class="ae-field__error" id=format!("{}-error", input_id(field))
            hidden=move || message().is_none()>
            <span class="ae-visually-hidden">{prefix}</span>
            {move || message().unwrap_or_default()}
        </p>
    }
}

/// How long typing must pause before the count is announced.
const ANNOUNCE_AFTER: std::time::Duration = std::time::Duration::from_millis(900);

/// The visible count updates on every keystroke; the announcement for screen readers waits
/// until typing pauses, so it doesn't talk over the typing.
#[component]
fn CharacterCounter(text: Signal<String>) -> impl IntoView {
    let i18n = use_strings();
    let counter = Memo::new(move |_| {
        text.with(|text| i18n.with_words(|words| question_form::counter_text(words, text)))
    });
    let over = Memo::new(move |_| {
        text.with(|text| question_form::character_count(text) > question_form::QUESTION_MAX_CHARS)
    });
    let announcement = debounced(move || counter.get(), ANNOUNCE_AFTER, |_| false);
    view! {
        <p class="ae-field__counter" id="ae-ask-question-counter"
            class:ae-field__counter--over=move || over.get()>
            {move || counter.get()}
        </p>
        <p class="ae-visually-hidden" aria-live="polite">{move || announcement.get()}</p>
    }
}

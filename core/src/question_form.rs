//! The "Ask a question" form without the browser: the draft, its validation (in the words
//! GOV.UK forms use), the payload sent to the association's endpoint, and how to read the
//! endpoint's answer, including when to try again.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::locale::{Arg, Words};
use crate::url_state::encode_component;
use crate::wording::thousands;

pub const QUESTION_MIN_CHARS: usize = 20;
pub const QUESTION_MAX_CHARS: usize = 2_000;
pub const CATEGORY_MAX_CHARS: usize = 200;
pub const NAME_MAX_CHARS: usize = 200;
pub const EMAIL_MAX_CHARS: usize = 254;
/// `page_url` and `submitted_at` are stored as given, up to this many characters.
pub const PAGE_TEXT_MAX_CHARS: usize = 2_000;
/// Attempts per send: the first and up to three retries.
pub const MAX_ATTEMPTS: u32 = 4;
pub const SEND_TIMEOUT: Duration = Duration::from_secs(15);
/// The longest wait between attempts, whatever `Retry-After` asks for, so a visitor is
/// never left waiting for minutes.
const LONGEST_WAIT: Duration = Duration::from_secs(30);

/// Payload members the visitor does not type: where and when the question was sent, and
/// the honeypot that only software fills in.
pub const PAGE_URL_KEY: &str = "page_url";
pub const SUBMITTED_AT_KEY: &str = "submitted_at";
pub const HONEYPOT_KEY: &str = "website";

/// The words of every validation message, so the page and any receiver say the same.
pub mod messages {
    pub const QUESTION_MISSING: &str = "Enter your question";
    pub const QUESTION_NOT_TEXT: &str = "Enter your question as text";
    pub const EMAIL_MISSING: &str = "Enter your email address";
    pub const EMAIL_FORMAT: &str =
        "Enter an email address in the correct format, like name@example.com";
    pub const CONSENT_MISSING: &str = "Tick the box to agree to how we use your question";
    /// Said wherever a visitor types free text for the association: the question form and
    /// "What was missing?" alike.
    pub const NO_PERSONAL_DETAILS: &str = "Please don't include anything you wouldn't want \
        published, such as your full name, address or doctor's name.";
}

/// What the visitor has typed so far; kept in storage so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub question: String,
    /// A category id, or empty for "not sure".
    pub category: String,
    pub name: String,
    pub email: String,
    pub consent: bool,
    /// Sent with every attempt at this content, so the endpoint stores it once. A new key
    /// comes with any change to what would be sent (see [`Draft::edit`]).
    pub idempotency_key: String,
}

impl Draft {
    pub fn is_blank(&self) -> bool {
        self.question.trim().is_empty()
            && self.name.trim().is_empty()
            && self.email.trim().is_empty()
    }

    /// True when both drafts would send the same question (same payload, apart from the
    /// page address and time).
    pub fn same_content(&self, other: &Draft) -> bool {
        self.question.trim() == other.question.trim()
            && self.category.trim() == other.category.trim()
            && self.name.trim() == other.name.trim()
            && self.email.trim() == other.email.trim()
            && self.consent == other.consent
    }

    /// Applies a visitor's edit. A key belongs to one content: once the content changes,
    /// the old key is dropped, because an endpoint that already stored the old content
    /// under it would answer the corrected question with the first one's receipt.
    pub fn edit(&mut self, change: impl FnOnce(&mut Draft)) {
        let before = self.clone();
        change(self);
        if !self.same_content(&before) {
            self.idempotency_key.clear();
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Question,
    Category,
    Name,
    Email,
    Consent,
}

impl Field {
    /// In the order the form shows them.
    pub const ALL: [Field; 5] = [
        Field::Question,
        Field::Category,
        Field::Name,
        Field::Email,
        Field::Consent,
    ];

    /// The name used in the payload and in the endpoint's error replies.
    pub fn key(self) -> &'static str {
        match self {
            Field::Question => "question",
            Field::Category => "category",
            Field::Name => "name",
            Field::Email => "email",
            Field::Consent => "consent",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.key() == key)
    }

    /// How messages name the field: "Your name must be …".
    fn subject(self) -> &'static str {
        match self {
            Field::Question => "Your question",
            Field::Category => "Category",
            Field::Name => "Your name",
            Field::Email => "Your email address",
            Field::Consent => "Your agreement",
        }
    }

    /// The message for a value that arrived as something other than text (a JSON number,
    /// a list…). The page never sends one; a receiver reading hand-made requests may.
    pub fn not_text_message(self) -> String {
        match self {
            Field::Question => messages::QUESTION_NOT_TEXT.to_owned(),
            Field::Email => messages::EMAIL_FORMAT.to_owned(),
            _ => format!("{} must be text", self.subject()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// Every problem with the draft, in the order the fields appear, in English (a receiver's
/// replies).
pub fn validate(draft: &Draft, email_required: bool) -> Vec<FieldError> {
    validate_in(Words::english(), draft, email_required)
}

/// Every problem with the draft, in the order the fields appear, in `words`.
pub fn validate_in(words: Words, draft: &Draft, email_required: bool) -> Vec<FieldError> {
    Field::ALL
        .into_iter()
        .filter_map(|field| {
            field_problem_in(words, field, draft, email_required)
                .map(|message| FieldError { field, message })
        })
        .collect()
}

/// What is wrong with one field of the draft, if anything, in English.
pub fn field_problem(field: Field, draft: &Draft, email_required: bool) -> Option<String> {
    field_problem_in(Words::english(), field, draft, email_required)
}

/// What is wrong with one field of the draft, if anything, in `words`.
pub fn field_problem_in(
    words: Words,
    field: Field,
    draft: &Draft,
    email_required: bool,
) -> Option<String> {
    let longer_than = |key: &str, text: &str, max: usize| {
        (character_count(text) > max).then(|| words.format(key, &[("max", Arg::Count(max))]))
    };
    match field {
        Field::Question => {
            let length = character_count(&draft.question);
            if length == 0 {
                Some(words.text("form.question_missing"))
            } else if length < QUESTION_MIN_CHARS {
                Some(words.format(
                    "form.question_too_short",
                    &[("min", Arg::Count(QUESTION_MIN_CHARS))],
                ))
            } else {
                longer_than(
                    "form.question_too_long",
                    &draft.question,
                    QUESTION_MAX_CHARS,
                )
            }
        }
        Field::Category => longer_than(
            "form.category_too_long",
            &draft.category,
            CATEGORY_MAX_CHARS,
        ),
        Field::Name => longer_than("form.name_too_long", &draft.name, NAME_MAX_CHARS),
        Field::Email => {
            let email = draft.email.trim();
            if email.is_empty() {
                email_required.then(|| words.text("form.email_missing"))
            } else if let Some(message) = longer_than("form.email_too_long", email, EMAIL_MAX_CHARS)
            {
                Some(message)
            } else if !looks_like_email(email) {
                Some(words.text("form.email_format"))
            } else {
                None
            }
        }
        Field::Consent => (!draft.consent).then(|| words.text("form.consent_missing")),
    }
}

pub(crate) fn too_long_message(subject: &str, max: usize) -> String {
    format!("{subject} must be {} characters or fewer", thousands(max))
}

/// What is wrong with `page_url` or `submitted_at` (stored as given, so counted untrimmed).
pub fn page_text_problem(key: &str, text: &str) -> Option<String> {
    let subject = page_text_subject(key);
    (count_characters(text) > PAGE_TEXT_MAX_CHARS)
        .then(|| too_long_message(subject, PAGE_TEXT_MAX_CHARS))
}

/// The message for `page_url` or `submitted_at` sent as something other than text.
pub fn page_text_not_text_message(key: &str) -> String {
    format!("{} must be text", page_text_subject(key))
}

fn page_text_subject(key: &str) -> &'static str {
    if key == PAGE_URL_KEY {
        "The page address"
    } else {
        "The time sent"
    }
}

/// Characters as a visitor counts them, ignoring spaces at either end: what looks like one
/// character is one (a family emoji, an "é" typed as e + accent), not bytes or code points.
pub fn character_count(text: &str) -> usize {
    count_characters(text.trim())
}

fn count_characters(text: &str) -> usize {
    // Extended grapheme clusters join what is drawn as one: emoji sequences, flags, and a
    // letter with its combining marks, so a decomposed "é" counts once, as a composed one
    // does. Normalizing to NFC first would change no count (composition only merges a base
    // with marks that already share its cluster) and would add its tables, about 60 KB
    // gzipped, to the page's download.
    text.graphemes(true).count()
}

/// The counter under the question box.
pub fn counter_text(words: Words, text: &str) -> String {
    let count = character_count(text);
    if count < QUESTION_MIN_CHARS {
        words.count("form.characters_needed", QUESTION_MIN_CHARS - count)
    } else {
        remaining_text(words, count, QUESTION_MAX_CHARS)
    }
}

/// "You have N characters remaining" (or "too many") for a box that holds `max`.
pub fn remaining_text(words: Words, count: usize, max: usize) -> String {
    if count <= max {
        words.count("form.characters_remaining", max - count)
    } else {
        words.count("form.characters_too_many", count - max)
    }
}

/// Deliberately loose: exactly one @, something before it, a domain of two or more
/// non-empty dot-separated parts, no spaces or control characters. The length is checked
/// separately, with its own message. The association's own mail will tell it the rest.
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PayloadFormat {
    #[default]
    Json,
    /// `application/x-www-form-urlencoded`, for form services that accept nothing else.
    /// Sent without custom headers, so the browser needs no preflight.
    Form,
}

impl PayloadFormat {
    pub fn from_key(key: &str) -> Option<PayloadFormat> {
        match key {
            "json" => Some(PayloadFormat::Json),
            "form" => Some(PayloadFormat::Form),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            PayloadFormat::Json => "application/json",
            PayloadFormat::Form => "application/x-www-form-urlencoded",
        }
    }

    pub fn sends_idempotency_key(self) -> bool {
        self == PayloadFormat::Json
    }
}

/// The request body: `{"question", "category", "name", "email", "consent", "page_url",
/// "submitted_at"}` in either format.
pub fn payload(draft: &Draft, format: PayloadFormat, page_url: &str, submitted_at: &str) -> String {
    let fields = [
        (Field::Question.key(), draft.question.trim()),
        (Field::Category.key(), draft.category.trim()),
        (Field::Name.key(), draft.name.trim()),
        (Field::Email.key(), draft.email.trim()),
    ];
    match format {
        PayloadFormat::Json => {
            let mut object = serde_json::Map::new();
            for (key, value) in fields {
                object.insert(key.to_owned(), serde_json::Value::String(value.to_owned()));
            }
            object.insert(
                Field::Consent.key().to_owned(),
                serde_json::Value::Bool(draft.consent),
            );
            object.insert(
                PAGE_URL_KEY.to_owned(),
                serde_json::Value::String(page_url.to_owned()),
            );
            object.insert(
                SUBMITTED_AT_KEY.to_owned(),
                serde_json::Value::String(submitted_at.to_owned()),
            );
            serde_json::Value::Object(object).to_string()
        }
        PayloadFormat::Form => {
            let consent = if draft.consent { "true" } else { "false" };
            let pairs = fields.into_iter().chain([
                (Field::Consent.key(), consent),
                (PAGE_URL_KEY, page_url),
                (SUBMITTED_AT_KEY, submitted_at),
            ]);
            pairs
                .map(|(key, value)| format!("{key}={}", encode_component(value)))
                .collect::<Vec<_>>()
                .join("&")
        }
    }
}

/// What to do after one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Sent {
        reference: Option<String>,
    },
    /// Try again after the wait (if attempts are left).
    RetryAfter(Duration),
    /// The endpoint refused the question; field messages when it named fields.
    Rejected {
        field_errors: Vec<(Field, String)>,
        message: Option<String>,
    },
}

/// Reads the endpoint's answer to attempt number `attempt` (counting from 1).
pub fn judge_response(status: u16, retry_after: Option<&str>, body: &str, attempt: u32) -> Verdict {
    match status {
        200..=299 => Verdict::Sent {
            reference: reference_in(body),
        },
        408 | 429 | 500..=599 => Verdict::RetryAfter(wait_before_retry(attempt, retry_after)),
        _ => {
            let (field_errors, message) = errors_in(body);
            Verdict::Rejected {
                field_errors,
                message,
            }
        }
    }
}

/// The wait before the next attempt after a network failure or a busy server: what the
/// server asked for in `Retry-After` (seconds), or 1 s, 2 s, 4 s…, never over 30 s.
pub fn wait_before_retry(attempt: u32, retry_after: Option<&str>) -> Duration {
    let asked = retry_after
        .and_then(|value| value.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let backoff = Duration::from_secs(1 << attempt.saturating_sub(1).min(5));
    asked.unwrap_or(backoff).min(LONGEST_WAIT)
}

fn reference_in(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    ["reference", "id", "reference_id"]
        .iter()
        .find_map(|key| match value.get(key)? {
            serde_json::Value::String(text) if !text.trim().is_empty() => {
                Some(text.trim().to_owned())
            }
            serde_json::Value::Number(number) => Some(number.to_string()),
            _ => None,
        })
}

fn errors_in(body: &str) -> (Vec<(Field, String)>, Option<String>) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(body) else {
        return (Vec::new(), None);
    };
    let mut field_errors = Vec::new();
    let mut other = None;
    if let Some(errors) = value.get("errors").and_then(|errors| errors.as_object()) {
        for (key, message) in errors {
            let Some(message) = message.as_str().map(str::trim).filter(|m| !m.is_empty()) else {
                continue;
            };
            match Field::from_key(key) {
                Some(field) => field_errors.push((field, message.to_owned())),
                None => other = Some(message.to_owned()),
            }
        }
    }
    // A JSON object's members come in no particular order; the visitor reads them in the
    // order of the form.
    field_errors.sort_by_key(|(field, _)| *field);
    let message = other.or_else(|| {
        value
            .get("error")
            .and_then(|e| e.as_str())
            .map(str::to_owned)
    });
    (field_errors, message)
}

/// A version 4 UUID from 16 random bytes.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(question: &str) -> Draft {
        Draft {
            question: question.to_owned(),
            consent: true,
            ..Draft::default()
        }
    }

    fn messages(draft: &Draft, email_required: bool) -> Vec<(Field, String)> {
        validate(draft, email_required)
            .into_iter()
            .map(|error| (error.field, error.message))
            .collect()
    }

    #[test]
    fn a_complete_draft_is_valid() {
        assert_eq!(
            messages(&draft("Can acupuncture help with my knee?"), false),
            vec![]
        );
    }

    #[test]
    fn the_question_must_be_20_to_2000_characters() {
        assert_eq!(
            messages(&draft("   "), false),
            vec![(Field::Question, "Enter your question".into())]
        );
        assert_eq!(
            messages(&draft("Too short?"), false),
            vec![(
                Field::Question,
                "Your question must be at least 20 characters".into()
            )]
        );
        assert_eq!(messages(&draft(&"é".repeat(2000)), false), vec![]);
        assert_eq!(
            messages(&draft(&"é".repeat(2001)), false),
            vec![(
                Field::Question,
                "Your question must be 2,000 characters or fewer".into()
            )]
        );
        assert_eq!(
            messages(&draft(&format!("  {}  ", "a".repeat(20))), false),
            vec![]
        );
    }

    #[test]
    fn email_is_checked_when_given_or_required() {
        let mut with_email = draft("Can acupuncture help with my knee?");
        with_email.email = "not an email".into();
        assert_eq!(messages(&with_email, false)[0].0, Field::Email);
        with_email.email = "visitor@example.org".into();
        assert_eq!(messages(&with_email, true), vec![]);
        with_email.email = String::new();
        assert_eq!(
            messages(&with_email, true),
            vec![(Field::Email, "Enter your email address".into())]
        );
        for bad in [
            "@example.org",
            "a@b",
            "a@b.",
            "a@@b.org",
            "a b@c.org",
            "a@.org",
            "",
            "name",
            "name@",
            "name@example.",
            "a@b@c.d",
            "name@exa..com",
            "name@exa mple.com",
            "name\t@x.y",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
        for good in [
            "a@b.co",
            "first.last+tag@sub.example.org",
            "ü@example.de",
            "ü@exämple.de",
        ] {
            assert!(looks_like_email(good), "{good}");
        }
    }

    #[test]
    fn consent_is_required_and_errors_come_in_field_order() {
        let unconsented = Draft {
            question: "short".into(),
            email: "x".into(),
            ..Draft::default()
        };
        let fields: Vec<Field> = validate(&unconsented, false)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, [Field::Question, Field::Email, Field::Consent]);
    }

    #[test]
    fn the_counter_speaks_plainly() {
        assert_eq!(
            counter_text(Words::english(), ""),
            "20 more characters needed"
        );
        assert_eq!(
            counter_text(Words::english(), &"a".repeat(19)),
            "1 more character needed"
        );
        assert_eq!(
            counter_text(Words::english(), &"a".repeat(20)),
            "You have 1,980 characters remaining"
        );
        assert_eq!(
            counter_text(Words::english(), &"a".repeat(1999)),
            "You have 1 character remaining"
        );
        assert_eq!(
            counter_text(Words::english(), &"a".repeat(2003)),
            "You have 3 characters too many"
        );
    }

    #[test]
    fn payloads_carry_the_same_fields_in_both_formats() {
        let draft = Draft {
            question: " Does it hurt & is it safe? ".into(),
            category: "needles".into(),
            name: "Sam".into(),
            email: "sam@example.org".into(),
            consent: true,
            idempotency_key: "k".into(),
        };
        let json: serde_json::Value = serde_json::from_str(&payload(
            &draft,
            PayloadFormat::Json,
            "https://example.org/qa",
            "2026-11-25T10:00:00Z",
        ))
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"question": "Does it hurt & is it safe?", "category": "needles",
                "name": "Sam", "email": "sam@example.org", "consent": true,
                "page_url": "https://example.org/qa", "submitted_at": "2026-11-25T10:00:00Z"})
        );
        assert_eq!(
            payload(
                &draft,
                PayloadFormat::Form,
                "https://example.org/qa",
                "2026-11-25T10:00:00Z"
            ),
            "question=Does+it+hurt+%26+is+it+safe%3F&category=needles&name=Sam\
             &email=sam%40example.org&consent=true\
             &page_url=https%3A%2F%2Fexample.org%2Fqa&submitted_at=2026-11-25T10%3A00%3A00Z"
        );
    }

    #[test]
    fn judges_responses() {
        assert_eq!(
            judge_response(201, None, r#"{"reference": "Q-000042"}"#, 1),
            Verdict::Sent {
                reference: Some("Q-000042".into())
            }
        );
        assert_eq!(
            judge_response(200, None, "thanks", 1),
            Verdict::Sent { reference: None }
        );
        assert_eq!(
            judge_response(429, Some("7"), "", 1),
            Verdict::RetryAfter(Duration::from_secs(7))
        );
        assert_eq!(
            judge_response(503, None, "", 3),
            Verdict::RetryAfter(Duration::from_secs(4))
        );
        assert_eq!(
            judge_response(408, Some("Wed, 21 Oct 2026 07:28:00 GMT"), "", 1),
            Verdict::RetryAfter(Duration::from_secs(1))
        );
        assert_eq!(
            judge_response(503, Some("3600"), "", 1),
            Verdict::RetryAfter(Duration::from_secs(30))
        );
        assert_eq!(
            judge_response(
                400,
                None,
                r#"{"errors": {"email": "That address bounced", "form": "Try later"}}"#,
                1
            ),
            Verdict::Rejected {
                field_errors: vec![(Field::Email, "That address bounced".into())],
                message: Some("Try later".into())
            }
        );
        assert_eq!(
            judge_response(403, None, "<html>", 1),
            Verdict::Rejected {
                field_errors: vec![],
                message: None
            }
        );
    }

    #[test]
    fn characters_are_counted_as_people_see_them() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";
        assert_eq!(family.chars().count(), 7);
        assert_eq!(character_count(&family.repeat(7)), 7);
        assert_eq!(
            counter_text(Words::english(), &family.repeat(7)),
            "13 more characters needed"
        );
        let decomposed = "e\u{301}".repeat(10);
        assert_eq!(character_count(&decomposed), 10);
        assert_eq!(
            messages(&draft(&decomposed), false),
            vec![(
                Field::Question,
                "Your question must be at least 20 characters".into()
            )]
        );
        assert_eq!(character_count(&"\u{1F1EB}\u{1F1F7}".repeat(3)), 3);
        // Composed and decomposed forms of the same text count the same.
        for (composed, decomposed) in [
            ("café", "cafe\u{301}"),
            (
                "\u{D55C}\u{AE00}",
                "\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF}",
            ),
            ("\u{304C}", "\u{304B}\u{3099}"),
            ("\u{1E69}", "s\u{323}\u{307}"),
        ] {
            assert_eq!(character_count(composed), character_count(decomposed));
        }
        assert_eq!(messages(&draft(&family.repeat(2000)), false), vec![]);
        assert_eq!(messages(&draft(&"e\u{301}".repeat(2000)), false), vec![]);
        assert_eq!(
            messages(&draft(&"e\u{301}".repeat(2001)), false),
            vec![(
                Field::Question,
                "Your question must be 2,000 characters or fewer".into()
            )]
        );
    }

    #[test]
    fn a_long_email_address_is_told_it_is_long_and_a_long_category_is_refused() {
        let mut long = draft("Can acupuncture help with my knee?");
        long.email = format!("{}@example.com", "a".repeat(243));
        assert_eq!(
            messages(&long, false),
            vec![(
                Field::Email,
                "Your email address must be 254 characters or fewer".into()
            )]
        );
        long.email = format!("{}@example.com", "a".repeat(242));
        long.category = "c".repeat(201);
        assert_eq!(
            messages(&long, false),
            vec![(
                Field::Category,
                "Category must be 200 characters or fewer".into()
            )]
        );
        long.category = "c".repeat(200);
        assert_eq!(messages(&long, false), vec![]);
    }

    #[test]
    fn a_changed_draft_gets_a_new_key_and_an_unchanged_one_keeps_it() {
        let mut sent = draft("Can acupuncture help with my knee?");
        sent.idempotency_key = "first".into();
        let mut retyped = sent.clone();
        retyped.edit(|draft| draft.question.push(' '));
        assert_eq!(
            retyped.idempotency_key, "first",
            "spaces at the end are not sent"
        );
        retyped.edit(|_| {});
        assert_eq!(retyped.idempotency_key, "first");
        let changes: [fn(&mut Draft); 5] = [
            |d: &mut Draft| d.question.push_str(" And my hip?"),
            |d: &mut Draft| d.category = "needles".into(),
            |d: &mut Draft| d.name = "Sam".into(),
            |d: &mut Draft| d.email = "sam@example.org".into(),
            |d: &mut Draft| d.consent = false,
        ];
        for change in changes {
            let mut edited = sent.clone();
            edited.edit(change);
            assert_eq!(edited.idempotency_key, "", "{edited:?}");
        }
    }

    #[test]
    fn the_endpoints_field_messages_come_in_field_order() {
        let verdict = judge_response(
            400,
            None,
            r#"{"errors": {"question": "Q", "category": "C", "form": "F", "email": "E"}}"#,
            1,
        );
        assert_eq!(
            verdict,
            Verdict::Rejected {
                field_errors: vec![
                    (Field::Question, "Q".into()),
                    (Field::Category, "C".into()),
                    (Field::Email, "E".into()),
                ],
                message: Some("F".into())
            }
        );
    }

    #[test]
    fn makes_version_4_uuids() {
        let uuid = uuid_v4([0xff; 16]);
        assert_eq!(uuid, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn drafts_survive_storage_even_from_older_shapes() {
        let draft = Draft {
            question: "Q".into(),
            consent: true,
            ..Draft::default()
        };
        let stored = serde_json::to_string(&draft).unwrap();
        assert_eq!(serde_json::from_str::<Draft>(&stored).unwrap(), draft);
        assert_eq!(
            serde_json::from_str::<Draft>(r#"{"question": "Only this"}"#)
                .unwrap()
                .question,
            "Only this"
        );
    }
}

//! The "Ask a question" form without the browser: the draft, its validation (in the words
//! GOV.UK forms use), the payload sent to the association's endpoint, and how to read the
//! endpoint's answer, including when to try again.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::url_state::encode_component;
use crate::wording::thousands;

pub const QUESTION_MIN_CHARS: usize = 20;
pub const QUESTION_MAX_CHARS: usize = 2_000;
pub const NAME_MAX_CHARS: usize = 200;
pub const EMAIL_MAX_CHARS: usize = 254;
/// Attempts per send: the first and up to three retries.
pub const MAX_ATTEMPTS: u32 = 4;
pub const SEND_TIMEOUT: Duration = Duration::from_secs(15);
/// The longest wait between attempts, whatever `Retry-After` asks for, so a visitor is
/// never left waiting for minutes.
const LONGEST_WAIT: Duration = Duration::from_secs(30);

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
    /// Sent once per draft and reused on every retry, so the endpoint stores it once.
    pub idempotency_key: String,
}

impl Draft {
    pub fn is_blank(&self) -> bool {
        self.question.trim().is_empty()
            && self.name.trim().is_empty()
            && self.email.trim().is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Question,
    Category,
    Name,
    Email,
    Consent,
}

impl Field {
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// Every problem with the draft, in the order the fields appear.
pub fn validate(draft: &Draft, email_required: bool) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut fail = |field, message: &str| {
        errors.push(FieldError {
            field,
            message: message.to_owned(),
        })
    };
    let length = character_count(&draft.question);
    if length == 0 {
        fail(Field::Question, "Enter your question");
    } else if length < QUESTION_MIN_CHARS {
        fail(
            Field::Question,
            &format!("Your question must be at least {QUESTION_MIN_CHARS} characters"),
        );
    } else if length > QUESTION_MAX_CHARS {
        fail(
            Field::Question,
            &format!(
                "Your question must be {} characters or fewer",
                thousands(QUESTION_MAX_CHARS)
            ),
        );
    }
    if character_count(&draft.name) > NAME_MAX_CHARS {
        fail(
            Field::Name,
            &format!("Your name must be {NAME_MAX_CHARS} characters or fewer"),
        );
    }
    let email = draft.email.trim();
    if email.is_empty() {
        if email_required {
            fail(Field::Email, "Enter your email address");
        }
    } else if !looks_like_email(email) {
        fail(
            Field::Email,
            "Enter an email address in the correct format, like name@example.com",
        );
    }
    if !draft.consent {
        fail(
            Field::Consent,
            "Tick the box to agree to how we use your question",
        );
    }
    errors
}

/// Characters as a visitor counts them (not bytes), ignoring spaces at either end.
pub fn character_count(text: &str) -> usize {
    text.trim().chars().count()
}

/// The counter under the question box.
pub fn counter_text(text: &str) -> String {
    let count = character_count(text);
    if count < QUESTION_MIN_CHARS {
        let missing = QUESTION_MIN_CHARS - count;
        format!(
            "{missing} more character{} needed",
            if missing == 1 { "" } else { "s" }
        )
    } else if count <= QUESTION_MAX_CHARS {
        let left = QUESTION_MAX_CHARS - count;
        format!(
            "You have {} character{} remaining",
            thousands(left),
            if left == 1 { "" } else { "s" }
        )
    } else {
        let over = count - QUESTION_MAX_CHARS;
        format!(
            "You have {} character{} too many",
            thousands(over),
            if over == 1 { "" } else { "s" }
        )
    }
}

/// Deliberately loose: one @, something before it, a dot in what follows, no spaces. The
/// association's own mail will tell it the rest.
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    text.chars().count() <= EMAIL_MAX_CHARS
        && !local.is_empty()
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
        ("question", draft.question.trim()),
        ("category", draft.category.trim()),
        ("name", draft.name.trim()),
        ("email", draft.email.trim()),
    ];
    match format {
        PayloadFormat::Json => {
            let mut object = serde_json::Map::new();
            for (key, value) in fields {
                object.insert(key.to_owned(), serde_json::Value::String(value.to_owned()));
            }
            object.insert("consent".to_owned(), serde_json::Value::Bool(draft.consent));
            object.insert(
                "page_url".to_owned(),
                serde_json::Value::String(page_url.to_owned()),
            );
            object.insert(
                "submitted_at".to_owned(),
                serde_json::Value::String(submitted_at.to_owned()),
            );
            serde_json::Value::Object(object).to_string()
        }
        PayloadFormat::Form => {
            let consent = if draft.consent { "true" } else { "false" };
            let pairs = fields.into_iter().chain([
                ("consent", consent),
                ("page_url", page_url),
                ("submitted_at", submitted_at),
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
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
        for good in ["a@b.co", "first.last+tag@sub.example.org", "ü@example.de"] {
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
        assert_eq!(counter_text(""), "20 more characters needed");
        assert_eq!(counter_text(&"a".repeat(19)), "1 more character needed");
        assert_eq!(
            counter_text(&"a".repeat(20)),
            "You have 1,980 characters remaining"
        );
        assert_eq!(
            counter_text(&"a".repeat(1999)),
            "You have 1 character remaining"
        );
        assert_eq!(
            counter_text(&"a".repeat(2003)),
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
            serde_json::json!({"question": "Does it hurt & is it safe?", "category": "needles", "name": "Sam",
                "email": "sam@example.org", "consent": true, "page_url": "https://example.org/qa",
                "submitted_at": "2026-11-25T10:00:00Z"})
        );
        assert_eq!(
            payload(
                &draft,
                PayloadFormat::Form,
                "https://example.org/qa",
                "2026-11-25T10:00:00Z"
            ),
            "question=Does+it+hurt+%26+is+it+safe%3F&category=needles&name=Sam&email=sam%40example.org&consent=true\
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

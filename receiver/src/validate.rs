//! Reading a posted question (JSON or form body) and checking every field.
//!
//! Nothing here does I/O: [`parse_body`] turns bytes into [`RawFields`], and
//! [`validate`] turns those into a [`Submission`] or a map of field name → message
//! written for the visitor.

use std::collections::BTreeMap;

/// Limits, in Unicode scalar values (`char`s), after trimming where the field is trimmed.
pub const QUESTION_MIN: usize = 20;
pub const QUESTION_MAX: usize = 2_000;
pub const SHORT_TEXT_MAX: usize = 200;
pub const EMAIL_MAX: usize = 254;
pub const PAGE_TEXT_MAX: usize = 2_000;

/// Field name → message for the visitor. Names are exactly the request's field names.
pub type FieldErrors = BTreeMap<&'static str, String>;

/// One field as it arrived, before any checks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Field {
    /// Not sent, or JSON `null`.
    #[default]
    Absent,
    Text(String),
    /// Sent in JSON as something other than a string (a number, an object, ...).
    NotText,
}

impl Field {
    fn from_json(value: Option<&serde_json::Value>) -> Field {
        match value {
            None | Some(serde_json::Value::Null) => Field::Absent,
            Some(serde_json::Value::String(s)) => Field::Text(s.clone()),
            Some(_) => Field::NotText,
        }
    }
}

/// Everything the receiver reads from a request body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawFields {
    pub question: Field,
    pub category: Field,
    pub name: Field,
    pub email: Field,
    pub page_url: Field,
    pub submitted_at: Field,
    /// True only for JSON `true`, or a form value of "true", "on", "yes" or "1".
    pub consent: bool,
    /// The honeypot field `website` held something.
    pub honeypot: bool,
}

/// Why a body could not be read at all (as opposed to a field being wrong).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyError {
    /// Content-Type missing or neither JSON nor a URL-encoded form.
    UnsupportedType,
    /// JSON that does not parse, or is not an object.
    Unreadable,
}

/// The two body formats the receiver accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Form,
}

/// Decides the body format from a Content-Type header value (parameters such as
/// `charset=utf-8` are ignored, the media type is case-insensitive).
pub fn body_kind(content_type: Option<&str>) -> Result<BodyKind, BodyError> {
    let media = content_type
        .and_then(|ct| ct.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .ok_or(BodyError::UnsupportedType)?;
    match media.as_str() {
        "application/json" => Ok(BodyKind::Json),
        "application/x-www-form-urlencoded" => Ok(BodyKind::Form),
        _ => Err(BodyError::UnsupportedType),
    }
}

/// Reads the body according to its Content-Type.
pub fn parse_body(content_type: Option<&str>, body: &[u8]) -> Result<RawFields, BodyError> {
    match body_kind(content_type)? {
        BodyKind::Json => parse_json(body),
        BodyKind::Form => Ok(parse_form(body)),
    }
}

/// A JSON object; unknown members are ignored.
pub fn parse_json(body: &[u8]) -> Result<RawFields, BodyError> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| BodyError::Unreadable)?;
    let object = value.as_object().ok_or(BodyError::Unreadable)?;
    let honeypot = match object.get("website") {
        None | Some(serde_json::Value::Null) | Some(serde_json::Value::Bool(false)) => false,
        Some(serde_json::Value::String(s)) => !s.trim().is_empty(),
        Some(_) => true,
    };
    Ok(RawFields {
        question: Field::from_json(object.get("question")),
        category: Field::from_json(object.get("category")),
        name: Field::from_json(object.get("name")),
        email: Field::from_json(object.get("email")),
        page_url: Field::from_json(object.get("page_url")),
        submitted_at: Field::from_json(object.get("submitted_at")),
        consent: matches!(object.get("consent"), Some(serde_json::Value::Bool(true))),
        honeypot,
    })
}

/// `application/x-www-form-urlencoded`. When a name repeats, the first value counts.
/// Bytes that are not UTF-8 are replaced (U+FFFD), as browsers never send them.
pub fn parse_form(body: &[u8]) -> RawFields {
    let mut fields = RawFields::default();
    let mut seen_consent = false;
    let mut seen_website = false;
    for (name, value) in form_urlencoded::parse(body) {
        let slot = match name.as_ref() {
            "question" => &mut fields.question,
            "category" => &mut fields.category,
            "name" => &mut fields.name,
            "email" => &mut fields.email,
            "page_url" => &mut fields.page_url,
            "submitted_at" => &mut fields.submitted_at,
            "consent" => {
                if !seen_consent {
                    seen_consent = true;
                    fields.consent = form_truthy(&value);
                }
                continue;
            }
            "website" => {
                if !seen_website {
                    seen_website = true;
                    fields.honeypot = !value.trim().is_empty();
                }
                continue;
            }
            _ => continue,
        };
        if *slot == Field::Absent {
            *slot = Field::Text(value.into_owned());
        }
    }
    fields
}

fn form_truthy(value: &str) -> bool {
    let v = value.trim();
    ["true", "on", "yes", "1"]
        .iter()
        .any(|t| v.eq_ignore_ascii_case(t))
}

/// A question that passed every check, ready to store. Consent is implied (it was given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// Trimmed.
    pub question: String,
    /// Trimmed; `None` when absent or blank.
    pub category: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    /// As given; `None` when absent or empty.
    pub page_url: Option<String>,
    pub submitted_at: Option<String>,
}

/// Checks every field and reports all problems at once.
pub fn validate(raw: &RawFields, require_email: bool) -> Result<Submission, FieldErrors> {
    let mut errors = FieldErrors::new();

    let question = match &raw.question {
        Field::Absent => {
            errors.insert("question", "Enter your question".into());
            String::new()
        }
        Field::NotText => {
            errors.insert("question", "Enter your question as text".into());
            String::new()
        }
        Field::Text(text) => {
            let text = text.trim();
            let len = text.chars().count();
            if len == 0 {
                errors.insert("question", "Enter your question".into());
            } else if len < QUESTION_MIN {
                errors.insert(
                    "question",
                    format!("Your question must be at least {QUESTION_MIN} characters"),
                );
            } else if len > QUESTION_MAX {
                errors.insert(
                    "question",
                    "Your question must be 2,000 characters or fewer".into(),
                );
            }
            text.to_owned()
        }
    };

    let category = short_text(
        &raw.category,
        "category",
        "Category",
        SHORT_TEXT_MAX,
        &mut errors,
    );
    let name = short_text(&raw.name, "name", "Your name", SHORT_TEXT_MAX, &mut errors);

    let email = match &raw.email {
        Field::NotText => {
            errors.insert("email", email_format_message());
            None
        }
        Field::Absent => None,
        Field::Text(text) => {
            let text = text.trim();
            if text.is_empty() {
                None
            } else if text.chars().count() > EMAIL_MAX {
                errors.insert(
                    "email",
                    "Your email address must be 254 characters or fewer".into(),
                );
                None
            } else if !looks_like_email(text) {
                errors.insert("email", email_format_message());
                None
            } else {
                Some(text.to_owned())
            }
        }
    };
    if require_email && email.is_none() && !errors.contains_key("email") {
        errors.insert("email", "Enter your email address".into());
    }

    if !raw.consent {
        errors.insert(
            "consent",
            "Tick the box to agree to how we use your question".into(),
        );
    }

    let page_url = as_given(&raw.page_url, "page_url", "The page address", &mut errors);
    let submitted_at = as_given(
        &raw.submitted_at,
        "submitted_at",
        "The time sent",
        &mut errors,
    );

    if errors.is_empty() {
        Ok(Submission {
            question,
            category,
            name,
            email,
            page_url,
            submitted_at,
        })
    } else {
        Err(errors)
    }
}

fn email_format_message() -> String {
    "Enter an email address in the correct format, like name@example.com".into()
}

/// An optional, trimmed text field of at most `max` characters.
fn short_text(
    field: &Field,
    key: &'static str,
    label: &str,
    max: usize,
    errors: &mut FieldErrors,
) -> Option<String> {
    match field {
        Field::Absent => None,
        Field::NotText => {
            errors.insert(key, format!("{label} must be text"));
            None
        }
        Field::Text(text) => {
            let text = text.trim();
            if text.chars().count() > max {
                errors.insert(key, format!("{label} must be {max} characters or fewer"));
                None
            } else if text.is_empty() {
                None
            } else {
                Some(text.to_owned())
            }
        }
    }
}

/// An optional field stored exactly as given (not trimmed), at most 2,000 characters.
fn as_given(
    field: &Field,
    key: &'static str,
    label: &str,
    errors: &mut FieldErrors,
) -> Option<String> {
    match field {
        Field::Absent => None,
        Field::NotText => {
            errors.insert(key, format!("{label} must be text"));
            None
        }
        Field::Text(text) if text.chars().count() > PAGE_TEXT_MAX => {
            errors.insert(key, format!("{label} must be 2,000 characters or fewer"));
            None
        }
        Field::Text(text) if text.is_empty() => None,
        Field::Text(text) => Some(text.clone()),
    }
}

/// `something@something.something`: exactly one `@`, no whitespace or control
/// characters, a non-empty local part, and a domain of two or more non-empty labels.
pub fn looks_like_email(text: &str) -> bool {
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let mut parts = text.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty() && domain.split('.').count() >= 2 && domain.split('.').all(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Field {
        Field::Text(s.into())
    }

    fn good() -> RawFields {
        RawFields {
            question: text("Can acupuncture help with hay fever in spring?"),
            consent: true,
            ..RawFields::default()
        }
    }

    #[test]
    fn email_shapes() {
        for ok in [
            "a@b.c",
            "name@example.com",
            "first.last+tag@mail.example.org",
            "ü@exämple.de",
        ] {
            assert!(looks_like_email(ok), "{ok}");
        }
        for bad in [
            "",
            "name",
            "name@",
            "@example.com",
            "name@example",
            "name@.com",
            "name@example.",
            "na me@example.com",
            "a@b@c.d",
            "name@exa..com",
            "name@exa mple.com",
            "name\t@x.y",
        ] {
            assert!(!looks_like_email(bad), "{bad:?}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(body_kind(Some("application/json")), Ok(BodyKind::Json));
        assert_eq!(
            body_kind(Some("Application/JSON; charset=UTF-8")),
            Ok(BodyKind::Json)
        );
        assert_eq!(
            body_kind(Some("application/x-www-form-urlencoded;charset=utf-8")),
            Ok(BodyKind::Form)
        );
        assert_eq!(
            body_kind(Some("text/plain")),
            Err(BodyError::UnsupportedType)
        );
        assert_eq!(
            body_kind(Some("multipart/form-data; boundary=x")),
            Err(BodyError::UnsupportedType)
        );
        assert_eq!(body_kind(None), Err(BodyError::UnsupportedType));
    }

    #[test]
    fn json_and_form_read_the_same_fields() {
        let json = parse_json(
            br#"{"question":"q","category":"c","name":"n","email":"e","page_url":"p",
                "submitted_at":"s","consent":true,"website":"","extra":1}"#,
        )
        .unwrap();
        let form = parse_form(
            b"question=q&category=c&name=n&email=e&page_url=p&submitted_at=s&consent=on&website=&extra=1",
        );
        assert_eq!(json, form);
        assert!(json.consent && !json.honeypot);
    }

    #[test]
    fn json_must_be_an_object() {
        assert_eq!(parse_json(b"[1,2]"), Err(BodyError::Unreadable));
        assert_eq!(parse_json(b"{\"question\":"), Err(BodyError::Unreadable));
        assert_eq!(parse_json(b""), Err(BodyError::Unreadable));
        assert_eq!(parse_json(&[0xff, 0xfe]), Err(BodyError::Unreadable));
    }

    #[test]
    fn consent_values() {
        for yes in ["true", "on", "yes", "1", "ON", " Yes "] {
            assert!(
                parse_form(format!("consent={yes}").as_bytes()).consent,
                "{yes}"
            );
        }
        for no in ["", "false", "off", "no", "0", "2"] {
            assert!(
                !parse_form(format!("consent={no}").as_bytes()).consent,
                "{no}"
            );
        }
        assert!(!parse_form(b"question=x").consent);
        assert!(parse_json(br#"{"consent":true}"#).unwrap().consent);
        for no in [r#""true""#, "1", "false", "null", "{}"] {
            let body = format!(r#"{{"consent":{no}}}"#);
            assert!(!parse_json(body.as_bytes()).unwrap().consent, "{no}");
        }
    }

    #[test]
    fn honeypot_values() {
        assert!(parse_form(b"website=http%3A%2F%2Fspam.example").honeypot);
        assert!(!parse_form(b"website=").honeypot);
        assert!(!parse_form(b"website=+++").honeypot);
        assert!(parse_json(br#"{"website":"x"}"#).unwrap().honeypot);
        assert!(parse_json(br#"{"website":1}"#).unwrap().honeypot);
        assert!(!parse_json(br#"{"website":null}"#).unwrap().honeypot);
        assert!(!parse_json(br#"{"website":""}"#).unwrap().honeypot);
    }

    #[test]
    fn first_form_value_wins() {
        let raw = parse_form(b"question=first&question=second&consent=on&consent=off");
        assert_eq!(raw.question, text("first"));
        assert!(raw.consent);
    }

    #[test]
    fn question_limits_count_chars_after_trimming() {
        let mut raw = good();
        raw.question = text(&format!("  {}  ", "é".repeat(20)));
        assert_eq!(validate(&raw, false).unwrap().question, "é".repeat(20));
        raw.question = text(&format!("  {}  ", "é".repeat(19)));
        assert_eq!(
            validate(&raw, false).unwrap_err()["question"],
            "Your question must be at least 20 characters"
        );
        raw.question = text(&"🙂".repeat(2_000));
        assert!(validate(&raw, false).is_ok());
        raw.question = text(&"🙂".repeat(2_001));
        assert_eq!(
            validate(&raw, false).unwrap_err()["question"],
            "Your question must be 2,000 characters or fewer"
        );
        raw.question = text("   \n ");
        assert_eq!(
            validate(&raw, false).unwrap_err()["question"],
            "Enter your question"
        );
        raw.question = Field::Absent;
        assert_eq!(
            validate(&raw, false).unwrap_err()["question"],
            "Enter your question"
        );
        raw.question = Field::NotText;
        assert!(validate(&raw, false).unwrap_err().contains_key("question"));
    }

    #[test]
    fn optional_fields_blank_becomes_none() {
        let mut raw = good();
        raw.category = text("  ");
        raw.name = text("");
        raw.email = text(" ");
        raw.page_url = text("");
        let s = validate(&raw, false).unwrap();
        assert_eq!(
            (s.category, s.name, s.email, s.page_url),
            (None, None, None, None)
        );
    }

    #[test]
    fn page_fields_stored_as_given() {
        let mut raw = good();
        raw.page_url = text(" https://example.org/ask?x=1 ");
        raw.submitted_at = text("2025-05-01T10:00:00+02:00");
        let s = validate(&raw, false).unwrap();
        assert_eq!(s.page_url.as_deref(), Some(" https://example.org/ask?x=1 "));
        assert_eq!(s.submitted_at.as_deref(), Some("2025-05-01T10:00:00+02:00"));
        raw.page_url = text(&"a".repeat(2_001));
        raw.submitted_at = text(&"a".repeat(2_001));
        let e = validate(&raw, false).unwrap_err();
        assert!(e.contains_key("page_url") && e.contains_key("submitted_at"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let raw = RawFields {
            question: text("short"),
            category: text(&"c".repeat(201)),
            name: text(&"n".repeat(201)),
            email: text("not an email"),
            ..RawFields::default()
        };
        let e = validate(&raw, false).unwrap_err();
        assert_eq!(
            e.keys().copied().collect::<Vec<_>>(),
            ["category", "consent", "email", "name", "question"]
        );
        assert_eq!(e["category"], "Category must be 200 characters or fewer");
        assert_eq!(e["name"], "Your name must be 200 characters or fewer");
    }

    #[test]
    fn required_email() {
        let raw = good();
        assert!(validate(&raw, false).is_ok());
        assert_eq!(
            validate(&raw, true).unwrap_err()["email"],
            "Enter your email address"
        );
        let mut raw = good();
        raw.email = text("x@y");
        assert_eq!(
            validate(&raw, true).unwrap_err()["email"],
            email_format_message()
        );
        raw.email = text(&format!("{}@example.com", "a".repeat(243)));
        assert!(validate(&raw, true).is_err());
        raw.email = text(&format!("{}@example.com", "a".repeat(242)));
        assert_eq!(validate(&raw, true).unwrap().email.unwrap().len(), 254);
    }
}

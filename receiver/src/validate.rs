//! Reading a posted question (JSON or form body). The rules for its fields — names,
//! limits, messages, what an email address looks like — are the form's own, from
//! `ask_expert_core::question_form`, so the page and the receiver always agree.
//!
//! Nothing here does I/O: [`parse_body`] turns bytes into [`RawFields`], and
//! [`validate`] turns those into a [`Submission`] or a map of field name → message
//! written for the visitor.

use std::collections::BTreeMap;

use ask_expert_core::question_form::{
    self as form, Draft, Field as FormField, HONEYPOT_KEY, PAGE_URL_KEY, SUBMITTED_AT_KEY,
};

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
    pub(crate) fn from_json(value: Option<&serde_json::Value>) -> Field {
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
    let honeypot = match object.get(HONEYPOT_KEY) {
        None | Some(serde_json::Value::Null) | Some(serde_json::Value::Bool(false)) => false,
        Some(serde_json::Value::String(s)) => !s.trim().is_empty(),
        Some(_) => true,
    };
    Ok(RawFields {
        question: Field::from_json(object.get(FormField::Question.key())),
        category: Field::from_json(object.get(FormField::Category.key())),
        name: Field::from_json(object.get(FormField::Name.key())),
        email: Field::from_json(object.get(FormField::Email.key())),
        page_url: Field::from_json(object.get(PAGE_URL_KEY)),
        submitted_at: Field::from_json(object.get(SUBMITTED_AT_KEY)),
        consent: matches!(
            object.get(FormField::Consent.key()),
            Some(serde_json::Value::Bool(true))
        ),
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
            PAGE_URL_KEY => &mut fields.page_url,
            SUBMITTED_AT_KEY => &mut fields.submitted_at,
            HONEYPOT_KEY => {
                if !seen_website {
                    seen_website = true;
                    fields.honeypot = !value.trim().is_empty();
                }
                continue;
            }
            other => match FormField::from_key(other) {
                Some(FormField::Consent) => {
                    if !seen_consent {
                        seen_consent = true;
                        fields.consent = form_truthy(&value);
                    }
                    continue;
                }
                Some(field) => match fields.text_mut(field) {
                    Some(slot) => slot,
                    None => continue,
                },
                None => continue,
            },
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

impl RawFields {
    /// The slot of a text field (consent is a yes or no, not text).
    fn text_mut(&mut self, field: FormField) -> Option<&mut Field> {
        match field {
            FormField::Question => Some(&mut self.question),
            FormField::Category => Some(&mut self.category),
            FormField::Name => Some(&mut self.name),
            FormField::Email => Some(&mut self.email),
            FormField::Consent => None,
        }
    }

    fn text(&self, field: FormField) -> Option<&Field> {
        match field {
            FormField::Question => Some(&self.question),
            FormField::Category => Some(&self.category),
            FormField::Name => Some(&self.name),
            FormField::Email => Some(&self.email),
            FormField::Consent => None,
        }
    }

    /// The fields as the form's draft, so the form's own rules can judge them.
    fn as_draft(&self) -> Draft {
        let text = |field: &Field| match field {
            Field::Text(text) => text.clone(),
            Field::Absent | Field::NotText => String::new(),
        };
        Draft {
            question: text(&self.question),
            category: text(&self.category),
            name: text(&self.name),
            email: text(&self.email),
            consent: self.consent,
            idempotency_key: String::new(),
        }
    }
}

/// Checks every field with the form's rules and reports all problems at once.
pub fn validate(raw: &RawFields, require_email: bool) -> Result<Submission, FieldErrors> {
    let draft = raw.as_draft();
    let mut errors: FieldErrors = form::validate(&draft, require_email)
        .into_iter()
        .map(|error| (error.field.key(), error.message))
        .collect();
    for field in FormField::ALL {
        if raw.text(field) == Some(&Field::NotText) {
            errors.insert(field.key(), field.not_text_message());
        }
    }
    for (key, value) in [
        (PAGE_URL_KEY, &raw.page_url),
        (SUBMITTED_AT_KEY, &raw.submitted_at),
    ] {
        let problem = match value {
            Field::Absent => None,
            Field::NotText => Some(form::page_text_not_text_message(key)),
            Field::Text(text) => form::page_text_problem(key, text),
        };
        if let Some(message) = problem {
            errors.insert(key, message);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let trimmed = |text: &str| Some(text.trim().to_owned()).filter(|text| !text.is_empty());
    let as_given = |field: &Field| match field {
        Field::Text(text) if !text.is_empty() => Some(text.clone()),
        _ => None,
    };
    Ok(Submission {
        question: draft.question.trim().to_owned(),
        category: trimmed(&draft.category),
        name: trimmed(&draft.name),
        email: trimmed(&draft.email),
        page_url: as_given(&raw.page_url),
        submitted_at: as_given(&raw.submitted_at),
    })
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
            b"question=q&category=c&name=n&email=e&page_url=p&submitted_at=s\
              &consent=on&website=&extra=1",
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
            form::messages::EMAIL_FORMAT
        );
        raw.email = text(&format!("{}@example.com", "a".repeat(243)));
        assert!(validate(&raw, true).is_err());
        raw.email = text(&format!("{}@example.com", "a".repeat(242)));
        assert_eq!(validate(&raw, true).unwrap().email.unwrap().len(), 254);
    }
}

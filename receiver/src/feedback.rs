//! "Was this helpful?" votes: reading a posted vote (JSON or form body, as
//! [`crate::validate`] reads questions), checking it by `ask_expert_core::feedback`'s
//! rules, and summing the stored votes up per question, least helpful first.
//!
//! Nothing here does I/O.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use ask_expert_core::feedback::{
    COMMENT_KEY, HELPFUL_KEY, QUESTION_ID_KEY, comment_problem, messages, page_url_problem,
    question_id_problem,
};
use ask_expert_core::question_form::{PAGE_URL_KEY, page_text_not_text_message};
use serde::Serialize;

use crate::validate::{BodyError, BodyKind, Field, FieldErrors, body_kind};

/// The verdict as it arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Helpful {
    #[default]
    Absent,
    Yes,
    No,
    /// Anything but JSON `true` / `false` or a form's `true` / `false`.
    Unclear,
}

/// Everything the receiver reads from a vote's body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawVote {
    pub question_id: Field,
    pub helpful: Helpful,
    pub comment: Field,
    pub page_url: Field,
}

/// A vote that passed every check, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackVote {
    /// Trimmed.
    pub question_id: String,
    pub helpful: bool,
    /// Trimmed; `None` when absent or blank.
    pub comment: Option<String>,
    /// As given; `None` when absent or empty.
    pub page_url: Option<String>,
}

/// Reads the body according to its Content-Type.
pub fn parse_body(content_type: Option<&str>, body: &[u8]) -> Result<RawVote, BodyError> {
    match body_kind(content_type)? {
        BodyKind::Json => parse_json(body),
        BodyKind::Form => Ok(parse_form(body)),
    }
}

/// A JSON object; unknown members are ignored.
pub fn parse_json(body: &[u8]) -> Result<RawVote, BodyError> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| BodyError::Unreadable)?;
    let object = value.as_object().ok_or(BodyError::Unreadable)?;
    Ok(RawVote {
        question_id: Field::from_json(object.get(QUESTION_ID_KEY)),
        helpful: match object.get(HELPFUL_KEY) {
            None | Some(serde_json::Value::Null) => Helpful::Absent,
            Some(serde_json::Value::Bool(true)) => Helpful::Yes,
            Some(serde_json::Value::Bool(false)) => Helpful::No,
            Some(_) => Helpful::Unclear,
        },
        comment: Field::from_json(object.get(COMMENT_KEY)),
        page_url: Field::from_json(object.get(PAGE_URL_KEY)),
    })
}

/// `application/x-www-form-urlencoded`; when a name repeats, the first value counts.
pub fn parse_form(body: &[u8]) -> RawVote {
    let mut vote = RawVote::default();
    let mut seen_helpful = false;
    for (name, value) in form_urlencoded::parse(body) {
        let slot = match name.as_ref() {
            QUESTION_ID_KEY => &mut vote.question_id,
            COMMENT_KEY => &mut vote.comment,
            PAGE_URL_KEY => &mut vote.page_url,
            HELPFUL_KEY => {
                if !seen_helpful {
                    seen_helpful = true;
                    let value = value.trim();
                    vote.helpful = if value.eq_ignore_ascii_case("true") {
                        Helpful::Yes
                    } else if value.eq_ignore_ascii_case("false") {
                        Helpful::No
                    } else {
                        Helpful::Unclear
                    };
                }
                continue;
            }
            _ => continue,
        };
        if *slot == Field::Absent {
            *slot = Field::Text(value.into_owned());
        }
    }
    vote
}

/// Checks every field and reports all problems at once.
pub fn validate(raw: &RawVote) -> Result<FeedbackVote, FieldErrors> {
    let mut errors = FieldErrors::new();
    let question_id = match &raw.question_id {
        Field::Text(text) => text.trim(),
        Field::Absent => "",
        Field::NotText => {
            errors.insert(QUESTION_ID_KEY, messages::QUESTION_ID_NOT_TEXT.to_owned());
            ""
        }
    };
    if raw.question_id != Field::NotText
        && let Some(message) = question_id_problem(question_id)
    {
        errors.insert(QUESTION_ID_KEY, message);
    }
    let helpful = match raw.helpful {
        Helpful::Yes => Some(true),
        Helpful::No => Some(false),
        Helpful::Absent | Helpful::Unclear => {
            errors.insert(HELPFUL_KEY, messages::HELPFUL_MISSING.to_owned());
            None
        }
    };
    let comment = match &raw.comment {
        Field::Absent => None,
        Field::NotText => {
            errors.insert(COMMENT_KEY, messages::COMMENT_NOT_TEXT.to_owned());
            None
        }
        Field::Text(text) => {
            if let Some(message) = comment_problem(text) {
                errors.insert(COMMENT_KEY, message);
            }
            Some(text.trim().to_owned()).filter(|text| !text.is_empty())
        }
    };
    let page_url = match &raw.page_url {
        Field::Absent => None,
        Field::NotText => {
            errors.insert(PAGE_URL_KEY, page_text_not_text_message(PAGE_URL_KEY));
            None
        }
        Field::Text(text) => {
            if let Some(message) = page_url_problem(text) {
                errors.insert(PAGE_URL_KEY, message);
            }
            Some(text.clone()).filter(|text| !text.is_empty())
        }
    };
    match helpful {
        Some(helpful) if errors.is_empty() => Ok(FeedbackVote {
            question_id: question_id.to_owned(),
            helpful,
            comment,
            page_url,
        }),
        _ => Err(errors),
    }
}

/// One stored vote, as read back for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVote {
    pub question_id: String,
    pub helpful: bool,
    pub comment: Option<String>,
}

/// The votes on one question, as `GET /feedback` and `feedback --json` show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionFeedback {
    pub question_id: String,
    /// Votes "Yes, it was helpful".
    pub yes: u64,
    /// Votes "No".
    pub no: u64,
    /// What was missing, in the order the comments arrived; blank ones are not kept.
    pub comments: Vec<String>,
}

impl QuestionFeedback {
    fn total(&self) -> u64 {
        self.yes + self.no
    }

    /// Least helpful first: the larger share of "No" first (compared exactly, without
    /// rounding), then the more "No" votes (4 of 4 before 1 of 1), then by question id.
    pub fn least_helpful_first(a: &Self, b: &Self) -> Ordering {
        let share = (u128::from(b.no) * u128::from(a.total()))
            .cmp(&(u128::from(a.no) * u128::from(b.total())));
        share
            .then(b.no.cmp(&a.no))
            .then_with(|| a.question_id.cmp(&b.question_id))
    }
}

/// Per-question counts and comments, least helpful first. A vote is counted when it
/// arrives; "What was missing?" comes after it as a second post carrying the comment, which
/// adds the comment and is not counted again (docs/endpoint-contract.md).
pub fn summarize(votes: &[StoredVote]) -> Vec<QuestionFeedback> {
    let mut by_question: BTreeMap<&str, QuestionFeedback> = BTreeMap::new();
    for vote in votes {
        let entry = by_question
            .entry(&vote.question_id)
            .or_insert_with(|| QuestionFeedback {
                question_id: vote.question_id.clone(),
                yes: 0,
                no: 0,
                comments: Vec::new(),
            });
        match vote.comment.as_deref().filter(|c| !c.trim().is_empty()) {
            Some(comment) => entry.comments.push(comment.to_owned()),
            None if vote.helpful => entry.yes += 1,
            None => entry.no += 1,
        }
    }
    let mut summary: Vec<QuestionFeedback> = by_question.into_values().collect();
    summary.sort_by(QuestionFeedback::least_helpful_first);
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Field {
        Field::Text(s.into())
    }

    fn vote(id: &str, helpful: bool, comment: Option<&str>) -> StoredVote {
        StoredVote {
            question_id: id.into(),
            helpful,
            comment: comment.map(Into::into),
        }
    }

    #[test]
    fn json_and_form_read_the_same_fields() {
        let json = parse_json(
            br#"{"question_id":"q1","helpful":false,"comment":"More on doses",
                "page_url":"https://x/","extra":1}"#,
        )
        .unwrap();
        let form = parse_form(
            b"question_id=q1&helpful=false&comment=More+on+doses\
              &page_url=https%3A%2F%2Fx%2F&extra=1",
        );
        assert_eq!(json, form);
        assert_eq!(json.helpful, Helpful::No);
    }

    #[test]
    fn helpful_must_be_a_yes_or_a_no() {
        assert_eq!(parse_form(b"helpful=TRUE").helpful, Helpful::Yes);
        assert_eq!(
            parse_form(b"helpful=true&helpful=false").helpful,
            Helpful::Yes
        );
        for unclear in ["helpful=", "helpful=yes", "helpful=1"] {
            assert_eq!(
                parse_form(unclear.as_bytes()).helpful,
                Helpful::Unclear,
                "{unclear}"
            );
        }
        assert_eq!(parse_form(b"question_id=q").helpful, Helpful::Absent);
        for unclear in [r#""true""#, "1", "{}"] {
            let body = format!(r#"{{"helpful":{unclear}}}"#);
            assert_eq!(
                parse_json(body.as_bytes()).unwrap().helpful,
                Helpful::Unclear
            );
        }
        assert_eq!(
            parse_json(br#"{"helpful":null}"#).unwrap().helpful,
            Helpful::Absent
        );
    }

    #[test]
    fn json_must_be_an_object() {
        assert_eq!(parse_json(b"[true]"), Err(BodyError::Unreadable));
        assert_eq!(parse_json(b"{\"helpful\":"), Err(BodyError::Unreadable));
    }

    #[test]
    fn a_good_vote_is_trimmed_and_blank_becomes_none() {
        let raw = RawVote {
            question_id: text("  q-17 "),
            helpful: Helpful::No,
            comment: text("   "),
            page_url: text(""),
        };
        assert_eq!(
            validate(&raw).unwrap(),
            FeedbackVote {
                question_id: "q-17".into(),
                helpful: false,
                comment: None,
                page_url: None
            }
        );
        let raw = RawVote {
            comment: text(" Doses, please. "),
            page_url: text(" https://x/?q=1 "),
            ..raw
        };
        let vote = validate(&raw).unwrap();
        assert_eq!(vote.comment.as_deref(), Some("Doses, please."));
        assert_eq!(vote.page_url.as_deref(), Some(" https://x/?q=1 "));
    }

    #[test]
    fn every_problem_is_reported_at_once_in_the_cores_words() {
        let errors = validate(&RawVote::default()).unwrap_err();
        assert_eq!(
            errors.keys().copied().collect::<Vec<_>>(),
            ["helpful", "question_id"]
        );
        assert_eq!(errors["question_id"], messages::QUESTION_ID_MISSING);
        assert_eq!(errors["helpful"], messages::HELPFUL_MISSING);
        let raw = RawVote {
            question_id: text(&"x".repeat(201)),
            helpful: Helpful::Unclear,
            comment: text(&"a".repeat(501)),
            page_url: text(&"u".repeat(2_001)),
        };
        let errors = validate(&raw).unwrap_err();
        assert_eq!(errors.len(), 4);
        assert_eq!(
            errors["comment"],
            "What was missing must be 500 characters or fewer"
        );
        let raw = RawVote {
            question_id: Field::NotText,
            helpful: Helpful::Yes,
            comment: Field::NotText,
            page_url: Field::NotText,
        };
        let errors = validate(&raw).unwrap_err();
        assert_eq!(errors["question_id"], messages::QUESTION_ID_NOT_TEXT);
        assert_eq!(errors["comment"], messages::COMMENT_NOT_TEXT);
        assert_eq!(errors["page_url"], "The page address must be text");
    }

    #[test]
    fn question_ids_are_one_to_two_hundred_visible_characters() {
        let with_id = |id: &str| RawVote {
            question_id: text(id),
            helpful: Helpful::Yes,
            ..RawVote::default()
        };
        assert!(validate(&with_id(&"é".repeat(200))).is_ok());
        assert!(validate(&with_id(&"é".repeat(201))).is_err());
        assert!(validate(&with_id("q\u{7}1")).is_err());
        assert!(validate(&with_id(" \t ")).is_err());
    }

    #[test]
    fn least_helpful_first() {
        let votes = [
            vote("all-yes", true, None),
            vote("half", true, None),
            vote("half", false, None),
            vote("half", false, Some("Doses")),
            vote("one-no", false, None),
            vote("four-no", false, Some(" ")),
            vote("four-no", false, None),
            vote("four-no", false, Some("Sources")),
            vote("four-no", false, None),
            vote("four-no", false, None),
            vote("four-no", false, Some("Children")),
            vote("b-half", false, None),
            vote("b-half", true, None),
        ];
        let summary = summarize(&votes);
        let order: Vec<&str> = summary.iter().map(|q| q.question_id.as_str()).collect();
        assert_eq!(order, ["four-no", "one-no", "b-half", "half", "all-yes"]);
        assert_eq!((summary[0].yes, summary[0].no), (0, 4));
        assert_eq!(summary[0].comments, ["Sources", "Children"]);
        assert_eq!(summary[3].comments, ["Doses"]);
        assert!(summarize(&[]).is_empty());
    }
}

//! The page and the receiver judge a question by one set of rules: every draft here is
//! checked by the form's own validation and, sent as the page sends it (JSON and form),
//! by the receiver's; both must reach the same verdict with the same messages. The same
//! holds for "Was this helpful?" votes and `ask_expert_core::feedback`'s rules.

use std::collections::BTreeMap;

use ask_expert_core::feedback::{self, Vote};
use ask_expert_core::question_form::{self, Draft, PayloadFormat};
use ask_expert_receiver::{feedback as receiver_feedback, validate};

fn questions() -> Vec<String> {
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";
    vec![
        String::new(),
        "   \n ".into(),
        "Too short?".into(),
        "Can acupuncture help with my knee?".into(),
        format!("  {}  ", "a".repeat(20)),
        "e\u{301}".repeat(10),
        "e\u{301}".repeat(20),
        family.repeat(7),
        family.repeat(2_000),
        "é".repeat(2_000),
        "é".repeat(2_001),
        "\u{1F1EB}\u{1F1F7}".repeat(2_001),
    ]
}

fn emails() -> Vec<String> {
    vec![
        String::new(),
        "  ".into(),
        "visitor@example.org".into(),
        "not an email".into(),
        "a@b".into(),
        "a@@b.org".into(),
        format!("{}@example.com", "a".repeat(242)),
        format!("{}@example.com", "a".repeat(243)),
        format!("{}@example.com", "a".repeat(300)),
        format!("{} @example.com", "a".repeat(300)),
    ]
}

fn short_texts() -> Vec<String> {
    vec![
        String::new(),
        " Sam ".into(),
        "n".repeat(200),
        "n".repeat(201),
        "e\u{301}".repeat(200),
    ]
}

fn page_verdict(draft: &Draft, email_required: bool) -> BTreeMap<String, String> {
    question_form::validate(draft, email_required)
        .into_iter()
        .map(|error| (error.field.key().to_owned(), error.message))
        .collect()
}

fn receiver_verdict(
    draft: &Draft,
    format: PayloadFormat,
    email_required: bool,
) -> BTreeMap<String, String> {
    let body = question_form::payload(
        draft,
        format,
        "https://example.org/ask",
        "2026-12-02T10:00:00.000Z",
    );
    let raw = validate::parse_body(Some(format.content_type()), body.as_bytes())
        .expect("the page's payload is readable");
    match validate::validate(&raw, email_required) {
        Ok(_) => BTreeMap::new(),
        Err(errors) => errors
            .into_iter()
            .map(|(key, message)| (key.to_owned(), message))
            .collect(),
    }
}

/// Every question with plain other fields, then every other field with a plain question:
/// each value is tried, and the long ones are not multiplied.
fn drafts() -> Vec<Draft> {
    let plain = Draft {
        question: "Can acupuncture help with my knee?".into(),
        consent: true,
        ..Draft::default()
    };
    let mut drafts = Vec::new();
    for question in questions() {
        drafts.push(Draft {
            question,
            ..plain.clone()
        });
    }
    for email in emails() {
        for text in short_texts() {
            for consent in [true, false] {
                drafts.push(Draft {
                    category: text.clone(),
                    name: text.chars().rev().collect(),
                    email: email.clone(),
                    consent,
                    ..plain.clone()
                });
            }
        }
    }
    drafts
}

#[test]
fn page_and_receiver_reach_the_same_verdicts_with_the_same_messages() {
    let (mut accepted, mut refused) = (0, 0);
    for draft in drafts() {
        for email_required in [false, true] {
            let page = page_verdict(&draft, email_required);
            for format in [PayloadFormat::Json, PayloadFormat::Form] {
                let receiver = receiver_verdict(&draft, format, email_required);
                assert_eq!(
                    page, receiver,
                    "{format:?}, email required: {email_required}, draft: {draft:?}"
                );
            }
            if page.is_empty() {
                accepted += 1;
            } else {
                refused += 1;
            }
        }
    }
    assert!(
        accepted > 10 && refused > 100,
        "{accepted} accepted, {refused} refused"
    );
}

/// What the core's rules say of a vote as the page sends it (trimmed, as `payload` does).
fn core_vote_verdict(vote: &Vote) -> BTreeMap<String, String> {
    [
        (
            feedback::QUESTION_ID_KEY,
            feedback::question_id_problem(vote.question_id.trim()),
        ),
        (
            feedback::COMMENT_KEY,
            feedback::comment_problem(vote.comment.trim()),
        ),
    ]
    .into_iter()
    .filter_map(|(key, problem)| Some((key.to_owned(), problem?)))
    .collect()
}

fn receiver_vote_verdict(vote: &Vote, format: PayloadFormat) -> BTreeMap<String, String> {
    let body = feedback::payload(vote, format, "https://example.org/ask#q=1");
    let raw = receiver_feedback::parse_body(Some(format.content_type()), body.as_bytes())
        .expect("the page's payload is readable");
    match receiver_feedback::validate(&raw) {
        Ok(stored) => {
            assert_eq!(stored.helpful, vote.helpful);
            assert_eq!(stored.question_id, vote.question_id.trim());
            BTreeMap::new()
        }
        Err(errors) => errors
            .into_iter()
            .map(|(key, message)| (key.to_owned(), message))
            .collect(),
    }
}

#[test]
fn votes_get_the_same_verdicts_from_the_core_and_the_receiver() {
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";
    let ids = [
        String::new(),
        "  ".into(),
        "q-000017".into(),
        " Q-000042\n".into(),
        "q\u{0}1".into(),
        "q\u{1b}[2J".into(),
        "é".repeat(200),
        "e\u{301}".repeat(201),
        family.repeat(200),
        "x".repeat(201),
    ];
    let comments = [
        String::new(),
        " \n ".into(),
        "Nothing about doses for children & babies = 0?".into(),
        "a".repeat(500),
        format!(" {} ", "a".repeat(500)),
        "a".repeat(501),
        family.repeat(501),
    ];
    let (mut accepted, mut refused) = (0, 0);
    for id in &ids {
        for comment in &comments {
            for helpful in [true, false] {
                let vote = Vote {
                    question_id: id.clone(),
                    helpful,
                    comment: comment.clone(),
                };
                let core = core_vote_verdict(&vote);
                for format in [PayloadFormat::Json, PayloadFormat::Form] {
                    assert_eq!(
                        core,
                        receiver_vote_verdict(&vote, format),
                        "{format:?}: {vote:?}"
                    );
                }
                if core.is_empty() {
                    accepted += 1;
                } else {
                    refused += 1;
                }
            }
        }
    }
    assert!(
        accepted > 10 && refused > 50,
        "{accepted} accepted, {refused} refused"
    );
}

//! "Was this helpful?" without the browser: the vote a visitor sends about one answered
//! question, its payload, and the rules both the page and a receiver check it by. Sending
//! it is retried exactly like a question (`question_form::judge_response`).

use crate::locale::{Arg, Words};
use crate::question_form::{
    PAGE_URL_KEY, PayloadFormat, character_count, page_text_problem, remaining_text,
    too_long_message,
};
use crate::url_state::encode_component;

pub const QUESTION_ID_KEY: &str = "question_id";
pub const HELPFUL_KEY: &str = "helpful";
pub const COMMENT_KEY: &str = "comment";

pub const QUESTION_ID_MAX_CHARS: usize = 200;
/// "What was missing?" is a sentence or two, not a second question.
pub const COMMENT_MAX_CHARS: usize = 500;

pub mod messages {
    pub const QUESTION_ID_MISSING: &str = "Say which question the feedback is about";
    pub const HELPFUL_MISSING: &str = "Say whether the answer was helpful (true or false)";
    pub const QUESTION_ID_NOT_TEXT: &str = "The question id must be text";
    pub const COMMENT_NOT_TEXT: &str = "What was missing must be text";
    /// Send pressed under "What was missing?" with nothing written: the "No" itself was
    /// sent already.
    pub const COMMENT_MISSING: &str = "Enter what was missing";
}

/// One visitor's verdict on one question's answers. Nothing about the visitor is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub question_id: String,
    pub helpful: bool,
    /// What was missing, given after a "No"; empty when the visitor wrote nothing.
    pub comment: String,
}

/// The request body: `{"question_id", "helpful", "comment", "page_url"}` in either format.
pub fn payload(vote: &Vote, format: PayloadFormat, page_url: &str) -> String {
    let question_id = vote.question_id.trim();
    let comment = vote.comment.trim();
    match format {
        PayloadFormat::Json => serde_json::json!({
            QUESTION_ID_KEY: question_id,
            HELPFUL_KEY: vote.helpful,
            COMMENT_KEY: comment,
            PAGE_URL_KEY: page_url,
        })
        .to_string(),
        PayloadFormat::Form => {
            let helpful = if vote.helpful { "true" } else { "false" };
            [
                (QUESTION_ID_KEY, question_id),
                (HELPFUL_KEY, helpful),
                (COMMENT_KEY, comment),
                (PAGE_URL_KEY, page_url),
            ]
            .into_iter()
            .map(|(key, value)| format!("{key}={}", encode_component(value)))
            .collect::<Vec<_>>()
            .join("&")
        }
    }
}

/// What this visit has already told the association about one question, remembered in
/// session storage so a question is voted on once per visit. A "No" is sent at once; what
/// was missing, if the visitor writes it, follows as a second vote carrying the comment
/// (with its own idempotency key), so a receiver counts votes without a comment and keeps
/// the comments of those with one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given {
    Helpful,
    NotHelpful,
    /// "No", then what was missing.
    NotHelpfulWithComment,
}

impl Given {
    pub fn key(self) -> &'static str {
        match self {
            Given::Helpful => "yes",
            Given::NotHelpful => "no",
            Given::NotHelpfulWithComment => "no-with-comment",
        }
    }

    pub fn from_key(key: &str) -> Option<Given> {
        [
            Given::Helpful,
            Given::NotHelpful,
            Given::NotHelpfulWithComment,
        ]
        .into_iter()
        .find(|given| given.key() == key)
    }

    /// After a "No" alone, "What was missing?" is still offered.
    pub fn offers_comment(self) -> bool {
        self == Given::NotHelpful
    }
}

/// The storage key for what was given about `question_id` of the archive at `archive_url`
/// (made absolute by the caller: `archive.json` on two pages is two archives). Written as a
/// JSON pair so no id can run into the address.
pub fn storage_key(archive_url: &str, question_id: &str) -> String {
    format!(
        "ask-expert:feedback:{}",
        serde_json::json!([archive_url, question_id])
    )
}

/// What is wrong with a question id: it must be 1 to 200 visible characters.
pub fn question_id_problem(question_id: &str) -> Option<String> {
    let length = character_count(question_id);
    if length == 0 {
        Some(messages::QUESTION_ID_MISSING.to_owned())
    } else if length > QUESTION_ID_MAX_CHARS {
        Some(too_long_message("The question id", QUESTION_ID_MAX_CHARS))
    } else if question_id.chars().any(char::is_control) {
        Some("The question id must not contain control characters".to_owned())
    } else {
        None
    }
}

/// What is wrong with "What was missing?" (empty is fine: the comment is optional), in
/// English (a receiver's replies).
pub fn comment_problem(comment: &str) -> Option<String> {
    comment_problem_in(Words::english(), comment)
}

/// What is wrong with "What was missing?", in `words`.
pub fn comment_problem_in(words: Words, comment: &str) -> Option<String> {
    (character_count(comment) > COMMENT_MAX_CHARS).then(|| {
        words.format(
            "feedback.comment_too_long",
            &[("max", Arg::Count(COMMENT_MAX_CHARS))],
        )
    })
}

/// What is wrong with "What was missing?" when its Send button is pressed: after the "No"
/// already sent, an empty comment adds nothing.
pub fn follow_up_comment_problem(words: Words, comment: &str) -> Option<String> {
    if comment.trim().is_empty() {
        Some(words.text("feedback.comment_missing"))
    } else {
        comment_problem_in(words, comment)
    }
}

/// What is wrong with the page address sent with a vote.
pub fn page_url_problem(page_url: &str) -> Option<String> {
    page_text_problem(PAGE_URL_KEY, page_url)
}

/// The counter under "What was missing?".
pub fn comment_counter_text(words: Words, comment: &str) -> String {
    remaining_text(words, character_count(comment), COMMENT_MAX_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(helpful: bool, comment: &str) -> Vote {
        Vote {
            question_id: " q-1 ".into(),
            helpful,
            comment: comment.into(),
        }
    }

    #[test]
    fn payload_in_both_formats() {
        let json: serde_json::Value = serde_json::from_str(&payload(
            &vote(false, " More on doses. "),
            PayloadFormat::Json,
            "https://example.org/a?b=1",
        ))
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"question_id": "q-1", "helpful": false,
                "comment": "More on doses.", "page_url": "https://example.org/a?b=1"})
        );
        assert_eq!(
            payload(&vote(true, ""), PayloadFormat::Form, "https://x/?a=1&b"),
            "question_id=q-1&helpful=true&comment=&page_url=https%3A%2F%2Fx%2F%3Fa%3D1%26b"
        );
    }

    #[test]
    fn question_ids_are_one_to_two_hundred_visible_characters() {
        assert_eq!(
            question_id_problem("  ").as_deref(),
            Some(messages::QUESTION_ID_MISSING)
        );
        assert_eq!(question_id_problem("q-1"), None);
        assert_eq!(question_id_problem(&"é".repeat(200)), None);
        assert_eq!(
            question_id_problem(&"x".repeat(201)).as_deref(),
            Some("The question id must be 200 characters or fewer")
        );
        assert!(question_id_problem("q\u{0}1").is_some());
    }

    #[test]
    fn comments_are_optional_and_short() {
        assert_eq!(comment_problem(""), None);
        assert_eq!(comment_problem(&"a".repeat(500)), None);
        assert_eq!(
            follow_up_comment_problem(Words::english(), " \n ").as_deref(),
            Some(messages::COMMENT_MISSING)
        );
        assert_eq!(follow_up_comment_problem(Words::english(), "Doses"), None);
        assert!(follow_up_comment_problem(Words::english(), &"a".repeat(501)).is_some());
        assert_eq!(
            comment_problem(&"a".repeat(501)).as_deref(),
            Some("What was missing must be 500 characters or fewer")
        );
        assert_eq!(
            comment_counter_text(Words::english(), "abc"),
            "You have 497 characters remaining"
        );
        assert_eq!(
            comment_counter_text(Words::english(), &"a".repeat(501)),
            "You have 1 character too many"
        );
    }

    #[test]
    fn what_was_given_is_remembered_by_key() {
        for given in [
            Given::Helpful,
            Given::NotHelpful,
            Given::NotHelpfulWithComment,
        ] {
            assert_eq!(Given::from_key(given.key()), Some(given));
        }
        assert_eq!(Given::from_key("maybe"), None);
        assert!(Given::NotHelpful.offers_comment());
        assert!(!Given::Helpful.offers_comment());
        assert!(!Given::NotHelpfulWithComment.offers_comment());
    }

    #[test]
    fn storage_keys_keep_archive_and_question_apart() {
        assert_eq!(
            storage_key("https://example.org/archive.json", "q-1"),
            r#"ask-expert:feedback:["https://example.org/archive.json","q-1"]"#
        );
        assert_ne!(storage_key("a#b", "c"), storage_key("a", "b#c"));
    }
}

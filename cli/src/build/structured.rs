//! schema.org `QAPage` JSON-LD for a question page, built with serde_json and made safe to
//! sit inside `<script type="application/ld+json">`: no "<", ">" or "&" survive as such, so
//! no "</script>" or "<!--" in the archive can end the script early.

use std::fmt;

use ask_expert_core::archive::Question;
use ask_expert_core::markup;
use serde_json::{Map, Value, json};

/// JSON that may be written unescaped inside a `<script>` element: only `script_safe`
/// makes one.
pub struct ScriptJson(String);

impl fmt::Display for ScriptJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// Written into the page as it is: HTML escaping would turn its quotes into entities, which
// a script element does not decode.
impl askama::filters::HtmlSafe for ScriptJson {}

/// `value` serialized, with "<", ">", "&" and the two JavaScript line separators written
/// as \u escapes, which every JSON reader turns back into the same characters.
pub fn script_safe(value: &Value) -> ScriptJson {
    let json = value.to_string();
    let mut safe = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            '\u{2028}' => safe.push_str("\\u2028"),
            '\u{2029}' => safe.push_str("\\u2029"),
            c => safe.push(c),
        }
    }
    ScriptJson(safe)
}

/// The `QAPage` of one question: the first answer is the accepted one (the archive holds
/// the association's own answers), any later ones are suggested answers.
pub fn question_page(question: &Question, name: &str, url: &str) -> Value {
    let answers: Vec<Value> = question
        .answers
        .iter()
        .enumerate()
        .map(|(index, answer)| {
            let mut entry = Map::new();
            entry.insert("@type".into(), json!("Answer"));
            entry.insert("text".into(), json!(markup::plain_text(&answer.blocks())));
            if let Some(date) = answer.date {
                entry.insert("dateCreated".into(), json!(date.to_string()));
            }
            entry.insert("url".into(), json!(format!("{url}#answer-{}", index + 1)));
            Value::Object(entry)
        })
        .collect();
    let mut main = Map::new();
    main.insert("@type".into(), json!("Question"));
    main.insert("name".into(), json!(name));
    main.insert("text".into(), json!(question.text));
    main.insert("dateCreated".into(), json!(question.asked.to_string()));
    main.insert("answerCount".into(), json!(answers.len()));
    main.insert("url".into(), json!(url));
    let mut answers = answers.into_iter();
    if let Some(accepted) = answers.next() {
        main.insert("acceptedAnswer".into(), accepted);
    }
    let suggested: Vec<Value> = answers.collect();
    if !suggested.is_empty() {
        main.insert("suggestedAnswer".into(), Value::Array(suggested));
    }
    json!({
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": Value::Object(main),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_in_the_text_can_end_the_script() {
        let value = json!({ "text": "</script><script>alert('x')</script> <!-- & \u{2028}" });
        let safe = script_safe(&value).to_string();
        for forbidden in ['<', '>', '&', '\u{2028}'] {
            assert!(!safe.contains(forbidden), "{safe}");
        }
        assert_eq!(serde_json::from_str::<Value>(&safe).unwrap(), value);
    }
}

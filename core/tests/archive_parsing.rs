//! Reading archive files as the app does: what loads, what is skipped with its subtree or
//! dropped on its own, and how each problem is reported.

use ask_expert_core::archive::{Archive, ArchiveError, Consequence, Expert, Location};
use ask_expert_core::date::Date;
use serde_json::{Value, json};

fn good_archive() -> Value {
    json!({
        "schema": "ask-expert-archive/1",
        "title": "Ask an expert",
        "categories": [
            {"id": "muscles-and-bones", "label": "Muscles and bones", "children": [
                {"id": "back-spine", "label": "Back / spine", "children": [
                    {"id": "lower-back-pain", "label": "Lower back pain"},
                    {"id": "sciatica", "label": "Sciatica"}]}]},
            {"id": "digestion", "label": "Digestion"}],
        "questions": [
            {"id": "q-1", "question": "Can acupuncture help my back?",
             "answers": [{"body": "Often, yes.", "date": "2016-04-19"}],
             "categories": ["lower-back-pain"], "asked": "2016-04-12"},
            {"id": "q-2", "question": "Is it safe with reflux?",
             "answers": [{"body": "First view.", "date": "2018-02-01"},
                         {"body": "Second view.", "date": "2018-02-09"}],
             "categories": ["digestion", "back-spine"], "asked": "2018-01-20", "extra": "ignored"}
        ]
    })
}

fn parse(value: &Value) -> Archive {
    Archive::parse(&value.to_string()).expect("archive should load")
}

fn with_question_field(field: &str, value: Value) -> Archive {
    let mut archive = good_archive();
    archive["questions"][0][field] = value;
    parse(&archive)
}

#[test]
fn reads_a_good_archive() {
    let archive = parse(&good_archive());
    assert_eq!(archive.title, "Ask an expert");
    assert_eq!(archive.questions.len(), 2);
    assert!(archive.problems.is_empty(), "{:?}", archive.problems);
    let second = &archive.questions[1];
    assert_eq!(second.answers.len(), 2);
    assert_eq!(second.asked, Date::parse("2018-01-20").unwrap());
    let labels: Vec<&str> = second
        .categories
        .iter()
        .map(|&c| archive.categories.get(c).label.as_str())
        .collect();
    assert_eq!(labels, ["Digestion", "Back / spine"]);
}

#[test]
fn category_tree_is_in_pre_order_with_subtree_ranges() {
    let archive = parse(&good_archive());
    let tree = &archive.categories;
    let ids: Vec<&str> = tree.iter().map(|(_, c)| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "muscles-and-bones",
            "back-spine",
            "lower-back-pain",
            "sciatica",
            "digestion"
        ]
    );
    let top = tree.index_of("muscles-and-bones").unwrap();
    let leaf = tree.index_of("sciatica").unwrap();
    let other = tree.index_of("digestion").unwrap();
    assert!(tree.covers(top, leaf));
    assert!(tree.covers(leaf, leaf));
    assert!(!tree.covers(top, other));
    assert!(!tree.covers(leaf, top));
    assert_eq!(
        tree.path(leaf),
        vec![top, tree.index_of("back-spine").unwrap(), leaf]
    );
    assert_eq!(tree.roots().collect::<Vec<_>>(), vec![top, other]);
    assert_eq!(tree.get(leaf).depth, 2);
}

#[test]
fn tolerates_a_byte_order_mark_and_missing_optional_fields() {
    let mut archive = good_archive();
    archive.as_object_mut().unwrap().remove("title");
    archive.as_object_mut().unwrap().remove("categories");
    archive["questions"][0]
        .as_object_mut()
        .unwrap()
        .remove("categories");
    archive["questions"][0]["answers"][0]
        .as_object_mut()
        .unwrap()
        .remove("date");
    archive["questions"][1]
        .as_object_mut()
        .unwrap()
        .remove("categories");
    let text = format!("\u{feff}{archive}");
    let archive = Archive::parse(&text).unwrap();
    assert_eq!(archive.title, "Ask an expert");
    assert_eq!(archive.questions.len(), 2);
    assert_eq!(archive.questions[0].answers[0].date, None);
}

#[test]
fn refuses_files_that_are_not_archives() {
    assert_eq!(Archive::parse(""), Err(ArchiveError::Empty));
    assert_eq!(Archive::parse(" \n"), Err(ArchiveError::Empty));
    assert!(matches!(
        Archive::parse("<html>Not found</html>"),
        Err(ArchiveError::NotJson {
            line: 1,
            column: 1,
            ..
        })
    ));
    let truncated = &good_archive().to_string()[..200];
    assert!(matches!(
        Archive::parse(truncated),
        Err(ArchiveError::NotJson { .. })
    ));
    assert!(matches!(
        Archive::parse("[1, 2]"),
        Err(ArchiveError::WrongSchema(_))
    ));
    assert!(matches!(
        Archive::parse("{\"questions\": []}"),
        Err(ArchiveError::WrongSchema(_))
    ));
    assert!(matches!(
        Archive::parse("{\"schema\": \"ask-expert-archive/2\", \"questions\": []}"),
        Err(ArchiveError::WrongSchema(message)) if message.contains("ask-expert-archive/2")
    ));
    assert!(matches!(
        Archive::parse("{\"schema\": \"ask-expert-archive/1\"}"),
        Err(ArchiveError::WrongSchema(_))
    ));
    assert!(matches!(
        Archive::parse("{\"schema\": \"ask-expert-archive/1\", \"questions\": {}}"),
        Err(ArchiveError::WrongSchema(_))
    ));
}

#[test]
fn nesting_bombs_are_refused_not_overflowed() {
    let depth = 100_000;
    let (open, close) = ("[".repeat(depth), "]".repeat(depth));
    assert!(matches!(
        Archive::parse(&format!("{open}{close}")),
        Err(ArchiveError::WrongSchema(_))
    ));
    let mut bombed_fields = good_archive();
    for field in ["title", "categories", "synonyms"] {
        bombed_fields[field] = json!("placeholder");
    }
    let bombed_fields = bombed_fields
        .to_string()
        .replace("\"placeholder\"", &format!("{open}{close}"));
    let archive = Archive::parse(&bombed_fields).unwrap();
    assert_eq!(archive.questions.len(), 2);
    assert_eq!(
        archive.problems.len(),
        3 + 3,
        "three fields dropped, three unknown categories: {:?}",
        archive.problems
    );
    let mut archive = good_archive().to_string();
    archive.insert_str(archive.rfind(']').unwrap(), &format!(", {open}{close}"));
    let archive = Archive::parse(&archive).unwrap();
    assert_eq!(archive.questions.len(), 2);
    assert_eq!(
        archive.problems[0].to_string(),
        "question 3: could not be read: nested too deeply (question skipped)"
    );
}

#[test]
fn errors_read_plainly() {
    assert_eq!(
        Archive::parse("{\"a\": }").unwrap_err().to_string(),
        "The archive file is not valid JSON (line 1, column 7: expected value)."
    );
}

#[test]
fn skips_questions_missing_or_mistyping_required_fields() {
    let cases = [
        ("id", Value::Null, "id"),
        ("id", json!(""), "id"),
        ("question", json!(42), "question"),
        ("question", json!("   "), "question"),
        ("answers", json!("just text"), "answers"),
        ("answers", json!([]), "answers"),
        ("answers", json!([{"date": "2016-04-19"}]), "answers"),
        ("asked", json!("12/04/2016"), "asked"),
        ("asked", json!(20160412), "asked"),
        ("categories", json!("lower-back-pain"), "categories"),
    ];
    for (field, value, expected_field) in cases {
        let archive = with_question_field(field, value.clone());
        assert_eq!(archive.questions.len(), 1, "{field} = {value}");
        assert_eq!(archive.skipped_questions(), 1, "{field} = {value}");
        let skipped = archive
            .problems
            .iter()
            .find(|p| p.consequence == Consequence::QuestionSkipped)
            .unwrap();
        assert!(
            matches!(
                &skipped.location,
                Location::Question { number: 1, field: Some(f), .. } if *f == expected_field
            ),
            "{field} = {value}: {skipped}"
        );
    }
    let mut archive = good_archive();
    archive["questions"][0]
        .as_object_mut()
        .unwrap()
        .remove("asked");
    assert_eq!(parse(&archive).skipped_questions(), 1);
}

#[test]
fn skips_a_question_that_is_not_an_object() {
    let mut archive = good_archive();
    archive["questions"]
        .as_array_mut()
        .unwrap()
        .insert(1, json!("a stray string"));
    let archive = parse(&archive);
    assert_eq!(archive.questions.len(), 2);
    assert_eq!(archive.skipped_questions(), 1);
    assert_eq!(
        archive.problems[0].to_string(),
        "question 2: should be an object (question skipped)"
    );
}

#[test]
fn skips_later_duplicates_of_an_id() {
    let mut archive = good_archive();
    archive["questions"][1]["id"] = json!("q-1");
    let archive = parse(&archive);
    assert_eq!(archive.questions.len(), 1);
    assert_eq!(archive.questions[0].text, "Can acupuncture help my back?");
    assert_eq!(
        archive.problems[0].to_string(),
        "question 2 (q-1): repeats the id of question 1 (question skipped)"
    );
}

#[test]
fn drops_unknown_categories_and_bad_answers_but_keeps_the_question() {
    let archive = with_question_field(
        "categories",
        json!(["lower-back-pain", "no-such-thing", 7, "lower-back-pain"]),
    );
    assert_eq!(archive.questions.len(), 2);
    assert_eq!(archive.questions[0].categories.len(), 1);
    assert_eq!(archive.skipped_questions(), 0);
    assert_eq!(archive.problems.len(), 2);
    assert!(
        archive
            .problems
            .iter()
            .all(|p| p.consequence == Consequence::ValueDropped)
    );
    assert!(
        archive.problems[0]
            .to_string()
            .contains("unknown category \"no-such-thing\"")
    );

    let archive = with_question_field(
        "answers",
        json!([{"body": "Kept.", "date": "19/04/2016"}, {"body": ""}, "text"]),
    );
    assert_eq!(archive.questions[0].answers.len(), 1);
    assert_eq!(archive.questions[0].answers[0].date, None);
    assert_eq!(archive.problems.len(), 3);
}

#[test]
fn tidies_messy_question_text_and_labels() {
    let mut archive = good_archive();
    archive["questions"][0]["question"] = json!(" .  I had acupuncture\u{a0}on my  neck ");
    archive["categories"][1]["label"] = json!("  Digestion ");
    let archive = parse(&archive);
    assert_eq!(archive.questions[0].text, "I had acupuncture on my neck");
    assert_eq!(
        archive
            .categories
            .get(archive.categories.index_of("digestion").unwrap())
            .label,
        "Digestion"
    );
}

#[test]
fn skips_bad_categories_with_their_subtrees() {
    let mut archive = good_archive();
    archive["categories"] = json!([
        {"id": "a", "label": "A", "children": [
            {"label": "no id", "children": [{"id": "lost", "label": "Lost"}]}]},
        {"id": "a", "label": "Duplicate"},
        {"id": "b"},
        "text",
        {"id": "c", "label": "C", "children": "wrong"}
    ]);
    archive["questions"][0]["categories"] = json!(["a"]);
    archive["questions"][1]["categories"] = json!(["c", "lost"]);
    let archive = parse(&archive);
    let ids: Vec<&str> = archive
        .categories
        .iter()
        .map(|(_, c)| c.id.as_str())
        .collect();
    assert_eq!(ids, ["a", "c"]);
    let consequences: Vec<Consequence> = archive.problems.iter().map(|p| p.consequence).collect();
    assert_eq!(
        consequences,
        [
            Consequence::CategorySkipped,
            Consequence::CategorySkipped,
            Consequence::CategorySkipped,
            Consequence::CategorySkipped,
            Consequence::ValueDropped,
            Consequence::ValueDropped
        ]
    );
    assert_eq!(archive.questions.len(), 2);
}

#[test]
fn one_bad_question_in_a_thousand() {
    let questions: Vec<Value> = (0..1000)
        .map(|n| {
            if n == 500 {
                json!({"id": format!("q-{n}"), "question": "Broken", "answers": [],
                       "asked": "2020-01-01"})
            } else {
                json!({"id": format!("q-{n}"), "question": format!("Question {n}?"),
                       "answers": [{"body": "Answer."}], "asked": "2020-01-01"})
            }
        })
        .collect();
    let archive = parse(&json!({"schema": "ask-expert-archive/1", "questions": questions}));
    assert_eq!(archive.questions.len(), 999);
    assert_eq!(archive.skipped_questions(), 1);
}

#[test]
fn reads_synonyms_and_reports_bad_groups() {
    let mut archive = good_archive();
    archive["synonyms"] = json!([
        ["slipped disc", "herniated disc"],
        ["alone"],
        "text",
        [1, 2]
    ]);
    let archive = parse(&archive);
    assert_eq!(
        archive.synonyms,
        vec![vec!["slipped disc".to_owned(), "herniated disc".to_owned()]]
    );
    assert_eq!(archive.problems.len(), 3);
}

#[test]
fn the_demo_archive_is_complete_and_clean() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../public/archive.json"
    ))
    .unwrap();
    let archive = Archive::parse(&text).unwrap();
    assert!(archive.problems.is_empty(), "{:#?}", archive.problems);
    assert!(archive.questions.len() >= 60);
    assert!(archive.categories.roots().count() >= 6);
    assert!(archive.categories.iter().any(|(_, c)| c.depth == 2));
    assert!(
        archive
            .questions
            .iter()
            .filter(|q| q.answers.len() >= 2)
            .count()
            >= 5
    );
    assert!(
        archive
            .questions
            .iter()
            .filter(|q| q.categories.len() >= 2)
            .count()
            >= 5
    );
    let years: std::collections::BTreeSet<u16> =
        archive.questions.iter().map(|q| q.asked.year()).collect();
    assert_eq!(years.first(), Some(&2012));
    assert_eq!(years.last(), Some(&2026));
    assert!(!archive.synonyms.is_empty());
}

#[test]
fn reads_who_answered_and_when_it_was_reviewed() {
    let mut value = good_archive();
    value["questions"][1]["answers"][0]["expert"] =
        json!({"name": " Dr Ann Lee ", "credentials": "MSc, registered acupuncturist"});
    value["questions"][1]["answers"][0]["reviewed"] = json!("2024-03-01");
    value["questions"][1]["answers"][1]["expert"] = json!({"name": "Sam Roe"});
    let archive = parse(&value);
    assert!(archive.problems.is_empty(), "{:?}", archive.problems);
    let [first, second] = &archive.questions[1].answers[..] else {
        panic!("two answers")
    };
    assert_eq!(
        first.expert,
        Some(Expert {
            name: "Dr Ann Lee".into(),
            credentials: Some("MSc, registered acupuncturist".into()),
        })
    );
    assert_eq!(first.reviewed, Date::parse("2024-03-01"));
    assert_eq!(first.last_checked(), Date::parse("2024-03-01"));
    assert_eq!(
        second.expert.as_ref().map(|e| e.credentials.clone()),
        Some(None)
    );
    assert_eq!(second.last_checked(), Date::parse("2018-02-09"));
}

#[test]
fn a_damaged_expert_or_review_date_is_dropped_not_fatal() {
    let mut value = good_archive();
    value["questions"][0]["answers"][0]["expert"] = json!("Dr Lee");
    value["questions"][0]["answers"][0]["reviewed"] = json!("last spring");
    value["questions"][1]["answers"][0]["expert"] = json!({"credentials": "MSc"});
    let archive = parse(&value);
    assert_eq!(archive.questions.len(), 2);
    assert!(
        archive
            .questions
            .iter()
            .all(|q| q.answers.iter().all(|a| a.expert.is_none()))
    );
    assert_eq!(archive.questions[0].answers[0].reviewed, None);
    let dropped: Vec<&str> = archive
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(dropped.len(), 3, "{dropped:?}");
    assert!(
        archive
            .problems
            .iter()
            .all(|p| p.consequence == Consequence::ValueDropped)
    );
}

#[test]
fn reads_the_archive_language_or_defaults_to_english() {
    assert_eq!(parse(&good_archive()).language, "en");
    let mut value = good_archive();
    value["language"] = json!(" cy ");
    assert_eq!(parse(&value).language, "cy");
    for bad in [json!(3), json!("not a tag!"), json!("")] {
        value["language"] = bad;
        let archive = parse(&value);
        assert_eq!(archive.language, "en");
        assert_eq!(archive.problems.len(), 1, "{:?}", archive.problems);
    }
}

//! Generated input by the hundred thousand: reading archives and answer markup never panics,
//! whatever a file holds. (Run counts: 60,000 archive files and 60,000 answer bodies.)

use ask_expert_core::archive::Archive;
use ask_expert_core::markup::{self, Block, Inline};
use proptest::prelude::*;
use serde_json::{Value, json};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Any JSON value, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,24}".prop_map(Value::String),
        prop::sample::select(vec![
            "2016-04-12",
            "2019-02-29",
            "q-1",
            "lower-back-pain",
            "ask-expert-archive/1",
            ""
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "id",
                        "label",
                        "children",
                        "question",
                        "answers",
                        "body",
                        "date",
                        "categories",
                        "asked",
                        "x"
                    ]),
                    inner
                ),
                0..6
            )
            .prop_map(|pairs| Value::Object(
                pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

/// Archives that are mostly right, with any field replaced by anything.
fn nearly_an_archive() -> impl Strategy<Value = String> {
    (
        any_json(),
        any_json(),
        any_json(),
        prop::collection::vec(any_json(), 0..5),
        any::<u8>(),
    )
        .prop_map(
            |(categories, question_field, answer_field, extra_questions, choice)| {
                let mut question = json!({"id": "q-1", "question": "Does it help?",
                                      "answers": [{"body": "Often.", "date": "2016-04-19"}],
                                      "categories": ["a"], "asked": "2016-04-12"});
                question["answers"][0]["body"] = answer_field;
                let fields = ["id", "question", "answers", "categories", "asked"];
                question[fields[usize::from(choice) % fields.len()]] = question_field;
                let mut questions = vec![question];
                questions.extend(extra_questions);
                json!({"schema": "ask-expert-archive/1", "categories": categories,
                   "synonyms": [["a b", "c"]], "questions": questions})
                .to_string()
            },
        )
}

fn markup_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "*",
        "**",
        "[",
        "]",
        "(",
        ")",
        "- ",
        "1. ",
        "\n",
        "\n\n",
        " ",
        "http://",
        "https://x.org/a",
        "mailto:a@b.c",
        "javascript:",
        "<script>",
        "é",
        "\u{a0}",
        "word",
        ".",
        "_",
        "`",
        "\\",
        "\r\n",
        "·",
        "💡",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..80).prop_map(|parts| parts.concat()),
        ".{0,200}",
    ]
}

fn check_blocks(blocks: &[Block]) {
    fn check_inline(inline: &Inline) {
        match inline {
            Inline::Text(_) => {}
            Inline::Emphasis(children) | Inline::Strong(children) => {
                children.iter().for_each(check_inline)
            }
            Inline::Link { href, children } => {
                let lower = href.to_ascii_lowercase();
                assert!(
                    ["http://", "https://", "mailto:"]
                        .iter()
                        .any(|scheme| lower.starts_with(scheme)),
                    "{href}"
                );
                children.iter().for_each(check_inline);
            }
        }
    }
    for block in blocks {
        match block {
            Block::Paragraph(inlines) => inlines.iter().for_each(check_inline),
            Block::List { items, .. } => items.iter().flatten().for_each(check_inline),
        }
    }
}

proptest! {
    #![proptest_config(config(30_000))]

    #[test]
    fn any_text_as_an_archive_is_refused_or_read(text in ".{0,300}") {
        let _ = Archive::parse(&text);
    }

    #[test]
    fn damaged_archives_load_what_they_can(text in nearly_an_archive()) {
        if let Ok(archive) = Archive::parse(&text) {
            prop_assert!(archive.questions.len() + archive.skipped_questions() >= 1);
            for question in &archive.questions {
                for answer in &question.answers {
                    check_blocks(&answer.blocks());
                }
            }
        }
    }

    #[test]
    fn markup_parses_and_keeps_only_safe_links(text in markup_text()) {
        let blocks = markup::parse(&text);
        check_blocks(&blocks);
        let _ = markup::plain_text(&blocks);
    }

    #[test]
    fn any_text_is_safe_markup(text in "\\PC{0,300}") {
        check_blocks(&markup::parse(&text));
    }
}

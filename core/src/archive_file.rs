//! Writing an [`Archive`] back to the text of its file, the one writer of the format that
//! `Archive::parse` reads: the archive tool's import and merge build an `Archive` and print it
//! with [`Archive::to_json`], so what they write and what the app reads cannot drift apart.
//!
//! Optional values are written only when present (an answer without an expert has no
//! `expert` field), categories are nested as in the file, and questions name their
//! categories by id. Problems met while parsing are not part of the file and are not written.

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::archive::{Answer, Archive, CategoryIndex, CategoryTree, Expert, SCHEMA_ID};
use crate::date::Date;

impl Archive {
    /// The archive as its file's text: pretty-printed JSON ending in a line break.
    pub fn to_json(&self) -> String {
        self.to_json_keeping(&Map::new())
    }

    /// [`Archive::to_json`], with the top-level fields of `other_fields` the archive does
    /// not define written after the title: an association's own bookkeeping
    /// (`"publisher"`), kept when an archive is rewritten.
    pub fn to_json_keeping(&self, other_fields: &Map<String, Value>) -> String {
        let mut file = ArchiveFile::new(self);
        file.other = OtherFields(
            other_fields
                .iter()
                .filter(|(name, _)| !TOP_LEVEL_FIELDS.contains(&name.as_str()))
                .collect(),
        );
        let mut text = serde_json::to_string_pretty(&file)
            .expect("an archive's text and dates always serialize");
        text.push('\n');
        text
    }
}

/// The fields the format defines, at each level of the file.
const TOP_LEVEL_FIELDS: [&str; 6] = [
    "schema",
    "title",
    "language",
    "categories",
    "synonyms",
    "questions",
];
const CATEGORY_FIELDS: [&str; 3] = ["id", "label", "children"];
const QUESTION_FIELDS: [&str; 5] = ["id", "question", "answers", "categories", "asked"];
const ANSWER_FIELDS: [&str; 4] = ["body", "date", "expert", "reviewed"];
const EXPERT_FIELDS: [&str; 2] = ["name", "credentials"];

/// Fields in an archive's text that the format does not define: the app ignores them, and
/// an archive rewritten from its model would lose them.
#[derive(Debug, Default, PartialEq)]
pub struct UnreadFields {
    /// At the top level, with their values, for [`Archive::to_json_keeping`].
    pub top_level: Map<String, Value>,
    /// Inside categories, questions, answers and experts: where (`"questions"`) and the
    /// field's name, each pair once, in order of first appearance.
    pub nested: Vec<(&'static str, String)>,
}

impl Archive {
    /// The fields of `source` the format does not define; nothing for text that is not a
    /// JSON object.
    pub fn unread_fields(source: &str) -> UnreadFields {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let Ok(mut top_level) = serde_json::from_str::<Map<String, Value>>(source) else {
            return UnreadFields::default();
        };
        let mut nested = Vec::new();
        let mut note = |place: &'static str, known: &[&str], value: &Value| {
            for name in value.as_object().into_iter().flat_map(Map::keys) {
                let entry = (place, name.clone());
                if !known.contains(&name.as_str()) && !nested.contains(&entry) {
                    nested.push(entry);
                }
            }
        };
        let mut categories: Vec<&Value> = list(top_level.get("categories")).collect();
        while let Some(category) = categories.pop() {
            note("categories", &CATEGORY_FIELDS, category);
            categories.extend(list(category.get("children")));
        }
        for question in list(top_level.get("questions")) {
            note("questions", &QUESTION_FIELDS, question);
            for answer in list(question.get("answers")) {
                note("answers", &ANSWER_FIELDS, answer);
                if let Some(expert) = answer.get("expert") {
                    note("experts", &EXPERT_FIELDS, expert);
                }
            }
        }
        top_level.retain(|name, _| !TOP_LEVEL_FIELDS.contains(&name.as_str()));
        UnreadFields { top_level, nested }
    }
}

/// The items of a JSON list, or none.
fn list(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    value.and_then(Value::as_array).into_iter().flatten()
}

/// Dates are written as the file writes them, `YYYY-MM-DD`.
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The file's top level, field by field as docs/archive-format.md describes it.
#[derive(Serialize)]
struct ArchiveFile<'a> {
    schema: &'static str,
    title: &'a str,
    /// Written only when not the default, so English archives read as they always did.
    #[serde(skip_serializing_if = "is_default_language")]
    language: &'a str,
    #[serde(flatten)]
    other: OtherFields<'a>,
    categories: Vec<CategoryFile<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    synonyms: &'a [Vec<String>],
    questions: Vec<QuestionFile<'a>>,
}

fn is_default_language(language: &&str) -> bool {
    *language == crate::archive::DEFAULT_LANGUAGE
}

/// Fields the format does not define, in the order given.
struct OtherFields<'a>(Vec<(&'a String, &'a Value)>);

impl Serialize for OtherFields<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().copied())
    }
}

#[derive(Serialize)]
struct CategoryFile<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    children: Vec<CategoryFile<'a>>,
}

#[derive(Serialize)]
struct QuestionFile<'a> {
    id: &'a str,
    question: &'a str,
    answers: Vec<AnswerFile<'a>>,
    categories: Vec<&'a str>,
    asked: Date,
}

#[derive(Serialize)]
struct AnswerFile<'a> {
    body: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expert: Option<ExpertFile<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed: Option<Date>,
}

#[derive(Serialize)]
struct ExpertFile<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    credentials: Option<&'a str>,
}

impl<'a> ArchiveFile<'a> {
    fn new(archive: &'a Archive) -> ArchiveFile<'a> {
        let tree = &archive.categories;
        ArchiveFile {
            schema: SCHEMA_ID,
            title: &archive.title,
            language: &archive.language,
            other: OtherFields(Vec::new()),
            categories: tree.roots().map(|root| category(tree, root)).collect(),
            synonyms: &archive.synonyms,
            questions: archive
                .questions
                .iter()
                .map(|question| QuestionFile {
                    id: &question.id,
                    question: &question.text,
                    answers: question.answers.iter().map(answer).collect(),
                    categories: question
                        .categories
                        .iter()
                        .map(|&index| tree.get(index).id.as_str())
                        .collect(),
                    asked: question.asked,
                })
                .collect(),
        }
    }
}

fn category(tree: &CategoryTree, index: CategoryIndex) -> CategoryFile<'_> {
    let node = tree.get(index);
    CategoryFile {
        id: &node.id,
        label: &node.label,
        children: node
            .children
            .iter()
            .map(|&child| category(tree, child))
            .collect(),
    }
}

fn answer(answer: &Answer) -> AnswerFile<'_> {
    AnswerFile {
        body: &answer.body,
        date: answer.date,
        expert: answer
            .expert
            .as_ref()
            .map(|Expert { name, credentials }| ExpertFile {
                name,
                credentials: credentials.as_deref(),
            }),
        reviewed: answer.reviewed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::{NewCategory, Question};

    fn demo() -> Archive {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/archive.json");
        Archive::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn the_demo_archive_reads_back_unchanged() {
        let demo = demo();
        assert_eq!(demo.problems, []);
        assert_eq!(Archive::parse(&demo.to_json()).unwrap(), demo);
    }

    #[test]
    fn generated_archives_read_back_unchanged() {
        for (questions, seed) in [(300, 2024), (50, 7)] {
            let json = ask_expert_fixtures::generate_archive_json(questions, seed);
            let archive = Archive::parse(&json).unwrap();
            assert_eq!(archive.problems, []);
            assert_eq!(Archive::parse(&archive.to_json()).unwrap(), archive);
        }
    }

    #[test]
    fn provenance_is_written_only_when_present() {
        let mut archive = demo();
        // The demo names its experts; start from none, to count what is written.
        for answer in archive.questions.iter_mut().flat_map(|q| &mut q.answers) {
            answer.expert = None;
            answer.reviewed = None;
        }
        let answers = &mut archive.questions[0].answers;
        answers[0].expert = Some(Expert {
            name: "Dr Ann Example".into(),
            credentials: Some("MSc, \"registered\" acupuncturist".into()),
        });
        answers[0].reviewed = Date::new(2024, 2, 29);
        archive.questions[1].answers[0].expert = Some(Expert {
            name: "Bo Li".into(),
            credentials: None,
        });
        let json = archive.to_json();
        assert_eq!(Archive::parse(&json).unwrap(), archive);
        assert!(json.contains("\"reviewed\": \"2024-02-29\""), "{json}");
        assert!(
            json.contains("\"credentials\": \"MSc, \\\"registered\\\" acupuncturist\""),
            "{json}"
        );
        assert_eq!(json.matches("\"expert\"").count(), 2);
        assert_eq!(json.matches("\"credentials\"").count(), 1);
        assert_eq!(json.matches("\"reviewed\"").count(), 1);
        assert!(json.ends_with("}\n"));
    }

    #[test]
    fn a_built_tree_is_written_nested() {
        let leaf = |id: &str, label: &str| NewCategory {
            id: id.into(),
            label: label.into(),
            children: Vec::new(),
        };
        let tree = CategoryTree::from_nested(vec![
            NewCategory {
                children: vec![leaf("back", "Back")],
                ..leaf("bones", "Muscles and bones")
            },
            leaf("mind", "Head and mind"),
        ])
        .unwrap();
        let archive = Archive {
            title: "Test".into(),
            questions: vec![Question {
                id: "q1".into(),
                text: "Does it hurt?".into(),
                answers: vec![Answer::new("Rarely.", None)],
                categories: vec![tree.index_of("back").unwrap()],
                asked: Date::new(2020, 1, 2).unwrap(),
            }],
            categories: tree,
            synonyms: Vec::new(),
            language: "cy".into(),
            problems: Vec::new(),
        };
        let json = archive.to_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "schema": SCHEMA_ID,
                "title": "Test",
                "language": "cy",
                "categories": [
                    {"id": "bones", "label": "Muscles and bones",
                     "children": [{"id": "back", "label": "Back"}]},
                    {"id": "mind", "label": "Head and mind"}
                ],
                "questions": [{
                    "id": "q1", "question": "Does it hurt?", "answers": [{"body": "Rarely."}],
                    "categories": ["back"], "asked": "2020-01-02"
                }]
            })
        );
        assert_eq!(Archive::parse(&json).unwrap(), archive);
    }

    #[test]
    fn other_top_level_fields_are_kept_after_the_title() {
        let demo = demo();
        let source = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../public/archive.json"
        ))
        .unwrap();
        let mut fields: Map<String, Value> = serde_json::from_str(&source).unwrap();
        fields.insert("title".into(), Value::String("Not this one".into()));
        let json = demo.to_json_keeping(&fields);
        let written: Map<String, Value> = serde_json::from_str(&json).unwrap();
        let at = |name: &str| json.find(&format!("\n  \"{name}\":")).unwrap();
        let names = [
            "schema",
            "title",
            "publisher",
            "categories",
            "synonyms",
            "questions",
        ];
        assert!(
            names.windows(2).all(|pair| at(pair[0]) < at(pair[1])),
            "{json}"
        );
        assert_eq!(json.matches("\"title\":").count(), 1);
        assert_eq!(written["publisher"], fields["publisher"]);
        assert_eq!(written["title"], "Ask an expert");
        assert_eq!(Archive::parse(&json).unwrap(), demo);
    }

    #[test]
    fn finds_the_fields_the_format_does_not_define() {
        let source = r#"{"schema": "ask-expert-archive/1", "publisher": "Us", "notes": [1],
            "categories": [{"id": "a", "label": "A", "colour": "red",
                            "children": [{"id": "b", "label": "B", "colour": "blue", "x": 1}]}],
            "questions": [
              {"id": "1", "question": "Q?", "asked": "2016-01-01", "source": "web",
               "answers": [{"body": "Yes.", "by": "Ann", "expert": {"name": "Ann", "orcid": "0"}}]},
              {"id": "2", "question": "Q?", "asked": "2016-01-01", "source": "mail",
               "answers": "not a list"}
            ]}"#;
        let unread = Archive::unread_fields(source);
        assert_eq!(
            unread.top_level.keys().collect::<Vec<_>>(),
            ["notes", "publisher"]
        );
        assert_eq!(
            unread.nested,
            [
                ("categories", "colour".to_owned()),
                ("categories", "x".to_owned()),
                ("questions", "source".to_owned()),
                ("answers", "by".to_owned()),
                ("experts", "orcid".to_owned()),
            ]
        );
        assert_eq!(Archive::unread_fields("[1]"), UnreadFields::default());
    }
}

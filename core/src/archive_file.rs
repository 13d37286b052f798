//! Writing an [`Archive`] back to the text of its file, the one writer of the format that
//! `Archive::parse` reads: the archive tool's import and merge build an `Archive` and print it
//! with [`Archive::to_json`], so what they write and what the app reads cannot drift apart.
//!
//! Optional values are written only when present (an answer without an expert has no
//! `expert` field), categories are nested as in the file, and questions name their
//! categories by id. Problems met while parsing are not part of the file and are not written.

use serde::{Serialize, Serializer};

use crate::archive::{Answer, Archive, CategoryIndex, CategoryTree, Expert, SCHEMA_ID};
use crate::date::Date;

impl Archive {
    /// The archive as its file's text: pretty-printed JSON ending in a line break.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&ArchiveFile::new(self))
            .expect("an archive's text and dates always serialize");
        text.push('\n');
        text
    }
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
    categories: Vec<CategoryFile<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    synonyms: &'a [Vec<String>],
    questions: Vec<QuestionFile<'a>>,
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
            problems: Vec::new(),
        };
        let json = archive.to_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "schema": SCHEMA_ID,
                "title": "Test",
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
}

//! The manifest: the one small file the page re-fetches. It says what the archive is
//! (title, category tree, synonyms, how many questions, how many in each box), carries the
//! default view's first page so the first results need nothing else, and names every
//! other file, each by a name that changes whenever its bytes do.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::BuiltError;
use crate::archive::{Answer, Archive, CategoryIndex, CategoryTree, Expert, Question, SCHEMA_ID};
use crate::date::Date;

/// Names the format, so a page meeting a newer one can say so instead of misreading it.
pub const FORMAT: &str = "ask-expert-built/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub title: String,
    /// The category tree as the archive file writes it: `{id, label, children}`.
    pub categories: Value,
    pub synonyms: Vec<Vec<String>>,
    /// The archive's language (BCP 47), which the search's stemmer follows.
    #[serde(default = "default_language")]
    pub language: String,
    /// How many questions the archive holds.
    pub total: usize,
    /// For each category, in tree order, how many questions sit in it or below it.
    pub category_counts: Vec<usize>,
    /// The newest questions, in the default view's order (newest first).
    pub first_page: Vec<ShardQuestion>,
    /// Every question's id, dates, categories and lengths (see `columns`).
    pub columns: String,
    /// The search vocabulary (see `index_files`).
    pub terms: String,
    /// Question texts and answers, newest first: each file holds `count` questions.
    pub shards: Vec<ShardFile>,
    /// Where each question's record is in its shard (see `records`), so a few questions
    /// can be fetched by range. Absent in manifests written before it: the page then
    /// fetches whole shards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<String>,
    /// The search index's postings and positions, by chunk number.
    pub chunks: Vec<ChunkFiles>,
    /// The public address of the static pages built beside the data, when they were: a
    /// question's page is this followed by its `page`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardFile {
    pub file: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChunkFiles {
    pub postings: String,
    pub positions: String,
}

/// A question as a shard or the manifest's first page writes it: categories by their
/// number in the tree's order, which the manifest's tree fixes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardQuestion {
    pub id: String,
    pub question: String,
    pub answers: Vec<ShardAnswer>,
    pub categories: Vec<CategoryIndex>,
    pub asked: String,
    /// The question's static page, relative to the manifest's `base_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardAnswer {
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expert: Option<ShardExpert>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardExpert {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<String>,
}

fn default_language() -> String {
    crate::archive::DEFAULT_LANGUAGE.to_owned()
}

impl ShardQuestion {
    pub fn from_question(question: &Question, page: Option<&str>) -> ShardQuestion {
        ShardQuestion {
            id: question.id.clone(),
            question: question.text.clone(),
            answers: question
                .answers
                .iter()
                .map(|answer| ShardAnswer {
                    body: answer.body.clone(),
                    date: answer.date.map(|date| date.to_string()),
                    expert: answer.expert.as_ref().map(|expert| ShardExpert {
                        name: expert.name.clone(),
                        credentials: expert.credentials.clone(),
                    }),
                    reviewed: answer.reviewed.map(|date| date.to_string()),
                })
                .collect(),
            categories: question.categories.clone(),
            asked: question.asked.to_string(),
            page: page.map(str::to_owned),
        }
    }

    pub fn to_question(&self, tree: &CategoryTree) -> Result<Question, BuiltError> {
        let date = |text: &str| {
            Date::parse(text)
                .ok_or_else(|| BuiltError::new(format!("question {} has a damaged date", self.id)))
        };
        if self
            .categories
            .iter()
            .any(|&category| category >= tree.len())
        {
            return Err(BuiltError::new(format!(
                "question {} names a category the manifest does not have",
                self.id
            )));
        }
        Ok(Question {
            id: self.id.clone(),
            text: self.question.clone(),
            answers: self
                .answers
                .iter()
                .map(|answer| {
                    Ok(Answer {
                        body: answer.body.clone(),
                        date: answer.date.as_deref().map(date).transpose()?,
                        expert: answer.expert.as_ref().map(|expert| Expert {
                            name: expert.name.clone(),
                            credentials: expert.credentials.clone(),
                        }),
                        reviewed: answer.reviewed.as_deref().map(date).transpose()?,
                    })
                })
                .collect::<Result<_, BuiltError>>()?,
            categories: self.categories.clone(),
            asked: date(&self.asked)?,
        })
    }
}

/// The tree as the archive file writes it, so the archive's own reader reads it back.
pub(super) fn categories_value(tree: &CategoryTree) -> Value {
    fn node(tree: &CategoryTree, index: CategoryIndex) -> Value {
        let category = tree.get(index);
        let mut value = json!({"id": category.id, "label": category.label});
        if !category.children.is_empty() {
            value["children"] = category
                .children
                .iter()
                .map(|&child| node(tree, child))
                .collect();
        }
        value
    }
    tree.roots().map(|root| node(tree, root)).collect()
}

impl Manifest {
    pub fn parse(bytes: &[u8]) -> Result<Manifest, BuiltError> {
        #[derive(Deserialize)]
        struct Format {
            format: String,
        }
        let format: Format = serde_json::from_slice(bytes)
            .map_err(|_| BuiltError::new("the manifest is not one".to_owned()))?;
        if format.format != FORMAT {
            return Err(BuiltError::new(format!(
                "the manifest is in a format this page does not read ({})",
                format.format
            )));
        }
        serde_json::from_slice(bytes)
            .map_err(|error| BuiltError::new(format!("the manifest is damaged: {error}")))
    }

    /// The archive with its title, tree and synonyms, and no questions yet.
    pub fn empty_archive(&self) -> Result<Archive, BuiltError> {
        let source = json!({
            "schema": SCHEMA_ID,
            "title": self.title,
            "categories": self.categories,
            "synonyms": self.synonyms,
            "language": self.language,
            "questions": [],
        });
        let archive = Archive::parse(&source.to_string())
            .map_err(|error| BuiltError::new(format!("the manifest is damaged: {error}")))?;
        if archive.categories.len() != self.category_counts.len() {
            return Err(BuiltError::new("the manifest is damaged".to_owned()));
        }
        Ok(archive)
    }
}

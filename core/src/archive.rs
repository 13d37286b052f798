//! The archive file (`ask-expert-archive/1`): its model, and the parser that turns a file
//! written by people into that model.
//!
//! A file that is not an archive at all is refused with an [`ArchiveError`]. Damage inside an
//! archive is not fatal: a question that cannot be shown is skipped, a bad value is dropped,
//! and each is recorded as a [`Problem`] so the page can say how much is missing and the
//! command-line validator can say exactly where.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::date::Date;
use crate::markup::{self, Block};
use crate::text::tidy;

pub const SCHEMA_ID: &str = "ask-expert-archive/1";
pub const DEFAULT_TITLE: &str = "Ask an expert";
pub const DEFAULT_LANGUAGE: &str = "en";

#[derive(Debug, Clone, PartialEq)]
pub struct Archive {
    pub title: String,
    pub categories: CategoryTree,
    pub questions: Vec<Question>,
    /// Groups of words or phrases a search should treat as the same ("lumbago", "lower back pain").
    pub synonyms: Vec<Vec<String>>,
    /// The language the questions and answers are written in (BCP 47): it chooses the
    /// search's stemmer and stop words, and the static pages' `lang`.
    pub language: String,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub answers: Vec<Answer>,
    pub categories: Vec<CategoryIndex>,
    pub asked: Date,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The answer as written, in the markup subset; parsed only when shown, because
    /// keeping every parsed tree of a large archive would cost more memory than parsing
    /// the few on screen. The search index reads its words from this text directly.
    pub body: String,
    pub date: Option<Date>,
    /// Who wrote the answer, when the archive says.
    pub expert: Option<Expert>,
    /// When an expert last checked the answer still holds.
    pub reviewed: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expert {
    pub name: String,
    /// Qualifications as the association writes them ("MSc, registered physiotherapist").
    pub credentials: Option<String>,
}

impl Answer {
    /// An answer with only its text and date, as most archives have.
    pub fn new(body: impl Into<String>, date: Option<Date>) -> Answer {
        Answer {
            body: body.into(),
            date,
            expert: None,
            reviewed: None,
        }
    }

    /// The day the answer was last known to hold: the later of its date and its review.
    pub fn last_checked(&self) -> Option<Date> {
        self.date.max(self.reviewed)
    }

    /// The day the answer was last known to hold, when that was more than
    /// `review_after_years` years before `today`, so visitors should be told it may be out
    /// of date. `None` when it is recent enough, when it has no date at all (nothing can be
    /// said), or when `review_after_years` is 0 (the association turned the notice off).
    pub fn outdated_since(&self, today: Date, review_after_years: u16) -> Option<Date> {
        let checked = self.last_checked()?;
        (review_after_years > 0 && checked.older_than_years(review_after_years, today))
            .then_some(checked)
    }

    pub fn blocks(&self) -> Vec<Block> {
        markup::parse(&self.body)
    }
}

/// Position of a category in the tree's pre-order, so a subtree is a contiguous range.
pub type CategoryIndex = usize;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CategoryTree {
    nodes: Vec<Category>,
    by_id: HashMap<String, CategoryIndex>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub id: String,
    pub label: String,
    pub parent: Option<CategoryIndex>,
    pub children: Vec<CategoryIndex>,
    pub depth: usize,
    /// One past the last index of this category's subtree.
    pub subtree_end: CategoryIndex,
}

/// A category for [`CategoryTree::from_nested`], as the file nests them.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCategory {
    pub id: String,
    pub label: String,
    pub children: Vec<NewCategory>,
}

impl CategoryTree {
    /// The tree of `roots`, in the order given, with ids trimmed and labels tidied as
    /// [`Archive::parse`] reads them. `Err` names an id that is empty or used twice, or a
    /// category with no label.
    pub fn from_nested(roots: Vec<NewCategory>) -> Result<CategoryTree, String> {
        let mut tree = CategoryTree::default();
        tree.push_nested(roots, None)?;
        Ok(tree)
    }

    fn push_nested(
        &mut self,
        categories: Vec<NewCategory>,
        parent: Option<CategoryIndex>,
    ) -> Result<(), String> {
        for category in categories {
            let id = category.id.trim().to_owned();
            let label = tidy(&category.label);
            if id.is_empty() {
                return Err(format!("the category \"{label}\" has no id"));
            }
            if label.is_empty() {
                return Err(format!("the category \"{id}\" has no label"));
            }
            if self.by_id.contains_key(&id) {
                return Err(format!("the category id \"{id}\" is used twice"));
            }
            let index = self.nodes.len();
            let depth = parent.map_or(0, |parent| self.nodes[parent].depth + 1);
            self.by_id.insert(id.clone(), index);
            self.nodes.push(Category {
                id,
                label,
                parent,
                children: Vec::new(),
                depth,
                subtree_end: index + 1,
            });
            if let Some(parent) = parent {
                self.nodes[parent].children.push(index);
            }
            self.push_nested(category.children, Some(index))?;
            self.nodes[index].subtree_end = self.nodes.len();
        }
        Ok(())
    }
}

impl CategoryTree {
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn get(&self, index: CategoryIndex) -> &Category {
        &self.nodes[index]
    }

    pub fn iter(&self) -> impl Iterator<Item = (CategoryIndex, &Category)> {
        self.nodes.iter().enumerate()
    }

    pub fn index_of(&self, id: &str) -> Option<CategoryIndex> {
        self.by_id.get(id).copied()
    }

    pub fn roots(&self) -> impl Iterator<Item = CategoryIndex> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, node)| node.parent.is_none())
            .map(|(index, _)| index)
    }

    /// True when `node` is `ancestor` itself or sits anywhere below it.
    pub fn covers(&self, ancestor: CategoryIndex, node: CategoryIndex) -> bool {
        (ancestor..self.nodes[ancestor].subtree_end).contains(&node)
    }

    /// The categories from the root down to `index`, inclusive.
    pub fn path(&self, index: CategoryIndex) -> Vec<CategoryIndex> {
        let mut path = vec![index];
        while let Some(parent) = self.nodes[*path.last().expect("path starts non-empty")].parent {
            path.push(parent);
        }
        path.reverse();
        path
    }
}

/// Something in the file that could not be used as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: Location,
    pub message: String,
    pub consequence: Consequence,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A top-level field of the archive, such as `synonyms`.
    Field(&'static str),
    /// A category, by its path of labels or ids from the root.
    Category(String),
    /// A question by its position in `questions` (counting from 1) and its id when it has one.
    Question {
        number: usize,
        id: Option<String>,
        field: Option<&'static str>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consequence {
    QuestionSkipped,
    CategorySkipped,
    ValueDropped,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Field(field) => write!(f, "field \"{field}\""),
            Location::Category(path) => write!(f, "category {path}"),
            Location::Question { number, id, field } => {
                write!(f, "question {number}")?;
                if let Some(id) = id {
                    write!(f, " ({id})")?;
                }
                if let Some(field) = field {
                    write!(f, ", field \"{field}\"")?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Consequence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Consequence::QuestionSkipped => "question skipped",
            Consequence::CategorySkipped => "category skipped",
            Consequence::ValueDropped => "value ignored",
        })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} ({})",
            self.location, self.message, self.consequence
        )
    }
}

/// Why a file could not be read as an archive at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveError {
    Empty,
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    WrongSchema(String),
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArchiveError::Empty => f.write_str("The archive file is empty."),
            ArchiveError::NotJson {
                line,
                column,
                detail,
            } => {
                write!(
                    f,
                    "The archive file is not valid JSON (line {line}, column {column}: {detail})."
                )
            }
            ArchiveError::WrongSchema(detail) => {
                write!(f, "The file is not an {SCHEMA_ID} archive: {detail}.")
            }
        }
    }
}

impl std::error::Error for ArchiveError {}

impl Archive {
    /// Reads an archive from the text of its file.
    pub fn parse(source: &str) -> Result<Archive, ArchiveError> {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        if source.trim().is_empty() {
            return Err(ArchiveError::Empty);
        }
        let fields: BTreeMap<String, &RawValue> =
            serde_json::from_str(source).map_err(|error| {
                if error.is_data() {
                    ArchiveError::WrongSchema("it should be a JSON object".into())
                } else {
                    not_json(&error)
                }
            })?;
        check_schema(fields.get("schema").copied())?;
        let raw_questions: Vec<&RawValue> = match fields.get("questions") {
            None => {
                return Err(ArchiveError::WrongSchema(
                    "it has no \"questions\" list".into(),
                ));
            }
            Some(raw) => serde_json::from_str(raw.get())
                .map_err(|_| ArchiveError::WrongSchema("\"questions\" should be a list".into()))?,
        };

        let mut problems = Vec::new();
        let title = match fields
            .get("title")
            .map(|raw| serde_json::from_str::<Value>(raw.get()))
        {
            Some(Ok(Value::String(title))) if !tidy(&title).is_empty() => tidy(&title),
            None => DEFAULT_TITLE.to_owned(),
            Some(_) => {
                problems.push(field_problem("title", "should be text"));
                DEFAULT_TITLE.to_owned()
            }
        };
        let categories = match fields.get("categories") {
            None => CategoryTree::default(),
            Some(raw) => CategoryTree::parse(raw, &mut problems),
        };
        let synonyms = match fields.get("synonyms") {
            None => Vec::new(),
            Some(raw) => parse_synonyms(raw, &mut problems),
        };
        let language = match fields
            .get("language")
            .map(|raw| serde_json::from_str::<Value>(raw.get()))
        {
            None => DEFAULT_LANGUAGE.to_owned(),
            Some(Ok(Value::String(tag))) if is_language_tag(tag.trim()) => tag.trim().to_owned(),
            Some(_) => {
                problems.push(field_problem(
                    "language",
                    "should be a language tag such as \"en\" or \"cy\"",
                ));
                DEFAULT_LANGUAGE.to_owned()
            }
        };
        let questions = parse_questions(&raw_questions, &categories, &mut problems);
        Ok(Archive {
            title,
            categories,
            questions,
            synonyms,
            language,
            problems,
        })
    }

    /// How many questions in the file the page cannot show.
    pub fn skipped_questions(&self) -> usize {
        self.problems
            .iter()
            .filter(|problem| problem.consequence == Consequence::QuestionSkipped)
            .count()
    }
}

fn not_json(error: &serde_json::Error) -> ArchiveError {
    let message = error.to_string();
    // serde_json appends " at line L column C"; the position is reported separately.
    let detail = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    let detail = if detail.contains("recursion limit") {
        "nested too deeply".to_owned()
    } else {
        detail
    };
    ArchiveError::NotJson {
        line: error.line(),
        column: error.column(),
        detail,
    }
}

/// A BCP 47 tag's shape: letters, digits and hyphens, starting with a 2–8 letter language.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    (2..=8).contains(&language.len())
        && language.bytes().all(|byte| byte.is_ascii_alphabetic())
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|byte| byte.is_ascii_alphanumeric())
        })
}

fn check_schema(schema: Option<&RawValue>) -> Result<(), ArchiveError> {
    let Some(raw) = schema else {
        return Err(ArchiveError::WrongSchema(format!(
            "it has no \"schema\" field (expected \"{SCHEMA_ID}\")"
        )));
    };
    match serde_json::from_str::<Value>(raw.get()) {
        Ok(Value::String(found)) if found.trim() == SCHEMA_ID => Ok(()),
        Ok(Value::String(found)) => Err(ArchiveError::WrongSchema(format!(
            "its schema is \"{found}\", and this app reads \"{SCHEMA_ID}\""
        ))),
        _ => Err(ArchiveError::WrongSchema(format!(
            "\"schema\" should be the text \"{SCHEMA_ID}\""
        ))),
    }
}

fn field_problem(field: &'static str, message: &str) -> Problem {
    Problem {
        location: Location::Field(field),
        message: message.to_owned(),
        consequence: Consequence::ValueDropped,
    }
}

impl CategoryTree {
    fn parse(raw: &RawValue, problems: &mut Vec<Problem>) -> CategoryTree {
        let mut tree = CategoryTree::default();
        match serde_json::from_str::<Value>(raw.get()) {
            Ok(Value::Array(roots)) => tree.add_children(&roots, None, "", problems),
            _ => problems.push(field_problem(
                "categories",
                "should be a list of categories",
            )),
        }
        tree
    }

    fn add_children(
        &mut self,
        children: &[Value],
        parent: Option<CategoryIndex>,
        parent_path: &str,
        problems: &mut Vec<Problem>,
    ) {
        for (position, child) in children.iter().enumerate() {
            let mut skip = |message: String, path: String| {
                problems.push(Problem {
                    location: Location::Category(path),
                    message,
                    consequence: Consequence::CategorySkipped,
                });
            };
            let fallback_path = format!("{parent_path}#{}", position + 1);
            let Value::Object(fields) = child else {
                skip(
                    "should be an object with \"id\" and \"label\"".into(),
                    fallback_path,
                );
                continue;
            };
            let id = fields
                .get("id")
                .and_then(Value::as_str)
                .map(str::trim)
                .unwrap_or_default();
            let path = if id.is_empty() {
                fallback_path
            } else {
                format!("{parent_path}/{id}")
            };
            if id.is_empty() {
                skip("has no \"id\"".into(), path);
                continue;
            }
            if self.by_id.contains_key(id) {
                skip(
                    format!("repeats the id \"{id}\" of an earlier category"),
                    path,
                );
                continue;
            }
            let label = fields
                .get("label")
                .and_then(Value::as_str)
                .map(tidy)
                .unwrap_or_default();
            if label.is_empty() {
                skip("has no \"label\"".into(), path);
                continue;
            }
            let index = self.nodes.len();
            let depth = parent.map_or(0, |parent| self.nodes[parent].depth + 1);
            self.nodes.push(Category {
                id: id.to_owned(),
                label,
                parent,
                children: Vec::new(),
                depth,
                subtree_end: index + 1,
            });
            self.by_id.insert(id.to_owned(), index);
            if let Some(parent) = parent {
                self.nodes[parent].children.push(index);
            }
            match fields.get("children") {
                None | Some(Value::Null) => {}
                Some(Value::Array(grandchildren)) => {
                    self.add_children(grandchildren, Some(index), &path, problems)
                }
                Some(_) => problems.push(Problem {
                    location: Location::Category(path),
                    message: "\"children\" should be a list".into(),
                    consequence: Consequence::ValueDropped,
                }),
            }
            self.nodes[index].subtree_end = self.nodes.len();
        }
    }
}

fn parse_synonyms(raw: &RawValue, problems: &mut Vec<Problem>) -> Vec<Vec<String>> {
    let Ok(Value::Array(groups)) = serde_json::from_str::<Value>(raw.get()) else {
        problems.push(field_problem(
            "synonyms",
            "should be a list of lists of words",
        ));
        return Vec::new();
    };
    let mut synonyms = Vec::new();
    for (position, group) in groups.iter().enumerate() {
        let terms: Option<Vec<String>> = group.as_array().and_then(|terms| {
            terms
                .iter()
                .map(|term| term.as_str().map(tidy).filter(|term| !term.is_empty()))
                .collect()
        });
        match terms {
            Some(terms) if terms.len() >= 2 => synonyms.push(terms),
            _ => problems.push(field_problem(
                "synonyms",
                &format!(
                    "group {} should list two or more words or phrases",
                    position + 1
                ),
            )),
        }
    }
    synonyms
}

fn parse_questions(
    raw_questions: &[&RawValue],
    categories: &CategoryTree,
    problems: &mut Vec<Problem>,
) -> Vec<Question> {
    let mut questions = Vec::with_capacity(raw_questions.len());
    let mut seen_ids: HashMap<String, usize> = HashMap::with_capacity(raw_questions.len());
    for (position, raw) in raw_questions.iter().enumerate() {
        let number = position + 1;
        let mut reader = QuestionReader {
            number,
            id: None,
            problems,
            categories,
        };
        if let Some(question) = reader.read(raw) {
            match seen_ids.get(&question.id) {
                Some(first) => {
                    reader.skip::<()>(None, format!("repeats the id of question {first}"));
                }
                None => {
                    seen_ids.insert(question.id.clone(), number);
                    questions.push(question);
                }
            }
        }
    }
    questions
}

/// Reads one question, recording what it had to skip or drop.
struct QuestionReader<'a> {
    number: usize,
    id: Option<String>,
    problems: &'a mut Vec<Problem>,
    categories: &'a CategoryTree,
}

impl QuestionReader<'_> {
    fn read(&mut self, raw: &RawValue) -> Option<Question> {
        let mut fields = match serde_json::from_str::<Value>(raw.get()) {
            Ok(Value::Object(fields)) => fields,
            Ok(_) => return self.skip(None, "should be an object".into()),
            Err(error) => {
                let ArchiveError::NotJson { detail, .. } = not_json(&error) else {
                    unreachable!("not_json makes NotJson")
                };
                return self.skip(None, format!("could not be read: {detail}"));
            }
        };
        let id = match fields.get("id") {
            Some(Value::String(id)) if !id.trim().is_empty() => id.trim().to_owned(),
            Some(Value::Number(number)) => number.to_string(),
            Some(_) => return self.skip(Some("id"), "should be text".into()),
            None => return self.skip(Some("id"), "is missing".into()),
        };
        self.id = Some(id.clone());
        let text = self.required_text(&fields, "question")?;
        let asked = match fields.get("asked") {
            Some(Value::String(asked)) => match Date::parse(asked) {
                Some(date) => date,
                None => {
                    return self.skip(
                        Some("asked"),
                        format!("should be a date like 2016-04-12, not \"{asked}\""),
                    );
                }
            },
            Some(_) => return self.skip(Some("asked"), "should be a date like 2016-04-12".into()),
            None => return self.skip(Some("asked"), "is missing".into()),
        };
        let categories = self.categories(fields.remove("categories"))?;
        let answers = self.answers(fields.remove("answers"))?;
        Some(Question {
            id,
            text,
            answers,
            categories,
            asked,
        })
    }

    fn required_text(
        &mut self,
        fields: &Map<String, Value>,
        field: &'static str,
    ) -> Option<String> {
        match fields.get(field) {
            Some(Value::String(text)) if !tidy(text).is_empty() => Some(tidy(text)),
            Some(Value::String(_)) => self.skip(Some(field), "is empty".into()),
            Some(_) => self.skip(Some(field), "should be text".into()),
            None => self.skip(Some(field), "is missing".into()),
        }
    }

    fn categories(&mut self, value: Option<Value>) -> Option<Vec<CategoryIndex>> {
        let entries = match value {
            None | Some(Value::Null) => return Some(Vec::new()),
            Some(Value::Array(entries)) => entries,
            Some(_) => {
                return self.skip(
                    Some("categories"),
                    "should be a list of category ids".into(),
                );
            }
        };
        let mut found = Vec::with_capacity(entries.len());
        for entry in entries {
            match entry
                .as_str()
                .map(str::trim)
                .map(|id| (id, self.categories.index_of(id)))
            {
                Some((_, Some(index))) => {
                    if !found.contains(&index) {
                        found.push(index);
                    }
                }
                Some((id, None)) => {
                    self.drop_value("categories", format!("has the unknown category \"{id}\""))
                }
                None => self.drop_value(
                    "categories",
                    format!("has {entry}, which is not a category id"),
                ),
            }
        }
        Some(found)
    }

    fn answers(&mut self, value: Option<Value>) -> Option<Vec<Answer>> {
        let entries = match value {
            Some(Value::Array(entries)) => entries,
            Some(_) => return self.skip(Some("answers"), "should be a list of answers".into()),
            None => return self.skip(Some("answers"), "is missing".into()),
        };
        let mut answers = Vec::with_capacity(entries.len());
        for (position, entry) in entries.into_iter().enumerate() {
            let answer_number = position + 1;
            let Value::Object(fields) = entry else {
                self.drop_value(
                    "answers",
                    format!("answer {answer_number} should be an object with a \"body\""),
                );
                continue;
            };
            let body = match fields.get("body") {
                Some(Value::String(body)) if !body.trim().is_empty() => body.clone(),
                _ => {
                    self.drop_value(
                        "answers",
                        format!("answer {answer_number} has no \"body\" text"),
                    );
                    continue;
                }
            };
            let date = match fields.get("date") {
                None | Some(Value::Null) => None,
                Some(Value::String(date)) if Date::parse(date).is_some() => Date::parse(date),
                Some(other) => {
                    self.drop_value(
                        "answers",
                        format!("answer {answer_number} has the date {other}, not like 2016-04-19"),
                    );
                    None
                }
            };
            let reviewed = match fields.get("reviewed") {
                None | Some(Value::Null) => None,
                Some(Value::String(day)) if Date::parse(day).is_some() => Date::parse(day),
                Some(other) => {
                    self.drop_value(
                        "answers",
                        format!(
                            "answer {answer_number} has the review date {other}, \
                             not like 2016-04-19"
                        ),
                    );
                    None
                }
            };
            let expert = self.expert(fields.get("expert"), answer_number);
            answers.push(Answer {
                body,
                date,
                expert,
                reviewed,
            });
        }
        if answers.is_empty() {
            return self.skip(Some("answers"), "has no answer to show".into());
        }
        Some(answers)
    }

    fn expert(&mut self, value: Option<&Value>, answer_number: usize) -> Option<Expert> {
        let text = |value: Option<&Value>| {
            value
                .and_then(Value::as_str)
                .map(tidy)
                .filter(|text| !text.is_empty())
        };
        match value {
            None | Some(Value::Null) => None,
            Some(Value::Object(fields)) => match text(fields.get("name")) {
                Some(name) => Some(Expert {
                    name,
                    credentials: text(fields.get("credentials")),
                }),
                None => {
                    self.drop_value(
                        "answers",
                        format!("answer {answer_number} has an expert with no \"name\""),
                    );
                    None
                }
            },
            Some(other) => {
                self.drop_value(
                    "answers",
                    format!(
                        "answer {answer_number} has the expert {other}, \
                         not like {{\"name\": \"…\", \"credentials\": \"…\"}}"
                    ),
                );
                None
            }
        }
    }

    fn skip<T>(&mut self, field: Option<&'static str>, message: String) -> Option<T> {
        self.record(field, message, Consequence::QuestionSkipped);
        None
    }

    fn drop_value(&mut self, field: &'static str, message: String) {
        self.record(Some(field), message, Consequence::ValueDropped);
    }

    fn record(&mut self, field: Option<&'static str>, message: String, consequence: Consequence) {
        let location = Location::Question {
            number: self.number,
            id: self.id.clone(),
            field,
        };
        self.problems.push(Problem {
            location,
            message,
            consequence,
        });
    }
}

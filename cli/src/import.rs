//! `import csv`: builds an archive from a spreadsheet or CMS export, one question a row.
//!
//! Rows that cannot become a question the app shows are reported and left out; the rest
//! become an `Archive`, written by core's `Archive::to_json` and checked with
//! `Archive::parse`, the app's own reader: it must load with no problem at all. `--merge`
//! (merge.rs) reads rows the same way.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use ask_expert_core::archive::{
    Answer, Archive, CategoryTree, DEFAULT_TITLE, Expert, NewCategory, Question,
};
use ask_expert_core::date::Date;
use ask_expert_core::spreadsheet::unprotect;
use ask_expert_core::text::tidy;

use crate::output::{self, count};
use crate::progress::{self, THRESHOLD};
use crate::{EXIT_FATAL, EXIT_OK, EXIT_PROBLEMS, files};

pub fn run(path: &Path, output_path: Option<&Path>, title: Option<String>) -> u8 {
    let bytes = match files::read(path) {
        Ok(bytes) => bytes,
        Err(message) => {
            output::error(&message);
            return EXIT_FATAL;
        }
    };
    let imported = match import(&bytes, title.as_deref().unwrap_or(DEFAULT_TITLE)) {
        Ok(imported) => imported,
        Err(message) => {
            output::error(&format!("{}: {message}", path.display()));
            output::stderr("Nothing was written.\n");
            return EXIT_FATAL;
        }
    };
    let mut report = String::new();
    for rejected in &imported.rejected {
        let _ = writeln!(
            report,
            "{}: {}; left out",
            rejected.place,
            rejected.reasons.join("; ")
        );
    }
    output::stderr(&report);
    if imported.questions == 0 {
        output::error(&format!(
            "{}: no row could be used, so nothing was written",
            path.display()
        ));
        return EXIT_FATAL;
    }
    let destination = match output_path {
        Some(target) => {
            if let Err(message) = files::write_atomically(target, imported.json.as_bytes()) {
                output::error(&message);
                output::stderr("Nothing was written.\n");
                return EXIT_FATAL;
            }
            target.display().to_string()
        }
        None => {
            output::stdout(&imported.json);
            "standard output".to_owned()
        }
    };
    let left_out = match imported.rejected.len() {
        0 => String::new(),
        rows => format!("; {} left out", count(rows, "row", "rows")),
    };
    output::stderr(&format!(
        "Imported {} in {} from {} to {destination}{left_out}.\n",
        count(imported.questions, "question", "questions"),
        count(imported.categories, "category", "categories"),
        path.display(),
    ));
    if imported.rejected.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    }
}

pub struct Imported {
    /// The archive file's text.
    pub json: String,
    pub questions: usize,
    pub categories: usize,
    pub rejected: Vec<Rejected>,
}

/// Where a row is in the CSV file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// The row's number, counting the header row as row 1.
    pub row: usize,
    /// The line of the file the row starts on, when cells with line breaks make it differ.
    pub line: Option<u64>,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) if line != self.row as u64 => write!(f, "row {} (line {line})", self.row),
            _ => write!(f, "row {}", self.row),
        }
    }
}

/// A row left out, and why.
#[derive(Debug, PartialEq)]
pub struct Rejected {
    pub place: Place,
    pub reasons: Vec<String>,
}

/// A row with a question and nothing wrong with it but that it has no answer yet.
#[derive(Debug, PartialEq)]
pub struct Unanswered {
    pub place: Place,
    pub id: String,
}

/// Where each column of interest is in the header row.
struct Columns {
    id: usize,
    question: usize,
    categories: Option<usize>,
    topic: Option<usize>,
    asked: usize,
    /// For answers 1, 2, 3…, in order.
    answers: Vec<AnswerColumns>,
}

/// The columns of answer N: `answer N`, and those of its date and provenance when present.
struct AnswerColumns {
    number: usize,
    answer: usize,
    answered: Option<usize>,
    expert: Option<usize>,
    credentials: Option<usize>,
    reviewed: Option<usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum Field {
    Id,
    Question,
    Categories,
    Topic,
    Asked,
    Answer(usize),
    Answered(usize),
    Expert(usize),
    Credentials(usize),
    Reviewed(usize),
}

impl Field {
    /// The number of the answer a column belongs to.
    fn answer_number(self) -> Option<usize> {
        match self {
            Field::Answer(number)
            | Field::Answered(number)
            | Field::Expert(number)
            | Field::Credentials(number)
            | Field::Reviewed(number) => Some(number),
            _ => None,
        }
    }
}

fn column_field(header: &str) -> Option<Field> {
    let name: String = header
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '#'))
        .collect();
    let word_end = name
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(name.len());
    let (word, digits) = name.split_at(word_end);
    let number = match digits {
        "" => None,
        digits => Some(digits.parse::<usize>().ok().filter(|number| *number >= 1)?),
    };
    match (word, number) {
        ("id", None) => Some(Field::Id),
        ("question", None) => Some(Field::Question),
        ("categories", None) => Some(Field::Categories),
        ("topic", None) => Some(Field::Topic),
        ("asked", None) => Some(Field::Asked),
        ("answer", number) => Some(Field::Answer(number.unwrap_or(1))),
        ("answered", number) => Some(Field::Answered(number.unwrap_or(1))),
        ("expert", number) => Some(Field::Expert(number.unwrap_or(1))),
        ("credentials", number) => Some(Field::Credentials(number.unwrap_or(1))),
        ("reviewed", number) => Some(Field::Reviewed(number.unwrap_or(1))),
        _ => None,
    }
}

fn field_name(field: Field) -> String {
    let numbered = |word: &str, number: usize| match number {
        1 => word.to_owned(),
        number => format!("{word} {number}"),
    };
    match field {
        Field::Id => "id".into(),
        Field::Question => "question".into(),
        Field::Categories => "categories".into(),
        Field::Topic => "topic".into(),
        Field::Asked => "asked".into(),
        Field::Answer(number) => numbered("answer", number),
        Field::Answered(number) => numbered("answered", number),
        Field::Expert(number) => numbered("expert", number),
        Field::Credentials(number) => numbered("credentials", number),
        Field::Reviewed(number) => numbered("reviewed", number),
    }
}

impl Columns {
    fn find(header: &[String]) -> Result<Columns, String> {
        let mut found: Vec<(Field, usize)> = Vec::new();
        for (index, cell) in header.iter().enumerate() {
            let Some(field) = column_field(cell) else {
                continue;
            };
            if found.iter().any(|(seen, _)| *seen == field) {
                return Err(format!(
                    "the header row names the column \"{}\" twice",
                    field_name(field)
                ));
            }
            found.push((field, index));
        }
        let at = |field: Field| {
            found
                .iter()
                .find(|(seen, _)| *seen == field)
                .map(|(_, index)| *index)
        };
        let required = [Field::Id, Field::Question, Field::Answer(1), Field::Asked];
        let missing: Vec<String> = required
            .iter()
            .filter(|field| at(**field).is_none())
            .map(|field| format!("\"{}\"", field_name(*field)))
            .collect();
        if !missing.is_empty() {
            let mut message = format!(
                "the header row has no {} column{}. The first row must name the columns id, \
                 question, answer, categories, asked and answered, in any order; it has: {}",
                missing.join(", "),
                if missing.len() == 1 { "" } else { "s" },
                header
                    .iter()
                    .map(|cell| format!("\"{}\"", cell.trim()))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            if header.len() == 1 {
                for (separator, name) in [(';', "semicolons"), ('\t', "tabs")] {
                    if header[0].contains(separator) {
                        message.push_str(&format!(
                            ". The columns look separated by {name}: save the file as \
                             comma-separated CSV"
                        ));
                    }
                }
            }
            return Err(message);
        }
        let mut numbers: Vec<usize> = found
            .iter()
            .filter_map(|(field, _)| field.answer_number())
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        let mut answers = Vec::new();
        for number in numbers {
            let Some(answer) = at(Field::Answer(number)) else {
                let (orphan, _) = found
                    .iter()
                    .find(|(field, _)| field.answer_number() == Some(number))
                    .expect("the number came from a column");
                return Err(format!(
                    "the header row has an \"{}\" column but no \"{}\" column",
                    field_name(*orphan),
                    field_name(Field::Answer(number))
                ));
            };
            answers.push(AnswerColumns {
                number,
                answer,
                answered: at(Field::Answered(number)),
                expert: at(Field::Expert(number)),
                credentials: at(Field::Credentials(number)),
                reviewed: at(Field::Reviewed(number)),
            });
        }
        Ok(Columns {
            id: at(Field::Id).unwrap_or_default(),
            question: at(Field::Question).unwrap_or_default(),
            categories: at(Field::Categories),
            topic: at(Field::Topic),
            asked: at(Field::Asked).unwrap_or_default(),
            answers,
        })
    }
}

/// One usable row.
pub struct Row {
    pub place: Place,
    pub id: String,
    pub question: String,
    /// Empty only for a row read with [`UnansweredRows::List`] that has no answer yet.
    pub answers: Vec<Answer>,
    /// Category paths, each a list of labels from the root (or a single id).
    pub paths: Vec<Vec<String>>,
    /// The topic the visitor chose, as the receiver's export writes it; may be empty.
    pub topic: String,
    pub asked: Date,
}

/// What to do with a row that has everything but an answer.
#[derive(Clone, Copy, PartialEq)]
pub enum UnansweredRows {
    /// Leave it out as a row that cannot be used.
    Reject,
    /// List it as not answered yet.
    List,
}

/// The rows of a CSV file, sorted into usable, left out, and not answered yet.
pub struct Rows {
    pub rows: Vec<Row>,
    pub rejected: Vec<Rejected>,
    pub unanswered: Vec<Unanswered>,
}

/// Reads the rows of a CSV file; `Err` for a file that cannot be imported at all.
pub fn read_rows(bytes: &[u8], unanswered_rows: UnansweredRows) -> Result<Rows, String> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err("the file is UTF-16 text; save it as \"CSV UTF-8\" and import that".into());
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = Vec::new();
    loop {
        let mut record = csv::ByteRecord::new();
        match reader.read_byte_record(&mut record) {
            Ok(true) => records.push(record),
            Ok(false) => break,
            Err(error) => return Err(format!("the file could not be read as CSV: {error}")),
        }
    }
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        return Err("the file is empty: it needs a header row and a row for each question".into());
    };
    let header: Vec<String> = match header
        .iter()
        .map(|cell| std::str::from_utf8(cell).map(|cell| unprotect(cell).to_owned()))
        .collect()
    {
        Ok(header) => header,
        Err(_) => {
            return Err(
                "the header row is not UTF-8 text; save the file as \"CSV UTF-8\" and import that"
                    .into(),
            );
        }
    };
    let columns = Columns::find(&header)?;
    let records: Vec<csv::ByteRecord> = records.collect();
    if records.is_empty() {
        return Err("the file has a header row but no rows of questions".into());
    }

    let mut rows = Vec::with_capacity(records.len());
    let mut rejected = Vec::new();
    let mut unanswered = Vec::new();
    // The first row with each id, and whether it was used.
    let mut first_row_of_id: HashMap<String, (usize, bool)> = HashMap::with_capacity(records.len());
    let progress = progress::bar("Reading rows", records.len());
    for (index, record) in records.iter().enumerate() {
        progress.set_position(index as u64);
        let place = Place {
            row: index + 2,
            line: record.position().map(csv::Position::line),
        };
        match read_row(record, place, &header, &columns) {
            RowResult::Blank => {}
            RowResult::Usable(row) => match first_row_of_id.get(&row.id) {
                Some(&(first, used)) => rejected.push(Rejected {
                    place,
                    reasons: vec![format!(
                        "repeats the id \"{}\" of row {first}{}",
                        row.id,
                        if used {
                            ""
                        } else {
                            " (left out too: fix that row or give this one another id)"
                        }
                    )],
                }),
                None if row.answers.is_empty() && unanswered_rows == UnansweredRows::Reject => {
                    first_row_of_id.insert(row.id, (place.row, false));
                    rejected.push(Rejected {
                        place,
                        reasons: vec![NO_ANSWER.into()],
                    });
                }
                None if row.answers.is_empty() => {
                    first_row_of_id.insert(row.id.clone(), (place.row, true));
                    unanswered.push(Unanswered { place, id: row.id });
                }
                None => {
                    first_row_of_id.insert(row.id.clone(), (place.row, true));
                    rows.push(row);
                }
            },
            RowResult::Unusable { id, reasons } => {
                if let Some(id) = id {
                    first_row_of_id.entry(id).or_insert((place.row, false));
                }
                rejected.push(Rejected { place, reasons });
            }
        }
    }
    drop(progress);
    Ok(Rows {
        rows,
        rejected,
        unanswered,
    })
}

const NO_ANSWER: &str = "has no answer";

enum RowResult {
    Blank,
    /// A row with nothing wrong; its answers are empty when it has none yet.
    Usable(Row),
    Unusable {
        id: Option<String>,
        reasons: Vec<String>,
    },
}

/// The cells of one answer, as read.
struct AnswerCells {
    number: usize,
    body: String,
    answered: String,
    expert: String,
    credentials: String,
    reviewed: String,
}

fn read_row(
    record: &csv::ByteRecord,
    place: Place,
    header: &[String],
    columns: &Columns,
) -> RowResult {
    let raw = |index: usize| record.get(index).unwrap_or_default();
    if record
        .iter()
        .all(|cell| cell.iter().all(u8::is_ascii_whitespace))
    {
        return RowResult::Blank;
    }
    let mut reasons = Vec::new();
    // Every cell is read as the visitor or editor wrote it: a cell the receiver's export
    // guarded against spreadsheet formulas ("'=1+1") gives back its text ("=1+1").
    let mut cell = |index: usize| -> String {
        match std::str::from_utf8(raw(index)) {
            Ok(text) => unprotect(text).replace("\r\n", "\n").replace('\r', "\n"),
            Err(_) => {
                reasons.push(format!(
                    "the \"{}\" cell is not UTF-8 text (save the file as \"CSV UTF-8\")",
                    header[index].trim()
                ));
                String::new()
            }
        }
    };
    let id = cell(columns.id).trim().to_owned();
    let question = cell(columns.question).trim().to_owned();
    let asked_text = cell(columns.asked);
    let categories_text = columns.categories.map(&mut cell).unwrap_or_default();
    let topic = columns
        .topic
        .map(&mut cell)
        .unwrap_or_default()
        .trim()
        .to_owned();
    let mut optional = |index: Option<usize>| index.map(&mut cell).unwrap_or_default();
    let answer_cells: Vec<AnswerCells> = columns
        .answers
        .iter()
        .map(|columns| AnswerCells {
            number: columns.number,
            body: optional(Some(columns.answer)),
            answered: optional(columns.answered),
            expert: optional(columns.expert),
            credentials: optional(columns.credentials),
            reviewed: optional(columns.reviewed),
        })
        .collect();

    if id.is_empty() {
        reasons.push("has no id".into());
    }
    if tidy(&question).is_empty() {
        reasons.push("has no question".into());
    }
    let asked = match asked_text.trim() {
        "" => {
            reasons.push("has no \"asked\" date".into());
            None
        }
        text => {
            let date = Date::parse(text);
            if date.is_none() {
                reasons.push(format!(
                    "the \"asked\" date \"{text}\" is not a date written as YYYY-MM-DD"
                ));
            }
            date
        }
    };
    let mut answers = Vec::new();
    let mut cells_without_answer = false;
    for cells in answer_cells {
        match read_answer(cells, &mut reasons) {
            AnswerResult::Answer(answer) => answers.push(answer),
            AnswerResult::None => {}
            AnswerResult::CellsWithoutBody => cells_without_answer = true,
        }
    }
    let no_answer = answers.is_empty() && !cells_without_answer;
    if no_answer {
        reasons.push(NO_ANSWER.into());
    }
    let mut paths = Vec::new();
    for path in categories_text
        .split(';')
        .map(str::trim)
        .filter(|path| !path.is_empty())
    {
        let labels: Vec<String> = path.split('>').map(tidy).collect();
        if labels.iter().any(String::is_empty) {
            reasons.push(format!(
                "the category \"{path}\" has an empty level (write levels as \"Parent > Child\")"
            ));
        } else {
            paths.push(labels);
        }
    }
    // A row whose only fault is having no answer yet is usable, with no answers: whether it
    // is left out or listed as waiting is the caller's choice.
    let only_unanswered = no_answer && reasons.len() == 1;
    match asked {
        Some(asked) if reasons.is_empty() || only_unanswered => RowResult::Usable(Row {
            place,
            id,
            question,
            answers,
            paths,
            topic,
            asked,
        }),
        _ => RowResult::Unusable {
            id: (!id.is_empty()).then_some(id),
            reasons,
        },
    }
}

enum AnswerResult {
    Answer(Answer),
    /// Every cell of the answer is empty.
    None,
    /// The answer's own cell is empty but its date or provenance is not (a reason says so).
    CellsWithoutBody,
}

/// Answer N of a row, its date and who wrote it, adding to `reasons` what is wrong.
fn read_answer(cells: AnswerCells, reasons: &mut Vec<String>) -> AnswerResult {
    let number = cells.number;
    let answer_column = field_name(Field::Answer(number));
    let filled = |text: &str| !text.trim().is_empty();
    if !filled(&cells.body) {
        let orphans: Vec<String> = [
            ("an ", Field::Answered(number), &cells.answered, " date"),
            ("an ", Field::Expert(number), &cells.expert, ""),
            ("", Field::Credentials(number), &cells.credentials, ""),
            ("a ", Field::Reviewed(number), &cells.reviewed, " date"),
        ]
        .into_iter()
        .filter(|(_, _, text, _)| filled(text))
        .map(|(article, field, _, kind)| format!("{article}\"{}\"{kind}", field_name(field)))
        .collect();
        if orphans.is_empty() {
            return AnswerResult::None;
        }
        reasons.push(format!(
            "has {} but no \"{answer_column}\"",
            orphans.join(" and ")
        ));
        return AnswerResult::CellsWithoutBody;
    }
    let mut date = |field: Field, text: &str| match text.trim() {
        "" => None,
        text => {
            let date = Date::parse(text);
            if date.is_none() {
                reasons.push(format!(
                    "the \"{}\" date \"{text}\" is not a date written as YYYY-MM-DD",
                    field_name(field)
                ));
            }
            date
        }
    };
    let answered = date(Field::Answered(number), &cells.answered);
    let reviewed = date(Field::Reviewed(number), &cells.reviewed);
    let credentials = Some(cells.credentials.trim().to_owned()).filter(|text| !text.is_empty());
    let expert = match cells.expert.trim() {
        "" => {
            if credentials.is_some() {
                reasons.push(format!(
                    "has \"{}\" but no \"{}\" to go with them",
                    field_name(Field::Credentials(number)),
                    field_name(Field::Expert(number))
                ));
            }
            None
        }
        name if tidy(name).is_empty() => {
            reasons.push(format!(
                "the \"{}\" cell \"{name}\" holds no name",
                field_name(Field::Expert(number))
            ));
            None
        }
        name => Some(Expert {
            name: name.to_owned(),
            credentials,
        }),
    };
    AnswerResult::Answer(Answer {
        body: cells.body,
        date: answered,
        expert,
        reviewed,
    })
}

/// Reads the CSV and builds the archive's text; `Err` for a file that cannot be imported at all.
pub fn import(bytes: &[u8], title: &str) -> Result<Imported, String> {
    let Rows { rows, rejected, .. } = read_rows(bytes, UnansweredRows::Reject)?;
    let mut tree = Tree::default();
    let leaves: Vec<Vec<usize>> = rows
        .iter()
        .map(|row| {
            let mut leaves: Vec<usize> = Vec::new();
            for path in &row.paths {
                let leaf = tree.leaf(path);
                if !leaves.contains(&leaf) {
                    leaves.push(leaf);
                }
            }
            leaves
        })
        .collect();
    let categories = CategoryTree::from_nested(tree.nested(&tree.roots))
        .map_err(|error| format!("the category tree built from it is wrong ({error}); {BUG}"))?;
    let questions = rows
        .into_iter()
        .zip(leaves)
        .map(|(row, leaves)| Question {
            id: row.id,
            text: row.question,
            answers: row.answers,
            categories: leaves
                .iter()
                .filter_map(|&leaf| categories.index_of(&tree.nodes[leaf].id))
                .collect(),
            asked: row.asked,
        })
        .collect();
    let archive = Archive {
        title: title.to_owned(),
        categories,
        questions,
        synonyms: Vec::new(),
        language: ask_expert_core::archive::DEFAULT_LANGUAGE.to_owned(),
        problems: Vec::new(),
    };
    let json = archive.to_json();

    // The app's own reader must accept every question, category and value as written.
    let checking = progress::status(
        "Checking the new archive",
        archive.questions.len() > THRESHOLD,
    );
    let parsed = Archive::parse(&json);
    drop(checking);
    match parsed {
        Ok(parsed)
            if parsed.problems.is_empty()
                && parsed.questions.len() == archive.questions.len()
                && parsed.categories.len() == tree.nodes.len() => {}
        Ok(parsed) => {
            let first = parsed
                .problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_else(|| "a count differs".into());
            return Err(format!(
                "the archive built from it does not load cleanly ({first}); {BUG}"
            ));
        }
        Err(error) => {
            return Err(format!(
                "the archive built from it does not load ({error}); {BUG}"
            ));
        }
    }
    Ok(Imported {
        json,
        questions: archive.questions.len(),
        categories: tree.nodes.len(),
        rejected,
    })
}

const BUG: &str = "this is a bug in the tool, please report it";

#[derive(Default)]
struct Tree {
    nodes: Vec<Node>,
    roots: Vec<usize>,
    ids: HashMap<String, usize>,
}

struct Node {
    id: String,
    label: String,
    /// The label as compared with others under the same parent.
    key: String,
    children: Vec<usize>,
}

impl Tree {
    /// The category at the end of `labels`, creating the levels that do not exist yet.
    fn leaf(&mut self, labels: &[String]) -> usize {
        let mut parent: Option<usize> = None;
        for label in labels {
            let key = label.to_lowercase();
            let siblings = match parent {
                Some(parent) => &self.nodes[parent].children,
                None => &self.roots,
            };
            let existing = siblings
                .iter()
                .copied()
                .find(|&index| self.nodes[index].key == key);
            let index = match existing {
                Some(index) => index,
                None => {
                    let id = self.unique_id(&slugify(label), parent);
                    let index = self.nodes.len();
                    self.ids.insert(id.clone(), index);
                    self.nodes.push(Node {
                        id,
                        label: label.clone(),
                        key,
                        children: Vec::new(),
                    });
                    match parent {
                        Some(parent) => self.nodes[parent].children.push(index),
                        None => self.roots.push(index),
                    }
                    index
                }
            };
            parent = Some(index);
        }
        parent.expect("category paths have at least one level")
    }

    /// The categories at `indices` and below, as the archive nests them.
    fn nested(&self, indices: &[usize]) -> Vec<NewCategory> {
        indices
            .iter()
            .map(|&index| {
                let node = &self.nodes[index];
                NewCategory {
                    id: node.id.clone(),
                    label: node.label.clone(),
                    children: self.nested(&node.children),
                }
            })
            .collect()
    }

    /// `slug`, or the parent's id and `slug`, or `slug-2`, `slug-3`…: ids are unique across the
    /// tree.
    fn unique_id(&self, slug: &str, parent: Option<usize>) -> String {
        if !self.ids.contains_key(slug) {
            return slug.to_owned();
        }
        if let Some(parent) = parent {
            let qualified = format!("{}-{slug}", self.nodes[parent].id);
            if !self.ids.contains_key(&qualified) {
                return qualified;
            }
        }
        (2..)
            .map(|number| format!("{slug}-{number}"))
            .find(|id| !self.ids.contains_key(id))
            .expect("some number is free")
    }
}

/// "Back / spine" → "back-spine", "Ménière's disease" → "menieres-disease": the label's
/// words as search folds them, so an id reads like the label a visitor searches for.
pub fn slugify(label: &str) -> String {
    let slug = ask_expert_core::search::words(label).join("-");
    if slug.is_empty() {
        "category".to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slugify("Back / spine"), "back-spine");
        assert_eq!(slugify("Ménière's disease"), "menieres-disease");
        assert_eq!(slugify("  Stress & anxiety!  "), "stress-anxiety");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("//"), "category");
        assert_eq!(slugify("Ωmega 3"), "ωmega-3");
        assert_eq!(slugify("Cafe\u{301}s / Œdème"), "cafes-oedeme");
    }

    #[test]
    fn matches_header_names_loosely() {
        assert!(column_field(" ID ") == Some(Field::Id));
        assert!(column_field("Answer_2") == Some(Field::Answer(2)));
        assert!(column_field("answered 1") == Some(Field::Answered(1)));
        assert!(column_field("Categories") == Some(Field::Categories));
        assert!(column_field("notes").is_none());
        assert!(column_field("answer 0").is_none());
        assert!(column_field("id2").is_none());
    }

    #[test]
    fn builds_a_tree_with_unique_ids() {
        let csv = "id,question,answer,categories,asked\n\
                   1,One?,Yes.,Joints > Pain; Back > Pain,2016-01-01\n\
                   2,Two?,No.,joints > pain,2016-01-02\n\
                   3,Three?,Maybe.,Pain,2016-01-03\n";
        let imported = import(csv.as_bytes(), "Test").unwrap();
        assert!(imported.rejected.is_empty());
        let archive = Archive::parse(&imported.json).unwrap();
        let ids: Vec<(&str, &str)> = archive
            .categories
            .iter()
            .map(|(_, c)| (c.id.as_str(), c.label.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                ("joints", "Joints"),
                ("pain", "Pain"),
                ("back", "Back"),
                ("back-pain", "Pain"),
                ("pain-2", "Pain")
            ]
        );
        let categories: Vec<Vec<usize>> = archive
            .questions
            .iter()
            .map(|q| q.categories.clone())
            .collect();
        assert_eq!(categories, [vec![1, 3], vec![1], vec![4]]);
        assert_eq!(archive.title, "Test");
    }

    #[test]
    fn reports_rows_it_cannot_use() {
        let csv = "ID,Question,Answer,Asked,Answered,Answer 2,Answered 2\n\
                   1,One?,Yes.,2016-01-01,,,\n\
                   ,No id?,Yes.,2016-01-01,,,\n\
                   3,,Yes.,2016-01-01,,,\n\
                   4,Four?,,2016-01-01,,,\n\
                   5,Five?,Yes.,12/01/2016,,,\n\
                   6,Six?,Yes.,2016-01-01,2016-02-30,,\n\
                   1,Again?,Yes.,2016-01-01,,,\n\
                   5,Five again?,Yes.,2016-01-01,,,\n\
                   7,Seven?,Yes.,2016-01-01,,,2016-01-05\n\
                   ,,,,,,\n";
        let imported = import(csv.as_bytes(), DEFAULT_TITLE).unwrap();
        let rejected: Vec<(usize, String)> = imported
            .rejected
            .iter()
            .map(|r| (r.place.row, r.reasons.join("; ")))
            .collect();
        assert_eq!(
            rejected,
            [
                (3, "has no id".to_owned()),
                (4, "has no question".to_owned()),
                (5, "has no answer".to_owned()),
                (
                    6,
                    "the \"asked\" date \"12/01/2016\" is not a date written as YYYY-MM-DD"
                        .to_owned(),
                ),
                (
                    7,
                    "the \"answered\" date \"2016-02-30\" is not a date written as YYYY-MM-DD"
                        .to_owned(),
                ),
                (8, "repeats the id \"1\" of row 2".to_owned()),
                (
                    9,
                    "repeats the id \"5\" of row 6 (left out too: fix that row or give this one \
                     another id)"
                        .to_owned(),
                ),
                (
                    10,
                    "has an \"answered 2\" date but no \"answer 2\"".to_owned()
                ),
            ]
        );
        assert_eq!(imported.questions, 1);
    }

    #[test]
    fn refuses_files_it_cannot_import() {
        let error = |csv: &str| import(csv.as_bytes(), DEFAULT_TITLE).err().unwrap();
        assert!(error("").contains("empty"));
        assert!(error("id,question,answer,asked\n").contains("no rows"));
        assert!(error("id,question,asked\n1,a,2016-01-01\n").contains("no \"answer\" column"));
        assert!(error("id;question;answer;asked\n").contains("separated by semicolons"));
        assert!(error("id,question,answer,asked,Question\n").contains("\"question\" twice"));
        assert!(error("id,question,answer,asked,answered 2\n").contains("no \"answer 2\" column"));
        assert!(
            import(b"\xff\xfei\0d\0", DEFAULT_TITLE)
                .err()
                .unwrap()
                .contains("UTF-16")
        );
    }

    #[test]
    fn reads_who_answered_and_when_it_was_reviewed() {
        let csv = "id,question,asked,answer,answered,expert,credentials,reviewed,topic,\
                   answer 2,Expert_2,Reviewed 2\n\
                   q1,One?,2016-01-01,Yes.,2016-01-02,Dr Ann Example,\"MSc, acupuncturist\",\
                   2024-02-29,allergies,Also yes.,Bo Li,\n\
                   q2,Two?,2016-01-01,No.,,,,,,,,\n";
        let imported = import(csv.as_bytes(), "Test").unwrap();
        assert_eq!(imported.rejected, []);
        let archive = Archive::parse(&imported.json).unwrap();
        assert_eq!(archive.problems, []);
        let first = &archive.questions[0].answers;
        assert_eq!(
            first[0].expert,
            Some(Expert {
                name: "Dr Ann Example".into(),
                credentials: Some("MSc, acupuncturist".into())
            })
        );
        assert_eq!(first[0].reviewed, Date::new(2024, 2, 29));
        assert_eq!(first[0].date, Date::new(2016, 1, 2));
        assert_eq!(
            first[1].expert,
            Some(Expert {
                name: "Bo Li".into(),
                credentials: None
            })
        );
        assert_eq!(first[1].reviewed, None);
        assert_eq!(archive.questions[1].answers, [Answer::new("No.", None)]);
        assert!(
            !imported.json.contains("allergies"),
            "a topic is only a hint"
        );
    }

    #[test]
    fn cells_guarded_against_formulas_are_read_as_written() {
        let csv = "id,question,answer,asked,expert\n\
                   '=1+1,'=HYPERLINK(\"x\"),'-2 is less than 'nothing',2020-01-01,'@me\n\
                   q2,'tis the season?,'+ plus,2020-01-01,\n";
        let imported = import(csv.as_bytes(), "Test").unwrap();
        assert_eq!(imported.rejected, []);
        let archive = Archive::parse(&imported.json).unwrap();
        let first = &archive.questions[0];
        assert_eq!(first.id, "=1+1");
        assert_eq!(first.text, "=HYPERLINK(\"x\")");
        assert_eq!(first.answers[0].body, "-2 is less than 'nothing'");
        assert_eq!(first.answers[0].expert.as_ref().unwrap().name, "@me");
        assert_eq!(archive.questions[1].text, "'tis the season?");
        assert_eq!(archive.questions[1].answers[0].body, "+ plus");
    }

    #[test]
    fn reports_provenance_it_cannot_use() {
        let csv = "id,question,answer,asked,expert,credentials,reviewed,answer 2,expert 2\n\
                   1,One?,Yes.,2016-01-01,,MSc,,,\n\
                   2,Two?,Yes.,2016-01-01,Ann,,29/02/2024,,\n\
                   3,Three?,Yes.,2016-01-01,Ann,,,,Bo Li\n\
                   4,Four?,,2016-01-01,Ann,MSc,2016-01-02,,\n\
                   5,Five?,Yes.,2016-01-01,. ,,,,\n";
        let imported = import(csv.as_bytes(), DEFAULT_TITLE).unwrap();
        let rejected: Vec<(usize, String)> = imported
            .rejected
            .iter()
            .map(|r| (r.place.row, r.reasons.join("; ")))
            .collect();
        assert_eq!(
            rejected,
            [
                (
                    2,
                    "has \"credentials\" but no \"expert\" to go with them".to_owned()
                ),
                (
                    3,
                    "the \"reviewed\" date \"29/02/2024\" is not a date written as YYYY-MM-DD"
                        .to_owned()
                ),
                (4, "has an \"expert 2\" but no \"answer 2\"".to_owned()),
                (
                    5,
                    "has an \"expert\" and \"credentials\" and a \"reviewed\" date but no \
                     \"answer\""
                        .to_owned()
                ),
                (6, "the \"expert\" cell \".\" holds no name".to_owned()),
            ]
        );
        let error = import(b"id,question,answer,asked,credentials 3\n", DEFAULT_TITLE)
            .err()
            .unwrap();
        assert!(
            error.contains("an \"credentials 3\" column but no \"answer 3\" column"),
            "{error}"
        );
    }

    /// What the receiver's export writes (every cell through `protect`) comes back as the
    /// visitor typed it, for formulas and for the hostile payloads the pages are tested with.
    #[test]
    fn every_protected_cell_reads_back_as_typed() {
        use ask_expert_core::spreadsheet::protect;
        let hostile: Vec<String> =
            serde_json::from_str(include_str!("../tests/fixtures/hostile-payloads.json")).unwrap();
        let formulas = [
            "=1+1",
            "+SUM(A1:A9)",
            "-2+3",
            "@SUM(A1)",
            "\tindented",
            "\rreturn",
            "'quoted",
            "''=twice",
            "=HYPERLINK(\"http://example.invalid\",\"click\")",
            "=cmd|' /C calc'!A0",
        ];
        let payloads: Vec<&str> = formulas
            .into_iter()
            .chain(hostile.iter().map(String::as_str))
            .filter(|payload| !tidy(payload).is_empty())
            .collect();
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer
            .write_record(["id", "question", "asked", "answer", "expert"].map(protect))
            .unwrap();
        for (number, payload) in payloads.iter().enumerate() {
            let id = format!("{payload}-{number}");
            writer
                .write_record([id.as_str(), payload, "2025-05-01", payload, payload].map(protect))
                .unwrap();
        }
        let csv = writer.into_inner().unwrap();
        let imported = import(&csv, "Test").unwrap();
        assert_eq!(imported.rejected, []);
        let archive = Archive::parse(&imported.json).unwrap();
        assert_eq!(archive.questions.len(), payloads.len());
        for (question, payload) in archive.questions.iter().zip(&payloads) {
            let line_breaks = payload.replace("\r\n", "\n").replace('\r', "\n");
            assert!(question.id.starts_with(payload.trim()), "{payload:?}");
            assert_eq!(question.text, tidy(payload), "{payload:?}");
            assert_eq!(question.answers[0].body, line_breaks, "{payload:?}");
            let expert = question.answers[0].expert.as_ref().unwrap();
            assert_eq!(expert.name, tidy(payload), "{payload:?}");
        }
    }
}

//! `import csv`: builds an archive from a spreadsheet or CMS export, one question a row.
//!
//! Rows that cannot become a question the app shows are reported and left out; what is
//! written is checked with `Archive::parse`, the app's own reader, and must load with no
//! problem at all.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use ask_expert_core::archive::{Archive, DEFAULT_TITLE, SCHEMA_ID};
use ask_expert_core::date::Date;
use ask_expert_core::text::tidy;

use crate::output::{self, count, json_string};
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
            rejected.place(),
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

/// A row left out, and why.
#[derive(Debug, PartialEq)]
pub struct Rejected {
    /// The row's number in the CSV, counting the header row as row 1.
    pub row: usize,
    /// The line of the file the row starts on, when cells with line breaks make it differ.
    pub line: Option<u64>,
    pub reasons: Vec<String>,
}

impl Rejected {
    fn place(&self) -> String {
        match self.line {
            Some(line) if line != self.row as u64 => format!("row {} (line {line})", self.row),
            _ => format!("row {}", self.row),
        }
    }
}

/// Where each column of interest is in the header row.
struct Columns {
    id: usize,
    question: usize,
    categories: Option<usize>,
    asked: usize,
    /// For answers 1, 2, 3…: the `answer N` and `answered N` columns, in order of N.
    answers: Vec<(usize, usize, Option<usize>)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Field {
    Id,
    Question,
    Categories,
    Asked,
    Answer(usize),
    Answered(usize),
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
        ("asked", None) => Some(Field::Asked),
        ("answer", number) => Some(Field::Answer(number.unwrap_or(1))),
        ("answered", number) => Some(Field::Answered(number.unwrap_or(1))),
        _ => None,
    }
}

fn field_name(field: Field) -> String {
    match field {
        Field::Id => "id".into(),
        Field::Question => "question".into(),
        Field::Categories => "categories".into(),
        Field::Asked => "asked".into(),
        Field::Answer(1) => "answer".into(),
        Field::Answer(number) => format!("answer {number}"),
        Field::Answered(1) => "answered".into(),
        Field::Answered(number) => format!("answered {number}"),
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
            .filter_map(|(field, _)| match field {
                Field::Answer(number) | Field::Answered(number) => Some(*number),
                _ => None,
            })
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        let mut answers = Vec::new();
        for number in numbers {
            let Some(answer) = at(Field::Answer(number)) else {
                return Err(format!(
                    "the header row has an \"{}\" column but no \"{}\" column",
                    field_name(Field::Answered(number)),
                    field_name(Field::Answer(number))
                ));
            };
            answers.push((number, answer, at(Field::Answered(number))));
        }
        Ok(Columns {
            id: at(Field::Id).unwrap_or_default(),
            question: at(Field::Question).unwrap_or_default(),
            categories: at(Field::Categories),
            asked: at(Field::Asked).unwrap_or_default(),
            answers,
        })
    }
}

/// One usable row.
struct Row {
    id: String,
    question: String,
    answers: Vec<(String, Option<Date>)>,
    /// Category paths, each a list of labels from the root.
    paths: Vec<Vec<String>>,
    asked: Date,
}

/// Reads the CSV and builds the archive's text; `Err` for a file that cannot be imported at all.
pub fn import(bytes: &[u8], title: &str) -> Result<Imported, String> {
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
    let header: Vec<String> =
        match header
            .iter()
            .map(|cell| std::str::from_utf8(cell).map(str::to_owned))
            .collect()
        {
            Ok(header) => header,
            Err(_) => return Err(
                "the header row is not UTF-8 text; save the file as \"CSV UTF-8\" and import that"
                    .into(),
            ),
        };
    let columns = Columns::find(&header)?;
    let records: Vec<csv::ByteRecord> = records.collect();
    if records.is_empty() {
        return Err("the file has a header row but no rows of questions".into());
    }

    let mut rows = Vec::with_capacity(records.len());
    let mut rejected = Vec::new();
    // The first row with each id, and whether it was used.
    let mut first_row_of_id: HashMap<String, (usize, bool)> = HashMap::with_capacity(records.len());
    let progress = progress::bar("Reading rows", records.len());
    for (index, record) in records.iter().enumerate() {
        progress.set_position(index as u64);
        let row_number = index + 2;
        match read_row(record, &header, &columns) {
            RowResult::Blank => {}
            RowResult::Usable(row) => match first_row_of_id.get(&row.id) {
                Some(&(first, used)) => rejected.push(Rejected {
                    row: row_number,
                    line: record.position().map(csv::Position::line),
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
                None => {
                    first_row_of_id.insert(row.id.clone(), (row_number, true));
                    rows.push(row);
                }
            },
            RowResult::Unusable { id, reasons } => {
                if let Some(id) = id {
                    first_row_of_id.entry(id).or_insert((row_number, false));
                }
                rejected.push(Rejected {
                    row: row_number,
                    line: record.position().map(csv::Position::line),
                    reasons,
                });
            }
        }
    }
    drop(progress);

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
    let json = write_archive(title, &tree, &rows, &leaves);

    // The app's own reader must accept every question, category and value as written.
    let checking = progress::status("Checking the new archive", rows.len() > THRESHOLD);
    let parsed = Archive::parse(&json);
    drop(checking);
    match parsed {
        Ok(archive)
            if archive.problems.is_empty()
                && archive.questions.len() == rows.len()
                && archive.categories.len() == tree.nodes.len() => {}
        Ok(archive) => {
            let first = archive
                .problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_else(|| "a count differs".into());
            return Err(format!(
                "the archive built from it does not load cleanly ({first}); this is a bug in the \
                 tool, please report it"
            ));
        }
        Err(error) => {
            return Err(format!(
                "the archive built from it does not load ({error}); this is a bug in the tool, \
                 please report it"
            ));
        }
    }
    Ok(Imported {
        json,
        questions: rows.len(),
        categories: tree.nodes.len(),
        rejected,
    })
}

enum RowResult {
    Blank,
    Usable(Row),
    Unusable {
        id: Option<String>,
        reasons: Vec<String>,
    },
}

fn read_row(record: &csv::ByteRecord, header: &[String], columns: &Columns) -> RowResult {
    let raw = |index: usize| record.get(index).unwrap_or_default();
    if record
        .iter()
        .all(|cell| cell.iter().all(u8::is_ascii_whitespace))
    {
        return RowResult::Blank;
    }
    let mut reasons = Vec::new();
    let mut cell = |index: usize| -> String {
        match std::str::from_utf8(raw(index)) {
            Ok(text) => text.replace("\r\n", "\n").replace('\r', "\n"),
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
    let answer_cells: Vec<(usize, String, String)> = columns
        .answers
        .iter()
        .map(|&(number, answer, answered)| {
            (
                number,
                cell(answer),
                answered.map(&mut cell).unwrap_or_default(),
            )
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
    for (number, body, date) in answer_cells {
        let (answer_column, answered_column) = (
            field_name(Field::Answer(number)),
            field_name(Field::Answered(number)),
        );
        let date = date.trim();
        if body.trim().is_empty() {
            if !date.is_empty() {
                reasons.push(format!(
                    "has an \"{answered_column}\" date but no \"{answer_column}\""
                ));
            }
            continue;
        }
        let date = match date {
            "" => None,
            text => match Date::parse(text) {
                Some(date) => Some(date),
                None => {
                    reasons.push(format!(
                        "the \"{answered_column}\" date \"{text}\" is not a date written as \
                         YYYY-MM-DD"
                    ));
                    None
                }
            },
        };
        answers.push((body, date));
    }
    if answers.is_empty() && !reasons.iter().any(|reason| reason.contains("date but no")) {
        reasons.push("has no answer".into());
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
    match asked {
        Some(asked) if reasons.is_empty() => RowResult::Usable(Row {
            id,
            question,
            answers,
            paths,
            asked,
        }),
        _ => RowResult::Unusable {
            id: (!id.is_empty()).then_some(id),
            reasons,
        },
    }
}

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

fn write_archive(title: &str, tree: &Tree, rows: &[Row], leaves: &[Vec<usize>]) -> String {
    let mut out = String::with_capacity(
        rows.iter()
            .map(|row| {
                row.question.len() + row.answers.iter().map(|a| a.0.len()).sum::<usize>() + 200
            })
            .sum(),
    );
    let _ = writeln!(
        out,
        "{{\n  \"schema\": {},\n  \"title\": {},",
        json_string(SCHEMA_ID),
        json_string(title)
    );
    out.push_str("  \"categories\": [");
    write_categories(&mut out, tree, &tree.roots, 2);
    out.push_str("],\n  \"questions\": [");
    for (index, (row, leaves)) in rows.iter().zip(leaves).enumerate() {
        out.push_str(if index == 0 { "\n" } else { ",\n" });
        let _ = writeln!(
            out,
            "    {{\n      \"id\": {},\n      \"question\": {},\n      \"answers\": [",
            json_string(&row.id),
            json_string(&row.question)
        );
        for (position, (body, date)) in row.answers.iter().enumerate() {
            let _ = write!(out, "        {{\"body\": {}", json_string(body));
            if let Some(date) = date {
                let _ = write!(out, ", \"date\": \"{date}\"");
            }
            out.push_str(if position + 1 < row.answers.len() {
                "},\n"
            } else {
                "}\n"
            });
        }
        let ids: Vec<String> = leaves
            .iter()
            .map(|&leaf| json_string(&tree.nodes[leaf].id))
            .collect();
        let _ = write!(
            out,
            "      ],\n      \"categories\": [{}],\n      \"asked\": \"{}\"\n    }}",
            ids.join(", "),
            row.asked
        );
    }
    out.push_str(if rows.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    out
}

fn write_categories(out: &mut String, tree: &Tree, indices: &[usize], depth: usize) {
    let indent = "  ".repeat(depth);
    for (position, &index) in indices.iter().enumerate() {
        let node = &tree.nodes[index];
        let _ = write!(
            out,
            "\n{indent}{{\"id\": {}, \"label\": {}",
            json_string(&node.id),
            json_string(&node.label)
        );
        if !node.children.is_empty() {
            out.push_str(", \"children\": [");
            write_categories(out, tree, &node.children, depth + 1);
            out.push(']');
        }
        out.push('}');
        if position + 1 < indices.len() {
            out.push(',');
        }
    }
    if !indices.is_empty() {
        let _ = write!(out, "\n{}", "  ".repeat(depth - 1));
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
            .map(|r| (r.row, r.reasons.join("; ")))
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
}

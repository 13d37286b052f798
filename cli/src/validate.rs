//! `validate`: what the app would skip or ignore in an archive, exactly as
//! `Archive::parse` reports it, then warnings about things that load but look like mistakes.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use ask_expert_core::archive::{Answer, Archive, ArchiveError, Consequence, Location, Problem};
use ask_expert_core::date::Date;
use ask_expert_core::markup;
use ask_expert_core::wording;
use serde_json::value::RawValue;
use serde_json::{Value, json};

use crate::output::{self, count, excerpt};
use crate::progress;
use crate::{EXIT_FATAL, EXIT_OK, EXIT_PROBLEMS, clock, files};

/// An answer that shows fewer characters of text than this looks empty.
pub const SHORT_ANSWER_CHARS: usize = 20;
/// Files larger than this show a note on stderr while they are parsed.
pub const LARGE_FILE_BYTES: usize = 4 << 20;

/// An archive file as read from disk.
pub struct Source {
    pub bytes: Vec<u8>,
}

impl Source {
    pub fn read(path: &Path) -> Result<Source, String> {
        files::read(path).map(|bytes| Source { bytes })
    }

    /// The text as a browser decodes it: UTF-8, with any invalid bytes shown as "�".
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }

    /// How many invalid UTF-8 sequences the file holds, and the byte offset of the first.
    pub fn invalid_utf8(&self) -> Option<(usize, usize)> {
        let mut found: Option<(usize, usize)> = None;
        let mut offset = 0;
        for chunk in self.bytes.utf8_chunks() {
            offset += chunk.valid().len();
            if !chunk.invalid().is_empty() {
                found = Some(match found {
                    None => (1, offset),
                    Some((count, first)) => (count + 1, first),
                });
            }
            offset += chunk.invalid().len();
        }
        found
    }

    pub fn parse(&self, path: &Path) -> Result<Archive, ArchiveError> {
        let _status = progress::status(
            &format!("Reading {}", path.display()),
            self.bytes.len() > LARGE_FILE_BYTES,
        );
        Archive::parse(&self.text())
    }
}

pub fn run(path: &Path, json: bool) -> u8 {
    let report = check(path);
    if json {
        output::stdout(&format!("{:#}\n", report.to_json()));
    } else {
        match &report.verdict {
            Verdict::Loaded(_) => output::stdout(&report.to_text()),
            _ => output::stderr(&report.to_text()),
        }
    }
    report.exit_code()
}

pub struct Report {
    pub file: String,
    pub verdict: Verdict,
}

pub enum Verdict {
    Unreadable(String),
    NotLoadable {
        error: ArchiveError,
        excerpt: Option<String>,
    },
    Loaded(Checked),
}

pub struct Checked {
    pub in_file: usize,
    pub loaded: usize,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub kind: WarningKind,
    /// `None` for the file as a whole.
    pub location: Option<Location>,
    /// The answer's position in the question's `answers` list in the file, counting from 1.
    pub answer: Option<usize>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WarningKind {
    NotUtf8,
    ShortAnswer,
    FutureDate,
    AnswerBeforeQuestion,
    ReviewBeforeAnswer,
    RepeatedQuestion,
    RefusedLink,
    EmptyCategory,
}

impl WarningKind {
    fn heading(self) -> &'static str {
        match self {
            WarningKind::NotUtf8 => "Text that is not UTF-8",
            WarningKind::ShortAnswer => "Answers that look empty",
            WarningKind::FutureDate => "Dates in the future",
            WarningKind::AnswerBeforeQuestion => "Answers dated before the question",
            WarningKind::ReviewBeforeAnswer => "Reviews dated before the answer",
            WarningKind::RepeatedQuestion => "Questions asked twice",
            WarningKind::RefusedLink => "Links the app shows as plain text",
            WarningKind::EmptyCategory => "Categories with no questions",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            WarningKind::NotUtf8 => "not_utf8",
            WarningKind::ShortAnswer => "short_answer",
            WarningKind::FutureDate => "future_date",
            WarningKind::AnswerBeforeQuestion => "answer_before_question",
            WarningKind::ReviewBeforeAnswer => "review_before_answer",
            WarningKind::RepeatedQuestion => "repeated_question",
            WarningKind::RefusedLink => "refused_link",
            WarningKind::EmptyCategory => "empty_category",
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.location {
            Some(location) => write!(f, "{location}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

const PROBLEM_GROUPS: [(Consequence, &str, &str); 3] = [
    (
        Consequence::QuestionSkipped,
        "Skipped questions",
        "question_skipped",
    ),
    (Consequence::ValueDropped, "Ignored values", "value_ignored"),
    (
        Consequence::CategorySkipped,
        "Skipped categories",
        "category_skipped",
    ),
];

fn consequence_key(consequence: Consequence) -> &'static str {
    PROBLEM_GROUPS
        .iter()
        .find(|(kind, ..)| *kind == consequence)
        .map_or("", |(_, _, key)| key)
}

pub fn check(path: &Path) -> Report {
    match Source::read(path) {
        Ok(source) => check_source(path, &source),
        Err(message) => Report {
            file: path.display().to_string(),
            verdict: Verdict::Unreadable(message),
        },
    }
}

/// The report on `source`, the text of the archive at (or meant for) `path`.
pub fn check_source(path: &Path, source: &Source) -> Report {
    let file = path.display().to_string();
    let text = source.text();
    let archive = match source.parse(path) {
        Ok(archive) => archive,
        Err(error) => {
            let excerpt = match &error {
                ArchiveError::NotJson { line, column, .. } => source_excerpt(&text, *line, *column),
                _ => None,
            };
            return Report {
                file,
                verdict: Verdict::NotLoadable { error, excerpt },
            };
        }
    };
    let mut warnings = Vec::new();
    if let Some((sequences, first)) = source.invalid_utf8() {
        warnings.push(Warning {
            kind: WarningKind::NotUtf8,
            location: None,
            answer: None,
            message: format!(
                "the file is not all UTF-8 text: {} (the first at byte {first}) will show as \
                 \"\u{fffd}\"; save the file as UTF-8",
                count(sequences, "invalid byte sequence", "invalid byte sequences"),
            ),
        });
    }
    warnings.extend(archive_warnings(&archive, &text, clock::today()));
    let skipped = archive.skipped_questions();
    let checked = Checked {
        in_file: archive.questions.len() + skipped,
        loaded: archive.questions.len(),
        problems: archive.problems,
        warnings,
    };
    Report {
        file,
        verdict: Verdict::Loaded(checked),
    }
}

/// Each kept question's position in the file's `questions` list, counting from 1: every
/// question in the file is either kept, in order, or skipped with exactly one problem.
pub fn question_numbers(archive: &Archive) -> Vec<Option<usize>> {
    let skipped: BTreeSet<usize> = archive
        .problems
        .iter()
        .filter(|problem| problem.consequence == Consequence::QuestionSkipped)
        .filter_map(|problem| match problem.location {
            Location::Question { number, .. } => Some(number),
            _ => None,
        })
        .collect();
    if skipped.len() != archive.skipped_questions() {
        return vec![None; archive.questions.len()];
    }
    (1..)
        .filter(|number| !skipped.contains(number))
        .take(archive.questions.len())
        .map(Some)
        .collect()
}

/// The raw `questions` list of a file that `Archive::parse` accepted.
fn raw_questions(source: &str) -> Vec<&RawValue> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let fields: BTreeMap<String, &RawValue> = serde_json::from_str(source).unwrap_or_default();
    fields
        .get("questions")
        .and_then(|raw| serde_json::from_str(raw.get()).ok())
        .unwrap_or_default()
}

/// Where each kept answer sits in the question's `answers` list in the file (from 1): the
/// parser drops answers without a body, so later ones move up.
fn answer_positions(raw: Option<&RawValue>, kept: &[Answer]) -> Vec<usize> {
    let identity = || (1..=kept.len()).collect();
    let Some(Ok(Value::Object(fields))) = raw.map(|raw| serde_json::from_str::<Value>(raw.get()))
    else {
        return identity();
    };
    let Some(Value::Array(entries)) = fields.get("answers") else {
        return identity();
    };
    if entries.len() == kept.len() {
        return identity();
    }
    let mut positions = Vec::with_capacity(kept.len());
    let mut next = 0;
    for answer in kept {
        while next < entries.len() {
            next += 1;
            if entries[next - 1].get("body").and_then(Value::as_str) == Some(answer.body.as_str()) {
                positions.push(next);
                break;
            }
        }
    }
    if positions.len() == kept.len() {
        positions
    } else {
        identity()
    }
}

/// Things the app shows, but that are probably not what the archive's editors meant.
pub fn archive_warnings(archive: &Archive, source: &str, today: Option<Date>) -> Vec<Warning> {
    let numbers = question_numbers(archive);
    let raw = raw_questions(source);
    let mut warnings = Vec::new();
    let mut first_asked: HashMap<String, (Option<usize>, &str)> =
        HashMap::with_capacity(archive.questions.len());
    let progress = progress::bar("Checking questions", archive.questions.len());
    for (index, question) in archive.questions.iter().enumerate() {
        progress.set_position(index as u64);
        let number = numbers[index];
        let at = |field: &'static str| Location::Question {
            number: number.unwrap_or(index + 1),
            id: Some(question.id.clone()),
            field: Some(field),
        };
        let mut warn = |kind, field, answer, message| {
            warnings.push(Warning {
                kind,
                location: Some(at(field)),
                answer,
                message,
            })
        };

        if let Some(today) = today.filter(|today| question.asked > *today) {
            warn(
                WarningKind::FutureDate,
                "asked",
                None,
                format!("is {}, after today ({today})", question.asked),
            );
        }
        match first_asked.get(&question.text.to_lowercase()) {
            Some((first_number, first_id)) => warn(
                WarningKind::RepeatedQuestion,
                "question",
                None,
                format!(
                    "has the same text as question {} ({first_id})",
                    first_number.map_or("?".into(), |n| n.to_string())
                ),
            ),
            None => {
                first_asked.insert(question.text.to_lowercase(), (number, &question.id));
            }
        }
        let positions = answer_positions(
            number.and_then(|number| raw.get(number - 1).copied()),
            &question.answers,
        );
        for (answer, &position) in question.answers.iter().zip(&positions) {
            let shown = markup::plain_text(&answer.blocks());
            let length = shown.trim().chars().count();
            if length < SHORT_ANSWER_CHARS {
                let message = match length {
                    0 => format!("answer {position} shows no text at all"),
                    _ => format!(
                        "answer {position} shows only {}: \"{}\"",
                        count(length, "character", "characters"),
                        excerpt(&shown, 40)
                    ),
                };
                warn(WarningKind::ShortAnswer, "answers", Some(position), message);
            }
            if let Some(date) = answer.date {
                if let Some(today) = today.filter(|today| date > *today) {
                    warn(
                        WarningKind::FutureDate,
                        "answers",
                        Some(position),
                        format!("answer {position} is dated {date}, after today ({today})"),
                    );
                }
                if date < question.asked {
                    warn(
                        WarningKind::AnswerBeforeQuestion,
                        "answers",
                        Some(position),
                        format!(
                            "answer {position} is dated {date}, before the question was asked ({})",
                            question.asked
                        ),
                    );
                }
            }
            if let Some(reviewed) = answer.reviewed {
                if let Some(today) = today.filter(|today| reviewed > *today) {
                    warn(
                        WarningKind::FutureDate,
                        "answers",
                        Some(position),
                        format!("answer {position} was reviewed {reviewed}, after today ({today})"),
                    );
                }
                if let Some(date) = answer.date.filter(|date| reviewed < *date) {
                    warn(
                        WarningKind::ReviewBeforeAnswer,
                        "answers",
                        Some(position),
                        format!(
                            "answer {position} was reviewed {reviewed}, before it was written \
                             ({date})"
                        ),
                    );
                }
            }
            for target in markup::refused_link_targets(&answer.body) {
                let target = if target.trim().is_empty() {
                    "nothing".to_owned()
                } else {
                    format!("\"{}\"", excerpt(&target, 60))
                };
                warn(
                    WarningKind::RefusedLink,
                    "answers",
                    Some(position),
                    format!(
                        "answer {position} links to {target}, so the app shows only the link's \
                         text (links must start with http://, https:// or mailto:)"
                    ),
                );
            }
        }
    }
    drop(progress);
    warnings.extend(empty_categories(archive));
    warnings
}

/// The highest categories whose whole subtree holds no question.
fn empty_categories(archive: &Archive) -> Vec<Warning> {
    let tree = &archive.categories;
    let mut used = vec![false; tree.len()];
    for question in &archive.questions {
        for &category in &question.categories {
            for ancestor in tree.path(category) {
                used[ancestor] = true;
            }
        }
    }
    tree.iter()
        .filter(|(index, category)| {
            !used[*index] && category.parent.is_none_or(|parent| used[parent])
        })
        .map(|(index, category)| {
            let below = category.subtree_end - index - 1;
            let message = match below {
                0 => format!("\"{}\" has no questions", category.label),
                _ => format!(
                    "\"{}\" has no questions, nor {} below it",
                    category.label,
                    count(below, "category", "categories")
                ),
            };
            Warning {
                kind: WarningKind::EmptyCategory,
                location: Some(Location::Category(category_path(archive, index))),
                answer: None,
                message,
            }
        })
        .collect()
}

/// "/muscles-and-bones/back-spine", as the parser names categories in its problems.
pub fn category_path(archive: &Archive, index: usize) -> String {
    archive
        .categories
        .path(index)
        .iter()
        .map(|&step| format!("/{}", archive.categories.get(step).id))
        .collect()
}

/// The line of the file where JSON parsing stopped, with a caret under the column.
fn source_excerpt(source: &str, line: usize, column: usize) -> Option<String> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let text = source
        .split('\n')
        .nth(line.checked_sub(1)?)?
        .trim_end_matches('\r');
    let column = column.saturating_sub(1).min(text.len());
    let mut start = column.saturating_sub(50);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (column + 30).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut column_start = column;
    while !text.is_char_boundary(column_start) {
        column_start -= 1;
    }
    let clean = |part: &str| {
        part.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
    };
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < text.len() { "…" } else { "" };
    let shown = format!("{lead}{}{tail}", clean(&text[start..end]));
    let caret = lead.chars().count() + text[start..column_start].chars().count();
    let gutter = line.to_string();
    Some(format!(
        "  {gutter} | {shown}\n  {} | {}^\n",
        " ".repeat(gutter.len()),
        " ".repeat(caret)
    ))
}

impl Report {
    pub fn exit_code(&self) -> u8 {
        match &self.verdict {
            Verdict::Unreadable(_) | Verdict::NotLoadable { .. } => EXIT_FATAL,
            Verdict::Loaded(checked) if checked.problems.is_empty() => EXIT_OK,
            Verdict::Loaded(_) => EXIT_PROBLEMS,
        }
    }

    pub fn to_text(&self) -> String {
        let checked = match &self.verdict {
            Verdict::Unreadable(message) => return format!("error: {message}\n"),
            Verdict::NotLoadable { error, excerpt } => {
                return format!(
                    "error: {}: {error}\nThe app cannot show this file at all.\n{}",
                    self.file,
                    excerpt.as_deref().unwrap_or_default()
                );
            }
            Verdict::Loaded(checked) => checked,
        };
        let mut out = String::new();
        if !checked.problems.is_empty() {
            out.push_str(&format!(
                "{}: the app would skip or ignore these\n\n",
                self.file
            ));
        }
        for (consequence, heading, _) in PROBLEM_GROUPS {
            let group: Vec<&Problem> = checked
                .problems
                .iter()
                .filter(|problem| problem.consequence == consequence)
                .collect();
            if group.is_empty() {
                continue;
            }
            out.push_str(&format!("{heading} ({})\n", group.len()));
            for problem in group {
                out.push_str(&format!("  {}: {}\n", problem.location, problem.message));
            }
            out.push('\n');
        }
        if !checked.warnings.is_empty() {
            out.push_str("Warnings: the app shows these, but they look like mistakes\n\n");
            let kinds: BTreeSet<WarningKind> = checked
                .warnings
                .iter()
                .map(|warning| warning.kind)
                .collect();
            for kind in kinds {
                let group: Vec<&Warning> = checked
                    .warnings
                    .iter()
                    .filter(|warning| warning.kind == kind)
                    .collect();
                out.push_str(&format!("{} ({})\n", kind.heading(), group.len()));
                for warning in group {
                    out.push_str(&format!("  {warning}\n"));
                }
                out.push('\n');
            }
        }
        if checked.problems.is_empty() && checked.warnings.is_empty() {
            out.push_str(&format!("{}: no problems found.\n", self.file));
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// "86 questions, 0 skipped, 2 warnings".
    pub fn summary(&self) -> String {
        let Verdict::Loaded(checked) = &self.verdict else {
            return "the file could not be loaded".into();
        };
        let of = |consequence| {
            checked
                .problems
                .iter()
                .filter(|problem| problem.consequence == consequence)
                .count()
        };
        let mut parts = vec![
            wording::question_count(checked.in_file),
            format!("{} skipped", checked.in_file - checked.loaded),
        ];
        let ignored = of(Consequence::ValueDropped);
        if ignored > 0 {
            parts.push(count(ignored, "value ignored", "values ignored"));
        }
        let categories = of(Consequence::CategorySkipped);
        if categories > 0 {
            parts.push(count(categories, "category skipped", "categories skipped"));
        }
        parts.push(count(checked.warnings.len(), "warning", "warnings"));
        parts.join(", ")
    }

    pub fn to_json(&self) -> Value {
        let exit_code = self.exit_code();
        let error = |kind: &str, message: String, line: Option<usize>, column: Option<usize>| {
            json!({
                "file": self.file,
                "exit_code": exit_code,
                "loaded": false,
                "error": {"kind": kind, "message": message, "line": line, "column": column},
                "summary": self.summary(),
            })
        };
        let checked = match &self.verdict {
            Verdict::Unreadable(message) => {
                return error("unreadable", message.clone(), None, None);
            }
            Verdict::NotLoadable {
                error: archive_error,
                ..
            } => {
                let (kind, line, column) = match archive_error {
                    ArchiveError::Empty => ("empty", None, None),
                    ArchiveError::NotJson { line, column, .. } => {
                        ("not_json", Some(*line), Some(*column))
                    }
                    ArchiveError::WrongSchema(_) => ("wrong_schema", None, None),
                };
                return error(kind, archive_error.to_string(), line, column);
            }
            Verdict::Loaded(checked) => checked,
        };
        let of = |consequence| {
            checked
                .problems
                .iter()
                .filter(|problem| problem.consequence == consequence)
                .count()
        };
        json!({
            "file": self.file,
            "exit_code": exit_code,
            "loaded": true,
            "error": null,
            "questions": {
                "in_file": checked.in_file,
                "loaded": checked.loaded,
                "skipped": checked.in_file - checked.loaded,
            },
            "values_ignored": of(Consequence::ValueDropped),
            "categories_skipped": of(Consequence::CategorySkipped),
            "problems": checked.problems.iter().map(|problem| json!({
                "consequence": consequence_key(problem.consequence),
                "location": location_json(Some(&problem.location), None),
                "message": problem.message,
                "text": format!("{}: {}", problem.location, problem.message),
            })).collect::<Vec<_>>(),
            "warnings": checked.warnings.iter().map(|warning| json!({
                "kind": warning.kind.key(),
                "location": location_json(warning.location.as_ref(), warning.answer),
                "message": warning.message,
                "text": warning.to_string(),
            })).collect::<Vec<_>>(),
            "summary": self.summary(),
        })
    }
}

fn location_json(location: Option<&Location>, answer: Option<usize>) -> Value {
    match location {
        None => json!({"kind": "file"}),
        Some(Location::Field(field)) => json!({"kind": "field", "field": field}),
        Some(Location::Category(path)) => json!({"kind": "category", "path": path}),
        Some(Location::Question { number, id, field }) => {
            let mut value = json!({"kind": "question", "number": number, "id": id, "field": field});
            if let Some(answer) = answer {
                value["answer"] = json!(answer);
            }
            value
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(warnings: &[Warning]) -> Vec<WarningKind> {
        warnings.iter().map(|warning| warning.kind).collect()
    }

    #[test]
    fn warns_about_what_loads_but_looks_wrong() {
        let source = concat!(
            r#"{"schema": "ask-expert-archive/1",
            "categories": [{"id": "a", "label": "A", "children": [{"id": "a1", "label": "A one"}]},
                           {"id": "b", "label": "B", "children": "#,
            r#"[{"id": "b1", "label": "B one"}, {"id": "b2", "label": "B two"}]}],
            "questions": [
              {"id": "1", "question": "Is it safe?", "answers": [{"body": "Yes."}], "#,
            r#""asked": "2016-01-01", "categories": ["a1"]},
              {"id": "2", "question": "Broken", "answers": [], "asked": "2016-01-01"},
              {"id": "3", "question": "  is IT safe? ", "answers": [{"body": "No body", "#,
            r#""date": "x"}, {"body": "A long enough answer [here](javascript:alert(1))", "#,
            r#""date": "2015-12-31"}], "asked": "2016-01-01"},
              {"id": "4", "question": "Later", "answers": [{"date": "2016-02-02"}, "#,
            r#"{"body": "A long enough answer, dated later.", "date": "2099-01-01"}], "#,
            r#""asked": "2098-01-01"}
            ]}"#
        );
        let archive = Archive::parse(source).unwrap();
        assert_eq!(question_numbers(&archive), [Some(1), Some(3), Some(4)]);
        let warnings = archive_warnings(&archive, source, Date::new(2026, 1, 1));
        let texts: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            kinds(&warnings),
            [
                WarningKind::ShortAnswer,
                WarningKind::RepeatedQuestion,
                WarningKind::ShortAnswer,
                WarningKind::AnswerBeforeQuestion,
                WarningKind::RefusedLink,
                WarningKind::FutureDate,
                WarningKind::FutureDate,
                WarningKind::EmptyCategory,
            ],
            "{texts:#?}"
        );
        assert_eq!(
            texts[0],
            "question 1 (1), field \"answers\": answer 1 shows only 4 characters: \"Yes.\""
        );
        assert_eq!(
            texts[1],
            "question 3 (3), field \"question\": has the same text as question 1 (1)"
        );
        assert!(
            texts[4].starts_with(
                "question 3 (3), field \"answers\": answer 2 links to \"javascript:alert(1)\""
            ),
            "{}",
            texts[4]
        );
        // The first answer of question 4 has no body, so the kept one is the file's answer 2.
        assert_eq!(
            texts[6],
            "question 4 (4), field \"answers\": answer 2 is dated 2099-01-01, after today \
             (2026-01-01)"
        );
        assert_eq!(warnings[6].answer, Some(2));
        assert_eq!(
            texts[7],
            "category /b: \"B\" has no questions, nor 2 categories below it"
        );
    }

    #[test]
    fn shows_where_json_broke() {
        let excerpt = source_excerpt("{\n  \"a\": tru,\n}", 2, 11).unwrap();
        assert_eq!(excerpt, "  2 |   \"a\": tru,\n    |           ^\n");
        assert_eq!(source_excerpt("{}", 9, 1), None);
    }

    #[test]
    fn warns_about_review_dates_before_the_answer_or_after_today() {
        let source = r#"{"schema": "ask-expert-archive/1", "questions": [
            {"id": "1", "question": "Early review?", "asked": "2016-01-01", "answers": [
              {"body": "A long enough answer to pass.", "date": "2016-03-01",
               "reviewed": "2016-02-01"}]},
            {"id": "2", "question": "Future review?", "asked": "2016-01-01", "answers": [
              {"body": "A long enough answer to pass."},
              {"body": "Another long enough answer.", "date": "2016-03-01",
               "reviewed": "2099-01-01"}]},
            {"id": "3", "question": "Fine?", "asked": "2016-01-01", "answers": [
              {"body": "A long enough answer to pass.", "date": "2016-03-01",
               "reviewed": "2016-03-01"},
              {"body": "An undated answer, reviewed later.", "reviewed": "2020-01-01"}]}
        ]}"#;
        let archive = Archive::parse(source).unwrap();
        assert_eq!(archive.problems, []);
        let warnings = archive_warnings(&archive, source, Date::new(2026, 1, 1));
        let texts: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "question 1 (1), field \"answers\": answer 1 was reviewed 2016-02-01, before it \
                 was written (2016-03-01)",
                "question 2 (2), field \"answers\": answer 2 was reviewed 2099-01-01, after today \
                 (2026-01-01)",
            ]
        );
        assert_eq!(
            kinds(&warnings),
            [WarningKind::ReviewBeforeAnswer, WarningKind::FutureDate]
        );
        assert_eq!(warnings[1].answer, Some(2));
        assert_eq!(warnings[0].kind.key(), "review_before_answer");
    }
}

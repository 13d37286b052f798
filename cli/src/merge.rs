//! `import csv FILE --merge ARCHIVE`: puts the answered rows of a spreadsheet into an
//! existing archive, the last step from a posted question to a published answer.
//!
//! A row whose id is already in the archive replaces that question where it stands (an
//! edited answer); a new one is added at the end; every other question is kept as it was.
//! The archive is read with the app's reader and must load cleanly, because a question the
//! app skips could not be carried over; the result is written only if `validate` finds
//! nothing the app would skip or ignore in it. The archive's own top-level fields
//! (`"publisher"`) are kept; fields the app does not read deeper in the file cannot be, and a
//! note names them.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use ask_expert_core::archive::{Archive, CategoryIndex, CategoryTree, Question};

use crate::import::{self, Rejected, Row, Rows, UnansweredRows};
use crate::output::{self, count};
use crate::validate::{self, Source, Verdict};
use crate::{EXIT_FATAL, EXIT_OK, EXIT_PROBLEMS, files};

pub fn run(
    csv_path: &Path,
    archive_path: &Path,
    output_path: Option<&Path>,
    title: Option<String>,
) -> u8 {
    let fail = |message: &str| {
        output::error(message);
        output::stderr("Nothing was written.\n");
        EXIT_FATAL
    };
    let source = match Source::read(archive_path) {
        Ok(source) => source,
        Err(message) => return fail(&message),
    };
    let archive = match source.parse(archive_path) {
        Ok(archive) => archive,
        Err(error) => return fail(&format!("{}: {error}", archive_path.display())),
    };
    let unread = Archive::unread_fields(&source.text());
    drop(source);
    if !archive.problems.is_empty() {
        return fail(&format!(
            "{archive}: the app would skip or ignore {} in it, which a merge cannot carry \
             over; run `ask-expert-archive validate {archive}` and fix {} first",
            count(archive.problems.len(), "thing", "things"),
            if archive.problems.len() == 1 {
                "it"
            } else {
                "them"
            },
            archive = archive_path.display(),
        ));
    }
    let bytes = match files::read(csv_path) {
        Ok(bytes) => bytes,
        Err(message) => return fail(&message),
    };
    let rows = match import::read_rows(&bytes, UnansweredRows::List) {
        Ok(rows) => rows,
        Err(message) => return fail(&format!("{}: {message}", csv_path.display())),
    };
    let Rows {
        rows,
        mut rejected,
        unanswered,
    } = rows;
    let questions_before = archive.questions.len();
    let archive_name = archive_path.display().to_string();
    let mut merged = merge(archive, rows, &archive_name);
    if let Some(title) = title {
        merged.archive.title = title;
    }
    rejected.append(&mut merged.rejected);
    rejected.sort_by_key(|rejected| rejected.place.row);

    // Rows left out and rows waiting for an answer, in the order of the file.
    let mut lines: Vec<(usize, String)> = rejected
        .iter()
        .map(|rejected| {
            let reasons = rejected.reasons.join("; ");
            (
                rejected.place.row,
                format!("{}: {reasons}; left out\n", rejected.place),
            )
        })
        .chain(unanswered.iter().map(|waiting| {
            let line = format!(
                "{}: \"{}\" is not answered yet; left out\n",
                waiting.place, waiting.id
            );
            (waiting.place.row, line)
        }))
        .collect();
    lines.sort_by_key(|(row, _)| *row);
    output::stderr(&lines.into_iter().map(|(_, line)| line).collect::<String>());
    if merged.added + merged.replaced == 0 {
        return fail(&format!(
            "{}: no row has an answer that could be merged",
            csv_path.display()
        ));
    }

    if !unread.nested.is_empty() {
        let fields: Vec<String> = unread
            .nested
            .iter()
            .map(|(place, name)| format!("\"{name}\" in {place}"))
            .collect();
        output::stderr(&format!(
            "note: {archive_name} has fields the app does not read, which the merged archive \
             leaves out: {}\n",
            fields.join(", ")
        ));
    }
    let json = merged.archive.to_json_keeping(&unread.top_level);
    let destination = output_path.unwrap_or(Path::new("standard output"));
    let report = validate::check_source(
        destination,
        &Source {
            bytes: json.clone().into_bytes(),
        },
    );
    let Verdict::Loaded(checked) = &report.verdict else {
        output::stderr(&report.to_text());
        return fail("the merged archive would not load; this is a bug in the tool");
    };
    if !checked.problems.is_empty() {
        output::stderr(&report.to_text());
        return fail("the merged archive would not validate");
    }
    match output_path {
        Some(target) => {
            if let Err(message) = files::write_atomically(target, json.as_bytes()) {
                return fail(&message);
            }
        }
        None => output::stdout(&json),
    }
    let kept = questions_before - merged.replaced;
    let mut summary = format!(
        "Merged {} into {archive_name}: {} added, {} replaced, {kept} kept",
        csv_path.display(),
        merged.added,
        merged.replaced,
    );
    if !unanswered.is_empty() {
        let _ = write!(summary, "; {} not answered yet", unanswered.len());
    }
    if !rejected.is_empty() {
        let _ = write!(
            summary,
            "; {} left out",
            count(rejected.len(), "row", "rows")
        );
    }
    let _ = writeln!(
        summary,
        ". Wrote {} to {}.",
        count(merged.archive.questions.len(), "question", "questions"),
        destination.display()
    );
    if !checked.warnings.is_empty() {
        let file = match output_path {
            Some(target) => target.display().to_string(),
            None => "FILE".to_owned(),
        };
        let _ = writeln!(
            summary,
            "{}: run `ask-expert-archive validate {file}` to see {}.",
            count(checked.warnings.len(), "warning", "warnings"),
            if checked.warnings.len() == 1 {
                "it"
            } else {
                "them"
            },
        );
    }
    output::stderr(&summary);
    if rejected.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    }
}

/// An archive with the answered rows merged in.
pub struct Merged {
    pub archive: Archive,
    pub added: usize,
    pub replaced: usize,
    /// Rows left out because they name a category the archive does not have.
    pub rejected: Vec<Rejected>,
}

/// Puts every row of `rows` into `archive`: in place of the question with its id, or at the
/// end. `archive_name` names the archive in messages.
pub fn merge(mut archive: Archive, rows: Vec<Row>, archive_name: &str) -> Merged {
    let mut positions: HashMap<String, usize> = archive
        .questions
        .iter()
        .enumerate()
        .map(|(position, question)| (question.id.clone(), position))
        .collect();
    let (mut added, mut replaced) = (0, 0);
    let mut rejected = Vec::new();
    for row in rows {
        let categories = match categories_of(&archive.categories, &row) {
            Ok(categories) => categories,
            Err(unknown) => {
                rejected.push(Rejected {
                    place: row.place,
                    reasons: unknown
                        .iter()
                        .map(|name| {
                            format!(
                                "the category \"{name}\" is not in {archive_name} (write a \
                                 category's id, or its labels from the top as \"Parent > Child\")"
                            )
                        })
                        .collect(),
                });
                continue;
            }
        };
        let question = Question {
            id: row.id,
            text: row.question,
            answers: row.answers,
            categories,
            asked: row.asked,
        };
        match positions.get(&question.id) {
            Some(&position) => {
                archive.questions[position] = question;
                replaced += 1;
            }
            None => {
                positions.insert(question.id.clone(), archive.questions.len());
                archive.questions.push(question);
                added += 1;
            }
        }
    }
    Merged {
        archive,
        added,
        replaced,
        rejected,
    }
}

/// The row's categories in `tree`, or the names of those not in it. With no categories, the
/// visitor's topic is used when it is a category id in the tree.
fn categories_of(tree: &CategoryTree, row: &Row) -> Result<Vec<CategoryIndex>, Vec<String>> {
    if row.paths.is_empty() {
        return Ok(tree.index_of(&row.topic).into_iter().collect());
    }
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for path in &row.paths {
        match find_category(tree, path) {
            Some(index) if !found.contains(&index) => found.push(index),
            Some(_) => {}
            None => unknown.push(path.join(" > ")),
        }
    }
    if unknown.is_empty() {
        Ok(found)
    } else {
        Err(unknown)
    }
}

/// A category by its id (a path of one level) or by its labels from the top, in any case.
fn find_category(tree: &CategoryTree, path: &[String]) -> Option<CategoryIndex> {
    if let [id] = path
        && let Some(index) = tree.index_of(id)
    {
        return Some(index);
    }
    let mut level: Vec<CategoryIndex> = tree.roots().collect();
    let mut found = None;
    for label in path {
        let key = label.to_lowercase();
        let index = level
            .iter()
            .copied()
            .find(|&index| tree.get(index).label.to_lowercase() == key)?;
        level.clone_from(&tree.get(index).children);
        found = Some(index);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARCHIVE: &str = r#"{"schema": "ask-expert-archive/1", "title": "Ours",
        "categories": [{"id": "bones", "label": "Muscles and bones", "children": [
            {"id": "back", "label": "Back / spine"}]},
            {"id": "allergies", "label": "Allergies"}],
        "questions": [
          {"id": "q1", "question": "One?", "answers": [{"body": "Old answer."}],
           "categories": ["back"], "asked": "2016-01-01"},
          {"id": "q2", "question": "Two?", "answers": [{"body": "Kept."}], "asked": "2016-01-02"}
        ]}"#;

    fn merged(csv: &str) -> (Merged, Rows) {
        let mut rows = import::read_rows(csv.as_bytes(), UnansweredRows::List).unwrap();
        let archive = Archive::parse(ARCHIVE).unwrap();
        let merged = merge(archive, std::mem::take(&mut rows.rows), "archive.json");
        (merged, rows)
    }

    fn labels(archive: &Archive, question: usize) -> Vec<&str> {
        archive.questions[question]
            .categories
            .iter()
            .map(|&index| archive.categories.get(index).id.as_str())
            .collect()
    }

    #[test]
    fn replaces_in_place_adds_at_the_end_and_keeps_the_rest() {
        let (merged, rows) = merged(
            "id,question,asked,answer,categories,topic\n\
             new-1,New?,2026-05-01,A new answer.,muscles and bones > BACK / SPINE,allergies\n\
             new-2,Waiting?,2026-05-02,,,\n\
             q1,One?,2016-01-01,An edited answer.,bones; allergies,\n\
             new-3,Topic only?,2026-05-03,Filed by its topic.,,allergies\n\
             new-4,Unknown topic?,2026-05-03,Filed nowhere.,,other\n",
        );
        assert_eq!((merged.added, merged.replaced), (3, 1));
        assert_eq!(merged.rejected, []);
        let ids: Vec<&str> = merged
            .archive
            .questions
            .iter()
            .map(|question| question.id.as_str())
            .collect();
        assert_eq!(ids, ["q1", "q2", "new-1", "new-3", "new-4"]);
        let archive = &merged.archive;
        assert_eq!(archive.questions[0].answers[0].body, "An edited answer.");
        assert_eq!(labels(archive, 0), ["bones", "allergies"]);
        assert_eq!(archive.questions[1].answers[0].body, "Kept.");
        assert_eq!(labels(archive, 2), ["back"]);
        assert_eq!(labels(archive, 3), ["allergies"]);
        assert_eq!(labels(archive, 4), Vec::<&str>::new());
        assert_eq!(archive.title, "Ours");
        let waiting: Vec<(usize, &str)> = rows
            .unanswered
            .iter()
            .map(|row| (row.place.row, row.id.as_str()))
            .collect();
        assert_eq!(waiting, [(3, "new-2")]);
        let reread = Archive::parse(&archive.to_json()).unwrap();
        assert_eq!(reread.problems, []);
        assert_eq!(&reread, archive);
    }

    #[test]
    fn a_row_with_an_unknown_category_is_left_out_by_name() {
        let (merged, _) = merged(
            "id,question,asked,answer,categories\n\
             n1,New?,2026-05-01,An answer.,Back / spine; Muscles and bones > Knees\n\
             n2,Other?,2026-05-01,An answer.,back\n",
        );
        assert_eq!((merged.added, merged.replaced), (1, 0));
        let rejected: Vec<(usize, String)> = merged
            .rejected
            .iter()
            .map(|rejected| (rejected.place.row, rejected.reasons.join("; ")))
            .collect();
        assert_eq!(
            rejected,
            [(
                2,
                "the category \"Back / spine\" is not in archive.json (write a category's id, \
                 or its labels from the top as \"Parent > Child\"); the category \
                 \"Muscles and bones > Knees\" is not in archive.json (write a category's id, \
                 or its labels from the top as \"Parent > Child\")"
                    .to_owned()
            )]
        );
    }
}

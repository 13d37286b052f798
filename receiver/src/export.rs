//! The questions not yet published, as a CSV file in the archive tool's import format
//! (`docs/archive-tool.md`, "The CSV format"): editors open it in a spreadsheet, write
//! the answers, and import it into the archive.
//!
//! Every cell is the visitor's text and so hostile to a spreadsheet: each is written
//! through `ask_expert_core::spreadsheet::protect`, which the import undoes.

use std::io::Write;

use ask_expert_core::spreadsheet::protect;

use crate::store::StoredQuestion;

/// The columns, in order. `id`, `question` and `asked` are filled in; `topic` is the
/// category the visitor chose (the import does not read it: it helps the editor pick
/// `categories`); the rest are for the editor.
pub const COLUMNS: [&str; 8] = [
    "id",
    "question",
    "asked",
    "topic",
    "answer",
    "answered",
    "categories",
    "expert",
];

/// Added with `--with-contact`, so an editor can write back to the visitor.
pub const CONTACT_COLUMNS: [&str; 2] = ["name", "email"];

/// Starts the file: without it, Excel reads a CSV in the computer's legacy code page, and a
/// visitor's "Gwên" or "café" opens as mojibake. The archive tool's import skips it.
const BYTE_ORDER_MARK: &str = "\u{feff}";

/// Writes the byte-order mark, the header row and one row per question, in the order given.
pub fn write_csv(
    questions: &[StoredQuestion],
    with_contact: bool,
    mut out: impl Write,
) -> Result<(), csv::Error> {
    out.write_all(BYTE_ORDER_MARK.as_bytes())?;
    let mut writer = csv::Writer::from_writer(out);
    let contact: &[&str] = if with_contact { &CONTACT_COLUMNS } else { &[] };
    writer.write_record(COLUMNS.iter().chain(contact).map(|name| protect(name)))?;
    for question in questions {
        let mut row = vec![
            question.reference.as_str(),
            question.question.as_str(),
            question.received_on(),
            question.category.as_deref().unwrap_or(""),
            "",
            "",
            "",
            "",
        ];
        if with_contact {
            row.push(question.name.as_deref().unwrap_or(""));
            row.push(question.email.as_deref().unwrap_or(""));
        }
        writer.write_record(row.into_iter().map(protect))?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Status;

    fn question(reference: &str, text: &str, category: Option<&str>) -> StoredQuestion {
        StoredQuestion {
            reference: reference.into(),
            received_at: "2025-05-01T23:59:59Z".into(),
            question: text.into(),
            category: category.map(Into::into),
            name: Some("=Ann".into()),
            email: Some("ann@example.com".into()),
            consent: true,
            page_url: None,
            submitted_at: None,
            status: Status::New,
        }
    }

    fn export(questions: &[StoredQuestion], with_contact: bool) -> String {
        let mut out = Vec::new();
        write_csv(questions, with_contact, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn rows_in_the_import_format() {
        let text = export(
            &[question(
                "Q-000001",
                "Does it help, \"really\"?\nTwice?",
                Some("Needles"),
            )],
            false,
        );
        assert_eq!(
            text,
            "\u{feff}id,question,asked,topic,answer,answered,categories,expert\n\
             Q-000001,\"Does it help, \"\"really\"\"?\nTwice?\",2025-05-01,Needles,,,,\n"
        );
    }

    #[test]
    fn contact_only_when_asked_for_and_protected() {
        let q = [question("Q-000002", "+1 is my question", None)];
        let without = export(&q, false);
        assert!(!without.contains("ann@example.com") && !without.contains("name"));
        let with = export(&q, true);
        let mut lines = with.lines();
        assert_eq!(
            lines.next().unwrap(),
            "\u{feff}id,question,asked,topic,answer,answered,categories,expert,name,email"
        );
        assert_eq!(
            lines.next().unwrap(),
            "Q-000002,'+1 is my question,2025-05-01,,,,,,'=Ann,ann@example.com"
        );
    }
}

//! The column file: for every question, in archive order, what browsing and ranking need
//! without its text: id (for permalinks), date asked (for sorting and recency), categories
//! (for boxes and counts) and how many words each field holds (for BM25F). At 100,000
//! questions it is under two megabytes (one gzip) against the archive's two hundred.

use super::BuiltError;
use super::bytes::{Reader, Writer};
use crate::archive::{Archive, CategoryIndex, Question};
use crate::date::Date;

const TAG: &[u8; 4] = b"AEC1";

/// Words per field (question, categories, answers), as the search index counts them.
pub type FieldLengths = [u32; 3];

/// Column by column (all ids, then all dates, and so on), which gzip packs far better
/// than question by question.
pub(super) fn write(archive: &Archive, field_lengths: &[FieldLengths]) -> Vec<u8> {
    let questions = &archive.questions;
    let mut out = Writer::new(TAG);
    out.number(questions.len() as u32);
    let mut previous = "";
    for question in questions {
        // Ids are mostly numbered alike ("q-000123"): each is written as how many bytes
        // it shares with the one before, and the rest.
        let shared = shared_prefix(previous, &question.id);
        out.number(shared as u32);
        out.bytes(&question.id.as_bytes()[shared..]);
        previous = &question.id;
    }
    // Archives list questions roughly by date, so the change from the one before is small.
    let mut previous_day = 0;
    for question in questions {
        let day = question.asked.ordinal();
        out.number(zigzag(i64::from(day) - i64::from(previous_day)));
        previous_day = day;
    }
    for question in questions {
        out.number(question.categories.len() as u32);
        for &category in &question.categories {
            out.number(category as u32);
        }
    }
    for field in 0..3 {
        for lengths in field_lengths {
            out.number(lengths[field]);
        }
    }
    out.bytes
}

/// Questions with id, date and categories but no text or answers yet, and their lengths.
pub(super) fn read(
    bytes: &[u8],
    categories: usize,
) -> Result<(Vec<Question>, Vec<FieldLengths>), BuiltError> {
    let mut input = Reader::new(bytes, TAG, "column")?;
    let damaged = || BuiltError::new("the column file is damaged".to_owned());
    let count = input.count()?;
    let mut questions = Vec::with_capacity(count);
    let mut previous = String::new();
    for _ in 0..count {
        let shared = input.number()? as usize;
        let rest = input.text()?;
        let Some(head) = previous.get(..shared) else {
            return Err(damaged());
        };
        let mut id = String::with_capacity(shared + rest.len());
        id.push_str(head);
        id.push_str(rest);
        previous.clone_from(&id);
        questions.push(Question {
            id,
            text: String::new(),
            answers: Vec::new(),
            categories: Vec::new(),
            asked: Date::new(2000, 1, 1).expect("a real date"),
        });
    }
    let mut day: i64 = 0;
    for question in &mut questions {
        day += unzigzag(input.number()?);
        let number = u32::try_from(day).map_err(|_| damaged())?;
        question.asked = Date::from_ordinal(number).ok_or_else(damaged)?;
    }
    for question in &mut questions {
        let listed = input.count()?;
        question.categories.reserve(listed);
        for _ in 0..listed {
            let category: CategoryIndex = input.number()? as usize;
            if category >= categories {
                return Err(damaged());
            }
            question.categories.push(category);
        }
    }
    let mut lengths = vec![[0; 3]; count];
    for field in 0..3 {
        for question in &mut lengths {
            question[field] = input.number()?;
        }
    }
    input.finish()?;
    Ok((questions, lengths))
}

/// How many leading bytes `a` and `b` share, ending on a character boundary.
fn shared_prefix(a: &str, b: &str) -> usize {
    let mut shared = 0;
    for ((position, x), y) in a.char_indices().zip(b.chars()) {
        if x != y {
            break;
        }
        shared = position + x.len_utf8();
    }
    shared
}

/// A signed change as an unsigned number, small either way: 0, -1, 1, -2 … → 0, 1, 2, 3 …
fn zigzag(change: i64) -> u32 {
    ((change << 1) ^ (change >> 63)) as u32
}

fn unzigzag(number: u32) -> i64 {
    i64::from(number >> 1) ^ -i64::from(number & 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_dates_categories_and_lengths_round_trip() {
        let question = |id: &str, categories: &str, asked: &str| {
            format!(
                r#"{{"id": "{id}", "question": "x", "answers": [{{"body": "y"}}],
                    "categories": [{categories}], "asked": "{asked}"}}"#
            )
        };
        let questions = [
            question("é-1", r#""a""#, "2024-02-29"),
            question("é-2", r#""a", "b""#, "1999-12-31"),
            question("ê", "", "2000-01-01"),
            question("q", r#""b""#, "2000-01-01"),
        ];
        let source = format!(
            r#"{{"schema": "ask-expert-archive/1", "categories": [{{"id": "a", "label": "A",
                "children": [{{"id": "b", "label": "B"}}]}}], "questions": [{}]}}"#,
            questions.join(",")
        );
        let archive = Archive::parse(&source).unwrap();
        assert!(archive.problems.is_empty());
        let lengths = vec![[1, 2, 3], [0, 0, 0], [70_000, 5, 1], [4, 4, 4]];
        let bytes = write(&archive, &lengths);
        let (questions, read_lengths) = read(&bytes, archive.categories.len()).unwrap();
        assert_eq!(read_lengths, lengths);
        for (read, original) in questions.iter().zip(&archive.questions) {
            assert_eq!(
                (&read.id, read.asked, &read.categories),
                (&original.id, original.asked, &original.categories)
            );
        }
        assert!(read(&bytes, 1).is_err(), "a category the tree lacks");
        assert!(read(&bytes[..bytes.len() - 1], 2).is_err());
    }
}

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

/// The column file read: every question with id, date and categories but no text or
/// answers yet, and its field lengths.
pub struct ReadColumns {
    pub(super) questions: Vec<Question>,
    pub(super) lengths: Vec<FieldLengths>,
}

/// The column file read a slice at a time: at 100,000 questions reading it whole keeps a
/// slow phone's main thread busy for a quarter of a second, during which a tap waits.
pub struct ColumnsReading {
    bytes: Vec<u8>,
    position: usize,
    categories: usize,
    count: usize,
    column: Column,
    /// How far into the column the reading is.
    done: usize,
    previous_id: String,
    day: i64,
    questions: Vec<Question>,
    lengths: Vec<FieldLengths>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Ids,
    Dates,
    Categories,
    Lengths(usize),
    Finished,
}

impl ColumnsReading {
    /// `categories` is how many the manifest's tree holds.
    pub fn new(bytes: Vec<u8>, categories: usize) -> Result<ColumnsReading, BuiltError> {
        let mut input = Reader::new(&bytes, TAG, "column")?;
        let count = input.count()?;
        let position = input.position();
        Ok(ColumnsReading {
            bytes,
            position,
            categories,
            count,
            column: Column::Ids,
            done: 0,
            previous_id: String::new(),
            day: 0,
            questions: Vec::with_capacity(count),
            // Made when their column is reached: made first, among the questions' many
            // small allocations, it made reading a third slower natively.
            lengths: Vec::new(),
        })
    }

    /// Reads at most `values` more (an id, a date, a question's categories, a length);
    /// true once the whole file is read.
    pub fn step(&mut self, values: usize) -> Result<bool, BuiltError> {
        let mut input = Reader::resume(&self.bytes, self.position, "column");
        let damaged = || BuiltError::new("the column file is damaged".to_owned());
        let mut budget = values;
        while budget > 0 && self.column != Column::Finished {
            let end = self.count.min(self.done.saturating_add(budget));
            let (questions, lengths) = (&mut self.questions, &mut self.lengths);
            let (previous_id, day) = (&mut self.previous_id, &mut self.day);
            let categories = self.categories;
            match self.column {
                Column::Ids => {
                    for _ in self.done..end {
                        let shared = input.number()? as usize;
                        let rest = input.text()?;
                        let Some(head) = previous_id.get(..shared) else {
                            return Err(damaged());
                        };
                        let mut id = String::with_capacity(shared + rest.len());
                        id.push_str(head);
                        id.push_str(rest);
                        previous_id.clone_from(&id);
                        questions.push(Question {
                            id,
                            text: String::new(),
                            answers: Vec::new(),
                            categories: Vec::new(),
                            asked: Date::new(2000, 1, 1).expect("a real date"),
                        });
                    }
                }
                Column::Dates => {
                    for question in &mut questions[self.done..end] {
                        *day += unzigzag(input.number()?);
                        let number = u32::try_from(*day).map_err(|_| damaged())?;
                        question.asked = Date::from_ordinal(number).ok_or_else(damaged)?;
                    }
                }
                Column::Categories => {
                    for question in &mut questions[self.done..end] {
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
                }
                Column::Lengths(field) => {
                    for question in &mut lengths[self.done..end] {
                        question[field] = input.number()?;
                    }
                }
                Column::Finished => {}
            }
            budget -= end - self.done;
            self.done = end;
            if self.done == self.count {
                self.done = 0;
                self.column = match self.column {
                    Column::Ids => Column::Dates,
                    Column::Dates => Column::Categories,
                    Column::Categories => {
                        self.lengths = vec![[0; 3]; self.count];
                        Column::Lengths(0)
                    }
                    Column::Lengths(field) if field < 2 => Column::Lengths(field + 1),
                    Column::Lengths(_) | Column::Finished => Column::Finished,
                };
                if self.column == Column::Finished {
                    Reader::resume(&self.bytes, input.position(), "column").finish()?;
                }
            }
        }
        self.position = input.position();
        Ok(self.column == Column::Finished)
    }

    /// What was read, once `step` has said it is all read.
    pub fn finish(self) -> ReadColumns {
        ReadColumns {
            questions: self.questions,
            lengths: self.lengths,
        }
    }
}

/// The whole column file at once.
pub(super) fn read(bytes: Vec<u8>, categories: usize) -> Result<ReadColumns, BuiltError> {
    let mut reading = ColumnsReading::new(bytes, categories)?;
    while !reading.step(usize::MAX)? {}
    Ok(reading.finish())
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
        let read_whole = read(bytes.clone(), archive.categories.len()).unwrap();
        assert_eq!(read_whole.lengths, lengths);
        for (read, original) in read_whole.questions.iter().zip(&archive.questions) {
            assert_eq!(
                (&read.id, read.asked, &read.categories),
                (&original.id, original.asked, &original.categories)
            );
        }
        assert!(read(bytes.clone(), 1).is_err(), "a category the tree lacks");
        assert!(read(bytes[..bytes.len() - 1].to_vec(), 2).is_err());
        assert!(
            read([&bytes[..], b"!"].concat(), 2).is_err(),
            "bytes after the end"
        );

        // Slice by slice, whatever the slice, the same as whole.
        for slice in [1, 2, 3, 5, 7] {
            let mut reading = ColumnsReading::new(bytes.clone(), archive.categories.len()).unwrap();
            let mut steps = 0;
            while !reading.step(slice).unwrap() {
                steps += 1;
            }
            let in_slices = reading.finish();
            assert_eq!(
                in_slices.questions, read_whole.questions,
                "slices of {slice}"
            );
            assert_eq!(in_slices.lengths, read_whole.lengths, "slices of {slice}");
            // Four questions, six columns: 24 values, so slices of one take 24 steps.
            assert_eq!(steps + 1, 24usize.div_ceil(slice), "slices of {slice}");
        }
        let mut damaged = ColumnsReading::new(bytes[..bytes.len() - 1].to_vec(), 2).unwrap();
        let outcome = std::iter::repeat_with(|| damaged.step(2))
            .find(|step| !matches!(step, Ok(false)))
            .unwrap();
        assert!(
            outcome.is_err(),
            "a damaged file is found out slice by slice too"
        );
    }

    #[test]
    fn an_empty_column_file_is_read_in_one_step() {
        let archive = Archive::parse(
            r#"{"schema": "ask-expert-archive/1", "categories": [], "questions": []}"#,
        )
        .unwrap();
        let bytes = write(&archive, &[]);
        let mut reading = ColumnsReading::new(bytes, 0).unwrap();
        assert!(reading.step(1).unwrap());
        assert!(reading.finish().questions.is_empty());
    }
}

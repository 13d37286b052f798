//! The column file: for every question, in archive order, what browsing and ranking need
//! without its text: id (for permalinks), date asked (for sorting and recency), categories
//! (for boxes and counts) and how many words each field holds (for BM25F). At 100,000
//! questions it is a few megabytes less than the archive's hundreds.

use super::BuiltError;
use super::bytes::{Reader, Writer};
use crate::archive::{Archive, CategoryIndex, Question};
use crate::date::Date;

const TAG: &[u8; 4] = b"AEC1";

/// Words per field (question, categories, answers), as the search index counts them.
pub type FieldLengths = [u32; 3];

pub(super) fn write(archive: &Archive, field_lengths: &[FieldLengths]) -> Vec<u8> {
    let mut out = Writer::new(TAG);
    out.number(archive.questions.len() as u32);
    for (question, lengths) in archive.questions.iter().zip(field_lengths) {
        out.bytes(question.id.as_bytes());
        out.number(day_number(question.asked));
        out.number(question.categories.len() as u32);
        for &category in &question.categories {
            out.number(category as u32);
        }
        for &length in lengths {
            out.number(length);
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
    let mut lengths = Vec::with_capacity(count);
    for _ in 0..count {
        let id = input.text()?.to_owned();
        let asked = from_day_number(input.number()?).ok_or_else(damaged)?;
        let listed = input.count()?;
        let mut in_categories: Vec<CategoryIndex> = Vec::with_capacity(listed);
        for _ in 0..listed {
            let category = input.number()? as usize;
            if category >= categories {
                return Err(damaged());
            }
            in_categories.push(category);
        }
        lengths.push([input.number()?, input.number()?, input.number()?]);
        questions.push(Question {
            id,
            text: String::new(),
            answers: Vec::new(),
            categories: in_categories,
            asked,
        });
    }
    input.finish()?;
    Ok((questions, lengths))
}

fn day_number(date: Date) -> u32 {
    u32::from(date.year()) << 9 | u32::from(date.month()) << 5 | u32::from(date.day())
}

fn from_day_number(number: u32) -> Option<Date> {
    let year = u16::try_from(number >> 9).ok()?;
    Date::new(year, (number >> 5 & 0xf) as u8, (number & 0x1f) as u8)
}

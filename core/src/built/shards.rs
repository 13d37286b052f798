//! Question shards: the questions' texts and answers, newest first, a few hundred files
//! at most. The first shard holds the newest questions, so the default view's next pages
//! come from it; a shard ends after a question whose id's hash says so (or when it grows
//! far past the usual size), so adding or editing a question rewrites only its shard.

use super::manifest::ShardQuestion;
use super::{PageAddresses, content_hash, records};
use crate::archive::Archive;

/// At most about this many shards, whatever the archive's size (between half and all of
/// it, as the usual size is a power of two).
const TARGET_SHARDS: usize = 512;

/// The fewest questions a shard is meant to hold, so small archives are not cut into crumbs.
const MIN_SHARD_QUESTIONS: usize = 32;

/// How many times the usual size a shard may grow before it is cut anyway.
const LONGEST_SHARD: usize = 4;

/// A shard as written: a JSON list of `ShardQuestion`, compact, so each question's record
/// is a run of bytes of its own, padded with spaces to whole record units (see `records`).
pub(super) struct Shard {
    pub(super) bytes: Vec<u8>,
    /// Each question's record length in bytes (padding included), in the shard's order.
    /// Records are joined by one comma inside the list's brackets.
    pub(super) record_lengths: Vec<u32>,
}

/// Each shard, in order.
pub(super) fn write(
    archive: &Archive,
    newest_first: &[usize],
    pages: Option<&PageAddresses>,
) -> Vec<Shard> {
    let usual = newest_first
        .len()
        .div_ceil(TARGET_SHARDS)
        .max(MIN_SHARD_QUESTIONS)
        .next_power_of_two();
    let mut shards = Vec::new();
    let mut current: Vec<ShardQuestion> = Vec::new();
    for &number in newest_first {
        let question = &archive.questions[number];
        let page = pages.map(|pages| pages.question_pages[number].as_str());
        current.push(ShardQuestion::from_question(question, page));
        if content_hash(question.id.as_bytes()).is_multiple_of(usual as u64)
            || current.len() >= LONGEST_SHARD * usual
        {
            shards.push(finish(&mut current));
        }
    }
    if !current.is_empty() {
        shards.push(finish(&mut current));
    }
    shards
}

/// The list, written record by record so each record's length is known, each padded.
fn finish(questions: &mut Vec<ShardQuestion>) -> Shard {
    let mut bytes = vec![b'['];
    let mut record_lengths = Vec::with_capacity(questions.len());
    for (position, question) in questions.drain(..).enumerate() {
        if position > 0 {
            bytes.push(b',');
        }
        let start = bytes.len();
        serde_json::to_writer(&mut bytes, &question).expect("questions always serialize");
        record_lengths.push(records::pad_record(&mut bytes, start));
    }
    bytes.push(b']');
    Shard {
        bytes,
        record_lengths,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_is_its_records_joined_as_a_json_list() {
        let archive = Archive::parse(&ask_expert_fixtures::generate_archive_json(300, 3)).unwrap();
        let newest_first = crate::browse::newest_first(&archive);
        for shard in write(&archive, &newest_first, None) {
            let whole: Vec<ShardQuestion> = serde_json::from_slice(&shard.bytes).unwrap();
            let mut start = 1;
            for (question, &length) in whole.iter().zip(&shard.record_lengths) {
                assert!(length.is_multiple_of(records::RECORD_UNIT));
                let end = start + length as usize;
                let record: ShardQuestion =
                    serde_json::from_slice(&shard.bytes[start..end]).unwrap();
                assert_eq!(&record, question);
                start = end + 1;
            }
            assert_eq!(start, shard.bytes.len());
        }
    }
}

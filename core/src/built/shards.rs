//! Question shards: the questions' texts and answers, newest first, a few hundred files
//! at most. The first shard holds the newest questions, so the default view's next pages
//! come from it; a shard ends after a question whose id's hash says so (or when it grows
//! far past the usual size), so adding or editing a question rewrites only its shard.

use super::manifest::ShardQuestion;
use super::{PageAddresses, content_hash};
use crate::archive::Archive;

/// At most about this many shards, whatever the archive's size (between half and all of
/// it, as the usual size is a power of two).
const TARGET_SHARDS: usize = 512;

/// The fewest questions a shard is meant to hold, so small archives are not cut into crumbs.
const MIN_SHARD_QUESTIONS: usize = 32;

/// How many times the usual size a shard may grow before it is cut anyway.
const LONGEST_SHARD: usize = 4;

/// Each shard's question count and its bytes (a JSON list of `ShardQuestion`), in order.
pub(super) fn write(
    archive: &Archive,
    newest_first: &[usize],
    pages: Option<&PageAddresses>,
) -> Vec<(usize, Vec<u8>)> {
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

fn finish(questions: &mut Vec<ShardQuestion>) -> (usize, Vec<u8>) {
    let bytes = serde_json::to_vec(&questions).expect("questions always serialize");
    let count = questions.len();
    questions.clear();
    (count, bytes)
}

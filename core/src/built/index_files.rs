//! The prebuilt search index as files: the vocabulary in one file, and every term's
//! postings and positions in chunks of alphabetically neighbouring terms.
//!
//! The vocabulary (each word with how many questions hold it and its chunk) is fetched
//! whole, because everything that makes a query forgiving runs over it: stems, the word
//! still being typed, and near spellings, which may differ in any letter, the first too.
//! Planning a query over it tells which terms' postings are read; those terms' chunks are
//! all that is fetched. Neighbouring words share a chunk, so a word, its stems and its
//! completions mostly come in one file. A chunk ends before a word whose hash says so, not
//! at a byte count, so adding a question moves no boundary and rewrites only the chunks
//! holding its words.

use super::bytes::{Reader, Writer};
use super::{BuiltError, content_hash};
use crate::search::SearchIndex;

const TERMS_TAG: &[u8; 4] = b"AET1";
const POSTINGS_TAG: &[u8; 4] = b"AEP1";
const POSITIONS_TAG: &[u8; 4] = b"AEQ1";

/// At most about this many chunks, whatever the archive's size: each chunk is two files,
/// and the whole build must stay within a static host's file limit.
const MOST_CHUNKS: usize = 160;

/// Below that, about this many bytes of postings a chunk: fewer would mean more requests
/// per query, more would mean more bytes per request.
const CHUNK_POSTING_BYTES: usize = 64 * 1024;

/// Each term's chunk, by term number, and how many chunks there are.
pub(super) fn assign_chunks(index: &SearchIndex) -> (Vec<u32>, usize) {
    let terms = index.term_count();
    let posting_bytes: usize = (0..terms as u32)
        .map(|term| index.posting_bytes(term).len())
        .sum();
    let chunks = (posting_bytes / CHUNK_POSTING_BYTES).clamp(1, MOST_CHUNKS);
    // Terms a chunk holds on average: a power of two, so boundaries move only when the
    // index doubles or halves.
    let per_chunk = terms.div_ceil(chunks).max(1).next_power_of_two() as u64;
    let mut alphabetical: Vec<u32> = (0..terms as u32).collect();
    alphabetical.sort_unstable_by(|&a, &b| index.term_word(a).cmp(index.term_word(b)));
    let mut chunk_of = vec![0; terms];
    let mut chunk = 0;
    for (position, &term) in alphabetical.iter().enumerate() {
        if position > 0 && content_hash(index.term_word(term).as_bytes()).is_multiple_of(per_chunk)
        {
            chunk += 1;
        }
        chunk_of[term as usize] = chunk;
    }
    (chunk_of, if terms == 0 { 0 } else { chunk as usize + 1 })
}

pub(super) fn write_terms(index: &SearchIndex, chunk_of: &[u32]) -> Vec<u8> {
    let mut out = Writer::new(TERMS_TAG);
    out.number(index.term_count() as u32);
    for term in 0..index.term_count() as u32 {
        out.bytes(index.term_word(term).as_bytes());
        out.number(index.term_questions(term));
        out.number(chunk_of[term as usize]);
    }
    out.bytes
}

/// The words in term order, each with how many questions hold it, and each term's chunk.
pub(super) struct Terms<'a> {
    pub(super) words: Vec<(&'a str, u32)>,
    pub(super) chunk_of: Vec<u32>,
}

pub(super) fn read_terms(bytes: &[u8], chunks: usize) -> Result<Terms<'_>, BuiltError> {
    let mut input = Reader::new(bytes, TERMS_TAG, "search vocabulary")?;
    let count = input.count()?;
    let mut terms = Terms {
        words: Vec::with_capacity(count),
        chunk_of: Vec::with_capacity(count),
    };
    for _ in 0..count {
        let word = input.text()?;
        let questions = input.number()?;
        let chunk = input.number()?;
        if chunk as usize >= chunks {
            return Err(BuiltError::new(
                "the search vocabulary file is damaged".to_owned(),
            ));
        }
        terms.words.push((word, questions));
        terms.chunk_of.push(chunk);
    }
    input.finish()?;
    Ok(terms)
}

/// The postings file and the positions file of each chunk.
pub(super) fn write_chunks(
    index: &SearchIndex,
    chunk_of: &[u32],
    chunks: usize,
) -> Vec<[Vec<u8>; 2]> {
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); chunks];
    for (term, &chunk) in chunk_of.iter().enumerate() {
        members[chunk as usize].push(term as u32);
    }
    members
        .iter()
        .map(|terms| {
            let mut postings = Writer::new(POSTINGS_TAG);
            let mut positions = Writer::new(POSITIONS_TAG);
            for out in [&mut postings, &mut positions] {
                out.number(terms.len() as u32);
            }
            let mut previous = 0;
            for &term in terms {
                for out in [&mut postings, &mut positions] {
                    out.number(term - previous);
                }
                postings.bytes(index.posting_bytes(term));
                positions.bytes(index.position_bytes(term));
                previous = term;
            }
            [postings.bytes, positions.bytes]
        })
        .collect()
}

/// Which file of a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ChunkPart {
    Postings,
    Positions,
}

/// The (term, bytes) pairs of a chunk's postings or positions file.
pub(super) fn read_chunk(
    bytes: &[u8],
    part: ChunkPart,
    terms: usize,
) -> Result<Vec<(u32, &[u8])>, BuiltError> {
    let (tag, what) = match part {
        ChunkPart::Postings => (POSTINGS_TAG, "search postings"),
        ChunkPart::Positions => (POSITIONS_TAG, "search positions"),
    };
    let mut input = Reader::new(bytes, tag, what)?;
    let count = input.count()?;
    let mut entries = Vec::with_capacity(count);
    let mut term: u32 = 0;
    for _ in 0..count {
        term = term
            .checked_add(input.number()?)
            .filter(|&term| (term as usize) < terms)
            .ok_or_else(|| BuiltError::new(format!("the {what} file is damaged")))?;
        entries.push((term, input.bytes()?));
    }
    input.finish()?;
    Ok(entries)
}

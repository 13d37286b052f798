//! The prebuilt search index as files: the vocabulary in one file, and every term's
//! postings and positions in chunks of alphabetically neighbouring terms.
//!
//! The vocabulary (each word with how many questions hold it and its chunk) is fetched
//! whole, because everything that makes a query forgiving runs over it: stems, the word
//! still being typed, and near spellings, which may differ in any letter, the first too.
//! Planning a query over it tells which terms' postings are read; those terms' chunks are
//! all that is fetched. Neighbouring words share a chunk, so a word, its stems and its
//! completions mostly come in one file. A chunk ends before a word whose hash says so, or
//! where it would grow past a size, so a common word comes with few others; adding a
//! question rewrites the chunks holding its words (and, rarely, moves a cut next to them).

use super::bytes::{Reader, Writer};
use super::{BuiltError, content_hash};
use crate::search::SearchIndex;

const TERMS_TAG: &[u8; 4] = b"AET1";
const POSTINGS_TAG: &[u8; 4] = b"AEP1";
const POSITIONS_TAG: &[u8; 4] = b"AEQ1";

/// At most this many chunks, whatever the archive's size: each chunk is two files, and the
/// whole build must stay within a static host's file limit (about 400 shards and 2 × 240
/// chunk files at 100,000 questions, under 1,000).
const MOST_CHUNKS: usize = 240;

/// Of which at most this many stretches between hash boundaries.
const MOST_STRETCHES: usize = 60;

/// Below that, about this many bytes of postings a chunk: fewer would mean more requests
/// per query, more would mean more bytes per request.
const CHUNK_POSTING_BYTES: usize = 64 * 1024;

/// Each term's chunk, by term number, and how many chunks there are.
///
/// A chunk ends before a word whose hash says so, or before a word that would take its
/// postings past `most_bytes`. The hash boundaries cut the alphabet into stretches that do
/// not move when questions are added; the byte cuts split a stretch so a common word does
/// not share its chunk with a dozen others (the chunk a search for "pain" fetched at 50,000
/// questions was thirteen times what "pain" needs). A stretch of `b` bytes is cut into at
/// most `2b / most_bytes + 1` chunks, which keeps the count within `MOST_CHUNKS`.
pub(super) fn assign_chunks(index: &SearchIndex) -> (Vec<u32>, usize) {
    let terms = index.term_count();
    let sizes: Vec<usize> = (0..terms as u32)
        .map(|term| index.posting_bytes(term).len())
        .collect();
    let (stretches, most_bytes) = chunk_limits(sizes.iter().sum());
    // Terms a stretch holds on average: a power of two, so boundaries move only when the
    // index doubles or halves.
    let per_stretch = terms.div_ceil(stretches).max(1).next_power_of_two() as u64;
    let mut alphabetical: Vec<u32> = (0..terms as u32).collect();
    alphabetical.sort_unstable_by(|&a, &b| index.term_word(a).cmp(index.term_word(b)));
    let mut chunk_of = vec![0; terms];
    let mut chunk = 0;
    let mut chunk_bytes = 0;
    for (position, &term) in alphabetical.iter().enumerate() {
        let bytes = sizes[term as usize];
        let stretch_ends = position > 0
            && content_hash(index.term_word(term).as_bytes()).is_multiple_of(per_stretch);
        let full = chunk_bytes > 0 && chunk_bytes + bytes > most_bytes;
        if stretch_ends || full {
            chunk += 1;
            chunk_bytes = 0;
        }
        chunk_bytes += bytes;
        chunk_of[term as usize] = chunk;
    }
    (chunk_of, if terms == 0 { 0 } else { chunk as usize + 1 })
}

/// How many stretches between hash boundaries, and the most bytes of postings a chunk of
/// more than one term holds, for an index with this many bytes of postings.
fn chunk_limits(posting_bytes: usize) -> (usize, usize) {
    let stretches = (posting_bytes / CHUNK_POSTING_BYTES).clamp(1, MOST_STRETCHES);
    let most_bytes = (2 * posting_bytes)
        .div_ceil(MOST_CHUNKS - MOST_STRETCHES)
        .max(CHUNK_POSTING_BYTES);
    (stretches, most_bytes)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Archive;

    #[test]
    fn a_chunk_of_several_words_stays_within_its_size_and_their_count_within_the_limit() {
        let archive = Archive::parse(&ask_expert_fixtures::generate_archive_json(2_000, 4));
        let index = SearchIndex::build(&archive.unwrap());
        let (chunk_of, chunks) = assign_chunks(&index);
        let mut bytes = vec![0; chunks];
        let mut terms = vec![0; chunks];
        for (term, &chunk) in chunk_of.iter().enumerate() {
            bytes[chunk as usize] += index.posting_bytes(term as u32).len();
            terms[chunk as usize] += 1;
        }
        let total = bytes.iter().sum();
        let (_, most_bytes) = chunk_limits(total);
        assert!(chunks > 1 && chunks <= MOST_CHUNKS);
        for chunk in 0..chunks {
            assert!(
                terms[chunk] == 1 || bytes[chunk] <= most_bytes,
                "chunk {chunk}"
            );
        }
    }

    #[test]
    fn however_large_the_index_the_chunks_stay_within_the_limit() {
        for posting_bytes in [1, 100_000, 4_000_000, 40_000_000, 400_000_000] {
            let (stretches, most_bytes) = chunk_limits(posting_bytes);
            // Greedy cuts: any two neighbouring chunks of a stretch hold more than
            // `most_bytes`, so a stretch of b bytes makes at most 2b / most_bytes + 1.
            let worst = 2 * posting_bytes / most_bytes + stretches;
            assert!(worst <= MOST_CHUNKS, "{posting_bytes}");
        }
    }
}

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

/// Of which at most about this many stretches between hash boundaries.
const MOST_STRETCHES: usize = 40;

/// The smallest size a chunk of several terms is cut at: fewer bytes would mean more
/// requests per query, more would mean more bytes per request.
const CHUNK_POSTING_BYTES: usize = 64 * 1024;

/// Each term's chunk, by term number, and how many chunks there are.
///
/// A chunk ends before a word whose hash says so, or before a word that would take its
/// postings past a size. The hash boundaries cut the alphabet into stretches that do not
/// move when questions are added; the size cuts split a stretch so a common word does not
/// share its chunk with a dozen others (the chunk a search for "pain" fetched at 50,000
/// questions was fourteen times what "pain" needs). The size is the smallest of 64 kB × 2ᵏ
/// and 96 kB × 2ᵏ that keeps the count within `MOST_CHUNKS`: it changes when the index
/// grows by a third or a half, not with each question added (which would move cuts in
/// every stretch), and an added question moves cuts only in its words' stretches.
pub(super) fn assign_chunks(index: &SearchIndex) -> (Vec<u32>, usize) {
    let terms = index.term_count();
    let sizes: Vec<usize> = (0..terms as u32)
        .map(|term| index.posting_bytes(term).len())
        .collect();
    let posting_bytes: usize = sizes.iter().sum();
    let stretches = (posting_bytes / CHUNK_POSTING_BYTES).clamp(1, MOST_STRETCHES);
    // Terms a stretch holds on average: a power of two, so boundaries move only when the
    // index doubles or halves.
    let per_stretch = terms.div_ceil(stretches).max(1).next_power_of_two() as u64;
    let mut alphabetical: Vec<u32> = (0..terms as u32).collect();
    alphabetical.sort_unstable_by(|&a, &b| index.term_word(a).cmp(index.term_word(b)));
    let stretch_ends: Vec<bool> = alphabetical
        .iter()
        .enumerate()
        .map(|(position, &term)| {
            position > 0
                && content_hash(index.term_word(term).as_bytes()).is_multiple_of(per_stretch)
        })
        .collect();
    let mut most_bytes = CHUNK_POSTING_BYTES;
    loop {
        let mut chunk_of = vec![0; terms];
        let mut chunk = 0;
        let mut chunk_bytes = 0;
        for (&term, &stretch_ends) in alphabetical.iter().zip(&stretch_ends) {
            let bytes = sizes[term as usize];
            if stretch_ends || (chunk_bytes > 0 && chunk_bytes + bytes > most_bytes) {
                chunk += 1;
                chunk_bytes = 0;
            }
            chunk_bytes += bytes;
            chunk_of[term as usize] = chunk;
        }
        let chunks = if terms == 0 { 0 } else { chunk as usize + 1 };
        // Past all the postings, only hash boundaries cut.
        if chunks <= MOST_CHUNKS || most_bytes >= posting_bytes {
            return (chunk_of, chunks);
        }
        most_bytes = next_cut_size(most_bytes);
    }
}

/// The cut sizes in order: 64 kB, 96 kB, 128 kB, 192 kB, 256 kB…
fn next_cut_size(size: usize) -> usize {
    if size.is_power_of_two() {
        size / 2 * 3
    } else {
        size / 3 * 4
    }
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

    fn chunk_bytes(index: &SearchIndex) -> (Vec<usize>, Vec<usize>) {
        let (chunk_of, chunks) = assign_chunks(index);
        let mut bytes = vec![0; chunks];
        let mut terms = vec![0; chunks];
        for (term, &chunk) in chunk_of.iter().enumerate() {
            bytes[chunk as usize] += index.posting_bytes(term as u32).len();
            terms[chunk as usize] += 1;
        }
        (bytes, terms)
    }

    #[test]
    fn a_chunk_of_several_words_stays_within_the_smallest_cut_size_when_it_can() {
        let archive = Archive::parse(&ask_expert_fixtures::generate_archive_json(2_000, 4));
        let index = SearchIndex::build(&archive.unwrap());
        let (bytes, terms) = chunk_bytes(&index);
        assert!(bytes.len() > 1 && bytes.len() <= MOST_CHUNKS);
        for (chunk, (&bytes, &terms)) in bytes.iter().zip(&terms).enumerate() {
            assert!(terms == 1 || bytes <= CHUNK_POSTING_BYTES, "chunk {chunk}");
        }
    }

    #[test]
    fn cut_sizes_grow_by_a_half_then_a_third() {
        let mut sizes = vec![CHUNK_POSTING_BYTES];
        for _ in 0..4 {
            sizes.push(next_cut_size(*sizes.last().unwrap()));
        }
        let kilobytes: Vec<usize> = sizes.iter().map(|size| size / 1024).collect();
        assert_eq!(kilobytes, [64, 96, 128, 192, 256]);
    }
}

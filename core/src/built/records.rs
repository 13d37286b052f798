//! Where each question's record sits in its shard, so the page can fetch a few questions
//! with an HTTP range request instead of their whole shards: ten search results are ten
//! records of a few kB, where their shards are ten files of a hundred questions each.
//!
//! The record file is `AER2`, the question count, the record unit, then each question's
//! record length in units, in the default view's order (the shards' order, one after
//! another). Inside a shard the first record starts after `[` and each next one after the
//! previous one's comma, so lengths are all it takes. Each record is padded with spaces to
//! a whole number of units (`RECORD_UNIT`): a length then fits one byte up to 8 kB, which
//! halves the file (85 → 35 kB gzip at 50,000 questions) for about 1% more bytes in shards,
//! where gzip makes a run of spaces next to nothing.
//!
//! A run of records is named like its shard with the bytes as a fragment,
//! `archive/questions-….json#bytes=120-4711` (first and last byte, as HTTP counts them): the
//! fragment never reaches the server, and the page sends it as a `Range` header
//! (`byte_range`). A host that ignores ranges answers with the whole shard, which the page
//! takes in under the shard's own name (`whole_file`).

use std::ops::Range;

use super::BuiltError;
use super::bytes::{Reader, Writer};

const TAG: &[u8; 4] = b"AER2";

/// Every record's length in bytes is a multiple of this (spaces after its JSON make it so).
pub(super) const RECORD_UNIT: u32 = 64;

/// The record file, from each shard's record lengths in order (each a multiple of
/// `RECORD_UNIT`).
pub(super) fn write<'a>(shards: impl IntoIterator<Item = &'a [u32]>) -> Vec<u8> {
    let lengths: Vec<u32> = shards.into_iter().flatten().copied().collect();
    let mut out = Writer::new(TAG);
    out.number(lengths.len() as u32);
    out.number(RECORD_UNIT);
    for length in lengths {
        debug_assert!(length.is_multiple_of(RECORD_UNIT), "a record is padded");
        out.number(length / RECORD_UNIT);
    }
    out.bytes
}

/// Spaces after a record's JSON (`record_start` is where it begins in `shard`), so its
/// length is a whole number of units; its length.
pub(super) fn pad_record(shard: &mut Vec<u8>, record_start: usize) -> u32 {
    let length = u32::try_from(shard.len() - record_start).expect("a record under 4 GB");
    let padded = length.next_multiple_of(RECORD_UNIT);
    shard.resize(record_start + padded as usize, b' ');
    padded
}

/// Each record's bytes within its shard, in the default view's order, given how many
/// questions each shard holds.
pub(super) fn read(bytes: &[u8], shard_counts: &[usize]) -> Result<Vec<Range<u32>>, BuiltError> {
    let mut input = Reader::new(bytes, TAG, "record")?;
    let count = input.count()?;
    if count != shard_counts.iter().sum::<usize>() {
        return Err(BuiltError::new(
            "the record file does not match the manifest".to_owned(),
        ));
    }
    let unit = input.number()?;
    let damaged = || BuiltError::new("the record file is damaged".to_owned());
    if unit == 0 {
        return Err(damaged());
    }
    let mut spans = Vec::with_capacity(count);
    for &shard_count in shard_counts {
        let mut start: u32 = 1;
        for _ in 0..shard_count {
            let end = input
                .number()?
                .checked_mul(unit)
                .and_then(|length| start.checked_add(length))
                .ok_or_else(damaged)?;
            spans.push(start..end);
            start = end.saturating_add(1);
        }
    }
    input.finish()?;
    Ok(spans)
}

/// The name of a run of records in `file`.
pub(super) fn run_name(file: &str, bytes: &Range<u32>) -> String {
    format!("{file}#bytes={}-{}", bytes.start, bytes.end - 1)
}

/// A run's file and bytes, from its name; `None` for a whole file's name.
pub(super) fn parse_run_name(name: &str) -> Option<(&str, Range<u32>)> {
    let (file, fragment) = name.split_once("#bytes=")?;
    let (first, last) = fragment.split_once('-')?;
    let first: u32 = first.parse().ok()?;
    let last: u32 = last.parse().ok()?;
    if first > last {
        return None;
    }
    Some((file, first..last.checked_add(1)?))
}

/// The `Range` header that fetches a file named by the manifest or by `files_for_questions`:
/// `None` for a whole file.
pub fn byte_range(name: &str) -> Option<String> {
    let (_, bytes) = parse_run_name(name)?;
    Some(format!("bytes={}-{}", bytes.start, bytes.end - 1))
}

/// The whole file a name is part of (the name itself for a whole file): what a host that
/// ignores ranges sends.
pub fn whole_file(name: &str) -> &str {
    parse_run_name(name).map_or(name, |(file, _)| file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_give_each_record_its_bytes_shard_by_shard() {
        let bytes = write([&[64, 192][..], &[128][..]]);
        assert_eq!(read(&bytes, &[2, 1]).unwrap(), vec![1..65, 66..258, 1..129]);
        assert!(read(&bytes, &[1, 1]).is_err(), "counts that do not match");
        assert!(read(&bytes[..bytes.len() - 1], &[2, 1]).is_err());
        assert_eq!(bytes.len(), 4 + 1 + 1 + 3, "each length in one byte");
    }

    #[test]
    fn a_record_is_padded_with_spaces_to_whole_units() {
        let mut shard = b"[{\"id\":\"a\"}".to_vec();
        assert_eq!(pad_record(&mut shard, 1), RECORD_UNIT);
        assert_eq!(shard.len(), 1 + RECORD_UNIT as usize);
        assert!(shard[11..].iter().all(|&byte| byte == b' '));
        let exact = shard.len();
        assert_eq!(pad_record(&mut shard, 1), RECORD_UNIT, "already whole");
        assert_eq!(shard.len(), exact);
    }

    #[test]
    fn a_run_is_named_by_its_file_and_bytes() {
        let name = run_name("archive/questions-1.json", &(5..10));
        assert_eq!(name, "archive/questions-1.json#bytes=5-9");
        assert_eq!(byte_range(&name).as_deref(), Some("bytes=5-9"));
        assert_eq!(whole_file(&name), "archive/questions-1.json");
        assert_eq!(whole_file("archive/terms-2.bin"), "archive/terms-2.bin");
        assert_eq!(byte_range("archive/terms-2.bin"), None);
        for odd in ["f#bytes=9-5", "f#bytes=-5", "f#bytes=a-b", "f#bytes=5"] {
            assert_eq!(byte_range(odd), None, "{odd}");
        }
    }
}

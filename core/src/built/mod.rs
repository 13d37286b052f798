//! The archive built for the web: a small manifest the page re-fetches, and immutable,
//! content-named files it fetches only as the visitor needs them (question shards, a
//! column file for browsing, and the search index in pieces). `docs/built-archive.md`
//! describes the files; this module writes them (`write`) and reads them back
//! (`BuiltArchive`), with the same answers as the archive read whole. No I/O: files are
//! names and bytes, and the caller fetches or stores them.

mod bytes;
mod columns;
mod index_files;
mod manifest;
mod reader;
mod records;
mod shards;

pub use columns::{ColumnsReading, FieldLengths, ReadColumns};
pub use manifest::{ChunkFiles, FORMAT, Manifest, ShardAnswer, ShardFile, ShardQuestion};
pub use reader::{BuiltArchive, FileGives};
pub use records::{byte_range, whole_file};

use std::fmt;

use crate::archive::Archive;
use crate::config::DEFAULT_PAGE_SIZE;
use crate::facets::subtree_counts;
use crate::search::SearchIndex;

/// The manifest's name: fixed, so the page can find it, and the one file served with a
/// short cache lifetime.
pub const MANIFEST_NAME: &str = "archive.manifest.json";

/// The folder, beside the manifest, that every content-named file goes in.
pub const FOLDER: &str = "archive";

/// How many questions of the default view the manifest carries: a page at the default
/// size shows its first results from the manifest alone.
pub const FIRST_PAGE_QUESTIONS: usize = DEFAULT_PAGE_SIZE;

/// One file to publish: its path relative to the manifest's folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Why built files could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltError(String);

impl BuiltError {
    fn new(message: String) -> BuiltError {
        BuiltError(message)
    }
}

impl fmt::Display for BuiltError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BuiltError {}

/// Where the static pages built beside the data are, so the page can link to them.
#[derive(Debug, Clone, PartialEq)]
pub struct PageAddresses {
    /// The public address of the folder the pages are in, ending in "/".
    pub base_url: String,
    /// Each question's page relative to `base_url`, by question number (archive order).
    pub question_pages: Vec<String>,
}

/// Every file of the built archive; the manifest comes last, so a writer that writes them
/// in order never publishes a manifest naming a file not there yet.
pub fn write(archive: &Archive) -> Vec<BuiltFile> {
    write_with_pages(archive, None)
}

/// `write`, naming each question's static page.
pub fn write_with_pages(archive: &Archive, pages: Option<&PageAddresses>) -> Vec<BuiltFile> {
    write_files(archive, &SearchIndex::build(archive), pages)
}

fn write_files(
    archive: &Archive,
    index: &SearchIndex,
    pages: Option<&PageAddresses>,
) -> Vec<BuiltFile> {
    let mut files = Vec::new();
    let mut add = |stem: &str, extension: &str, bytes: Vec<u8>| {
        let name = format!("{FOLDER}/{stem}-{:016x}.{extension}", content_hash(&bytes));
        files.push(BuiltFile {
            name: name.clone(),
            bytes,
        });
        name
    };

    let newest_first = crate::browse::newest_first(archive);
    let written = shards::write(archive, &newest_first, pages);
    let records = add(
        "records",
        "bin",
        records::write(written.iter().map(|shard| &shard.record_lengths[..])),
    );
    let shards = written
        .into_iter()
        .map(|shard| ShardFile {
            count: shard.record_lengths.len(),
            file: add("questions", "json", shard.bytes),
        })
        .collect();
    let columns = add(
        "columns",
        "bin",
        columns::write(archive, &index.field_lengths()),
    );
    let (chunk_of, chunk_count) = index_files::assign_chunks(index);
    let terms = add("terms", "bin", index_files::write_terms(index, &chunk_of));
    let chunks = index_files::write_chunks(index, &chunk_of, chunk_count)
        .into_iter()
        .map(|[postings, positions]| ChunkFiles {
            postings: add("postings", "bin", postings),
            positions: add("positions", "bin", positions),
        })
        .collect();

    let manifest = Manifest {
        format: FORMAT.to_owned(),
        title: archive.title.clone(),
        categories: manifest::categories_value(&archive.categories),
        synonyms: archive.synonyms.clone(),
        language: archive.language.clone(),
        total: archive.questions.len(),
        category_counts: subtree_counts(archive, 0..archive.questions.len()),
        first_page: newest_first
            .iter()
            .take(FIRST_PAGE_QUESTIONS)
            .map(|&question| {
                let page = pages.map(|pages| pages.question_pages[question].as_str());
                ShardQuestion::from_question(&archive.questions[question], page)
            })
            .collect(),
        columns,
        terms,
        shards,
        records: Some(records),
        chunks,
        base_url: pages.map(|pages| pages.base_url.clone()),
    };
    let mut text = serde_json::to_string(&manifest).expect("the manifest always serializes");
    text.push('\n');
    files.push(BuiltFile {
        name: MANIFEST_NAME.to_owned(),
        bytes: text.into_bytes(),
    });
    files
}

/// A 64-bit hash of `bytes` (FNV-1a, then mixed so every bit depends on every byte): for
/// content names, and for where shards and chunks end. It is written out here, not taken
/// from the standard library, because names must not change with the compiler.
pub(crate) fn content_hash(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ hash >> 33
}

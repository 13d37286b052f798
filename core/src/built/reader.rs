//! Reading the built archive back as its files arrive: the manifest first (title, boxes,
//! counts and the first page), then the column file (browsing, sorting and paging over
//! every question), the shards holding the questions on screen, and for search the
//! vocabulary and the chunks a query's terms are in. Files may arrive in any order; one
//! that needs another is kept until that one comes.

use std::collections::HashMap;

use super::index_files::{self, ChunkPart};
use super::manifest::{Manifest, ShardQuestion};
use super::{BuiltError, FieldLengths, columns};
use crate::archive::{Archive, Question};
use crate::config::Config;
use crate::loading;
use crate::search::{Language, SearchIndex};
use crate::url_state::UrlState;

/// What a file named in the manifest holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Columns,
    Terms,
    Shard(usize),
    Chunk(usize, ChunkPart),
}

/// The archive as far as its files have arrived.
pub struct BuiltArchive {
    manifest: Manifest,
    /// Every question once the column file is in; text and answers once its shard is.
    archive: Archive,
    kinds: HashMap<String, Kind>,
    loaded: HashMap<String, bool>,
    /// Files that came before the file they need.
    waiting: Vec<(String, Vec<u8>)>,
    field_lengths: Vec<FieldLengths>,
    /// Question numbers in the default view's order, which is the order of the manifest's
    /// first page and of the shards, one after another.
    newest_first: Vec<usize>,
    /// Each question's shard, by question number.
    shard_of: Vec<usize>,
    /// Questions whose text came with the manifest's first page, by question number: the
    /// default view's first page needs no shard.
    text_from_manifest: Vec<bool>,
    index: Option<SearchIndex>,
    /// Each term's chunk, by term number, once the vocabulary is in.
    chunk_of: Vec<u32>,
    /// Question pages by question id, for those read so far (see `page_url`).
    pages: HashMap<String, String>,
}

impl BuiltArchive {
    /// Reads the manifest: enough for the title, the boxes with their counts, the total and
    /// the first page.
    pub fn new(manifest: &[u8]) -> Result<BuiltArchive, BuiltError> {
        let manifest = Manifest::parse(manifest)?;
        let archive = manifest.empty_archive()?;
        let pages = manifest
            .first_page
            .iter()
            .filter_map(|question| Some((question.id.clone(), question.page.clone()?)))
            .collect();
        let mut kinds = HashMap::new();
        kinds.insert(manifest.columns.clone(), Kind::Columns);
        kinds.insert(manifest.terms.clone(), Kind::Terms);
        for (number, shard) in manifest.shards.iter().enumerate() {
            kinds.insert(shard.file.clone(), Kind::Shard(number));
        }
        for (number, chunk) in manifest.chunks.iter().enumerate() {
            kinds.insert(
                chunk.postings.clone(),
                Kind::Chunk(number, ChunkPart::Postings),
            );
            kinds.insert(
                chunk.positions.clone(),
                Kind::Chunk(number, ChunkPart::Positions),
            );
        }
        Ok(BuiltArchive {
            manifest,
            archive,
            kinds,
            loaded: HashMap::new(),
            waiting: Vec::new(),
            field_lengths: Vec::new(),
            newest_first: Vec::new(),
            shard_of: Vec::new(),
            text_from_manifest: Vec::new(),
            index: None,
            chunk_of: Vec::new(),
            pages,
        })
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The public address of a question's static page, when pages were built beside the
    /// data and the question's page or shard has been read.
    pub fn page_url(&self, question_id: &str) -> Option<String> {
        let base_url = self.manifest.base_url.as_deref()?;
        Some(format!("{base_url}{}", self.pages.get(question_id)?))
    }

    /// The default view's first questions, newest first, from the manifest alone.
    pub fn first_page(&self) -> Result<Vec<Question>, BuiltError> {
        self.manifest
            .first_page
            .iter()
            .map(|question| question.to_question(&self.archive.categories))
            .collect()
    }

    /// The first results from the manifest alone: the archive (title, tree, settings) holding
    /// only its `shown` newest questions, as the default view's first page shows them.
    pub fn first_results(&self, shown: usize) -> Result<Archive, BuiltError> {
        let archive = &self.archive;
        Ok(Archive {
            title: archive.title.clone(),
            categories: archive.categories.clone(),
            questions: self.first_page()?.into_iter().take(shown).collect(),
            synonyms: archive.synonyms.clone(),
            language: archive.language.clone(),
            problems: archive.problems.clone(),
        })
    }

    /// The first results for the view `address` describes, when the manifest alone can
    /// show it (`loading::first_paint`: the default view, no question named in the
    /// fragment); `None` when that view needs more.
    pub fn first_results_for(
        &self,
        config: &Config,
        address: &UrlState,
        names_question: bool,
    ) -> Option<Archive> {
        let shown = loading::first_paint(
            config,
            address,
            names_question,
            self.manifest.first_page.len(),
            self.manifest.total,
        )?;
        self.first_results(shown).ok()
    }

    /// The archive so far: no questions before the column file, then every question, with
    /// text and answers for those whose shard has arrived. Browsing (`browse::browse`)
    /// needs only what the column file gives.
    pub fn archive(&self) -> &Archive {
        &self.archive
    }

    /// True once every question can be browsed, sorted, counted and paged.
    pub fn browsable(&self) -> bool {
        self.is_loaded(&self.manifest.columns)
    }

    /// The index, once the vocabulary is in; a query's results are complete once
    /// `files_for_query` names nothing more.
    pub fn search_index(&self) -> Option<&SearchIndex> {
        self.index.as_ref()
    }

    fn is_loaded(&self, name: &str) -> bool {
        self.loaded.get(name).copied().unwrap_or(false)
    }

    fn missing<'a>(&self, names: impl IntoIterator<Item = &'a String>) -> Vec<String> {
        let mut missing: Vec<String> = Vec::new();
        for name in names {
            if !self.is_loaded(name) && !missing.contains(name) {
                missing.push(name.clone());
            }
        }
        missing
    }

    /// What browsing needs: the column file, unless it is in.
    pub fn files_for_browsing(&self) -> Vec<String> {
        self.missing([&self.manifest.columns])
    }

    /// What any search needs before its own chunks: worth fetching when the search box
    /// gets focus.
    pub fn files_for_search(&self) -> Vec<String> {
        self.missing([&self.manifest.columns, &self.manifest.terms])
    }

    /// Every file not yet in that searching for `query` reads: the vocabulary first, and
    /// once it is in, the chunks of the terms the query plans to read.
    pub fn files_for_query(&self, query: &str) -> Vec<String> {
        let Some(index) = &self.index else {
            return self.files_for_search();
        };
        let needed = index.terms_needed(query);
        let chunks = &self.manifest.chunks;
        let postings = needed
            .postings
            .iter()
            .map(|&term| &chunks[self.chunk_of[term as usize] as usize].postings);
        let positions = needed
            .positions
            .iter()
            .map(|&term| &chunks[self.chunk_of[term as usize] as usize].positions);
        self.missing(postings.chain(positions))
    }

    /// The shards holding these questions (by number) that are not in yet; nothing before
    /// the column file, which says where each question is.
    pub fn files_for_questions(&self, questions: &[usize]) -> Vec<String> {
        let shards = &self.manifest.shards;
        self.missing(
            questions
                .iter()
                .filter(|&&question| !self.has_text(question))
                .filter_map(|&question| self.shard_of.get(question))
                .map(|&shard| &shards[shard].file),
        )
    }

    /// True when the question's text and answers are in.
    pub fn has_text(&self, question: usize) -> bool {
        self.text_from_manifest.get(question) == Some(&true)
            || self
                .shard_of
                .get(question)
                .is_some_and(|&shard| self.is_loaded(&self.manifest.shards[shard].file))
    }

    /// Takes in a file the manifest names. A file already in is ignored; one whose
    /// prerequisite has not arrived is kept and read when it does.
    pub fn add_file(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), BuiltError> {
        let Some(&kind) = self.kinds.get(name) else {
            return Err(BuiltError::new(format!(
                "the manifest names no file {name}"
            )));
        };
        if self.is_loaded(name) {
            return Ok(());
        }
        let ready = match kind {
            Kind::Columns => true,
            Kind::Terms | Kind::Shard(_) => self.browsable(),
            Kind::Chunk(..) => self.index.is_some(),
        };
        if !ready {
            self.waiting.push((name.to_owned(), bytes));
            return Ok(());
        }
        match kind {
            Kind::Columns => self.add_columns(&bytes)?,
            Kind::Terms => self.add_terms(&bytes)?,
            Kind::Shard(number) => self.add_shard(number, &bytes)?,
            Kind::Chunk(_, part) => self.add_chunk(part, &bytes)?,
        }
        self.loaded.insert(name.to_owned(), true);
        if matches!(kind, Kind::Columns | Kind::Terms) {
            for (name, bytes) in std::mem::take(&mut self.waiting) {
                self.add_file(&name, bytes)?;
            }
        }
        Ok(())
    }

    fn add_columns(&mut self, bytes: &[u8]) -> Result<(), BuiltError> {
        let (questions, lengths) = columns::read(bytes, self.archive.categories.len())?;
        if questions.len() != self.manifest.total
            || self
                .manifest
                .shards
                .iter()
                .map(|shard| shard.count)
                .sum::<usize>()
                != questions.len()
        {
            return Err(BuiltError::new(
                "the column file does not match the manifest".to_owned(),
            ));
        }
        self.archive.questions = questions;
        self.field_lengths = lengths;
        self.newest_first = crate::browse::newest_first(&self.archive);
        self.shard_of = vec![0; self.manifest.total];
        let mut from = 0;
        for (number, shard) in self.manifest.shards.iter().enumerate() {
            for &question in &self.newest_first[from..from + shard.count] {
                self.shard_of[question] = number;
            }
            from += shard.count;
        }
        self.text_from_manifest = vec![false; self.manifest.total];
        let first_page = self.first_page()?;
        for (position, read) in first_page.into_iter().enumerate() {
            let question = self.question_at(position, &read.id).ok_or_else(|| {
                BuiltError::new("the manifest's first page does not match the column file".into())
            })?;
            self.archive.questions[question].text = read.text;
            self.archive.questions[question].answers = read.answers;
            self.text_from_manifest[question] = true;
        }
        Ok(())
    }

    /// The question at `position` in the default view's order, if its id is `id`.
    fn question_at(&self, position: usize, id: &str) -> Option<usize> {
        let &question = self.newest_first.get(position)?;
        (self.archive.questions[question].id == id).then_some(question)
    }

    fn add_terms(&mut self, bytes: &[u8]) -> Result<(), BuiltError> {
        let terms = index_files::read_terms(bytes, self.manifest.chunks.len())?;
        self.index = Some(SearchIndex::from_vocabulary(
            &self.archive.questions,
            &self.field_lengths,
            terms.words,
            &self.archive.synonyms,
            Language::from_tag(&self.archive.language),
        ));
        self.chunk_of = terms.chunk_of;
        Ok(())
    }

    fn add_chunk(&mut self, part: ChunkPart, bytes: &[u8]) -> Result<(), BuiltError> {
        let index = self.index.as_mut().expect("chunks wait for the vocabulary");
        for (term, bytes) in index_files::read_chunk(bytes, part, self.chunk_of.len())? {
            match part {
                ChunkPart::Postings => index.load_term_postings(term, bytes),
                ChunkPart::Positions => index.load_term_positions(term, bytes),
            }
        }
        Ok(())
    }

    fn add_shard(&mut self, number: usize, bytes: &[u8]) -> Result<(), BuiltError> {
        let damaged = || BuiltError::new("a question file is damaged".to_owned());
        let shard: Vec<ShardQuestion> = serde_json::from_slice(bytes).map_err(|_| damaged())?;
        // Shard k holds the next questions in the default view's order, in that order.
        let shards = &self.manifest.shards;
        let from: usize = shards[..number].iter().map(|shard| shard.count).sum();
        if shard.len() != shards[number].count {
            return Err(damaged());
        }
        for (offset, entry) in shard.iter().enumerate() {
            if let (Some(page), Some(_)) = (&entry.page, &self.manifest.base_url) {
                self.pages.insert(entry.id.clone(), page.clone());
            }
            let read = entry.to_question(&self.archive.categories)?;
            let question = self
                .question_at(from + offset, &read.id)
                .ok_or_else(damaged)?;
            let question = &mut self.archive.questions[question];
            question.text = read.text;
            question.answers = read.answers;
        }
        Ok(())
    }
}

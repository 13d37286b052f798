//! Reading the built archive back as its files arrive: the manifest first (title, boxes,
//! counts and the first page), then the column file (browsing, sorting and paging over
//! every question), the shards holding the questions on screen, and for search the
//! vocabulary and the chunks a query's terms are in. Files may arrive in any order; one
//! that needs another is kept until that one comes.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use super::columns::{self, ColumnsReading, ReadColumns};
use super::index_files::{self, ChunkPart};
use super::manifest::{Manifest, ShardQuestion};
use super::{BuiltError, FieldLengths, records};
use crate::archive::{Answer, Archive, Question};
use crate::browse::Orders;
use crate::config::Config;
use crate::loading;
use crate::search::{Language, SearchIndex};
use crate::url_state::UrlState;

/// What a file named in the manifest holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Columns,
    Terms,
    Records,
    Shard(usize),
    Chunk(usize, ChunkPart),
}

/// A question's text and answers, which come after the rest of it.
#[derive(Debug, Clone)]
struct QuestionText {
    text: String,
    answers: Vec<Answer>,
}

impl QuestionText {
    fn of(question: Question) -> QuestionText {
        QuestionText {
            text: question.text,
            answers: question.answers,
        }
    }
}

/// What a file gives the page: what browses and searches the questions, their texts, or
/// both (the column file: every question, and the first page's texts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileGives {
    Index,
    Texts,
    Both,
}

/// The archive as far as its files have arrived.
pub struct BuiltArchive {
    manifest: Manifest,
    /// Every question's id, date and categories once the column file is in; shared with
    /// the view as it is (texts are kept apart in `texts`, so it never needs copying).
    archive: Arc<Archive>,
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
    /// Each question's place in `newest_first`, by question number.
    position_of: Vec<usize>,
    /// Where each shard starts in `newest_first`.
    shard_from: Vec<usize>,
    /// Each record's bytes in its shard, by place in `newest_first`, once the record file
    /// is in: until then questions come in whole shards.
    record_spans: Option<Vec<Range<u32>>>,
    /// True once a run of records came back as other bytes than asked for (a CDN that
    /// mishandles ranges, say): from then on questions come in whole shards.
    ranges_failed: bool,
    /// Each question's text and answers once they are in, by question number: from the
    /// manifest's first page (the default view's first page needs no shard), a shard, or
    /// a run of records.
    texts: Vec<Option<QuestionText>>,
    index: Option<SearchIndex>,
    /// Worked out on first use after the column file: the page's start and its view both
    /// ask, and at 50,000 questions it costs a slow phone tens of milliseconds.
    orders: OnceLock<Arc<Orders>>,
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
        if let Some(records) = &manifest.records {
            kinds.insert(records.clone(), Kind::Records);
        }
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
            archive: Arc::new(archive),
            kinds,
            loaded: HashMap::new(),
            waiting: Vec::new(),
            field_lengths: Vec::new(),
            newest_first: Vec::new(),
            shard_of: Vec::new(),
            position_of: Vec::new(),
            shard_from: Vec::new(),
            record_spans: None,
            ranges_failed: false,
            texts: Vec::new(),
            index: None,
            orders: OnceLock::new(),
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

    /// The archive so far: no questions before the column file, then every question's id,
    /// date and categories, all that browsing (`browse::browse`) needs; texts and answers
    /// come with `question`. The view holds the same `Arc`.
    pub fn archive(&self) -> &Arc<Archive> {
        &self.archive
    }

    /// A question whole, once its text and answers are in.
    pub fn question(&self, question: usize) -> Option<Question> {
        let QuestionText { text, answers } = self.texts.get(question)?.as_ref()?;
        Some(Question {
            text: text.clone(),
            answers: answers.clone(),
            ..self.archive.questions[question].clone()
        })
    }

    /// The archive's orders, once the column file is in (the same as `Orders::new` gives).
    pub fn orders(&self) -> Option<Arc<Orders>> {
        self.browsable().then(|| {
            let orders = self.orders.get_or_init(|| {
                Arc::new(Orders::from_newest_first(
                    &self.archive,
                    self.newest_first.clone(),
                ))
            });
            Arc::clone(orders)
        })
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

    /// What any search needs before its own chunks, and the record file its results'
    /// texts are fetched by: worth fetching when the search box gets focus.
    pub fn files_for_search(&self) -> Vec<String> {
        let records = self.manifest.records.iter();
        self.missing(
            [&self.manifest.columns, &self.manifest.terms]
                .into_iter()
                .chain(records),
        )
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

    /// What holds these questions (by number) whose texts are not in yet: their shards,
    /// or once the record file is in, runs of records within them where a run is much
    /// smaller than its shard (see `records`), unless a run came back as other bytes than
    /// asked for. Nothing before the column file, which says where each question is.
    pub fn files_for_questions(&self, questions: &[usize]) -> Vec<String> {
        let shards = &self.manifest.shards;
        let lacking = questions
            .iter()
            .filter(|&&question| question < self.shard_of.len() && !self.has_text(question));
        let Some(spans) = self.record_spans.as_ref().filter(|_| !self.ranges_failed) else {
            return self.missing(lacking.map(|&question| &shards[self.shard_of[question]].file));
        };
        let mut positions: Vec<usize> = lacking
            .map(|&question| self.position_of[question])
            .collect();
        positions.sort_unstable();
        positions.dedup();
        let mut names: Vec<String> = Vec::new();
        let mut runs = positions.into_iter().peekable();
        while let Some(first) = runs.next() {
            let shard = self.shard_of[self.newest_first[first]];
            let mut last = first;
            while let Some(&next) = runs.peek() {
                if next != last + 1 || self.shard_of[self.newest_first[next]] != shard {
                    break;
                }
                last = next;
                runs.next();
            }
            let file = &shards[shard].file;
            let run = spans[first].start..spans[last].end;
            let shard_end = spans[self.shard_from[shard] + shards[shard].count - 1].end;
            // The run comes as it is, the shard compressed: a run is worth it while its
            // bytes are well under the shard's compressed size.
            let name = if (run.end - run.start) * RUN_WORTH_IT < shard_end {
                records::run_name(file, &run)
            } else {
                file.clone()
            };
            if !names.contains(&name) {
                names.push(name);
            }
        }
        self.missing(&names)
    }

    /// What a file named in the manifest (or a run of records) gives the page.
    pub fn what_file_gives(&self, name: &str) -> FileGives {
        match self.kinds.get(records::whole_file(name)) {
            Some(Kind::Columns) => FileGives::Both,
            Some(Kind::Shard(_) | Kind::Records) => FileGives::Texts,
            Some(Kind::Terms | Kind::Chunk(..)) | None => FileGives::Index,
        }
    }

    /// True for a postings or positions chunk: fetched for a query's words, so not needed
    /// once those words are replaced.
    pub fn is_search_chunk(&self, name: &str) -> bool {
        matches!(self.kinds.get(name), Some(Kind::Chunk(..)))
    }

    /// True when the question's text and answers are in.
    pub fn has_text(&self, question: usize) -> bool {
        self.texts.get(question).is_some_and(Option::is_some)
    }

    /// True when a file `files_for_questions` named holds this question's text.
    pub fn holds(&self, name: &str, question: usize) -> bool {
        let Some(&shard) = self.shard_of.get(question) else {
            return false;
        };
        if records::whole_file(name) != self.manifest.shards[shard].file {
            return false;
        }
        let spans = self.record_spans.as_ref();
        match (records::parse_run_name(name), spans) {
            (None, _) => true,
            (Some((_, run)), Some(spans)) => {
                let span = &spans[self.position_of[question]];
                run.start <= span.start && span.end <= run.end
            }
            (Some(_), None) => false,
        }
    }

    /// Takes in a file the manifest names. A file already in is ignored; one whose
    /// prerequisite has not arrived is kept and read when it does.
    pub fn add_file(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), BuiltError> {
        if let Some((file, run)) = records::parse_run_name(name) {
            return self.add_run(name, file, run, bytes);
        }
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
            Kind::Terms | Kind::Records | Kind::Shard(_) => self.browsable(),
            Kind::Chunk(..) => self.index.is_some(),
        };
        if !ready {
            self.waiting.push((name.to_owned(), bytes));
            return Ok(());
        }
        match kind {
            Kind::Columns => {
                self.add_columns(columns::read(bytes, self.archive.categories.len())?)?
            }
            Kind::Terms => self.add_terms(&bytes)?,
            Kind::Records => self.add_records(&bytes)?,
            Kind::Shard(number) => self.add_shard(number, &bytes)?,
            Kind::Chunk(_, part) => self.add_chunk(part, &bytes)?,
        }
        self.taken_in(name, kind)
    }

    /// Whether `name` is the column file, which a page reads a slice at a time
    /// (`read_columns_in_slices`) and takes in with `add_read_columns`.
    pub fn is_column_file(&self, name: &str) -> bool {
        self.kinds.get(name) == Some(&Kind::Columns)
    }

    /// The column file's bytes, to be read a few values a step (`ColumnsReading::step`)
    /// against this manifest's category tree.
    pub fn read_columns_in_slices(&self, bytes: Vec<u8>) -> Result<ColumnsReading, BuiltError> {
        ColumnsReading::new(bytes, self.archive.categories.len())
    }

    /// Takes in the column file, read by `read_columns_in_slices`.
    pub fn add_read_columns(&mut self, name: &str, read: ReadColumns) -> Result<(), BuiltError> {
        if !self.is_column_file(name) {
            return Err(BuiltError::new(format!(
                "{name} is not the manifest's column file"
            )));
        }
        if self.is_loaded(name) {
            return Ok(());
        }
        self.add_columns(read)?;
        self.taken_in(name, Kind::Columns)
    }

    /// Notes a file as in, and takes in the files that waited for it.
    fn taken_in(&mut self, name: &str, kind: Kind) -> Result<(), BuiltError> {
        self.loaded.insert(name.to_owned(), true);
        if matches!(kind, Kind::Columns | Kind::Terms | Kind::Records) {
            for (name, bytes) in std::mem::take(&mut self.waiting) {
                self.add_file(&name, bytes)?;
            }
        }
        Ok(())
    }

    fn add_columns(&mut self, read: ReadColumns) -> Result<(), BuiltError> {
        let ReadColumns { questions, lengths } = read;
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
        // Before the column file nothing holds the archive but this, so nothing is copied.
        Arc::make_mut(&mut self.archive).questions = questions;
        self.field_lengths = lengths;
        self.newest_first = crate::browse::newest_first(&self.archive);
        self.shard_of = vec![0; self.manifest.total];
        self.position_of = vec![0; self.manifest.total];
        for (position, &question) in self.newest_first.iter().enumerate() {
            self.position_of[question] = position;
        }
        let mut from = 0;
        for (number, shard) in self.manifest.shards.iter().enumerate() {
            self.shard_from.push(from);
            for &question in &self.newest_first[from..from + shard.count] {
                self.shard_of[question] = number;
            }
            from += shard.count;
        }
        self.texts = vec![None; self.manifest.total];
        let first_page = self.first_page()?;
        for (position, read) in first_page.into_iter().enumerate() {
            let question = self.question_at(position, &read.id).ok_or_else(|| {
                BuiltError::new("the manifest's first page does not match the column file".into())
            })?;
            self.texts[question] = Some(QuestionText::of(read));
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

    fn add_records(&mut self, bytes: &[u8]) -> Result<(), BuiltError> {
        let counts: Vec<usize> = self
            .manifest
            .shards
            .iter()
            .map(|shard| shard.count)
            .collect();
        self.record_spans = Some(records::read(bytes, &counts)?);
        Ok(())
    }

    fn add_shard(&mut self, number: usize, bytes: &[u8]) -> Result<(), BuiltError> {
        let shard: Vec<ShardQuestion> =
            serde_json::from_slice(bytes).map_err(|_| damaged_questions())?;
        // Shard k holds the next questions in the default view's order, in that order.
        if shard.len() != self.manifest.shards[number].count {
            return Err(damaged_questions());
        }
        self.take_in_questions(self.shard_from[number], &shard)
    }

    /// A run of records: the questions whose records are exactly these bytes of the shard.
    /// Takes in a run of records; one that is not the bytes asked for makes whole shards
    /// named from then on.
    fn add_run(
        &mut self,
        name: &str,
        file: &str,
        run: Range<u32>,
        bytes: Vec<u8>,
    ) -> Result<(), BuiltError> {
        let taken = self.take_in_run(name, file, run, bytes);
        if taken.is_err() {
            self.ranges_failed = true;
        }
        taken
    }

    fn take_in_run(
        &mut self,
        name: &str,
        file: &str,
        run: Range<u32>,
        bytes: Vec<u8>,
    ) -> Result<(), BuiltError> {
        let Some(&Kind::Shard(number)) = self.kinds.get(file) else {
            return Err(BuiltError::new(format!(
                "the manifest names no file {name}"
            )));
        };
        if self.is_loaded(name) || self.is_loaded(file) {
            return Ok(());
        }
        let Some(spans) = &self.record_spans else {
            self.waiting.push((name.to_owned(), bytes));
            return Ok(());
        };
        let from = self.shard_from[number];
        let in_shard = &spans[from..from + self.manifest.shards[number].count];
        let first = in_shard
            .binary_search_by_key(&run.start, |span| span.start)
            .map_err(|_| damaged_questions())?;
        let questions = in_shard[first..]
            .iter()
            .take_while(|span| span.end <= run.end)
            .count();
        if bytes.len() != (run.end - run.start) as usize
            || questions == 0
            || in_shard[first + questions - 1].end != run.end
        {
            return Err(damaged_questions());
        }
        let mut list = Vec::with_capacity(bytes.len() + 2);
        list.push(b'[');
        list.extend_from_slice(&bytes);
        list.push(b']');
        let entries: Vec<ShardQuestion> =
            serde_json::from_slice(&list).map_err(|_| damaged_questions())?;
        if entries.len() != questions {
            return Err(damaged_questions());
        }
        self.take_in_questions(from + first, &entries)?;
        self.loaded.insert(name.to_owned(), true);
        Ok(())
    }

    /// Gives the questions from `from` on in the default view's order their texts and
    /// answers, checking each is the question it claims to be.
    fn take_in_questions(
        &mut self,
        from: usize,
        entries: &[ShardQuestion],
    ) -> Result<(), BuiltError> {
        for (offset, entry) in entries.iter().enumerate() {
            if let (Some(page), Some(_)) = (&entry.page, &self.manifest.base_url) {
                self.pages.insert(entry.id.clone(), page.clone());
            }
            let read = entry.to_question(&self.archive.categories)?;
            let number = self
                .question_at(from + offset, &read.id)
                .ok_or_else(damaged_questions)?;
            self.texts[number] = Some(QuestionText::of(read));
        }
        Ok(())
    }
}

/// A run of records is fetched only while its bytes, sent as they are, are under a third
/// of its shard's: about what gzip leaves of the shard.
const RUN_WORTH_IT: u32 = 3;

fn damaged_questions() -> BuiltError {
    BuiltError::new("a question file is damaged".to_owned())
}

//! The index and the builder that fills it a slice of questions at a time.
//!
//! For every word of the archive (its *term*) the index keeps a posting list: the questions
//! holding it and how often in each field; and, apart, where in each question it stands
//! (its positions), which is what quoted phrases and multi-word synonyms are checked
//! against. Both are variable-length encoded. The vocabulary keeps what lets a query word
//! find its other forms: stem families, and lengths and letter masks for near spellings.

use std::mem::size_of;
use std::ops::Range;

use crate::archive::{Archive, Question};

use super::dictionary::Dictionary;
use super::field::{FIELD_COUNT, Field, PerField};
use super::fuzzy::letter_mask;
use super::order::{descending, sort_keys, sorted_unique};
use super::ranking::length_norms;
use super::stem::Language;
use super::tokenize::{WordSink, feed_words, for_each_answer_word, for_each_word};
use super::varint;

/// Positions skip one at a break (between labels, answers or paragraphs) and at a change
/// of field, so a phrase, whose words stand at consecutive positions, never spans one.
const POSITION_GAP: u32 = 1;

/// Words longer than this share the last length bucket for typo matching.
const LONGEST_BUCKET: usize = 40;

/// A searchable index of an archive's questions, answers and category labels.
pub struct SearchIndex {
    pub(super) vocabulary: Vocabulary,
    postings: Vec<u8>,
    /// Where each term's postings lie in `postings` (start, end): a prebuilt index loads
    /// terms in any order, and a term not loaded has an empty span.
    posting_spans: Vec<[u32; 2]>,
    positions: Vec<u8>,
    position_spans: Vec<[u32; 2]>,
    pub(super) documents: Documents,
    pub(super) synonyms: Vec<SynonymGroup>,
    /// The archive's language: how words are stemmed and which are stop words.
    pub(super) language: Language,
}

/// What the index knows of each question besides its words.
pub(super) struct Documents {
    /// BM25F length factors per field (see [`super::ranking::length_norms`]).
    pub(super) norms: Vec<PerField<f32>>,
    /// 0 for the newest question (archive order among equals): breaks score ties.
    pub(super) recency_rank: Vec<u32>,
    /// The questions by recency rank.
    pub(super) newest_first: Vec<u32>,
}

impl Documents {
    pub(super) fn count(&self) -> usize {
        self.norms.len()
    }
}

/// One posting: a question holding the term, and how often in each field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Posting {
    pub(super) document: u32,
    pub(super) frequencies: PerField<u32>,
}

pub(super) struct PostingReader<'a> {
    bytes: &'a [u8],
    position: usize,
    document: u32,
}

impl Iterator for PostingReader<'_> {
    type Item = Posting;

    #[inline]
    fn next(&mut self) -> Option<Posting> {
        if self.position >= self.bytes.len() {
            return None;
        }
        let head = varint::read(self.bytes, &mut self.position);
        self.document += head >> FIELD_COUNT;
        let mut frequencies = [0; FIELD_COUNT];
        for (field, frequency) in frequencies.iter_mut().enumerate() {
            if head & (1 << field) != 0 {
                *frequency = varint::read(self.bytes, &mut self.position);
            }
        }
        Some(Posting {
            document: self.document,
            frequencies,
        })
    }
}

/// A term's postings together with its positions, which are stored apart (most searches
/// never need them) in the same order: for each posting, as many positions as its
/// frequencies add up to, field by field, each as the distance from the one before.
pub(super) struct Occurrences<'a> {
    postings: PostingReader<'a>,
    positions: &'a [u8],
    cursor: usize,
}

impl Occurrences<'_> {
    pub(super) fn next_posting(&mut self) -> Option<Posting> {
        self.postings.next()
    }

    /// Calls `each(position, field)` for every position of `posting`, the last one read.
    pub(super) fn positions(&mut self, posting: &Posting, mut each: impl FnMut(u32, usize)) {
        let mut position = 0;
        for (field, &frequency) in posting.frequencies.iter().enumerate() {
            for _ in 0..frequency {
                position += varint::read(self.positions, &mut self.cursor);
                each(position, field);
            }
        }
    }

    /// Moves past the positions of `posting`, the last one read.
    pub(super) fn skip_positions(&mut self, posting: &Posting) {
        let count: u32 = posting.frequencies.iter().sum();
        for _ in 0..count {
            while self.positions[self.cursor] >= 0x80 {
                self.cursor += 1;
            }
            self.cursor += 1;
        }
    }
}

/// A group of words or phrases the archive treats as the same, as written and tokenized.
pub(super) struct SynonymGroup {
    pub(super) members: Vec<SynonymMember>,
}

pub(super) struct SynonymMember {
    pub(super) written: String,
    pub(super) words: Vec<String>,
    pub(super) stem_keys: Vec<String>,
}

impl SearchIndex {
    /// Builds the whole index at once.
    pub fn build(archive: &Archive) -> SearchIndex {
        SearchIndexBuilder::new(archive).finish()
    }

    pub(super) fn postings(&self, term: u32) -> PostingReader<'_> {
        let bytes = self.posting_bytes(term);
        PostingReader {
            bytes,
            position: 0,
            document: 0,
        }
    }

    pub(super) fn occurrences(&self, term: u32) -> Occurrences<'_> {
        let positions = self.position_bytes(term);
        Occurrences {
            postings: self.postings(term),
            positions,
            cursor: 0,
        }
    }

    /// Approximate heap bytes used by the index (for the benchmark).
    pub fn heap_size(&self) -> usize {
        let synonyms: usize = self
            .synonyms
            .iter()
            .flat_map(|group| &group.members)
            .map(|member| {
                size_of::<SynonymMember>()
                    + member.written.capacity()
                    + member
                        .words
                        .iter()
                        .chain(&member.stem_keys)
                        .map(|word| word.capacity() + size_of::<String>())
                        .sum::<usize>()
            })
            .sum();
        self.vocabulary.heap_size()
            + vec_bytes(&self.postings)
            + vec_bytes(&self.posting_spans)
            + vec_bytes(&self.positions)
            + vec_bytes(&self.position_spans)
            + vec_bytes(&self.documents.norms)
            + vec_bytes(&self.documents.recency_rank)
            + vec_bytes(&self.documents.newest_first)
            + vec_bytes(&self.synonyms)
            + synonyms
    }
}

/// What a prebuilt index is written from and read back into (see `crate::built`): the
/// vocabulary in term order, each term's postings and positions as stored, and each
/// question's field lengths. Read back, the index is the same, term numbers included, so
/// every tie between equally common words breaks the same way.
impl SearchIndex {
    pub(crate) fn term_count(&self) -> usize {
        self.posting_spans.len()
    }

    pub(crate) fn term_word(&self, term: u32) -> &str {
        self.vocabulary.word(term)
    }

    pub(crate) fn term_questions(&self, term: u32) -> u32 {
        self.vocabulary.document_frequency(term)
    }

    pub(crate) fn posting_bytes(&self, term: u32) -> &[u8] {
        let [start, end] = self.posting_spans[term as usize];
        &self.postings[start as usize..end as usize]
    }

    pub(crate) fn position_bytes(&self, term: u32) -> &[u8] {
        let [start, end] = self.position_spans[term as usize];
        &self.positions[start as usize..end as usize]
    }

    /// How many words each question has in each field: the sum of its postings'
    /// frequencies, which is how the builder counted them.
    pub(crate) fn field_lengths(&self) -> Vec<PerField<u32>> {
        let mut lengths = vec![[0; FIELD_COUNT]; self.documents.count()];
        for term in 0..self.term_count() as u32 {
            for posting in self.postings(term) {
                let question = &mut lengths[posting.document as usize];
                for (length, frequency) in question.iter_mut().zip(posting.frequencies) {
                    *length += frequency;
                }
            }
        }
        lengths
    }

    /// An index with the vocabulary (words in term order, each with how many questions
    /// hold it) and the questions' lengths and dates, but no term's postings yet: they
    /// come with `load_term`.
    pub(crate) fn from_vocabulary<'w>(
        questions: &[Question],
        field_lengths: &[PerField<u32>],
        words: impl IntoIterator<Item = (&'w str, u32)>,
        synonyms: &[Vec<String>],
        language: Language,
    ) -> SearchIndex {
        let mut dictionary = Dictionary::default();
        let mut stem_families = Dictionary::default();
        let mut family_of = Vec::new();
        let mut document_frequency = Vec::new();
        for (word, questions) in words {
            dictionary.get_or_insert(word);
            family_of.push(stem_families.get_or_insert(&language.stem_key(word)).0);
            document_frequency.push(questions);
        }
        let terms = document_frequency.len();
        SearchIndex {
            vocabulary: Vocabulary::new(dictionary, document_frequency, stem_families, family_of),
            postings: Vec::new(),
            posting_spans: vec![[0, 0]; terms],
            positions: Vec::new(),
            position_spans: vec![[0, 0]; terms],
            documents: Documents::new(questions, field_lengths),
            synonyms: synonym_groups(synonyms, language),
            language,
        }
    }

    /// Gives `term` its postings, as `posting_bytes` wrote them.
    pub(crate) fn load_term_postings(&mut self, term: u32, postings: &[u8]) {
        self.posting_spans[term as usize] = append(&mut self.postings, postings);
    }

    /// Gives `term` its positions, as `position_bytes` wrote them.
    pub(crate) fn load_term_positions(&mut self, term: u32, positions: &[u8]) {
        self.position_spans[term as usize] = append(&mut self.positions, positions);
    }
}

/// Every distinct word of the archive, numbered in order of first appearance.
pub(super) struct Vocabulary {
    dictionary: Dictionary,
    document_frequency: Vec<u32>,
    /// Stem keys, numbered as families.
    stem_families: Dictionary,
    family_starts: Vec<u32>,
    family_members: Vec<u32>,
    by_length: Vec<u32>,
    length_starts: Vec<usize>,
    letter_masks: Vec<u64>,
}

impl Vocabulary {
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.dictionary.len()
    }

    pub(super) fn id(&self, word: &str) -> Option<u32> {
        self.dictionary.get(word)
    }

    pub(super) fn word(&self, term: u32) -> &str {
        self.dictionary.word(term)
    }

    /// How many questions hold the term.
    pub(super) fn document_frequency(&self, term: u32) -> u32 {
        self.document_frequency[term as usize]
    }

    /// Every term whose stem key is `key` (see [`stem_key`]).
    pub(super) fn stem_family(&self, key: &str) -> &[u32] {
        match self.stem_families.get(key) {
            None => &[],
            Some(family) => {
                let family = family as usize;
                &self.family_members
                    [self.family_starts[family] as usize..self.family_starts[family + 1] as usize]
            }
        }
    }

    /// Every term longer than `prefix` that starts with it. A scan of the vocabulary
    /// (tens of thousands of words at most) costs less than keeping it sorted.
    pub(super) fn completions<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = u32> + 'a {
        let longer = self.length_starts[(prefix.chars().count() + 1).min(LONGEST_BUCKET)];
        self.by_length[longer..]
            .iter()
            .copied()
            .filter(move |&term| self.word(term).starts_with(prefix))
    }

    /// Every term of `lengths` characters.
    pub(super) fn of_lengths(&self, lengths: Range<usize>) -> &[u32] {
        let first = lengths.start.min(LONGEST_BUCKET + 1);
        let last = lengths.end.min(LONGEST_BUCKET + 1).max(first);
        &self.by_length[self.length_starts[first]..self.length_starts[last]]
    }

    pub(super) fn letter_mask(&self, term: u32) -> u64 {
        self.letter_masks[term as usize]
    }

    fn heap_size(&self) -> usize {
        self.dictionary.heap_size()
            + vec_bytes(&self.document_frequency)
            + self.stem_families.heap_size()
            + vec_bytes(&self.family_starts)
            + vec_bytes(&self.family_members)
            + vec_bytes(&self.by_length)
            + vec_bytes(&self.length_starts)
            + vec_bytes(&self.letter_masks)
    }
}

/// Adds `bytes` at the end of `all`, returning where they lie.
fn append(all: &mut Vec<u8>, bytes: &[u8]) -> [u32; 2] {
    let start = all.len() as u32;
    all.extend_from_slice(bytes);
    [start, all.len() as u32]
}

fn vec_bytes<T>(items: &Vec<T>) -> usize {
    items.capacity() * size_of::<T>()
}

/// Builds the index in slices so the browser can yield between them (never freezing the
/// page at 50,000 questions): `new()`, then `add(range)` repeatedly over
/// `0..questions.len()`, then `finish()`.
///
/// Questions are indexed in archive order: `add(range)` indexes every question not yet
/// indexed up to `range.end`, so ranges that leave a gap or overlap are harmless, and
/// `finish()` indexes whatever is left.
pub struct SearchIndexBuilder<'a> {
    archive: &'a Archive,
    next_question: usize,
    scratch: String,
    state: BuildState,
}

/// What the builder accumulates, apart from the archive and the word buffer, so the
/// tokenizer's callbacks can borrow it while the buffer is borrowed too.
struct BuildState {
    language: Language,
    dictionary: Dictionary,
    stem_families: Dictionary,
    family_of: Vec<u32>,
    terms: Vec<TermState>,
    /// Terms seen in the question being indexed.
    touched: Vec<u32>,
    /// 1 + the number of the question being indexed (0: none yet).
    current_stamp: u32,
    current_field: Field,
    /// Position of the next word in the question being indexed.
    next_position: u32,
    current_lengths: PerField<u32>,
    field_lengths: Vec<PerField<u32>>,
    /// The terms of each category's label.
    category_terms: Vec<Vec<u32>>,
    categories_scratch: Vec<u32>,
}

/// One term's postings and positions so far, and its counts in the question being indexed.
#[derive(Default)]
struct TermState {
    /// `current_stamp` of the last question that used the term.
    stamp: u32,
    last_position: u32,
    frequencies: PerField<u32>,
    positions: Vec<u8>,
    postings: Vec<u8>,
    last_document: u32,
    document_frequency: u32,
}

impl<'a> SearchIndexBuilder<'a> {
    pub fn new(archive: &'a Archive) -> Self {
        let question_count = archive.questions.len();
        let mut state = BuildState {
            language: Language::from_tag(&archive.language),
            dictionary: Dictionary::default(),
            stem_families: Dictionary::default(),
            family_of: Vec::new(),
            terms: Vec::new(),
            touched: Vec::new(),
            current_stamp: 0,
            current_field: Field::Question,
            next_position: 0,
            current_lengths: [0; FIELD_COUNT],
            field_lengths: Vec::with_capacity(question_count),
            category_terms: Vec::with_capacity(archive.categories.len()),
            categories_scratch: Vec::new(),
        };
        let mut scratch = String::new();
        for (_, category) in archive.categories.iter() {
            let mut terms = Vec::new();
            for_each_word(&category.label, &mut scratch, &mut |word, _| {
                terms.push(state.intern(word))
            });
            state.category_terms.push(terms);
        }
        SearchIndexBuilder {
            archive,
            next_question: 0,
            scratch,
            state,
        }
    }

    /// Indexes the questions of `questions` (and any before them not yet indexed).
    pub fn add(&mut self, questions: Range<usize>) {
        let end = questions.end.min(self.archive.questions.len());
        while self.next_question < end {
            let question = &self.archive.questions[self.next_question];
            self.state
                .index_question(self.archive, question, &mut self.scratch);
            self.next_question += 1;
        }
    }

    pub fn finish(mut self) -> SearchIndex {
        self.add(0..self.archive.questions.len());
        let state = self.state;
        let documents = Documents::new(&self.archive.questions, &state.field_lengths);

        let (postings, posting_spans) =
            concatenate(state.terms.iter().map(|term| &term.postings[..]));
        let (positions, position_spans) =
            concatenate(state.terms.iter().map(|term| &term.positions[..]));
        let document_frequency = state
            .terms
            .iter()
            .map(|term| term.document_frequency)
            .collect();
        drop(state.terms);

        let vocabulary = Vocabulary::new(
            state.dictionary,
            document_frequency,
            state.stem_families,
            state.family_of,
        );
        SearchIndex {
            vocabulary,
            postings,
            posting_spans,
            positions,
            position_spans,
            documents,
            synonyms: synonym_groups(&self.archive.synonyms, state.language),
            language: state.language,
        }
    }
}

/// The byte lists one after another, and where each lies.
fn concatenate<'a>(lists: impl Iterator<Item = &'a [u8]> + Clone) -> (Vec<u8>, Vec<[u32; 2]>) {
    let mut all = Vec::with_capacity(lists.clone().map(<[u8]>::len).sum());
    let mut spans = Vec::new();
    for list in lists {
        let start = all.len() as u32;
        all.extend_from_slice(list);
        spans.push([start, all.len() as u32]);
    }
    (all, spans)
}

impl Documents {
    /// Length factors and recency from each question's field lengths and dates.
    fn new(questions: &[Question], field_lengths: &[PerField<u32>]) -> Documents {
        let count = field_lengths.len();
        let mut totals = [0f64; FIELD_COUNT];
        for lengths in field_lengths {
            for field in 0..FIELD_COUNT {
                totals[field] += f64::from(lengths[field]);
            }
        }
        let averages = totals.map(|total| {
            if count == 0 {
                0.0
            } else {
                (total / count as f64) as f32
            }
        });
        let norms = field_lengths
            .iter()
            .map(|&lengths| length_norms(lengths, averages))
            .collect();

        let mut by_recency: Vec<u64> = (0..count)
            .map(|document| {
                let asked = questions[document].asked;
                let day = u32::from(asked.year()) << 9
                    | u32::from(asked.month()) << 5
                    | u32::from(asked.day());
                descending(day) << 32 | document as u64
            })
            .collect();
        sort_keys(&mut by_recency);
        let newest_first: Vec<u32> = by_recency.iter().map(|&key| key as u32).collect();
        let mut recency_rank = vec![0; count];
        for (rank, &document) in newest_first.iter().enumerate() {
            recency_rank[document as usize] = rank as u32;
        }
        Documents {
            norms,
            recency_rank,
            newest_first,
        }
    }
}

impl BuildState {
    /// The term number of `word`, adding it to the vocabulary when new.
    #[inline(always)]
    fn intern(&mut self, word: &str) -> u32 {
        let (term, added) = self.dictionary.get_or_insert(word);
        if added {
            let (family, _) = self
                .stem_families
                .get_or_insert(&self.language.stem_key(word));
            self.family_of.push(family);
            self.terms.push(TermState::default());
        }
        term
    }

    fn index_question(&mut self, archive: &Archive, question: &Question, scratch: &mut String) {
        let document = self.field_lengths.len() as u32;
        self.current_stamp = document + 1;
        self.current_lengths = [0; FIELD_COUNT];
        self.next_position = 0;

        self.current_field = Field::Question;
        feed_words(&question.text, scratch, self);

        self.start_field(Field::Category);
        let mut listed = std::mem::take(&mut self.categories_scratch);
        for &category in &question.categories {
            listed.extend(
                archive
                    .categories
                    .path(category)
                    .into_iter()
                    .map(|listed| listed as u32),
            );
        }
        // Each label once, in tree order, however many categories below it the question lists.
        for (position, category) in sorted_unique(listed.drain(..)).into_iter().enumerate() {
            if position > 0 {
                self.phrase_break();
            }
            for word in 0..self.category_terms[category as usize].len() {
                self.occurrence(self.category_terms[category as usize][word]);
            }
        }
        self.categories_scratch = listed;

        self.start_field(Field::Answer);
        for (position, answer) in question.answers.iter().enumerate() {
            if position > 0 {
                self.phrase_break();
            }
            for_each_answer_word(&answer.body, scratch, self);
        }

        self.finish_question(document);
    }

    fn start_field(&mut self, field: Field) {
        self.current_field = field;
        self.next_position += POSITION_GAP;
    }

    #[inline(always)]
    fn occurrence(&mut self, term: u32) {
        let state = &mut self.terms.as_mut_slice()[term as usize];
        if state.stamp != self.current_stamp {
            state.stamp = self.current_stamp;
            state.frequencies = [0; FIELD_COUNT];
            state.last_position = 0;
            self.touched.push(term);
        }
        state.frequencies[self.current_field.index()] += 1;
        varint::push(
            &mut state.positions,
            self.next_position - state.last_position,
        );
        state.last_position = self.next_position;
        self.next_position += 1;
        self.current_lengths[self.current_field.index()] += 1;
    }

    fn finish_question(&mut self, document: u32) {
        let terms = self.terms.as_mut_slice();
        for &term in &self.touched {
            let state = &mut terms[term as usize];
            let mut present = 0;
            for field in 0..FIELD_COUNT {
                if state.frequencies[field] > 0 {
                    present |= 1 << field;
                }
            }
            varint::push(
                &mut state.postings,
                ((document - state.last_document) << FIELD_COUNT) | present,
            );
            for frequency in state.frequencies {
                if frequency > 0 {
                    varint::push(&mut state.postings, frequency);
                }
            }
            state.last_document = document;
            state.document_frequency += 1;
        }
        self.touched.clear();
        self.field_lengths.push(self.current_lengths);
    }
}

impl WordSink for BuildState {
    #[inline(always)]
    fn word(&mut self, folded: &str, _: Range<usize>) {
        let term = self.intern(folded);
        self.occurrence(term);
    }

    fn phrase_break(&mut self) {
        self.next_position += POSITION_GAP;
    }
}

impl Vocabulary {
    fn new(
        mut dictionary: Dictionary,
        document_frequency: Vec<u32>,
        mut stem_families: Dictionary,
        family_of: Vec<u32>,
    ) -> Vocabulary {
        dictionary.shrink_to_fit();
        stem_families.shrink_to_fit();
        let term_count = dictionary.len() as u32;

        let mut family_starts = vec![0u32; stem_families.len() + 1];
        for &family in &family_of {
            family_starts[family as usize + 1] += 1;
        }
        for family in 0..stem_families.len() {
            family_starts[family + 1] += family_starts[family];
        }
        let mut family_members = vec![0; term_count as usize];
        let mut filled = family_starts.clone();
        for term in 0..term_count {
            let family = family_of[term as usize] as usize;
            family_members[filled[family] as usize] = term;
            filled[family] += 1;
        }

        let length_of = |term: u32| dictionary.word(term).chars().count().min(LONGEST_BUCKET);
        let mut by_length_keys: Vec<u64> = (0..term_count)
            .map(|term| (length_of(term) as u64) << 32 | u64::from(term))
            .collect();
        sort_keys(&mut by_length_keys);
        let by_length: Vec<u32> = by_length_keys.iter().map(|&key| key as u32).collect();
        let length_starts = (0..=LONGEST_BUCKET + 1)
            .map(|length| by_length.partition_point(|&term| length_of(term) < length))
            .collect();

        let letter_masks = (0..term_count)
            .map(|term| letter_mask(dictionary.word(term)))
            .collect();
        Vocabulary {
            dictionary,
            document_frequency,
            stem_families,
            family_starts,
            family_members,
            by_length,
            length_starts,
            letter_masks,
        }
    }
}

fn synonym_groups(synonyms: &[Vec<String>], language: Language) -> Vec<SynonymGroup> {
    let mut scratch = String::new();
    synonyms
        .iter()
        .map(|group| SynonymGroup {
            members: group
                .iter()
                .filter_map(|written| {
                    let mut words = Vec::new();
                    for_each_word(written, &mut scratch, &mut |word, _| {
                        words.push(word.to_owned())
                    });
                    let stem_keys = words.iter().map(|word| language.stem_key(word)).collect();
                    (!words.is_empty()).then(|| SynonymMember {
                        written: written.clone(),
                        words,
                        stem_keys,
                    })
                })
                .collect(),
        })
        .filter(|group| group.members.len() >= 2)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive(questions: &[(&str, &str)]) -> Archive {
        let questions: Vec<String> = questions
            .iter()
            .enumerate()
            .map(|(number, (question, answer))| {
                format!(
                    concat!(
                        r#"{{"id": "q{number}", "question": {question:?}, "#,
                        r#""answers": [{{"body": {answer:?}}}], "categories": ["leaf"], "#,
                        r#""asked": "2020-01-0{}"}}"#
                    ),
                    number % 9 + 1,
                    number = number,
                    question = question,
                    answer = answer
                )
            })
            .collect();
        let source = format!(
            concat!(
                r#"{{"schema": "ask-expert-archive/1", "categories": [{{"id": "top", "#,
                r#""label": "Back pain", "children": "#,
                r#"[{{"id": "leaf", "label": "Lower back"}}]}}], "#,
                r#""synonyms": [["slipped disc", "herniated disc"]], "questions": [{}]}}"#
            ),
            questions.join(",")
        );
        let archive = Archive::parse(&source).expect("test archive parses");
        assert!(archive.problems.is_empty(), "{:?}", archive.problems);
        archive
    }

    fn posting_list(index: &SearchIndex, word: &str) -> Vec<Posting> {
        index
            .vocabulary
            .id(word)
            .map(|term| index.postings(term).collect())
            .unwrap_or_default()
    }

    #[test]
    fn postings_count_each_field() {
        let index = SearchIndex::build(&archive(&[
            ("Needles in my back?", "Needles are fine. A needle or two."),
            ("Nothing here", "Still nothing."),
            (
                "Pain",
                "Back pain, back again. [see](https://example.org/needles)",
            ),
        ]));
        assert_eq!(
            posting_list(&index, "needles"),
            [Posting {
                document: 0,
                frequencies: [1, 0, 1]
            }]
        );
        assert_eq!(
            posting_list(&index, "back"),
            [
                Posting {
                    document: 0,
                    frequencies: [1, 2, 0]
                },
                Posting {
                    document: 1,
                    frequencies: [0, 2, 0]
                },
                Posting {
                    document: 2,
                    frequencies: [0, 2, 2]
                },
            ]
        );
        assert_eq!(
            index
                .vocabulary
                .document_frequency(index.vocabulary.id("back").unwrap()),
            3
        );
        assert!(
            index.vocabulary.id("example").is_none(),
            "link targets are not indexed"
        );
    }

    #[test]
    fn positions_keep_word_order_with_gaps_at_breaks() {
        let index = SearchIndex::build(&archive(&[("Lower pain", "Sore.\n\nOk")]));
        let vocabulary = &index.vocabulary;
        let mut placed: Vec<(u32, usize, String)> = Vec::new();
        for term in 0..vocabulary.len() as u32 {
            let mut occurrences = index.occurrences(term);
            while let Some(posting) = occurrences.next_posting() {
                occurrences.positions(&posting, |position, field| {
                    placed.push((position, field, vocabulary.word(term).to_owned()))
                });
            }
        }
        placed.sort();
        let expected = [
            (0, 0, "lower"),
            (1, 0, "pain"),
            (3, 1, "back"),
            (4, 1, "pain"),
            (6, 1, "lower"),
            (7, 1, "back"),
            (9, 2, "sore"),
            (11, 2, "ok"),
        ];
        assert_eq!(
            placed,
            expected.map(|(position, field, word)| (position, field, word.to_owned()))
        );
    }

    #[test]
    fn skipping_positions_keeps_occurrences_in_step() {
        let index = SearchIndex::build(&archive(&[
            ("Back back", "back"),
            ("Back", "pain"),
            ("No", "back back back"),
        ]));
        let mut occurrences = index.occurrences(index.vocabulary.id("back").unwrap());
        let first = occurrences.next_posting().unwrap();
        occurrences.skip_positions(&first);
        let second = occurrences.next_posting().unwrap();
        occurrences.skip_positions(&second);
        let third = occurrences.next_posting().unwrap();
        let mut positions = Vec::new();
        occurrences.positions(&third, |position, _| positions.push(position));
        assert_eq!(third.document, 2);
        assert!(
            positions.len() == 5 && positions.windows(2).all(|pair| pair[0] < pair[1]),
            "{positions:?}"
        );
        assert!(occurrences.next_posting().is_none());
    }

    #[test]
    fn slices_build_the_same_index_as_one_go() {
        let archive = archive(&[
            ("One", "a b"),
            ("Two", "b c"),
            ("Three", "c d"),
            ("Four", "d e"),
            ("Five", "e f"),
        ]);
        let whole = SearchIndex::build(&archive);
        let mut builder = SearchIndexBuilder::new(&archive);
        builder.add(0..2);
        builder.add(1..3);
        builder.add(4..99);
        let sliced = builder.finish();
        assert_eq!(whole.postings, sliced.postings);
        assert_eq!(whole.positions, sliced.positions);
        assert_eq!(whole.documents.recency_rank, sliced.documents.recency_rank);
        assert!(sliced.heap_size() > 0);
    }

    #[test]
    fn vocabulary_finds_families_prefixes_and_lengths() {
        let index = SearchIndex::build(&archive(&[(
            "Needles, needle, needling",
            "Acupuncture acupuncturist acute",
        )]));
        let vocabulary = &index.vocabulary;
        let words = |terms: &[u32]| {
            terms
                .iter()
                .map(|&term| vocabulary.word(term).to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            words(vocabulary.stem_family(&Language::ENGLISH.stem_key("needles"))),
            ["needles", "needle", "needling"]
        );
        let mut completions: Vec<u32> = vocabulary.completions("acu").collect();
        completions.sort();
        assert_eq!(
            words(&completions),
            ["acupuncture", "acupuncturist", "acute"]
        );
        assert_eq!(vocabulary.completions("zz").count(), 0);
        assert_eq!(
            vocabulary.completions("acute").count(),
            0,
            "a word is not its own completion"
        );
        assert_eq!(words(vocabulary.of_lengths(5..6)), ["lower", "acute"]);
    }

    #[test]
    fn recency_rank_puts_newest_first() {
        let index = SearchIndex::build(&archive(&[("a", "a"), ("b", "b"), ("c", "c")]));
        assert_eq!(index.documents.recency_rank, [2, 1, 0]);
    }
}

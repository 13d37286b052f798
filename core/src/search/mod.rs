//! Full-text search over an archive: pure Rust, no DOM, no I/O, built once (or in slices)
//! and then queried as the visitor types.
//!
//! - Words are folded (case, accents, ligatures, apostrophes) and stemmed (English
//!   Snowball), so "Needles" finds "needle" and "treating" finds "treatment".
//! - Every query word must match (AND); stop words are ignored unless quoted or alone.
//! - The last word, while still being typed, also matches its completions ("acupunc").
//! - A word the archive (almost) never uses matches near spellings: one edit from four
//!   letters, two from eight ("scoliosys").
//! - "Quoted phrases" match the exact word sequence.
//! - The archive's synonym groups widen a query naming one member to the others.
//! - Questions rank by BM25F over question text, category labels (with their ancestors)
//!   and answer text, in that order of weight; exact words over stems over completions and
//!   near spellings; ties newest first.
//!
//! Modules: `fold` and `tokenize` turn text into words, `stem` and `stopwords` judge
//! them, `dictionary` numbers them, `index` stores them (with `varint`) by `field`, `query` plans a
//! search (with `fuzzy` for near spellings), `eval` runs it with `ranking`, `order` is the
//! one way anything is sorted, and `highlight` marks the matches in displayed text.

mod dictionary;
mod eval;
mod field;
mod fold;
mod fuzzy;
mod highlight;
mod index;
mod order;
mod query;
mod ranking;
mod stem;
mod stopwords;
mod tokenize;
pub(crate) mod varint;

#[cfg(test)]
mod tests;

pub use highlight::{Highlight, Segment};
pub use index::{SearchIndex, SearchIndexBuilder};
pub use stem::Language;
pub use tokenize::words;

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    /// Best first; equal scores newest first (Question::asked), then archive order.
    pub hits: Vec<Hit>,
    /// False when no question matched every word and `hits` holds the best partial matches.
    pub matched_all_words: bool,
    /// Synonyms added to the search, as written in the archive ("herniated disc").
    pub also_searched: Vec<String>,
    /// What to mark in displayed text.
    pub highlight: Highlight,
    /// Query words (folded) that no question holds, each with the near spellings searched
    /// instead, most alike first ("cafe": "safe", "care").
    pub near_spellings: Vec<(String, Vec<String>)>,
}

/// A question that matched, by its index in `archive.questions`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub question: usize,
    pub score: f32,
}

impl SearchIndex {
    /// Searches for `query` as typed. An empty query, or one of nothing but spaces and
    /// punctuation, finds nothing and reports `matched_all_words` (the page then shows
    /// the whole archive unfiltered).
    pub fn search(&self, query: &str) -> SearchResults {
        let plan = query::plan(self, query);
        let (hits, matched_all_words) = eval::run(self, &plan, eval::Matching::EveryPart);
        SearchResults {
            hits,
            matched_all_words,
            also_searched: plan.also_searched,
            highlight: plan.highlight,
            near_spellings: plan.near_spellings,
        }
    }

    /// The `at_most` questions sharing most with `text`, best first: for suggesting
    /// answered questions like a visitor's draft, where requiring every word would find
    /// almost none.
    pub fn similar(&self, text: &str, at_most: usize) -> Vec<Hit> {
        let plan = query::plan(self, text);
        eval::run(self, &plan, eval::Matching::AnyPart(at_most)).0
    }

    /// The terms whose postings (and, for phrases, positions) `search` or `similar` will
    /// read for `query`: planning needs only the vocabulary, so a prebuilt index fetches
    /// just these before running the query.
    pub(crate) fn terms_needed(&self, query: &str) -> TermsNeeded {
        let plan = query::plan(self, query);
        let mut needed = TermsNeeded::default();
        let words = |needed: &mut TermsNeeded, variants: &query::Variants| {
            needed
                .postings
                .extend(variants.0.iter().map(|&(term, _)| term));
        };
        let phrase = |needed: &mut TermsNeeded, slots: &[query::Slot]| {
            needed.postings.extend(slots.iter().flatten());
            needed.positions.extend(slots.iter().flatten());
        };
        for part in &plan.parts {
            match &part.kind {
                query::PartKind::Word(variants) => words(&mut needed, variants),
                query::PartKind::Phrase(slots) => phrase(&mut needed, slots),
                query::PartKind::Either(alternatives) => {
                    for alternative in alternatives {
                        match alternative {
                            query::Alternative::AllOf(all) => {
                                all.iter().for_each(|variants| words(&mut needed, variants))
                            }
                            query::Alternative::Phrase(slots) => phrase(&mut needed, slots),
                        }
                    }
                }
            }
        }
        needed.postings = order::sorted_unique(needed.postings);
        needed.positions = order::sorted_unique(needed.positions);
        needed
    }
}

/// Term numbers, sorted, without repeats.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct TermsNeeded {
    pub(crate) postings: Vec<u32>,
    pub(crate) positions: Vec<u32>,
}

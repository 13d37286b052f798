//! Search in the page, as derived state: the index is built in slices after the archive
//! loads, and the search's outcome is a Memo over the index and the search text once
//! typing has paused (a zero wait: after the keystrokes already queued), so typing never
//! waits for the engine. The engine itself is `ask_expert_core::search`.
//!
//! There is one meaning of "searching": the settled text holds a letter or a digit
//! (`view::is_search`). While the index is still being built such a search is `Preparing`;
//! with a built archive, a search whose pieces could not be fetched is `Failed` until they
//! are asked for again (`SearchState::retry`, or the next keystroke).

use std::sync::Arc;
use std::time::Duration;

use ask_expert_core::archive::Archive;
use ask_expert_core::search::{Highlight, SearchIndex, SearchIndexBuilder};
use ask_expert_core::view::is_search;
use ask_expert_core::wording::SearchFacts;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::built_source::{Asker, BuiltSource, IndexSearch};
use crate::tasks::{debounced, sleep};

/// Questions indexed between two yields to the browser: a few milliseconds of work.
const QUESTIONS_PER_SLICE: usize = 1_500;
/// How long typing must pause before folded answers of the results are built (they are
/// left out while typing, so each keystroke renders titles and snippets only).
const TYPING_PAUSE: Duration = Duration::from_millis(400);

/// What a finished search found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Questions matching, best first.
    pub hits: Vec<usize>,
    pub highlight: Highlight,
    pub also_searched: Vec<String>,
    pub near_spellings: Vec<(String, Vec<String>)>,
    pub matched_all_words: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SearchOutcome {
    /// No search: the box is empty or holds no letter or digit.
    Off,
    /// A search waits for the index.
    Preparing,
    /// A piece of the built index the search reads could not be fetched.
    Failed,
    Done(Arc<Found>),
}

impl SearchOutcome {
    pub fn is_searching(&self) -> bool {
        !matches!(self, SearchOutcome::Off)
    }

    /// True while a search has no results yet: preparing, or failed to.
    pub fn is_waiting(&self) -> bool {
        matches!(self, SearchOutcome::Preparing | SearchOutcome::Failed)
    }

    pub fn hits(&self) -> Option<&[usize]> {
        match self {
            SearchOutcome::Done(found) => Some(&found.hits),
            _ => None,
        }
    }

    pub fn highlight(&self) -> Option<Highlight> {
        match self {
            SearchOutcome::Done(found) => Some(found.highlight.clone()),
            _ => None,
        }
    }

    pub fn facts(&self) -> SearchFacts {
        match self {
            SearchOutcome::Off => SearchFacts::None,
            SearchOutcome::Preparing => SearchFacts::Preparing,
            SearchOutcome::Failed => SearchFacts::Failed,
            SearchOutcome::Done(found) => SearchFacts::Done {
                matched_all_words: found.matched_all_words,
                also_searched: found.also_searched.clone(),
                near_spellings: found.near_spellings.clone(),
            },
        }
    }
}

#[derive(Clone, Copy)]
pub struct SearchState {
    pub index: RwSignal<Option<Arc<SearchIndex>>>,
    /// The one owner of query → results.
    pub outcome: Memo<SearchOutcome>,
    /// True while the visitor is typing faster than `TYPING_PAUSE`.
    pub typing: Memo<bool>,
    /// The search text `outcome` is for: what was typed, once the queued keystrokes are in.
    settled: ReadSignal<String>,
    built: Option<BuiltSource>,
}

impl SearchState {
    /// `query` is the search box's text, as typed. With a built archive (`built`) the
    /// index comes in pieces: a search is `Preparing` until every piece it reads is in.
    pub fn new(
        archive: Arc<Archive>,
        query: RwSignal<String>,
        built: Option<BuiltSource>,
    ) -> SearchState {
        let index = RwSignal::new(None);
        if built.is_none() {
            build_index_in_slices(archive, index);
        }
        let no_search = |query: &String| !is_search(query);
        let settled = debounced(move || query.get(), Duration::ZERO, no_search);
        if let Some(source) = built {
            // Fetches the pieces the settled search reads, round after round.
            Effect::new(move |_| {
                settled.with(|query| {
                    if is_search(query) {
                        source.prepare_query(Asker::Search, query);
                    }
                });
            });
        }
        let outcome = Memo::new(move |_| {
            settled.with(|query| {
                if !is_search(query) {
                    return SearchOutcome::Off;
                }
                let searched = match built {
                    Some(source) => source.search(query),
                    None => index.with(|index: &Option<Arc<SearchIndex>>| {
                        index.as_ref().map_or(IndexSearch::Waiting, |index| {
                            IndexSearch::Ready(index.search(query))
                        })
                    }),
                };
                match searched {
                    IndexSearch::Failed => SearchOutcome::Failed,
                    IndexSearch::Waiting => SearchOutcome::Preparing,
                    IndexSearch::Ready(results) => SearchOutcome::Done(Arc::new(Found {
                        hits: results.hits.iter().map(|hit| hit.question).collect(),
                        highlight: results.highlight,
                        also_searched: results.also_searched,
                        near_spellings: results.near_spellings,
                        matched_all_words: results.matched_all_words,
                    })),
                }
            })
        });
        let paused = debounced(move || query.get(), TYPING_PAUSE, no_search);
        let typing = Memo::new(move |_| query.with(|query| paused.with(|paused| query != paused)));
        SearchState {
            index,
            outcome,
            typing,
            settled,
            built,
        }
    }

    /// Asks again for the pieces of the built index the search needs (after `Failed`).
    pub fn retry(&self) {
        if let Some(source) = self.built {
            untrack(|| {
                self.settled.with(|query| {
                    if is_search(query) {
                        source.prepare_query(Asker::Search, query);
                    }
                });
            });
        }
    }
}

fn build_index_in_slices(archive: Arc<Archive>, index: RwSignal<Option<Arc<SearchIndex>>>) {
    spawn_local(async move {
        let mut builder = SearchIndexBuilder::new(&archive);
        let total = archive.questions.len();
        let mut start = 0;
        while start < total {
            let end = (start + QUESTIONS_PER_SLICE).min(total);
            builder.add(start..end);
            start = end;
            sleep(Duration::ZERO).await;
        }
        index.set(Some(Arc::new(builder.finish())));
    });
}

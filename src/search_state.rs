//! Search in the page: the index is built in slices after the archive loads, and each
//! search runs just after the keystroke that asked for it (only the latest one), so typing
//! never waits for the engine. The engine itself is `ask_expert_core::search`.

use std::sync::Arc;
use std::time::Duration;

use ask_expert_core::archive::Archive;
use ask_expert_core::search::{Highlight, SearchIndex, SearchIndexBuilder};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browse_state::BrowseState;
use crate::tasks::sleep;

/// Questions indexed between two yields to the browser: a few milliseconds of work.
const QUESTIONS_PER_SLICE: usize = 1_500;

/// What the last search found, besides its hits (which live in `BrowseState`).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchSummary {
    pub highlight: Highlight,
    pub also_searched: Vec<String>,
    pub matched_all_words: bool,
}

#[derive(Clone, Copy)]
pub struct SearchState {
    pub index: RwSignal<Option<Arc<SearchIndex>>>,
    /// `None` while no search applies.
    pub summary: RwSignal<Option<SearchSummary>>,
}

impl SearchState {
    pub fn new(archive: Arc<Archive>, browse: BrowseState) -> SearchState {
        let search = SearchState {
            index: RwSignal::new(None),
            summary: RwSignal::new(None),
        };
        build_index_in_slices(archive, search.index);
        search.follow_query(browse);
        search
    }

    pub fn is_preparing(&self, browse: BrowseState) -> bool {
        self.index.with(Option::is_none) && browse.query.with(|query| !query.trim().is_empty())
    }

    fn follow_query(self, browse: BrowseState) {
        let pending = StoredValue::new(None::<TimeoutHandle>);
        Effect::new(move |_| {
            let query = browse.query.get();
            let index = self.index.get();
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let run = move || {
                let results = match (&index, query.trim().is_empty()) {
                    (_, true) | (None, false) => None,
                    (Some(index), false) => Some(index.search(&query)),
                };
                match results {
                    None => {
                        browse.search_hits.set(None);
                        self.summary.set(None);
                    }
                    Some(results) => {
                        let hits: Vec<usize> =
                            results.hits.iter().map(|hit| hit.question).collect();
                        browse.search_hits.set(Some(Arc::new(hits)));
                        self.summary.set(Some(SearchSummary {
                            highlight: results.highlight,
                            also_searched: results.also_searched,
                            matched_all_words: results.matched_all_words,
                        }));
                    }
                }
            };
            pending.set_value(set_timeout_with_handle(run, Duration::ZERO).ok());
        });
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

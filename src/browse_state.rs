//! The visitor's current view as signals, and the derived results. The rules live in
//! `ask_expert_core::browse`; this only wires them to reactivity.

use std::sync::Arc;

use ask_expert_core::archive::Archive;
use ask_expert_core::browse::{BrowseRequest, BrowseResult, Orders, browse};
use ask_expert_core::config::Config;
use ask_expert_core::facets::CategorySelection;
use ask_expert_core::url_state::{SortOrder, UrlState};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct BrowseState {
    pub selection: RwSignal<CategorySelection>,
    pub page: RwSignal<usize>,
    /// The order the visitor picked, if any.
    pub sort_choice: RwSignal<Option<SortOrder>>,
    pub query: RwSignal<String>,
    /// Questions matching `query`, best first; `None` while there is no search to apply.
    pub search_hits: RwSignal<Option<Arc<Vec<usize>>>>,
    /// The question a permalink opened, shown unfolded.
    pub opened: RwSignal<Option<usize>>,
    pub sort: Memo<SortOrder>,
    pub result: Memo<BrowseResult>,
    pub page_size: usize,
}

impl BrowseState {
    pub fn new(archive: &Arc<Archive>, config: &Config) -> BrowseState {
        let selection = RwSignal::new(CategorySelection::default());
        let page = RwSignal::new(1);
        let sort_choice = RwSignal::new(None);
        let query = RwSignal::new(String::new());
        let search_hits: RwSignal<Option<Arc<Vec<usize>>>> = RwSignal::new(None);
        let default_sort = config.default_sort;
        let sort = Memo::new(move |_| {
            let searching = search_hits.with(Option::is_some);
            match sort_choice.get() {
                Some(SortOrder::Relevance) if !searching => default_sort,
                Some(order) => order,
                None if searching => SortOrder::Relevance,
                None => default_sort,
            }
        });
        let orders = Arc::new(Orders::new(archive));
        let page_size = config.page_size;
        let result = {
            let archive = Arc::clone(archive);
            Memo::new(move |_| {
                let hits = search_hits.get();
                selection.with(|selection| {
                    browse(
                        &archive,
                        &orders,
                        &BrowseRequest {
                            selection,
                            search_hits: hits.as_deref().map(Vec::as_slice),
                            sort: sort.get(),
                            page: page.get(),
                            page_size,
                        },
                    )
                })
            })
        };
        BrowseState {
            selection,
            page,
            sort_choice,
            query,
            search_hits,
            opened: RwSignal::new(None),
            sort,
            result,
            page_size,
        }
    }

    /// The view as the address bar holds it.
    pub fn url_state(&self, archive: &Archive) -> UrlState {
        let tree = &archive.categories;
        let query = self.query.get();
        UrlState {
            categories: self.selection.with(|s| s.ids(tree)),
            page: self.page.get(),
            sort: self.sort_choice.get(),
            query: Some(query).filter(|q| !q.trim().is_empty()),
        }
    }

    /// Shows the view an address describes; unknown category ids are ignored.
    pub fn apply_url_state(&self, archive: &Archive, url: &UrlState) {
        let tree = &archive.categories;
        self.selection
            .set(CategorySelection::from_ids(tree, &url.categories));
        self.sort_choice.set(url.sort);
        if let Some(query) = &url.query {
            self.query.set(query.clone());
        }
        self.page.set(url.page);
    }

    pub fn toggle_category(&self, archive: &Archive, category: usize) {
        self.selection
            .update(|selection| selection.toggle(&archive.categories, category));
        self.back_to_first_page();
    }

    pub fn remove_category(&self, category: usize) {
        self.selection
            .update(|selection| selection.remove(category));
        self.back_to_first_page();
    }

    pub fn clear_categories(&self) {
        self.selection.set(CategorySelection::default());
        self.back_to_first_page();
    }

    /// Shows one question on whatever page it falls, unfolded; clears the filters and the
    /// search if they hide it.
    pub fn open_question(&self, question: usize) {
        if self
            .result
            .with_untracked(|result| !result.results.contains(&question))
        {
            self.selection.set(CategorySelection::default());
            self.query.set(String::new());
            self.search_hits.set(None);
        }
        let page = self
            .result
            .with_untracked(|result| result.page_of(question, self.page_size))
            .unwrap_or(1);
        self.page.set(page);
        self.opened.set(Some(question));
    }

    /// Any change of filters, search or sort starts again from page 1. Setting a signal to
    /// the value it has would still recompute every result that depends on it.
    pub fn back_to_first_page(&self) {
        if self.page.get_untracked() != 1 {
            self.page.set(1);
        }
    }

    pub fn choose_sort(&self, order: SortOrder) {
        self.sort_choice.set(Some(order));
        self.back_to_first_page();
    }
}

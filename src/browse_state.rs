//! The visitor's current view as signals, and the derived results, provided once as
//! context. The rules live in `ask_expert_core` (`browse`, `view`); this only wires them to
//! reactivity, and notes for `url_sync` how history should record each change.

use std::sync::Arc;

use ask_expert_core::archive::Archive;
use ask_expert_core::browse::{BrowseRequest, BrowseResult, Orders, browse, place_question};
use ask_expert_core::built::BuiltArchive;
use ask_expert_core::config::Config;
use ask_expert_core::facets::CategorySelection;
use ask_expert_core::url_state::{SortOrder, UrlState};
use ask_expert_core::view::{self, Change};
use leptos::prelude::*;

use crate::built_source::BuiltSource;
use crate::search_state::SearchState;

#[derive(Clone, Copy)]
pub struct BrowseState {
    pub selection: RwSignal<CategorySelection>,
    /// The page asked for; `result.page` is the page shown.
    pub page: RwSignal<usize>,
    /// The order the visitor picked, if any.
    pub sort_choice: RwSignal<Option<SortOrder>>,
    /// The search box's text, as typed.
    pub query: RwSignal<String>,
    /// The question a link opened, shown unfolded and named in the address's fragment.
    pub opened: RwSignal<Option<usize>>,
    /// Topic ids the last address named that the archive does not have.
    pub unknown_topics: RwSignal<Vec<String>>,
    pub search: SearchState,
    /// The order on screen.
    pub sort: Memo<SortOrder>,
    pub result: Memo<BrowseResult>,
    pub page_size: usize,
    /// How history records the changes made since the address was last written.
    change: StoredValue<Change>,
    ready: StoredValue<bool>,
    archive: StoredValue<Arc<Archive>>,
    orders: StoredValue<Arc<Orders>>,
    default_sort: SortOrder,
}

/// The view, from context.
pub fn use_browse() -> BrowseState {
    expect_context::<BrowseState>()
}

impl BrowseState {
    /// `built`: the built archive searches read, when the questions come from one.
    pub fn new(archive: &Arc<Archive>, config: &Config, built: Option<BuiltSource>) -> BrowseState {
        let selection = RwSignal::new(CategorySelection::default());
        let page = RwSignal::new(1);
        let sort_choice = RwSignal::new(None);
        let query = RwSignal::new(String::new());
        let search = SearchState::new(Arc::clone(archive), query, built);
        let default_sort = config.default_sort;
        let sort = Memo::new(move |_| {
            let searching = search.outcome.with(|outcome| outcome.is_searching());
            view::effective_sort(sort_choice.get(), searching, default_sort)
        });
        let orders = built
            .and_then(|source| source.with_untracked(BuiltArchive::orders))
            .unwrap_or_else(|| Arc::new(Orders::new(archive)));
        let page_size = config.page_size;
        let result = {
            let (archive, orders) = (Arc::clone(archive), Arc::clone(&orders));
            Memo::new(move |_| {
                search.outcome.with(|outcome| {
                    selection.with(|selection| {
                        browse(
                            &archive,
                            &orders,
                            &BrowseRequest {
                                selection,
                                search_hits: outcome.hits(),
                                sort: sort.get(),
                                page: page.get(),
                                page_size,
                            },
                        )
                    })
                })
            })
        };
        BrowseState {
            selection,
            page,
            sort_choice,
            query,
            opened: RwSignal::new(None),
            unknown_topics: RwSignal::new(Vec::new()),
            search,
            sort,
            result,
            page_size,
            change: StoredValue::new(Change::FromAddress),
            ready: StoredValue::new(false),
            archive: StoredValue::new(Arc::clone(archive)),
            orders: StoredValue::new(orders),
            default_sort,
        }
    }

    /// False until the view has first been read from the address.
    pub fn is_ready(&self) -> bool {
        self.ready.get_value()
    }

    /// True while a search applies (or waits for the index).
    pub fn searching(&self) -> bool {
        self.search.outcome.with(|outcome| outcome.is_searching())
    }

    /// What the address should say for the view on screen.
    pub fn address_state(&self) -> UrlState {
        self.archive.with_value(|archive| {
            self.selection.with(|selection| {
                self.query.with(|query| {
                    view::address_state(
                        &archive.categories,
                        selection,
                        self.result.with(|result| result.page),
                        self.sort_choice.get(),
                        query,
                    )
                })
            })
        })
    }

    /// The id of the question a link opened.
    pub fn opened_id(&self) -> Option<String> {
        let opened = self.opened.get()?;
        Some(
            self.archive
                .with_value(|archive| archive.questions[opened].id.clone()),
        )
    }

    /// Takes the history record of the changes made since the address was last written.
    pub fn take_change(&self) -> Change {
        let change = self.change.get_value();
        self.change.set_value(Change::FromAddress);
        change
    }

    fn record(&self, change: Change) {
        self.change
            .update_value(|pending| *pending = pending.and(change));
        if change != Change::FromAddress {
            // The view moves on from the linked question and from the link's notice.
            if self.opened.get_untracked().is_some() {
                self.opened.set(None);
            }
            if self
                .unknown_topics
                .with_untracked(|unknown| !unknown.is_empty())
            {
                self.unknown_topics.set(Vec::new());
            }
        }
    }

    /// Shows the view an address describes. Without the search text in the address, the
    /// search box empties: the address then describes views without a search.
    pub fn apply_url_state(&self, url: &UrlState) {
        self.ready.set_value(true);
        self.change.set_value(Change::FromAddress);
        self.archive.with_value(|archive| {
            let tree = &archive.categories;
            let (ids, unknown) = view::resolve_categories(tree, &url.categories);
            self.selection.set(CategorySelection::from_ids(tree, &ids));
            self.unknown_topics.set(unknown);
        });
        self.sort_choice.set(url.sort);
        let query = url.query.clone().unwrap_or_default();
        if self.query.with_untracked(|current| *current != query) {
            self.query.set(query);
        }
        self.page.set(url.page);
        self.opened.set(None);
    }

    pub fn toggle_category(&self, archive: &Archive, category: usize) {
        self.selection
            .update(|selection| selection.toggle(&archive.categories, category));
        self.after_step();
    }

    pub fn remove_category(&self, category: usize) {
        self.selection
            .update(|selection| selection.remove(category));
        self.after_step();
    }

    pub fn clear_categories(&self) {
        self.selection.set(CategorySelection::default());
        self.after_step();
    }

    pub fn choose_sort(&self, order: SortOrder) {
        self.sort_choice.set(Some(order));
        self.record(Change::Reorder);
        self.back_to_first_page();
    }

    pub fn go_to_page(&self, page: usize) {
        self.record(Change::Step);
        self.page.set(page);
    }

    /// The search box's text changed; a search is one step, so history is not added to.
    pub fn type_query(&self, query: String) {
        self.record(Change::Typing);
        self.query.set(query);
        self.back_to_first_page();
    }

    /// Shows one question on whatever page it falls, unfolded; clears the filters and the
    /// search if they hide it. `change` says whether this is a step the visitor took (a
    /// suggestion clicked) or the address's own fragment.
    pub fn open_question(&self, question: usize, change: Change) {
        self.record(change);
        let unfiltered_sort =
            view::effective_sort(self.sort_choice.get_untracked(), false, self.default_sort);
        let placement = self.archive.with_value(|archive| {
            self.orders.with_value(|orders| {
                self.result.with_untracked(|shown| {
                    place_question(
                        archive,
                        orders,
                        shown,
                        question,
                        unfiltered_sort,
                        self.page_size,
                    )
                })
            })
        });
        if placement.clears_filters {
            self.selection.set(CategorySelection::default());
            self.query.set(String::new());
        }
        self.page.set(placement.page);
        self.opened.set(Some(question));
    }

    fn after_step(&self) {
        self.record(Change::Step);
        self.back_to_first_page();
    }

    /// Any change of filters, search or sort starts again from page 1. Setting a signal to
    /// the value it has would still recompute every result that depends on it.
    fn back_to_first_page(&self) {
        if self.page.get_untracked() != 1 {
            self.page.set(1);
        }
    }
}

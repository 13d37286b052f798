//! From what the visitor chose (search matches, ticked boxes, sort, page) to what the page
//! shows: the ordered results, the slice for this page, and every box's count.

use crate::archive::Archive;
use crate::facets::{CategorySelection, subtree_counts};
use crate::pagination;
use crate::url_state::SortOrder;

/// Orders computed once per archive, so sorting never happens per click.
#[derive(Debug, Clone)]
pub struct Orders {
    newest_first: Vec<usize>,
}

impl Orders {
    pub fn new(archive: &Archive) -> Orders {
        let mut newest_first: Vec<usize> = (0..archive.questions.len()).collect();
        // Stable: questions asked the same day keep archive order.
        newest_first.sort_by(|&a, &b| archive.questions[b].asked.cmp(&archive.questions[a].asked));
        Orders { newest_first }
    }
}

pub struct BrowseRequest<'a> {
    pub selection: &'a CategorySelection,
    /// Questions matching the search text, best first; `None` when there is no search.
    pub search_hits: Option<&'a [usize]>,
    pub sort: SortOrder,
    /// Counting from 1; brought within range.
    pub page: usize,
    pub page_size: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowseResult {
    /// Every matching question, in display order.
    pub results: Vec<usize>,
    pub page: usize,
    pub page_count: usize,
    /// The questions on this page, in display order.
    pub on_page: Vec<usize>,
    /// For each category, how many questions matching the search sit in it.
    pub box_counts: Vec<usize>,
}

impl BrowseResult {
    pub fn total(&self) -> usize {
        self.results.len()
    }

    /// The page a question appears on, if it is among the results.
    pub fn page_of(&self, question: usize, page_size: usize) -> Option<usize> {
        let position = self.results.iter().position(|&result| result == question)?;
        Some(pagination::page_of(position, page_size))
    }
}

pub fn browse(archive: &Archive, orders: &Orders, request: &BrowseRequest) -> BrowseResult {
    let tree = &archive.categories;
    let admitted = |question: &usize| {
        request
            .selection
            .admits(tree, &archive.questions[*question].categories)
    };
    let (box_counts, results) = match request.search_hits {
        None => {
            let box_counts = subtree_counts(archive, 0..archive.questions.len());
            let mut results: Vec<usize> = orders
                .newest_first
                .iter()
                .copied()
                .filter(admitted)
                .collect();
            if request.sort == SortOrder::Oldest {
                results.reverse();
            }
            (box_counts, results)
        }
        Some(hits) => {
            let box_counts = subtree_counts(archive, hits.iter().copied());
            let results = match request.sort {
                SortOrder::Relevance => hits.iter().copied().filter(admitted).collect(),
                SortOrder::Newest | SortOrder::Oldest => {
                    let mut is_hit = vec![false; archive.questions.len()];
                    hits.iter().for_each(|&hit| is_hit[hit] = true);
                    let mut in_date_order: Vec<usize> = orders
                        .newest_first
                        .iter()
                        .copied()
                        .filter(|q| is_hit[*q] && admitted(q))
                        .collect();
                    if request.sort == SortOrder::Oldest {
                        in_date_order.reverse();
                    }
                    in_date_order
                }
            };
            (box_counts, results)
        }
    };
    let page = pagination::clamp_page(request.page, results.len(), request.page_size);
    let on_page = results[pagination::page_range(page, results.len(), request.page_size)].to_vec();
    BrowseResult {
        page,
        page_count: pagination::page_count(results.len(), request.page_size),
        on_page,
        box_counts,
        results,
    }
}

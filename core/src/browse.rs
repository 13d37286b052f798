//! From what the visitor chose (search matches, ticked boxes, sort, page) to what the page
//! shows: the ordered results, the slice for this page, and every box's count.

use crate::archive::Archive;
use crate::facets::{CategorySelection, CountedIn};
use crate::pagination;
use crate::url_state::SortOrder;

/// What browsing works out once per archive, so that no click or keystroke sorts the
/// questions or walks the category tree for each of them: the orders, the boxes each
/// question counts in, and the counts without a search.
#[derive(Debug, Clone)]
pub struct Orders {
    newest_first: Vec<usize>,
    counted_in: CountedIn,
    counts_of_all: Vec<usize>,
}

impl Orders {
    pub fn new(archive: &Archive) -> Orders {
        Orders::from_newest_first(archive, newest_first(archive))
    }

    /// The orders with `newest_first(archive)` already worked out: the built archive works
    /// it out when its column file arrives, and sorting 50,000 questions twice costs a slow
    /// phone tens of milliseconds.
    pub fn from_newest_first(archive: &Archive, newest_first: Vec<usize>) -> Orders {
        let counted_in = CountedIn::new(archive);
        let counts_of_all = counted_in.counts(0..archive.questions.len());
        Orders {
            newest_first,
            counted_in,
            counts_of_all,
        }
    }
}

/// The questions newest first, archive order among those asked the same day: the default
/// view's order (and the built archive's, for its first page and shards).
pub fn newest_first(archive: &Archive) -> Vec<usize> {
    // One `u64` key per question (the date inverted, then the question's number), not
    // indices into the questions: sorting 100,000 questions this way takes a fraction of
    // the time, which the page spends on its main thread when the column file arrives.
    let mut keys: Vec<u64> = archive
        .questions
        .iter()
        .enumerate()
        .map(|(number, question)| u64::from(!question.asked.ordinal()) << 32 | number as u64)
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(|key| key as u32 as usize).collect()
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

/// Where a question opened from a link or a suggestion is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// The boxes and the search hide it, so they are cleared.
    pub clears_filters: bool,
    pub page: usize,
}

/// Shows `question` in the view `shown` when it is among its results; otherwise in the
/// whole archive without boxes or search, in `unfiltered_sort`.
pub fn place_question(
    archive: &Archive,
    orders: &Orders,
    shown: &BrowseResult,
    question: usize,
    unfiltered_sort: SortOrder,
    page_size: usize,
) -> Placement {
    if let Some(page) = shown.page_of(question, page_size) {
        return Placement {
            clears_filters: false,
            page,
        };
    }
    let everything = browse(
        archive,
        orders,
        &BrowseRequest {
            selection: &CategorySelection::default(),
            search_hits: None,
            sort: unfiltered_sort,
            page: 1,
            page_size,
        },
    );
    Placement {
        clears_filters: true,
        page: everything.page_of(question, page_size).unwrap_or(1),
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
            let box_counts = orders.counts_of_all.clone();
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
            let box_counts = orders.counted_in.counts(hits.iter().copied());
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Five questions, q0 oldest; q0 and q1 about sleep, the rest about the back.
    fn archive() -> Archive {
        let questions: Vec<String> = (0..5)
            .map(|n| {
                let category = if n < 2 { "sleep" } else { "back" };
                format!(
                    r#"{{"id": "q{n}", "question": "Question {n}", "answers": [{{"body": "A."}}],
                        "categories": ["{category}"], "asked": "2020-01-0{}"}}"#,
                    n + 1
                )
            })
            .collect();
        let json = format!(
            r#"{{"schema": "ask-expert-archive/1", "categories": [
                {{"id": "sleep", "label": "Sleep"}}, {{"id": "back", "label": "Back"}}],
                "questions": [{}]}}"#,
            questions.join(",")
        );
        Archive::parse(&json).unwrap()
    }

    #[test]
    fn an_opened_question_stays_in_the_view_that_shows_it() {
        let archive = archive();
        let orders = Orders::new(&archive);
        let sleep = CategorySelection::new(&archive.categories, [0]);
        let request = |selection, sort| BrowseRequest {
            selection,
            search_hits: None,
            sort,
            page: 1,
            page_size: 1,
        };
        let shown = browse(&archive, &orders, &request(&sleep, SortOrder::Newest));
        assert_eq!(shown.results, [1, 0]);
        assert_eq!(
            place_question(&archive, &orders, &shown, 0, SortOrder::Newest, 1),
            Placement {
                clears_filters: false,
                page: 2
            }
        );
        // Hidden by the box: shown in the whole archive, in the order without a search.
        assert_eq!(
            place_question(&archive, &orders, &shown, 4, SortOrder::Oldest, 1),
            Placement {
                clears_filters: true,
                page: 5
            }
        );
        assert_eq!(
            place_question(&archive, &orders, &shown, 4, SortOrder::Newest, 2),
            Placement {
                clears_filters: true,
                page: 1
            }
        );
    }
}

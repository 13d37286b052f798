//! Page arithmetic: which slice of the results a page shows, and which page links to offer.

use std::ops::Range;

/// At least one page, even for no results, so the page line always reads "Page 1 of 1".
pub fn page_count(total: usize, page_size: usize) -> usize {
    total.div_ceil(page_size.max(1)).max(1)
}

/// The requested page (counting from 1), brought within range.
pub fn clamp_page(page: usize, total: usize, page_size: usize) -> usize {
    page.clamp(1, page_count(total, page_size))
}

/// Positions in the result list shown on `page`.
pub fn page_range(page: usize, total: usize, page_size: usize) -> Range<usize> {
    let page_size = page_size.max(1);
    let page = clamp_page(page, total, page_size);
    let start = (page - 1) * page_size;
    start.min(total)..(start + page_size).min(total)
}

/// The page on which the result at `position` appears.
pub fn page_of(position: usize, page_size: usize) -> usize {
    position / page_size.max(1) + 1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageLink {
    Page(usize),
    Gap,
}

/// Numbered links for a pager: always the first and last pages and those next to the
/// current one, with a gap where pages are left out. A gap never stands for a single page
/// (that page is shown instead), so the list never grows by hiding.
pub fn page_links(current: usize, count: usize) -> Vec<PageLink> {
    let current = current.clamp(1, count.max(1));
    let mut shown: Vec<usize> = [1, current.saturating_sub(1), current, current + 1, count]
        .into_iter()
        .filter(|&page| (1..=count).contains(&page))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let mut links = Vec::with_capacity(shown.len() + 2);
    for (position, &page) in shown.iter().enumerate() {
        if let Some(&previous) = position.checked_sub(1).and_then(|p| shown.get(p)) {
            match page - previous {
                1 => {}
                2 => links.push(PageLink::Page(previous + 1)),
                _ => links.push(PageLink::Gap),
            }
        }
        links.push(PageLink::Page(page));
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use PageLink::{Gap, Page};

    #[test]
    fn counts_pages() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        assert_eq!(page_count(26, 5), 6);
        assert_eq!(page_count(5, 0), 5);
    }

    #[test]
    fn slices_pages_and_clamps_out_of_range_requests() {
        assert_eq!(page_range(1, 26, 10), 0..10);
        assert_eq!(page_range(3, 26, 10), 20..26);
        assert_eq!(page_range(9, 26, 10), 20..26);
        assert_eq!(page_range(0, 26, 10), 0..10);
        assert_eq!(page_range(1, 0, 10), 0..0);
        assert_eq!(page_of(0, 10), 1);
        assert_eq!(page_of(19, 10), 2);
        assert_eq!(page_of(20, 10), 3);
    }

    #[test]
    fn offers_first_last_and_neighbours_with_gaps() {
        assert_eq!(page_links(1, 1), vec![Page(1)]);
        assert_eq!(page_links(1, 3), vec![Page(1), Page(2), Page(3)]);
        assert_eq!(page_links(1, 6), vec![Page(1), Page(2), Gap, Page(6)]);
        assert_eq!(
            page_links(4, 6),
            vec![Page(1), Page(2), Page(3), Page(4), Page(5), Page(6)]
        );
        assert_eq!(
            page_links(10, 20),
            vec![Page(1), Gap, Page(9), Page(10), Page(11), Gap, Page(20)]
        );
        assert_eq!(page_links(20, 20), vec![Page(1), Gap, Page(19), Page(20)]);
        assert_eq!(
            page_links(3, 20),
            vec![Page(1), Page(2), Page(3), Page(4), Gap, Page(20)]
        );
    }
}

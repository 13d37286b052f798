//! Where everything lives: each question's and category's file name, the path of every page
//! in DIR, its public address, and the relative links between pages. Names are chosen once
//! per build, in archive order, so the same archive always gives the same addresses.

use std::collections::HashSet;

use ask_expert_core::archive::{Archive, CategoryIndex};
use ask_expert_core::browse::{BrowseRequest, Orders, browse};
use ask_expert_core::facets::CategorySelection;
use ask_expert_core::pagination;
use ask_expert_core::url_state::SortOrder;

/// Longest file name stem taken from an id; longer ids are cut (and told apart by a suffix).
const MAX_STEM: usize = 80;

/// A page of the site, by what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Question(usize),
    /// The whole archive (`None`) or one category's subtree, and the page number from 1.
    Listing(Option<CategoryIndex>, usize),
}

pub struct Site<'a> {
    pub archive: &'a Archive,
    /// Ends in "/".
    pub base_url: String,
    /// Where the app is, when not at `base_url` itself.
    pub app_url: Option<String>,
    pub page_size: usize,
    question_stems: Vec<String>,
    category_stems: Vec<String>,
    /// Every question in the app's default order (newest first).
    pub everything: Vec<usize>,
    /// For each category, the questions in it or below it, in the same order.
    pub in_category: Vec<Vec<usize>>,
}

impl<'a> Site<'a> {
    pub fn new(
        archive: &'a Archive,
        base_url: &str,
        app_url: Option<&str>,
        page_size: usize,
    ) -> Site<'a> {
        let tree = &archive.categories;
        let orders = Orders::new(archive);
        let default_order = |selection: &CategorySelection| {
            browse(
                archive,
                &orders,
                &BrowseRequest {
                    selection,
                    search_hits: None,
                    sort: SortOrder::Newest,
                    page: 1,
                    page_size: usize::MAX,
                },
            )
            .results
        };
        let everything = default_order(&CategorySelection::new(tree, []));
        let in_category = (0..tree.len())
            .map(|category| default_order(&CategorySelection::new(tree, [category])))
            .collect();
        Site {
            archive,
            base_url: base_url.to_owned(),
            app_url: app_url.map(str::to_owned),
            page_size: page_size.max(1),
            question_stems: unique_stems(archive.questions.iter().map(|q| q.id.as_str())),
            category_stems: unique_stems(tree.iter().map(|(_, category)| category.id.as_str())),
            everything,
            in_category,
        }
    }

    /// The questions a listing covers, in display order.
    pub fn listed(&self, category: Option<CategoryIndex>) -> &[usize] {
        match category {
            None => &self.everything,
            Some(category) => &self.in_category[category],
        }
    }

    pub fn page_count(&self, category: Option<CategoryIndex>) -> usize {
        pagination::page_count(self.listed(category).len(), self.page_size)
    }

    /// Every page, questions first, then the whole archive's listing, then each category's.
    pub fn pages(&self) -> Vec<Page> {
        let questions = (0..self.archive.questions.len()).map(Page::Question);
        let listings = std::iter::once(None)
            .chain((0..self.archive.categories.len()).map(Some))
            .flat_map(|category| {
                (1..=self.page_count(category)).map(move |number| Page::Listing(category, number))
            });
        questions.chain(listings).collect()
    }

    /// The page's file, relative to DIR, with "/" between folders.
    pub fn path(&self, page: Page) -> String {
        match page {
            Page::Question(question) => format!("questions/{}.html", self.question_stems[question]),
            Page::Listing(category, number) => {
                let file = match number {
                    1 => "index.html".to_owned(),
                    number => format!("page-{number}.html"),
                };
                format!("{}{file}", self.listing_folder(category))
            }
        }
    }

    fn listing_folder(&self, category: Option<CategoryIndex>) -> String {
        match category {
            None => "all/".to_owned(),
            Some(category) => format!("topics/{}/", self.category_stems[category]),
        }
    }

    /// The address a page is linked by: a listing's first page is its folder.
    pub fn address(&self, page: Page) -> String {
        let path = self.path(page);
        match path.strip_suffix("index.html") {
            Some(folder) => folder.to_owned(),
            None => path,
        }
    }

    /// The page's public, absolute address.
    pub fn url(&self, page: Page) -> String {
        format!("{}{}", self.base_url, self.address(page))
    }

    /// A link from the page `from` to the page `to`, relative, so the pages also work
    /// opened from the disk or from a preview server.
    pub fn link(&self, from: Page, to: Page) -> String {
        format!("{}{}", self.to_root(from), self.address(to))
    }

    /// The relative way from a page up to DIR, where the app and the stylesheet are.
    pub fn to_root(&self, from: Page) -> &'static str {
        match from {
            Page::Question(_) | Page::Listing(None, _) => "../",
            Page::Listing(Some(_), _) => "../../",
        }
    }

    /// A link from a page to the app: relative when the app is published from DIR.
    pub fn app(&self, from: Page) -> String {
        match &self.app_url {
            Some(app_url) => app_url.clone(),
            None => self.to_root(from).to_owned(),
        }
    }

    /// The feed of the whole archive (`None`) or of one top-level topic, relative to DIR: in
    /// the listing's folder, so no category id can make two feeds share a file.
    pub fn feed_path(&self, topic: Option<CategoryIndex>) -> String {
        match topic {
            None => "all/feed.xml".to_owned(),
            Some(topic) => format!("topics/{}/feed.xml", self.category_stems[topic]),
        }
    }
}

/// File name stems for ids: lower-case letters, digits, "-" and "_", so they are the same on
/// every file system and need no escaping in a URL; ids that would share a stem (or have
/// none) are told apart by "-2", "-3"… in archive order.
pub fn unique_stems<'i>(ids: impl Iterator<Item = &'i str>) -> Vec<String> {
    let mut taken = HashSet::new();
    ids.map(|id| {
        let stem = stem(id);
        let mut candidate = stem.clone();
        let mut number = 1;
        while !taken.insert(candidate.clone()) {
            number += 1;
            candidate = format!("{stem}-{number}");
        }
        candidate
    })
    .collect()
}

fn stem(id: &str) -> String {
    let mut stem = String::new();
    for c in id.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || c == '_' {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
        if stem.len() >= MAX_STEM {
            break;
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "untitled".to_owned()
    } else {
        stem.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe_and_unique() {
        let ids = [
            "q-000001",
            "Q-000001",
            "q 000001",
            "../../etc/passwd",
            "<script>",
            "",
            "???",
            "q-000001-2",
            "café",
        ];
        let stems = unique_stems(ids.into_iter());
        assert_eq!(
            stems,
            [
                "q-000001",
                "q-000001-2",
                "q-000001-3",
                "etc-passwd",
                "script",
                "untitled",
                "untitled-2",
                "q-000001-2-2",
                "caf",
            ]
        );
        let long = "x".repeat(500);
        assert_eq!(unique_stems([long.as_str()].into_iter())[0].len(), MAX_STEM);
    }
}

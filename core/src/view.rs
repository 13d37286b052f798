//! The view and the address bar, both ways: how an address becomes the view on screen
//! (topics it names that no longer exist are reported, not silently dropped), the tidy
//! address of what is on screen (the page shown, no "best match" without a search, the
//! `#question-…` fragment only while a linked question is open), which order applies, and
//! whether a change adds a history entry or replaces the current one.
//!
//! The rule for history: a step the visitor takes (a box, a chip, a page, an order) adds an
//! entry, so Back undoes it; typing replaces the entry (a search is one step); a view read
//! from the address (a load, Back, Forward, a link) is never pushed again, so when its
//! address is only tidied the entry is replaced and Back cannot land on it twice.

use crate::archive::{Archive, CategoryTree};
use crate::facets::{CategorySelection, UNTICKED_PREFIX};
use crate::url_state::{self, SortOrder, UrlState};

/// Why the view last changed, as far as history is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Change {
    /// Set from the address, or the address only needs tidying.
    #[default]
    FromAddress,
    /// Typing in the search box.
    Typing,
    /// Another order chosen. Arrow keys on the order control choose each order in turn, so
    /// a run of order changes is one step.
    Reorder,
    /// A box, a chip, "Clear all", a page, or a question opened by a click.
    Step,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Push,
    Replace,
}

impl Change {
    /// Whether this change adds a history entry, given the change that wrote the current
    /// entry (`FromAddress` once the visitor has gone Back or Forward to it).
    pub fn entry(self, current_entry: Change) -> Entry {
        match self {
            Change::Step => Entry::Push,
            Change::Reorder if current_entry == Change::Reorder => Entry::Replace,
            Change::Reorder => Entry::Push,
            Change::Typing | Change::FromAddress => Entry::Replace,
        }
    }

    /// Two changes before the address is next written: a step among them still adds an
    /// entry.
    pub fn and(self, other: Change) -> Change {
        self.max(other)
    }
}

/// True when `query` holds something to search for: a letter or a digit. Spaces,
/// punctuation and emoji alone are no search, so the page shows what an empty box shows.
pub fn is_search(query: &str) -> bool {
    query.chars().any(char::is_alphanumeric)
}

/// The order on screen: the visitor's choice, except that "best match" needs a search;
/// without a choice, best match while searching and the association's default otherwise.
pub fn effective_sort(choice: Option<SortOrder>, searching: bool, default: SortOrder) -> SortOrder {
    match choice {
        Some(SortOrder::Relevance) if !searching => default,
        Some(order) => order,
        None if searching => SortOrder::Relevance,
        None => default,
    }
}

/// Reads the topic ids of an address against the tree: the canonical ids, ready for
/// `CategorySelection::from_ids` (`id` ticks a box, `-id` unticks one under a ticked box),
/// and the ids that name no topic, so the visitor can be told. An id that matches no topic
/// exactly but one topic ignoring case is that topic.
pub fn resolve_categories(tree: &CategoryTree, ids: &[String]) -> (Vec<String>, Vec<String>) {
    // Spaces around an id come from hand-typed or pasted links.
    let find = |id: &str| {
        tree.index_of(id).or_else(|| {
            only_ignoring_case((0..tree.len()).map(|node| &tree.get(node).id), id.trim())
        })
    };
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for id in ids {
        // A topic's own id wins over reading a leading '-' as "unticked".
        let resolved = match find(id) {
            Some(node) => Some(tree.get(node).id.clone()),
            None => id
                .strip_prefix(UNTICKED_PREFIX)
                .and_then(find)
                .map(|node| format!("{UNTICKED_PREFIX}{}", tree.get(node).id)),
        };
        match resolved {
            Some(canonical) => found.push(canonical),
            None => unknown.push(id.clone()),
        }
    }
    (found, unknown)
}

/// The question a `#question-…` link names: its id exactly, or else the only question that
/// spells it in another case.
pub fn find_question(archive: &Archive, id: &str) -> Option<usize> {
    let ids = || archive.questions.iter().map(|question| &question.id);
    ids()
        .position(|candidate| candidate == id)
        .or_else(|| only_ignoring_case(ids(), id))
}

/// The position of the one id equal to `id` ignoring case; none when several are.
fn only_ignoring_case<'a>(ids: impl Iterator<Item = &'a String>, id: &str) -> Option<usize> {
    let lower = id.to_lowercase();
    let mut matches = ids
        .enumerate()
        .filter(|(_, candidate)| candidate.to_lowercase() == lower);
    match (matches.next(), matches.next()) {
        (Some((position, _)), None) => Some(position),
        _ => None,
    }
}

/// What the address should say for the view on screen. `page_shown` is the page the
/// results actually show (a page past the end shows the last one).
pub fn address_state(
    tree: &CategoryTree,
    selection: &CategorySelection,
    page_shown: usize,
    sort_choice: Option<SortOrder>,
    query: &str,
) -> UrlState {
    let searching = is_search(query);
    UrlState {
        categories: selection.ids(tree),
        page: page_shown.max(1),
        sort: sort_choice.filter(|order| *order != SortOrder::Relevance || searching),
        query: Some(query.to_owned()).filter(|query| is_search(query)),
    }
}

/// True when an address read from the bar describes the view on screen, so following it
/// would change nothing (a fragment link of the host page, say, must not clear a search
/// that the address does not hold).
pub fn describes(address: &UrlState, shown: &UrlState, with_query: bool) -> bool {
    address.categories == shown.categories
        && address.page == shown.page
        && address.sort == shown.sort
        && (!with_query || address.query == shown.query)
}

/// The query string and fragment for `state`, from the current ones: the page's own
/// parameters and its own fragment are kept; `#question-<id>` is there only while `opened`
/// names a question.
pub fn address(
    current_search: &str,
    current_hash: &str,
    state: &UrlState,
    opened: Option<&str>,
    prefix: &str,
    with_query: bool,
) -> (String, String) {
    let search = url_state::write(current_search, state, prefix, with_query);
    let hash = match opened {
        Some(id) => url_state::question_hash(id),
        None if url_state::question_from_hash(current_hash).is_some() => String::new(),
        None => current_hash.to_owned(),
    };
    (search, hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> CategoryTree {
        let json = concat!(
            r#"{"schema": "ask-expert-archive/1", "categories": [
            {"id": "back", "label": "Back", "children": [
                {"id": "sciatica", "label": "Sciatica"}, "#,
            r#"{"id": "lower-back", "label": "Lower back"}]},
            {"id": "mind", "label": "Mind"}], "questions": []}"#
        );
        Archive::parse(json).unwrap().categories
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|id| id.to_string()).collect()
    }

    #[test]
    fn steps_push_while_typing_and_addresses_replace() {
        for current in [
            Change::FromAddress,
            Change::Typing,
            Change::Reorder,
            Change::Step,
        ] {
            assert_eq!(Change::Step.entry(current), Entry::Push);
            assert_eq!(Change::Typing.entry(current), Entry::Replace);
            assert_eq!(Change::FromAddress.entry(current), Entry::Replace);
        }
    }

    #[test]
    fn a_run_of_order_changes_is_one_step() {
        assert_eq!(Change::Reorder.entry(Change::Step), Entry::Push);
        assert_eq!(Change::Reorder.entry(Change::FromAddress), Entry::Push);
        assert_eq!(Change::Reorder.entry(Change::Typing), Entry::Push);
        assert_eq!(Change::Reorder.entry(Change::Reorder), Entry::Replace);
        // An order chosen together with a step (the same moment) is that step.
        assert_eq!(Change::Reorder.and(Change::Step), Change::Step);
        assert_eq!(Change::Typing.and(Change::Reorder), Change::Reorder);
        assert_eq!(Change::default(), Change::FromAddress);
        assert_eq!(Change::Typing.and(Change::Step), Change::Step);
        assert_eq!(Change::FromAddress.and(Change::Typing), Change::Typing);
    }

    #[test]
    fn only_letters_and_digits_make_a_search() {
        for query in ["", "   ", "?!.,", "*", "\"", "🙂", " - "] {
            assert!(!is_search(query), "{query:?}");
        }
        for query in ["slept", "B12", "café", "?a", "12"] {
            assert!(is_search(query), "{query:?}");
        }
    }

    #[test]
    fn best_match_needs_a_search() {
        use SortOrder::*;
        assert_eq!(effective_sort(None, false, Newest), Newest);
        assert_eq!(effective_sort(None, false, Oldest), Oldest);
        assert_eq!(effective_sort(None, true, Newest), Relevance);
        assert_eq!(effective_sort(Some(Relevance), false, Oldest), Oldest);
        assert_eq!(effective_sort(Some(Relevance), true, Newest), Relevance);
        assert_eq!(effective_sort(Some(Oldest), true, Newest), Oldest);
        assert_eq!(effective_sort(Some(Newest), false, Oldest), Newest);
    }

    #[test]
    fn unknown_topics_are_reported_and_case_is_forgiven() {
        let tree = tree();
        let (found, unknown) = resolve_categories(
            &tree,
            &ids(&["Sciatica", "gone", " mind ", "-Sciatica", "-gone"]),
        );
        assert_eq!(found, ["sciatica", "mind", "-sciatica"]);
        assert_eq!(unknown, ["gone", "-gone"]);
        assert_eq!(resolve_categories(&tree, &[]), (vec![], vec![]));
    }

    #[test]
    fn the_address_of_a_view_is_tidy() {
        let tree = tree();
        let (found, _) = resolve_categories(&tree, &ids(&["mind", "sciatica", "back"]));
        // A topic with its own subtopic, out of tree order: one box, in tree order.
        let selection = CategorySelection::from_ids(&tree, &found);
        let state = address_state(&tree, &selection, 9, Some(SortOrder::Relevance), " ");
        assert_eq!(state.categories, ["back", "mind"]);
        assert_eq!(state.page, 9);
        assert_eq!(state.sort, None, "best match without a search is left out");
        assert_eq!(state.query, None);
        let searching = address_state(&tree, &selection, 1, Some(SortOrder::Relevance), "pain");
        assert_eq!(searching.sort, Some(SortOrder::Relevance));
        assert_eq!(searching.query.as_deref(), Some("pain"));
        assert_eq!(address_state(&tree, &selection, 1, None, "?!").query, None);
    }

    #[test]
    fn an_address_describes_the_view_whatever_the_search_it_does_not_hold() {
        let shown = UrlState {
            categories: ids(&["back"]),
            query: Some("pain".to_owned()),
            ..UrlState::default()
        };
        let address = UrlState {
            query: None,
            ..shown.clone()
        };
        assert!(describes(&address, &shown, false));
        assert!(!describes(&address, &shown, true));
        let page_two = UrlState {
            page: 2,
            ..address.clone()
        };
        assert!(!describes(&page_two, &shown, false));
    }

    #[test]
    fn the_fragment_names_a_question_only_while_it_is_open() {
        let state = UrlState {
            page: 9,
            ..UrlState::default()
        };
        assert_eq!(
            address("", "", &state, Some("q-1"), "", false),
            ("?page=9".to_owned(), "#question-q-1".to_owned())
        );
        assert_eq!(
            address(
                "?page=9",
                "#question-q-1",
                &UrlState::default(),
                None,
                "",
                false
            ),
            (String::new(), String::new())
        );
        assert_eq!(
            address("?section=ask", "#top", &state, None, "ae-", false),
            ("?section=ask&ae-page=9".to_owned(), "#top".to_owned())
        );
    }

    #[test]
    fn a_question_link_forgives_case_when_only_one_question_fits() {
        let json = concat!(
            r#"{"schema": "ask-expert-archive/1", "categories": [], "questions": ["#,
            r#"{"id": "Q-1", "question": "One?", "asked": "2020-01-01", "answers": ANSWERS},"#,
            r#"{"id": "q-2", "question": "Two?", "asked": "2020-01-02", "answers": ANSWERS},"#,
            r#"{"id": "Q-2", "question": "Again?", "asked": "2020-01-03", "answers": ANSWERS}]}"#
        );
        let answered = json.replace("ANSWERS", r#"[{"body": "Yes.", "date": "2020-02-01"}]"#);
        let archive = Archive::parse(&answered).unwrap();
        assert_eq!(archive.questions.len(), 3);
        assert_eq!(find_question(&archive, "Q-1"), Some(0));
        assert_eq!(find_question(&archive, "q-1"), Some(0));
        assert_eq!(find_question(&archive, "Q-2"), Some(2));
        // Two questions spell "q-2" in some case; only the exact one is meant.
        assert_eq!(find_question(&archive, "q-2"), Some(1));
        assert_eq!(find_question(&archive, "Q-3"), None);
    }
}

//! Browsing over random archives: pages split the results without gaps or repeats, box counts
//! and results agree with a brute-force recount, the selection stays normalised through any
//! clicks, and the address round-trips.

use ask_expert_core::archive::{Archive, CategoryIndex};
use ask_expert_core::browse::{BrowseRequest, Orders, browse};
use ask_expert_core::facets::{BoxState, CategorySelection, subtree_counts};
use ask_expert_core::url_state::{self, SortOrder, UrlState};
use proptest::prelude::*;
use serde_json::json;

const CATEGORY_IDS: [&str; 8] = [
    "body",
    "back",
    "lower-back",
    "sciatica",
    "neck",
    "mind",
    "sleep",
    "mood",
];

/// body › back › {lower-back, sciatica}; body › neck; mind › {sleep, mood}
fn archive_with(questions: &[(Vec<usize>, u16)]) -> Archive {
    let questions: Vec<_> = questions
        .iter()
        .enumerate()
        .map(|(n, (categories, day))| {
            let categories: Vec<&str> = categories.iter().map(|&c| CATEGORY_IDS[c]).collect();
            let asked = format!("2020-{:02}-{:02}", 1 + day / 28 % 12, 1 + day % 28);
            json!({"id": format!("q{n}"), "question": format!("Question {n}"),
                   "answers": [{"body": "A."}], "categories": categories, "asked": asked})
        })
        .collect();
    let archive = json!({
        "schema": "ask-expert-archive/1",
        "categories": [
            {"id": "body", "label": "Body", "children": [
                {"id": "back", "label": "Back", "children": [
                    {"id": "lower-back", "label": "Lower back"},
                    {"id": "sciatica", "label": "Sciatica"}]},
                {"id": "neck", "label": "Neck"}]},
            {"id": "mind", "label": "Mind", "children": [
                {"id": "sleep", "label": "Sleep"}, {"id": "mood", "label": "Mood"}]}],
        "questions": questions,
    });
    let archive = Archive::parse(&archive.to_string()).unwrap();
    assert!(archive.problems.is_empty());
    archive
}

fn index(archive: &Archive, id: &str) -> CategoryIndex {
    archive.categories.index_of(id).unwrap()
}

fn request<'a>(
    selection: &'a CategorySelection,
    hits: Option<&'a [usize]>,
    sort: SortOrder,
    page: usize,
) -> BrowseRequest<'a> {
    BrowseRequest {
        selection,
        search_hits: hits,
        sort,
        page,
        page_size: 2,
    }
}

#[test]
fn a_parent_box_covers_its_children_and_boxes_are_ored() {
    let archive = archive_with(&[
        (vec![2], 1),
        (vec![3], 2),
        (vec![4], 3),
        (vec![6], 4),
        (vec![1], 5),
    ]);
    let tree = &archive.categories;
    let mut selection = CategorySelection::default();
    selection.toggle(tree, index(&archive, "back"));
    let result = browse(
        &archive,
        &Orders::new(&archive),
        &request(&selection, None, SortOrder::Newest, 1),
    );
    assert_eq!(
        result.results,
        vec![4, 1, 0],
        "back, sciatica, lower back; newest first"
    );
    assert_eq!(
        selection.state(tree, index(&archive, "lower-back")),
        BoxState::Included
    );
    assert_eq!(
        selection.state(tree, index(&archive, "body")),
        BoxState::Mixed
    );
    assert_eq!(
        selection.state(tree, index(&archive, "neck")),
        BoxState::Unchecked
    );

    selection.toggle(tree, index(&archive, "sleep"));
    let result = browse(
        &archive,
        &Orders::new(&archive),
        &request(&selection, None, SortOrder::Oldest, 1),
    );
    assert_eq!(result.results, vec![0, 1, 3, 4]);
    assert_eq!(result.on_page, vec![0, 1]);
    assert_eq!(result.page_count, 2);
}

#[test]
fn ticking_a_parent_takes_over_its_ticked_children() {
    let archive = archive_with(&[]);
    let tree = &archive.categories;
    let mut selection = CategorySelection::default();
    selection.toggle(tree, index(&archive, "sciatica"));
    selection.toggle(tree, index(&archive, "neck"));
    selection.toggle(tree, index(&archive, "body"));
    assert_eq!(
        selection.checked().collect::<Vec<_>>(),
        vec![index(&archive, "body")]
    );
    assert_eq!(
        selection.state(tree, index(&archive, "sciatica")),
        BoxState::Included
    );
}

#[test]
fn unticking_an_included_box_keeps_the_rest_of_its_branch() {
    // Questions 0 and 1 are filed on the inner boxes "body" and "back" themselves.
    let archive = archive_with(&[
        (vec![0], 1),
        (vec![1], 2),
        (vec![2], 3),
        (vec![3], 4),
        (vec![4], 5),
    ]);
    let tree = &archive.categories;
    let mut selection = CategorySelection::default();
    selection.toggle(tree, index(&archive, "body"));
    selection.toggle(tree, index(&archive, "sciatica"));
    let result = browse(
        &archive,
        &Orders::new(&archive),
        &request(&selection, None, SortOrder::Oldest, 1),
    );
    assert_eq!(
        result.results,
        vec![0, 1, 2, 4],
        "body's and back's own questions stay"
    );
    assert_eq!(
        selection.state(tree, index(&archive, "body")),
        BoxState::Mixed
    );
    assert_eq!(
        selection.state(tree, index(&archive, "back")),
        BoxState::Mixed
    );
    assert_eq!(
        selection.state(tree, index(&archive, "lower-back")),
        BoxState::Included
    );
    assert_eq!(
        selection.state(tree, index(&archive, "sciatica")),
        BoxState::Unchecked
    );
    assert_eq!(
        selection.checked().collect::<Vec<_>>(),
        vec![index(&archive, "body")]
    );

    selection.toggle(tree, index(&archive, "sciatica"));
    assert_eq!(
        selection.state(tree, index(&archive, "body")),
        BoxState::Checked,
        "ticking it again restores the whole branch"
    );
}

#[test]
fn counts_are_disjunctive_and_count_a_question_once_per_branch() {
    let archive = archive_with(&[(vec![2, 3], 1), (vec![4], 2), (vec![6], 3)]);
    let tree = &archive.categories;
    let mut selection = CategorySelection::default();
    selection.toggle(tree, index(&archive, "lower-back"));
    let result = browse(
        &archive,
        &Orders::new(&archive),
        &request(&selection, None, SortOrder::Newest, 1),
    );
    assert_eq!(result.results, vec![0]);
    assert_eq!(result.box_counts[index(&archive, "body")], 2);
    assert_eq!(result.box_counts[index(&archive, "back")], 1);
    assert_eq!(
        result.box_counts[index(&archive, "neck")],
        1,
        "a sibling's count doesn't collapse"
    );
    assert_eq!(result.box_counts[index(&archive, "mind")], 1);
}

#[test]
fn search_hits_set_the_counts_and_keep_relevance_order() {
    let archive = archive_with(&[(vec![2], 1), (vec![4], 2), (vec![6], 3), (vec![2], 4)]);
    let selection = CategorySelection::default();
    let hits = [2, 0, 3];
    let orders = Orders::new(&archive);
    let relevance = browse(
        &archive,
        &orders,
        &request(&selection, Some(&hits), SortOrder::Relevance, 1),
    );
    assert_eq!(relevance.results, vec![2, 0, 3]);
    assert_eq!(relevance.box_counts[index(&archive, "lower-back")], 2);
    assert_eq!(relevance.box_counts[index(&archive, "neck")], 0);
    let newest = browse(
        &archive,
        &orders,
        &request(&selection, Some(&hits), SortOrder::Newest, 1),
    );
    assert_eq!(newest.results, vec![3, 2, 0]);
}

#[test]
fn an_empty_result_still_has_one_page() {
    let archive = archive_with(&[(vec![2], 1)]);
    let mut selection = CategorySelection::default();
    selection.toggle(&archive.categories, index(&archive, "mood"));
    let result = browse(
        &archive,
        &Orders::new(&archive),
        &request(&selection, None, SortOrder::Newest, 4),
    );
    assert_eq!((result.total(), result.page, result.page_count), (0, 1, 1));
    assert!(result.on_page.is_empty());
}

fn questions_strategy() -> impl Strategy<Value = Vec<(Vec<usize>, u16)>> {
    prop::collection::vec(
        (
            prop::collection::vec(0..CATEGORY_IDS.len(), 0..3),
            0u16..400,
        ),
        0..40,
    )
}

fn ticked_strategy() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..CATEGORY_IDS.len(), 0..4)
}

fn sort_strategy() -> impl Strategy<Value = SortOrder> {
    prop::sample::select(SortOrder::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn pages_partition_the_results(questions in questions_strategy(), ticked in ticked_strategy(),
                                   sort in sort_strategy(), page_size in 1usize..7) {
        let archive = archive_with(&questions);
        let nodes = ticked.iter().map(|&t| index(&archive, CATEGORY_IDS[t]));
        let selection = CategorySelection::new(&archive.categories, nodes);
        let orders = Orders::new(&archive);
        let first = browse(
            &archive,
            &orders,
            &BrowseRequest { selection: &selection, search_hits: None, sort, page: 1, page_size },
        );
        let mut seen = Vec::new();
        for page in 1..=first.page_count {
            let result = browse(
                &archive,
                &orders,
                &BrowseRequest { selection: &selection, search_hits: None, sort, page, page_size },
            );
            prop_assert!(result.on_page.len() <= page_size);
            prop_assert!(page == first.page_count || result.on_page.len() == page_size);
            seen.extend(result.on_page);
        }
        prop_assert_eq!(&seen, &first.results);
        let mut unique = seen.clone();
        unique.sort_unstable();
        unique.dedup();
        prop_assert_eq!(unique.len(), seen.len());
    }

    #[test]
    fn results_and_counts_equal_a_brute_force_recount(
        questions in questions_strategy(),
        ticked in ticked_strategy(),
        hit_mask in prop::collection::vec(any::<bool>(), 40)
    ) {
        let archive = archive_with(&questions);
        let tree = &archive.categories;
        let nodes: Vec<CategoryIndex> =
            ticked.iter().map(|&t| index(&archive, CATEGORY_IDS[t])).collect();
        let selection = CategorySelection::new(tree, nodes.iter().copied());
        let hits: Vec<usize> = (0..archive.questions.len()).filter(|&q| hit_mask[q]).collect();
        let result = browse(
            &archive,
            &Orders::new(&archive),
            &BrowseRequest {
                selection: &selection,
                search_hits: Some(&hits),
                sort: SortOrder::Relevance,
                page: 1,
                page_size: 5,
            },
        );

        let in_subtree = |node: CategoryIndex, question: usize| {
            archive.questions[question].categories.iter().any(|&c| tree.covers(node, c))
        };
        for node in 0..tree.len() {
            let expected = hits.iter().filter(|&&q| in_subtree(node, q)).count();
            prop_assert_eq!(result.box_counts[node], expected, "count of {}", tree.get(node).id);
        }
        let expected_results: Vec<usize> = hits.iter().copied()
            .filter(|&q| nodes.is_empty() || nodes.iter().any(|&n| in_subtree(n, q)))
            .collect();
        prop_assert_eq!(&result.results, &expected_results);
        prop_assert_eq!(subtree_counts(&archive, 0..archive.questions.len()).len(), tree.len());
    }

    #[test]
    fn the_selection_stays_normalised_through_any_clicks(
        clicks in prop::collection::vec(0..CATEGORY_IDS.len(), 0..12)
    ) {
        let archive = archive_with(&[]);
        let tree = &archive.categories;
        let mut selection = CategorySelection::default();
        for click in clicks {
            let node = index(&archive, CATEGORY_IDS[click]);
            let before = selection.state(tree, node);
            selection.toggle(tree, node);
            let after = selection.state(tree, node);
            let ticked_now = matches!(after, BoxState::Checked | BoxState::Included);
            prop_assert_eq!(ticked_now, matches!(before, BoxState::Unchecked | BoxState::Mixed));
            // A tick below another one needs a box unticked between them.
            let ticked: Vec<CategoryIndex> = selection.checked().collect();
            let unticked: Vec<CategoryIndex> = selection.unticked().collect();
            for &a in &ticked {
                for &b in &ticked {
                    let apart = unticked
                        .iter()
                        .any(|&u| u != a && tree.covers(a, u) && tree.covers(u, b));
                    prop_assert!(a == b || !tree.covers(a, b) || apart,
                        "{} covers {}", tree.get(a).id, tree.get(b).id);
                }
            }
        }
    }

    #[test]
    fn url_state_round_trips(categories in prop::collection::vec("[a-z0-9 ,&=%+é/-]{1,12}", 0..4),
                             page in 1usize..500, sort in prop::option::of(sort_strategy()),
                             query in prop::option::of("[^\\s]{1}[\\PC]{0,20}"), prefix in "(ae-)?",
                             foreign in "(lang=en&)?(x=1%202)?") {
        let mut categories = categories;
        categories.dedup();
        let mut unique = Vec::new();
        for c in categories { if !unique.contains(&c) { unique.push(c); } }
        let state = UrlState { categories: unique, page, sort, query };
        let search = url_state::write(&format!("?{foreign}"), &state, &prefix, true);
        prop_assert_eq!(url_state::read(&search, &prefix), state.clone());
        let without_query =
            url_state::read(&url_state::write(&search, &state, &prefix, false), &prefix);
        prop_assert_eq!(without_query, UrlState { query: None, ..state });
    }
}

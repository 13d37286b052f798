//! The category boxes over random trees, with questions filed on inner boxes too: after any
//! clicks, chip removals and trips through the address, which questions match and how every
//! box shows and counts agree with a brute-force model that keeps one "let through" flag
//! per box.

use ask_expert_core::archive::{Archive, CategoryIndex, CategoryTree};
use ask_expert_core::browse::{BrowseRequest, Orders, browse};
use ask_expert_core::facets::{BoxState, CategorySelection};
use ask_expert_core::url_state::SortOrder;
use proptest::prelude::*;
use serde_json::{Value, json};

/// A tree given as each box's parent (always an earlier box), and questions as the boxes
/// each is filed on.
#[derive(Debug, Clone)]
struct Case {
    parents: Vec<Option<usize>>,
    questions: Vec<Vec<usize>>,
    actions: Vec<Action>,
    hit_mask: Vec<bool>,
}

#[derive(Debug, Clone)]
enum Action {
    Click(usize),
    /// The chip of the n-th ticked box, if there is one.
    RemoveChip(usize),
    /// Through the address and back, as Back and shared links do.
    ThroughAddress,
    /// An address typed by hand: ticks and unticks in any order.
    Address(Vec<(usize, bool)>),
}

fn case() -> impl Strategy<Value = Case> {
    (1usize..12).prop_flat_map(|size| {
        let parents = (0..size)
            .map(|node| {
                if node == 0 {
                    Just(None).boxed()
                } else {
                    prop::option::weighted(0.8, 0..node).boxed()
                }
            })
            .collect::<Vec<_>>();
        let action = prop_oneof![
            4 => (0..size).prop_map(Action::Click),
            1 => (0usize..4).prop_map(Action::RemoveChip),
            1 => Just(Action::ThroughAddress),
            1 => prop::collection::vec((0..size, any::<bool>()), 0..5).prop_map(Action::Address),
        ];
        (
            parents,
            prop::collection::vec(prop::collection::vec(0..size, 0..3), 0..30),
            prop::collection::vec(action, 0..10),
            prop::collection::vec(any::<bool>(), 30),
        )
            .prop_map(|(parents, questions, actions, hit_mask)| Case {
                parents,
                questions,
                actions,
                hit_mask,
            })
    })
}

fn id(node: usize) -> String {
    format!("c{node}")
}

fn archive(case: &Case) -> Archive {
    fn subtree(node: usize, parents: &[Option<usize>]) -> Value {
        let children: Vec<Value> = (0..parents.len())
            .filter(|&child| parents[child] == Some(node))
            .map(|child| subtree(child, parents))
            .collect();
        json!({"id": id(node), "label": format!("Box {node}"), "children": children})
    }
    let roots: Vec<Value> = (0..case.parents.len())
        .filter(|&node| case.parents[node].is_none())
        .map(|node| subtree(node, &case.parents))
        .collect();
    let questions: Vec<Value> = case
        .questions
        .iter()
        .enumerate()
        .map(|(n, filed)| {
            let categories: Vec<String> = filed.iter().map(|&c| id(c)).collect();
            json!({"id": format!("q{n}"), "question": format!("Question {n}"),
                   "answers": [{"body": "A."}], "categories": categories,
                   "asked": format!("2020-01-{:02}", 1 + n % 28)})
        })
        .collect();
    let text =
        json!({"schema": "ask-expert-archive/1", "categories": roots, "questions": questions});
    Archive::parse(&text.to_string()).unwrap()
}

/// The model: which boxes let their own questions through.
struct Model {
    through: Vec<bool>,
}

impl Model {
    fn subtree(tree: &CategoryTree, node: CategoryIndex) -> std::ops::Range<usize> {
        node..tree.get(node).subtree_end
    }

    fn parent_through(&self, tree: &CategoryTree, node: CategoryIndex) -> bool {
        tree.get(node).parent.is_some_and(|p| self.through[p])
    }

    fn state(&self, tree: &CategoryTree, node: CategoryIndex) -> BoxState {
        let branch = &self.through[Model::subtree(tree, node)];
        if branch.iter().all(|&t| t) {
            if self.parent_through(tree, node) {
                BoxState::Included
            } else {
                BoxState::Checked
            }
        } else if branch.iter().any(|&t| t) {
            BoxState::Mixed
        } else {
            BoxState::Unchecked
        }
    }

    fn click(&mut self, tree: &CategoryTree, node: CategoryIndex) {
        let whole = Model::subtree(tree, node).all(|n| self.through[n]);
        Model::subtree(tree, node).for_each(|n| self.through[n] = !whole);
    }

    /// A ticked box's chip keeps out what the box let in: itself and every box reached
    /// from it through boxes letting theirs in.
    fn remove(&mut self, tree: &CategoryTree, node: CategoryIndex) {
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            if self.through[n] {
                self.through[n] = false;
                stack.extend(tree.get(n).children.iter().copied());
            }
        }
    }

    /// An address: each box follows the nearest entry at it or above it; the first entry
    /// for a box counts.
    fn from_address(tree: &CategoryTree, entries: &[(CategoryIndex, bool)]) -> Model {
        let through = (0..tree.len())
            .map(|node| {
                tree.path(node)
                    .iter()
                    .rev()
                    .find_map(|step| entries.iter().find(|(n, _)| n == step).map(|&(_, t)| t))
                    .unwrap_or(false)
            })
            .collect();
        Model { through }
    }

    fn checked(&self, tree: &CategoryTree) -> Vec<CategoryIndex> {
        (0..tree.len())
            .filter(|&n| self.through[n] && !self.parent_through(tree, n))
            .collect()
    }
}

fn check(
    archive: &Archive,
    selection: &CategorySelection,
    model: &Model,
    hits: &[usize],
) -> Result<(), TestCaseError> {
    let tree = &archive.categories;
    for node in 0..tree.len() {
        prop_assert_eq!(
            selection.state(tree, node),
            model.state(tree, node),
            "box {}",
            &tree.get(node).id
        );
    }
    prop_assert_eq!(selection.checked().collect::<Vec<_>>(), model.checked(tree));
    prop_assert_eq!(selection.is_empty(), !model.through.contains(&true));
    let result = browse(
        archive,
        &Orders::new(archive),
        &BrowseRequest {
            selection,
            search_hits: Some(hits),
            sort: SortOrder::Relevance,
            page: 1,
            page_size: 10,
        },
    );
    let filed_in = |q: usize, node: CategoryIndex| {
        archive.questions[q]
            .categories
            .iter()
            .any(|&c| tree.covers(node, c))
    };
    let expected: Vec<usize> = hits
        .iter()
        .copied()
        .filter(|&q| {
            selection.is_empty()
                || archive.questions[q]
                    .categories
                    .iter()
                    .any(|&c| model.through[c])
        })
        .collect();
    prop_assert_eq!(&result.results, &expected);
    for node in 0..tree.len() {
        let count = hits.iter().filter(|&&q| filed_in(q, node)).count();
        prop_assert_eq!(result.box_counts[node], count);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn boxes_agree_with_a_brute_force_model(case in case()) {
        let archive = archive(&case);
        let tree = &archive.categories;
        let node_of = |n: usize| tree.index_of(&id(n)).unwrap();
        let hits: Vec<usize> = (0..archive.questions.len()).filter(|&q| case.hit_mask[q]).collect();
        let mut selection = CategorySelection::default();
        let mut model = Model { through: vec![false; tree.len()] };
        for action in &case.actions {
            match action {
                Action::Click(n) => {
                    selection.toggle(tree, node_of(*n));
                    model.click(tree, node_of(*n));
                }
                Action::RemoveChip(k) => {
                    let chip = selection.checked().nth(*k);
                    if let Some(node) = chip {
                        selection.remove(node);
                        model.remove(tree, node);
                    }
                }
                Action::ThroughAddress => {
                    let ids = selection.ids(tree);
                    let read = CategorySelection::from_ids(tree, &ids);
                    prop_assert_eq!(&read, &selection, "{:?}", ids);
                }
                Action::Address(entries) => {
                    let entries: Vec<(CategoryIndex, bool)> =
                        entries.iter().map(|&(n, t)| (node_of(n), t)).collect();
                    let ids: Vec<String> = entries.iter()
                        .map(|&(n, t)| format!("{}{}", if t { "" } else { "-" }, tree.get(n).id))
                        .collect();
                    selection = CategorySelection::from_ids(tree, &ids);
                    model = Model::from_address(tree, &entries);
                }
            }
            check(&archive, &selection, &model, &hits)?;
        }
    }
}

/// The demo's case: "Back / spine" ticked, then "Lower back pain" unticked.
#[test]
fn unticking_a_subtopic_keeps_the_topics_own_questions_in_the_address() {
    let text = json!({"schema": "ask-expert-archive/1",
        "categories": [{"id": "back-spine", "label": "Back / spine", "children": [
            {"id": "lower-back-pain", "label": "Lower back pain"},
            {"id": "sciatica", "label": "Sciatica"}]}],
        "questions": [
            {"id": "q0", "question": "Between the shoulder blades?", "answers": [{"body": "A."}],
             "categories": ["back-spine"], "asked": "2020-01-01"},
            {"id": "q1", "question": "Lifting?", "answers": [{"body": "A."}],
             "categories": ["lower-back-pain"], "asked": "2020-01-02"}]});
    let archive = Archive::parse(&text.to_string()).unwrap();
    let tree = &archive.categories;
    let mut selection = CategorySelection::default();
    selection.toggle(tree, tree.index_of("back-spine").unwrap());
    selection.toggle(tree, tree.index_of("lower-back-pain").unwrap());
    assert_eq!(selection.ids(tree), ["back-spine", "-lower-back-pain"]);
    assert!(selection.admits(tree, &[tree.index_of("back-spine").unwrap()]));
    assert!(!selection.admits(tree, &[tree.index_of("lower-back-pain").unwrap()]));
    assert_eq!(
        CategorySelection::from_ids(tree, &["back-spine", "-lower-back-pain"]),
        selection
    );
    // Older addresses listed the siblings; they still read as they did.
    let siblings = CategorySelection::from_ids(tree, &["sciatica"]);
    assert_eq!(siblings.checked().count(), 1);
    assert_eq!(
        CategorySelection::from_ids(tree, &["-sciatica", "nonsense"]),
        CategorySelection::default()
    );
}

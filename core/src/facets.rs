//! The category boxes: which are ticked, how each box shows, which questions they let
//! through, and how many questions each box would bring.
//!
//! Ticked boxes are OR-ed, and a box covers its whole subtree. The selection is kept
//! normalised, so no ticked box ever sits below another ticked box: a child of a ticked box
//! shows as included rather than ticked.

use std::collections::BTreeSet;

use crate::archive::{Archive, CategoryIndex, CategoryTree};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CategorySelection {
    // Pre-order indices, so a subtree's ticked boxes form one range of the set.
    checked: BTreeSet<CategoryIndex>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoxState {
    Unchecked,
    Checked,
    /// Covered by a ticked box above it.
    Included,
    /// Not covered, but some box below it is ticked.
    Mixed,
}

impl CategorySelection {
    pub fn new(tree: &CategoryTree, nodes: impl IntoIterator<Item = CategoryIndex>) -> Self {
        let mut selection = CategorySelection::default();
        for node in nodes {
            if node < tree.len() && selection.covering_box(tree, node).is_none() {
                selection.uncheck_subtree(tree, node);
                selection.checked.insert(node);
            }
        }
        selection
    }

    pub fn is_empty(&self) -> bool {
        self.checked.is_empty()
    }

    pub fn len(&self) -> usize {
        self.checked.len()
    }

    /// Ticked boxes in tree order.
    pub fn checked(&self) -> impl Iterator<Item = CategoryIndex> + '_ {
        self.checked.iter().copied()
    }

    pub fn state(&self, tree: &CategoryTree, node: CategoryIndex) -> BoxState {
        if self.checked.contains(&node) {
            BoxState::Checked
        } else if self.covering_box(tree, node).is_some() {
            BoxState::Included
        } else if self
            .checked
            .range(node + 1..tree.get(node).subtree_end)
            .next()
            .is_some()
        {
            BoxState::Mixed
        } else {
            BoxState::Unchecked
        }
    }

    /// What a click on a box does. Ticking a box takes over any ticked boxes below it.
    /// Unticking an included box unticks the box above it but keeps everything else that
    /// box covered, as file trees do.
    pub fn toggle(&mut self, tree: &CategoryTree, node: CategoryIndex) {
        match self.state(tree, node) {
            BoxState::Checked => {
                self.checked.remove(&node);
            }
            BoxState::Included => {
                let ancestor = self
                    .covering_box(tree, node)
                    .expect("an included box has a ticked ancestor");
                self.checked.remove(&ancestor);
                // Re-tick the siblings along the path from the ancestor down to the node.
                let path = tree.path(node);
                let from = path
                    .iter()
                    .position(|&step| step == ancestor)
                    .expect("ancestor is on the path");
                for pair in path[from..].windows(2) {
                    let (parent, kept_out) = (pair[0], pair[1]);
                    let siblings = tree
                        .get(parent)
                        .children
                        .iter()
                        .copied()
                        .filter(|&child| child != kept_out);
                    self.checked.extend(siblings);
                }
            }
            BoxState::Unchecked | BoxState::Mixed => {
                self.uncheck_subtree(tree, node);
                self.checked.insert(node);
            }
        }
    }

    /// Unticks one ticked box, as its chip's remove button does.
    pub fn remove(&mut self, node: CategoryIndex) {
        self.checked.remove(&node);
    }

    /// True when the selection lets a question in these categories through. An empty
    /// selection lets everything through.
    pub fn admits(&self, tree: &CategoryTree, categories: &[CategoryIndex]) -> bool {
        self.checked.is_empty()
            || categories.iter().any(|&category| {
                self.checked
                    .range(..=category)
                    .any(|&ticked| tree.covers(ticked, category))
            })
    }

    fn covering_box(&self, tree: &CategoryTree, node: CategoryIndex) -> Option<CategoryIndex> {
        let mut current = tree.get(node).parent;
        while let Some(ancestor) = current {
            if self.checked.contains(&ancestor) {
                return Some(ancestor);
            }
            current = tree.get(ancestor).parent;
        }
        None
    }

    fn uncheck_subtree(&mut self, tree: &CategoryTree, node: CategoryIndex) {
        let below: Vec<CategoryIndex> = self
            .checked
            .range(node..tree.get(node).subtree_end)
            .copied()
            .collect();
        for ticked in below {
            self.checked.remove(&ticked);
        }
    }
}

/// For every category, how many of `questions` sit in it or anywhere below it; a question
/// in two categories of one branch counts once for that branch.
///
/// Given the questions matching the current search (but not the boxes), these are the
/// disjunctive counts refinement lists show: ticking one box leaves its siblings' counts as
/// they were.
pub fn subtree_counts(archive: &Archive, questions: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let tree = &archive.categories;
    let mut counts = vec![0; tree.len()];
    // The last question counted for each category, to count each question once per branch.
    let mut last_counted = vec![usize::MAX; tree.len()];
    for question in questions {
        for &category in &archive.questions[question].categories {
            let mut current = Some(category);
            while let Some(node) = current {
                if last_counted[node] == question {
                    break;
                }
                last_counted[node] = question;
                counts[node] += 1;
                current = tree.get(node).parent;
            }
        }
    }
    counts
}

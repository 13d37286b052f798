//! The parts of a question whose words the index counts apart, so that ranking can weigh
//! them apart: one definition for the index, the ranking and the evaluator.

/// Where in a question a word stands. The order is the order of weight in ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Question,
    /// The labels of the question's categories and of their ancestors.
    Category,
    Answer,
}

pub(super) const FIELD_COUNT: usize = 3;

/// One value for each field, at `Field::index`.
pub(super) type PerField<T> = [T; FIELD_COUNT];

impl Field {
    #[inline(always)]
    pub(super) const fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_cover_every_field_once() {
        let indices = [Field::Question, Field::Category, Field::Answer].map(Field::index);
        assert_eq!(indices, [0, 1, 2]);
        assert_eq!(indices.len(), FIELD_COUNT);
    }
}

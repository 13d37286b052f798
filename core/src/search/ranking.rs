//! How well a question matches: BM25F, the field-weighted form of BM25.
//!
//! Each field's term frequency is scaled by the field's weight and by how long the field is
//! in this question compared with the average, the scaled counts are summed, and the sum
//! saturates (a word said ten times is not ten times as relevant). Rarer words weigh more
//! (inverse document frequency).

use super::field::{FIELD_COUNT, PerField};

/// Question text, then category labels, then answer text: a word in the question says
/// most about what the question is about.
pub(super) const FIELD_WEIGHTS: PerField<f32> = [3.0, 2.0, 1.0];

/// How much a long field is discounted, per field. Labels are short and all alike, so
/// their length says little.
const LENGTH_DISCOUNT: PerField<f32> = [0.5, 0.3, 0.75];

/// Where term frequency saturates.
const SATURATION: f32 = 1.2;

/// How much a query word's variants count, relative to the word as typed.
pub(super) const EXACT_WEIGHT: f32 = 1.0;
pub(super) const STEM_WEIGHT: f32 = 0.8;
pub(super) const PREFIX_WEIGHT: f32 = 0.6;
pub(super) const ONE_EDIT_WEIGHT: f32 = 0.5;
pub(super) const TWO_EDITS_WEIGHT: f32 = 0.35;

/// The per-question factor for each field that folds its length into BM25F, computed
/// once when the index is finished.
pub(super) fn length_norms(lengths: PerField<u32>, averages: PerField<f32>) -> PerField<f32> {
    std::array::from_fn(|field| {
        if averages[field] <= 0.0 {
            return 1.0;
        }
        let relative = lengths[field] as f32 / averages[field];
        1.0 / (1.0 - LENGTH_DISCOUNT[field] + LENGTH_DISCOUNT[field] * relative)
    })
}

/// The saturated, field-weighted frequency of one word (or phrase) in one question.
#[inline]
pub(super) fn term_score(frequencies: PerField<u32>, norms: PerField<f32>) -> f32 {
    let mut weighted = 0.0;
    for field in 0..FIELD_COUNT {
        weighted += FIELD_WEIGHTS[field] * frequencies[field] as f32 * norms[field];
    }
    weighted * (SATURATION + 1.0) / (weighted + SATURATION)
}

/// Inverse document frequency: a word in few of the `documents` questions weighs more.
pub(super) fn rarity(matching: usize, documents: usize) -> f32 {
    let (matching, documents) = (matching as f32, documents as f32);
    (1.0 + (documents - matching + 0.5) / (matching + 0.5)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_rank_question_over_labels_over_answers() {
        let norms = [1.0; FIELD_COUNT];
        let question = term_score([1, 0, 0], norms);
        let label = term_score([0, 1, 0], norms);
        let answer = term_score([0, 0, 1], norms);
        assert!(question > label && label > answer);
    }

    #[test]
    fn frequency_saturates_and_long_fields_count_less() {
        let norms = [1.0; FIELD_COUNT];
        assert!(term_score([0, 0, 10], norms) < 10.0 * term_score([0, 0, 1], norms));
        let short = length_norms([10, 2, 50], [20.0, 2.0, 100.0]);
        let long = length_norms([40, 2, 200], [20.0, 2.0, 100.0]);
        assert!(term_score([1, 0, 1], short) > term_score([1, 0, 1], long));
        assert_eq!(
            length_norms([5, 5, 5], [0.0; FIELD_COUNT]),
            [1.0; FIELD_COUNT]
        );
    }

    #[test]
    fn rare_words_weigh_more() {
        assert!(rarity(1, 1000) > rarity(100, 1000));
        assert!(rarity(1000, 1000) > 0.0);
    }
}

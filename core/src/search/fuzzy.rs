//! Typo tolerance: how many edits apart two words are, counting a swap of neighbouring
//! letters as one edit ("acupunture", "scoliosys", "acupucnture"), computed only as far as
//! the allowed number of edits.

/// How many edits a query word of `length` characters may be away from an indexed word.
pub(super) fn allowed_edits(length: usize) -> usize {
    match length {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// A bit for each letter or digit a word contains. Each edit changes at most two bits, so
/// words whose masks differ in more than `2 × edits` bits cannot be close: a cheap filter
/// before the distance itself.
pub(super) fn letter_mask(word: &str) -> u64 {
    word.chars().fold(0, |mask, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            _ => 36 + c as u32 % 28,
        };
        mask | 1 << bit
    })
}

/// Reusable rows for [`Distance::within`], so scanning a vocabulary does not allocate.
#[derive(Default)]
pub(super) struct Distance {
    before_previous: Vec<usize>,
    previous: Vec<usize>,
    current: Vec<usize>,
    target: Vec<char>,
}

impl Distance {
    /// The optimal-string-alignment distance between `query` and `word` when it is at
    /// most `max`, else `None`. Only a band of `2 × max + 1` cells per row is computed,
    /// and the work stops as soon as a whole row exceeds `max`.
    pub(super) fn within(&mut self, query: &[char], word: &str, max: usize) -> Option<usize> {
        self.target.clear();
        self.target.extend(word.chars());
        let (source, target) = (query, &self.target[..]);
        if source.len().abs_diff(target.len()) > max {
            return None;
        }
        let too_far = max + 1;
        let width = target.len() + 1;
        for row in [
            &mut self.before_previous,
            &mut self.previous,
            &mut self.current,
        ] {
            row.clear();
            row.resize(width, too_far);
        }
        for (column, cell) in self.previous.iter_mut().enumerate().take(max + 1) {
            *cell = column;
        }
        for row in 1..=source.len() {
            self.current.fill(too_far);
            let first = row.saturating_sub(max).max(1);
            let last = (row + max).min(target.len());
            if row <= max {
                self.current[0] = row;
            }
            let mut row_best = self.current[0];
            for column in first..=last {
                let cost = usize::from(source[row - 1] != target[column - 1]);
                let mut best = (self.previous[column - 1] + cost)
                    .min(self.previous[column] + 1)
                    .min(self.current[column - 1] + 1);
                let swapped = row > 1
                    && column > 1
                    && source[row - 1] == target[column - 2]
                    && source[row - 2] == target[column - 1];
                if swapped {
                    best = best.min(self.before_previous[column - 2] + 1);
                }
                let best = best.min(too_far);
                self.current[column] = best;
                row_best = row_best.min(best);
            }
            if row_best > max {
                return None;
            }
            std::mem::swap(&mut self.before_previous, &mut self.previous);
            std::mem::swap(&mut self.previous, &mut self.current);
        }
        let distance = self.previous[target.len()];
        (distance <= max).then_some(distance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
        let query: Vec<char> = a.chars().collect();
        Distance::default().within(&query, b, max)
    }

    #[test]
    fn counts_edits_up_to_the_limit() {
        assert_eq!(distance("scoliosys", "scoliosis", 2), Some(1));
        assert_eq!(distance("acupunture", "acupuncture", 2), Some(1));
        assert_eq!(distance("acupucnture", "acupuncture", 2), Some(1));
        assert_eq!(distance("acupnctur", "acupuncture", 2), Some(2));
        assert_eq!(distance("needle", "needle", 1), Some(0));
        assert_eq!(distance("needle", "noodle", 1), None);
        assert_eq!(distance("needle", "noodle", 2), Some(2));
        assert_eq!(distance("back", "backache", 2), None);
        assert_eq!(distance("ca", "abc", 3), Some(3));
        assert_eq!(distance("", "ab", 2), Some(2));
        assert_eq!(distance("naïve", "naive", 1), Some(1));
    }

    #[test]
    fn agrees_with_a_full_table_on_many_pairs() {
        fn full(a: &[char], b: &[char]) -> usize {
            let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
            for (i, row) in table.iter_mut().enumerate() {
                row[0] = i;
            }
            for (j, cell) in table[0].iter_mut().enumerate() {
                *cell = j;
            }
            for i in 1..=a.len() {
                for j in 1..=b.len() {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    let mut best = (table[i - 1][j - 1] + cost)
                        .min(table[i - 1][j] + 1)
                        .min(table[i][j - 1] + 1);
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        best = best.min(table[i - 2][j - 2] + 1);
                    }
                    table[i][j] = best;
                }
            }
            table[a.len()][b.len()]
        }
        let words = [
            "pain", "pian", "spain", "paint", "pan", "pains", "apin", "ipan", "painful", "bpain",
            "pa", "niap",
        ];
        let mut distance_rows = Distance::default();
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let exact = full(&ca, &cb);
                for max in 0..=3 {
                    let expected = (exact <= max).then_some(exact);
                    assert_eq!(distance_rows.within(&ca, b, max), expected, "{a} {b} {max}");
                }
            }
        }
    }

    #[test]
    fn masks_filter_out_distant_words() {
        let edits = (letter_mask("scoliosys") ^ letter_mask("scoliosis")).count_ones();
        assert!(edits <= 2);
        assert!((letter_mask("needle") ^ letter_mask("frozen")).count_ones() > 4);
        assert_eq!(allowed_edits(3), 0);
        assert_eq!(allowed_edits(4), 1);
        assert_eq!(allowed_edits(8), 2);
    }
}

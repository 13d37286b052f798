//! Sorting, done one way. A WebAssembly build carries a separate copy of the standard
//! library's sort (a few kilobytes each) for every element type and comparison it is
//! used with, so every ordering the engine needs is expressed as a `u64` key, most
//! significant criterion in the high bits, and sorted by the one instance below.

#[inline]
pub(super) fn sort_keys(keys: &mut [u64]) {
    keys.sort_unstable();
}

/// The `count` smallest of `keys`, in order. When few are wanted from many (the handful
/// of related questions among thousands of matches) one pass keeps the best so far in a
/// short sorted list, far cheaper than sorting them all.
pub(super) fn smallest_keys(mut keys: Vec<u64>, count: usize) -> Vec<u64> {
    if count.saturating_mul(16) >= keys.len() {
        sort_keys(&mut keys);
        keys.truncate(count);
        return keys;
    }
    let mut best: Vec<u64> = Vec::with_capacity(count + 1);
    for key in keys {
        if best.len() == count && best.last().is_none_or(|&worst| key >= worst) {
            continue;
        }
        let at = best.partition_point(|&kept| kept < key);
        best.insert(at, key);
        best.truncate(count);
    }
    best
}

/// `terms` in ascending order without repeats.
pub(super) fn sorted_unique(terms: impl IntoIterator<Item = u32>) -> Vec<u32> {
    let mut keys: Vec<u64> = terms.into_iter().map(u64::from).collect();
    sort_keys(&mut keys);
    keys.dedup();
    keys.into_iter().map(|key| key as u32).collect()
}

/// A key putting larger `value`s first.
#[inline]
pub(super) fn descending(value: u32) -> u64 {
    u64::from(u32::MAX - value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_removes_repeats() {
        assert_eq!(sorted_unique([5, 1, 5, 3, 1]), [1, 3, 5]);
        let mut keys = vec![
            descending(3) << 32 | 7,
            descending(9) << 32 | 8,
            descending(3) << 32 | 2,
        ];
        sort_keys(&mut keys);
        assert_eq!(
            keys.iter().map(|key| *key as u32).collect::<Vec<_>>(),
            [8, 2, 7]
        );
    }

    #[test]
    fn the_smallest_keys_are_the_first_of_all_sorted() {
        // A fixed scramble with repeats, long enough for both ways of choosing.
        let keys: Vec<u64> = (0..500u64).map(|n| (n * 7919 + 13) % 331).collect();
        let mut sorted = keys.clone();
        sort_keys(&mut sorted);
        for count in [0, 1, 2, 7, 31, 32, 200, 499, 500, 501, usize::MAX] {
            let expected = &sorted[..count.min(sorted.len())];
            assert_eq!(smallest_keys(keys.clone(), count), expected, "{count}");
        }
    }
}

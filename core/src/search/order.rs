//! Sorting, done one way. A WebAssembly build carries a separate copy of the standard
//! library's sort (a few kilobytes each) for every element type and comparison it is
//! used with, so every ordering the engine needs is expressed as a `u64` key, most
//! significant criterion in the high bits, and sorted by the one instance below.

#[inline]
pub(super) fn sort_keys(keys: &mut [u64]) {
    keys.sort_unstable();
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
}

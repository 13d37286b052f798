//! The term dictionary: folded word ↔ term number.
//!
//! Indexing looks up every word of every answer here, so it is a purpose-built
//! open-addressing table rather than a `HashMap<Box<str>, u32>`: each slot holds the
//! word's hash beside its number, so a probe rarely touches anything else; a word's first
//! eight bytes, packed into a number, both seed the hash and settle equality for the short
//! words that most words are (text holds no NUL byte, so the zero padding is unambiguous);
//! and all words live in one string (no allocation per word, a fraction of the memory).

/// Keeps the table at most half full, so probes stay short.
const MAX_LOAD_PERCENT: usize = 50;

#[derive(Debug, Default, PartialEq)]
pub(super) struct Dictionary {
    /// Every word, one after another.
    text: String,
    /// Where each term's word ends in `text` (it starts where the previous one ends).
    ends: Vec<u32>,
    /// Each term's first eight bytes, packed (see [`Key`]).
    heads: Vec<u64>,
    /// Open-addressing table of `hash << 32 | (term + 1)`; 0 marks an empty slot. Its
    /// length is a power of two.
    slots: Box<[u64]>,
}

/// The term number stored in a non-empty slot.
#[inline(always)]
fn term_in(slot: u64) -> u32 {
    (slot as u32) - 1
}

impl Dictionary {
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    #[inline(always)]
    pub(super) fn word(&self, term: u32) -> &str {
        let term = term as usize;
        let ends = self.ends.as_slice();
        let start = if term == 0 {
            0
        } else {
            ends[term - 1] as usize
        };
        &self.text[start..ends[term] as usize]
    }

    pub(super) fn get(&self, word: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let key = Key::of(word);
        match self.slots[self.find_slot(word, &key)] {
            0 => None,
            stored => Some(term_in(stored)),
        }
    }

    /// The term number of `word`, and whether it was just added.
    pub(super) fn get_or_insert(&mut self, word: &str) -> (u32, bool) {
        if (self.len() + 1) * 100 > self.slots.len() * MAX_LOAD_PERCENT {
            self.grow();
        }
        let key = Key::of(word);
        let slot = self.find_slot(word, &key);
        let stored = self.slots[slot];
        if stored != 0 {
            return (term_in(stored), false);
        }
        let term = self.len() as u32;
        self.text.push_str(word);
        self.ends.push(self.text.len() as u32);
        self.heads.push(key.head);
        self.slots[slot] = u64::from(key.hash) << 32 | u64::from(term + 1);
        (term, true)
    }

    /// The slot holding `word`, or the empty slot where it belongs.
    #[inline(always)]
    fn find_slot(&self, word: &str, key: &Key) -> usize {
        // Slices, not `Vec` indexing: at the size-optimising level the app is built with,
        // `Vec`'s index operator stays a function call.
        let (slots, heads) = (&*self.slots, self.heads.as_slice());
        let mask = slots.len() - 1;
        let mut slot = key.hash as usize & mask;
        loop {
            let stored = slots[slot];
            if stored == 0 {
                return slot;
            }
            if (stored >> 32) as u32 == key.hash
                && heads[term_in(stored) as usize] == key.head
                && (word.len() <= 8 || self.word(term_in(stored)) == word)
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let capacity = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![0; capacity].into_boxed_slice());
        let mask = capacity - 1;
        for stored in old.iter().copied().filter(|&stored| stored != 0) {
            let mut slot = (stored >> 32) as usize & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = stored;
        }
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.heads.shrink_to_fit();
    }

    pub(super) fn heap_size(&self) -> usize {
        self.text.capacity()
            + 8 * (self.heads.capacity() + self.slots.len())
            + 4 * self.ends.capacity()
    }
}

/// A word's first eight bytes packed little-endian (zero-padded), and its hash: FxHash
/// over the length, the head and the remaining eight-byte chunks, keeping the well-mixed
/// high bits.
struct Key {
    head: u64,
    hash: u32,
}

impl Key {
    #[inline(always)]
    fn of(word: &str) -> Key {
        const MULTIPLIER: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let bytes = word.as_bytes();
        let head = pack(bytes);
        let mut hash = (bytes.len() as u64 ^ head).wrapping_mul(MULTIPLIER);
        let mut position = 8;
        while position < bytes.len() {
            let chunk = pack(bytes.split_at(position).1);
            hash = (hash.rotate_left(5) ^ chunk).wrapping_mul(MULTIPLIER);
            position += 8;
        }
        Key {
            head,
            hash: (hash >> 32) as u32,
        }
    }
}

/// The first (up to) eight bytes as a little-endian number, read in at most three loads
/// (fixed-size chunks: loops and range indexing stay calls when optimising for size).
#[inline(always)]
fn pack(bytes: &[u8]) -> u64 {
    if let Some(chunk) = bytes.first_chunk::<8>() {
        return u64::from_le_bytes(*chunk);
    }
    let (mut packed, mut shift, mut rest) = (0u64, 0, bytes);
    if let Some((chunk, tail)) = rest.split_first_chunk::<4>() {
        packed = u64::from(u32::from_le_bytes(*chunk));
        (shift, rest) = (32, tail);
    }
    if let Some((chunk, tail)) = rest.split_first_chunk::<2>() {
        packed |= u64::from(u16::from_le_bytes(*chunk)) << shift;
        (shift, rest) = (shift + 16, tail);
    }
    if let Some(&byte) = rest.first() {
        packed |= u64::from(byte) << shift;
    }
    packed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_words_in_order_of_arrival() {
        let mut dictionary = Dictionary::default();
        assert_eq!(dictionary.get("back"), None);
        assert_eq!(dictionary.get_or_insert("back"), (0, true));
        assert_eq!(dictionary.get_or_insert("pain"), (1, true));
        assert_eq!(dictionary.get_or_insert("back"), (0, false));
        assert_eq!(dictionary.get("pain"), Some(1));
        assert_eq!(dictionary.get("pai"), None);
        assert_eq!(dictionary.word(0), "back");
        assert_eq!(dictionary.word(1), "pain");
        assert_eq!(dictionary.len(), 2);
    }

    #[test]
    fn packs_heads_of_every_length() {
        let word = "abcdefghij";
        for length in 0..=word.len() {
            let expected = word
                .as_bytes()
                .iter()
                .take(8)
                .enumerate()
                .fold(0u64, |packed, (shift, &byte)| {
                    packed | u64::from(byte) << (8 * shift)
                });
            let expected = if length >= 8 {
                expected
            } else {
                expected & ((1u64 << (8 * length)) - 1)
            };
            assert_eq!(pack(&word.as_bytes()[..length]), expected, "{length}");
        }
    }

    #[test]
    fn survives_growing_past_many_words() {
        let mut dictionary = Dictionary::default();
        let mut words: Vec<String> = (0..20_000).map(|number| format!("word{number}x")).collect();
        words.extend(
            [
                "a",
                "ab",
                "abcdefgh",
                "abcdefghi",
                "abcdefghij",
                "abcdefgh\u{e9}",
            ]
            .map(String::from),
        );
        for (number, word) in words.iter().enumerate() {
            assert_eq!(dictionary.get_or_insert(word), (number as u32, true));
        }
        for (number, word) in words.iter().enumerate() {
            assert_eq!(dictionary.get(word), Some(number as u32));
            assert_eq!(dictionary.word(number as u32), word);
        }
        assert!(dictionary.heap_size() > 20_000 * 6);
    }
}

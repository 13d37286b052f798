//! A compact list of English words too common to narrow a search. They are still
//! indexed, for quoted phrases ("fear of needles") and for queries made of nothing else.

/// Sorted, for binary search (apostrophes already removed: "dont").
const STOP_WORDS: [&str; 139] = [
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "cant",
    "could", "did", "didnt", "do", "does", "doesnt", "doing", "dont", "down", "during", "each", "few", "for",
    "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "i", "id", "if", "im", "in", "into", "is", "isnt", "it", "its", "itself", "ive",
    "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
    "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so",
    "some", "such", "than", "that", "thats", "the", "their", "theirs", "them", "themselves", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very", "was",
    "wasnt", "we", "were", "what", "whats", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "would", "you", "your", "youre", "yours", "yourself", "yourselves",
];

/// True for a folded word that is a stop word.
pub(super) fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted() {
        assert!(STOP_WORDS.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn knows_common_words_and_not_content_words() {
        for word in ["the", "of", "and", "dont", "i", "a"] {
            assert!(is_stop_word(word), "{word}");
        }
        for word in ["back", "pain", "needle", "fear", "acupuncture", "help", "the1"] {
            assert!(!is_stop_word(word), "{word}");
        }
    }
}

//! English stemming, so "needles" finds "needle" and "treating" finds "treatment".
//!
//! The Snowball English (Porter2) stemmer does the work. On top of it, a "-ment" that
//! Porter2 keeps because the word is short ("treatment", "appointment") is removed too,
//! when what remains ends in a consonant, so the noun meets its verb.

use rust_stemmers::{Algorithm, Stemmer};

/// The key under which a folded word meets its other forms.
pub(super) fn stem_key(word: &str) -> String {
    if !is_stemmable(word) {
        return word.to_owned();
    }
    let stemmer = Stemmer::create(Algorithm::English);
    let stemmed = stemmer.stem(word);
    if let Some(base) = stemmed.strip_suffix("ment")
        && base.len() >= 4
        && base.ends_with(|c: char| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
    {
        return stemmer.stem(base).into_owned();
    }
    stemmed.into_owned()
}

/// Numbers, codes ("l5"), very short words and words in other scripts keep their form.
fn is_stemmable(word: &str) -> bool {
    word.len() >= 3 && word.bytes().all(|byte| byte.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_share_a_key() {
        assert_eq!(stem_key("needles"), stem_key("needle"));
        assert_eq!(stem_key("treating"), stem_key("treatment"));
        assert_eq!(stem_key("treatments"), stem_key("treat"));
        assert_eq!(stem_key("appointments"), stem_key("appointed"));
        assert_eq!(stem_key("headaches"), stem_key("headache"));
        assert_eq!(stem_key("flushes"), stem_key("flush"));
        assert_eq!(stem_key("sessions"), stem_key("session"));
        assert_eq!(stem_key("fathers"), stem_key("father"));
    }

    #[test]
    fn keeps_distinct_words_apart() {
        assert_ne!(stem_key("moment"), stem_key("mom"));
        assert_ne!(stem_key("back"), stem_key("bake"));
    }

    #[test]
    fn leaves_codes_and_short_words_alone() {
        assert_eq!(stem_key("l5"), "l5");
        assert_eq!(stem_key("is"), "is");
        assert_eq!(stem_key("βήτα"), "βήτα");
    }
}

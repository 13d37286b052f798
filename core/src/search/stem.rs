//! Stemming, so "needles" finds "needle" and "treating" finds "treatment", in the
//! archive's language: the Snowball stemmer for it, when rust-stemmers has one.
//!
//! For English (Porter2), a "-ment" that Porter2 keeps because the word is short
//! ("treatment", "appointment") is removed too, when what remains ends in a consonant, so
//! the noun meets its verb. Words in a language with no stemmer keep their form.

use rust_stemmers::{Algorithm, Stemmer};

use super::stopwords;

/// How the archive's language is searched: its stemmer and its stop words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    stemmer: Option<Algorithm>,
}

impl Language {
    pub const ENGLISH: Language = Language {
        stemmer: Some(Algorithm::English),
    };

    /// The rules for a BCP 47 tag ("en", "fr-CA", "de"); by its language part, as
    /// Snowball's stemmers know no regions. A language without a stemmer (or, in a page
    /// built without `all-languages`, any but English) is searched by exact words, near
    /// spellings and completions alone.
    pub fn from_tag(tag: &str) -> Language {
        let language = crate::locale::language_of(tag);
        let stemmer = match language.as_str() {
            "" | "en" => Some(Algorithm::English),
            #[cfg(feature = "all-languages")]
            other => other_stemmer(other),
            #[cfg(not(feature = "all-languages"))]
            _ => None,
        };
        Language { stemmer }
    }

    /// True when searches in this language ignore `word` unless it is all they hold. Only
    /// English has a stop-word list: elsewhere every word counts.
    pub(super) fn is_stop_word(self, word: &str) -> bool {
        self == Language::ENGLISH && stopwords::is_stop_word(word)
    }

    /// The key under which a folded word meets its other forms.
    pub(super) fn stem_key(self, word: &str) -> String {
        let Some(algorithm) = self.stemmer else {
            return word.to_owned();
        };
        if !is_stemmable(word, algorithm) {
            return word.to_owned();
        }
        let stemmer = Stemmer::create(algorithm);
        let stemmed = stemmer.stem(word);
        if algorithm == Algorithm::English
            && let Some(base) = stemmed.strip_suffix("ment")
            && base.len() >= 4
            && base.ends_with(|c: char| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
        {
            return stemmer.stem(base).into_owned();
        }
        stemmed.into_owned()
    }
}

/// Snowball's other stemmers. Each costs the page about 2 kB gzipped, 41 kB for all, so
/// the page has them only when built with the `all-languages` feature, and the archive tool
/// only when built with it too: its built index must stem as the page's queries do.
#[cfg(feature = "all-languages")]
fn other_stemmer(language: &str) -> Option<Algorithm> {
    match language {
        "ar" => Some(Algorithm::Arabic),
        "da" => Some(Algorithm::Danish),
        "nl" => Some(Algorithm::Dutch),
        "fi" => Some(Algorithm::Finnish),
        "fr" => Some(Algorithm::French),
        "de" => Some(Algorithm::German),
        "el" => Some(Algorithm::Greek),
        "hu" => Some(Algorithm::Hungarian),
        "it" => Some(Algorithm::Italian),
        "no" | "nb" | "nn" => Some(Algorithm::Norwegian),
        "pt" => Some(Algorithm::Portuguese),
        "ro" => Some(Algorithm::Romanian),
        "ru" => Some(Algorithm::Russian),
        "es" => Some(Algorithm::Spanish),
        "sv" => Some(Algorithm::Swedish),
        "ta" => Some(Algorithm::Tamil),
        "tr" => Some(Algorithm::Turkish),
        _ => None,
    }
}

/// Numbers, codes ("l5") and very short words keep their form, and in English so do words
/// in other scripts.
fn is_stemmable(word: &str, algorithm: Algorithm) -> bool {
    word.chars().count() >= 3
        && if algorithm == Algorithm::English {
            word.bytes().all(|byte| byte.is_ascii_lowercase())
        } else {
            word.chars().all(char::is_alphabetic)
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem_key(word: &str) -> String {
        Language::ENGLISH.stem_key(word)
    }

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

    #[test]
    #[cfg(feature = "all-languages")]
    fn each_language_stems_by_its_own_rules() {
        let french = Language::from_tag("fr-CA");
        assert_eq!(french.stem_key("douleurs"), french.stem_key("douleur"));
        let german = Language::from_tag("de");
        assert_eq!(german.stem_key("schmerzen"), german.stem_key("schmerz"));
        assert!(
            !german.is_stop_word("the"),
            "English stop words are English only"
        );
        let welsh = Language::from_tag("cy");
        assert_eq!(
            welsh.stem_key("poenau"),
            "poenau",
            "no Welsh stemmer: words kept"
        );
        assert_eq!(Language::from_tag("EN-gb"), Language::ENGLISH);
        assert_eq!(Language::from_tag(""), Language::ENGLISH);
    }
}

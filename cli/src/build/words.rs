//! The static pages' words: the locale's bundle (`ask_expert_core::locale`), with CLDR's
//! plural rules from `intl_pluralrules` (the rules the browser's `Intl.PluralRules`
//! applies in the app) and dates from the bundle's month names.

use ask_expert_core::locale::{self, Arg, DateStyle, Formats, PluralCategory, Strings, Words};
use intl_pluralrules::{PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

/// Plural rules for one language; numbers grouped in threes by commas.
pub struct NativeFormats {
    rules: Option<PluralRules>,
}

impl NativeFormats {
    /// The rules of `tag`'s language; English's rules when the crate has none for it.
    pub fn new(tag: &str) -> NativeFormats {
        let rules = |tag: &str| {
            let language: LanguageIdentifier = tag.parse().ok()?;
            PluralRules::create(language, PluralRuleType::CARDINAL).ok()
        };
        NativeFormats {
            rules: rules(tag).or_else(|| rules("en")),
        }
    }
}

impl Formats for NativeFormats {
    fn plural(&self, count: usize) -> PluralCategory {
        let Some(rules) = &self.rules else {
            return PluralCategory::Other;
        };
        match rules.select(count) {
            Ok(category) => PluralCategory::from_name(&format!("{category:?}").to_lowercase()),
            Err(_) => PluralCategory::Other,
        }
    }

    fn number(&self, value: usize) -> String {
        ask_expert_core::wording::thousands(value)
    }
}

/// The pages' locale: `--locale`, else the archive's language, else English. Warns on
/// standard error when no bundle speaks it.
pub fn page_strings(setting: Option<&str>, archive_language: &str) -> (Strings, NativeFormats) {
    let tag = locale::choose_locale(setting, Some(archive_language));
    let (strings, warning) = Strings::new(&tag, None);
    if let Some(warning) = warning {
        eprintln!("warning: {warning}");
    }
    let formats = NativeFormats::new(&strings.locale);
    (strings, formats)
}

/// The fixed words of the page templates, looked up once per build.
#[derive(Debug, Clone)]
pub struct PageText {
    pub lang: String,
    pub skip: String,
    pub feed_title: String,
    pub search_app: String,
    pub needs_js: String,
    pub browse_all: String,
    pub feed_link: String,
    pub breadcrumb: String,
    pub questions: String,
    pub pages: String,
    pub topics: String,
    pub all_questions: String,
    /// "Asked " and "" around the date of a question.
    pub asked: (String, String),
    pub answered: (String, String),
    pub back: String,
    pub categories: String,
    pub open_in_app: String,
    pub related: String,
}

impl PageText {
    pub fn new(words: Words) -> PageText {
        let around = |key: &str| {
            let text = words.text(key);
            let (before, after) = locale::around(&text, "date");
            (before.to_owned(), after.to_owned())
        };
        PageText {
            lang: words.strings.locale.clone(),
            skip: words.text("page.skip"),
            feed_title: words.text("page.feed_title"),
            search_app: words.text("page.search_app"),
            needs_js: words.text("page.needs_js"),
            browse_all: words.text("page.browse_all"),
            feed_link: words.text("page.feed_link"),
            breadcrumb: words.text("page.breadcrumb"),
            questions: words.text("page.questions"),
            pages: words.text("page.pages"),
            topics: words.text("page.topics"),
            all_questions: words.text("page.all_questions"),
            asked: around("page.asked"),
            answered: around("page.answered"),
            back: words.text("page.back"),
            categories: words.text("page.categories"),
            open_in_app: words.text("page.open_in_app"),
            related: words.text("page.related"),
        }
    }
}

/// "12 April 2016" in the pages' language.
pub fn long_date(words: Words, date: ask_expert_core::date::Date) -> String {
    words.date(date, DateStyle::Long)
}

/// "Answer 2 of 3".
pub fn answer_heading(words: Words, number: usize, count: usize) -> String {
    if count == 1 {
        words.text("page.answer")
    } else {
        words.format(
            "page.answer_of",
            &[("number", Arg::Count(number)), ("total", Arg::Count(count))],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_pages_count_with_welsh_plural_rules() {
        let (strings, formats) = page_strings(Some("cy"), "en");
        let words = Words::new(&strings, &formats);
        assert_eq!(strings.locale, "cy");
        assert_eq!(words.count("count.questions", 2), "2 gwestiwn");
        assert_eq!(words.count("count.questions", 3), "3 chwestiwn");
        assert_eq!(words.count("count.questions", 1250), "1,250 cwestiwn");
        let date = ask_expert_core::date::Date::parse("2016-04-12").unwrap();
        assert_eq!(long_date(words, date), "12 Ebrill 2016");
        let (english, formats) = page_strings(None, "en");
        let words = Words::new(&english, &formats);
        assert_eq!(english.locale, "en-GB");
        assert_eq!(words.count("page.answers", 1), "1 answer");
        assert_eq!(answer_heading(words, 2, 3), "Answer 2 of 3");
    }
}

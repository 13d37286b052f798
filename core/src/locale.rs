//! Every word of the interface, by locale: the shipped bundles (`core/locales/*.json`),
//! the association's own overrides, and the few rules that turn a message and its values
//! into text. Plural forms and number formats come from outside (the browser's `Intl` in
//! the page, a plural-rules crate natively) through [`Formats`], so no locale data is
//! compiled in here.
//!
//! A bundle is a JSON object of messages by key. A message is text with `{name}` holes, or
//! an object of such texts by plural category (`zero`, `one`, `two`, `few`, `many`,
//! `other`), chosen by the value called `count`.

use std::collections::BTreeMap;

use crate::date::Date;

/// The locale every other falls back to, and the one whose keys every bundle must have.
pub const DEFAULT_LOCALE: &str = "en-GB";

/// The bundles that ship with the widget, by BCP 47 tag.
pub const SHIPPED: &[(&str, &str)] = &[
    ("en-GB", include_str!("../locales/en-GB.json")),
    ("cy", include_str!("../locales/cy.json")),
];

/// Unicode's plural categories, as `Intl.PluralRules` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl PluralCategory {
    pub const ALL: [PluralCategory; 6] = [
        PluralCategory::Zero,
        PluralCategory::One,
        PluralCategory::Two,
        PluralCategory::Few,
        PluralCategory::Many,
        PluralCategory::Other,
    ];

    /// The category from its `Intl` name; anything else reads as `other`.
    pub fn from_name(name: &str) -> PluralCategory {
        PluralCategory::from_key(name).unwrap_or(PluralCategory::Other)
    }

    /// The category a bundle names: exactly one of the six names.
    pub fn from_key(name: &str) -> Option<PluralCategory> {
        Some(match name {
            "zero" => PluralCategory::Zero,
            "one" => PluralCategory::One,
            "two" => PluralCategory::Two,
            "few" => PluralCategory::Few,
            "many" => PluralCategory::Many,
            "other" => PluralCategory::Other,
            _ => return None,
        })
    }
}

/// A locale's rules for numbers and dates: which plural form a count takes, and how
/// numbers and dates are written.
pub trait Formats {
    fn plural(&self, count: usize) -> PluralCategory;
    fn number(&self, value: usize) -> String;
    /// The date written the locale's way; `None` leaves it to the bundle's month names
    /// (`date.long`, `date.month_year`, `date.month.1`…), as natively.
    fn date(&self, _date: Date, _style: DateStyle) -> Option<String> {
        None
    }
}

/// How much of a date is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// "12 April 2016".
    Long,
    /// "April 2016".
    MonthYear,
}

/// English's rules written out: `one` for 1, digits grouped by commas. For English text
/// made natively where no plural-rules data is wanted (the receiver's replies).
pub struct EnglishRules;

impl Formats for EnglishRules {
    fn plural(&self, count: usize) -> PluralCategory {
        if count == 1 {
            PluralCategory::One
        } else {
            PluralCategory::Other
        }
    }
    fn number(&self, value: usize) -> String {
        crate::wording::thousands(value)
    }
}

/// A locale's words and its rules, as the wording functions take them.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    pub strings: &'a Strings,
    pub formats: &'a dyn Formats,
}

impl<'a> Words<'a> {
    pub fn new(strings: &'a Strings, formats: &'a dyn Formats) -> Words<'a> {
        Words { strings, formats }
    }

    /// English with [`EnglishRules`].
    pub fn english() -> Words<'static> {
        Words {
            strings: english(),
            formats: &EnglishRules,
        }
    }

    pub fn text(&self, key: &str) -> String {
        self.strings.text(key)
    }

    pub fn format(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.strings.format(key, args, self.formats)
    }

    /// A message whose only hole is `{count}`, in the count's plural form.
    pub fn count(&self, key: &str, count: usize) -> String {
        self.format(key, &[("count", Arg::Count(count))])
    }

    /// A number the locale's way.
    pub fn number(&self, value: usize) -> String {
        self.formats.number(value)
    }

    /// A date the locale's way: by `Intl` in the page, by the bundle's month names natively.
    pub fn date(&self, date: Date, style: DateStyle) -> String {
        if let Some(text) = self.formats.date(date, style) {
            return text;
        }
        let month = self.text(&format!("date.month.{}", date.month()));
        let year = date.year().to_string();
        match style {
            DateStyle::Long => self.format(
                "date.long",
                &[
                    ("day", Arg::Text(&date.day().to_string())),
                    ("month", Arg::Text(&month)),
                    ("year", Arg::Text(&year)),
                ],
            ),
            DateStyle::MonthYear => self.format(
                "date.month_year",
                &[("month", Arg::Text(&month)), ("year", Arg::Text(&year))],
            ),
        }
    }
}

/// The English words, read once.
pub fn english() -> &'static Strings {
    static ENGLISH: std::sync::OnceLock<Strings> = std::sync::OnceLock::new();
    ENGLISH.get_or_init(Strings::english)
}

/// A message split at its hole `name`: the text before and after, for a message whose
/// value is an element (a link, a date, bold text) rather than text.
pub fn around<'t>(text: &'t str, name: &str) -> (&'t str, &'t str) {
    let hole = format!("{{{name}}}");
    match text.find(&hole) {
        Some(start) => (&text[..start], &text[start + hole.len()..]),
        None => (text, ""),
    }
}

/// The association's own words for `locale` from a `data-strings` file:
/// `{"cy": {"label.search": "…"}, "fr": {…}}`, a bundle by BCP 47 tag, matched exactly
/// (ignoring case) and then by language alone. `Ok(None)` when the file has none for it.
pub fn overrides_for(json: &str, locale: &str) -> Result<Option<Bundle>, String> {
    let text = json.strip_prefix('\u{feff}').unwrap_or(json);
    let wrong = |detail: String| {
        format!("should be a JSON object of bundles by locale, such as {{\"cy\": {{…}}}}{detail}")
    };
    let raw = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(raw)) => raw,
        Ok(_) => return Err(wrong(String::new())),
        Err(error) => return Err(wrong(format!(" ({error})"))),
    };
    match best_tag(locale, raw.keys().map(String::as_str)) {
        None => Ok(None),
        Some(tag) => Bundle::from_value(&raw[tag])
            .map(Some)
            .map_err(|error| format!("\"{tag}\": {error}")),
    }
}

/// A message: plain text with `{name}` holes, or texts by plural category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Text(String),
    Plural(BTreeMap<PluralCategory, String>),
}

impl Message {
    /// The text for `count`: its category's, else `other`'s.
    fn text_for(&self, count: Option<usize>, formats: &dyn Formats) -> &str {
        match self {
            Message::Text(text) => text,
            Message::Plural(forms) => {
                let category = count.map_or(PluralCategory::Other, |count| formats.plural(count));
                forms
                    .get(&category)
                    .or_else(|| forms.get(&PluralCategory::Other))
                    .map_or("", String::as_str)
            }
        }
    }

    /// A bundle's value as a message: text, or an object of texts by category.
    fn from_value(value: &serde_json::Value) -> Option<Message> {
        match value {
            serde_json::Value::String(text) => Some(Message::Text(text.clone())),
            serde_json::Value::Object(forms) => forms
                .iter()
                .map(|(name, text)| {
                    Some((PluralCategory::from_key(name)?, text.as_str()?.to_owned()))
                })
                .collect::<Option<BTreeMap<_, _>>>()
                .map(Message::Plural),
            _ => None,
        }
    }

    /// Every text the message may show.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Message::Text(text) => vec![text],
            Message::Plural(forms) => forms.values().map(String::as_str).collect(),
        }
    }
}

/// A value put into a message's hole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg<'a> {
    Text(&'a str),
    /// A count: written with the locale's digits and separators, and, when called `count`,
    /// choosing the plural form.
    Count(usize),
}

/// Messages by key, as one bundle file holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bundle {
    messages: BTreeMap<String, Message>,
}

impl Bundle {
    /// Reads a bundle file; a message that is neither text nor texts by category is
    /// reported by key.
    pub fn parse(json: &str) -> Result<Bundle, String> {
        let value: serde_json::Value = serde_json::from_str(json)
            .map_err(|error| format!("should be a JSON object of messages ({error})"))?;
        Bundle::from_value(&value)
    }

    fn from_value(value: &serde_json::Value) -> Result<Bundle, String> {
        let raw = value
            .as_object()
            .ok_or_else(|| "should be a JSON object of messages".to_owned())?;
        let mut messages = BTreeMap::new();
        for (key, value) in raw {
            let message = Message::from_value(value).ok_or_else(|| {
                format!(
                    "\"{key}\" should be text, or texts by plural category \
                     (zero, one, two, few, many, other)"
                )
            })?;
            messages.insert(key.clone(), message);
        }
        Ok(Bundle { messages })
    }

    pub fn get(&self, key: &str) -> Option<&Message> {
        self.messages.get(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.messages.keys().map(String::as_str)
    }

    pub fn insert(&mut self, key: &str, message: Message) {
        self.messages.insert(key.to_owned(), message);
    }
}

/// The shipped bundle for `locale`, matched as BCP 47 tags are: exactly (ignoring case),
/// then by language alone ("cy-GB" finds "cy", "en-US" finds "en-GB"). `None` when no
/// shipped bundle speaks the language.
pub fn shipped(locale: &str) -> Option<(&'static str, &'static str)> {
    let tag = best_tag(locale, SHIPPED.iter().map(|(tag, _)| *tag))?;
    SHIPPED.iter().find(|(shipped, _)| *shipped == tag).copied()
}

/// Which of `tags` stands for `wanted`: the same tag (ignoring case), else the first with
/// the same language.
fn best_tag<'a>(wanted: &str, tags: impl Iterator<Item = &'a str> + Clone) -> Option<&'a str> {
    let wanted = wanted.trim();
    tags.clone()
        .find(|tag| tag.eq_ignore_ascii_case(wanted))
        .or_else(|| {
            tags.into_iter()
                .find(|tag| language_of(tag) == language_of(wanted))
        })
}

/// A BCP 47 tag's language alone, lower-cased: "cy" of "cy-GB", "fr" of "FR_ca".
pub fn language_of(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The interface's words for one locale: the association's overrides first, then the
/// locale's bundle, then English, so a missing translation shows English, never a key.
#[derive(Debug, Clone)]
pub struct Strings {
    /// The locale whose bundle was found (the `lang` of the widget's root).
    pub locale: String,
    layers: Vec<Bundle>,
}

impl Strings {
    /// The words for `locale`, with `overrides` (the association's own bundle for it) on
    /// top. The warning says when `locale` has no bundle and English is used.
    pub fn new(locale: &str, overrides: Option<Bundle>) -> (Strings, Option<String>) {
        let english = shipped_bundle(DEFAULT_LOCALE);
        let (found, warning) = match shipped(locale) {
            Some((tag, json)) if tag != DEFAULT_LOCALE => (
                Some((
                    tag,
                    Bundle::parse(json).expect("shipped bundles are tested"),
                )),
                None,
            ),
            Some(_) => (None, None),
            None if overrides.is_some() => (None, None),
            None => (
                None,
                Some(format!(
                    "No interface words for the locale \"{locale}\"; English is used."
                )),
            ),
        };
        let tag = match (&found, &overrides) {
            (Some((tag, _)), _) => (*tag).to_owned(),
            (None, Some(_)) => locale.trim().to_owned(),
            (None, None) => DEFAULT_LOCALE.to_owned(),
        };
        let layers = overrides
            .into_iter()
            .chain(found.map(|(_, bundle)| bundle))
            .chain([english])
            .collect();
        (
            Strings {
                locale: tag,
                layers,
            },
            warning,
        )
    }

    /// The same words with `bundle` over them (the association's `data-labels`).
    pub fn with_layer(mut self, bundle: Bundle) -> Strings {
        self.layers.insert(0, bundle);
        self
    }

    /// English alone.
    pub fn english() -> Strings {
        Strings::new(DEFAULT_LOCALE, None).0
    }

    fn message(&self, key: &str) -> Option<&Message> {
        self.layers.iter().find_map(|bundle| bundle.get(key))
    }

    /// The message `key` with its holes filled. A key no bundle has shows as itself, which
    /// the bundle tests make impossible for shipped keys.
    pub fn format(&self, key: &str, args: &[(&str, Arg)], formats: &dyn Formats) -> String {
        let Some(message) = self.message(key) else {
            return key.to_owned();
        };
        let count = args.iter().find_map(|(name, arg)| match (name, arg) {
            (&"count", Arg::Count(count)) => Some(*count),
            _ => None,
        });
        fill(message.text_for(count, formats), args, formats)
    }

    /// A message without holes.
    pub fn text(&self, key: &str) -> String {
        self.format(key, &[], &NoNumbers)
    }
}

/// Which locale the interface speaks: the `data-locale` setting, else the archive's own
/// language, else English.
pub fn choose_locale(setting: Option<&str>, archive_language: Option<&str>) -> String {
    setting
        .or(archive_language)
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .unwrap_or(DEFAULT_LOCALE)
        .to_owned()
}

/// The interface's words: the chosen locale's bundle under the association's own words
/// for it (`overrides_file`, the `data-strings` file) and its `data-labels` on top. The
/// warnings say what was not used.
pub fn strings_for(
    locale: &str,
    overrides_file: Option<&str>,
    labels: Bundle,
) -> (Strings, Vec<String>) {
    let mut warnings = Vec::new();
    let overrides = overrides_file.and_then(|json| match overrides_for(json, locale) {
        Ok(bundle) => bundle,
        Err(problem) => {
            warnings.push(format!("the data-strings file was not used: it {problem}"));
            None
        }
    });
    let (strings, warning) = Strings::new(locale, overrides);
    warnings.extend(warning);
    (strings.with_layer(labels), warnings)
}

/// A tag `Intl` accepts: a 2–8 letter language, then subtags of 1–8 letters or digits.
pub fn is_well_formed(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    (2..=8).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

fn shipped_bundle(locale: &str) -> Bundle {
    let (_, json) = shipped(locale).expect("the default locale ships");
    Bundle::parse(json).expect("shipped bundles are tested")
}

/// For messages that hold no number.
struct NoNumbers;

impl Formats for NoNumbers {
    fn plural(&self, _count: usize) -> PluralCategory {
        PluralCategory::Other
    }
    fn number(&self, value: usize) -> String {
        value.to_string()
    }
}

/// `template` with each `{name}` replaced by its value; a hole with no value is left as
/// written, and `{{`/`}}` are not special (messages hold no braces otherwise).
fn fill(template: &str, args: &[(&str, Arg)], formats: &dyn Formats) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = &after[..end];
        match args.iter().find(|(arg_name, _)| *arg_name == name) {
            Some((_, Arg::Text(text))) => out.push_str(text),
            Some((_, Arg::Count(value))) => out.push_str(&formats.number(*value)),
            None => out.push_str(&rest[start..start + end + 2]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The holes a text has, in order.
pub fn holes(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        found.push(&after[..end]);
        rest = &after[end + 1..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(json: &str) -> Bundle {
        Bundle::parse(json).unwrap()
    }

    #[test]
    fn fills_holes_and_chooses_the_plural_form() {
        let mut custom = bundle(
            r#"{"found": {"one": "{count} question about {topic}",
                          "other": "{count} questions about {topic}"},
                "plain": "Search {missing}"}"#,
        );
        custom.insert("brace", Message::Text("a { b".into()));
        let (strings, warning) = Strings::new("xx-test", Some(custom));
        assert_eq!(warning, None, "an association's own bundle is a locale");
        let found = |count| {
            strings.format(
                "found",
                &[("count", Arg::Count(count)), ("topic", Arg::Text("sleep"))],
                &EnglishRules,
            )
        };
        assert_eq!(found(1), "1 question about sleep");
        assert_eq!(found(1250), "1,250 questions about sleep");
        assert_eq!(strings.text("plain"), "Search {missing}");
        assert_eq!(strings.text("brace"), "a { b");
        assert_eq!(strings.text("no.such.key"), "no.such.key");
    }

    #[test]
    fn unknown_locales_fall_back_to_english_with_a_warning() {
        let (strings, warning) = Strings::new("tlh", None);
        assert_eq!(strings.locale, "en-GB");
        assert!(warning.unwrap().contains("\"tlh\""));
        assert_eq!(Strings::new("cy-GB", None).0.locale, "cy");
        assert_eq!(Strings::new("en-US", None).0.locale, "en-GB");
        assert_eq!(Strings::new(" CY ", None).1, None);
    }

    #[test]
    fn overrides_win_and_english_fills_gaps() {
        let key = english_keys()[0].clone();
        let overrides = bundle(&format!(r#"{{"{key}": "Ours"}}"#));
        let (strings, _) = Strings::new("cy", Some(overrides));
        assert_eq!(strings.text(&key), "Ours");
    }

    #[test]
    fn the_setting_then_the_archive_choose_the_locale() {
        assert_eq!(choose_locale(Some("cy"), Some("en")), "cy");
        assert_eq!(choose_locale(None, Some("cy")), "cy");
        assert_eq!(choose_locale(Some("  "), None), "en-GB");
        let file = r#"{"cy-GB": {"label.search": "Chwilio’r archif"},
                      "fr": {"label.search": "Rechercher"}}"#;
        let mut labels = Bundle::default();
        labels.insert("label.send", Message::Text("Anfon".into()));
        let (strings, warnings) = strings_for("cy", Some(file), labels);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(strings.text("label.search"), "Chwilio’r archif");
        assert_eq!(strings.text("label.send"), "Anfon");
        // A locale no bundle ships, added by the file: no warning, its own tag.
        let (french, warnings) = strings_for("fr", Some(file), Bundle::default());
        assert!(warnings.is_empty());
        assert_eq!(french.locale, "fr");
        assert_eq!(french.text("label.search"), "Rechercher");
        assert_eq!(french.text("label.ask"), "Ask a question");
        let (_, warnings) = strings_for("cy", Some("[1]"), Bundle::default());
        assert_eq!(warnings.len(), 1);
        let (_, warnings) = strings_for("tlh", None, Bundle::default());
        assert_eq!(warnings.len(), 1, "labels alone do not make a locale");
        assert!(is_well_formed("cy-GB") && is_well_formed("zh-Hant-TW"));
        assert!(!is_well_formed("x") && !is_well_formed("en_GB") && !is_well_formed("en--"));
    }

    #[test]
    fn dates_natively_use_the_bundle_month_names() {
        let date = Date::parse("2016-04-12").unwrap();
        let (welsh, _) = Strings::new("cy", None);
        let words = Words::new(&welsh, &EnglishRules);
        assert_eq!(words.date(date, DateStyle::Long), "12 Ebrill 2016");
        assert_eq!(words.date(date, DateStyle::MonthYear), "Ebrill 2016");
        assert_eq!(
            Words::english().date(date, DateStyle::Long),
            "12 April 2016"
        );
    }

    #[test]
    fn damaged_bundles_are_reported_by_key() {
        assert!(Bundle::parse("[]").is_err());
        let error = Bundle::parse(r#"{"a": "x", "b": {"lots": "y"}}"#).unwrap_err();
        assert!(error.contains("\"b\""), "{error}");
    }

    fn english_keys() -> Vec<String> {
        shipped_bundle(DEFAULT_LOCALE)
            .keys()
            .map(str::to_owned)
            .collect()
    }
}

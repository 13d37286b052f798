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

use serde::Deserialize;

/// The locale every other falls back to, and the one whose keys every bundle must have.
pub const DEFAULT_LOCALE: &str = "en-GB";

/// The bundles that ship with the widget, by BCP 47 tag.
pub const SHIPPED: &[(&str, &str)] = &[
    ("en-GB", include_str!("../locales/en-GB.json")),
    ("cy", include_str!("../locales/cy.json")),
];

/// Unicode's plural categories, as `Intl.PluralRules` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
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
        match name {
            "zero" => PluralCategory::Zero,
            "one" => PluralCategory::One,
            "two" => PluralCategory::Two,
            "few" => PluralCategory::Few,
            "many" => PluralCategory::Many,
            _ => PluralCategory::Other,
        }
    }
}

/// A locale's rules for numbers: which plural form a count takes, and how it is written.
pub trait Formats {
    fn plural(&self, count: usize) -> PluralCategory;
    fn number(&self, value: usize) -> String;
}

/// A message: plain text with `{name}` holes, or texts by plural category.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
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
        let raw: BTreeMap<String, serde_json::Value> = serde_json::from_str(json)
            .map_err(|error| format!("should be a JSON object of messages ({error})"))?;
        let mut messages = BTreeMap::new();
        for (key, value) in raw {
            let message = Message::deserialize(&value).map_err(|_| {
                format!(
                    "\"{key}\" should be text, or texts by plural category \
                     (zero, one, two, few, many, other)"
                )
            })?;
            messages.insert(key, message);
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
    let wanted = locale.trim();
    let language = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    SHIPPED
        .iter()
        .find(|(tag, _)| tag.eq_ignore_ascii_case(wanted))
        .or_else(|| {
            SHIPPED
                .iter()
                .find(|(tag, _)| language(tag) == language(wanted))
        })
        .copied()
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

    /// English's rules, written out for these tests.
    struct EnglishNumbers;

    impl Formats for EnglishNumbers {
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
                &EnglishNumbers,
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

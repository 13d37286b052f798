//! The interface's words in the page: the locale's bundle with the association's own words
//! (`ask_expert_core::locale`), and its plural rules, numbers and dates from the browser's
//! `Intl`, so no locale data is compiled into the wasm. The root component provides them
//! as context; components read them with [`use_strings`].

use std::cell::RefCell;
use std::sync::Arc;

use ask_expert_core::config::Config;
use ask_expert_core::date::Date;
use ask_expert_core::locale::{
    self, Arg, DEFAULT_LOCALE, DateStyle, Formats, PluralCategory, Strings, Words,
};
use js_sys::{Array, Intl, Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::loader::fetch_text;

/// The words and rules of the locale the widget speaks.
#[derive(Clone)]
pub struct Locale {
    strings: Arc<Strings>,
    formats: IntlFormats,
}

impl Locale {
    /// The words for the settings and, once loaded, the archive's language, with the
    /// association's own words (`data-strings`) and labels over them. Warnings go to the
    /// console when `warn` is set.
    pub fn choose(
        config: &Config,
        archive_language: Option<&str>,
        own_words: Option<&str>,
        warn: bool,
    ) -> Locale {
        let tag = locale::choose_locale(config.locale.as_deref(), archive_language);
        let (strings, warnings) = locale::strings_for(&tag, own_words, config.labels.bundle());
        if warn {
            for warning in warnings {
                leptos::logging::warn!("Ask an Expert: {warning}");
            }
        }
        crate::panic_notice::remember_words(
            ["panic.title", "panic.advice", "panic.reload"].map(|key| strings.text(key)),
        );
        let formats = IntlFormats {
            locale: Some(strings.locale.clone())
                .filter(|tag| locale::is_well_formed(tag))
                .unwrap_or_else(|| DEFAULT_LOCALE.to_owned()),
        };
        Locale {
            strings: Arc::new(strings),
            formats,
        }
    }

    /// The `lang` of the widget's root.
    pub fn lang(&self) -> String {
        self.strings.locale.clone()
    }

    pub fn words(&self) -> Words<'_> {
        Words::new(&self.strings, &self.formats)
    }

    pub fn text(&self, key: &str) -> String {
        self.strings.text(key)
    }

    /// Makes the browser's `Intl` objects for this locale now. The first use of a locale's
    /// dates loads the browser's data for it (about 85 ms on a phone's slower CPU), which
    /// would otherwise lengthen the task that paints the first results.
    pub fn prepare_formats(&self) {
        self.formats.with(|_| ());
    }
}

/// A handle on the widget's [`Locale`], as cheap to copy into views as a signal.
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<Locale>);

impl I18n {
    /// `use` with the words and rules (`ask_expert_core::wording` takes them so).
    pub fn with_words<R>(self, use_words: impl FnOnce(Words) -> R) -> R {
        self.0.with_untracked(|locale| use_words(locale.words()))
    }

    pub fn text(self, key: &str) -> String {
        self.0.with_untracked(|locale| locale.text(key))
    }

    pub fn format(self, key: &str, args: &[(&str, Arg)]) -> String {
        self.with_words(|words| words.format(key, args))
    }

    pub fn count(self, key: &str, count: usize) -> String {
        self.with_words(|words| words.count(key, count))
    }

    pub fn number(self, value: usize) -> String {
        self.with_words(|words| words.number(value))
    }

    pub fn date(self, date: Date, style: DateStyle) -> String {
        self.with_words(|words| words.date(date, style))
    }
}

/// The interface's words, from the root component's context.
pub fn use_strings() -> I18n {
    I18n(expect_context::<RwSignal<Locale>>())
}

/// The association's own words, the file `data-strings` names; `None`, with a console
/// warning, when it cannot be fetched.
pub async fn fetch_own_words(config: &Config) -> Option<String> {
    let url = config.strings_url.as_deref()?;
    match fetch_text(url).await {
        Ok(text) => Some(text),
        Err(_) => {
            leptos::logging::warn!("Ask an Expert: the data-strings file {url} could not be read");
            None
        }
    }
}

/// Plural rules, numbers and dates by the browser's `Intl`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct IntlFormats {
    locale: String,
}

/// The `Intl` objects for one locale, made once: JavaScript objects stay on this thread.
struct IntlObjects {
    locale: String,
    plural: Intl::PluralRules,
    number: Intl::NumberFormat,
    /// Long dates and months with years; `None` when the browser has no date names for the
    /// locale (Chromium carries Welsh plural rules but not Welsh months), and the bundle's
    /// month names are used.
    dates: Option<(Intl::DateTimeFormat, Intl::DateTimeFormat)>,
}

thread_local! {
    static OBJECTS: RefCell<Option<IntlObjects>> = const { RefCell::new(None) };
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (name, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(name), &JsValue::from_str(value));
    }
    object
}

impl IntlObjects {
    fn new(locale: &str) -> IntlObjects {
        let locales = Array::of1(&JsValue::from_str(locale));
        // Digits grouped the English way rather than the browser's own locale's, when it
        // has no number format for this one.
        let numbers = Array::of2(
            &JsValue::from_str(locale),
            &JsValue::from_str(DEFAULT_LOCALE),
        );
        let has_dates =
            Intl::DateTimeFormat::supported_locales_of(&locales, &Object::new()).length() > 0;
        let dates = has_dates.then(|| {
            (
                Intl::DateTimeFormat::new(
                    &locales,
                    &options(&[("day", "numeric"), ("month", "long"), ("year", "numeric")]),
                ),
                Intl::DateTimeFormat::new(
                    &locales,
                    &options(&[("month", "long"), ("year", "numeric")]),
                ),
            )
        });
        IntlObjects {
            locale: locale.to_owned(),
            plural: Intl::PluralRules::new(&locales, &Object::new()),
            number: Intl::NumberFormat::new(&numbers, &Object::new()),
            dates,
        }
    }
}

impl IntlFormats {
    fn with<R>(&self, use_objects: impl FnOnce(&IntlObjects) -> R) -> R {
        OBJECTS.with(|objects| {
            let mut objects = objects.borrow_mut();
            let objects = match &mut *objects {
                Some(made) if made.locale == self.locale => made,
                slot => slot.insert(IntlObjects::new(&self.locale)),
            };
            use_objects(objects)
        })
    }
}

impl Formats for IntlFormats {
    fn plural(&self, count: usize) -> PluralCategory {
        let name: String = self.with(|objects| objects.plural.select(count as f64).into());
        PluralCategory::from_name(&name)
    }

    fn number(&self, value: usize) -> String {
        self.with(|objects| {
            objects
                .number
                .format()
                .call1(&JsValue::UNDEFINED, &JsValue::from_f64(value as f64))
                .ok()
                .and_then(|text| text.as_string())
        })
        .unwrap_or_else(|| value.to_string())
    }

    fn date(&self, date: Date, style: DateStyle) -> Option<String> {
        let day = js_sys::Date::new_with_year_month_day(
            u32::from(date.year()),
            i32::from(date.month()) - 1,
            i32::from(date.day()),
        );
        self.with(|objects| {
            let (long_date, month_year) = objects.dates.as_ref()?;
            let format = match style {
                DateStyle::Long => long_date,
                DateStyle::MonthYear => month_year,
            };
            format
                .format()
                .call1(&JsValue::UNDEFINED, &day)
                .ok()
                .and_then(|text| text.as_string())
        })
    }
}

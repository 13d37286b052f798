//! The shipped interface bundles: every locale has every English key and nothing else, the
//! same holes in each message, and a form for every plural category its language uses
//! (CLDR's rules, as the browser's `Intl.PluralRules` applies them).

use std::collections::BTreeSet;

use ask_expert_core::locale::{Bundle, DEFAULT_LOCALE, Message, PluralCategory, SHIPPED, holes};
use intl_pluralrules::{PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

fn bundle(tag: &str) -> Bundle {
    let (_, json) = SHIPPED.iter().find(|(shipped, _)| *shipped == tag).unwrap();
    Bundle::parse(json).unwrap_or_else(|error| panic!("{tag}: {error}"))
}

/// The categories whole numbers fall into in `tag`'s language.
fn categories_of(tag: &str) -> BTreeSet<PluralCategory> {
    let language: LanguageIdentifier = tag.split('-').next().unwrap().parse().unwrap();
    let rules = PluralRules::create(language, PluralRuleType::CARDINAL).unwrap();
    (0..2_000usize)
        .chain([1_000_000])
        .map(|number| {
            let category = rules.select(number).unwrap();
            PluralCategory::from_name(&format!("{category:?}").to_lowercase())
        })
        .collect()
}

#[test]
fn every_shipped_bundle_has_every_key_and_no_other() {
    let english = bundle(DEFAULT_LOCALE);
    let keys: BTreeSet<&str> = english.keys().collect();
    for (tag, _) in SHIPPED {
        let bundle = bundle(tag);
        let theirs: BTreeSet<&str> = bundle.keys().collect();
        let missing: Vec<_> = keys.difference(&theirs).collect();
        let extra: Vec<_> = theirs.difference(&keys).collect();
        assert!(missing.is_empty(), "{tag} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{tag} has keys English does not: {extra:?}"
        );
        for key in &keys {
            let wanted: BTreeSet<&str> = english
                .get(key)
                .unwrap()
                .texts()
                .into_iter()
                .flat_map(holes)
                .collect();
            for text in bundle.get(key).unwrap().texts() {
                let found: BTreeSet<&str> = holes(text).into_iter().collect();
                assert_eq!(found, wanted, "{tag} {key}: {text}");
            }
        }
    }
}

#[test]
fn plural_messages_have_a_form_for_each_category_of_their_language() {
    assert_eq!(categories_of("cy").len(), 6, "Welsh has six forms");
    assert_eq!(categories_of("en-GB").len(), 2);
    for (tag, _) in SHIPPED {
        let needed = categories_of(tag);
        let bundle = bundle(tag);
        for key in bundle.keys() {
            if let Some(Message::Plural(forms)) = bundle.get(key) {
                let has: BTreeSet<PluralCategory> = forms.keys().copied().collect();
                let missing: Vec<_> = needed.difference(&has).collect();
                assert!(missing.is_empty(), "{tag} {key} lacks {missing:?}");
            }
        }
    }
}

/// Every key named in the code, the app's and the archive tool's, is in the English
/// bundle (and so, by the test above, in every bundle): a typo shows as a failure here,
/// not as a key on screen.
#[test]
fn every_key_the_code_names_is_in_the_bundles() {
    let english = bundle(DEFAULT_LOCALE);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let prefixes: BTreeSet<&str> = english
        .keys()
        .map(|key| key.split('.').next().unwrap())
        .collect();
    let mut named = BTreeSet::new();
    let mut stack = vec![
        root.join("src"),
        root.join("core/src"),
        root.join("cli/src"),
    ];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(
                std::fs::read_dir(&path)
                    .unwrap()
                    .map(|entry| entry.unwrap().path()),
            );
            continue;
        }
        if path.extension().is_none_or(|extension| extension != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for literal in source.split('"').skip(1).step_by(2) {
            // File names ("archive.json") are not keys.
            let file_name = [".json", ".html", ".xml", ".css", ".js"]
                .iter()
                .any(|extension| literal.ends_with(extension));
            let looks_like_key = literal.contains('.')
                && !literal.ends_with('.')
                && !file_name
                && literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._".contains(c))
                && prefixes.contains(literal.split('.').next().unwrap());
            if looks_like_key {
                named.insert(literal.to_owned());
            }
        }
    }
    assert!(named.len() > 100, "found only {named:?}");
    // Keys the code builds: the sort orders and the months.
    named.extend(["sort.newest", "sort.oldest", "sort.relevance"].map(str::to_owned));
    named.extend((1..=12).map(|month| format!("date.month.{month}")));
    let missing: Vec<_> = named
        .iter()
        .filter(|key| english.get(key).is_none())
        .collect();
    assert!(missing.is_empty(), "not in en-GB.json: {missing:?}");
}

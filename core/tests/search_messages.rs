//! What the demo archive's searches report besides their hits, which decides the notes the
//! page shows: near spellings used for a word no question holds, and queries with nothing
//! to search for.

use ask_expert_core::archive::Archive;
use ask_expert_core::search::SearchIndex;
use ask_expert_core::view::is_search;

fn index() -> SearchIndex {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/archive.json");
    let source = std::fs::read_to_string(path).expect("the demo archive is readable");
    SearchIndex::build(&Archive::parse(&source).expect("the demo archive parses"))
}

#[test]
fn a_word_no_question_holds_reports_its_near_spellings() {
    let index = index();
    let results = index.search("café ");
    let (word, near) = &results.near_spellings[0];
    assert_eq!(word, "cafe");
    assert!(near.iter().any(|near| near == "safe"), "{near:?}");
    assert!(!results.hits.is_empty());
    assert!(index.search("needles ").near_spellings.is_empty());
}

#[test]
fn queries_without_letters_or_digits_are_no_search() {
    let index = index();
    for query in ["?!.,", "*", "\"", "🙂"] {
        assert!(!is_search(query));
        let results = index.search(query);
        assert!(
            results.hits.is_empty() && results.matched_all_words,
            "{query:?}"
        );
    }
}

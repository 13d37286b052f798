//! Behaviour of the whole engine, one requirement at a time, on small archives written
//! for each test.

use crate::archive::Archive;

use super::{Highlight, SearchIndex, SearchIndexBuilder, SearchResults};

/// One question: (id, question text, answer body, asked).
type Entry<'a> = (&'a str, &'a str, &'a str, &'a str);

fn archive_with(
    entries: &[Entry],
    categories: &[(&str, &[&str])],
    synonyms: &[&[&str]],
) -> Archive {
    let questions: Vec<String> = entries
        .iter()
        .map(|(id, question, answer, asked)| {
            let listed: Vec<String> = categories
                .iter()
                .filter(|(_, ids)| ids.contains(id))
                .map(|(category, _)| format!("{category:?}"))
                .collect();
            format!(
                concat!(
                    r#"{{"id": {id:?}, "question": {question:?}, "#,
                    r#""answers": [{{"body": {answer:?}}}], "categories": [{}], "#,
                    r#""asked": {asked:?}}}"#
                ),
                listed.join(","),
                id = id,
                question = question,
                answer = answer,
                asked = asked
            )
        })
        .collect();
    let synonyms: Vec<String> = synonyms.iter().map(|group| format!("{group:?}")).collect();
    let source = format!(
        concat!(
            r#"{{"schema": "ask-expert-archive/1",
            "categories": [{{"id": "back", "label": "Back pain", "children": "#,
            r#"[{{"id": "disc", "label": "Slipped disc"}}]}},
                           {{"id": "needles", "label": "Needles and safety"}}],
            "synonyms": [{}],
            "questions": [{}]}}"#
        ),
        synonyms.join(","),
        questions.join(",")
    );
    let archive = Archive::parse(&source).expect("test archive parses");
    assert!(archive.problems.is_empty(), "{:?}", archive.problems);
    archive
}

fn archive(entries: &[Entry]) -> Archive {
    archive_with(entries, &[], &[])
}

struct Searcher {
    archive: Archive,
    index: SearchIndex,
}

impl Searcher {
    fn new(archive: Archive) -> Searcher {
        let index = SearchIndex::build(&archive);
        Searcher { archive, index }
    }

    fn search(&self, query: &str) -> SearchResults {
        self.index.search(query)
    }

    /// The ids of the questions found, best first.
    fn ids(&self, query: &str) -> Vec<&str> {
        self.search(query)
            .hits
            .iter()
            .map(|hit| self.archive.questions[hit.question].id.as_str())
            .collect()
    }
}

fn searcher(entries: &[Entry]) -> Searcher {
    Searcher::new(archive(entries))
}

fn marked(highlight: &Highlight, text: &str) -> Vec<String> {
    highlight
        .segments(text)
        .into_iter()
        .filter(|segment| segment.marked)
        .map(|segment| segment.text)
        .collect()
}

const DAY: &str = "2020-01-01";

#[test]
fn an_empty_query_finds_nothing_and_filters_nothing() {
    let search = searcher(&[("a", "Needles?", "Fine needles.", DAY)]);
    for query in ["", "   ", " .,;!? ", "\"\"", "— …"] {
        let results = search.search(query);
        assert!(results.hits.is_empty(), "{query:?}");
        assert!(results.matched_all_words, "{query:?}");
        assert!(
            results.also_searched.is_empty() && results.highlight.is_empty(),
            "{query:?}"
        );
    }
}

#[test]
fn folds_case_accents_ligatures_and_apostrophes() {
    let search = searcher(&[
        ("elan", "Is Élan a NAÏVE question?", "Answer.", DAY),
        ("dont", "I don’t like needles", "Answer.", DAY),
        ("street", "Straße and Æther", "Answer.", DAY),
    ]);
    for query in ["elan", "ÉLAN", "élan", "naive", "Naïve"] {
        assert_eq!(search.ids(query), ["elan"], "{query}");
    }
    for query in ["don't", "don’t", "dont", "DON'T"] {
        assert_eq!(search.ids(&format!("{query} like")), ["dont"], "{query}");
    }
    assert_eq!(search.ids("strasse aether"), ["street"]);
    assert_eq!(
        marked(
            &search.search("elan naive").highlight,
            "Is Élan a NAÏVE question?"
        ),
        ["Élan", "NAÏVE"]
    );
}

#[test]
fn stems_find_other_forms_of_a_word() {
    let search = searcher(&[
        ("needle", "A needle question", "Answer.", DAY),
        ("treatment", "About the treatment", "Answer.", DAY),
        ("other", "Nothing related", "Answer.", DAY),
    ]);
    assert_eq!(search.ids("needles"), ["needle"]);
    assert_eq!(search.ids("treating"), ["treatment"]);
    assert_eq!(search.ids("treatments"), ["treatment"]);
    assert_eq!(
        marked(&search.search("treating").highlight, "About the treatment"),
        ["treatment"]
    );
}

#[test]
fn stop_words_are_ignored_unless_alone_or_quoted() {
    let search = searcher(&[
        ("phobia", "My fear of needles", "Answer.", "2020-01-01"),
        ("scrambled", "Needles: the fear", "Answer.", "2020-01-02"),
        ("plain", "Just words", "Is it the one?", "2020-01-03"),
    ]);
    assert_eq!(
        search.ids("the fear of the needles"),
        search.ids("fear needles")
    );
    assert_eq!(search.ids("fear needles").len(), 2);
    assert_eq!(search.ids("\"fear of needles\""), ["phobia"]);
    assert_eq!(
        search.ids("the"),
        ["scrambled", "plain"],
        "in the question, then in an answer"
    );
    let results = search.search("of needles");
    assert!(
        marked(&results.highlight, "fear of needles")
            .iter()
            .all(|word| word != "of")
    );
}

#[test]
fn the_word_being_typed_matches_its_completions() {
    let search = searcher(&[
        ("acupuncture", "Is acupuncture safe?", "Answer.", DAY),
        ("acute", "Acute pain", "Answer.", DAY),
        ("other", "Nothing", "Answer.", DAY),
    ]);
    assert_eq!(search.ids("acupunc"), ["acupuncture"]);
    let mut both = search.ids("acu");
    both.sort();
    assert_eq!(both, ["acupuncture", "acute"]);
    assert!(
        search.ids("acupunc ").is_empty(),
        "a finished word is not a prefix"
    );
    assert_eq!(
        marked(
            &search.search("safe acupunc").highlight,
            "Is acupuncture safe?"
        ),
        ["acupuncture", "safe"]
    );
}

#[test]
fn completions_are_capped_so_one_letter_stays_fast() {
    let words: Vec<String> = (0..3000).map(|number| format!("a{number}word")).collect();
    let entries: Vec<(String, String)> = words
        .chunks(30)
        .enumerate()
        .map(|(number, chunk)| (format!("q{number}"), chunk.join(" ")))
        .collect();
    let entries: Vec<Entry> = entries
        .iter()
        .map(|(id, text)| (id.as_str(), text.as_str(), "Answer.", DAY))
        .collect();
    let search = searcher(&entries);
    let started = std::time::Instant::now();
    let results = search.search("a");
    assert!(started.elapsed().as_millis() < 500);
    assert!(!results.hits.is_empty());
    let marked_words = marked(&results.highlight, &words.join(" ")).len();
    assert!(
        (1..=super::query::MAX_COMPLETIONS + 1).contains(&marked_words),
        "{marked_words}"
    );
}

#[test]
fn near_spellings_are_found_within_the_allowed_edits() {
    let search = searcher(&[
        ("scoliosis", "Scoliosis in teenagers", "Answer.", DAY),
        ("acupuncture", "Acupuncture for back pain", "Answer.", DAY),
        ("fever", "Hay fever again", "I never had it before.", DAY),
    ]);
    assert_eq!(search.ids("scoliosys"), ["scoliosis"]);
    assert_eq!(search.ids("acupunture"), ["acupuncture"]);
    assert_eq!(
        search.ids("acupucnture"),
        ["acupuncture"],
        "a swap is one edit"
    );
    assert_eq!(
        search.ids("acpuncure"),
        ["acupuncture"],
        "two edits from eight letters"
    );
    assert!(
        search.ids("acpnctre").is_empty(),
        "three edits are too many"
    );
    assert_eq!(
        search.ids("bakc"),
        ["acupuncture"],
        "one edit from four letters"
    );
    assert!(
        search.ids("bk").is_empty() && search.ids("bac ").is_empty(),
        "short words must be exact"
    );
    assert_eq!(
        search.ids("fever"),
        ["fever"],
        "a known word does not also find near spellings"
    );
    assert_eq!(
        marked(
            &search.search("scoliosys").highlight,
            "Scoliosis in teenagers"
        ),
        ["Scoliosis"]
    );
}

#[test]
fn a_rare_misspelling_in_the_archive_does_not_hide_the_right_spelling() {
    let mut entries: Vec<(String, String)> = (0..30)
        .map(|number| {
            (
                format!("q{number}"),
                format!("Question {number} about scoliosis"),
            )
        })
        .collect();
    entries.push(("typo".into(), "My scoliosys question".into()));
    let entries: Vec<Entry> = entries
        .iter()
        .map(|(id, text)| (id.as_str(), text.as_str(), "Answer.", DAY))
        .collect();
    let search = searcher(&entries);
    assert_eq!(search.ids("scoliosys").len(), 31);
    assert_eq!(
        search.ids("scoliosys")[0],
        "typo",
        "the exact spelling ranks first"
    );
}

#[test]
fn quoted_phrases_match_the_exact_sequence() {
    let search = searcher(&[
        ("phrase", "Pain in my lower back", "Answer.", DAY),
        ("apart", "My back is lower than it was", "Answer.", DAY),
        ("split", "Is it lower", "Back then it was fine.", DAY),
    ]);
    assert_eq!(search.ids("\"lower back\""), ["phrase"]);
    assert_eq!(search.ids("“Lower Back”"), ["phrase"]);
    let mut loose = search.ids("lower back");
    loose.sort();
    assert_eq!(loose, ["apart", "phrase", "split"]);
    assert!(search.ids("\"back lower\"").is_empty());
    assert_eq!(
        search.ids("\"lower ba"),
        ["phrase"],
        "an unclosed phrase's last word is still being typed"
    );
    let highlight = search.search("\"lower back\"").highlight;
    assert_eq!(
        marked(&highlight, "My lower back, not my back"),
        ["lower back"]
    );
}

#[test]
fn every_word_must_match_or_the_best_partial_matches_are_shown() {
    let search = searcher(&[
        ("both", "Needles for back pain", "Answer.", DAY),
        ("needles", "Needles only", "Answer.", DAY),
        ("back", "Back only", "Answer.", DAY),
    ]);
    let results = search.search("needles back");
    assert!(results.matched_all_words);
    assert_eq!(search.ids("needles back"), ["both"]);

    let partial = search.search("needles back xylophone");
    assert!(!partial.matched_all_words);
    assert_eq!(
        search.ids("needles back xylophone"),
        ["both"],
        "the question matching the most words"
    );

    let single = search.search("needles xylophone");
    assert!(!single.matched_all_words);
    assert_eq!(single.hits.len(), 2);

    let nothing = search.search("xylophone");
    assert!(!nothing.matched_all_words && nothing.hits.is_empty());
}

#[test]
fn question_text_outranks_labels_which_outrank_answers() {
    let search = Searcher::new(archive_with(
        &[
            (
                "answer",
                "Something",
                "The needles were fine.",
                "2020-01-03",
            ),
            ("label", "Something else", "Fine.", "2020-01-02"),
            ("question", "About needles", "Fine.", "2020-01-01"),
        ],
        &[("needles", &["label"])],
        &[],
    ));
    assert_eq!(search.ids("needles"), ["question", "label", "answer"]);
}

#[test]
fn labels_of_ancestor_categories_are_searched_too() {
    let search = Searcher::new(archive_with(
        &[
            ("filed", "Something", "Fine.", DAY),
            ("other", "Else", "Fine.", DAY),
        ],
        &[("disc", &["filed"])],
        &[],
    ));
    assert_eq!(
        search.ids("back pain"),
        ["filed"],
        "\"Back pain\" is the parent of \"Slipped disc\""
    );
}

#[test]
fn exact_words_outrank_stems_which_outrank_completions_and_typos() {
    let search = searcher(&[
        ("completion", "Needlework tips", "Fine.", "2020-01-04"),
        ("stem", "Needles tips", "Fine.", "2020-01-03"),
        ("exact", "Needle tips", "Fine.", "2020-01-01"),
    ]);
    assert_eq!(search.ids("needle"), ["exact", "stem", "completion"]);
    let typos = searcher(&[
        ("typo", "Neddle tips", "Fine.", "2020-01-04"),
        ("exact", "Needle tips", "Fine.", "2020-01-01"),
    ]);
    assert_eq!(
        typos.ids("needle tips"),
        ["exact"],
        "a known word does not widen to near spellings"
    );
    assert_eq!(typos.ids("neddle"), ["typo"]);
}

#[test]
fn equal_scores_list_the_newest_first_then_in_archive_order() {
    let search = searcher(&[
        ("old", "Needles", "Fine.", "2015-01-01"),
        ("new", "Needles", "Fine.", "2021-01-01"),
        ("same-day-first", "Needles", "Fine.", "2018-01-01"),
        ("same-day-second", "Needles", "Fine.", "2018-01-01"),
    ]);
    assert_eq!(
        search.ids("needles"),
        ["new", "same-day-first", "same-day-second", "old"]
    );
}

#[test]
fn synonyms_widen_the_search_and_are_reported() {
    let search = Searcher::new(archive_with(
        &[
            ("herniated", "My MRI shows a herniated disc", "Fine.", DAY),
            ("lumbago", "Lumbago again", "Fine.", DAY),
            ("lower", "Pain in the lower back", "Fine.", DAY),
            ("unrelated", "A disc of music, slipped", "Fine.", DAY),
        ],
        &[],
        &[
            &["slipped disc", "herniated disc", "disc prolapse"],
            &["lumbago", "lower back pain"],
        ],
    ));
    let results = search.search("slipped disc");
    assert_eq!(results.also_searched, ["herniated disc", "disc prolapse"]);
    let mut found = search.ids("slipped disc");
    found.sort();
    assert_eq!(found, ["herniated", "unrelated"]);
    assert_eq!(
        marked(&results.highlight, "a herniated disc"),
        ["herniated disc"]
    );

    assert_eq!(
        search.ids("herniated discs"),
        ["herniated"],
        "members match by stem"
    );
    assert_eq!(search.search("lumbago").also_searched, ["lower back pain"]);
    assert_eq!(
        search.ids("lumbago"),
        ["lumbago"],
        "\"lower back pain\" must appear as a phrase"
    );
    assert_eq!(
        search.ids("\"slipped disc\"").len(),
        0,
        "quoted phrases are not widened"
    );
}

#[test]
fn answers_are_searched_by_their_visible_text() {
    let search = searcher(&[(
        "markup",
        "Question",
        "See **our leaflet** at [the clinic page](https://example.org/factsheets/moxibustion) \
         or https://example.org/cupping.",
        DAY,
    )]);
    assert_eq!(search.ids("leaflet clinic"), ["markup"]);
    for hidden in [
        "example",
        "factsheets",
        "moxibustion",
        "cupping",
        "https",
        "org",
    ] {
        assert!(search.ids(hidden).is_empty(), "{hidden}");
    }
}

#[test]
fn slices_give_the_same_results_as_building_at_once() {
    let archive = Archive::parse(&ask_expert_fixtures::generate_archive_json(300, 5))
        .expect("generated archive parses");
    let whole = SearchIndex::build(&archive);
    let mut builder = SearchIndexBuilder::new(&archive);
    for start in (0..300).step_by(7) {
        builder.add(start..start + 7);
    }
    let sliced = builder.finish();
    for query in [
        "back pain",
        "acupunc",
        "\"lower back\"",
        "slipped disc",
        "scoliosys",
        "the",
    ] {
        assert_eq!(whole.search(query), sliced.search(query), "{query}");
    }
}

#[test]
fn an_archive_without_questions_can_be_searched() {
    let search = searcher(&[]);
    let results = search.search("needles");
    assert!(results.hits.is_empty());
    assert!(search.index.heap_size() > 0);
}

#[test]
fn the_index_and_results_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<SearchIndex>();
    shareable::<SearchResults>();
    shareable::<Highlight>();
}

//! Judged queries over the demo archive (public/archive.json): for each query, the
//! question(s) a reader of the archive would expect at the top. The expectations come
//! from reading the questions and answers, not from running the engine.

use ask_expert_core::archive::Archive;
use ask_expert_core::search::{SearchIndex, SearchResults};

struct Demo {
    archive: Archive,
    index: SearchIndex,
}

fn demo() -> Demo {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/archive.json");
    let source = std::fs::read_to_string(path).expect("the demo archive is readable");
    let archive = Archive::parse(&source).expect("the demo archive parses");
    let index = SearchIndex::build(&archive);
    Demo { archive, index }
}

impl Demo {
    fn top(&self, results: &SearchResults, count: usize) -> Vec<&str> {
        results
            .hits
            .iter()
            .take(count)
            .map(|hit| self.archive.questions[hit.question].id.as_str())
            .collect()
    }
}

/// A query, the questions expected, and within how many of the first results each must be.
struct Judgement {
    query: &'static str,
    expected: &'static [&'static str],
    within: usize,
    why: &'static str,
}

const fn judged(
    query: &'static str,
    expected: &'static [&'static str],
    within: usize,
    why: &'static str,
) -> Judgement {
    Judgement {
        query,
        expected,
        within,
        why,
    }
}

const JUDGEMENTS: &[Judgement] = &[
    // Single words
    judged(
        "lumbago",
        &["q-000001"],
        1,
        "the father whose lumbago flared after digging",
    ),
    judged(
        "scoliosis",
        &["q-000012", "q-000013"],
        3,
        "the two scoliosis questions",
    ),
    judged(
        "sciatica",
        &["q-000009"],
        3,
        "the postman asking whether acupuncture helps sciatica",
    ),
    judged(
        "chilblains",
        &["q-000084"],
        1,
        "the only question about chilblains",
    ),
    judged(
        "warfarin",
        &["q-000055"],
        1,
        "bruising while taking warfarin",
    ),
    judged("breech", &["q-000039"], 1, "the breech baby and moxa"),
    judged(
        "psoriasis",
        &["q-000078"],
        1,
        "psoriasis on elbows and scalp",
    ),
    judged("tinnitus", &["q-000033"], 1, "whistling in the left ear"),
    // Several words
    judged(
        "frozen shoulder",
        &["q-000018"],
        1,
        "shoulder frozen for five months",
    ),
    judged(
        "needles reused",
        &["q-000061"],
        1,
        "are acupuncture needles reused?",
    ),
    judged(
        "electroacupuncture pacemaker",
        &["q-000060"],
        1,
        "electroacupuncture with a pacemaker",
    ),
    judged(
        "cupping marks wedding",
        &["q-000059"],
        1,
        "purple marks before a wedding",
    ),
    judged(
        "chemotherapy nausea",
        &["q-000047"],
        1,
        "mum's chemotherapy nausea",
    ),
    judged(
        "IVF embryo transfer",
        &["q-000035"],
        1,
        "acupuncture on the day of embryo transfer",
    ),
    judged(
        "cost of treatment",
        &["q-000057"],
        3,
        "how much acupuncture should cost",
    ),
    judged(
        "how many sessions for my back",
        &["q-000004", "q-000056"],
        3,
        "the two questions asking how many sessions a back needs",
    ),
    judged(
        "becoming an acupuncturist",
        &["q-000069"],
        3,
        "the banker retraining",
    ),
    // Stemming
    judged(
        "bruises",
        &["q-000055", "q-000059"],
        3,
        "bruises after needles, cupping marks as bruises",
    ),
    judged(
        "treating eczema",
        &["q-000073", "q-000077"],
        3,
        "the two eczema questions",
    ),
    judged(
        "migraines periods",
        &["q-000021"],
        1,
        "migraine around her period",
    ),
    // Typos
    judged(
        "scoliosys",
        &["q-000012", "q-000013"],
        3,
        "one letter wrong",
    ),
    judged("migrane", &["q-000021", "q-000022"], 3, "a letter missing"),
    judged(
        "acupunture fertility",
        &["q-000034"],
        3,
        "a letter missing, with a second word",
    ),
    judged("chilblians", &["q-000084"], 1, "two letters swapped"),
    // Words being typed
    judged("chilbl", &["q-000084"], 1, "the start of 'chilblains'"),
    judged("warfa", &["q-000055"], 1, "the start of 'warfarin'"),
    judged(
        "frozen shou",
        &["q-000018"],
        1,
        "a finished word and one being typed",
    ),
    // Phrases
    judged(
        "\"morning sickness\"",
        &["q-000037"],
        3,
        "morning sickness all day",
    ),
    judged(
        "\"tight band\"",
        &["q-000024"],
        3,
        "a tight band round the head",
    ),
    judged(
        "\"hot flushes\" sleep",
        &["q-000043"],
        3,
        "night sweats and sleep, in the hot flushes category",
    ),
    // Synonyms and lay terms
    judged(
        "slipped disc",
        &["q-000010", "q-000014", "q-000015"],
        3,
        "q-000014 says only 'herniated disc', q-000015 'disc prolapse'",
    ),
    judged(
        "herniated disc",
        &["q-000014"],
        1,
        "the MRI showing a herniated disc",
    ),
    judged(
        "hay fever",
        &["q-000075", "q-000076"],
        3,
        "grass pollen; and allergic rhinitis, 'like hay fever'",
    ),
    judged(
        "allergic rhinitis",
        &["q-000076"],
        1,
        "year-round allergic rhinitis",
    ),
    judged("hot flushes", &["q-000042"], 3, "hot flashes, in American"),
    judged(
        "hot flashes",
        &["q-000042"],
        1,
        "the reader from across the pond",
    ),
    judged("night sweats", &["q-000043"], 3, "night sweats waking her"),
    judged("needle phobia", &["q-000053"], 1, "fainting at blood tests"),
    judged(
        "fear of needles",
        &["q-000053"],
        3,
        "the same question, in other words",
    ),
    judged(
        "sleeplessness",
        &["q-000031"],
        1,
        "mum's sleeplessness since dad went into care",
    ),
    judged(
        "insomnia",
        &["q-000031", "q-000026"],
        3,
        "sleeplessness, and anxiety wrecking sleep",
    ),
    judged("TMJ", &["q-000023"], 1, "jaw pain from grinding"),
    judged(
        "lateral epicondylitis",
        &["q-000020"],
        1,
        "tennis elbow from decorating, never called that",
    ),
    judged(
        "hypertension",
        &["q-000080"],
        3,
        "high blood pressure and tablets",
    ),
    judged("IBS", &["q-000045", "q-000049"], 3, "the two IBS questions"),
    judged(
        "irritable bowel",
        &["q-000045", "q-000049"],
        3,
        "IBS, spelled out",
    ),
];

#[test]
fn judged_queries_find_the_expected_questions() {
    let demo = demo();
    let mut failures = Vec::new();
    for judgement in JUDGEMENTS {
        let results = demo.index.search(judgement.query);
        let top = demo.top(&results, judgement.within);
        for expected in judgement.expected {
            if !top.contains(expected) {
                failures.push(format!(
                    "{:?}: expected {expected} within the top {} ({}), got {:?}",
                    judgement.query,
                    judgement.within,
                    judgement.why,
                    demo.top(&results, 5)
                ));
            }
        }
        if !results.matched_all_words {
            failures.push(format!("{:?}: should match every word", judgement.query));
        }
    }
    assert!(JUDGEMENTS.len() >= 25);
    assert!(
        failures.is_empty(),
        "{} of {} judgements failed:\n{}",
        failures.len(),
        JUDGEMENTS.len(),
        failures.join("\n")
    );
}

#[test]
fn synonyms_report_what_was_added() {
    let demo = demo();
    assert_eq!(
        demo.index.search("slipped disc").also_searched,
        ["herniated disc", "disc prolapse", "prolapsed disc"]
    );
    assert_eq!(
        demo.index.search("lumbago").also_searched,
        ["lower back pain"]
    );
    assert_eq!(
        demo.index.search("hot flushes").also_searched,
        ["hot flashes", "night sweats"]
    );
    assert!(demo.index.search("scoliosis").also_searched.is_empty());
}

#[test]
fn the_herniated_disc_question_never_says_slipped() {
    let demo = demo();
    let question = demo
        .archive
        .questions
        .iter()
        .find(|question| question.id == "q-000014")
        .expect("q-000014 exists");
    let text = format!(
        "{} {}",
        question.text,
        question
            .answers
            .iter()
            .map(|answer| answer.body.as_str())
            .collect::<String>()
    );
    assert!(
        !text.to_lowercase().contains("slipped"),
        "the judgement above would prove nothing"
    );
}

#[test]
fn queries_without_a_match_say_so() {
    let demo = demo();
    for query in ["xylophone", "quantum chromodynamics", "zzzz"] {
        let results = demo.index.search(query);
        assert!(
            results.hits.is_empty(),
            "{query}: {:?}",
            demo.top(&results, 3)
        );
        assert!(!results.matched_all_words, "{query}");
    }
    let partial = demo.index.search("chilblains xylophone");
    assert!(!partial.matched_all_words);
    assert_eq!(
        demo.top(&partial, 1),
        ["q-000084"],
        "the best partial match is still offered"
    );
}

#[test]
fn highlights_mark_what_matched_in_the_top_result() {
    let demo = demo();
    let results = demo.index.search("scoliosys");
    let top = &demo.archive.questions[results.hits[0].question];
    let marked: Vec<String> = results
        .highlight
        .segments(&top.text)
        .into_iter()
        .filter(|segment| segment.marked)
        .map(|segment| segment.text)
        .collect();
    assert!(
        marked
            .iter()
            .all(|word| word.eq_ignore_ascii_case("scoliosis"))
            && !marked.is_empty(),
        "{marked:?}"
    );

    let answer = ask_expert_core::markup::plain_text(&top.answers[0].blocks());
    let snippet = results.highlight.snippet(&answer, 160);
    assert!(snippet.iter().any(|segment| segment.marked), "{snippet:?}");
    assert!(
        snippet
            .iter()
            .map(|segment| segment.text.chars().count())
            .sum::<usize>()
            <= 162
    );
}

#[test]
fn similar_questions_rank_a_draft_by_any_of_its_words() {
    let demo = demo();
    let draft = "Can acupuncture help with hay fever every spring?";
    let top: Vec<&str> = demo
        .index
        .similar(draft, 3)
        .iter()
        .map(|hit| demo.archive.questions[hit.question].id.as_str())
        .collect();
    for expected in ["q-000075", "q-000076", "q-000083"] {
        assert!(
            top.contains(&expected),
            "{expected} should be among {top:?}"
        );
    }
    assert!(demo.index.similar("   ", 3).is_empty());
}

#[test]
fn similar_questions_at_most_n_are_the_first_n_of_all() {
    let demo = demo();
    for draft in [
        "Can acupuncture help with hay fever every spring?",
        "back pain",
        "\"lower back\" sleep",
    ] {
        let all = demo.index.similar(draft, usize::MAX);
        assert!(all.len() > 5, "{draft}");
        for at_most in [0, 1, 5, all.len(), all.len() + 1] {
            let first = &all[..at_most.min(all.len())];
            assert_eq!(
                demo.index.similar(draft, at_most),
                first,
                "{draft} {at_most}"
            );
        }
    }
}

#[cfg(feature = "all-languages")]
/// An archive in `language` with one question per text, ids "1", "2", …
fn archive_in(language: &str, texts: &[&str]) -> ask_expert_core::archive::Archive {
    let questions: Vec<serde_json::Value> = texts
        .iter()
        .enumerate()
        .map(|(number, text)| {
            serde_json::json!({"id": (number + 1).to_string(), "question": text,
                "answers": [{"body": "…"}], "asked": "2020-01-01"})
        })
        .collect();
    let source = serde_json::json!({"schema": "ask-expert-archive/1", "language": language,
        "questions": questions});
    ask_expert_core::archive::Archive::parse(&source.to_string()).unwrap()
}

#[cfg(feature = "all-languages")]
fn found(archive: &ask_expert_core::archive::Archive, query: &str) -> Vec<String> {
    let index = SearchIndex::build(archive);
    let mut ids: Vec<String> = index
        .search(query)
        .hits
        .iter()
        .map(|hit| archive.questions[hit.question].id.clone())
        .collect();
    ids.sort();
    ids
}

#[test]
#[cfg(feature = "all-languages")]
fn the_archive_language_chooses_the_stemmer_and_stop_words() {
    let texts = [
        "Douleurs chez les chevaux",
        "Un cheval boiteux",
        "The back hurts",
    ];
    let french = archive_in("fr", &texts);
    assert_eq!(french.language, "fr");
    assert_eq!(found(&french, "cheval "), ["1", "2"]);
    // "the" is a word like any other outside English.
    assert_eq!(found(&french, "the"), ["3"]);
    let english = archive_in("en", &texts);
    assert_eq!(
        found(&english, "cheval "),
        ["2"],
        "no French stemming in English"
    );
    let welsh = archive_in("cy", &["Poen cefn", "Poenau yn y cefn"]);
    assert_eq!(
        found(&welsh, "poen"),
        ["1", "2"],
        "completions still find longer words"
    );
}

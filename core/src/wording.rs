//! Words the interface shows that depend on numbers or on the state of the results, kept
//! in one place so every view says "1 question" and "1,250 questions" the same way, and so
//! the count line, the search notes and the no-results advice never contradict each other.
//! What an answer says about itself (who wrote it, when it was checked, whether it may be
//! out of date) is worded here too, once for the app and the static pages.

use crate::archive::{Answer, Expert};
use crate::date::Date;
use crate::locale::{Arg, DateStyle, Words};

/// "1 question", "26 questions", "1,250 questions".
pub fn question_count(count: usize) -> String {
    Words::english().count("count.questions", count)
}

/// What the page says about questions the archive holds but cannot show.
pub fn skipped_questions(words: Words, count: usize) -> Option<String> {
    (count > 0).then(|| words.count("archive.skipped", count))
}

/// What the results area knows when it chooses its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultsFacts {
    /// Questions the archive can show.
    pub archive_size: usize,
    /// Questions on screen across all pages, after the search and the boxes.
    pub shown: usize,
    /// Some box is ticked.
    pub filtered: bool,
    pub search: SearchFacts,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchFacts {
    /// No search: the box is empty or holds no letter or digit.
    None,
    /// A search was typed but the index is still being built.
    Preparing,
    /// A piece of the index the search reads could not be fetched (a built archive): the
    /// page says so and offers to try again.
    Failed,
    Done {
        /// False when no question has every word and the closest ones are shown.
        matched_all_words: bool,
        /// Synonyms added to the search.
        also_searched: Vec<String>,
        /// Words no question holds, with the near spellings searched instead.
        near_spellings: Vec<(String, Vec<String>)>,
    },
}

/// The live line above the results.
pub fn count_line(words: Words, facts: &ResultsFacts) -> String {
    match (&facts.search, facts.shown) {
        (SearchFacts::Preparing, _) => words.text("count.preparing"),
        (SearchFacts::Failed, _) => words.text("count.search_failed"),
        (_, 0) => words.text("count.none"),
        (_, count) => words.count("count.questions", count),
    }
}

/// The button beside the count line, when the search could not be prepared: it asks again
/// for the pieces that failed.
pub fn search_retry(words: Words, facts: &ResultsFacts) -> Option<String> {
    matches!(facts.search, SearchFacts::Failed).then(|| words.text("load.retry"))
}

/// Notes under the search box, announced as they change. The closest-matches note is given
/// only when there are matches to show.
pub fn search_notes(words: Words, facts: &ResultsFacts) -> Vec<String> {
    let mut notes = Vec::new();
    match &facts.search {
        // The count line says "Preparing search…", or that the search could not be.
        SearchFacts::None | SearchFacts::Preparing | SearchFacts::Failed => {}
        SearchFacts::Done {
            matched_all_words,
            also_searched,
            near_spellings,
        } => {
            if facts.shown > 0 {
                for (word, near) in near_spellings {
                    let shown: Vec<&str> = near.iter().take(3).map(String::as_str).collect();
                    notes.push(words.format(
                        "search.near_spellings",
                        &[
                            ("word", Arg::Text(word)),
                            ("spellings", Arg::Text(&shown.join(", "))),
                        ],
                    ));
                }
            }
            if !matched_all_words && facts.shown > 0 {
                notes.push(words.text("search.closest"));
            }
            if !also_searched.is_empty() {
                notes.push(words.format(
                    "search.also_searched",
                    &[("words", Arg::Text(&also_searched.join(", ")))],
                ));
            }
        }
    }
    notes
}

/// What the page says when nothing is shown, true to why.
pub fn no_match_advice(words: Words, facts: &ResultsFacts) -> String {
    let searching = !matches!(facts.search, SearchFacts::None);
    if facts.archive_size == 0 {
        return words.text("advice.empty_archive");
    }
    words.text(match (searching, facts.filtered) {
        (true, true) => "advice.words_and_topics",
        (true, false) => "advice.words",
        (false, true) => "advice.topics",
        (false, false) => "advice.nothing",
    })
}

/// What the page says when a link named topics the archive does not have.
pub fn unknown_topics(words: Words, ids: &[String]) -> Option<String> {
    match ids {
        [] => None,
        [id] => Some(words.format("link.unknown_topic", &[("topic", Arg::Text(id))])),
        ids => Some(
            words.format(
                "link.unknown_topics",
                &[(
                    "topics",
                    Arg::Text(
                        &ids.iter()
                            .map(|id| format!("“{id}”"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                )],
            ),
        ),
    }
}

/// "Answered by Dr Ann Lee, MSc, registered acupuncturist": the expert, with their
/// credentials when the archive gives them.
pub fn answered_by(words: Words, expert: &Expert) -> String {
    let name = Arg::Text(expert.name.trim());
    match expert.credentials.as_deref().map(str::trim) {
        Some(credentials) if !credentials.is_empty() => words.format(
            "answer.answered_by_credentials",
            &[("name", name), ("credentials", Arg::Text(credentials))],
        ),
        _ => words.format("answer.answered_by", &[("name", name)]),
    }
}

/// "Reviewed April 2016".
pub fn reviewed(words: Words, date: Date) -> String {
    let date = words.date(date, DateStyle::MonthYear);
    words.format("answer.reviewed", &[("date", Arg::Text(&date))])
}

/// The line under an answer saying who wrote it and when it was last reviewed, the parts
/// the archive gives joined by " · "; `None` when it gives neither.
pub fn provenance(words: Words, answer: &Answer) -> Option<String> {
    let parts: Vec<String> = [
        answer
            .expert
            .as_ref()
            .map(|expert| answered_by(words, expert)),
        answer.reviewed.map(|date| reviewed(words, date)),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The note an answer carries when it was last checked more than `review_after_years`
/// years before `today` (`Answer::outdated_since`), naming the year.
pub fn outdated_notice(
    words: Words,
    answer: &Answer,
    today: Date,
    review_after_years: u16,
) -> Option<String> {
    let since = answer.outdated_since(today, review_after_years)?;
    let year = since.year().to_string();
    let key = if answer
        .reviewed
        .is_some_and(|reviewed| Some(reviewed) >= answer.date)
    {
        "answer.outdated_reviewed"
    } else {
        "answer.outdated_written"
    };
    Some(words.format(key, &[("year", Arg::Text(&year))]))
}

/// The status line while a large download arrives: "Loading questions… 2.1 of 5.8 MB", or
/// without a known size "Loading questions… 2.1 MB".
pub fn loading_progress(
    words: Words,
    received_megabytes: f64,
    total_megabytes: Option<f64>,
) -> String {
    let received = format!("{received_megabytes:.1}");
    match total_megabytes {
        Some(total) => words.format(
            "app.loading_of",
            &[
                ("received", Arg::Text(&received)),
                ("total", Arg::Text(&format!("{total:.1}"))),
            ],
        ),
        None => words.format(
            "app.loading_received",
            &[("received", Arg::Text(&received))],
        ),
    }
}

pub fn thousands(value: usize) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Words<'static> {
        Words::english()
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(question_count(0), "0 questions");
        assert_eq!(question_count(1), "1 question");
        assert_eq!(question_count(26), "26 questions");
        assert_eq!(question_count(1250), "1,250 questions");
        assert_eq!(question_count(50_000), "50,000 questions");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    fn facts(shown: usize, filtered: bool, search: SearchFacts) -> ResultsFacts {
        ResultsFacts {
            archive_size: 86,
            shown,
            filtered,
            search,
        }
    }

    fn done(matched_all_words: bool, also: &[&str]) -> SearchFacts {
        SearchFacts::Done {
            matched_all_words,
            also_searched: also.iter().map(|word| word.to_string()).collect(),
            near_spellings: Vec::new(),
        }
    }

    #[test]
    fn near_spellings_are_said_when_they_are_shown() {
        let near = SearchFacts::Done {
            matched_all_words: true,
            also_searched: Vec::new(),
            near_spellings: vec![(
                "cafe".to_owned(),
                vec!["safe".to_owned(), "care".to_owned()],
            )],
        };
        assert_eq!(
            search_notes(en(), &facts(2, false, near.clone())),
            ["No question has the word “cafe”, so near spellings are shown: safe, care."]
        );
        assert!(search_notes(en(), &facts(0, false, near)).is_empty());
    }

    #[test]
    fn no_closest_matches_note_beside_no_matches() {
        let nothing = facts(0, false, done(false, &[]));
        assert_eq!(count_line(en(), &nothing), "No questions match");
        assert_eq!(search_notes(en(), &nothing), Vec::<String>::new());
        assert!(no_match_advice(en(), &nothing).starts_with("No question has these words"));

        let closest = facts(3, false, done(false, &["herniated disc"]));
        assert_eq!(count_line(en(), &closest), "3 questions");
        assert_eq!(
            search_notes(en(), &closest),
            [
                "No question has all of your words, so these are the closest matches.",
                "Also searched: herniated disc."
            ]
        );
        // Closest matches all hidden by the boxes: no note either.
        assert_eq!(
            search_notes(en(), &facts(0, true, done(false, &[]))).len(),
            0
        );
    }

    #[test]
    fn preparing_is_said_once_and_never_as_no_match() {
        let preparing = facts(86, false, SearchFacts::Preparing);
        assert_eq!(count_line(en(), &preparing), "Preparing search…");
        assert_eq!(search_notes(en(), &preparing), Vec::<String>::new());
        assert_eq!(
            count_line(en(), &facts(0, false, SearchFacts::Preparing)),
            "Preparing search…"
        );
    }

    #[test]
    fn a_search_that_cannot_be_prepared_says_so_instead_of_preparing() {
        for shown in [0, 86] {
            let failed = facts(shown, false, SearchFacts::Failed);
            assert_eq!(
                count_line(en(), &failed),
                "The search could not be prepared. Check your connection and try again."
            );
            assert_eq!(search_notes(en(), &failed), Vec::<String>::new());
            assert_eq!(search_retry(en(), &failed).as_deref(), Some("Retry"));
        }
        for search in [SearchFacts::None, SearchFacts::Preparing, done(true, &[])] {
            assert_eq!(search_retry(en(), &facts(3, false, search)), None);
        }
    }

    #[test]
    fn no_results_advice_fits_the_reason() {
        let empty = ResultsFacts {
            archive_size: 0,
            ..facts(0, false, SearchFacts::None)
        };
        assert_eq!(
            no_match_advice(en(), &empty),
            "The archive has no questions yet."
        );
        assert!(
            no_match_advice(en(), &facts(0, true, SearchFacts::None)).starts_with("The topics")
        );
        assert!(
            no_match_advice(en(), &facts(0, true, done(true, &[]))).contains("topics you ticked")
        );
        for advice in [empty, facts(0, true, SearchFacts::None)].map(|f| no_match_advice(en(), &f))
        {
            assert!(!advice.contains("fewer words"), "{advice}");
        }
    }

    #[test]
    fn unknown_topics_are_named() {
        assert_eq!(unknown_topics(en(), &[]), None);
        assert_eq!(
            unknown_topics(en(), &["nonexistent".to_owned()]).unwrap(),
            "The topic in this link no longer exists (“nonexistent”), so it is not applied."
        );
        assert!(
            unknown_topics(en(), &["a".to_owned(), "b".to_owned()])
                .unwrap()
                .contains("“a”, “b”")
        );
    }

    #[test]
    fn skipped_notice_only_when_something_was_skipped() {
        assert_eq!(skipped_questions(en(), 0), None);
        assert_eq!(
            skipped_questions(en(), 1).unwrap(),
            "1 question couldn't be shown because of a mistake in the archive."
        );
        assert!(
            skipped_questions(en(), 3)
                .unwrap()
                .starts_with("3 questions couldn't")
        );
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn answer(written: Option<&str>, reviewed: Option<&str>, expert: Option<Expert>) -> Answer {
        Answer {
            expert,
            reviewed: reviewed.map(date),
            ..Answer::new("Text.", written.map(date))
        }
    }

    fn expert(name: &str, credentials: Option<&str>) -> Expert {
        Expert {
            name: name.to_owned(),
            credentials: credentials.map(str::to_owned),
        }
    }

    #[test]
    fn provenance_names_the_expert_and_the_review() {
        let full = answer(
            Some("2016-04-12"),
            Some("2024-09-03"),
            Some(expert("Dr Ann Lee", Some("MSc, registered acupuncturist"))),
        );
        assert_eq!(
            provenance(en(), &full).unwrap(),
            "Answered by Dr Ann Lee, MSc, registered acupuncturist · Reviewed September 2024"
        );
        let name_only = answer(Some("2016-04-12"), None, Some(expert("Tom Reed", None)));
        assert_eq!(
            provenance(en(), &name_only).unwrap(),
            "Answered by Tom Reed"
        );
        let blank_credentials = expert("Tom Reed", Some("  "));
        assert_eq!(
            answered_by(en(), &blank_credentials),
            "Answered by Tom Reed"
        );
        let review_only = answer(None, Some("2025-01-31"), None);
        assert_eq!(
            provenance(en(), &review_only).unwrap(),
            "Reviewed January 2025"
        );
        assert_eq!(
            provenance(en(), &answer(Some("2016-04-12"), None, None)),
            None
        );
    }

    #[test]
    fn old_unchecked_answers_carry_a_notice_naming_the_year() {
        let today = date("2026-12-02");
        assert_eq!(
            outdated_notice(en(), &answer(Some("2016-04-12"), None, None), today, 5).unwrap(),
            "Written in 2016 and not reviewed since: treatment advice may have changed."
        );
        // Reviewed since, but long ago too.
        assert_eq!(
            outdated_notice(
                en(),
                &answer(Some("2012-01-05"), Some("2019-06-01"), None),
                today,
                5
            )
            .unwrap(),
            "Last reviewed in 2019: treatment advice may have changed since."
        );
        // Reviewed within the five years: no notice.
        let reviewed = answer(Some("2012-01-05"), Some("2024-06-01"), None);
        assert_eq!(outdated_notice(en(), &reviewed, today, 5), None);
        // Written within them.
        assert_eq!(
            outdated_notice(en(), &answer(Some("2021-12-02"), None, None), today, 5),
            None
        );
        assert!(outdated_notice(en(), &answer(Some("2021-12-01"), None, None), today, 5).is_some());
        // A longer period, and 0 turning the notice off.
        let old = answer(Some("2016-04-12"), None, None);
        assert_eq!(outdated_notice(en(), &old, today, 11), None);
        assert_eq!(outdated_notice(en(), &old, today, 0), None);
        // Nothing to go by.
        assert_eq!(
            outdated_notice(en(), &answer(None, None, None), today, 5),
            None
        );
        // A review date before the answer's own date counts as no review.
        let misdated = answer(Some("2016-04-12"), Some("2015-01-01"), None);
        assert!(
            outdated_notice(en(), &misdated, today, 5)
                .unwrap()
                .starts_with("Written in 2016 and not reviewed since")
        );
    }
}

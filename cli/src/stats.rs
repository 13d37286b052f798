//! `stats`: what an archive holds, and how much the app downloads to show it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use ask_expert_core::archive::Archive;
use ask_expert_core::markup;
use ask_expert_core::wording::thousands;
use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::{Value, json};

use crate::output::{self, count};
use crate::progress;
use crate::validate::{Source, question_numbers};
use crate::{EXIT_FATAL, EXIT_OK};

pub struct Stats {
    pub title: String,
    pub questions: usize,
    pub answers: usize,
    /// Questions in each category's subtree (each question once), in tree order.
    pub per_category: Vec<usize>,
    pub uncategorized: usize,
    pub per_year: BTreeMap<u16, usize>,
    /// Questions with 1, 2, and 3 or more answers.
    pub answers_per_question: [usize; 3],
    pub longest_question: Option<Longest>,
    pub longest_answer: Option<Longest>,
    pub bytes: usize,
    pub gzip_bytes: usize,
    pub problems: usize,
}

pub struct Longest {
    pub id: String,
    pub number: Option<usize>,
    /// For answers: the answer's place among the question's answers, from 1.
    pub answer: Option<usize>,
    pub characters: usize,
}

pub fn run(path: &Path, json: bool) -> u8 {
    let source = match Source::read(path) {
        Ok(source) => source,
        Err(message) => return fail(json, path, "unreadable", &message),
    };
    let archive = match source.parse(path) {
        Ok(archive) => archive,
        Err(error) => {
            return fail(
                json,
                path,
                "not_loadable",
                &format!("{}: {error}", path.display()),
            );
        }
    };
    let stats = Stats::of(&archive, &source.bytes);
    if json {
        output::stdout(&format!("{:#}\n", stats.to_json(&archive, path)));
    } else {
        output::stdout(&stats.to_text(&archive, path));
    }
    if stats.problems > 0 {
        output::stderr(&format!(
            "note: the app skips or ignores {} in this file; `ask-expert-archive validate {}` \
             lists them.\n",
            count(stats.problems, "thing", "things"),
            path.display()
        ));
    }
    EXIT_OK
}

fn fail(json: bool, path: &Path, kind: &str, message: &str) -> u8 {
    if json {
        let report = json!({
            "file": path.display().to_string(),
            "error": {"kind": kind, "message": message},
        });
        output::stdout(&format!("{report:#}\n"));
    } else {
        output::error(message);
    }
    EXIT_FATAL
}

/// The size of `bytes` compressed with gzip at level 9, as a web server would send it.
pub fn gzip_size(bytes: &[u8]) -> usize {
    struct Counter(usize);
    impl Write for Counter {
        fn write(&mut self, buffer: &[u8]) -> std::io::Result<usize> {
            self.0 += buffer.len();
            Ok(buffer.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut encoder = GzEncoder::new(Counter(0), Compression::best());
    // Writing to a counter cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(0, |counter| counter.0)
}

impl Stats {
    pub fn of(archive: &Archive, bytes: &[u8]) -> Stats {
        let tree = &archive.categories;
        let numbers = question_numbers(archive);
        let mut per_category = vec![0; tree.len()];
        let mut uncategorized = 0;
        let mut per_year = BTreeMap::new();
        let mut answers_per_question = [0; 3];
        let mut answers = 0;
        let mut longest_question: Option<Longest> = None;
        let mut longest_answer: Option<Longest> = None;
        let progress = progress::bar("Counting questions", archive.questions.len());
        let mut seen = vec![usize::MAX; tree.len()];
        for (index, question) in archive.questions.iter().enumerate() {
            progress.set_position(index as u64);
            if question.categories.is_empty() {
                uncategorized += 1;
            }
            for &category in &question.categories {
                for ancestor in tree.path(category) {
                    // A question in two categories of one subtree counts once there.
                    if seen[ancestor] != index {
                        seen[ancestor] = index;
                        per_category[ancestor] += 1;
                    }
                }
            }
            *per_year.entry(question.asked.year()).or_insert(0) += 1;
            answers_per_question[question.answers.len().clamp(1, 3) - 1] += 1;
            answers += question.answers.len();
            let length = question.text.chars().count();
            if longest_question
                .as_ref()
                .is_none_or(|longest| length > longest.characters)
            {
                longest_question = Some(Longest {
                    id: question.id.clone(),
                    number: numbers[index],
                    answer: None,
                    characters: length,
                });
            }
            for (position, answer) in question.answers.iter().enumerate() {
                let length = markup::plain_text(&answer.blocks()).chars().count();
                if longest_answer
                    .as_ref()
                    .is_none_or(|longest| length > longest.characters)
                {
                    longest_answer = Some(Longest {
                        id: question.id.clone(),
                        number: numbers[index],
                        answer: Some(position + 1),
                        characters: length,
                    });
                }
            }
        }
        drop(progress);
        Stats {
            title: archive.title.clone(),
            questions: archive.questions.len(),
            answers,
            per_category,
            uncategorized,
            per_year,
            answers_per_question,
            longest_question,
            longest_answer,
            bytes: bytes.len(),
            gzip_bytes: gzip_size(bytes),
            problems: archive.problems.len(),
        }
    }

    pub fn to_text(&self, archive: &Archive, path: &Path) -> String {
        let mut out = format!("{} — {}\n", self.title, path.display());
        out.push_str(&format!(
            "{}, {}, {}\n",
            count(self.questions, "question", "questions"),
            count(self.answers, "answer", "answers"),
            count(archive.categories.len(), "category", "categories"),
        ));

        let mut rows: Vec<(String, usize)> = archive
            .categories
            .iter()
            .map(|(index, category)| {
                (
                    format!("{}{}", "  ".repeat(category.depth), category.label),
                    self.per_category[index],
                )
            })
            .collect();
        if !rows.is_empty() {
            rows.push(("(no category)".into(), self.uncategorized));
            out.push_str("\nQuestions by category (each counts its subcategories)\n");
            out.push_str(&table(&rows));
        }

        let years: Vec<(String, usize)> = self
            .per_year
            .iter()
            .map(|(year, count)| (year.to_string(), *count))
            .collect();
        out.push_str("\nQuestions by year asked\n");
        out.push_str(&table(&years));

        let [one, two, more] = self.answers_per_question;
        out.push_str("\nAnswers per question\n");
        out.push_str(&table(&[
            ("1 answer".into(), one),
            ("2 answers".into(), two),
            ("3 or more".into(), more),
        ]));

        out.push('\n');
        if let Some(longest) = &self.longest_question {
            out.push_str(&format!(
                "Longest question: {}, {}\n",
                longest.place(),
                count(longest.characters, "character", "characters")
            ));
        }
        if let Some(longest) = &self.longest_answer {
            out.push_str(&format!(
                "Longest answer: {}, {} of text\n",
                longest.place(),
                count(longest.characters, "character", "characters")
            ));
        }

        out.push_str("\nWhat the app downloads\n");
        out.push_str(
            &table(&[
                ("as stored".into(), self.bytes),
                ("gzip -9".into(), self.gzip_bytes),
            ])
            .replace('\n', " bytes\n"),
        );
        out
    }

    pub fn to_json(&self, archive: &Archive, path: &Path) -> Value {
        fn category_json(archive: &Archive, stats: &Stats, index: usize) -> Value {
            let category = archive.categories.get(index);
            json!({
                "id": category.id,
                "label": category.label,
                "questions": stats.per_category[index],
                "children": category
                    .children
                    .iter()
                    .map(|&child| category_json(archive, stats, child))
                    .collect::<Vec<_>>(),
            })
        }
        let longest = |longest: &Option<Longest>| {
            longest.as_ref().map(|longest| {
                let mut value = json!({
                    "id": longest.id,
                    "number": longest.number,
                    "characters": longest.characters,
                });
                if let Some(answer) = longest.answer {
                    value["answer"] = json!(answer);
                }
                value
            })
        };
        let [one, two, more] = self.answers_per_question;
        json!({
            "file": path.display().to_string(),
            "title": self.title,
            "questions": self.questions,
            "answers": self.answers,
            "problems": self.problems,
            "categories": archive
                .categories
                .roots()
                .map(|root| category_json(archive, self, root))
                .collect::<Vec<_>>(),
            "uncategorized": self.uncategorized,
            "questions_per_year": self
                .per_year
                .iter()
                .map(|(year, count)| json!({"year": year, "questions": count}))
                .collect::<Vec<_>>(),
            "answers_per_question": {"1": one, "2": two, "3_or_more": more},
            "longest_question": longest(&self.longest_question),
            "longest_answer": longest(&self.longest_answer),
            "size": {"bytes": self.bytes, "gzip_bytes": self.gzip_bytes},
        })
    }
}

impl Longest {
    fn place(&self) -> String {
        let mut place = self.id.clone();
        if let Some(number) = self.number {
            place = format!("{place} (question {number}");
            if let Some(answer) = self.answer {
                place.push_str(&format!(", answer {answer}"));
            }
            place.push(')');
        }
        place
    }
}

/// Labels on the left, numbers right-aligned in one column.
fn table(rows: &[(String, usize)]) -> String {
    let label_width = rows
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    let numbers: Vec<String> = rows.iter().map(|(_, value)| thousands(*value)).collect();
    let number_width = numbers.iter().map(String::len).max().unwrap_or(0);
    let mut out = String::new();
    for ((label, _), number) in rows.iter().zip(numbers) {
        let padding = label_width - label.chars().count();
        out.push_str(&format!(
            "  {label}{}  {number:>number_width$}\n",
            " ".repeat(padding)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_subtrees_once_per_question() {
        let source = concat!(
            r#"{"schema": "ask-expert-archive/1",
            "categories": [{"id": "a", "label": "A", "children": [{"id": "a1", "label": "A1"}, "#,
            r#"{"id": "a2", "label": "A2"}]}, {"id": "b", "label": "B"}],
            "questions": [
              {"id": "1", "question": "One", "answers": [{"body": "x"}], "asked": "2016-01-01", "#,
            r#""categories": ["a1", "a2"]},
              {"id": "2", "question": "Two, longer", "answers": [{"body": "y"}, "#,
            r#"{"body": "a *longer* answer"}], "asked": "2017-01-01", "categories": ["a2", "b"]},
              {"id": "3", "question": "Three", "answers": [{"body": "z"}, {"body": "z"}, "#,
            r#"{"body": "z"}], "asked": "2017-05-01"}
            ]}"#
        );
        let archive = Archive::parse(source).unwrap();
        let stats = Stats::of(&archive, source.as_bytes());
        assert_eq!(stats.per_category, [2, 1, 2, 1]);
        assert_eq!(stats.uncategorized, 1);
        assert_eq!(
            stats.per_year.into_iter().collect::<Vec<_>>(),
            [(2016, 1), (2017, 2)]
        );
        assert_eq!(stats.answers_per_question, [1, 1, 1]);
        assert_eq!(stats.answers, 6);
        let longest = stats.longest_answer.unwrap();
        assert_eq!(
            (longest.id.as_str(), longest.answer, longest.characters),
            ("2", Some(2), 15)
        );
        assert_eq!(stats.longest_question.unwrap().id, "2");
        assert!(stats.gzip_bytes > 0 && stats.gzip_bytes < stats.bytes);
    }
}

//! Runs the built `ask-expert-archive` binary on the demo archive, on damaged copies of it and
//! on CSV files, with temporary files under the system's temporary folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use ask_expert_core::archive::{Archive, CategoryIndex};
use serde_json::{Value, json};

const BINARY: &str = env!("CARGO_BIN_EXE_ask-expert-archive");
const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/archive.json");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let output = Command::new(BINARY)
        .args(args)
        .output()
        .expect("the binary runs");
    let run = Run {
        code: output
            .status
            .code()
            .expect("the binary exits normally, without a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{}",
        run.stderr
    );
    run
}

/// A fresh, empty folder for one test, removed with everything in it when dropped.
struct TempFolder(PathBuf);

impl std::ops::Deref for TempFolder {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn temp_folder(name: &str) -> TempFolder {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let folder = std::env::temp_dir().join(format!(
        "ask-expert-archive-test-{}-{}-{name}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = fs::remove_dir_all(&folder);
    fs::create_dir_all(&folder).unwrap();
    TempFolder(folder)
}

/// A file in a folder of its own, removed when dropped.
struct TempFile {
    path: PathBuf,
    _folder: TempFolder,
}

impl std::ops::Deref for TempFile {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

fn demo_text() -> String {
    fs::read_to_string(DEMO).unwrap()
}

/// A copy of the demo archive with `damage` done to it, written to a temporary file.
fn damaged(name: &str, damage: impl FnOnce(&mut Value)) -> TempFile {
    let mut archive: Value = serde_json::from_str(&demo_text()).unwrap();
    damage(&mut archive);
    write_file(
        name,
        "archive.json",
        serde_json::to_string_pretty(&archive).unwrap(),
    )
}

fn write_file(name: &str, file_name: &str, contents: impl AsRef<[u8]>) -> TempFile {
    let folder = temp_folder(name);
    let path = folder.join(file_name);
    fs::write(&path, contents).unwrap();
    TempFile {
        path,
        _folder: folder,
    }
}

fn question(archive: &mut Value, number: usize) -> &mut Value {
    &mut archive["questions"][number - 1]
}

// ---------------------------------------------------------------- validate

#[test]
fn validate_accepts_the_demo_archive() {
    let result = run(&["validate", DEMO]);
    assert_eq!(result.code, 0, "{}", result.all());
    assert!(
        result.stdout.contains("no problems found"),
        "{}",
        result.stdout
    );
    assert!(
        result
            .stdout
            .ends_with("86 questions, 0 skipped, 0 warnings\n"),
        "{}",
        result.stdout
    );
}

#[test]
fn validate_names_a_missing_field() {
    let path = damaged("missing-field", |archive| {
        question(archive, 5)
            .as_object_mut()
            .unwrap()
            .remove("asked");
    });
    let result = run(&[path.as_os_str()]).code;
    assert_eq!(result, 2, "a file alone is not a command");
    let result = run(&["validate".as_ref(), path.as_os_str()]);
    assert_eq!(result.code, 1, "{}", result.all());
    assert!(
        result.stdout.contains("Skipped questions (1)\n"),
        "{}",
        result.stdout
    );
    assert!(
        result
            .stdout
            .contains("  question 5 (q-000005), field \"asked\": is missing\n"),
        "{}",
        result.stdout
    );
    assert!(
        result
            .stdout
            .ends_with("86 questions, 1 skipped, 0 warnings\n"),
        "{}",
        result.stdout
    );
}

#[test]
fn validate_names_bad_dates() {
    let path = damaged("bad-date", |archive| {
        question(archive, 7)["asked"] = json!("2018-13-11");
        question(archive, 12)["answers"][0]["date"] = json!("09/10/2023");
    });
    let result = run(&["validate".as_ref(), path.as_os_str()]);
    assert_eq!(result.code, 1, "{}", result.all());
    assert!(
        result.stdout.contains(
            "question 7 (q-000007), field \"asked\": should be a date like 2016-04-12, not \
             \"2018-13-11\""
        ),
        "{}",
        result.stdout
    );
    assert!(
        result.stdout.contains("Ignored values (1)\n"),
        "{}",
        result.stdout
    );
    assert!(
        result.stdout.contains(
            "question 12 (q-000012), field \"answers\": answer 1 has the date \"09/10/2023\""
        ),
        "{}",
        result.stdout
    );
    assert!(
        result
            .stdout
            .ends_with("86 questions, 1 skipped, 1 value ignored, 0 warnings\n"),
        "{}",
        result.stdout
    );
}

#[test]
fn validate_names_a_duplicate_id() {
    let path = damaged("duplicate-id", |archive| {
        question(archive, 10)["id"] = json!("q-000003");
    });
    let result = run(&["validate".as_ref(), path.as_os_str()]);
    assert_eq!(result.code, 1, "{}", result.all());
    assert!(
        result
            .stdout
            .contains("question 10 (q-000003): repeats the id of question 3"),
        "{}",
        result.stdout
    );
}

#[test]
fn validate_names_an_unknown_category() {
    let path = damaged("unknown-category", |archive| {
        question(archive, 20)["categories"] = json!(["joints", "no-such-category"]);
    });
    let result = run(&["validate".as_ref(), path.as_os_str()]);
    assert_eq!(result.code, 1, "{}", result.all());
    assert!(
        result.stdout.contains(
            "Ignored values (1)\n  question 20 (q-000020), field \"categories\": has the unknown \
             category \"no-such-category\"\n"
        ),
        "{}",
        result.stdout
    );
    assert!(
        result
            .stdout
            .ends_with("86 questions, 0 skipped, 1 value ignored, 0 warnings\n"),
        "{}",
        result.stdout
    );
}

#[test]
fn validate_reports_skipped_categories_by_path() {
    let path = damaged("skipped-category", |archive| {
        archive["categories"][0]["children"][1]["id"] = json!("back-spine");
    });
    let result = run(&["validate".as_ref(), path.as_os_str()]);
    assert_eq!(result.code, 1, "{}", result.all());
    assert!(
        result.stdout.contains(
            "Skipped categories (1)\n  category /muscles-and-bones/back-spine: repeats the id"
        ),
        "{}",
        result.stdout
    );
    // The subcategories went with it, so their questions lose those categories.
    assert!(
        result
            .stdout
            .contains("field \"categories\": has the unknown category \"neck-pain\""),
        "{}",
        result.stdout
    );
}

#[test]
fn validate_warns_about_future_dates_but_passes() {
    let path = damaged("future-date", |archive| {
        question(archive, 12)["asked"] = json!("2999-01-01");
        question(archive, 12)["answers"][0]["date"] = json!("2999-02-01");
    });
    let result = run(&["validate".as_ref(), path.as_os_str()]);
    assert_eq!(result.code, 0, "{}", result.all());
    assert!(
        result.stdout.contains("Dates in the future (2)\n"),
        "{}",
        result.stdout
    );
    assert!(
        result
            .stdout
            .contains("question 12 (q-000012), field \"asked\": is 2999-01-01, after today ("),
        "{}",
        result.stdout
    );
    assert!(
        result.stdout.contains(
            "question 12 (q-000012), field \"answers\": answer 1 is dated 2999-02-01, after today"
        ),
        "{}",
        result.stdout
    );
    assert!(
        result
            .stdout
            .ends_with("86 questions, 0 skipped, 2 warnings\n"),
        "{}",
        result.stdout
    );
}

#[test]
fn validate_warns_about_a_javascript_link() {
    let path = damaged("javascript-link", |archive| {
        question(archive, 3)["answers"][0]["body"] =
            json!("Please read [our advice](javascript:alert(document.cookie)) first.");
    });
    let result = run(&["validate".as_ref(), path.as_os_str()]);
    assert_eq!(result.code, 0, "{}", result.all());
    assert!(
        result
            .stdout
            .contains("Links the app shows as plain text (1)\n"),
        "{}",
        result.stdout
    );
    assert!(
        result.stdout.contains(
            "question 3 (q-000003), field \"answers\": answer 1 links to \
             \"javascript:alert(document.cookie)\""
        ),
        "{}",
        result.stdout
    );
}

#[test]
fn validate_warns_about_other_likely_mistakes() {
    let path = damaged("likely-mistakes", |archive| {
        question(archive, 5)["answers"][0]["body"] = json!("**Yes.**");
        question(archive, 7)["answers"][0]["date"] = json!("2018-06-01");
        let text = question(archive, 3)["question"]
            .as_str()
            .unwrap()
            .to_uppercase();
        question(archive, 20)["question"] = json!(format!("  {text} "));
        archive["categories"].as_array_mut().unwrap().push(json!({
            "id": "empty",
            "label": "Nothing here",
            "children": [{"id": "empty-child", "label": "Nor here"}],
        }));
    });
    let result = run(&["validate".as_ref(), path.as_os_str()]);
    assert_eq!(result.code, 0, "{}", result.all());
    for expected in [
        "Answers that look empty (1)\n  question 5 (q-000005), field \"answers\": answer 1 shows \
         only 4 characters: \"Yes.\"\n",
        "Answers dated before the question (1)\n  question 7 (q-000007), field \"answers\": \
         answer 1 is dated 2018-06-01, before the question was asked (2018-06-11)\n",
        "Questions asked twice (1)\n  question 20 (q-000020), field \"question\": has the same \
         text as question 3 (q-000003)\n",
        "Categories with no questions (1)\n  category /empty: \"Nothing here\" has no questions, \
         nor 1 category below it\n",
        "86 questions, 0 skipped, 4 warnings\n",
    ] {
        assert!(
            result.stdout.contains(expected),
            "missing {expected:?} in\n{}",
            result.stdout
        );
    }
}

#[test]
fn validate_refuses_what_is_not_an_archive() {
    let text = demo_text();
    let truncated = write_file("truncated", "archive.json", &text[..text.len() / 2]);
    let result = run(&["validate".as_ref(), truncated.as_os_str()]);
    assert_eq!(result.code, 2, "{}", result.all());
    assert!(
        result
            .stderr
            .contains("The archive file is not valid JSON (line "),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains(", column "), "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("The app cannot show this file at all."),
        "{}",
        result.stderr
    );

    let wrong_schema = write_file(
        "wrong-schema",
        "archive.json",
        text.replacen("ask-expert-archive/1", "ask-expert-archive/2", 1),
    );
    let result = run(&["validate".as_ref(), wrong_schema.as_os_str()]);
    assert_eq!(result.code, 2, "{}", result.all());
    assert!(
        result.stderr.contains(
            "its schema is \"ask-expert-archive/2\", and this app reads \"ask-expert-archive/1\""
        ),
        "{}",
        result.stderr
    );

    let empty = write_file("empty", "archive.json", "");
    let result = run(&["validate".as_ref(), empty.as_os_str()]);
    assert_eq!(result.code, 2, "{}", result.all());
    assert!(
        result.stderr.contains("The archive file is empty."),
        "{}",
        result.stderr
    );

    let missing_folder = temp_folder("missing");
    let missing = missing_folder.join("archive.json");
    let result = run(&["validate".as_ref(), missing.as_os_str()]);
    assert_eq!(result.code, 2, "{}", result.all());
    assert_eq!(
        result.stderr,
        format!(
            "error: cannot read {}: there is no such file\n",
            missing.display()
        )
    );
    assert_eq!(result.stdout, "");

    let folder = temp_folder("folder");
    let result = run(&["validate".as_ref(), folder.as_os_str()]);
    assert_eq!(result.code, 2, "{}", result.all());
    assert!(
        result.stderr.contains("it is a folder"),
        "{}",
        result.stderr
    );
}

#[test]
fn validate_json_report() {
    let path = damaged("json-report", |archive| {
        question(archive, 5)
            .as_object_mut()
            .unwrap()
            .remove("question");
        question(archive, 3)["answers"][0]["body"] =
            json!("See [this](ftp://example.org/file) for details of the treatment.");
    });
    let result = run(&["validate".as_ref(), path.as_os_str(), "--json".as_ref()]);
    assert_eq!(result.code, 1, "{}", result.all());
    let report: Value = serde_json::from_str(&result.stdout).unwrap();
    assert_eq!(report["exit_code"], 1);
    assert_eq!(
        report["questions"],
        json!({"in_file": 86, "loaded": 85, "skipped": 1})
    );
    assert_eq!(report["problems"][0]["consequence"], "question_skipped");
    assert_eq!(
        report["problems"][0]["location"],
        json!({"kind": "question", "number": 5, "id": "q-000005", "field": "question"})
    );
    assert_eq!(report["problems"][0]["message"], "is missing");
    assert_eq!(report["warnings"][0]["kind"], "refused_link");
    assert_eq!(report["warnings"][0]["location"]["answer"], 1);
    assert_eq!(report["summary"], "86 questions, 1 skipped, 1 warning");

    let result = run(&["validate", "--json", "/no/such/file.json"]);
    assert_eq!(result.code, 2);
    let report: Value = serde_json::from_str(&result.stdout).unwrap();
    assert_eq!(report["error"]["kind"], "unreadable");

    let truncated = write_file(
        "json-truncated",
        "archive.json",
        "{\"schema\": \"ask-expert-archive/1\", \"questions\": [",
    );
    let result = run(&[
        "validate".as_ref(),
        "--json".as_ref(),
        truncated.as_os_str(),
    ]);
    assert_eq!(result.code, 2);
    let report: Value = serde_json::from_str(&result.stdout).unwrap();
    assert_eq!(report["error"]["kind"], "not_json");
    assert_eq!(report["error"]["line"], 1);
}

#[test]
fn validate_warns_about_bytes_that_are_not_utf8() {
    let text = demo_text().replacen("lumbago", "lumb\u{1}go", 1);
    let bytes = text.replacen('\u{1}', "\u{0}", 1).into_bytes();
    let bytes: Vec<u8> = bytes
        .into_iter()
        .map(|byte| if byte == 0 { 0xe1 } else { byte })
        .collect();
    let path = write_file("latin1", "archive.json", bytes);
    let result = run(&["validate".as_ref(), path.as_os_str()]);
    assert_eq!(result.code, 0, "{}", result.all());
    assert!(
        result
            .stdout
            .contains("the file is not all UTF-8 text: 1 invalid byte sequence"),
        "{}",
        result.stdout
    );
}

#[test]
fn validate_handles_a_large_archive_without_progress_on_a_pipe() {
    let questions: Vec<Value> = (1..=10_050)
        .map(|n| {
            json!({
                "id": n,
                "question": format!("Question number {n}?"),
                "answers": [{"body": "An answer that is long enough to read."}],
                "asked": "2020-01-01",
            })
        })
        .collect();
    let path = write_file(
        "large",
        "archive.json",
        json!({"schema": "ask-expert-archive/1", "questions": questions}).to_string(),
    );
    let result = run(&["validate".as_ref(), path.as_os_str()]);
    assert_eq!(result.code, 0, "{}", result.all());
    assert_eq!(result.stderr, "");
    assert!(
        result
            .stdout
            .ends_with("10,050 questions, 0 skipped, 0 warnings\n"),
        "{}",
        result.stdout
    );
}

// ---------------------------------------------------------------- import

/// One CSV cell, quoted when it must be.
fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn label_path(archive: &Archive, index: CategoryIndex) -> String {
    archive
        .categories
        .path(index)
        .iter()
        .map(|&step| archive.categories.get(step).label.clone())
        .collect::<Vec<_>>()
        .join(" > ")
}

/// The demo archive as a CSV file, written here cell by cell.
fn demo_as_csv(archive: &Archive, line_end: &str) -> String {
    let most_answers = archive
        .questions
        .iter()
        .map(|question| question.answers.len())
        .max()
        .unwrap();
    let mut header = vec![
        "Notes".to_owned(),
        "Asked".to_owned(),
        "ID".to_owned(),
        "Question".to_owned(),
        "Categories".to_owned(),
    ];
    for number in 1..=most_answers {
        let suffix = if number == 1 {
            String::new()
        } else {
            format!(" {number}")
        };
        header.push(format!("Answer{suffix}"));
        header.push(format!("Answered{suffix}"));
        header.push(format!("Expert{suffix}"));
        header.push(format!("Credentials{suffix}"));
        header.push(format!("Reviewed{suffix}"));
    }
    let mut csv = header.join(",") + line_end;
    for question in &archive.questions {
        let categories: Vec<String> = question
            .categories
            .iter()
            .map(|&index| label_path(archive, index))
            .collect();
        let mut cells = vec![
            "imported, \"as is\"".to_owned(),
            question.asked.to_string(),
            question.id.clone(),
            question.text.clone(),
            categories.join("; "),
        ];
        for number in 0..most_answers {
            let answer = question.answers.get(number);
            cells.push(answer.map(|answer| answer.body.clone()).unwrap_or_default());
            cells.push(
                answer
                    .and_then(|answer| answer.date)
                    .map(|date| date.to_string())
                    .unwrap_or_default(),
            );
            let expert = answer.and_then(|answer| answer.expert.as_ref());
            cells.push(expert.map(|expert| expert.name.clone()).unwrap_or_default());
            cells.push(
                expert
                    .and_then(|expert| expert.credentials.clone())
                    .unwrap_or_default(),
            );
            cells.push(
                answer
                    .and_then(|answer| answer.reviewed)
                    .map(|date| date.to_string())
                    .unwrap_or_default(),
            );
        }
        csv.push_str(
            &cells
                .iter()
                .map(|cell| csv_cell(cell))
                .collect::<Vec<_>>()
                .join(","),
        );
        csv.push_str(line_end);
    }
    csv
}

#[test]
fn import_round_trips_the_demo_archive() {
    let demo = Archive::parse(&demo_text()).unwrap();
    assert!(demo.questions.iter().any(|question| {
        question
            .answers
            .iter()
            .any(|answer| answer.reviewed.is_some())
    }));
    assert!(
        demo.questions
            .iter()
            .any(|question| question.answers.len() > 1)
    );
    assert!(
        demo.questions
            .iter()
            .any(|question| question.answers[0].body.contains('\n'))
    );
    for (name, line_end) in [("round-trip-lf", "\n"), ("round-trip-crlf", "\r\n")] {
        let csv = write_file(name, "questions.csv", demo_as_csv(&demo, line_end));
        let output = csv.with_file_name("archive.json");
        let result = run(&[
            "import".as_ref(),
            "csv".as_ref(),
            csv.as_os_str(),
            "--output".as_ref(),
            output.as_os_str(),
        ]);
        assert_eq!(result.code, 0, "{}", result.all());
        assert_eq!(result.stdout, "");
        assert!(
            result.stderr.contains("Imported 86 questions in "),
            "{}",
            result.stderr
        );

        let imported = Archive::parse(&fs::read_to_string(&output).unwrap()).unwrap();
        assert_eq!(imported.problems, []);
        assert_eq!(imported.title, "Ask an expert");
        assert_eq!(imported.questions.len(), demo.questions.len());
        for (original, copy) in demo.questions.iter().zip(&imported.questions) {
            assert_eq!(copy.id, original.id);
            assert_eq!(copy.text, original.text);
            assert_eq!(copy.answers, original.answers, "{}", original.id);
            assert_eq!(copy.asked, original.asked);
            let paths = |archive: &Archive, categories: &[CategoryIndex]| -> Vec<String> {
                categories
                    .iter()
                    .map(|&index| label_path(archive, index))
                    .collect()
            };
            assert_eq!(
                paths(&imported, &copy.categories),
                paths(&demo, &original.categories),
                "{}",
                original.id
            );
        }
        let result = run(&["validate".as_ref(), output.as_os_str()]);
        assert_eq!(result.code, 0, "{}", result.all());
    }
}

#[test]
fn import_reads_quoting_line_breaks_crlf_and_a_bom() {
    let csv = "\u{feff}Question,\"ID\",answer,CATEGORIES,asked,answered,source\r\n\
               \"Does it \"\"hurt\"\", doctor?\",a-1,\"Rarely.\r\n\r\n\
                Most people feel a dull ache, if anything.\",\"Pain > Needles; Safety\",\
                2020-03-01,2020-03-04,web\r\n\
               \"Two, with a comma\",a-2,\"- first point\n- second point\",,2021-01-01,,\r\n";
    let path = write_file("quoting", "export.csv", csv);
    let result = run(&[
        "import".as_ref(),
        "csv".as_ref(),
        path.as_os_str(),
        "--title".as_ref(),
        "Ask our experts".as_ref(),
    ]);
    assert_eq!(result.code, 0, "{}", result.all());
    let archive = Archive::parse(&result.stdout).unwrap();
    assert_eq!(archive.problems, []);
    assert_eq!(archive.title, "Ask our experts");
    let first = &archive.questions[0];
    assert_eq!(
        (first.id.as_str(), first.text.as_str()),
        ("a-1", "Does it \"hurt\", doctor?")
    );
    assert_eq!(
        first.answers[0].body,
        "Rarely.\n\nMost people feel a dull ache, if anything."
    );
    assert_eq!(first.answers[0].date.unwrap().to_string(), "2020-03-04");
    assert_eq!(first.asked.to_string(), "2020-03-01");
    let labels: Vec<String> = first
        .categories
        .iter()
        .map(|&index| label_path(&archive, index))
        .collect();
    assert_eq!(labels, ["Pain > Needles", "Safety"]);
    let second = &archive.questions[1];
    assert_eq!(second.text, "Two, with a comma");
    assert_eq!(second.answers[0].body, "- first point\n- second point");
    assert_eq!(second.answers[0].date, None);
    assert!(second.categories.is_empty());
}

#[test]
fn import_reports_bad_rows_and_keeps_the_rest() {
    let csv = "id,question,answer,categories,asked,answered\n\
               q1,First?,An answer.,Health,2020-01-01,2020-01-02\n\
               q2,,An answer.,Health,2020-01-01,\n\
               q3,\"Spans\ntwo lines?\",,Health,2020-01-01,\n\
               q4,Fourth?,An answer.,Health,01/02/2020,\n\
               q1,First again?,An answer.,Health,2020-01-01,\n\
               q5,Fifth?,An answer.,Health > > Bones,2020-01-01,\n\
               q6,Sixth?,An answer.,Health > Bones,2020-01-01,\n";
    let folder = temp_folder("bad-rows");
    let path = folder.join("questions.csv");
    fs::write(&path, csv).unwrap();
    let output = folder.join("archive.json");
    let result = run(&[
        "import".as_ref(),
        "csv".as_ref(),
        path.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(result.code, 1, "{}", result.all());
    let expected = "row 3: has no question; left out\n\
                    row 4: has no answer; left out\n\
                    row 5 (line 6): the \"asked\" date \"01/02/2020\" is not a date written as \
                     YYYY-MM-DD; left out\n\
                    row 6 (line 7): repeats the id \"q1\" of row 2; left out\n\
                    row 7 (line 8): the category \"Health > > Bones\" has an empty level \
                     (write levels as \"Parent > Child\"); left out\n";
    assert!(result.stderr.starts_with(expected), "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("Imported 2 questions in 2 categories"),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("; 5 rows left out."),
        "{}",
        result.stderr
    );
    let archive = Archive::parse(&fs::read_to_string(&output).unwrap()).unwrap();
    assert_eq!(archive.problems, []);
    let ids: Vec<&str> = archive
        .questions
        .iter()
        .map(|question| question.id.as_str())
        .collect();
    assert_eq!(ids, ["q1", "q6"]);
}

#[test]
fn import_leaves_an_existing_output_untouched_on_a_fatal_error() {
    let folder = temp_folder("fatal");
    let output = folder.join("archive.json");
    let existing = demo_text();
    fs::write(&output, &existing).unwrap();

    let no_asked = folder.join("no-asked.csv");
    fs::write(&no_asked, "id,question,answer\nq1,First?,An answer.\n").unwrap();
    let only_bad_rows = folder.join("only-bad-rows.csv");
    fs::write(
        &only_bad_rows,
        "id,question,answer,asked\nq1,First?,,2020-01-01\n",
    )
    .unwrap();
    let missing = folder.join("missing.csv");
    for (input, message) in [
        (&no_asked, "the header row has no \"asked\" column"),
        (
            &only_bad_rows,
            "no row could be used, so nothing was written",
        ),
        (&missing, "there is no such file"),
    ] {
        let result = run(&[
            "import".as_ref(),
            "csv".as_ref(),
            input.as_os_str(),
            "--output".as_ref(),
            output.as_os_str(),
        ]);
        assert_eq!(result.code, 2, "{}", result.all());
        assert!(result.stderr.contains(message), "{}", result.stderr);
        assert_eq!(result.stdout, "");
        assert_eq!(fs::read_to_string(&output).unwrap(), existing);
    }
    let mut names: Vec<String> = fs::read_dir(&*folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["archive.json", "no-asked.csv", "only-bad-rows.csv"],
        "no temporary file is left behind"
    );
}

#[test]
fn import_explains_missing_columns() {
    let path = write_file(
        "missing-columns",
        "export.csv",
        "Question;Answer;Date\n\"a\";\"b\";2020-01-01\n",
    );
    let result = run(&["import".as_ref(), "csv".as_ref(), path.as_os_str()]);
    assert_eq!(result.code, 2, "{}", result.all());
    assert!(
        result
            .stderr
            .contains("the header row has no \"id\", \"question\", \"answer\", \"asked\" columns"),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("separated by semicolons"),
        "{}",
        result.stderr
    );
}

#[test]
fn import_reads_who_answered_and_cells_guarded_against_formulas() {
    let csv = "id,question,asked,answer,answered,expert,credentials,reviewed,topic,\
               answer 2,answered 2,expert 2,reviewed 2\n\
               q1,'=1+1,2020-01-01,\"Yes, it can.\",2020-01-05,Dr Ann Example,\
               \"MSc, registered acupuncturist\",2024-03-01,allergies,'- A second view.,\
               2020-02-01,'@bo,2025-01-01\n";
    let path = write_file("provenance", "questions.csv", csv);
    let result = run(&["import".as_ref(), "csv".as_ref(), path.as_os_str()]);
    assert_eq!(result.code, 0, "{}", result.all());
    let archive = Archive::parse(&result.stdout).unwrap();
    assert_eq!(archive.problems, []);
    let question = &archive.questions[0];
    assert_eq!(question.text, "=1+1");
    let first = &question.answers[0];
    let expert = first.expert.as_ref().unwrap();
    assert_eq!(expert.name, "Dr Ann Example");
    assert_eq!(
        expert.credentials.as_deref(),
        Some("MSc, registered acupuncturist")
    );
    assert_eq!(first.reviewed.unwrap().to_string(), "2024-03-01");
    let second = &question.answers[1];
    assert_eq!(second.body, "- A second view.");
    assert_eq!(second.expert.as_ref().unwrap().name, "@bo");
    assert_eq!(second.expert.as_ref().unwrap().credentials, None);
    assert_eq!(second.reviewed.unwrap().to_string(), "2025-01-01");
    let written: Value = serde_json::from_str(&result.stdout).unwrap();
    assert_eq!(
        written["questions"][0]["answers"][0]["expert"],
        json!({"name": "Dr Ann Example", "credentials": "MSc, registered acupuncturist"})
    );
}

/// Runs `import csv CSV --merge ARCHIVE --output OUT` in `folder`.
fn merge(folder: &Path, csv: &str, archive: &str) -> (Run, PathBuf) {
    let csv_path = folder.join("answered.csv");
    fs::write(&csv_path, csv).unwrap();
    let archive_path = folder.join("archive.json");
    fs::write(&archive_path, archive).unwrap();
    let output = folder.join("merged.json");
    let result = run(&[
        "import".as_ref(),
        "csv".as_ref(),
        csv_path.as_os_str(),
        "--merge".as_ref(),
        archive_path.as_os_str(),
        "--output".as_ref(),
        output.as_os_str(),
    ]);
    (result, output)
}

#[test]
fn merge_adds_answered_rows_lists_waiting_ones_and_replaces_an_edited_one() {
    let folder = temp_folder("merge");
    let csv = "id,question,asked,topic,categories,answer,answered,expert,credentials\n\
               web-1,Can acupuncture help with hay fever?,2026-05-01,allergies,,\
               \"It may, for some people.\",2026-05-10,Dr Ann Example,MSc\n\
               web-2,'=cmd|' /C calc'!A0,2026-05-02,,,,,,\n\
               q-000003,Edited question?,2014-09-23,,\
               Muscles and bones > Back / spine > Lower back pain; pregnancy,\
               An edited answer that is long enough.,2026-05-11,,\n";
    let (result, output) = merge(&folder, csv, &demo_text());
    assert_eq!(result.code, 0, "{}", result.all());
    assert_eq!(result.stdout, "");
    assert!(
        result
            .stderr
            .contains("row 3: \"web-2\" is not answered yet; left out\n"),
        "{}",
        result.stderr
    );
    assert!(
        result
            .stderr
            .contains(": 1 added, 1 replaced, 85 kept; 1 not answered yet. Wrote 87 questions to"),
        "{}",
        result.stderr
    );
    let demo = Archive::parse(&demo_text()).unwrap();
    let merged = Archive::parse(&fs::read_to_string(&output).unwrap()).unwrap();
    assert_eq!(merged.problems, []);
    let written: Value = serde_json::from_str(&fs::read_to_string(&output).unwrap()).unwrap();
    let original: Value = serde_json::from_str(&demo_text()).unwrap();
    assert_eq!(written["publisher"], original["publisher"]);
    assert_eq!(merged.questions.len(), 87);
    assert_eq!(merged.questions[2].id, "q-000003");
    assert_eq!(merged.questions[2].text, "Edited question?");
    assert_eq!(
        merged.questions[2].answers[0].body,
        "An edited answer that is long enough."
    );
    let ids = |question: &ask_expert_core::archive::Question| -> Vec<String> {
        question
            .categories
            .iter()
            .map(|&index| merged.categories.get(index).id.clone())
            .collect()
    };
    assert_eq!(ids(&merged.questions[2]), ["lower-back-pain", "pregnancy"]);
    for (kept, original) in merged.questions.iter().zip(&demo.questions) {
        if kept.id != "q-000003" {
            assert_eq!(kept.answers, original.answers);
        }
    }
    let added = &merged.questions[86];
    assert_eq!(added.id, "web-1");
    assert_eq!(ids(added), ["allergies"], "the visitor's topic files it");
    assert_eq!(
        added.answers[0].expert.as_ref().unwrap().name,
        "Dr Ann Example"
    );
    assert!(
        merged
            .questions
            .iter()
            .all(|question| question.id != "web-2")
    );
    let result = run(&["validate".as_ref(), output.as_os_str()]);
    assert_eq!(result.code, 0, "{}", result.all());
}

#[test]
fn merge_leaves_out_a_row_with_a_category_the_archive_lacks() {
    let folder = temp_folder("merge-unknown-category");
    let csv = "id,question,asked,categories,answer\n\
               web-1,First?,2026-05-01,allergies,A long enough answer to keep.\n\
               web-2,Second?,2026-05-01,Knees > Pain,A long enough answer to keep.\n";
    let (result, output) = merge(&folder, csv, &demo_text());
    assert_eq!(result.code, 1, "{}", result.all());
    assert!(
        result
            .stderr
            .starts_with("row 3: the category \"Knees > Pain\" is not in "),
        "{}",
        result.stderr
    );
    let merged = Archive::parse(&fs::read_to_string(&output).unwrap()).unwrap();
    assert_eq!(merged.questions.len(), 87);
}

#[test]
fn merge_names_the_fields_it_cannot_carry_over() {
    let folder = temp_folder("merge-unread-fields");
    let mut archive: Value = serde_json::from_str(&demo_text()).unwrap();
    question(&mut archive, 2)["source"] = json!("letter");
    let csv = "id,question,asked,answer\n\
               web-1,First?,2026-05-01,A long enough answer to keep.\n";
    let (result, output) = merge(&folder, csv, &archive.to_string());
    assert_eq!(result.code, 0, "{}", result.all());
    assert!(
        result.stderr.starts_with("note: ")
            && result.stderr.contains(
                "archive.json has fields the app does not read, which the merged archive \
                 leaves out: \"source\" in questions\n"
            ),
        "{}",
        result.stderr
    );
    assert!(output.exists());
}

#[test]
fn merge_writes_nothing_when_the_result_would_not_validate() {
    let folder = temp_folder("merge-refused");
    let mut damaged: Value = serde_json::from_str(&demo_text()).unwrap();
    question(&mut damaged, 5)
        .as_object_mut()
        .unwrap()
        .remove("asked");
    let csv = "id,question,asked,answer\n\
               web-1,First?,2026-05-01,A long enough answer to keep.\n";
    let (result, output) = merge(&folder, csv, &damaged.to_string());
    assert_eq!(result.code, 2, "{}", result.all());
    assert!(
        result.stderr.contains(
            "archive.json: the app would skip or ignore 1 thing in it, which a merge cannot \
             carry over; run `ask-expert-archive validate "
        ),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.ends_with("Nothing was written.\n"),
        "{}",
        result.stderr
    );
    assert!(!output.exists());

    let (result, output) = merge(
        &folder,
        "id,question,asked,answer\nweb-1,First?,2026-05-01,\n",
        &demo_text(),
    );
    assert_eq!(result.code, 2, "{}", result.all());
    assert!(
        result
            .stderr
            .contains("row 2: \"web-1\" is not answered yet; left out\n"),
        "{}",
        result.stderr
    );
    assert!(
        result
            .stderr
            .contains("no row has an answer that could be merged"),
        "{}",
        result.stderr
    );
    assert!(!output.exists());
    let names: Vec<String> = fs::read_dir(&*folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names.len(),
        2,
        "no temporary file is left behind: {names:?}"
    );
}

#[test]
fn validate_warns_about_review_dates() {
    let path = damaged("review-dates", |archive| {
        let answer = &mut question(archive, 4)["answers"][0];
        let date = answer["date"].as_str().unwrap().to_owned();
        answer["reviewed"] = json!("2001-01-01");
        assert!(date.as_str() > "2001-01-01");
        question(archive, 6)["answers"][0]["reviewed"] = json!("2099-12-31");
        question(archive, 7)["answers"][0]["reviewed"] = json!("2025-06-01");
    });
    let result = run(&["validate".as_ref(), path.as_os_str()]);
    assert_eq!(result.code, 0, "{}", result.all());
    assert!(
        result.stdout.contains(
            "Reviews dated before the answer (1)\n  question 4 (q-000004), \
             field \"answers\": answer 1 was reviewed 2001-01-01, before it was written"
        ),
        "{}",
        result.stdout
    );
    assert!(
        result.stdout.contains(
            "Dates in the future (1)\n  question 6 (q-000006), field \
             \"answers\": answer 1 was reviewed 2099-12-31, after today"
        ),
        "{}",
        result.stdout
    );
    assert!(
        result
            .stdout
            .ends_with("86 questions, 0 skipped, 2 warnings\n"),
        "{}",
        result.stdout
    );
}

// ---------------------------------------------------------------- stats

#[test]
fn stats_prints_the_totals_of_the_demo_archive() {
    let result = run(&["stats", DEMO]);
    assert_eq!(result.code, 0, "{}", result.all());
    let stdout = &result.stdout;
    for expected in [
        "86 questions, 99 answers, 67 categories",
        "  Muscles and bones ",
        "      Lower back pain ",
        "  1 answer   73",
        "  2 answers  13",
        "Longest question: ",
        "Longest answer: ",
        "gzip -9",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in\n{stdout}"
        );
    }
    let size = fs::metadata(DEMO).unwrap().len();
    assert!(
        stdout.contains(&format!(
            "as stored  {} bytes",
            ask_expert_core::wording::thousands(size as usize)
        )),
        "{stdout}"
    );

    let result = run(&["stats", DEMO, "--json"]);
    assert_eq!(result.code, 0, "{}", result.all());
    let stats: Value = serde_json::from_str(&result.stdout).unwrap();
    assert_eq!(stats["questions"], 86);
    assert_eq!(stats["answers"], 99);
    assert_eq!(
        stats["answers_per_question"],
        json!({"1": 73, "2": 13, "3_or_more": 0})
    );
    assert_eq!(stats["size"]["bytes"], size);
    assert!(stats["size"]["gzip_bytes"].as_u64().unwrap() < size / 2);
    let per_year: u64 = stats["questions_per_year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|year| year["questions"].as_u64().unwrap())
        .sum();
    assert_eq!(per_year, 86);
    let roots: u64 = stats["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|root| root["questions"].as_u64().unwrap())
        .sum();
    assert!(roots >= 86, "every demo question has a category, some two");

    let result = run(&["stats", "/no/such/archive.json"]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("there is no such file"),
        "{}",
        result.stderr
    );
}

// ---------------------------------------------------------------- generate

#[test]
fn generate_writes_the_same_valid_archive_for_the_same_seed() {
    let folder = temp_folder("generate");
    let path = folder.join("generated.json");
    let result = run(&[
        "generate".as_ref(),
        "120".as_ref(),
        "--seed".as_ref(),
        "9".as_ref(),
        "--output".as_ref(),
        path.as_os_str(),
    ]);
    assert_eq!(result.code, 0, "{}", result.all());
    assert_eq!(result.stdout, "");
    let written = fs::read_to_string(&path).unwrap();
    assert_eq!(run(&["generate", "120", "--seed", "9"]).stdout, written);
    assert_ne!(run(&["generate", "120", "--seed", "10"]).stdout, written);

    let checked = run(&["validate".as_ref(), path.as_os_str()]);
    assert_eq!(checked.code, 0, "{}", checked.all());
    let archive = Archive::parse(&written).unwrap();
    assert_eq!(archive.questions.len(), 120);
    assert!(archive.problems.is_empty());

    let result = run(&["generate"]);
    assert_eq!(result.code, 2);
    assert!(
        result
            .stderr
            .contains("generate needs the number of questions"),
        "{}",
        result.stderr
    );
}

// ---------------------------------------------------------------- usage

#[test]
fn help_in_every_form_shows_examples() {
    let no_args: [&str; 0] = [];
    for args in [&no_args[..], &["--help"], &["help"], &["-h"]] {
        let result = run(args);
        assert_eq!(result.code, 0, "{args:?}");
        for expected in [
            "Usage:",
            "validate FILE",
            "import csv FILE",
            "stats FILE",
            "Examples (validate)",
            "Examples (import)",
            "Examples (stats)",
        ] {
            assert!(result.stdout.contains(expected), "{args:?}: {expected}");
        }
    }
    let result = run(&["help", "import"]);
    assert!(
        result
            .stdout
            .contains("Muscles and bones > Back / spine > Lower back pain"),
        "{}",
        result.stdout
    );
    assert_eq!(
        run(&["validate", "--help"]).stdout,
        run(&["help", "validate"]).stdout
    );
}

#[test]
fn usage_mistakes_are_explained() {
    let result = run(&["check", DEMO]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("unknown command \"check\""),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("ask-expert-archive --help"),
        "{}",
        result.stderr
    );
    let result = run(&["validate"]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("validate needs the file to read"),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("ask-expert-archive help validate"),
        "{}",
        result.stderr
    );
    let result = run(&["import", "json", "a.json"]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("the only format is csv"),
        "{}",
        result.stderr
    );
}

#[test]
fn output_path_must_not_be_a_folder() {
    let folder = temp_folder("output-folder");
    let csv = folder.join("q.csv");
    fs::write(
        &csv,
        "id,question,answer,asked\nq1,First?,An answer.,2020-01-01\n",
    )
    .unwrap();
    let result = run(&[
        "import".as_ref(),
        "csv".as_ref(),
        csv.as_os_str(),
        "--output".as_ref(),
        folder.as_os_str(),
    ]);
    assert_eq!(result.code, 2, "{}", result.all());
    assert!(
        result.stderr.contains("it is a folder"),
        "{}",
        result.stderr
    );
    assert!(folder.is_dir());
}

//! The editors' commands, run as the installed program would be: `export` (the questions
//! not yet published, as a spreadsheet-safe CSV), `publish` (marking what an archive now
//! holds), `list --json` with each question's status, and `feedback`.

mod common;

use std::process::{Command, Output};

use ask_expert_core::spreadsheet::unprotect;
use ask_expert_receiver::Store;
use ask_expert_receiver::validate::Submission;
use common::TempDb;
use serde_json::{Value, json};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ask-expert-receiver"))
        .args(args)
        .output()
        .expect("the receiver runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn db_arg(db: &TempDb) -> &str {
    db.path().to_str().unwrap()
}

fn submission(question: &str) -> Submission {
    Submission {
        question: question.into(),
        category: None,
        name: None,
        email: None,
        page_url: None,
        submitted_at: None,
    }
}

/// Stores questions as the server does (the server would have trimmed them; stored
/// directly they may begin with a tab, as text from another receiver might).
fn store_questions(db: &TempDb, questions: &[Submission]) {
    let store = Store::open(db.path()).unwrap();
    for question in questions {
        store.save(question, None, 201, |r| r.into()).unwrap();
    }
}

/// The export's rows: header, then records, each cell as written.
fn rows(csv_text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().iter().map(Into::into).collect();
    let records = reader
        .records()
        .map(|r| r.unwrap().iter().map(Into::into).collect())
        .collect();
    (header, records)
}

fn export(db: &TempDb, extra: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut args = vec!["export", "--db", db_arg(db)];
    args.extend(extra);
    rows(&stdout(&run(&args)))
}

/// The database's clock decides `asked`; read it the same way.
fn today() -> String {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.query_row("SELECT strftime('%Y-%m-%d', 'now')", [], |r| r.get(0))
        .unwrap()
}

const HOSTILE: [&str; 6] = [
    "=HYPERLINK(\"http://evil.example\",\"Click here for your answer\")",
    "+1 is what my doctor wrote: can I take it twice a day?",
    "-2 degrees outside and my knee aches: is that normal?",
    "@SUM(A1:A9) is not a question but it is long enough",
    "\tTab-leading text that a spreadsheet could run",
    "\rCarriage-return-leading text, also run by some",
];

#[test]
fn export_writes_every_cell_as_text_and_leaves_contact_out_by_default() {
    let db = TempDb::new("export-hostile");
    let mut questions: Vec<Submission> = HOSTILE.iter().map(|q| submission(q)).collect();
    questions[0].category = Some("@x".into());
    questions[0].name = Some("=cmd|' /C calc'!A0".into());
    questions[0].email = Some("+ann@example.com".into());
    questions[1].category = Some("Needles, and more".into());
    store_questions(&db, &questions);

    let (header, records) = export(&db, &[]);
    assert_eq!(
        header,
        [
            "id",
            "question",
            "asked",
            "topic",
            "answer",
            "answered",
            "categories",
            "expert"
        ]
    );
    assert_eq!(records.len(), HOSTILE.len());
    let today = today();
    for (index, (record, original)) in records.iter().zip(&questions).enumerate() {
        assert_eq!(record[0], format!("Q-{:06}", index + 1), "oldest first");
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a spreadsheet would run {cell:?}"
            );
        }
        assert_eq!(
            unprotect(&record[1]),
            original.question,
            "read back unchanged"
        );
        assert_eq!(record[2], today);
        assert_eq!(
            unprotect(&record[3]),
            original.category.as_deref().unwrap_or("")
        );
        assert!(record[4..].iter().all(String::is_empty), "{record:?}");
    }
    assert_eq!(records[0][1], format!("'{}", HOSTILE[0]));
    assert_eq!(records[0][3], "'@x");
    assert_eq!(records[4][1], format!("'{}", HOSTILE[4]));
    let text = stdout(&run(&["export", "--db", db_arg(&db)]));
    assert!(!text.contains("ann@example.com") && !text.contains("calc"));

    let (header, records) = export(&db, &["--with-contact"]);
    assert_eq!(&header[8..], ["name", "email"]);
    assert_eq!(records[0][8], "'=cmd|' /C calc'!A0");
    assert_eq!(records[0][9], "'+ann@example.com");
    assert_eq!(unprotect(&records[0][8]), "=cmd|' /C calc'!A0");
    assert!(records[1][8..].iter().all(String::is_empty));
}

fn archive_with(ids: &[&str]) -> Value {
    let questions: Vec<Value> = ids
        .iter()
        .map(|id| {
            json!({
                "id": id,
                "question": "Can acupuncture help with hay fever?",
                "answers": [{"body": "It can.", "date": "2026-01-02"}],
                "asked": "2026-01-01",
            })
        })
        .collect();
    json!({ "schema": "ask-expert-archive/1", "questions": questions })
}

fn write_archive(db: &TempDb, ids: &[&str]) -> std::path::PathBuf {
    let path = db.path().with_extension("archive.json");
    std::fs::write(&path, archive_with(ids).to_string()).unwrap();
    path
}

fn statuses(db: &TempDb) -> Vec<(String, String)> {
    let list: Value =
        serde_json::from_str(&stdout(&run(&["list", "--json", "--db", db_arg(db)]))).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["reference"].as_str().unwrap().to_owned(),
                q["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn publish_marks_what_the_archive_holds_and_export_leaves_it_out() {
    let db = TempDb::new("publish");
    store_questions(
        &db,
        &[
            submission("First question, answered in the archive now"),
            submission("Second question, still waiting for an expert"),
            submission("Third question, answered in the archive now"),
        ],
    );
    assert_eq!(
        statuses(&db),
        [
            ("Q-000003".into(), "new".into()),
            ("Q-000002".into(), "new".into()),
            ("Q-000001".into(), "new".into()),
        ]
    );
    let archive = write_archive(&db, &["q-old-1", "Q-000001", "Q-000003"]);
    let archive = archive.to_str().unwrap();
    let printed = stdout(&run(&[
        "publish",
        "--db",
        db_arg(&db),
        "--archive",
        archive,
    ]));
    assert_eq!(
        printed,
        "Marked 2 questions as published (0 already marked).\n"
    );
    assert_eq!(
        statuses(&db),
        [
            ("Q-000003".into(), "published".into()),
            ("Q-000002".into(), "new".into()),
            ("Q-000001".into(), "published".into()),
        ]
    );
    let (_, records) = export(&db, &[]);
    let ids: Vec<&str> = records.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["Q-000002"]);

    // Publishing the same archive again changes nothing.
    let printed = stdout(&run(&[
        "publish",
        "--db",
        db_arg(&db),
        "--archive",
        archive,
    ]));
    assert_eq!(
        printed,
        "Marked 0 questions as published (2 already marked).\n"
    );
    let archive = write_archive(&db, &["Q-000001", "Q-000002", "Q-000003"]);
    let printed = stdout(&run(&[
        "publish",
        "--db",
        db_arg(&db),
        "--archive",
        archive.to_str().unwrap(),
    ]));
    assert_eq!(
        printed,
        "Marked 1 question as published (2 already marked).\n"
    );
    let (header, records) = export(&db, &[]);
    assert_eq!(header.len(), 8, "an empty export still names its columns");
    assert!(records.is_empty());
    let _ = std::fs::remove_file(archive);
}

#[test]
fn publish_refuses_what_is_not_an_archive_and_a_missing_database() {
    let db = TempDb::new("publish-errors");
    store_questions(
        &db,
        &[submission("A question that stays new, whatever happens")],
    );
    let not_archive = db.path().with_extension("notes.json");
    std::fs::write(&not_archive, "{\"questions\": []}").unwrap();
    let output = run(&[
        "publish",
        "--db",
        db_arg(&db),
        "--archive",
        not_archive.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("ask-expert-archive/1"), "{error}");
    let missing = db.path().with_extension("missing.json");
    let output = run(&[
        "publish",
        "--db",
        db_arg(&db),
        "--archive",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(statuses(&db)[0].1, "new");
    let _ = std::fs::remove_file(not_archive);

    let nowhere = TempDb::new("publish-no-db");
    for args in [
        vec!["export", "--db", db_arg(&nowhere)],
        vec!["feedback", "--db", db_arg(&nowhere)],
    ] {
        let output = run(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("no database"));
    }
    assert!(!nowhere.path().exists());
}

/// A database written before questions had a status gains the column on opening, and its
/// questions count as new.
#[test]
fn a_database_of_the_first_schema_is_migrated() {
    let db = TempDb::new("migrate");
    {
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        conn.execute_batch(
            "CREATE TABLE questions (
                 id INTEGER PRIMARY KEY AUTOINCREMENT, reference TEXT UNIQUE,
                 received_at TEXT NOT NULL, question TEXT NOT NULL, category TEXT,
                 name TEXT, email TEXT, consent INTEGER NOT NULL CHECK (consent = 1),
                 page_url TEXT, submitted_at TEXT);
             CREATE TABLE idempotency_keys (
                 key TEXT PRIMARY KEY, reference TEXT NOT NULL, status INTEGER NOT NULL,
                 body TEXT NOT NULL, created_at TEXT NOT NULL);
             INSERT INTO questions (reference, received_at, question, category, consent)
             VALUES ('Q-000001', '2025-05-01T10:00:00Z', 'Stored by an older receiver?',
                     'Needles', 1);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    assert_eq!(statuses(&db), [("Q-000001".into(), "new".into())]);
    let (_, records) = export(&db, &[]);
    assert_eq!(
        records,
        [[
            "Q-000001",
            "Stored by an older receiver?",
            "2025-05-01",
            "Needles",
            "",
            "",
            "",
            ""
        ]]
    );
    let archive = write_archive(&db, &["Q-000001"]);
    let printed = stdout(&run(&[
        "publish",
        "--db",
        db_arg(&db),
        "--archive",
        archive.to_str().unwrap(),
    ]));
    assert!(printed.starts_with("Marked 1 question as published"));
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
    let _ = std::fs::remove_file(archive);
}

#[test]
fn feedback_command_prints_the_least_helpful_first() {
    let db = TempDb::new("feedback-command");
    let printed = {
        Store::open(db.path()).unwrap();
        stdout(&run(&["feedback", "--db", db_arg(&db)]))
    };
    assert_eq!(printed, format!("No feedback stored in {}.\n", db_arg(&db)));
    {
        use ask_expert_receiver::feedback::FeedbackVote;
        let store = Store::open(db.path()).unwrap();
        for (id, helpful, comment) in [
            ("q-liked", true, None),
            ("q-mixed", true, None),
            ("q-mixed", false, None),
            // "What was missing?" follows its "No" and is not counted again.
            ("q-mixed", false, Some("Which doses?")),
            ("q-disliked", false, None),
            ("q-disliked", false, Some("No sources\u{1b}[2J")),
            ("q-disliked", false, None),
        ] {
            let vote = FeedbackVote {
                question_id: id.into(),
                helpful,
                comment: comment.map(Into::into),
                page_url: None,
            };
            store.save_feedback(&vote, None, 201, "{}").unwrap();
        }
    }
    let table = stdout(&run(&["feedback", "--db", db_arg(&db)]));
    assert_eq!(
        table,
        "QUESTION    NO  YES  NOT HELPFUL  COMMENTS\n\
         q-disliked   2    0         100%         1\n\
         q-mixed      1    1          50%         1\n\
         q-liked      0    1           0%         0\n\
         \n\
         What was missing:\n\
         \n\
         q-disliked\n  \
         - No sources\u{FFFD}[2J\n\
         \n\
         q-mixed\n  \
         - Which doses?\n"
    );
    let json: Value =
        serde_json::from_str(&stdout(&run(&["feedback", "--json", "--db", db_arg(&db)]))).unwrap();
    assert_eq!(
        json,
        json!([
            {"question_id": "q-disliked", "yes": 0, "no": 2,
             "comments": ["No sources\u{1b}[2J"]},
            {"question_id": "q-mixed", "yes": 1, "no": 1, "comments": ["Which doses?"]},
            {"question_id": "q-liked", "yes": 1, "no": 0, "comments": []},
        ])
    );
}

//! SQLite storage: the questions, the feedback votes, and the answers already given per
//! Idempotency-Key.
//!
//! One connection behind a `std::sync::Mutex`; callers in async code run these
//! methods inside `tokio::task::spawn_blocking` (see `app.rs`). Every write is a
//! single `BEGIN IMMEDIATE` transaction, committed before the method returns, with
//! `synchronous = FULL` so a committed question survives a crash or power cut.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use crate::feedback::{FeedbackVote, StoredVote};
use crate::validate::Submission;

/// 2 added `questions.published_at` and the two feedback tables.
const SCHEMA_VERSION: i64 = 2;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS questions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    reference    TEXT UNIQUE,
    received_at  TEXT NOT NULL,
    question     TEXT NOT NULL,
    category     TEXT,
    name         TEXT,
    email        TEXT,
    consent      INTEGER NOT NULL CHECK (consent = 1),
    page_url     TEXT,
    submitted_at TEXT,
    published_at TEXT
);
CREATE TABLE IF NOT EXISTS idempotency_keys (
    key          TEXT PRIMARY KEY,
    reference    TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    received_on  TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    helpful      INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    comment      TEXT,
    page_url     TEXT
);
CREATE INDEX IF NOT EXISTS feedback_by_question ON feedback (question_id);
CREATE TABLE IF NOT EXISTS feedback_keys (
    key          TEXT PRIMARY KEY,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
";

/// Columns added after a table was first created: (table, column, its declaration).
/// `CREATE TABLE IF NOT EXISTS` leaves an older table as it was, so these are added to it.
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[("questions", "published_at", "TEXT")];

/// The reference shown to the visitor for a question's row id: `Q-000042`.
pub fn reference_for(id: i64) -> String {
    format!("Q-{id:06}")
}

#[derive(Debug)]
pub enum StoreError {
    Sqlite(rusqlite::Error),
    Missing(PathBuf),
    NewerSchema(i64),
    Task(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sqlite(e) => write!(f, "database error: {e}"),
            StoreError::Missing(p) => write!(f, "no database at {}", p.display()),
            StoreError::NewerSchema(v) => write!(
                f,
                "the database has schema version {v}, newer than this program understands \
                 ({SCHEMA_VERSION})"
            ),
            StoreError::Task(e) => write!(f, "database task failed: {e}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

/// A response remembered for an Idempotency-Key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remembered {
    pub status: u16,
    pub body: String,
}

/// What [`Store::save`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Stored as a new question; `body` is what was remembered for the key (if any).
    Stored { reference: String, body: String },
    /// The key was already known (a concurrent duplicate won the race): nothing stored.
    Replay(Remembered),
}

/// Where a stored question is on its way to the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not in the archive yet: `export` writes it out for the editors.
    New,
    /// `publish` found its reference among the archive's question ids.
    Published,
}

/// What [`Store::save_feedback`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteSaved {
    /// Stored; the body remembered for the key (if any).
    Stored(String),
    /// The key was already known: nothing stored.
    Replay(Remembered),
}

/// What [`Store::mark_published`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publication {
    /// Marked as published now.
    pub marked: usize,
    /// In the archive and already marked before.
    pub already: usize,
}

/// One stored question, as `GET /questions` and `list --json` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredQuestion {
    pub reference: String,
    pub received_at: String,
    pub question: String,
    pub category: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub consent: bool,
    pub page_url: Option<String>,
    pub submitted_at: Option<String>,
    pub status: Status,
}

impl StoredQuestion {
    /// The day it was received, `YYYY-MM-DD` (UTC).
    pub fn received_on(&self) -> &str {
        self.received_at.get(..10).unwrap_or(&self.received_at)
    }
}

pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens the database file, creating it and its tables when needed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        Self::init(conn)
    }

    /// Opens a database that must already exist (for `list`).
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.to_owned()));
        }
        Self::open(path)
    }

    fn init(mut conn: Connection) -> Result<Store, StoreError> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // WAL lets `list` (another process) read while the server writes.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema(version));
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(SCHEMA)?;
        for (table, column, declaration) in ADDED_COLUMNS {
            if !has_column(&tx, table, column)? {
                tx.execute_batch(&format!(
                    "ALTER TABLE {table} ADD COLUMN {column} {declaration}"
                ))?;
            }
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic inside a transaction rolled it back when the transaction dropped,
        // so the connection is still usable.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The response remembered for `key`, if a question was stored with it.
    pub fn remembered(&self, key: &str) -> Result<Option<Remembered>, StoreError> {
        Ok(remembered_in(&self.lock(), key)?)
    }

    /// Stores a question and, with a key, the response for it — in one transaction,
    /// committed before returning. `body_for` builds the response body from the new
    /// reference. When the key is already known, stores nothing and returns the
    /// remembered response.
    pub fn save(
        &self,
        submission: &Submission,
        key: Option<&str>,
        status: u16,
        body_for: impl Fn(&str) -> String,
    ) -> Result<Saved, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(key) = key {
            let known = remembered_in(&tx, key)?;
            if let Some(remembered) = known {
                return Ok(Saved::Replay(remembered));
            }
        }
        let id: i64 = tx.query_row(
            "INSERT INTO questions
                 (received_at, question, category, name, email, consent, page_url, submitted_at)
             VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4, 1, ?5, ?6)
             RETURNING id",
            params![
                submission.question,
                submission.category,
                submission.name,
                submission.email,
                submission.page_url,
                submission.submitted_at,
            ],
            |r| r.get(0),
        )?;
        let reference = reference_for(id);
        tx.execute(
            "UPDATE questions SET reference = ?1 WHERE id = ?2",
            params![reference, id],
        )?;
        let body = body_for(&reference);
        if let Some(key) = key {
            // PRIMARY KEY on `key`: even a second writer outside this process could
            // not record the key twice; its transaction would fail and roll back.
            tx.execute(
                "INSERT INTO idempotency_keys (key, reference, status, body, created_at)
                 VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                params![key, reference, status, body],
            )?;
        }
        tx.commit()?;
        Ok(Saved::Stored { reference, body })
    }

    /// The highest row id used so far (0 when none), including deleted rows.
    pub fn last_id(&self) -> Result<i64, StoreError> {
        let conn = self.lock();
        let seq: Option<i64> = conn
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'questions'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(seq.unwrap_or(0))
    }

    /// All stored questions, newest first.
    pub fn list(&self) -> Result<Vec<StoredQuestion>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare(
            "SELECT reference, received_at, question, category, name, email, consent,
                    page_url, submitted_at, published_at IS NOT NULL
             FROM questions ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(StoredQuestion {
                reference: r.get(0)?,
                received_at: r.get(1)?,
                question: r.get(2)?,
                category: r.get(3)?,
                name: r.get(4)?,
                email: r.get(5)?,
                consent: r.get(6)?,
                page_url: r.get(7)?,
                submitted_at: r.get(8)?,
                status: if r.get(9)? {
                    Status::Published
                } else {
                    Status::New
                },
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The questions not yet published, oldest first (the order editors work through them).
    pub fn unpublished(&self) -> Result<Vec<StoredQuestion>, StoreError> {
        let mut questions = self.list()?;
        questions.retain(|q| q.status == Status::New);
        questions.reverse();
        Ok(questions)
    }

    /// Marks as published every stored question whose reference is in `ids`, in one
    /// transaction.
    pub fn mark_published<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<Publication, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut publication = Publication {
            marked: 0,
            already: 0,
        };
        {
            let mut mark = tx.prepare(
                "UPDATE questions SET published_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE reference = ?1 AND published_at IS NULL",
            )?;
            let mut seen = tx.prepare(
                "SELECT COUNT(*) FROM questions
                 WHERE reference = ?1 AND published_at IS NOT NULL",
            )?;
            for id in ids {
                if mark.execute([id])? > 0 {
                    publication.marked += 1;
                } else if seen.query_row([id], |r| r.get::<_, i64>(0))? > 0 {
                    publication.already += 1;
                }
            }
        }
        tx.commit()?;
        Ok(publication)
    }

    /// The response remembered for a vote's `key`.
    pub fn feedback_remembered(&self, key: &str) -> Result<Option<Remembered>, StoreError> {
        Ok(feedback_remembered_in(&self.lock(), key)?)
    }

    /// Stores a vote and, with a key, the response for it, in one committed transaction.
    /// Only the day it arrived is kept with it, nothing about who sent it.
    pub fn save_feedback(
        &self,
        vote: &FeedbackVote,
        key: Option<&str>,
        status: u16,
        body: &str,
    ) -> Result<VoteSaved, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(key) = key
            && let Some(remembered) = feedback_remembered_in(&tx, key)?
        {
            return Ok(VoteSaved::Replay(remembered));
        }
        tx.execute(
            "INSERT INTO feedback (received_on, question_id, helpful, comment, page_url)
             VALUES (strftime('%Y-%m-%d', 'now'), ?1, ?2, ?3, ?4)",
            params![vote.question_id, vote.helpful, vote.comment, vote.page_url],
        )?;
        if let Some(key) = key {
            tx.execute(
                "INSERT INTO feedback_keys (key, status, body, created_at)
                 VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                params![key, status, body],
            )?;
        }
        tx.commit()?;
        Ok(VoteSaved::Stored(body.to_owned()))
    }

    /// Every stored vote, oldest first.
    pub fn votes(&self) -> Result<Vec<StoredVote>, StoreError> {
        let conn = self.lock();
        let mut stmt =
            conn.prepare("SELECT question_id, helpful, comment FROM feedback ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(StoredVote {
                question_id: r.get(0)?,
                helpful: r.get(1)?,
                comment: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// How many questions are stored.
    pub fn count(&self) -> Result<i64, StoreError> {
        let conn = self.lock();
        Ok(conn.query_row("SELECT COUNT(*) FROM questions", [], |r| r.get(0))?)
    }
}

fn has_column(conn: &Connection, table: &str, column: &str) -> rusqlite::Result<bool> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let names = stmt.query_map([], |r| r.get::<_, String>(1))?;
    for name in names {
        if name? == column {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The response remembered for an idempotency key, read inside or outside a transaction.
fn remembered_in(conn: &Connection, key: &str) -> rusqlite::Result<Option<Remembered>> {
    remembered_from(conn, "idempotency_keys", key)
}

/// The response remembered for a vote's idempotency key. Votes keep their keys apart from
/// questions' so that a key reused across the two never replays the other's answer.
fn feedback_remembered_in(conn: &Connection, key: &str) -> rusqlite::Result<Option<Remembered>> {
    remembered_from(conn, "feedback_keys", key)
}

fn remembered_from(
    conn: &Connection,
    table: &str,
    key: &str,
) -> rusqlite::Result<Option<Remembered>> {
    conn.query_row(
        &format!("SELECT status, body FROM {table} WHERE key = ?1"),
        [key],
        |row| {
            Ok(Remembered {
                status: row.get(0)?,
                body: row.get(1)?,
            })
        },
    )
    .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_db(tag: &str) -> PathBuf {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        std::env::temp_dir().join(format!(
            "ask-expert-receiver-unit-{tag}-{}-{}.sqlite",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ))
    }

    fn submission(q: &str) -> Submission {
        Submission {
            question: q.into(),
            category: Some("Needles".into()),
            name: None,
            email: Some("ann@example.com".into()),
            page_url: None,
            submitted_at: Some("2025-05-01T10:00:00Z".into()),
        }
    }

    #[test]
    fn references_are_padded() {
        assert_eq!(reference_for(42), "Q-000042");
        assert_eq!(reference_for(1_234_567), "Q-1234567");
    }

    #[test]
    fn save_list_and_reopen() {
        let path = temp_db("reopen");
        {
            let store = Store::open(&path).unwrap();
            assert_eq!(store.last_id().unwrap(), 0);
            let saved = store
                .save(&submission("first question"), None, 201, |r| r.into())
                .unwrap();
            assert_eq!(
                saved,
                Saved::Stored {
                    reference: "Q-000001".into(),
                    body: "Q-000001".into()
                }
            );
            store
                .save(&submission("second question"), Some("k"), 201, |r| {
                    format!("b {r}")
                })
                .unwrap();
        }
        let store = Store::open_existing(&path).unwrap();
        let list = store.list().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].reference, "Q-000002");
        assert_eq!(list[0].question, "second question");
        assert_eq!(list[1].category.as_deref(), Some("Needles"));
        assert!(list[1].consent);
        assert!(list[1].received_at.ends_with('Z') && list[1].received_at.len() == 20);
        assert_eq!(
            store.remembered("k").unwrap(),
            Some(Remembered {
                status: 201,
                body: "b Q-000002".into()
            })
        );
        assert_eq!(store.last_id().unwrap(), 2);
        let again = store
            .save(&submission("third"), Some("k"), 201, |r| r.into())
            .unwrap();
        assert_eq!(
            again,
            Saved::Replay(Remembered {
                status: 201,
                body: "b Q-000002".into()
            })
        );
        assert_eq!(store.count().unwrap(), 2);
        drop(store);
        remove_db(&path);
    }

    #[test]
    fn open_existing_refuses_a_missing_file() {
        let path = temp_db("missing");
        assert!(matches!(
            Store::open_existing(&path),
            Err(StoreError::Missing(_))
        ));
        assert!(!path.exists());
    }

    fn remove_db(path: &Path) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
}

//! The built archive in the page: what has arrived of it, as a context with signals. It
//! fetches the files a view or a search needs (`BuiltArchive` names them), tells the views
//! when one arrives (a version for the index, one for question texts), and keeps those
//! that failed so a card can offer to try again. A content-named file that is gone means
//! the site was rebuilt meanwhile: the manifest is read again (once), through `rebuilt`.

use std::collections::{HashMap, HashSet};

use ask_expert_core::archive::Question;
use ask_expert_core::built::{self, BuiltArchive, FileGives};
use ask_expert_core::loading::{self, Progress};
use ask_expert_core::search::SearchResults;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browse_state::BrowseState;
use crate::loader::{LoadError, Part, fetch_bytes, fetch_part};

/// Fetches the texts of the questions on screen whenever the screen changes.
pub fn follow_screen(state: BrowseState, source: BuiltSource) {
    Effect::new(move |_| {
        state
            .result
            .with(|result| source.fetch_for_questions(&result.on_page));
    });
}

/// Values of the column file (ids, dates, categories, lengths) read between two yields to
/// the browser: about 20 ms of a slow phone's time.
const COLUMN_VALUES_PER_SLICE: usize = 50_000;

#[derive(Clone, Copy)]
pub struct BuiltSource {
    built: StoredValue<BuiltArchive>,
    manifest_url: StoredValue<String>,
    /// Counts the files taken in that browsing or searching read (column file, vocabulary,
    /// chunks): searches follow only this, so ten result cards' texts arriving one by one
    /// do not run the search ten more times.
    index_version: RwSignal<u64>,
    /// Counts the files taken in that give questions their texts (shards, runs of
    /// records, and the column file and record file, which say where texts are).
    text_version: RwSignal<u64>,
    in_flight: StoredValue<HashSet<String>>,
    /// Search chunks on their way, each with what stops it once no query needs it: on a
    /// slow connection a chunk for a word since replaced would hold back the next word's.
    stoppable: StoredValue<HashMap<String, web_sys::AbortController>>,
    /// What each asker's query needs now: a chunk is stopped only when none needs it, so
    /// the search and the form's similar questions never stop each other's.
    wanted: StoredValue<HashMap<Asker, Vec<String>>>,
    /// Files that could not be fetched, until they are asked for again.
    failed: RwSignal<HashSet<String>>,
    /// Called when a content-named file is gone; false when the manifest was already read
    /// again once, and the file counts as failed.
    rebuilt: Callback<(), bool>,
}

/// Who asks for a query's pieces: each keeps what its own query needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Asker {
    /// The search box.
    Search,
    /// The form's "answered questions like yours".
    Similar,
}

/// Where a search stands with the index it reads (whole, or the built archive's pieces).
pub enum IndexSearch {
    Ready(SearchResults),
    /// Files it reads are on their way.
    Waiting,
    /// A file it still needs could not be fetched: the search says so, with Retry, instead
    /// of "Preparing search…".
    Failed,
}

/// What a card on screen has of its question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardText {
    Ready,
    Loading,
    Failed,
}

/// Provided by the view that numbers questions as the column file does (not by the first
/// results, which are numbered as the manifest lists them): cards take their text here.
#[derive(Clone, Copy)]
pub struct BuiltTexts(pub BuiltSource);

impl BuiltSource {
    pub fn new(
        built: BuiltArchive,
        manifest_url: String,
        rebuilt: Callback<(), bool>,
    ) -> BuiltSource {
        BuiltSource {
            built: StoredValue::new(built),
            manifest_url: StoredValue::new(manifest_url),
            index_version: RwSignal::new(0),
            text_version: RwSignal::new(0),
            in_flight: StoredValue::new(HashSet::new()),
            stoppable: StoredValue::new(HashMap::new()),
            wanted: StoredValue::new(HashMap::new()),
            failed: RwSignal::new(HashSet::new()),
            rebuilt,
        }
    }

    /// Reads what the search and browsing read, following only their files' arrival.
    pub fn with_index<T>(&self, read: impl FnOnce(&BuiltArchive) -> T) -> T {
        self.index_version.track();
        self.built.with_value(read)
    }

    /// Reads questions' texts, following only the arrival of files that bring them.
    pub fn with_texts<T>(&self, read: impl FnOnce(&BuiltArchive) -> T) -> T {
        self.text_version.track();
        self.built.with_value(read)
    }

    pub fn with_untracked<T>(&self, read: impl FnOnce(&BuiltArchive) -> T) -> T {
        self.built.with_value(read)
    }

    /// The address of a question's static page, when the manifest names one.
    pub fn page_url(&self, question_id: &str) -> Option<String> {
        self.built.with_value(|built| built.page_url(question_id))
    }

    /// Fetches these files, and waits until all are in: for what a view needs before it
    /// is shown. `progress` hears of the largest download.
    pub async fn load(
        &self,
        names: Vec<String>,
        progress: &dyn Fn(Progress),
    ) -> Result<(), LoadError> {
        let manifest_url = self.manifest_url.get_value();
        // Meanwhile `fetch` leaves these to this download (the search box may ask for the
        // column file while the page is loading it).
        self.in_flight
            .update_value(|in_flight| in_flight.extend(names.iter().cloned()));
        let downloads = names.iter().map(|name| {
            let url = loading::file_url(&manifest_url, built::whole_file(name));
            async move { fetch_piece(&url, name, None, progress).await }
        });
        let arrived = futures::future::join_all(downloads).await;
        let taken_in = async {
            for piece in arrived {
                let (taken_as, bytes) = piece?;
                self.take_in(&taken_as, bytes).await?;
            }
            Ok(())
        }
        .await;
        self.in_flight.try_update_value(|in_flight| {
            for name in &names {
                in_flight.remove(name);
            }
        });
        taken_in
    }

    /// Fetches these files in the background; each is taken in as it arrives.
    pub fn fetch(&self, names: Vec<String>) {
        let failed = self.failed.with_untracked(|failed| failed.clone());
        for name in names {
            let new = self.in_flight.try_update_value(|in_flight| {
                !failed.contains(&name) && in_flight.insert(name.clone())
            });
            if new != Some(true) {
                continue;
            }
            let source = *self;
            let url = loading::file_url(&self.manifest_url.get_value(), built::whole_file(&name));
            let stop = self
                .built
                .with_value(|built| built.is_search_chunk(&name))
                .then(web_sys::AbortController::new)
                .and_then(Result::ok);
            if let Some(stop) = &stop {
                self.stoppable
                    .update_value(|stoppable| _ = stoppable.insert(name.clone(), stop.clone()));
            }
            spawn_local(async move {
                let outcome = match fetch_piece(&url, &name, stop, &|_| {}).await {
                    Ok((taken_as, bytes)) => source.take_in(&taken_as, bytes).await,
                    Err(error) => Err(error),
                };
                source
                    .in_flight
                    .try_update_value(|in_flight| in_flight.remove(&name));
                source
                    .stoppable
                    .try_update_value(|stoppable| stoppable.remove(&name));
                match outcome {
                    Ok(()) | Err(LoadError::Stopped) => {}
                    Err(LoadError::NotFound) if source.rebuilt.run(()) => {}
                    // A host that answers a range with other bytes than asked for: its whole
                    // shard instead (the built archive names whole shards from then on).
                    Err(LoadError::Damaged(_)) if built::byte_range(&name).is_some() => {
                        source.fetch(vec![built::whole_file(&name).to_owned()]);
                    }
                    Err(_) => {
                        source.failed.try_update(|failed| failed.insert(name));
                    }
                }
            });
        }
    }

    /// Asks again for files that failed, and for those not asked for yet.
    pub fn retry(&self, names: Vec<String>) {
        let failed = self
            .failed
            .with_untracked(|failed| names.iter().any(|name| failed.contains(name)));
        if failed {
            self.failed.update(|failed| {
                for name in &names {
                    failed.remove(name);
                }
            });
        }
        self.fetch(names);
    }

    async fn take_in(&self, name: &str, bytes: Vec<u8>) -> Result<(), LoadError> {
        let column_file = self
            .built
            .try_with_value(|built| built.is_column_file(name))
            .unwrap_or(false);
        let (added, reads) = if column_file {
            let read = self.read_columns(bytes).await?;
            self.built.try_update_value(|built| {
                (
                    built.add_read_columns(name, read),
                    built.what_file_gives(name),
                )
            })
        } else {
            self.built.try_update_value(|built| {
                (built.add_file(name, bytes), built.what_file_gives(name))
            })
        }
        .unwrap_or((Ok(()), FileGives::Texts));
        // Only a file taken in changes what the views read. Telling them of a damaged one
        // would make a pending search ask for it again at once, and again, without end.
        if added.is_ok() {
            if reads != FileGives::Texts {
                self.index_version.try_update(|version| *version += 1);
            }
            if reads != FileGives::Index {
                self.text_version.try_update(|version| *version += 1);
            }
        }
        added.map_err(|error| LoadError::Damaged(error.to_string()))
    }

    /// The column file read a slice at a time, the browser free to handle a tap or a
    /// keystroke between slices: read whole, 100,000 questions' columns keep a slow
    /// phone busy for a quarter of a second.
    async fn read_columns(&self, bytes: Vec<u8>) -> Result<built::ReadColumns, LoadError> {
        let damaged = |error: built::BuiltError| LoadError::Damaged(error.to_string());
        let mut reading = self
            .built
            .try_with_value(|built| built.read_columns_in_slices(bytes))
            .ok_or(LoadError::Stopped)?
            .map_err(damaged)?;
        while !reading.step(COLUMN_VALUES_PER_SLICE).map_err(damaged)? {
            crate::tasks::sleep(std::time::Duration::ZERO).await;
        }
        Ok(reading.finish())
    }

    /// The shards the questions on screen need, fetched in the background.
    pub fn fetch_for_questions(&self, questions: &[usize]) {
        let names = self
            .built
            .with_value(|built| built.files_for_questions(questions));
        self.fetch(names);
    }

    /// Worth fetching when the search box gets focus.
    pub fn prefetch_search(&self) {
        let names = self.built.with_value(BuiltArchive::files_for_search);
        self.fetch(names);
    }

    /// Fetches what searching `query` still needs (again, if a piece failed: the search
    /// says it could not be prepared until then); true when nothing more is needed. The next
    /// keystroke and Retry beside the count line call it. Chunks on their way that neither
    /// this asker's query nor another's needs any more are stopped.
    pub fn prepare_query(&self, asker: Asker, query: &str) -> bool {
        let names = self.with_index(|built| built.files_for_query(query));
        self.wanted
            .update_value(|wanted| _ = wanted.insert(asker, names.clone()));
        let wanted = self.wanted.get_value();
        self.stoppable.update_value(|stoppable| {
            stoppable.retain(|name, stop| {
                let needed = wanted.values().any(|names| names.contains(name));
                if !needed {
                    stop.abort();
                }
                needed
            });
        });
        let ready = names.is_empty();
        self.retry(names);
        ready
    }

    /// The search's results once every file it reads is in, planning the query once.
    pub fn search(&self, query: &str) -> IndexSearch {
        self.with_index(|built| {
            let missing = built.files_for_query(query);
            if missing.is_empty() {
                return built.search_index().map_or(IndexSearch::Waiting, |index| {
                    IndexSearch::Ready(index.search(query))
                });
            }
            let failed = self
                .failed
                .with(|failed| missing.iter().any(|name| failed.contains(name)));
            if failed {
                IndexSearch::Failed
            } else {
                IndexSearch::Waiting
            }
        })
    }

    /// A question on screen: its text, once its shard or its record is in.
    pub fn card_text(&self, question: usize) -> CardText {
        if self.with_texts(|built| built.has_text(question)) {
            CardText::Ready
        } else if !self.failed_holding(question).is_empty() {
            CardText::Failed
        } else {
            CardText::Loading
        }
    }

    /// The files that failed which hold this question's text.
    fn failed_holding(&self, question: usize) -> Vec<String> {
        self.failed.with(|failed| {
            self.built.with_value(|built| {
                failed
                    .iter()
                    .filter(|name| built.holds(name, question))
                    .cloned()
                    .collect()
            })
        })
    }

    pub fn question(&self, question: usize) -> Option<Question> {
        self.built.with_value(|built| built.question(question))
    }

    /// Asks again for what holds a question's text (and the other questions it holds).
    pub fn retry_question(&self, question: usize) {
        let mut names = self.failed_holding(question);
        if names.is_empty() {
            names = self
                .built
                .with_value(|built| built.files_for_questions(&[question]));
        }
        self.retry(names);
    }

    /// Files a view needs before it is shown, fetched and taken in until none is missing:
    /// a search's chunks are named only once the vocabulary is in.
    pub async fn load_until_complete(
        &self,
        needs: impl Fn(&BuiltArchive) -> Vec<String>,
        progress: &dyn Fn(Progress),
    ) -> Result<(), LoadError> {
        // Each round can name more (chunks once the vocabulary is in); a file kept waiting
        // for one never sent would otherwise be asked for forever.
        for _ in 0..4 {
            let names = self.built.with_value(&needs);
            if names.is_empty() {
                return Ok(());
            }
            self.load(names, progress).await?;
        }
        Err(LoadError::Damaged(
            "its files do not name each other as they should".to_owned(),
        ))
    }
}

/// A file the manifest names, or a run of records by a range request, and the name it is
/// taken in as: a host that ignores ranges sends the whole shard, and a range refused (a
/// host that does not allow the header from another site, say) is asked for whole.
async fn fetch_piece(
    url: &str,
    name: &str,
    stop: Option<web_sys::AbortController>,
    progress: &dyn Fn(Progress),
) -> Result<(String, Vec<u8>), LoadError> {
    let range = built::byte_range(name);
    let whole = built::whole_file(name).to_owned();
    match fetch_part(url, range.as_deref(), stop, progress).await {
        Ok(Part::Asked(bytes)) => Ok((name.to_owned(), bytes)),
        Ok(Part::Whole(bytes)) => Ok((whole, bytes)),
        Err(LoadError::Unreachable | LoadError::Refused(_)) if range.is_some() => {
            Ok((whole, fetch_bytes(url, progress).await?))
        }
        Err(error) => Err(error),
    }
}

//! Fetching the archive file, with a time limit, and naming each way it can fail in words a
//! visitor understands.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;
use std::time::Duration;

use ask_expert_core::archive::{Archive, ArchiveError};
use gloo_net::http::Request;
use leptos::prelude::set_timeout_with_handle;

pub const ARCHIVE_TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    NotFound,
    ServerError(u16),
    Refused(u16),
    TimedOut,
    Unreachable,
    Unreadable(ArchiveError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotFound => f.write_str("The archive file was not found on the server (HTTP 404)."),
            LoadError::ServerError(status) => {
                write!(f, "The server had a problem sending the archive (HTTP {status}). This is usually temporary.")
            }
            LoadError::Refused(status) => write!(f, "The server refused to send the archive (HTTP {status})."),
            LoadError::TimedOut => write!(
                f,
                "The archive took too long to arrive: no complete answer within {} seconds.",
                ARCHIVE_TIMEOUT.as_secs()
            ),
            LoadError::Unreachable => {
                f.write_str("The archive could not be fetched. Check your connection; the server may be unreachable.")
            }
            LoadError::Unreadable(error) => fmt::Display::fmt(error, f),
        }
    }
}

/// Fetches and reads the archive.
pub async fn fetch_archive(url: &str) -> Result<Archive, LoadError> {
    Archive::parse(&fetch_text(url).await?).map_err(LoadError::Unreadable)
}

/// Fetches a text file; aborts the request when the time limit passes.
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let controller = web_sys::AbortController::new().map_err(|_| LoadError::Unreachable)?;
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = Rc::clone(&timed_out);
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                controller.abort();
            },
            ARCHIVE_TIMEOUT,
        )
        .ok()
    };
    let failure = |timed_out: &Cell<bool>| if timed_out.get() { LoadError::TimedOut } else { LoadError::Unreachable };
    let result = async {
        let signal = controller.signal();
        let response = Request::get(url).abort_signal(Some(&signal)).send().await.map_err(|_| failure(&timed_out))?;
        match response.status() {
            200..=299 => {}
            404 | 410 => return Err(LoadError::NotFound),
            status @ 500..=599 => return Err(LoadError::ServerError(status)),
            status => return Err(LoadError::Refused(status)),
        }
        response.text().await.map_err(|_| failure(&timed_out))
    }
    .await;
    if let Some(timer) = timer {
        timer.clear();
    }
    result
}

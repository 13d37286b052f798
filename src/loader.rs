//! Fetching the archive file, with a time limit, and naming each way it can fail in words a
//! visitor understands.

use std::fmt;
use std::time::Duration;

use ask_expert_core::archive::{Archive, ArchiveError};
use gloo_net::http::Request;

use crate::tasks::TimeLimit;

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
            LoadError::NotFound => {
                f.write_str("The archive file was not found on the server (HTTP 404).")
            }
            LoadError::ServerError(status) => {
                write!(
                    f,
                    "The server had a problem sending the archive (HTTP {status}). \
                     This is usually temporary."
                )
            }
            LoadError::Refused(status) => {
                write!(f, "The server refused to send the archive (HTTP {status}).")
            }
            LoadError::TimedOut => write!(
                f,
                "The archive took too long to arrive: no complete answer within {} seconds.",
                ARCHIVE_TIMEOUT.as_secs()
            ),
            LoadError::Unreachable => f.write_str(
                "The archive could not be fetched. Check your connection; the server may be \
                     unreachable.",
            ),
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
    let limit = TimeLimit::start(ARCHIVE_TIMEOUT).ok_or(LoadError::Unreachable)?;
    let failure = || {
        if limit.timed_out() {
            LoadError::TimedOut
        } else {
            LoadError::Unreachable
        }
    };
    let response = Request::get(url)
        .abort_signal(Some(&limit.signal()))
        .send()
        .await
        .map_err(|_| failure())?;
    match response.status() {
        200..=299 => {}
        404 | 410 => return Err(LoadError::NotFound),
        status @ 500..=599 => return Err(LoadError::ServerError(status)),
        status => return Err(LoadError::Refused(status)),
    }
    response.text().await.map_err(|_| failure())
}

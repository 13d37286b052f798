//! Fetching the archive: the built form's manifest beside the archive address when there is
//! one, the plain archive file otherwise, and the built files as the page needs them. A
//! download is given up only when nothing has arrived for `STALL_SECONDS`, never while it
//! is still coming; each way it can fail is named in words a visitor understands.

use std::fmt;
use std::time::Duration;

use ask_expert_core::archive::{Archive, ArchiveError};
use ask_expert_core::built::BuiltArchive;
use ask_expert_core::loading::{self, ManifestReply, Progress, STALL_SECONDS};
use gloo_net::http::Request;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::tasks::TimeLimit;

#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    NotFound,
    ServerError(u16),
    Refused(u16),
    /// Nothing arrived for `STALL_SECONDS`.
    TimedOut,
    Unreachable,
    Unreadable(ArchiveError),
    /// The built archive's files do not fit together.
    Damaged(String),
    /// Stopped because the page no longer needs it (a search piece for words since
    /// replaced): not a failure, and never shown.
    Stopped,
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
                "The archive stopped arriving: no data arrived for {STALL_SECONDS} seconds."
            ),
            LoadError::Unreachable => f.write_str(
                "The archive could not be fetched. Check your connection; the server may be \
                     unreachable.",
            ),
            LoadError::Unreadable(error) => fmt::Display::fmt(error, f),
            LoadError::Damaged(problem) => {
                write!(f, "The archive's files could not be read: {problem}.")
            }
            LoadError::Stopped => f.write_str("The download was no longer needed."),
        }
    }
}

/// What the archive address leads to.
pub enum Source {
    Plain(Archive),
    /// The built form, read as far as its manifest, and the manifest's address.
    Built(Box<BuiltArchive>, String),
}

/// A manifest already read (by the first screen), with its address.
pub struct KnownManifest {
    pub url: String,
    pub bytes: Vec<u8>,
}

/// Finds the archive: the built form when its manifest is beside `url`, else the file at
/// `url`. `progress` hears how much of a large download has arrived. A `known` manifest
/// at the address the archive's manifest has is read instead of fetched.
pub async fn fetch_source(
    url: &str,
    progress: &dyn Fn(Progress),
    known: Option<KnownManifest>,
) -> Result<Source, LoadError> {
    let manifest_url = loading::manifest_url(url);
    let built = match known.filter(|known| known.url == manifest_url) {
        Some(known) => Some(read_manifest(&known.bytes)?),
        None => fetch_manifest_bytes(&manifest_url)
            .await?
            .map(|bytes| read_manifest(&bytes))
            .transpose()?,
    };
    if let Some(built) = built {
        return Ok(Source::Built(Box::new(built), manifest_url));
    }
    fetch_archive(url, progress).await.map(Source::Plain)
}

fn read_manifest(bytes: &[u8]) -> Result<BuiltArchive, LoadError> {
    BuiltArchive::new(bytes).map_err(|error| LoadError::Damaged(error.to_string()))
}

/// The built archive's manifest at `url`, or `None` when there is none there.
pub async fn fetch_manifest_bytes(url: &str) -> Result<Option<Vec<u8>>, LoadError> {
    let (status, bytes) = match fetch_bytes(url, &|_| {}).await {
        Ok(bytes) => (Some(200), bytes),
        Err(LoadError::NotFound) => (Some(404), Vec::new()),
        Err(LoadError::Refused(status) | LoadError::ServerError(status)) => {
            (Some(status), Vec::new())
        }
        Err(LoadError::Unreachable) => (None, Vec::new()),
        Err(error) => return Err(error),
    };
    match loading::manifest_reply(status, &bytes) {
        ManifestReply::PlainArchive => Ok(None),
        ManifestReply::Built => Ok(Some(bytes)),
        ManifestReply::Failed => Err(match status {
            Some(status @ 500..=599) => LoadError::ServerError(status),
            Some(status) => LoadError::Refused(status),
            None => LoadError::Unreachable,
        }),
    }
}

/// Fetches and reads the plain archive file.
pub async fn fetch_archive(url: &str, progress: &dyn Fn(Progress)) -> Result<Archive, LoadError> {
    let bytes = fetch_bytes(url, progress).await?;
    Archive::parse(&text(&bytes)).map_err(LoadError::Unreadable)
}

/// Fetches a text file.
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    Ok(text(&fetch_bytes(url, &|_| {}).await?))
}

/// UTF-8 text as the browser would decode it: a leading byte-order mark dropped, damaged
/// sequences replaced.
fn text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

/// Fetches a file's bytes, reading the body as it arrives; gives up only when nothing has
/// arrived for `STALL_SECONDS`.
pub async fn fetch_bytes(url: &str, progress: &dyn Fn(Progress)) -> Result<Vec<u8>, LoadError> {
    Ok(download(url, None, None, progress).await?.1)
}

/// What a range request brought: the bytes asked for, or the whole file from a host that
/// sends files whole.
pub enum Part {
    Asked(Vec<u8>),
    Whole(Vec<u8>),
}

/// Fetches a file, or part of it (`range` as a `Range` header gives it), as `fetch_bytes`
/// does; `stop` may end it early, with `LoadError::Stopped`.
pub async fn fetch_part(
    url: &str,
    range: Option<&str>,
    stop: Option<web_sys::AbortController>,
    progress: &dyn Fn(Progress),
) -> Result<Part, LoadError> {
    let (status, bytes) = download(url, range, stop, progress).await?;
    Ok(if range.is_none() || status == 206 {
        Part::Asked(bytes)
    } else {
        Part::Whole(bytes)
    })
}

/// The status and body of a download, read as it arrives.
async fn download(
    url: &str,
    range: Option<&str>,
    stop: Option<web_sys::AbortController>,
    progress: &dyn Fn(Progress),
) -> Result<(u16, Vec<u8>), LoadError> {
    let limit = Duration::from_secs(STALL_SECONDS);
    let mut stall = match stop {
        Some(controller) => TimeLimit::start_with(controller, limit),
        None => TimeLimit::start(limit),
    }
    .ok_or(LoadError::Unreachable)?;
    let failure = |stall: &TimeLimit| {
        if stall.expired() {
            LoadError::TimedOut
        } else if stall.stopped() {
            LoadError::Stopped
        } else {
            LoadError::Unreachable
        }
    };
    let mut request = Request::get(url).abort_signal(Some(&stall.signal()));
    if let Some(range) = range {
        request = request.header("Range", range);
    }
    let response = request.send().await.map_err(|_| failure(&stall))?;
    match response.status() {
        200..=299 => {}
        404 | 410 => return Err(LoadError::NotFound),
        status @ 500..=599 => return Err(LoadError::ServerError(status)),
        status => return Err(LoadError::Refused(status)),
    }
    stall.restart();
    // A compressed download's length is not the size of what the body gives.
    let headers = response.headers();
    let compressed = headers
        .get("content-encoding")
        .is_some_and(|encoding| !encoding.trim().eq_ignore_ascii_case("identity"));
    let total = headers
        .get("content-length")
        .filter(|_| !compressed)
        .and_then(|length| length.trim().parse::<u64>().ok());
    let status = response.status();
    let Some(body) = response.body() else {
        return Ok((status, Vec::new()));
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let capacity = total.unwrap_or(0).min(64 << 20);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| failure(&stall))?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|done| done.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(|_| failure(&stall))?;
        let value: js_sys::Uint8Array = value.unchecked_into();
        let start = bytes.len();
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
        stall.restart();
        progress(Progress {
            received: bytes.len() as u64,
            total,
        });
    }
    Ok((status, bytes))
}

//! Posting to the association's endpoints (a question, or a "Was this helpful?" vote: the
//! body is the caller's): a time limit per attempt, retries for failures worth retrying
//! (network, 408, 429, 5xx) with the waits the server asks for, counted down a second at a
//! time, and the same idempotency key every time so it is stored once. Stopping it is
//! dropping its future (the form's Action aborts it).

use std::time::Duration;

use ask_expert_core::locale::Arg;
use ask_expert_core::question_form::{
    Field, MAX_ATTEMPTS, PayloadFormat, SEND_TIMEOUT, Verdict, judge_response, wait_before_retry,
};
use gloo_net::http::Request;

use crate::locale::I18n;
use crate::tasks::{TimeLimit, sleep};

/// Why an attempt failed, worded in the visitor's language when shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The browser could not even start the request.
    CouldNotSend,
    /// No answer within `SEND_TIMEOUT`.
    TimedOut,
    Unreachable,
    /// HTTP 408.
    TookTooLong,
    /// HTTP 429.
    Busy,
    /// Another status worth retrying (5xx).
    Problem(u16),
}

impl Reason {
    pub fn text(self, i18n: &I18n) -> String {
        match self {
            Reason::CouldNotSend => i18n.text("send.reason.browser"),
            Reason::TimedOut => i18n.format(
                "send.reason.timed_out",
                &[("seconds", Arg::Count(SEND_TIMEOUT.as_secs() as usize))],
            ),
            Reason::Unreachable => i18n.text("send.reason.unreachable"),
            Reason::TookTooLong => i18n.text("send.reason.too_slow"),
            Reason::Busy => i18n.text("send.reason.busy"),
            Reason::Problem(status) => i18n.format(
                "send.reason.problem",
                &[("status", Arg::Text(&status.to_string()))],
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    Sending {
        attempt: u32,
    },
    /// Between attempts; `seconds` counts down to the next one.
    Waiting {
        seconds: u64,
        next_attempt: u32,
        reason: Reason,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Sent {
        reference: Option<String>,
    },
    Rejected {
        field_errors: Vec<(Field, String)>,
        message: Option<String>,
    },
    GaveUp {
        reason: Reason,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub endpoint: String,
    pub format: PayloadFormat,
    pub body: String,
    pub idempotency_key: String,
}

/// Sends `submission`, telling `on_progress` how it goes. (`dyn`, so the question form and
/// the feedback share one copy of this code in the bundle.)
pub async fn send(submission: &Submission, on_progress: &dyn Fn(Progress)) -> Outcome {
    let mut last_reason = Reason::Unreachable;
    for attempt in 1..=MAX_ATTEMPTS {
        on_progress(Progress::Sending { attempt });
        let (verdict, reason) = match attempt_once(submission).await {
            Ok((status, retry_after, body)) => (
                judge_response(status, retry_after.as_deref(), &body, attempt),
                describe_status(status),
            ),
            Err(reason) => (
                Verdict::RetryAfter(wait_before_retry(attempt, None)),
                reason,
            ),
        };
        match verdict {
            Verdict::Sent { reference } => return Outcome::Sent { reference },
            Verdict::Rejected {
                field_errors,
                message,
            } => {
                return Outcome::Rejected {
                    field_errors,
                    message,
                };
            }
            Verdict::RetryAfter(wait) => {
                if attempt < MAX_ATTEMPTS {
                    // Whole seconds, shown as they pass, so the visitor sees it is alive.
                    for seconds in (1..=wait.as_secs().max(1)).rev() {
                        on_progress(Progress::Waiting {
                            seconds,
                            next_attempt: attempt + 1,
                            reason,
                        });
                        sleep(Duration::from_secs(1)).await;
                    }
                }
                last_reason = reason;
            }
        }
    }
    Outcome::GaveUp {
        reason: last_reason,
    }
}

async fn attempt_once(submission: &Submission) -> Result<(u16, Option<String>, String), Reason> {
    let limit = TimeLimit::start(SEND_TIMEOUT).ok_or(Reason::CouldNotSend)?;
    let failure = || {
        if limit.expired() {
            Reason::TimedOut
        } else {
            Reason::Unreachable
        }
    };
    let mut builder = Request::post(&submission.endpoint)
        .header("Content-Type", submission.format.content_type());
    if submission.format.sends_idempotency_key() {
        builder = builder.header("Idempotency-Key", &submission.idempotency_key);
    }
    let request = builder
        .abort_signal(Some(&limit.signal()))
        .body(submission.body.clone())
        .map_err(|_| failure())?;
    let response = request.send().await.map_err(|_| failure())?;
    let retry_after = response.headers().get("Retry-After");
    let body = response.text().await.unwrap_or_default();
    Ok((response.status(), retry_after, body))
}

fn describe_status(status: u16) -> Reason {
    match status {
        408 => Reason::TookTooLong,
        429 => Reason::Busy,
        _ => Reason::Problem(status),
    }
}

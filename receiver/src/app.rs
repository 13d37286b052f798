//! The HTTP side: router, handlers, and the request log. The contract these
//! implement is written up in `docs/endpoint-contract.md`.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::header::{
    AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE,
};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::cors::{self, Cors};
use crate::feedback;
use crate::rate_limit::{RateLimiter, retry_after_secs};
use crate::store::{Remembered, Saved, Store, StoreError, VoteSaved, reference_for};
use crate::validate::{self, BodyError, FieldErrors};

/// Bodies larger than this get 413.
pub const BODY_LIMIT: usize = 64 * 1024;
/// Longest accepted `Idempotency-Key`, in characters.
pub const IDEMPOTENCY_KEY_MAX: usize = 200;
/// A request (including reading its body) that takes longer than this gets 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Response header set when a response is a replay for a known Idempotency-Key.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";
/// Decoy answers remembered per key for honeypot hits (in memory only).
const DECOY_KEYS_MAX: usize = 10_000;

/// Settings of a running receiver (from the `serve` command line).
#[derive(Debug, Clone)]
pub struct Config {
    pub allow_origins: Vec<String>,
    /// Accepted questions per client address per minute, and as many votes; 0 = no limit.
    pub rate_limit: u32,
    pub list_token: Option<String>,
    pub require_email: bool,
    /// One line per request on stderr.
    pub log_requests: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            allow_origins: Vec::new(),
            rate_limit: 5,
            list_token: None,
            require_email: false,
            log_requests: true,
        }
    }
}

struct AppState {
    store: Arc<Store>,
    limiter: RateLimiter,
    /// Votes are counted apart from questions: a visitor reading several answers and
    /// voting on each must not use up the questions they may still ask.
    feedback_limiter: RateLimiter,
    list_token: Option<String>,
    require_email: bool,
    decoys: Mutex<Decoys>,
}

/// What the honeypot has handed out, so that bots see plausible, increasing
/// references and a replayed key gets the same decoy again.
#[derive(Default)]
struct Decoys {
    last: i64,
    by_key: HashMap<String, String>,
}

/// The whole service as a `Router`. Serve it with
/// `into_make_service_with_connect_info::<SocketAddr>()` so the rate limit sees
/// client addresses.
pub fn router(store: Arc<Store>, config: Config) -> Router {
    let state = Arc::new(AppState {
        store,
        limiter: RateLimiter::new(config.rate_limit),
        feedback_limiter: RateLimiter::new(config.rate_limit),
        list_token: config.list_token.filter(|t| !t.is_empty()),
        require_email: config.require_email,
        decoys: Mutex::new(Decoys::default()),
    });
    let cors = Arc::new(Cors::new(&config.allow_origins));
    let router = Router::new()
        .route("/questions", get(list_questions).post(post_question))
        .route("/feedback", get(list_feedback).post(post_feedback))
        .route("/health", get(health))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        // Outside the two above, so their bare 408 and 413 get the contract's JSON bodies.
        .layer(middleware::from_fn(contract_bodies))
        .layer(middleware::from_fn_with_state(cors, cors::layer));
    if config.log_requests {
        with_request_log(router)
    } else {
        router
    }
}

// ---------------------------------------------------------------------------
// Handlers

async fn health() -> Response {
    json_response(StatusCode::OK, json!({ "status": "ok" }).to_string())
}

async fn not_found() -> Response {
    error_response(StatusCode::NOT_FOUND, "Not found")
}

async fn method_not_allowed() -> Response {
    error_response(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed")
}

/// The words an endpoint's general answers use, so that each speaks of what was sent.
struct Wording {
    unreadable: &'static str,
    unsupported_type: &'static str,
    too_large: &'static str,
    /// Before " Wait N seconds and try again".
    too_many: &'static str,
    not_saved: &'static str,
}

const QUESTIONS: Wording = Wording {
    unreadable: "We could not read your question. Please try again",
    unsupported_type: "Send the question as JSON (application/json) or as a form \
                       (application/x-www-form-urlencoded)",
    too_large: "Your question is too long to send. Shorten it and try again",
    too_many: "You have sent several questions in the last minute.",
    not_saved: "Something went wrong on our side and your question was not saved. \
                Please try again later",
};

const FEEDBACK: Wording = Wording {
    unreadable: "We could not read your feedback. Please try again",
    unsupported_type: "Send the feedback as JSON (application/json) or as a form \
                       (application/x-www-form-urlencoded)",
    too_large: "Your feedback is too long to send. Shorten it and try again",
    too_many: "You have sent feedback several times in the last minute.",
    not_saved: "Something went wrong on our side and your feedback was not saved. \
                Please try again later",
};

fn wording_for(path: &str) -> &'static Wording {
    if path == "/feedback" {
        &FEEDBACK
    } else {
        &QUESTIONS
    }
}

/// The listings are for the holder of the list token; without one configured they do
/// not exist.
async fn check_list_token(state: &AppState, headers: &HeaderMap) -> Result<(), Response> {
    let Some(token) = &state.list_token else {
        return Err(not_found().await);
    };
    if bearer_matches(headers, token) {
        return Ok(());
    }
    let mut response = error_response(
        StatusCode::UNAUTHORIZED,
        "Send the list token as 'Authorization: Bearer <token>'",
    );
    response.headers_mut().insert(
        WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"ask-expert-receiver\""),
    );
    Err(response)
}

/// `GET /questions`: every stored question, newest first, for the holder of the token.
async fn list_questions(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Err(refusal) = check_list_token(&state, &headers).await {
        return refusal;
    }
    match blocking(&state.store, |s| s.list()).await {
        Ok(list) => json_response(
            StatusCode::OK,
            serde_json::to_string(&list).expect("questions serialize"),
        ),
        Err(e) => server_error(e, &QUESTIONS),
    }
}

/// `GET /feedback`: the votes per question, least helpful first, for the holder of the
/// token.
async fn list_feedback(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Err(refusal) = check_list_token(&state, &headers).await {
        return refusal;
    }
    match blocking(&state.store, |s| s.votes()).await {
        Ok(votes) => json_response(
            StatusCode::OK,
            serde_json::to_string(&feedback::summarize(&votes)).expect("feedback serializes"),
        ),
        Err(e) => server_error(e, &FEEDBACK),
    }
}

/// The `Idempotency-Key` and the body, or the status and `errors.form` message refusing
/// them.
fn key_and_body(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    wording: &Wording,
) -> Result<(Option<String>, Bytes), (StatusCode, &'static str)> {
    let Ok(key) = idempotency_key(headers) else {
        return Err((
            StatusCode::BAD_REQUEST,
            "The Idempotency-Key header must be 1 to 200 visible ASCII characters",
        ));
    };
    match body {
        Ok(body) => Ok((key, body)),
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            Err((StatusCode::PAYLOAD_TOO_LARGE, wording.too_large))
        }
        Err(_) => Err((StatusCode::BAD_REQUEST, wording.unreadable)),
    }
}

fn body_error(error: BodyError, wording: &Wording) -> Response {
    match error {
        BodyError::UnsupportedType => {
            form_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, wording.unsupported_type)
        }
        BodyError::Unreadable => form_error(StatusCode::BAD_REQUEST, wording.unreadable),
    }
}

/// `POST /feedback`: one "Was this helpful?" vote. The same order of checks as a
/// question, without the honeypot (the vote buttons have no form for bots to fill).
async fn post_feedback(
    State(state): State<Arc<AppState>>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (key, body) = match key_and_body(&headers, body, &FEEDBACK) {
        Ok(read) => read,
        Err((status, message)) => return form_error(status, message),
    };
    if let Some(key) = &key {
        let lookup = key.clone();
        match blocking(&state.store, move |s| s.feedback_remembered(&lookup)).await {
            Ok(Some(remembered)) => return replay(remembered),
            Ok(None) => {}
            Err(e) => return server_error(e, &FEEDBACK),
        }
    }
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let raw = match feedback::parse_body(content_type, &body) {
        Ok(raw) => raw,
        Err(error) => return body_error(error, &FEEDBACK),
    };
    let vote = match feedback::validate(&raw) {
        Ok(vote) => vote,
        Err(errors) => return field_errors(errors),
    };
    if let Err(wait) = state.feedback_limiter.check(client) {
        return too_many(retry_after_secs(wait), &FEEDBACK);
    }
    let body = json!({ "status": "received" }).to_string();
    let result = blocking(&state.store, move |s| {
        s.save_feedback(&vote, key.as_deref(), 201, &body)
    })
    .await;
    match result {
        Ok(VoteSaved::Stored(body)) => created(body),
        Ok(VoteSaved::Replay(remembered)) => replay(remembered),
        Err(e) => server_error(e, &FEEDBACK),
    }
}

/// `POST /questions`.
async fn post_question(
    State(state): State<Arc<AppState>>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (key, body) = match key_and_body(&headers, body, &QUESTIONS) {
        Ok(read) => read,
        Err((status, message)) => return form_error(status, message),
    };

    // A key we have answered before: the same answer again, nothing stored or counted.
    if let Some(key) = &key {
        if let Some(body) = state.decoy_for(key) {
            return replay(Remembered { status: 201, body });
        }
        let lookup = key.clone();
        match blocking(&state.store, move |s| s.remembered(&lookup)).await {
            Ok(Some(remembered)) => return replay(remembered),
            Ok(None) => {}
            Err(e) => return server_error(e, &QUESTIONS),
        }
    }

    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let raw = match validate::parse_body(content_type, &body) {
        Ok(raw) => raw,
        Err(error) => return body_error(error, &QUESTIONS),
    };
    let submission = match validate::validate(&raw, state.require_email) {
        Ok(submission) => submission,
        Err(errors) => return field_errors(errors),
    };

    if let Err(wait) = state.limiter.check(client) {
        return too_many(retry_after_secs(wait), &QUESTIONS);
    }

    if raw.honeypot {
        return match blocking(&state.store, |s| s.last_id()).await {
            Ok(last_id) => created(state.decoy(last_id, key)),
            Err(e) => server_error(e, &QUESTIONS),
        };
    }

    let result = blocking(&state.store, move |s| {
        s.save(&submission, key.as_deref(), 201, created_body)
    })
    .await;
    match result {
        Ok(Saved::Stored { body, .. }) => json_response(StatusCode::CREATED, body),
        Ok(Saved::Replay(remembered)) => replay(remembered),
        Err(e) => server_error(e, &QUESTIONS),
    }
}

fn created_body(reference: &str) -> String {
    json!({ "reference": reference, "status": "received" }).to_string()
}

fn created(body: String) -> Response {
    json_response(StatusCode::CREATED, body)
}

impl AppState {
    fn decoy_for(&self, key: &str) -> Option<String> {
        self.decoys
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .by_key
            .get(key)
            .cloned()
    }

    /// A success body for a honeypot hit: the reference a real question would get
    /// next (or one past the last decoy), and nothing stored.
    fn decoy(&self, last_id: i64, key: Option<String>) -> String {
        let mut decoys = self.decoys.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(body) = key.as_ref().and_then(|k| decoys.by_key.get(k)) {
            return body.clone();
        }
        decoys.last = decoys.last.max(last_id) + 1;
        let body = created_body(&reference_for(decoys.last));
        if let Some(key) = key {
            if decoys.by_key.len() >= DECOY_KEYS_MAX {
                decoys.by_key.clear();
            }
            decoys.by_key.insert(key, body.clone());
        }
        body
    }
}

/// The `Idempotency-Key` header was sent but is empty, too long or not visible ASCII.
#[derive(Debug)]
struct BadKey;

/// The `Idempotency-Key` header: absent, or 1–200 visible ASCII characters.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, BadKey> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    match value.to_str() {
        Ok(key) if !key.is_empty() && key.len() <= IDEMPOTENCY_KEY_MAX => Ok(Some(key.to_owned())),
        _ => Err(BadKey),
    }
}

fn bearer_matches(headers: &HeaderMap, token: &str) -> bool {
    let Some(value) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some((scheme, given)) = value.split_once(' ') else {
        return false;
    };
    scheme.eq_ignore_ascii_case("bearer")
        && constant_time_eq(given.trim().as_bytes(), token.as_bytes())
}

/// Compares without an early exit, so response time does not reveal how much of
/// the token matched (the length may still show).
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

// ---------------------------------------------------------------------------
// Client address

/// The peer's IP address, when the server was started with connect info.
/// (Behind a reverse proxy this is the proxy's address; see the contract doc.)
pub struct ClientAddr(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip()),
        ))
    }
}

// ---------------------------------------------------------------------------
// Responses

fn json_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn error_response(status: StatusCode, message: &str) -> Response {
    json_response(status, json!({ "error": message }).to_string())
}

fn form_error(status: StatusCode, message: &str) -> Response {
    json_response(status, json!({ "errors": { "form": message } }).to_string())
}

fn field_errors(errors: FieldErrors) -> Response {
    json_response(
        StatusCode::BAD_REQUEST,
        json!({ "errors": errors }).to_string(),
    )
}

fn too_many(retry_after: u64, wording: &Wording) -> Response {
    let message = format!(
        "{} Wait {retry_after} {} and try again",
        wording.too_many,
        if retry_after == 1 {
            "second"
        } else {
            "seconds"
        }
    );
    let mut response = error_response(StatusCode::TOO_MANY_REQUESTS, &message);
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(retry_after));
    response
}

fn replay(remembered: Remembered) -> Response {
    let status = StatusCode::from_u16(remembered.status).unwrap_or(StatusCode::CREATED);
    let mut response = json_response(status, remembered.body);
    response.headers_mut().insert(
        HeaderName::from_static(REPLAYED_HEADER),
        HeaderValue::from_static("true"),
    );
    response
}

fn server_error(error: StoreError, wording: &Wording) -> Response {
    // The error names SQLite's problem, never the submitted text.
    tracing::error!("{error}");
    error_response(StatusCode::INTERNAL_SERVER_ERROR, wording.not_saved)
}

/// Runs database work off the async threads.
async fn blocking<T, F>(store: &Arc<Store>, work: F) -> Result<T, StoreError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
{
    let store = Arc::clone(store);
    tokio::task::spawn_blocking(move || work(&store))
        .await
        .map_err(|e| StoreError::Task(e.to_string()))?
}

// ---------------------------------------------------------------------------
// Middleware

/// The time limit and the body limit answer in plain text or with no body; every answer
/// of the receiver has a JSON body the page can show.
async fn contract_bodies(request: Request, next: Next) -> Response {
    let wording = wording_for(request.uri().path());
    let response = next.run(request).await;
    let json = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/json"));
    if json {
        return response;
    }
    match response.status() {
        StatusCode::REQUEST_TIMEOUT => {
            error_response(StatusCode::REQUEST_TIMEOUT, "The request took too long")
        }
        StatusCode::PAYLOAD_TOO_LARGE => {
            form_error(StatusCode::PAYLOAD_TOO_LARGE, wording.too_large)
        }
        _ => response,
    }
}

/// One line per request: method, path (no query string), status, milliseconds. Never
/// the body or the headers, so never the question, the name or the email address.
fn with_request_log(router: Router) -> Router {
    router.layer(
        TraceLayer::new_for_http()
            .make_span_with(|request: &Request<Body>| {
                tracing::info_span!(
                    "request",
                    method = %request.method(),
                    path = %request.uri().path()
                )
            })
            .on_request(())
            .on_response(
                |response: &Response, latency: Duration, _: &tracing::Span| {
                    tracing::info!("{} {}ms", response.status().as_u16(), latency.as_millis());
                },
            )
            .on_body_chunk(())
            .on_eos(())
            .on_failure(()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_parsing() {
        let mut h = HeaderMap::new();
        assert!(!bearer_matches(&h, "s3cret"));
        for (value, ok) in [
            ("Bearer s3cret", true),
            ("bearer s3cret", true),
            ("Bearer  s3cret ", true),
            ("Bearer s3cre", false),
            ("Bearer s3cret2", false),
            ("Basic s3cret", false),
            ("s3cret", false),
            ("Bearer ", false),
        ] {
            h.insert(AUTHORIZATION, HeaderValue::from_str(value).unwrap());
            assert_eq!(bearer_matches(&h, "s3cret"), ok, "{value:?}");
        }
    }

    #[test]
    fn idempotency_key_limits() {
        let mut h = HeaderMap::new();
        assert_eq!(idempotency_key(&h).unwrap(), None);
        h.insert(
            "idempotency-key",
            HeaderValue::from_str(&"k".repeat(200)).unwrap(),
        );
        assert_eq!(idempotency_key(&h).unwrap().unwrap().len(), 200);
        h.insert(
            "idempotency-key",
            HeaderValue::from_str(&"k".repeat(201)).unwrap(),
        );
        assert!(idempotency_key(&h).is_err());
        h.insert("idempotency-key", HeaderValue::from_static(""));
        assert!(idempotency_key(&h).is_err());
    }
}

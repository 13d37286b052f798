//! CORS by hand: exact origin matching against `--allow-origin`, preflight answers
//! for `OPTIONS /questions` and `OPTIONS /feedback`, and the headers added to actual
//! responses.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, ALLOW, HeaderMap, HeaderValue, ORIGIN,
    VARY,
};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub const ALLOW_METHODS: &str = "POST, OPTIONS";
pub const ALLOW_HEADERS: &str = "Content-Type, Idempotency-Key";
pub const MAX_AGE_SECS: &str = "600";
pub const EXPOSE_HEADERS: &str = "Retry-After";

#[derive(Debug, Clone, Default)]
pub struct Cors {
    origins: Vec<String>,
    any: bool,
}

impl Cors {
    /// `origins` as given with `--allow-origin`; `*` allows every origin.
    pub fn new(origins: &[String]) -> Self {
        Cors {
            any: origins.iter().any(|o| o == "*"),
            origins: origins.iter().filter(|o| *o != "*").cloned().collect(),
        }
    }

    pub fn enabled(&self) -> bool {
        self.any || !self.origins.is_empty()
    }

    /// The value to echo in `Access-Control-Allow-Origin`, when `origin` is allowed.
    /// Matching is exact (scheme, host and port, as the browser sends them).
    pub fn allowed<'a>(&self, headers: &'a HeaderMap) -> Option<&'a HeaderValue> {
        let origin = headers.get(ORIGIN)?;
        let text = origin.to_str().ok()?;
        (self.any || self.origins.iter().any(|o| o == text)).then_some(origin)
    }
}

/// The paths pages post to, which answer preflights.
pub const POST_PATHS: [&str; 2] = ["/questions", "/feedback"];

/// Middleware: answers preflights for [`POST_PATHS`] and decorates every other response.
pub async fn layer(State(cors): State<Arc<Cors>>, request: Request, next: Next) -> Response {
    let origin = cors.allowed(request.headers()).cloned();
    let preflight_path = POST_PATHS.contains(&request.uri().path());
    let mut response = if request.method() == Method::OPTIONS && preflight_path {
        preflight(origin.is_some())
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    if cors.enabled() {
        // The answer depends on Origin whenever origins are configured, so caches
        // must key on it, for allowed and unknown origins alike.
        headers.append(VARY, HeaderValue::from_static("Origin"));
    }
    if let Some(origin) = origin {
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(
            ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSE_HEADERS),
        );
    }
    response
}

fn preflight(allowed: bool) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    headers.insert(ALLOW, HeaderValue::from_static("GET, POST, OPTIONS"));
    if allowed {
        headers.insert(
            ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(ALLOW_METHODS),
        );
        headers.insert(
            ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(ALLOW_HEADERS),
        );
        headers.insert(
            ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static(MAX_AGE_SECS),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_origin(o: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(ORIGIN, HeaderValue::from_str(o).unwrap());
        h
    }

    #[test]
    fn exact_match_only() {
        let cors = Cors::new(&["https://example.org".into(), "http://localhost:8080".into()]);
        assert!(cors.enabled());
        assert!(cors.allowed(&with_origin("https://example.org")).is_some());
        assert!(
            cors.allowed(&with_origin("http://localhost:8080"))
                .is_some()
        );
        for no in [
            "http://example.org",
            "https://example.org:443",
            "https://evil.example.org",
            "https://example.org.evil",
            "http://localhost:8081",
            "null",
        ] {
            assert!(cors.allowed(&with_origin(no)).is_none(), "{no}");
        }
        assert!(cors.allowed(&HeaderMap::new()).is_none());
    }

    #[test]
    fn star_echoes_any_origin() {
        let cors = Cors::new(&["*".into()]);
        let h = with_origin("https://anything.example");
        assert_eq!(cors.allowed(&h).unwrap(), "https://anything.example");
        assert!(cors.allowed(&HeaderMap::new()).is_none());
    }

    #[test]
    fn none_configured() {
        let cors = Cors::new(&[]);
        assert!(!cors.enabled());
        assert!(cors.allowed(&with_origin("https://example.org")).is_none());
    }
}

//! The HTTP contract, driven through the axum Router (and once through a real socket),
//! each test with its own temporary SQLite file.

mod common;

use std::net::SocketAddr;

use ask_expert_receiver::{Config, Store};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// Helpers

const GOOD_QUESTION: &str = "Can acupuncture help with hay fever in the spring?";

fn post(content_type: &str) -> axum::http::request::Builder {
    Request::post("/questions").header("content-type", content_type)
}

fn json_req(body: &Value) -> Request<Body> {
    post("application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn json_req_with(body: &Value, headers: &[(&str, &str)]) -> Request<Body> {
    let mut b = post("application/json");
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(Body::from(body.to_string())).unwrap()
}

fn form_req(body: &str) -> Request<Body> {
    post("application/x-www-form-urlencoded")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn good() -> Value {
    json!({ "question": GOOD_QUESTION, "consent": true })
}

fn with(mut base: Value, key: &str, value: Value) -> Value {
    base[key] = value;
    base
}

fn list_req(token: Option<&str>) -> Request<Body> {
    let mut b = Request::get("/questions");
    if let Some(t) = token {
        b = b.header("authorization", format!("Bearer {t}"));
    }
    b.body(Body::empty()).unwrap()
}

// ---------------------------------------------------------------------------
// Basics

#[tokio::test]
async fn health_is_ok() {
    let db = TempDb::new("health");
    let app = app(&db, config());
    let r = send(&app, Request::get("/health").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({ "status": "ok" }));
    assert_eq!(r.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_json() {
    let db = TempDb::new("fallback");
    let app = app(&db, config());
    let r = send(&app, Request::get("/nope").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.json()["error"].is_string());
    let r = send(
        &app,
        Request::delete("/questions").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(r.json()["error"].is_string());
}

#[tokio::test]
async fn json_question_is_stored_with_every_field() {
    let db = TempDb::new("json-store");
    let app = app(
        &db,
        Config {
            list_token: Some("t".into()),
            ..config()
        },
    );
    let body = json!({
        "question": format!("  {GOOD_QUESTION}\n"),
        "category": " Allergies ",
        "name": "Ann Example",
        "email": " ann@example.com ",
        "consent": true,
        "page_url": " https://www.example.org/ask?x=1",
        "submitted_at": "2025-05-01T10:00:00+02:00",
        "website": "",
        "unknown": [1, 2, 3]
    });
    let r = send(&app, json_req(&body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(
        r.json(),
        json!({ "reference": "Q-000001", "status": "received" })
    );
    assert_eq!(r.header("cache-control"), Some("no-store"));

    let r = send(&app, json_req(&good())).await;
    assert_eq!(r.json()["reference"], "Q-000002");

    let list = send(&app, list_req(Some("t"))).await.json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["reference"], "Q-000002");
    assert_eq!(list[0]["category"], Value::Null);
    let first = &list[1];
    assert_eq!(first["question"], GOOD_QUESTION);
    assert_eq!(first["category"], "Allergies");
    assert_eq!(first["name"], "Ann Example");
    assert_eq!(first["email"], "ann@example.com");
    assert_eq!(first["consent"], true);
    assert_eq!(first["page_url"], " https://www.example.org/ask?x=1");
    assert_eq!(first["submitted_at"], "2025-05-01T10:00:00+02:00");
    assert_eq!(first["status"], "new");
    let received = first["received_at"].as_str().unwrap();
    assert!(received.len() == 20 && received.ends_with('Z') && received.as_bytes()[10] == b'T');
}

#[tokio::test]
async fn form_question_is_stored() {
    let db = TempDb::new("form-store");
    let app = app(
        &db,
        Config {
            list_token: Some("t".into()),
            ..config()
        },
    );
    let r = send(
        &app,
        form_req(
            "question=Can+acupuncture+help+with+hay+fever%3F+I+wonder.&category=Allergies\
             &name=Zo%C3%AB&email=zoe%40example.com&consent=on&website=\
             &page_url=https%3A%2F%2Fx.example%2F",
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json()["reference"], "Q-000001");
    let list = send(&app, list_req(Some("t"))).await.json();
    assert_eq!(
        list[0]["question"],
        "Can acupuncture help with hay fever? I wonder."
    );
    assert_eq!(list[0]["name"], "Zoë");
    assert_eq!(list[0]["email"], "zoe@example.com");
    assert_eq!(list[0]["page_url"], "https://x.example/");
    // Content-Type parameters and case do not matter.
    let r = send(
        &app,
        post("Application/X-WWW-Form-Urlencoded; charset=UTF-8")
            .body(Body::from(format!(
                "question={}&consent=yes",
                "a".repeat(20)
            )))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

// ---------------------------------------------------------------------------
// Validation

#[tokio::test]
async fn question_limits() {
    let db = TempDb::new("question-limits");
    let app = app(&db, config());
    let cases: Vec<(Value, Option<&str>)> = vec![
        (json!(null), Some("Enter your question")),
        (json!("   "), Some("Enter your question")),
        (json!(42), Some("Enter your question as text")),
        (
            json!("x".repeat(19)),
            Some("Your question must be at least 20 characters"),
        ),
        (
            json!(format!("   {}   ", "x".repeat(19))),
            Some("Your question must be at least 20 characters"),
        ),
        (json!("ü".repeat(20)), None),
        (json!("語".repeat(2_000)), None),
        (
            json!("語".repeat(2_001)),
            Some("Your question must be 2,000 characters or fewer"),
        ),
    ];
    for (question, expected) in cases {
        let r = send(&app, json_req(&with(good(), "question", question.clone()))).await;
        match expected {
            Some(message) => {
                assert_eq!(r.status, StatusCode::BAD_REQUEST, "{question}");
                assert_eq!(r.error("question"), message);
            }
            None => assert_eq!(r.status, StatusCode::CREATED, "{}", r.text),
        }
    }
    assert_eq!(db.count(), 2);
    // The same through a form.
    let r = send(&app, form_req("question=too+short&consent=on")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.error("question"),
        "Your question must be at least 20 characters"
    );
    let r = send(&app, form_req("consent=on")).await;
    assert_eq!(r.error("question"), "Enter your question");
}

#[tokio::test]
async fn short_text_limits() {
    let db = TempDb::new("short-limits");
    let app = app(&db, config());
    for (field, message) in [
        ("category", "Category must be 200 characters or fewer"),
        ("name", "Your name must be 200 characters or fewer"),
    ] {
        let ok = send(&app, json_req(&with(good(), field, json!("é".repeat(200))))).await;
        assert_eq!(ok.status, StatusCode::CREATED, "{field}: {}", ok.text);
        let bad = send(&app, json_req(&with(good(), field, json!("é".repeat(201))))).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert_eq!(bad.error(field), message);
        let form = send(
            &app,
            form_req(&format!(
                "question={}&consent=1&{field}={}",
                "q".repeat(20),
                "n".repeat(201)
            )),
        )
        .await;
        assert_eq!(form.error(field), message);
        let not_text = send(&app, json_req(&with(good(), field, json!({"a": 1})))).await;
        assert_eq!(not_text.status, StatusCode::BAD_REQUEST);
    }
    for field in ["page_url", "submitted_at"] {
        let ok = send(
            &app,
            json_req(&with(good(), field, json!("p".repeat(2_000)))),
        )
        .await;
        assert_eq!(ok.status, StatusCode::CREATED, "{field}");
        let bad = send(
            &app,
            json_req(&with(good(), field, json!("p".repeat(2_001)))),
        )
        .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.error(field).contains("2,000 characters or fewer"));
    }
    assert_eq!(db.count(), 4);
}

#[tokio::test]
async fn email_rules() {
    let db = TempDb::new("email");
    let app = app(&db, config());
    const FORMAT: &str = "Enter an email address in the correct format, like name@example.com";
    for bad in [
        "name",
        "name@example",
        "name @example.com",
        "@example.com",
        "a@b@c.de",
        "name@.com",
    ] {
        let r = send(&app, json_req(&with(good(), "email", json!(bad)))).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(r.error("email"), FORMAT);
    }
    let long = format!("{}@example.com", "a".repeat(243));
    let r = send(&app, json_req(&with(good(), "email", json!(long)))).await;
    assert_eq!(
        r.error("email"),
        "Your email address must be 254 characters or fewer"
    );
    for ok in ["a@b.co", "first.last+tag@mail.example.org", ""] {
        let r = send(&app, json_req(&with(good(), "email", json!(ok)))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{ok}: {}", r.text);
    }
    let r = send(
        &app,
        form_req(&format!(
            "question={}&consent=on&email=x%40y",
            "q".repeat(20)
        )),
    )
    .await;
    assert_eq!(r.error("email"), FORMAT);
}

#[tokio::test]
async fn require_email_option() {
    let db = TempDb::new("require-email");
    let app = app(
        &db,
        Config {
            require_email: true,
            ..config()
        },
    );
    let r = send(&app, json_req(&good())).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.error("email"), "Enter your email address");
    let r = send(&app, json_req(&with(good(), "email", json!("  ")))).await;
    assert_eq!(r.error("email"), "Enter your email address");
    let r = send(
        &app,
        json_req(&with(good(), "email", json!("ann@example.com"))),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
}

#[tokio::test]
async fn consent_is_required() {
    let db = TempDb::new("consent");
    let app = app(&db, config());
    for consent in [json!(null), json!(false), json!("true"), json!(1)] {
        let r = send(&app, json_req(&with(good(), "consent", consent.clone()))).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{consent}");
        assert!(r.error("consent").starts_with("Tick the box to agree"));
    }
    let q = "q".repeat(20);
    for value in ["true", "on", "yes", "1"] {
        let r = send(&app, form_req(&format!("question={q}&consent={value}"))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{value}");
    }
    for value in ["", "false", "off", "no", "0"] {
        let r = send(&app, form_req(&format!("question={q}&consent={value}"))).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{value}");
    }
    let r = send(&app, form_req(&format!("question={q}"))).await;
    assert!(r.error("consent").starts_with("Tick the box"));
    assert_eq!(db.count(), 4);
}

#[tokio::test]
async fn all_errors_at_once_with_request_field_names() {
    let db = TempDb::new("all-errors");
    let app = app(&db, config());
    let r = send(
        &app,
        json_req(&json!({ "question": "short", "email": "nope", "name": "n".repeat(201) })),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let errors = r.json()["errors"].as_object().unwrap().clone();
    let mut keys: Vec<_> = errors.keys().cloned().collect();
    keys.sort();
    assert_eq!(keys, ["consent", "email", "name", "question"]);
    assert_eq!(db.count(), 0);
}

#[tokio::test]
async fn unreadable_bodies() {
    let db = TempDb::new("unreadable");
    let app = app(&db, config());
    for (content_type, body) in [
        ("application/json", "{\"question\": "),
        ("application/json", "[1, 2]"),
        ("application/json", ""),
        ("application/json", "\"text\""),
    ] {
        let r = send(&app, post(content_type).body(Body::from(body)).unwrap()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body:?}");
        assert!(r.json()["errors"]["form"].is_string());
    }
    for content_type in [
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/xml",
    ] {
        let r = send(
            &app,
            post(content_type).body(Body::from("question=x")).unwrap(),
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type}"
        );
        assert!(
            r.json()["errors"]["form"]
                .as_str()
                .unwrap()
                .contains("application/json")
        );
    }
    let r = send(
        &app,
        Request::post("/questions").body(Body::from("{}")).unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(db.count(), 0);
}

#[tokio::test]
async fn body_limit_is_64_kb() {
    let db = TempDb::new("body-limit");
    let app = app(&db, config());
    // Exactly 65,536 bytes is accepted (padding in an ignored member).
    let mut body = good();
    body["padding"] = json!("");
    let base = body.to_string().len();
    body["padding"] = json!("p".repeat(65_536 - base));
    assert_eq!(body.to_string().len(), 65_536);
    let r = send(&app, json_req(&body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    body["padding"] = json!("p".repeat(65_537 - base));
    let r = send(&app, json_req(&body)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.json()["errors"]["form"].is_string());
    assert_eq!(db.count(), 1);
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_before_reading_with_json() {
    let db = TempDb::new("body-limit-declared");
    let app = app(&db, config());
    let body = "p".repeat(65_537);
    let request = post("application/json")
        .header("content-length", body.len().to_string())
        .body(Body::from(body))
        .unwrap();
    let r = send(&app, request).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.error("form"),
        "Your question is too long to send. Shorten it and try again"
    );
    assert_eq!(db.count(), 0);
}

// ---------------------------------------------------------------------------
// Honeypot

#[tokio::test]
async fn honeypot_answers_like_success_but_stores_nothing() {
    let db = TempDb::new("honeypot");
    let app = app(
        &db,
        Config {
            list_token: Some("t".into()),
            ..config()
        },
    );
    let real = send(&app, json_req(&good())).await;
    assert_eq!(real.json()["reference"], "Q-000001");

    let bot = send(
        &app,
        json_req(&with(good(), "website", json!("http://spam.example"))),
    )
    .await;
    assert_eq!(bot.status, StatusCode::CREATED);
    assert_eq!(
        bot.json(),
        json!({ "reference": "Q-000002", "status": "received" })
    );
    assert_eq!(
        bot.headers.get("content-type"),
        real.headers.get("content-type")
    );
    assert!(bot.header("idempotent-replayed").is_none());
    let bot2 = send(
        &app,
        form_req(&format!(
            "question={}&consent=on&website=spam",
            "q".repeat(30)
        )),
    )
    .await;
    assert_eq!(bot2.status, StatusCode::CREATED);
    assert_eq!(bot2.json()["reference"], "Q-000003");

    // A bot replaying its key gets the same decoy.
    let keyed = [("idempotency-key", "bot-key")];
    let b1 = send(
        &app,
        json_req_with(&with(good(), "website", json!("x")), &keyed),
    )
    .await;
    let b2 = send(
        &app,
        json_req_with(&with(good(), "website", json!("x")), &keyed),
    )
    .await;
    assert_eq!(b1.text, b2.text);

    // An invalid honeypot submission gets the same 400 as anyone.
    let r = send(&app, json_req(&json!({ "website": "x" }))).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    assert_eq!(db.count(), 1);
    let list = send(&app, list_req(Some("t"))).await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    // Real questions keep their own numbering.
    let r = send(&app, json_req(&good())).await;
    assert_eq!(r.json()["reference"], "Q-000002");
}

// ---------------------------------------------------------------------------
// Idempotency

#[tokio::test]
async fn same_key_twice_is_stored_once() {
    let db = TempDb::new("idem");
    let app = app(&db, config());
    let key = [("idempotency-key", "5b0c6a52-0d1e-4c53-9b5e-2f8f0d1d6a11")];
    let first = send(&app, json_req_with(&good(), &key)).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert!(first.header("idempotent-replayed").is_none());
    // A replay gets the same answer even if the body differs (or is now invalid).
    let second = send(&app, json_req_with(&json!({"question": "changed"}), &key)).await;
    assert_eq!(second.status, StatusCode::CREATED);
    assert_eq!(second.text, first.text);
    assert_eq!(second.header("idempotent-replayed"), Some("true"));
    let other = send(
        &app,
        json_req_with(&good(), &[("idempotency-key", "other")]),
    )
    .await;
    assert_eq!(other.json()["reference"], "Q-000002");
    assert_eq!(db.count(), 2);
}

#[tokio::test]
async fn validation_failures_are_not_remembered() {
    let db = TempDb::new("idem-invalid");
    let app = app(&db, config());
    let key = [("idempotency-key", "k-1")];
    let bad = send(
        &app,
        json_req_with(&json!({ "question": "too short" }), &key),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let fixed = send(&app, json_req_with(&good(), &key)).await;
    assert_eq!(fixed.status, StatusCode::CREATED);
    let again = send(&app, json_req_with(&good(), &key)).await;
    assert_eq!(again.text, fixed.text);
    assert_eq!(db.count(), 1);
}

#[tokio::test]
async fn bad_idempotency_key() {
    let db = TempDb::new("idem-bad");
    let app = app(&db, config());
    let long = "k".repeat(201);
    let r = send(
        &app,
        json_req_with(&good(), &[("idempotency-key", long.as_str())]),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.json()["errors"]["form"]
            .as_str()
            .unwrap()
            .contains("Idempotency-Key")
    );
    let ok = "k".repeat(200);
    let r = send(
        &app,
        json_req_with(&good(), &[("idempotency-key", ok.as_str())]),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(db.count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_duplicates_are_stored_once() {
    let db = TempDb::new("idem-concurrent");
    let app = app(&db, config());
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            send(
                &app,
                json_req_with(&good(), &[("idempotency-key", "same-key")]),
            )
            .await
        }));
    }
    let mut bodies = Vec::new();
    for task in tasks {
        let r = task.await.unwrap();
        assert_eq!(r.status, StatusCode::CREATED);
        bodies.push(r.text);
    }
    assert!(bodies.iter().all(|b| *b == bodies[0]));
    assert_eq!(db.count(), 1);
}

#[tokio::test]
async fn keys_survive_a_restart() {
    let db = TempDb::new("idem-restart");
    let key = [("idempotency-key", "restart-key")];
    let first = {
        let app = app(&db, config());
        send(&app, json_req_with(&good(), &key)).await
    };
    assert_eq!(first.status, StatusCode::CREATED);
    let app = app(&db, config());
    let again = send(&app, json_req_with(&good(), &key)).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.text, first.text);
    assert_eq!(db.count(), 1);
}

// ---------------------------------------------------------------------------
// Rate limit

#[tokio::test]
async fn rate_limit_per_address_with_retry_after() {
    let db = TempDb::new("rate");
    let app = app(
        &db,
        Config {
            rate_limit: 2,
            allow_origins: vec!["https://a.example".into()],
            ..config()
        },
    );
    let a = "192.0.2.10:50000";
    let key = [("idempotency-key", "a-1")];
    let first = send(&app, from_client(json_req_with(&good(), &key), a)).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let r = send(&app, from_client(json_req(&good()), "192.0.2.10:50001")).await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "same address, other port counts the same"
    );

    let limited = send(
        &app,
        from_client(
            json_req_with(&good(), &[("origin", "https://a.example")]),
            a,
        ),
    )
    .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert!(limited.json()["error"].as_str().unwrap().contains("Wait"));
    // Browsers may read Retry-After cross-origin.
    assert_eq!(
        limited.header("access-control-allow-origin"),
        Some("https://a.example")
    );
    assert_eq!(
        limited.header("access-control-expose-headers"),
        Some("Retry-After")
    );

    // Replays of a known key still work and do not count.
    for _ in 0..3 {
        let replay = send(&app, from_client(json_req_with(&good(), &key), a)).await;
        assert_eq!(replay.status, StatusCode::CREATED);
        assert_eq!(replay.text, first.text);
    }
    // Another address is not affected.
    let b = send(&app, from_client(json_req(&good()), "198.51.100.7:1234")).await;
    assert_eq!(b.status, StatusCode::CREATED);
    assert_eq!(db.count(), 3);
}

#[tokio::test]
async fn rejected_and_replayed_requests_do_not_use_up_the_limit() {
    let db = TempDb::new("rate-uncounted");
    let app = app(
        &db,
        Config {
            rate_limit: 1,
            ..config()
        },
    );
    let a = "203.0.113.5:4000";
    for _ in 0..5 {
        let r = send(
            &app,
            from_client(json_req(&json!({ "question": "short" })), a),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
    }
    let r = send(
        &app,
        from_client(json_req_with(&good(), &[("idempotency-key", "x")]), a),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = send(
        &app,
        from_client(json_req_with(&good(), &[("idempotency-key", "x")]), a),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = send(&app, from_client(json_req(&good()), a)).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(db.count(), 1);
}

// ---------------------------------------------------------------------------
// CORS

fn preflight(origin: &str) -> Request<Body> {
    Request::options("/questions")
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type, idempotency-key",
        )
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn cors_preflight() {
    let db = TempDb::new("cors-preflight");
    let app = app(
        &db,
        Config {
            allow_origins: vec![
                "https://www.example.org".into(),
                "http://127.0.0.1:8080".into(),
            ],
            ..config()
        },
    );
    for origin in ["https://www.example.org", "http://127.0.0.1:8080"] {
        let r = send(&app, preflight(origin)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_eq!(r.header("access-control-allow-origin"), Some(origin));
        assert_eq!(
            r.header("access-control-allow-methods"),
            Some("POST, OPTIONS")
        );
        assert_eq!(
            r.header("access-control-allow-headers"),
            Some("Content-Type, Idempotency-Key")
        );
        assert_eq!(r.header("access-control-max-age"), Some("600"));
        assert_eq!(r.header("vary"), Some("Origin"));
        assert!(r.text.is_empty());
    }
    for origin in [
        "https://evil.example",
        "https://www.example.org.evil",
        "http://www.example.org",
    ] {
        let r = send(&app, preflight(origin)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert!(
            r.headers
                .keys()
                .all(|k| !k.as_str().starts_with("access-control-")),
            "{origin}: {:?}",
            r.headers
        );
    }
}

#[tokio::test]
async fn cors_on_actual_responses() {
    let db = TempDb::new("cors-actual");
    let app = app(
        &db,
        Config {
            allow_origins: vec!["https://www.example.org".into()],
            ..config()
        },
    );
    let allowed = [("origin", "https://www.example.org")];
    let r = send(&app, json_req_with(&good(), &allowed)).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://www.example.org")
    );
    assert_eq!(
        r.header("access-control-expose-headers"),
        Some("Retry-After")
    );
    assert_eq!(r.header("vary"), Some("Origin"));
    // Errors carry them too, so the page can read the messages.
    let r = send(&app, json_req_with(&json!({}), &allowed)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://www.example.org")
    );

    let r = send(
        &app,
        json_req_with(&good(), &[("origin", "https://evil.example")]),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "CORS is enforced by browsers, not here"
    );
    assert!(r.header("access-control-allow-origin").is_none());
    assert!(r.header("access-control-expose-headers").is_none());
    assert_eq!(r.header("vary"), Some("Origin"));
}

#[tokio::test]
async fn cors_star_and_none() {
    let db = TempDb::new("cors-star");
    let star = app(
        &db,
        Config {
            allow_origins: vec!["*".into()],
            ..config()
        },
    );
    let r = send(&star, preflight("https://anyone.example")).await;
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://anyone.example")
    );
    let r = send(
        &star,
        json_req_with(&good(), &[("origin", "http://localhost:3000")]),
    )
    .await;
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );

    let none = app(&db, config());
    let r = send(&none, preflight("https://anyone.example")).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(
        r.headers
            .keys()
            .all(|k| !k.as_str().starts_with("access-control-"))
    );
    assert!(r.header("vary").is_none());
}

// ---------------------------------------------------------------------------
// Listing

#[tokio::test]
async fn list_endpoint_auth() {
    let db = TempDb::new("list-auth");
    let without = app(&db, config());
    let r = send(&without, list_req(Some("anything"))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let app = app(
        &db,
        Config {
            list_token: Some("s3cret-token".into()),
            ..config()
        },
    );
    let r = send(&app, list_req(None)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.header("www-authenticate").unwrap().starts_with("Bearer"));
    assert!(r.json()["error"].is_string());
    for wrong in ["s3cret", "s3cret-token2", "S3CRET-TOKEN"] {
        assert_eq!(
            send(&app, list_req(Some(wrong))).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let basic = Request::get("/questions")
        .header("authorization", "Basic s3cret-token")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, basic).await.status, StatusCode::UNAUTHORIZED);

    let r = send(&app, list_req(Some("s3cret-token"))).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!([]));
    for i in 0..3 {
        let q = format!("{GOOD_QUESTION} ({i})");
        send(&app, json_req(&with(good(), "question", json!(q)))).await;
    }
    let list = send(&app, list_req(Some("s3cret-token"))).await.json();
    let refs: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["reference"].as_str().unwrap())
        .collect();
    assert_eq!(refs, ["Q-000003", "Q-000002", "Q-000001"]);
}

// ---------------------------------------------------------------------------
// Durability and a real socket

#[tokio::test]
async fn questions_survive_a_restart() {
    let db = TempDb::new("durable");
    {
        let app = app(&db, config());
        for _ in 0..2 {
            assert_eq!(
                send(&app, json_req(&good())).await.status,
                StatusCode::CREATED
            );
        }
    }
    // Everything dropped: reopen the file as a new process would.
    let store = Store::open_existing(db.path()).unwrap();
    let list = store.list().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].reference, "Q-000002");
    assert_eq!(list[1].question, GOOD_QUESTION);
    drop(store);
    let app = app(&db, config());
    let r = send(&app, json_req(&good())).await;
    assert_eq!(r.json()["reference"], "Q-000003");
}

/// One HTTP/1.1 request over a plain socket; returns (status, whole response text).
fn raw_http(addr: SocketAddr, request: String) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    let status = text.split(' ').nth(1).unwrap().parse().unwrap();
    (status, text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_listener_sees_client_address_and_shuts_down() {
    let db = TempDb::new("socket");
    let app = app(
        &db,
        Config {
            rate_limit: 1,
            ..config()
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = stopped.await;
        })
        .await
    });
    let body = format!("question={}&consent=on", "q".repeat(25));
    let request = format!(
        "POST /questions HTTP/1.1\r\nHost: {addr}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (first, text) = {
        let request = request.clone();
        tokio::task::spawn_blocking(move || raw_http(addr, request))
            .await
            .unwrap()
    };
    assert_eq!(first, 201, "{text}");
    assert!(text.contains("\"reference\":\"Q-000001\""));
    let (second, text) = tokio::task::spawn_blocking(move || raw_http(addr, request))
        .await
        .unwrap();
    assert_eq!(second, 429, "limit 1 per address: {text}");
    assert!(text.to_ascii_lowercase().contains("retry-after: "));
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    assert_eq!(db.count(), 1);
}

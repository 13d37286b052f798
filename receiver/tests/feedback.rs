//! `POST /feedback` and `GET /feedback`, held to the same contract as `/questions`: both
//! body types, the core's rules and messages, idempotency, the rate limit, CORS and the
//! list token.

mod common;

use ask_expert_core::feedback::{self, Vote, messages};
use ask_expert_core::question_form::PayloadFormat;
use ask_expert_receiver::Config;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use serde_json::{Value, json};

const TOKEN: &str = "s3cret-token";

fn post(content_type: &str) -> axum::http::request::Builder {
    Request::post("/feedback").header("content-type", content_type)
}

fn json_vote(body: &Value, headers: &[(&str, &str)]) -> Request<Body> {
    let mut b = post("application/json");
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(Body::from(body.to_string())).unwrap()
}

fn form_vote(body: &str) -> Request<Body> {
    post("application/x-www-form-urlencoded")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn vote(question_id: &str, helpful: bool, comment: &str) -> Value {
    json!({
        "question_id": question_id,
        "helpful": helpful,
        "comment": comment,
        "page_url": "https://www.example.org/ask-an-expert#q=q-1",
    })
}

fn summary_req(token: Option<&str>) -> Request<Body> {
    let mut b = Request::get("/feedback");
    if let Some(t) = token {
        b = b.header("authorization", format!("Bearer {t}"));
    }
    b.body(Body::empty()).unwrap()
}

fn listing() -> Config {
    Config {
        list_token: Some(TOKEN.into()),
        ..config()
    }
}

#[tokio::test]
async fn votes_in_both_body_types_as_the_page_sends_them() {
    let db = TempDb::new("feedback-both");
    let app = app(&db, listing());
    let page = "https://www.example.org/ask?x=1&y=2";
    for (format, helpful, comment) in [
        (PayloadFormat::Json, false, ""),
        (PayloadFormat::Json, false, "  More about doses, please. "),
        (PayloadFormat::Form, false, ""),
        (PayloadFormat::Form, false, "Sources & studies"),
        (PayloadFormat::Json, true, ""),
    ] {
        let body = feedback::payload(
            &Vote {
                question_id: " q-1 ".into(),
                helpful,
                comment: comment.into(),
            },
            format,
            page,
        );
        let content_type = match format {
            PayloadFormat::Json => "application/json",
            PayloadFormat::Form => "application/x-www-form-urlencoded",
        };
        let r = send(&app, post(content_type).body(Body::from(body)).unwrap()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json(), json!({ "status": "received" }));
        assert_eq!(r.header("cache-control"), Some("no-store"));
        assert_eq!(r.header("content-type"), Some("application/json"));
    }
    let r = send(&app, summary_req(Some(TOKEN))).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.json(),
        json!([{
            "question_id": "q-1",
            "yes": 1,
            "no": 2,
            "comments": ["More about doses, please.", "Sources & studies"],
        }])
    );
}

/// A vote is the vote, the question's id, what was missing and the page: not who sent it.
#[tokio::test]
async fn nothing_about_the_visitor_is_stored() {
    let db = TempDb::new("feedback-private");
    let app = app(&db, config());
    let r = send(
        &app,
        from_client(
            json_vote(
                &vote("q-9", true, ""),
                &[("user-agent", "Mozilla/5.0 (Visitor)")],
            ),
            "192.0.2.77:5000",
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('feedback')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        columns,
        [
            "id",
            "received_on",
            "question_id",
            "helpful",
            "comment",
            "page_url"
        ]
    );
    let received_on: String = conn
        .query_row("SELECT received_on FROM feedback", [], |r| r.get(0))
        .unwrap();
    assert_eq!(received_on.len(), 10, "the day only: {received_on}");
    let dump: String = conn
        .query_row(
            "SELECT group_concat(quote(received_on) || quote(question_id) || quote(helpful) \
             || quote(comment) || quote(page_url)) FROM feedback",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        !dump.contains("192.0.2") && !dump.contains("Mozilla"),
        "{dump}"
    );
}

#[tokio::test]
async fn the_cores_rules_and_messages() {
    let db = TempDb::new("feedback-rules");
    let app = app(&db, config());
    let cases: Vec<(Value, &str, String)> = vec![
        (
            json!({ "helpful": true }),
            "question_id",
            messages::QUESTION_ID_MISSING.into(),
        ),
        (
            json!({ "question_id": "  ", "helpful": true }),
            "question_id",
            messages::QUESTION_ID_MISSING.into(),
        ),
        (
            json!({ "question_id": "x".repeat(201), "helpful": true }),
            "question_id",
            "The question id must be 200 characters or fewer".into(),
        ),
        (
            json!({ "question_id": "q\u{1b}1", "helpful": true }),
            "question_id",
            "The question id must not contain control characters".into(),
        ),
        (
            json!({ "question_id": 17, "helpful": true }),
            "question_id",
            messages::QUESTION_ID_NOT_TEXT.into(),
        ),
        (
            json!({ "question_id": "q-1" }),
            "helpful",
            messages::HELPFUL_MISSING.into(),
        ),
        (
            json!({ "question_id": "q-1", "helpful": "false" }),
            "helpful",
            messages::HELPFUL_MISSING.into(),
        ),
        (
            json!({ "question_id": "q-1", "helpful": false, "comment": "a".repeat(501) }),
            "comment",
            "What was missing must be 500 characters or fewer".into(),
        ),
        (
            json!({ "question_id": "q-1", "helpful": false, "comment": ["a"] }),
            "comment",
            messages::COMMENT_NOT_TEXT.into(),
        ),
        (
            json!({ "question_id": "q-1", "helpful": true, "page_url": "u".repeat(2_001) }),
            "page_url",
            "The page address must be 2,000 characters or fewer".into(),
        ),
    ];
    for (body, field, message) in cases {
        let r = send(&app, json_vote(&body, &[])).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(r.error(field), message, "{body}");
    }
    // The limits themselves are accepted, counted as people see characters.
    let body = json!({
        "question_id": "é".repeat(200),
        "helpful": false,
        "comment": "e\u{301}".repeat(500),
    });
    let r = send(&app, json_vote(&body, &[])).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    // All problems at once, named as in the request; a form too.
    let r = send(&app, form_vote("helpful=maybe&comment=")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let errors = r.json()["errors"].as_object().unwrap().clone();
    assert_eq!(
        errors.keys().collect::<Vec<_>>(),
        ["helpful", "question_id"]
    );
    assert_eq!(db.votes(), 1);
}

#[tokio::test]
async fn unreadable_and_unsupported_bodies() {
    let db = TempDb::new("feedback-unreadable");
    let app = app(&db, config());
    for body in ["{\"question_id\": ", "[true]", ""] {
        let r = send(
            &app,
            post("application/json").body(Body::from(body)).unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body:?}");
        assert_eq!(
            r.error("form"),
            "We could not read your feedback. Please try again"
        );
    }
    let r = send(&app, post("text/plain").body(Body::from("x")).unwrap()).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(r.error("form").starts_with("Send the feedback as JSON"));
    let mut big = vote("q-1", true, "");
    big["padding"] = json!("p".repeat(70_000));
    let r = send(&app, json_vote(&big, &[])).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        r.error("form"),
        "Your feedback is too long to send. Shorten it and try again"
    );
    let r = send(&app, Request::put("/feedback").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(db.votes(), 0);
}

#[tokio::test]
async fn same_key_twice_is_stored_once() {
    let db = TempDb::new("feedback-idem");
    let app = app(&db, config());
    let key = [("idempotency-key", "0e0c6a52-0d1e-4c53-9b5e-2f8f0d1d6a11")];
    let first = send(&app, json_vote(&vote("q-1", false, "Doses"), &key)).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert!(first.header("idempotent-replayed").is_none());
    // A retry gets the same answer, whatever its body says, and stores nothing.
    let again = send(&app, json_vote(&json!({ "nonsense": 1 }), &key)).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.text, first.text);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(db.votes(), 1);
    // Refusals are not remembered: the same key may then carry a good vote.
    let key = [("idempotency-key", "k-2")];
    let bad = send(&app, json_vote(&json!({ "question_id": "q-1" }), &key)).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let good = send(&app, json_vote(&vote("q-1", true, ""), &key)).await;
    assert_eq!(good.status, StatusCode::CREATED);
    assert_eq!(db.votes(), 2);
    // Malformed keys are refused as for questions.
    let long = "k".repeat(201);
    let r = send(
        &app,
        json_vote(
            &vote("q-1", true, ""),
            &[("idempotency-key", long.as_str())],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.error("form").contains("Idempotency-Key"));
    assert_eq!(db.votes(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_duplicates_are_stored_once() {
    let db = TempDb::new("feedback-concurrent");
    let app = app(&db, config());
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let key = [("idempotency-key", "same-vote")];
            send(&app, json_vote(&vote("q-1", false, "Doses"), &key)).await
        }));
    }
    for task in tasks {
        let r = task.await.unwrap();
        assert_eq!(r.status, StatusCode::CREATED);
        assert_eq!(r.json(), json!({ "status": "received" }));
    }
    assert_eq!(db.votes(), 1);
}

/// Keys of votes and of questions live apart: a vote never replays a question's receipt.
#[tokio::test]
async fn vote_keys_and_question_keys_do_not_mix() {
    let db = TempDb::new("feedback-keys-apart");
    let app = app(&db, config());
    let key = [("idempotency-key", "shared-key")];
    let question = json!({
        "question": "Can acupuncture help with hay fever in the spring?",
        "consent": true,
    });
    let request = Request::post("/questions")
        .header("content-type", "application/json")
        .header("idempotency-key", "shared-key")
        .body(Body::from(question.to_string()))
        .unwrap();
    let r = send(&app, request).await;
    assert_eq!(r.json()["reference"], "Q-000001");
    let r = send(&app, json_vote(&vote("q-1", true, ""), &key)).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.json(), json!({ "status": "received" }));
    assert!(r.header("idempotent-replayed").is_none());
    assert_eq!((db.count(), db.votes()), (1, 1));
}

#[tokio::test]
async fn keys_survive_a_restart() {
    let db = TempDb::new("feedback-restart");
    let key = [("idempotency-key", "restart-key")];
    {
        let app = app(&db, config());
        let r = send(&app, json_vote(&vote("q-1", true, ""), &key)).await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    let app = app(&db, config());
    let r = send(&app, json_vote(&vote("q-1", true, ""), &key)).await;
    assert_eq!(r.header("idempotent-replayed"), Some("true"));
    assert_eq!(db.votes(), 1);
}

#[tokio::test]
async fn rate_limit_per_address_apart_from_questions() {
    let db = TempDb::new("feedback-rate");
    let app = app(
        &db,
        Config {
            rate_limit: 2,
            allow_origins: vec!["https://a.example".into()],
            ..config()
        },
    );
    let a = "192.0.2.10:50000";
    let key = [("idempotency-key", "v-1")];
    let first = send(
        &app,
        from_client(json_vote(&vote("q-1", true, ""), &key), a),
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED);
    // Refused votes do not count.
    for _ in 0..3 {
        let r = send(&app, from_client(json_vote(&json!({}), &[]), a)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
    }
    let r = send(&app, from_client(json_vote(&vote("q-2", true, ""), &[]), a)).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let limited = send(
        &app,
        from_client(
            json_vote(&vote("q-3", false, ""), &[("origin", "https://a.example")]),
            a,
        ),
    )
    .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert!(
        limited.json()["error"]
            .as_str()
            .unwrap()
            .starts_with("You have sent feedback several times in the last minute. Wait ")
    );
    assert_eq!(
        limited.header("access-control-allow-origin"),
        Some("https://a.example")
    );
    assert_eq!(
        limited.header("access-control-expose-headers"),
        Some("Retry-After")
    );
    // A replay is still answered, and does not count.
    let replay = send(
        &app,
        from_client(json_vote(&vote("q-1", true, ""), &key), a),
    )
    .await;
    assert_eq!(replay.status, StatusCode::CREATED);
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    // Votes did not use up the questions this visitor may ask.
    let question = json!({
        "question": "Can acupuncture help with hay fever in the spring?",
        "consent": true,
    });
    let r = send(
        &app,
        from_client(
            Request::post("/questions")
                .header("content-type", "application/json")
                .body(Body::from(question.to_string()))
                .unwrap(),
            a,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    // Another address is not affected.
    let r = send(
        &app,
        from_client(json_vote(&vote("q-3", false, ""), &[]), "198.51.100.7:1"),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(db.votes(), 3);
}

#[tokio::test]
async fn cors_preflight_and_actual_answers() {
    let db = TempDb::new("feedback-cors");
    let app = app(
        &db,
        Config {
            allow_origins: vec!["https://www.example.org".into()],
            ..config()
        },
    );
    let preflight = |origin: &str| {
        Request::options("/feedback")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type, idempotency-key",
            )
            .body(Body::empty())
            .unwrap()
    };
    let r = send(&app, preflight("https://www.example.org")).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://www.example.org")
    );
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
    let r = send(&app, preflight("https://evil.example")).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(
        r.headers
            .keys()
            .all(|k| !k.as_str().starts_with("access-control-"))
    );

    let allowed = [("origin", "https://www.example.org")];
    for body in [vote("q-1", true, ""), json!({})] {
        let r = send(&app, json_vote(&body, &allowed)).await;
        assert_eq!(
            r.header("access-control-allow-origin"),
            Some("https://www.example.org"),
            "{}",
            r.status
        );
        assert_eq!(
            r.header("access-control-expose-headers"),
            Some("Retry-After")
        );
    }
    let r = send(
        &app,
        json_vote(
            &vote("q-1", true, ""),
            &[("origin", "https://evil.example")],
        ),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "CORS is the browser's business"
    );
    assert!(r.header("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn the_summary_needs_the_list_token() {
    let db = TempDb::new("feedback-token");
    let without = app(&db, config());
    let r = send(&without, summary_req(Some(TOKEN))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json(), json!({ "error": "Not found" }));

    let app = app(&db, listing());
    let r = send(&app, summary_req(None)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.header("www-authenticate").unwrap().starts_with("Bearer"));
    for wrong in ["s3cret", "s3cret-token2", "S3CRET-TOKEN"] {
        let r = send(&app, summary_req(Some(wrong))).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{wrong}");
    }
    let r = send(&app, summary_req(Some(TOKEN))).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!([]));
}

#[tokio::test]
async fn the_summary_puts_the_least_helpful_first() {
    let db = TempDb::new("feedback-order");
    let app = app(&db, listing());
    for (id, helpful, comment) in [
        ("liked", true, ""),
        ("liked", true, ""),
        ("mixed", true, ""),
        ("mixed", false, ""),
        ("mixed", false, "Which doses?"),
        ("once-no", false, ""),
        ("twice-no", false, ""),
        ("twice-no", false, "No sources"),
        ("twice-no", false, ""),
    ] {
        let r = send(&app, json_vote(&vote(id, helpful, comment), &[])).await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    let summary = send(&app, summary_req(Some(TOKEN))).await.json();
    let order: Vec<(&str, u64, u64)> = summary
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["question_id"].as_str().unwrap(),
                q["no"].as_u64().unwrap(),
                q["yes"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("twice-no", 2, 0),
            ("once-no", 1, 0),
            ("mixed", 1, 1),
            ("liked", 0, 2)
        ]
    );
    assert_eq!(summary[0]["comments"], json!(["No sources"]));
    assert_eq!(summary[3]["comments"], json!([]));
}

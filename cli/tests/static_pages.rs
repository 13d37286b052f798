//! `build` on the demo archive and on a hostile one (the XSS payloads of the browser
//! suite's hardening tests, in ids, questions, answers, experts, category labels and the
//! title): no page holds anything that could run, every page's JSON-LD parses and matches
//! its question, the sitemap lists exactly the built pages, a rebuild writes only what
//! changed, and answers say who wrote them and whether they may be out of date.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use ask_expert_core::archive::Archive;
use ask_expert_core::markup;
use ask_expert_core::url_state;
use serde_json::{Value, json};

const BINARY: &str = env!("CARGO_BIN_EXE_ask-expert-archive");
const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/archive.json");
/// `PAYLOADS` of tests/e2e/support/hostile.mjs, written out as JSON.
const PAYLOADS: &str = include_str!("fixtures/hostile-payloads.json");
const BASE: &str = "https://www.example.org/ask-an-expert/";

/// A fresh folder for one test, removed when dropped.
struct Folder(PathBuf);

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn folder(name: &str) -> Folder {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "ask-expert-pages-test-{}-{}-{name}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = fs::remove_dir_all(&path);
    fs::create_dir_all(&path).unwrap();
    Folder(path)
}

/// Runs `build`, expecting success; returns its report.
fn build(archive: &Path, out: &Path, extra: &[&str]) -> String {
    let output = Command::new(BINARY)
        .arg("build")
        .arg(archive)
        .arg("--out")
        .arg(out)
        .args(["--base-url", BASE])
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stdout}{stderr}");
    stdout
}

fn payloads() -> Vec<String> {
    let payloads: Vec<String> = serde_json::from_str(PAYLOADS).unwrap();
    assert!(payloads.len() >= 100);
    payloads
}

fn hostile_archive() -> Value {
    let payloads = payloads();
    let categories: Vec<Value> = payloads[..20]
        .iter()
        .enumerate()
        .map(|(index, payload)| {
            json!({
                "id": if index % 2 == 0 { payload.clone() } else { format!("c{index}") },
                "label": payload,
                "children": [{
                    "id": format!("c{index}-child"),
                    "label": format!("{payload} child"),
                }],
            })
        })
        .collect();
    let category_id = |index: usize| categories[index % 20]["id"].clone();
    let questions: Vec<Value> = payloads
        .iter()
        .enumerate()
        .map(|(index, payload)| {
            json!({
                // Half the ids are payloads too: they become file names.
                "id": if index % 2 == 0 { payload.clone() } else { format!("x{index}") },
                "question": format!("{payload} — is this safe?"),
                "answers": [
                    {
                        "body": format!(
                            "{payload}\n\nA second paragraph with [a link]({payload}) and \
                             **{payload}**.\n\n- {payload}\n- [ok](https://example.org/{index})"
                        ),
                        "date": "2020-01-02",
                        "expert": { "name": payload, "credentials": payload }
                    },
                    { "body": payload, "date": "2020-01-03", "expert": { "name": payload } }
                ],
                "categories": [category_id(index), format!("c{}-child", index % 20)],
                "asked": "2020-01-01",
            })
        })
        .collect();
    json!({
        "schema": "ask-expert-archive/1",
        "title": payloads[0],
        "categories": categories,
        "questions": questions,
    })
}

fn write_archive(folder: &Path, archive: &Value) -> PathBuf {
    let path = folder.join("archive.json");
    fs::write(&path, serde_json::to_string(archive).unwrap()).unwrap();
    path
}

/// Every file under `dir`, relative, with "/" between folders.
fn files(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_string_lossy();
                found.insert(relative.replace('\\', "/"));
            }
        }
    }
    found
}

fn pages(dir: &Path) -> Vec<String> {
    files(dir)
        .into_iter()
        .filter(|path| path.ends_with(".html"))
        .collect()
}

/// The URL the pages, the sitemap and the feeds use for a file: folders for index pages.
fn url_of(path: &str) -> String {
    format!("{BASE}{}", path.strip_suffix("index.html").unwrap_or(path))
}

struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

impl Tag {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The start tags of a page. Every "<" in a page whose text is escaped starts markup, so
/// reading tags from each "<" finds every element a browser would make.
fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let mut i = at + offset + 1;
        if matches!(bytes.get(i), Some(b'!') | Some(b'/')) {
            at = i + html[i..].find('>').expect("every tag ends");
            continue;
        }
        let name_end = i + html[i..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap();
        let name = html[i..name_end].to_ascii_lowercase();
        i = name_end;
        let mut attributes = Vec::new();
        loop {
            while bytes[i].is_ascii_whitespace() || bytes[i] == b'/' {
                i += 1;
            }
            if bytes[i] == b'>' {
                break;
            }
            let key_end = i + html[i..]
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
                .unwrap();
            let key = html[i..key_end].to_ascii_lowercase();
            i = key_end;
            let mut value = String::new();
            if bytes[i] == b'=' {
                i += 1;
                let quote = bytes[i];
                assert!(
                    quote == b'"',
                    "attribute values are quoted: {}",
                    &html[i - 20..i + 20]
                );
                let end = i + 1 + html[i + 1..].find('"').unwrap();
                value = decode(&html[i + 1..end]);
                i = end + 1;
            }
            attributes.push((key, value));
        }
        found.push(Tag { name, attributes });
        at = i;
    }
    found
}

/// The entities askama writes, back to characters.
fn decode(text: &str) -> String {
    text.replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#38;", "&")
}

const ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "link", "script", "body", "a", "header", "main", "footer",
    "nav", "p", "ol", "ul", "li", "h1", "h2", "span", "time", "article", "section", "div", "em",
    "strong",
];

/// Everything on a page that could run or load something it should not.
fn active_content(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in tags(html) {
        if !ELEMENTS.contains(&tag.name.as_str()) {
            found.push(format!("<{}>", tag.name));
        }
        if tag.name == "script"
            && (tag.attribute("type") != Some("application/ld+json") || tag.attributes.len() != 1)
        {
            found.push("a script that is not JSON-LD".to_owned());
        }
        if tag.name == "meta" && tag.attribute("http-equiv").is_some() {
            found.push("meta http-equiv".to_owned());
        }
        for (key, value) in &tag.attributes {
            if key.starts_with("on") || key == "style" || key == "srcdoc" {
                found.push(format!("<{} {key}>", tag.name));
            }
            if matches!(key.as_str(), "href" | "src" | "action" | "formaction") {
                let cleaned: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let scheme = cleaned.split_once(':').map(|(scheme, _)| scheme);
                let relative = scheme.is_none_or(|scheme| scheme.contains(['/', '#', '?']));
                if !relative && !matches!(scheme, Some("http" | "https" | "mailto")) {
                    found.push(format!("<{} {key}={value}>", tag.name));
                }
            }
        }
    }
    found
}

/// The text inside the page's JSON-LD script, up to the first "</script>".
fn json_ld(html: &str) -> Option<Value> {
    let start = html.find("<script type=\"application/ld+json\">")?;
    let rest = &html[start + "<script type=\"application/ld+json\">".len()..];
    let end = rest.find("</script>").unwrap();
    Some(serde_json::from_str(&rest[..end]).expect("the JSON-LD parses"))
}

fn question_id(html: &str) -> String {
    let link = tags(html)
        .into_iter()
        .filter_map(|tag| tag.attribute("href").map(str::to_owned))
        .find(|href| href.contains("#question-"))
        .expect("a question page links into the app");
    let hash = &link[link.find('#').unwrap()..];
    url_state::question_from_hash(hash).unwrap()
}

/// The `<loc>`s of a sitemap file.
fn locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .map(|part| decode(&part[..part.find("</loc>").unwrap()]))
        .collect()
}

fn sitemap_urls(dir: &Path) -> Vec<String> {
    let top = fs::read_to_string(dir.join("sitemap.xml")).unwrap();
    if top.contains("<sitemapindex") {
        locs(&top)
            .iter()
            .flat_map(|part| {
                let path = part.strip_prefix(BASE).expect("parts are in DIR");
                locs(&fs::read_to_string(dir.join(path)).unwrap())
            })
            .collect()
    } else {
        locs(&top)
    }
}

fn check_site(dir: &Path, archive_json: &Value) {
    let archive = Archive::parse(&archive_json.to_string()).unwrap();
    let by_id: HashMap<&str, usize> = archive
        .questions
        .iter()
        .enumerate()
        .map(|(index, question)| (question.id.as_str(), index))
        .collect();
    let mut seen = BTreeSet::new();
    for path in pages(dir) {
        let html = fs::read_to_string(dir.join(&path)).unwrap();
        assert_eq!(active_content(&html), Vec::<String>::new(), "{path}");
        let canonical = tags(&html)
            .into_iter()
            .find(|tag| tag.name == "link" && tag.attribute("rel") == Some("canonical"))
            .and_then(|tag| tag.attribute("href").map(str::to_owned));
        assert_eq!(canonical.as_deref(), Some(url_of(&path).as_str()), "{path}");
        if !path.starts_with("questions/") {
            assert!(json_ld(&html).is_none(), "{path}");
            continue;
        }
        let id = question_id(&html);
        let question = &archive.questions[by_id[id.as_str()]];
        assert!(seen.insert(id.clone()), "one page per question: {id}");
        let data = json_ld(&html).expect("a question page has JSON-LD");
        assert_eq!(data["@context"], "https://schema.org");
        assert_eq!(data["@type"], "QAPage");
        let main = &data["mainEntity"];
        assert_eq!(main["@type"], "Question");
        assert_eq!(main["text"], question.text.as_str(), "{path}");
        assert!(main["name"].as_str().is_some_and(|name| !name.is_empty()));
        assert_eq!(main["dateCreated"], question.asked.to_string());
        assert_eq!(main["answerCount"], question.answers.len());
        assert_eq!(main["url"], url_of(&path).as_str());
        let mut answers: Vec<&Value> = main.get("acceptedAnswer").into_iter().collect();
        if let Some(suggested) = main.get("suggestedAnswer") {
            answers.extend(suggested.as_array().unwrap());
        }
        assert_eq!(answers.len(), question.answers.len(), "{path}");
        for (data, answer) in answers.iter().zip(&question.answers) {
            assert_eq!(data["@type"], "Answer");
            assert_eq!(data["text"], markup::plain_text(&answer.blocks()).as_str());
            match answer.date {
                Some(date) => assert_eq!(data["dateCreated"], date.to_string()),
                None => assert!(data.get("dateCreated").is_none()),
            }
        }
    }
    assert_eq!(
        seen.len(),
        archive.questions.len(),
        "every question has its page"
    );

    let listed = sitemap_urls(dir);
    let unique: BTreeSet<&String> = listed.iter().collect();
    assert_eq!(
        unique.len(),
        listed.len(),
        "the sitemap lists each page once"
    );
    let built: BTreeSet<String> = pages(dir).iter().map(|path| url_of(path)).collect();
    assert_eq!(
        unique,
        built.iter().collect(),
        "the sitemap lists exactly the built pages"
    );

    let robots = fs::read_to_string(dir.join("robots.txt")).unwrap();
    assert!(
        robots.contains(&format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
    for feed in files(dir).iter().filter(|path| path.ends_with("/feed.xml")) {
        let xml = fs::read_to_string(dir.join(feed)).unwrap();
        assert!(
            xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            "{feed}"
        );
        for tag in tags(&xml) {
            assert!(
                [
                    "feed", "title", "subtitle", "id", "link", "updated", "author", "name", "entry"
                ]
                .iter()
                .chain(&["published", "summary", "?xml"])
                .any(|name| *name == tag.name),
                "{feed}: <{}>",
                tag.name
            );
        }
    }
}

#[test]
fn hostile_archive_pages_hold_nothing_that_runs_and_valid_json_ld() {
    let work = folder("hostile");
    let archive = hostile_archive();
    let source = write_archive(&work.0, &archive);
    let out = work.0.join("site");
    build(&source, &out, &["--page-size", "7"]);
    check_site(&out, &archive);
    let all = files(&out);
    assert!(all.contains("pages.css"));
    assert!(all.contains("all/feed.xml"));
    // One feed per top-level topic, and the whole archive's.
    assert_eq!(
        all.iter()
            .filter(|path| path.ends_with("/feed.xml"))
            .count(),
        21
    );
    // No file escaped DIR or landed in a hidden folder through an id.
    assert!(all.iter().all(|path| !path.contains("..")), "{all:?}");
}

#[test]
fn demo_archive_pages_match_their_questions_and_the_sitemap_index_splits() {
    let work = folder("demo");
    let archive: Value = serde_json::from_str(&fs::read_to_string(DEMO).unwrap()).unwrap();
    let out = work.0.join("site");
    build(Path::new(DEMO), &out, &["--sitemap-limit", "40"]);
    check_site(&out, &archive);
    let top = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(top.contains("<sitemapindex"), "{top}");
    let parts = locs(&top);
    assert!(parts.len() > 2, "{parts:?}");
    for part in &parts {
        let xml = fs::read_to_string(out.join(part.strip_prefix(BASE).unwrap())).unwrap();
        assert!(locs(&xml).len() <= 40);
    }
    // Below the limit the same pages are one sitemap, and the parts are removed.
    build(Path::new(DEMO), &out, &[]);
    assert!(
        !fs::read_to_string(out.join("sitemap.xml"))
            .unwrap()
            .contains("<sitemapindex")
    );
    assert!(!out.join("sitemaps").join("sitemap-1.xml").exists());
    check_site(&out, &archive);
}

#[test]
fn a_rebuild_rewrites_only_what_changed_and_removes_pages_of_removed_questions() {
    let work = folder("rebuild");
    let mut archive: Value = serde_json::from_str(&fs::read_to_string(DEMO).unwrap()).unwrap();
    let source = write_archive(&work.0, &archive);
    let out = work.0.join("site");
    let other = out.join("archive-shard-1.json");
    fs::create_dir_all(&out).unwrap();
    fs::write(&other, "not the pages'").unwrap();
    let first = build(&source, &out, &[]);
    assert!(first.contains(" 0 files unchanged"), "{first}");
    let second = build(&source, &out, &[]);
    assert!(second.contains(": 0 files written"), "{second}");

    // A new answer text changes that question's page and the feeds it is in; the search
    // engine may rank a few related questions differently, and nothing else changes.
    archive["questions"][0]["answers"][0]["body"] = json!("A shorter answer.");
    write_archive(&work.0, &archive);
    let third = build(&source, &out, &[]);
    let written: usize = third
        .split(": ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|count| count.parse().ok())
        .unwrap();
    assert!((1..=12).contains(&written), "{third}");

    let removed = archive["questions"][1]["id"].as_str().unwrap().to_owned();
    archive["questions"].as_array_mut().unwrap().remove(1);
    write_archive(&work.0, &archive);
    let fourth = build(&source, &out, &[]);
    assert!(
        fourth.contains("1 file no longer needed removed"),
        "{fourth}"
    );
    assert!(!out.join(format!("questions/{removed}.html")).exists());
    assert!(
        other.exists(),
        "files the pages did not write are left alone"
    );
    check_site(&out, &archive);
}

#[test]
fn ids_that_make_the_same_file_name_get_pages_of_their_own() {
    let work = folder("collisions");
    let questions: Vec<Value> = ["Q1", "q1", "q 1", "q-1"]
        .iter()
        .map(|id| {
            json!({
                "id": id,
                "question": format!("Question number {id}?"),
                "answers": [{ "body": "Yes." }],
                "categories": ["a"],
                "asked": "2020-01-01",
            })
        })
        .collect();
    let archive = json!({
        "schema": "ask-expert-archive/1",
        "categories": [{ "id": "a", "label": "A" }, { "id": "all", "label": "All" }],
        "questions": questions,
    });
    let source = write_archive(&work.0, &archive);
    let out = work.0.join("site");
    build(&source, &out, &[]);
    let questions: Vec<String> = pages(&out)
        .into_iter()
        .filter(|path| path.starts_with("questions/"))
        .collect();
    assert_eq!(
        questions,
        [
            "questions/q-1-2.html",
            "questions/q-1.html",
            "questions/q1-2.html",
            "questions/q1.html"
        ]
    );
    // The built data tells the app each question's page, colliding ids included.
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(out.join("archive.manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["base_url"], BASE);
    let mut named: Vec<(String, String)> = manifest["first_page"]
        .as_array()
        .unwrap()
        .iter()
        .map(|question| {
            let page = question["page"].as_str().unwrap();
            let html = std::fs::read_to_string(out.join(page)).unwrap();
            (
                question["id"].as_str().unwrap().to_owned(),
                question_id(&html),
            )
        })
        .collect();
    named.sort();
    assert_eq!(named.len(), 4);
    assert!(named.iter().all(|(id, on_page)| id == on_page), "{named:?}");
    // A category called "all" has its own listing and feed beside the whole archive's.
    for path in [
        "all/index.html",
        "all/feed.xml",
        "topics/all/index.html",
        "topics/all/feed.xml",
    ] {
        assert!(out.join(path).exists(), "{path}");
    }
    check_site(&out, &archive);
}

#[test]
fn build_needs_a_loadable_archive_and_a_full_base_url() {
    let work = folder("mistakes");
    let broken = work.0.join("broken.json");
    fs::write(&broken, "{").unwrap();
    let output = Command::new(BINARY)
        .args(["build"])
        .arg(&broken)
        .args(["--out"])
        .arg(work.0.join("site"))
        .args(["--base-url", BASE])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!work.0.join("site").join("sitemap.xml").exists());
    let output = Command::new(BINARY)
        .args(["build", DEMO, "--out", "x", "--base-url", "/relative/"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("https://"));
}

#[test]
fn pages_link_to_the_app_where_it_is_published() {
    let work = folder("app-url");
    let out = work.0.join("site");
    build(
        Path::new(DEMO),
        &out,
        &["--app-url", "https://www.example.org/help/ask.html#top"],
    );
    let html = fs::read_to_string(out.join("questions/q-000001.html")).unwrap();
    let links: Vec<String> = tags(&html)
        .into_iter()
        .filter_map(|tag| tag.attribute("href").map(str::to_owned))
        .collect();
    assert!(
        links.contains(&"https://www.example.org/help/ask.html".to_owned()),
        "{links:?}"
    );
    assert!(
        links.contains(&"https://www.example.org/help/ask.html#question-q-000001".to_owned()),
        "{links:?}"
    );
    assert_eq!(question_id(&html), "q-000001");
}

/// The decoded text of each `<p class="CLASS"…>` on a page (they hold no other markup).
fn paragraphs(html: &str, class: &str) -> Vec<String> {
    let start = format!("<p class=\"{class}\"");
    html.split(&start)
        .skip(1)
        .map(|rest| {
            let text = &rest[rest.find('>').unwrap() + 1..rest.find("</p>").unwrap()];
            decode(text)
        })
        .collect()
}

/// A year surely within the last five: last year, by the system clock.
fn last_year() -> u64 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    1970 + (seconds as f64 / 86_400.0 / 365.2425) as u64 - 1
}

#[test]
fn answers_say_who_wrote_them_and_whether_they_may_be_out_of_date() {
    let hostile = "<script>alert(1)</script>";
    let question = |id: &str, answer: Value| {
        json!({
            "id": id, "question": format!("Question {id}?"), "answers": [answer],
            "categories": ["c"], "asked": "2010-03-01",
        })
    };
    let archive = json!({
        "schema": "ask-expert-archive/1",
        "categories": [{ "id": "c", "label": "C" }],
        "questions": [
            question("old", json!({
                "body": "Text.", "date": "2010-03-04",
                "expert": { "name": "Dr Ann Lee", "credentials": "MSc, registered acupuncturist" },
            })),
            question("reviewed", json!({
                "body": "Text.", "date": "2010-03-04",
                "reviewed": format!("{}-01-15", last_year()),
                "expert": { "name": "Tom Reed" },
            })),
            question("hostile", json!({
                "body": "Text.", "date": "2010-03-04",
                "expert": { "name": hostile, "credentials": "\" onmouseover=\"alert(1)" },
            })),
        ],
    });
    let work = folder("provenance");
    let source = write_archive(&work.0, &archive);
    let out = work.0.join("site");
    let page = |id: &str| fs::read_to_string(out.join(format!("questions/{id}.html"))).unwrap();

    build(&source, &out, &[]);
    check_site(&out, &archive);
    let old = page("old");
    assert_eq!(
        paragraphs(&old, "notice"),
        ["Written in 2010 and not reviewed since: treatment advice may have changed."]
    );
    assert!(old.contains("<p class=\"notice\" role=\"note\">"), "{old}");
    assert_eq!(
        paragraphs(&old, "meta provenance"),
        ["Answered by Dr Ann Lee, MSc, registered acupuncturist"]
    );
    let reviewed = page("reviewed");
    assert_eq!(paragraphs(&reviewed, "notice"), Vec::<String>::new());
    assert_eq!(
        paragraphs(&reviewed, "meta provenance"),
        [format!(
            "Answered by Tom Reed · Reviewed January {}",
            last_year()
        )]
    );
    let hostile_page = page("hostile");
    assert_eq!(active_content(&hostile_page), Vec::<String>::new());
    assert!(!hostile_page.contains(hostile));
    assert_eq!(
        paragraphs(&hostile_page, "meta provenance"),
        [format!("Answered by {hostile}, \" onmouseover=\"alert(1)")]
    );

    // A longer review period, or none: no notice.
    for years in ["20", "0"] {
        build(&source, &out, &["--review-after-years", years]);
        assert_eq!(
            paragraphs(&page("old"), "notice"),
            Vec::<String>::new(),
            "{years}"
        );
    }
    build(&source, &out, &["--review-after-years", "15"]);
    assert_eq!(paragraphs(&page("old"), "notice").len(), 1);
}

#[test]
fn pages_speak_the_archive_language_or_the_one_asked_for() {
    let english_words: Vec<String> = [
        "Skip to the content",
        "Browse all questions",
        "All questions",
        ">Topics<",
        "Asked ",
        "Back to all questions",
        "Related questions",
        "Next page",
        "newest first",
        "Open this question in the interactive archive",
    ]
    .map(str::to_owned)
    .to_vec();
    let mut demo: Value = serde_json::from_str(&fs::read_to_string(DEMO).unwrap()).unwrap();
    demo["language"] = json!("cy");
    let from_archive = folder("welsh-archive");
    let archive = write_archive(&from_archive.0, &demo);
    let welsh = folder("welsh-pages");
    build(&archive, &welsh.0, &[]);
    let asked_for = folder("welsh-asked-for");
    build(Path::new(DEMO), &asked_for.0, &["--locale", "cy-GB"]);
    for dir in [&welsh.0, &asked_for.0] {
        let listing = fs::read_to_string(dir.join("all/index.html")).unwrap();
        assert!(listing.contains(r#"<html lang="cy">"#));
        assert!(listing.contains("Pob cwestiwn") && listing.contains("Gofynnwyd"));
        assert!(listing.contains("86 cwestiwn, y diweddaraf yn gyntaf. Tudalen 1 o 5."));
        let question = pages(dir)
            .into_iter()
            .find(|path| path.starts_with("questions/"))
            .unwrap();
        let question = fs::read_to_string(dir.join(&question)).unwrap();
        assert!(question.contains("Yn ôl i’r holl gwestiynau"));
        for page in [&listing, &question] {
            for english in &english_words {
                assert!(
                    !page.contains(english.as_str()),
                    "{english} in a Welsh page"
                );
            }
        }
    }
    let english = folder("english-pages");
    build(Path::new(DEMO), &english.0, &["--locale", "en"]);
    let listing = fs::read_to_string(english.0.join("all/index.html")).unwrap();
    assert!(listing.contains(r#"<html lang="en-GB">"#));
    assert!(listing.contains("86 questions, newest first. Page 1 of 5."));
}

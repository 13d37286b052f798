//! Search benchmark over generated archives: `cargo bench -p ask-expert-core --bench search`.
//!
//! For 1,000, 10,000 and 50,000 questions it prints the archive's size, how long parsing
//! and indexing take (in one go, and as the browser does it, in slices of 1,000 questions
//! with the longest slice shown), the index's heap size, and query latency over a fixed
//! list of queries: words, words typed letter by letter, typos, phrases, synonyms. It
//! only measures; it never fails on a time. Browser WebAssembly runs about 2-3x slower.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ask_expert_core::archive::Archive;
use ask_expert_core::search::{SearchIndex, SearchIndexBuilder};
use ask_expert_fixtures::generate_archive_json;

const SIZES: [usize; 3] = [1_000, 10_000, 50_000];
const SEED: u64 = 2024;
const SLICE: usize = 1_000;
/// Each query runs this many times; its latency is the median run.
const RUNS_PER_QUERY: usize = 7;

const QUERIES: &[&str] = &[
    // Words
    "acupuncture",
    "back pain",
    "migraine",
    "needles",
    "sleep",
    "pregnancy knee",
    "anxiety stress",
    "cupping marks",
    "treating headaches",
    // Typed letter by letter
    "a",
    "ac",
    "acu",
    "acup",
    "acupu",
    "acupun",
    "acupunc",
    "s",
    "sc",
    "sci",
    "scia",
    "sciat",
    "back p",
    "back pa",
    // Typos
    "scoliosys",
    "acupunture",
    "migrane",
    "insomina",
    "heartbrun",
    "fibromyalgai",
    // Phrases
    "\"lower back\"",
    "\"fear of needles\"",
    "\"night sweats\" sleep",
    "\"how many sessions\"",
    // Synonyms
    "slipped disc",
    "lumbago",
    "hay fever",
    "hot flashes",
    "IBS",
    "tennis elbow",
    "high blood pressure",
    // Nothing, or everything
    "xylophone",
    "the",
];

struct Row {
    questions: usize,
    json_bytes: usize,
    parse: Duration,
    build: Duration,
    longest_slice: Duration,
    finish: Duration,
    heap: usize,
    median: Duration,
    p95: Duration,
    slowest: (Duration, &'static str),
}

fn main() {
    let mut rows = Vec::new();
    for questions in SIZES {
        rows.push(measure(questions));
        print_table(&rows);
    }
}

fn measure(questions: usize) -> Row {
    let json = generate_archive_json(questions, SEED);
    let json_bytes = json.len();

    let started = Instant::now();
    let archive = Archive::parse(&json).expect("generated archives parse");
    let parse = started.elapsed();
    drop(json);

    let started = Instant::now();
    let index = SearchIndex::build(&archive);
    let build = started.elapsed();
    drop(index);

    let started = Instant::now();
    let mut builder = SearchIndexBuilder::new(&archive);
    let mut longest_slice = started.elapsed();
    for start in (0..archive.questions.len()).step_by(SLICE) {
        let slice_started = Instant::now();
        builder.add(start..start + SLICE);
        longest_slice = longest_slice.max(slice_started.elapsed());
    }
    let finish_started = Instant::now();
    let index = builder.finish();
    let finish = finish_started.elapsed();

    let mut latencies: Vec<(Duration, &'static str)> = QUERIES
        .iter()
        .map(|&query| {
            let mut runs: Vec<Duration> = (0..RUNS_PER_QUERY)
                .map(|_| {
                    let started = Instant::now();
                    black_box(index.search(black_box(query)));
                    started.elapsed()
                })
                .collect();
            runs.sort();
            (runs[RUNS_PER_QUERY / 2], query)
        })
        .collect();
    latencies.sort();
    let at =
        |fraction: f64| latencies[((latencies.len() - 1) as f64 * fraction).round() as usize].0;

    Row {
        questions,
        json_bytes,
        parse,
        build,
        longest_slice,
        finish,
        heap: index.heap_size(),
        median: at(0.5),
        p95: at(0.95),
        slowest: *latencies.last().expect("there are queries"),
    }
}

fn print_table(rows: &[Row]) {
    println!();
    println!(
        "| questions | archive JSON | parse | index build | longest {SLICE}-question slice | \
         finish | index heap | query median | query p95 | slowest query |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for row in rows {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} ({:?}) |",
            row.questions,
            megabytes(row.json_bytes),
            millis(row.parse),
            millis(row.build),
            millis(row.longest_slice),
            millis(row.finish),
            megabytes(row.heap),
            millis(row.median),
            millis(row.p95),
            millis(row.slowest.0),
            row.slowest.1,
        );
    }
}

fn millis(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

//! Writes a deterministic generated archive to stdout, for benchmarks and load tests:
//! `cargo run --release -p ask-expert-core --example generate_archive -- 10000 [seed]`.

fn main() {
    let mut arguments = std::env::args().skip(1);
    let questions = arguments
        .next()
        .and_then(|count| count.parse().ok())
        .unwrap_or(1_000);
    let seed = arguments
        .next()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(2024);
    print!(
        "{}",
        ask_expert_core::generate::generate_archive_json(questions, seed)
    );
}

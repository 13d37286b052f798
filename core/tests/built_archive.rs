//! The built archive (manifest, shards, columns, search chunks) gives exactly what the
//! archive read whole gives: the same questions, the same search results in the same order
//! with the same scores, highlights and synonyms, and the same browsing results, pages and
//! box counts, for generated archives and a battery of queries (exact words, stems, words
//! still being typed, typos, phrases, synonyms, stop words) and box combinations. Each
//! query is run on a freshly opened built archive given only the chunks it asks for, so a
//! chunk the query reads but does not ask for shows up as a difference.

use std::collections::HashMap;

use ask_expert_core::archive::{Archive, Question};
use ask_expert_core::browse::{BrowseRequest, Orders, browse};
use ask_expert_core::built::{self, BuiltArchive, FIRST_PAGE_QUESTIONS, MANIFEST_NAME};
use ask_expert_core::config::Config;
use ask_expert_core::facets::CategorySelection;
use ask_expert_core::search::{SearchIndex, words};
use ask_expert_core::url_state::{SortOrder, UrlState};
use ask_expert_fixtures::generate_archive_json;
use proptest::prelude::*;

struct Published {
    files: HashMap<String, Vec<u8>>,
}

impl Published {
    fn of(archive: &Archive) -> Published {
        let files = built::write(archive);
        assert_eq!(
            files.last().unwrap().name,
            MANIFEST_NAME,
            "the manifest comes last"
        );
        Published {
            files: files
                .into_iter()
                .map(|file| (file.name, file.bytes))
                .collect(),
        }
    }

    /// Sends what a static host sends: a file, or the bytes a run of records asks for.
    fn send(&self, name: &str) -> Vec<u8> {
        let bytes = self
            .files
            .get(built::whole_file(name))
            .expect("the manifest names only written files");
        let Some(range) = built::byte_range(name) else {
            return bytes.clone();
        };
        let (first, last) = range["bytes=".len()..].split_once('-').unwrap();
        bytes[first.parse::<usize>().unwrap()..=last.parse::<usize>().unwrap()].to_vec()
    }

    fn fetch(&self, built: &mut BuiltArchive, names: Vec<String>) {
        for name in names {
            built.add_file(&name, self.send(&name)).unwrap();
        }
    }

    fn open(&self) -> BuiltArchive {
        BuiltArchive::new(&self.files[MANIFEST_NAME]).unwrap()
    }

    /// A built archive with its column file in: every question can be browsed.
    fn open_browsable(&self) -> BuiltArchive {
        let mut built = self.open();
        let columns = built.files_for_browsing();
        self.fetch(&mut built, columns);
        built
    }

    /// A built archive ready to search `query`, given only what it asked for.
    fn ready_for(&self, query: &str) -> BuiltArchive {
        let mut built = self.open();
        for _ in 0..3 {
            let needed = built.files_for_query(query);
            self.fetch(&mut built, needed);
        }
        assert!(built.files_for_query(query).is_empty(), "{query}");
        built
    }
}

fn generated(questions: usize, seed: u64) -> Archive {
    Archive::parse(&generate_archive_json(questions, seed)).unwrap()
}

/// A small deterministic random source for picking queries.
struct Picker(u64);

impl Picker {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below.max(1) as u64) as usize
    }
}

/// Queries made from the archive's own words: whole, cut short, misspelt, quoted, joined.
fn queries(archive: &Archive, seed: u64, count: usize) -> Vec<String> {
    let mut pick = Picker(seed);
    let mut fixed: Vec<String> = [
        "back pain",
        "slipped disc",
        "herniated disc treatment",
        "lower back pain",
        "lumbago",
        "\"lower back\"",
        "\"fear of needles\"",
        "fear of needles",
        "acupunc",
        "acupunture",
        "scoliosys",
        "needle phobia",
        "the",
        "the of and",
        "a",
        "hot flashes at night",
        "zzzzqqq",
        "\"back pa",
        "TMJ",
        "insomnai",
        "",
    ]
    .map(String::from)
    .to_vec();
    for _ in 0..count {
        let question = &archive.questions[pick.next(archive.questions.len())];
        let all = words(&question.text);
        if all.is_empty() {
            continue;
        }
        let start = pick.next(all.len());
        let length = 1 + pick.next(3);
        let mut chosen: Vec<String> = all[start..(start + length).min(all.len())].to_vec();
        match pick.next(6) {
            0 => {
                let last = chosen.last_mut().unwrap();
                let keep = 1 + pick.next(last.chars().count());
                *last = last.chars().take(keep).collect();
            }
            1 => {
                let word = &mut chosen[0];
                let mut letters: Vec<char> = word.chars().collect();
                if letters.len() > 3 {
                    let at = pick.next(letters.len() - 1);
                    letters.swap(at, at + 1);
                }
                *word = letters.into_iter().collect();
            }
            2 => {
                let word = &mut chosen[0];
                let mut letters: Vec<char> = word.chars().collect();
                if letters.len() > 4 {
                    letters.remove(pick.next(letters.len()));
                }
                *word = letters.into_iter().collect();
            }
            3 => {
                let phrase = format!("\"{}\"", chosen.join(" "));
                chosen = vec![phrase];
            }
            _ => {}
        }
        fixed.push(chosen.join(" "));
    }
    fixed
}

/// Box selections worth trying: none, each root, a leaf, and a branch with a hole.
fn selections(archive: &Archive) -> Vec<CategorySelection> {
    let tree = &archive.categories;
    let mut chosen = vec![CategorySelection::default()];
    for (index, category) in tree.iter() {
        if category.parent.is_none() || index % 7 == 3 {
            chosen.push(CategorySelection::new(tree, [index]));
        }
    }
    for (index, category) in tree.iter() {
        if let (None, Some(&child)) = (category.parent, category.children.first()) {
            let mut selection = CategorySelection::new(tree, [index]);
            selection.toggle(tree, child);
            chosen.push(selection);
            break;
        }
    }
    chosen
}

fn check_archive(archive: &Archive, query_seed: u64, query_count: usize) {
    let published = Published::of(archive);
    let index = SearchIndex::build(archive);
    let orders = Orders::new(archive);

    // The manifest alone: first page, counts, tree.
    let mut built = published.open();
    let first = built.first_page().unwrap();
    let newest = browse(
        archive,
        &orders,
        &BrowseRequest {
            selection: &CategorySelection::default(),
            search_hits: None,
            sort: SortOrder::Newest,
            page: 1,
            page_size: FIRST_PAGE_QUESTIONS,
        },
    );
    let expected: Vec<_> = newest
        .on_page
        .iter()
        .map(|&q| archive.questions[q].clone())
        .collect();
    assert_eq!(first, expected);
    // The first screen: the archive's title, tree and language with its newest questions.
    let shown = expected.len().min(3);
    let first_results = built.first_results(shown).unwrap();
    assert_eq!(first_results.questions, expected[..shown]);
    assert_eq!(
        (
            &first_results.title,
            &first_results.categories,
            &first_results.language
        ),
        (&archive.title, &archive.categories, &archive.language)
    );
    // What the default address shows from the manifest alone; page 2 needs more.
    let default_view = built
        .first_results_for(&Config::default(), &UrlState::default(), false)
        .unwrap();
    assert_eq!(default_view.questions, expected);
    let page_two = UrlState {
        page: 2,
        ..UrlState::default()
    };
    assert!(
        built
            .first_results_for(&Config::default(), &page_two, false)
            .is_none()
    );
    assert!(
        built
            .first_results_for(&Config::default(), &UrlState::default(), true)
            .is_none()
    );
    assert_eq!(built.manifest().total, archive.questions.len());
    assert_eq!(built.archive().categories, archive.categories);
    assert_eq!(built.archive().synonyms, archive.synonyms);
    assert_eq!(built.archive().title, archive.title);
    assert_eq!(built.manifest().category_counts, newest.box_counts);

    // Browsing needs only the column file; every question's shard gives it back whole.
    let needed = built.files_for_browsing();
    published.fetch(&mut built, needed);
    assert!(built.browsable());
    // The default view's first page has its texts from the manifest: no shard for it.
    assert!(
        newest
            .on_page
            .iter()
            .all(|&question| built.has_text(question))
    );
    assert!(built.files_for_questions(&newest.on_page).is_empty());
    for &question in &newest.on_page {
        assert_eq!(
            built.question(question).unwrap(),
            archive.questions[question]
        );
    }
    let everyone: Vec<usize> = (0..archive.questions.len()).collect();
    let shards = built.files_for_questions(&everyone);
    // The view holds the built archive's questions as they are: texts arriving later
    // leave them alone, so they are never copied.
    let held_by_the_view = std::sync::Arc::clone(built.archive());
    published.fetch(&mut built, shards);
    assert!(std::sync::Arc::ptr_eq(&held_by_the_view, built.archive()));
    assert_eq!(whole_questions(&built), archive.questions);

    // The orders the built archive worked out from its column file browse as the single
    // file's do.
    let built_orders = built.orders().unwrap();
    let boxes = selections(archive);
    for query in queries(archive, query_seed, query_count) {
        let mut searched = published.ready_for(&query);
        let built_index = searched.search_index().unwrap();
        let whole = index.search(&query);
        assert_eq!(built_index.search(&query), whole, "search {query:?}");
        assert_eq!(
            built_index.similar(&query, usize::MAX),
            index.similar(&query, usize::MAX),
            "similar {query:?}"
        );

        let hits: Vec<usize> = whole.hits.iter().map(|hit| hit.question).collect();
        // The first results' texts, by runs of records once the record file is in.
        let shown = &hits[..hits.len().min(10)];
        let texts = searched.files_for_questions(shown);
        for name in &texts {
            assert!(shown.iter().any(|&question| searched.holds(name, question)));
        }
        published.fetch(&mut searched, texts);
        for &question in shown {
            assert!(searched.has_text(question));
            assert_eq!(
                searched.question(question).unwrap(),
                archive.questions[question]
            );
        }
        let with_search = [None, Some(&hits[..])];
        for (number, selection) in boxes.iter().enumerate() {
            for sort in [SortOrder::Relevance, SortOrder::Newest, SortOrder::Oldest] {
                let search_hits = with_search[(number + query.len()) % 2];
                let request = BrowseRequest {
                    selection,
                    search_hits,
                    sort,
                    page: 1 + number % 3,
                    page_size: 7,
                };
                assert_eq!(
                    browse(searched.archive(), &built_orders, &request),
                    browse(archive, &orders, &request),
                    "{query:?} {selection:?} {sort:?}"
                );
            }
        }
    }
}

#[test]
fn a_generated_archive_reads_back_the_same() {
    check_archive(&generated(1_500, 7), 11, 60);
}

#[test]
fn the_demo_archive_reads_back_the_same() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/archive.json");
    let archive = Archive::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    check_archive(&archive, 3, 40);
}

#[test]
fn an_empty_archive_builds_and_reads() {
    let archive = generated(0, 1);
    let published = Published::of(&archive);
    let mut built = published.open();
    assert!(built.first_page().unwrap().is_empty());
    let needed = built.files_for_search();
    published.fetch(&mut built, needed);
    assert!(built.search_index().unwrap().search("back").hits.is_empty());
}

/// The files of `after` not in `before`, by kind (the name's stem).
fn rewritten(before: &[built::BuiltFile], after: &[built::BuiltFile]) -> HashMap<String, usize> {
    let old: std::collections::HashSet<&[u8]> = before.iter().map(|file| &file.bytes[..]).collect();
    let mut kinds = HashMap::new();
    for file in after.iter().filter(|file| !old.contains(&file.bytes[..])) {
        let kind = file
            .name
            .trim_start_matches("archive/")
            .split(['-', '.'])
            .next()
            .unwrap();
        *kinds.entry(kind.to_owned()).or_insert(0) += 1;
    }
    kinds
}

#[test]
fn an_edit_or_a_new_question_rewrites_one_shard_and_only_the_chunks_of_its_words() {
    let mut archive = generated(3_000, 5);
    let before = built::write(&archive);
    archive.questions[1_234]
        .text
        .push_str(" Does moxibustion help?");
    let edited = built::write(&archive);
    let mut added = archive.questions[17].clone();
    added.id = "added".to_owned();
    archive.questions.push(added);
    let appended = built::write(&archive);
    for (after, question) in [(&edited, 1_234), (&appended, 3_000)] {
        let kinds = rewritten(&before, after);
        // Its shard, split in two when the question is where a shard ends.
        assert!(kinds.get("questions") <= Some(&2), "{kinds:?}");
        assert_eq!(kinds.get("columns"), Some(&1), "{kinds:?}");
        let question = &archive.questions[question];
        let mut distinct = words(&question.text);
        for answer in &question.answers {
            distinct.extend(words(&answer.body));
        }
        distinct.sort();
        distinct.dedup();
        for kind in ["postings", "positions"] {
            let chunks = kinds.get(kind).copied().unwrap_or(0);
            assert!(
                chunks <= distinct.len() + 8,
                "{kind}: {chunks} of {kinds:?}"
            );
        }
        eprintln!("{} files, rewritten {kinds:?}", after.len());
    }
}

#[test]
fn damaged_files_are_errors_not_panics() {
    let archive = generated(50, 2);
    let published = Published::of(&archive);
    assert!(BuiltArchive::new(b"{}").is_err());
    assert!(BuiltArchive::new(b"not json").is_err());
    let mut built = published.open();
    assert!(built.add_file("archive/nothing.bin", Vec::new()).is_err());
    let columns = built.manifest().columns.clone();
    let mut bytes = published.files[&columns].clone();
    bytes.truncate(bytes.len() / 2);
    assert!(built.add_file(&columns, bytes).is_err());
    let terms = built.manifest().terms.clone();
    assert!(built.add_file(&columns, b"AEC1\xff".to_vec()).is_err());
    assert!(
        built.add_file(&terms, b"garbage".to_vec()).is_ok(),
        "kept until columns come"
    );
}

#[test]
fn a_shard_whose_questions_are_out_of_place_is_damaged() {
    let archive = generated(300, 4);
    let published = Published::of(&archive);
    let mut built = published.open_browsable();
    let shard = built
        .manifest()
        .shards
        .iter()
        .find(|shard| shard.count >= 2)
        .unwrap()
        .file
        .clone();
    let mut entries: Vec<serde_json::Value> =
        serde_json::from_slice(&published.files[&shard]).unwrap();
    entries.swap(0, 1);
    assert!(
        built
            .add_file(&shard, serde_json::to_vec(&entries).unwrap())
            .is_err()
    );
    entries.swap(0, 1);
    entries.pop();
    assert!(
        built
            .add_file(&shard, serde_json::to_vec(&entries).unwrap())
            .is_err()
    );
    assert!(
        built
            .add_file(&shard, published.files[&shard].clone())
            .is_ok()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn generated_archives_read_back_the_same(
        size in 1usize..400,
        seed in any::<u64>(),
        query_seed in any::<u64>(),
    ) {
        check_archive(&generated(size, seed), query_seed, 25);
    }
}

/// Prints what typical queries fetch from a built DIR named by `ASK_EXPERT_BUILT_DIR`:
/// `cargo test -p ask-expert-core --test built_archive -- --ignored --nocapture`.
#[test]
#[ignore]
fn prints_the_bytes_each_query_fetches() {
    let Ok(dir) = std::env::var("ASK_EXPERT_BUILT_DIR") else {
        return;
    };
    let dir = std::path::Path::new(&dir);
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    for query in [
        "back pain",
        "acupunc",
        "scoliosys",
        "\"lower back\"",
        "slipped disc",
    ] {
        let mut built = BuiltArchive::new(&read(MANIFEST_NAME)).unwrap();
        let (mut names, mut bytes) = (Vec::new(), 0);
        loop {
            let needed = built.files_for_query(query);
            if needed.is_empty() {
                break;
            }
            for name in needed {
                let content = read(&name);
                bytes += content.len();
                built.add_file(&name, content).unwrap();
                names.push(name);
            }
        }
        let hits = built.search_index().unwrap().search(query).hits.len();
        println!(
            "{query:>16}: {} files, {bytes} bytes (columns and terms too), {hits} hits: {}",
            names.len(),
            names.join(" ")
        );
    }
}

#[test]
fn files_arriving_in_any_order_give_the_same_archive_and_search() {
    let archive = generated(120, 9);
    let published = Published::of(&archive);
    let mut built = published.open();
    assert!(
        built.files_for_questions(&[0]).is_empty(),
        "nothing before the column file"
    );
    let mut names: Vec<&String> = published.files.keys().collect();
    names.sort();
    names.reverse();
    for name in names
        .into_iter()
        .filter(|name| name.as_str() != MANIFEST_NAME)
    {
        built.add_file(name, published.files[name].clone()).unwrap();
        built.add_file(name, published.files[name].clone()).unwrap();
    }
    assert!(built.browsable());
    assert!((0..archive.questions.len()).all(|question| built.has_text(question)));
    assert_eq!(whole_questions(&built), archive.questions);
    let index = SearchIndex::build(&archive);
    for query in ["back pain", "\"lower back\"", "slipped disc", "acupunc"] {
        assert!(built.files_for_query(query).is_empty());
        assert_eq!(
            built.search_index().unwrap().search(query),
            index.search(query)
        );
    }
}

#[test]
fn a_question_page_address_is_known_once_its_question_is_read() {
    let archive = Archive::parse(&generate_archive_json(400, 11)).unwrap();
    let addresses = built::PageAddresses {
        base_url: "https://example.org/ask/".into(),
        question_pages: (0..archive.questions.len())
            .map(|question| format!("questions/page-{question}.html"))
            .collect(),
    };
    let files: HashMap<String, Vec<u8>> = built::write_with_pages(&archive, Some(&addresses))
        .into_iter()
        .map(|file| (file.name, file.bytes))
        .collect();
    let mut built = BuiltArchive::new(&files[MANIFEST_NAME]).unwrap();
    let newest = &built.first_page().unwrap()[0].id.clone();
    let number = archive
        .questions
        .iter()
        .position(|q| &q.id == newest)
        .unwrap();
    assert_eq!(
        built.page_url(newest),
        Some(format!(
            "https://example.org/ask/questions/page-{number}.html"
        ))
    );
    let oldest = archive.questions.iter().min_by_key(|q| q.asked).unwrap();
    assert_eq!(
        built.page_url(&oldest.id),
        None,
        "its shard is not read yet"
    );
    for name in built.files_for_browsing() {
        built.add_file(&name, files[&name].clone()).unwrap();
    }
    let oldest_number = built
        .archive()
        .questions
        .iter()
        .position(|q| q.id == oldest.id);
    for name in built.files_for_questions(&[oldest_number.unwrap()]) {
        built.add_file(&name, files[&name].clone()).unwrap();
    }
    let expected = archive
        .questions
        .iter()
        .position(|q| q.id == oldest.id)
        .unwrap();
    assert_eq!(
        built.page_url(&oldest.id),
        Some(format!(
            "https://example.org/ask/questions/page-{expected}.html"
        ))
    );

    let without_pages = Published::of(&archive).open();
    assert_eq!(without_pages.page_url(newest), None);
}

#[test]
fn once_the_record_file_is_in_a_few_questions_come_as_runs_of_their_shards() {
    let archive = generated(2_000, 5);
    let published = Published::of(&archive);
    let mut built = published.open_browsable();
    // Three neighbours in the default view's order, in the last shard holding three.
    let newest_first = ask_expert_core::browse::newest_first(&archive);
    let shards = &built.manifest().shards;
    let last = shards.iter().rposition(|shard| shard.count >= 3).unwrap();
    let from: usize = shards[..last].iter().map(|shard| shard.count).sum();
    let neighbours = newest_first[from..from + 3].to_vec();
    let scattered = [neighbours[0], 17, 1_234];
    let shards = built.files_for_questions(&scattered);
    assert!(shards.iter().all(|name| built::byte_range(name).is_none()));

    let search = built.files_for_search();
    let records = built.manifest().records.clone().unwrap();
    assert!(search.contains(&records), "fetched with the search's files");
    published.fetch(&mut built, search);
    let runs = built.files_for_questions(&scattered);
    assert_eq!(runs.len(), 3, "{runs:?}");
    for &question in &scattered {
        let holding: Vec<_> = runs
            .iter()
            .filter(|name| built.holds(name, question))
            .collect();
        assert_eq!(holding.len(), 1, "{question}: {runs:?}");
        assert!(built::byte_range(holding[0]).is_some());
        assert!(!built.has_text(question));
    }
    // Neighbours in one shard come as one run.
    assert_eq!(built.files_for_questions(&neighbours).len(), 1);

    // Damage: too few bytes, a run that does not start on a record, a record that is not
    // the question the run's place says.
    let first = runs
        .iter()
        .find(|name| built.holds(name, scattered[0]))
        .unwrap();
    let mut short = published.send(first);
    short.pop();
    assert!(built.add_file(first, short).is_err());
    let range = built::byte_range(first).unwrap();
    let (start, last) = range["bytes=".len()..].split_once('-').unwrap();
    let shifted = format!(
        "{}#bytes={}-{}",
        built::whole_file(first),
        start.parse::<u32>().unwrap() + 1,
        last.parse::<u32>().unwrap() + 1
    );
    assert!(built.add_file(&shifted, published.send(&shifted)).is_err());
    let other = runs.iter().find(|&name| name != first).unwrap();
    let other_record = published.send(other);
    let renamed = format!(
        "{}#bytes={start}-{}",
        built::whole_file(first),
        start.parse::<usize>().unwrap() + other_record.len() - 1
    );
    assert!(built.add_file(&renamed, other_record).is_err());
    // After a run that is not what was asked for, questions come in whole shards.
    assert_eq!(
        built.files_for_questions(&[scattered[0]]),
        [built::whole_file(first)]
    );

    // A host that ignores ranges sends the whole shard, taken in under its own name.
    built
        .add_file(
            built::whole_file(first),
            published.send(built::whole_file(first)),
        )
        .unwrap();
    assert!(built.has_text(scattered[0]));
    let rest = runs.iter().filter(|&name| name != first).cloned().collect();
    published.fetch(&mut built, rest);
    for &question in &scattered {
        assert_eq!(
            built.question(question).unwrap(),
            archive.questions[question]
        );
    }
    assert!(built.files_for_questions(&scattered).is_empty());
}

#[test]
fn each_file_says_whether_it_gives_the_index_or_texts() {
    use ask_expert_core::built::FileGives;
    let archive = generated(200, 3);
    let published = Published::of(&archive);
    let built = published.open();
    let manifest = built.manifest();
    let shard = &manifest.shards[0].file;
    let run = format!("{shard}#bytes=1-20");
    for (name, gives) in [
        (&manifest.columns, FileGives::Both),
        (&manifest.terms, FileGives::Index),
        (&manifest.chunks[0].postings, FileGives::Index),
        (&manifest.chunks[0].positions, FileGives::Index),
        (manifest.records.as_ref().unwrap(), FileGives::Texts),
        (shard, FileGives::Texts),
        (&run, FileGives::Texts),
    ] {
        assert_eq!(built.what_file_gives(name), gives, "{name}");
    }
}

/// Every question of the built archive with its text and answers; all must be in.
fn whole_questions(built: &BuiltArchive) -> Vec<Question> {
    (0..built.archive().questions.len())
        .map(|question| built.question(question).expect("every text is in"))
        .collect()
}

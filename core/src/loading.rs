//! How the page finds and loads its data, decided without a browser: where the built
//! archive's manifest sits beside an archive address, what a reply to it means (the built
//! form, or the plain `archive.json` as before), where each built file is, whether the view
//! the address asks for can be shown from the manifest alone, and how much of a download has
//! arrived, in words.

use crate::archive::Archive;
use crate::browse::{BrowseRequest, Orders, browse};
use crate::config::Config;
use crate::facets::CategorySelection;
use crate::locale::Words;
use crate::url_state::{SortOrder, UrlState};
use crate::view;

/// Seconds without a single byte arriving after which a download is given up. A slow
/// download that keeps arriving is never given up.
pub const STALL_SECONDS: u64 = 15;

/// Downloads smaller than this show no figures while they load: they are over too soon.
const PROGRESS_FROM_BYTES: u64 = 500_000;

/// The manifest's address for an archive address: the manifest beside it, in the same
/// folder (`archive.json` → `archive.manifest.json`, `https://h/a/b.json?v=2` →
/// `https://h/a/archive.manifest.json`).
pub fn manifest_url(archive_url: &str) -> String {
    let path = archive_url.split(['?', '#']).next().unwrap_or(archive_url);
    let folder = match path.rfind('/') {
        Some(slash) => &path[..=slash],
        None => "",
    };
    format!("{folder}{}", crate::built::MANIFEST_NAME)
}

/// A built file's address: its name is relative to the manifest's folder.
pub fn file_url(manifest_url: &str, name: &str) -> String {
    let folder = match manifest_url.rfind('/') {
        Some(slash) => &manifest_url[..=slash],
        None => "",
    };
    format!("{folder}{name}")
}

/// What the reply to the manifest's request means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestReply {
    /// A manifest: read the built archive.
    Built,
    /// No built archive here (not found, forbidden, gone, or a host's HTML error page
    /// answering for a missing file): read the plain archive file, as always.
    PlainArchive,
    /// The server failed; say so as for the archive itself.
    Failed,
}

/// `status` and the body; no status when the request failed on the way (a host that sends
/// its error pages without the headers an embedding page needs fails so): the archive file
/// then answers for itself.
pub fn manifest_reply(status: Option<u16>, body: &[u8]) -> ManifestReply {
    match status {
        Some(200..=299) if looks_like_json_object(body) => ManifestReply::Built,
        None | Some(200..=299 | 403 | 404 | 410) => ManifestReply::PlainArchive,
        Some(_) => ManifestReply::Failed,
    }
}

fn looks_like_json_object(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    body.iter()
        .find(|byte| !byte.is_ascii_whitespace())
        .is_some_and(|&byte| byte == b'{')
}

/// How many of the manifest's first questions make the page the address asks for, when
/// that page needs nothing else: the default view (no boxes, no search, page 1, the
/// default order, newest first) and no question named in the fragment. `None` when the
/// view needs more than the manifest.
pub fn first_paint(
    config: &Config,
    address: &UrlState,
    names_question: bool,
    manifest_questions: usize,
    total: usize,
) -> Option<usize> {
    let plain = address.categories.is_empty()
        && address.page == 1
        && address.sort.is_none_or(|sort| sort == config.default_sort)
        && address
            .query
            .as_deref()
            .is_none_or(|query| !crate::view::is_search(query));
    let shown = config.page_size.min(total);
    (plain && !names_question && config.default_sort == SortOrder::Newest)
        .then_some(shown)
        .filter(|&shown| shown <= manifest_questions)
}

/// The questions the view an address describes shows, in order, given the search's hits
/// (`None` without a search): the texts a built archive must have before that view is shown,
/// so it appears as the single file would show it. The same rules as the page's own view
/// (`view`, `browse`).
pub fn questions_on_screen(
    archive: &Archive,
    orders: &Orders,
    address: &UrlState,
    search_hits: Option<&[usize]>,
    config: &Config,
) -> Vec<usize> {
    let tree = &archive.categories;
    let (ids, _unknown) = view::resolve_categories(tree, &address.categories);
    let selection = CategorySelection::from_ids(tree, &ids);
    let sort = view::effective_sort(address.sort, search_hits.is_some(), config.default_sort);
    let request = BrowseRequest {
        selection: &selection,
        search_hits,
        sort,
        page: address.page,
        page_size: config.page_size,
    };
    browse(archive, orders, &request).on_page
}

/// How much of a download has arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub received: u64,
    /// The size the server announced, if any (compressed sizes do not count: a total
    /// smaller than what arrived is dropped).
    pub total: Option<u64>,
}

impl Progress {
    /// The loading line: "Loading questions…", with the megabytes once the download is
    /// large enough to take a while ("Loading questions… 2.1 of 5.8 MB").
    pub fn text(&self, words: Words) -> String {
        let total = self.total.filter(|&total| total >= self.received);
        let largest = total.unwrap_or(self.received).max(self.received);
        if self.received == 0 || largest < PROGRESS_FROM_BYTES {
            return words.text("app.loading");
        }
        crate::wording::loading_progress(words, megabytes(self.received), total.map(megabytes))
    }
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_is_beside_the_archive() {
        assert_eq!(manifest_url("archive.json"), "archive.manifest.json");
        assert_eq!(manifest_url("/data/x.json"), "/data/archive.manifest.json");
        assert_eq!(
            manifest_url("https://h.example/a/b.json?v=2#top"),
            "https://h.example/a/archive.manifest.json"
        );
        assert_eq!(
            manifest_url("https://h.example/a/?file=b.json"),
            "https://h.example/a/archive.manifest.json"
        );
    }

    #[test]
    fn built_files_are_relative_to_the_manifest() {
        assert_eq!(
            file_url("archive.manifest.json", "archive/columns-1.bin"),
            "archive/columns-1.bin"
        );
        assert_eq!(
            file_url("https://h.example/a/archive.manifest.json", "archive/t.bin"),
            "https://h.example/a/archive/t.bin"
        );
    }

    #[test]
    fn missing_manifests_and_html_error_pages_mean_the_plain_archive() {
        let reply = |status, body: &[u8]| manifest_reply(Some(status), body);
        assert_eq!(reply(200, b" {\"format\":1}"), ManifestReply::Built);
        assert_eq!(
            reply(200, b"\xef\xbb\xbf{\"format\":1}"),
            ManifestReply::Built
        );
        for status in [403, 404, 410] {
            assert_eq!(reply(status, b"{}"), ManifestReply::PlainArchive);
        }
        assert_eq!(
            reply(200, b"<!doctype html><title>Not found</title>"),
            ManifestReply::PlainArchive
        );
        assert_eq!(reply(200, b""), ManifestReply::PlainArchive);
        assert_eq!(manifest_reply(None, b""), ManifestReply::PlainArchive);
        assert_eq!(reply(503, b"{}"), ManifestReply::Failed);
        assert_eq!(reply(401, b"{}"), ManifestReply::Failed);
    }

    #[test]
    fn only_the_default_view_is_painted_from_the_manifest() {
        let config = Config::default();
        let default = UrlState::default();
        assert_eq!(first_paint(&config, &default, false, 10, 500), Some(10));
        assert_eq!(first_paint(&config, &default, false, 10, 4), Some(4));
        assert_eq!(first_paint(&config, &default, true, 10, 500), None);
        let page_two = UrlState {
            page: 2,
            ..UrlState::default()
        };
        assert_eq!(first_paint(&config, &page_two, false, 10, 500), None);
        let filtered = UrlState {
            categories: vec!["teeth".to_owned()],
            ..UrlState::default()
        };
        assert_eq!(first_paint(&config, &filtered, false, 10, 500), None);
        let searched = UrlState {
            query: Some("back pain".to_owned()),
            ..UrlState::default()
        };
        assert_eq!(first_paint(&config, &searched, false, 10, 500), None);
        let blank_search = UrlState {
            query: Some("  ".to_owned()),
            ..UrlState::default()
        };
        assert_eq!(
            first_paint(&config, &blank_search, false, 10, 500),
            Some(10)
        );
        let oldest = UrlState {
            sort: Some(SortOrder::Oldest),
            ..UrlState::default()
        };
        assert_eq!(first_paint(&config, &oldest, false, 10, 500), None);
        let larger_pages = Config {
            page_size: 20,
            ..Config::default()
        };
        assert_eq!(first_paint(&larger_pages, &default, false, 10, 500), None);
        let smaller_pages = Config {
            page_size: 5,
            ..Config::default()
        };
        assert_eq!(
            first_paint(&smaller_pages, &default, false, 10, 500),
            Some(5)
        );
    }

    #[test]
    fn the_questions_on_screen_are_those_the_view_shows() {
        let archive = Archive::parse(&ask_expert_fixtures::generate_archive_json(60, 7))
            .expect("a generated archive reads");
        let config = Config::default();
        let newest = crate::browse::newest_first(&archive);
        let orders = Orders::new(&archive);
        let first = questions_on_screen(&archive, &orders, &UrlState::default(), None, &config);
        assert_eq!(first, newest[..10]);
        let page_three = UrlState {
            page: 3,
            ..UrlState::default()
        };
        let third = questions_on_screen(&archive, &orders, &page_three, None, &config);
        assert_eq!(third, newest[20..30]);
        let oldest = UrlState {
            sort: Some(SortOrder::Oldest),
            ..UrlState::default()
        };
        let oldest = questions_on_screen(&archive, &orders, &oldest, None, &config);
        assert_eq!(oldest.len(), 10);
        assert!(archive.questions[oldest[0]].asked <= archive.questions[newest[0]].asked);
        let hits = [5, 3, 40];
        let searched = UrlState {
            query: Some("knee".to_owned()),
            ..UrlState::default()
        };
        assert_eq!(
            questions_on_screen(&archive, &orders, &searched, Some(&hits), &config),
            hits
        );
        let tree = &archive.categories;
        let root = tree.roots().next().expect("a generated tree has topics");
        let filtered = UrlState {
            categories: vec![tree.get(root).id.clone()],
            ..UrlState::default()
        };
        let shown = questions_on_screen(&archive, &orders, &filtered, None, &config);
        assert!(!shown.is_empty());
        assert!(shown.iter().all(|&question| {
            archive.questions[question]
                .categories
                .iter()
                .any(|&category| tree.covers(root, category))
        }));
    }

    #[test]
    fn large_downloads_show_how_far_they_are() {
        let progress = |received, total| Progress { received, total }.text(Words::english());
        assert_eq!(progress(0, Some(5_800_000)), "Loading questions…");
        assert_eq!(progress(20_000, Some(90_000)), "Loading questions…");
        assert_eq!(
            progress(2_100_000, Some(5_800_000)),
            "Loading questions… 2.1 of 5.8 MB"
        );
        assert_eq!(progress(2_100_000, None), "Loading questions… 2.1 MB");
        // A compressed size says nothing of the bytes that arrive unpacked.
        assert_eq!(
            progress(3_000_000, Some(900_000)),
            "Loading questions… 3.0 MB"
        );
        assert_eq!(
            progress(120_000, Some(600_000)),
            "Loading questions… 0.1 of 0.6 MB"
        );
    }
}

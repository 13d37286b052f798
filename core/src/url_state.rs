//! The part of the view that lives in the address bar, so a reload, the back button or a
//! shared link shows the same thing: ticked categories, page and sort order (and the search
//! text only when the association allows it: health searches are sensitive).
//!
//! Only this app's own parameters are read or written; whatever else the page's address
//! carries (a host site's own parameters) is kept as it was, in place.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortOrder {
    Newest,
    Oldest,
    Relevance,
}

impl SortOrder {
    pub const ALL: [SortOrder; 3] = [SortOrder::Newest, SortOrder::Oldest, SortOrder::Relevance];

    pub fn key(self) -> &'static str {
        match self {
            SortOrder::Newest => "newest",
            SortOrder::Oldest => "oldest",
            SortOrder::Relevance => "relevance",
        }
    }

    /// Forgiving, as a hand-typed or pasted link needs: case and surrounding spaces
    /// are ignored.
    pub fn from_key(key: &str) -> Option<SortOrder> {
        let key = key.trim();
        SortOrder::ALL
            .into_iter()
            .find(|order| order.key().eq_ignore_ascii_case(key))
    }

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Newest => "Newest first",
            SortOrder::Oldest => "Oldest first",
            SortOrder::Relevance => "Best match",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlState {
    /// Category ids of the ticked boxes.
    pub categories: Vec<String>,
    /// Counting from 1.
    pub page: usize,
    /// `None` leaves the order to the context: newest first, or best match while searching.
    pub sort: Option<SortOrder>,
    pub query: Option<String>,
}

impl Default for UrlState {
    fn default() -> Self {
        UrlState {
            categories: Vec::new(),
            page: 1,
            sort: None,
            query: None,
        }
    }
}

/// Parameter names, each behind an optional prefix so an embedding site can keep its own
/// names (`?page=` of a CMS, say) apart from the widget's.
struct Keys {
    category: String,
    page: String,
    sort: String,
    query: String,
}

impl Keys {
    fn new(prefix: &str) -> Keys {
        Keys {
            category: format!("{prefix}category"),
            page: format!("{prefix}page"),
            sort: format!("{prefix}sort"),
            query: format!("{prefix}q"),
        }
    }

    fn owns(&self, key: &str) -> bool {
        [&self.category, &self.page, &self.sort, &self.query]
            .iter()
            .any(|own| own.as_str() == key)
    }
}

/// Reads the state from a query string (`?a=b&c=d`, with or without the `?`).
pub fn read(search: &str, prefix: &str) -> UrlState {
    let keys = Keys::new(prefix);
    let mut state = UrlState::default();
    for (key, value) in parse_pairs(search) {
        if key == keys.category {
            if !value.is_empty() && !state.categories.contains(&value) {
                state.categories.push(value);
            }
        } else if key == keys.page {
            // Spaces around a number come from hand-typed or pasted links.
            state.page = value
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|&page| page >= 1)
                .unwrap_or(1);
        } else if key == keys.sort {
            state.sort = SortOrder::from_key(&value);
        } else if key == keys.query && !value.trim().is_empty() {
            state.query = Some(value);
        }
    }
    state
}

/// The query string for `state`, keeping every parameter that is not this app's where it
/// was. Returns "" or a string starting with `?`. Defaults are left out, so an untouched
/// view keeps a clean address.
pub fn write(existing_search: &str, state: &UrlState, prefix: &str, with_query: bool) -> String {
    let keys = Keys::new(prefix);
    let mut pairs: Vec<(String, String)> = parse_pairs(existing_search)
        .into_iter()
        .filter(|(key, _)| !keys.owns(key))
        .collect();
    for category in &state.categories {
        pairs.push((keys.category.clone(), category.clone()));
    }
    if let Some(sort) = state.sort {
        pairs.push((keys.sort.clone(), sort.key().to_owned()));
    }
    if with_query
        && let Some(query) = state
            .query
            .as_ref()
            .filter(|query| !query.trim().is_empty())
    {
        pairs.push((keys.query.clone(), query.clone()));
    }
    if state.page > 1 {
        pairs.push((keys.page.clone(), state.page.to_string()));
    }
    if pairs.is_empty() {
        return String::new();
    }
    let joined: Vec<String> = pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode_component(key), encode_component(value)))
        .collect();
    format!("?{}", joined.join("&"))
}

const QUESTION_HASH_PREFIX: &str = "#question-";

/// The fragment that opens one question: `#question-<id>`.
pub fn question_hash(id: &str) -> String {
    format!("{QUESTION_HASH_PREFIX}{}", encode_component(id))
}

/// The question id a fragment points to, if it is one of ours.
pub fn question_from_hash(hash: &str) -> Option<String> {
    let encoded = hash.strip_prefix(QUESTION_HASH_PREFIX)?;
    Some(decode_component(encoded)).filter(|id| !id.is_empty())
}

fn parse_pairs(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(key), decode_component(value))
        })
        .collect()
}

/// Percent-encodes everything but unreserved characters; spaces become `+`.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Decodes `+` and `%XX`; a malformed escape is kept as written, and bytes that are not
/// UTF-8 become U+FFFD, so no address can make reading fail.
pub fn decode_component(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(index + 1..index + 3)
                    .and_then(|pair| std::str::from_utf8(pair).ok());
                match hex.and_then(|pair| u8::from_str_radix(pair, 16).ok()) {
                    Some(decoded) => {
                        out.push(decoded);
                        index += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            other => out.push(other),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(
        categories: &[&str],
        page: usize,
        sort: Option<SortOrder>,
        query: Option<&str>,
    ) -> UrlState {
        UrlState {
            categories: categories.iter().map(|c| c.to_string()).collect(),
            page,
            sort,
            query: query.map(str::to_owned),
        }
    }

    #[test]
    fn writes_only_what_differs_from_the_default() {
        assert_eq!(write("", &UrlState::default(), "", false), "");
        let view = state(
            &["lower-back-pain", "sciatica"],
            2,
            Some(SortOrder::Oldest),
            Some("back pain"),
        );
        assert_eq!(
            write("", &view, "", false),
            "?category=lower-back-pain&category=sciatica&sort=oldest&page=2"
        );
        assert_eq!(
            write("", &view, "", true),
            "?category=lower-back-pain&category=sciatica&sort=oldest&q=back+pain&page=2"
        );
    }

    #[test]
    fn keeps_the_host_pages_own_parameters() {
        let view = state(&["knee-pain"], 3, None, None);
        assert_eq!(
            write(
                "?lang=en&ae-page=7&page=host&ae-category=old",
                &view,
                "ae-",
                false
            ),
            "?lang=en&page=host&ae-category=knee-pain&ae-page=3"
        );
        assert_eq!(
            read("?lang=en&page=host&ae-category=knee-pain&ae-page=3", "ae-"),
            view
        );
    }

    #[test]
    fn reads_leniently() {
        assert_eq!(read("", ""), UrlState::default());
        assert_eq!(
            read("?page=0&sort=sideways&category=&q=+", ""),
            UrlState::default()
        );
        assert_eq!(read("page=-3&page=x", "").page, 1);
        assert_eq!(
            read("?category=a&category=a&category=b", "").categories,
            ["a", "b"]
        );
        assert_eq!(
            read("?q=%E2%80%9Cneedles%E2%80%9D%2", "").query.as_deref(),
            Some("“needles”%2")
        );
        assert_eq!(read("?q=%FF", "").query.as_deref(), Some("\u{fffd}"));
    }

    #[test]
    fn question_links_round_trip() {
        assert_eq!(question_hash("q-000012"), "#question-q-000012");
        assert_eq!(
            question_from_hash("#question-q-000012").as_deref(),
            Some("q-000012")
        );
        assert_eq!(
            question_from_hash(&question_hash("a b/é#")).as_deref(),
            Some("a b/é#")
        );
        assert_eq!(question_from_hash("#main"), None);
        assert_eq!(question_from_hash("#question-"), None);
    }

    #[test]
    fn sort_keys_round_trip() {
        for order in SortOrder::ALL {
            assert_eq!(SortOrder::from_key(order.key()), Some(order));
        }
    }

    #[test]
    fn hand_typed_values_are_forgiven_spaces_and_case() {
        let state = read("?sort=OLDEST&page=%202", "");
        assert_eq!(state.sort, Some(SortOrder::Oldest));
        assert_eq!(state.page, 2);
        assert_eq!(SortOrder::from_key(" Newest "), Some(SortOrder::Newest));
        assert_eq!(SortOrder::from_key("best"), None);
    }
}

//! The settings an association gives the widget, read from the host element's `data-*`
//! attributes. Unknown or malformed values fall back to defaults with a warning, so a typo
//! in a host page never leaves visitors with a blank space.

use serde::Deserialize;

use crate::markup::safe_href;
use crate::text::tidy;
use crate::url_state::SortOrder;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Where the archive file lives, relative to the page or absolute.
    pub archive_url: String,
    pub page_size: usize,
    /// The order when nothing is searched and the visitor has not chosen one.
    pub default_sort: SortOrder,
    /// Whether the search text may appear in the address bar (off: health searches are
    /// sensitive, and addresses end up in histories and logs).
    pub search_in_url: bool,
    /// Put before the widget's URL parameter names, to keep them apart from a host page's.
    pub url_prefix: String,
    /// Boxes of links shown beside the archive ("Factsheets", "In the news").
    pub panels: Vec<Panel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Panel {
    pub title: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub links: Vec<PanelLink>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PanelLink {
    pub label: String,
    pub url: String,
}

pub const DEFAULT_ARCHIVE_URL: &str = "archive.json";
pub const DEFAULT_PAGE_SIZE: usize = 10;
const PAGE_SIZES: std::ops::RangeInclusive<usize> = 1..=100;

impl Default for Config {
    fn default() -> Self {
        Config {
            archive_url: DEFAULT_ARCHIVE_URL.to_owned(),
            page_size: DEFAULT_PAGE_SIZE,
            default_sort: SortOrder::Newest,
            search_in_url: false,
            url_prefix: String::new(),
            panels: Vec::new(),
        }
    }
}

impl Config {
    /// Builds the settings from attribute look-ups (`name` without the `data-` prefix).
    /// Returns warnings for values that were ignored.
    pub fn from_attributes(attribute: impl Fn(&str) -> Option<String>) -> (Config, Vec<String>) {
        let mut config = Config::default();
        let mut warnings = Vec::new();
        let value = |name: &str| attribute(name).map(|value| value.trim().to_owned()).filter(|value| !value.is_empty());

        if let Some(url) = value("archive") {
            config.archive_url = url;
        }
        if let Some(size) = value("page-size") {
            match size.parse::<usize>() {
                Ok(size) if PAGE_SIZES.contains(&size) => config.page_size = size,
                _ => warnings.push(format!(
                    "data-page-size=\"{size}\" should be a whole number from {} to {}; using {DEFAULT_PAGE_SIZE}",
                    PAGE_SIZES.start(),
                    PAGE_SIZES.end()
                )),
            }
        }
        if let Some(sort) = value("sort") {
            match SortOrder::from_key(&sort).filter(|order| *order != SortOrder::Relevance) {
                Some(order) => config.default_sort = order,
                None => warnings.push(format!("data-sort=\"{sort}\" should be \"newest\" or \"oldest\"; using newest")),
            }
        }
        if let Some(flag) = value("search-in-url") {
            match parse_flag(&flag) {
                Some(allowed) => config.search_in_url = allowed,
                None => warnings.push(format!("data-search-in-url=\"{flag}\" should be \"true\" or \"false\"")),
            }
        }
        if let Some(prefix) = value("url-prefix") {
            if prefix.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                config.url_prefix = prefix;
            } else {
                warnings.push(format!("data-url-prefix=\"{prefix}\" may hold only letters, digits, - and _"));
            }
        }
        if let Some(panels) = value("panels") {
            match serde_json::from_str::<Vec<Panel>>(&panels) {
                Ok(panels) => config.panels = sanitize_panels(panels, &mut warnings),
                Err(error) => warnings.push(format!("data-panels is not a valid list of panels: {error}")),
            }
        }
        (config, warnings)
    }
}

fn parse_flag(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Some(true),
        "false" | "no" | "off" | "0" => Some(false),
        _ => None,
    }
}

/// Tidies panel text and keeps only links a visitor can safely follow.
fn sanitize_panels(panels: Vec<Panel>, warnings: &mut Vec<String>) -> Vec<Panel> {
    panels
        .into_iter()
        .filter_map(|panel| {
            let title = tidy(&panel.title);
            if title.is_empty() {
                warnings.push("a panel without a title was left out".to_owned());
                return None;
            }
            let links = panel
                .links
                .into_iter()
                .filter_map(|link| match config_href(&link.url) {
                    Some(url) if !tidy(&link.label).is_empty() => Some(PanelLink { label: tidy(&link.label), url }),
                    _ => {
                        warnings.push(format!("the link \"{}\" in panel \"{title}\" was left out", link.label));
                        None
                    }
                })
                .collect();
            let text = panel.text.map(|text| tidy(&text)).filter(|text| !text.is_empty());
            Some(Panel { title, text, links })
        })
        .collect()
}

/// A link target from the association's own settings: a relative address, or an absolute
/// one with an http, https or mailto scheme.
pub fn config_href(raw: &str) -> Option<String> {
    let cleaned: String = raw.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let scheme_end = cleaned.find(':');
    let path_start = cleaned.find(['/', '?', '#']);
    let has_scheme = match (scheme_end, path_start) {
        (Some(colon), Some(path)) => colon < path,
        (Some(_), None) => true,
        (None, _) => false,
    };
    if has_scheme {
        safe_href(&cleaned)
    } else {
        Some(cleaned).filter(|href| !href.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(pairs: &[(&str, &str)]) -> (Config, Vec<String>) {
        let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_attributes(|name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn defaults_serve_the_hosted_page() {
        assert_eq!(from(&[]), (Config::default(), vec![]));
        assert_eq!(from(&[("archive", "  ")]).0.archive_url, "archive.json");
    }

    #[test]
    fn reads_every_setting() {
        let (config, warnings) = from(&[
            ("archive", " /qa/archive.json "),
            ("page-size", "25"),
            ("sort", "oldest"),
            ("search-in-url", "true"),
            ("url-prefix", "ae-"),
            ("panels", r#"[{"title": "Factsheets", "text": "Research  summaries", "links": [{"label": "Browse", "url": "/facts"}]}]"#),
        ]);
        assert_eq!(warnings, Vec::<String>::new());
        assert_eq!(config.archive_url, "/qa/archive.json");
        assert_eq!(config.page_size, 25);
        assert_eq!(config.default_sort, SortOrder::Oldest);
        assert!(config.search_in_url);
        assert_eq!(config.url_prefix, "ae-");
        assert_eq!(config.panels[0].text.as_deref(), Some("Research summaries"));
        assert_eq!(config.panels[0].links[0].url, "/facts");
    }

    #[test]
    fn falls_back_with_a_warning_on_bad_values() {
        let (config, warnings) = from(&[
            ("page-size", "0"),
            ("sort", "relevance"),
            ("search-in-url", "maybe"),
            ("url-prefix", "a b"),
            ("panels", "{not json"),
        ]);
        assert_eq!(config, Config::default());
        assert_eq!(warnings.len(), 5);
    }

    #[test]
    fn panel_links_are_limited_to_safe_targets() {
        let (config, warnings) = from(&[(
            "panels",
            r#"[{"title": "News", "links": [
                {"label": "ok", "url": "https://example.org/news"},
                {"label": "relative", "url": "news/latest?x=1:2"},
                {"label": "bad", "url": "javascript:alert(1)"},
                {"label": "bad too", "url": " JAVA\nSCRIPT:alert(1)"},
                {"label": "data", "url": "data:text/html,x"}]},
               {"title": "  "}]"#,
        )]);
        let urls: Vec<&str> = config.panels[0].links.iter().map(|link| link.url.as_str()).collect();
        assert_eq!(urls, ["https://example.org/news", "news/latest?x=1:2"]);
        assert_eq!(warnings.len(), 4);
    }
}

//! The settings an association gives the widget, read from the host element's `data-*`
//! attributes. Unknown or malformed values fall back to defaults with a warning, so a typo
//! in a host page never leaves visitors with a blank space.

use serde::Deserialize;

use crate::locale::{Bundle, Message};
use crate::markup::safe_href;
use crate::question_form::PayloadFormat;
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
    /// Where new questions are posted; without one, the form gives way to `contact`.
    pub endpoint: Option<String>,
    pub payload_format: PayloadFormat,
    pub email_required: bool,
    /// The association's privacy notice, linked from the consent box.
    pub privacy_url: String,
    /// What visitors see instead of the form when there is no endpoint.
    pub contact: Contact,
    /// The heading above the archive; the archive's own title when not set.
    pub title: Option<String>,
    /// Off when the host page already has its own heading.
    pub show_title: bool,
    /// A JSON file holding any of these settings (attributes on the element win).
    pub config_url: Option<String>,
    /// The words on the main controls, for associations that say things their own way
    /// (over the locale's bundle).
    pub labels: Labels,
    /// The interface's language (BCP 47); the archive's own language when not set.
    pub locale: Option<String>,
    /// A JSON file of the association's own words, by locale (`locale::overrides_for`).
    pub strings_url: Option<String>,
    /// Answers last checked longer ago than this many years say they may be out of date;
    /// 0 turns the notice off.
    pub review_after_years: u16,
    /// Where "Was this helpful?" votes are posted; without one the question is not asked.
    pub feedback_endpoint: Option<String>,
}

/// The labels an association gave; the others come from the locale's bundle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    /// The search box's label.
    pub search: Option<String>,
    /// The heading of the category boxes.
    pub filter: Option<String>,
    /// The heading of the question form.
    pub ask: Option<String>,
    /// The form's send button.
    pub send: Option<String>,
}

impl Labels {
    /// The labels given, as a bundle to lay over the locale's (`label.search`…).
    pub fn bundle(&self) -> Bundle {
        let mut bundle = Bundle::default();
        for (key, label) in [
            ("label.search", &self.search),
            ("label.filter", &self.filter),
            ("label.ask", &self.ask),
            ("label.send", &self.send),
        ] {
            if let Some(label) = label {
                bundle.insert(key, Message::Text(label.clone()));
            }
        }
        bundle
    }

    /// Applies `{"search": "…", "filter": "…", "ask": "…", "send": "…"}`; other keys and
    /// empty or non-text values are reported and ignored.
    fn apply(&mut self, json: &str, warnings: &mut Vec<String>) {
        let Ok(serde_json::Value::Object(labels)) = serde_json::from_str::<serde_json::Value>(json)
        else {
            warnings.push(
                "data-labels should be a JSON object such as {\"search\": \"Search the archive\"}"
                    .to_owned(),
            );
            return;
        };
        for (key, value) in labels {
            let target = match key.as_str() {
                "search" => &mut self.search,
                "filter" => &mut self.filter,
                "ask" => &mut self.ask,
                "send" => &mut self.send,
                _ => {
                    warnings.push(format!("data-labels has no label called \"{key}\""));
                    continue;
                }
            };
            match value.as_str().map(tidy).filter(|text| !text.is_empty()) {
                Some(text) => *target = Some(text),
                None => warnings.push(format!("data-labels \"{key}\" should be text")),
            }
        }
    }
}

/// What visitors see instead of the form; text not given comes from the locale's bundle
/// (`contact.text`, `contact.link`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub text: Option<String>,
    pub url: Option<String>,
    pub link_label: Option<String>,
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
pub const DEFAULT_PRIVACY_URL: &str = "privacy.html";
/// Health advice is commonly reviewed every three to five years.
pub const DEFAULT_REVIEW_AFTER_YEARS: u16 = 5;
const PAGE_SIZES: std::ops::RangeInclusive<usize> = 1..=100;
const REVIEW_AFTER_YEARS: std::ops::RangeInclusive<u16> = 0..=100;

impl Default for Config {
    fn default() -> Self {
        Config {
            archive_url: DEFAULT_ARCHIVE_URL.to_owned(),
            page_size: DEFAULT_PAGE_SIZE,
            default_sort: SortOrder::Newest,
            search_in_url: false,
            url_prefix: String::new(),
            panels: Vec::new(),
            endpoint: None,
            payload_format: PayloadFormat::Json,
            email_required: false,
            privacy_url: DEFAULT_PRIVACY_URL.to_owned(),
            contact: Contact::default(),
            title: None,
            show_title: true,
            config_url: None,
            labels: Labels::default(),
            locale: None,
            strings_url: None,
            review_after_years: DEFAULT_REVIEW_AFTER_YEARS,
            feedback_endpoint: None,
        }
    }
}

impl Config {
    /// Builds the settings from attribute look-ups (`name` without the `data-` prefix).
    /// Returns warnings for values that were ignored.
    pub fn from_attributes(attribute: impl Fn(&str) -> Option<String>) -> (Config, Vec<String>) {
        let mut config = Config::default();
        let mut warnings = Vec::new();
        let value = |name: &str| {
            attribute(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };

        if let Some(url) = value("archive") {
            config.archive_url = url;
        }
        if let Some(size) = value("page-size") {
            match size.parse::<usize>() {
                Ok(size) if PAGE_SIZES.contains(&size) => config.page_size = size,
                _ => warnings.push(format!(
                    "data-page-size=\"{size}\" should be a whole number from {} to {}; \
                     using {DEFAULT_PAGE_SIZE}",
                    PAGE_SIZES.start(),
                    PAGE_SIZES.end()
                )),
            }
        }
        if let Some(sort) = value("sort") {
            match SortOrder::from_key(&sort).filter(|order| *order != SortOrder::Relevance) {
                Some(order) => config.default_sort = order,
                None => warnings.push(format!(
                    "data-sort=\"{sort}\" should be \"newest\" or \"oldest\"; using newest"
                )),
            }
        }
        let mut flag = |name: &str, target: &mut bool| {
            if let Some(flag) = value(name) {
                match parse_flag(&flag) {
                    Some(on) => *target = on,
                    None => warnings.push(format!(
                        "data-{name}=\"{flag}\" should be \"true\" or \"false\""
                    )),
                }
            }
        };
        flag("search-in-url", &mut config.search_in_url);
        flag("email-required", &mut config.email_required);
        flag("show-title", &mut config.show_title);
        if let Some(title) = value("title") {
            config.title = Some(tidy(&title)).filter(|title| !title.is_empty());
        }
        if let Some(url) = value("config") {
            config.config_url = config_href(&url);
        }
        if let Some(prefix) = value("url-prefix") {
            if prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                config.url_prefix = prefix;
            } else {
                warnings.push(format!(
                    "data-url-prefix=\"{prefix}\" may hold only letters, digits, - and _"
                ));
            }
        }
        if let Some(endpoint) = value("endpoint") {
            match config_href(&endpoint) {
                Some(endpoint) => config.endpoint = Some(endpoint),
                None => warnings.push(format!(
                    "data-endpoint=\"{endpoint}\" is not an http(s) address; the form is off"
                )),
            }
        }
        if let Some(years) = value("review-after-years") {
            match years.parse::<u16>() {
                Ok(years) if REVIEW_AFTER_YEARS.contains(&years) => {
                    config.review_after_years = years;
                }
                _ => warnings.push(format!(
                    "data-review-after-years=\"{years}\" should be a whole number from {} to {} \
                     (0 turns the notice off); using {DEFAULT_REVIEW_AFTER_YEARS}",
                    REVIEW_AFTER_YEARS.start(),
                    REVIEW_AFTER_YEARS.end()
                )),
            }
        }
        if let Some(endpoint) = value("feedback-endpoint") {
            let web_address = |href: &String| !href.to_ascii_lowercase().starts_with("mailto:");
            match config_href(&endpoint).filter(web_address) {
                Some(endpoint) => config.feedback_endpoint = Some(endpoint),
                None => warnings.push(format!(
                    "data-feedback-endpoint=\"{endpoint}\" is not an http(s) address; \
                     \"Was this helpful?\" is off"
                )),
            }
        }
        if let Some(format) = value("format") {
            match PayloadFormat::from_key(&format) {
                Some(format) => config.payload_format = format,
                None => warnings.push(format!(
                    "data-format=\"{format}\" should be \"json\" or \"form\"; using json"
                )),
            }
        }
        if let Some(url) = value("privacy-url") {
            match config_href(&url) {
                Some(url) => config.privacy_url = url,
                None => warnings.push(format!("data-privacy-url=\"{url}\" is not a safe address")),
            }
        }
        if let Some(text) = value("contact-text") {
            config.contact.text = Some(tidy(&text));
        }
        if let Some(label) = value("contact-label") {
            config.contact.link_label = Some(tidy(&label));
        }
        if let Some(url) = value("contact-url") {
            match config_href(&url) {
                Some(url) => config.contact.url = Some(url),
                None => warnings.push(format!("data-contact-url=\"{url}\" is not a safe address")),
            }
        }
        if let Some(locale) = value("locale") {
            config.locale = Some(locale);
        }
        if let Some(url) = value("strings") {
            match config_href(&url) {
                Some(url) => config.strings_url = Some(url),
                None => warnings.push(format!("data-strings=\"{url}\" is not a safe address")),
            }
        }
        if let Some(labels) = value("labels") {
            config.labels.apply(&labels, &mut warnings);
        }
        if let Some(panels) = value("panels") {
            match serde_json::from_str::<Vec<Panel>>(&panels) {
                Ok(panels) => config.panels = sanitize_panels(panels, &mut warnings),
                Err(error) => warnings.push(format!(
                    "data-panels is not a valid list of panels: {error}"
                )),
            }
        }
        (config, warnings)
    }
}

/// Settings from both places: the element's attributes first, then the JSON file named by
/// `data-config`, whose keys are the attribute names without `data-` (`"page-size"`;
/// `"page_size"` and `"pageSize"` work too).
pub fn from_sources(
    attribute: impl Fn(&str) -> Option<String>,
    file: Option<&serde_json::Map<String, serde_json::Value>>,
) -> (Config, Vec<String>) {
    Config::from_attributes(|name| {
        attribute(name).or_else(|| file.and_then(|file| file_setting(file, name)))
    })
}

/// Reads a settings file: a JSON object.
pub fn parse_config_file(text: &str) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    match serde_json::from_str::<serde_json::Value>(text.strip_prefix('\u{feff}').unwrap_or(text)) {
        Ok(serde_json::Value::Object(settings)) => Ok(settings),
        Ok(_) => Err("the settings file should hold a JSON object".to_owned()),
        Err(error) => Err(format!("the settings file is not valid JSON ({error})")),
    }
}

fn file_setting(file: &serde_json::Map<String, serde_json::Value>, name: &str) -> Option<String> {
    let comparable = |key: &str| {
        key.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let wanted = comparable(name);
    let value = file
        .iter()
        .find(|(key, _)| comparable(key) == wanted)
        .map(|(_, value)| value)?;
    match value {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
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
                    Some(url) if !tidy(&link.label).is_empty() => Some(PanelLink {
                        label: tidy(&link.label),
                        url,
                    }),
                    _ => {
                        warnings.push(format!(
                            "the link \"{}\" in panel \"{title}\" was left out",
                            link.label
                        ));
                        None
                    }
                })
                .collect();
            let text = panel
                .text
                .map(|text| tidy(&text))
                .filter(|text| !text.is_empty());
            Some(Panel { title, text, links })
        })
        .collect()
}

/// A link target from the association's own settings: a relative address, or an absolute
/// one with an http, https or mailto scheme.
pub fn config_href(raw: &str) -> Option<String> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
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
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_attributes(|name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
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
            ("endpoint", "http://127.0.0.1:8081/questions"),
            ("format", "form"),
            ("email-required", "yes"),
            ("privacy-url", "/privacy"),
            ("contact-text", "Write to us."),
            ("contact-url", "mailto:advice@example.org"),
            ("review-after-years", "3"),
            ("feedback-endpoint", "http://127.0.0.1:8081/feedback"),
            (
                "panels",
                concat!(
                    r#"[{"title": "Factsheets", "text": "Research  summaries", "#,
                    r#""links": [{"label": "Browse", "url": "/facts"}]}]"#
                ),
            ),
        ]);
        assert_eq!(warnings, Vec::<String>::new());
        assert_eq!(config.archive_url, "/qa/archive.json");
        assert_eq!(config.page_size, 25);
        assert_eq!(config.default_sort, SortOrder::Oldest);
        assert!(config.search_in_url);
        assert_eq!(config.url_prefix, "ae-");
        assert_eq!(config.panels[0].text.as_deref(), Some("Research summaries"));
        assert_eq!(config.panels[0].links[0].url, "/facts");
        assert_eq!(
            config.endpoint.as_deref(),
            Some("http://127.0.0.1:8081/questions")
        );
        assert_eq!(config.payload_format, PayloadFormat::Form);
        assert!(config.email_required);
        assert_eq!(config.privacy_url, "/privacy");
        assert_eq!(
            config.contact.url.as_deref(),
            Some("mailto:advice@example.org")
        );
        assert_eq!(config.contact.text.as_deref(), Some("Write to us."));
        assert_eq!(config.review_after_years, 3);
        assert_eq!(
            config.feedback_endpoint.as_deref(),
            Some("http://127.0.0.1:8081/feedback")
        );
    }

    #[test]
    fn the_review_period_is_five_years_unless_set_and_zero_turns_it_off() {
        assert_eq!(from(&[]).0.review_after_years, 5);
        assert_eq!(from(&[("review-after-years", "0")]).0.review_after_years, 0);
        assert_eq!(
            from(&[("review-after-years", " 10 ")]).0.review_after_years,
            10
        );
        for bad in ["-1", "five", "2.5", "101", "70000"] {
            let (config, warnings) = from(&[("review-after-years", bad)]);
            assert_eq!(config.review_after_years, 5, "{bad}");
            assert_eq!(warnings.len(), 1, "{bad}");
            assert!(warnings[0].contains("using 5"), "{}", warnings[0]);
        }
        let file = parse_config_file(r#"{"review_after_years": 2}"#).unwrap();
        assert_eq!(from_sources(|_| None, Some(&file)).0.review_after_years, 2);
    }

    #[test]
    fn feedback_goes_only_to_a_web_address() {
        assert_eq!(from(&[]).0.feedback_endpoint, None);
        assert_eq!(
            from(&[("feedback-endpoint", "/api/feedback")])
                .0
                .feedback_endpoint
                .as_deref(),
            Some("/api/feedback")
        );
        for bad in [
            "javascript:alert(1)",
            "MailTo:votes@example.org",
            "data:text/plain,x",
        ] {
            let (config, warnings) = from(&[("feedback-endpoint", bad)]);
            assert_eq!(config.feedback_endpoint, None, "{bad}");
            assert_eq!(warnings.len(), 1, "{bad}");
        }
    }

    #[test]
    fn falls_back_with_a_warning_on_bad_values() {
        let (config, warnings) = from(&[
            ("page-size", "0"),
            ("sort", "relevance"),
            ("search-in-url", "maybe"),
            ("url-prefix", "a b"),
            ("panels", "{not json"),
            ("endpoint", "javascript:alert(1)"),
            ("format", "xml"),
            ("privacy-url", "data:text/html,x"),
            ("review-after-years", "soon"),
            ("feedback-endpoint", "javascript:alert(1)"),
        ]);
        assert_eq!(config, Config::default());
        assert_eq!(warnings.len(), 10);
    }

    #[test]
    fn a_settings_file_fills_in_what_attributes_leave_out() {
        let file = parse_config_file(concat!(
            r#"{"archive": "/from-file.json", "pageSize": 20, "search_in_url": true, "#,
            r#""show-title": false,
                "panels": [{"title": "News", "links": [{"label": "Latest", "url": "/news"}]}], "#,
            r#""unknown": 1}"#
        ))
        .unwrap();
        let attributes = [("archive", "/from-attribute.json")];
        let (config, warnings) = from_sources(
            |name| {
                attributes
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.to_string())
            },
            Some(&file),
        );
        assert_eq!(warnings, Vec::<String>::new());
        assert_eq!(config.archive_url, "/from-attribute.json");
        assert_eq!(config.page_size, 20);
        assert!(config.search_in_url);
        assert!(!config.show_title);
        assert_eq!(config.panels[0].links[0].url, "/news");
        assert!(parse_config_file("[1]").is_err());
        assert!(parse_config_file("{").is_err());
    }

    #[test]
    fn labels_can_be_reworded() {
        let (config, warnings) = from(&[(
            "labels",
            r#"{"search": "  Search the archive ", "send": "Post it", "colour": "x", "ask": 3}"#,
        )]);
        assert_eq!(config.labels.search.as_deref(), Some("Search the archive"));
        assert_eq!(config.labels.send.as_deref(), Some("Post it"));
        assert_eq!(config.labels.ask, None);
        assert_eq!(config.labels.filter, None);
        let (strings, _) = crate::locale::Strings::new("cy", None);
        let strings = strings.with_layer(config.labels.bundle());
        assert_eq!(strings.text("label.search"), "Search the archive");
        assert_eq!(strings.text("label.ask"), "Gofyn cwestiwn");
        assert_eq!(warnings.len(), 2);
        assert_eq!(from(&[("labels", "[]")]).1.len(), 1);
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
        let urls: Vec<&str> = config.panels[0]
            .links
            .iter()
            .map(|link| link.url.as_str())
            .collect();
        assert_eq!(urls, ["https://example.org/news", "news/latest?x=1:2"]);
        assert_eq!(warnings.len(), 4);
    }
}

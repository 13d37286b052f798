//! The settings an association gives the widget, read from the host element's `data-*`
//! attributes. Unknown or malformed values fall back to defaults with a warning, so a typo
//! in a host page never leaves visitors with a blank space.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Where the archive file lives, relative to the page or absolute.
    pub archive_url: String,
}

pub const DEFAULT_ARCHIVE_URL: &str = "archive.json";

impl Default for Config {
    fn default() -> Self {
        Config { archive_url: DEFAULT_ARCHIVE_URL.to_owned() }
    }
}

impl Config {
    /// Builds the settings from attribute look-ups (`name` without the `data-` prefix).
    /// Returns warnings for values that were ignored.
    pub fn from_attributes(attribute: impl Fn(&str) -> Option<String>) -> (Config, Vec<String>) {
        let mut config = Config::default();
        let warnings = Vec::new();
        if let Some(url) = attribute("archive").map(|url| url.trim().to_owned()).filter(|url| !url.is_empty()) {
            config.archive_url = url;
        }
        (config, warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(pairs: &[(&str, &str)]) -> Config {
        let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_attributes(|name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())).0
    }

    #[test]
    fn defaults_serve_the_hosted_page() {
        assert_eq!(from(&[]), Config::default());
        assert_eq!(from(&[("archive", "  ")]).archive_url, "archive.json");
    }

    #[test]
    fn reads_the_archive_url() {
        assert_eq!(from(&[("archive", " /qa/archive.json ")]).archive_url, "/qa/archive.json");
    }
}

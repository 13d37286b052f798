//! The root component: reads the settings file if there is one, loads the archive and shows
//! whichever of loading, error or archive applies.

use std::sync::Arc;

use ask_expert_core::archive::Archive;
use ask_expert_core::config::{self, Config};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::archive_view::ArchiveView;
use crate::components::error_panel::{ErrorPanel, LOAD_ERROR_ID};
use crate::dom;
use crate::dom::focus_results_count;
use crate::loader::{ARCHIVE_TIMEOUT, LoadError, fetch_archive, fetch_text};
use crate::locale::{Locale, fetch_own_words};

/// The loading message's id: focus waits here during a retry.
const LOADING_ID: &str = "ae-loading";

#[derive(Clone)]
enum LoadState {
    Loading,
    // Boxed: the settings are large, and the state is cloned on every change.
    Loaded(Arc<Archive>, Box<Config>),
    Failed(LoadError),
}

/// `attributes` are the host element's `data-*` settings (names without `data-`).
#[component]
pub fn App(attributes: Vec<(String, String)>) -> impl IntoView {
    let attributes = Arc::new(attributes);
    let state = RwSignal::new(LoadState::Loading);
    // The element's own settings until the settings file and the archive are read.
    let i18n = RwSignal::new(Locale::choose(
        &Config::from_attributes(|name| attribute(&attributes, name)).0,
        None,
        None,
        false,
    ));
    provide_context(i18n);
    // A retry may start while an earlier attempt is still pending; only the latest may land.
    let attempt = StoredValue::new(0u32);
    // After Retry its button is gone, so focus moves to what replaced it, and on.
    let load = Callback::new(move |()| {
        let this_attempt = attempt.get_value() + 1;
        attempt.set_value(this_attempt);
        let retry = this_attempt > 1;
        state.set(LoadState::Loading);
        if retry {
            request_animation_frame(|| dom::focus_by_id(LOADING_ID));
        }
        let attributes = Arc::clone(&attributes);
        spawn_local(async move {
            let config = read_settings(&attributes).await;
            let own_words = fetch_own_words(&config).await;
            let outcome = fetch_archive(&config.archive_url).await;
            if attempt.get_value() == this_attempt {
                let language = outcome
                    .as_ref()
                    .ok()
                    .map(|archive| archive.language.as_str());
                i18n.set(Locale::choose(
                    &config,
                    language,
                    own_words.as_deref(),
                    true,
                ));
                let loaded = outcome.is_ok();
                state.set(match outcome {
                    Ok(archive) => LoadState::Loaded(Arc::new(archive), Box::new(config)),
                    Err(error) => LoadState::Failed(error),
                });
                if retry && loaded {
                    focus_results_count();
                } else if retry {
                    request_animation_frame(|| dom::focus_by_id(LOAD_ERROR_ID));
                }
            }
        });
    });
    load.run(());

    view! {
        <div class="ae-app" lang=move || i18n.with(Locale::lang)>
            {move || match state.get() {
                LoadState::Loading => view! {
                    <p class="ae-loading" id=LOADING_ID role="status" tabindex="-1">
                        {move || i18n.with(|i18n| i18n.text("app.loading"))}
                    </p>
                }.into_any(),
                LoadState::Failed(error) => view! { <ErrorPanel error on_retry=load/> }.into_any(),
                LoadState::Loaded(archive, config) => {
                    let title = config.title.clone().unwrap_or_else(|| archive.title.clone());
                    view! {
                        {config.show_title.then(|| view! { <h1 class="ae-title">{title}</h1> })}
                        <ArchiveView archive config=*config/>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// The settings from the element, completed by the file `data-config` names. A settings
/// file that cannot be read is reported in the console and the element's settings are used.
async fn read_settings(attributes: &[(String, String)]) -> Config {
    let attribute = |name: &str| attribute(attributes, name);
    let (from_element, warnings) = Config::from_attributes(attribute);
    let Some(url) = from_element.config_url.clone() else {
        warn_all(warnings);
        return from_element;
    };
    let file = match fetch_text(&url).await {
        Ok(text) => config::parse_config_file(&text),
        Err(error) => Err(settings_problem(&error)),
    };
    match file {
        Ok(file) => {
            let (config, warnings) = config::from_sources(attribute, Some(&file));
            warn_all(warnings);
            config
        }
        Err(problem) => {
            leptos::logging::warn!(
                "Ask an Expert: the settings file {url} was not used: {problem}"
            );
            warn_all(warnings);
            from_element
        }
    }
}

/// The element's setting `name` (without `data-`).
fn attribute(attributes: &[(String, String)], name: &str) -> Option<String> {
    attributes
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.clone())
}

/// Why the settings file could not be fetched, in words about the settings file (the
/// loader's own messages speak of the archive).
fn settings_problem(error: &LoadError) -> String {
    match error {
        LoadError::NotFound => "it was not found on the server (HTTP 404).".to_owned(),
        LoadError::ServerError(status) => {
            format!("the server had a problem sending it (HTTP {status}).")
        }
        LoadError::Refused(status) => format!("the server refused to send it (HTTP {status})."),
        LoadError::TimedOut => format!(
            "it did not arrive within {} seconds.",
            ARCHIVE_TIMEOUT.as_secs()
        ),
        LoadError::Unreachable => {
            "it could not be fetched; the server may be unreachable.".to_owned()
        }
        LoadError::Unreadable(_) => "it could not be read.".to_owned(),
    }
}

fn warn_all(warnings: Vec<String>) {
    for warning in warnings {
        leptos::logging::warn!("Ask an Expert: {warning}");
    }
}

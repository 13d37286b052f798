//! The root component: reads the settings file if there is one, finds the archive (built or
//! a single file) and shows whichever of loading, the first results, error or archive
//! applies. With the built form, the default view is painted from the manifest alone while
//! the column file and the first questions' texts arrive; any other view waits for what it
//! needs and then shows what the single file would.

use std::sync::Arc;
use std::time::Duration;

use ask_expert_core::archive::Archive;
use ask_expert_core::browse::Orders;
use ask_expert_core::built::BuiltArchive;
use ask_expert_core::config::{self, Config};
use ask_expert_core::loading::{self, Progress, STALL_SECONDS};
use ask_expert_core::url_state;
use ask_expert_core::view;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::built_source::BuiltSource;
use crate::components::archive_view::{ArchiveView, CarriedOver};
use crate::components::error_panel::{ErrorPanel, LOAD_ERROR_ID};
use crate::components::first_results::FirstResults;
use crate::dom;
use crate::dom::focus_results_count;
use crate::loader::{KnownManifest, LoadError, Source, fetch_source, fetch_text};
use crate::locale::{Locale, fetch_own_words};
use crate::url_sync;

/// The loading message's id: focus waits here during a retry.
const LOADING_ID: &str = "ae-loading";

/// How long the whole view may take after the manifest before the first results are shown
/// from the manifest alone: on a fast connection the page then changes once, not twice.
const FIRST_RESULTS_GRACE: Duration = Duration::from_millis(100);

#[derive(Clone)]
enum LoadState {
    Loading,
    /// The default view's first results, from the built archive's manifest alone.
    FirstResults(Arc<Archive>, Box<Config>, BuiltSource),
    // Boxed: the settings are large, and the state is cloned on every change.
    Loaded(Arc<Archive>, Box<Config>, Option<BuiltSource>),
    Failed(LoadError),
}

/// Why loading stopped: a content-named file gone means the site was rebuilt meanwhile.
enum Failure {
    Load(LoadError),
    BuiltFileGone,
}

impl From<LoadError> for Failure {
    fn from(error: LoadError) -> Failure {
        Failure::Load(error)
    }
}

/// `attributes` are the host element's `data-*` settings (names without `data-`);
/// `first_screen_read` the manifest the first screen read, used by the first attempt.
#[component]
pub fn App(
    attributes: Vec<(String, String)>,
    first_screen_read: Option<KnownManifest>,
) -> impl IntoView {
    let first_screen_read = StoredValue::new_local(first_screen_read);
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
    let progress = RwSignal::new(Progress::default());
    let early = CarriedOver::new();
    // A retry may start while an earlier attempt is still pending; only the latest may land.
    let attempt = StoredValue::new(0u32);
    // The manifest is read again once when a file it named is gone (the site was rebuilt).
    let reread = StoredValue::new(false);
    let reload = StoredValue::new(None::<Callback<bool>>);
    // What loading makes after a wait belongs to the app, like what it makes at once.
    let owner = Owner::current();
    // The first screen (the smaller bundle's first results) gives way when this app first
    // has something to show, and what was typed there carries over; answers opened in it,
    // or in this app's own first results, stay open in the view that follows.
    let show = move |next: LoadState| {
        early.opened.set(dom::opened_questions());
        early.card_control.set(dom::focused_card_control());
        if let Some(left) = dom::take_over_first_screen() {
            early.text.set(left.search_text);
            early.focused.set(left.search_focused);
        }
        state.set(next);
    };
    // After Retry its button is gone, so focus moves to what replaced it, and on.
    let load = Callback::new(move |rebuilt: bool| {
        let this_attempt = attempt.get_value() + 1;
        attempt.set_value(this_attempt);
        if !rebuilt {
            reread.set_value(false);
        }
        let retry = this_attempt > 1 && !rebuilt;
        state.set(LoadState::Loading);
        progress.set(Progress::default());
        if retry {
            request_animation_frame(|| dom::focus_by_id(LOADING_ID));
        }
        let attributes = Arc::clone(&attributes);
        let owner = owner.clone();
        spawn_local(async move {
            let config = read_settings(&attributes, true).await;
            let own_words = fetch_own_words(&config).await;
            let current = move || attempt.get_value() == this_attempt;
            // The words follow the archive's language unless the element names a locale;
            // they are chosen before anything of the archive is shown.
            let spoke = std::rc::Rc::new(std::cell::Cell::new(false));
            let speak = {
                let (config, spoke) = (config.clone(), std::rc::Rc::clone(&spoke));
                move |language: Option<&str>| {
                    spoke.set(spoke.get() || language.is_some());
                    if current() {
                        i18n.set(Locale::choose(
                            &config,
                            language,
                            own_words.as_deref(),
                            true,
                        ));
                    }
                }
            };
            let report = move |arrived: Progress| {
                if current() {
                    progress.set(arrived);
                }
            };
            let gone = Callback::new(move |()| {
                if reread.get_value() || !current() {
                    return false;
                }
                reread.set_value(true);
                // The reload starts after the fetch that found the file gone has finished.
                if let Some(load) = reload.get_value() {
                    spawn_local(async move { load.run(true) });
                }
                true
            });
            let show_first = move |first: LoadState| {
                set_timeout(
                    move || {
                        let loading =
                            state.try_with_untracked(|state| matches!(state, LoadState::Loading));
                        if current() && loading == Some(true) {
                            show(first);
                        }
                    },
                    FIRST_RESULTS_GRACE,
                );
            };
            let source = move |built, manifest_url| {
                let make = || BuiltSource::new(built, manifest_url, gone);
                match &owner {
                    Some(owner) => owner.with(make),
                    None => make(),
                }
            };
            let known = first_screen_read.try_update_value(Option::take).flatten();
            let mut outcome =
                load_archive(&config, &report, &speak, &source, show_first, known).await;
            if matches!(outcome, Err(Failure::BuiltFileGone)) && !reread.get_value() {
                reread.set_value(true);
                outcome = load_archive(&config, &report, &speak, &source, |_| {}, None).await;
            }
            // A failure after the manifest or the file was read keeps the archive's language.
            if outcome.is_err() && !spoke.get() {
                speak(None);
            }
            if current() {
                let loaded = outcome.is_ok();
                show(match outcome {
                    Ok(loaded) => loaded,
                    Err(Failure::Load(error)) => LoadState::Failed(error),
                    Err(Failure::BuiltFileGone) => LoadState::Failed(LoadError::NotFound),
                });
                if retry && loaded {
                    focus_results_count();
                } else if retry {
                    request_animation_frame(|| dom::focus_by_id(LOAD_ERROR_ID));
                }
            }
        });
    });
    reload.set_value(Some(load));
    load.run(false);
    let on_retry = Callback::new(move |()| load.run(false));

    view! {
        <div class="ae-app" lang=move || i18n.with(Locale::lang)>
            {move || match state.get() {
                LoadState::Loading => view! { <LoadingLine progress/> }.into_any(),
                LoadState::Failed(error) => view! { <ErrorPanel error on_retry/> }.into_any(),
                LoadState::FirstResults(archive, config, source) => {
                    view! {
                        {archive_title(&archive, &config)}
                        <FirstResults archive config=*config source early
                            on_search_focus=Callback::new(move |()| source.prefetch_search())/>
                    }.into_any()
                }
                LoadState::Loaded(archive, config, built) => {
                    view! {
                        {archive_title(&archive, &config)}
                        <ArchiveView archive config=*config built early/>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// "Loading questions…", with how much has arrived of a large download.
#[component]
pub(crate) fn LoadingLine(#[prop(into)] progress: Signal<Progress>) -> impl IntoView {
    let i18n = crate::locale::use_strings();
    view! {
        <p class="ae-loading" id=LOADING_ID role="status" tabindex="-1">
            {move || i18n.with_words(|words| progress.get().text(words))}
        </p>
    }
}

/// The archive's title (or the one the settings give), unless the settings hide it.
pub(crate) fn archive_title(archive: &Archive, config: &Config) -> impl IntoView + use<> {
    let title = config
        .title
        .clone()
        .unwrap_or_else(|| archive.title.clone());
    config
        .show_title
        .then(|| view! { <h1 class="ae-title">{title}</h1> })
}

/// Finds and reads the archive. `speak` hears the archive's language as soon as it is known.
/// With the built form, `first` is handed the first results when the address asks for the
/// default view, before the rest arrives.
async fn load_archive(
    config: &Config,
    report: &dyn Fn(Progress),
    speak: &dyn Fn(Option<&str>),
    source: &dyn Fn(BuiltArchive, String) -> BuiltSource,
    first: impl Fn(LoadState),
    known: Option<KnownManifest>,
) -> Result<LoadState, Failure> {
    let (built, manifest_url) = match fetch_source(&config.archive_url, report, known).await? {
        Source::Plain(archive) => {
            speak(Some(&archive.language));
            return Ok(LoadState::Loaded(
                Arc::new(archive),
                Box::new(config.clone()),
                None,
            ));
        }
        Source::Built(built, manifest_url) => (built, manifest_url),
    };
    speak(Some(&built.manifest().language));
    let address = url_sync::read_address(config);
    let named = url_state::question_from_hash(&location().hash().unwrap_or_default());
    let preview = built.first_results_for(config, &address, named.is_some());
    let source = source(*built, manifest_url);
    if let Some(preview) = preview {
        first(LoadState::FirstResults(
            Arc::new(preview),
            Box::new(config.clone()),
            source,
        ));
    }
    let gone_means_rebuilt = |error: LoadError| match error {
        LoadError::NotFound => Failure::BuiltFileGone,
        error => Failure::Load(error),
    };
    // The view the address asks for waits for everything it shows: every question, the
    // search's pieces, and the texts of the questions on screen.
    source
        .load_until_complete(|built| built.files_for_browsing(), report)
        .await
        .map_err(gone_means_rebuilt)?;
    // Reading the column file and building the view over every question are each long
    // on a slow phone at 50,000 questions: in separate tasks, a tap between them is heard.
    crate::tasks::sleep(Duration::ZERO).await;
    let query = address.query.clone().filter(|query| view::is_search(query));
    if let Some(query) = &query {
        source
            .load_until_complete(|built| built.files_for_query(query), report)
            .await
            .map_err(gone_means_rebuilt)?;
    }
    // Every question and the search's pieces are in now, and question texts change neither
    // the hits nor the order: which questions show is worked out once.
    let questions = source.with_untracked(|built| {
        let hits: Option<Vec<usize>> = query.as_ref().and_then(|query| {
            let results = built.search_index()?.search(query);
            Some(results.hits.iter().map(|hit| hit.question).collect())
        });
        let orders = built
            .orders()
            .unwrap_or_else(|| Arc::new(Orders::new(built.archive())));
        let mut questions = loading::questions_on_screen(
            built.archive(),
            &orders,
            &address,
            hits.as_deref(),
            config,
        );
        questions.extend(
            named
                .as_ref()
                .and_then(|id| view::find_question(built.archive(), id)),
        );
        questions
    });
    source
        .load_until_complete(|built| built.files_for_questions(&questions), report)
        .await
        .map_err(gone_means_rebuilt)?;
    crate::tasks::sleep(Duration::ZERO).await;
    let archive = source.with_untracked(|built| Arc::clone(built.archive()));
    Ok(LoadState::Loaded(
        archive,
        Box::new(config.clone()),
        Some(source),
    ))
}

/// The settings from the element, completed by the file `data-config` names. A settings
/// file that cannot be read is reported in the console (when `warn` is set) and the
/// element's settings are used.
pub(crate) async fn read_settings(attributes: &[(String, String)], warn: bool) -> Config {
    let attribute = |name: &str| attribute(attributes, name);
    let report_warnings = |warnings: Vec<String>| {
        if warn {
            warn_all(warnings);
        }
    };
    let (from_element, warnings) = Config::from_attributes(attribute);
    let Some(url) = from_element.config_url.clone() else {
        report_warnings(warnings);
        return from_element;
    };
    let file = match fetch_text(&url).await {
        Ok(text) => config::parse_config_file(&text),
        Err(error) => Err(settings_problem(&error)),
    };
    match file {
        Ok(file) => {
            let (config, warnings) = config::from_sources(attribute, Some(&file));
            report_warnings(warnings);
            config
        }
        Err(problem) => {
            if warn {
                leptos::logging::warn!(
                    "Ask an Expert: the settings file {url} was not used: {problem}"
                );
            }
            report_warnings(warnings);
            from_element
        }
    }
}

/// The element's setting `name` (without `data-`).
pub(crate) fn attribute(attributes: &[(String, String)], name: &str) -> Option<String> {
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
        LoadError::TimedOut => format!("no data arrived for {STALL_SECONDS} seconds."),
        // Settings are never stopped; said as any other download that did not come.
        LoadError::Unreachable | LoadError::Stopped => {
            "it could not be fetched; the server may be unreachable.".to_owned()
        }
        LoadError::Unreadable(_) | LoadError::Damaged(_) => "it could not be read.".to_owned(),
    }
}

fn warn_all(warnings: Vec<String>) {
    for warning in warnings {
        leptos::logging::warn!("Ask an Expert: {warning}");
    }
}

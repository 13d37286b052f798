//! The first screen: what the smaller first bundle shows while the whole app is on its
//! way. For a built archive whose address asks for the default view, the first results
//! from the manifest alone (the same `FirstResults` the whole app shows); otherwise, or
//! until the manifest is in, the loading line. It never reports errors: the whole app
//! follows, takes its place (`dom::take_over_first_screen`, keeping what was typed) and
//! says what went wrong, if anything.

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

use ask_expert_core::archive::Archive;
use ask_expert_core::built::BuiltArchive;
use ask_expert_core::config::Config;
use ask_expert_core::loading::{self, Progress};
use ask_expert_core::url_state;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::{LoadingLine, archive_title, attribute, read_settings};
use crate::built_source::BuiltSource;
use crate::components::archive_view::CarriedOver;
use crate::components::first_results::FirstResults;
use crate::loader::{KnownManifest, fetch_manifest_bytes};
use crate::locale::{Locale, fetch_own_words};
use crate::tasks::sleep;
use crate::url_sync;

thread_local! {
    /// The manifest this screen read, handed to the whole app so it is not fetched twice.
    static MANIFEST_READ: RefCell<Option<KnownManifest>> = const { RefCell::new(None) };
}

/// What `read` takes from the manifest the first screen read, if it has read one.
pub fn with_manifest_read<T>(read: impl FnOnce(&KnownManifest) -> T) -> Option<T> {
    MANIFEST_READ.with(|manifest| manifest.borrow().as_ref().map(read))
}

/// `attributes` are the host element's `data-*` settings (names without `data-`).
#[component]
pub fn FirstScreen(attributes: Vec<(String, String)>) -> impl IntoView {
    let settings = Config::from_attributes(|name| attribute(&attributes, name)).0;
    let i18n = RwSignal::new(Locale::choose(&settings, None, None, false));
    provide_context(i18n);
    // In a task of its own while the manifest is on its way, rather than in the one that
    // paints the first results.
    spawn_local(async move {
        sleep(Duration::ZERO).await;
        i18n.with_untracked(Locale::prepare_formats);
    });
    let shown = RwSignal::new(None::<(Arc<Archive>, Config, BuiltSource)>);
    spawn_local(async move {
        let config = read_settings(&attributes, false).await;
        let own_words = fetch_own_words(&config).await;
        let manifest_url = loading::manifest_url(&config.archive_url);
        let Ok(Some(bytes)) = fetch_manifest_bytes(&manifest_url).await else {
            return;
        };
        let Ok(built) = BuiltArchive::new(&bytes) else {
            return;
        };
        MANIFEST_READ.with(|read| {
            *read.borrow_mut() = Some(KnownManifest {
                url: manifest_url.clone(),
                bytes,
            });
        });
        i18n.set(Locale::choose(
            &config,
            Some(&built.manifest().language),
            own_words.as_deref(),
            false,
        ));
        let address = url_sync::read_address(&config);
        let names_question =
            url_state::question_from_hash(&location().hash().unwrap_or_default()).is_some();
        let Some(first) = built.first_results_for(&config, &address, names_question) else {
            return;
        };
        // Only the static pages' addresses are read from it: nothing is fetched here.
        let source = BuiltSource::new(built, manifest_url, Callback::new(|()| false));
        shown.set(Some((Arc::new(first), config, source)));
    });
    view! {
        <div class="ae-app" lang=move || i18n.with(Locale::lang)>
            {move || match shown.get() {
                None => view! { <LoadingLine progress=Progress::default()/> }.into_any(),
                Some((archive, config, source)) => view! {
                    {archive_title(&archive, &config)}
                    <FirstResults archive config source early=CarriedOver::new()
                        on_search_focus=Callback::new(|()| {})/>
                }.into_any(),
            }}
        </div>
    }
}

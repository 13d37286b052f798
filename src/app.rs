//! The root component: loads the archive and shows whichever of loading, error or archive
//! applies.

use std::sync::Arc;

use ask_expert_core::archive::{Archive, DEFAULT_TITLE};
use ask_expert_core::config::Config;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::archive_view::ArchiveView;
use crate::components::error_panel::ErrorPanel;
use crate::loader::{LoadError, fetch_archive};

#[derive(Clone)]
enum LoadState {
    Loading,
    Loaded(Arc<Archive>),
    Failed(LoadError),
}

#[component]
pub fn App(config: Config) -> impl IntoView {
    let state = RwSignal::new(LoadState::Loading);
    // A retry may start while an earlier attempt is still pending; only the latest may land.
    let attempt = StoredValue::new(0u32);
    let archive_url = config.archive_url.clone();
    let config = StoredValue::new(config);
    let load = Callback::new(move |()| {
        let this_attempt = attempt.get_value() + 1;
        attempt.set_value(this_attempt);
        state.set(LoadState::Loading);
        let url = archive_url.clone();
        spawn_local(async move {
            let outcome = fetch_archive(&url).await;
            if attempt.get_value() == this_attempt {
                state.set(match outcome {
                    Ok(archive) => LoadState::Loaded(Arc::new(archive)),
                    Err(error) => LoadState::Failed(error),
                });
            }
        });
    });
    load.run(());

    let title = move || match state.get() {
        LoadState::Loaded(archive) => archive.title.clone(),
        _ => DEFAULT_TITLE.to_owned(),
    };
    view! {
        <div class="ae-app">
            <h1 class="ae-title">{title}</h1>
            {move || match state.get() {
                LoadState::Loading => view! {
                    <p class="ae-loading" role="status">"Loading questions…"</p>
                }.into_any(),
                LoadState::Failed(error) => view! { <ErrorPanel error on_retry=load/> }.into_any(),
                LoadState::Loaded(archive) => view! { <ArchiveView archive config=config.get_value()/> }.into_any(),
            }}
        </div>
    }
}

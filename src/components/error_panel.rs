//! Says why the archive could not be loaded, and offers to try again.

use leptos::prelude::*;

use crate::loader::LoadError;

/// The panel's id; focus comes here when a retry fails again.
pub const LOAD_ERROR_ID: &str = "ae-load-error";

#[component]
pub fn ErrorPanel(error: LoadError, on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="ae-notice ae-notice--error" role="alert" id=LOAD_ERROR_ID tabindex="-1">
            <p class="ae-notice__title">"The questions could not be loaded."</p>
            <p>{error.to_string()}</p>
            <button type="button" class="ae-button" on:click=move |_| on_retry.run(())>
                "Retry"
            </button>
        </div>
    }
}

use leptos::prelude::*;

use crate::loader::LoadError;

/// Says why the archive could not be shown, and offers to try again.
#[component]
pub fn ErrorPanel(error: LoadError, on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="ae-notice ae-notice--error" role="alert">
            <p class="ae-notice__title">"The questions could not be loaded."</p>
            <p>{error.to_string()}</p>
            <button type="button" class="ae-button" on:click=move |_| on_retry.run(())>"Retry"</button>
        </div>
    }
}

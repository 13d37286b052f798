//! Says why the archive could not be loaded, and offers to try again.

use ask_expert_core::locale::Arg;
use leptos::prelude::*;

use ask_expert_core::loading::STALL_SECONDS;

use crate::loader::LoadError;
use crate::locale::{I18n, use_strings};

/// The panel's id; focus comes here when a retry fails again.
pub const LOAD_ERROR_ID: &str = "ae-load-error";

#[component]
pub fn ErrorPanel(error: LoadError, on_retry: Callback<()>) -> impl IntoView {
    let i18n = use_strings();
    view! {
        <div class="ae-notice ae-notice--error" role="alert" id=LOAD_ERROR_ID tabindex="-1">
            <p class="ae-notice__title">{i18n.text("load.title")}</p>
            <p>{error_text(&i18n, &error)}</p>
            <button type="button" class="ae-button" on:click=move |_| on_retry.run(())>
                {i18n.text("load.retry")}
            </button>
        </div>
    }
}

/// What went wrong, in the visitor's language.
fn error_text(i18n: &I18n, error: &LoadError) -> String {
    match error {
        LoadError::NotFound => i18n.text("load.not_found"),
        LoadError::ServerError(status) => i18n.format(
            "load.server_error",
            &[("status", Arg::Text(&status.to_string()))],
        ),
        LoadError::Refused(status) => i18n.format(
            "load.refused",
            &[("status", Arg::Text(&status.to_string()))],
        ),
        LoadError::TimedOut => i18n.format(
            "load.timed_out",
            &[("seconds", Arg::Count(STALL_SECONDS as usize))],
        ),
        // Only search pieces are stopped, and they never reach this panel.
        LoadError::Unreachable | LoadError::Stopped => i18n.text("load.unreachable"),
        LoadError::Unreadable(problem) => i18n.format(
            "load.unreadable",
            &[("detail", Arg::Text(&problem.to_string()))],
        ),
        LoadError::Damaged(problem) => {
            i18n.format("load.damaged", &[("detail", Arg::Text(problem))])
        }
    }
}

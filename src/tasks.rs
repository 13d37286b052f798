//! Waiting in the browser without blocking it.

use std::time::Duration;

use leptos::prelude::window;

/// Resolves after `duration`; with zero, after the browser has handled pending input and
/// painted, which is how long work is split so typing never freezes.
pub async fn sleep(duration: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let milliseconds = i32::try_from(duration.as_millis()).unwrap_or(i32::MAX);
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, milliseconds);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

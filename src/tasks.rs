//! Time in the browser: waiting without blocking it, and limits on how long a request may take.

use std::time::Duration;

use leptos::prelude::window;

/// Resolves after `duration`; with zero, after the browser has handled pending input and
/// painted, which is how long work is split so typing never freezes.
pub async fn sleep(duration: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let milliseconds = i32::try_from(duration.as_millis()).unwrap_or(i32::MAX);
        let _ =
            window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, milliseconds);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A time limit for one request: aborts it when the time is up, and remembers whether that
/// is why it failed. The timer is cleared when the limit is dropped.
pub struct TimeLimit {
    controller: web_sys::AbortController,
    timed_out: std::rc::Rc<std::cell::Cell<bool>>,
    timer: Option<leptos::prelude::TimeoutHandle>,
}

impl TimeLimit {
    /// `None` when the browser cannot abort requests.
    pub fn start(limit: Duration) -> Option<TimeLimit> {
        let controller = web_sys::AbortController::new().ok()?;
        let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
        let timer = {
            let (controller, timed_out) = (controller.clone(), std::rc::Rc::clone(&timed_out));
            leptos::prelude::set_timeout_with_handle(
                move || {
                    timed_out.set(true);
                    controller.abort();
                },
                limit,
            )
            .ok()
        };
        Some(TimeLimit {
            controller,
            timed_out,
            timer,
        })
    }

    /// The signal to hand the request.
    pub fn signal(&self) -> web_sys::AbortSignal {
        self.controller.signal()
    }

    pub fn timed_out(&self) -> bool {
        self.timed_out.get()
    }
}

impl Drop for TimeLimit {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
    }
}

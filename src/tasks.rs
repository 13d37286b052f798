//! Time in the browser: waiting without blocking it, following a value once it stops
//! changing, limits on how long a request may take, and on how long a download may go
//! without a byte arriving.

use std::time::Duration;

use leptos::prelude::*;

/// Resolves after `duration`. With zero it resolves as a new task, after the events already
/// queued (keystrokes among them) have been handled; it does not wait for a paint. That is
/// how long work is split so typing never freezes.
pub async fn sleep(duration: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let milliseconds = i32::try_from(duration.as_millis()).unwrap_or(i32::MAX);
        let _ =
            window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, milliseconds);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// `source`, followed only once it has stayed the same for `delay`: each change restarts the
/// wait. With zero, it follows as soon as the events already queued have been handled, so
/// a burst of keystrokes is followed once. Values for which `at_once` holds are followed
/// without waiting (an emptied search box needs no pause).
pub fn debounced<T>(
    source: impl Fn() -> T + Send + Sync + 'static,
    delay: Duration,
    at_once: fn(&T) -> bool,
) -> ReadSignal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let (settled, set_settled) = signal(untrack(&source));
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let value = source();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let now = at_once(&value);
        // The timer may fire after its owner is gone (a field removed while its count
        // waited to be announced): there is nothing to follow then.
        let follow = move || {
            if settled.try_with_untracked(|settled| *settled != value) == Some(true) {
                set_settled.try_set(value);
            }
        };
        if now {
            pending.set_value(None);
            follow();
        } else {
            pending.set_value(set_timeout_with_handle(follow, delay).ok());
        }
    });
    settled
}

/// A time limit for one request: aborts it once `limit` passes with nothing new, and
/// remembers that this is why it failed. A post gets one limit for the whole exchange; a
/// download calls `restart` for each chunk that arrives, so one that keeps coming is never
/// cut off and only a stall is. The timer is cleared when the limit is dropped.
pub struct TimeLimit {
    controller: web_sys::AbortController,
    expired: std::rc::Rc<std::cell::Cell<bool>>,
    limit: Duration,
    timer: Option<TimeoutHandle>,
}

impl TimeLimit {
    /// `None` when the browser cannot abort requests.
    pub fn start(limit: Duration) -> Option<TimeLimit> {
        TimeLimit::start_with(web_sys::AbortController::new().ok()?, limit)
    }

    /// A limit on a request that `controller` may also stop for another reason (the page no
    /// longer needs it): `stopped` tells the two apart.
    pub fn start_with(controller: web_sys::AbortController, limit: Duration) -> Option<TimeLimit> {
        let mut time_limit = TimeLimit {
            controller,
            expired: std::rc::Rc::new(std::cell::Cell::new(false)),
            limit,
            timer: None,
        };
        time_limit.restart();
        Some(time_limit)
    }

    /// Something arrived: the wait starts again.
    pub fn restart(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
        let (controller, expired) = (self.controller.clone(), std::rc::Rc::clone(&self.expired));
        self.timer = set_timeout_with_handle(
            move || {
                expired.set(true);
                controller.abort();
            },
            self.limit,
        )
        .ok();
    }

    /// The signal to hand the request.
    pub fn signal(&self) -> web_sys::AbortSignal {
        self.controller.signal()
    }

    /// True when the request was aborted because the limit passed.
    pub fn expired(&self) -> bool {
        self.expired.get()
    }

    /// True when the request was aborted for another reason than the limit.
    pub fn stopped(&self) -> bool {
        self.controller.signal().aborted() && !self.expired()
    }
}

impl Drop for TimeLimit {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
    }
}

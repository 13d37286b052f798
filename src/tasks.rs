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

/// A time limit for one request: aborts it when the time is up, and remembers whether that
/// is why it failed. The timer is cleared when the limit is dropped.
pub struct TimeLimit {
    controller: web_sys::AbortController,
    timed_out: std::rc::Rc<std::cell::Cell<bool>>,
    timer: Option<TimeoutHandle>,
}

impl TimeLimit {
    /// `None` when the browser cannot abort requests.
    pub fn start(limit: Duration) -> Option<TimeLimit> {
        let controller = web_sys::AbortController::new().ok()?;
        let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
        let timer = {
            let (controller, timed_out) = (controller.clone(), std::rc::Rc::clone(&timed_out));
            set_timeout_with_handle(
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

/// A download's watchdog: aborts it once nothing has arrived for `limit`, and remembers
/// that this is why it failed. Each chunk that arrives (`arrived`) starts the wait again, so
/// a slow download that keeps coming is never cut off.
pub struct Stall {
    controller: web_sys::AbortController,
    stalled: std::rc::Rc<std::cell::Cell<bool>>,
    limit: Duration,
    timer: Option<TimeoutHandle>,
}

impl Stall {
    /// `None` when the browser cannot abort requests.
    pub fn start(limit: Duration) -> Option<Stall> {
        let mut stall = Stall {
            controller: web_sys::AbortController::new().ok()?,
            stalled: std::rc::Rc::new(std::cell::Cell::new(false)),
            limit,
            timer: None,
        };
        stall.arrived();
        Some(stall)
    }

    /// Something arrived: the wait starts again.
    pub fn arrived(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
        let (controller, stalled) = (self.controller.clone(), std::rc::Rc::clone(&self.stalled));
        self.timer = set_timeout_with_handle(
            move || {
                stalled.set(true);
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

    pub fn stalled(&self) -> bool {
        self.stalled.get()
    }
}

impl Drop for Stall {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
    }
}

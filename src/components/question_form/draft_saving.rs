//! The draft kept in the browser while it is unsent: restored when the form appears,
//! saved on every change, forgotten once sent or emptied, and the visitor's choice of
//! keeping it on this device.

use ask_expert_core::question_form::Draft;
use leptos::prelude::*;

use super::FormState;
use crate::draft_store::DraftStore;
use crate::locale::use_strings;

#[component]
pub(super) fn DraftSaving(archive_url: String) -> impl IntoView {
    let form = expect_context::<FormState>();
    let draft = form.draft;
    let store = StoredValue::new_local(DraftStore::new(&archive_url));
    let keep_on_device = RwSignal::new(false);
    if let Some((saved, kept)) = store.with_value(DraftStore::load) {
        if draft.with_untracked(Draft::is_blank) {
            draft.set(saved);
        }
        keep_on_device.set(kept);
    }
    Effect::new(move |_| {
        let keep = keep_on_device.get();
        draft.with(|draft| {
            store.with_value(|store| {
                if draft.is_blank() {
                    store.clear()
                } else {
                    store.save(draft, keep)
                }
            })
        });
    });
    view! {
        <div class="ae-check">
            <input class="ae-check__input" type="checkbox" id="ae-ask-keep"
                prop:checked=move || keep_on_device.get()
                on:change=move |event| keep_on_device.set(event_target_checked(&event))/>
            <label class="ae-check__label" for="ae-ask-keep">
                {use_strings().text("form.keep_draft")}
            </label>
        </div>
    }
}

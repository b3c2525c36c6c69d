use leptos::prelude::*;

/// A labelled text field with its limits stated up front and its error tied to it for assistive
/// technology (`aria-describedby`, `aria-invalid`).
#[component]
pub fn FormField(
    /// The input's id; the hint and error ids derive from it.
    id: &'static str,
    label: &'static str,
    /// The field's rules, shown before the reader types.
    hint: &'static str,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    /// Checks the field when the reader leaves it.
    on_blur: Callback<()>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// A textarea instead of a one-line input.
    #[prop(optional)]
    multiline: bool,
    /// Extra live text under the field, such as a character count.
    #[prop(optional, into)]
    note: Option<Signal<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if error.read().is_some() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    let invalid = move || error.read().is_some().then_some("true");
    // `try_run`: removing a focused field (when the form moves to its next step) fires a last blur
    // after the step's callbacks are gone.
    let input = move |event: leptos::ev::Event| {
        on_input.try_run(event_target_value(&event));
    };
    // Leaving for a button skips the check: its message would push the button away mid-click, and
    // the button's own action checks the form anyway.
    let blur = move |event: leptos::ev::FocusEvent| {
        let to_button = event
            .related_target()
            .and_then(|target| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(target).ok())
            .is_some_and(|element| element.tag_name() == "BUTTON");
        if !to_button {
            on_blur.try_run(());
        }
    };
    let control = if multiline {
        view! {
            <textarea
                id=id
                name=id
                rows="8"
                aria-describedby=described_by
                aria-invalid=invalid
                prop:value=value
                on:input=input
                on:blur=blur
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                aria-describedby=described_by
                aria-invalid=invalid
                prop:value=value
                on:input=input
                on:blur=blur
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:field-invalid=move || error.read().is_some()>
            <label for=id>{label}</label>
            <p class="field-hint" id=hint_id>
                {hint}
            </p>
            {control}
            {note
                .map(|note| {
                    view! {
                        <p class="field-note" aria-live="polite">
                            {note}
                        </p>
                    }
                })}
            <p class="field-error" id=error_id>
                {move || error.get()}
            </p>
        </div>
    }
}

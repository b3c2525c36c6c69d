//! The views of the contact flow's steps, over the shared `Flow`.

use leptos::{ev, prelude::*};

use super::{focus, Binding, Flow, Outcome, Request};
use crate::components::FormField;
use crate::contact::client::ServiceError;
use crate::contact::draft::{Draft, Step};
use crate::contact::wait_in_words;
use gazette_core::contact::field::Field;

/// Step 1: name and email, then a code is sent.
#[component]
pub(super) fn DetailsStep(flow: Flow) -> impl IntoView {
    let Binding {
        value: name,
        on_input: name_input,
        on_blur: name_blur,
        error: name_error,
    } = flow.bind(Field::Name);
    let Binding {
        value: email,
        on_input: email_input,
        on_blur: email_blur,
        error: email_error,
    } = flow.bind(Field::Email);
    let next = move |event: ev::SubmitEvent| {
        event.prevent_default();
        if flow.valid(&[Field::Name, Field::Email]) {
            flow.run(Request::Start);
        }
    };
    view! {
        <form class="contact-form" novalidate on:submit=next>
            <h2 id="step-heading" tabindex="-1">
                "Step 1 of 3: who you are"
            </h2>
            <FormField
                id="name"
                label="Your name"
                hint="1 to 100 characters."
                autocomplete="name"
                value=name
                on_input=name_input
                on_blur=name_blur
                error=name_error
            />
            <FormField
                id="email"
                label="Your email address"
                kind="email"
                autocomplete="email"
                hint="We'll send a 6-digit code to check it's yours."
                value=email
                on_input=email_input
                on_blur=email_blur
                error=email_error
            />
            <button type="submit" disabled=move || flow.busy()>
                "Next"
            </button>
        </form>
    }
}

/// Step 2: the emailed code, with a resend after a cooldown and a way back to change the address.
#[component]
pub(super) fn CodeStep(flow: Flow) -> impl IntoView {
    let Binding {
        value,
        on_input,
        on_blur,
        error,
    } = flow.bind(Field::Code);
    let verify = move |event: ev::SubmitEvent| {
        event.prevent_default();
        if flow.valid(&[Field::Code]) {
            let digits = Field::Code
                .check(&flow.code.get_untracked())
                .unwrap_or_default();
            flow.run(Request::Confirm(digits));
        }
    };
    let wait = move || {
        flow.draft
            .with(|draft| draft.resend_at)
            .saturating_sub(flow.now.get())
            .div_ceil(1000)
    };
    let change_email = move |_| {
        flow.draft.update(|draft| {
            draft.step = Step::Details;
            draft.verification = None;
        });
        flow.outcome.set(Outcome::Quiet);
        focus(Field::Email.id());
    };
    view! {
        <form class="contact-form" novalidate on:submit=verify>
            <h2 id="step-heading" tabindex="-1">
                "Step 2 of 3: check your email"
            </h2>
            <p>
                "Enter the code we sent to "
                <strong>{move || flow.draft.with(|draft| draft.email.clone())}</strong> "."
            </p>
            <FormField
                id="code"
                label="Verification code"
                hint="6 digits; spaces and dashes are fine."
                autocomplete="one-time-code"
                inputmode="numeric"
                value
                on_input
                on_blur
                error
            />
            <div class="form-actions">
                <button type="submit" disabled=move || flow.busy()>
                    "Verify"
                </button>
                <button
                    type="button"
                    class="secondary"
                    disabled=move || flow.busy() || (wait() > 0)
                    on:click=move |_| flow.run(Request::Resend)
                >
                    {move || match wait() {
                        0 => "Resend code".to_owned(),
                        seconds => format!("Resend code in {}", wait_in_words(seconds)),
                    }}
                </button>
                <button type="button" class="secondary" on:click=change_email>
                    "Change email address"
                </button>
            </div>
        </form>
    }
}

/// Step 3: the message, with a live character count.
#[component]
pub(super) fn MessageStep(flow: Flow) -> impl IntoView {
    let Binding {
        value: subject,
        on_input: subject_input,
        on_blur: subject_blur,
        error: subject_error,
    } = flow.bind(Field::Subject);
    let Binding {
        value: message,
        on_input: message_input,
        on_blur: message_blur,
        error: message_error,
    } = flow.bind(Field::Message);
    let count = Signal::derive(move || {
        let used = flow
            .draft
            .with(|draft| draft.message.trim().chars().count());
        format!("{used} of 5,000 characters")
    });
    let send = move |event: ev::SubmitEvent| {
        event.prevent_default();
        if flow.valid(&[Field::Subject, Field::Message]) {
            if flow.draft.with_untracked(|draft| draft.send_key.is_empty()) {
                flow.draft
                    .update(|draft| draft.send_key = crate::contact::draft::new_key());
            }
            flow.run(Request::Send);
        }
    };
    view! {
        <form class="contact-form" novalidate on:submit=send>
            <h2 id="step-heading" tabindex="-1">
                "Step 3 of 3: your message"
            </h2>
            <FormField
                id="subject"
                label="Subject (optional)"
                hint="Up to 200 characters."
                value=subject
                on_input=subject_input
                on_blur=subject_blur
                error=subject_error
            />
            <FormField
                id="message"
                label="Message"
                hint="10 to 5,000 characters."
                multiline=true
                value=message
                on_input=message_input
                on_blur=message_blur
                error=message_error
                note=count
            />
            <button type="submit" disabled=move || flow.busy()>
                "Send"
            </button>
        </form>
    }
}

/// The confirmation, with what was sent.
#[component]
pub(super) fn SentMessage(flow: Flow, message: Draft) -> impl IntoView {
    let another = move |_| {
        flow.sent.set(None);
        focus(Field::Name.id());
    };
    let subject = if message.subject.trim().is_empty() {
        "(none)".to_owned()
    } else {
        message.subject
    };
    view! {
        <section class="contact-sent" aria-labelledby="step-heading">
            <h2 id="step-heading" tabindex="-1">
                "Message sent"
            </h2>
            <p>
                "Thank you, " {message.name} ". The newsroom has your message and will reply to "
                <strong>{message.email}</strong> "."
            </p>
            <dl>
                <dt>"Subject"</dt>
                <dd>{subject}</dd>
                <dt>"Message"</dt>
                <dd class="sent-message">{message.message}</dd>
            </dl>
            <button type="button" on:click=another>
                "Write another message"
            </button>
        </section>
    }
}

/// What the last request did: progress and notices politely, failures as an alert with Retry.
#[component]
pub(super) fn FlowStatus(flow: Flow) -> impl IntoView {
    move || match flow.outcome.get() {
        Outcome::Quiet => ().into_any(),
        Outcome::Busy => view! {
            <p class="form-status" role="status">
                "Working…"
            </p>
        }
        .into_any(),
        Outcome::Notice(words) => view! {
            <p class="form-status" role="status">
                {words}
            </p>
        }
        .into_any(),
        Outcome::Failed(error) => {
            let offline = matches!(error, ServiceError::Unreachable(_));
            let kept = (flow.step.get() == Step::Message).then_some(if offline {
                " Your message is saved here and will be sent when you're back online."
            } else {
                " Your message is saved here."
            });
            // A rate limit counts down on the button, which stays focusable while it waits.
            let waiting = move || flow.retry_wait() > 0;
            view! {
                <div class="notice notice-error" role="alert">
                    <p>{error.to_string()} {kept}</p>
                    <button
                        type="button"
                        id="flow-retry"
                        aria-disabled=move || waiting().then_some("true")
                        on:click=move |_| flow.retry()
                    >
                        {move || match flow.retry_wait() {
                            0 => "Retry".to_owned(),
                            seconds => format!("Retry in {}", wait_in_words(seconds)),
                        }}
                    </button>
                </div>
            }
            .into_any()
        }
    }
}

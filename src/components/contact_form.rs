//! The contact flow: details, then the emailed code, then the message. The draft is saved on every
//! change; a failed send keeps it and tries again when the connection returns.

use leptos::{ev, prelude::*, task::spawn_local};
use std::{collections::HashMap, time::Duration};
use web_sys::js_sys::Date;

use super::FormField;
use crate::contact::client::{Service, ServiceError};
use crate::contact::draft::{self, Draft, Step};
use crate::contact::protocol::SendMessage;
use crate::contact::validate;

/// Error messages shown beside fields, by field id.
type Errors = HashMap<&'static str, String>;

/// The request the reader last made of the service, kept so Retry (or coming back online) repeats it.
#[derive(Clone, PartialEq)]
enum Request {
    Start,
    Confirm(String),
    Resend,
    Send,
}

/// How the last request went.
#[derive(Clone, PartialEq)]
enum Outcome {
    Quiet,
    Busy,
    Notice(String),
    Failed(ServiceError),
}

fn text_of(draft: &Draft, field: &str) -> String {
    match field {
        "name" => draft.name.clone(),
        "email" => draft.email.clone(),
        "subject" => draft.subject.clone(),
        _ => draft.message.clone(),
    }
}

fn set_text(draft: &mut Draft, field: &str, value: String) {
    match field {
        "name" => draft.name = value,
        "email" => draft.email = value,
        "subject" => draft.subject = value,
        _ => draft.message = value,
    }
}

fn check(field: &str, value: &str) -> Result<String, &'static str> {
    match field {
        "name" => validate::name(value),
        "email" => validate::email(value),
        "subject" => validate::subject(value),
        "code" => validate::code(value),
        _ => validate::message(value),
    }
}

/// Words for a refusal the reader can act on.
fn refusal(error: &ServiceError) -> Option<(&'static str, String)> {
    let ServiceError::Rejected(rejection) = error else {
        return None;
    };
    let field = match rejection.field.as_deref()? {
        "name" => "name",
        "email" => "email",
        "code" => "code",
        "subject" => "subject",
        "message" => "message",
        _ => return None,
    };
    let words = match (field, rejection.reason.as_str()) {
        ("code", "wrong") => {
            "That code isn't right. Check the email we sent and try again.".to_owned()
        }
        ("code", "expired") => {
            "This code has expired. Use \u{201c}Resend code\u{201d} to get a new one.".to_owned()
        }
        _ if !rejection.message.is_empty() => rejection.message.clone(),
        _ => "The contact service did not accept this.".to_owned(),
    };
    Some((field, words))
}

/// The time (ms since the epoch) `seconds` from now.
fn after_seconds(seconds: u32) -> u64 {
    Date::now() as u64 + u64::from(seconds) * 1000
}

fn focus(id: &'static str) {
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(id) {
            if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
                let _ = element.focus();
            }
        }
    });
}

/// The three-step contact form, talking to `service`.
#[component]
pub fn ContactForm(service: Service) -> impl IntoView {
    let draft = RwSignal::new(draft::load());
    Effect::new(move || draft.with(draft::save));
    // Views switch on the step alone, not on every keystroke in the draft.
    let step = Memo::new(move |_| draft.with(|draft| draft.step));
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(Errors::new());
    let outcome = RwSignal::new(Outcome::Quiet);
    let last = StoredValue::new(None::<Request>);
    let sent = RwSignal::new(None::<Draft>);
    let service = StoredValue::new(service);
    let now = RwSignal::new(Date::now() as u64);
    if let Ok(ticker) = set_interval_with_handle(
        move || now.set(Date::now() as u64),
        Duration::from_millis(500),
    ) {
        on_cleanup(move || ticker.clear());
    }

    let value_of = move |field: &'static str| -> String {
        if field == "code" {
            code.get()
        } else {
            draft.with(|draft| text_of(draft, field))
        }
    };
    let show = move |field: &'static str, result: Result<String, &'static str>| {
        errors.update(|errors| match result {
            Ok(_) => {
                errors.remove(field);
            }
            Err(message) => {
                errors.insert(field, message.to_owned());
            }
        });
    };
    // Checks every field of a step, shows what is wrong and focuses the first invalid field.
    let valid = move |fields: &[&'static str]| -> bool {
        let mut first_invalid = None;
        for &field in fields {
            let result = check(field, &value_of(field));
            if result.is_err() && first_invalid.is_none() {
                first_invalid = Some(field);
            }
            show(field, result);
        }
        if let Some(field) = first_invalid {
            focus(field);
        }
        first_invalid.is_none()
    };

    let finish = move |request: Request, result: Result<(), ServiceError>| match result {
        Ok(()) => {
            if outcome.get_untracked() == Outcome::Busy {
                outcome.set(Outcome::Quiet);
            }
        }
        Err(error) => {
            if let ServiceError::RateLimited(seconds) = error {
                if request == Request::Resend {
                    draft.update(|draft| draft.resend_at = after_seconds(seconds));
                }
            }
            if let Some((field, words)) = refusal(&error) {
                errors.update(|errors| {
                    errors.insert(field, words);
                });
                outcome.set(Outcome::Quiet);
                focus(field);
            } else {
                outcome.set(Outcome::Failed(error));
            }
        }
    };

    let run = move |request: Request| {
        if outcome.get_untracked() == Outcome::Busy {
            return; // a double click, or Retry while a request is in flight
        }
        last.set_value(Some(request.clone()));
        outcome.set(Outcome::Busy);
        let current = draft.get_untracked();
        let service = service.get_value();
        spawn_local(async move {
            let result = match request.clone() {
                Request::Start => service
                    .start(
                        current.name.trim(),
                        &validate::sanitise_email(&current.email),
                    )
                    .await
                    .map(|started| {
                        draft.update(|draft| {
                            draft.email = validate::sanitise_email(&draft.email);
                            draft.verification = Some(started.verification);
                            draft.step = Step::Code;
                            draft.resend_at = after_seconds(started.resend_after);
                        });
                        outcome.set(Outcome::Notice(format!(
                            "We sent a code to {}.",
                            current.email.trim()
                        )));
                        code.set(String::new());
                        focus("step-heading");
                    }),
                Request::Resend => {
                    let verification = current.verification.clone().unwrap_or_default();
                    service.resend(&verification).await.map(|started| {
                        draft.update(|draft| {
                            draft.verification = Some(started.verification);
                            draft.resend_at = after_seconds(started.resend_after);
                        });
                        outcome.set(Outcome::Notice(format!(
                            "We sent a new code to {}.",
                            current.email
                        )));
                    })
                }
                Request::Confirm(digits) => {
                    let verification = current.verification.clone().unwrap_or_default();
                    service
                        .confirm(&verification, &digits)
                        .await
                        .map(|verified| {
                            draft.update(|draft| {
                                draft.token = Some(verified.token);
                                draft.step = Step::Message;
                            });
                            outcome.set(Outcome::Notice(format!("{} is verified.", current.email)));
                            focus("step-heading");
                        })
                }
                Request::Send => {
                    let message = SendMessage {
                        token: current.token.clone().unwrap_or_default(),
                        subject: current.subject.trim().to_owned(),
                        message: current.message.trim().to_owned(),
                    };
                    service.send(&message, &current.send_key).await.map(|_| {
                        sent.set(Some(current.clone()));
                        draft.set(Draft::default());
                        draft::clear();
                        outcome.set(Outcome::Quiet);
                        focus("step-heading");
                    })
                }
            };
            finish(request, result);
        });
    };

    // Back online: repeat a request that failed for want of a connection.
    let online = window_event_listener(ev::online, move |_| {
        if let Outcome::Failed(ServiceError::Unreachable(_)) = outcome.get_untracked() {
            if let Some(request) = last.get_value() {
                outcome.set(Outcome::Quiet);
                run(request);
            }
        }
    });
    on_cleanup(move || online.remove());

    let field = move |field: &'static str| {
        let value = Signal::derive(move || value_of(field));
        let on_input = Callback::new(move |text: String| {
            if field == "code" {
                code.set(text.clone());
            } else {
                draft.update(|draft| set_text(draft, field, text.clone()));
            }
            if errors.with_untracked(|errors| errors.contains_key(field)) {
                show(field, check(field, &text));
            }
        });
        let on_blur = Callback::new(move |()| {
            let text = value_of(field);
            if !text.trim().is_empty() || errors.with_untracked(|errors| errors.contains_key(field))
            {
                show(field, check(field, &text));
            }
        });
        let error = Signal::derive(move || errors.with(|errors| errors.get(field).cloned()));
        (value, on_input, on_blur, error)
    };

    let busy = move || outcome.get() == Outcome::Busy;
    let status = move || match outcome.get() {
        Outcome::Quiet => ().into_any(),
        Outcome::Busy => view! { <p class="form-status" role="status">"Working…"</p> }.into_any(),
        Outcome::Notice(words) => {
            view! { <p class="form-status" role="status">{words}</p> }.into_any()
        }
        Outcome::Failed(error) => {
            let offline = matches!(error, ServiceError::Unreachable(_));
            let kept = (step.get() == Step::Message).then_some(if offline {
                " Your message is saved here and will be sent when you're back online."
            } else {
                " Your message is saved here."
            });
            let retry = move |_| {
                if let Some(request) = last.get_value() {
                    outcome.set(Outcome::Quiet);
                    run(request);
                }
            };
            view! {
                <div class="notice notice-error" role="alert">
                    <p>{error.to_string()} {kept}</p>
                    <button type="button" on:click=retry>"Retry"</button>
                </div>
            }
            .into_any()
        }
    };

    let details = move || {
        let (name, name_input, name_blur, name_error) = field("name");
        let (email, email_input, email_blur, email_error) = field("email");
        let next = move |event: ev::SubmitEvent| {
            event.prevent_default();
            if valid(&["name", "email"]) {
                run(Request::Start);
            }
        };
        view! {
            <form class="contact-form" novalidate on:submit=next>
                <h2 id="step-heading" tabindex="-1">"Step 1 of 3: who you are"</h2>
                <FormField id="name" label="Your name" hint="1 to 100 characters." autocomplete="name"
                    value=name on_input=name_input on_blur=name_blur error=name_error/>
                <FormField id="email" label="Your email address" kind="email" autocomplete="email"
                    hint="We'll send a 6-digit code to check it's yours."
                    value=email on_input=email_input on_blur=email_blur error=email_error/>
                <button type="submit" disabled=busy>"Next"</button>
            </form>
        }
    };

    let verify = move || {
        let (digits, code_input, code_blur, code_error) = field("code");
        let submit = move |event: ev::SubmitEvent| {
            event.prevent_default();
            if valid(&["code"]) {
                run(Request::Confirm(
                    check("code", &code.get_untracked()).unwrap_or_default(),
                ));
            }
        };
        let wait = move || {
            draft
                .with(|draft| draft.resend_at)
                .saturating_sub(now.get())
                .div_ceil(1000)
        };
        let change = move |_| {
            draft.update(|draft| {
                draft.step = Step::Details;
                draft.verification = None;
            });
            outcome.set(Outcome::Quiet);
            focus("email");
        };
        view! {
            <form class="contact-form" novalidate on:submit=submit>
                <h2 id="step-heading" tabindex="-1">"Step 2 of 3: check your email"</h2>
                <p>"Enter the code we sent to " <strong>{move || draft.with(|draft| draft.email.clone())}</strong> "."</p>
                <FormField id="code" label="Verification code" hint="6 digits; spaces and dashes are fine."
                    autocomplete="one-time-code" inputmode="numeric"
                    value=digits on_input=code_input on_blur=code_blur error=code_error/>
                <div class="form-actions">
                    <button type="submit" disabled=busy>"Verify"</button>
                    <button type="button" class="secondary" disabled=move || busy() || (wait() > 0)
                        on:click=move |_| run(Request::Resend)>
                        {move || match wait() {
                            0 => "Resend code".to_owned(),
                            seconds => format!("Resend code in {seconds} s"),
                        }}
                    </button>
                    <button type="button" class="secondary" on:click=change>"Change email address"</button>
                </div>
            </form>
        }
    };

    let compose = move || {
        let (subject, subject_input, subject_blur, subject_error) = field("subject");
        let (message, message_input, message_blur, message_error) = field("message");
        let count = Signal::derive(move || {
            let used = draft.with(|draft| draft.message.trim().chars().count());
            format!("{used} of 5,000 characters")
        });
        let send = move |event: ev::SubmitEvent| {
            event.prevent_default();
            if valid(&["subject", "message"]) {
                if draft.with_untracked(|draft| draft.send_key.is_empty()) {
                    draft.update(|draft| draft.send_key = draft::new_key());
                }
                run(Request::Send);
            }
        };
        view! {
            <form class="contact-form" novalidate on:submit=send>
                <h2 id="step-heading" tabindex="-1">"Step 3 of 3: your message"</h2>
                <FormField id="subject" label="Subject (optional)" hint="Up to 200 characters."
                    value=subject on_input=subject_input on_blur=subject_blur error=subject_error/>
                <FormField id="message" label="Message" hint="10 to 5,000 characters." multiline=true
                    value=message on_input=message_input on_blur=message_blur error=message_error note=count/>
                <button type="submit" disabled=busy>"Send"</button>
            </form>
        }
    };

    let confirmation = move |message: Draft| {
        let another = move |_| {
            sent.set(None);
            draft.update(|draft| draft.step = Step::Details);
            focus("name");
        };
        view! {
            <section class="contact-sent" aria-labelledby="step-heading">
                <h2 id="step-heading" tabindex="-1">"Message sent"</h2>
                <p>"Thank you, " {message.name.clone()} ". The newsroom has your message and will reply to "
                    <strong>{message.email.clone()}</strong> "."</p>
                <dl>
                    <dt>"Subject"</dt><dd>{if message.subject.trim().is_empty() { "(none)".to_owned() } else { message.subject.clone() }}</dd>
                    <dt>"Message"</dt><dd class="sent-message">{message.message.clone()}</dd>
                </dl>
                <button type="button" on:click=another>"Write another message"</button>
            </section>
        }
    };

    view! {
        {move || match sent.get() {
            Some(message) => confirmation(message).into_any(),
            None => match step.get() {
                Step::Details => details().into_any(),
                Step::Code => verify().into_any(),
                Step::Message => compose().into_any(),
            },
        }}
        {status}
    }
}

//! The contact flow: details, then the emailed code, then the message. The draft is saved on every
//! change; a failed send keeps it and tries again when the connection returns.

mod steps;

use leptos::{ev, prelude::*, task::spawn_local};
use std::{collections::HashMap, time::Duration};
use web_sys::js_sys::Date;

use crate::contact::client::{Service, ServiceError};
use crate::contact::draft::{self, Draft, Step};
use gazette_core::contact::field::Field;
use gazette_core::contact::protocol::SendMessage;
use gazette_core::contact::validate;
use steps::{CodeStep, DetailsStep, FlowStatus, MessageStep, SentMessage};

/// A request to the service, kept so Retry (or coming back online) can repeat it.
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

/// A field's value, input and blur handlers and error, ready for a `FormField`.
struct Binding {
    value: Signal<String>,
    on_input: Callback<String>,
    on_blur: Callback<()>,
    error: Signal<Option<String>>,
}

/// The form's state, shared by its steps.
#[derive(Clone, Copy)]
struct Flow {
    draft: RwSignal<Draft>,
    /// Views switch on the step alone, not on every keystroke in the draft.
    step: Memo<Step>,
    /// The code is typed, never saved: it is short-lived and useless after a reload.
    code: RwSignal<String>,
    errors: RwSignal<HashMap<Field, String>>,
    outcome: RwSignal<Outcome>,
    last: StoredValue<Option<Request>>,
    sent: RwSignal<Option<Draft>>,
    service: StoredValue<Service>,
    /// Ms since the epoch, ticking, for the resend cooldown.
    now: RwSignal<u64>,
    /// When (ms since the epoch) a rate-limited request may be retried.
    retry_at: RwSignal<u64>,
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

impl Flow {
    fn new(service: Service) -> Self {
        let draft = RwSignal::new(draft::load());
        Effect::new(move || draft.with(draft::save));
        let now = RwSignal::new(Date::now() as u64);
        if let Ok(ticker) = set_interval_with_handle(
            move || now.set(Date::now() as u64),
            Duration::from_millis(500),
        ) {
            on_cleanup(move || ticker.clear());
        }
        Self {
            draft,
            step: Memo::new(move |_| draft.with(|draft| draft.step)),
            code: RwSignal::new(String::new()),
            errors: RwSignal::new(HashMap::new()),
            outcome: RwSignal::new(Outcome::Quiet),
            last: StoredValue::new(None),
            sent: RwSignal::new(None),
            service: StoredValue::new(service),
            now,
            retry_at: RwSignal::new(0),
        }
    }

    fn busy(self) -> bool {
        self.outcome.get() == Outcome::Busy
    }

    fn value(self, field: Field) -> String {
        match field {
            Field::Code => self.code.get(),
            _ => self.draft.with(|draft| draft.text(field).to_owned()),
        }
    }

    fn show(self, field: Field, result: Result<String, &'static str>) {
        self.errors.update(|errors| match result {
            Ok(_) => {
                errors.remove(&field);
            }
            Err(message) => {
                errors.insert(field, message.to_owned());
            }
        });
    }

    /// Checks every field of a step, shows what is wrong and focuses the first invalid field.
    fn valid(self, fields: &[Field]) -> bool {
        let mut first_invalid = None;
        for &field in fields {
            let result = field.check(&self.value(field));
            if result.is_err() && first_invalid.is_none() {
                first_invalid = Some(field);
            }
            self.show(field, result);
        }
        if let Some(field) = first_invalid {
            focus(field.id());
        }
        first_invalid.is_none()
    }

    fn bind(self, field: Field) -> Binding {
        let on_input = Callback::new(move |text: String| {
            match field {
                Field::Code => self.code.set(text.clone()),
                _ => self
                    .draft
                    .update(|draft| draft.set_text(field, text.clone())),
            }
            // Once a field shows an error, it is checked as the reader fixes it.
            if self
                .errors
                .with_untracked(|errors| errors.contains_key(&field))
            {
                self.show(field, field.check(&text));
            }
        });
        let on_blur = Callback::new(move |()| {
            let text = self.value(field);
            // Tabbing through an empty field is not yet a mistake.
            if !text.trim().is_empty()
                || self
                    .errors
                    .with_untracked(|errors| errors.contains_key(&field))
            {
                self.show(field, field.check(&text));
            }
        });
        Binding {
            value: Signal::derive(move || self.value(field)),
            on_input,
            on_blur,
            error: Signal::derive(move || self.errors.with(|errors| errors.get(&field).cloned())),
        }
    }

    /// Sends `request` unless one is already in flight (a double click, or Retry during a request).
    fn run(self, request: Request) {
        if self.outcome.get_untracked() == Outcome::Busy {
            return;
        }
        self.last.set_value(Some(request.clone()));
        self.outcome.set(Outcome::Busy);
        spawn_local(async move {
            let result = self.perform(request.clone()).await;
            self.finish(request, result);
        });
    }

    /// Seconds until a rate-limited request may be retried (0 when it may).
    fn retry_wait(self) -> u64 {
        self.retry_at
            .get()
            .saturating_sub(self.now.get())
            .div_ceil(1000)
    }

    fn retry(self) {
        if self.retry_wait() > 0 {
            return;
        }
        if let Some(request) = self.last.get_value() {
            self.outcome.set(Outcome::Quiet);
            self.run(request);
        }
    }

    async fn perform(self, request: Request) -> Result<(), ServiceError> {
        let current = self.draft.get_untracked();
        let service = self.service.get_value();
        let verification = current.verification.clone().unwrap_or_default();
        match request {
            Request::Start => {
                let email = validate::sanitise_email(&current.email);
                let started = service.start(current.name.trim(), &email).await?;
                self.draft.update(|draft| {
                    draft.email = email.clone();
                    draft.verification = Some(started.verification);
                    draft.step = Step::Code;
                    draft.resend_at = after_seconds(started.resend_after);
                });
                self.code.set(String::new());
                self.outcome
                    .set(Outcome::Notice(format!("We sent a code to {email}.")));
                focus("step-heading");
            }
            Request::Resend => {
                let started = service.resend(&verification).await?;
                self.draft.update(|draft| {
                    draft.verification = Some(started.verification);
                    draft.resend_at = after_seconds(started.resend_after);
                });
                self.errors.update(|errors| {
                    errors.remove(&Field::Code);
                });
                self.outcome.set(Outcome::Notice(format!(
                    "We sent a new code to {}.",
                    current.email
                )));
                // The Resend button is now disabled, which would drop focus on the page.
                focus(Field::Code.id());
            }
            Request::Confirm(code) => {
                let verified = service.confirm(&verification, &code).await?;
                self.draft.update(|draft| {
                    draft.token = Some(verified.token);
                    draft.step = Step::Message;
                });
                self.outcome
                    .set(Outcome::Notice(format!("{} is verified.", current.email)));
                focus("step-heading");
            }
            Request::Send => {
                let message = SendMessage {
                    token: current.token.clone().unwrap_or_default(),
                    subject: current.subject.trim().to_owned(),
                    message: current.message.trim().to_owned(),
                };
                service.send(&message, &current.send_key).await?;
                self.sent.set(Some(current));
                self.draft.set(Draft::default());
                draft::clear();
                self.outcome.set(Outcome::Quiet);
                focus("step-heading");
            }
        }
        Ok(())
    }

    fn finish(self, request: Request, result: Result<(), ServiceError>) {
        let error = match result {
            Ok(()) => {
                if self.outcome.get_untracked() == Outcome::Busy {
                    self.outcome.set(Outcome::Quiet);
                }
                return;
            }
            Err(error) => error,
        };
        if let ServiceError::RateLimited(seconds) = error {
            self.retry_at.set(after_seconds(seconds));
            if request == Request::Resend {
                self.draft
                    .update(|draft| draft.resend_at = after_seconds(seconds));
            }
        }
        match error.refused_field() {
            Some((field, words)) => {
                self.errors.update(|errors| {
                    errors.insert(field, words);
                });
                self.outcome.set(Outcome::Quiet);
                focus(field.id());
            }
            None => {
                self.outcome.set(Outcome::Failed(error));
                // The button that sent the request was disabled meanwhile; Retry is the next step.
                focus("flow-retry");
            }
        }
    }
}

/// The three-step contact form, talking to `service`.
#[component]
pub fn ContactForm(service: Service) -> impl IntoView {
    let flow = Flow::new(service);
    // Back online: repeat a request that failed for want of a connection.
    let online = window_event_listener(ev::online, move |_| {
        if let Outcome::Failed(ServiceError::Unreachable(_)) = flow.outcome.get_untracked() {
            flow.retry();
        }
    });
    on_cleanup(move || online.remove());
    view! {
        {move || match flow.sent.get() {
            Some(message) => view! { <SentMessage flow message /> }.into_any(),
            None => {
                match flow.step.get() {
                    Step::Details => view! { <DetailsStep flow /> }.into_any(),
                    Step::Code => view! { <CodeStep flow /> }.into_any(),
                    Step::Message => view! { <MessageStep flow /> }.into_any(),
                }
            }
        }}
        <FlowStatus flow />
    }
}

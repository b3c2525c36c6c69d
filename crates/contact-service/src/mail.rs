//! The two emails the service sends, and the two ways it sends them: SMTP, or (development) one
//! `.eml` file per email in the outbox folder.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use lettre::message::header::ContentTransferEncoding;
use lettre::message::{Mailbox, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::MailConfig;

pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(PathBuf),
}

static WRITTEN: AtomicU64 = AtomicU64::new(0);

impl Mailer {
    pub fn new(config: &MailConfig) -> Result<Self, String> {
        match config {
            MailConfig::Smtp(url) => AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|builder| Self::Smtp(builder.timeout(Some(Duration::from_secs(8))).build()))
                .map_err(|error| format!("GAZETTE_SMTP_URL: {error}")),
            MailConfig::Outbox(folder) => {
                std::fs::create_dir_all(folder).map_err(|error| {
                    format!(
                        "GAZETTE_OUTBOX: cannot create {}: {error}",
                        folder.display()
                    )
                })?;
                Ok(Self::Outbox(folder.clone()))
            }
        }
    }

    pub fn is_outbox(&self) -> bool {
        matches!(self, Self::Outbox(_))
    }

    /// Hands the email over: to the SMTP server, or as a file written whole (a temporary name,
    /// then renamed), so a reader of the folder never sees half an email.
    pub async fn send(&self, kind: &str, message: Message) -> Result<(), String> {
        match self {
            Self::Smtp(transport) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|error| error.to_string()),
            Self::Outbox(folder) => {
                let millis = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |elapsed| elapsed.as_millis());
                let serial = WRITTEN.fetch_add(1, Ordering::Relaxed);
                let name = format!("{millis}-{}-{serial:06}-{kind}.eml", std::process::id());
                let temporary = folder.join(format!(".{name}.tmp"));
                tokio::fs::write(&temporary, message.formatted())
                    .await
                    .map_err(|error| error.to_string())?;
                tokio::fs::rename(&temporary, folder.join(name))
                    .await
                    .map_err(|error| error.to_string())
            }
        }
    }
}

pub fn mailbox(text: &str) -> Result<Mailbox, String> {
    text.parse::<Mailbox>().map_err(|error| error.to_string())
}

/// The code email: fixed text around six digits. It has no name and no words from the reader, and
/// no link, so it is of no use for sending a stranger anything else.
pub fn code_email(
    sender: &Mailbox,
    to: &Mailbox,
    code: &str,
    minutes: i64,
) -> Result<Message, String> {
    let body = format!(
        "Your code for the Gazette contact form is:\r\n\r\n    {code}\r\n\r\n\
         Enter it on the form within {minutes} minutes. If you did not ask for it, you can ignore this\r\n\
         email: nothing is sent on your behalf without the code.\r\n"
    );
    Message::builder()
        .from(sender.clone())
        .to(Mailbox::new(None, to.email.clone()))
        .subject("Your Gazette verification code")
        .singlepart(
            SinglePart::builder()
                .header(lettre::message::header::ContentType::TEXT_PLAIN)
                .body(body),
        )
        .map_err(|error| error.to_string())
}

pub struct Letter<'a> {
    pub id: &'a str,
    pub reply_name: &'a str,
    pub reply_email: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

/// The reader's message to the newsroom, answerable with Reply-To. Its Message-ID is fixed by the
/// message's id, so a retry after a crash mid-send is recognisably the same email.
pub fn newsroom_email(
    sender: &Mailbox,
    newsroom: &Mailbox,
    letter: &Letter<'_>,
) -> Result<Message, String> {
    let reply_to = Mailbox::new(
        Some(letter.reply_name.to_owned()),
        letter
            .reply_email
            .parse()
            .map_err(|_| "bad reply address".to_owned())?,
    );
    let subject = if letter.subject.is_empty() {
        "Message from the contact form"
    } else {
        letter.subject
    };
    let body = format!(
        "{} <{}> wrote through the contact form (address verified with a code):\n\n{}\n",
        letter.reply_name, letter.reply_email, letter.body
    );
    let domain = sender.email.domain().to_owned();
    Message::builder()
        .from(sender.clone())
        .to(newsroom.clone())
        .reply_to(reply_to)
        .subject(subject)
        .message_id(Some(format!("<{}@{domain}>", letter.id)))
        .singlepart(
            SinglePart::builder()
                .header(lettre::message::header::ContentType::TEXT_PLAIN)
                .header(ContentTransferEncoding::Base64)
                .body(body),
        )
        .map_err(|error| error.to_string())
}

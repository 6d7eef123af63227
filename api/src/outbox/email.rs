//! An e-mail as the outbox keeps it (already worded, in the recipient's language) and as it goes
//! out: `multipart/alternative`, plain text and HTML; with a meeting's invitation, that and an
//! `.ics` in a `multipart/mixed`. A subscription's e-mail carries its one-click unsubscribe
//! (RFC 8058).
use entity::enums::Language;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::render;

pub const KIND: &str = "email";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// The HTML body, a whole document (see [`Email::new`]).
    pub html: String,
    /// The one-click unsubscribe URL (`List-Unsubscribe`, `List-Unsubscribe-Post`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsubscribe: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Invitation>,
}

/// A calendar object attached as `invite.ics`: `text/calendar` with its `METHOD` (`REQUEST`,
/// `CANCEL`) in the content type too, which is where mail programs look for it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Invitation {
    pub method: String,
    pub ics: String,
}

const LIST_UNSUBSCRIBE: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe");
const LIST_UNSUBSCRIBE_POST: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe-Post");

/// One paragraph of an e-mail: text, or a link with its label.
pub enum Block<'a> {
    Text(&'a str),
    Link { label: &'a str, url: &'a str },
}

impl Email {
    /// The same blocks as plain text and as HTML (escaped), so the two parts always say the same.
    pub fn new(to: &str, language: Language, subject: &str, blocks: &[Block<'_>]) -> Self {
        let mut text = String::new();
        let mut html = String::new();
        for block in blocks {
            match block {
                Block::Text(t) => {
                    text.push_str(t);
                    html.push_str(&render::html_paragraphs(t));
                }
                Block::Link { label, url } => {
                    text.push_str(&format!("{label}:\n{url}"));
                    html.push_str(&format!("<p><a href=\"{}\">{}</a></p>", render::html(url), render::html(label)));
                }
            }
            text.push_str("\n\n");
        }
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
             <body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em\">{html}</body></html>\n",
            title = render::html(subject),
            lang = language.as_str(),
        );
        Self {
            to: to.to_string(),
            subject: subject.to_string(),
            text: text.trim_end().to_string() + "\n",
            html,
            unsubscribe: None,
            calendar: None,
        }
    }

    /// The message to send. Its `Message-ID` is the outbox row's, so a message sent twice after a
    /// crash (at least once is all any outbox promises) can be told a duplicate by the receiver.
    pub fn message(&self, id: Uuid, from: &Mailbox) -> Result<lettre::Message, String> {
        let to: Mailbox = self.to.parse().map_err(|e| format!("recipient {}: {e}", self.to))?;
        let mut builder = lettre::Message::builder()
            .message_id(Some(format!("<{id}@{}>", from.email.domain())))
            .from(from.clone())
            .to(to)
            .subject(&self.subject);
        if let Some(url) = &self.unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(LIST_UNSUBSCRIBE, format!("<{url}>")))
                .raw_header(HeaderValue::new(LIST_UNSUBSCRIBE_POST, "List-Unsubscribe=One-Click".into()));
        }
        let alternative = MultiPart::alternative_plain_html(self.text.clone(), self.html.clone());
        let body = match &self.calendar {
            None => alternative,
            Some(invitation) => {
                let kind = format!("text/calendar; method={}; charset=utf-8", invitation.method);
                let kind = ContentType::parse(&kind).map_err(|e| format!("calendar content type: {e}"))?;
                MultiPart::mixed()
                    .multipart(alternative)
                    .singlepart(Attachment::new("invite.ics".into()).body(invitation.ics.clone(), kind))
            }
        };
        builder.multipart(body).map_err(|e| e.to_string())
    }
}

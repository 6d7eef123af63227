//! An e-mail as the outbox keeps it (already worded, in the recipient's language) and as it goes
//! out: `multipart/alternative`, plain text and HTML.
use entity::enums::Language;
use lettre::message::{Mailbox, MultiPart};
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
}

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
        Self { to: to.to_string(), subject: subject.to_string(), text: text.trim_end().to_string() + "\n", html }
    }

    /// The message to send. Its `Message-ID` is the outbox row's, so a message sent twice after a
    /// crash (at least once is all any outbox promises) can be told a duplicate by the receiver.
    pub fn message(&self, id: Uuid, from: &Mailbox) -> Result<lettre::Message, String> {
        let to: Mailbox = self.to.parse().map_err(|e| format!("recipient {}: {e}", self.to))?;
        lettre::Message::builder()
            .message_id(Some(format!("<{id}@{}>", from.email.domain())))
            .from(from.clone())
            .to(to)
            .subject(&self.subject)
            .multipart(MultiPart::alternative_plain_html(self.text.clone(), self.html.clone()))
            .map_err(|e| e.to_string())
    }
}

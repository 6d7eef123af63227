//! The register as a file: a head, its entries a page at a time, a foot, so a download's memory
//! does not grow with the register. The plan document appends the register the same way.
use std::future::ready;
use std::rc::Rc;

use actix_web::http::header;
use actix_web::{HttpResponse, HttpResponseBuilder, web};
use futures_util::stream::LocalBoxStream;
use futures_util::{StreamExt, TryStreamExt, stream};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::dto::RegisterEntry;
use super::service::Register;
use crate::error::ApiError;

/// Rows per query while a CSV or HTML download streams: a download holds one such page at a time.
pub const STREAM_PAGE: u64 = 200;

/// A document to answer with, inline or as an attachment.
pub struct Download {
    pub content_type: &'static str,
    pub disposition: String,
    pub body: Body,
}

pub enum Body {
    /// Known in full (sent with its length).
    Whole(String),
    /// Bytes known in full: a Word file.
    Binary(Vec<u8>),
    /// Written as it is read.
    Streamed(LocalBoxStream<'static, Result<web::Bytes, ApiError>>),
}

impl Download {
    /// A Word file to save, named `{name}.docx`.
    pub fn docx(name: &str, bytes: Vec<u8>) -> Self {
        Download {
            content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            disposition: format!("attachment; filename=\"{name}.docx\""),
            body: Body::Binary(bytes),
        }
    }

    pub fn answer(self, mut response: HttpResponseBuilder) -> HttpResponse {
        response.content_type(self.content_type).insert_header((header::CONTENT_DISPOSITION, self.disposition));
        match self.body {
            Body::Whole(text) => response.body(text),
            Body::Binary(bytes) => response.body(bytes),
            Body::Streamed(chunks) => response.streaming(chunks),
        }
    }
}

/// `head`, then the register's entries a page at a time as `rows` writes them, then `foot`. The
/// pages are read one after another, not in one transaction, so a comment entered meanwhile is
/// included when it comes after the page being read. A database error half-way cuts the body short
/// (the status is already sent); the client sees an incomplete download, never a partial one passed
/// off as whole.
pub fn stream_register(
    db: DatabaseConnection,
    register: Register,
    head: String,
    rows: impl Fn(&[RegisterEntry], bool) -> String + 'static,
    foot: String,
) -> Body {
    let context = Rc::new((db, register, rows));
    let pages = stream::try_unfold((Some(None::<Uuid>), 1u32), move |(after, first)| {
        let context = Rc::clone(&context);
        async move {
            let Some(after) = after else { return Ok(None) };
            let (db, register, rows) = &*context;
            let entries = register.after(db, after, STREAM_PAGE, first).await?;
            if entries.is_empty() {
                return Ok(None);
            }
            let next = match entries.last() {
                Some(last) if entries.len() as u64 == STREAM_PAGE => Some(last.comment_id),
                _ => None,
            };
            let chunk = web::Bytes::from(rows(&entries, register.staff));
            Ok(Some((chunk, (next.map(Some), first + entries.len() as u32))))
        }
    })
    .inspect_err(|e| tracing::error!(error = %e, "a streamed register was cut short"));
    Body::Streamed(
        stream::once(ready(Ok(web::Bytes::from(head)))).chain(pages).chain(stream::once(ready(Ok(web::Bytes::from(foot))))).boxed_local(),
    )
}

//! How each part of a document (the plan document, the monitoring report) is written in Markdown,
//! in HTML and in Word; the document's walk calls these in order.
use std::fmt::Write;
use std::io::Cursor;

use docx_rs::{Docx as Word, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow};

use crate::error::{ApiError, ApiResult};
use crate::render;

/// One format of a document. Texts passed in are already escaped with [`Renderer::escape`]
/// (labels are literals), except for paragraphs, which the renderer escapes itself.
pub trait Renderer: Default {
    /// What the finished document is: text, or the bytes of a Word file.
    type Output;
    fn escape(text: &str) -> String;
    /// The document's start, before its first heading.
    fn begin(&mut self, title: &str);
    fn heading(&mut self, level: usize, text: &str);
    /// A multi-line text as paragraphs.
    fn paragraphs(&mut self, text: &str);
    /// Labelled values (a definition list).
    fn facts_start(&mut self);
    fn fact(&mut self, label: &str, value: &str);
    fn facts_end(&mut self);
    fn list_start(&mut self);
    /// A list item starting with a strong part.
    fn item(&mut self, strong: &str, rest: &str);
    fn list_end(&mut self);
    /// One measure's part of the document.
    fn section_start(&mut self);
    fn section_end(&mut self);
    fn table_start(&mut self, caption: &str, columns: &[&str]);
    /// A table row; its first cell heads the row.
    fn row(&mut self, cells: &[&str]);
    fn table_end(&mut self);
    /// The register's total and its counts by resolution.
    fn counts(&mut self, total: u32, counts: &[(&str, u32)]);
    /// The document's end; `table_open` when the register's table is still open.
    fn end(&mut self, table_open: bool);
    fn finish(self) -> Self::Output;
}

#[derive(Default)]
pub struct Markdown(String);

impl Renderer for Markdown {
    type Output = String;

    fn escape(text: &str) -> String {
        render::markdown(text)
    }

    fn begin(&mut self, _title: &str) {}

    fn heading(&mut self, level: usize, text: &str) {
        let _ = write!(self.0, "{} {text}\n\n", "#".repeat(level));
    }

    fn paragraphs(&mut self, text: &str) {
        let _ = write!(self.0, "{}\n\n", render::markdown_paragraphs(text));
    }

    fn facts_start(&mut self) {}

    fn fact(&mut self, label: &str, value: &str) {
        let _ = writeln!(self.0, "- **{label}:** {value}");
    }

    /// A blank line ends the list.
    fn facts_end(&mut self) {
        self.0.push('\n');
    }

    fn list_start(&mut self) {}

    fn item(&mut self, strong: &str, rest: &str) {
        let _ = writeln!(self.0, "- **{strong}**{rest}");
    }

    fn list_end(&mut self) {
        self.0.push('\n');
    }

    fn section_start(&mut self) {}

    fn section_end(&mut self) {}

    /// Markdown tables have no caption.
    fn table_start(&mut self, _caption: &str, columns: &[&str]) {
        self.row(columns);
        let _ = writeln!(self.0, "|{}", "---|".repeat(columns.len()));
    }

    fn row(&mut self, cells: &[&str]) {
        let _ = writeln!(self.0, "| {} |", cells.join(" | "));
    }

    fn table_end(&mut self) {
        self.0.push('\n');
    }

    fn counts(&mut self, total: u32, counts: &[(&str, u32)]) {
        let summary: Vec<String> = counts.iter().map(|(label, n)| format!("{label}: {n}")).collect();
        let _ = write!(self.0, "Celkem připomínek: {total} ({})\n\n", summary.join(", "));
    }

    fn end(&mut self, _table_open: bool) {}

    fn finish(self) -> String {
        self.0
    }
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}\
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top}\
caption{text-align:left;font-weight:600;padding:.3rem 0}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}\
@media print{body{margin:0;max-width:none}h2{break-before:page}table{page-break-inside:auto}tr{break-inside:avoid}}";

#[derive(Default)]
pub struct Html(String);

impl Renderer for Html {
    type Output = String;

    fn escape(text: &str) -> String {
        render::html(text)
    }

    fn begin(&mut self, title: &str) {
        let _ = write!(
            self.0,
            "<!doctype html>\n<html lang=\"cs\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>{STYLE}</style></head><body><main>"
        );
    }

    fn heading(&mut self, level: usize, text: &str) {
        let _ = write!(self.0, "<h{level}>{text}</h{level}>");
    }

    fn paragraphs(&mut self, text: &str) {
        self.0.push_str(&render::html_paragraphs(text));
    }

    fn facts_start(&mut self) {
        self.0.push_str("<dl>");
    }

    fn fact(&mut self, label: &str, value: &str) {
        let _ = write!(self.0, "<dt>{label}</dt><dd>{value}</dd>");
    }

    fn facts_end(&mut self) {
        self.0.push_str("</dl>");
    }

    fn list_start(&mut self) {
        self.0.push_str("<ul>");
    }

    fn item(&mut self, strong: &str, rest: &str) {
        let _ = write!(self.0, "<li><strong>{strong}</strong>{rest}</li>");
    }

    fn list_end(&mut self) {
        self.0.push_str("</ul>");
    }

    fn section_start(&mut self) {
        self.0.push_str("<section>");
    }

    fn section_end(&mut self) {
        self.0.push_str("</section>");
    }

    fn table_start(&mut self, caption: &str, columns: &[&str]) {
        let _ = write!(self.0, "<table><caption>{caption}</caption><thead><tr>");
        for c in columns {
            let _ = write!(self.0, "<th scope=\"col\">{c}</th>");
        }
        self.0.push_str("</tr></thead><tbody>");
    }

    fn row(&mut self, cells: &[&str]) {
        let Some((first, rest)) = cells.split_first() else { return };
        let _ = write!(self.0, "<tr><th scope=\"row\">{first}</th>");
        for c in rest {
            let _ = write!(self.0, "<td>{c}</td>");
        }
        self.0.push_str("</tr>");
    }

    fn table_end(&mut self) {
        self.0.push_str("</tbody></table>");
    }

    fn counts(&mut self, total: u32, counts: &[(&str, u32)]) {
        let _ = write!(self.0, "<p>Celkem připomínek: {total}</p><ul>");
        for (label, n) in counts {
            let _ = write!(self.0, "<li>{label}: {n}</li>");
        }
        self.0.push_str("</ul>");
    }

    fn end(&mut self, table_open: bool) {
        if table_open {
            self.table_end();
        }
        self.0.push_str("</main></body></html>\n");
    }

    fn finish(self) -> String {
        self.0
    }
}

/// A Word document (DOCX) built in memory; docx-rs escapes the XML, so texts go in as they are.
pub struct Docx {
    doc: Word,
    /// The open table's rows, its header row first.
    table: Option<Vec<TableRow>>,
}

impl Default for Docx {
    /// The headings and captions as Word's built-in styles name them, so Word's navigation pane
    /// and table of contents find them.
    fn default() -> Self {
        let mut doc = Word::new();
        for (level, size) in [(1, 36), (2, 30), (3, 26), (4, 24), (5, 22), (6, 22)] {
            let style = Style::new(format!("Heading{level}"), StyleType::Paragraph).name(format!("heading {level}")).size(size).bold();
            doc = doc.add_style(style);
        }
        doc = doc.add_style(Style::new("Caption", StyleType::Paragraph).name("caption").bold());
        Self { doc, table: None }
    }
}

fn text_cell(text: &str, strong: bool) -> TableCell {
    let run = Run::new().add_text(text);
    TableCell::new().add_paragraph(Paragraph::new().add_run(if strong { run.bold() } else { run }))
}

impl Docx {
    fn paragraph(&mut self, p: Paragraph) {
        self.doc = std::mem::take(&mut self.doc).add_paragraph(p);
    }

    /// A line whose first part is bold.
    fn labelled(&mut self, strong: &str, rest: &str) {
        self.paragraph(Paragraph::new().add_run(Run::new().add_text(strong).bold()).add_run(Run::new().add_text(rest)));
    }
}

impl Renderer for Docx {
    type Output = ApiResult<Vec<u8>>;

    fn escape(text: &str) -> String {
        text.to_owned()
    }

    fn begin(&mut self, _title: &str) {}

    fn heading(&mut self, level: usize, text: &str) {
        self.paragraph(Paragraph::new().add_run(Run::new().add_text(text)).style(&format!("Heading{}", level.min(6))));
    }

    fn paragraphs(&mut self, text: &str) {
        for lines in render::paragraphs(text) {
            let mut run = Run::new();
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    run = run.add_break(docx_rs::BreakType::TextWrapping);
                }
                run = run.add_text(*line);
            }
            self.paragraph(Paragraph::new().add_run(run));
        }
    }

    fn facts_start(&mut self) {}

    fn fact(&mut self, label: &str, value: &str) {
        self.labelled(&format!("{label}: "), value);
    }

    fn facts_end(&mut self) {}

    fn list_start(&mut self) {}

    fn item(&mut self, strong: &str, rest: &str) {
        self.labelled(&format!("• {strong}"), rest);
    }

    fn list_end(&mut self) {}

    fn section_start(&mut self) {}

    fn section_end(&mut self) {}

    fn table_start(&mut self, caption: &str, columns: &[&str]) {
        self.paragraph(Paragraph::new().add_run(Run::new().add_text(caption)).style("Caption"));
        self.table = Some(vec![TableRow::new(columns.iter().map(|c| text_cell(c, true)).collect())]);
    }

    fn row(&mut self, cells: &[&str]) {
        let row = TableRow::new(cells.iter().enumerate().map(|(i, c)| text_cell(c, i == 0)).collect()).cant_split();
        if let Some(rows) = &mut self.table {
            rows.push(row);
        }
    }

    fn table_end(&mut self) {
        if let Some(rows) = self.table.take() {
            self.doc = std::mem::take(&mut self.doc).add_table(Table::new(rows));
            // Word runs two adjacent tables together; an empty paragraph keeps them apart.
            self.paragraph(Paragraph::new());
        }
    }

    fn counts(&mut self, total: u32, counts: &[(&str, u32)]) {
        self.paragraph(Paragraph::new().add_run(Run::new().add_text(format!("Celkem připomínek: {total}"))));
        for (label, n) in counts {
            self.paragraph(Paragraph::new().add_run(Run::new().add_text(format!("• {label}: {n}"))));
        }
    }

    fn end(&mut self, table_open: bool) {
        if table_open {
            self.table_end();
        }
    }

    fn finish(self) -> ApiResult<Vec<u8>> {
        let mut out = Cursor::new(Vec::new());
        self.doc.build().pack(&mut out).map_err(|e| {
            tracing::error!(error = %e, "a DOCX could not be written");
            ApiError::Internal
        })?;
        Ok(out.into_inner())
    }
}

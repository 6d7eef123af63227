//! How each part of the plan document is written in Markdown and in HTML; `export` walks the
//! document once and calls these in order.
use std::fmt::Write;

use crate::render;

/// One format of the plan document. Texts passed in are already escaped with [`Renderer::escape`]
/// (labels are literals), except for paragraphs, which the renderer escapes itself.
pub trait Renderer: Default {
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
    fn finish(self) -> String;
}

#[derive(Default)]
pub struct Markdown(String);

impl Renderer for Markdown {
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

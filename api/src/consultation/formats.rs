//! The register as CSV for Czech Excel and as a printable HTML annex.
use std::fmt::Write;

use chrono::{DateTime, Utc};
use entity::enums::{CommentStatus, Resolution};

use super::dto::{RegisterEntry, ReportPlan, ResolutionCounts};
use crate::clock;
use crate::excel_csv::{self, row as csv_row};
use crate::labels::{channel_cs, day, resolution_cs, status_cs, target_cs};
use crate::render;

/// Shown instead of the text of a hidden comment to callers who may not read it.
const WITHHELD: &str = "[text skryt moderátorem]";

/// The entry's text, or a note that a moderator withheld it from this caller.
pub fn body(e: &RegisterEntry) -> &str {
    e.body.as_deref().unwrap_or(WITHHELD)
}

/// The counts by resolution with their Czech labels, unsettled last.
pub fn labelled(c: &ResolutionCounts) -> [(&'static str, u32); 5] {
    [
        (resolution_cs(Some(Resolution::Accepted)), c.accepted),
        (resolution_cs(Some(Resolution::PartiallyAccepted)), c.partially_accepted),
        (resolution_cs(Some(Resolution::Rejected)), c.rejected),
        (resolution_cs(Some(Resolution::Noted)), c.noted),
        (resolution_cs(None), c.unsettled),
    ]
}

fn day_of(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| day(clock::day_of(t))).unwrap_or_default()
}

/// The CSV's start: a byte-order mark and the header row. UTF-8 with a BOM and `;` separators, so
/// Czech Excel opens it with diacritics intact. Staff get the submitter's e-mail and the moderation
/// reason as extra columns.
pub fn csv_head(staff: bool) -> String {
    let mut out = String::from(excel_csv::BOM);
    let mut header = vec!["Č.", "Připomínka k", "Kód", "Název", "Autor"];
    if staff {
        header.push("E-mail");
    }
    header.extend(["Kanál", "Přijato", "Text připomínky", "Vypořádání", "Odůvodnění", "Změna v plánu", "Vypořádal", "Datum vypořádání"]);
    if staff {
        header.push("Skryto (důvod)");
    }
    csv_row(&mut out, &header);
    out
}

/// "Změna v plánu": what changed, led by the goal or measure it changed in.
fn change(entry: &RegisterEntry) -> String {
    let text = entry.resolution_change.as_deref().unwrap_or("");
    let Some(target) = &entry.change_target else { return text.to_string() };
    let name = [target_cs(target.target_type), target.code.as_deref().unwrap_or(""), &target.title]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if text.is_empty() { name } else { format!("{name}: {text}") }
}

/// CSV rows of some entries.
pub fn csv_rows(entries: &[RegisterEntry], staff: bool) -> String {
    let mut out = String::new();
    for e in entries {
        let number = e.number.to_string();
        let received = e.received_on.format("%Y-%m-%d").to_string();
        let resolved_at = e.resolved_at.map(|t| clock::day_of(t).format("%Y-%m-%d").to_string()).unwrap_or_default();
        let change = change(e);
        let mut row = vec![
            number.as_str(),
            target_cs(e.target.target_type),
            e.target.code.as_deref().unwrap_or(""),
            &e.target.title,
            &e.author.display_name,
        ];
        if staff {
            row.push(e.author_email.as_deref().unwrap_or(""));
        }
        row.extend([
            channel_cs(e.channel),
            &received,
            body(e),
            if e.resolution.is_some() { resolution_cs(e.resolution) } else { "" },
            e.resolution_note.as_deref().unwrap_or(""),
            &change,
            e.resolved_by.as_ref().map(|a| a.display_name.as_str()).unwrap_or(""),
            &resolved_at,
        ]);
        if staff {
            row.push(e.moderation_reason.as_deref().unwrap_or(""));
        }
        csv_row(&mut out, &row);
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.4;color:#1a1a1a}\
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #767676;padding:.3rem .4rem;text-align:left;vertical-align:top}\
caption{text-align:left;font-weight:600;padding:.4rem 0}td.text{white-space:pre-wrap}\
@media print{@page{size:A4 landscape;margin:1.5cm}body{margin:0}tr{break-inside:avoid}thead{display:table-header-group}}";

/// The start of the standalone, printable annex (příloha) in Czech, up to its table's rows; every
/// text HTML-escaped.
pub fn html_head(p: &ReportPlan, c: &ResolutionCounts, staff: bool) -> String {
    let e = render::html;
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"cs\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Vypořádání připomínek – {title}</title><style>{STYLE}</style></head><body><main>\
         <h1>Vypořádání připomínek</h1><p><strong>{title}</strong> ({territory}), stav: {status}",
        title = e(&p.title),
        territory = e(&p.territory),
        status = status_cs(p.status),
    );
    if let Some(at) = p.consultation_closes_at {
        let _ = write!(s, ", připomínkové řízení do {}", day(clock::day_of(at)));
    }
    let _ = write!(s, ".</p><p>Celkem připomínek: {}</p><ul>", c.total);
    for (label, n) in labelled(c) {
        let _ = write!(s, "<li>{label}: {n}</li>");
    }
    let _ = write!(s, "</ul><table><caption>Vypořádání připomínek k návrhu plánu ({} připomínek)</caption><thead><tr>", c.total);
    for h in html_header(staff) {
        let _ = write!(s, "<th scope=\"col\">{h}</th>");
    }
    let _ = write!(s, "</tr></thead><tbody>");
    s
}

/// The annex's column headings; staff also see the submitter's e-mail.
fn html_header(staff: bool) -> Vec<&'static str> {
    let mut header = vec!["Č.", "Připomínka k", "Autor"];
    if staff {
        header.push("E-mail");
    }
    header.extend(["Kanál", "Přijato", "Text připomínky", "Vypořádání", "Odůvodnění", "Změna v plánu", "Vypořádal"]);
    header
}

/// The annex's rows of some entries.
pub fn html_rows(entries: &[RegisterEntry], staff: bool) -> String {
    let mut s = String::new();
    for entry in entries {
        html_row(&mut s, entry, staff);
    }
    s
}

fn html_row(s: &mut String, entry: &RegisterEntry, staff: bool) {
    let e = render::html;
    let target = match &entry.target.code {
        Some(code) => format!("{} {} {}", target_cs(entry.target.target_type), e(code), e(&entry.target.title)),
        None => format!("{} {}", target_cs(entry.target.target_type), e(&entry.target.title)),
    };
    let _ = write!(s, "<tr><th scope=\"row\">{}</th><td>{target}</td><td>{}</td>", entry.number, e(&entry.author.display_name));
    if staff {
        let _ = write!(s, "<td>{}</td>", e(entry.author_email.as_deref().unwrap_or("")));
    }
    let hidden = match (&entry.moderation_reason, entry.status) {
        (Some(reason), CommentStatus::Hidden) => format!("<br><em>Skryto: {}</em>", e(reason)),
        _ => String::new(),
    };
    let resolver = entry.resolved_by.as_ref().map(|a| e(&a.display_name)).unwrap_or_default();
    let _ = write!(
        s,
        "<td>{}</td><td>{}</td><td class=\"text\">{}{hidden}</td><td>{}</td><td class=\"text\">{}</td><td class=\"text\">{}</td><td>{resolver}<br>{}</td></tr>",
        channel_cs(entry.channel),
        day(entry.received_on),
        e(body(entry)),
        resolution_cs(entry.resolution),
        e(entry.resolution_note.as_deref().unwrap_or("")),
        e(&change(entry)),
        day_of(entry.resolved_at),
    );
}

/// The annex's end, with the time it was made.
pub fn html_foot(generated_at: DateTime<Utc>) -> String {
    format!(
        "</tbody></table><p><small>Vygenerováno {} (UTC).</small></p></main></body></html>\n",
        generated_at.format("%-d. %-m. %Y %H:%M")
    )
}

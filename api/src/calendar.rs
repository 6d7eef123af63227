//! iCalendar (RFC 5545) feeds of meetings: content lines, text escaping and folding, written by hand.
use chrono::{DateTime, Utc};
use entity::enums::MeetingStatus;
use entity::meeting;

/// One content line as sent: folded at 75 octets and ended with CRLF (RFC 5545, 3.1).
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        // The first line holds 75 octets; a continuation line's leading space takes one of its 75.
        if used + width > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
}

/// A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newline escaped;
/// CR and other control characters, which TEXT cannot carry, dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Builds a calendar line by line.
struct Writer(String);

impl Writer {
    fn raw(&mut self, name: &str, value: &str) {
        fold(&format!("{name}:{value}"), &mut self.0);
    }

    fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape_text(value));
    }
}

/// The stable UID of a meeting, the same in every feed and over time.
pub fn uid(meeting: &meeting::Model) -> String {
    format!("{}@spoluplan", meeting.id)
}

/// What a phone shows under the event: the agenda and how to join online.
fn description(m: &meeting::Model) -> String {
    let mut parts = Vec::new();
    if !m.agenda.0.is_empty() {
        let items: Vec<String> = m
            .agenda
            .0
            .iter()
            .enumerate()
            .map(|(i, item)| match &item.note {
                Some(note) if !note.trim().is_empty() => {
                    format!("{}. {} – {}", i + 1, item.title, note)
                }
                _ => format!("{}. {}", i + 1, item.title),
            })
            .collect();
        parts.push(format!("Program jednání:\n{}", items.join("\n")));
    }
    if let Some(url) = &m.online_url {
        parts.push(format!("Připojení online: {url}"));
    }
    parts.join("\n\n")
}

/// The lines every calendar of ours begins with.
fn begin(w: &mut Writer) {
    w.raw("BEGIN", "VCALENDAR");
    w.raw("VERSION", "2.0");
    w.raw("PRODID", "-//Spoluplan//Spoluplan API//CS");
    w.raw("CALSCALE", "GREGORIAN");
}

/// One meeting, the same in a feed and in an invitation, so a calendar that has both sees one
/// event; `organizer` (a mailto: URI) only in invitations, where iTIP wants it.
fn vevent(w: &mut Writer, m: &meeting::Model, group_name: &str, organizer: Option<&str>) {
    w.raw("BEGIN", "VEVENT");
    w.raw("UID", &uid(m));
    w.raw("DTSTAMP", &utc(m.updated_at));
    w.raw("CREATED", &utc(m.created_at));
    w.raw("LAST-MODIFIED", &utc(m.updated_at));
    w.raw("SEQUENCE", &(m.version - 1).max(0).to_string());
    w.raw("DTSTART", &utc(m.starts_at));
    w.raw("DTEND", &utc(m.ends_at));
    w.text("SUMMARY", &format!("{group_name}: {}", m.title));
    if let Some(organizer) = organizer {
        w.raw("ORGANIZER;CN=Spoluplán", organizer);
    }
    if let Some(location) = &m.location {
        w.text("LOCATION", location);
    }
    if let Some(url) = &m.online_url {
        // A URI value: not TEXT, so not escaped; validation keeps it free of whitespace and controls.
        w.raw("URL", url);
    }
    let description = description(m);
    if !description.is_empty() {
        w.text("DESCRIPTION", &description);
    }
    w.raw("STATUS", if m.status == MeetingStatus::Cancelled { "CANCELLED" } else { "CONFIRMED" });
    w.raw("END", "VEVENT");
}

/// A VCALENDAR named `name` with one VEVENT per meeting; cancelled meetings stay in the feed
/// with STATUS:CANCELLED, so subscribed calendars mark them instead of silently losing them.
/// Each meeting comes with its working group's name, for the SUMMARY. Without a METHOD property,
/// DTSTAMP is the last revision (RFC 5545, 3.8.7.2), so an unchanged feed renders identically.
pub fn render<'a>(name: &str, meetings: impl IntoIterator<Item = (&'a meeting::Model, &'a str)>) -> String {
    let mut w = Writer(String::new());
    begin(&mut w);
    w.text("X-WR-CALNAME", name);
    w.raw("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
    w.raw("X-PUBLISHED-TTL", "PT1H");
    for (m, group_name) in meetings {
        vevent(&mut w, m, group_name, None);
    }
    w.raw("END", "VCALENDAR");
    w.0
}

/// An iTIP invitation (RFC 5546) to one meeting, as an e-mail attaches it: `method` `REQUEST` for a
/// meeting called or changed (SEQUENCE grows with each change, so the calendar takes the newer),
/// `CANCEL` for one called off; sent by `organizer` (`mailto:…`).
pub fn invitation(m: &meeting::Model, group_name: &str, method: &str, organizer: &str) -> String {
    let mut w = Writer(String::new());
    begin(&mut w);
    w.raw("METHOD", method);
    vevent(&mut w, m, group_name, Some(organizer));
    w.raw("END", "VCALENDAR");
    w.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut out = String::new();
        fold(line, &mut out);
        out
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(folded("SUMMARY:Jednání"), "SUMMARY:Jednání\r\n");
        let exactly = format!("X:{}", "a".repeat(73));
        assert_eq!(folded(&exactly), format!("{exactly}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_with_a_leading_space() {
        let line = format!("DESCRIPTION:{}", "a".repeat(200));
        let out = folded(&line);
        let physical: Vec<&str> = out.strip_suffix("\r\n").unwrap().split("\r\n").collect();
        assert_eq!(physical[0].len(), 75);
        assert!(physical[1..].iter().all(|l| l.starts_with(' ') && l.len() <= 75));
        assert_eq!(physical[1].len(), 75);
        let unfolded: String = physical.iter().enumerate().map(|(i, l)| if i == 0 { *l } else { &l[1..] }).collect();
        assert_eq!(unfolded, line);
    }

    #[test]
    fn folding_never_splits_a_multibyte_character() {
        // "ř" is 2 octets and "–" 3: a naive 75-byte cut would land inside them.
        let line = format!("SUMMARY:{}", "ř–".repeat(60));
        let out = folded(&line);
        for physical in out.strip_suffix("\r\n").unwrap().split("\r\n") {
            assert!(physical.len() <= 75, "{} octets: {physical}", physical.len());
            assert!(std::str::from_utf8(physical.as_bytes()).is_ok());
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), line);
    }

    #[test]
    fn text_escaping() {
        assert_eq!(escape_text(r"a\b"), r"a\\b");
        assert_eq!(escape_text("a;b,c"), r"a\;b\,c");
        assert_eq!(escape_text("řádek 1\r\nřádek 2\nřádek 3"), r"řádek 1\nřádek 2\nřádek 3");
        assert_eq!(escape_text("tab\there\u{7}bell"), "tab\therebell");
        assert_eq!(escape_text("Kaplická 439: zasedačka"), "Kaplická 439: zasedačka");
    }

    #[test]
    fn a_calendar_has_crlf_lines_and_one_event_per_meeting() {
        use entity::enums::MeetingFormat;
        use entity::values::{Agenda, AgendaItem, Attendance, MeetingResolutions};
        let at = |h| DateTime::parse_from_rfc3339(&format!("2026-03-12T{h:02}:00:00+01:00")).unwrap().with_timezone(&Utc);
        let m = meeting::Model {
            id: uuid::Uuid::nil(),
            working_group_id: uuid::Uuid::nil(),
            title: "Návrh cílů, opatření; rozpočet".into(),
            starts_at: at(13),
            ends_at: at(15),
            format: MeetingFormat::Hybrid,
            location: Some("MěÚ, Kaplická 439".into()),
            online_url: Some("https://meet.example.cz/kpss".into()),
            agenda: Agenda(vec![AgendaItem { title: "Zahájení".into(), note: None }]),
            attendance: Attendance::default(),
            resolutions: MeetingResolutions::default(),
            minutes: String::new(),
            quorum: None,
            status: MeetingStatus::Cancelled,
            created_at: at(8),
            updated_at: at(9),
            version: 3,
        };
        let ics = render("PS 1", [(&m, "PS 1")]);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF in output");
        assert!(ics.contains("\r\nUID:00000000-0000-0000-0000-000000000000@spoluplan\r\n"));
        assert!(ics.contains("\r\nDTSTART:20260312T120000Z\r\nDTEND:20260312T140000Z\r\n"));
        assert!(ics.contains("\r\nSEQUENCE:2\r\n"));
        assert!(ics.contains("\r\nSUMMARY:PS 1: Návrh cílů\\, opatření\\; rozpočet\r\n"));
        assert!(ics.contains("\r\nLOCATION:MěÚ\\, Kaplická 439\r\n"));
        assert!(ics.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    }
}

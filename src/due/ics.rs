//! `due --format ics`: an iCalendar file (RFC 5545) a coordinator can subscribe to. The
//! `icalendar` crate writes it (escaping, line folding, CRLF). Each task keeps one UID
//! whatever its date, so a subscribed calendar moves the event when the task's date moves
//! instead of adding a second one; DTSTAMP is the evaluation date, so the same evidence and
//! `--as-of` give the same bytes.

use icalendar::{Calendar, Component, Event, Property, ValueType};

use super::render::basis_text;
use super::{Due, Item, Status};
use crate::evidence::Lang;
use crate::report::sarif::fnv1a;

/// The task's UID: a hash of the organisation and the task's stable key (which names the
/// record, not the date), so two repositories in one calendar never share a UID.
pub fn uid(organisation: &str, item: &Item) -> String {
    format!(
        "{:016x}@kravkoll",
        fnv1a(&format!("{organisation}\u{1f}{}", item.key))
    )
}

fn ics_date(d: jiff::civil::Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

fn date_property(key: &str, d: jiff::civil::Date) -> Property {
    Property::new(key, ics_date(d))
        .append_parameter(ValueType::Date)
        .done()
}

pub fn ics(due: &Due, lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new(
        "PRODID",
        format!(
            "-//kravkoll//kravkoll {}//{}",
            env!("CARGO_PKG_VERSION"),
            lang.code().to_uppercase()
        ),
    ));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.append_property(
        Property::new("X-WR-CALNAME", format!("kravkoll: {}", due.organisation))
            .append_parameter(ValueType::Text)
            .done(),
    );
    let stamp = format!("{}T000000Z", ics_date(due.as_of));
    for item in &due.items {
        let prefix = match (item.status, sv) {
            (Status::Missing, true) => "Saknas: ",
            (Status::Missing, false) => "Missing: ",
            (Status::Overdue, true) => "Försenad: ",
            (Status::Overdue, false) => "Overdue: ",
            (Status::Due, _) => "",
        };
        let mut lines = Vec::new();
        for r in &item.reasons {
            let head = match (&r.control, &r.citation) {
                (Some(c), Some(cit)) => format!("{c} ({cit})"),
                (Some(c), None) => c.clone(),
                _ if sv => "Ingen kontroll".to_string(),
                _ => "No control".to_string(),
            };
            lines.push(format!("{} {head}: {}", r.date, basis_text(r, lang)));
        }
        if let Some(file) = &item.file {
            let line = item.line.map(|l| format!(":{l}")).unwrap_or_default();
            lines.push(format!("{file}{line}"));
        }
        let end = item.date.tomorrow().unwrap_or(item.date);
        let mut event = Event::new();
        event
            .uid(&uid(&due.organisation, item))
            .add_property("DTSTAMP", stamp.as_str())
            .append_property(date_property("DTSTART", item.date))
            .append_property(date_property("DTEND", end))
            .summary(&format!("{prefix}{}", item.task.get(lang)))
            .description(&lines.join("\n"))
            .add_property("TRANSP", "TRANSPARENT");
        cal.push(event.done());
    }
    cal.to_string()
}

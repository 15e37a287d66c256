//! `due` for people (a dated list) and for scripts (JSON). Every reason says where its date
//! comes from: a kravkoll default is named as such with its setting, never as law.

use std::fmt::Write;

use serde_json::{json, Value};

use super::{Basis, Due, Item, Reason, Status};
use crate::evidence::Lang;
use crate::typography;

fn months(n: f64, lang: Lang) -> String {
    let places = if (n - n.round()).abs() < 1e-9 { 0 } else { 1 };
    let number = typography::decimal(n, places, lang);
    let one = (n - 1.0).abs() < 1e-9;
    match (lang, one) {
        (Lang::Sv, true) => format!("{number} månad"),
        (Lang::Sv, false) => format!("{number} månader"),
        (Lang::En, true) => format!("{number} month"),
        (Lang::En, false) => format!("{number} months"),
    }
}

/// Where the date of a reason comes from, in running text.
pub fn basis_text(r: &Reason, lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    let since = r.since.as_ref().map(|s| {
        let what = s.what.get(lang);
        match &s.record {
            Some(id) => format!("{what} ({id}, {})", s.date),
            None => format!("{what} ({})", s.date),
        }
    });
    match &r.basis {
        Basis::Setting {
            name,
            months: n,
            overridden,
            ..
        } => {
            // The same words as every other text that shows an interval: the value, and
            // whose it is (none for the law's own number) with the setting's name.
            let phrase = crate::intervals::find(name)
                .map(|iv| crate::intervals::phrase(iv, *n, *overridden, lang))
                .unwrap_or_else(|| months(*n, lang));
            match (since, sv) {
                (Some(s), true) => format!("{phrase} efter {s}"),
                (Some(s), false) => format!("{phrase} after {s}"),
                (None, true) => format!("aldrig gjort; intervall {phrase}"),
                (None, false) => format!("never done; interval {phrase}"),
            }
        }
        Basis::RecordInterval { field, months: n } => match (since, sv) {
            (Some(s), true) => format!(
                "{} efter {s}; postens eget intervall ({field})",
                months(*n, lang)
            ),
            (Some(s), false) => format!(
                "{} after {s}; the record's own interval ({field})",
                months(*n, lang)
            ),
            (None, true) => format!("postens eget intervall ({field})"),
            (None, false) => format!("the record's own interval ({field})"),
        },
        Basis::RecordDate { field } => {
            if sv {
                format!("datumet i posten ({field})")
            } else {
                format!("the date in the record ({field})")
            }
        }
        Basis::Statute(t) | Basis::Derived(t) => t.get(lang).to_string(),
    }
}

fn basis_kind(b: &Basis) -> &'static str {
    match b {
        Basis::Setting {
            overridden: true, ..
        } => "setting",
        Basis::Setting {
            statutory: true, ..
        } => "statute",
        Basis::Setting { .. } => "default",
        Basis::Statute(_) => "statute",
        Basis::RecordDate { .. } => "record_date",
        Basis::RecordInterval { .. } => "record_interval",
        Basis::Derived(_) => "derived",
    }
}

fn status_word(item: &Item, lang: Lang) -> &'static str {
    match (item.status, lang) {
        (Status::Missing, Lang::Sv) => "saknas",
        (Status::Missing, Lang::En) => "missing",
        (Status::Overdue, Lang::Sv) => "försenad",
        (Status::Overdue, Lang::En) => "overdue",
        (Status::Due, _) => "",
    }
}

/// The list for a terminal: one block per item, in date order.
pub fn human(due: &Due, lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    let mut out = String::new();
    let n = due.items.len() as i64;
    let overdue = due
        .items
        .iter()
        .filter(|i| i.status == Status::Overdue)
        .count() as i64;
    let missing = due
        .items
        .iter()
        .filter(|i| i.status == Status::Missing)
        .count() as i64;
    let _ = if sv {
        writeln!(
            out,
            "{}: {} till och med {} (per {}), varav {} och {}.",
            due.organisation,
            typography::count(n, "uppgift", "uppgifter", lang),
            due.until,
            due.as_of,
            typography::count(overdue, "försenad", "försenade", lang),
            typography::count(missing, "som aldrig gjorts", "som aldrig gjorts", lang),
        )
    } else {
        writeln!(
            out,
            "{}: {} until {} (as of {}), of which {} and {}.",
            due.organisation,
            typography::count(n, "task", "tasks", lang),
            due.until,
            due.as_of,
            typography::count(overdue, "overdue", "overdue", lang),
            typography::count(missing, "never done", "never done", lang),
        )
    };
    for item in &due.items {
        let status = status_word(item, lang);
        let _ = writeln!(out);
        let _ = if status.is_empty() {
            writeln!(out, "{}  {}", item.date, item.task.get(lang))
        } else {
            writeln!(out, "{}  {status}: {}", item.date, item.task.get(lang))
        };
        if let Some(file) = &item.file {
            let line = item.line.map(|l| format!(":{l}")).unwrap_or_default();
            let _ = writeln!(out, "  --> {file}{line}");
        }
        for r in &item.reasons {
            let head = match (&r.control, &r.citation) {
                (Some(c), Some(cit)) => format!("{c}, {cit}"),
                (Some(c), None) => c.clone(),
                _ => {
                    if sv {
                        "ingen kontroll".to_string()
                    } else {
                        "no control".to_string()
                    }
                }
            };
            let _ = writeln!(out, "  {}  {head}: {}", r.date, basis_text(r, lang));
        }
    }
    if due.items.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if sv {
                "Inget förfaller under perioden."
            } else {
                "Nothing falls due in the period."
            }
        );
    }
    out
}

/// The machine-readable list (`due --format json`).
pub fn json(due: &Due, lang: Lang) -> Value {
    let items: Vec<Value> = due
        .items
        .iter()
        .map(|i| {
            let reasons: Vec<Value> = i
                .reasons
                .iter()
                .map(|r| {
                    let (setting, interval) = match &r.basis {
                        Basis::Setting { name, months, .. } => (Some(*name), Some(*months)),
                        Basis::RecordInterval { field, months } => (Some(*field), Some(*months)),
                        Basis::RecordDate { field } => (Some(*field), None),
                        _ => (None, None),
                    };
                    json!({
                        "control": r.control,
                        "citation": r.citation,
                        "date": r.date.to_string(),
                        "basis": basis_kind(&r.basis),
                        "setting": setting,
                        "interval_months": interval,
                        "since": r.since.as_ref().map(|s| json!({"record": s.record, "date": s.date})),
                        "text": basis_text(r, lang),
                    })
                })
                .collect();
            json!({
                "date": i.date.to_string(),
                "status": i.status,
                "task": i.task.get(lang),
                "record": i.record,
                "file": i.file,
                "line": i.line,
                "uid": super::ics::uid(&due.organisation, i),
                "reasons": reasons,
            })
        })
        .collect();
    json!({
        "organisation": due.organisation,
        "as_of": due.as_of.to_string(),
        "until": due.until.to_string(),
        "items": items,
    })
}

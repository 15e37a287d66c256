//! What falls due: the next date by which each recurring piece of evidence must be renewed,
//! every dated obligation written in the records, and the statutory dates, each with the
//! control and provision behind it (`kravkoll due`).
//!
//! The dates come from the same intervals the controls use (defaults of `src/intervals.rs`
//! merged with `kravkoll.yaml`) and the same month arithmetic as `lib.overdue` in the Rego
//! library: evidence dated `d` still counts on the n-month anniversary of `d` (the same
//! day-of-month, or the month's last day when it is shorter) and the control fires the day
//! after. So the date shown is the last day on which the evidence still counts; a task left
//! undone makes `check` report it from the next day on.

mod ics;
mod render;
mod tasks;

pub use ics::ics;
pub use render::{human, json};

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::catalog::{Applicability, Catalog};
use crate::evidence::{Evidence, Lang};

/// A text in both report languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub sv: String,
    pub en: String,
}

impl Text {
    pub fn new(sv: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            sv: sv.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }
}

/// Where a date comes from. Kept apart so that a kravkoll default is never shown as law.
#[derive(Debug, Clone, PartialEq)]
pub enum Basis {
    /// An interval of `src/intervals.rs`: the law's own number, kravkoll's default, or the
    /// value `kravkoll.yaml` sets (rendered by `intervals::phrase`, which says whose it is).
    Setting {
        name: &'static str,
        months: f64,
        overridden: bool,
        statutory: bool,
    },
    /// A date the law itself sets (the patient-safety report by 1 March).
    Statute(Text),
    /// A date written in the record (`due`, `expires`, `response_due`).
    RecordDate { field: &'static str },
    /// The record's own interval (`Document.review_interval_months`).
    RecordInterval { field: &'static str, months: f64 },
    /// A date kravkoll derives from a statutory one (explained in the text).
    Derived(Text),
}

/// The evidence a date is counted from.
#[derive(Debug, Clone, PartialEq)]
pub struct Since {
    pub what: Text,
    pub record: Option<String>,
    pub date: String,
}

/// Why an item falls due on a date: a control (when one checks it), its provision, and the
/// basis of the date.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    pub control: Option<String>,
    pub citation: Option<String>,
    pub date: Date,
    pub basis: Basis,
    pub since: Option<Since>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Required but never done: due now.
    Missing,
    /// The date has passed.
    Overdue,
    /// The date lies ahead.
    Due,
}

/// One thing to do by a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Stable identity of the task (not of the date), for the calendar's UID: when the task
    /// is done and its next date moves, a subscribed calendar updates the same event.
    pub key: String,
    pub date: Date,
    pub status: Status,
    pub task: Text,
    pub record: Option<String>,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub reasons: Vec<Reason>,
}

/// Everything due on or before `until`, as of `as_of`, sorted by date.
#[derive(Debug, Clone)]
pub struct Due {
    pub organisation: String,
    pub as_of: Date,
    pub until: Date,
    pub items: Vec<Item>,
}

/// How `--within` is written: a whole number and a unit, `90d`, `12w`, `6m` (months) or
/// `1y`.
pub fn parse_within(text: &str) -> Result<jiff::Span, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: i64 = num
        .parse()
        .ok()
        .filter(|n| (1..=3660).contains(n))
        .ok_or_else(|| {
            format!("`{text}`: write a whole number from 1 and a unit, e.g. 90d, 12w, 6m or 1y")
        })?;
    let span = match unit {
        "d" => jiff::Span::new().try_days(n),
        "w" => jiff::Span::new().try_weeks(n),
        "m" => jiff::Span::new().try_months(n),
        "y" => jiff::Span::new().try_years(n.min(19_998)),
        _ => {
            return Err(format!(
                "`{text}`: the unit must be d (days), w (weeks), m (months) or y (years), e.g. 90d"
            ))
        }
    };
    span.map_err(|e| format!("`{text}`: {e}"))
}

/// Collects the items of `evidence` due on or before `until` (overdue and missing ones
/// included), for the controls that apply to the organisation.
pub fn collect(evidence: &Evidence, catalog: &Catalog, as_of: Date, until: Date) -> Due {
    let ctx = tasks::Ctx {
        evidence,
        catalog,
        applicability: Applicability::of(&evidence.config.organisation),
        as_of,
    };
    let mut items: BTreeMap<String, Item> = BTreeMap::new();
    for item in tasks::all(&ctx) {
        match items.get_mut(&item.key) {
            Some(existing) => {
                existing.status = existing.status.min(item.status);
                existing.reasons.extend(item.reasons);
            }
            None => {
                items.insert(item.key.clone(), item);
            }
        }
    }
    let mut out: Vec<Item> = items
        .into_values()
        .filter_map(|mut item| {
            // A control that another reason's control stands in for is reported folded into
            // that one by `check`, so it gives no date of its own here either.
            let controls: Vec<String> = item
                .reasons
                .iter()
                .filter_map(|r| r.control.clone())
                .collect();
            item.reasons.retain(|r| {
                r.control.as_deref().is_none_or(|c| {
                    !controls
                        .iter()
                        .any(|other| other != c && stands_in_for(catalog, other, c))
                })
            });
            item.reasons.sort_by(|a, b| {
                (a.date, a.control.as_deref()).cmp(&(b.date, b.control.as_deref()))
            });
            item.reasons.dedup();
            let first = item.reasons.first()?.date;
            if item.status == Status::Missing {
                item.date = as_of;
            } else {
                item.date = first;
                item.status = if first < as_of {
                    Status::Overdue
                } else {
                    Status::Due
                };
            }
            (item.date <= until).then_some(item)
        })
        .collect();
    out.sort_by(|a, b| (a.date, a.status, &a.key).cmp(&(b.date, b.status, &b.key)));
    Due {
        organisation: evidence.config.organisation.name.clone(),
        as_of,
        until,
        items: out,
    }
}

/// `binding` stands in for `other`, directly or through a chain of `stands_in_for`.
fn stands_in_for(catalog: &Catalog, binding: &str, other: &str) -> bool {
    let mut seen = vec![binding.to_string()];
    let mut i = 0;
    while let Some(id) = seen.get(i).cloned() {
        i += 1;
        for next in catalog
            .get(&id)
            .map(|c| c.stands_in_for.as_slice())
            .unwrap_or(&[])
        {
            if next == other {
                return true;
            }
            if !seen.contains(next) {
                seen.push(next.clone());
            }
        }
    }
    false
}

/// The last day on which evidence dated `from` still counts under an interval of `months`
/// (a fraction counts as the next whole month, as `lib.overdue` does).
pub fn anniversary(from: Date, months: f64) -> Date {
    let whole = months.ceil().clamp(0.0, 12_000.0) as i64;
    from.checked_add(jiff::Span::new().months(whole))
        .unwrap_or(Date::MAX)
}

/// Every control id `due` relies on (a test checks that the catalog still has them).
pub const CONTROLS: &[&str] = tasks::CONTROLS;

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn anniversaries_clamp_to_the_month_end_like_the_rego_library() {
        assert_eq!(anniversary(date(2024, 1, 31), 1.0), date(2024, 2, 29));
        assert_eq!(anniversary(date(2025, 1, 31), 1.0), date(2025, 2, 28));
        assert_eq!(anniversary(date(2024, 2, 29), 12.0), date(2025, 2, 28));
        assert_eq!(anniversary(date(2025, 9, 30), 3.0), date(2025, 12, 30));
        // 2.5 months: `lib.overdue` fires after three whole months.
        assert_eq!(anniversary(date(2025, 1, 15), 2.5), date(2025, 4, 15));
    }

    #[test]
    fn every_control_due_names_is_in_the_catalog() {
        let cat = Catalog::load(&crate::catalog::builtin_files()).unwrap();
        for id in CONTROLS {
            assert!(cat.get(id).is_some(), "{id}");
        }
    }

    #[test]
    fn within_takes_days_weeks_months_and_years() {
        let d = date(2026, 12, 1);
        let add = |s: &str| d.checked_add(parse_within(s).unwrap()).unwrap();
        assert_eq!(add("90d"), date(2027, 3, 1));
        assert_eq!(add("2w"), date(2026, 12, 15));
        assert_eq!(add("3m"), date(2027, 3, 1));
        assert_eq!(add("1y"), date(2027, 12, 1));
        for bad in ["90", "d", "0d", "-3d", "3 months", "3x", "99999d"] {
            assert!(parse_within(bad).is_err(), "{bad}");
        }
    }
}

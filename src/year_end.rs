//! The evidence as it stood at the end of a year, for the annual report: a report for year
//! Y states nothing dated after 31 December Y, however the evidence has been updated since.
//!
//! Two things are used together:
//! - **git**: when the evidence repository is in a git repository and commits were made
//!   after the year, each record is read as committed in the last commit of the year (along
//!   the first-parent line). Records added later still count, since they may describe the
//!   year's events; records removed later are kept as they stood on 31 December.
//! - **dates**: a record whose defining date (an incident's detection, an analysis, a
//!   decision) lies after the year did not exist on 31 December and is left out; the report
//!   reads the other dated fields only up to 31 December.
//!
//! Where the history cannot tell (no git, or a history that begins after the year) the
//! evidence is used as it is, and fields dated after the year are reported as unknown.

use std::collections::HashSet;
use std::path::Path;

use git2::Commit;
use jiff::civil::Date;
use regorus::Value;

use crate::changes::local_date;
use crate::evidence::{self, Evidence, FieldValue, Record};
use crate::source::git::{short, GitError, GitRepo, NOT_A_REPOSITORY};

/// Where the state of the records on 31 December came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// Not in git, or nothing committed after the year: the evidence as it is.
    Current,
    /// Records as committed in the last commit of the year.
    Commit {
        short: String,
        date: String,
        /// Problems in that commit's files, passed over (those records are read as they are now).
        unreadable: usize,
    },
    /// Commits after the year exist, but the history does not reach back to the year.
    NoHistory { shallow: bool },
}

/// The evidence for the annual report of one year.
pub struct YearEnd {
    pub evidence: Evidence,
    pub basis: Basis,
    /// Why git could not be read, when the repository looked like one.
    pub warning: Option<String>,
}

/// The field that dates a record's coming into being, per kind: a record of these kinds
/// dated after the year did not exist on 31 December.
const BORN: &[(&str, &str)] = &[
    ("Appointment", "appointed"),
    ("Document", "adopted"),
    ("ManagementBriefing", "date"),
    ("Objective", "decided"),
    ("RiskAnalysis", "performed"),
    ("ActionPlan", "decided"),
    ("Training", "period_start"),
    ("Incident", "detected"),
    ("AccessAnalysis", "performed"),
    ("AccessReview", "performed"),
    ("LogReview", "performed"),
    ("RestoreTest", "performed"),
    ("ContinuityPlan", "adopted"),
    ("Audit", "date"),
    ("Exception", "decided"),
    ("Improvement", "decided"),
    ("Procurement", "started"),
    ("Dpia", "performed"),
];

/// Kinds that report on a year (`year`): those about later years are left out.
const ABOUT_YEAR: &[&str] = &["MaturityAssessment"];

fn date_of(r: &Record, field: &str) -> Option<Date> {
    r.value.get(field)?.str()?.get(..10)?.parse().ok()
}

/// Fields that record that something happened: a value after the year had not happened on
/// 31 December, so it is left out.
const EVENTS: &[(&str, &[&str])] = &[
    (
        "Incident",
        &[
            "imy_reported",
            "msb_reported",
            "csirt_early_warning",
            "csirt_notification",
            "csirt_status_report",
            "csirt_final_report",
            "subjects_informed",
            "analysed",
            "closed",
        ],
    ),
    ("Improvement", &["done"]),
    ("Dpia", &["dpo_consulted", "prior_consultation"]),
    ("Supplier", &["dpa_signed"]),
    ("Appointment", &["ended", "reported_to_imy"]),
    ("RiskAnalysis", &["reported_to_management"]),
];

/// Latest-value fields and the list that keeps their earlier values: the value on 31
/// December is the latest date on or before it; when only later dates are recorded it is
/// unknown.
const LATEST: &[(&str, &str, Option<&str>)] = &[
    ("Document", "last_reviewed", Some("review_history")),
    ("ContinuityPlan", "last_exercised", Some("exercise_history")),
    ("Supplier", "last_followup", Some("followup_history")),
    ("ProcessingActivity", "last_reviewed", None),
];

fn value_day(v: &Value) -> Option<Date> {
    v.str()?.get(..10)?.parse().ok()
}

fn after(r: &Record, field: &str, end: Date) -> bool {
    r.value
        .get(field)
        .and_then(value_day)
        .is_some_and(|d| d > end)
}

/// The record as it stood on `end`, as far as its dates tell: later events removed,
/// latest values taken from their history, what cannot be told marked unknown.
pub fn as_of(r: &mut Record, end: Date) {
    let kind = r.kind.name;
    if let Some((_, fields)) = EVENTS.iter().find(|(k, _)| *k == kind) {
        for f in *fields {
            if after(r, f, end) {
                r.value.remove(f);
            }
        }
    }
    for (k, field, history) in LATEST {
        if *k != kind {
            continue;
        }
        if let Some(h) = history {
            if let Some(list) = r.value.get_mut(h).and_then(|v| v.as_array_mut().ok()) {
                list.retain(|v| value_day(v).is_none_or(|d| d <= end));
            }
        }
        if !after(r, field, end) {
            continue;
        }
        let earlier = history
            .and_then(|h| r.value.get(h))
            .and_then(FieldValue::list)
            .and_then(|a| a.iter().filter_map(value_day).max());
        match earlier {
            Some(d) => {
                r.value.insert(field, Value::from(d.to_string()));
            }
            None => {
                r.value.remove(field);
                r.unknown.push(field);
            }
        }
    }
    match kind {
        "Objective" => objective_as_of(r, end),
        "ActionPlan" => {
            if let Some(items) = r.value.get_mut("items").and_then(|v| v.as_array_mut().ok()) {
                for it in items.iter_mut() {
                    let later = it.get("done").and_then(value_day).is_some_and(|d| d > end);
                    if let (true, Ok(it)) = (later, it.as_object_mut()) {
                        // Done after the year: on 31 December it was still open.
                        it.remove(&Value::from("done"));
                        it.insert(Value::from("status"), Value::from("ongoing"));
                    }
                }
            }
        }
        "Training" if after(r, "followed_up", end) => {
            for f in ["followed_up", "completed"] {
                r.value.remove(f);
            }
            r.unknown.push("completed");
        }
        "Classification" if after(r, "classified", end) => r.unknown.push("classified"),
        _ => {}
    }
}

/// An objective's status and follow-up on `end`: from `status_history` when the latest
/// follow-up is later; unknown when the history does not reach back.
fn objective_as_of(r: &mut Record, end: Date) {
    if let Some(list) = r
        .value
        .get_mut("status_history")
        .and_then(|v| v.as_array_mut().ok())
    {
        list.retain(|h| h.get("date").and_then(value_day).is_none_or(|d| d <= end));
    }
    if !after(r, "followed_up", end) {
        return;
    }
    let last = r
        .value
        .get("status_history")
        .and_then(FieldValue::list)
        .and_then(|a| {
            a.iter()
                .filter_map(|h| Some((h.get("date").and_then(value_day)?, h)))
                .max_by_key(|(d, _)| *d)
                .map(|(d, h)| (d, h.get("status").cloned()))
        });
    match last {
        Some((d, status)) => {
            r.value.insert("followed_up", Value::from(d.to_string()));
            if let Some(s) = status {
                r.value.insert("status", s);
            }
        }
        None => {
            r.value.remove("followed_up");
            r.unknown.push("followed_up");
            r.unknown.push("status");
        }
    }
}

/// Whether the record existed on `end` as far as its own dates tell.
pub fn existed_by(r: &Record, end: Date) -> bool {
    if let Some((_, field)) = BORN.iter().find(|(k, _)| *k == r.kind.name) {
        return date_of(r, field).is_none_or(|d| d <= end);
    }
    if ABOUT_YEAR.contains(&r.kind.name) {
        let year = r.value.get("year").and_then(|v| v.int());
        return year.is_none_or(|y| y <= i64::from(end.year()));
    }
    true
}

/// The evidence as it stood on 31 December of `year`. `git` is the evidence repository's
/// folder and the revision to start from (`HEAD`, or `--rev`); `None` reads no history.
pub fn assemble(current: Evidence, year: i16, git: Option<(&Path, &str)>) -> YearEnd {
    let end = Date::new(year, 12, 31).unwrap_or(Date::MAX);
    let (mut evidence, basis, warning) = match git {
        None => (current, Basis::Current, None),
        Some((path, rev)) => match at_year_end(current, year, path, rev) {
            Ok((ev, basis)) => (ev, basis, None),
            Err((ev, e)) => (
                ev,
                Basis::Current,
                Some(format!(
                    "the git history could not be read ({}); the evidence is used as it is now",
                    e.message
                )),
            ),
        },
    };
    let (config, records, source) = evidence.into_parts();
    let keep: Vec<Record> = records
        .into_iter()
        .filter(|r| existed_by(r, end))
        .map(|mut r| {
            as_of(&mut r, end);
            r
        })
        .collect();
    evidence = Evidence::new(config, keep, source);
    YearEnd {
        evidence,
        basis,
        warning,
    }
}

/// What the first-parent history says about the end of the year.
enum Walk<'r> {
    /// No commit after the year: the evidence as it is is the year-end state.
    NothingLater,
    AtCommit(Commit<'r>),
    Missing {
        shallow: bool,
    },
}

fn walk<'r>(repo: &'r git2::Repository, start: Commit<'r>, year: i16) -> Walk<'r> {
    if local_date(&start).year() <= year {
        return Walk::NothingLater;
    }
    let mut current = start;
    loop {
        if local_date(&current).year() <= year {
            return Walk::AtCommit(current);
        }
        let Some(pid) = current.parent_ids().next() else {
            return Walk::Missing {
                shallow: repo.is_shallow(),
            };
        };
        match repo.find_commit(pid) {
            Ok(p) => current = p,
            // A parent that is not there: the edge of a shallow clone.
            Err(_) => return Walk::Missing { shallow: true },
        }
    }
}

#[allow(clippy::result_large_err)]
fn at_year_end(
    current: Evidence,
    year: i16,
    path: &Path,
    rev: &str,
) -> Result<(Evidence, Basis), (Evidence, GitError)> {
    // The commit of the year end, as (short id, date, full id); the repository handle is
    // let go before the evidence is read from it.
    let found = {
        let repo = match GitRepo::discover(path) {
            Ok(r) => r,
            Err(e) if e.code == NOT_A_REPOSITORY => return Ok((current, Basis::Current)),
            Err(e) => return Err((current, e)),
        };
        let r = repo.repository();
        // A repository without commits has no history to read.
        if r.head().is_err() && rev == "HEAD" {
            return Ok((current, Basis::Current));
        }
        let start = match repo.resolve(rev) {
            Ok(c) => c,
            Err(e) => return Err((current, e)),
        };
        let found = match walk(r, start, year) {
            Walk::NothingLater => None,
            Walk::Missing { shallow } => Some(Err(shallow)),
            Walk::AtCommit(c) => Some(Ok((
                short(c.id()),
                local_date(&c).to_string(),
                c.id().to_string(),
            ))),
        };
        found
    };
    let basis_commit = match found {
        None => return Ok((current, Basis::Current)),
        Some(Err(shallow)) => return Ok((current, Basis::NoHistory { shallow })),
        Some(Ok(c)) => c,
    };
    let source = match GitRepo::discover(path).and_then(|g| g.source(&basis_commit.2)) {
        Ok(s) => s,
        // The evidence folder did not exist yet: every record was added later.
        Err(e) if e.code == crate::source::git::NO_SUCH_FOLDER => {
            return Ok((current, Basis::NoHistory { shallow: false }))
        }
        Err(e) => return Err((current, e)),
    };
    let then = evidence::load_lenient(&source);
    let ids: HashSet<String> = then.records.iter().map(|r| r.id.clone()).collect();
    let (config_now, now, source_name) = current.into_parts();
    let config = then.config.unwrap_or(config_now);
    let mut records = then.records;
    records.extend(now.into_iter().filter(|r| !ids.contains(&r.id)));
    Ok((
        Evidence::new(config, records, source_name),
        Basis::Commit {
            short: basis_commit.0,
            date: basis_commit.1,
            unreadable: then.problems,
        },
    ))
}

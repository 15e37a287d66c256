//! Exceptions (riskacceptanser): applied to the findings after evaluation.
//!
//! A finding is *accepted* by an `Exception` record that is in force on the check date
//! (`decided` ≤ as_of ≤ `expires`), names the finding's control in `controls` (an id or a
//! glob with `*`, `?`, `[…]`, `{a,b}`) and, when `records` is given, the finding's record.
//! An accepted finding stays in the report with `accepted_by` set and does not count against
//! `--fail-on`. Three evidence-hygiene controls (`policies/kravkoll/controls.yaml`) are
//! evaluated here, because they need the other controls' findings:
//!
//! - `KRAVKOLL-EXC/c1` (warning): an exception has expired but a finding it covered is still
//!   there (the risk is no longer accepted).
//! - `KRAVKOLL-EXC/c2` (warning): an exception in force covers no finding (the problem was
//!   fixed, or `controls`/`records` are wrong).
//! - `KRAVKOLL-EXC/c3` (info): an exception has expired and its findings are gone; the
//!   record only documents a past decision. Information, so that every expired exception is
//!   visible without failing a run over history.
//!
//! Findings of these controls are never accepted by an exception themselves.

use std::collections::{BTreeSet, HashMap, HashSet};

use globset::{Glob, GlobMatcher};
use regorus::Value;

use crate::catalog::Catalog;
use crate::diagnostics::{did_you_mean, Problem, Problems};
use crate::evidence::yaml::Pos;
use crate::evidence::{Evidence, FieldValue, Lang, Record};
use crate::findings::{Finding, Outcome};

pub const EXPIRED: &str = "KRAVKOLL-EXC/c1";
pub const UNUSED: &str = "KRAVKOLL-EXC/c2";
pub const EXPIRED_CLOSED: &str = "KRAVKOLL-EXC/c3";

/// One `Exception` record, ready to match findings.
#[derive(Debug, Clone)]
pub struct Exception {
    pub id: String,
    /// The patterns as written.
    pub controls: Vec<String>,
    /// `None`: every record.
    pub records: Option<Vec<String>>,
    pub justification: String,
    pub decided_by: String,
    /// `YYYY-MM-DD`.
    pub decided: String,
    /// `YYYY-MM-DD`.
    pub expires: String,
    pub file: String,
    pub line: usize,
    pub controls_line: usize,
    pub expires_line: usize,
    matchers: Vec<GlobMatcher>,
}

fn text(r: &Record, field: &str) -> String {
    r.value
        .get(field)
        .and_then(FieldValue::str)
        .unwrap_or_default()
        .to_string()
}

fn list(r: &Record, field: &str) -> Option<Vec<String>> {
    match r.value.get(field)? {
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(|v| v.str().map(str::to_string))
                .collect(),
        ),
        Value::String(s) => Some(vec![s.to_string()]),
        _ => None,
    }
}

fn matcher(pattern: &str) -> Result<GlobMatcher, String> {
    Glob::new(pattern)
        .map(|g| g.compile_matcher())
        .map_err(|e| e.kind().to_string())
}

impl Exception {
    fn from_record(r: &Record) -> Result<Self, (String, String)> {
        let controls = list(r, "controls").unwrap_or_default();
        let matchers = controls
            .iter()
            .map(|p| matcher(p).map_err(|e| (p.clone(), e)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Exception {
            id: r.id.clone(),
            records: list(r, "records"),
            justification: text(r, "justification"),
            decided_by: text(r, "decided_by"),
            decided: text(r, "decided"),
            expires: text(r, "expires"),
            file: r.file.to_string(),
            line: r.line,
            controls_line: r.field_line("controls").unwrap_or(r.line),
            expires_line: r.field_line("expires").unwrap_or(r.line),
            controls,
            matchers,
        })
    }

    /// In force on `as_of` (`YYYY-MM-DD`; ISO dates compare correctly as strings).
    pub fn in_force(&self, as_of: &str) -> bool {
        self.decided.as_str() <= as_of && as_of <= self.expires.as_str()
    }

    pub fn matches_control(&self, control: &str) -> bool {
        self.matchers.iter().any(|m| m.is_match(control))
    }

    /// Covers `f`, whatever the dates.
    pub fn covers(&self, f: &Finding) -> bool {
        self.matches_control(&f.control)
            && match (&self.records, &f.record) {
                (None, _) => true,
                (Some(ids), Some(r)) => ids.iter().any(|id| id == r),
                (Some(_), None) => false,
            }
    }
}

/// The `Exception` records of `evidence`, checked against the catalog: a pattern that is not
/// a valid glob, or that matches no known control, is an input error (with a suggestion).
pub fn load(evidence: &Evidence, catalog: &Catalog) -> Result<Vec<Exception>, Problems> {
    let mut out = Vec::new();
    let mut problems = Problems::default();
    for r in evidence
        .records()
        .iter()
        .filter(|r| r.kind.name == "Exception")
    {
        let line = r.field_line("controls").unwrap_or(r.line);
        let pos = Some(Pos {
            offset: 0,
            len: 0,
            line,
            col: 1,
        });
        match Exception::from_record(r) {
            Err((pattern, why)) => problems.push(
                Problem::new(
                    "kravkoll::exception::pattern",
                    r.file.to_string(),
                    pos,
                    format!(
                        "exception `{}`: `{pattern}` is not a valid control pattern ({why})",
                        r.id
                    ),
                )
                .help("write a control id such as `PDL-4.3/c1`, or a pattern such as `PDL-4.3/*`"),
            ),
            Ok(e) => {
                for (pattern, m) in e.controls.iter().zip(&e.matchers) {
                    if catalog.controls.iter().any(|c| m.is_match(&c.id)) {
                        continue;
                    }
                    let hint =
                        did_you_mean(pattern, catalog.controls.iter().map(|c| c.id.as_str()));
                    problems.push(
                        Problem::new(
                            "kravkoll::exception::unknown-control",
                            r.file.to_string(),
                            pos,
                            format!(
                                "exception `{}`: `{pattern}` matches no known control",
                                r.id
                            ),
                        )
                        .help(hint.unwrap_or_else(|| {
                            "control ids are listed in the policies' controls.yaml, e.g. `PDL-4.3/c1`; `*` matches any text".into()
                        })),
                    );
                }
                out.push(e);
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Marks accepted findings and adds the hygiene findings of `KRAVKOLL-EXC/*` (when those
/// controls were evaluated), then recomputes the summary.
pub fn apply(outcome: &mut Outcome, exceptions: &[Exception], catalog: &Catalog, lang: Lang) {
    let as_of = outcome.as_of.clone();
    let hygiene = |id: &str| id == EXPIRED || id == UNUSED || id == EXPIRED_CLOSED;
    let expired = |e: &Exception| !e.in_force(&as_of) && e.expires.as_str() < as_of.as_str();
    // Each control's patterns are matched once, and each exception's records put in a set,
    // so that the cost grows with the findings and not with findings times exceptions.
    let mut by_control: HashMap<String, Vec<usize>> = HashMap::new();
    let records: Vec<Option<HashSet<&str, foldhash::fast::RandomState>>> = exceptions
        .iter()
        .map(|e| {
            e.records
                .as_ref()
                .map(|ids| ids.iter().map(String::as_str).collect())
        })
        .collect();
    let mut used = vec![false; exceptions.len()];
    // The controls of the findings an expired exception still covers.
    let mut still: Vec<BTreeSet<String>> = vec![BTreeSet::new(); exceptions.len()];
    // The findings come grouped by control: the last control's exceptions are reused
    // without a lookup (77 000 findings at 100 000 records).
    let mut last: Option<(String, Vec<usize>)> = None;
    for f in outcome.findings.iter_mut().filter(|f| !hygiene(&f.control)) {
        let matching = match &last {
            Some((control, matching)) if *control == f.control => matching,
            _ => {
                let matching = by_control
                    .entry(f.control.clone())
                    .or_insert_with(|| {
                        exceptions
                            .iter()
                            .enumerate()
                            .filter(|(_, e)| e.matches_control(&f.control))
                            .map(|(i, _)| i)
                            .collect()
                    })
                    .clone();
                &last.insert((f.control.clone(), matching)).1
            }
        };
        for &i in matching {
            let e = &exceptions[i];
            let covered = match (&records[i], &f.record) {
                (None, _) => true,
                (Some(ids), Some(r)) => ids.contains(r.as_str()),
                (Some(_), None) => false,
            };
            if !covered {
                continue;
            }
            if e.in_force(&as_of) {
                used[i] = true;
                if f.accepted_by.is_none() {
                    f.accepted_by = Some(e.id.clone());
                }
            } else if expired(e) && !still[i].contains(f.control.as_str()) {
                still[i].insert(f.control.clone());
            }
        }
    }
    let evaluated = |id: &str| outcome.evaluated.iter().any(|c| c == id);
    let mut extra = Vec::new();
    for (i, e) in exceptions.iter().enumerate() {
        if e.in_force(&as_of) {
            if evaluated(UNUSED) && !used[i] {
                let message = match lang {
                    Lang::Sv => format!(
                        "Riskacceptansen {} ({}) täcker ingen avvikelse per {as_of}.",
                        e.id,
                        e.controls.join(", ")
                    ),
                    Lang::En => format!(
                        "The risk acceptance {} ({}) covers no finding as of {as_of}.",
                        e.id,
                        e.controls.join(", ")
                    ),
                };
                extra.extend(hygiene_finding(
                    catalog,
                    UNUSED,
                    e,
                    e.controls_line,
                    message,
                    lang,
                ));
            }
        } else if expired(e) {
            if still[i].is_empty() {
                if evaluated(EXPIRED_CLOSED) {
                    let message = match lang {
                        Lang::Sv => format!(
                            "Riskacceptansen {} ({}) löpte ut {}; avvikelserna den gällde finns inte längre per {as_of}.",
                            e.id,
                            e.controls.join(", "),
                            e.expires
                        ),
                        Lang::En => format!(
                            "The risk acceptance {} ({}) expired on {}; the findings it covered are gone as of {as_of}.",
                            e.id,
                            e.controls.join(", "),
                            e.expires
                        ),
                    };
                    extra.extend(hygiene_finding(
                        catalog,
                        EXPIRED_CLOSED,
                        e,
                        e.expires_line,
                        message,
                        lang,
                    ));
                }
            } else if evaluated(EXPIRED) {
                let controls = still[i].iter().cloned().collect::<Vec<_>>().join(", ");
                let message = match lang {
                    Lang::Sv => format!(
                        "Riskacceptansen {} löpte ut {} men avvikelserna den gällde finns kvar ({controls}).",
                        e.id, e.expires
                    ),
                    Lang::En => format!(
                        "The risk acceptance {} expired on {} but the findings it covered remain ({controls}).",
                        e.id, e.expires
                    ),
                };
                extra.extend(hygiene_finding(
                    catalog,
                    EXPIRED,
                    e,
                    e.expires_line,
                    message,
                    lang,
                ));
            }
        }
    }
    if !extra.is_empty() {
        // Keep the engine's order: by framework, then control, then place.
        outcome.findings.extend(extra);
        outcome.findings.sort_by(|a, b| {
            (
                catalog.framework_rank(&a.framework),
                a.severity,
                &a.control,
                &a.file,
                a.line,
            )
                .cmp(&(
                    catalog.framework_rank(&b.framework),
                    b.severity,
                    &b.control,
                    &b.file,
                    b.line,
                ))
        });
    }
    outcome.summary = Outcome::summarise(&outcome.findings, outcome.evaluated.len());
}

fn hygiene_finding(
    catalog: &Catalog,
    control: &str,
    e: &Exception,
    line: usize,
    message: String,
    lang: Lang,
) -> Option<Finding> {
    let c = catalog.get(control)?;
    Some(Finding {
        message,
        file: Some(e.file.clone()),
        line: Some(line),
        record: Some(e.id.clone()),
        ..Finding::of(c, lang, &crate::intervals::Settings::defaults())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exc(controls: &[&str], records: Option<&[&str]>, decided: &str, expires: &str) -> Exception {
        Exception {
            id: "exc-1".into(),
            controls: controls.iter().map(|s| s.to_string()).collect(),
            records: records.map(|r| r.iter().map(|s| s.to_string()).collect()),
            justification: "because".into(),
            decided_by: "HSN".into(),
            decided: decided.into(),
            expires: expires.into(),
            file: "evidence/exc.yaml".into(),
            line: 1,
            controls_line: 3,
            expires_line: 8,
            matchers: controls.iter().map(|p| matcher(p).unwrap()).collect(),
        }
    }

    fn finding(control: &str, record: Option<&str>) -> Finding {
        Finding {
            control: control.into(),
            framework: "pdl".into(),
            severity: crate::findings::Severity::Warning,
            title: "t".into(),
            message: "m".into(),
            citation: "c".into(),
            file: Some("evidence/x.yaml".into()),
            line: Some(1),
            record: record.map(str::to_string),
            accepted_by: None,
            remediation: "r".into(),
            statutory: true,
            event_date: None,
            also: Vec::new(),
        }
    }

    #[test]
    fn globs_and_exact_ids() {
        let e = exc(
            &["PDL-4.3/*", "GDPR-33/c?"],
            None,
            "2025-01-01",
            "2025-12-31",
        );
        assert!(e.matches_control("PDL-4.3/c1"));
        assert!(e.matches_control("PDL-4.3/c12"));
        assert!(!e.matches_control("PDL-4.2/c1"));
        assert!(e.matches_control("GDPR-33/c3"));
        assert!(!e.matches_control("GDPR-33/c10"));
        let exact = exc(&["PDL-4.3/c1"], None, "2025-01-01", "2025-12-31");
        assert!(exact.matches_control("PDL-4.3/c1"));
        assert!(!exact.matches_control("PDL-4.3/c2"));
        assert!(matcher("PDL-[").is_err());
    }

    #[test]
    fn records_narrow_the_cover() {
        let e = exc(&["PDL-*"], Some(&["sys-a"]), "2025-01-01", "2025-12-31");
        assert!(e.covers(&finding("PDL-4.3/c1", Some("sys-a"))));
        assert!(!e.covers(&finding("PDL-4.3/c1", Some("sys-b"))));
        assert!(!e.covers(&finding("PDL-4.3/c1", None)));
        let all = exc(&["PDL-*"], None, "2025-01-01", "2025-12-31");
        assert!(all.covers(&finding("PDL-4.3/c1", None)));
    }

    #[test]
    fn in_force_includes_both_ends() {
        let e = exc(&["*"], None, "2025-03-01", "2025-06-30");
        assert!(!e.in_force("2025-02-28"));
        assert!(e.in_force("2025-03-01"));
        assert!(e.in_force("2025-06-30"));
        assert!(!e.in_force("2025-07-01"));
    }
}

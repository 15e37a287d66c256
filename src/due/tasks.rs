//! The recurring tasks and dated obligations, each mirroring the control that checks it.
//! A task whose control does not apply to the organisation, or is not in force on the date,
//! loses that reason; a task left with no reason is dropped, except tasks whose date the
//! organisation wrote itself (action plans, exceptions, its own review intervals).

use std::collections::HashMap;

use jiff::civil::Date;
use regorus::Value;

use super::{anniversary, Basis, Item, Reason, Since, Status, Text};
use crate::catalog::{Applicability, Catalog};
use crate::evidence::{Evidence, FieldValue, Record};
use crate::intervals;

pub const CONTROLS: &[&str] = &[
    "MSB2018-REC1/c1",
    "HSLF-3.10/c1",
    "HSLF-3.10/c2",
    "CSL-2.3/c2",
    "MSB2018-REC5/c2",
    "PDL-4.3/c2",
    "PDL-4.3/c4",
    "SOLPUL-11-12/c4",
    "PDL-4.2/c2",
    "SOLPUL-11-12/c2",
    "GDPR-28/c2",
    "MSB2018-REC7/c5",
    "GDPR-32.1.c/c1",
    "NIS-14/c2",
    "AUDIT-RESP-1/c1",
    "AUDIT-RESP-1/c2",
    "AUDIT-RESP-8/c1",
    "AUDIT-RESP-8/c2",
    "KRAVKOLL-EXC/c1",
    "PSL-3.10/c1",
    "HSLF-3.6/c2",
    "HSLF-3.6/c3",
];

pub struct Ctx<'a> {
    pub evidence: &'a Evidence,
    pub catalog: &'a Catalog,
    pub applicability: Applicability,
    pub as_of: Date,
}

fn s<'r>(r: &'r Record, field: &str) -> Option<&'r str> {
    r.value.get(field).and_then(FieldValue::str)
}

fn b(r: &Record, field: &str) -> bool {
    r.value.get(field).and_then(FieldValue::bool) == Some(true)
}

fn date(text: &str) -> Option<Date> {
    text.parse().ok()
}

/// A dated string on or before the evaluation date (evidence from the future is ignored, as
/// the controls ignore it).
fn counted(ctx: &Ctx, d: Option<&str>) -> Option<Date> {
    d.and_then(date).filter(|d| *d <= ctx.as_of)
}

impl Ctx<'_> {
    /// The control with its citation, when it applies to the organisation and is in force
    /// on the day the task matters (the due date, or today when that has passed).
    fn control(&self, id: &str, on: Date) -> Option<(String, String)> {
        let c = self.catalog.get(id)?;
        let day = on.max(self.as_of).to_string();
        (self.applicability.holds(&c.applies_to) && c.in_force(&day))
            .then(|| (c.id.clone(), c.citation.clone()))
    }

    fn setting(&self, name: &'static str) -> (f64, Basis) {
        let iv = intervals::find(name);
        let default = iv.map(|i| i.default).unwrap_or(12.0);
        let config = &self.evidence.config;
        let months = config.intervals.get(name).copied().unwrap_or(default);
        (
            months,
            Basis::Setting {
                name,
                months,
                overridden: config.overridden.contains(name),
                statutory: iv.is_some_and(|i| i.statutory),
            },
        )
    }

    /// A reason from a control and an interval setting, counted from `since`; `None` when the
    /// control does not apply.
    fn interval_reason(
        &self,
        control: &str,
        setting: &'static str,
        since: Option<Since>,
    ) -> Option<Reason> {
        let (months, basis) = self.setting(setting);
        let due = match &since {
            Some(s) => anniversary(date(&s.date)?, months),
            None => self.as_of,
        };
        let (control, citation) = self.control(control, due)?;
        Some(Reason {
            control: Some(control),
            citation: Some(citation),
            date: due,
            basis,
            since,
        })
    }

    fn dated_reason(&self, control: Option<&str>, due: Date, basis: Basis) -> Option<Reason> {
        let (control, citation) = match control {
            Some(id) => {
                let (c, cit) = self.control(id, due)?;
                (Some(c), Some(cit))
            }
            None => (None, None),
        };
        Some(Reason {
            control,
            citation,
            date: due,
            basis,
            since: None,
        })
    }
}

fn item(key: String, task: Text, r: Option<&Record>, reasons: Vec<Reason>) -> Option<Item> {
    if reasons.is_empty() {
        return None;
    }
    let missing = reasons.iter().all(|x| x.since.is_none() && is_interval(x));
    Some(Item {
        key,
        date: reasons[0].date,
        status: if missing {
            Status::Missing
        } else {
            Status::Due
        },
        task,
        record: r.map(|r| r.id.clone()),
        file: r.map(|r| r.file.to_string()),
        line: r.map(|r| r.line),
        reasons,
    })
}

fn is_interval(r: &Reason) -> bool {
    matches!(
        r.basis,
        Basis::Setting { .. } | Basis::RecordInterval { .. }
    )
}

pub fn all(ctx: &Ctx) -> Vec<Item> {
    let mut out = Vec::new();
    documents(ctx, &mut out);
    systems(ctx, &mut out);
    organisation_risk_analysis(ctx, &mut out);
    classifications(ctx, &mut out);
    suppliers(ctx, &mut out);
    continuity(ctx, &mut out);
    action_plans(ctx, &mut out);
    audits(ctx, &mut out);
    exceptions(ctx, &mut out);
    statutory(ctx, &mut out);
    out
}

fn of_kind<'a>(ctx: &'a Ctx, kind: &'static str) -> impl Iterator<Item = &'a Record> + 'a {
    ctx.evidence
        .records()
        .iter()
        .filter(move |r| r.kind.name == kind)
}

fn documents(ctx: &Ctx, out: &mut Vec<Item>) {
    for d in of_kind(ctx, "Document") {
        let Some(adopted) = counted(ctx, s(d, "adopted")) else {
            continue;
        };
        let reviewed = counted(ctx, s(d, "last_reviewed")).unwrap_or(adopted);
        let title = s(d, "title").unwrap_or(&d.id);
        let since = Since {
            what: Text::new("senaste revideringen", "the latest review"),
            record: None,
            date: reviewed.to_string(),
        };
        let mut reasons = Vec::new();
        let is_policy =
            s(d, "doc_type") == Some("policy") && s(d, "subject") == Some("information_security");
        if is_policy {
            reasons.extend(ctx.interval_reason(
                "MSB2018-REC1/c1",
                "policy_review_warning_months",
                Some(since.clone()),
            ));
        }
        if let Some(months) = d
            .value
            .get("review_interval_months")
            .and_then(FieldValue::float)
        {
            reasons.push(Reason {
                control: None,
                citation: None,
                date: anniversary(reviewed, months),
                basis: Basis::RecordInterval {
                    field: "review_interval_months",
                    months,
                },
                since: Some(since),
            });
        }
        let task = if is_policy {
            Text::new(
                format!("Se över informationssäkerhetspolicyn {title} ({})", d.id),
                format!("Review the information-security policy {title} ({})", d.id),
            )
        } else {
            Text::new(
                format!("Revidera styrdokumentet {title} ({})", d.id),
                format!("Review the governing document {title} ({})", d.id),
            )
        };
        out.extend(item(
            format!("document-review/{}", d.id),
            task,
            Some(d),
            reasons,
        ));
    }
}

/// The latest `performed` date per system among records of `kind` with a `system` field (or
/// a `systems` list), counted up to the evaluation date: one pass over the evidence.
fn latest_by_system<'a>(ctx: &'a Ctx, kind: &'static str) -> HashMap<&'a str, &'a Record> {
    let mut latest: HashMap<&str, &Record> = HashMap::new();
    for r in of_kind(ctx, kind) {
        let Some(performed) = counted(ctx, s(r, "performed")) else {
            continue;
        };
        let mut systems: Vec<&str> = s(r, "system").into_iter().collect();
        if let Some(Value::Array(list)) = r.value.get("systems") {
            systems.extend(list.iter().filter_map(FieldValue::str));
        }
        for sys in systems {
            let newer = latest
                .get(sys)
                .and_then(|old| counted(ctx, s(old, "performed")))
                .is_none_or(|old| performed > old);
            if newer {
                latest.insert(sys, r);
            }
        }
    }
    latest
}

struct Recurring {
    key: &'static str,
    kind: &'static str,
    what: (&'static str, &'static str),
    task: (&'static str, &'static str),
    setting: &'static str,
}

fn since_of(r: &Record, what: (&str, &str)) -> Since {
    Since {
        what: Text::new(what.0, what.1),
        record: Some(r.id.clone()),
        date: s(r, "performed").unwrap_or_default().to_string(),
    }
}

fn systems(ctx: &Ctx, out: &mut Vec<Item>) {
    let log = Recurring {
        key: "log-review",
        kind: "LogReview",
        what: ("senaste loggkontrollen", "the latest log review"),
        task: ("Loggkontroll av systemet", "Log review of system"),
        setting: "log_followup_interval_months",
    };
    let access = Recurring {
        key: "access-review",
        kind: "AccessReview",
        what: (
            "senaste behörighetsuppföljningen",
            "the latest access review",
        ),
        task: (
            "Behörighetsuppföljning av systemet",
            "Access review of system",
        ),
        setting: "access_review_interval_months",
    };
    let restore = Recurring {
        key: "restore-test",
        kind: "RestoreTest",
        what: ("senaste återläsningstestet", "the latest restore test"),
        task: ("Återläsningstest av systemet", "Restore test of system"),
        setting: "restore_test_interval_months",
    };
    let risk = Recurring {
        key: "system-risk-analysis",
        kind: "RiskAnalysis",
        what: (
            "senaste riskanalysen av systemet",
            "the latest risk analysis of the system",
        ),
        task: (
            "Förnya riskanalysen av systemet",
            "Renew the risk analysis of system",
        ),
        setting: "risk_analysis_system_max_age_months",
    };
    // Which control asks for each task, for which systems: (task, control when done before,
    // control when never done, system predicate). HSLF-FS 2016:40 3 kap. 10 § asks for an
    // analysis at go-live and change, not a renewal: once a system has one, no recurring task.
    type Pred = fn(&Record) -> bool;
    let patient: Pred = |r| b(r, "patient_data");
    let social: Pred = |r| b(r, "social_care_data");
    let personal: Pred = |r| b(r, "personal_data") || b(r, "patient_data");
    let rules: [(&Recurring, Option<&str>, &str, Pred); 6] = [
        (&log, Some("PDL-4.3/c2"), "PDL-4.3/c4", patient),
        (&log, Some("SOLPUL-11-12/c4"), "SOLPUL-11-12/c4", social),
        (&access, Some("PDL-4.2/c2"), "PDL-4.2/c2", patient),
        (&access, Some("SOLPUL-11-12/c2"), "SOLPUL-11-12/c2", social),
        (&restore, Some("GDPR-32.1.c/c1"), "GDPR-32.1.c/c1", personal),
        (&risk, None, "HSLF-3.10/c1", personal),
    ];
    // A patient-data system whose latest log review is older than the yearly cycle is no
    // longer behind the cadence (PDL-4.3/c2) but without recurring checks (PDL-4.3/c4).
    let cycle = ctx.setting("annual_cycle_months").0;
    let mut latest: HashMap<&str, HashMap<&str, &Record>> = HashMap::new();
    for rec in [&log, &access, &restore, &risk] {
        latest.insert(rec.kind, latest_by_system(ctx, rec.kind));
    }
    for sys in of_kind(ctx, "System") {
        let name = s(sys, "name").unwrap_or(&sys.id);
        for (rec, done_control, never_control, applies) in &rules {
            if !applies(sys) {
                continue;
            }
            let last = latest
                .get(rec.kind)
                .and_then(|m| m.get(sys.id.as_str()))
                .copied();
            let reason = match (last, done_control) {
                (Some(_), None) => continue,
                (Some(r), Some(done)) => {
                    let lapsed = *done == "PDL-4.3/c2"
                        && counted(ctx, s(r, "performed"))
                            .is_some_and(|d| anniversary(d, cycle) < ctx.as_of);
                    let control = if lapsed { *never_control } else { done };
                    ctx.interval_reason(control, rec.setting, Some(since_of(r, rec.what)))
                }
                (None, _) => ctx.interval_reason(never_control, rec.setting, None),
            };
            let task = Text::new(
                format!("{} {name} ({})", rec.task.0, sys.id),
                format!("{} {name} ({})", rec.task.1, sys.id),
            );
            out.extend(item(
                format!("{}/{}", rec.key, sys.id),
                task,
                Some(sys),
                reason.into_iter().collect(),
            ));
        }
    }
}

fn organisation_risk_analysis(ctx: &Ctx, out: &mut Vec<Item>) {
    let latest = of_kind(ctx, "RiskAnalysis")
        .filter(|r| s(r, "scope") == Some("organisation"))
        .filter_map(|r| counted(ctx, s(r, "performed")).map(|d| (d, r)))
        .max_by_key(|(d, _)| *d);
    let what = (
        "senaste riskanalysen av hela verksamheten",
        "the latest risk analysis of the whole organisation",
    );
    let since = latest.map(|(_, r)| since_of(r, what));
    let mut reasons = Vec::new();
    reasons.extend(ctx.interval_reason(
        "CSL-2.3/c2",
        "csl_risk_analysis_max_age_months",
        since.clone(),
    ));
    reasons.extend(ctx.interval_reason("MSB2018-REC5/c2", "annual_cycle_months", since));
    out.extend(item(
        "organisation-risk-analysis".into(),
        Text::new(
            "Förnya riskanalysen av hela verksamheten",
            "Renew the risk analysis of the whole organisation",
        ),
        latest.map(|(_, r)| r),
        reasons,
    ));
}

fn classifications(ctx: &Ctx, out: &mut Vec<Item>) {
    let (months, basis) = ctx.setting("classification_review_months");
    for c in of_kind(ctx, "Classification") {
        let Some(classified) = counted(ctx, s(c, "classified")) else {
            continue;
        };
        let asset = s(c, "asset").unwrap_or(&c.id);
        let reason = Reason {
            control: None,
            citation: None,
            date: anniversary(classified, months),
            basis: basis.clone(),
            since: Some(Since {
                what: Text::new("klassningen", "the classification"),
                record: None,
                date: classified.to_string(),
            }),
        };
        out.extend(item(
            format!("classification-review/{}", c.id),
            Text::new(
                format!("Se över informationsklassningen {asset} ({})", c.id),
                format!("Review the information classification {asset} ({})", c.id),
            ),
            Some(c),
            vec![reason],
        ));
    }
}

fn suppliers(ctx: &Ctx, out: &mut Vec<Item>) {
    for sup in of_kind(ctx, "Supplier").filter(|r| b(r, "personal_data")) {
        let name = s(sup, "name").unwrap_or(&sup.id);
        let since = counted(ctx, s(sup, "last_followup")).map(|d| Since {
            what: Text::new("senaste uppföljningen", "the latest follow-up"),
            record: None,
            date: d.to_string(),
        });
        let mut reasons = Vec::new();
        for control in ["GDPR-28/c2", "MSB2018-REC7/c5"] {
            reasons.extend(ctx.interval_reason(
                control,
                "supplier_followup_interval_months",
                since.clone(),
            ));
        }
        out.extend(item(
            format!("supplier-followup/{}", sup.id),
            Text::new(
                format!("Följ upp leverantören {name} ({})", sup.id),
                format!("Follow up supplier {name} ({})", sup.id),
            ),
            Some(sup),
            reasons,
        ));
    }
}

fn continuity(ctx: &Ctx, out: &mut Vec<Item>) {
    for plan in of_kind(ctx, "ContinuityPlan") {
        if counted(ctx, s(plan, "adopted")).is_none() {
            continue;
        }
        let covers_essential = match plan.value.get("systems") {
            Some(Value::Array(list)) => list.iter().filter_map(FieldValue::str).any(|id| {
                ctx.evidence
                    .by_id(id)
                    .is_some_and(|sys| b(sys, "nis_essential"))
            }),
            _ => false,
        };
        let since = counted(ctx, s(plan, "last_exercised")).map(|d| Since {
            what: Text::new("senaste övningen", "the latest exercise"),
            record: None,
            date: d.to_string(),
        });
        let title = s(plan, "title").unwrap_or(&plan.id);
        let task = Text::new(
            format!("Öva kontinuitetsplanen {title} ({})", plan.id),
            format!("Exercise the continuity plan {title} ({})", plan.id),
        );
        let mut reasons = Vec::new();
        if covers_essential {
            reasons.extend(ctx.interval_reason(
                "NIS-14/c2",
                "restore_test_interval_months",
                since.clone(),
            ));
        }
        // Without a control in force the plan still has a rhythm: kravkoll's default interval
        // for exercises and restore tests, named as such.
        if reasons.is_empty() {
            if let Some(since) = since {
                let (months, basis) = ctx.setting("restore_test_interval_months");
                reasons.push(Reason {
                    control: None,
                    citation: None,
                    date: anniversary(date(&since.date).unwrap_or(ctx.as_of), months),
                    basis,
                    since: Some(since),
                });
            }
        }
        out.extend(item(
            format!("continuity-exercise/{}", plan.id),
            task,
            Some(plan),
            reasons,
        ));
    }
}

fn action_plans(ctx: &Ctx, out: &mut Vec<Item>) {
    for plan in of_kind(ctx, "ActionPlan") {
        let Some(Value::Array(items)) = plan.value.get("items") else {
            continue;
        };
        for it in items.iter() {
            let status = it.get("status").and_then(FieldValue::str).unwrap_or("");
            if !matches!(status, "planned" | "ongoing") {
                continue;
            }
            let (Some(id), Some(due)) = (
                it.get("id").and_then(FieldValue::str),
                it.get("due").and_then(FieldValue::str).and_then(date),
            ) else {
                continue;
            };
            let measure = it.get("measure").and_then(FieldValue::str).unwrap_or(id);
            let owner = it.get("owner").and_then(FieldValue::str).unwrap_or("");
            let reason = ctx.dated_reason(None, due, Basis::RecordDate { field: "due" });
            if let Some(mut i) = item(
                format!("action/{}/{id}", plan.id),
                Text::new(
                    format!("Åtgärd {id} i {}: {measure} (ansvarig: {owner})", plan.id),
                    format!(
                        "Measure {id} of {}: {measure} (responsible: {owner})",
                        plan.id
                    ),
                ),
                Some(plan),
                reason.into_iter().collect(),
            ) {
                i.line = plan.item_line(id).or(i.line);
                out.push(i);
            }
        }
    }
}

fn audits(ctx: &Ctx, out: &mut Vec<Item>) {
    for a in of_kind(ctx, "Audit") {
        let Some(held) = counted(ctx, s(a, "date")) else {
            continue;
        };
        let supervision = s(a, "type") == Some("supervision");
        let title = s(a, "title").unwrap_or(&a.id);
        let Some(Value::Array(recs)) = a.value.get("recommendations") else {
            continue;
        };
        for rec in recs.iter() {
            let Some(rid) = rec.get("id").and_then(FieldValue::str) else {
                continue;
            };
            let answered = rec.get("response").is_some() || rec.get("no_action_reason").is_some();
            let mut push = |key: String, task: Text, reason: Option<Reason>| {
                if let Some(mut i) = item(key, task, Some(a), reason.into_iter().collect()) {
                    i.line = a.item_line(rid).or(i.line);
                    out.push(i);
                }
            };
            if !answered {
                let control = if supervision {
                    "AUDIT-RESP-1/c2"
                } else {
                    "AUDIT-RESP-1/c1"
                };
                let reason = match s(a, "response_due").and_then(date) {
                    Some(due) => ctx.dated_reason(
                        Some(control),
                        due,
                        Basis::RecordDate {
                            field: "response_due",
                        },
                    ),
                    None => ctx.interval_reason(
                        control,
                        "audit_response_months",
                        Some(Since {
                            what: Text::new("granskningen", "the audit"),
                            record: None,
                            date: held.to_string(),
                        }),
                    ),
                };
                push(
                    format!("audit-response/{}/{rid}", a.id),
                    Text::new(
                        format!("Besvara rekommendation {rid} i {title} ({})", a.id),
                        format!("Answer recommendation {rid} of {title} ({})", a.id),
                    ),
                    reason,
                );
            }
            if let Some(resp) = rec.get("response") {
                if rec.get("no_action_reason").is_some() || completed(ctx, &a.id, rid) {
                    continue;
                }
                let Some(due) = resp.get("due").and_then(FieldValue::str).and_then(date) else {
                    continue;
                };
                let control = if supervision {
                    "AUDIT-RESP-8/c2"
                } else {
                    "AUDIT-RESP-8/c1"
                };
                let action = resp.get("action").and_then(FieldValue::str).unwrap_or(rid);
                let who = resp
                    .get("responsible")
                    .and_then(FieldValue::str)
                    .unwrap_or("");
                push(
                    format!("audit-action/{}/{rid}", a.id),
                    Text::new(
                        format!("Genomför åtgärden för rekommendation {rid} i {}: {action} (ansvarig: {who})", a.id),
                        format!("Carry out the action for recommendation {rid} of {}: {action} (responsible: {who})", a.id),
                    ),
                    ctx.dated_reason(Some(control), due, Basis::RecordDate { field: "response.due" }),
                );
            }
        }
    }
}

/// An Improvement done by the evaluation date that names the recommendation or its audit in
/// `sources` (the evidence AUDIT-RESP-8 accepts).
fn completed(ctx: &Ctx, audit: &str, rec: &str) -> bool {
    of_kind(ctx, "Improvement").any(|i| {
        counted(ctx, s(i, "done")).is_some()
            && matches!(i.value.get("sources"), Some(Value::Array(src))
                if src.iter().any(|v| v.str() == Some(rec) || v.str() == Some(audit)))
    })
}

fn exceptions(ctx: &Ctx, out: &mut Vec<Item>) {
    for e in of_kind(ctx, "Exception") {
        let Some(expires) = s(e, "expires").and_then(date) else {
            continue;
        };
        // An exception that has already expired is `check`'s business (KRAVKOLL-EXC/c1 or
        // c3); only the ones still in force fall due.
        if expires < ctx.as_of {
            continue;
        }
        out.extend(item(
            format!("exception-expiry/{}", e.id),
            Text::new(
                format!(
                    "Riskacceptansen {} upphör: åtgärda bristen eller fatta ett nytt beslut",
                    e.id
                ),
                format!(
                    "Exception {} expires: fix the finding or record a new decision",
                    e.id
                ),
            ),
            Some(e),
            ctx.dated_reason(
                Some("KRAVKOLL-EXC/c1"),
                expires,
                Basis::RecordDate { field: "expires" },
            )
            .into_iter()
            .collect(),
        ));
    }
}

/// 1 March of `year` (patientsäkerhetslagen 3 kap. 10 §).
fn first_of_march(year: i16) -> Date {
    jiff::civil::date(year, 3, 1)
}

fn statutory(ctx: &Ctx, out: &mut Vec<Item>) {
    let this_year = ctx.as_of.year();
    let psl_basis = || {
        Basis::Statute(Text::new(
            "lagstadgat datum: senast den 1 mars varje år",
            "a date set by law: by 1 March every year",
        ))
    };
    // The patient-safety report for the previous year, and for this year (due next March).
    for year in [this_year - 1, this_year] {
        let exists = of_kind(ctx, "PatientSafetyReport").any(|r| {
            r.value.get("year").and_then(FieldValue::int) == Some(i64::from(year))
                && counted(ctx, s(r, "published")).is_some()
        });
        if exists {
            continue;
        }
        let due = first_of_march(year + 1);
        out.extend(item(
            format!("patient-safety-report/{year}"),
            Text::new(
                format!("Upprätta patientsäkerhetsberättelsen för {year}"),
                format!("Establish the patient-safety report for {year}"),
            ),
            None,
            ctx.dated_reason(Some("PSL-3.10/c1"), due, psl_basis())
                .into_iter()
                .collect(),
        ));
    }

    // The annual compilation (HSLF-FS 2016:40 3 kap. 6 §, "minst en gång om året"): c2 once a
    // whole calendar year has passed without one or the latest is older than
    // annual_infosec_report_error_months, and the year's compilation by 1 March, when the
    // patient-safety report that draws on it is due (c3), while c2 is silent.
    let submitted: Vec<(&Record, Date)> = of_kind(ctx, "AnnualReport")
        .filter_map(|r| counted(ctx, s(r, "submitted")).map(|d| (r, d)))
        .collect();
    let latest = submitted.iter().max_by_key(|(_, d)| *d).copied();
    let mut next = true;
    for year in [this_year - 1, this_year] {
        let covered = submitted
            .iter()
            .any(|(r, _)| r.value.get("year").and_then(FieldValue::int) == Some(i64::from(year)));
        if covered {
            continue;
        }
        let mut reasons = Vec::new();
        // c2 counts from the latest compilation and concerns the next one, the earliest year
        // not yet compiled; without any compilation it is missing now.
        if std::mem::take(&mut next) {
            let since = latest.map(|(r, d)| Since {
                what: Text::new("senaste sammanställningen", "the latest compilation"),
                record: Some(r.id.clone()),
                date: d.to_string(),
            });
            let calendar_end = latest.and_then(|(_, d)| end_of_next_year(d));
            reasons.extend(
                ctx.interval_reason("HSLF-3.6/c2", "annual_infosec_report_error_months", since)
                    .map(|mut r| {
                        if let Some(end) = calendar_end.filter(|e| *e < r.date) {
                            r.date = end;
                            r.basis = Basis::Derived(Text::new(
                                format!("minst en gång om året, läst per kalenderår: en sammanställning under {}", end.year()),
                                format!("at least once a year, read by calendar year: a compilation during {}", end.year()),
                            ));
                        }
                        r
                    }),
            );
        }
        // c3 speaks only while c2 is silent.
        let within_gap = latest.is_some_and(|(_, d)| compilation_current(ctx, d));
        if within_gap {
            reasons.extend(ctx.dated_reason(
                Some("HSLF-3.6/c3"),
                first_of_march(year + 1),
                Basis::Derived(Text::new(
                    "föreskriften anger inget datum; kravkoll väntar sig sammanställningen senast den dag patientsäkerhetsberättelsen ska vara upprättad, den 1 mars (patientsäkerhetslagen 3 kap. 10 §)",
                    "the regulation sets no date; kravkoll expects the compilation by the day the patient-safety report is due, 1 March (Patient Safety Act chapter 3 section 10)",
                )),
            ));
        }
        out.extend(item(
            format!("annual-compilation/{year}"),
            Text::new(
                format!("Lämna den årliga sammanställningen av informationssäkerhetsarbetet för {year} till vårdgivaren"),
                format!("Submit the annual compilation of the information-security work for {year} to the care provider"),
            ),
            None,
            reasons,
        ));
    }
}

/// The last day a compilation submitted on `d` keeps HSLF-3.6/c2 silent by the calendar-year
/// reading: 31 December of the year after (from 1 January of the year after that, a whole
/// calendar year has passed without one).
fn end_of_next_year(d: Date) -> Option<Date> {
    Date::new(d.year().checked_add(1)?, 12, 31).ok()
}

/// Whether HSLF-3.6/c2 is silent about a latest compilation submitted on `d`.
fn compilation_current(ctx: &Ctx, d: Date) -> bool {
    let months = ctx.setting("annual_infosec_report_error_months").0;
    anniversary(d, months) >= ctx.as_of && end_of_next_year(d).is_some_and(|e| e >= ctx.as_of)
}

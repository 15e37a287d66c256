//! Section 3, the follow-ups made (HSLF-FS 2016:40 3 kap. 6 § tredje punkten): audits and
//! supervision with every recommendation and its status on 31 December (a past-due measure
//! is never hidden behind "answered"), log reviews per system, access reviews, restore
//! tests and supplier follow-ups.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::context::{day, int, item_day, item_str, items, num, text, Ctx, Item};
use super::document::{Align, Block, Part, Section, Table, Text};
use super::front::commentary;
use crate::evidence::{FieldValue, Record};

/// Suppliers followed up in `year`: the follow-up dates on or before 31 December of the
/// report's year, from `last_followup` and `followup_history`.
fn supplier_followups<'a>(c: &Ctx<'a>, year: i16) -> (Vec<(&'a Record, Date)>, Vec<&'a Record>) {
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for r in c.all("Supplier") {
        let mut dates: Vec<Date> = day(r, "last_followup").into_iter().collect();
        dates.extend(
            super::context::strs(r, "followup_history")
                .iter()
                .filter_map(|s| s.parse::<Date>().ok()),
        );
        let in_year = dates
            .iter()
            .filter(|d| d.year() == year && **d <= c.end)
            .max();
        match in_year {
            Some(d) => known.push((*r, *d)),
            None if year == c.year && r.unknown.contains(&"last_followup") => unknown.push(*r),
            None => {}
        }
    }
    known.sort_by(|a, b| (a.1, &a.0.id).cmp(&(b.1, &b.0.id)));
    (known, unknown)
}

/// Every follow-up of a year: audits, log and access reviews, restore tests and supplier
/// follow-ups.
pub(super) fn count(c: &Ctx, year: i16) -> usize {
    c.dated("Audit", "date", year).len()
        + c.dated("LogReview", "performed", year).len()
        + c.dated("AccessReview", "performed", year).len()
        + c.dated("RestoreTest", "performed", year).len()
        + supplier_followups(c, year).0.len()
}

/// The state of an audit recommendation on 31 December.
enum RecState {
    Done(Date),
    NoAction,
    OnTrack,
    Overdue(Date),
    Unanswered { late: bool },
}

fn rec_state(c: &Ctx, audit: &Record, rec: &Item) -> RecState {
    let id = item_str(rec, "id").unwrap_or("");
    let done = c
        .improvements_for(id)
        .iter()
        .filter_map(|i| day(i, "done"))
        .filter(|d| *d <= c.end)
        .max();
    if let Some(d) = done {
        return RecState::Done(d);
    }
    if rec.contains_key("no_action_reason") {
        return RecState::NoAction;
    }
    match rec
        .get("response")
        .filter(|r| r.object().is_some())
        .and_then(|r| item_day(r, "due"))
    {
        Some(due) if due < c.end => RecState::Overdue(due),
        Some(_) => RecState::OnTrack,
        None => RecState::Unanswered {
            late: day(audit, "response_due").is_some_and(|d| d < c.end),
        },
    }
}

impl RecState {
    fn label(&self, c: &Ctx) -> String {
        match self {
            RecState::Done(d) => format!("{} {d}", c.t("åtgärdad", "done")),
            RecState::NoAction => c.t("ingen åtgärd, motiverat", "no action, reasoned").into(),
            RecState::OnTrack => c.t("pågår enligt tidplan", "on schedule").into(),
            RecState::Overdue(d) => {
                format!("{} {d}", c.t("försenad, skulle vara klar", "overdue, due"))
            }
            RecState::Unanswered { late: true } => c
                .t("yttrande saknas, försenat", "no response, overdue")
                .into(),
            RecState::Unanswered { late: false } => c
                .t("yttrande ännu inte lämnat", "response not yet given")
                .into(),
        }
    }

    fn open(&self) -> bool {
        !matches!(self, RecState::Done(_) | RecState::NoAction)
    }
}

pub(super) fn section(c: &Ctx) -> Section {
    let mut s = Section::new(
        "follow-ups",
        format!(
            "3. {}",
            c.t("Uppföljningar som har gjorts", "Follow-ups made")
        ),
        Part::Statutory,
    );
    commentary(c, &mut s);
    let audits = c.dated("Audit", "date", c.year);
    let logs = c.dated("LogReview", "performed", c.year);
    let reviews = c.dated("AccessReview", "performed", c.year);
    let tests = c.dated("RestoreTest", "performed", c.year);
    let (suppliers, unknown) = supplier_followups(c, c.year);
    let total = audits.len() + logs.len() + reviews.len() + tests.len() + suppliers.len();
    if total == 0 {
        s.blocks.push(Block::Para(Text::plain(if c.sv() {
            format!("Inga uppföljningar genomfördes under {}.", c.year)
        } else {
            format!("No follow-ups were made in {}.", c.year)
        })));
        c.warn(
            if c.sv() {
                format!(
                    "Inga uppföljningar (granskningar, loggkontroller, behörighetsuppföljningar, återläsningstester, leverantörsuppföljningar) är dokumenterade för {} (HSLF-FS 2016:40 3 kap. 6 § tredje punkten).",
                    c.year
                )
            } else {
                format!(
                    "No follow-ups (audits, log reviews, access reviews, restore tests, supplier follow-ups) are documented for {} (HSLF-FS 2016:40 chapter 3 section 6, point 3).",
                    c.year
                )
            },
            None,
        );
    } else {
        let parts: Vec<String> = [
            (
                audits.len(),
                ("granskning eller tillsyn", "granskningar och tillsyner"),
                ("audit or supervision", "audits and supervisions"),
            ),
            (
                logs.len(),
                ("loggkontroll", "loggkontroller"),
                ("log review", "log reviews"),
            ),
            (
                reviews.len(),
                ("behörighetsuppföljning", "behörighetsuppföljningar"),
                ("access review", "access reviews"),
            ),
            (
                tests.len(),
                ("återläsningstest", "återläsningstester"),
                ("restore test", "restore tests"),
            ),
            (
                suppliers.len(),
                ("leverantörsuppföljning", "leverantörsuppföljningar"),
                ("supplier follow-up", "supplier follow-ups"),
            ),
        ]
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, sv, en)| c.count(*n, *sv, *en))
        .collect();
        let prev_part = if c.covered(c.year - 1) {
            format!(" ({}: {})", c.year - 1, c.n(count(c, c.year - 1)))
        } else {
            String::new()
        };
        s.blocks.push(Block::Para(Text::plain(if c.sv() {
            format!(
                "Under {} gjordes {}{prev_part}: {}.",
                c.year,
                c.count(total, ("uppföljning", "uppföljningar"), ("", "")),
                c.join(&parts)
            )
        } else {
            format!(
                "In {}, {} {} made{prev_part}: {}.",
                c.year,
                c.count(total, ("", ""), ("follow-up", "follow-ups")),
                c.were(total),
                c.join(&parts)
            )
        })));
    }
    audits_block(c, &mut s, &audits);
    log_reviews(c, &mut s, &logs);
    access_reviews(c, &mut s, &reviews);
    restore_tests(c, &mut s, &tests);
    supplier_block(c, &mut s, &suppliers, &unknown);
    s
}

fn audit_kind(c: &Ctx, r: &Record) -> String {
    match text(r, "type") {
        Some("internal") => c.t("intern granskning", "internal audit"),
        Some("external") => c.t("extern granskning", "external audit"),
        _ => c.t("tillsyn", "supervision"),
    }
    .to_string()
}

fn rec_table(c: &Ctx, recs: &[(&Record, &Item, RecState)]) -> Table {
    let mut t = Table::new(
        vec![
            c.t("Rekommendation", "Recommendation").into(),
            c.t("Åtgärd enligt yttrandet", "Measure in the response")
                .into(),
            c.t("Klar senast", "Due").into(),
            c.t("Status 31 december", "Status 31 December").into(),
        ],
        vec![Align::Left, Align::Left, Align::Right, Align::Left],
    );
    for (_, rec, st) in recs {
        let response = rec.get("response").filter(|r| r.object().is_some());
        let action = response
            .and_then(|r| item_str(r, "action"))
            .map(str::to_string)
            .or_else(|| item_str(rec, "no_action_reason").map(str::to_string))
            .unwrap_or_else(|| "–".into());
        let due = response
            .and_then(|r| item_str(r, "due"))
            .unwrap_or("–")
            .to_string();
        let mut ids = vec![item_str(rec, "id").unwrap_or("")];
        let done: Vec<&str> = c
            .improvements_for(ids[0])
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        ids.extend(done);
        t.row(
            vec![
                item_str(rec, "text").unwrap_or("").to_string(),
                action,
                due,
                st.label(c),
            ],
            c.note(&ids),
        );
    }
    t
}

fn audits_block(c: &Ctx, s: &mut Section, audits: &[&Record]) {
    // Recommendations of earlier audits still open when the year began.
    let start = c.start.yesterday().unwrap_or(c.start);
    let mut earlier: Vec<(&Record, &Item, RecState)> = Vec::new();
    for a in c.all("Audit") {
        if day(a, "date").is_none_or(|d| d >= c.start) {
            continue;
        }
        for rec in items(a, "recommendations") {
            let was_open = {
                let id = item_str(rec, "id").unwrap_or("");
                !c.improvements_for(id)
                    .iter()
                    .any(|i| day(i, "done").is_some_and(|d| d <= start))
                    && !rec.contains_key("no_action_reason")
            };
            if was_open {
                earlier.push((a, rec, rec_state(c, a, rec)));
            }
        }
    }
    if audits.is_empty() && earlier.is_empty() {
        return;
    }
    s.blocks.push(Block::Sub(
        c.t(
            "Revisioner, granskningar och tillsyn",
            "Audits and supervision",
        )
        .into(),
    ));
    for a in audits {
        let recs: Vec<(&Record, &Item, RecState)> = items(a, "recommendations")
            .into_iter()
            .map(|rec| (*a, rec, rec_state(c, a, rec)))
            .collect();
        let n = |f: &dyn Fn(&RecState) -> bool| recs.iter().filter(|(_, _, st)| f(st)).count();
        let done = n(&|st| matches!(st, RecState::Done(_)));
        let on_track = n(&|st| matches!(st, RecState::OnTrack));
        let overdue = n(&|st| {
            matches!(
                st,
                RecState::Overdue(_) | RecState::Unanswered { late: true }
            )
        });
        let other = recs.len() - done - on_track - overdue;
        let mut line = format!(
            "{} ({}, {}, {}).",
            c.record_name(a),
            audit_kind(c, a),
            text(a, "auditor").unwrap_or("–"),
            c.date_of(a, "date")
        );
        if recs.is_empty() {
            line.push_str(&format!(
                " {}",
                c.t(
                    "Inga rekommendationer är registrerade.",
                    "No recommendations are recorded."
                )
            ));
        } else {
            let mut parts = Vec::new();
            if done > 0 {
                parts.push(format!("{} {}", c.n(done), c.t("åtgärdade", "done")));
            }
            if on_track > 0 {
                parts.push(format!(
                    "{} {}",
                    c.n(on_track),
                    c.t("pågår enligt tidplan", "on schedule")
                ));
            }
            if overdue > 0 {
                parts.push(format!("{} {}", c.n(overdue), c.t("försenade", "overdue")));
            }
            if other > 0 {
                parts.push(format!(
                    "{} {}",
                    c.n(other),
                    c.t(
                        "utan åtgärd eller ännu obesvarade",
                        "without action or not yet answered"
                    )
                ));
            }
            line.push_str(&if c.sv() {
                format!(
                    " Granskningen gav {}; den 31 december var {}.",
                    c.count(recs.len(), ("rekommendation", "rekommendationer"), ("", "")),
                    c.join(&parts)
                )
            } else {
                format!(
                    " It made {}; on 31 December {}.",
                    c.count(recs.len(), ("", ""), ("recommendation", "recommendations")),
                    c.join(&parts)
                )
            });
        }
        if let Some(d) = text(a, "document") {
            line.push_str(&format!(" {}: {d}.", c.t("Ärende", "Case")));
        }
        s.blocks.push(Block::Para(Text {
            text: line,
            note: c.note(&[a.id.as_str()]),
        }));
        if !recs.is_empty() {
            s.blocks.push(Block::Table(rec_table(c, &recs)));
        }
    }
    if !earlier.is_empty() {
        let open_now = earlier.iter().filter(|(_, _, st)| st.open()).count();
        s.blocks.push(Block::Para(Text::plain(if c.sv() {
            format!(
                "Från tidigare års granskningar var {} öppna när året började; den 31 december återstod {}.",
                c.count(earlier.len(), ("rekommendation", "rekommendationer"), ("", "")),
                c.n(open_now)
            )
        } else {
            format!(
                "From earlier years' audits, {} {} open when the year began; {} remained on 31 December.",
                c.count(earlier.len(), ("", ""), ("recommendation", "recommendations")),
                c.were(earlier.len()),
                c.n(open_now)
            )
        })));
        s.blocks.push(Block::Table(rec_table(c, &earlier)));
    }
}

fn log_reviews(c: &Ctx, s: &mut Section, logs: &[&Record]) {
    if logs.is_empty() {
        return;
    }
    s.blocks.push(Block::Sub(
        c.t(
            "Logguppföljning (patientdatalagen 4 kap. 3 §)",
            "Log reviews (Patient Data Act chapter 4 section 3)",
        )
        .into(),
    ));
    let mut per: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
    for r in logs {
        per.entry(c.name_of(text(r, "system").unwrap_or("")))
            .or_default()
            .push(r);
    }
    let sum = |v: &[&Record], f: &str| v.iter().filter_map(|r| int(r, f)).sum::<i64>();
    let unauth = sum(logs, "unauthorised_access");
    s.blocks.push(Block::Para(Text::plain(if c.sv() {
        format!(
            "Vid {} kontrollerades {} loggposter; {} utreddes och {} konstaterades.",
            c.count(logs.len(), ("loggkontroll", "loggkontroller"), ("", "")),
            c.int(sum(logs, "records_checked")),
            c.count(
                sum(logs, "anomalies") as usize,
                ("avvikelse", "avvikelser"),
                ("", "")
            ),
            c.count(
                unauth as usize,
                ("obehörig åtkomst", "obehöriga åtkomster"),
                ("", "")
            )
        )
    } else {
        format!(
            "The {} checked {} log entries; {} {} investigated and {} found.",
            c.count(logs.len(), ("", ""), ("log review", "log reviews")),
            c.int(sum(logs, "records_checked")),
            c.count(
                sum(logs, "anomalies") as usize,
                ("", ""),
                ("anomaly", "anomalies")
            ),
            c.were(sum(logs, "anomalies") as usize),
            c.count(
                unauth as usize,
                ("", ""),
                (
                    "case of unauthorised access",
                    "cases of unauthorised access"
                )
            )
        )
    })));
    let mut t = Table::figures(vec![
        c.t("System", "System").into(),
        c.t("Kontroller", "Reviews").into(),
        c.t("Kontrollerade poster", "Entries checked").into(),
        c.t("Avvikelser", "Anomalies").into(),
        c.t("Obehöriga åtkomster", "Unauthorised access").into(),
    ]);
    for (sys, v) in &per {
        t.row(
            vec![
                sys.clone(),
                c.n(v.len()),
                c.int(sum(v, "records_checked")),
                c.int(sum(v, "anomalies")),
                c.int(sum(v, "unauthorised_access")),
            ],
            c.note_records(v),
        );
    }
    t.total(vec![
        c.t("Totalt", "Total").into(),
        c.n(logs.len()),
        c.int(sum(logs, "records_checked")),
        c.int(sum(logs, "anomalies")),
        c.int(unauth),
    ]);
    s.blocks.push(Block::Table(t));
}

fn access_reviews(c: &Ctx, s: &mut Section, reviews: &[&Record]) {
    if reviews.is_empty() {
        return;
    }
    s.blocks.push(Block::Sub(
        c.t("Behörighetsuppföljning", "Access reviews").into(),
    ));
    let mut t = Table::figures(vec![
        c.t("System", "System").into(),
        c.t("Genomförd", "Performed").into(),
        c.t("Granskade konton", "Accounts reviewed").into(),
        c.t("Borttagna konton", "Accounts removed").into(),
    ]);
    let opt = |v: Option<i64>| v.map(|n| c.int(n)).unwrap_or_else(|| "–".into());
    for r in reviews {
        t.row(
            vec![
                c.name_of(text(r, "system").unwrap_or("")),
                text(r, "performed").unwrap_or("").to_string(),
                opt(int(r, "accounts_reviewed")),
                opt(int(r, "accounts_removed")),
            ],
            c.note(&[r.id.as_str()]),
        );
    }
    s.blocks.push(Block::Table(t));
}

fn restore_tests(c: &Ctx, s: &mut Section, tests: &[&Record]) {
    if tests.is_empty() {
        return;
    }
    s.blocks.push(Block::Sub(
        c.t("Återläsningstester", "Restore tests").into(),
    ));
    let mut t = Table::new(
        vec![
            c.t("System", "System").into(),
            c.t("Genomfört", "Performed").into(),
            c.t("Resultat", "Result").into(),
            c.t("Återställningstid (h)", "Recovery time (h)").into(),
            c.t("Mål (h)", "Target (h)").into(),
        ],
        vec![
            Align::Left,
            Align::Right,
            Align::Left,
            Align::Right,
            Align::Right,
        ],
    );
    let opt = |v: Option<f64>| v.map(|x| c.decimal(x)).unwrap_or_else(|| "–".into());
    for r in tests {
        let result = match text(r, "result") {
            Some("success") => c.t("lyckat", "success"),
            Some("partial") => c.t("delvis lyckat", "partial"),
            _ => c.t("misslyckat", "failed"),
        };
        t.row(
            vec![
                c.name_of(text(r, "system").unwrap_or("")),
                text(r, "performed").unwrap_or("").to_string(),
                result.to_string(),
                opt(num(r, "rto_hours_achieved")),
                opt(num(r, "rto_hours_target")),
            ],
            c.note(&[r.id.as_str()]),
        );
    }
    s.blocks.push(Block::Table(t));
}

fn supplier_block(c: &Ctx, s: &mut Section, known: &[(&Record, Date)], unknown: &[&Record]) {
    if known.is_empty() && unknown.is_empty() {
        return;
    }
    s.blocks.push(Block::Sub(
        c.t("Uppföljning av leverantörer", "Supplier follow-ups")
            .into(),
    ));
    let mut list: Vec<Text> = known
        .iter()
        .map(|(r, d)| Text {
            text: format!(
                "{} ({}): {} {}.",
                c.record_name(r),
                text(r, "service").unwrap_or("").trim_end_matches('.'),
                c.t("uppföljd", "followed up"),
                c.date(*d)
            ),
            note: c.note(&[r.id.as_str()]),
        })
        .collect();
    for r in unknown {
        list.push(Text {
            text: format!(
                "{}: {}.",
                c.record_name(r),
                c.t(
                    "om leverantören följdes upp under året är inte känt (uppgift per 31/12 saknas)",
                    "whether the supplier was followed up during the year is not known (not known as of 31 Dec)"
                )
            ),
            note: c.note(&[r.id.as_str()]),
        });
    }
    s.blocks.push(Block::List(list));
}

//! Section 2, the incidents that affected information security and caused or could have
//! caused patient harm (HSLF-FS 2016:40 3 kap. 6 § andra punkten): those incidents one by
//! one, the year's statistics in rows that always add up to the total, and the
//! notifications to IMY and to MSB or the CSIRT unit that were late or not made.

use jiff::Timestamp;

use super::context::{strs, text, Ctx};
use super::document::{Align, Block, Part, Section, Table, Text};
use super::front::commentary;
use super::improvements::improvement_state;
use crate::evidence::{FieldValue, Record};

/// GDPR art. 33.1: notify IMY within 72 hours of becoming aware.
const IMY_HOURS: f64 = 72.0;
/// Cybersäkerhetslagen (2025:1506) 2 kap. 5 §: the early warning within 24 hours.
const CSIRT_HOURS: f64 = 24.0;

/// The year's incidents, each in exactly one category row, and by harm.
pub(super) struct Stats<'a> {
    pub all: Vec<&'a Record>,
    pub personal_data: Vec<&'a Record>,
    pub nis: Vec<&'a Record>,
    pub it: Vec<&'a Record>,
    pub deviation: Vec<&'a Record>,
    pub other: Vec<&'a Record>,
    pub caused: Vec<&'a Record>,
    pub could: Vec<&'a Record>,
    pub none: Vec<&'a Record>,
    pub unknown: Vec<&'a Record>,
}

impl<'a> Stats<'a> {
    pub fn of(c: &Ctx<'a>, year: i16) -> Stats<'a> {
        let all = c.dated("Incident", "detected", year);
        let mut s = Stats {
            all: Vec::new(),
            personal_data: Vec::new(),
            nis: Vec::new(),
            it: Vec::new(),
            deviation: Vec::new(),
            other: Vec::new(),
            caused: Vec::new(),
            could: Vec::new(),
            none: Vec::new(),
            unknown: Vec::new(),
        };
        for r in &all {
            // Looked up in the list itself: this runs for every incident of every year the
            // report compares, several times over.
            let cats = r.value.get("categories").and_then(FieldValue::list);
            let has = |x: &str| cats.is_some_and(|a| a.iter().any(|v| v.str() == Some(x)));
            // One row per incident, in this order, so that the rows add up to the total.
            let row = if has("personal_data_breach") {
                &mut s.personal_data
            } else if has("nis") {
                &mut s.nis
            } else if has("it") {
                &mut s.it
            } else if has("deviation") {
                &mut s.deviation
            } else {
                &mut s.other
            };
            row.push(r);
            match text(r, "patient_harm") {
                Some("caused") => s.caused.push(r),
                Some("could_have") => s.could.push(r),
                Some("none") => s.none.push(r),
                _ => s.unknown.push(r),
            }
        }
        s.all = all;
        s
    }
}

fn instant(r: &Record, field: &str) -> Option<Timestamp> {
    text(r, field)?.parse().ok()
}

fn hours(r: &Record, from: &str, to: &str) -> Option<f64> {
    let a = instant(r, from)?;
    let b = instant(r, to)?;
    Some((b.as_second() - a.as_second()) as f64 / 3600.0)
}

/// The field holds an instant on or before 31 December (a later notification had not been
/// made on 31 December).
fn by_end(c: &Ctx, r: &Record, field: &str) -> bool {
    super::context::day(r, field).is_some_and(|d| d <= c.end)
}

pub(super) fn section(c: &Ctx) -> Section {
    let mut s = Section::new(
        "incidents",
        format!(
            "2. {}",
            c.t(
                "Incidenter som medfört eller hade kunnat medföra vårdskada",
                "Incidents that caused or could have caused patient harm"
            )
        ),
        Part::Statutory,
    );
    commentary(c, &mut s);
    let now = Stats::of(c, c.year);
    let prev = Stats::of(c, c.year - 1);
    overview(c, &mut s, &now, &prev);
    harmful(c, &mut s, &now);
    statistics(c, &mut s, &now, &prev);
    notifications(c, &mut s, &now);
    for r in &now.unknown {
        c.warn(
            if c.sv() {
                format!(
                    "Incidenten ”{}” saknar bedömning av om den medförde eller hade kunnat medföra vårdskada.",
                    c.record_name(r)
                )
            } else {
                format!(
                    "The incident “{}” has no assessment of whether it caused or could have caused patient harm.",
                    c.record_name(r)
                )
            },
            Some(format!(
                "set patient_harm in {} ({}:{})",
                r.id, r.file, r.line
            )),
        );
    }
    s
}

fn overview(c: &Ctx, s: &mut Section, now: &Stats, prev: &Stats) {
    let total = c.count(
        now.all.len(),
        ("incident", "incidenter"),
        ("incident", "incidents"),
    );
    let prev_part = if c.covered(c.year - 1) {
        format!(" ({}: {})", c.year - 1, c.n(prev.all.len()))
    } else {
        String::new()
    };
    let text = if now.all.is_empty() {
        if c.sv() {
            format!("Inga incidenter registrerades under {}{prev_part}.", c.year)
        } else {
            format!("No incidents were recorded in {}{prev_part}.", c.year)
        }
    } else if c.sv() {
        format!(
            "Under {} registrerades {total} som påverkade informationssäkerheten{prev_part}. Av dem medförde {} vårdskada och {} hade kunnat medföra vårdskada.",
            c.year,
            c.n(now.caused.len()),
            c.n(now.could.len())
        )
    } else {
        format!(
            "In {}, {total} affecting information security {} recorded{prev_part}. Of these, {} caused patient harm and {} could have caused it.",
            c.year,
            c.were(now.all.len()),
            c.n(now.caused.len()),
            c.n(now.could.len())
        )
    };
    s.blocks.push(Block::Para(Text {
        text,
        note: c.note_records(&now.all),
    }));
}

fn harmful(c: &Ctx, s: &mut Section, now: &Stats) {
    let mut list: Vec<&Record> = now.caused.iter().chain(&now.could).copied().collect();
    list.sort_by(|a, b| (text(a, "detected"), &a.id).cmp(&(text(b, "detected"), &b.id)));
    if list.is_empty() {
        s.blocks.push(Block::Para(Text::plain(if c.sv() {
            format!(
                "Ingen incident under {} medförde eller hade kunnat medföra vårdskada.",
                c.year
            )
        } else {
            format!(
                "No incident in {} caused or could have caused patient harm.",
                c.year
            )
        })));
        return;
    }
    s.blocks.push(Block::Sub(
        c.t(
            "Incidenter som medförde eller hade kunnat medföra vårdskada",
            "Incidents that caused or could have caused patient harm",
        )
        .into(),
    ));
    let items = list
        .iter()
        .map(|r| {
            let harm = if text(r, "patient_harm") == Some("caused") {
                c.t("medförde vårdskada", "caused patient harm")
            } else {
                c.t(
                    "hade kunnat medföra vårdskada",
                    "could have caused patient harm",
                )
            };
            let mut line = format!(
                "{} ({}) – {harm}.",
                c.record_name(r),
                c.date_of(r, "detected")
            );
            if let Some(rc) = text(r, "root_cause") {
                line.push_str(&format!(
                    " {}: {}.",
                    c.t("Orsak", "Cause"),
                    rc.trim_end_matches('.')
                ));
            }
            let imps: Vec<&str> = strs(r, "improvements");
            let named: Vec<String> = imps
                .iter()
                .map(|id| match c.ev.by_id(id) {
                    Some(i) if i.kind.name == "Improvement" => format!(
                        "{} ({})",
                        c.record_name(i),
                        improvement_state(i, c.end).label(c)
                    ),
                    _ => c.name_of(id),
                })
                .collect();
            if !named.is_empty() {
                line.push_str(&format!(
                    " {}: {}.",
                    c.t("Åtgärd", "Measure"),
                    named.join("; ")
                ));
            }
            if let Some(d) = text(r, "document") {
                line.push_str(&format!(" {}: {d}.", c.t("Ärende", "Case")));
            }
            let mut ids = vec![r.id.as_str()];
            ids.extend(imps);
            Text {
                text: line,
                note: c.note(&ids),
            }
        })
        .collect();
    s.blocks.push(Block::List(items));
}

fn statistics(c: &Ctx, s: &mut Section, now: &Stats, prev: &Stats) {
    s.blocks
        .push(Block::Sub(c.t("Statistik", "Statistics").into()));
    let with_prev = c.covered(c.year - 1);
    let head = |first: &str| {
        let mut h = vec![first.to_string(), c.year.to_string()];
        if with_prev {
            h.push((c.year - 1).to_string());
        }
        h
    };
    let align = if with_prev {
        vec![Align::Left, Align::Right, Align::Right]
    } else {
        vec![Align::Left, Align::Right]
    };
    let row = |t: &mut Table, label: &str, a: &[&Record], b: &[&Record]| {
        let mut cells = vec![label.to_string(), c.n(a.len())];
        if with_prev {
            cells.push(c.n(b.len()));
        }
        t.row(cells, c.note_records(a));
    };
    let total = |t: &mut Table| {
        let mut cells = vec![c.t("Totalt", "Total").to_string(), c.n(now.all.len())];
        if with_prev {
            cells.push(c.n(prev.all.len()));
        }
        t.total(cells);
    };
    let authority = if c.year <= 2025 {
        "MSB"
    } else {
        c.t("MCF", "MCF")
    };
    let mut by_kind = Table::new(
        head(c.t("Slag av incident", "Kind of incident")),
        align.clone(),
    );
    row(
        &mut by_kind,
        c.t("Personuppgiftsincidenter", "Personal-data breaches"),
        &now.personal_data,
        &prev.personal_data,
    );
    row(
        &mut by_kind,
        c.t(
            "NIS- och cybersäkerhetsincidenter",
            "NIS and cybersecurity incidents",
        ),
        &now.nis,
        &prev.nis,
    );
    row(
        &mut by_kind,
        c.t("Övriga it-incidenter", "Other IT incidents"),
        &now.it,
        &prev.it,
    );
    row(
        &mut by_kind,
        c.t("Avvikelser i verksamheten", "Deviations in operations"),
        &now.deviation,
        &prev.deviation,
    );
    row(
        &mut by_kind,
        c.t("Övriga", "Other"),
        &now.other,
        &prev.other,
    );
    total(&mut by_kind);
    s.blocks.push(Block::Table(by_kind));
    let mut by_harm = Table::new(head(c.t("Vårdskada", "Patient harm")), align.clone());
    row(
        &mut by_harm,
        c.t("Medförde vårdskada", "Caused patient harm"),
        &now.caused,
        &prev.caused,
    );
    row(
        &mut by_harm,
        c.t(
            "Hade kunnat medföra vårdskada",
            "Could have caused patient harm",
        ),
        &now.could,
        &prev.could,
    );
    row(
        &mut by_harm,
        c.t("Ingen vårdskada", "No patient harm"),
        &now.none,
        &prev.none,
    );
    row(
        &mut by_harm,
        c.t("Inte bedömd", "Not assessed"),
        &now.unknown,
        &prev.unknown,
    );
    total(&mut by_harm);
    s.blocks.push(Block::Table(by_harm));

    let mut t = Table::new(
        head(c.t("Anmälan och rapportering", "Notification and reporting")),
        align,
    );
    row(
        &mut t,
        c.t(
            "Personuppgiftsincidenter anmälda till IMY",
            "Personal-data breaches notified to IMY",
        ),
        &with_any(c, &now.all, &["imy_reported"]),
        &with_any(c, &prev.all, &["imy_reported"]),
    );
    let to = if c.sv() {
        format!("Incidenter rapporterade till {authority}")
    } else {
        format!("Incidents reported to {authority}")
    };
    row(
        &mut t,
        &to,
        &with_any(c, &now.all, REPORTED),
        &with_any(c, &prev.all, REPORTED),
    );
    s.blocks.push(Block::Table(t));
}

/// The fields that record a report to MSB or the CSIRT unit.
const REPORTED: &[&str] = &["msb_reported", "csirt_early_warning", "csirt_notification"];

/// The incidents with any of `fields` on or before 31 December.
fn with_any<'a>(c: &Ctx, list: &[&'a Record], fields: &[&str]) -> Vec<&'a Record> {
    list.iter()
        .copied()
        .filter(|r| fields.iter().any(|f| by_end(c, r, f)))
        .collect()
}

fn notifications(c: &Ctx, s: &mut Section, now: &Stats) {
    let mut lines = Vec::new();
    for r in &now.all {
        let name = c.record_name(r);
        if by_end(c, r, "imy_reported") {
            if let Some(h) = hours(r, "detected", "imy_reported").filter(|h| *h > IMY_HOURS) {
                let reason = if r.value.contains_key("delay_reason") {
                    c.t(
                        " Skälen till förseningen är dokumenterade.",
                        " The reasons for the delay are documented.",
                    )
                } else {
                    c.t(
                        " Skälen till förseningen är inte dokumenterade.",
                        " The reasons for the delay are not documented.",
                    )
                };
                lines.push(Text {
                    text: if c.sv() {
                        format!(
                            "”{name}” anmäldes till IMY {} efter att incidenten upptäcktes; fristen är 72 timmar (dataskyddsförordningen artikel 33.1).{reason}",
                            c.count(h.round() as usize, ("timme", "timmar"), ("", ""))
                        )
                    } else {
                        format!(
                            "“{name}” was notified to IMY {} after it was detected; the limit is 72 hours (GDPR Article 33(1)).{reason}",
                            c.count(h.round() as usize, ("", ""), ("hour", "hours"))
                        )
                    },
                    note: c.note(&[r.id.as_str()]),
                });
            }
        } else if r.value.get("imy_reportable").and_then(|v| v.bool()) == Some(true) {
            lines.push(Text {
                text: if c.sv() {
                    format!("”{name}” var anmälningspliktig men var inte anmäld till IMY den 31 december.")
                } else {
                    format!("“{name}” was notifiable but had not been notified to IMY on 31 December.")
                },
                note: c.note(&[r.id.as_str()]),
            });
        }
        if by_end(c, r, "csirt_early_warning") {
            if let Some(h) =
                hours(r, "detected", "csirt_early_warning").filter(|h| *h > CSIRT_HOURS)
            {
                lines.push(Text {
                    text: if c.sv() {
                        format!(
                            "Upplysningen om ”{name}” lämnades till CSIRT-enheten vid MCF {} efter kännedom; gränsen är 24 timmar (cybersäkerhetslagen (2025:1506) 2 kap. 5 § första stycket).",
                            c.count(h.round() as usize, ("timme", "timmar"), ("", ""))
                        )
                    } else {
                        format!(
                            "The early warning of “{name}” reached the CSIRT unit at MCF {} after the organisation became aware; the limit is 24 hours (Cybersecurity Act (2025:1506) chapter 2 section 5, first paragraph).",
                            c.count(h.round() as usize, ("", ""), ("hour", "hours"))
                        )
                    },
                    note: c.note(&[r.id.as_str()]),
                });
            }
        }
        let significant = r.value.get("nis_significant").and_then(|v| v.bool()) == Some(true);
        let reported = REPORTED.iter().any(|f| by_end(c, r, f));
        if significant && !reported {
            lines.push(Text {
                text: if c.sv() {
                    format!(
                        "”{name}” bedömdes som betydande men var inte rapporterad till {} den 31 december.",
                        if c.year <= 2025 { "MSB" } else { "CSIRT-enheten vid MCF" }
                    )
                } else {
                    format!(
                        "“{name}” was judged significant but had not been reported to {} on 31 December.",
                        if c.year <= 2025 { "MSB" } else { "the CSIRT unit at MCF" }
                    )
                },
                note: c.note(&[r.id.as_str()]),
            });
        }
    }
    s.blocks.push(Block::Sub(
        c.t(
            "Anmälningar som gjordes för sent eller inte gjordes",
            "Notifications made late or not made",
        )
        .into(),
    ));
    if lines.is_empty() {
        s.blocks.push(Block::Para(Text::plain(c.t(
            "Ingen personuppgiftsincident anmäldes till IMY senare än 72 timmar efter att den upptäcktes, och de anmälningspliktiga och betydande incidenterna var anmälda eller rapporterade den 31 december.",
            "No personal-data breach was notified to IMY later than 72 hours after it was detected, and the notifiable and significant incidents had been notified or reported by 31 December.",
        ))));
    } else {
        s.blocks.push(Block::List(lines));
    }
}

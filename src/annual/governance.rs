//! Governance and management ("Styrning och ledning"): the governing documents and whether
//! they were kept current, the objectives with metric, target and status on 31 December,
//! the briefings for management, and the risk acceptances in force.

use jiff::civil::Date;

use super::context::{day, int, item_day, item_str, strs, text, AsOf, Ctx};
use super::document::{Align, Block, Part, Section, Table, Text};
use super::front::commentary;
use crate::evidence::{FieldValue, Record};

pub(super) fn section(c: &Ctx) -> Option<Section> {
    let mut s = Section::new(
        "governance",
        c.t("Styrning och ledning", "Governance and management"),
        Part::Context,
    );
    commentary(c, &mut s);
    let before = s.blocks.len();
    documents(c, &mut s);
    objectives(c, &mut s);
    briefings(c, &mut s);
    acceptances(c, &mut s);
    (s.blocks.len() > before).then_some(s)
}

fn months_between(from: Date, to: Date) -> i64 {
    let m = (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month());
    if to.day() < from.day() {
        m - 1
    } else {
        m
    }
}

fn documents(c: &Ctx, s: &mut Section) {
    let docs: Vec<&Record> = c.all("Document").to_vec();
    if docs.is_empty() {
        return;
    }
    s.blocks.push(Block::Sub(
        c.t("Styrdokument", "Governing documents").into(),
    ));
    let mut overdue = 0;
    let mut unknown = 0;
    let mut t = Table::new(
        vec![
            c.t("Dokument", "Document").into(),
            c.t("Fastställt av", "Adopted by").into(),
            c.t(
                "Senast fastställt eller reviderat",
                "Last adopted or reviewed",
            )
            .into(),
            c.t("Status 31 december", "Status 31 December").into(),
        ],
        vec![Align::Left, Align::Left, Align::Right, Align::Left],
    );
    for r in &docs {
        let last = match c.as_of(r, "last_reviewed", Some("review_history"), c.end) {
            AsOf::Known(d) => Some(d),
            AsOf::Never => day(r, "adopted"),
            AsOf::Unknown => None,
        };
        let interval = int(r, "review_interval_months");
        let status = match (last, interval) {
            (None, _) => {
                unknown += 1;
                c.unknown().to_string()
            }
            (Some(d), Some(i)) if months_between(d, c.end) >= i => {
                overdue += 1;
                if c.sv() {
                    format!(
                        "revision försenad ({} sedan senaste, intervall {i} mån)",
                        c.count(
                            months_between(d, c.end) as usize,
                            ("månad", "månader"),
                            ("", "")
                        )
                    )
                } else {
                    format!(
                        "review overdue ({} since the last, interval {i} months)",
                        c.count(
                            months_between(d, c.end) as usize,
                            ("", ""),
                            ("month", "months")
                        )
                    )
                }
            }
            (Some(_), Some(_)) => c.t("aktuellt", "current").into(),
            (Some(_), None) => c
                .t("inget revideringsintervall", "no review interval")
                .into(),
        };
        t.row(
            vec![
                c.record_name(r),
                text(r, "adopted_by").unwrap_or("–").to_string(),
                last.map(|d| d.to_string()).unwrap_or_else(|| "–".into()),
                status,
            ],
            c.note(&[r.id.as_str()]),
        );
    }
    let mut para = if c.sv() {
        format!(
            "Ledningssystemet omfattade den 31 december {}.",
            c.count(docs.len(), ("styrdokument", "styrdokument"), ("", ""))
        )
    } else {
        format!(
            "On 31 December the management system comprised {}.",
            c.count(
                docs.len(),
                ("", ""),
                ("governing document", "governing documents")
            )
        )
    };
    if overdue > 0 {
        para.push_str(&if c.sv() {
            format!(" Revisionen var försenad för {}.", c.n(overdue))
        } else {
            format!(" The review was overdue for {}.", c.n(overdue))
        });
    }
    if unknown > 0 {
        para.push_str(&if c.sv() {
            format!(
                " För {} har dokumentet reviderats senare och den tidigare revideringen är inte känd.",
                c.n(unknown)
            )
        } else {
            format!(
                " For {} the document has been reviewed since and the earlier review is not known.",
                c.n(unknown)
            )
        });
    }
    s.blocks.push(Block::Para(Text::plain(para)));
    s.blocks.push(Block::Table(t));
}

/// An objective's status, follow-up date and measured value on 31 December (the evidence
/// is assembled as of that day: a later follow-up without history leaves them unknown).
fn objective_status(c: &Ctx, r: &Record) -> (Option<String>, Option<Date>, Option<String>) {
    if r.unknown.contains(&"status") {
        return (None, None, None);
    }
    let followed = day(r, "followed_up").filter(|d| *d <= c.end);
    let value = followed.and_then(|d| {
        r.value
            .get("status_history")
            .and_then(FieldValue::list)?
            .iter()
            .filter(|h| h.object().is_some())
            .find(|h| item_day(h, "date") == Some(d))
            .and_then(|h| item_str(h, "value"))
            .map(str::to_string)
    });
    (text(r, "status").map(str::to_string), followed, value)
}

fn objectives(c: &Ctx, s: &mut Section) {
    // Objectives closed before the year began belong to earlier reports.
    let objs: Vec<&Record> = c
        .all("Objective")
        .iter()
        .copied()
        .filter(|r| {
            let before = day(r, "target_date").is_some_and(|d| d < c.start);
            let closed = matches!(
                objective_status(c, r).0.as_deref(),
                Some("met" | "not_met" | "cancelled")
            );
            !(before && closed)
        })
        .collect();
    if objs.is_empty() {
        return;
    }
    s.blocks.push(Block::Sub(c.t("Mål", "Objectives").into()));
    let mut t = Table::new(
        vec![
            c.t("Mål", "Objective").into(),
            c.t("Mätetal och målvärde", "Metric and target").into(),
            c.t("Måldatum", "Target date").into(),
            c.t("Status 31 december", "Status 31 December").into(),
        ],
        vec![Align::Left, Align::Left, Align::Right, Align::Left],
    );
    for r in &objs {
        let (status, followed, value) = objective_status(c, r);
        let word = |s: &str| match s {
            "met" => c.t("uppnått", "met"),
            "not_met" => c.t("ej uppnått", "not met"),
            "cancelled" => c.t("avbrutet", "cancelled"),
            _ => c.t("pågående", "open"),
        };
        let mut st = match &status {
            Some(s) => word(s).to_string(),
            None => c.unknown().to_string(),
        };
        if let Some(v) = value {
            st.push_str(&format!(", {} {v}", c.t("utfall", "outcome")));
        }
        if let Some(d) = followed {
            st.push_str(&format!(", {} {d}", c.t("uppföljt", "followed up")));
        }
        let metric = match (text(r, "metric"), text(r, "target")) {
            (Some(m), Some(tg)) => format!("{m}: {tg}"),
            (Some(m), None) => m.to_string(),
            (None, Some(tg)) => tg.to_string(),
            (None, None) => "–".into(),
        };
        t.row(
            vec![
                c.record_name(r),
                metric,
                text(r, "target_date").unwrap_or("–").to_string(),
                st,
            ],
            c.note(&[r.id.as_str()]),
        );
    }
    s.blocks.push(Block::Table(t));
}

fn briefings(c: &Ctx, s: &mut Section) {
    let list = c.dated("ManagementBriefing", "date", c.year);
    if list.is_empty() {
        return;
    }
    s.blocks.push(Block::Sub(
        c.t("Föredragningar för ledningen", "Briefings for management")
            .into(),
    ));
    let topic = |t: &str| -> String {
        match t {
            "incidents" => c.t("incidenter", "incidents"),
            "risks" => c.t("risker", "risks"),
            "work_done" => c.t("genomfört arbete", "work done"),
            "audit_results" => c.t("granskningsresultat", "audit results"),
            "objectives" => c.t("mål", "objectives"),
            "proposals" => c.t("förslag till beslut", "proposals"),
            other => other,
        }
        .to_string()
    };
    let items = list
        .iter()
        .map(|r| {
            let who = match text(r, "audience") {
                Some("council") => c.t("fullmäktige", "the council").to_string(),
                Some("executive_team") => c.t("ledningsgruppen", "the executive team").to_string(),
                _ => text(r, "board")
                    .map(|b| c.board_name(b))
                    .unwrap_or_else(|| c.t("styrelsen", "the board").to_string()),
            };
            let topics: Vec<String> = strs(r, "topics").iter().map(|t| topic(t)).collect();
            let mut line = format!(
                "{}, {}",
                crate::typography::capitalise(&who),
                c.date_of(r, "date")
            );
            if !topics.is_empty() {
                line.push_str(&format!(" ({})", c.join(&topics)));
            }
            line.push('.');
            Text {
                text: line,
                note: c.note(&[r.id.as_str()]),
            }
        })
        .collect();
    s.blocks.push(Block::Para(Text::plain(if c.sv() {
        format!(
            "Under {} föredrogs informationssäkerhetsarbetet {} för ledningen.",
            c.year,
            c.count(list.len(), ("gång", "gånger"), ("", ""))
        )
    } else {
        format!(
            "In {}, the information-security work was presented to management {}.",
            c.year,
            c.count(list.len(), ("", ""), ("time", "times"))
        )
    })));
    s.blocks.push(Block::List(items));
}

/// The provisions an exception covers, as their citations (no control ids in the text). A
/// control may cite several provisions ("…; …"), and controls under one pattern often share
/// one, so each provision is named once.
fn provisions(c: &Ctx, patterns_of: &crate::exceptions::Exception) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for control in &c.checked.catalog.controls {
        if !patterns_of.matches_control(&control.id) {
            continue;
        }
        for provision in control.citation.split("; ") {
            if !out.iter().any(|p| p == provision) {
                out.push(provision.to_string());
            }
        }
    }
    out
}

fn acceptances(c: &Ctx, s: &mut Section) {
    let start = c.start.to_string();
    let end = c.end.to_string();
    let list: Vec<&crate::exceptions::Exception> = c
        .checked
        .exceptions
        .iter()
        .filter(|e| e.decided <= end && e.expires >= start)
        .filter(|e| c.ev.by_id(&e.id).is_some_and(|r| c.belongs(r)))
        .collect();
    if list.is_empty() {
        return;
    }
    s.blocks.push(Block::Sub(
        c.t("Riskacceptanser", "Risk acceptances").into(),
    ));
    let mut t = Table::new(
        vec![
            c.t("Beslut och motivering", "Decision and justification")
                .into(),
            c.t("Avser", "Concerns").into(),
            c.t("Beslutad", "Decided").into(),
            c.t("Status 31 december", "Status 31 December").into(),
        ],
        vec![Align::Left, Align::Left, Align::Right, Align::Left],
    );
    for e in &list {
        let mut about = provisions(c, e);
        if let Some(recs) = &e.records {
            about.extend(recs.iter().map(|id| c.name_of(id)));
        }
        let status = if e.expires >= end {
            format!("{} {}", c.t("gäller till", "in force until"), e.expires)
        } else {
            format!("{} {}", c.t("upphörde", "expired"), e.expires)
        };
        t.row(
            vec![
                format!("{}: {}", e.decided_by, e.justification.trim()),
                about.join("; "),
                e.decided.clone(),
                status,
            ],
            c.note(&[e.id.as_str()]),
        );
    }
    s.blocks.push(Block::Table(t));
}

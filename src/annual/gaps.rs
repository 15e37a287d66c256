//! The gap report as of 31 December (an appendix): the real `check` pipeline evaluated on
//! the year-end evidence, summarised per body of rules, and the errors and warnings named
//! by what they require and where the law says so, never by a control id.

use std::collections::BTreeMap;

use super::context::Ctx;
use super::document::{Block, Part, Section, Table, Text};
use crate::findings::{Finding, Severity};

/// The findings that concern the report's board (all of them without `--board`).
pub(super) fn findings<'a>(c: &Ctx<'a>) -> Vec<&'a Finding> {
    c.checked
        .outcome
        .findings
        .iter()
        .filter(|f| match (&f.record, c.board) {
            (Some(id), Some(_)) => c.ev.by_id(id).is_none_or(|r| c.belongs(r)),
            _ => true,
        })
        .collect()
}

fn framework_name(c: &Ctx, id: &str) -> String {
    if id == "kravkoll" {
        return c
            .t("Underlagets kvalitet", "Quality of the evidence")
            .into();
    }
    c.checked
        .catalog
        .framework(id)
        .map(|f| {
            if c.sv() {
                f.name_sv.clone()
            } else {
                f.name_en.clone()
            }
        })
        .unwrap_or_else(|| id.to_string())
}

fn listed(c: &Ctx, list: &[&Finding]) -> Vec<Text> {
    list.iter()
        .map(|f| {
            let about = f.record.as_deref().map(|id| c.name_of(id));
            let mut line = f.title.trim_end_matches('.').to_string();
            if let Some(a) = about {
                line.push_str(&format!(" – {a}"));
            }
            // "Lagrum" for a provision of law, "Grund" for a recommendation or practice.
            line.push_str(&format!(" ({}: {}).", f.citation_label(c.lang), f.citation));
            // The same gap under other provisions, reported once here: named by title and
            // citation, never by control id.
            if !f.also.is_empty() {
                let others: Vec<String> = f
                    .also
                    .iter()
                    .map(|a| {
                        let (open, close) = if c.sv() {
                            ("”", "”")
                        } else {
                            ("“", "”")
                        };
                        format!(
                            "{open}{}{close} ({}: {})",
                            a.title.trim_end_matches('.'),
                            crate::findings::citation_label(a.statutory, c.lang),
                            a.citation
                        )
                    })
                    .collect();
                line.push_str(&format!(
                    " {} {}.",
                    c.t(
                        "Samma brist gäller även kravet",
                        "The same gap also concerns the requirement"
                    ),
                    others.join("; ")
                ));
            }
            Text {
                text: line,
                note: f.record.as_deref().and_then(|id| c.note(&[id])),
            }
        })
        .collect()
}

pub(super) fn section(c: &Ctx) -> Section {
    let mut s = Section::new(
        "gap-report",
        if c.sv() {
            format!("Avstämning mot regelverken den 31 december {}", c.year)
        } else {
            format!("Check against the rules on 31 December {}", c.year)
        },
        Part::Appendix,
    );
    let all = findings(c);
    let open: Vec<&Finding> = all
        .iter()
        .copied()
        .filter(|f| f.accepted_by.is_none())
        .collect();
    let n = |sev: Severity| open.iter().filter(|f| f.severity == sev).count();
    s.blocks.push(Block::Para(Text::plain(if c.sv() {
        format!(
            "Underlaget har stämts av mot {} som gällde organisationen den 31 december {}. Avstämningen gav {}, {} och {}.",
            c.count(c.checked.outcome.summary.controls_evaluated, ("krav", "krav"), ("", "")),
            c.year,
            c.count(n(Severity::Error), ("fel", "fel"), ("", "")),
            c.count(n(Severity::Warning), ("varning", "varningar"), ("", "")),
            c.count(n(Severity::Info), ("upplysning", "upplysningar"), ("", ""))
        )
    } else {
        format!(
            "The evidence was checked against {} that applied to the organisation on 31 December {}. The check gave {}, {} and {}.",
            c.count(c.checked.outcome.summary.controls_evaluated, ("", ""), ("requirement", "requirements")),
            c.year,
            c.count(n(Severity::Error), ("", ""), ("error", "errors")),
            c.count(n(Severity::Warning), ("", ""), ("warning", "warnings")),
            c.count(n(Severity::Info), ("", ""), ("note", "notes"))
        )
    })));
    if all.is_empty() {
        return s;
    }
    let mut by_fw: BTreeMap<(usize, &str), [usize; 4]> = BTreeMap::new();
    for f in &all {
        let e = by_fw
            .entry((c.checked.catalog.framework_rank(&f.framework), &f.framework))
            .or_default();
        if f.accepted_by.is_some() {
            e[3] += 1;
        } else {
            e[f.severity as usize] += 1;
        }
    }
    let mut t = Table::figures(vec![
        c.t("Regelverk", "Rules").into(),
        c.t("Fel", "Errors").into(),
        c.t("Varningar", "Warnings").into(),
        c.t("Upplysningar", "Notes").into(),
        c.t("Riskaccepterade", "Accepted").into(),
    ]);
    for ((_, fw), counts) in &by_fw {
        let mut cells = vec![framework_name(c, fw)];
        cells.extend(counts.iter().map(|x| c.n(*x)));
        t.row(cells, None);
    }
    s.blocks.push(Block::Table(t));
    for (sev, sv, en) in [
        (Severity::Error, "Fel", "Errors"),
        (Severity::Warning, "Varningar", "Warnings"),
    ] {
        let list: Vec<&Finding> = open.iter().copied().filter(|f| f.severity == sev).collect();
        if !list.is_empty() {
            s.blocks.push(Block::Sub(c.t(sv, en).into()));
            s.blocks.push(Block::List(listed(c, &list)));
        }
    }
    s
}

//! Section 1, the risk analyses made (HSLF-FS 2016:40 3 kap. 6 § första punkten): every
//! analysis of the year with its scope, method, purpose, inputs, result and decisions (what
//! MSB found missing in real reports), and the high and critical risks themselves with
//! their measures and how far those had come on 31 December.

use std::collections::BTreeMap;

use super::context::{day, item_str, items, strs, text, Ctx, Item};
use super::document::{Align, Block, Part, Section, Table, Text};
use super::front::commentary;
use super::improvements::{improvement_state, item_state};
use crate::evidence::{FieldValue, Lang, Record};

const LEVELS: [&str; 4] = ["critical", "high", "medium", "low"];

fn level(c: &Ctx, l: &str) -> String {
    level_n(c, l, 1)
}

/// The level as an adjective agreeing with a count: "1 hög", "2 höga".
fn level_n(c: &Ctx, l: &str, n: usize) -> String {
    let (one, many) = match l {
        "critical" => (c.t("kritisk", "critical"), c.t("kritiska", "critical")),
        "high" => (c.t("hög", "high"), c.t("höga", "high")),
        "medium" => (c.t("medel", "medium"), c.t("medel", "medium")),
        "low" => (c.t("låg", "low"), c.t("låga", "low")),
        _ => (c.t("okänd", "unknown"), c.t("okända", "unknown")),
    };
    if n == 1 { one } else { many }.to_string()
}

fn scope(c: &Ctx, s: &str) -> String {
    match s {
        "organisation" => c.t("hela organisationen", "the whole organisation"),
        "system" => c.t("informationssystem", "information system"),
        "process" => c.t("process", "process"),
        "nis_service" => c.t("samhällsviktig tjänst", "essential service"),
        "procurement" => c.t("upphandling", "procurement"),
        "change" => c.t("förändring", "change"),
        other => other,
    }
    .to_string()
}

fn treatment(c: &Ctx, t: &str) -> String {
    match t {
        "reduce" => c.t("reduceras", "reduce"),
        "accept" => c.t("accepteras", "accept"),
        "transfer" => c.t("överförs", "transfer"),
        "avoid" => c.t("undviks", "avoid"),
        other => other,
    }
    .to_string()
}

/// "3 risker (1 kritisk, 1 hög, 1 medel)".
fn result(c: &Ctx, risks: &[&Item]) -> String {
    if risks.is_empty() {
        return c.t("inga risker redovisade", "no risks recorded").into();
    }
    let mut by: BTreeMap<usize, usize> = BTreeMap::new();
    for r in risks {
        let l = item_str(r, "level").unwrap_or("");
        *by.entry(LEVELS.iter().position(|x| *x == l).unwrap_or(4))
            .or_default() += 1;
    }
    let parts: Vec<String> = by
        .iter()
        .map(|(rank, n)| {
            format!(
                "{} {}",
                c.n(*n),
                level_n(c, LEVELS.get(*rank).copied().unwrap_or(""), *n)
            )
        })
        .collect();
    format!(
        "{} ({})",
        c.count(risks.len(), ("risk", "risker"), ("risk", "risks")),
        parts.join(", ")
    )
}

pub(super) fn section(c: &Ctx) -> Section {
    let mut s = Section::new(
        "risk-analyses",
        format!(
            "1. {}",
            c.t("Riskanalyser som har gjorts", "Risk analyses performed")
        ),
        Part::Statutory,
    );
    commentary(c, &mut s);
    let ras = c.dated("RiskAnalysis", "performed", c.year);
    let prev = c.dated("RiskAnalysis", "performed", c.year - 1);
    if ras.is_empty() {
        s.blocks.push(Block::Para(Text::plain(if c.sv() {
            format!("Inga riskanalyser genomfördes under {}.", c.year)
        } else {
            format!("No risk analyses were performed in {}.", c.year)
        })));
        c.warn(
            if c.sv() {
                format!(
                    "Inga riskanalyser är dokumenterade för {} (HSLF-FS 2016:40 3 kap. 6 § första punkten).",
                    c.year
                )
            } else {
                format!(
                    "No risk analyses are documented for {} (HSLF-FS 2016:40 chapter 3 section 6, point 1).",
                    c.year
                )
            },
            Some("record the year's analyses as RiskAnalysis records".into()),
        );
        return s;
    }
    let counted = c.count(
        ras.len(),
        ("riskanalys", "riskanalyser"),
        ("risk analysis", "risk analyses"),
    );
    let prev_part = if c.covered(c.year - 1) {
        format!(" ({}: {})", c.year - 1, c.n(prev.len()))
    } else {
        String::new()
    };
    let reported = ras
        .iter()
        .filter(|r| day(r, "reported_to_management").is_some_and(|d| d <= c.end))
        .count();
    let told = match (ras.len(), reported, c.lang) {
        (1, 1, Lang::Sv) => "Den hade redovisats för ledningen den 31 december.".to_string(),
        (1, 0, Lang::Sv) => "Den hade inte redovisats för ledningen den 31 december.".to_string(),
        (_, 0, Lang::Sv) => {
            "Ingen av dem hade redovisats för ledningen den 31 december.".to_string()
        }
        (n, r, Lang::Sv) if n == r => {
            "Samtliga hade redovisats för ledningen den 31 december.".to_string()
        }
        (_, r, Lang::Sv) => format!(
            "Av dem hade {} redovisats för ledningen den 31 december.",
            c.n(r)
        ),
        (1, 1, Lang::En) => "It had been reported to management by 31 December.".to_string(),
        (1, 0, Lang::En) => "It had not been reported to management by 31 December.".to_string(),
        (_, 0, Lang::En) => {
            "None of them had been reported to management by 31 December.".to_string()
        }
        (n, r, Lang::En) if n == r => {
            "All had been reported to management by 31 December.".to_string()
        }
        (_, r, Lang::En) => format!(
            "Of these, {} had been reported to management by 31 December.",
            c.n(r)
        ),
    };
    s.blocks.push(Block::Para(Text {
        text: if c.sv() {
            format!("Under {} genomfördes {counted}{prev_part}. {told}", c.year)
        } else {
            format!(
                "In {}, {counted} {} performed{prev_part}. {told}",
                c.year,
                c.were(ras.len())
            )
        },
        note: c.note_records(&ras),
    }));
    overview(c, &mut s, &ras);
    serious_risks(c, &mut s, &ras);
    for r in &ras {
        detail(c, &mut s, r);
    }
    s
}

fn overview(c: &Ctx, s: &mut Section, ras: &[&Record]) {
    let mut t = Table::new(
        vec![
            c.t("Riskanalys", "Risk analysis").into(),
            c.t("Datum", "Date").into(),
            c.t("Omfattning", "Scope").into(),
            c.t("Resultat", "Result").into(),
            c.t("Redovisad för ledningen", "Reported to management")
                .into(),
        ],
        vec![
            Align::Left,
            Align::Right,
            Align::Left,
            Align::Left,
            Align::Right,
        ],
    );
    for r in ras {
        t.row(
            vec![
                c.record_name(r),
                text(r, "performed").unwrap_or("").to_string(),
                scope(c, text(r, "scope").unwrap_or("")),
                result(c, &items(r, "risks")),
                day(r, "reported_to_management")
                    .filter(|d| *d <= c.end)
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "–".into()),
            ],
            c.note(&[r.id.as_str()]),
        );
    }
    s.blocks.push(Block::Table(t));
}

/// A measure named by a risk, with how far it had come on 31 December.
fn measure(c: &Ctx, id: &str) -> String {
    if let Some((_, it)) = c.nested(id) {
        if let Some(m) = item_str(it, "measure") {
            let st = item_state(it, c.end);
            let due = item_str(it, "due").unwrap_or("");
            return match st {
                super::improvements::State::Done(_) => format!("{m} ({})", st.label(c)),
                _ => format!("{m} ({}, {} {due})", st.label(c), c.t("sista dag", "due")),
            };
        }
    }
    if let Some(r) = c.ev.by_id(id) {
        if r.kind.name == "Improvement" {
            return format!(
                "{} ({})",
                c.record_name(r),
                improvement_state(r, c.end).label(c)
            );
        }
        return c.record_name(r);
    }
    c.name_of(id)
}

fn serious_risks(c: &Ctx, s: &mut Section, ras: &[&Record]) {
    let mut rows: Vec<(usize, &Record, &Item)> = Vec::new();
    for r in ras {
        for risk in items(r, "risks") {
            let rank = LEVELS
                .iter()
                .position(|l| Some(*l) == item_str(risk, "level"))
                .unwrap_or(4);
            if rank <= 1 {
                rows.push((rank, r, risk));
            }
        }
    }
    if rows.is_empty() {
        return;
    }
    rows.sort_by_key(|(rank, r, risk)| (*rank, day(r, "performed"), item_str(risk, "id")));
    s.blocks.push(Block::Sub(
        c.t(
            "Kritiska och höga risker och deras åtgärder",
            "Critical and high risks and their measures",
        )
        .into(),
    ));
    let patient = rows
        .iter()
        .filter(|(_, _, risk)| risk.get("patient_safety").and_then(|v| v.bool()) == Some(true))
        .count();
    s.blocks.push(Block::Para(Text::plain(if c.sv() {
        format!(
            "Årets analyser identifierade {}, varav {} bedöms påverka patientsäkerheten.",
            c.count(
                rows.len(),
                ("kritisk eller hög risk", "kritiska eller höga risker"),
                ("", "")
            ),
            c.n(patient)
        )
    } else {
        format!(
            "The year's analyses identified {}, {} of which are judged to affect patient safety.",
            c.count(
                rows.len(),
                ("", ""),
                ("critical or high risk", "critical or high risks")
            ),
            c.n(patient)
        )
    })));
    let mut t = Table::new(
        vec![
            c.t("Risk", "Risk").into(),
            c.t("Nivå", "Level").into(),
            c.t("Hantering", "Treatment").into(),
            c.t(
                "Åtgärder och status 31 december",
                "Measures and status 31 December",
            )
            .into(),
        ],
        vec![Align::Left, Align::Left, Align::Left, Align::Left],
    );
    for (_, r, risk) in rows {
        let mut desc = item_str(risk, "description").unwrap_or("").to_string();
        if risk.get("patient_safety").and_then(|v| v.bool()) == Some(true) {
            desc.push_str(c.t(" (påverkar patientsäkerheten)", " (affects patient safety)"));
        }
        let ms: Vec<String> = risk
            .get("measures")
            .and_then(|v| v.list())
            .map(|a| {
                a.iter()
                    .filter_map(|m| m.str())
                    .map(|m| measure(c, m))
                    .collect()
            })
            .unwrap_or_default();
        let mut ids = vec![r.id.as_str()];
        if let Some(id) = item_str(risk, "id") {
            ids = vec![id];
        }
        t.row(
            vec![
                desc,
                level(c, item_str(risk, "level").unwrap_or("")),
                treatment(c, item_str(risk, "treatment").unwrap_or("")),
                if ms.is_empty() {
                    c.t("inga åtgärder angivna", "no measures recorded").into()
                } else {
                    ms.join("; ")
                },
            ],
            c.note(&ids),
        );
    }
    s.blocks.push(Block::Table(t));
}

fn detail(c: &Ctx, s: &mut Section, r: &Record) {
    s.blocks.push(Block::Sub(c.record_name(r)));
    let missing = c.t("ej angivet", "not stated");
    let mut parts = Vec::new();
    let systems: Vec<String> = strs(r, "systems").iter().map(|id| c.name_of(id)).collect();
    let scope_text = scope(c, text(r, "scope").unwrap_or(""));
    parts.push(if systems.is_empty() {
        format!(
            "{} {}. {}: {scope_text}.",
            c.t("Genomförd", "Performed"),
            c.date_of(r, "performed"),
            c.t("Omfattning", "Scope")
        )
    } else {
        format!(
            "{} {}. {}: {scope_text} ({}).",
            c.t("Genomförd", "Performed"),
            c.date_of(r, "performed"),
            c.t("Omfattning", "Scope"),
            c.join(&systems)
        )
    });
    let trimmed = |f: &str| text(r, f).map(|t| t.trim_end_matches('.').to_string());
    parts.push(format!(
        "{}: {}.",
        c.t("Metod", "Method"),
        trimmed("method").unwrap_or_else(|| missing.into())
    ));
    parts.push(format!(
        "{}: {}.",
        c.t("Syfte", "Purpose"),
        trimmed("purpose").unwrap_or_else(|| missing.into())
    ));
    let inputs = strs(r, "inputs");
    parts.push(format!(
        "{}: {}.",
        c.t("Underlag", "Inputs"),
        if inputs.is_empty() {
            missing.to_string()
        } else {
            inputs.join("; ")
        }
    ));
    parts.push(format!(
        "{}: {}.",
        c.t("Resultat", "Result"),
        result(c, &items(r, "risks"))
    ));
    let plan = text(r, "action_plan").and_then(|id| c.ev.by_id(id));
    parts.push(match plan {
        Some(p) => {
            let n = items(p, "items").len();
            let mut d = format!(
                "{}: {} {}",
                c.t("Beslut", "Decision"),
                c.record_name(p),
                if c.sv() {
                    format!("med {}", c.count(n, ("åtgärd", "åtgärder"), ("", "")))
                } else {
                    format!("with {}", c.count(n, ("", ""), ("measure", "measures")))
                }
            );
            if let (Some(by), Some(_)) = (text(p, "decided_by"), day(p, "decided")) {
                d.push_str(&format!(
                    ", {} {by} {}",
                    c.t("beslutad av", "decided by"),
                    c.date_of(p, "decided")
                ));
            }
            d.push('.');
            d
        }
        None => format!(
            "{}: {}.",
            c.t("Beslut", "Decision"),
            c.t("ingen åtgärdsplan kopplad", "no action plan linked")
        ),
    });
    parts.push(format!(
        "{}: {}.",
        c.t("Godkänd av", "Approved by"),
        text(r, "approved_by").unwrap_or(missing)
    ));
    parts.push(format!(
        "{}: {}.",
        c.t("Redovisad för ledningen", "Reported to management"),
        day(r, "reported_to_management")
            .filter(|d| *d <= c.end)
            .map(|d| c.date(d))
            .unwrap_or_else(|| missing.into())
    ));
    let mut ids = vec![r.id.as_str()];
    if let Some(p) = plan {
        ids.push(p.id.as_str());
    }
    s.blocks.push(Block::Para(Text {
        text: parts.join(" "),
        note: c.note(&ids),
    }));
    let lacks: Vec<&str> = [
        ("purpose", c.t("syfte", "purpose")),
        ("inputs", c.t("underlag", "inputs")),
        (
            "action_plan",
            c.t("beslut om åtgärder", "decisions on measures"),
        ),
    ]
    .iter()
    .filter(|(f, _)| !r.value.contains_key(f))
    .map(|(_, w)| *w)
    .collect();
    if !lacks.is_empty() {
        let what: Vec<String> = lacks.iter().map(|s| s.to_string()).collect();
        c.warn(
            if c.sv() {
                format!(
                    "Riskanalysen ”{}” anger inte {}; berättelsen kan då inte visa vad analysen var till för och vad som beslutades.",
                    c.record_name(r),
                    c.join(&what)
                )
            } else {
                format!(
                    "The risk analysis “{}” states no {}, so the report cannot show what it was for and what was decided.",
                    c.record_name(r),
                    c.join(&what)
                )
            },
            Some(format!(
                "add purpose, inputs and action_plan to {} ({}:{})",
                r.id, r.file, r.line
            )),
        );
    }
}

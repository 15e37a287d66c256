//! `kravkoll controls`: the catalog as JSON, a terminal table or the Markdown page
//! `docs/controls.md` (regenerate with `kravkoll controls --format markdown > docs/controls.md`).

use serde::Serialize;

use super::{Catalog, Control};
use crate::evidence::Lang;

/// Output formats of `kravkoll controls`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ListFormat {
    #[default]
    Table,
    Json,
    Markdown,
}

/// The command that regenerates `docs/controls.md` (named in the page and in test failures).
pub const REGENERATE: &str = "cargo run -q -- controls --format markdown > docs/controls.md";

/// One control in the JSON listing: exactly these fields (the last three added later).
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub id: &'a str,
    pub framework: &'a str,
    pub citation: &'a str,
    pub title_sv: &'a str,
    pub title_en: &'a str,
    pub severity: &'a str,
    pub applies_to: &'a [String],
    pub effective_from: &'a str,
    pub effective_to: Option<&'a str>,
    /// The citation is a provision of law ("Lagrum"), not another basis ("Grund").
    pub statutory: bool,
    /// `state` (judged at `--as-of`) or `event` (by the law in force on the event's date).
    pub judged_by: &'a str,
    /// Controls whose findings are reported under this one when they report the same gap.
    pub stands_in_for: &'a [String],
}

impl<'a> From<&'a Control> for Row<'a> {
    fn from(c: &'a Control) -> Self {
        Row {
            id: &c.id,
            framework: &c.framework,
            citation: &c.citation,
            title_sv: &c.title_sv,
            title_en: &c.title_en,
            severity: c.severity.as_str(),
            applies_to: &c.applies_to,
            effective_from: &c.effective_from,
            effective_to: c.effective_to.as_deref(),
            statutory: c.is_statutory(),
            judged_by: c.judged_by.as_str(),
            stands_in_for: &c.stands_in_for,
        }
    }
}

/// The controls of `framework` (all when `None`), in catalog order. An unknown framework
/// is an error with a "did you mean".
pub fn select<'a>(
    catalog: &'a Catalog,
    framework: Option<&str>,
) -> Result<Vec<&'a Control>, String> {
    if let Some(fw) = framework {
        if catalog.framework(fw).is_none() {
            let known: Vec<&str> = catalog.frameworks.iter().map(|f| f.id.as_str()).collect();
            let hint = crate::diagnostics::did_you_mean(fw, known.iter().copied())
                .map(|h| format!("; {h}"))
                .unwrap_or_default();
            return Err(format!(
                "unknown framework `{fw}`{hint} (known: {})",
                known.join(", ")
            ));
        }
    }
    Ok(catalog
        .controls
        .iter()
        .filter(|c| framework.is_none_or(|fw| c.framework == fw))
        .collect())
}

pub fn json(controls: &[&Control]) -> String {
    let rows: Vec<Row> = controls.iter().map(|c| Row::from(*c)).collect();
    let mut s = serde_json::to_string_pretty(&rows).unwrap_or_default();
    s.push('\n');
    s
}

/// The effective period in words: `2017-03-01 –` or `2018-08-01 – 2026-01-14`.
pub fn period(c: &Control) -> String {
    match &c.effective_to {
        Some(to) => format!("{} – {to}", c.effective_from),
        None => format!("{} –", c.effective_from),
    }
}

/// A readable terminal table: id, framework, severity, effective period, title.
pub fn table(controls: &[&Control], lang: Lang) -> String {
    let head: Vec<String> = match lang {
        Lang::Sv => ["kontroll", "regelverk", "allvarlighet", "gäller", "titel"],
        Lang::En => ["control", "framework", "severity", "in force", "title"],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows: Vec<Vec<String>> = controls
        .iter()
        .map(|c| {
            vec![
                c.id.clone(),
                c.framework.clone(),
                c.severity.word(lang).to_string(),
                period(c),
                c.title(lang).to_string(),
            ]
        })
        .collect();
    let last = head.len() - 1;
    let widths: Vec<usize> = (0..last)
        .map(|i| {
            rows.iter()
                .chain([&head])
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let mut line = |cells: &[String]| {
        for (cell, w) in cells.iter().zip(&widths) {
            out.push_str(cell);
            out.push_str(&" ".repeat(w - cell.chars().count() + 2));
        }
        out.push_str(&cells[last]);
        out.push('\n');
    };
    line(&head);
    let mut rule: Vec<String> = widths.iter().map(|n| "-".repeat(*n)).collect();
    rule.push("-----".into());
    line(&rule);
    for r in &rows {
        line(r);
    }
    out.push_str(&match lang {
        Lang::Sv => format!("{} kontroller\n", rows.len()),
        Lang::En => format!("{} controls\n", rows.len()),
    });
    out
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The Markdown page `docs/controls.md`: one table per framework.
pub fn markdown(catalog: &Catalog, controls: &[&Control]) -> String {
    let mut out = String::new();
    out.push_str(
        "<!-- Generated from the control catalog (policies/*/controls.yaml); do not edit.\n",
    );
    out.push_str(&format!("     Regenerate: {REGENERATE} -->\n\n"));
    out.push_str("# Controls\n\n");
    out.push_str(&format!(
        "Every built-in control of kravkoll ({} controls). `kravkoll explain <id>` prints a \
         control's provision, the evidence that satisfies it, how to fix a finding and an \
         example record. Applicability predicates are described in \
         [writing-policies.md](writing-policies.md#applicability-predicates); a period \
         ending in `–` is open, and *by event date* marks a control judged by the law in \
         force on the date of the event a finding is about (incident reporting) rather than \
         at `--as-of`. *Stands in for* names the controls whose findings are reported under \
         this one when they report the same gap.\n",
        controls.len()
    ));
    for fw in &catalog.frameworks {
        let mine: Vec<&&Control> = controls.iter().filter(|c| c.framework == fw.id).collect();
        if mine.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n## {} — `{}`\n\n*{}*\n\n",
            cell(&fw.name_sv),
            fw.id,
            cell(&fw.name_en)
        ));
        if !fw.statutory {
            out.push_str(
                "Not law: the citations below are a basis (*Grund*), not a provision \
                 (*Lagrum*), and every output labels them so.\n\n",
            );
        }
        out.push_str(
            "| id | citation | title | severity | applies to | in force | evidence | stands in for |\n",
        );
        out.push_str("|---|---|---|---|---|---|---|---|\n");
        for c in mine {
            let period = match c.judged_by {
                super::JudgedBy::State => period(c),
                super::JudgedBy::Event => format!("{}, *by event date*", period(c)),
            };
            out.push_str(&format!(
                "| `{}` | {} | {}<br>*{}* | {} | {} | {} | {} | {} |\n",
                c.id,
                cell(&c.citation),
                cell(&c.title_sv),
                cell(&c.title_en),
                c.severity.as_str(),
                c.applies_to
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                period,
                c.evidence.join(", "),
                c.stands_in_for
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
        }
    }
    out
}

//! Evidence missing altogether, in priority order: the human report's opening for a young
//! repository. Right after `kravkoll init` nearly every finding says the same thing ("there
//! is no X"); listed one by one they bury what to do first. A finding belongs here when it is
//! about no record and the repository holds no record of any kind its control names as
//! evidence. Such findings are grouped by that kind, each with a line per finding (nothing
//! is left out), and the groups are ordered by their most severe finding, then by the
//! legal weight of the source (law before regulation before recommendation), then by how
//! many findings the kind would answer.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;

use crate::catalog::Catalog;
use crate::evidence::schema::{self, Kind};
use crate::evidence::{Evidence, Lang};
use crate::findings::{Finding, Severity};
use crate::typography;

/// Law first (acts and the GDPR), then regulations (föreskrifter), then the response rules of
/// audits, then recommendations, then kravkoll's own hygiene checks.
pub fn legal_weight(f: &Finding) -> u8 {
    match f.framework.as_str() {
        "gdpr" | "pdl" | "psl" | "csl" | "nis" | "sol-pul" => 0,
        "hslf-fs-2016-40" | "msbfs-2020-6" => 1,
        "msb-2018" => 3,
        "kravkoll" => 4,
        // The audit rules and an organisation's own controls, by what their catalog says.
        _ if f.statutory => 1,
        _ => 3,
    }
}

pub struct Group<'a> {
    pub kind: &'static Kind,
    pub findings: Vec<&'a Finding>,
}

impl Group<'_> {
    fn rank(&self) -> (Severity, u8, std::cmp::Reverse<usize>) {
        let worst = self
            .findings
            .iter()
            .map(|f| f.severity)
            .min()
            .unwrap_or(Severity::Info);
        let weight = self
            .findings
            .iter()
            .filter(|f| f.severity == worst)
            .map(|f| legal_weight(f))
            .min()
            .unwrap_or(u8::MAX);
        (worst, weight, std::cmp::Reverse(self.findings.len()))
    }
}

/// The groups, most important first, and whether each finding of `findings` is in one.
pub fn groups<'a>(
    findings: &'a [Finding],
    catalog: &Catalog,
    evidence: &Evidence,
) -> (Vec<Group<'a>>, Vec<bool>) {
    let present: HashSet<&str> = evidence.records().iter().map(|r| r.kind.name).collect();
    let mut by_kind: BTreeMap<usize, Vec<&Finding>> = BTreeMap::new();
    let mut grouped = vec![false; findings.len()];
    for (i, f) in findings.iter().enumerate() {
        if f.record.is_some() || f.accepted_by.is_some() {
            continue;
        }
        let Some(control) = catalog.get(&f.control) else {
            continue;
        };
        let Some(first) = control.evidence.first() else {
            continue;
        };
        if control
            .evidence
            .iter()
            .any(|k| present.contains(k.as_str()))
        {
            continue;
        }
        let Some(pos) = schema::KINDS.iter().position(|k| k.name == first) else {
            continue;
        };
        by_kind.entry(pos).or_default().push(f);
        grouped[i] = true;
    }
    let mut out: Vec<Group> = by_kind
        .into_iter()
        .map(|(pos, mut fs)| {
            fs.sort_by(|a, b| {
                (a.severity, legal_weight(a), &a.control).cmp(&(
                    b.severity,
                    legal_weight(b),
                    &b.control,
                ))
            });
            Group {
                kind: &schema::KINDS[pos],
                findings: fs,
            }
        })
        .collect();
    // A stable sort keeps the format's order of kinds among equals.
    out.sort_by_key(|g| g.rank());
    (out, grouped)
}

fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Sv) => "fel",
        (Severity::Warning, Lang::Sv) => "varning",
        (Severity::Info, Lang::Sv) => "information",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Info, Lang::En) => "info",
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The section for the human report (empty when nothing is missing altogether).
pub fn render(groups: &[Group], lang: Lang) -> String {
    if groups.is_empty() {
        return String::new();
    }
    let sv = lang == Lang::Sv;
    let mut out = String::new();
    let n: usize = groups.iter().map(|g| g.findings.len()).sum();
    let _ = writeln!(
        out,
        "\n{}",
        if sv {
            format!(
                "Evidens som saknas helt, viktigast först ({} av {})",
                typography::count(n as i64, "anmärkning", "anmärkningar", lang),
                typography::count(groups.len() as i64, "slag", "slag", lang),
            )
        } else {
            format!(
                "Evidence missing altogether, most important first ({} for {})",
                typography::count(n as i64, "finding", "findings", lang),
                typography::count(groups.len() as i64, "kind", "kinds", lang),
            )
        }
    );
    for (i, g) in groups.iter().enumerate() {
        let name = if sv {
            capitalise(g.kind.sv)
        } else {
            g.kind.name.to_string()
        };
        let count = if sv {
            typography::count(g.findings.len() as i64, "anmärkning", "anmärkningar", lang)
        } else {
            typography::count(g.findings.len() as i64, "finding", "findings", lang)
        };
        let _ = writeln!(out, "\n{}. {name} ({}): {count}", i + 1, g.kind.name);
        for f in &g.findings {
            let _ = writeln!(
                out,
                "   {:<11} {}  {} ({})",
                severity_word(f.severity, lang),
                f.control,
                f.title,
                f.citation
            );
            if !f.also.is_empty() {
                let _ = writeln!(
                    out,
                    "   {:<11} {}",
                    if sv { "även" } else { "also" },
                    f.also_text()
                );
            }
        }
        let first = &g.findings[0].control;
        let _ = if sv {
            writeln!(
                out,
                "   Börja med: kravkoll new {}    Vad som krävs: kravkoll explain {first}",
                g.kind.name
            )
        } else {
            writeln!(
                out,
                "   Start with: kravkoll new {}    What is required: kravkoll explain {first}",
                g.kind.name
            )
        };
    }
    out
}

/// The human report: the missing-evidence section, then every other finding in full, then
/// the summary (which counts all of them).
pub fn render_human(ctx: &super::Context) -> String {
    let Some(evidence) = ctx.evidence else {
        return super::human::render_with(ctx.outcome, ctx.catalog, ctx.lang, ctx.exceptions);
    };
    let (groups, grouped) = groups(&ctx.outcome.findings, ctx.catalog, evidence);
    if groups.is_empty() {
        return super::human::render_with(ctx.outcome, ctx.catalog, ctx.lang, ctx.exceptions);
    }
    let mut rest = ctx.outcome.clone();
    rest.findings = ctx
        .outcome
        .findings
        .iter()
        .zip(&grouped)
        .filter(|(_, g)| !**g)
        .map(|(f, _)| f.clone())
        .collect();
    let mut text = render(&groups, ctx.lang);
    text.push_str(&super::human::render_with(
        &rest,
        ctx.catalog,
        ctx.lang,
        ctx.exceptions,
    ));
    text
}

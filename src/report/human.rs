//! Human output: findings grouped by framework, each with citation, message, what to do and
//! `file:line`, then a summary. Styled with ANSI codes; the caller strips them when the
//! output is not a terminal (anstream does).

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use crate::catalog::Catalog;
use crate::evidence::Lang;
use crate::exceptions::Exception;
use crate::findings::{Outcome, Severity};
use crate::report::{counted, Counted};

fn sev_style(s: Severity) -> Style {
    let c = match s {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(c.into())).bold()
}

struct Words {
    also: &'static str,
    todo: &'static str,
    record: &'static str,
    accepted: &'static str,
    until: &'static str,
    accepted_n: &'static str,
    none: &'static str,
    as_of: &'static str,
}

const SV: Words = Words {
    also: "även",
    todo: "åtgärd",
    record: "post",
    accepted: "accepterad av",
    until: "till och med",
    accepted_n: "accepterade",
    none: "Inga avvikelser.",
    as_of: "per",
};
const EN: Words = Words {
    also: "also",
    todo: "to do",
    record: "record",
    accepted: "accepted by",
    until: "until",
    accepted_n: "accepted",
    none: "No findings.",
    as_of: "as of",
};

pub fn render(outcome: &Outcome, catalog: &Catalog, lang: Lang) -> String {
    render_with(outcome, catalog, lang, &[])
}

/// As [`render`], and an accepted finding shows its exception's expiry and justification.
pub fn render_with(
    outcome: &Outcome,
    catalog: &Catalog,
    lang: Lang,
    exceptions: &[Exception],
) -> String {
    let w = if lang == Lang::Sv { &SV } else { &EN };
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let mut out = String::new();
    let mut current: Option<&str> = None;
    for f in &outcome.findings {
        if current != Some(f.framework.as_str()) {
            current = Some(&f.framework);
            let name = catalog
                .framework(&f.framework)
                .map(|fw| {
                    if lang == Lang::Sv {
                        fw.name_sv.as_str()
                    } else {
                        fw.name_en.as_str()
                    }
                })
                .unwrap_or(&f.framework);
            let _ = writeln!(out, "\n{bold}{name}{bold:#}");
        }
        let s = sev_style(f.severity);
        let _ = writeln!(
            out,
            "{s}{}{s:#}[{}] {bold}{}{bold:#}",
            f.severity.word(lang),
            f.control,
            f.title
        );
        let location = match (&f.file, f.line) {
            (Some(file), Some(line)) => format!("{file}:{line}"),
            (Some(file), None) => file.clone(),
            _ => String::new(),
        };
        let record = f
            .record
            .as_deref()
            .map(|r| format!(" ({} {r})", w.record))
            .unwrap_or_default();
        let _ = writeln!(out, "  {dim}-->{dim:#} {location}{record}");
        let _ = writeln!(out, "  {}", f.message);
        let _ = writeln!(
            out,
            "  {dim}{}:{dim:#} {}",
            f.citation_label(lang).to_lowercase(),
            f.citation
        );
        if !f.also.is_empty() {
            let _ = writeln!(out, "  {dim}{}:{dim:#} {}", w.also, f.also_text());
        }
        let _ = writeln!(out, "  {dim}{}:{dim:#} {}", w.todo, f.remediation);
        if let Some(by) = &f.accepted_by {
            match exceptions.iter().find(|e| &e.id == by) {
                Some(e) => {
                    let _ = writeln!(
                        out,
                        "  {dim}{} {by} ({} {}):{dim:#} {}",
                        w.accepted, w.until, e.expires, e.justification
                    );
                }
                None => {
                    let _ = writeln!(out, "  {dim}{}:{dim:#} {by}", w.accepted);
                }
            }
        }
    }
    let s = &outcome.summary;
    // Findings shown elsewhere (the missing-evidence section) still count in the summary.
    if outcome.findings.is_empty() && s.error + s.warning + s.info == 0 {
        let _ = writeln!(out, "{}", w.none);
    } else {
        out.push('\n');
    }
    // Accepted findings are shown but not counted above; say how many there are.
    let accepted = outcome
        .findings
        .iter()
        .filter(|f| f.accepted_by.is_some())
        .count();
    let e = sev_style(Severity::Error);
    let wa = sev_style(Severity::Warning);
    let i = sev_style(Severity::Info);
    let _ = writeln!(
        out,
        "{bold}{}{bold:#}: {e}{}{e:#}, {wa}{}{wa:#}, {i}{}{i:#}{} — {} {} {}",
        outcome.organisation,
        counted(s.error, Counted::Error, lang),
        counted(s.warning, Counted::Warning, lang),
        counted(s.info, Counted::Info, lang),
        match accepted {
            0 => String::new(),
            n => format!(" ({}: {n})", w.accepted_n),
        },
        counted(s.controls_evaluated, Counted::Evaluated, lang),
        w.as_of,
        outcome.as_of
    );
    out
}

//! Markdown for pull-request comments and GitHub step summaries: a summary table by framework
//! and severity, then the findings of each framework in a collapsible section (open when it
//! has an error), each with citation, `file:line` and what to do.

use std::fmt::Write;

use super::{counted, Context, Counted};
use crate::evidence::Lang;
use crate::findings::{Finding, Severity};

/// Escapes text for a Markdown table cell or list item (no HTML, no table breaks).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        if let Some(with) = escaped(b) {
            out.push_str(&s[start..i]);
            out.push_str(with);
            start = i + 1;
        }
    }
    out.push_str(&s[start..]);
    out
}

/// What [`escape`] writes for a byte of text, when it writes anything else. Every character
/// it changes is ASCII, so a byte at a time is a character at a time, and the text between
/// is copied whole.
pub(crate) fn escaped(b: u8) -> Option<&'static str> {
    Some(match b {
        b'|' => "\\|",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'&' => "&amp;",
        // `@name` would notify people when the report is a pull-request comment.
        b'@' => "&#64;",
        b'*' => "\\*",
        b'_' => "\\_",
        b'`' => "\\`",
        b'[' => "\\[",
        b']' => "\\]",
        b'\\' => "\\\\",
        b'\n' | b'\r' => " ",
        _ => return None,
    })
}

fn code(s: &str) -> String {
    format!("`{}`", s.replace('`', "'"))
}

struct Words {
    heading: &'static str,
    as_of: &'static str,
    framework: &'static str,
    error: &'static str,
    warning: &'static str,
    info: &'static str,
    accepted: &'static str,
    accepted_by: &'static str,
    none: &'static str,
    findings: &'static str,
    also: &'static str,
    todo: &'static str,
    record: &'static str,
    total: &'static str,
}

const SV: Words = Words {
    heading: "kravkoll",
    as_of: "per",
    framework: "Regelverk",
    error: "Fel",
    warning: "Varningar",
    info: "Information",
    accepted: "Accepterade",
    accepted_by: "accepterad av",
    none: "Inga avvikelser.",
    findings: "anmärkningar",
    also: "Även",
    todo: "Åtgärd",
    record: "post",
    total: "Totalt",
};

const EN: Words = Words {
    heading: "kravkoll",
    as_of: "as of",
    framework: "Framework",
    error: "Errors",
    warning: "Warnings",
    info: "Info",
    accepted: "Accepted",
    accepted_by: "accepted by",
    none: "No findings.",
    findings: "findings",
    also: "Also",
    todo: "To do",
    record: "record",
    total: "Total",
};

#[derive(Default)]
struct Counts {
    error: usize,
    warning: usize,
    info: usize,
    accepted: usize,
}

impl Counts {
    fn add(&mut self, f: &Finding) {
        match (&f.accepted_by, f.severity) {
            (Some(_), _) => self.accepted += 1,
            (None, Severity::Error) => self.error += 1,
            (None, Severity::Warning) => self.warning += 1,
            (None, Severity::Info) => self.info += 1,
        }
    }
}

pub fn render(ctx: &Context) -> String {
    let w = if ctx.lang == Lang::Sv { &SV } else { &EN };
    let o = ctx.outcome;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## {}: {} ({} {})\n",
        w.heading,
        escape(&o.organisation),
        w.as_of,
        o.as_of
    );
    let s = &o.summary;
    let accepted = o
        .findings
        .iter()
        .filter(|f| f.accepted_by.is_some())
        .count();
    let lang = ctx.lang;
    let _ = writeln!(
        out,
        "**{}, {}, {}**, {} — {}\n",
        counted(s.error, Counted::Error, lang),
        counted(s.warning, Counted::Warning, lang),
        counted(s.info, Counted::Info, lang),
        counted(accepted, Counted::Accepted, lang),
        counted(s.controls_evaluated, Counted::Evaluated, lang),
    );
    if o.findings.is_empty() {
        let _ = writeln!(out, "{}", w.none);
        return out;
    }
    // Frameworks in report order (the findings are sorted by framework).
    let mut frameworks: Vec<&str> = Vec::new();
    for f in &o.findings {
        if !frameworks.contains(&f.framework.as_str()) {
            frameworks.push(&f.framework);
        }
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|",
        w.framework, w.error, w.warning, w.info, w.accepted
    );
    let mut total = Counts::default();
    for fw in &frameworks {
        let mut c = Counts::default();
        for f in o.findings.iter().filter(|f| f.framework == *fw) {
            c.add(f);
            total.add(f);
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            escape(&ctx.framework_name(fw)),
            c.error,
            c.warning,
            c.info,
            c.accepted
        );
    }
    let _ = writeln!(
        out,
        "| **{}** | **{}** | **{}** | **{}** | **{}** |\n",
        w.total, total.error, total.warning, total.info, total.accepted
    );
    for fw in &frameworks {
        let list: Vec<&Finding> = o.findings.iter().filter(|f| f.framework == *fw).collect();
        let open = list
            .iter()
            .any(|f| f.accepted_by.is_none() && f.severity == Severity::Error);
        let _ = writeln!(
            out,
            "<details{}>\n<summary><b>{}</b> ({} {})</summary>\n",
            if open { " open" } else { "" },
            escape(&ctx.framework_name(fw)),
            list.len(),
            w.findings
        );
        for f in list {
            let record = f
                .record
                .as_deref()
                .map(|r| format!(" ({} {})", w.record, code(r)))
                .unwrap_or_default();
            let loc = ctx.location(f);
            let _ = writeln!(
                out,
                "- **{}** {} {}{}{}",
                f.severity.word(ctx.lang),
                code(&f.control),
                escape(&f.title),
                if loc.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", code(&loc))
                },
                record
            );
            let _ = writeln!(out, "  {}", escape(&f.message));
            let _ = writeln!(
                out,
                "  *{}:* {}",
                f.citation_label(ctx.lang),
                escape(&f.citation)
            );
            if !f.also.is_empty() {
                let _ = writeln!(out, "  *{}:* {}", w.also, escape(&f.also_text()));
            }
            let _ = writeln!(out, "  *{}:* {}", w.todo, escape(&f.remediation));
            if let Some(by) = &f.accepted_by {
                let detail = ctx
                    .exception(by)
                    .map(|e| format!(" ({}): {}", e.expires, escape(&e.justification)))
                    .unwrap_or_default();
                let _ = writeln!(out, "  *{}* {}{detail}", w.accepted_by, code(by));
            }
        }
        let _ = writeln!(out, "\n</details>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_tables_and_html() {
        assert_eq!(escape("a|b <x> *c*\nd"), "a\\|b &lt;x&gt; \\*c\\* d");
        assert_eq!(escape("@everyone"), "&#64;everyone");
        // Every character escaped, beside characters of more than one byte.
        assert_eq!(
            escape("å|ö_x`y[z]\\w&\rü*é<"),
            "å\\|ö\\_x\\`y\\[z\\]\\\\w&amp; ü\\*é&lt;"
        );
    }
}

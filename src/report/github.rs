//! GitHub Actions workflow commands: one annotation per finding
//! (`::error file=…,line=…,title=…::message`, `::warning`, `::notice`), escaped as GitHub
//! requires, and a Markdown step summary appended to `$GITHUB_STEP_SUMMARY`. Accepted
//! findings are notices. Annotations work on private repositories without code scanning.

use std::io::Write as _;
use std::path::Path;

use super::Context;
use crate::evidence::Lang;
use crate::findings::Severity;

/// Escapes a command's message: `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(ctx: &Context) -> String {
    let mut out = String::new();
    let (todo, acc, also) = match ctx.lang {
        Lang::Sv => ("Åtgärd", "Accepterad av", "Även"),
        Lang::En => ("To do", "Accepted by", "Also"),
    };
    for f in &ctx.outcome.findings {
        let command = match (f.accepted_by.is_some(), f.severity) {
            (true, _) | (false, Severity::Info) => "notice",
            (false, Severity::Warning) => "warning",
            (false, Severity::Error) => "error",
        };
        let mut props = Vec::new();
        if let Some(path) = ctx.path(f) {
            props.push(format!("file={}", escape_property(&path)));
            if let Some(line) = f.line {
                props.push(format!("line={line}"));
            }
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("{} {}", f.control, f.title))
        ));
        let mut message = format!(
            "{}\n{}: {}",
            f.message,
            f.citation_label(ctx.lang),
            f.citation
        );
        if !f.also.is_empty() {
            message.push_str(&format!("\n{also}: {}", f.also_text()));
        }
        message.push_str(&format!("\n{todo}: {}", f.remediation));
        if let Some(by) = &f.accepted_by {
            message.push_str(&format!("\n{acc}: {by}"));
            if let Some(e) = ctx.exception(by) {
                message.push_str(&format!(" ({}): {}", e.expires, e.justification));
            }
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    let s = &ctx.outcome.summary;
    out.push_str(&format!(
        "kravkoll: {}: {} error, {} warning, {} info, {} controls evaluated as of {}\n",
        ctx.outcome.organisation,
        s.error,
        s.warning,
        s.info,
        s.controls_evaluated,
        ctx.outcome.as_of
    ));
    out
}

/// Appends the Markdown report to the step-summary file GitHub gives.
pub fn append_summary(path: &Path, ctx: &Context) -> Result<(), String> {
    let text = super::markdown::render(ctx);
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| {
            format!(
                "cannot append to GITHUB_STEP_SUMMARY ({}): {e}",
                path.display()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_github_rules() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("PDL-4.3/c1 a:b,c"), "PDL-4.3/c1 a%3Ab%2Cc");
        assert_eq!(escape_property("100%\n"), "100%25%0A");
    }
}

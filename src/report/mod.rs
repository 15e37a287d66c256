//! Report writers: one module per output format, each a function of the outcome alone.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod missing;
pub mod output;
pub mod sarif;

pub use output::{Context, OutputSpec};

use crate::evidence::Lang;

/// What a report's summary counts.
#[derive(Debug, Clone, Copy)]
pub enum Counted {
    Error,
    Warning,
    Info,
    Accepted,
    Evaluated,
}

/// A summary count with its noun in the report's language and number: `1 varning`,
/// `20 varningar`, `1 kontroll utvärderad`, `1 234 kontroller utvärderade`.
pub fn counted(n: usize, what: Counted, lang: Lang) -> String {
    let (one, many) = match (what, lang) {
        (Counted::Error, Lang::Sv) => ("fel", "fel"),
        (Counted::Warning, Lang::Sv) => ("varning", "varningar"),
        (Counted::Info, Lang::Sv) => ("information", "information"),
        (Counted::Accepted, Lang::Sv) => ("accepterad", "accepterade"),
        (Counted::Evaluated, Lang::Sv) => ("kontroll utvärderad", "kontroller utvärderade"),
        (Counted::Error, Lang::En) => ("error", "errors"),
        (Counted::Warning, Lang::En) => ("warning", "warnings"),
        (Counted::Info, Lang::En) => ("info", "info"),
        (Counted::Accepted, Lang::En) => ("accepted", "accepted"),
        (Counted::Evaluated, Lang::En) => ("control evaluated", "controls evaluated"),
    };
    crate::typography::count(i64::try_from(n).unwrap_or(i64::MAX), one, many, lang)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps)
    Sarif,
    /// JUnit XML: one testcase per evaluated control, for CI test views
    Junit,
    /// GitHub Actions workflow commands (annotations) and a step summary
    Github,
    /// Markdown, for pull-request comments
    Markdown,
    /// One self-contained HTML file with offline filters, for people and for print
    Html,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// A format that can carry no terminal styling: JSON escapes every control character
    /// and XML text replaces it ([`output::xml_escape`]), so there is nothing to strip and
    /// the report is written as it is rendered.
    pub fn is_plain(self) -> bool {
        matches!(self, Format::Json | Format::Sarif | Format::Junit)
    }

    pub const ALL: &'static [Format] = &[
        Format::Human,
        Format::Json,
        Format::Sarif,
        Format::Junit,
        Format::Github,
        Format::Markdown,
        Format::Html,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_agree_in_number() {
        assert_eq!(counted(1, Counted::Warning, Lang::Sv), "1 varning");
        assert_eq!(counted(20, Counted::Warning, Lang::Sv), "20 varningar");
        assert_eq!(
            counted(1, Counted::Evaluated, Lang::Sv),
            "1 kontroll utvärderad"
        );
        assert_eq!(counted(1, Counted::Error, Lang::En), "1 error");
        assert_eq!(
            counted(1234, Counted::Evaluated, Lang::Sv),
            "1\u{a0}234 kontroller utvärderade"
        );
    }
}

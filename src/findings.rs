//! Findings: what a run found, with everything a reader needs to act on it.

use serde::{Deserialize, Serialize};

use crate::evidence::Lang;

/// What a citation is called: "Lagrum"/"Provision" for a provision of law, "Grund"/"Basis"
/// for anything else (a recommendation, audit practice, kravkoll's own check).
pub fn citation_label(statutory: bool, lang: Lang) -> &'static str {
    match (statutory, lang) {
        (true, Lang::Sv) => "Lagrum",
        (true, Lang::En) => "Provision",
        (false, Lang::Sv) => "Grund",
        (false, Lang::En) => "Basis",
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The severity as a reader of `lang` calls it: fel/varning/information in Swedish.
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Sv) => "fel",
            (Severity::Warning, Lang::Sv) => "varning",
            (Severity::Info, Lang::Sv) => "information",
            (s, Lang::En) => s.as_str(),
        }
    }

    /// At or above `threshold` (error is the highest).
    pub fn at_least(self, threshold: Severity) -> bool {
        self <= threshold
    }
}

/// `--fail-on`: the lowest severity that makes `check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn fails(self, s: Severity) -> bool {
        match self {
            FailOn::Error => s.at_least(Severity::Error),
            FailOn::Warning => s.at_least(Severity::Warning),
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// A finding as printed by `--format json` (contract v1), plus `remediation` (additive).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub control: String,
    pub framework: String,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    pub citation: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub record: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub accepted_by: Option<String>,
    pub remediation: String,
    /// Whether `citation` is a provision of law (see [`citation_label`]); additive.
    #[serde(default = "yes")]
    pub statutory: bool,
    /// For a control judged by the date of the event (incident reporting): that date, by
    /// which the law in force was chosen; additive.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub event_date: Option<String>,
    /// The same gap under other provisions, reported once under this finding's control;
    /// additive.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub also: Vec<Also>,
}

fn yes() -> bool {
    true
}

/// Another provision under which a finding's gap would also have been reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Also {
    pub control: String,
    pub framework: String,
    pub title: String,
    pub citation: String,
    pub statutory: bool,
}

impl Finding {
    /// A finding of control `c` with the catalog's metadata filled in (title, citation,
    /// severity, remediation rendered with `settings`); the caller sets message and location.
    pub fn of(
        c: &crate::catalog::Control,
        lang: Lang,
        settings: &crate::intervals::Settings,
    ) -> Finding {
        Finding {
            control: c.id.clone(),
            framework: c.framework.clone(),
            severity: c.severity,
            title: c.title(lang).to_string(),
            message: String::new(),
            citation: c.citation.clone(),
            file: None,
            line: None,
            record: None,
            accepted_by: None,
            remediation: c.remediation_with(lang, settings),
            statutory: c.is_statutory(),
            event_date: None,
            also: Vec::new(),
        }
    }

    /// "Lagrum"/"Grund" (sv), "Provision"/"Basis" (en) for this finding's citation.
    pub fn citation_label(&self, lang: Lang) -> &'static str {
        citation_label(self.statutory, lang)
    }

    /// The "also" provisions in one line: `MSB2018-REC5/c2 (MSB …, rekommendation 5); …`.
    pub fn also_text(&self) -> String {
        self.also
            .iter()
            .map(|a| format!("{} ({})", a.control, a.citation))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub controls_evaluated: usize,
}

/// The result of evaluating a repository.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outcome {
    pub as_of: String,
    pub organisation: String,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// Ids of the controls that applied and were in force (for reports that show passes).
    #[serde(skip)]
    pub evaluated: Vec<String>,
}

impl Outcome {
    /// Whether any finding not covered by an exception is at or above `fail_on`.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        self.findings
            .iter()
            .any(|f| f.accepted_by.is_none() && fail_on.fails(f.severity))
    }

    pub fn summarise(findings: &[Finding], controls_evaluated: usize) -> Summary {
        let mut s = Summary {
            controls_evaluated,
            ..Summary::default()
        };
        for f in findings.iter().filter(|f| f.accepted_by.is_none()) {
            match f.severity {
                Severity::Error => s.error += 1,
                Severity::Warning => s.warning += 1,
                Severity::Info => s.info += 1,
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_on_thresholds() {
        assert!(FailOn::Error.fails(Severity::Error));
        assert!(!FailOn::Error.fails(Severity::Warning));
        assert!(FailOn::Warning.fails(Severity::Warning));
        assert!(!FailOn::Warning.fails(Severity::Info));
        assert!(FailOn::Info.fails(Severity::Info));
        assert!(!FailOn::Never.fails(Severity::Error));
    }
}

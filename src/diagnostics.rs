//! Problems with the user's input (evidence, configuration, command line), collected so that
//! all of them can be reported at once, each with file, line, column and a snippet.

use std::collections::BTreeMap;
use std::sync::Arc;

use miette::{LabeledSpan, MietteDiagnostic, NamedSource, Report};

use crate::evidence::yaml::Pos;

/// One problem, located in a file of the repository (or in no file).
#[derive(Debug, Clone)]
pub struct Problem {
    /// Stable code, e.g. `kravkoll::evidence::unknown-field`.
    pub code: &'static str,
    /// Repository-relative path, or empty for problems that belong to no file.
    pub file: String,
    pub pos: Option<Pos>,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
}

impl Problem {
    pub fn new(
        code: &'static str,
        file: impl Into<String>,
        pos: Option<Pos>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            code,
            file: file.into(),
            pos,
            message: message.into(),
            label: None,
            help: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// In-place form of [`Problem::label`], for problems already pushed into a list.
    pub fn set_label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn maybe_help(mut self, help: Option<String>) -> Self {
        self.help = help.or(self.help);
        self
    }

    /// `file:line:col: message`, for logs and JSON output.
    pub fn location(&self) -> String {
        match (&self.file, self.pos) {
            (f, _) if f.is_empty() => String::new(),
            (f, Some(p)) => format!("{f}:{}:{}", p.line, p.col),
            (f, None) => f.clone(),
        }
    }
}

/// Everything wrong with one run's input, with the text of the files concerned for snippets.
#[derive(Debug, Default)]
pub struct Problems {
    pub problems: Vec<Problem>,
    sources: BTreeMap<String, Arc<str>>,
}

impl Problems {
    pub fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn len(&self) -> usize {
        self.problems.len()
    }

    /// Keeps a file's text so its problems can show a snippet.
    pub fn add_source(&mut self, file: &str, text: Arc<str>) {
        self.sources.insert(file.to_string(), text);
    }

    pub fn extend(&mut self, other: Problems) {
        self.problems.extend(other.problems);
        self.sources.extend(other.sources);
    }

    /// Sorted by file and position, so the output is stable whatever order files were read in.
    pub fn sort(&mut self) {
        self.problems.sort_by(|a, b| {
            (&a.file, a.pos.map(|p| p.offset)).cmp(&(&b.file, b.pos.map(|p| p.offset)))
        });
    }

    /// One miette report per problem, with a snippet where the file's text is known.
    pub fn reports(&self) -> Vec<Report> {
        self.problems
            .iter()
            .map(|p| {
                let mut d = MietteDiagnostic::new(p.message.clone()).with_code(p.code);
                if let Some(h) = &p.help {
                    d = d.with_help(h.clone());
                }
                let source = self.sources.get(&p.file);
                match (p.pos, source) {
                    (Some(pos), Some(text)) => {
                        let offset = pos.offset.min(text.len());
                        let len = pos.len.min(text.len() - offset);
                        d = d.with_label(LabeledSpan::new(p.label.clone(), offset, len));
                        Report::new(d).with_source_code(NamedSource::new(&p.file, text.to_string()))
                    }
                    _ => {
                        let loc = p.location();
                        if !loc.is_empty() {
                            d.message = format!("{loc}: {}", d.message);
                        }
                        Report::new(d)
                    }
                }
            })
            .collect()
    }

    /// JSON form, for `--format json` consumers that must not parse miette's text.
    pub fn to_json(&self) -> serde_json::Value {
        let list: Vec<_> = self
            .problems
            .iter()
            .map(|p| {
                serde_json::json!({
                    "code": p.code,
                    "message": p.message,
                    "file": if p.file.is_empty() { None } else { Some(&p.file) },
                    "line": p.pos.map(|p| p.line),
                    "column": p.pos.map(|p| p.col),
                    "help": p.help,
                })
            })
            .collect();
        serde_json::json!({ "errors": list })
    }
}

/// "did you mean `x`?" for a misspelt name among `candidates`.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let lower = name.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("Sytem", ["System", "Supplier"]).as_deref(),
            Some("did you mean `System`?")
        );
        assert_eq!(
            did_you_mean("dpa_sigend", ["dpa_signed", "name"]).as_deref(),
            Some("did you mean `dpa_signed`?")
        );
        assert_eq!(did_you_mean("zzz", ["System", "Supplier"]), None);
    }
}

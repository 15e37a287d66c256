//! Problems with the user's input (evidence, configuration, command line), collected so that
//! all of them can be reported at once, each with file, line, column and a snippet.

use std::collections::BTreeMap;
use std::sync::Arc;

use miette::{LabeledSpan, MietteDiagnostic, NamedSource, Report};

use crate::evidence::yaml::Pos;

/// Problems of one file printed in full; the rest are counted. A file with thousands of
/// invalid records is almost always one mistake repeated, and the JSON output lists them all.
pub const MAX_SHOWN_PER_FILE: usize = 20;

/// Lines longer than this are not shown as a snippet: miette prints the whole line, and a
/// flow-style list of a megabyte on one line would flood the terminal once per problem.
const MAX_SNIPPET_LINE: usize = 400;

/// Whether the line at `offset` and its neighbours (miette shows one line of context each
/// side) are short enough to show; looks at no more than a few hundred bytes.
fn snippet_fits(text: &str, offset: usize) -> bool {
    let bytes = text.as_bytes();
    let offset = offset.min(bytes.len());
    // Back over the problem's line and the one before it.
    let mut at = offset;
    for _ in 0..2 {
        let from = at.saturating_sub(MAX_SNIPPET_LINE + 1);
        match bytes[from..at].iter().rposition(|&b| b == b'\n') {
            Some(i) => at = from + i,
            None if from == 0 => break,
            None => return false,
        }
    }
    // Forward over the problem's line and the one after it.
    let mut at = offset;
    for _ in 0..2 {
        let to = (at + MAX_SNIPPET_LINE + 1).min(bytes.len());
        match bytes[at..to].iter().position(|&b| b == b'\n') {
            Some(i) => at += i + 1,
            None if to == bytes.len() => break,
            None => return false,
        }
    }
    true
}

/// `text` with each hidden character (see [`crate::evidence::scan`]) replaced by a visible
/// one of the same UTF-8 length, so that every byte offset into it stays right. A carriage
/// return is left alone: it ends lines in files written on Windows.
fn visible(text: Arc<str>) -> Arc<str> {
    let hidden = |c: char| c != '\r' && crate::evidence::scan::is_hidden(c);
    let plain = text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || matches!(b, b'\t' | b'\n' | b'\r'));
    if plain || !text.chars().any(hidden) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden(c) {
            match c.len_utf8() {
                3 => out.push('\u{FFFD}'),
                n => out.extend(std::iter::repeat_n('?', n)),
            }
        } else {
            out.push(c);
        }
    }
    Arc::from(out)
}

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

    /// A file or folder that could not be read (`kravkoll::source::unreadable`), with the
    /// reader's reason.
    pub fn unreadable(file: impl Into<String>, message: impl Into<String>) -> Self {
        Problem::new("kravkoll::source::unreadable", file, None, message)
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

    /// Keeps a file's text so its problems can show a snippet. A snippet prints the raw
    /// line, so control and text-direction characters in it are made visible first: the
    /// problem that names such a character must not let it rewrite the terminal or reorder
    /// the very line that shows it.
    pub fn add_source(&mut self, file: &str, text: Arc<str>) {
        self.sources.insert(file.to_string(), visible(text));
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

    /// Reports to print, file by file: at most [`MAX_SHOWN_PER_FILE`] problems of one file,
    /// then one line saying how many more there are. Each report shares the file's text
    /// (never a copy per problem), and reports are made one at a time, so printing costs
    /// memory in proportion to the input, not to problems times file size.
    pub fn reports(&self) -> impl Iterator<Item = Report> + '_ {
        let mut shown_in_file = 0usize;
        self.problems.iter().enumerate().filter_map(move |(i, p)| {
            let first_of_file = i == 0 || self.problems[i - 1].file != p.file;
            if first_of_file {
                shown_in_file = 0;
            }
            shown_in_file += 1;
            if p.file.is_empty() || shown_in_file <= MAX_SHOWN_PER_FILE {
                return Some(self.report(p));
            }
            if shown_in_file == MAX_SHOWN_PER_FILE + 1 {
                let more = self.problems[i..]
                    .iter()
                    .take_while(|q| q.file == p.file)
                    .count();
                return Some(Report::new(
                    MietteDiagnostic::new(format!(
                        "{}: and {more} more problem{} in this file",
                        p.file,
                        if more == 1 { "" } else { "s" }
                    ))
                    .with_severity(miette::Severity::Advice),
                ));
            }
            None
        })
    }

    fn report(&self, p: &Problem) -> Report {
        let mut d = MietteDiagnostic::new(p.message.clone()).with_code(p.code);
        if let Some(h) = &p.help {
            d = d.with_help(h.clone());
        }
        let source = self.sources.get(&p.file);
        match (p.pos, source) {
            (Some(pos), Some(text)) if snippet_fits(text, pos.offset) => {
                let offset = pos.offset.min(text.len());
                let len = pos.len.min(text.len() - offset);
                d = d.with_label(LabeledSpan::new(p.label.clone(), offset, len));
                Report::new(d).with_source_code(NamedSource::new(&p.file, Arc::clone(text)))
            }
            _ => {
                let loc = p.location();
                if !loc.is_empty() {
                    d.message = format!("{loc}: {}", d.message);
                }
                Report::new(d)
            }
        }
    }

    /// Replaces every occurrence of each secret in the problems' texts and in the kept file
    /// texts with `X`s of the same length (so offsets stay right): a personal identity
    /// number found in the evidence is never printed, whatever other problem quotes it.
    pub fn redact(&mut self, secrets: &[String]) {
        if secrets.is_empty() {
            return;
        }
        let mask = |s: &mut String| {
            for secret in secrets {
                if s.contains(secret.as_str()) {
                    *s = s.replace(secret.as_str(), &"X".repeat(secret.len()));
                }
            }
        };
        for p in &mut self.problems {
            mask(&mut p.message);
            if let Some(h) = &mut p.help {
                mask(h);
            }
            if let Some(l) = &mut p.label {
                mask(l);
            }
        }
        for text in self.sources.values_mut() {
            if secrets.iter().any(|s| text.contains(s.as_str())) {
                let mut owned = text.to_string();
                mask(&mut owned);
                *text = Arc::from(owned);
            }
        }
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

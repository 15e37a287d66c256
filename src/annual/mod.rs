//! The annual information-security report (informationssäkerhetsberättelse, HSLF-FS 2016:40
//! 3 kap. 6 §): a [`Document`] built from the evidence of one calendar year (`model`), then
//! rendered as Markdown or as one self-contained HTML file.
//!
//! The report is repeatable: it depends only on the evidence and the year (the gap report is
//! evaluated as of 31 December), everything is sorted, and nothing reads the clock. Every
//! statement cites the ids of the records behind it.

pub mod changes;
pub mod html;
pub mod markdown;
mod model;

use crate::diagnostics::{Problem, Problems};
use crate::evidence::{Lang, CONFIG_FILE};
use crate::source::Source;
use crate::{CheckError, CheckOptions};

/// What to report on.
#[derive(Debug, Clone)]
pub struct AnnualOptions {
    /// The calendar year.
    pub year: i16,
    /// Only the records of this board (and those that belong to the whole organisation).
    pub board: Option<String>,
    /// `None`: the language of `kravkoll.yaml`.
    pub lang: Option<Lang>,
}

/// The report as structured text, ready for a renderer.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub lang: Lang,
    pub title: String,
    /// Lines under the title: organisation, board, compiler, recipient.
    pub meta: Vec<String>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Stable anchor (`risk-analyses`, `incidents`, …).
    pub id: &'static str,
    pub heading: String,
    /// One of the four sections HSLF-FS 2016:40 3 kap. 6 § requires.
    pub statutory: bool,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(String),
    /// A subheading inside a section.
    Sub(String),
    List(Vec<String>),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// The report and what its self-check found.
#[derive(Debug, Clone)]
pub struct Annual {
    pub document: Document,
    /// Missing mandatory content and incomplete records (stderr; `--strict` fails on them).
    pub warnings: Vec<String>,
}

/// Loads the evidence, evaluates the gap report as of 31 December of the year, and builds
/// the report.
pub fn generate(source: &dyn Source, options: &AnnualOptions) -> Result<Annual, CheckError> {
    let as_of = jiff::civil::Date::new(options.year, 12, 31).map_err(|e| {
        let mut p = Problems::default();
        p.push(Problem::new(
            "kravkoll::annual::year",
            "",
            None,
            format!("{} is not a year kravkoll can report on: {e}", options.year),
        ));
        CheckError::Input(p)
    })?;
    let checked = crate::check(
        source,
        &CheckOptions {
            as_of: Some(as_of),
            lang: options.lang,
        },
    )?;
    if let Some(board) = &options.board {
        let boards = &checked.evidence.config.organisation.boards;
        if !boards.iter().any(|b| &b.id == board) {
            let known: Vec<&str> = boards.iter().map(|b| b.id.as_str()).collect();
            let mut p = Problems::default();
            p.push(
                Problem::new(
                    "kravkoll::annual::unknown-board",
                    CONFIG_FILE,
                    None,
                    format!("--board {board}: no such board in organisation.boards"),
                )
                .help(if known.is_empty() {
                    "kravkoll.yaml lists no boards".to_string()
                } else {
                    format!("the boards are: {}", known.join(", "))
                }),
            );
            return Err(CheckError::Input(p));
        }
    }
    Ok(crate::profile::phase("annual", || {
        model::build(&checked, options.year, options.board.as_deref())
    }))
}

/// Formats an id list as a citation: ` (a, b)`, or nothing.
pub(crate) fn cite<S: AsRef<str>>(ids: &[S]) -> String {
    if ids.is_empty() {
        String::new()
    } else {
        let v: Vec<&str> = ids.iter().map(|s| s.as_ref()).collect();
        format!(" ({})", v.join(", "))
    }
}

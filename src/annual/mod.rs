//! The annual information-security report (informationssäkerhetsberättelse, HSLF-FS 2016:40
//! 3 kap. 6 §), written for the board that adopts it: the evidence as it stood on 31
//! December (`crate::year_end`), the coordinator's own words (`narrative`), one module per
//! section building a [`Document`], and a renderer per format.
//!
//! The report is repeatable: it depends only on the evidence, the narrative files and the
//! year (the gap report is evaluated as of 31 December), everything is sorted, and nothing
//! reads the clock. Every statement carries a note tracing it to its records.

pub mod changes;
mod classification;
mod context;
mod continuity;
mod data_protection;
pub mod document;
mod follow_ups;
mod front;
mod gaps;
mod governance;
pub mod html;
mod improvements;
mod incidents;
pub mod markdown;
mod maturity;
mod model;
pub mod narrative;
mod nis;
mod patient_safety;
mod risks;
mod suppliers;
mod svg;
mod training;
mod trends;

use std::path::PathBuf;

pub use context::Warning;
pub use document::{Block, Document, Part, Section, Text};

use crate::diagnostics::{Problem, Problems};
use crate::evidence::{Lang, CONFIG_FILE};
use crate::source::Source;
use crate::year_end::{self, Basis};
use crate::{CheckError, CheckOptions};

/// Where the evidence's git history starts, for reading the state at the end of the year.
#[derive(Debug, Clone)]
pub struct History {
    /// The evidence repository's folder.
    pub path: PathBuf,
    /// `HEAD`, or the `--rev` the evidence is read at.
    pub rev: String,
}

/// What to report on.
#[derive(Debug, Clone)]
pub struct AnnualOptions {
    /// The calendar year.
    pub year: i16,
    /// Only the records of this board (and those that belong to the whole organisation).
    pub board: Option<String>,
    /// `None`: the language of `kravkoll.yaml`.
    pub lang: Option<Lang>,
    /// `None`: no git history is read (the evidence is used as it is, dated fields up to
    /// 31 December).
    pub history: Option<History>,
}

/// The report and what its self-check found.
#[derive(Debug, Clone)]
pub struct Annual {
    pub document: Document,
    /// Self-check remarks (also in the report's appendix); `--strict` fails on them.
    pub warnings: Vec<Warning>,
    /// About the run rather than the evidence (git history unreadable or shallow): standard
    /// error only.
    pub notices: Vec<String>,
}

fn unknown_board(board: &str, known: &[&str]) -> CheckError {
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
    CheckError::Input(p)
}

/// Loads the evidence as it stood on 31 December of the year, evaluates the gap report as
/// of that day, reads the coordinator's narrative, and builds the report.
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
    // The policies are compiled beside the loading, as `check` does; a problem in them is
    // reported where it was before, after those of the evidence and the narrative.
    let (evidence, compiled) = rayon::join(
        || crate::profile::phase("load", || crate::evidence::load(source)),
        || crate::compile_policies(source),
    );
    crate::sandbox::budget::collect();
    let evidence = evidence.map_err(CheckError::Input)?;
    if let Some(board) = &options.board {
        let boards = &evidence.config.organisation.boards;
        if !boards.iter().any(|b| &b.id == board) {
            let known: Vec<&str> = boards.iter().map(|b| b.id.as_str()).collect();
            return Err(unknown_board(board, &known));
        }
    }
    let narrative = narrative::load(
        source,
        options.year,
        options.board.as_deref(),
        &evidence.config,
    )
    .map_err(CheckError::Input)?;
    let history = options
        .history
        .as_ref()
        .map(|h| (h.path.as_path(), h.rev.as_str()));
    let ye = crate::profile::phase("year-end", || {
        year_end::assemble(evidence, options.year, history)
    });
    let mut notices = Vec::new();
    notices.extend(ye.warning);
    match ye.basis {
        Basis::NoHistory { shallow: true } => notices.push(format!(
            "the git history is shallow: the state of the evidence on 31 December {} could not be read, so fields changed since are reported as unknown; fetch the whole history (git fetch --unshallow)",
            options.year
        )),
        Basis::Commit { unreadable, .. } if unreadable > 0 => notices.push(format!(
            "{unreadable} problems in the evidence as committed at the end of {}: those records are read as they are now",
            options.year
        )),
        _ => {}
    }
    let checked = crate::evaluate_compiled(
        ye.evidence,
        compiled.map_err(CheckError::Policy)?,
        &CheckOptions {
            as_of: Some(as_of),
            lang: options.lang,
        },
    )?;
    let mut annual = crate::profile::phase("annual", || {
        model::build(&checked, options.year, options.board.as_deref(), &narrative)
    });
    annual.notices = notices;
    Ok(annual)
}

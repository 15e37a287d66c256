//! `kravkoll report annual`: the annual information-security report (see docs/annual-report.md).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::annual::{self, AnnualOptions, History};
use crate::evidence::Lang;
use crate::CheckError;

use super::git::{git_failure, RevArgs};
use super::{print_problems, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};

#[derive(Debug, clap::Subcommand)]
pub enum ReportCommand {
    /// The annual information-security report (informationssäkerhetsberättelse,
    /// HSLF-FS 2016:40 3 kap. 6 §) for one calendar year
    Annual(AnnualArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AnnualFormat {
    Markdown,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct AnnualArgs {
    /// The calendar year to report on
    #[arg(long, value_parser = clap::value_parser!(i16).range(1990..=2200))]
    pub year: i16,
    /// The evidence repository (the folder holding kravkoll.yaml)
    #[arg(default_value = ".")]
    pub repo: PathBuf,
    /// Only the records of this board (records without `board` are included: they belong
    /// to the whole organisation)
    #[arg(long, value_name = "ID")]
    pub board: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = AnnualFormat::Markdown)]
    pub format: AnnualFormat,
    /// Write the report to this file instead of standard output
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Language of the report [default: from kravkoll.yaml, else sv]
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Exit with code 1 when the self-check warns (missing mandatory content, incidents
    /// without a patient-harm assessment)
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub rev: RevArgs,
    /// Add a section on what changed in the evidence during the year (records added,
    /// changed, removed), read from the git history
    #[arg(long)]
    pub git_changes: bool,
}

pub fn run(cmd: ReportCommand) -> ExitCode {
    match cmd {
        ReportCommand::Annual(args) => run_annual(args),
    }
}

/// Writes the report; an earlier `-o` file is removed first, so that a run that fails (bad
/// evidence, a git error) leaves no report that could pass for this one, and says so.
fn run_annual(args: AnnualArgs) -> ExitCode {
    let removed = args
        .output
        .as_deref()
        .filter(|p| crate::report::output::remove_earlier(p));
    let code = annual_with(&args);
    if code != ExitCode::from(EXIT_OK) && code != ExitCode::from(EXIT_FINDINGS) {
        if let Some(path) = removed {
            crate::report::output::say_removed(path);
        }
    }
    code
}

fn annual_with(args: &AnnualArgs) -> ExitCode {
    let source = match args.rev.open(&args.repo, false) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let options = AnnualOptions {
        year: args.year,
        board: args.board.clone(),
        lang: args.lang,
        history: Some(History {
            path: args.repo.clone(),
            rev: args.rev.rev.clone().unwrap_or_else(|| "HEAD".into()),
        }),
    };
    let mut report = match annual::generate(source.as_ref(), &options) {
        Ok(r) => r,
        Err(CheckError::Input(p)) | Err(CheckError::Policy(p)) => {
            print_problems(&p);
            return ExitCode::from(EXIT_INPUT);
        }
        Err(CheckError::Eval(e)) => {
            let _ = writeln!(anstream::stderr(), "kravkoll: {e}");
            return ExitCode::from(EXIT_INPUT);
        }
    };
    if args.git_changes {
        let rev = args.rev.rev.as_deref().unwrap_or("HEAD");
        match crate::changes::year_changes(&args.repo, rev, args.year) {
            Ok(mut ch) => {
                if let Some(board) = &args.board {
                    ch = ch.for_board(board);
                }
                if ch.shallow {
                    report.notices.push(format!(
                        "the git history of {} is incomplete (shallow clone); fetch the whole history for the changes section",
                        args.repo.display()
                    ));
                }
                annual::changes::add(&mut report.document, &ch);
            }
            Err(e) => return git_failure(&e, false),
        }
    }
    let written = crate::profile::phase("output", || write_report(args, &report.document));
    if let Err(code) = written {
        return code;
    }
    let mut err = anstream::stderr();
    for w in &report.warnings {
        let _ = writeln!(err, "warning: {}", w.text);
        if let Some(h) = &w.hint {
            let _ = writeln!(err, "  help: {h}");
        }
    }
    for n in &report.notices {
        let _ = writeln!(err, "warning: {n}");
    }
    let remarks = report.warnings.len() + report.notices.len();
    if remarks == 0 || !args.strict {
        ExitCode::from(EXIT_OK)
    } else {
        let _ = writeln!(
            err,
            "kravkoll: the annual report for {} is incomplete ({} warnings; --strict)",
            args.year, remarks
        );
        ExitCode::from(EXIT_FINDINGS)
    }
}

/// Renders the report and writes it to `-o PATH` or standard output.
fn write_report(args: &AnnualArgs, document: &annual::Document) -> Result<(), ExitCode> {
    let text = match args.format {
        AnnualFormat::Markdown => annual::markdown::render(document),
        AnnualFormat::Html => annual::html::render(document),
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = crate::report::output::write_file(path, text.as_bytes()) {
                let _ = writeln!(
                    anstream::stderr(),
                    "kravkoll: cannot write {}: {e}",
                    path.display()
                );
                return Err(ExitCode::from(EXIT_INPUT));
            }
            Ok(())
        }
        None => super::stdout(&text),
    }
}

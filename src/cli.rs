//! The command line: clap definitions and dispatch. Thin by design: every command calls the
//! library and maps its result to output and an exit code.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostics::Problems;
use crate::evidence::Lang;
use crate::findings::FailOn;
use crate::report::{self, Format};
use crate::source::DirSource;
use crate::{CheckError, CheckOptions};

mod annual;
mod catalog;
mod due;
mod git;
mod scaffold;
pub use git::{DiffArgs, HistoryArgs, RevArgs};

/// Exit codes of `check` (contract v1).
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_INPUT: u8 = 2;

#[derive(Debug, Parser)]
#[command(name = "kravkoll", version, about = "Check a compliance-evidence repository against Swedish healthcare information-security law", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate every applicable control against the evidence and report the findings
    Check(CheckArgs),
    /// Print the JSON Schema of evidence records (or of kravkoll.yaml) for editors
    Schema {
        /// The schema of kravkoll.yaml instead of evidence records
        #[arg(long, conflicts_with = "annual")]
        config: bool,
        /// The schema of the annual report's title block (annual/<year>/report.yaml)
        #[arg(long)]
        annual: bool,
    },
    /// Run the Rego tests of the built-in policies and of REPO's own policies/
    Test {
        /// Evidence repository whose policies/ folder to test as well
        repo: Option<PathBuf>,
    },
    /// List the controls: id, citation, titles, severity, applicability, effective period
    Controls(catalog::ControlsArgs),
    /// Explain one control: the provision, the evidence that satisfies it, how to fix a
    /// finding, and an example record
    Explain(catalog::ExplainArgs),
    /// Findings that are new, resolved or changed between two git revisions
    Diff(DiffArgs),
    /// The commits that changed one evidence record, newest first
    History(HistoryArgs),
    /// What falls due: renewals, dated obligations and statutory dates, each with the
    /// control and provision behind it
    Due(due::DueArgs),
    /// Create a new evidence repository: kravkoll.yaml, folders, a Swedish guide, editor
    /// support, CI workflow and pre-commit config (asks on a terminal; never overwrites)
    Init(scaffold::InitArgs),
    /// Write a new record of a kind with every required field, in its conventional folder
    New(scaffold::NewArgs),
    /// Import a system inventory, supplier list or training statistics from CSV or Excel
    /// through a column-mapping file; importing again updates the same records
    Import(scaffold::ImportArgs),
    /// Reports built from the evidence: `report annual` (informationssäkerhetsberättelse)
    #[command(subcommand)]
    Report(annual::ReportCommand),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The evidence repository (the folder holding kravkoll.yaml)
    #[arg(default_value = ".")]
    pub repo: PathBuf,
    /// Evaluate the law and the evidence as of this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<jiff::civil::Date>,
    /// Output format on standard output [default: human]; shorthand for `-o FORMAT`
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// A report to write, as FORMAT or FORMAT:PATH (human, json, sarif, junit, github,
    /// markdown, html); repeatable; without PATH to standard output (see docs/ci.md)
    #[arg(short = 'o', long = "output", value_name = "FORMAT[:PATH]")]
    pub output: Vec<report::OutputSpec>,
    /// Lowest severity that makes the command exit with code 1
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Language of titles and messages [default: from kravkoll.yaml, else sv]
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    #[command(flatten)]
    pub rev: RevArgs,
    /// Fail only on findings that were not present at this git revision (a ratchet for pull
    /// requests); the report says how many older ones remain
    #[arg(long, value_name = "REV")]
    pub baseline: Option<String>,
}

pub(crate) fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    use crate::evidence::validate::{date_in_range, EARLIEST_DATE, LATEST_DATE};
    let normalised = crate::evidence::validate::parse_date(s)
        .ok_or_else(|| format!("`{s}` is not a date; write YYYY-MM-DD, e.g. 2025-12-31"))?;
    if !date_in_range(&normalised) {
        return Err(format!(
            "`{s}` is outside the dates kravkoll evaluates ({EARLIEST_DATE} to {LATEST_DATE})"
        ));
    }
    normalised
        .parse()
        .map_err(|_| format!("`{s}` is not a date; write YYYY-MM-DD, e.g. 2025-12-31"))
}

/// Writes to standard output; a failure is reported and gives exit code 2.
pub(crate) fn stdout(text: &str) -> Result<(), ExitCode> {
    report::output::write_stdout(text).map_err(|msg| {
        let _ = writeln!(anstream::stderr(), "kravkoll: {msg}");
        ExitCode::from(EXIT_INPUT)
    })
}

/// Like [`stdout`], for the end of a command: the exit code `ok` unless writing failed.
pub(crate) fn finish(text: &str, ok: ExitCode) -> ExitCode {
    match stdout(text) {
        Ok(()) => ok,
        Err(code) => code,
    }
}

/// Like [`finish`], for JSON written to standard output as it was made (it carries no
/// terminal styling): `ok`, or [`EXIT_INPUT`] when it could not be written (a full disk, a
/// closed pipe).
pub(crate) fn finish_written(written: std::io::Result<()>, ok: ExitCode) -> ExitCode {
    match written {
        Ok(()) => ok,
        Err(e) => {
            let _ = writeln!(
                anstream::stderr(),
                "kravkoll: cannot write to standard output: {e}"
            );
            ExitCode::from(EXIT_INPUT)
        }
    }
}

/// The errors as JSON on standard output, for `--format json` consumers (best effort: the
/// command already fails with exit code 2).
pub(crate) fn print_problems_json(problems: &Problems) {
    let text = serde_json::to_string_pretty(&problems.to_json()).unwrap_or_default();
    let _ = report::output::write_stdout(&format!("{text}\n"));
}

pub(crate) fn print_problems(problems: &Problems) {
    print_problems_then(problems, "nothing was evaluated");
}

/// The problems, then a count and what that means for the command (`tail`).
pub(crate) fn print_problems_then(problems: &Problems, tail: &str) {
    let mut err = anstream::stderr();
    for report in problems.reports() {
        let _ = writeln!(err, "{report:?}");
    }
    let n = problems.len();
    let _ = writeln!(
        err,
        "kravkoll: {n} problem{} found; {tail}",
        if n == 1 { "" } else { "s" }
    );
}

/// Diagnostics as wide as the terminal, and unwrapped when piped, so that a path or a
/// message is never broken across lines for grep or a CI log.
fn install_miette_hook() {
    let _ = miette::set_hook(Box::new(|_| {
        let width = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            terminal_width().unwrap_or(100)
        } else {
            400
        };
        Box::new(miette::MietteHandlerOpts::new().width(width).build())
    }));
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS").ok()?.parse().ok()
}

pub fn run(cli: Cli) -> ExitCode {
    install_miette_hook();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Schema { config, annual } => {
            let v = if config {
                crate::json_schema::config()
            } else if annual {
                crate::json_schema::annual_title()
            } else {
                crate::json_schema::evidence()
            };
            let text = serde_json::to_string_pretty(&v).unwrap_or_default();
            finish(&format!("{text}\n"), ExitCode::SUCCESS)
        }
        Command::Test { repo } => test(repo),
        Command::Controls(args) => catalog::controls(args),
        Command::Explain(args) => catalog::explain(args),
        Command::Diff(args) => git::diff(args),
        Command::History(args) => git::history(args),
        Command::Report(cmd) => annual::run(cmd),
        Command::Due(args) => due::due(args),
        Command::Init(args) => scaffold::init(args),
        Command::New(args) => scaffold::new(args),
        Command::Import(args) => scaffold::import(args),
    }
}

pub(crate) fn open(path: &std::path::Path) -> Result<DirSource, ExitCode> {
    DirSource::open(path).map_err(|msg| {
        let _ = writeln!(anstream::stderr(), "kravkoll: {msg}");
        ExitCode::from(EXIT_INPUT)
    })
}

fn check(args: CheckArgs) -> ExitCode {
    let specs = match report::output::resolve(args.format, &args.output) {
        Ok(s) => s,
        Err(msg) => {
            let _ = writeln!(anstream::stderr(), "kravkoll: {msg}");
            return ExitCode::from(EXIT_INPUT);
        }
    };
    let json_on_stdout = specs
        .iter()
        .any(|s| s.format == Format::Json && s.path.is_none());
    crate::sandbox::report_breaches_as_json(json_on_stdout);
    // Whatever happens next, no report of an earlier run is left to pass for this one.
    let removed = report::output::remove_stale(&specs);
    let code = check_with(&args, &specs, json_on_stdout);
    if code != ExitCode::from(EXIT_OK) && code != ExitCode::from(EXIT_FINDINGS) {
        for path in &removed {
            report::output::say_removed(path);
        }
    }
    code
}

fn check_with(args: &CheckArgs, specs: &[report::OutputSpec], json_on_stdout: bool) -> ExitCode {
    let source = match args.rev.open(&args.repo, json_on_stdout) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let options = CheckOptions {
        as_of: args.as_of,
        lang: args.lang,
    };
    // The baseline's check reuses this one's compiled policies when they are the same.
    let mut shared = crate::Shared::default();
    match crate::check_shared(source.as_ref(), &options, &mut shared) {
        Ok(checked) => {
            let baseline = match &args.baseline {
                Some(rev) => {
                    match crate::diff::baseline(&args.repo, rev, &checked, &options, &mut shared) {
                        Ok(b) => Some(b),
                        Err(e) => return git::diff_failure(&e, json_on_stdout),
                    }
                }
                None => None,
            };
            let ctx = report::Context {
                outcome: &checked.outcome,
                catalog: &checked.catalog,
                lang: checked.lang,
                exceptions: &checked.exceptions,
                evidence: Some(&checked.evidence),
                fail_on: args.fail_on,
                prefix: report::output::location_prefix(&args.repo),
                baseline: baseline.as_ref(),
            };
            if let Err(msg) = crate::profile::phase("output", || report::output::emit(specs, &ctx))
            {
                let _ = writeln!(anstream::stderr(), "kravkoll: {msg}");
                return ExitCode::from(EXIT_INPUT);
            }
            let fails = match &baseline {
                Some(b) => b.diff.fails(args.fail_on),
                None => checked.outcome.fails(args.fail_on),
            };
            // The process ends next and the operating system takes its memory back whole:
            // freeing the evidence, the findings and the catalog piece by piece first would
            // only cost time (0.35–0.5 s at 100 000 records).
            crate::profile::phase("free", move || std::mem::forget((baseline, checked)));
            if fails {
                ExitCode::from(EXIT_FINDINGS)
            } else {
                ExitCode::from(EXIT_OK)
            }
        }
        Err(CheckError::Input(p)) | Err(CheckError::Policy(p)) => {
            print_problems(&p);
            if json_on_stdout {
                print_problems_json(&p);
            }
            ExitCode::from(EXIT_INPUT)
        }
        Err(CheckError::Eval(e)) => {
            let _ = writeln!(anstream::stderr(), "kravkoll: {e}");
            ExitCode::from(EXIT_INPUT)
        }
    }
}

fn test(repo: Option<PathBuf>) -> ExitCode {
    let (files, limits) = match &repo {
        Some(path) => {
            let source = match open(path) {
                Ok(s) => s,
                Err(code) => return code,
            };
            match crate::policy_files(&source) {
                Ok(f) => (f, crate::evidence::policy_limits(&source)),
                Err(p) => {
                    print_problems(&p);
                    return ExitCode::from(EXIT_INPUT);
                }
            }
        }
        None => (crate::catalog::builtin_files(), Default::default()),
    };
    let result = crate::admitted_catalog(&files)
        .and_then(|cat| crate::engine::tests::run_within(&files, &cat, &limits));
    let report = match result {
        Ok(r) => r,
        Err(p) => {
            print_problems(&p);
            return ExitCode::from(EXIT_INPUT);
        }
    };
    let mut out = String::new();
    for r in report.results.iter().filter(|r| r.failure.is_some()) {
        out.push_str(&format!(
            "FAIL {} {}: {}\n",
            r.file,
            r.name,
            r.failure.as_deref().unwrap_or_default()
        ));
    }
    for (file, id) in &report.untested {
        out.push_str(&format!(
            "UNTESTED {file}: control {id} is not mentioned by any test of its pack\n"
        ));
    }
    out.push_str(&format!(
        "policy tests: {} passed, {} failed\n",
        report.passed(),
        report.failed()
    ));
    let code = if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FINDINGS)
    };
    finish(&out, code)
}

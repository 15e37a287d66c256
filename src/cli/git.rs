//! The git-native commands and options: `--rev`, `--baseline`, `diff` and `history`. Wiring
//! only; the work is in `crate::source::git`, `crate::diff` and `crate::history`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{parse_date, print_problems, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::diff::{DiffError, DiffFormat};
use crate::evidence::Lang;
use crate::findings::FailOn;
use crate::source::git::GitError;
use crate::source::Source;
use crate::{CheckError, CheckOptions};

/// Which revision of the evidence to read; shared by the commands that read evidence.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct RevArgs {
    /// Read the evidence as committed at this git revision (commit, branch, tag, HEAD~1),
    /// straight from the repository without a checkout [default: the working tree]
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
}

impl RevArgs {
    /// The evidence at the revision, or the working tree; exit code 2 with a clear message
    /// (and, with `json`, the problem as JSON on standard output) when it cannot be opened.
    pub fn open(&self, repo: &Path, json: bool) -> Result<Box<dyn Source>, ExitCode> {
        crate::source::git::open(repo, self.rev.as_deref())
            .map(|(s, _)| s)
            .map_err(|e| git_failure(&e, json))
    }
}

/// Prints a git problem the way input problems are printed (with `json`, also as
/// `{"errors": [...]}` on standard output, like `check --format json`); exit code 2.
pub fn git_failure(e: &GitError, json: bool) -> ExitCode {
    problems_failure(&e.to_problems(), json)
}

fn problems_failure(p: &crate::diagnostics::Problems, json: bool) -> ExitCode {
    print_problems(p);
    if json {
        super::print_problems_json(p);
    }
    ExitCode::from(EXIT_INPUT)
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Without --from and --to: HEAD compared with the working tree.\nREPO is the only positional argument; revisions are always given with --from/--to."
)]
pub struct DiffArgs {
    /// The older revision
    #[arg(long, value_name = "REV", default_value = "HEAD")]
    pub from: String,
    /// The newer revision [default: the working tree]
    #[arg(long, value_name = "REV")]
    pub to: Option<String>,
    /// The evidence repository (the folder holding kravkoll.yaml), in a git repository
    #[arg(default_value = ".")]
    pub repo: PathBuf,
    /// Evaluate both revisions as of this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<jiff::civil::Date>,
    /// Output format; markdown suits a pull-request comment
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Lowest severity of a new finding that makes the command exit with code 1
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Language of titles and messages [default: from kravkoll.yaml, else sv]
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// The id of the evidence record
    pub id: String,
    /// The evidence repository (the folder holding kravkoll.yaml), in a git repository
    #[arg(default_value = ".")]
    pub repo: PathBuf,
    /// Walk the history back from this revision
    #[arg(long, value_name = "REV", default_value = "HEAD")]
    pub rev: String,
    /// Show at most this many commits
    #[arg(short = 'n', long, value_name = "N")]
    pub max_count: Option<usize>,
    /// Output format
    #[arg(long, value_enum, default_value_t = HistoryFormat::Human)]
    pub format: HistoryFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HistoryFormat {
    Human,
    Json,
}

/// Prints why a comparison failed; exit code 2.
pub fn diff_failure(e: &DiffError, json: bool) -> ExitCode {
    match e {
        DiffError::Git(g) => git_failure(g, json),
        DiffError::Check {
            side,
            error: CheckError::Input(p) | CheckError::Policy(p),
        } => {
            let _ = writeln!(
                anstream::stderr(),
                "kravkoll: the evidence at {side} could not be read:"
            );
            problems_failure(p, json)
        }
        DiffError::Check {
            side,
            error: CheckError::Eval(err),
        } => {
            let _ = writeln!(anstream::stderr(), "kravkoll: at {side}: {err}");
            ExitCode::from(EXIT_INPUT)
        }
    }
}

pub fn diff(args: DiffArgs) -> ExitCode {
    let options = CheckOptions {
        as_of: args.as_of,
        lang: args.lang,
    };
    match crate::diff::diff(&args.repo, Some(&args.from), args.to.as_deref(), &options) {
        Ok(d) => {
            let code = if d.findings.fails(args.fail_on) {
                ExitCode::from(EXIT_FINDINGS)
            } else {
                ExitCode::from(EXIT_OK)
            };
            let code = crate::profile::phase("output", || match args.format {
                DiffFormat::Json => {
                    let written = d.write_json(&mut std::io::stdout().lock());
                    super::finish_written(written, code)
                }
                _ => super::finish(&d.render(args.format), code),
            });
            // The process ends next: its memory goes back to the operating system whole (as
            // after `check`), without freeing two revisions' findings and evidence first.
            crate::profile::phase("free", move || std::mem::forget(d));
            code
        }
        Err(e) => diff_failure(&e, args.format == DiffFormat::Json),
    }
}

pub fn history(args: HistoryArgs) -> ExitCode {
    match crate::history::history(&args.repo, &args.id, &args.rev, args.max_count) {
        Ok(h) => {
            let text = match args.format {
                HistoryFormat::Human => h.render_human(),
                HistoryFormat::Json => h.render_json(),
            };
            super::finish(&text, ExitCode::from(EXIT_OK))
        }
        Err(e) => git_failure(&e, args.format == HistoryFormat::Json),
    }
}

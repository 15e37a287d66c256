//! `kravkoll controls` and `kravkoll explain`: wiring only; the work is in
//! `crate::catalog::listing` and `crate::explain`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{print_problems, EXIT_INPUT};
use crate::catalog::listing::{self, ListFormat};
use crate::catalog::Catalog;
use crate::evidence::Lang;

#[derive(Debug, clap::Args)]
pub struct ControlsArgs {
    /// Evidence repository whose own policies/ controls to include
    pub repo: Option<PathBuf>,
    /// Only the controls of this framework (e.g. hslf-fs-2016-40, gdpr, audit)
    #[arg(long)]
    pub framework: Option<String>,
    /// Output format (`markdown` generates docs/controls.md)
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Language of the titles in the table
    #[arg(long, value_enum, default_value_t = Lang::Sv)]
    pub lang: Lang,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The control id, e.g. HSLF-3.6/c1
    pub id: String,
    /// Evidence repository whose own policies/ controls to include
    #[arg(long)]
    pub repo: Option<PathBuf>,
    /// Language of the explanation
    #[arg(long, value_enum, default_value_t = Lang::Sv)]
    pub lang: Lang,
}

/// The built-in catalog, plus REPO's own controls.
fn catalog(repo: Option<&PathBuf>) -> Result<Catalog, ExitCode> {
    let files = match repo {
        Some(path) => {
            let source = super::open(path)?;
            crate::policy_files(&source).map_err(|p| {
                print_problems(&p);
                ExitCode::from(EXIT_INPUT)
            })?
        }
        None => crate::catalog::builtin_files(),
    };
    crate::admitted_catalog(&files).map_err(|p| {
        print_problems(&p);
        ExitCode::from(EXIT_INPUT)
    })
}

/// The intervals of REPO's kravkoll.yaml, for texts that show them (defaults when it has no
/// kravkoll.yaml).
fn repo_settings(path: &std::path::Path) -> Result<crate::intervals::Settings, ExitCode> {
    let source = super::open(path)?;
    match crate::evidence::config_only(&source) {
        Ok(Some(cfg)) => Ok(cfg.interval_settings()),
        Ok(None) => Ok(crate::intervals::Settings::defaults()),
        Err(problems) => {
            print_problems(&problems);
            Err(ExitCode::from(EXIT_INPUT))
        }
    }
}

pub fn controls(args: ControlsArgs) -> ExitCode {
    let cat = match catalog(args.repo.as_ref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let selected = match listing::select(&cat, args.framework.as_deref()) {
        Ok(s) => s,
        Err(msg) => {
            let _ = writeln!(anstream::stderr(), "kravkoll: {msg}");
            return ExitCode::from(EXIT_INPUT);
        }
    };
    let text = match args.format {
        ListFormat::Json => listing::json(&selected),
        ListFormat::Table => listing::table(&selected, args.lang),
        ListFormat::Markdown => listing::markdown(&cat, &selected),
    };
    super::finish(&text, ExitCode::SUCCESS)
}

pub fn explain(args: ExplainArgs) -> ExitCode {
    let cat = match catalog(args.repo.as_ref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let settings = match args.repo.as_ref() {
        Some(path) => match repo_settings(path) {
            Ok(s) => s,
            Err(code) => return code,
        },
        None => crate::intervals::Settings::defaults(),
    };
    match crate::explain::explain(&cat, &args.id, args.lang, &settings) {
        Ok(text) => super::finish(&text, ExitCode::SUCCESS),
        Err(e) => {
            let _ = writeln!(anstream::stderr(), "kravkoll: {e}");
            ExitCode::from(EXIT_INPUT)
        }
    }
}

//! `kravkoll init` and `kravkoll new`: writing a repository and its records (see
//! `crate::scaffold`).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::evidence::Lang;
use crate::scaffold::init::{self, InitOptions, ACTION_PLACEHOLDER};
use crate::scaffold::record::{self, NewOptions};
use crate::scaffold::{prompt, Repo};

use super::{print_problems_then, EXIT_INPUT};

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder of the new evidence repository (created if missing)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The organisation's name
    #[arg(long)]
    pub name: Option<String>,
    /// region, municipality, private, state_agency or municipal_association
    #[arg(long = "type", value_name = "TYPE", value_parser = parse_type)]
    pub org_type: Option<String>,
    /// The organisation is a care provider (vårdgivare)
    #[arg(long)]
    pub healthcare_provider: bool,
    /// The organisation provides social care (omsorgsgivare)
    #[arg(long)]
    pub social_care_provider: bool,
    /// Organisationsnummer
    #[arg(long)]
    pub org_number: Option<String>,
    /// Number of employees
    #[arg(long)]
    pub employees: Option<i64>,
    /// Licensed healthcare staff in full-time equivalents
    #[arg(long)]
    pub licensed_staff_fte: Option<f64>,
    /// Prescriptions dispensed per year (dispensing, not prescribing)
    #[arg(long, alias = "prescriptions-per-year")]
    pub dispensings_per_year: Option<i64>,
    /// Annual turnover in EUR
    #[arg(long)]
    pub annual_turnover_eur: Option<f64>,
    /// Balance-sheet total in EUR
    #[arg(long)]
    pub balance_sheet_total_eur: Option<f64>,
    /// A board (nämnd/styrelse) as ID=NAME; repeatable
    #[arg(long = "board", value_name = "ID=NAME")]
    pub boards: Vec<String>,
    /// Language of reports
    #[arg(long, value_enum, default_value_t = Lang::Sv)]
    pub lang: Lang,
    /// Run `git init` in the folder (unless it already is a git repository)
    #[arg(long)]
    pub git: bool,
    /// The kravkoll GitHub Action as OWNER/NAME@REF, for the workflow and pre-commit config
    #[arg(long, value_name = "OWNER/NAME@REF")]
    pub action: Option<String>,
}

fn parse_type(s: &str) -> Result<String, String> {
    prompt::org_type(s).map(str::to_string).ok_or_else(|| {
        format!("`{s}`: write region, municipality, private, state_agency or municipal_association")
    })
}

fn err(msg: &str) -> ExitCode {
    let _ = writeln!(anstream::stderr(), "kravkoll: {msg}");
    ExitCode::from(EXIT_INPUT)
}

pub fn init(args: InitArgs) -> ExitCode {
    let mut boards = Vec::new();
    for b in &args.boards {
        match prompt::boards(b) {
            Some(list) if list.len() == 1 => boards.extend(list),
            _ => {
                return err(&format!(
                    "--board `{b}`: write ID=NAME, e.g. --board hsn=Hälso- och sjukvårdsnämnden"
                ))
            }
        }
    }
    let mut o = InitOptions {
        name: args.name.clone().unwrap_or_default(),
        org_type: args.org_type.clone().unwrap_or_default(),
        healthcare_provider: args.healthcare_provider,
        social_care_provider: args.social_care_provider,
        org_number: args.org_number,
        employees: args.employees,
        licensed_staff_fte: args.licensed_staff_fte,
        dispensings_per_year: args.dispensings_per_year,
        annual_turnover_eur: args.annual_turnover_eur,
        balance_sheet_total_eur: args.balance_sheet_total_eur,
        boards,
        language: args.lang,
        git: args.git,
        action: args.action,
    };
    if args.name.is_none() || args.org_type.is_none() {
        // Questions only where someone can answer them: a script gets an error instead of
        // a process waiting for input forever.
        if !std::io::stdin().is_terminal() {
            return err("init needs --name and --type when it cannot ask (standard input is not a terminal), e.g. kravkoll init DIR --name \"Region Exempel\" --type region --healthcare-provider");
        }
        let stdin = std::io::stdin();
        if prompt::ask(&mut o, &mut stdin.lock(), &mut std::io::stderr()).is_err() {
            return err(
                "init was cancelled before every question was answered; nothing was written",
            );
        }
    }
    match init::init(&args.dir, &o) {
        Ok(done) => {
            use std::fmt::Write as _;
            let mut out = String::new();
            let dir = args.dir.display();
            let _ = writeln!(out, "Evidensförrådet för {} finns i {dir}.", o.name);
            for f in &done.written {
                let _ = writeln!(out, "  skrev       {f}");
            }
            for f in &done.kept {
                let _ = writeln!(out, "  fanns redan {f} (orörd)");
            }
            if done.git_initialised {
                let _ = writeln!(out, "  git init    {dir}");
            }
            if o.action.is_none() {
                let _ = writeln!(out, "\nByt {ACTION_PLACEHOLDER} i .github/workflows/kravkoll.yml och .pre-commit-config.yaml mot kravkolls GitHub-förråd och version (eller ange --action).");
            }
            let _ = writeln!(out, "\nNästa steg:\n  kravkoll check {dir}                 vad som saknas, viktigast först\n  kravkoll new Appointment {dir}       en första post: utnämningen av informationssäkerhetssamordnaren\n  kravkoll due {dir}                   vad som förfaller de närmaste 90 dagarna");
            super::finish(&out, ExitCode::SUCCESS)
        }
        Err(p) => {
            print_problems_then(&p, "nothing was written");
            ExitCode::from(EXIT_INPUT)
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The kind of record (System, LogReview, …; case and Swedish terms accepted)
    pub kind: String,
    /// The evidence repository (the folder holding kravkoll.yaml)
    #[arg(default_value = ".")]
    pub repo: PathBuf,
    /// Copy this existing record as the start (e.g. last quarter's log review)
    #[arg(long, value_name = "ID")]
    pub from: Option<String>,
    /// The new record's id [default: the kind's prefix and today's date]
    #[arg(long)]
    pub id: Option<String>,
}

pub fn new(args: NewArgs) -> ExitCode {
    let result = Repo::open(&args.repo).and_then(|repo| {
        record::new_record(
            &repo,
            &NewOptions {
                kind: args.kind.clone(),
                id: args.id.clone(),
                from: args.from.clone(),
            },
        )
    });
    match result {
        Ok(created) => {
            // The path alone on standard output, for scripts and editors (`$EDITOR $(kravkoll new …)`).
            if let Err(code) = super::stdout(&format!("{}\n", created.path.display())) {
                return code;
            }
            let mut err = anstream::stderr();
            let _ = writeln!(
                err,
                "kravkoll: ny {} med id {}; fyll i de tomma fälten och kör kravkoll check",
                created.kind, created.id
            );
            if !created.dates_to_review.is_empty() {
                let list: Vec<String> = created
                    .dates_to_review
                    .iter()
                    .map(|(f, d)| format!("{f} ({d})"))
                    .collect();
                let _ = writeln!(
                    err,
                    "kravkoll: datumen är kopierade och behöver ses över: {}",
                    list.join(", ")
                );
            }
            ExitCode::SUCCESS
        }
        Err(p) => {
            print_problems_then(&p, "nothing was written");
            ExitCode::from(EXIT_INPUT)
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The spreadsheet: .csv (UTF-8, comma or semicolon), .xlsx, .xlsm, .xls or .ods
    pub source: PathBuf,
    /// The column-mapping file (kind, key, columns; see docs/getting-started.md)
    #[arg(long, value_name = "FILE")]
    pub mapping: PathBuf,
    /// The evidence repository (the folder holding kravkoll.yaml)
    #[arg(default_value = ".")]
    pub repo: PathBuf,
    /// Let the spreadsheet win over values edited by hand since the last import
    #[arg(long)]
    pub overwrite: bool,
}

pub fn import(args: ImportArgs) -> ExitCode {
    let result = Repo::open(&args.repo).and_then(|repo| {
        crate::import::run(
            &repo,
            &crate::import::ImportOptions {
                source: args.source.clone(),
                mapping: args.mapping.clone(),
                overwrite: args.overwrite,
            },
        )
    });
    let report = match result {
        Ok(r) => r,
        Err(p) => {
            print_problems_then(&p, "nothing was written");
            return ExitCode::from(EXIT_INPUT);
        }
    };
    use std::fmt::Write as _;
    let mut out = String::new();
    for (id, file) in &report.created {
        let _ = writeln!(out, "ny        {id}  {file}");
    }
    for (id, file, fields) in &report.updated {
        let _ = writeln!(out, "ändrad    {id}  {file}  ({})", fields.join(", "));
    }
    for (id, file, conflicts) in &report.conflicts {
        for c in conflicts {
            let _ = writeln!(
                out,
                "behölls   {id}  {file}: {} är ändrat för hand ({}); kalkylbladet säger {}",
                c.field,
                c.current.as_deref().unwrap_or("borttaget"),
                c.incoming.as_deref().unwrap_or("tomt"),
            );
        }
    }
    for (id, file, why) in &report.refused {
        let _ = writeln!(out, "orörd     {id}  {file}: {why}");
    }
    for (id, file) in &report.not_in_source {
        let _ = writeln!(out, "saknas    {id}  {file}: raden finns inte längre i kalkylbladet; ta bort filen om posten ska bort");
    }
    let _ = writeln!(
        out,
        "\n{} nya, {} ändrade, {} oförändrade, {} med fält som behölls, {} tomma rader överhoppade.",
        report.created.len(),
        report.updated.len(),
        report.unchanged,
        report.conflicts.len(),
        report.empty_rows
    );
    if !report.conflicts.is_empty() {
        let _ = writeln!(out, "Ändra värdet i kalkylbladet eller i filen så att de stämmer, eller kör om med --overwrite för att låta kalkylbladet gälla.");
    }
    let code = if report.needs_attention() {
        ExitCode::from(super::EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    };
    super::finish(&out, code)
}

//! `kravkoll due`: what falls due before a date (see `crate::due`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::evidence::Lang;

use super::{open, parse_date, print_problems, EXIT_INPUT};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DueFormat {
    Human,
    Json,
    /// iCalendar (RFC 5545), for a calendar subscription
    Ics,
}

#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// The evidence repository (the folder holding kravkoll.yaml)
    #[arg(default_value = ".")]
    pub repo: PathBuf,
    /// How far ahead to look: a number and d, w, m (months) or y, e.g. 90d, 6m
    #[arg(long, default_value = "90d", value_parser = crate::due::parse_within)]
    pub within: jiff::Span,
    /// Count from this date (YYYY-MM-DD) [default: today in the organisation's time zone]
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<jiff::civil::Date>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DueFormat::Human)]
    pub format: DueFormat,
    /// Language of the texts [default: from kravkoll.yaml, else sv]
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

pub fn due(args: DueArgs) -> ExitCode {
    let source = match open(&args.repo) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let evidence = match crate::evidence::load(&source) {
        Ok(e) => e,
        Err(p) => {
            print_problems(&p);
            return ExitCode::from(EXIT_INPUT);
        }
    };
    let catalog = match crate::policy_files(&source).and_then(|f| crate::catalog::Catalog::load(&f))
    {
        Ok(c) => c,
        Err(p) => {
            print_problems(&p);
            return ExitCode::from(EXIT_INPUT);
        }
    };
    let as_of = args.as_of.unwrap_or_else(|| {
        jiff::Timestamp::now()
            .to_zoned(evidence.config.tz.clone())
            .date()
    });
    let Ok(until) = as_of.checked_add(args.within) else {
        let _ = writeln!(
            anstream::stderr(),
            "kravkoll: --within reaches past the year 9999"
        );
        return ExitCode::from(EXIT_INPUT);
    };
    let lang = args.lang.unwrap_or(evidence.config.language);
    let list = crate::due::collect(&evidence, &catalog, as_of, until);
    let text = match args.format {
        DueFormat::Human => crate::due::human(&list, lang),
        DueFormat::Json => {
            let mut t =
                serde_json::to_string_pretty(&crate::due::json(&list, lang)).unwrap_or_default();
            t.push('\n');
            t
        }
        DueFormat::Ics => crate::due::ics(&list, lang),
    };
    super::finish(&text, ExitCode::SUCCESS)
}

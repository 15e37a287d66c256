//! kravkoll: Swedish healthcare information-security law as policy-as-code.
//!
//! Data flows one way: a [`source`] gives files, [`evidence`] loads and validates them,
//! the [`engine`] evaluates the Rego controls of the [`catalog`] against them, and the
//! resulting [`findings`] go to a [`report`] writer. The command-line interface in `cli`
//! only wires these together.

pub mod annual;
pub mod catalog;
pub mod changes;
pub mod cli;
pub mod diagnostics;
pub mod diff;
pub mod due;
pub mod engine;
pub mod evidence;
pub mod exceptions;
pub mod explain;
pub mod findings;
pub mod history;
pub mod import;
pub mod intervals;
pub mod json_schema;
pub mod profile;
pub mod report;
pub mod sandbox;
pub mod scaffold;
pub mod source;
pub mod typography;
pub mod year_end;

/// Every allocation is counted per thread, for the memory and stack budget of policy
/// evaluation (see [`sandbox`]).
#[global_allocator]
static ALLOCATOR: sandbox::budget::Counting = sandbox::budget::Counting;

use catalog::{Applicability, Catalog, PolicyFile};
use diagnostics::{Problem, Problems};
use engine::{input, EvalError, PolicyEngine, Run};
use evidence::{Evidence, Lang};
use findings::Outcome;
use source::Source;

/// Why a check could not produce findings.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// The evidence or configuration is invalid (exit code 2).
    #[error("the evidence could not be read ({} problems)", .0.len())]
    Input(Problems),
    /// A policy or catalog is broken (exit code 2).
    #[error("the policies could not be loaded ({} problems)", .0.len())]
    Policy(Problems),
    /// Evaluation failed inside a policy (exit code 2).
    #[error("evaluation failed: {0}")]
    Eval(#[from] EvalError),
}

/// The built-in packs plus the repository's own `policies/` folder, if it has one. Every
/// problem is returned at once: files too large, not UTF-8 or unreadable.
pub fn policy_files(source: &dyn Source) -> Result<Vec<PolicyFile>, Problems> {
    let mut files = catalog::builtin_files();
    let mut problems = Problems::default();
    match source.dir_status("policies") {
        Ok(false) => {}
        Err(msg) => problems.push(Problem::unreadable("policies", msg)),
        Ok(true) => {
            let entries = source
                .list("policies", &[".rego", "controls.yaml"])
                .unwrap_or_else(|p| {
                    problems.extend(p);
                    Vec::new()
                });
            for entry in entries {
                if !entry.path.ends_with(".rego") && !entry.path.ends_with("/controls.yaml") {
                    problems.push(
                        Problem::new(
                            "kravkoll::policy::file-name",
                            entry.path,
                            None,
                            "policy files are named `*.rego` and `controls.yaml`, in lower case",
                        )
                        .help("rename the file so that kravkoll reads it"),
                    );
                    continue;
                }
                match entry.size_in(source) {
                    Ok(Some(size)) if size > source::MAX_CONFIG_BYTES => {
                        problems.push(evidence::too_large(
                            &entry.path,
                            size,
                            source::MAX_CONFIG_BYTES,
                        ));
                        continue;
                    }
                    // Gone since it was listed: `read` below says so as it says otherwise.
                    Ok(_) => {}
                    Err(msg) => {
                        problems.push(Problem::unreadable(entry.path, msg));
                        continue;
                    }
                }
                match source.read(&entry.path) {
                    Ok(Some(bytes)) => match evidence::decode(&entry.path, bytes) {
                        Ok(text) => files.push(PolicyFile {
                            path: entry.path,
                            text,
                            builtin: false,
                        }),
                        Err(p) => problems.push(*p),
                    },
                    Ok(None) => {}
                    Err(msg) => problems.push(Problem::unreadable(entry.path, msg)),
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// The policies' catalog, after the repository's own policies have been admitted
/// ([`engine::admission`]); every problem at once.
pub fn admitted_catalog(files: &[PolicyFile]) -> Result<Catalog, Problems> {
    let catalog = Catalog::load(files)?;
    let problems = engine::admission::check(files, &catalog);
    if problems.is_empty() {
        Ok(catalog)
    } else {
        Err(problems)
    }
}

/// Options of one check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// `None`: today in the organisation's time zone.
    pub as_of: Option<jiff::civil::Date>,
    /// `None`: the language of `kravkoll.yaml`.
    pub lang: Option<Lang>,
}

/// Everything a report needs: the outcome and what produced it.
pub struct Checked {
    /// The evidence checked.
    pub evidence: Evidence,
    pub catalog: Catalog,
    pub outcome: Outcome,
    pub lang: Lang,
    /// The repository's `Exception` records (for reports that explain `accepted_by`).
    pub exceptions: Vec<exceptions::Exception>,
}

/// What the checks of two revisions share (`diff` and `--baseline`): the compiled
/// policies, when both read the same policy files, and the evidence files both hold
/// unchanged, parsed once.
#[derive(Default)]
pub struct Shared {
    policies: Option<(Vec<PolicyFile>, Catalog, PolicyEngine)>,
    parsed: Option<evidence::Parsed>,
}

impl Shared {
    /// Sharing parsed evidence files too (which costs a hash of each file read).
    pub fn with_evidence() -> Self {
        Shared {
            policies: None,
            parsed: Some(evidence::Parsed::default()),
        }
    }

    /// The next check is the last to share this evidence: it takes files over from the
    /// checks before it without noting its own.
    pub fn last_load(&mut self) {
        if let Some(p) = &mut self.parsed {
            p.last();
        }
    }

    /// Keeps the records of a check's evidence for the next check, when evidence is shared;
    /// frees them otherwise.
    pub fn keep(&mut self, evidence: Evidence) {
        match &mut self.parsed {
            Some(p) => p.keep(evidence),
            None => drop(evidence),
        }
    }
}

/// The catalog and engine of `files`: those `kept` holds when its files are the same,
/// compiled (and kept) otherwise.
fn compile_shared(
    kept: &mut Option<(Vec<PolicyFile>, Catalog, PolicyEngine)>,
    files: Vec<PolicyFile>,
) -> Result<(Catalog, PolicyEngine), Problems> {
    if let Some((same, catalog, engine)) = kept {
        if *same == files {
            return Ok((catalog.clone(), engine.clone()));
        }
    }
    let (catalog, engine) = compile(&files)?;
    *kept = Some((files, catalog.clone(), engine.clone()));
    Ok((catalog, engine))
}

/// The admitted catalog and the compiled engine of `files`.
fn compile(files: &[PolicyFile]) -> Result<(Catalog, PolicyEngine), Problems> {
    Ok((admitted_catalog(files)?, PolicyEngine::compile(files)?))
}

/// Loads, validates and evaluates: the whole `check` pipeline.
pub fn check(source: &dyn Source, options: &CheckOptions) -> Result<Checked, CheckError> {
    check_shared(source, options, &mut Shared::default())
}

/// [`check`], taking from `shared` what an earlier check of another revision left there
/// and leaving its own.
pub fn check_shared(
    source: &dyn Source,
    options: &CheckOptions,
    shared: &mut Shared,
) -> Result<Checked, CheckError> {
    // The policies are compiled beside the loading, which keeps both cores busy but for
    // its last file: 20–30 ms of a run that were spent on one core.
    let Shared { policies, parsed } = shared;
    let (evidence, compiled) = rayon::join(
        || profile::phase("load", || evidence::load_with(source, parsed.as_mut())),
        || {
            profile::phase("compile", || {
                compile_shared(policies, policy_files(source)?)
            })
        },
    );
    sandbox::budget::collect();
    let evidence = evidence.map_err(CheckError::Input)?;
    let compiled = compiled.map_err(CheckError::Policy)?;
    evaluate_compiled(evidence, compiled, options)
}

/// The catalog and compiled policies of `source` (its own packs beside the built-in ones).
pub(crate) fn compile_policies(source: &dyn Source) -> Result<(Catalog, PolicyEngine), Problems> {
    profile::phase("compile", || compile(&policy_files(source)?))
}

/// Evaluates evidence that is already loaded (the annual report assembles the evidence as
/// it stood at the end of a year first) with compiled policies.
pub(crate) fn evaluate_compiled(
    evidence: Evidence,
    (catalog, engine): (Catalog, PolicyEngine),
    options: &CheckOptions,
) -> Result<Checked, CheckError> {
    let exceptions = profile::phase("exceptions", || exceptions::load(&evidence, &catalog))
        .map_err(CheckError::Input)?;
    let lang = options.lang.unwrap_or(evidence.config.language);
    let as_of = options.as_of.unwrap_or_else(|| {
        jiff::Timestamp::now()
            .to_zoned(evidence.config.tz.clone())
            .date()
    });
    let applicability = Applicability::of(&evidence.config.organisation);
    let input = profile::phase("input", || {
        let input = input::build(&evidence, as_of, lang, &applicability);
        sandbox::budget::collect();
        input
    });
    let mut outcome = Run {
        evidence: &evidence,
        catalog: &catalog,
        as_of,
        lang,
    }
    .evaluate(&engine, input)?;
    profile::phase("exceptions", || {
        exceptions::apply(&mut outcome, &exceptions, &catalog, lang)
    });
    Ok(Checked {
        evidence,
        catalog,
        outcome,
        lang,
        exceptions,
    })
}

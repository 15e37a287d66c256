//! The policy engine: compile the Rego packs once, evaluate every package's `findings`
//! against one input document, and turn the results into findings with file and line.

pub mod admission;
mod dedup;
pub mod extensions;
pub mod input;
pub mod message;
mod raw;
pub mod tests;

use std::collections::HashSet;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::catalog::{Applicability, Catalog, Control, JudgedBy, PolicyFile};
use crate::diagnostics::{Problem, Problems};
use crate::evidence::{Evidence, Lang, CONFIG_FILE};
use crate::findings::{Finding, Outcome};
use crate::profile;
use crate::sandbox::{Limit, Limits, Sandbox, Subject};

/// Compiled policies, ready to evaluate any number of inputs.
#[derive(Clone)]
pub struct PolicyEngine {
    engine: regorus::Engine,
    /// Packages (`data.kravkoll.x`) that declare `findings`.
    packages: Vec<String>,
    /// The files of each package, for messages about it: `(package, path)`.
    files: Vec<(String, String)>,
}

/// Failure while evaluating (a policy bug, never a problem of the evidence).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct EvalError(pub String);

pub fn is_test_file(path: &str) -> bool {
    path.ends_with("_test.rego")
}

fn new_engine(problems: &mut Problems) -> regorus::Engine {
    let mut engine = regorus::Engine::new();
    // A builtin error must abort rather than silently drop a finding.
    engine.set_strict_builtin_errors(true);
    if let Err(e) = extensions::register(&mut engine) {
        problems.push(Problem::new(
            "kravkoll::policy::extensions",
            "policies/lib/kravkoll.rego",
            None,
            format!("kravkoll's Rego functions could not be registered: {e:#}"),
        ));
    }
    engine
}

pub(crate) fn add_module(
    engine: &mut regorus::Engine,
    f: &PolicyFile,
    problems: &mut Problems,
) -> Option<String> {
    match engine.add_policy(f.path.clone(), f.text.clone()) {
        Ok(pkg) => Some(pkg),
        Err(e) => {
            problems.push(compile_problem(f, &format!("{e:#}")));
            problems.add_source(&f.path, f.text.as_str().into());
            None
        }
    }
}

/// A compile error as a located problem. regorus's text puts `--> file:line:col` and a
/// snippet around an `error: …` line, after a long preamble for some errors ("could not
/// schedule all statements" lists every statement first); the problem keeps the `error:`
/// line as its message and points at the place, and the snippet is drawn from the file.
pub(crate) fn compile_problem(f: &PolicyFile, error: &str) -> Problem {
    let arrow = format!("--> {}:", f.path);
    let located = error.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix(arrow.as_str())?;
        let (line, rest) = rest.split_once(':')?;
        let col = rest.split(|c: char| !c.is_ascii_digit()).next()?;
        Some((line.parse::<usize>().ok()?, col.parse::<usize>().ok()?))
    });
    let said = error
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("error:"))
        .or_else(|| error.lines().map(str::trim).find(|l| !l.is_empty()))
        .unwrap_or("unknown error")
        .trim();
    let pos = located.map(|(line, col)| {
        let offset = crate::evidence::yaml::LineIndex::new(&f.text).offset_of(line, col);
        crate::evidence::yaml::Pos {
            offset,
            len: 1,
            line,
            col,
        }
    });
    let mut message = format!("the policy does not compile: {said}");
    if pos.is_none() {
        // No place to point at: keep regorus's text, shortened.
        let lines: Vec<&str> = error.lines().filter(|l| !l.trim().is_empty()).collect();
        let shown: Vec<&str> = if lines.len() > 12 {
            lines[lines.len() - 12..].to_vec()
        } else {
            lines
        };
        message = format!("{message}\n{}", shown.join("\n"));
    }
    Problem::new("kravkoll::policy::compile", f.path.clone(), pos, message)
}

/// regorus's error text as one line: `file:line:col: what`, when it names a place.
fn located_error(text: &str) -> String {
    let place = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))
        .map(str::trim);
    let said = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("error:"))
        .map(str::trim);
    match (place, said) {
        (Some(place), Some(said)) => format!("{place}: {said}"),
        _ => text.trim().to_string(),
    }
}

impl PolicyEngine {
    /// Compiles every non-test `.rego` file.
    pub fn compile(files: &[PolicyFile]) -> Result<Self, Problems> {
        let mut problems = Problems::default();
        let mut engine = new_engine(&mut problems);
        let mut packages = Vec::new();
        let mut package_files = Vec::new();
        for f in files
            .iter()
            .filter(|f| f.path.ends_with(".rego") && !is_test_file(&f.path))
        {
            let Some(pkg) = add_module(&mut engine, f, &mut problems) else {
                continue;
            };
            package_files.push((pkg.clone(), f.path.clone()));
            match engine.has_declared_rule_rooted_at(&f.path, "findings") {
                Ok(true) if !packages.contains(&pkg) => packages.push(pkg),
                Ok(_) => {}
                Err(e) => problems.push(Problem::new(
                    "kravkoll::policy::compile",
                    f.path.clone(),
                    None,
                    format!("{e:#}"),
                )),
            }
        }
        if problems.is_empty() {
            // regorus analyses and schedules the modules before the first evaluation; doing
            // it now makes an error there (a variable used before it is bound, rules added
            // to another module's package) a problem of the policy file, reported before
            // anything is evaluated, instead of an evaluation failure of whichever package
            // happened to run first.
            if let Err(e) = engine.eval_query("true".into(), false) {
                let text = format!("{e:#}");
                let file = files
                    .iter()
                    .filter(|f| text.contains(&format!("--> {}:", f.path)))
                    .min_by_key(|f| text.find(&format!("--> {}:", f.path)));
                if let Some(f) = file {
                    problems.add_source(&f.path, f.text.as_str().into());
                }
                problems.push(match file {
                    Some(f) => compile_problem(f, &text),
                    None => Problem::new(
                        "kravkoll::policy::compile",
                        "",
                        None,
                        format!("the policies do not compile: {text}"),
                    ),
                });
            }
        }
        if problems.is_empty() {
            Ok(PolicyEngine {
                engine,
                packages,
                files: package_files,
            })
        } else {
            Err(problems)
        }
    }

    pub fn packages(&self) -> &[String] {
        &self.packages
    }

    /// The package as a sandbox subject: its name and files.
    fn subject(&self, pkg: &str) -> Subject {
        Subject {
            what: pkg.strip_prefix("data.").unwrap_or(pkg).to_string(),
            files: self
                .files
                .iter()
                .filter(|(p, _)| p == pkg)
                .map(|(_, f)| f.clone())
                .collect(),
        }
    }

    /// Evaluates every package's `findings` (in parallel, each in the sandbox under
    /// `limits`; with `lang`, their messages in that language only) and passes each
    /// package's raw findings through `each` on the thread that evaluated the package, as
    /// soon as it is done: what follows the evaluation (mapping findings to their records)
    /// then runs beside the packages still being evaluated rather than after all of them.
    pub fn evaluate<T: Send>(
        &self,
        input: &regorus::Value,
        limits: &Limits,
        lang: Option<Lang>,
        each: impl Fn(Vec<RawFinding>) -> Result<Vec<T>, EvalError> + Sync,
    ) -> Result<Vec<T>, EvalError> {
        let sandbox = Sandbox::new(*limits).map_err(EvalError)?;
        let dumped = profile::dumping(profile::DUMP_FINDINGS)
            .then(|| std::sync::Mutex::new(std::collections::BTreeMap::new()));
        let results: Vec<Result<Vec<T>, EvalError>> = sandbox.install(|| {
            self.packages
                .par_iter()
                // One package per task, so that the two or three heavy packages do not end
                // up in the same half of a split and leave a core idle.
                .with_max_len(1)
                .map(|pkg| {
                    let subject = self.subject(pkg);
                    let raw = sandbox.run(&subject, || {
                        self.evaluate_package(pkg, &subject, input, limits, lang)
                    })?;
                    if let Some(d) = &dumped {
                        d.lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .insert(pkg, raw.clone());
                    }
                    each(raw)
                })
                .collect()
        });
        if let Some(d) = dumped {
            profile::dump(
                profile::DUMP_FINDINGS,
                &d.into_inner().unwrap_or_else(|e| e.into_inner()),
            );
        }
        let mut out = Vec::new();
        for r in results {
            out.extend(r?);
        }
        Ok(out)
    }

    fn evaluate_package(
        &self,
        pkg: &str,
        subject: &Subject,
        input: &regorus::Value,
        limits: &Limits,
        lang: Option<Lang>,
    ) -> Result<Vec<RawFinding>, EvalError> {
        let mut engine = self.engine.clone();
        engine.set_execution_timer_config(limits.timer());
        engine.set_input(input.clone());
        let rule = format!("{pkg}.findings");
        let started =
            profile::enabled().then(|| (std::time::Instant::now(), profile::thread_cpu()));
        let value = engine.eval_rule(rule.clone()).map_err(|e| {
            if crate::sandbox::is_time_limit(&e) {
                EvalError(subject.message(Limit::Time, limits))
            } else {
                EvalError(format!(
                    "evaluating `{}` failed: {}",
                    subject.what,
                    located_error(&format!("{e:#}"))
                ))
            }
        })?;
        let spent =
            started.map(|(wall, cpu)| (wall.elapsed(), profile::thread_cpu().saturating_sub(cpu)));
        let mut findings = raw::findings(&rule, &value, lang)?;
        let policy: std::sync::Arc<str> = subject.files.join(", ").into();
        for f in &mut findings {
            f.policy = policy.clone();
        }
        if let Some((wall, cpu)) = spent {
            profile::package(&rule, wall, cpu, findings.len());
        }
        Ok(findings)
    }
}

/// A finding as a policy returns it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawFinding {
    pub control: String,
    pub record: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For a control with `judged_by: event`: the date (`YYYY-MM-DD`, or an RFC 3339
    /// datetime whose date part counts) of the event the finding is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_date: Option<String>,
    pub message: Messages,
    /// The policy files of the package that produced the finding (for messages).
    #[serde(skip)]
    pub policy: std::sync::Arc<str>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    pub sv: String,
    pub en: String,
}

/// Everything one evaluation needs besides the policies.
pub struct Run<'a> {
    pub evidence: &'a Evidence,
    pub catalog: &'a Catalog,
    pub as_of: jiff::civil::Date,
    pub lang: Lang,
}

impl Run<'_> {
    /// Evaluates and returns the findings of the controls that apply and are in force: at
    /// `as_of` for a control judged by state, on the date of its event for one judged by
    /// event. Findings that report the same gap as a finding of a control that stands in for
    /// theirs are then folded into it (`also`).
    ///
    /// `input` is the document [`input::build`] made of
    /// `self.evidence` at `self.as_of` in `self.lang`.
    pub fn evaluate(
        &self,
        engine: &PolicyEngine,
        input: regorus::Value,
    ) -> Result<Outcome, EvalError> {
        let applicability = Applicability::of(&self.evidence.config.organisation);
        let as_of = self.as_of.to_string();
        // Evaluated at as_of: a state control in force then; an event control in force at
        // some time up to then (an event of its period can still be judged under it).
        let evaluated_at = |c: &Control| match c.judged_by {
            JudgedBy::State => c.in_force(&as_of),
            JudgedBy::Event => c.effective_from.as_str() <= as_of.as_str(),
        };
        let active: HashSet<&str> = self
            .catalog
            .controls
            .iter()
            .filter(|c| evaluated_at(c) && applicability.holds(&c.applies_to))
            .map(|c| c.id.as_str())
            .collect();
        profile::dump(profile::DUMP_INPUT, &input);
        let mapped = profile::phase("evaluate", || {
            // Both languages when the raw findings are dumped (to compare engines).
            let keep = (!profile::dumping(profile::DUMP_FINDINGS)).then_some(self.lang);
            engine.evaluate(&input, &self.evidence.config.limits, keep, |raw| {
                self.map(raw, &active)
            })
        })?;
        // Freeing the input document is a tenth of a large run (0.35 s at 100 000 records):
        // a thread of its own does it while the findings are sorted and written.
        profile::phase("free-input", move || free_aside(input));
        let findings = profile::phase("map", || self.finish(mapped));
        let mut evaluated: Vec<String> = active.iter().map(|s| s.to_string()).collect();
        evaluated.sort();
        Ok(Outcome {
            as_of,
            organisation: self.evidence.config.organisation.name.clone(),
            summary: Outcome::summarise(&findings, evaluated.len()),
            findings,
            evaluated,
        })
    }

    /// One package's raw findings of the active controls, each with its control, file and
    /// line. Made on the evaluating thread; the catalog's texts are added only after the
    /// input document is freed ([`Run::finish`]), so that the evaluation's peak does not
    /// also hold them.
    fn map<'c>(
        &'c self,
        raw: Vec<RawFinding>,
        active: &HashSet<&str>,
    ) -> Result<Vec<Mapped<'c>>, EvalError> {
        let mut findings = Vec::new();
        for f in raw {
            let Some(control) = self.catalog.get(&f.control) else {
                let hint = self.catalog.suggest(&f.control).unwrap_or_default();
                return Err(EvalError(format!("a policy ({}) produced a finding for `{}`, which is not in any controls.yaml {hint}", f.policy, f.control)));
            };
            if !active.contains(control.id.as_str()) {
                continue;
            }
            let event_date = event_date(control, &f)?;
            if let Some(date) = &event_date {
                // Transitional law: the act in force on the event's date governs it.
                if !control.in_force(date) {
                    continue;
                }
            }
            let (file, line) = match &f.record {
                None => (CONFIG_FILE, None),
                Some(id) => {
                    let Some(r) = self.evidence.by_id(id) else {
                        return Err(EvalError(format!(
                            "a finding of `{}` names record `{id}`, which does not exist",
                            f.control
                        )));
                    };
                    let line = f
                        .item
                        .as_deref()
                        .and_then(|i| r.item_line(i))
                        .or_else(|| f.field.as_deref().and_then(|fl| r.field_line(fl)))
                        .unwrap_or(r.line);
                    (&*r.file, Some(line))
                }
            };
            findings.push(Mapped {
                rank: self.catalog.framework_rank(&control.framework),
                control,
                file,
                line,
                message: match self.lang {
                    Lang::Sv => f.message.sv,
                    Lang::En => f.message.en,
                },
                record: f.record,
                event_date,
            });
        }
        Ok(findings)
    }

    /// The mapped findings in report order, with the catalog's texts, folded into the
    /// findings of the controls that stand in for theirs. Both steps run on both cores: at
    /// 100 000 records there are some 80 000 findings.
    fn finish(&self, mut mapped: Vec<Mapped<'_>>) -> Vec<Finding> {
        fn order<'m>(m: &'m Mapped<'_>) -> impl Ord + 'm {
            let c = m.control;
            (
                m.rank, c.severity, &c.id, m.file, m.line, &m.record, &m.message,
            )
        }
        mapped.par_sort_by(|a, b| order(a).cmp(&order(b)));
        let settings = self.evidence.config.interval_settings();
        let findings = mapped
            .into_par_iter()
            .map(|m| Finding {
                file: Some(m.file.to_string()),
                line: m.line,
                message: m.message,
                record: m.record,
                event_date: m.event_date,
                ..Finding::of(m.control, self.lang, &settings)
            })
            .collect();
        dedup::fold(findings, self.catalog, self.lang)
    }
}

/// A finding between its package's evaluation and the report: its control and place.
struct Mapped<'c> {
    /// The control's framework's place in the catalog, the first key of the report's order.
    rank: usize,
    control: &'c Control,
    /// The record's file, or kravkoll.yaml for a finding about the organisation as a whole.
    file: &'c str,
    line: Option<usize>,
    message: String,
    record: Option<String>,
    event_date: Option<String>,
}

/// The event date of a finding of an event-judged control (`None` for a state control).
/// A policy must give one for such a control: without it the law in force cannot be chosen.
fn event_date(control: &Control, f: &RawFinding) -> Result<Option<String>, EvalError> {
    if control.judged_by != JudgedBy::Event {
        return Ok(None);
    }
    let Some(raw) = f.event_date.as_deref() else {
        return Err(EvalError(format!(
            "a finding of `{}` has no event_date, but the control is judged by the date of its event (judged_by: event in controls.yaml)",
            f.control
        )));
    };
    let date = raw.get(..10).unwrap_or(raw);
    if crate::evidence::validate::parse_date(date).is_none() {
        return Err(EvalError(format!(
            "a finding of `{}` has event_date `{raw}`, which is not a date (YYYY-MM-DD or an RFC 3339 datetime)",
            f.control
        )));
    }
    Ok(Some(date.to_string()))
}

/// Drops `value` on a thread of its own. When no thread can be started, `spawn` drops the
/// closure it was given, and with it `value`, here.
pub(crate) fn free_aside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("kravkoll-free".into())
        .spawn(move || drop(value));
}

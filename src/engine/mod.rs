//! The policy engine: compile the Rego packs once, evaluate every package's `findings`
//! against one input document, and turn the results into findings with file and line.

pub mod input;
pub mod tests;

use std::collections::HashSet;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::catalog::{Applicability, Catalog, PolicyFile};
use crate::diagnostics::{Problem, Problems};
use crate::evidence::{Evidence, Lang, CONFIG_FILE};
use crate::findings::{Finding, Outcome};
use crate::profile;

/// Compiled policies, ready to evaluate any number of inputs.
#[derive(Clone)]
pub struct PolicyEngine {
    engine: regorus::Engine,
    /// Packages (`data.kravkoll.x`) that declare `findings`.
    packages: Vec<String>,
}

/// Failure while evaluating (a policy bug, never a problem of the evidence).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct EvalError(pub String);

pub fn is_test_file(path: &str) -> bool {
    path.ends_with("_test.rego")
}

fn new_engine() -> regorus::Engine {
    let mut engine = regorus::Engine::new();
    // A builtin error must abort rather than silently drop a finding.
    engine.set_strict_builtin_errors(true);
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
            problems.push(Problem::new(
                "kravkoll::policy::compile",
                f.path.clone(),
                None,
                format!("the policy does not compile:\n{e:#}"),
            ));
            None
        }
    }
}

impl PolicyEngine {
    /// Compiles every non-test `.rego` file.
    pub fn compile(files: &[PolicyFile]) -> Result<Self, Problems> {
        let mut engine = new_engine();
        let mut problems = Problems::default();
        let mut packages = Vec::new();
        for f in files
            .iter()
            .filter(|f| f.path.ends_with(".rego") && !is_test_file(&f.path))
        {
            let Some(pkg) = add_module(&mut engine, f, &mut problems) else {
                continue;
            };
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
            Ok(PolicyEngine { engine, packages })
        } else {
            Err(problems)
        }
    }

    pub fn packages(&self) -> &[String] {
        &self.packages
    }

    /// Evaluates every package's `findings` (in parallel) and returns the raw findings.
    pub fn evaluate(&self, input: &regorus::Value) -> Result<Vec<RawFinding>, EvalError> {
        let profiling = profile::enabled();
        let results: Vec<Result<(&String, Vec<RawFinding>), EvalError>> = self
            .packages
            .par_iter()
            // One package per task, so that the two or three heavy packages do not end up
            // in the same half of a split and leave a core idle.
            .with_max_len(1)
            .map(|pkg| {
                let mut engine = self.engine.clone();
                engine.set_input(input.clone());
                let rule = format!("{pkg}.findings");
                let started = profiling.then(|| (std::time::Instant::now(), profile::thread_cpu()));
                let value = engine
                    .eval_rule(rule.clone())
                    .map_err(|e| EvalError(format!("evaluating {rule} failed: {e:#}")))?;
                let spent = started
                    .map(|(wall, cpu)| (wall.elapsed(), profile::thread_cpu().saturating_sub(cpu)));
                let findings = raw_findings(&rule, value)?;
                if let Some((wall, cpu)) = spent {
                    profile::package(&rule, wall, cpu, findings.len());
                }
                Ok((pkg, findings))
            })
            .collect();
        let results = results.into_iter().collect::<Result<Vec<_>, _>>()?;
        if profile::dumping(profile::DUMP_FINDINGS) {
            let by_package: std::collections::BTreeMap<_, _> = results.iter().cloned().collect();
            profile::dump(profile::DUMP_FINDINGS, &by_package);
        }
        Ok(results.into_iter().flat_map(|(_, f)| f).collect())
    }
}

/// A package's `findings` value as raw findings.
fn raw_findings(rule: &str, value: regorus::Value) -> Result<Vec<RawFinding>, EvalError> {
    if value == regorus::Value::Undefined {
        return Ok(Vec::new());
    }
    let json = serde_json::to_value(&value).map_err(|e| EvalError(format!("{rule}: {e}")))?;
    let items = match json {
        serde_json::Value::Array(items) => items,
        other => {
            return Err(EvalError(format!(
                "{rule} must be a set of findings, got {other}"
            )))
        }
    };
    items
        .into_iter()
        .map(|item| {
            serde_json::from_value::<RawFinding>(item.clone()).map_err(|e| {
                EvalError(format!("{rule} produced a malformed finding ({e}): {item}"))
            })
        })
        .collect()
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
    pub message: Messages,
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
    /// Evaluates and returns the findings of the controls that apply and are in force.
    pub fn evaluate(&self, engine: &PolicyEngine) -> Result<Outcome, EvalError> {
        let applicability = Applicability::of(&self.evidence.config.organisation);
        let as_of = self.as_of.to_string();
        let active: HashSet<&str> = self
            .catalog
            .controls
            .iter()
            .filter(|c| c.in_force(&as_of) && applicability.holds(&c.applies_to))
            .map(|c| c.id.as_str())
            .collect();
        let input = profile::phase("input", || {
            input::build(self.evidence, self.as_of, self.lang, &applicability)
        });
        profile::dump(profile::DUMP_INPUT, &input);
        let raw = profile::phase("evaluate", || engine.evaluate(&input))?;
        profile::phase("free-input", move || drop(input));
        let findings = profile::phase("map", || self.map(raw, &active))?;
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

    /// The raw findings of the active controls as findings with file and line, sorted.
    fn map(&self, raw: Vec<RawFinding>, active: &HashSet<&str>) -> Result<Vec<Finding>, EvalError> {
        let mut findings = Vec::new();
        for f in raw {
            let Some(control) = self.catalog.get(&f.control) else {
                let hint = self.catalog.suggest(&f.control).unwrap_or_default();
                return Err(EvalError(format!("a policy produced a finding for `{}`, which is not in any controls.yaml {hint}", f.control)));
            };
            if !active.contains(control.id.as_str()) {
                continue;
            }
            let (file, line) = match &f.record {
                None => (Some(CONFIG_FILE.to_string()), None),
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
                    (Some(r.file.to_string()), Some(line))
                }
            };
            findings.push(Finding {
                control: control.id.clone(),
                framework: control.framework.clone(),
                severity: control.severity,
                title: control.title(self.lang).to_string(),
                message: match self.lang {
                    Lang::Sv => f.message.sv,
                    Lang::En => f.message.en,
                },
                citation: control.citation.clone(),
                file,
                line,
                record: f.record,
                accepted_by: None,
                remediation: control.remediation(self.lang).to_string(),
            });
        }
        findings.sort_by(|a, b| {
            (
                self.catalog.framework_rank(&a.framework),
                a.severity,
                &a.control,
                &a.file,
                a.line,
                &a.record,
                &a.message,
            )
                .cmp(&(
                    self.catalog.framework_rank(&b.framework),
                    b.severity,
                    &b.control,
                    &b.file,
                    b.line,
                    &b.record,
                    &b.message,
                ))
        });
        Ok(findings)
    }
}

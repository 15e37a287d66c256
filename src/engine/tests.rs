//! The Rego test runner (`kravkoll test`, and `cargo test` on the built-in packs): every rule
//! named `test_*` in a `_test.rego` module must evaluate to `true`, and every control of a
//! pack's catalog must be exercised by at least one test of that pack.

use crate::catalog::{Catalog, PolicyFile};
use crate::diagnostics::{Problem, Problems};
use crate::sandbox::{Limit, Limits, Sandbox, Subject};

use super::{add_module, is_test_file, new_engine};

#[derive(Debug, Clone)]
pub struct TestResult {
    pub file: String,
    pub name: String,
    /// `None` when the test passed; otherwise why not.
    pub failure: Option<String>,
}

#[derive(Debug, Default)]
pub struct TestReport {
    pub results: Vec<TestResult>,
    /// Controls no test of their pack mentions: `(controls.yaml path, control id)`.
    pub untested: Vec<(String, String)>,
}

impl TestReport {
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|r| r.failure.is_none()).count()
    }

    pub fn failed(&self) -> usize {
        self.results.len() - self.passed()
    }

    pub fn ok(&self) -> bool {
        self.failed() == 0 && self.untested.is_empty() && !self.results.is_empty()
    }
}

/// Test rule names in a module: rule heads at the start of a line named `test_…`.
fn test_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("test_"))
        .map(|rest| {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            format!("test_{}", &rest[..end])
        })
        .collect();
    names.dedup();
    names
}

fn folder(path: &str) -> &str {
    path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// Runs the tests among `files` (all modules are loaded, tests included) under the default
/// limits.
pub fn run(files: &[PolicyFile], catalog: &Catalog) -> Result<TestReport, Problems> {
    run_within(files, catalog, &Limits::default())
}

/// Runs the tests, each in the sandbox under `limits` (a test is a policy evaluation too).
pub fn run_within(
    files: &[PolicyFile],
    catalog: &Catalog,
    limits: &Limits,
) -> Result<TestReport, Problems> {
    let mut problems = Problems::default();
    let mut engine = new_engine(&mut problems);
    let mut tests = Vec::new();
    for f in files.iter().filter(|f| f.path.ends_with(".rego")) {
        let Some(pkg) = add_module(&mut engine, f, &mut problems) else {
            continue;
        };
        if is_test_file(&f.path) {
            for name in test_names(&f.text) {
                tests.push((f.path.clone(), pkg.clone(), name));
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut report = TestReport::default();
    engine.set_execution_timer_config(limits.timer());
    let sandbox = Sandbox::new(*limits).map_err(|msg| {
        let mut p = Problems::default();
        p.push(Problem::new("kravkoll::policy::sandbox", "", None, msg));
        p
    })?;
    sandbox.install(|| {
        for (file, pkg, name) in tests {
            let rule = format!("{pkg}.{name}");
            let subject = Subject {
                what: rule.strip_prefix("data.").unwrap_or(&rule).to_string(),
                files: vec![file.clone()],
            };
            let failure = sandbox.run(&subject, || match engine.eval_rule(rule.clone()) {
                Ok(regorus::Value::Bool(true)) => None,
                Ok(regorus::Value::Undefined) => {
                    Some("undefined (a condition in the test did not hold)".to_string())
                }
                Ok(v) => Some(format!("evaluated to {v}, not true")),
                Err(e) if crate::sandbox::is_time_limit(&e) => {
                    Some(subject.message(Limit::Time, limits))
                }
                Err(e) => Some(format!("error: {e:#}")),
            });
            report.results.push(TestResult {
                file,
                name,
                failure,
            });
        }
    });
    for cy in files.iter().filter(|f| f.path.ends_with("controls.yaml")) {
        let dir = folder(&cy.path);
        let pack_tests: Vec<&PolicyFile> = files
            .iter()
            .filter(|f| is_test_file(&f.path) && folder(&f.path) == dir)
            .collect();
        for c in catalog
            .controls
            .iter()
            .filter(|c| cy.text.contains(&format!("id: {}", c.id)))
            // Evaluated in Rust (and tested there), not by a policy.
            .filter(|c| c.evaluated_by.is_none())
        {
            let quoted = format!("\"{}\"", c.id);
            if !pack_tests.iter().any(|t| t.text.contains(&quoted)) {
                report.untested.push((cy.path.clone(), c.id.clone()));
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod unit {
    use super::test_names;

    #[test]
    fn finds_test_rule_heads() {
        let t =
            "package x\ntest_a if {\n true\n}\ntest_b_2 := true\n  test_not_head\nhelper if true\n";
        assert_eq!(test_names(t), vec!["test_a", "test_b_2"]);
    }
}

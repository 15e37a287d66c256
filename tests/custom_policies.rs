//! An evidence repository's own `policies/` folder adds controls with the same metadata,
//! and `kravkoll test` runs their tests; `kravkoll schema` describes every kind.

mod common;

use common::{check, run, Repo};

const CONTROLS: &str = "framework: local
name_sv: Egna krav
name_en: Own requirements
controls:
  - id: LOCAL-1/c1
    citation: Informationssäkerhetspolicy för Testregionen, avsnitt 4.2
    title_sv: Varje system har stark autentisering
    title_en: Every system has strong authentication
    severity: warning
    applies_to: [all]
    effective_from: 2024-01-01
    effective_to: null
    remediation_sv: Inför stark autentisering och sätt mfa till true.
    remediation_en: Introduce strong authentication and set mfa to true.
    evidence: [System]
    provenance: DERIVED
    source: intern policy
";

const POLICY: &str = r#"package kravkoll.local.mfa

findings contains f if {
	some s in input.systems
	not s.mfa
	f := {"control": "LOCAL-1/c1", "record": s.id, "field": "name", "message": {"sv": sprintf("%s saknar MFA", [s.id]), "en": sprintf("%s lacks MFA", [s.id])}}
}
"#;

const TEST: &str = r#"package kravkoll.local.mfa_test

import data.kravkoll.local.mfa

test_fails_without_mfa if {
	some f in mfa.findings with input as {"systems": [{"id": "a", "name": "A"}]}
	f.control == "LOCAL-1/c1"
}

test_passes_with_mfa if {
	count(mfa.findings) == 0 with input as {"systems": [{"id": "a", "name": "A", "mfa": true}]}
}
"#;

fn repo_with_policy() -> Repo {
    let repo = Repo::new();
    repo.write("policies/local/controls.yaml", CONTROLS);
    repo.write("policies/local/mfa.rego", POLICY);
    repo.write("policies/local/mfa_test.rego", TEST);
    repo.write(
        "evidence/systems.yaml",
        "kind: System\nid: sys-a\nname: A\nowner: O\npatient_data: false\npersonal_data: false\n---\nkind: System\nid: sys-b\nname: B\nowner: O\npatient_data: false\npersonal_data: false\nmfa: true\n",
    );
    repo
}

#[test]
fn own_controls_are_evaluated_with_their_metadata() {
    let repo = repo_with_policy();
    let out = check(repo.path(), &["--format", "json", "--fail-on", "warning"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let local: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["framework"] == "local")
        .collect();
    assert_eq!(local.len(), 1, "{local:?}");
    let f = local[0];
    assert_eq!(f["control"], "LOCAL-1/c1");
    assert_eq!(f["record"], "sys-a");
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        f["citation"],
        "Informationssäkerhetspolicy för Testregionen, avsnitt 4.2"
    );
    assert_eq!(
        (f["file"].as_str().unwrap(), f["line"].as_u64().unwrap()),
        ("evidence/systems.yaml", 3),
        "points at the field"
    );
}

#[test]
fn own_controls_before_their_effective_date_are_not_evaluated() {
    let repo = repo_with_policy();
    let out = common::run(&[
        "check",
        repo.path().to_str().unwrap(),
        "--as-of",
        "2023-06-30",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["framework"] != "local"));
}

#[test]
fn kravkoll_test_runs_builtin_and_own_policy_tests() {
    let repo = repo_with_policy();
    let out = run(&["test", repo.path().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("0 failed"), "{}", out.stdout);

    repo.write(
        "policies/local/mfa_test.rego",
        &TEST
            .replace("\"LOCAL-1/c1\"", "\"LOCAL-9\"")
            .replace("mfa: true", ""),
    );
    let out = run(&["test", repo.path().to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("FAIL policies/local/mfa_test.rego test_fails_without_mfa"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("UNTESTED policies/local/controls.yaml: control LOCAL-1/c1"),
        "{}",
        out.stdout
    );
}

#[test]
fn broken_own_policies_are_input_errors() {
    let repo = repo_with_policy();
    repo.write(
        "policies/local/mfa.rego",
        "package kravkoll.local.mfa\nfindings contains f if {\n",
    );
    let out = check(repo.path(), &[]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("policies/local/mfa.rego"),
        "{}",
        out.stderr
    );

    let repo = repo_with_policy();
    repo.write(
        "policies/local/controls.yaml",
        &CONTROLS.replace("severity: warning", "severity: fatal"),
    );
    let out = check(repo.path(), &[]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("policies/local/controls.yaml"),
        "{}",
        out.stderr
    );

    let repo = repo_with_policy();
    repo.write(
        "policies/local/mfa.rego",
        &POLICY.replace("LOCAL-1/c1", "LOCAL-2"),
    );
    let out = check(repo.path(), &[]);
    assert_eq!(out.code, 2);
    // Found when the policies are loaded, at the repository's file and line.
    assert!(
        out.stderr
            .contains("`LOCAL-2`, which is not a control in policies/local/controls.yaml")
            && out.stderr.contains("policies/local/mfa.rego:6:20"),
        "{}",
        out.stderr
    );
}

#[test]
fn schema_describes_every_kind_and_field() {
    let out = run(&["schema"]);
    assert_eq!(out.code, 0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let text = out.stdout.as_str();
    for kind in kravkoll::evidence::schema::KINDS {
        assert!(v["properties"]["kind"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == kind.name));
        for f in kind.fields {
            assert!(
                text.contains(&format!("\"{}\"", f.name)),
                "{}.{} missing",
                kind.name,
                f.name
            );
        }
    }
    let out = run(&["schema", "--config"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(v["properties"]["organisation"]["properties"]["healthcare_provider"].is_object());
    assert!(v["properties"]["intervals"]["properties"]["log_followup_interval_months"].is_object());
}

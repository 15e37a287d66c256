//! `kravkoll controls` (JSON shape, framework filter, open periods, a repository's own
//! controls) and `kravkoll explain` (the provision, a valid example, unknown ids).

mod common;

use common::{run, Repo};
use kravkoll::evidence::schema::KINDS;
use kravkoll::explain::example_yaml;

const KEYS: [&str; 12] = [
    "id",
    "framework",
    "citation",
    "title_sv",
    "title_en",
    "severity",
    "applies_to",
    "effective_from",
    "effective_to",
    // Added later: Lagrum or Grund, how the control is judged in time, the overlaps.
    "statutory",
    "judged_by",
    "stands_in_for",
];

fn controls_json(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["controls", "--format", "json"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str::<serde_json::Value>(&out.stdout)
        .expect("JSON")
        .as_array()
        .expect("an array")
        .clone()
}

#[test]
fn controls_json_has_exactly_the_contract_fields() {
    let all = controls_json(&[]);
    assert!(all.len() >= 20);
    for c in &all {
        let obj = c.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(|k| k.as_str()).collect();
        keys.sort();
        let mut want = KEYS.to_vec();
        want.sort();
        assert_eq!(keys, want, "{c}");
        assert!(c["applies_to"].is_array());
        assert!(["error", "warning", "info"].contains(&c["severity"].as_str().unwrap()));
        assert!(c["effective_to"].is_null() || c["effective_to"].is_string());
    }
    // Open periods are null, closed ones a date: NIS ends when cybersäkerhetslagen begins.
    let hslf = all.iter().find(|c| c["id"] == "HSLF-3.6/c1").unwrap();
    assert!(hslf["effective_to"].is_null());
    assert!(all
        .iter()
        .any(|c| c["framework"] == "nis" && c["effective_to"] == "2026-01-14"));
}

#[test]
fn controls_filter_by_framework() {
    let audit = controls_json(&["--framework", "audit"]);
    assert!(!audit.is_empty());
    assert!(audit.iter().all(|c| c["framework"] == "audit"));
    assert!(audit.iter().any(|c| c["id"] == "AUDIT-RESP-1/c1"));
    let out = run(&["controls", "--framework", "audti"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `audit`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn controls_table_and_markdown() {
    let table = run(&["controls", "--framework", "psl"]);
    assert_eq!(table.code, 0);
    assert!(table.stdout.contains("PSL-3.10/c1"));
    assert!(table.stdout.contains("2011-01-01 –"));
    let en = run(&["controls", "--framework", "psl", "--lang", "en"]);
    assert!(en
        .stdout
        .contains("Patient-safety report established by 1 March"));
    let md = run(&["controls", "--format", "markdown"]);
    assert!(md.stdout.starts_with("<!-- Generated"));
    assert!(md.stdout.contains("| `HSLF-3.6/c1` |"));
}

#[test]
fn controls_with_a_repository_include_its_own() {
    let repo = Repo::new();
    repo.write(
        "policies/local/controls.yaml",
        "framework: local\nname_sv: Egna krav\nname_en: Own requirements\ncontrols:\n  - id: LOCAL-1/c1\n    citation: Intern policy 4.2\n    title_sv: Stark autentisering\n    title_en: Strong authentication\n    severity: warning\n    applies_to: [all]\n    effective_from: 2024-01-01\n    effective_to: null\n    remediation_sv: Inför MFA.\n    remediation_en: Introduce MFA.\n    evidence: [System]\n",
    );
    let path = repo.path().to_str().unwrap();
    let local = controls_json(&[path, "--framework", "local"]);
    assert_eq!(local.len(), 1);
    assert_eq!(local[0]["id"], "LOCAL-1/c1");
    assert!(controls_json(&[]).iter().all(|c| c["id"] != "LOCAL-1/c1"));
}

#[test]
fn explain_prints_the_provision_evidence_remedy_and_example() {
    let out = run(&["explain", "HSLF-3.6/c1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("HSLF-FS 2016:40 3 kap. 6 §"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Gäller för:   vårdgivare"));
    assert!(out.stdout.contains("från 2017-03-01 (tills vidare)"));
    assert!(out.stdout.contains("Appointment (utnämning)"));
    assert!(out.stdout.contains("```yaml\nkind: Appointment\n"));
    let en = run(&["explain", "HSLF-3.6/c1", "--lang", "en"]);
    assert!(en.stdout.contains("Applies to:   healthcare providers"));
    assert!(en.stdout.contains("How to fix a finding:"));
}

/// The ```yaml blocks of an explanation.
fn yaml_blocks(text: &str) -> Vec<String> {
    text.split("```yaml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap().to_string())
        .collect()
}

#[test]
fn explain_examples_validate_against_the_schema() {
    // Every kind's example, together (references use the other kinds' example ids).
    let repo = Repo::new();
    for k in KINDS {
        repo.write(
            &format!("evidence/examples/{}.yaml", k.name),
            &example_yaml(k, "HSLF-3.6/c1"),
        );
    }
    let out = common::check(repo.path(), &["--format", "json"]);
    assert_ne!(out.code, 2, "input errors:\n{}", out.stderr);
    assert!(out.stderr.is_empty(), "{}", out.stderr);

    // The examples printed by `explain` for an audit control, with the System example
    // they may refer to: no input errors either.
    let repo = Repo::new();
    let explained = run(&["explain", "AUDIT-RESP-8/c1"]).stdout;
    let blocks = yaml_blocks(&explained);
    assert_eq!(blocks.len(), 2, "{explained}");
    assert!(blocks[0].contains("recommendations:"));
    repo.write("evidence/example.yaml", &blocks.join("---\n"));
    let out = common::check(repo.path(), &[]);
    assert_ne!(out.code, 2, "input errors:\n{}", out.stderr);

    let repo = Repo::new();
    let explained = run(&["explain", "PDL-4.3/c2", "--lang", "en"]).stdout;
    assert!(explained.contains("these ids must exist"), "{explained}");
    let mut docs = yaml_blocks(&explained);
    docs.push(example_yaml(
        kravkoll::evidence::schema::kind("System").unwrap(),
        "x",
    ));
    repo.write("evidence/example.yaml", &docs.join("---\n"));
    let out = common::check(repo.path(), &[]);
    assert_ne!(out.code, 2, "input errors:\n{}", out.stderr);
}

#[test]
fn explain_unknown_id_exits_2_with_a_hint() {
    let out = run(&["explain", "HSLF-3.6c1"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("did you mean `HSLF-3.6/c1`?"),
        "{}",
        out.stderr
    );
}

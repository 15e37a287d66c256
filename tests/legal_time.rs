//! The law in force at the right moment: controls judged by the date of the event keep the
//! repealed NIS act for incidents before 2026-01-15 (transitional provision 3 of SFS
//! 2025:1506), while state controls follow `--as-of`; the catalog's own checks of
//! placeholders and overlaps fail loudly.

mod common;

use common::{run, Repo};

/// `check REPO --as-of AS_OF` with more arguments.
fn check_at(repo: &Repo, as_of: &str, extra: &[&str]) -> common::Output {
    let mut args = vec!["check", repo.path().to_str().unwrap(), "--as-of", as_of];
    args.extend_from_slice(extra);
    run(&args)
}

const NIS_INCIDENT: &str = "kind: Incident
id: inc-nis-2025
title: Driftstopp i journalsystemet
detected: 2025-11-20T08:00
categories: [nis]
patient_harm: none
nis_significant: true
";

fn findings(repo: &Repo, as_of: &str) -> Vec<serde_json::Value> {
    let out = check_at(repo, as_of, &["--format", "json"]);
    assert!(out.code <= 1, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    v["findings"].as_array().unwrap().clone()
}

fn of<'a>(fs: &'a [serde_json::Value], control: &str) -> Vec<&'a serde_json::Value> {
    fs.iter().filter(|f| f["control"] == control).collect()
}

#[test]
fn an_unreported_nis_incident_stays_an_error_after_the_act_was_repealed() {
    let repo = Repo::new();
    repo.write("evidence/incidents/nis.yaml", NIS_INCIDENT);
    for as_of in ["2026-01-10", "2026-03-01", "2026-12-01"] {
        let fs = findings(&repo, as_of);
        let nis = of(&fs, "NIS-18/c1");
        assert_eq!(nis.len(), 1, "{as_of}: {fs:#?}");
        assert_eq!(nis[0]["severity"], "error");
        assert_eq!(nis[0]["record"], "inc-nis-2025");
        assert_eq!(nis[0]["event_date"], "2025-11-20", "{as_of}");
        // Cybersäkerhetslagen does not reach back to an incident before it came into force.
        assert!(of(&fs, "CSL-2.5/c1").is_empty(), "{as_of}: {fs:#?}");
    }
}

#[test]
fn state_controls_of_the_repealed_act_end_with_it() {
    // No risk analysis of the essential service: a NIS state control while the act is in
    // force, nothing from 2026-01-15 (cybersäkerhetslagen asks for its own analysis).
    let repo = Repo::new();
    let before = findings(&repo, "2026-01-10");
    assert_eq!(of(&before, "NIS-11-12/c1").len(), 1, "{before:#?}");
    assert!(of(&before, "NIS-11-12/c1")[0].get("event_date").is_none());
    let after = findings(&repo, "2026-03-01");
    assert!(of(&after, "NIS-11-12/c1").is_empty(), "{after:#?}");
    assert_eq!(of(&after, "CSL-2.3/c1").len(), 1);
}

#[test]
fn an_incident_after_the_change_falls_under_cybersakerhetslagen_only() {
    let repo = Repo::new();
    repo.write(
        "evidence/incidents/csl.yaml",
        &NIS_INCIDENT
            .replace("inc-nis-2025", "inc-csl-2026")
            .replace("2025-11-20T08:00", "2026-02-02T08:00"),
    );
    let fs = findings(&repo, "2026-03-01");
    assert!(of(&fs, "NIS-18/c1").is_empty(), "{fs:#?}");
    let csl = of(&fs, "CSL-2.5/c1");
    assert_eq!(csl.len(), 1, "{fs:#?}");
    assert_eq!(csl[0]["event_date"], "2026-02-02");
}

#[test]
fn explain_says_how_a_control_is_judged() {
    let out = run(&["explain", "NIS-18/c1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("Bedöms:       per händelsens datum"),
        "{}",
        out.stdout
    );
    let out = run(&["explain", "NIS-11-12/c1", "--lang", "en"]);
    assert!(
        out.stdout
            .contains("Judged:       the state on the check date"),
        "{}",
        out.stdout
    );
}

/// The repository's own pack with one control, LOCAL-1/c1, ending in `rest` (from line 13).
fn local_control(repo: &Repo, rest: &str) {
    repo.write(
        "policies/local/controls.yaml",
        &format!(
            "framework: local
name_sv: Egna kontroller
name_en: Own controls
controls:
  - id: LOCAL-1/c1
    citation: egen rutin
    title_sv: Egen kontroll
    title_en: Own check
    severity: warning
    applies_to: [all]
    effective_from: 2020-01-01
    effective_to: null
{rest}"
        ),
    );
}

#[test]
fn an_event_control_without_an_event_date_is_a_policy_error() {
    let repo = Repo::new();
    local_control(
        &repo,
        "    judged_by: event
    remediation_sv: Följ upp.
    remediation_en: Follow up.
",
    );
    repo.write(
        "policies/local/incidents.rego",
        "package kravkoll.local.incidents

findings contains f if {
	some i in input.incidents
	f := {\"control\": \"LOCAL-1/c1\", \"record\": i.id, \"message\": {\"sv\": \"x\", \"en\": \"x\"}}
}
",
    );
    repo.write("evidence/incidents/nis.yaml", NIS_INCIDENT);
    let out = check_at(&repo, "2026-03-01", &[]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("has no event_date"), "{}", out.stderr);
}

#[test]
fn unknown_placeholders_and_overlaps_are_catalog_errors_with_their_line() {
    let repo = Repo::new();
    local_control(
        &repo,
        "    stands_in_for: [PDL-4.3/c9]
    remediation_sv: Granska loggarna minst var {interval:log_folowup_interval_months}.
    remediation_en: Review the logs every {interval:log_followup_interval_months}.
",
    );
    repo.write(
        "policies/local/logs.rego",
        "package kravkoll.local.logs\n\nfindings := set()\n",
    );
    let out = check_at(&repo, "2025-12-31", &[]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr
            .contains("unknown interval `log_folowup_interval_months`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("log_followup_interval_months"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("controls.yaml:14"), "{}", out.stderr);
    assert!(out.stderr.contains("`PDL-4.3/c9`"), "{}", out.stderr);
    assert!(out.stderr.contains("controls.yaml:13"), "{}", out.stderr);
}

#[test]
fn cybersakerhetslagen_counts_the_group_and_kommunalforbund_and_yields_to_csl_covered() {
    let covered = |config: &str| {
        let repo = Repo::new();
        repo.write("kravkoll.yaml", config);
        let fs = findings(&repo, "2026-03-01");
        !of(&fs, "CSL-2.3/c1").is_empty()
    };
    let clinic = "organisation:
  name: Kliniken AB
  type: private
  healthcare_provider: true
  social_care_provider: false
  employees: 26
";
    assert!(!covered(clinic), "a small clinic on its own");
    let group = format!("{clinic}  enterprise_size:\n    employees: 140\n");
    assert!(
        covered(&group),
        "counted with its partner and linked enterprises"
    );
    assert!(!covered(&format!("{group}  csl_covered: false\n")));
    assert!(covered(
        "organisation:
  name: Vårdförbundet
  type: municipal_association
  healthcare_provider: true
  social_care_provider: true
"
    ));
}

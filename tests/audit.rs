//! The audit pack end to end: findings point at the recommendation's line, binding orders of
//! a supervision decision are errors (criticism is a warning), and an Improvement naming a
//! recommendation shows it done.

mod common;

use common::{run, Repo};

fn json(repo: &str, as_of: &str) -> serde_json::Value {
    let out = run(&["check", repo, "--as-of", as_of, "--format", "json"]);
    assert_ne!(out.code, 2, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("JSON")
}

fn audit_findings(v: &serde_json::Value) -> Vec<(String, String, String, u64)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["control"]
                .as_str()
                .is_some_and(|c| c.starts_with("AUDIT-RESP"))
        })
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["control"].as_str().unwrap().to_string(),
                f["record"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_unanswered_recommendation_is_found_on_its_own_line() {
    let v = json("examples/vardcentral-liten", "2025-12-31");
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["control"] == "AUDIT-RESP-1/c1")
        .expect("an AUDIT-RESP-1/c1 finding");
    assert_eq!(
        f["file"], "evidence/audits/vardval-uppfoljning-2025.yaml",
        "{f}"
    );
    let text = std::fs::read_to_string(
        "examples/vardcentral-liten/evidence/audits/vardval-uppfoljning-2025.yaml",
    )
    .unwrap();
    let line = f["line"].as_u64().unwrap() as usize;
    assert_eq!(
        text.lines().nth(line - 1).unwrap().trim(),
        "- id: vv25-2",
        "{f}"
    );
    assert!(f["message"].as_str().unwrap().contains("2025-08-29"));
}

const SUPERVISION: &str = "kind: Audit
id: tillsyn-imy-2025
title: Tillsyn av behörighetsstyrning i journalsystemet
auditor: Integritetsskyddsmyndigheten (IMY)
type: supervision
date: 2025-02-10
response_due: 2025-05-30
recommendations:
  - id: imy25-1
    text: Regionen ska genomföra en behovs- och riskanalys för journalsystemet.
    addressed_to: rs
    binding_order: true
  - id: imy25-2
    text: Regionen ska begränsa åtkomsten till journalsystemet efter analysen.
    addressed_to: rs
    binding_order: true
    response:
      action: Behörighetsprofiler begränsas efter behovs- och riskanalysen.
      due: 2025-10-31
      responsible: Förvaltningschef Vårdinformatik
  - id: imy25-3
    text: Regionen ska redovisa genomförda loggkontroller.
    addressed_to: rs
    binding_order: true
    response:
      action: Loggkontroller redovisas kvartalsvis till regionstyrelsen.
      due: 2025-09-30
      responsible: Säkerhetschefen
  - id: imy25-4
    text: IMY ser positivt på om regionen även följer upp behörigheterna årligen.
    addressed_to: rs
---
kind: Improvement
id: impr-imy25-3
title: Kvartalsvis redovisning av loggkontroller införd
sources: [imy25-3]
owner: Säkerhetschefen
decided: 2025-06-02
done: 2025-09-15
";

#[test]
fn binding_orders_are_errors_and_improvements_show_completion() {
    let repo = Repo::new();
    repo.write("evidence/audits/tillsyn.yaml", SUPERVISION);
    let path = repo.path().to_str().unwrap();

    // Before the response date nothing is due.
    assert!(audit_findings(&json(path, "2025-05-30")).is_empty());

    let mut got = audit_findings(&json(path, "2025-12-31"));
    got.sort();
    assert_eq!(
        got,
        vec![
            // imy25-1: no response after 2025-05-30 (line 9).
            (
                "error".into(),
                "AUDIT-RESP-1/c2".into(),
                "tillsyn-imy-2025".into(),
                9
            ),
            // imy25-2: its action was due 2025-10-31, no Improvement shows it done (line 13).
            (
                "error".into(),
                "AUDIT-RESP-8/c2".into(),
                "tillsyn-imy-2025".into(),
                13
            ),
            // imy25-4 is criticism, not an order: unanswered, a warning (line 29).
            (
                "warning".into(),
                "AUDIT-RESP-1/c1".into(),
                "tillsyn-imy-2025".into(),
                29
            ),
            // imy25-3 is done (impr-imy25-3): no finding.
        ]
    );
    let out = run(&["check", path, "--as-of", "2025-12-31", "--lang", "en"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("to Regionstyrelsen"), "{}", out.stdout);
}

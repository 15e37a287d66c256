//! SARIF output: valid per the official validator (`sarif-multitool validate`, from the npm
//! package `@microsoft/sarif-multitool-linux` that `.ci/run` installs into `.ci/node_modules`),
//! with stable fingerprints, rules carrying citation and remediation, and accepted findings
//! as suppressions. Without the validator the validation test fails when `CI=true` and is
//! skipped with a note otherwise.

mod common;

use std::path::{Path, PathBuf};

use common::run;

fn sarif(example: &str, as_of: &str, dir: &Path) -> (PathBuf, serde_json::Value) {
    let path = dir.join(format!("{example}.sarif"));
    let out = run(&[
        "check",
        &format!("examples/{example}"),
        "--as-of",
        as_of,
        "-o",
        &format!("sarif:{}", path.display()),
        "--fail-on",
        "never",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.is_empty(),
        "a file output writes nothing to stdout"
    );
    let text = std::fs::read_to_string(&path).expect("SARIF written");
    (path, serde_json::from_str(&text).expect("JSON"))
}

fn validator() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KRAVKOLL_SARIF_MULTITOOL") {
        return Some(PathBuf::from(p));
    }
    let local = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".ci/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    if local.is_file() {
        return Some(local);
    }
    let on_path = std::process::Command::new("sarif-multitool")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    on_path.then(|| PathBuf::from("sarif-multitool"))
}

#[test]
#[cfg_attr(
    kravkoll_no_sarif_multitool,
    ignore = "needs the SARIF validator, not found when the tests were built: run .ci/run (npm ci --prefix .ci) or set KRAVKOLL_SARIF_MULTITOOL=/path/to/sarif-multitool, then cargo test"
)]
fn sarif_of_both_examples_passes_the_official_validator() {
    let Some(tool) = validator() else {
        let msg = "sarif-multitool not found: run .ci/run (npm ci --prefix .ci) or set KRAVKOLL_SARIF_MULTITOOL";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{msg}");
        }
        eprintln!("SKIPPED: {msg}");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // The region on a date when its exception was in force (a suppression), and the small
    // provider with its gaps.
    for (example, as_of) in [
        ("region-exempel", "2025-01-15"),
        ("vardcentral-liten", "2025-12-31"),
    ] {
        let (path, _) = sarif(example, as_of, dir.path());
        let log = dir.path().join(format!("{example}.validation.sarif"));
        let out = std::process::Command::new(&tool)
            .arg("validate")
            .arg(&path)
            .arg("-o")
            .arg(&log)
            .args([
                "--log",
                "ForceOverwrite",
                "--level",
                "Error",
                "Warning",
                "Note",
            ])
            .output()
            .expect("sarif-multitool runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{example}: validator failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&log).expect("validation log")).unwrap();
        let errors: Vec<String> = v["runs"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["results"].as_array().cloned().unwrap_or_default())
            .filter(|r| r["level"] == "error")
            .map(|r| format!("{} {}", r["ruleId"], r["message"]))
            .collect();
        assert!(
            errors.is_empty(),
            "{example}: SARIF errors: {errors:#?}\n{stdout}"
        );
    }
}

#[test]
fn sarif_content_and_stable_fingerprints() {
    let dir = tempfile::tempdir().unwrap();
    let (_, a) = sarif("vardcentral-liten", "2025-12-31", dir.path());
    let (_, b) = sarif("vardcentral-liten", "2026-01-31", dir.path());
    assert_eq!(a["version"], "2.1.0");
    let run = &a["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let journal = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "PDL-4.2/c1")
        .unwrap();
    let rule = &rules[journal["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["id"], "PDL-4.2/c1");
    assert_eq!(rule["properties"]["framework"], "pdl");
    assert_eq!(rule["properties"]["severity"], "error");
    assert!(rule["help"]["text"]
        .as_str()
        .unwrap()
        .contains("4 kap. 2 §"));
    assert_eq!(journal["level"], "error");
    let loc = &journal["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "examples/vardcentral-liten/evidence/systems/system.yaml"
    );
    assert_eq!(loc["region"]["startLine"], 1);
    // Every evaluated control is a rule, including those without findings.
    assert!(rules.len() >= 20);
    // Fingerprints do not change with the date (messages do).
    let prints = |v: &serde_json::Value| -> Vec<(String, String)> {
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_string(),
                    r["partialFingerprints"]["kravkoll/v1"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect()
    };
    let pa = prints(&a);
    let pb = prints(&b);
    for p in &pa {
        if p.0 != "PDL-4.3/c2" && p.0 != "HSLF-3.6/c2" {
            assert!(pb.contains(p), "fingerprint of {} changed", p.0);
        }
    }
    let mut unique: Vec<_> = pa.iter().map(|p| &p.1).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), pa.len(), "fingerprints are unique");
}

#[test]
fn accepted_findings_are_suppressions() {
    let dir = tempfile::tempdir().unwrap();
    let (_, v) = sarif("region-exempel", "2025-01-15", dir.path());
    let accepted: Vec<&serde_json::Value> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(accepted.len(), 1, "{v:#}");
    let s = &accepted[0]["suppressions"][0];
    assert_eq!(s["kind"], "external");
    assert_eq!(s["status"], "accepted");
    assert!(s["justification"]
        .as_str()
        .unwrap()
        .starts_with("exc-pacs-logg-2024 (Hälso- och sjukvårdsnämnden, 2024-09-16 – 2025-02-28): Under migreringen"));
    assert_eq!(accepted[0]["properties"]["record"], "sys-pacs");
}

//! Settings in kravkoll.yaml take effect: interval overrides and the default language.

mod common;

use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

fn small_provider_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("examples/vardcentral-liten"), dir.path());
    dir
}

fn controls_and_records(out: &common::Output) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["control"].as_str().unwrap().to_string(),
                f["record"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect()
}

#[test]
fn interval_overrides_change_the_checks() {
    let dir = small_provider_copy();
    let before = controls_and_records(&common::check(dir.path(), &["--format", "json"]));
    assert!(before.contains(&("PDL-4.3/c2".into(), "sys-etjanst".into())));

    // The e-service platform's last log review is eight months old: with a 12-month
    // interval it is no longer late.
    let config = std::fs::read_to_string(dir.path().join("kravkoll.yaml")).unwrap();
    std::fs::write(
        dir.path().join("kravkoll.yaml"),
        format!("{config}\nintervals:\n  log_followup_interval_months: 12\n"),
    )
    .unwrap();
    let out = common::check(dir.path(), &["--format", "json"]);
    let after = controls_and_records(&out);
    assert!(
        !after.contains(&("PDL-4.3/c2".into(), "sys-etjanst".into())),
        "{after:?}"
    );
    assert!(
        after.contains(&("PDL-4.3/c4".into(), "sys-ekg".into())),
        "a system never reviewed is still flagged"
    );

    // With six months the review of April is late again, and the message and remediation
    // show the configured value and say where it comes from.
    std::fs::write(
        dir.path().join("kravkoll.yaml"),
        format!("{config}\nintervals:\n  log_followup_interval_months: 6\n"),
    )
    .unwrap();
    let out = common::check(dir.path(), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let etjanst = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["control"] == "PDL-4.3/c2" && f["record"] == "sys-etjanst")
        .unwrap();
    let own =
        "6 månader (enligt inställningen intervals.log_followup_interval_months i kravkoll.yaml)";
    assert!(
        etjanst["message"].as_str().unwrap().contains(own),
        "{etjanst:#}"
    );
    assert!(
        etjanst["remediation"].as_str().unwrap().contains(own),
        "{etjanst:#}"
    );
}

#[test]
fn a_kravkoll_default_is_never_presented_as_law() {
    let dir = small_provider_copy();
    let out = common::check(dir.path(), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let default =
        "3 månader (kravkolls standardvärde; inställningen intervals.log_followup_interval_months)";
    let setting = regex::Regex::new(r"intervals\.[a-z_]+").unwrap();
    // A setting name in prose: the named parenthesis removed, none may remain.
    let raw =
        regex::Regex::new(r"[a-z]_(interval_months|max_age_months|cycle_months|hours)\b").unwrap();
    for f in v["findings"].as_array().unwrap() {
        let text = format!("{} {}", f["message"], f["remediation"]);
        let stripped = setting.replace_all(&text, "");
        assert!(!raw.is_match(&stripped), "{}: {text}", f["control"]);
        if f["control"] == "PDL-4.3/c2" {
            assert!(text.contains(default), "{text}");
        }
    }
    // The law's own number carries no such note.
    let gdpr = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["control"] == "GDPR-33/c1")
        .unwrap();
    assert!(gdpr["message"]
        .as_str()
        .unwrap()
        .contains("fristen är 72 timmar."));
    assert!(gdpr["message"]
        .as_str()
        .unwrap()
        .contains("3\u{a0}257,2 timmar"));
}

#[test]
fn language_from_the_configuration_and_the_command_line() {
    let dir = small_provider_copy();
    let config = std::fs::read_to_string(dir.path().join("kravkoll.yaml")).unwrap();
    let english = config.replace("language: sv", "language: en");
    assert_ne!(config, english, "the example sets language: sv");
    std::fs::write(dir.path().join("kravkoll.yaml"), english).unwrap();
    let out = common::check(dir.path(), &[]);
    assert!(out.stdout.contains("provision: "), "{}", out.stdout);
    assert!(out.stdout.contains("basis: "), "{}", out.stdout);
    let out = common::check(dir.path(), &["--lang", "sv"]);
    assert!(out.stdout.contains("lagrum: "), "{}", out.stdout);
}

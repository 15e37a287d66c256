//! The built-in packs: every Rego test passes, every control in the catalog has a policy
//! that can produce it and tests that exercise it, and the catalog is well-formed.

use kravkoll::catalog::{builtin_files, Catalog};
use kravkoll::engine::{tests, PolicyEngine};

#[test]
fn every_rego_test_passes_and_every_control_is_tested() {
    let files = builtin_files();
    let catalog = Catalog::load(&files).unwrap_or_else(|p| panic!("catalog: {:?}", p.problems));
    let report =
        tests::run(&files, &catalog).unwrap_or_else(|p| panic!("compile: {:?}", p.problems));
    let failures: Vec<_> = report
        .results
        .iter()
        .filter(|r| r.failure.is_some())
        .collect();
    assert!(failures.is_empty(), "failing Rego tests: {failures:#?}");
    assert!(
        report.untested.is_empty(),
        "controls without tests: {:?}",
        report.untested
    );
    assert!(
        report.results.len() >= catalog.controls.len(),
        "fewer tests than controls"
    );
    println!("{} passed, 0 failed", report.passed());
}

#[test]
fn every_control_has_a_policy_and_every_policy_control_is_in_the_catalog() {
    let files = builtin_files();
    let catalog = Catalog::load(&files).unwrap();
    let rego: Vec<_> = files
        .iter()
        .filter(|f| f.path.ends_with(".rego") && !f.path.ends_with("_test.rego"))
        .collect();
    // `evaluated_by: kravkoll` controls are evaluated in Rust (src/exceptions.rs), not by Rego.
    for c in catalog.controls.iter().filter(|c| c.evaluated_by.is_none()) {
        let dir = format!("policies/{}/", c.framework);
        let quoted = format!("\"{}\"", c.id);
        assert!(
            rego.iter()
                .any(|f| f.path.starts_with(&dir) && f.text.contains(&quoted)),
            "control {} has no policy in {dir}",
            c.id
        );
    }
    // The converse: any quoted control-shaped id in a policy is a known control.
    let re = regex_lite_ids();
    for f in &rego {
        for id in re(&f.text) {
            assert!(
                catalog.get(&id).is_some(),
                "{} mentions unknown control {id}",
                f.path
            );
        }
    }
    assert!(PolicyEngine::compile(&files).is_ok());
}

/// Extracts `"control": "X"` values from policy text.
fn regex_lite_ids() -> impl Fn(&str) -> Vec<String> {
    |text: &str| {
        text.match_indices("\"control\":")
            .filter_map(|(i, m)| {
                let rest = text[i + m.len()..].trim_start();
                let rest = rest.strip_prefix('"')?;
                Some(rest[..rest.find('"')?].to_string())
            })
            .collect()
    }
}

/// The provenance labels of docs/legal-sources.md: how the legal text behind a control was read.
const PROVENANCE: &[&str] = &[
    "official-text",
    "quoted",
    "paraphrase",
    "interpretation",
    "kravkoll",
];

#[test]
fn catalog_entries_are_complete() {
    let catalog = Catalog::load(&builtin_files()).unwrap();
    assert!(!catalog.controls.is_empty());
    for c in &catalog.controls {
        // kravkoll's own checks (evidence hygiene, the profile) cite kravkoll's rules, not a
        // provision, and are labelled as such (a basis, not law).
        let hygiene = c.framework == "kravkoll" && !c.is_statutory();
        // Audit practice and MSB's recommendations are not law: they cite the auditors'
        // rules or the report, with no section to name.
        let not_law = matches!(c.framework.as_str(), "audit" | "msb-2018");
        // A regulation whose section could not be read cites it without one, and the control
        // rests on a public summary.
        let section_unread = c.provenance == "paraphrase";
        assert!(
            (hygiene && c.citation.starts_with("kravkoll: "))
                || not_law
                || section_unread
                || c.citation.contains('§')
                || c.citation.contains("art")
                || c.citation.contains("Art"),
            "{}: citation {:?} names no provision",
            c.id,
            c.citation
        );
        assert!(
            PROVENANCE.contains(&c.provenance.as_str()),
            "{}: provenance {:?} is not one of {PROVENANCE:?}",
            c.id,
            c.provenance
        );
        // An error needs a clear duty read in the text itself (or quoted verbatim).
        if c.severity == kravkoll::findings::Severity::Error {
            assert!(
                matches!(c.provenance.as_str(), "official-text" | "quoted"),
                "{}: an error resting on {:?}",
                c.id,
                c.provenance
            );
        }
        assert!(!c.source.is_empty(), "{}: source", c.id);
        assert!(
            c.id.split('/').next().is_some_and(|p| p.contains('-')),
            "{}: id scheme",
            c.id
        );
    }
    for fw in ["hslf-fs-2016-40", "pdl", "psl", "gdpr"] {
        assert!(catalog.framework(fw).is_some(), "framework {fw} missing");
    }
}

//! The annual report is true as of 31 December: regenerating 2025 after ordinary 2026
//! updates gives the 2025 report byte for byte — from git history where the evidence is a
//! git repository, and without git where the 2026 updates keep the earlier dates in the
//! history fields. Where neither can tell, the report says "uppgift per 31/12 saknas" and
//! never states the later fact.

mod common;

use std::path::Path;

use common::{commit_all, example_copy, run};
use git2::Repository;

const END_2025: i64 = 1_767_171_600; // 2025-12-31T09:00:00Z
const JUNE_2026: i64 = 1_780_304_400; // 2026-06-01T09:00:00Z
const DEC_2026: i64 = 1_796_115_600; // 2026-12-01T09:00:00Z

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn append(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut old = std::fs::read_to_string(&path).unwrap_or_default();
    if !old.is_empty() {
        old.push_str("---\n");
    }
    old.push_str(text);
    std::fs::write(&path, old).unwrap();
}

/// Panics at the first line where two reports differ.
fn same(actual: &str, expected: &str, what: &str) {
    if actual == expected {
        return;
    }
    let line = actual
        .lines()
        .zip(expected.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(actual.lines().count().min(expected.lines().count()));
    panic!(
        "{what}: differs at line {}:\n  now:    {:?}\n  before: {:?}",
        line + 1,
        actual.lines().nth(line),
        expected.lines().nth(line)
    );
}

/// The reports of 2025 (Markdown and HTML) for the evidence at `root`.
fn reports(root: &Path, extra: &[&str]) -> (String, String) {
    let p = root.to_str().unwrap();
    let mut md = vec!["report", "annual", "--year", "2025", p];
    md.extend_from_slice(extra);
    let a = run(&md);
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert!(a.stderr.is_empty(), "{}", a.stderr);
    let mut html = md.clone();
    html.extend_from_slice(&["--format", "html"]);
    let b = run(&html);
    assert_eq!(b.code, 0, "{}", b.stderr);
    (a.stdout, b.stdout)
}

/// Records made in 2026 about 2026: they did not exist on 31 December 2025.
fn add_2026_records(root: &Path) {
    append(
        root,
        "evidence/incidents/2026/inc-2026.yaml",
        "kind: Incident
id: inc-2026-01
title: Nätfiske mot vårdcentral
detected: 2026-02-03T10:00
categories: [it]
patient_harm: none
",
    );
    append(
        root,
        "evidence/risk/ra-2026.yaml",
        "kind: RiskAnalysis
id: ra-org-2026
title: Övergripande riskanalys 2026
scope: organisation
performed: 2026-04-13
",
    );
    append(
        root,
        "evidence/governance/mognad-2026.yaml",
        "kind: MaturityAssessment
id: mog-2026-risk
year: 2026
area: risk_management
level: 4
justification: Exempel på en senare bedömning.
",
    );
}

/// The ordinary updates of 2026 the issue names: the policy revised (it was reviewed in
/// 2025), a continuity plan exercised again, an objective's status changed, a supplier
/// followed up, an incident closed — each overwriting the 2025 value.
fn overwrite_2026(root: &Path) {
    let docs = "evidence/governance/documents.yaml";
    edit(
        root,
        docs,
        "adopted: 2024-06-10\nlast_reviewed: 2025-12-10",
        "adopted: 2024-06-10\nlast_reviewed: 2026-11-30",
    );
    let plans = "evidence/continuity/kontinuitetsplaner.yaml";
    edit(
        root,
        plans,
        "last_exercised: 2025-12-04\nexercise_history: [2024-11-13]",
        "last_exercised: 2026-11-20\nexercise_history: [2024-11-13]",
    );
    let objs = "evidence/governance/objectives.yaml";
    edit(
        root,
        objs,
        "target_date: 2027-06-30\nstatus: open\nfollowed_up: 2025-12-15",
        "target_date: 2027-06-30\nstatus: met\nfollowed_up: 2026-12-10",
    );
    let sup = "evidence/suppliers/leverantorer.yaml";
    edit(
        root,
        sup,
        "last_followup: 2025-12-16",
        "last_followup: 2026-12-01",
    );
    let inc = "evidence/incidents/2025/inc-2025-07-obehorig-atkomst.yaml";
    edit(root, inc, "closed: 2025-11-07", "closed: 2026-01-12");
}

/// Updates of 2026 that keep the 2025 values in the history fields (the records keep
/// their lines, so the traceability notes stay the same too).
fn keep_history_2026(root: &Path) {
    let docs = "evidence/governance/documents.yaml";
    edit(root, docs, "last_reviewed: 2025-12-09\nreview_history: [2022-12-12, 2023-12-11, 2024-12-09]", "last_reviewed: 2026-11-30\nreview_history: [2022-12-12, 2023-12-11, 2024-12-09, 2025-12-09]");
    let plans = "evidence/continuity/kontinuitetsplaner.yaml";
    edit(
        root,
        plans,
        "last_exercised: 2025-12-04\nexercise_history: [2024-11-13]",
        "last_exercised: 2026-11-20\nexercise_history: [2024-11-13, 2025-12-04]",
    );
    let objs = "evidence/governance/objectives.yaml";
    edit(
        root,
        objs,
        "target_date: 2026-12-31\nstatus: open\nfollowed_up: 2025-12-15",
        "target_date: 2026-12-31\nstatus: met\nfollowed_up: 2026-12-10",
    );
    let path = root.join(objs);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("  - date: 2026-12-10\n    status: met\n    value: 100 procent\n");
    std::fs::write(&path, text).unwrap();
    let sup = "evidence/suppliers/leverantorer.yaml";
    edit(
        root,
        sup,
        "last_followup: 2025-12-10\nfollowup_history: [2023-12-12, 2024-12-11]",
        "last_followup: 2026-12-01\nfollowup_history: [2023-12-12, 2024-12-11, 2025-12-10]",
    );
}

const LATER: &[&str] = &[
    "2026-11-30",
    "2026-11-20",
    "2026-12-10",
    "2026-12-01",
    "2026-01-12",
    "2026-02-03",
    "2026-04-13",
];

#[test]
fn git_history_reproduces_the_2025_report_after_2026_edits() {
    let ex = example_copy("region-helar");
    let root = ex.path();
    let (md, html) = reports(root, &[]);
    let repo = Repository::init(root).unwrap();
    commit_all(&repo, "Underlaget vid årsskiftet", END_2025);
    // Committed in a git repository with nothing later, the report is the same.
    let (a, b) = reports(root, &[]);
    same(&a, &md, "committed at the year end");
    same(&b, &html, "committed at the year end (HTML)");
    overwrite_2026(root);
    add_2026_records(root);
    commit_all(&repo, "Uppdateringar under 2026", JUNE_2026);
    std::fs::remove_file(root.join("evidence/logs/pacs-2025.yaml")).unwrap();
    commit_all(
        &repo,
        "Loggkontrollerna 2025 flyttade till arkivet",
        DEC_2026,
    );
    let (md2, html2) = reports(root, &[]);
    same(&md2, &md, "Markdown after 2026 edits, from git");
    same(&html2, &html, "HTML after 2026 edits, from git");
    let (a, b) = reports(root, &["--rev", "HEAD"]);
    same(&a, &md, "--rev HEAD");
    same(&b, &html, "--rev HEAD (HTML)");
    // An uncommitted change made now does not reach back into 2025 either.
    edit(
        root,
        "evidence/suppliers/leverantorer.yaml",
        "last_followup: 2025-12-10",
        "last_followup: 2026-12-02",
    );
    same(&reports(root, &[]).0, &md, "with an uncommitted change");
    for later in LATER {
        assert!(!md.contains(later));
    }
}

#[test]
fn history_fields_reproduce_the_2025_report_without_git() {
    let ex = example_copy("region-helar");
    let root = ex.path();
    let before = reports(root, &[]);
    keep_history_2026(root);
    add_2026_records(root);
    let after = reports(root, &[]);
    same(
        &after.0,
        &before.0,
        "Markdown after 2026 edits, without git",
    );
    same(&after.1, &before.1, "HTML after 2026 edits, without git");
}

#[test]
fn without_history_later_facts_are_unknown_never_stated() {
    let ex = example_copy("region-helar");
    let root = ex.path();
    let (before, _) = reports(root, &[]);
    overwrite_2026(root);
    let out = run(&["report", "annual", "--year", "2025", root.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = out.stdout;
    for later in LATER {
        assert!(!md.contains(later), "{later} is after 2025");
    }
    assert!(md.contains("uppgift per 31/12 saknas"), "{md}");
    // The policy is not reported as years overdue (its 2025 review is simply unknown) …
    assert!(!md.contains("revision försenad"), "{md}");
    // … the objective is not reported as met, the plan not as unexercised.
    let iso = md
        .lines()
        .find(|l| l.starts_with("| Ledningssystemet för informationssäkerhet har spårbarhet"))
        .unwrap();
    assert!(iso.ends_with("| uppgift per 31/12 saknas |"), "{iso}");
    assert!(!md.contains("inte övad"));
    // The supplier's 2025 follow-up is not silently lost from the count.
    assert!(
        md.contains("om leverantören följdes upp under året är inte känt"),
        "{md}"
    );
    assert_ne!(md, before);
}

#[test]
fn a_history_that_begins_after_the_year_reads_the_evidence_as_it_is() {
    let ex = example_copy("region-helar");
    let root = ex.path();
    let (md, _) = reports(root, &[]);
    let repo = Repository::init(root).unwrap();
    commit_all(&repo, "Underlaget läggs i git under 2026", JUNE_2026);
    same(&reports(root, &[]).0, &md, "history from 2026");
}

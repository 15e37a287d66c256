//! The findings of the examples and of a small synthetic region (benches/synthetic), as
//! `check --format json` prints them in Swedish and English, are byte-identical to the
//! snapshot in tests/golden/findings/. Work on speed must leave them so; work that changes
//! findings on purpose (a control, a message, an example) regenerates the snapshot
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --test findings_snapshot
//! ```
//!
//! and the change is reviewed in the diff of the snapshot files.

mod common;
#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

use std::path::Path;

use common::run;

/// Records in the synthetic region: every kind, a few dozen systems, a few hundred findings.
const SYNTHETIC_RECORDS: usize = 600;

fn golden_dir() -> &'static Path {
    Path::new("tests/golden/findings")
}

fn check_json(repo: &str, as_of: &str, lang: &str) -> String {
    let out = run(&[
        "check", repo, "--as-of", as_of, "--lang", lang, "--format", "json",
    ]);
    assert!(
        out.code == 0 || out.code == 1,
        "check {repo} --as-of {as_of} --lang {lang} exited with {}:\n{}",
        out.code,
        out.stderr
    );
    assert!(out.stderr.is_empty(), "stderr: {}", out.stderr);
    out.stdout
}

/// Compares `actual` with the snapshot `name`, or rewrites it under UPDATE_GOLDEN=1.
fn snapshot(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(golden_dir()).expect("create the snapshot folder");
        std::fs::write(&path, actual).expect("write the snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; create it with UPDATE_GOLDEN=1 cargo test --test findings_snapshot",
            path.display()
        )
    });
    if expected == actual {
        return;
    }
    // Keep the actual output beside the target folder for `diff`.
    let actual_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::write(&actual_path, actual);
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    panic!(
        "the findings differ from the snapshot {} at line {}:\n  snapshot: {:?}\n  actual:   {:?}\n\
         the whole output is in {}; if the change is intended: UPDATE_GOLDEN=1 cargo test --test findings_snapshot",
        path.display(),
        line + 1,
        expected.lines().nth(line).unwrap_or("<end>"),
        actual.lines().nth(line).unwrap_or("<end>"),
        actual_path.display()
    );
}

fn example(name: &str, as_of: &str) {
    for lang in ["sv", "en"] {
        let json = check_json(&format!("examples/{name}"), as_of, lang);
        snapshot(&format!("{name}.{as_of}.{lang}.json"), &json);
    }
}

#[test]
fn region_exempel() {
    example("region-exempel", "2025-12-31");
    example("region-exempel", "2026-11-22");
}

/// A JSON report written to a file (`-o json:PATH`) is the one printed on standard output,
/// byte for byte: both are written as they are made, through different writers.
#[test]
fn json_file_is_what_standard_output_prints() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.json");
    let target = format!("json:{}", path.display());
    let out = run(&[
        "check",
        "examples/region-exempel",
        "--as-of",
        "2025-12-31",
        "-o",
        &target,
    ]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let written = std::fs::read_to_string(&path).expect("the report file");
    assert_eq!(
        written,
        check_json("examples/region-exempel", "2025-12-31", "sv")
    );
    assert!(written.ends_with("}\n"));
}

/// The HTML report, written as it is made, is the same to a file and on standard output.
#[test]
fn html_file_is_what_standard_output_prints() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.html");
    let target = format!("html:{}", path.display());
    let args = ["check", "examples/region-exempel", "--as-of", "2025-12-31"];
    let to_file = run(&[&args[..], &["-o", &target]].concat());
    assert!(to_file.code == 0 || to_file.code == 1, "{}", to_file.stderr);
    let printed = run(&[&args[..], &["--format", "html"]].concat());
    let written = std::fs::read_to_string(&path).expect("the report file");
    assert_eq!(written, printed.stdout);
    assert!(written.starts_with("<!DOCTYPE html>") && written.ends_with("</html>\n"));
}

#[test]
fn region_helar() {
    example("region-helar", "2025-12-31");
}

#[test]
fn vardcentral_liten() {
    example("vardcentral-liten", "2025-12-31");
}

#[test]
fn kommun_omsorg() {
    example("kommun-omsorg", "2026-11-22");
}

#[test]
fn myndighet_exempel() {
    example("myndighet-exempel", "2025-12-31");
}

#[test]
fn synthetic_region() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = synthetic::generate(SYNTHETIC_RECORDS, synthetic::SEED);
    assert_eq!(data.records.len(), SYNTHETIC_RECORDS);
    data.write(dir.path(), synthetic::Layout::Bulk);
    let repo = dir.path().to_str().expect("a UTF-8 path");
    for lang in ["sv", "en"] {
        let json = check_json(repo, synthetic::AS_OF, lang);
        let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        // A snapshot of nothing would prove nothing: the data must have findings of many
        // controls, and of every severity.
        let findings = v["findings"].as_array().expect("findings");
        let controls: std::collections::BTreeSet<&str> = findings
            .iter()
            .filter_map(|f| f["control"].as_str())
            .collect();
        assert!(controls.len() >= 20, "only {controls:?}");
        for severity in ["error", "warning", "info"] {
            assert!(
                findings.iter().any(|f| f["severity"] == severity),
                "no {severity} finding"
            );
        }
        snapshot(&format!("synthetic-{SYNTHETIC_RECORDS}.{lang}.json"), &json);
    }
}

/// The generator is deterministic, writes exactly the records asked for, every kind among
/// them, and the `before` state differs from the current one as described.
#[test]
fn synthetic_data_is_deterministic_and_complete() {
    let a = synthetic::generate(SYNTHETIC_RECORDS, synthetic::SEED);
    let b = synthetic::generate(SYNTHETIC_RECORDS, synthetic::SEED);
    let files = |d: &synthetic::Synthetic, before| d.files(synthetic::Layout::Single, before);
    assert_eq!(files(&a, false), files(&b, false));
    assert_eq!(files(&a, true), files(&b, true));
    let folders: std::collections::BTreeSet<&str> = a.records.iter().map(|r| r.folder).collect();
    for kind in kravkoll::evidence::schema::KINDS {
        assert!(folders.contains(kind.plural), "no {} record", kind.name);
    }
    let changed = a
        .records
        .iter()
        .filter(|r| !matches!(r.before, synthetic::Before::Same))
        .count();
    assert!(changed > 0 && !a.removed.is_empty());
    assert!(changed < SYNTHETIC_RECORDS / 5, "{changed} records changed");
    for n in [100, 1000, 2345] {
        assert_eq!(synthetic::generate(n, 7).records.len(), n);
    }
}

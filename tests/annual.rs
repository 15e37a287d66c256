//! `kravkoll report annual`: golden files for Region Helår 2025 (Markdown in Swedish and
//! English, HTML in Swedish), byte-identical repeats, `--board`, and the strict self-check.
//!
//! The golden files live in tests/golden/. After an intended change of the report (or of
//! the controls, which changes the gap-report section), rewrite them with
//! `UPDATE_GOLDEN=1 cargo test --test annual` and review the diff.

mod common;

use std::path::Path;

use common::{run, Output};

const REGION: &str = "examples/region-helar";

fn annual(repo: &str, extra: &[&str]) -> Output {
    let mut args = vec!["report", "annual", "--year", "2025", repo];
    args.extend_from_slice(extra);
    run(&args)
}

fn golden(name: &str, actual: &str) {
    let path = Path::new("tests/golden").join(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; create it with UPDATE_GOLDEN=1 cargo test --test annual",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the output at line {}:\n  golden: {:?}\n  actual: {:?}\nif the change is intended: UPDATE_GOLDEN=1 cargo test --test annual",
            path.display(),
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

#[test]
fn region_matches_the_golden_files() {
    for (name, extra) in [
        ("annual-region-helar-2025.sv.md", vec![]),
        ("annual-region-helar-2025.en.md", vec!["--lang", "en"]),
        ("annual-region-helar-2025.sv.html", vec!["--format", "html"]),
    ] {
        let out = annual(REGION, &extra);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        assert!(out.stderr.is_empty(), "{name}: {}", out.stderr);
        golden(name, &out.stdout);
    }
}

#[test]
fn the_four_statutory_sections_cite_their_evidence() {
    let out = annual(REGION, &[]);
    let md = &out.stdout;
    for h in [
        "## 1. Riskanalyser som har gjorts",
        "## 2. Incidenter som medfört eller hade kunnat medföra vårdskada",
        "## 3. Uppföljningar som har gjorts",
        "## 4. Förbättringsåtgärder som har vidtagits",
        "## Bristanalys per 31 december 2025",
        "## Utdrag för patientsäkerhetsberättelsen (HSLF-FS 2016:40 7 kap. 1 §)",
    ] {
        assert!(md.contains(h), "missing {h}");
    }
    // Counts with the previous year, and the ids behind them.
    assert!(md.contains("| Incidenter | 20 (2024: 4) |"), "{md}");
    assert!(md.contains("| Riskanalyser | 8 (2024: 1) |"));
    assert!(md.contains("| – varav anmälda till IMY | 6 | 1 |"));
    assert!(md.contains(
        "NIS-/cybersäkerhetsincidenter rapporterade till MSB | 2 | 0 | inc-2025-06, inc-2025-17 |"
    ));
    assert!(md.contains("inc-2025-10 — Läkemedelslista saknades"));
    assert!(md.contains("medförde vårdskada"));
    assert!(md.contains("| Vårdjournal Lumen (sys-journal) | 5 | 11102 | 45 | 1 |"));
    // -o writes the same bytes to a file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("isb.md");
    let out2 = annual(REGION, &["-o", path.to_str().unwrap()]);
    assert_eq!(out2.code, 0);
    assert!(out2.stdout.is_empty());
    assert_eq!(&std::fs::read_to_string(&path).unwrap(), md);
}

#[test]
fn two_runs_give_identical_output() {
    for extra in [vec![], vec!["--format", "html"], vec!["--lang", "en"]] {
        let a = annual(REGION, &extra);
        let b = annual(REGION, &extra);
        assert_eq!(a.code, 0);
        assert_eq!(a.stdout, b.stdout, "{extra:?}");
    }
}

#[test]
fn a_year_without_evidence_says_so_in_every_statutory_section() {
    let out = run(&["report", "annual", "--year", "2022", REGION]);
    assert_eq!(out.code, 0, "warnings do not fail without --strict");
    for s in [
        "Inga riskanalyser genomfördes under 2022.",
        "Inga incidenter som medförde eller hade kunnat medföra vårdskada inträffade under 2022.",
        "Inga uppföljningar genomfördes under 2022.",
        "Inga förbättringsåtgärder genomfördes under 2022.",
    ] {
        assert!(out.stdout.contains(s), "missing {s:?}");
    }
    assert!(out
        .stderr
        .contains("warning: no risk analyses performed in 2022"));
    let en = run(&["report", "annual", "--year", "2022", REGION, "--lang", "en"]);
    assert!(en
        .stdout
        .contains("No risk analyses were performed in 2022."));
}

#[test]
fn board_restricts_to_its_records_and_the_whole_organisation() {
    let all = annual(REGION, &[]);
    let hsn = annual(REGION, &["--board", "hsn"]);
    assert_eq!(hsn.code, 0, "{}", hsn.stderr);
    assert!(hsn.stdout.contains(
        "Nämnd: Hälso- och sjukvårdsnämnden (hsn). Poster som inte är knutna till någon nämnd gäller hela organisationen och ingår."
    ));
    // Log reviews are recorded per board (hsn): all remain; records of the regional board
    // (rs) are left out.
    assert!(hsn.stdout.contains("| Totalt | 15 |"));
    let rs = annual(REGION, &["--board", "rs"]);
    assert!(
        !rs.stdout.contains("lr-lumen-2025-1"),
        "hsn's log reviews left out"
    );
    assert_ne!(all.stdout, rs.stdout);
    // Records without a board (incidents here) belong to the whole organisation.
    assert!(rs.stdout.contains("| Incidenter totalt | 20 | 4 |"));
    let unknown = annual(REGION, &["--board", "nope"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("no such board"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn strict_self_check_fails_on_missing_content() {
    let lax = annual("examples/vardcentral-liten", &[]);
    assert_eq!(lax.code, 0, "{}", lax.stderr);
    assert!(lax.stderr.contains("warning: "), "{}", lax.stderr);
    let strict = annual("examples/vardcentral-liten", &["--strict"]);
    assert_eq!(strict.code, 1);
    assert!(strict.stderr.contains("--strict"), "{}", strict.stderr);
    // The well-kept region passes the strict self-check.
    assert_eq!(annual(REGION, &["--strict"]).code, 0);
    // Input errors exit 2.
    let missing = annual("examples/does-not-exist", &[]);
    assert_eq!(missing.code, 2);
}

#[test]
fn an_incident_without_a_harm_assessment_is_counted_and_warned_about() {
    let repo = common::Repo::new();
    repo.write(
        "evidence/inc.yaml",
        "kind: Incident
id: inc-1
title: Okänd påverkan
detected: 2025-05-02T10:00
categories: [it]
patient_harm: unknown
",
    );
    let p = repo.path().to_str().unwrap();
    let out = annual(p, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out
        .stdout
        .contains("| Utan bedömning av vårdskada | 1 | – | inc-1 |"));
    assert!(out
        .stderr
        .contains("incident inc-1 has no patient-harm assessment"));
    assert_eq!(annual(p, &["--strict"]).code, 1);
}

#[test]
fn the_incident_authority_is_msb_until_2025_and_mcf_from_2026() {
    let y2026 = run(&[
        "report",
        "annual",
        "--year",
        "2026",
        "examples/kommun-omsorg",
    ]);
    assert_eq!(y2026.code, 0, "{}", y2026.stderr);
    assert!(y2026.stdout.contains(
        "| NIS-/cybersäkerhetsincidenter rapporterade till Myndigheten för civilt försvar (MCF) | 1 | – | inc-2026-03 |"
    ), "{}", y2026.stdout);
    assert!(y2026
        .stdout
        .contains("Cybersäkerhetslagen (2025:1506) gäller"));
    let y2025 = annual(REGION, &[]);
    assert!(y2025.stdout.contains("rapporterade till MSB |"));
    assert!(!y2025.stdout.contains("MCF)"));
}

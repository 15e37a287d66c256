//! The bundled examples, run through the binary: the well-kept region passes, the small
//! care provider shows exactly its documented gaps.

mod common;

use std::collections::BTreeSet;

use common::run;

fn findings(example: &str, as_of: &str) -> (i32, serde_json::Value) {
    let out = run(&[
        "check",
        &format!("examples/{example}"),
        "--as-of",
        as_of,
        "--format",
        "json",
    ]);
    assert!(out.stderr.is_empty(), "stderr: {}", out.stderr);
    (out.code, serde_json::from_str(&out.stdout).expect("JSON"))
}

fn pairs(v: &serde_json::Value) -> BTreeSet<(String, String, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["control"].as_str().unwrap().to_string(),
                f["record"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect()
}

fn set(items: &[(&str, &str, &str)]) -> BTreeSet<(String, String, String)> {
    items
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

#[test]
fn region_passes_through_2025_and_2026() {
    for as_of in ["2025-12-31", "2026-06-30", "2026-11-22"] {
        let (code, v) = findings("region-exempel", as_of);
        assert_eq!(code, 0, "as of {as_of}: {v:#}");
        // The one late IMY notification has a stated reason, and the risk acceptance of
        // 2024 has expired with its findings resolved: information only.
        assert_eq!(
            pairs(&v),
            set(&[
                ("info", "GDPR-33/c3", "inc-2025-07"),
                ("info", "KRAVKOLL-EXC/c3", "exc-pacs-logg-2024"),
            ]),
            "as of {as_of}"
        );
        assert_eq!(v["summary"]["error"], 0);
        assert!(v["summary"]["controls_evaluated"].as_u64().unwrap() >= 20);
    }
}

#[test]
fn region_helar_ends_2025_without_errors_or_warnings() {
    // The annual-report example (examples/region-helar/README.md lists this finding).
    let (code, v) = findings("region-helar", "2025-12-31");
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(
        pairs(&v),
        set(&[
            ("info", "GDPR-33/c3", "inc-2025-07"),
            ("info", "KRAVKOLL-EXC/c3", "exc-pacs-logg-2024"),
        ])
    );
}

#[test]
fn small_provider_shows_exactly_its_gaps() {
    let (code, v) = findings("vardcentral-liten", "2025-12-31");
    assert_eq!(code, 1);
    assert_eq!(
        pairs(&v),
        set(&[
            ("warning", "AUDIT-RESP-1/c1", "audit-vardval-2025"),
            ("error", "GDPR-33/c1", "inc-2025-03"),
            ("error", "GDPR-33/c2", "inc-2025-02"),
            ("warning", "GDPR-33.5/c2", "inc-2025-03"),
            ("warning", "GDPR-24/c1", "-"),
            ("error", "GDPR-28/c1", "sup-datahjalpen"),
            ("warning", "GDPR-30/c2", "sys-etjanst"),
            ("warning", "GDPR-35/c1", "sys-etjanst"),
            ("warning", "GDPR-37.7/c1", "appt-dpo"),
            ("error", "HSLF-3.6/c1", "appt-infosec-2019"),
            ("error", "HSLF-3.6/c2", "isb-2023"),
            ("error", "HSLF-4.9/c1", "sys-etjanst"),
            ("error", "HSLF-7.1/c1", "psb-2024"),
            // The 2023 compilation was submitted after the 2023 patient-safety report.
            ("info", "HSLF-7.1/c2", "psb-2023"),
            ("error", "PDL-4.2/c1", "sys-journal"),
            ("warning", "PDL-4.2/c2", "sys-etjanst"),
            ("error", "PDL-4.3/c1", "sys-ekg"),
            ("error", "PDL-4.3/c4", "sys-ekg"),
            ("warning", "PDL-4.3/c2", "sys-etjanst"),
            ("warning", "PSL-3.10/c2", "psb-2024"),
            // MSB 2018: recommendations, so warnings at most; those written for a region's
            // organisation are information for a private clinic (README.md, rows 20–26).
            ("warning", "MSB2018-REC1/c1", "doc-policy-infosec"),
            ("info", "MSB2018-REC1/c6", "doc-policy-infosec"),
            ("warning", "MSB2018-REC3/c4", "brief-2025-10"),
            ("warning", "MSB2018-REC5/c2", "-"),
            ("warning", "MSB2018-REC5/c3", "-"),
            ("warning", "MSB2018-REC6/c3", "cls-journal"),
            ("warning", "MSB2018-REC6/c3", "cls-ekg"),
            ("warning", "MSB2018-REC6/c3", "cls-etjanst"),
            ("warning", "MSB2018-REC6/c3", "cls-lon"),
            ("info", "MSB2018-REC8/c4", "-"),
        ])
    );
}

#[test]
fn municipality_shows_its_social_care_and_cybersecurity_gaps() {
    let (code, v) = findings("kommun-omsorg", "2026-11-22");
    assert_eq!(code, 1);
    assert_eq!(
        pairs(&v),
        set(&[
            ("error", "CSL-2.2/c1", "-"),
            ("error", "CSL-2.5/c2", "inc-2026-03"),
            ("error", "CSL-2.8/c1", "inc-2026-03"),
            ("warning", "CSL-2.5/c3", "inc-2026-02"),
            ("warning", "CSL-2.4/c2", "tr-2026-ledning"),
            ("warning", "CSL-2.3/c4", "-"),
            ("error", "GDPR-37/c1", "-"),
            ("warning", "GDPR-25/c1", "upp-2026-trygghetslarm"),
            ("warning", "SOLPUL-11-12/c1", "sys-larm"),
            ("warning", "SOLPUL-11-12/c4", "sys-larm"),
            ("warning", "SOLPUL-11-12/c2", "sys-ifo"),
            // MSB 2018 (recommended to care providers; the checks written for a region's
            // organisation are information for a municipality) and MSBFS 2020:6
            // (recommended to municipalities, so information only).
            ("info", "MSB2018-REC1/c6", "doc-policy-infosec"),
            ("warning", "MSB2018-REC1/c3", "-"),
            ("info", "MSB2018-REC2/c4", "appt-infosec"),
            ("info", "MSB2018-REC3/c5", "-"),
            ("info", "MSB2018-REC3/c6", "-"),
            ("warning", "MSB2018-REC5/c3", "-"),
            ("warning", "MSB2018-REC6/c1", "-"),
            ("info", "MSB2018-REC7/c6", "upp-2026-trygghetslarm"),
            ("warning", "MSB2018-REC7/c3", "upp-2026-trygghetslarm"),
            ("info", "MSB2018-REC8/c4", "-"),
        ])
    );
    // Two areas of cybersäkerhetslagen 2 kap. 3 § andra stycket lack a governing document.
    let areas = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["control"] == "CSL-2.3/c4")
        .count();
    assert_eq!(areas, 2, "{v:#}");
    let rec6 = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["control"] == "MSB2018-REC6/c1")
        .unwrap();
    assert_eq!(rec6["also"][0]["control"], "MSBFS2020:6-6/c3", "{rec6:#}");
    assert_eq!(rec6["statutory"], false);
}

#[test]
fn state_agency_is_bound_by_msbfs_2020_6() {
    // The state agency is neither a care provider nor under cybersäkerhetslagen: the
    // binding MSBFS 2020:6 checks fire (warnings, since the paragraphs are unverified), none
    // of the checks recommended to regions and municipalities, and GDPR as for everyone.
    let (code, v) = findings("myndighet-exempel", "2025-12-31");
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(
        pairs(&v),
        set(&[
            ("warning", "GDPR-32.1.c/c1", "sys-arende"),
            ("warning", "MSBFS2020:6-6/c2", "sys-arende"),
            ("warning", "MSBFS2020:6-SYS/c2", "ra-verket-2024"),
            ("warning", "MSBFS2020:6-SYS/c4", "-"),
        ])
    );
    // Before MSBFS 2020:6 came into force (2020-10-01) nothing of it is evaluated.
    let (_, before) = findings("myndighet-exempel", "2020-09-30");
    assert!(
        pairs(&before)
            .iter()
            .all(|(_, c, _)| !c.starts_with("MSBFS2020")),
        "{before:#}"
    );
}

#[test]
fn nis_ends_and_the_cybersecurity_act_begins_on_15_january_2026() {
    // The municipality is over the NIS threshold (120 FTE licensed staff) and, as a
    // municipality, under cybersäkerhetslagen: one regime hands over to the other.
    let frameworks = |as_of: &str| -> BTreeSet<String> {
        let (_, v) = findings("kommun-omsorg", as_of);
        pairs(&v)
            .into_iter()
            .map(|(_, c, _)| c.split('-').next().unwrap().to_string())
            .collect()
    };
    let before = frameworks("2026-01-14");
    assert!(
        before.contains("NIS") && !before.contains("CSL"),
        "{before:?}"
    );
    let after = frameworks("2026-01-15");
    assert!(after.contains("CSL") && !after.contains("NIS"), "{after:?}");
}

#[test]
fn json_output_follows_the_contract() {
    let (_, v) = findings("vardcentral-liten", "2025-12-31");
    assert_eq!(v["as_of"], "2025-12-31");
    assert_eq!(v["organisation"], "Vårdcentralen Liten AB");
    for f in v["findings"].as_array().unwrap() {
        for key in [
            "control",
            "framework",
            "severity",
            "title",
            "message",
            "citation",
            "file",
            "line",
            "record",
        ] {
            assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
        }
        if f["record"].is_null() {
            // Missing evidence that concerns no record points at the configuration.
            assert_eq!(f["file"], "kravkoll.yaml", "{f}");
        } else {
            assert!(f["file"].as_str().unwrap().starts_with("evidence/"));
            assert!(f["line"].as_u64().unwrap() >= 1);
        }
        assert!(!f["remediation"].as_str().unwrap().is_empty());
        assert!(f.get("accepted_by").is_none());
    }
    let s = &v["summary"];
    let n = v["findings"].as_array().unwrap().len() as u64;
    assert_eq!(
        s["error"].as_u64().unwrap() + s["warning"].as_u64().unwrap() + s["info"].as_u64().unwrap(),
        n
    );
    // The line points at the record: the small provider's journal system starts on line 1.
    let journal = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["record"] == "sys-journal")
        .unwrap();
    assert_eq!(
        (
            journal["file"].as_str().unwrap(),
            journal["line"].as_u64().unwrap()
        ),
        ("evidence/systems/system.yaml", 1)
    );
}

#[test]
fn fail_on_moves_the_threshold() {
    let args = |f: &str| {
        run(&[
            "check",
            "examples/region-exempel",
            "--as-of",
            "2025-12-31",
            "--fail-on",
            f,
        ])
        .code
    };
    assert_eq!(args("error"), 0);
    assert_eq!(args("warning"), 0);
    assert_eq!(args("info"), 1);
    assert_eq!(args("never"), 0);
    let small = run(&[
        "check",
        "examples/vardcentral-liten",
        "--as-of",
        "2025-12-31",
        "--fail-on",
        "never",
    ]);
    assert_eq!(small.code, 0);
}

#[test]
fn human_output_is_grouped_plain_when_piped_and_in_either_language() {
    let sv = run(&[
        "check",
        "examples/vardcentral-liten",
        "--as-of",
        "2025-12-31",
    ]);
    assert_eq!(sv.code, 1);
    assert!(!sv.stdout.contains('\u{1b}'), "ANSI codes in piped output");
    assert!(sv.stdout.contains("Patientdatalagen (2008:355)"));
    assert!(sv.stdout.contains("fel[PDL-4.2/c1]"));
    // MSB's recommendations are not law: their citation is a basis, not a provision.
    assert!(sv
        .stdout
        .contains("grund: MSB, En bild av landstingens informationssäkerhetsarbete 2018"));
    assert!(sv
        .stdout
        .contains("--> evidence/systems/system.yaml:1 (post sys-journal)"));
    assert!(sv
        .stdout
        .contains("lagrum: patientdatalagen (2008:355) 4 kap. 2 §"));
    assert!(sv.stdout.contains("åtgärd: "));
    assert!(sv.stdout.contains("10 fel, 17 varningar, 3 information"));

    let en = run(&[
        "check",
        "examples/vardcentral-liten",
        "--as-of",
        "2025-12-31",
        "--lang",
        "en",
    ]);
    assert!(en.stdout.contains("Patient Data Act"), "{}", en.stdout);
    assert!(en.stdout.contains("to do: "));
    assert!(en.stdout.contains("error[PDL-4.2/c1]"));
    assert!(en.stdout.contains("basis: MSB, En bild"));
    assert!(en.stdout.contains("10 errors, 17 warnings, 3 info"));
}

#[test]
fn law_not_yet_in_force_is_not_evaluated() {
    // Before GDPR applied (2018-05-25) its controls are not evaluated at all.
    let (_, v) = findings("vardcentral-liten", "2018-01-01");
    assert!(
        pairs(&v).iter().all(|(_, c, _)| !c.starts_with("GDPR")),
        "{v:#}"
    );
}

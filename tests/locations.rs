//! Exact locations: a finding about one field of a record points at that field's line, not
//! at the start of the record, so an auditor lands on the value in question.

mod common;

use common::run;

/// 1-based line of the first line starting with `field:` after the line `id: {record}`.
fn field_line(text: &str, record: &str, field: &str) -> usize {
    let start = text
        .lines()
        .position(|l| l.trim() == format!("id: {record}"))
        .expect("record in file");
    start
        + 1
        + text
            .lines()
            .skip(start)
            .position(|l| l.starts_with(&format!("{field}:")))
            .expect("field in record")
}

#[test]
fn findings_about_a_field_point_at_its_line() {
    let out = run(&[
        "check",
        "examples/vardcentral-liten",
        "--as-of",
        "2025-12-31",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let incidents = "evidence/incidents/incidenter-2025.yaml";
    // GDPR-33/c1 is about `imy_reportable`, GDPR-33/c2 about `imy_reported`, GDPR-28/c1 about
    // the supplier's `personal_data`, GDPR-37.7/c1 about the appointment's `role`.
    for (control, record, file, field) in [
        ("GDPR-33/c1", "inc-2025-03", incidents, "imy_reportable"),
        ("GDPR-33/c2", "inc-2025-02", incidents, "imy_reported"),
        (
            "GDPR-28/c1",
            "sup-datahjalpen",
            "evidence/suppliers/leverantorer.yaml",
            "personal_data",
        ),
        (
            "GDPR-37.7/c1",
            "appt-dpo",
            "evidence/governance/appointments.yaml",
            "role",
        ),
    ] {
        let text = std::fs::read_to_string(format!("examples/vardcentral-liten/{file}")).unwrap();
        let f = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["control"] == control && f["record"] == record)
            .unwrap_or_else(|| panic!("no {control} finding for {record}: {v:#}"));
        let want = field_line(&text, record, field);
        assert_eq!(f["file"], file);
        assert_eq!(
            f["line"].as_u64().unwrap() as usize,
            want,
            "{control} should point at `{field}`"
        );
        assert!(
            want > field_line(&text, record, "id"),
            "field after the record's first line"
        );
    }
    // The human output shows the same place.
    let human = run(&[
        "check",
        "examples/vardcentral-liten",
        "--as-of",
        "2025-12-31",
    ]);
    let text = std::fs::read_to_string(format!("examples/vardcentral-liten/{incidents}")).unwrap();
    let want = field_line(&text, "inc-2025-03", "imy_reportable");
    assert!(
        human
            .stdout
            .contains(&format!("--> {incidents}:{want} (post inc-2025-03)")),
        "{}",
        human.stdout
    );
}

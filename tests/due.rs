//! `kravkoll due` agrees with `kravkoll check`: a date `due` shows is the last day the
//! evidence still counts (the control is silent on it and fires the day after), everything
//! overdue is a finding, and every finding of a recurring control is something overdue.

mod common;

use std::collections::BTreeSet;

use common::run;

fn due(example: &str, as_of: &str, within: &str) -> Vec<serde_json::Value> {
    let out = run(&[
        "due",
        &format!("examples/{example}"),
        "--as-of",
        as_of,
        "--within",
        within,
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    v["items"].as_array().unwrap().clone()
}

/// (control, record) of every finding, accepted ones included.
fn findings(example: &str, as_of: &str) -> BTreeSet<(String, String)> {
    let out = run(&[
        "check",
        &format!("examples/{example}"),
        "--as-of",
        as_of,
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect(&out.stderr);
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

/// Controls whose findings name the record `due` names (a system, supplier or document).
const PER_RECORD: &[&str] = &[
    "PDL-4.3/c2",
    "PDL-4.3/c4",
    "PDL-4.2/c2",
    "SOLPUL-11-12/c2",
    "SOLPUL-11-12/c4",
    "GDPR-32.1.c/c1",
    "GDPR-28/c2",
    "MSB2018-REC7/c5",
    "MSB2018-REC1/c1",
];

fn next_day(d: &str) -> String {
    let d: jiff::civil::Date = d.parse().unwrap();
    d.tomorrow().unwrap().to_string()
}

#[test]
fn each_date_is_the_last_day_the_evidence_counts() {
    let items = due("vardcentral-liten", "2025-12-31", "6m");
    // One date per control keeps the test short; each control's arithmetic is the same.
    let mut tried = BTreeSet::new();
    for item in items.iter().filter(|i| i["status"] == "due") {
        let Some(record) = item["record"].as_str() else {
            continue;
        };
        for r in item["reasons"].as_array().unwrap() {
            let Some(control) = r["control"].as_str().filter(|c| PER_RECORD.contains(c)) else {
                continue;
            };
            if !tried.insert(control.to_string()) {
                continue;
            }
            let date = r["date"].as_str().unwrap();
            let key = (control.to_string(), record.to_string());
            assert!(
                !findings("vardcentral-liten", date).contains(&key),
                "{control} {record} fires on {date}, the day due gives"
            );
            assert!(
                findings("vardcentral-liten", &next_day(date)).contains(&key),
                "{control} {record} is silent the day after {date}"
            );
        }
    }
    assert!(tried.len() >= 3, "only {tried:?} tried");
}

#[test]
fn overdue_tasks_and_findings_of_recurring_controls_are_the_same() {
    for (example, as_of) in [
        ("vardcentral-liten", "2025-12-31"),
        ("region-exempel", "2026-11-22"),
        ("kommun-omsorg", "2026-11-22"),
        ("region-helar", "2025-12-31"),
    ] {
        let found = findings(example, as_of);
        let late: BTreeSet<(String, String)> = due(example, as_of, "1d")
            .iter()
            .filter(|i| i["status"] != "due")
            .flat_map(|i| {
                let record = i["record"].as_str().unwrap_or("-").to_string();
                i["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|r| r["date"].as_str().unwrap() < as_of || i["status"] == "missing")
                    .filter_map(|r| r["control"].as_str().map(str::to_string))
                    .map(move |c| (c, record.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        for (control, record) in &late {
            if PER_RECORD.contains(&control.as_str()) {
                assert!(
                    found.contains(&(control.clone(), record.clone())),
                    "{example}: due says {control} {record} is late, check does not"
                );
            } else {
                assert!(
                    found.iter().any(|(c, _)| c == control),
                    "{example}: due says {control} is late, check does not"
                );
            }
        }
        for (control, record) in found
            .iter()
            .filter(|(c, _)| PER_RECORD.contains(&c.as_str()))
        {
            assert!(
                late.contains(&(control.clone(), record.clone())),
                "{example}: check finds {control} {record}, due does not list it as late"
            );
        }
    }
}

#[test]
fn defaults_are_named_as_defaults_and_statutory_dates_cite_the_law() {
    let out = run(&[
        "due",
        "examples/vardcentral-liten",
        "--as-of",
        "2025-12-31",
        "--within",
        "120d",
    ]);
    assert_eq!(out.code, 0);
    let text = out.stdout;
    assert!(
        text.contains("3 månader (kravkolls standardvärde; inställningen intervals.log_followup_interval_months) efter senaste loggkontrollen"),
        "{text}"
    );
    assert!(text.contains("PSL-3.10/c1, patientsäkerhetslagen (2010:659) 3 kap. 10 § första stycket: lagstadgat datum: senast den 1 mars varje år"), "{text}");
    // Sorted by date.
    let dates: Vec<&str> = text
        .lines()
        .filter(|l| l.len() > 10 && l.as_bytes()[4] == b'-' && !l.starts_with(' '))
        .map(|l| &l[..10])
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(dates.len() > 5);
    let en = run(&[
        "due",
        "examples/vardcentral-liten",
        "--as-of",
        "2025-12-31",
        "--lang",
        "en",
    ]);
    assert!(
        en.stdout
            .contains("(kravkoll's default; setting intervals.log_followup_interval_months)"),
        "{}",
        en.stdout
    );
}

#[test]
fn a_bad_within_is_refused() {
    let out = run(&["due", "examples/vardcentral-liten", "--within", "3 months"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("90d"), "{}", out.stderr);
}

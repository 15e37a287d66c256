//! One gap, one finding: Region Helår's organisation-wide risk analysis is out of date at
//! the end of 2026, which cybersäkerhetslagen, MSB's 2018 recommendation 5 and MSBFS 2020:6
//! (recommended to regions) all ask for. It is reported once, under the act, and every
//! output names the other two as "also".

mod common;

use common::run;

const ALSO: [&str; 2] = ["MSB2018-REC5/c2", "MSBFS2020:6-SYS/c6"];

#[test]
fn the_same_gap_is_reported_once_with_the_others_named_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let mut args = vec![
        "check",
        "examples/region-helar",
        "--as-of",
        "2026-12-01",
        "--fail-on",
        "never",
    ];
    let specs: Vec<String> = ["json", "sarif", "junit", "github", "markdown", "html"]
        .iter()
        .map(|f| format!("-o={f}:{d}/out.{f}"))
        .collect();
    args.extend(specs.iter().map(String::as_str));
    args.extend(["-o", "human"]);
    let out = run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let read = |f: &str| std::fs::read_to_string(dir.path().join(format!("out.{f}"))).unwrap();

    let json: serde_json::Value = serde_json::from_str(&read("json")).unwrap();
    let findings = json["findings"].as_array().unwrap();
    for id in ALSO {
        assert!(
            !findings.iter().any(|f| f["control"] == id),
            "{id} reported on its own"
        );
    }
    let host: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["control"] == "CSL-2.3/c2")
        .collect();
    assert_eq!(host.len(), 1, "{findings:#?}");
    let also: Vec<&str> = host[0]["also"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["control"].as_str().unwrap())
        .collect();
    assert_eq!(also, ALSO);
    assert_eq!(host[0]["also"][0]["statutory"], false);
    assert!(host[0]["also"][0]["citation"]
        .as_str()
        .unwrap()
        .contains("rekommendation 5"));

    let sarif: serde_json::Value = serde_json::from_str(&read("sarif")).unwrap();
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "CSL-2.3/c2")
        .unwrap();
    assert_eq!(result["properties"]["also"][1]["control"], ALSO[1]);
    assert!(result["message"]["text"]
        .as_str()
        .unwrap()
        .contains("(Även: MSB2018-REC5/c2 ("));

    for (format, prefix) in [
        ("human", "även: MSB2018-REC5/c2 ("),
        ("markdown", "*Även:* MSB2018-REC5/c2 ("),
        ("html", "<dt>Även</dt><dd>MSB2018-REC5/c2 ("),
        ("junit", "även: MSB2018-REC5/c2 ("),
        ("github", "Även: MSB2018-REC5/c2 ("),
    ] {
        let text = if format == "human" {
            out.stdout.clone()
        } else {
            read(format)
        };
        assert!(text.contains(prefix), "{format}: {text}");
        assert!(text.contains("MSBFS2020:6-SYS/c6 ("), "{format}");
    }
}

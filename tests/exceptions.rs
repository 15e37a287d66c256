//! Exceptions (riskacceptanser): accepted findings stay visible but do not fail the run; an
//! expired exception whose finding remains and an exception covering nothing are findings;
//! a pattern naming no control is an input error.

mod common;

use common::{check, Repo};

fn exception(id: &str, controls: &str, decided: &str, expires: &str) -> String {
    format!(
        "kind: Exception
id: {id}
controls: {controls}
justification: Berättelsen skrivs om efter omorganisationen.
decided_by: Regionstyrelsen
decided: {decided}
expires: {expires}
"
    )
}

fn json(repo: &Repo, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let out = check(repo.path(), &args);
    assert!(out.stderr.is_empty(), "stderr: {}", out.stderr);
    (out.code, serde_json::from_str(&out.stdout).expect("JSON"))
}

fn with_control<'a>(v: &'a serde_json::Value, control: &str) -> Vec<&'a serde_json::Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["control"] == control)
        .collect()
}

#[test]
fn an_exception_in_force_accepts_without_hiding() {
    let repo = Repo::new();
    let (_, before) = json(&repo, &[]);
    repo.write(
        "evidence/exc.yaml",
        &exception("exc-psb", "[\"PSL-3.10/*\"]", "2025-06-01", "2026-06-30"),
    );
    let (_, v) = json(&repo, &[]);
    let psl = with_control(&v, "PSL-3.10/c1");
    assert_eq!(psl.len(), 1, "{v:#}");
    assert_eq!(psl[0]["accepted_by"], "exc-psb");
    // Accepted findings do not count in the summary.
    assert_eq!(
        v["summary"]["error"].as_u64().unwrap() + 1,
        before["summary"]["error"].as_u64().unwrap()
    );
    assert!(with_control(&v, "KRAVKOLL-EXC/c2").is_empty());

    let human = check(repo.path(), &[]);
    assert!(
        human.stdout.contains(
            "accepterad av exc-psb (till och med 2026-06-30): Berättelsen skrivs om efter omorganisationen."
        ),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains(" (accepterade: 1) — "),
        "{}",
        human.stdout
    );
    let en = check(repo.path(), &["--lang", "en"]);
    assert!(
        en.stdout
            .contains("accepted by exc-psb (until 2026-06-30): "),
        "{}",
        en.stdout
    );
}

#[test]
fn accepted_findings_do_not_fail_the_run() {
    let repo = Repo::new();
    assert_eq!(check(repo.path(), &[]).code, 1);
    repo.write(
        "evidence/exc.yaml",
        &exception("exc-all", "[\"*\"]", "2025-01-01", "2025-12-31"),
    );
    let (code, v) = json(&repo, &["--fail-on", "info"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["summary"]["error"], 0);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["accepted_by"] == "exc-all"));
}

#[test]
fn an_exception_is_not_in_force_before_its_decision() {
    let repo = Repo::new();
    repo.write(
        "evidence/exc.yaml",
        &exception("exc-later", "[\"PSL-3.10/c1\"]", "2026-01-10", "2026-06-30"),
    );
    let (code, v) = json(&repo, &[]);
    assert_eq!(code, 1);
    assert!(with_control(&v, "PSL-3.10/c1")[0]
        .get("accepted_by")
        .is_none());
    assert!(with_control(&v, "KRAVKOLL-EXC/c2").is_empty());
}

#[test]
fn an_expired_exception_whose_finding_remains_is_a_finding() {
    let repo = Repo::new();
    repo.write(
        "evidence/exc.yaml",
        &exception("exc-old", "[\"PSL-3.10/c1\"]", "2024-01-01", "2025-06-30"),
    );
    let (code, v) = json(&repo, &[]);
    assert_eq!(code, 1);
    assert!(with_control(&v, "PSL-3.10/c1")[0]
        .get("accepted_by")
        .is_none());
    let expired = with_control(&v, "KRAVKOLL-EXC/c1");
    assert_eq!(expired.len(), 1, "{v:#}");
    let f = expired[0];
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["record"], "exc-old");
    assert_eq!(f["framework"], "kravkoll");
    // Points at the `expires` line.
    assert_eq!(
        (f["file"].as_str().unwrap(), f["line"].as_u64().unwrap()),
        ("evidence/exc.yaml", 7)
    );
    assert!(f["message"].as_str().unwrap().contains("2025-06-30"));
}

#[test]
fn an_expired_exception_whose_finding_is_gone_is_information() {
    let repo = Repo::new();
    repo.write(
        "evidence/exc.yaml",
        &exception("exc-old", "[\"PDL-4.3/*\"]", "2024-01-01", "2025-06-30"),
    );
    let (_, v) = json(&repo, &[]);
    assert!(with_control(&v, "KRAVKOLL-EXC/c1").is_empty(), "{v:#}");
    assert!(with_control(&v, "KRAVKOLL-EXC/c2").is_empty(), "{v:#}");
    let closed = with_control(&v, "KRAVKOLL-EXC/c3");
    assert_eq!(closed.len(), 1, "{v:#}");
    let f = closed[0];
    assert_eq!(f["severity"], "info");
    assert_eq!(f["record"], "exc-old");
    assert_eq!(f["line"], 7, "points at `expires`");
    assert!(f["message"].as_str().unwrap().contains("2025-06-30"));
    // Information never fails the default run, and an exception cannot accept it.
    assert!(f.get("accepted_by").is_none());
}

#[test]
fn an_exception_covering_nothing_is_a_warning() {
    let repo = Repo::new();
    repo.write(
        "evidence/exc.yaml",
        &exception("exc-unused", "[\"PDL-4.3/*\"]", "2025-01-01", "2026-06-30"),
    );
    let (code, v) = json(&repo, &[]);
    assert_eq!(code, 1);
    let unused = with_control(&v, "KRAVKOLL-EXC/c2");
    assert_eq!(unused.len(), 1, "{v:#}");
    assert_eq!(unused[0]["severity"], "warning");
    assert_eq!(unused[0]["line"], 3, "points at `controls`");
    assert!(unused[0].get("accepted_by").is_none());
}

#[test]
fn a_pattern_naming_no_control_is_an_input_error() {
    let repo = Repo::new();
    repo.write(
        "evidence/exc.yaml",
        &exception("exc-typo", "[\"PSL-3.01/c1\"]", "2025-01-01", "2026-06-30"),
    );
    let out = check(repo.path(), &[]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr
            .contains("`PSL-3.01/c1` matches no known control"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("did you mean `PSL-3.10/c1`?"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("evidence/exc.yaml:3"), "{}", out.stderr);

    repo.write(
        "evidence/exc.yaml",
        &exception("exc-bad", "[\"PSL-[\"]", "2025-01-01", "2026-06-30"),
    );
    let out = check(repo.path(), &[]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("is not a valid control pattern"),
        "{}",
        out.stderr
    );
}

#[test]
fn only_built_in_packs_may_be_evaluated_by_kravkoll() {
    let repo = Repo::new();
    repo.write(
        "policies/local/controls.yaml",
        "framework: local
name_sv: Egna krav
name_en: Own requirements
controls:
  - id: LOCAL-1/c1
    citation: Informationssäkerhetspolicy, avsnitt 4.2
    title_sv: T
    title_en: T
    severity: warning
    applies_to: [all]
    effective_from: 2024-01-01
    effective_to: null
    remediation_sv: R
    remediation_en: R
    evaluated_by: kravkoll
",
    );
    let out = check(repo.path(), &[]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("`evaluated_by: kravkoll` is reserved for the built-in packs"),
        "{}",
        out.stderr
    );
}

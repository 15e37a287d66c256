//! Git-native evidence: `check --rev`, `diff`, `check --baseline` and `history` on temporary
//! repositories made with git2 (fixed authors and dates), and every failure mode named.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{commit_all, copy_dir, run, Output};
use git2::{Oid, Repository};

const AS_OF: &str = "2025-12-31";

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

const SEPT: i64 = 1_756_717_200; // 2025-09-01T09:00:00Z
const OCT: i64 = 1_759_309_200; // 2025-10-01T09:00:00Z

/// Vårdcentralen Liten committed as is, then with CardioSpir's logging switched on.
struct Fixture {
    dir: tempfile::TempDir,
    first: Oid,
    second: Oid,
}

impl Fixture {
    fn new() -> Self {
        Self::in_subfolder("")
    }

    fn in_subfolder(sub: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let root = dir.path().join(sub);
        copy_dir(Path::new("examples/vardcentral-liten"), &root);
        let first = commit_all(&repo, "Evidence as of the autumn review", SEPT);
        // Logging on, with what the logs show and how long they are kept (HSLF-FS 2016:40
        // 4 kap. 9 §), so that exactly one finding is resolved and none is new.
        edit(
            &root.join("evidence/systems/system.yaml"),
            "logging: false",
            "logging: true\nlog_retention_years: 5\nlog_content: [actions, care_unit, time, user_identity, patient_identity]",
        );
        let second = commit_all(&repo, "CardioSpir: logging switched on", OCT);
        Fixture { dir, first, second }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn repo(&self) -> &str {
        self.path().to_str().unwrap()
    }

    /// A new error in the working tree: an IT incident now judged reportable to IMY.
    fn add_new_error(&self) {
        edit(
            &self.path().join("evidence/incidents/incidenter-2025.yaml"),
            "id: inc-2025-04\ntitle: Journalsystemet otillgängligt i 90 minuter vid leverantörens driftstörning\ndetected: 2025-10-02T09:10:00+02:00\ncategories: [it]\nimy_reportable: false",
            "id: inc-2025-04\ntitle: Journalsystemet otillgängligt i 90 minuter vid leverantörens driftstörning\ndetected: 2025-10-02T09:10:00+02:00\ncategories: [it, personal_data_breach]\nimy_reportable: true\neffects: Journaluppgifterna var otillgängliga i 90 minuter.",
        );
    }
}

/// How many findings the evidence at `rev` has; the fixture's example may gain gaps over
/// time, so tests compare with this rather than with fixed numbers.
fn count(repo: &Path, rev: &str) -> usize {
    let out = run(&[
        "check",
        repo.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--rev",
        rev,
    ]);
    json(&out)["findings"].as_array().unwrap().len()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}\nstdout: {}\nstderr: {}", out.stdout, out.stderr))
}

fn keys(list: &serde_json::Value) -> BTreeSet<(String, String)> {
    list.as_array()
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

fn set(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn input_error(out: &Output, needles: &[&str]) {
    assert_eq!(
        out.code, 2,
        "stdout: {}\nstderr: {}",
        out.stdout, out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    for n in needles {
        assert!(
            out.stderr.contains(n),
            "stderr lacks {n:?}:\n{}",
            out.stderr
        );
    }
}

#[test]
fn check_rev_reads_each_commit_without_a_checkout() {
    let fx = Fixture::new();
    let first = fx.first.to_string();
    let out = run(&[
        "check",
        fx.repo(),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--rev",
        &first,
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let v = json(&out);
    let n = v["findings"].as_array().unwrap().len();
    assert!(n >= 11, "{v:#}");
    assert!(keys(&v["findings"]).contains(&("PDL-4.3/c1".into(), "sys-ekg".into())));

    // An uncommitted change does not reach `--rev HEAD`.
    edit(
        &fx.path().join("evidence/systems/system.yaml"),
        "logging: true",
        "logging: false",
    );
    let out = run(&[
        "check",
        fx.repo(),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--rev",
        "HEAD",
    ]);
    let v = json(&out);
    assert_eq!(v["findings"].as_array().unwrap().len(), n - 1);
    assert!(!keys(&v["findings"]).contains(&("PDL-4.3/c1".into(), "sys-ekg".into())));
    // Without --rev the working tree is read, as before.
    let out = run(&["check", fx.repo(), "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(json(&out)["findings"].as_array().unwrap().len(), n);
}

#[test]
fn check_rev_in_a_subfolder_of_the_repository() {
    let fx = Fixture::in_subfolder("compliance");
    let sub = fx.path().join("compliance");
    let out = run(&[
        "check",
        sub.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--rev",
        "HEAD~1",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let n = json(&out)["findings"].as_array().unwrap().len();
    assert_eq!(count(&sub, "HEAD"), n - 1);
    assert!(keys(&json(&out)["findings"]).contains(&("PDL-4.3/c1".into(), "sys-ekg".into())));
}

#[test]
fn diff_between_commits_names_exactly_the_resolved_finding() {
    let fx = Fixture::new();
    let n = count(fx.path(), "HEAD");
    let out = run(&[
        "diff",
        "--from",
        &fx.first.to_string(),
        "--to",
        "HEAD",
        fx.repo(),
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = json(&out);
    assert_eq!(keys(&v["resolved"]), set(&[("PDL-4.3/c1", "sys-ekg")]));
    assert_eq!(v["new"].as_array().unwrap().len(), 0);
    assert_eq!(v["changed"].as_array().unwrap().len(), 0);
    assert_eq!(v["unchanged"].as_array().unwrap().len(), n);
    assert_eq!(v["to"]["commit"], fx.second.to_string());
    assert_eq!(v["from"]["rev"], fx.first.to_string());

    let human = run(&[
        "diff",
        "--from",
        "HEAD~1",
        "--to",
        "HEAD",
        fx.repo(),
        "--as-of",
        AS_OF,
        "--lang",
        "en",
    ]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(human.stdout.contains("Resolved (1)"), "{}", human.stdout);
    assert!(
        human
            .stdout
            .contains(&format!("0 new, 1 resolved, 0 changed, {n} unchanged")),
        "{}",
        human.stdout
    );
}

#[test]
fn diff_head_to_working_tree_reports_new_and_changed_and_fails() {
    let fx = Fixture::new();
    let n = count(fx.path(), "HEAD");
    let out = run(&["diff", fx.repo(), "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(json(&out)["unchanged"].as_array().unwrap().len(), n);

    fx.add_new_error();
    // A comment line above shifts the lines of every later finding in the file: changed.
    edit(
        &fx.path().join("evidence/incidents/incidenter-2025.yaml"),
        "kind: Incident",
        "# Granskad 2025-12-01\nkind: Incident",
    );
    let out = run(&["diff", fx.repo(), "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let v = json(&out);
    assert_eq!(keys(&v["new"]), set(&[("GDPR-33/c1", "inc-2025-04")]));
    assert_eq!(v["resolved"].as_array().unwrap().len(), 0);
    let changed: BTreeSet<_> = v["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(
                c["after"]["line"].as_u64().unwrap(),
                c["before"]["line"].as_u64().unwrap() + 1
            );
            (
                c["after"]["control"].as_str().unwrap().to_string(),
                c["after"]["record"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        changed,
        set(&[
            ("GDPR-33/c1", "inc-2025-03"),
            ("GDPR-33/c2", "inc-2025-02"),
            ("GDPR-33.5/c2", "inc-2025-03")
        ])
    );
    assert_eq!(v["to"]["rev"], serde_json::Value::Null);

    // Never fails below the threshold.
    let out = run(&["diff", fx.repo(), "--as-of", AS_OF, "--fail-on", "never"]);
    assert_eq!(out.code, 0, "{}", out.stderr);

    let md = run(&[
        "diff",
        fx.repo(),
        "--as-of",
        AS_OF,
        "--format",
        "markdown",
        "--lang",
        "en",
    ]);
    assert_eq!(md.code, 1);
    assert!(
        md.stdout.starts_with("### ❌ kravkoll: 1 new"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout
            .contains("| error | `GDPR-33/c1` | `inc-2025-04` |"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("#### Changed (3)"), "{}", md.stdout);
}

#[test]
fn baseline_passes_when_nothing_is_new_and_fails_on_a_new_error() {
    let fx = Fixture::new();
    let first = fx.first.to_string();
    let n = count(fx.path(), "HEAD");
    // Errors remain, but all of them were there at the baseline.
    let out = run(&[
        "check",
        fx.repo(),
        "--as-of",
        AS_OF,
        "--baseline",
        &first,
        "--lang",
        "en",
    ]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains(&format!("0 new, {n} known remain, 1 resolved")),
        "{}",
        out.stdout
    );
    let out = run(&[
        "check",
        fx.repo(),
        "--as-of",
        AS_OF,
        "--baseline",
        "HEAD",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = json(&out);
    assert_eq!(v["baseline"]["rev"], "HEAD");
    assert_eq!(v["baseline"]["known"], n);
    assert_eq!(v["baseline"]["new"], 0);
    assert_eq!(
        v["findings"].as_array().unwrap().len(),
        n,
        "the findings themselves are unchanged"
    );
    assert!(v["summary"]["error"].as_u64().unwrap() > 0);

    fx.add_new_error();
    let out = run(&[
        "check",
        fx.repo(),
        "--as-of",
        AS_OF,
        "--baseline",
        "HEAD",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let v = json(&out);
    assert_eq!(v["baseline"]["new"], 1);
    assert_eq!(
        keys(&v["baseline"]["new_findings"]),
        set(&[("GDPR-33/c1", "inc-2025-04")])
    );
    let out = run(&[
        "check",
        fx.repo(),
        "--as-of",
        AS_OF,
        "--baseline",
        "HEAD",
        "--lang",
        "en",
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains(&format!("1 new, {n} known remain")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("error[GDPR-33/c1] inc-2025-04"),
        "{}",
        out.stdout
    );
    // --rev and --baseline together compare two commits.
    let out = run(&[
        "check",
        fx.repo(),
        "--as-of",
        AS_OF,
        "--rev",
        "HEAD",
        "--baseline",
        &first,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn history_lists_the_commits_that_changed_a_record() {
    let fx = Fixture::new();
    let out = run(&["history", "sys-ekg", fx.repo(), "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = json(&out);
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{v:#}");
    assert_eq!(changes[0]["commit"], fx.second.to_string());
    assert_eq!(changes[0]["change"], "modified");
    assert_eq!(changes[0]["path"], "evidence/systems/system.yaml");
    assert_eq!(changes[0]["author"], "Anna Andersson");
    assert_eq!(changes[0]["date"], "2025-10-01T10:00:00+01:00");
    assert_eq!(changes[0]["summary"], "CardioSpir: logging switched on");
    assert_eq!(changes[0]["message"], "CardioSpir: logging switched on");
    assert_eq!(changes[1]["commit"], fx.first.to_string());
    assert_eq!(changes[1]["change"], "added");

    // A record in the same file that did not change: only its creation.
    let out = run(&["history", "sys-journal", fx.repo()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("1 commit changed the record"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("added in evidence/systems/system.yaml"),
        "{}",
        out.stdout
    );

    // Moving a record to another file is a move.
    let repo = Repository::open(fx.path()).unwrap();
    let text = std::fs::read_to_string(fx.path().join("evidence/systems/system.yaml")).unwrap();
    let (head, rest) = text
        .split_once("---\nkind: System\nid: sys-etjanst")
        .unwrap();
    std::fs::write(fx.path().join("evidence/systems/system.yaml"), head).unwrap();
    std::fs::write(
        fx.path().join("evidence/systems/etjanst.yaml"),
        format!("kind: System\nid: sys-etjanst{rest}"),
    )
    .unwrap();
    let third = commit_all(&repo, "One file per system", OCT + 86_400);
    let out = run(&[
        "history",
        "sys-etjanst",
        fx.repo(),
        "--format",
        "json",
        "-n",
        "1",
    ]);
    let v = json(&out);
    assert_eq!(v["changes"].as_array().unwrap().len(), 1);
    assert_eq!(v["changes"][0]["commit"], third.to_string());
    assert_eq!(v["changes"][0]["change"], "moved");
    assert_eq!(v["changes"][0]["from"], "evidence/systems/system.yaml");
    assert_eq!(v["changes"][0]["path"], "evidence/systems/etjanst.yaml");

    // Removing it is the newest change; history still finds a record that no longer exists.
    std::fs::remove_file(fx.path().join("evidence/systems/etjanst.yaml")).unwrap();
    commit_all(&repo, "Vårdkontakt webb decommissioned", OCT + 2 * 86_400);
    let v = json(&run(&[
        "history",
        "sys-etjanst",
        fx.repo(),
        "--format",
        "json",
    ]));
    let kinds: Vec<_> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["change"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["removed", "moved", "added"]);
    assert_eq!(v["changes"][0]["path"], "evidence/systems/etjanst.yaml");

    let out = run(&["history", "sys-journl", fx.repo()]);
    input_error(
        &out,
        &[
            "no record with the id `sys-journl`",
            "did you mean `sys-journal`?",
        ],
    );
}

#[test]
fn not_a_git_repository_is_named_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("examples/vardcentral-liten"), dir.path());
    let repo = dir.path().to_str().unwrap();
    for args in [
        vec!["check", repo, "--rev", "HEAD"],
        vec!["check", repo, "--baseline", "main"],
        vec!["diff", repo],
        vec!["history", "sys-ekg", repo],
    ] {
        let out = run(&args);
        input_error(
            &out,
            &[
                "is not in a git repository",
                "`--rev`, `--baseline`, `--git-changes`, `diff` and `history`",
            ],
        );
    }
    // The working tree still checks without git.
    let out = run(&["check", repo, "--as-of", AS_OF]);
    assert_eq!(out.code, 1, "{}", out.stderr);
}

#[test]
fn an_unknown_revision_is_named_with_a_hint() {
    let fx = Fixture::new();
    for args in [
        vec!["check", fx.repo(), "--rev", "nosuch"],
        vec!["check", fx.repo(), "--baseline", "nosuch"],
        vec!["diff", "--from", "nosuch", fx.repo()],
        vec!["diff", "--to", "nosuch", fx.repo()],
        vec!["history", "sys-ekg", fx.repo(), "--rev", "nosuch"],
    ] {
        let out = run(&args);
        input_error(
            &out,
            &["the revision `nosuch` does not exist", "git log --oneline"],
        );
    }
    let out = run(&["check", fx.repo(), "--rev", "HEAD~5"]);
    input_error(&out, &["`HEAD~5`"]);
    // JSON consumers get the problem on standard output too.
    for args in [
        vec![
            "check",
            fx.repo(),
            "--baseline",
            "nosuch",
            "--format",
            "json",
        ],
        vec!["check", fx.repo(), "--rev", "nosuch", "--format", "json"],
        vec!["diff", "--from", "nosuch", fx.repo(), "--format", "json"],
        vec![
            "history",
            "sys-ekg",
            fx.repo(),
            "--rev",
            "nosuch",
            "--format",
            "json",
        ],
    ] {
        let out = run(&args);
        assert_eq!(out.code, 2);
        assert_eq!(
            json(&out)["errors"][0]["code"],
            "kravkoll::git::unknown-revision",
            "{args:?}"
        );
    }
}

#[test]
fn a_shallow_clone_without_the_baseline_says_how_to_fetch_it() {
    let fx = Fixture::new();
    let clone = tempfile::tempdir().unwrap();
    let target = clone.path().join("c");
    let status = std::process::Command::new("git")
        .args(["clone", "--quiet", "--depth", "1"])
        .arg(format!("file://{}", fx.path().display()))
        .arg(&target)
        .status()
        .expect("git runs");
    assert!(status.success());
    let c = target.to_str().unwrap();
    let first = fx.first.to_string();
    for args in [
        vec!["check", c, "--as-of", AS_OF, "--baseline", "HEAD~1"],
        vec!["check", c, "--as-of", AS_OF, "--baseline", &first],
        vec!["diff", "--from", "HEAD~1", c, "--as-of", AS_OF],
    ] {
        let out = run(&args);
        input_error(
            &out,
            &["shallow clone", "git fetch --unshallow", "fetch-depth: 0"],
        );
    }
    // What is there still works, and history says where it stops.
    let out = run(&["check", c, "--as-of", AS_OF, "--baseline", "HEAD"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(&["history", "sys-ekg", c, "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = json(&out);
    assert_eq!(v["shallow"], true);
    assert_eq!(v["changes"].as_array().unwrap().len(), 1);
    assert_eq!(v["changes"][0]["change"], "present");
}

#[test]
fn a_bare_repository_works_for_revisions() {
    let fx = Fixture::new();
    let bare_dir = tempfile::tempdir().unwrap();
    let bare = bare_dir.path().join("evidence.git");
    let status = std::process::Command::new("git")
        .args(["clone", "--quiet", "--bare"])
        .arg(fx.path())
        .arg(&bare)
        .status()
        .expect("git runs");
    assert!(status.success());
    let b = bare.to_str().unwrap();
    let out = run(&[
        "check", b, "--as-of", AS_OF, "--rev", "HEAD", "--format", "json",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        json(&out)["findings"].as_array().unwrap().len(),
        count(fx.path(), "HEAD")
    );
    let out = run(&[
        "diff", "--from", "HEAD~1", "--to", "HEAD", b, "--as-of", AS_OF, "--format", "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        keys(&json(&out)["resolved"]),
        set(&[("PDL-4.3/c1", "sys-ekg")])
    );
    let out = run(&["history", "sys-ekg", b]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("2 commits changed the record"),
        "{}",
        out.stdout
    );
    let out = run(&[
        "check",
        b,
        "--as-of",
        AS_OF,
        "--rev",
        "HEAD",
        "--baseline",
        "HEAD~1",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // A bare repository has no working tree to compare with or to check.
    let out = run(&["diff", b, "--as-of", AS_OF]);
    input_error(&out, &["bare git repository", "--from"]);
    let out = run(&["check", b, "--as-of", AS_OF]);
    input_error(&out, &["bare git repository", "--rev HEAD"]);
}

#[cfg(unix)]
#[test]
fn a_committed_symbolic_link_is_a_problem_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    std::fs::write(dir.path().join("kravkoll.yaml"), common::CONFIG).unwrap();
    std::fs::create_dir_all(dir.path().join("evidence")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", dir.path().join("evidence/host.yaml")).unwrap();
    commit_all(&repo, "A link", SEPT);
    let out = run(&[
        "check",
        dir.path().to_str().unwrap(),
        "--rev",
        "HEAD",
        "--as-of",
        AS_OF,
    ]);
    input_error(
        &out,
        &[
            "evidence/host.yaml",
            "symbolic link",
            "kravkoll::source::link",
        ],
    );
}

/// A control of the repository's own `policies/` folder (as in tests/custom_policies.rs).
const CONTROLS: &str = "framework: local
name_sv: Egna krav
name_en: Own requirements
controls:
  - id: LOCAL-1/c1
    citation: Informationssäkerhetspolicy för Testregionen, avsnitt 4.2
    title_sv: Varje system har stark autentisering
    title_en: Every system has strong authentication
    severity: warning
    applies_to: [all]
    effective_from: 2024-01-01
    effective_to: null
    remediation_sv: Inför stark autentisering och sätt mfa till true.
    remediation_en: Introduce strong authentication and set mfa to true.
    evidence: [System]
    provenance: DERIVED
    source: intern policy
";

const POLICY: &str = r#"package kravkoll.local.mfa

findings contains f if {
	some s in input.systems
	not s.mfa
	f := {"control": "LOCAL-1/c1", "record": s.id, "field": "name", "message": {"sv": sprintf("%s saknar MFA", [s.id]), "en": sprintf("%s lacks MFA", [s.id])}}
}
"#;

#[test]
fn the_repositorys_own_policies_are_read_from_the_revision_too() {
    let repo_dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(repo_dir.path()).unwrap();
    let write = |rel: &str, text: &str| {
        let p = repo_dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("kravkoll.yaml", common::CONFIG);
    write(
        "evidence/systems.yaml",
        "kind: System\nid: sys-a\nname: A\nowner: O\npatient_data: false\npersonal_data: false\n",
    );
    commit_all(&repo, "Evidence", SEPT);
    write("policies/local/controls.yaml", CONTROLS);
    write("policies/local/mfa.rego", POLICY);
    commit_all(&repo, "Our own MFA control", OCT);
    let r = repo_dir.path().to_str().unwrap();
    let own = |rev: &str| {
        let out = run(&[
            "check", r, "--rev", rev, "--as-of", AS_OF, "--format", "json",
        ]);
        assert_ne!(out.code, 2, "{}", out.stderr);
        keys(&json(&out)["findings"]).contains(&("LOCAL-1/c1".to_string(), "sys-a".to_string()))
    };
    assert!(!own("HEAD~1"));
    assert!(own("HEAD"));
    let out = run(&[
        "diff", "--from", "HEAD~1", "--to", "HEAD", r, "--as-of", AS_OF, "--format", "json",
    ]);
    assert_eq!(keys(&json(&out)["new"]), set(&[("LOCAL-1/c1", "sys-a")]));
}

const JUNE_2024: i64 = 1_717_232_400; // 2024-06-01T09:00:00Z
const FEB_2026: i64 = 1_769_936_400; // 2026-02-01T09:00:00Z

/// Vårdcentralen Liten committed in 2024; during 2025 an improvement is added, CardioSpir's
/// logging switched on and the training record removed; in 2026 the improvement is edited.
fn year_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    let root = dir.path();
    copy_dir(Path::new("examples/vardcentral-liten"), root);
    commit_all(&repo, "Evidence as of mid-2024", JUNE_2024);
    std::fs::write(
        root.join("evidence/improvements/ny.yaml"),
        "kind: Improvement\nid: imp-ny\ntitle: Loggning i EKG-systemet\nowner: Verksamhetschef\ndecided: 2025-09-01\n",
    )
    .unwrap();
    edit(
        &root.join("evidence/systems/system.yaml"),
        "logging: false",
        "logging: true",
    );
    commit_all(&repo, "CardioSpir: logging switched on", SEPT);
    std::fs::remove_file(root.join("evidence/training/utbildning.yaml")).unwrap();
    commit_all(&repo, "Training figures moved to the HR system", OCT);
    edit(
        &root.join("evidence/improvements/ny.yaml"),
        "title: Loggning i EKG-systemet",
        "title: Loggning och loggkontroll i EKG-systemet",
    );
    commit_all(&repo, "Improvement renamed", FEB_2026);
    dir
}

fn annual(repo: &Path, year: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "report",
        "annual",
        "--year",
        year,
        repo.to_str().unwrap(),
        "--lang",
        "en",
        "--git-changes",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn annual_report_lists_what_changed_in_the_evidence_during_the_year() {
    let dir = year_fixture();
    let out = annual(dir.path(), "2025", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = &out.stdout;
    // The heading (the contents list names it first).
    let section = &text[text
        .rfind("Changes to the evidence during 2025 (git)")
        .expect("section")..];
    let section = &section[..section
        .find("Remarks on the evidence")
        .expect("before the self-check appendix")];
    assert!(section.contains("compared with commit"), "{section}");
    assert!(section.contains("2 commits during the year"), "{section}");
    let added = &section[section.find("Records added").unwrap()..];
    assert!(
        added.contains(
            "Improvement imp-ny — Loggning i EKG-systemet (evidence/improvements/ny.yaml)"
        ),
        "{section}"
    );
    let changed = &section[section.find("Records changed").unwrap()..];
    assert!(changed.contains("System sys-ekg"), "{section}");
    let removed = &section[section.find("Records removed").unwrap()..];
    assert!(removed.contains("Training tr-2025-alla"), "{section}");
    // The 2026 edit is not part of 2025.
    assert!(!text.contains("Loggning och loggkontroll"), "{section}");
    // Records that did not change are not listed.
    assert!(!section.contains("sys-journal"), "{section}");
}

#[test]
fn annual_report_reads_a_revision_and_a_history_that_begins_in_the_year() {
    let dir = year_fixture();
    // As committed in October 2025: the training record is already gone.
    let out = annual(dir.path(), "2024", &["--rev", "HEAD~3"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("every record counts as added"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("1 commit during the year"),
        "{}",
        out.stdout
    );
    let out = annual(dir.path(), "2025", &["--rev", "HEAD~1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("Training tr-2025-alla"),
        "{}",
        out.stdout
    );
    // Without --git-changes there is no such section.
    let plain = run(&[
        "report",
        "annual",
        "--year",
        "2025",
        dir.path().to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(!plain.stdout.contains("Changes to the evidence"));
}

#[test]
fn annual_report_git_changes_before_the_history_is_a_clear_error() {
    let dir = year_fixture();
    let out = annual(dir.path(), "2023", &[]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr
            .contains("no commit on or before 31 December 2023"),
        "{}",
        out.stderr
    );
    let not_git = tempfile::tempdir().unwrap();
    copy_dir(Path::new("examples/vardcentral-liten"), not_git.path());
    let out = annual(not_git.path(), "2025", &[]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("is not in a git repository"),
        "{}",
        out.stderr
    );
}

//! The GitHub Action (`action.yml`, steps in `.github/action/kravkoll-action.sh`) and the
//! pre-commit hooks (`.pre-commit-hooks.yaml`), run here the way GitHub's runner and
//! pre-commit run them: same environment variables, same working directory.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kravkoll"))
}

/// PATH with the freshly built kravkoll first, as the install step leaves it.
fn path_with_kravkoll() -> String {
    let dir = binary().parent().unwrap().to_path_buf();
    let old = std::env::var("PATH").unwrap_or_default();
    format!("{}:{old}", dir.display())
}

struct Step {
    code: i32,
    stdout: String,
    stderr: String,
    outputs: String,
}

/// Runs one step of the action script with a fresh `GITHUB_OUTPUT` file.
fn step(name: &str, tmp: &Path, env: &[(&str, String)]) -> Step {
    let outputs = tmp.join(format!("{name}.output"));
    std::fs::write(&outputs, "").unwrap();
    let mut cmd = Command::new("bash");
    cmd.arg(root().join(".github/action/kravkoll-action.sh"))
        .arg(name)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env("GITHUB_OUTPUT", &outputs)
        .env("GITHUB_ACTION_PATH", root())
        .env("PATH", path_with_kravkoll())
        .env_remove("GITHUB_STEP_SUMMARY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("bash runs");
    Step {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        outputs: std::fs::read_to_string(&outputs).unwrap(),
    }
}

fn output<'a>(s: &'a Step, key: &str) -> Option<&'a str> {
    s.outputs
        .lines()
        .filter_map(|l| l.strip_prefix(key)?.strip_prefix('='))
        .next_back()
}

#[test]
fn check_step_reports_findings_and_leaves_the_failing_to_the_result_step() {
    let tmp = tempfile::tempdir().unwrap();
    let sarif = tmp.path().join("kravkoll.sarif");
    let summary = tmp.path().join("summary.md");
    std::fs::write(&summary, "").unwrap();
    let s = step(
        "check",
        tmp.path(),
        &[
            ("INPUT_PATH", "examples/vardcentral-liten".into()),
            ("INPUT_FAIL_ON", "error".into()),
            ("INPUT_AS_OF", "2025-12-31".into()),
            ("INPUT_LANG", "en".into()),
            ("KRAVKOLL_SARIF", sarif.display().to_string()),
            ("GITHUB_STEP_SUMMARY", summary.display().to_string()),
        ],
    );
    assert_eq!(s.code, 0, "the check step itself never fails: {}", s.stderr);
    assert_eq!(output(&s, "exit-code"), Some("1"));
    assert_eq!(output(&s, "sarif-file"), Some(sarif.to_str().unwrap()));
    // Annotations point into the example, relative to the workspace.
    assert!(
        s.stdout
            .contains("::error file=examples/vardcentral-liten/evidence/"),
        "{}",
        s.stdout
    );
    assert!(s.stdout.contains("title=PDL-4.2/c1"), "{}", s.stdout);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert!(!v["runs"][0]["results"].as_array().unwrap().is_empty());
    assert!(std::fs::read_to_string(&summary)
        .unwrap()
        .contains("kravkoll"));

    let r = step("result", tmp.path(), &[("EXIT_CODE", "1".into())]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.starts_with("::error title=kravkoll::"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_passing_repository_passes_and_extra_args_reach_kravkoll() {
    let tmp = tempfile::tempdir().unwrap();
    let sarif = tmp.path().join("k.sarif");
    let html = tmp.path().join("report.html");
    let s = step(
        "check",
        tmp.path(),
        &[
            ("INPUT_PATH", "examples/region-exempel".into()),
            ("INPUT_AS_OF", "2025-12-31".into()),
            ("INPUT_ARGS", format!("-o html:{}", html.display())),
            ("KRAVKOLL_SARIF", sarif.display().to_string()),
        ],
    );
    assert_eq!(s.code, 0, "{}", s.stderr);
    assert_eq!(output(&s, "exit-code"), Some("0"));
    assert!(html.is_file(), "{}", s.stdout);
    let r = step("result", tmp.path(), &[("EXIT_CODE", "0".into())]);
    assert_eq!(r.code, 0);
}

#[test]
fn unreadable_evidence_gives_exit_code_2_and_no_sarif_to_upload() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(repo.join("evidence")).unwrap();
    std::fs::write(
        repo.join("kravkoll.yaml"),
        "organisation:\n  name: X\n  type: region\n  healthcare_provider: true\n  social_care_provider: false\n",
    )
    .unwrap();
    std::fs::write(repo.join("evidence/bad.yaml"), "kind: Sytem\nid: [\n").unwrap();
    let sarif = tmp.path().join("k.sarif");
    let s = step(
        "check",
        tmp.path(),
        &[
            ("INPUT_PATH", repo.display().to_string()),
            ("KRAVKOLL_SARIF", sarif.display().to_string()),
        ],
    );
    assert_eq!(s.code, 0, "{}", s.stderr);
    assert_eq!(output(&s, "exit-code"), Some("2"));
    assert_eq!(output(&s, "sarif-file"), Some(""));
    assert!(s.stderr.contains("bad.yaml"), "{}", s.stderr);
    let r = step("result", tmp.path(), &[("EXIT_CODE", "2".into())]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains("could not be read"), "{}", r.stdout);
}

#[test]
fn install_on_a_cache_hit_only_puts_the_cached_binary_on_the_path() {
    let tmp = tempfile::tempdir().unwrap();
    let bin_dir = tmp.path().join("kravkoll-bin");
    std::fs::create_dir_all(bin_dir.join("bin")).unwrap();
    std::fs::copy(binary(), bin_dir.join("bin/kravkoll")).unwrap();
    let gh_path = tmp.path().join("path");
    std::fs::write(&gh_path, "").unwrap();
    let s = step(
        "install",
        tmp.path(),
        &[
            ("KRAVKOLL_BIN_DIR", bin_dir.display().to_string()),
            ("KRAVKOLL_CACHE_HIT", "true".into()),
            ("GITHUB_PATH", gh_path.display().to_string()),
        ],
    );
    assert_eq!(s.code, 0, "{}", s.stderr);
    assert!(s.stdout.starts_with("kravkoll "), "{}", s.stdout);
    assert_eq!(
        std::fs::read_to_string(&gh_path).unwrap().trim(),
        bin_dir.join("bin").display().to_string()
    );
}

#[test]
fn install_without_cargo_says_what_to_add() {
    if Path::new("/usr/bin/cargo").exists() || Path::new("/bin/cargo").exists() {
        return; // cargo is a system package here: the message cannot be provoked
    }
    let tmp = tempfile::tempdir().unwrap();
    let gh_path = tmp.path().join("path");
    std::fs::write(&gh_path, "").unwrap();
    let mut cmd = Command::new("bash");
    let out = cmd
        .arg(root().join(".github/action/kravkoll-action.sh"))
        .arg("install")
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", tmp.path())
        .env("KRAVKOLL_BIN_DIR", tmp.path().join("bin"))
        .env("GITHUB_ACTION_PATH", root())
        .env("GITHUB_PATH", &gh_path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout.contains("cargo is not on PATH"), "{stdout}");
}

#[test]
fn cache_key_is_a_stable_fingerprint() {
    let tmp = tempfile::tempdir().unwrap();
    let a = step("key", tmp.path(), &[]);
    let b = step("key", tmp.path(), &[]);
    assert_eq!(a.code, 0, "{}", a.stderr);
    let key = output(&a, "key").expect("key output");
    assert_eq!(key.len(), 32);
    assert!(key.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(output(&b, "key"), Some(key));
}

fn yaml(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn action_yml_wires_inputs_and_steps_consistently() {
    let action = yaml("action.yml");
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let script = std::fs::read_to_string(root().join(".github/action/kravkoll-action.sh")).unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    let inputs = action["inputs"].as_object().unwrap();
    // Every `inputs.X` used is declared, and every declared input is used.
    let used: std::collections::BTreeSet<String> = regex::Regex::new(r"inputs\.([a-z-]+)")
        .unwrap()
        .captures_iter(&text)
        .map(|c| c[1].to_string())
        .collect();
    let declared: std::collections::BTreeSet<String> = inputs.keys().cloned().collect();
    assert_eq!(used, declared);
    // Every script step the action runs exists in the script, and every INPUT_ variable the
    // script reads is set by the action.
    for step in action["runs"]["steps"].as_array().unwrap() {
        if let Some(run) = step["run"].as_str() {
            let name = run.split_whitespace().last().unwrap();
            assert!(script.contains(&format!("\n{name})\n")), "step {name}");
            assert_eq!(step["shell"], "bash");
        }
    }
    for var in regex::Regex::new(r"INPUT_[A-Z_]+")
        .unwrap()
        .find_iter(&script)
    {
        assert!(
            text.contains(&format!("{}:", var.as_str())),
            "{}",
            var.as_str()
        );
    }
}

#[test]
fn pre_commit_hooks_run_kravkoll_on_an_evidence_repository() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["kravkoll-check", "kravkoll-validate", "kravkoll-test"]
    );
    let example = root().join("examples/vardcentral-liten");
    for h in hooks {
        assert_eq!(
            h["language"], "rust",
            "pre-commit builds the hook with cargo"
        );
        assert_eq!(
            h["pass_filenames"], false,
            "kravkoll reads the whole repository"
        );
        // pre-commit runs `entry args…` in the repository's root.
        let entry: Vec<&str> = h["entry"].as_str().unwrap().split(' ').collect();
        assert_eq!(entry[0], "kravkoll");
        let args: Vec<String> = h["args"]
            .as_array()
            .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        let out = Command::new(binary())
            .args(&entry[1..])
            .args(&args)
            .current_dir(&example)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let expected = match h["id"].as_str().unwrap() {
            // The small care provider has errors whatever the date.
            "kravkoll-check" => 1,
            _ => 0,
        };
        assert_eq!(
            out.status.code(),
            Some(expected),
            "{}: {}",
            h["id"],
            String::from_utf8_lossy(&out.stderr)
        );
        let files = regex::Regex::new(h["files"].as_str().unwrap()).unwrap();
        assert!(files.is_match("policies/local/own.rego") || h["id"] == "kravkoll-validate");
        if h["id"] != "kravkoll-test" {
            for hit in [
                "kravkoll.yaml",
                "evidence/systems/journal.yaml",
                "compliance/evidence/a/b.yml",
            ] {
                assert!(files.is_match(hit), "{}: {hit}", h["id"]);
            }
        }
        for miss in ["README.md", "src/main.rs", "evidence.txt"] {
            assert!(!files.is_match(miss), "{}: {miss}", h["id"]);
        }
    }
}

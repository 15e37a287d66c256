//! `-o FORMAT[:PATH]` and the CI formats: JUnit, GitHub workflow commands (with the step
//! summary), Markdown; several reports in one run; `--format` as a shorthand.

mod common;

use common::{check, kravkoll, run, Repo};

const SMALL: &str = "examples/vardcentral-liten";

#[test]
fn several_reports_in_one_run_and_parent_folders_created() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display();
    let out = run(&[
        "check",
        SMALL,
        "--as-of",
        "2025-12-31",
        "-o",
        "human",
        "-o",
        &format!("json:{d}/a/b/k.json"),
        "-o",
        &format!("junit:{d}/k.xml"),
        "-o",
        &format!("markdown:{d}/k.md"),
        "-o",
        &format!("human:{d}/k.txt"),
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("fel[PDL-4.2/c1]"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("a/b/k.json")).unwrap())
            .unwrap();
    let (e, w) = (&json["summary"]["error"], &json["summary"]["warning"]);
    assert_eq!(e, 10);
    let txt = std::fs::read_to_string(dir.path().join("k.txt")).unwrap();
    assert!(!txt.contains('\u{1b}'), "no ANSI codes in a file");
    assert!(txt.contains(&format!("{e} fel, {w} varningar")), "{txt}");
    assert!(dir.path().join("k.xml").is_file() && dir.path().join("k.md").is_file());
}

#[test]
fn format_is_a_shorthand_and_bad_outputs_are_input_errors() {
    let a = run(&["check", SMALL, "--as-of", "2025-12-31", "--format", "json"]);
    let b = run(&["check", SMALL, "--as-of", "2025-12-31", "-o", "json"]);
    assert_eq!(a.stdout, b.stdout);
    let two = run(&[
        "check",
        SMALL,
        "--as-of",
        "2025-12-31",
        "-o",
        "json",
        "-o",
        "sarif",
    ]);
    assert_eq!(two.code, 2);
    assert!(
        two.stderr
            .contains("only one report can go to standard output"),
        "{}",
        two.stderr
    );
    let unknown = run(&["check", SMALL, "-o", "pdf:x.pdf"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("unknown format `pdf`"),
        "{}",
        unknown.stderr
    );
    // A path that cannot be written: a file stands where a folder should be.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("f"), "x").unwrap();
    let blocked = run(&[
        "check",
        SMALL,
        "--as-of",
        "2025-12-31",
        "-o",
        &format!("sarif:{}/f/k.sarif", dir.path().display()),
    ]);
    assert_eq!(blocked.code, 2, "{}", blocked.stderr);
    assert!(
        blocked.stderr.contains("cannot write the sarif report to"),
        "{}",
        blocked.stderr
    );
}

#[test]
fn reports_are_written_relative_to_the_working_directory_not_the_repository() {
    let repo = Repo::new();
    let cwd = tempfile::tempdir().unwrap();
    let out = kravkoll()
        .current_dir(cwd.path())
        .args([
            "check",
            repo.path().to_str().unwrap(),
            "--as-of",
            "2025-12-31",
            "-o",
            "junit:k.xml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(cwd.path().join("k.xml").is_file());
    assert!(!repo.path().join("k.xml").exists());
}

#[test]
fn junit_has_a_testcase_per_control_with_passes_failures_and_accepted() {
    let repo = Repo::new();
    repo.write(
        "evidence/exc.yaml",
        "kind: Exception\nid: exc-psb\ncontrols: [PSL-3.10/c1]\njustification: Omorganisation.\ndecided_by: RS\ndecided: 2025-01-01\nexpires: 2026-01-31\n",
    );
    let out = check(repo.path(), &["-o", "junit"]);
    assert_eq!(out.code, 1);
    let x = &out.stdout;
    assert!(
        x.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "),
        "{x}"
    );
    // A control with no findings passes.
    assert!(
        x.contains("classname=\"pdl.PDL-4.2/c1\" name=\"PDL-4.2/c1 "),
        "{x}"
    );
    // A failing control names file and message.
    let fail = x
        .find("classname=\"hslf-fs-2016-40.HSLF-3.6/c1\"")
        .expect("HSLF-3.6/c1 testcase");
    assert!(x[fail..]
        .split("</testcase>")
        .next()
        .unwrap()
        .contains("<failure message="));
    assert!(
        x.contains("kravkoll.yaml)\" type=\"error\""),
        "location in the failure message"
    );
    // The accepted one is skipped, not failed.
    let acc = x
        .find("classname=\"psl.PSL-3.10/c1\"")
        .expect("PSL testcase");
    let case = x[acc..].split("</testcase>").next().unwrap();
    assert!(
        case.contains("<skipped message=\"accepterad av exc-psb\"/>"),
        "{case}"
    );
    assert!(!case.contains("<failure"));
    let tests: usize = x.matches("<testcase ").count();
    assert!(tests >= 20, "{tests} testcases");
}

#[test]
fn github_annotations_and_step_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = kravkoll()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args([
            "check",
            SMALL,
            "--as-of",
            "2025-12-31",
            "-o",
            "github",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    let line = stdout
        .lines()
        .find(|l| l.contains("title=PDL-4.2/c1 "))
        .expect("PDL-4.2/c1 annotation");
    assert!(
        line.starts_with("::error file=examples/vardcentral-liten/evidence/systems/system.yaml,line=1,title=PDL-4.2/c1 "),
        "{line}"
    );
    // Messages are one line: newlines escaped, properties' `:` and `,` escaped.
    assert!(
        line.contains("%0AProvision: patientdatalagen (2008:355) 4 kap. 2 §"),
        "{line}"
    );
    assert!(stdout.lines().any(|l| l.starts_with("::warning file=")));
    let s = std::fs::read_to_string(&summary).unwrap();
    assert!(
        s.starts_with("earlier step\n## kravkoll: "),
        "appended: {s}"
    );
    assert!(
        s.contains("| Patient Data Act (2008:355) | 3 | 2 | 0 | 0 |"),
        "{s}"
    );
}

#[test]
fn markdown_has_a_summary_table_and_collapsible_findings() {
    let out = run(&["check", SMALL, "--as-of", "2025-12-31", "-o", "markdown"]);
    let md = &out.stdout;
    let json = run(&["check", SMALL, "--as-of", "2025-12-31", "-o", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let total = format!(
        "| **Totalt** | **{}** | **{}** | **{}** | **0** |",
        v["summary"]["error"], v["summary"]["warning"], v["summary"]["info"]
    );
    assert!(
        md.starts_with("## kravkoll: Vårdcentralen Liten AB (per 2025-12-31)"),
        "{md}"
    );
    assert!(md.contains("| Regelverk | Fel | Varningar | Information | Accepterade |"));
    assert!(md.contains(&total), "{md}");
    assert!(md.contains("<details open>\n<summary><b>Patientdatalagen (2008:355)</b> (5 anmärkningar)</summary>"), "{md}");
    assert!(md.contains("- **fel** `PDL-4.2/c1` "));
    assert!(md.contains("*Grund:* MSB, En bild av landstingens"), "{md}");
    assert!(md.contains("`examples/vardcentral-liten/evidence/systems/system.yaml:1`"));
    assert!(md.contains("*Lagrum:* patientdatalagen (2008:355) 4 kap. 2 §"));
    assert!(md.contains("*Åtgärd:* "));
}

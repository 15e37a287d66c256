//! Bad input never panics: each case gets a clear message naming the file (and line), every
//! problem at once, and exit code 2, with nothing evaluated.

mod common;

use common::{check, Repo};

fn assert_input_error(out: &common::Output, needles: &[&str]) {
    assert_eq!(
        out.code, 2,
        "exit code\nstdout: {}\nstderr: {}",
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
    assert!(
        out.stderr.contains("nothing was evaluated"),
        "{}",
        out.stderr
    );
}

#[test]
fn missing_config_and_empty_repo() {
    let repo = Repo::empty();
    let out = check(repo.path(), &[]);
    assert_input_error(&out, &["no kravkoll.yaml"]);
}

#[test]
fn a_repo_that_is_not_a_folder() {
    let out = common::run(&["check", "/nonexistent/kravkoll-repo"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("cannot open"), "{}", out.stderr);
}

#[test]
fn broken_yaml_names_file_and_line() {
    let repo = Repo::new();
    repo.write("evidence/a.yaml", "kind: System\nid: s1\nname: [unclosed\n");
    let out = check(repo.path(), &[]);
    assert_input_error(&out, &["evidence/a.yaml", "invalid YAML"]);
}

#[test]
fn every_problem_is_reported_at_once_with_hints() {
    let repo = Repo::new();
    repo.write(
        "evidence/suppliers/s.yaml",
        "kind: Supplier\nid: sup-cambio\nname: X\nservice: Y\npersonal_data: yes\ndpa_sigend: 2025-01-01\nlast_followup: 2025-13-01\n",
    );
    repo.write("evidence/systems/j.yaml", "kind: Sytem\nid: j\n---\nkind: System\nid: k\nname: K\nowner: O\npatient_data: true\npersonal_data: true\nsupplier: sup-cambo\n");
    let out = check(repo.path(), &[]);
    assert_input_error(
        &out,
        &[
            "evidence/suppliers/s.yaml:5:16",
            "true or false",
            "did you mean `dpa_signed`?",
            "evidence/suppliers/s.yaml:7:16",
            "did you mean `System`?",
            "reference to unknown Supplier `sup-cambo`",
            "did you mean `sup-cambio`?",
            "5 problems found",
        ],
    );
}

#[test]
fn duplicate_ids_name_both_files() {
    let repo = Repo::new();
    let doc =
        "kind: Objective\nid: mal-1\ntitle: T\ndecided_by: rs\ndecided: 2025-01-01\nstatus: open\n";
    repo.write("evidence/a.yaml", doc);
    repo.write("evidence/b.yml", doc);
    let out = check(repo.path(), &[]);
    assert_input_error(
        &out,
        &[
            "duplicate id `mal-1`",
            "evidence/a.yaml:1",
            "evidence/b.yml",
        ],
    );
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let repo = Repo::new();
    let mut s = String::from(
        "kind: Objective\nid: x\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..12 {
        let p = i - 1;
        s.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    repo.write("evidence/bomb.yaml", &s);
    let started = std::time::Instant::now();
    let out = check(repo.path(), &[]);
    assert_input_error(&out, &["evidence/bomb.yaml", "anchors"]);
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn huge_file_is_refused_without_reading_it() {
    let repo = Repo::new();
    let p = repo.path().join("evidence/huge.yaml");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let out = check(repo.path(), &[]);
    assert_input_error(&out, &["evidence/huge.yaml", "50 MiB", "at most 10 MiB"]);
}

#[test]
fn non_utf8_is_refused_with_position() {
    let repo = Repo::new();
    repo.write_bytes(
        "evidence/latin1.yaml",
        b"kind: Objective\nid: x\ntitle: \xe5rsm\xe5l\n",
    );
    let out = check(repo.path(), &[]);
    assert_input_error(&out, &["evidence/latin1.yaml", "not UTF-8", "line 3"]);
}

#[cfg(unix)]
#[test]
fn symlink_outside_the_repository_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.yaml");
    std::fs::write(&secret, "kind: Objective\n").unwrap();
    let repo = Repo::new();
    std::os::unix::fs::symlink(&secret, repo.path().join("evidence/link.yaml")).unwrap();
    let out = check(repo.path(), &[]);
    assert_input_error(&out, &["evidence/link.yaml", "outside the repository"]);
}

#[cfg(unix)]
#[test]
fn dangling_symlink_and_fifo_are_unreadable_not_hangs() {
    let repo = Repo::new();
    std::os::unix::fs::symlink(
        "/nonexistent/x.yaml",
        repo.path().join("evidence/dangling.yaml"),
    )
    .unwrap();
    let fifo = repo.path().join("evidence/pipe.yaml");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo (coreutils) runs");
    assert!(status.success());
    let out = check(repo.path(), &[]);
    assert_input_error(
        &out,
        &[
            "evidence/dangling.yaml",
            "does not exist",
            "evidence/pipe.yaml",
            "not a regular file",
        ],
    );
}

#[test]
fn invalid_config_is_reported_with_evidence_problems() {
    let repo = Repo::new();
    repo.write(
        "kravkoll.yaml",
        "organisation:\n  name: X\n  type: regoin\n  healthcare_provider: true\n  social_care_provider: false\n  timezone: Mars/Olympus\nintervals:\n  log_followup_interval_month: 2\nlanguage: sv\n",
    );
    repo.write("evidence/o.yaml", "kind: Objective\nid: x\n");
    let out = check(repo.path(), &[]);
    assert_input_error(
        &out,
        &[
            "kravkoll.yaml:3:9",
            "did you mean `region`?",
            "unknown interval",
            "did you mean `log_followup_interval_months`?",
            "evidence/o.yaml",
            "lacks the required field `title`",
        ],
    );
}

#[test]
fn datetime_without_time_and_unknown_board() {
    let repo = Repo::new();
    repo.write(
        "evidence/i.yaml",
        "kind: Incident\nid: inc-1\nboard: hsn\ntitle: T\ndetected: 2025-03-04\ncategories: [it]\npatient_harm: none\n",
    );
    let out = check(repo.path(), &[]);
    assert_input_error(&out, &["unknown board `hsn`", "T09:00"]);
}

#[test]
fn json_format_prints_errors_as_json() {
    let repo = Repo::new();
    repo.write("evidence/o.yaml", "kind: Objective\nid: x\nfoo: 1\n");
    let out = check(repo.path(), &["--format", "json"]);
    assert_eq!(out.code, 2);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON on stdout");
    let errors = v["errors"].as_array().unwrap();
    assert!(errors
        .iter()
        .any(|e| e["code"] == "kravkoll::evidence::unknown-field"
            && e["file"] == "evidence/o.yaml"
            && e["line"] == 3));
}

#[test]
fn bad_command_line_values_exit_2() {
    let repo = Repo::new();
    let out = common::run(&[
        "check",
        repo.path().to_str().unwrap(),
        "--as-of",
        "2025-02-30",
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("not a date"), "{}", out.stderr);
}

#[test]
fn the_repository_is_never_written() {
    let repo = Repo::new();
    repo.write(
        "evidence/o.yaml",
        "kind: Objective\nid: x\ntitle: T\ndecided_by: rs\ndecided: 2025-01-01\nstatus: open\n",
    );
    let snapshot = |p: &std::path::Path| {
        let mut v: Vec<_> = walkdir::WalkDir::new(p)
            .into_iter()
            .map(|e| e.unwrap())
            .map(|e| {
                (
                    e.path().to_path_buf(),
                    std::fs::metadata(e.path()).unwrap().modified().unwrap(),
                    std::fs::read(e.path()).ok(),
                )
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    let before = snapshot(repo.path());
    let out = check(repo.path(), &["--format", "json"]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    assert_eq!(before, snapshot(repo.path()));
}

#[test]
fn dpia_refs_must_name_the_right_kinds() {
    // A DPIA's `processing` names register entries, its `systems` name systems.
    let repo = Repo::new();
    repo.write(
        "evidence/gdpr/r.yaml",
        "kind: System\nid: sys-j\nname: J\nowner: O\npatient_data: true\npersonal_data: true\n---\nkind: Dpia\nid: dpia-1\ntitle: T\nprocessing: [sys-j]\nsystems: [pa-vard]\nperformed: 2025-01-01\nresidual_high_risk: maybe\n",
    );
    let out = check(repo.path(), &[]);
    assert_input_error(
        &out,
        &[
            "`sys-j` is a System, but a ProcessingActivity is expected here",
            "reference to unknown System `pa-vard`",
            "true or false",
        ],
    );
}

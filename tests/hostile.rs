//! The hostile-input corpus: broken, hostile and careless input, one case per test. Each
//! case asserts the exit code (2 unless said otherwise), a message naming the file at fault,
//! and that the process neither panicked nor aborted.
//!
//! Cases that would take much memory or time on a regression are kept small and bounded:
//! the process runs under an address-space limit (RLIMIT_AS), or two sizes are compared so
//! that quadratic growth shows as a ratio, never as an absolute time.

mod common;

use std::os::unix::fs::{symlink, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{check, Output, Repo};

// ---------------------------------------------------------------------------------------
// Helpers

/// A valid Objective record.
fn objective(id: &str) -> String {
    format!("kind: Objective\nid: {id}\ntitle: Mål\ndecided_by: rs\ndecided: 2025-01-01\nstatus: open\n")
}

/// A valid System record.
fn system(id: &str) -> String {
    format!("kind: System\nid: {id}\nname: System\nowner: Förvaltningen\npatient_data: false\npersonal_data: false\n")
}

/// Neither a panic nor an abort, whatever the exit code.
fn assert_calm(out: &Output) {
    assert_ne!(out.code, -1, "killed by a signal\nstderr: {}", out.stderr);
    for bad in [
        "panicked",
        "RUST_BACKTRACE",
        "fatal runtime error",
        "overflowed its stack",
        "memory allocation of",
    ] {
        assert!(
            !out.stderr.contains(bad),
            "stderr has {bad:?}:\n{}",
            out.stderr
        );
    }
}

/// Exit code 2, the file named, every needle in standard error.
#[track_caller]
fn assert_refused(out: &Output, file: &str, needles: &[&str]) {
    assert_calm(out);
    assert_eq!(
        out.code, 2,
        "exit code\nstdout: {}\nstderr: {}",
        out.stdout, out.stderr
    );
    assert!(
        out.stderr.contains(file),
        "stderr does not name {file:?}:\n{}",
        out.stderr
    );
    for n in needles {
        assert!(
            out.stderr.contains(n),
            "stderr lacks {n:?}:\n{}",
            out.stderr
        );
    }
}

fn refused(repo: &Repo, file: &str, needles: &[&str]) {
    let out = check(repo.path(), &[]);
    assert_refused(&out, file, needles);
}

/// A repository whose `policies/local/` pack has one control, LOCAL-1, and `rego` as its
/// policy; `limits` is appended to kravkoll.yaml.
fn with_policy(rego: &str, limits: &str) -> Repo {
    let repo = Repo::new();
    repo.write("kravkoll.yaml", &format!("{}{limits}", common::CONFIG));
    repo.write(
        "policies/local/controls.yaml",
        "framework: local\nname_sv: Egna krav\nname_en: Own requirements\ncontrols:\n  - id: LOCAL-1\n    citation: Intern policy 1.1\n    title_sv: T\n    title_en: T\n    severity: warning\n    applies_to: [all]\n    effective_from: 2024-01-01\n    effective_to: null\n    remediation_sv: R\n    remediation_en: R\n",
    );
    repo.write("policies/local/p.rego", rego);
    repo.write("evidence/o.yaml", &objective("mal-1"));
    repo
}

fn finding_policy(body: &str) -> String {
    format!(
        "package kravkoll.local.p\n\nfindings contains f if {{\n{body}\n\tf := {{\"control\": \"LOCAL-1\", \"record\": null, \"message\": {{\"sv\": \"x\", \"en\": \"x\"}}}}\n}}\n"
    )
}

/// Runs kravkoll with a command prepared by `prepare`, under a time limit.
fn run_with(args: &[&str], prepare: impl FnOnce(&mut Command)) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kravkoll"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    prepare(&mut cmd);
    let child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let out = wait_at_most(child, Duration::from_secs(120));
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn wait_at_most(mut child: std::process::Child, limit: Duration) -> std::process::Output {
    let started = Instant::now();
    // Read the pipes on threads so that a chatty child cannot block on a full pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut v).ok();
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut v).ok();
        v
    });
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("kravkoll ran longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    std::process::Output {
        status,
        stdout: out_t.join().unwrap(),
        stderr: err_t.join().unwrap(),
    }
}

/// `check REPO --as-of 2025-12-31` with the address space limited to `mib` MiB, so that
/// memory that grows with problems times file size ends in a failed allocation (an abort),
/// not in a machine out of memory.
fn check_within_memory(repo: &Path, mib: u64) -> Output {
    let args = ["check", repo.to_str().unwrap(), "--as-of", "2025-12-31"];
    run_with(&args, |cmd| {
        let bytes = mib * 1024 * 1024;
        // SAFETY: only async-signal-safe libc calls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                let lim = libc::rlimit {
                    rlim_cur: bytes,
                    rlim_max: bytes,
                };
                if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    })
}

/// Checks a repository made by `make(small)` and one made by `make(large)`: both refused
/// naming `file` with `needle`, and the large one costing no more than `factor` times the
/// small one (plus start-up). Linear work passes with room to spare; the quadratic work
/// these cases once did fails by far, whatever the machine's speed.
fn assert_linear(
    make: impl Fn(usize) -> Repo,
    (small, large): (usize, usize),
    factor: u32,
    file: &str,
    needle: &str,
) {
    let mut times = Vec::new();
    for n in [small, large] {
        let repo = make(n);
        let started = Instant::now();
        let out = check(repo.path(), &[]);
        times.push(started.elapsed());
        assert_refused(&out, file, &[needle]);
    }
    assert!(
        times[1] < times[0] * factor + Duration::from_secs(5),
        "{:?} for {small}, {:?} for {large}",
        times[0],
        times[1]
    );
}

/// A case: files written into a fresh repository (which has the common kravkoll.yaml and an
/// empty evidence folder), then `check` refuses it naming `$file`, with every needle.
macro_rules! case {
    ($name:ident { $($path:expr => $text:expr),* $(,)? } => $file:expr $(, $needle:expr)* $(,)?) => {
        #[test]
        fn $name() {
            let repo = Repo::new();
            $(repo.write($path, &$text);)*
            refused(&repo, $file, &[$($needle),*]);
        }
    };
}

/// A case of the repository's own policy (see [`with_policy`]), run under an address-space
/// limit so that a policy that escaped its limits would fail the test, not the machine.
macro_rules! policy_case {
    ($name:ident { $rego:expr, limits: $limits:expr } => $file:expr $(, $needle:expr)* $(,)?) => {
        #[test]
        fn $name() {
            let repo = with_policy(&$rego, $limits);
            let out = check_within_memory(repo.path(), 4096);
            assert_refused(&out, $file, &[$($needle),*]);
        }
    };
}

/// `kravkoll.yaml` with `extra` appended, and `from` replaced by `to` in the common one.
fn config(from: &str, to: &str, extra: &str) -> String {
    format!("{}{extra}", common::CONFIG.replace(from, to))
}

// ---------------------------------------------------------------------------------------
// Malformed YAML

case!(yaml_unclosed_flow_list {
    "evidence/a.yaml" => "kind: System\nid: s1\nname: [unclosed\n",
} => "evidence/a.yaml", "invalid YAML");

case!(yaml_tab_indentation {
    "evidence/a.yaml" => "kind: Objective\nid: x\nextra:\n\tk: v\n",
} => "evidence/a.yaml", "invalid YAML");

case!(yaml_bad_indentation {
    "evidence/a.yaml" => "kind: Objective\n  id: x\n title: y\n",
} => "evidence/a.yaml", "invalid YAML");

case!(yaml_duplicate_key_names_both_lines {
    "evidence/a.yaml" => "kind: Objective\nid: x\nid: y\n",
} => "evidence/a.yaml:3", "duplicate key `id`", "first written on line 2");

case!(yaml_unterminated_quote {
    "evidence/a.yaml" => "kind: Objective\nid: \"x\ntitle: y\n",
} => "evidence/a.yaml", "invalid YAML");

case!(yaml_document_is_a_list {
    "evidence/a.yaml" => "- kind: Objective\n- id: x\n",
} => "evidence/a.yaml:1:1", "must be a mapping with a `kind`");

case!(yaml_document_is_a_scalar {
    "evidence/a.yaml" => "just text\n",
} => "evidence/a.yaml", "must be a mapping");

case!(yaml_mapping_as_key {
    "evidence/a.yaml" => "kind: Objective\n? {a: 1}\n: x\n",
} => "evidence/a.yaml", "mapping key must be a plain string");

#[test]
fn yaml_nul_byte() {
    let repo = Repo::new();
    repo.write_bytes("evidence/a.yaml", b"kind: Objective\nid: x\x00y\n");
    refused(&repo, "evidence/a.yaml", &[]);
}

#[test]
fn yaml_not_utf8_in_config() {
    let repo = Repo::new();
    repo.write_bytes(
        "kravkoll.yaml",
        b"organisation:\n  name: V\xe5rdcentralen\n",
    );
    refused(&repo, "kravkoll.yaml", &["not UTF-8", "line 2"]);
}

// The BOM is not a character of the first line: `kind` is at column 1, its value at 7.
case!(yaml_byte_order_mark_keeps_columns {
    "evidence/a.yaml" => "\u{FEFF}kind: Objektiv\nid: x\n",
} => "evidence/a.yaml:1:7", "unknown kind `Objektiv`");

case!(yaml_byte_order_mark_in_config {
    "kravkoll.yaml" => format!("\u{FEFF}evidence_dir: /etc\n{}", common::CONFIG),
} => "kravkoll.yaml:1:15", "evidence_dir `/etc` must be a folder inside the repository");

case!(yaml_multibyte_columns_are_characters {
    "evidence/a.yaml" => objective("x").replace("status: open", "status: öppen").replace("Mål", "Åtgärd för år"),
} => "evidence/a.yaml:6:9", "status");

// ---------------------------------------------------------------------------------------
// Wrong types and values

case!(type_yes_is_not_a_boolean {
    "evidence/s.yaml" => system("s1").replace("patient_data: false", "patient_data: yes"),
} => "evidence/s.yaml:5:15", "true or false");

case!(type_huge_integer_is_out_of_range_not_a_wrong_type {
    "evidence/s.yaml" => system("s1"),
    "evidence/ar.yaml" => "kind: AccessReview\nid: ar-1\nsystem: s1\nperformed: 2025-01-01\naccounts_reviewed: 123456789012345678901234567890\n",
} => "evidence/ar.yaml:5:20", "a whole number from 0 to any");

case!(type_word_for_a_number {
    "evidence/s.yaml" => system("s1"),
    "evidence/ar.yaml" => "kind: AccessReview\nid: ar-1\nsystem: s1\nperformed: 2025-01-01\naccounts_reviewed: many\n",
} => "evidence/ar.yaml:5", "expected a whole number, found `many`");

case!(type_impossible_date {
    "evidence/o.yaml" => objective("x").replace("2025-01-01", "2025-02-30"),
} => "evidence/o.yaml:5:10", "a date (YYYY-MM-DD)");

case!(date_far_future_typo {
    "evidence/o.yaml" => objective("x").replace("2025-01-01", "2505-05-09"),
} => "evidence/o.yaml:5:10", "outside the dates kravkoll evaluates (1900-01-01 to 2199-12-31)");

case!(date_far_past {
    "evidence/o.yaml" => objective("x").replace("2025-01-01", "1600-01-01"),
} => "evidence/o.yaml:5:10", "outside the dates kravkoll evaluates");

case!(datetime_at_the_end_of_representable_time {
    "evidence/i.yaml" => "kind: Incident\nid: inc-1\ntitle: T\ndetected: 9999-12-31T23:59:59-12:00\ncategories: [it]\npatient_harm: none\n",
} => "evidence/i.yaml:4:11", "outside the dates kravkoll evaluates");

case!(type_list_for_a_single_value {
    "evidence/o.yaml" => objective("x").replace("title: Mål", "title: [a, b]"),
} => "evidence/o.yaml:3", "must be a single value, found a list");

case!(type_mapping_for_a_list {
    "evidence/r.yaml" => "kind: RiskAnalysis\nid: ra\ntitle: T\nscope: organisation\nperformed: 2025-01-01\ninputs: {a: b}\n",
} => "evidence/r.yaml:6", "must be a list");

case!(type_unknown_kind_and_field {
    "evidence/a.yaml" => "kind: Sytem\nid: a\n---\nkind: Objective\nid: b\ntitel: x\n",
} => "evidence/a.yaml", "did you mean `System`?", "unknown field `titel`");

// ---------------------------------------------------------------------------------------
// Names, owners, ids and other text

case!(id_with_a_line_break {
    "evidence/o.yaml" => objective("\"mal\\n1\""),
} => "evidence/o.yaml:2:5", "contains a space, a line break", "an id is");

case!(id_with_a_path {
    "evidence/o.yaml" => objective("../../etc/passwd"),
} => "evidence/o.yaml:2:5", "contains `/`");

case!(id_blank {
    "evidence/o.yaml" => objective("\"  \""),
} => "evidence/o.yaml:2:5", "`id` is blank");

case!(name_blank {
    "evidence/s.yaml" => system("s1").replace("name: System", "name: \"\""),
} => "evidence/s.yaml:3:7", "`name` is blank");

case!(owner_blank {
    "evidence/s.yaml" => system("s1").replace("owner: Förvaltningen", "owner: \"   \""),
} => "evidence/s.yaml:4:8", "`owner` is blank");

case!(title_on_two_lines {
    "evidence/o.yaml" => objective("x").replace("title: Mål", "title: |\n  rad ett\n  rad två"),
} => "evidence/o.yaml:4", "`title` must be one line of text");

case!(organisation_name_empty {
    "kravkoll.yaml" => config("name: Testregionen", "name: \"\"", ""),
} => "kravkoll.yaml:2:9", "`name` is blank");

#[test]
fn terminal_escape_in_text() {
    let repo = Repo::new();
    repo.write(
        "evidence/o.yaml",
        &objective("x").replace("title: Mål", "title: \"Mål\\e[2J\""),
    );
    let out = check(repo.path(), &[]);
    assert_refused(&out, "evidence/o.yaml:3", &["U+001B"]);
    assert!(!out.stderr.contains('\u{1b}'), "the escape is not echoed");
}

#[test]
fn text_direction_override() {
    let repo = Repo::new();
    repo.write(
        "evidence/o.yaml",
        &objective("x").replace("title: Mål", "title: \"a\u{202E}b\""),
    );
    let out = check(repo.path(), &[]);
    assert_refused(&out, "evidence/o.yaml:3", &["U+202E"]);
    // The snippet shows the line with the character made visible, not the line reordered.
    assert!(!out.stderr.contains('\u{202E}'), "{}", out.stderr);
    assert!(out.stderr.contains("a\u{FFFD}b"), "{}", out.stderr);
}

// ---------------------------------------------------------------------------------------
// Bombs and sizes

fn alias_bomb() -> String {
    let mut s = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..12 {
        let p = i - 1;
        s.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    s
}

case!(bomb_aliases_in_evidence {
    "evidence/b.yaml" => format!("kind: Objective\nid: x\n{}", alias_bomb()),
} => "evidence/b.yaml", "anchors");

case!(bomb_aliases_in_config {
    "kravkoll.yaml" => config("", "", &alias_bomb()),
} => "kravkoll.yaml", "anchors");

#[test]
fn bomb_aliases_in_controls_yaml() {
    // serde's loader expanded these: 9^12 strings.
    let repo = with_policy(&finding_policy("\ttrue"), "");
    let path = repo.path().join("policies/local/controls.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    repo.write(
        "policies/local/controls.yaml",
        &format!("{text}{}", alias_bomb()),
    );
    let out = check_within_memory(repo.path(), 2048);
    assert_refused(&out, "policies/local/controls.yaml", &["anchors"]);
}

// saphyr's own recursion limit or kravkoll's depth cap, whichever comes first.
case!(bomb_deep_nesting {
    "evidence/d.yaml" => format!("kind: Objective\nid: x\nextra: {}", "[".repeat(20_000)),
} => "evidence/d.yaml:3", "invalid YAML");

case!(size_config_over_a_mebibyte {
    "kravkoll.yaml" => config("", "", &format!("# {}\n", "x".repeat(1024 * 1024))),
} => "kravkoll.yaml", "at most 1 MiB");

#[test]
fn size_controls_yaml_over_a_mebibyte() {
    let repo = with_policy(&finding_policy("\ttrue"), "");
    let big = format!("# {}\n", "x".repeat(1024 * 1024 + 10));
    repo.write("policies/local/controls.yaml", &big);
    refused(&repo, "policies/local/controls.yaml", &["at most 1 MiB"]);
}

#[test]
fn size_rego_over_a_mebibyte() {
    let repo = with_policy(&finding_policy("\ttrue"), "");
    let big = format!(
        "package kravkoll.local.big\n# {}\n",
        "x".repeat(1024 * 1024)
    );
    repo.write("policies/local/big.rego", &big);
    refused(&repo, "policies/local/big.rego", &["at most 1 MiB"]);
}

#[test]
fn size_evidence_file_over_ten_mebibytes() {
    let repo = Repo::new();
    let f = std::fs::File::create(repo.path().join("evidence/huge.yaml")).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    refused(&repo, "evidence/huge.yaml", &["50 MiB", "at most 10 MiB"]);
}

#[test]
fn many_invalid_records_in_one_file_bounded_memory_and_output() {
    // 8 000 invalid records in 600 KB once needed over 4 GB (the file's text copied per
    // problem); now the text is shared and 20 problems per file are printed in full.
    let repo = Repo::new();
    let text: String = (0..8000)
        .map(|i| format!("---\nkind: Objective\nid: o{i}\ntitle: T\nstatus: maybe\n"))
        .collect();
    repo.write("evidence/many.yaml", &text);
    let out = check_within_memory(repo.path(), 2048);
    let needles = ["more problems in this file", "24000 problems found"];
    assert_refused(&out, "evidence/many.yaml", &needles);
    assert!(
        out.stderr.len() < 200_000,
        "{} bytes of output",
        out.stderr.len()
    );
}

#[test]
fn long_flow_line_costs_linear_time() {
    // `l: [1,1,…]` with 160 000 items on one line once took 50 s: each item's column was
    // found by walking the line from its start.
    let make = |n: usize| {
        let repo = Repo::new();
        let items = vec!["1"; n].join(",");
        repo.write(
            "evidence/l.yaml",
            &format!("kind: Objective\nid: x\nl: [{items}]\n"),
        );
        repo
    };
    assert_linear(
        make,
        (20_000, 160_000),
        20,
        "evidence/l.yaml:3:1",
        "unknown field `l`",
    );
}

#[test]
fn many_keys_in_one_mapping_cost_linear_time() {
    // The duplicate-key check once compared each key with every earlier one.
    let make = |n: usize| {
        let repo = Repo::new();
        let keys: String = (0..n).map(|i| format!("  k{i}: v\n")).collect();
        let text = format!("kind: Objective\nid: x\nextra:\n{keys}status: nej\n");
        repo.write("evidence/k.yaml", &text);
        repo
    };
    assert_linear(make, (5_000, 80_000), 40, "evidence/k.yaml", "status");
}

#[test]
fn many_nested_items_cost_linear_time() {
    // Nested item ids were compared with every earlier item of the record.
    let make = |n: usize| {
        let repo = Repo::new();
        let risks: String = (0..=n)
            .map(|i| {
                let id = if i == n { 0 } else { i };
                format!("  - {{id: r{id}, description: d, level: low, treatment: accept}}\n")
            })
            .collect();
        let text = format!("kind: RiskAnalysis\nid: ra\ntitle: T\nscope: organisation\nperformed: 2025-01-01\nrisks:\n{risks}");
        repo.write("evidence/ra.yaml", &text);
        repo
    };
    assert_linear(
        make,
        (5_000, 80_000),
        40,
        "evidence/ra.yaml",
        "duplicate id `r0` in `risks`",
    );
}

// ---------------------------------------------------------------------------------------
// Links, pipes, unreadable files, where the evidence is

#[test]
fn link_folder_inside_the_repository_is_read() {
    // Records behind a linked folder are read (under their real path), never skipped.
    let repo = Repo::new();
    repo.write(
        "shared/systems/s.yaml",
        &system("s1").replace("owner: Förvaltningen\n", ""),
    );
    symlink(
        repo.path().join("shared"),
        repo.path().join("evidence/shared"),
    )
    .unwrap();
    refused(
        &repo,
        "shared/systems/s.yaml",
        &["lacks the required field `owner`"],
    );
}

#[test]
fn link_folder_read_once_when_reached_twice() {
    // Read twice, its record would be a duplicate id.
    let repo = Repo::new();
    repo.write("evidence/a/o.yaml", &objective("x"));
    symlink("a", repo.path().join("evidence/b")).unwrap();
    assert_accepted(&repo);
}

#[test]
fn link_folder_outside_the_repository() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("o.yaml"), objective("x")).unwrap();
    let repo = Repo::new();
    symlink(outside.path(), repo.path().join("evidence/ext")).unwrap();
    refused(&repo, "evidence/ext", &["outside the repository"]);
}

#[test]
fn link_folder_loop() {
    let repo = Repo::new();
    std::fs::create_dir_all(repo.path().join("evidence/a")).unwrap();
    symlink("..", repo.path().join("evidence/a/up")).unwrap();
    refused(&repo, "evidence/a/up", &["symbolic link loop"]);
}

#[test]
fn link_file_loop() {
    let repo = Repo::new();
    symlink("b.yaml", repo.path().join("evidence/a.yaml")).unwrap();
    symlink("a.yaml", repo.path().join("evidence/b.yaml")).unwrap();
    let out = check(repo.path(), &[]);
    assert_refused(&out, "evidence/a.yaml", &["symbolic link loop"]);
    assert!(!out.stderr.contains("copy the file"), "{}", out.stderr);
}

#[test]
fn link_file_outside_the_repository() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("s.yaml"), objective("x")).unwrap();
    let repo = Repo::new();
    symlink(
        outside.path().join("s.yaml"),
        repo.path().join("evidence/s.yaml"),
    )
    .unwrap();
    refused(&repo, "evidence/s.yaml", &["outside the repository"]);
}

#[test]
fn link_dangling() {
    let repo = Repo::new();
    symlink("/nonexistent/x", repo.path().join("evidence/gone")).unwrap();
    refused(&repo, "evidence/gone", &["does not exist"]);
}

#[test]
fn fifo_in_evidence() {
    let repo = Repo::new();
    let status = Command::new("mkfifo")
        .arg(repo.path().join("evidence/pipe.yaml"))
        .status()
        .expect("mkfifo (coreutils) runs");
    assert!(status.success());
    refused(&repo, "evidence/pipe.yaml", &["not a regular file"]);
}

#[test]
fn evidence_dir_linked_outside() {
    let repo = Repo::new();
    std::fs::remove_dir(repo.path().join("evidence")).unwrap();
    symlink("/etc", repo.path().join("evidence")).unwrap();
    let out = check(repo.path(), &[]);
    assert_refused(&out, "kravkoll.yaml", &["outside the repository"]);
    assert!(!out.stderr.contains("does not exist"), "{}", out.stderr);
}

#[test]
fn evidence_dir_is_the_repository() {
    let repo = Repo::new();
    repo.write("kravkoll.yaml", &config("", "", "evidence_dir: .\n"));
    let out = check(repo.path(), &[]);
    assert_refused(
        &out,
        "kravkoll.yaml",
        &["evidence_dir `.` is the repository itself"],
    );
    assert!(!out.stderr.contains("no `kind`"), "{}", out.stderr);
}

#[test]
fn evidence_dir_missing() {
    let repo = Repo::new();
    std::fs::remove_dir(repo.path().join("evidence")).unwrap();
    refused(
        &repo,
        "kravkoll.yaml",
        &["the evidence folder `evidence` does not exist"],
    );
}

#[test]
fn policies_folder_linked_outside() {
    let outside = tempfile::tempdir().unwrap();
    let repo = Repo::new();
    repo.write("evidence/o.yaml", &objective("x"));
    symlink(outside.path(), repo.path().join("policies")).unwrap();
    refused(&repo, "policies", &["outside the repository"]);
}

case!(upper_case_extensions_are_read {
    "evidence/A.YAML" => "kind: Objective\nid: a\n",
    "evidence/b.Yml" => "kind: Objective\nid: b\n",
} => "evidence/A.YAML", "evidence/b.Yml", "lacks the required field");

/// Runs `check` as an unprivileged user when the tests run as root (root reads any file).
fn check_unprivileged(repo: &Repo) -> Output {
    let args = [
        "check",
        repo.path().to_str().unwrap(),
        "--as-of",
        "2025-12-31",
    ];
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return run_with(&args, |_| {});
    }
    // Everything on the way to the repository must be readable by the other user.
    let mut p = repo.path().to_path_buf();
    loop {
        let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755));
        if !p.pop() || p == Path::new("/tmp") || p == Path::new("/") {
            break;
        }
    }
    for e in walkdir::WalkDir::new(repo.path()).into_iter().flatten() {
        let mode = std::fs::metadata(e.path()).unwrap().permissions().mode();
        if mode & 0o777 != 0 {
            let m = if e.file_type().is_dir() { 0o755 } else { 0o644 };
            let _ = std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(m));
        }
    }
    run_with(&args, |cmd| {
        cmd.uid(65534).gid(65534);
    })
}

#[test]
fn unreadable_file() {
    let repo = Repo::new();
    let p = repo.write("evidence/secret.yaml", &objective("x"));
    let out = {
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
        // The mode stays 000 (the permission walk leaves files with no bits alone).
        check_unprivileged(&repo)
    };
    assert_refused(&out, "evidence/secret.yaml", &["cannot read"]);
}

#[test]
fn unreadable_folder() {
    let repo = Repo::new();
    repo.write("evidence/closed/o.yaml", &objective("x"));
    let dir = repo.path().join("evidence/closed");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = check_unprivileged(&repo);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_refused(&out, "evidence/closed", &["cannot read"]);
}

// ---------------------------------------------------------------------------------------
// kravkoll.yaml

// Every problem at once: the time zone and evidence_dir were reported only once the rest
// of the file was right.
case!(config_every_problem_at_once {
    "kravkoll.yaml" => config("type: region", "type: regoin", "evidence_dir: /etc\nlangauge: sv\n")
        .replace("  licensed_staff_fte: 100\n", "  licensed_staff_fte: 100\n  timezone: Mars/Olympus\n"),
} => "kravkoll.yaml",
    "did you mean `region`?",
    "unknown time zone `Mars/Olympus`",
    "evidence_dir `/etc` must be a folder inside the repository",
    "unknown field `langauge`");

case!(config_is_a_list {
    "kravkoll.yaml" => "- a\n- b\n",
} => "kravkoll.yaml", "must be a mapping");

case!(config_is_empty {
    "kravkoll.yaml" => "# nothing\n",
} => "kravkoll.yaml", "kravkoll.yaml is empty");

case!(config_absurd_interval {
    "kravkoll.yaml" => config("", "", "intervals:\n  log_followup_interval_months: 1e300\n"),
} => "kravkoll.yaml:", "must be a positive number up to");

case!(config_policy_limits_out_of_range {
    "kravkoll.yaml" => config("", "", "policy_limits:\n  time_seconds: 0\n  memory_mib: lots\n"),
} => "kravkoll.yaml", "`time_seconds`: expected a whole number from 1 to 3600", "`memory_mib`");

case!(config_numbers_allowed_in_a_file_that_is_not_evidence {
    "kravkoll.yaml" => config("", "", "allow_personal_identity_numbers_in: [evidence/nope.yaml]\n"),
} => "kravkoll.yaml", "`evidence/nope.yaml` is not an evidence file");

// ---------------------------------------------------------------------------------------
// Personal identity numbers (Skatteverket's test numbers, not real people)

/// Checks the repository (with JSON on standard output, the other place a number could
/// leak): refused naming `file` with the needles, and the digits `secret` printed nowhere.
fn refused_never_printing(repo: &Repo, file: &str, needles: &[&str], secret: &str) {
    let out = check(repo.path(), &["--format", "json"]);
    assert_refused(&out, file, needles);
    for text in [&out.stderr, &out.stdout] {
        assert!(!text.contains(secret), "the number is printed:\n{text}");
    }
}

/// A run that ends with findings or none (exit code 0 or 1), calmly.
fn assert_accepted(repo: &Repo) {
    let out = check(repo.path(), &["--format", "json"]);
    assert_calm(&out);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
}

#[test]
fn personnummer_in_a_title_is_an_error_and_never_printed() {
    let repo = Repo::new();
    let title = "title: Uppföljning av 19811218-9876";
    repo.write(
        "evidence/o.yaml",
        &objective("x").replace("title: Mål", title),
    );
    let needles = ["personal identity number", "`title`"];
    refused_never_printing(&repo, "evidence/o.yaml:3:8", &needles, "9876");
}

#[test]
fn samordningsnummer_in_a_nested_field() {
    let repo = Repo::new();
    repo.write(
        "evidence/r.yaml",
        "kind: RiskAnalysis\nid: ra\ntitle: T\nscope: organisation\nperformed: 2025-01-01\nrisks:\n  - id: r1\n    description: gäller 8112789873\n    level: low\n    treatment: accept\n",
    );
    let needles = ["coordination number", "`risks.description`"];
    refused_never_printing(&repo, "evidence/r.yaml:8", &needles, "8112789873");
}

#[test]
fn personnummer_as_an_id_is_masked_everywhere() {
    // The number is an id, and another record refers to it: no message prints it.
    let repo = Repo::new();
    repo.write("evidence/s.yaml", &system("198112189876"));
    repo.write(
        "evidence/ar.yaml",
        "kind: AccessReview\nid: ar-1\nsystem: \"811218-9876\"\nperformed: 2025-01-01\n",
    );
    let needles = ["evidence/ar.yaml", "personal identity number"];
    refused_never_printing(&repo, "evidence/s.yaml", &needles, "9876");
}

#[test]
fn personnummer_in_extra_and_in_a_key() {
    let repo = Repo::new();
    let text = format!("{}extra:\n  \"811218-9876\": patient\n", objective("x"));
    repo.write("evidence/o.yaml", &text);
    let needles = ["a field name under `extra`"];
    refused_never_printing(&repo, "evidence/o.yaml:8", &needles, "9876");
}

#[test]
fn personnummer_allowed_in_a_listed_file() {
    let repo = Repo::new();
    let allowed = "allow_personal_identity_numbers_in: [evidence/test/persons.yaml]\n";
    repo.write("kravkoll.yaml", &config("", "", allowed));
    let title = "title: Testperson 19811218-9876";
    repo.write(
        "evidence/test/persons.yaml",
        &objective("x").replace("title: Mål", title),
    );
    assert_accepted(&repo);
}

#[test]
fn organisation_numbers_are_not_personal() {
    let repo = Repo::new();
    let title = "title: Avtal med 556677-8899 och 5566778899";
    repo.write(
        "evidence/o.yaml",
        &objective("x").replace("title: Mål", title),
    );
    assert_accepted(&repo);
}

// ---------------------------------------------------------------------------------------
// Repository policies: the sandbox and admission

const RECURSIVE: &str = "package kravkoll.local.p\n\nf(x) := y if {\n\ty := f(x + 1)\n}\n\nfindings contains v if {\n\tv := {\"control\": \"LOCAL-1\", \"record\": null, \"message\": {\"sv\": sprintf(\"%v\", [f(1)]), \"en\": \"x\"}}\n}\n";

// Once a stack overflow: SIGABRT with no location.
policy_case!(policy_recursion_is_stopped_with_the_package_named {
    RECURSIVE, limits: ""
} => "policies/local/p.rego", "`kravkoll.local.p`", "calls itself");

// Once an abort on a 48 GB allocation.
policy_case!(policy_huge_range_hits_the_memory_limit {
    finding_policy("\tcount(numbers.range(1, 2000000000)) > 0"),
    limits: "policy_limits:\n  memory_mib: 64\n"
} => "policies/local/p.rego", "memory limit of 64 MiB", "policy_limits.memory_mib");

// Once 6 GB and growing.
policy_case!(policy_triple_comprehension_hits_a_limit {
    finding_policy("\txs := numbers.range(1, 2000)\n\tcount([[a, b, c] | some a in xs; some b in xs; some c in xs]) > 0"),
    limits: "policy_limits:\n  time_seconds: 2\n  memory_mib: 128\n"
} => "policies/local/p.rego", "`kravkoll.local.p`", "limit");

policy_case!(policy_endless_work_hits_the_time_limit {
    finding_policy("\txs := numbers.range(1, 100000)\n\tsome a in xs\n\tsome b in xs\n\ta + b < 0"),
    limits: "policy_limits:\n  time_seconds: 1\n"
} => "policies/local/p.rego", "time limit of 1 s", "policy_limits.time_seconds");

#[test]
fn policy_json_consumers_get_the_limit_as_json() {
    let repo = with_policy(
        &finding_policy("\tcount(numbers.range(1, 2000000000)) > 0"),
        "policy_limits:\n  memory_mib: 64\n",
    );
    let out = check(repo.path(), &["--format", "json"]);
    assert_refused(&out, "policies/local/p.rego", &[]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON errors on stdout");
    assert_eq!(v["errors"][0]["code"], "kravkoll::policy::limit");
}

// Once "binding plan not found" at evaluation, pointing at the built-in file.
policy_case!(policy_rules_added_to_a_builtin_package {
    "package kravkoll.gdpr.security\n\nfindings contains f if {\n\tfalse\n\tf := 1\n}\n", limits: ""
} => "policies/local/p.rego:1:9", "outside `kravkoll.local.`");

policy_case!(policy_package_outside_the_prefix {
    "package evil\n\nx := 1\n", limits: ""
} => "policies/local/p.rego:1:9", "the package `evil` is outside `kravkoll.local.`");

#[test]
fn policy_in_a_builtin_pack_folder() {
    let repo = with_policy(&finding_policy("\ttrue"), "");
    let rego = "package kravkoll.gdpr.extra\n\nfindings contains f if {\n\tfalse\n\tf := 1\n}\n";
    repo.write("policies/gdpr/extra.rego", rego);
    refused(
        &repo,
        "policies/gdpr/extra.rego",
        &["folder of a built-in pack"],
    );
}

#[test]
fn policy_file_directly_under_policies() {
    let repo = with_policy(&finding_policy("\ttrue"), "");
    repo.write("policies/loose.rego", "package kravkoll.loose\n\nx := 1\n");
    refused(
        &repo,
        "policies/loose.rego",
        &["must live in the folder of its framework"],
    );
}

// Once reported at evaluation naming the control but not the policy file.
policy_case!(policy_finding_for_an_unknown_control {
    finding_policy("\ttrue").replace("LOCAL-1", "LOCAL-9"), limits: ""
} => "policies/local/p.rego:5:", "`LOCAL-9`, which is not a control in policies/local/controls.yaml");

policy_case!(policy_finding_for_a_builtin_control {
    finding_policy("\ttrue").replace("LOCAL-1", "HSLF-3.6/c1"), limits: ""
} => "policies/local/p.rego:5:", "a control of the framework `hslf-fs-2016-40`");

policy_case!(policy_finding_for_a_computed_unknown_control {
    "package kravkoll.local.p\n\nfindings contains f if {\n\tf := {\"control\": sprintf(\"LOCAL-%d\", [9]), \"record\": null, \"message\": {\"sv\": \"x\", \"en\": \"x\"}}\n}\n",
    limits: ""
} => "policies/local/p.rego", "`LOCAL-9`, which is not in any controls.yaml");

#[test]
fn policy_variable_cycle_is_a_located_compile_error() {
    let repo = with_policy(&finding_policy("\ta := b + 1\n\tb := a + 1"), "");
    let out = check(repo.path(), &[]);
    assert_refused(&out, "policies/local/p.rego:4:", &["does not compile"]);
    assert!(out.stderr.lines().count() < 25, "{}", out.stderr);
}

#[test]
fn policy_upper_case_extension_is_named() {
    let repo = with_policy(&finding_policy("\ttrue"), "");
    repo.write(
        "policies/local/extra.REGO",
        "package kravkoll.local.extra\n",
    );
    refused(&repo, "policies/local/extra.REGO", &["in lower case"]);
}

#[test]
fn policy_test_runner_stops_recursion() {
    let repo = with_policy(&finding_policy("\ttrue"), "");
    repo.write(
        "policies/local/p_test.rego",
        "package kravkoll.local.p_test\n\nf(x) := y if {\n\ty := f(x + 1)\n}\n\ntest_loops if {\n\tf(1) == \"LOCAL-1\"\n}\n",
    );
    let out = common::run(&["test", repo.path().to_str().unwrap()]);
    assert_refused(&out, "policies/local/p_test.rego", &["calls itself"]);
}

// ---------------------------------------------------------------------------------------
// Output

#[test]
fn stdout_write_error_exits_2() {
    let repo = Repo::new();
    repo.write("evidence/o.yaml", &objective("x"));
    let args = [
        "check",
        repo.path().to_str().unwrap(),
        "--as-of",
        "2025-12-31",
    ];
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kravkoll"));
    let out = cmd
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(std::fs::File::create("/dev/full").expect("/dev/full"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write to standard output"),
        "{stderr}"
    );
}

#[test]
fn stale_report_is_removed_when_the_input_is_invalid() {
    let repo = Repo::new();
    repo.write("evidence/o.yaml", "kind: Objective\nid: x\n");
    let out_dir = tempfile::tempdir().unwrap();
    let sarif = out_dir.path().join("k.sarif");
    std::fs::write(&sarif, "{\"old\": true}").unwrap();
    let spec = format!("sarif:{}", sarif.display());
    let out = check(repo.path(), &["-o", &spec]);
    assert_refused(&out, "evidence/o.yaml", &["earlier report", "was removed"]);
    assert!(!sarif.exists(), "the old report is gone");
}

#[test]
fn report_is_written_whole_and_readable() {
    let repo = Repo::new();
    repo.write("evidence/o.yaml", &objective("x"));
    let out_dir = tempfile::tempdir().unwrap();
    let sarif = out_dir.path().join("reports/k.sarif");
    let spec = format!("sarif:{}", sarif.display());
    let out = check(repo.path(), &["-o", &spec]);
    assert_calm(&out);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let text = std::fs::read_to_string(&sarif).unwrap();
    serde_json::from_str::<serde_json::Value>(&text).expect("whole SARIF");
    let mode = std::fs::metadata(&sarif).unwrap().permissions().mode();
    assert_eq!(mode & 0o644, 0o644, "readable like an ordinary file");
    let leftovers: Vec<_> = std::fs::read_dir(sarif.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name() != "k.sarif")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

/// Exit code 2 with `needle` in standard error, calmly (problems that belong to no file:
/// the command line, an output path, a git revision).
#[track_caller]
fn assert_fails(out: &Output, needle: &str) {
    assert_calm(out);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(needle),
        "stderr lacks {needle:?}:\n{}",
        out.stderr
    );
}

#[test]
fn report_path_is_a_folder() {
    let repo = Repo::new();
    repo.write("evidence/o.yaml", &objective("x"));
    let out_dir = tempfile::tempdir().unwrap();
    let spec = format!("sarif:{}", out_dir.path().display());
    assert_fails(&check(repo.path(), &["-o", &spec]), "it is a folder");
}

fn check_as_of(date: &str) -> Output {
    let repo = Repo::new();
    common::run(&["check", repo.path().to_str().unwrap(), "--as-of", date])
}

#[test]
fn as_of_before_the_supported_dates() {
    // Once an abort inside the policies' date helpers.
    assert_fails(
        &check_as_of("0000-01-01"),
        "outside the dates kravkoll evaluates",
    );
}

#[test]
fn as_of_after_the_supported_dates() {
    assert_fails(&check_as_of("2262-04-12"), "2199-12-31");
}

#[test]
fn markdown_does_not_mention_people() {
    let repo = Repo::new();
    repo.write(
        "evidence/s.yaml",
        &system("s1")
            .replace("name: System", "name: \"@everyone\"")
            .replace("patient_data: false", "patient_data: true"),
    );
    let out = check(repo.path(), &["--format", "markdown"]);
    assert_calm(&out);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    assert!(out.stdout.contains("&#64;everyone"), "{}", out.stdout);
    assert!(!out.stdout.contains("@everyone"), "{}", out.stdout);
}

// ---------------------------------------------------------------------------------------
// Git

/// The repository committed as it is; returns the path of the loose object holding
/// `evidence/o.yaml`.
fn committed(repo: &Repo) -> (git2::Repository, std::path::PathBuf) {
    let g = git2::Repository::init(repo.path()).unwrap();
    let mut index = g.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.write().unwrap();
    let tree = g.find_tree(index.write_tree().unwrap()).unwrap();
    let sig =
        git2::Signature::new("A", "a@example.se", &git2::Time::new(1_750_000_000, 60)).unwrap();
    g.commit(Some("HEAD"), &sig, &sig, "evidence", &tree, &[])
        .unwrap();
    let blob = tree
        .get_path(Path::new("evidence/o.yaml"))
        .unwrap()
        .id()
        .to_string();
    drop(tree);
    let object = repo
        .path()
        .join(format!(".git/objects/{}/{}", &blob[..2], &blob[2..]));
    (g, object)
}

#[test]
fn git_head_names_a_deleted_branch() {
    // Once reported as a repository with no commits yet.
    let repo = Repo::new();
    repo.write("evidence/o.yaml", &objective("x"));
    let (g, _) = committed(&repo);
    g.set_head("refs/heads/gone").unwrap();
    let out = check(repo.path(), &["--rev", "HEAD"]);
    assert_fails(&out, "points at `refs/heads/gone`");
    assert!(!out.stderr.contains("no commits yet"), "{}", out.stderr);
}

#[test]
fn git_missing_object() {
    let repo = Repo::new();
    repo.write("evidence/o.yaml", &objective("x"));
    let (_, object) = committed(&repo);
    std::fs::remove_file(object).unwrap();
    let out = check(repo.path(), &["--rev", "HEAD"]);
    assert_refused(&out, "evidence/o.yaml", &["git"]);
}

#[test]
fn git_corrupt_object() {
    let repo = Repo::new();
    repo.write("evidence/o.yaml", &objective("x"));
    let (_, object) = committed(&repo);
    std::fs::set_permissions(&object, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::write(&object, b"not zlib at all").unwrap();
    let out = check(repo.path(), &["--rev", "HEAD"]);
    assert_refused(&out, "evidence/o.yaml", &["git"]);
}

#[test]
fn git_garbage_dot_git() {
    let repo = Repo::new();
    repo.write("evidence/o.yaml", &objective("x"));
    repo.write(".git", "gitdir: /nonexistent/somewhere\n");
    let out = check(repo.path(), &["--rev", "HEAD"]);
    assert_fails(&out, repo.path().to_str().unwrap());
}

/// A report written to a device or a named pipe (`-o json:/dev/null`, a pipe a CI step reads)
/// goes into it: the target is never removed first nor replaced by a renamed file, which,
/// run as root against `/dev/null`, would break the whole machine.
#[test]
fn report_to_a_named_pipe_is_written_into_it() {
    use std::io::Read as _;
    use std::os::unix::fs::{FileTypeExt as _, OpenOptionsExt as _};
    let repo = Repo::new();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.json");
    let status = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo (coreutils) runs");
    assert!(status.success());
    // Opened for reading without waiting for a writer, so that nothing blocks if kravkoll
    // never opens the pipe: reading then ends at once with nothing.
    let mut pipe = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kravkoll"))
        .args([
            "check",
            repo.path().to_str().unwrap(),
            "--as-of",
            "2025-12-31",
        ])
        .arg("-o")
        .arg(format!("json:{}", fifo.display()))
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut text = Vec::new();
    let mut chunk = [0u8; 65536];
    let started = std::time::Instant::now();
    loop {
        match pipe.read(&mut chunk) {
            Ok(n) if n > 0 => text.extend_from_slice(&chunk[..n]),
            Ok(_) if child.try_wait().unwrap().is_some() => break,
            Ok(_) => std::thread::sleep(std::time::Duration::from_millis(2)),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(std::time::Duration::from_millis(2))
            }
            Err(e) => panic!("reading the pipe: {e}"),
        }
        assert!(started.elapsed().as_secs() < 120, "kravkoll did not finish");
    }
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(matches!(status.code(), Some(0 | 1)), "{status:?}\n{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&text)
        .unwrap_or_else(|e| panic!("the pipe got no JSON report ({e}): {stderr}"));
    assert!(report["findings"].is_array());
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the named pipe was replaced: {kind:?}");
}

//! From nothing to a passing check: `init` → `new` → `import` → `check` → `due` in a
//! temporary folder, the way docs/getting-started.md walks a coordinator through it. Dates
//! are fixed (the records' dates are set and every command runs `--as-of 2026-12-01`), so the
//! expected findings do not depend on the day the tests run.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::run;
use icalendar::Component;

const AS_OF: &str = "2026-12-01";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Sets `key: value` in a record written by `new`: the line of a required field, or the
/// commented-out line of an optional one.
fn fill(path: &Path, fields: &[(&str, &str)]) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (key, value) in fields {
        let at = lines
            .iter()
            .position(|l| l.starts_with(&format!("{key}:")))
            .or_else(|| {
                lines
                    .iter()
                    .position(|l| l.starts_with(&format!("# {key}:")))
            })
            .unwrap_or_else(|| panic!("no line for `{key}` in {}:\n{text}", path.display()));
        lines[at] = format!("{key}: {value}");
    }
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

/// `kravkoll new` and the path it printed.
fn new(repo: &Path, args: &[&str]) -> PathBuf {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.push(s(repo));
    let out = run(&all);
    assert_eq!(out.code, 0, "{:?}: {}", args, out.stderr);
    let path = PathBuf::from(out.stdout.trim());
    assert!(path.is_file(), "{}", out.stdout);
    path
}

fn init(repo: &Path) {
    let out = run(&[
        "init",
        s(repo),
        "--name",
        "Vårdcentralen Prov AB",
        "--type",
        "private",
        "--healthcare-provider",
        "--employees",
        "12",
        "--licensed-staff-fte",
        "8",
        "--action",
        "example/kravkoll@v1",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

fn write_systems_xlsx(path: &Path, bad: bool) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Systemförteckning").unwrap();
    let head = [
        "Systemnamn",
        "Systemägare",
        "Patientuppgifter",
        "Personuppgifter",
        "Loggning",
        "Leverantör",
    ];
    for (c, h) in head.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        [
            "Journalsystemet",
            "Verksamhetschef",
            "Ja",
            "Ja",
            "Ja",
            "sup-medora",
        ],
        ["Lönesystemet", "Ekonomichef", "Nej", "Ja", "Nej", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    if bad {
        // Two mistakes in one row, and a row without its key: all reported at once.
        sheet.write_string(3, 0, "EKG").unwrap();
        sheet.write_string(3, 2, "kanske").unwrap();
        sheet.write_string(3, 3, "Ja").unwrap();
        sheet.write_string(4, 1, "Labbchef").unwrap();
    }
    book.save(path).unwrap();
}

const SYSTEM_MAPPING: &str = "kind: System\nkey: Systemnamn\nsheet: Systemförteckning\ncolumns:\n  name: Systemnamn\n  owner: Systemägare\n  patient_data: Patientuppgifter\n  personal_data: Personuppgifter\n  logging: Loggning\n  supplier: Leverantör\n";

const SUPPLIER_CSV: &str = "Leverantör;Tjänst;Personuppgifter;PUB-avtal;Säkerhetskrav;Incidentklausul;Uppföljd\nMedora;Drift av journalsystemet;Ja;2025-06-01;Ja;Ja;2026-09-15\n";
const SUPPLIER_MAPPING: &str = "kind: Supplier\nkey: Leverantör\ncolumns:\n  name: Leverantör\n  service: Tjänst\n  personal_data: Personuppgifter\n  dpa_signed: PUB-avtal\n  security_requirements: Säkerhetskrav\n  incident_clause: Incidentklausul\n  last_followup: Uppföljd\n";

const TRAINING_CSV: &str = "Kurs,År,Start,Slut,Antal i målgruppen,Genomfört\nGrundutbildning informationssäkerhet,2026,2026-01-01,2026-12-31,12,11\n";
const TRAINING_MAPPING: &str = "kind: Training\nkey: [Kurs, År]\ncolumns:\n  title: Kurs\n  period_start: Start\n  period_end: Slut\n  population: Antal i målgruppen\n  completed: Genomfört\ndefaults:\n  mandatory: true\n  audience: all_staff\n";

fn import(repo: &Path, source: &Path, mapping: &Path) -> common::Output {
    run(&["import", s(source), "--mapping", s(mapping), s(repo)])
}

fn findings(repo: &Path) -> (i32, BTreeSet<(String, String, String)>) {
    let out = run(&["check", s(repo), "--as-of", AS_OF, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|_| panic!("{}\n{}", out.stdout, out.stderr));
    let set = v["findings"]
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
        .collect();
    (out.code, set)
}

#[test]
fn from_init_to_a_passing_check_and_a_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("evidens");
    let data = dir.path().join("underlag");
    std::fs::create_dir_all(&data).unwrap();
    init(&repo);
    for f in [
        "kravkoll.yaml",
        "evidence/README.md",
        "evidence/systems/.gitkeep",
        "evidence.schema.json",
        "kravkoll.schema.json",
        ".vscode/settings.json",
        ".gitignore",
        ".github/workflows/kravkoll.yml",
        ".pre-commit-config.yaml",
    ] {
        assert!(repo.join(f).is_file(), "{f}");
    }
    let workflow = std::fs::read_to_string(repo.join(".github/workflows/kravkoll.yml")).unwrap();
    assert!(workflow.contains("uses: example/kravkoll@v1"), "{workflow}");

    // The first check explains what is missing, by kind and most important first.
    let first = run(&["check", s(&repo), "--as-of", AS_OF]);
    assert_eq!(first.code, 1);
    let opening = first
        .stdout
        .find("Evidens som saknas helt")
        .expect(&first.stdout);
    let one = first.stdout.find("\n1. ").unwrap();
    assert!(opening < one);
    let group_one = &first.stdout[one..first.stdout.find("\n2. ").unwrap()];
    assert!(group_one.contains("   fel "), "{group_one}");
    assert!(
        !first.stdout.contains("\nerror["),
        "nothing is listed twice:\n{}",
        first.stdout
    );

    // Records from templates, filled in as a coordinator would.
    let appt = new(&repo, &["Appointment", "--id", "appt-samordnare"]);
    assert!(appt.starts_with(repo.join("evidence/governance")));
    fill(
        &appt,
        &[
            ("role", "infosec_coordinator"),
            ("person", "Informationssäkerhetssamordnare Eva Ek"),
            ("appointed", "2026-01-15"),
            ("decided_by", "Styrelsen"),
            ("deputy", "Verksamhetschef Lena Lund"),
        ],
    );
    let dpo = new(&repo, &["Appointment", "--from", "appt-samordnare"]);
    let copied = std::fs::read_to_string(&dpo).unwrap();
    assert!(
        copied.contains("Kopia av appt-samordnare") && copied.contains("appointed (2026-01-15)"),
        "{copied}"
    );
    fill(
        &dpo,
        &[
            ("role", "dpo"),
            ("person", "Dataskyddsombud Dan Dahl"),
            ("reported_to_imy", "2026-02-01"),
        ],
    );
    let isb = new(&repo, &["AnnualReport"]);
    fill(
        &isb,
        &[
            ("year", "2025"),
            ("compiled_by", "appt-samordnare"),
            ("submitted_to", "organisation"),
            ("submitted", "2026-02-20"),
        ],
    );
    let psb = new(&repo, &["patientsäkerhetsberättelse"]);
    fill(
        &psb,
        &[
            ("year", "2025"),
            ("published", "2026-02-25"),
            ("infosec_section", "true"),
        ],
    );
    let pa = new(&repo, &["ProcessingActivity", "--id", "pa-vard"]);
    fill(
        &pa,
        &[
            ("title", "Vård och journalföring"),
            ("purposes", "[Journalföring]"),
            ("data_subjects", "[patienter]"),
            ("data_categories", "[hälsouppgifter]"),
            ("systems", "[sys-journalsystemet, sys-lonesystemet]"),
        ],
    );

    // The lists the coordinator already has.
    std::fs::write(data.join("system.mapping.yaml"), SYSTEM_MAPPING).unwrap();
    write_systems_xlsx(&data.join("system.xlsx"), true);
    let bad = import(
        &repo,
        &data.join("system.xlsx"),
        &data.join("system.mapping.yaml"),
    );
    assert_eq!(bad.code, 2, "{}", bad.stdout);
    for expected in [
        "sheet Systemförteckning, row 4, column C (Patientuppgifter): expected yes or no, found `kanske`",
        "sheet Systemförteckning, row 4, column B (Systemägare): the cell is empty",
        "sheet Systemförteckning, row 5: the key column (Systemnamn) is empty",
    ] {
        assert!(bad.stderr.contains(expected), "{expected}\n{}", bad.stderr);
    }
    assert!(
        !repo
            .join("evidence/systems/sys-journalsystemet.yaml")
            .exists(),
        "nothing is written"
    );
    write_systems_xlsx(&data.join("system.xlsx"), false);
    std::fs::write(data.join("leverantorer.csv"), SUPPLIER_CSV).unwrap();
    std::fs::write(data.join("leverantorer.mapping.yaml"), SUPPLIER_MAPPING).unwrap();
    std::fs::write(data.join("utbildning.csv"), TRAINING_CSV).unwrap();
    std::fs::write(data.join("utbildning.mapping.yaml"), TRAINING_MAPPING).unwrap();
    // Suppliers first: the systems refer to them.
    for (src, map) in [
        ("leverantorer.csv", "leverantorer.mapping.yaml"),
        ("system.xlsx", "system.mapping.yaml"),
        ("utbildning.csv", "utbildning.mapping.yaml"),
    ] {
        let out = import(&repo, &data.join(src), &data.join(map));
        assert_eq!(out.code, 0, "{src}: {}{}", out.stdout, out.stderr);
    }
    let journal = repo.join("evidence/systems/sys-journalsystemet.yaml");
    assert!(journal.is_file());
    assert!(repo.join("evidence/suppliers/sup-medora.yaml").is_file());
    assert!(repo
        .join("evidence/training/tr-grundutbildning-informationssakerhet-2026.yaml")
        .is_file());

    let aa = new(&repo, &["AccessAnalysis"]);
    fill(
        &aa,
        &[
            ("system", "sys-journalsystemet"),
            ("performed", "2026-03-10"),
            ("role_categories", "[Läkare, Sjuksköterska, Administratör]"),
        ],
    );
    // Importing again changes nothing and duplicates nothing; a hand edit survives.
    let before = std::fs::read_to_string(&journal).unwrap();
    let edited = before.replace("owner: Verksamhetschef", "owner: Verksamhetschef Lena Lund");
    std::fs::write(&journal, format!("{edited}mfa: true  # införd 2026\n")).unwrap();
    let again = import(
        &repo,
        &data.join("system.xlsx"),
        &data.join("system.mapping.yaml"),
    );
    assert_eq!(
        again.code, 1,
        "the kept hand edit is reported: {}",
        again.stdout
    );
    assert!(again.stdout.contains("0 nya"), "{}", again.stdout);
    assert!(
        again.stdout.contains("owner är ändrat för hand"),
        "{}",
        again.stdout
    );
    let after = std::fs::read_to_string(&journal).unwrap();
    assert!(
        after.contains("owner: Verksamhetschef Lena Lund")
            && after.contains("mfa: true  # införd 2026"),
        "{after}"
    );
    assert_eq!(
        std::fs::read_dir(repo.join("evidence/systems"))
            .unwrap()
            .count(),
        3,
        "two systems and .gitkeep"
    );

    // One error, what a young repository still lacks: the journal has never had a log
    // review (HSLF-FS 2016:40 4 kap. 9 §; the calendar below shows it missing); the rest are
    // warnings and information.
    let (code, found) = findings(&repo);
    assert_eq!(code, 1, "{found:#?}");
    let expected: BTreeSet<(String, String, String)> = [
        ("warning", "GDPR-32.1.c/c1", "sys-journalsystemet"),
        ("warning", "GDPR-32.1.c/c1", "sys-lonesystemet"),
        // Also answers MSB 2018 recommendation 8 (MSB2018-REC8/c2, folded into this one).
        ("warning", "GDPR-32.1.d/c1", "-"),
        ("warning", "GDPR-35/c1", "sys-journalsystemet"),
        ("warning", "HSLF-3.10/c1", "sys-journalsystemet"),
        ("warning", "HSLF-3.10/c1", "sys-lonesystemet"),
        ("warning", "HSLF-3.2/c2", "-"),
        ("warning", "HSLF-3.4/c1", "-"),
        ("warning", "HSLF-3.12/c1", "-"),
        // Logging on, but what the logs show and how long they are kept is not recorded.
        ("warning", "HSLF-4.9/c2", "sys-journalsystemet"),
        ("warning", "PDL-4.2/c2", "sys-journalsystemet"),
        ("warning", "PDL-4.2/c3", "-"),
        ("error", "PDL-4.3/c4", "sys-journalsystemet"),
        ("warning", "GDPR-24/c1", "-"),
        ("warning", "AUDIT-FIND-1/c1", "-"),
        ("warning", "MSB2018-REC1/c3", "-"),
        ("warning", "MSB2018-REC4/c1", "-"),
        ("warning", "MSB2018-REC5/c1", "-"),
        ("warning", "MSB2018-REC5/c2", "-"),
        ("warning", "MSB2018-REC6/c1", "-"),
        // Written for a region's organisation: information for a private care provider.
        ("info", "MSB2018-REC3/c5", "-"),
        ("info", "MSB2018-REC3/c6", "-"),
        ("info", "MSB2018-REC8/c4", "-"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(found, expected);

    // What falls due, as a calendar a parser reads, the same bytes every time.
    let ics = run(&[
        "due",
        s(&repo),
        "--as-of",
        AS_OF,
        "--within",
        "120d",
        "--format",
        "ics",
    ]);
    assert_eq!(ics.code, 0, "{}", ics.stderr);
    assert_eq!(
        run(&[
            "due",
            s(&repo),
            "--as-of",
            AS_OF,
            "--within",
            "120d",
            "--format",
            "ics"
        ])
        .stdout,
        ics.stdout
    );
    let json = run(&[
        "due",
        s(&repo),
        "--as-of",
        AS_OF,
        "--within",
        "120d",
        "--format",
        "json",
    ]);
    let items: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let items = items["items"].as_array().unwrap().clone();
    // RFC 5545 3.1: CRLF line ends, content lines of at most 75 octets (folded).
    assert!(
        ics.stdout.starts_with("BEGIN:VCALENDAR\r\n") && ics.stdout.ends_with("END:VCALENDAR\r\n")
    );
    for line in ics.stdout.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
        assert!(!line.contains('\n'), "bare LF in {line:?}");
    }
    assert!(ics.stdout.contains("\r\nVERSION:2.0\r\n") && ics.stdout.contains("\r\nPRODID:"));
    let unfolded = icalendar::parser::unfold(&ics.stdout);
    let cal: icalendar::Calendar = icalendar::parser::read_calendar(&unfolded)
        .expect("RFC 5545")
        .into();
    let events: Vec<&icalendar::Event> = cal.events().collect();
    assert_eq!(events.len(), items.len());
    let uids: BTreeSet<&str> = events.iter().map(|e| e.get_uid().unwrap()).collect();
    assert_eq!(uids.len(), events.len(), "one UID per task");
    for e in &events {
        assert_eq!(e.property_value("DTSTAMP"), Some("20261201T000000Z"));
        assert!(e.get_summary().is_some_and(|s| !s.is_empty()));
        assert!(e.get_start().is_some() && e.get_end().is_some());
    }
    // The patient-safety report for 2026 is due by 1 March 2027 under the law itself.
    let psb2026 = items
        .iter()
        .find(|i| {
            i["task"]
                .as_str()
                .unwrap()
                .contains("patientsäkerhetsberättelsen för 2026")
        })
        .expect("patient-safety report");
    assert_eq!(psb2026["date"], "2027-03-01");
    assert_eq!(psb2026["reasons"][0]["basis"], "statute");
    assert_eq!(psb2026["reasons"][0]["control"], "PSL-3.10/c1");
    // The journal's first log review is missing; once done, the same event moves.
    let log_uid = |items: &[serde_json::Value]| {
        items
            .iter()
            .find(|i| {
                i["task"]
                    .as_str()
                    .unwrap()
                    .starts_with("Loggkontroll av systemet Journalsystemet")
            })
            .map(|i| {
                (
                    i["uid"].as_str().unwrap().to_string(),
                    i["date"].as_str().unwrap().to_string(),
                    i["status"].as_str().unwrap().to_string(),
                )
            })
            .unwrap()
    };
    let (uid, date, status) = log_uid(&items);
    assert_eq!((date.as_str(), status.as_str()), ("2026-12-01", "missing"));
    let lr = new(&repo, &["LogReview"]);
    fill(
        &lr,
        &[
            ("system", "sys-journalsystemet"),
            ("period_start", "2026-09-01"),
            ("period_end", "2026-11-30"),
            ("performed", "2026-11-20"),
            ("unauthorised_access", "0"),
        ],
    );
    let json = run(&[
        "due",
        s(&repo),
        "--as-of",
        AS_OF,
        "--within",
        "120d",
        "--format",
        "json",
    ]);
    let items: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let (uid2, date2, status2) = log_uid(items["items"].as_array().unwrap());
    assert_eq!(uid2, uid);
    assert_eq!((date2.as_str(), status2.as_str()), ("2027-02-20", "due"));
    let reason = &items["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["uid"] == uid.as_str())
        .unwrap()["reasons"][0];
    assert_eq!(reason["basis"], "default");
    assert_eq!(reason["setting"], "log_followup_interval_months");
    assert!(
        reason["text"]
            .as_str()
            .unwrap()
            .contains("kravkolls standardvärde"),
        "{reason}"
    );

    // With the journal's first log review recorded, the repository passes: no error is
    // left, only the warnings and information of a young repository.
    let (code, after) = findings(&repo);
    assert_eq!(code, 0, "{after:#?}");
    let mut still = expected.clone();
    still.remove(&(
        "error".to_string(),
        "PDL-4.3/c4".to_string(),
        "sys-journalsystemet".to_string(),
    ));
    assert_eq!(after, still);
}

#[test]
fn init_never_waits_for_input_without_a_terminal_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["init", s(dir.path())]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--name and --type"), "{}", out.stderr);
    assert!(!dir.path().join("kravkoll.yaml").exists());

    std::fs::write(dir.path().join(".gitignore"), "mitt eget\n").unwrap();
    init(dir.path());
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        "mitt eget\n"
    );
    let config = std::fs::read_to_string(dir.path().join("kravkoll.yaml")).unwrap();
    let again = run(&[
        "init",
        s(dir.path()),
        "--name",
        "Annat namn",
        "--type",
        "region",
    ]);
    assert_eq!(again.code, 0);
    assert!(
        again.stdout.contains("fanns redan kravkoll.yaml"),
        "{}",
        again.stdout
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("kravkoll.yaml")).unwrap(),
        config
    );
}

#[test]
fn new_refuses_unknown_kinds_and_taken_ids() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let out = run(&["new", "Sytem", s(dir.path())]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `System`"),
        "{}",
        out.stderr
    );
    new(dir.path(), &["System", "--id", "sys-journal"]);
    let out = run(&["new", "System", s(dir.path()), "--id", "sys-journal"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("already used"), "{}", out.stderr);
    // Two records of a kind on one day get distinct ids.
    let a = new(dir.path(), &["LogReview"]);
    let b = new(dir.path(), &["LogReview"]);
    assert_ne!(a, b);
}

/// `new` and `import` read the repository as `check` does: an upper-case `.YAML` record
/// counts when ids are chosen, and no file they read — kravkoll.yaml, a mapping file — can
/// make them hang (a pipe) or read without bound (a huge file).
#[test]
fn writing_commands_read_under_the_loaders_bounds() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let upper = dir.path().join("evidence/systems/ANNAT.YAML");
    std::fs::create_dir_all(upper.parent().unwrap()).unwrap();
    std::fs::write(
        &upper,
        "kind: System\nid: sys-annat\nname: Annat\nowner: IT\npatient_data: false\npersonal_data: false\n",
    )
    .unwrap();
    let out = run(&["new", "System", s(dir.path()), "--id", "sys-annat"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("already used"), "{}", out.stderr);

    let fifo = dir.path().join("mapping.yaml");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo (coreutils) runs");
    assert!(status.success());
    let table = dir.path().join("system.csv");
    std::fs::write(&table, "Namn\nJournal\n").unwrap();
    let out = import(dir.path(), &table, &fifo);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("mapping.yaml") && out.stderr.contains("not a regular file"),
        "{}",
        out.stderr
    );

    let huge = dir.path().join("huge-mapping.yaml");
    std::fs::write(&huge, "#".repeat(2 * 1024 * 1024)).unwrap();
    let out = import(dir.path(), &table, &huge);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("huge-mapping.yaml") && out.stderr.contains("larger than"),
        "{}",
        out.stderr
    );

    let config = dir.path().join("kravkoll.yaml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(&format!("# {}\n", "x".repeat(2 * 1024 * 1024)));
    std::fs::write(&config, text).unwrap();
    let out = run(&["new", "System", s(dir.path())]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("kravkoll.yaml"), "{}", out.stderr);
}

//! `kravkoll report annual`: golden files for Region Helår 2025 (Markdown in Swedish and
//! English, HTML in Swedish), byte-identical repeats, `--board`, the coordinator's narrative
//! and title block, the statistics, the typography a board member reads, and the strict
//! self-check.
//!
//! The golden files live in tests/golden/. After an intended change of the report (or of
//! the controls, which changes the gap-report appendix), rewrite them with
//! `UPDATE_GOLDEN=1 cargo test --test annual` and review the diff. The example is copied out
//! of kravkoll's own repository first: the report reads the evidence's git history.

mod common;

use std::path::Path;

use common::{example_copy, run, Output};

fn annual(repo: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["report", "annual", "--year", "2025", repo.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

fn golden(name: &str, actual: &str) {
    let path = Path::new("tests/golden").join(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; create it with UPDATE_GOLDEN=1 cargo test --test annual",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the output at line {}:\n  golden: {:?}\n  actual: {:?}\nif the change is intended: UPDATE_GOLDEN=1 cargo test --test annual",
            path.display(),
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

/// The report's body: everything before the traceability appendix (where record ids and
/// file names belong).
fn body(md: &str) -> &str {
    let end = md
        .find("\n## Bilaga D. Spårbarhet")
        .or_else(|| md.find("\n## Appendix D. Traceability"))
        .expect("traceability appendix");
    &md[..end]
}

#[test]
fn region_matches_the_golden_files() {
    let ex = example_copy("region-helar");
    for (name, extra) in [
        ("annual-region-helar-2025.sv.md", vec![]),
        ("annual-region-helar-2025.en.md", vec!["--lang", "en"]),
        ("annual-region-helar-2025.sv.html", vec!["--format", "html"]),
    ] {
        let out = annual(ex.path(), &extra);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        assert!(out.stderr.is_empty(), "{name}: {}", out.stderr);
        golden(name, &out.stdout);
    }
}

/// The sections are built in two runs side by side (`annual::model`); the notes must read
/// as if one run had built them in order: numbered 1, 2, 3 … as first cited, each defined
/// once, and one note per set of records, never two.
#[test]
fn notes_are_numbered_as_first_cited_and_each_set_of_records_has_one() {
    for ex in ["region-helar", "region-exempel"] {
        let ex = example_copy(ex);
        let out = annual(ex.path(), &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let md = &out.stdout;
        let (text, defs) = md.split_at(md.find("\n[^1]: ").expect("the notes"));
        let mut cited: Vec<usize> = Vec::new();
        for (at, _) in text.match_indices("[^") {
            let n: usize = text[at + 2..]
                .split(']')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("a note number");
            if !cited.contains(&n) {
                cited.push(n);
            }
        }
        let expected: Vec<usize> = (1..=cited.len()).collect();
        assert_eq!(cited, expected, "notes in the order first cited");
        let lines: Vec<&str> = defs.lines().filter(|l| l.starts_with("[^")).collect();
        assert_eq!(lines.len(), cited.len(), "one definition per note");
        let mut records = std::collections::HashSet::new();
        for (i, l) in lines.iter().enumerate() {
            let (head, what) = l.split_once("]: ").expect("a note line");
            assert_eq!(head, format!("[^{}", i + 1));
            assert!(
                records.insert(what),
                "two notes for the same records: {what}"
            );
        }
    }
}

#[test]
fn the_statutory_sections_and_what_the_evidence_says() {
    let ex = example_copy("region-helar");
    let out = annual(ex.path(), &[]);
    let md = &out.stdout;
    for h in [
        "## 1. Riskanalyser som har gjorts",
        "## 2. Incidenter som medfört eller hade kunnat medföra vårdskada",
        "## 3. Uppföljningar som har gjorts",
        "## 4. Förbättringsåtgärder som har vidtagits",
        "## Bilaga A. Avstämning mot regelverken den 31 december 2025",
        "## Bilaga B. Utdrag för patientsäkerhetsberättelsen (HSLF-FS 2016:40 7 kap. 1 §)",
    ] {
        assert!(md.contains(h), "missing {h}");
    }
    // Key figures with the previous year, numbers right-aligned.
    assert!(
        md.contains("| Nyckeltal | 2025 | 2024 |\n|---|---:|---:|"),
        "{md}"
    );
    assert!(md.contains("| Registrerade incidenter | 20 | 7 |"));
    // The risks themselves, with their measures and how far they had come.
    assert!(md.contains("| Avbrott i nätanslutningen till datacentret gör Vårdjournal Lumen otillgänglig för akutsjukvården (påverkar patientsäkerheten)"));
    assert!(md.contains("Segmentera nätverket för medicinteknisk utrustning (modaliteter) från PACS-miljön (pågående, sista dag 2026-09-30)"));
    // Recommendations one by one with their status.
    assert!(md.contains("Granskningen gav 5 rekommendationer; den 31 december var 4 åtgärdade och 1 pågår enligt tidplan."));
    assert!(md.contains("Granskningen gav 1 rekommendation;"));
    // Measures carried over, briefings, register, impact assessments, risk acceptances,
    // objectives with metric and target.
    assert!(md.contains("### Åtgärder som förs över till 2026"));
    assert!(md.contains("### Föredragningar för ledningen"));
    assert!(md.contains("Registret omfattade den 31 december 3 behandlingar"));
    assert!(md.contains("### Konsekvensbedömningar (dataskyddsförordningen artikel 35)"));
    assert!(md.contains("### Riskacceptanser"));
    assert!(md.contains("Andel system med patientuppgifter som omfattas av automatiserad logguppföljning: 100 procent"));
    // The late IMY notification, stated in the incident section.
    assert!(md.contains("anmäldes till IMY 116 timmar efter att incidenten upptäcktes; fristen är 72 timmar (dataskyddsförordningen artikel 33.1)"));
    // Trends over the three years the evidence covers, and maturity per MSB area.
    assert!(md.contains("| Nyckeltal | 2023 | 2024 | 2025 |"));
    assert!(md.contains("| Incidenter | 5 | 7 | 20 |"));
    assert!(md.contains("| Riskhantering[^"));
    assert!(md.contains("### Mognaden över tid"));
    // -o writes the same bytes to a file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("isb.md");
    let out2 = annual(ex.path(), &["-o", path.to_str().unwrap()]);
    assert_eq!(out2.code, 0);
    assert!(out2.stdout.is_empty());
    assert_eq!(&std::fs::read_to_string(&path).unwrap(), md);
}

#[test]
fn the_coordinators_own_words_and_title_block_are_placed() {
    let ex = example_copy("region-helar");
    let md = annual(ex.path(), &[]).stdout;
    assert!(md.contains("Diarienummer: HSN 2026-00031  \n"));
    assert!(md.contains("Status: Fastställd  \n"));
    assert!(md.contains("Mottagare: Hälso- och sjukvårdsnämnden  \n"));
    let decision = md.find("## Förslag till beslut").unwrap();
    let summary = md.find("## Sammanfattning").unwrap();
    assert!(decision < summary, "the proposed decision comes first");
    assert!(md.contains("\n1. att godkänna informationssäkerhetsberättelsen för 2025"));
    assert!(md.contains("## Prioriteringar för 2026\n\n- Anpassa incidentrutinen"));
    assert!(md.contains("## Resursbehov\n"));
    // Commentary sits under its statutory heading.
    let s1 = md
        .find("## 1. Riskanalyser som har gjorts\n\nRiskanalyserna har under året")
        .unwrap();
    assert!(s1 > summary);
    // Without the commentary the self-check says so, in the report and on stderr.
    std::fs::remove_file(ex.path().join("annual/2025/incidents.md")).unwrap();
    let out = annual(ex.path(), &[]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains(
        "- Avsnittet ”2. Incidenter som medfört eller hade kunnat medföra vårdskada” saknar samordnarens kommentar."
    ));
    assert!(
        out.stderr.contains("help: write annual/2025/incidents.md"),
        "{}",
        out.stderr
    );
    assert_eq!(annual(ex.path(), &["--strict"]).code, 1);
}

#[test]
fn a_misspelt_narrative_file_or_bad_title_block_is_an_input_error() {
    let ex = example_copy("region-helar");
    std::fs::write(ex.path().join("annual/2025/sammanfatning.md"), "Text").unwrap();
    std::fs::write(
        ex.path().join("annual/2025/report.yaml"),
        "status: klar\ndiary_number: HSN 1\n",
    )
    .unwrap();
    let out = annual(ex.path(), &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("annual/2025/sammanfatning.md"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("is not a file the annual report reads"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("annual/2025/report.yaml"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("draft"), "{}", out.stderr);
}

#[test]
fn two_runs_give_identical_output() {
    let ex = example_copy("region-helar");
    for extra in [vec![], vec!["--format", "html"], vec!["--lang", "en"]] {
        let a = annual(ex.path(), &extra);
        let b = annual(ex.path(), &extra);
        assert_eq!(a.code, 0);
        assert_eq!(a.stdout, b.stdout, "{extra:?}");
    }
}

#[test]
fn the_body_reads_as_a_board_document() {
    let ex = example_copy("region-helar");
    let ids = regex::Regex::new(
        r"\b(inc|ra|lr|ar|rt|impr|audit|ap|apn|doc|obj|sup|cls|cp|appt|brief|tr|pa|dpia|isb|psb|exc|mog|sys)-[a-z0-9]+(-[a-z0-9]+)*\b",
    )
    .unwrap();
    let controls =
        regex::Regex::new(r"\b[A-Z][A-Z0-9]+-[0-9][0-9.]*(/c[0-9]+)?\b|KRAVKOLL-").unwrap();
    for (lang, extra) in [("sv", vec![]), ("en", vec!["--lang", "en"])] {
        let md = annual(ex.path(), &extra).stdout;
        let body = body(&md);
        // No record ids, control ids or tool language in the body.
        let ids_found: Vec<&str> = ids.find_iter(body).map(|m| m.as_str()).collect();
        assert!(
            ids_found.is_empty(),
            "{lang}: record ids in the body: {ids_found:?}"
        );
        let found: Vec<&str> = controls.find_iter(body).map(|m| m.as_str()).collect();
        // "IMY-2025-3310" is IMY's case number, not a control id.
        let found: Vec<&&str> = found.iter().filter(|f| !f.starts_with("IMY-")).collect();
        assert!(
            found.is_empty(),
            "{lang}: control ids in the body: {found:?}"
        );
        for tool in [
            "kravkoll",
            "evidenshygien",
            "controls",
            "kontroller utvärderade",
        ] {
            assert!(
                !body.contains(tool),
                "{lang}: tool language {tool:?} in the body"
            );
        }
    }
}

#[test]
fn swedish_typography() {
    let ex = example_copy("region-helar");
    let md = annual(ex.path(), &[]).stdout;
    let body = body(&md);
    // Decimal comma, thousands space (non-breaking), percent with a space.
    assert!(body.contains("| 5,5 | 8 |"), "decimal comma");
    assert!(body.contains("16\u{a0}557"), "thousands space");
    assert!(body.contains("93,6\u{a0}%"));
    let long = regex::Regex::new(r"(^|[ (|])\d{5,}([ )|,.]|$)").unwrap();
    // Standard numbers (ISO/IEC 27005) are names, not quantities.
    let named = body.replace("ISO/IEC 2700", "ISO/IEC");
    let bare: Vec<&str> = long.find_iter(&named).map(|m| m.as_str()).collect();
    assert!(bare.is_empty(), "numbers without thousands space: {bare:?}");
    // Number agreement.
    let bad = regex::Regex::new(
        r"(^|[^\d,\u{a0}])1 (rekommendationer|incidenter|riskanalyser|åtgärder|uppföljningar|kontroller|obehöriga|förbättringsåtgärder|leverantörer|gånger|risker|månader|timmar|behandlingar|konsekvensbedömningar|loggkontroller|avvikelser)\b",
    )
    .unwrap();
    let found: Vec<&str> = bad.find_iter(body).map(|m| m.as_str()).collect();
    assert!(found.is_empty(), "number agreement: {found:?}");
    // No sentence in kravkoll's own text starts with a digit (the coordinator's lists may).
    let narrative_start = regex::Regex::new(r"^\d+\. att ").unwrap();
    // After the contents, whose entries are the numbered headings.
    let after_contents = body.split("\n## Innehåll\n").nth(1).unwrap();
    let sections = &after_contents[after_contents.find("\n## ").unwrap()..];
    for line in sections.lines() {
        if line.starts_with('|')
            || line.starts_with('#')
            || line.is_empty()
            || narrative_start.is_match(line)
        {
            continue;
        }
        // "3 kap. 6 §" is one citation, not two sentences.
        let text = line.trim_start_matches("- ").replace("kap. ", "kap.\u{a0}");
        for sentence in text.split(". ") {
            let first = sentence.chars().next();
            assert!(
                !first.is_some_and(|c| c.is_ascii_digit()),
                "sentence starts with a digit: {sentence:?} in {line:?}"
            );
        }
    }
}

#[test]
fn incident_rows_always_add_up_to_the_total() {
    let repo = common::Repo::new();
    repo.write(
        "evidence/inc.yaml",
        "kind: Incident
id: inc-1
title: Personuppgiftsincident
detected: 2025-03-02T10:00
categories: [personal_data_breach, nis]
imy_reportable: true
imy_reported: 2025-03-07T10:00
patient_harm: none
---
kind: Incident
id: inc-2
title: Betydande avbrott som inte rapporterades
detected: 2025-04-02T10:00
categories: [nis]
nis_significant: true
patient_harm: could_have
---
kind: Incident
id: inc-3
title: Stöld av dator
detected: 2025-05-02T10:00
categories: [physical_theft]
patient_harm: unknown
---
kind: Incident
id: inc-4
title: Avvikelse
detected: 2025-06-02T10:00
categories: [deviation]
patient_harm: none
",
    );
    let out = annual(repo.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = &out.stdout;
    let rows: Vec<(String, usize)> = md
        .lines()
        .skip_while(|l| !l.starts_with("| Slag av incident"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].to_string(), cells[2].parse().unwrap())
        })
        .collect();
    let (total, parts): (Vec<_>, Vec<_>) = rows.iter().partition(|(l, _)| l.contains("Totalt"));
    assert_eq!(total[0].1, 4);
    assert_eq!(parts.iter().map(|(_, n)| n).sum::<usize>(), 4, "{rows:?}");
    assert!(
        md.contains("| Övriga[^"),
        "the custom category lands in Övriga: {md}"
    );
    // The unreported significant incident and the late IMY notification are stated.
    assert!(md.contains("”Betydande avbrott som inte rapporterades” bedömdes som betydande men var inte rapporterad till MSB den 31 december."), "{md}");
    assert!(
        md.contains(
            "”Personuppgiftsincident” anmäldes till IMY 120 timmar efter att incidenten upptäcktes"
        ),
        "{md}"
    );
    assert!(md.contains("Skälen till förseningen är inte dokumenterade."));
    // The incident without a harm assessment is counted and warned about.
    assert!(md.contains("| Inte bedömd[^"));
    assert!(out.stderr.contains("Incidenten ”Stöld av dator” saknar bedömning av om den medförde eller hade kunnat medföra vårdskada."), "{}", out.stderr);
    assert_eq!(annual(repo.path(), &["--strict"]).code, 1);
}

#[test]
fn a_past_due_audit_measure_is_not_hidden_behind_answered() {
    let repo = common::Repo::new();
    repo.write(
        "evidence/audit.yaml",
        "kind: Audit
id: audit-1
title: Granskning av behörigheter
auditor: Revisorerna
type: external
date: 2025-03-01
recommendations:
  - id: rec-1
    text: Följ upp behörigheter.
    response:
      action: Behörigheterna följs upp kvartalsvis.
      due: 2025-06-30
      responsible: Förvaltningschefen
  - id: rec-2
    text: Dokumentera rutinen.
    response:
      action: Rutinen dokumenteras.
      due: 2026-03-31
      responsible: Förvaltningschefen
",
    );
    let md = annual(repo.path(), &[]).stdout;
    assert!(
        md.contains("den 31 december var 1 pågår enligt tidplan och 1 försenade."),
        "{md}"
    );
    assert!(
        md.contains("| försenad, skulle vara klar 2025-06-30 |"),
        "{md}"
    );
}

#[test]
fn a_year_without_evidence_says_so_in_every_statutory_section() {
    let ex = example_copy("region-helar");
    let p = ex.path().to_str().unwrap();
    let out = run(&["report", "annual", "--year", "2022", p]);
    assert_eq!(out.code, 0, "warnings do not fail without --strict");
    for s in [
        "Inga riskanalyser genomfördes under 2022.",
        "Ingen incident under 2022 medförde eller hade kunnat medföra vårdskada.",
        "Inga uppföljningar genomfördes under 2022.",
        "Inga förbättringsåtgärder genomfördes under 2022.",
    ] {
        assert!(out.stdout.contains(s), "missing {s:?}");
    }
    assert!(
        out.stderr
            .contains("warning: Inga riskanalyser är dokumenterade för 2022"),
        "{}",
        out.stderr
    );
    let en = run(&["report", "annual", "--year", "2022", p, "--lang", "en"]);
    assert!(en
        .stdout
        .contains("No risk analyses were performed in 2022."));
    assert!(en
        .stderr
        .contains("warning: No risk analyses are documented for 2022"));
}

#[test]
fn board_reports_hold_that_boards_records_and_name_its_recipient() {
    let ex = example_copy("region-helar");
    let hsn = annual(ex.path(), &["--board", "hsn"]);
    assert_eq!(hsn.code, 0, "{}", hsn.stderr);
    assert!(hsn.stdout.contains("**Hälso- och sjukvårdsnämnden**  \n"));
    assert!(hsn
        .stdout
        .contains("Mottagare: Hälso- och sjukvårdsnämnden  \n"));
    // Log reviews belong to hsn; the HR system's restore test inherits rs from its system.
    assert!(hsn.stdout.contains("| **Totalt** | 15 |"));
    assert!(
        !hsn.stdout
            .contains("| PersonalPortalen (personal- och lönesystem)[^"),
        "rs's system left out"
    );
    let rs = annual(ex.path(), &["--board", "rs"]);
    assert_eq!(rs.code, 0, "{}", rs.stderr);
    // The board's own title block and decision; never another board's diarienummer.
    assert!(
        rs.stdout.contains("Mottagare: Regionstyrelsen  \n"),
        "{}",
        rs.stdout
    );
    assert!(rs.stdout.contains("Diarienummer: RS 2026-00058  \n"));
    assert!(rs.stdout.contains("Status: Utkast  \n"));
    assert!(!rs.stdout.contains("HSN 2026-00031"));
    assert!(rs.stdout.contains("Regionstyrelsen föreslås besluta"));
    assert!(
        !rs.stdout
            .contains("Logguppföljning (patientdatalagen 4 kap. 3 §)"),
        "hsn's log reviews left out"
    );
    assert!(
        !rs.stdout.contains("| Vårdjournal Lumen[^"),
        "restore tests of hsn's systems left out"
    );
    assert!(rs
        .stdout
        .contains("| PersonalPortalen (personal- och lönesystem)[^"));
    // Records without a board (incidents here) belong to the whole organisation.
    assert!(rs.stdout.contains("| Registrerade incidenter | 20 | 7 |"));
    let unknown = annual(ex.path(), &["--board", "nope"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("no such board"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn strict_self_check_fails_on_missing_content() {
    let small = example_copy("vardcentral-liten");
    let lax = annual(small.path(), &[]);
    assert_eq!(lax.code, 0, "{}", lax.stderr);
    assert!(lax.stderr.contains("warning: "), "{}", lax.stderr);
    assert!(lax
        .stdout
        .contains("## Bilaga C. Anmärkningar om underlaget"));
    let strict = annual(small.path(), &["--strict"]);
    assert_eq!(strict.code, 1);
    assert!(strict.stderr.contains("--strict"), "{}", strict.stderr);
    // The well-kept region passes the strict self-check.
    let region = example_copy("region-helar");
    assert_eq!(annual(region.path(), &["--strict"]).code, 0);
    // Input errors exit 2.
    let missing = annual(Path::new("examples/does-not-exist"), &[]);
    assert_eq!(missing.code, 2);
}

#[test]
fn the_nis_section_tells_of_the_new_law_and_authority() {
    let ex = example_copy("region-helar");
    let md = annual(ex.path(), &[]).stdout;
    assert!(md.contains("Den 1 januari 2026 ersattes MSB av Myndigheten för civilt försvar (MCF). Den 15 januari 2026 ersattes NIS-lagen av cybersäkerhetslagen (2025:1506)"));
    assert!(md.contains("| Incidenter rapporterade till MSB[^"));
    let kommun = example_copy("kommun-omsorg");
    let y2026 = run(&[
        "report",
        "annual",
        "--year",
        "2026",
        kommun.path().to_str().unwrap(),
    ]);
    assert_eq!(y2026.code, 0, "{}", y2026.stderr);
    assert!(
        y2026
            .stdout
            .contains("| Incidenter rapporterade till MCF[^"),
        "{}",
        y2026.stdout
    );
    assert!(y2026.stdout.contains(
        "Cybersäkerhetslagen (2025:1506) gäller organisationen från den 15 januari 2026"
    ));
    assert!(!md.contains("rapporterade till MCF"));
}

#[test]
fn own_maturity_assessments_are_shown_beside_the_evidence() {
    let ex = example_copy("region-helar");
    let md = annual(ex.path(), &[]).stdout;
    let row = md
        .lines()
        .find(|l| l.starts_with("| Avvikelser, incidenter och lärandeprocessen["))
        .unwrap();
    assert!(row.contains("| 3 | 2 |"), "{row}");
    assert!(
        row.contains("Egen bedömning: Incidenter fångas upp och utreds"),
        "{row}"
    );
    let over_time = md.split("### Mognaden över tid").nth(1).unwrap();
    assert!(
        over_time.contains("| Riskhantering | 2 | 2 (2) | 3 (3) |"),
        "{over_time}"
    );
}

#[test]
fn the_gap_appendix_names_basis_and_the_same_gap_under_other_provisions() {
    let ex = example_copy("kommun-omsorg");
    let out = annual(ex.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let appendix = out.stdout.split("## Bilaga A.").nth(1).unwrap();
    // "Lagrum" for law, "Grund" for a recommendation; a gap reported once, with the other
    // provisions named by title and citation, never by control id.
    assert!(
        appendix.contains("(Lagrum: förordning (EU) 2016/679 artikel"),
        "{appendix}"
    );
    assert!(
        appendix.contains("(Grund: MSB, En bild av landstingens informationssäkerhetsarbete 2018"),
        "{appendix}"
    );
    assert!(
        appendix.contains("Samma brist gäller även kravet ”"),
        "{appendix}"
    );
    assert!(!appendix.contains("MSB2018-"), "{appendix}");
}

#[test]
fn the_narrative_never_carries_a_personal_identity_number() {
    let ex = example_copy("region-helar");
    std::fs::write(
        ex.path().join("annual/2025/incidents.md"),
        "Incidenten gällde patient 19811218-9876.\n",
    )
    .unwrap();
    let out = annual(ex.path(), &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("annual/2025/incidents.md"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("personnummer"), "{}", out.stderr);
    assert!(!out.stderr.contains("9876") && !out.stdout.contains("9876"));
}

/// A title, a name or a board's words are shown as written: in Markdown they cannot break a
/// table, add emphasis, strike-through, HTML, a heading or a link, or notify anyone.
#[test]
fn text_from_the_evidence_cannot_become_markdown() {
    const HOSTILE: &str = "Läcka | via *e-post* och _fil_ till @ops-team <script>alert(1)</script> [klicka](https://evil.example) ~~borta~~ www.evil.example `kod`";
    let repo = common::Repo::new();
    repo.write(
        "evidence/inc.yaml",
        &format!(
            "kind: Incident
id: inc-1
title: '{HOSTILE}'
detected: 2025-03-02T10:00
categories: [deviation]
patient_harm: caused
root_cause: '# Rubrik | och 1. en lista'
---
kind: Incident
id: inc-2
title: '# Rubrik'
detected: 2025-03-03T10:00
categories: [deviation]
patient_harm: caused
---
kind: Incident
id: inc-3
title: '1. Rubrik'
detected: 2025-03-04T10:00
categories: [deviation]
patient_harm: caused
---
kind: Document
id: doc-1
title: '{HOSTILE}'
doc_type: policy
adopted_by: '- Regionstyrelsen'
adopted: 2025-02-01
"
        ),
    );
    let out = annual(repo.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = &out.stdout;
    assert!(md.contains("Läcka \\| via \\*e-post\\*"), "{md}");
    for raw in [
        "@ops",
        "<script",
        "](https://",
        "https://evil",
        "www.evil",
        "~~borta",
    ] {
        assert!(
            !md.contains(raw),
            "{raw:?} reached the Markdown as written:\n{md}"
        );
    }
    // Rendered as GitHub-flavoured Markdown, the text stays text.
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    options.insert(pulldown_cmark::Options::ENABLE_FOOTNOTES);
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(md, options));
    for made in [
        "<em>",
        "<del>",
        "<code>",
        "<script",
        "href=\"https://evil",
        "<ol",
    ] {
        assert!(
            !html.contains(made),
            "{made:?} in the rendered report:\n{html}"
        );
    }
    assert_eq!(
        html.matches("<h1>").count(),
        1,
        "only the title is a heading 1"
    );
    assert!(html.contains("<li># Rubrik ("), "{html}");
    assert!(html.contains("<li>1. Rubrik ("), "{html}");
    assert!(html.contains("@ops-team &lt;script&gt;"), "{html}");
    // Every table row has as many cells as its header.
    for table in html.split("<table>").skip(1) {
        let table = &table[..table.find("</table>").unwrap()];
        let head = table.matches("</th>").count();
        for row in table.split("<tr>").skip(2) {
            assert_eq!(
                row.matches("</td>").count(),
                head,
                "a row broke its table: {table}"
            );
        }
    }
}

/// `-o FILE` is written whole or not at all, and a run that fails leaves no earlier report
/// that could pass for this year's.
#[test]
fn a_failed_run_leaves_no_report_behind() {
    let repo = common::Repo::new();
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("isb/isb-2025.html");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "<p>last year's draft</p>").unwrap();
    let file_arg = file.to_str().unwrap();
    // Invalid evidence: nothing is written and the earlier file is gone, and said to be.
    repo.write("evidence/o.yaml", "kind: Objective\nid: x\n");
    let out = annual(repo.path(), &["--format", "html", "-o", file_arg]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("evidence/o.yaml"), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "the earlier report {file_arg} was removed so that it cannot pass for this run"
        )),
        "{}",
        out.stderr
    );
    assert!(!file.exists(), "the earlier report is gone");
    // Mended, the report is written whole, with no temporary file beside it.
    std::fs::remove_file(repo.path().join("evidence/o.yaml")).unwrap();
    let out = annual(repo.path(), &["--format", "html", "-o", file_arg]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.trim_end().ends_with("</html>"), "whole: {html}");
    let beside: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(beside, vec![std::ffi::OsString::from("isb-2025.html")]);
    // A run that fails for another reason (an unknown board) says the same.
    let out = annual(repo.path(), &["--board", "nope", "-o", file_arg]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("was removed"), "{}", out.stderr);
    assert!(!file.exists());
    // Without an earlier report there is nothing to say about one.
    let out = annual(repo.path(), &["--board", "nope", "-o", file_arg]);
    assert_eq!(out.code, 2);
    assert!(!out.stderr.contains("was removed"), "{}", out.stderr);
}

/// The self-check's remarks are part of the report, in its language: Region Helår's
/// overall risk analysis of 2024 states no decisions on measures.
#[test]
fn self_check_remarks_are_in_the_report_in_its_language() {
    let ex = example_copy("region-helar");
    let p = ex.path().to_str().unwrap();
    for (lang, heading, remark) in [
        (
            "sv",
            "## Bilaga C. Anmärkningar om underlaget",
            "- Riskanalysen ”Övergripande risk- och sårbarhetsanalys för informationssäkerhet 2024” anger inte beslut om åtgärder;",
        ),
        (
            "en",
            "## Appendix C. Remarks on the evidence",
            "- The risk analysis “Övergripande risk- och sårbarhetsanalys för informationssäkerhet 2024” states no decisions on measures,",
        ),
    ] {
        let out = run(&["report", "annual", "--year", "2024", p, "--lang", lang]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let appendix = out.stdout.split(heading).nth(1).expect(heading);
        assert!(appendix.contains(remark), "{lang}: {appendix}");
        // The same remark on standard error, where the coordinator is told what to mend.
        assert!(out.stderr.contains(&remark[2..]), "{}", out.stderr);
        assert!(
            out.stderr
                .contains("help: add purpose, inputs and action_plan to ra-org-2024"),
            "{}",
            out.stderr
        );
    }
}

/// From 2026 significant incidents go to the CSIRT unit at MCF: a late early warning and a
/// significant incident not reported are stated, with the provision.
#[test]
fn late_and_missing_csirt_reports_are_stated() {
    let repo = common::Repo::new();
    repo.write(
        "evidence/inc.yaml",
        "kind: Incident
id: inc-1
title: Överbelastningsattack mot 1177-tjänsten
detected: 2026-03-02T10:00+01:00
categories: [nis]
nis_significant: true
csirt_early_warning: 2026-03-04T10:00+01:00
csirt_notification: 2026-03-04T12:00+01:00
patient_harm: could_have
---
kind: Incident
id: inc-2
title: Avbrott i journalsystemet
detected: 2026-05-02T10:00+02:00
categories: [nis]
nis_significant: true
patient_harm: could_have
---
kind: Incident
id: inc-3
title: Avbrott rapporterat först 2027
detected: 2026-12-30T10:00+01:00
categories: [nis]
nis_significant: true
csirt_early_warning: 2027-01-02T10:00+01:00
patient_harm: none
",
    );
    let p = repo.path().to_str().unwrap();
    let out = run(&["report", "annual", "--year", "2026", p]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = &out.stdout;
    let section = md
        .split("### Anmälningar som gjordes för sent eller inte gjordes")
        .nth(1)
        .expect("the notifications");
    assert!(section.contains("- Upplysningen om ”Överbelastningsattack mot 1177-tjänsten” lämnades till CSIRT-enheten vid MCF 48 timmar efter kännedom; gränsen är 24 timmar (cybersäkerhetslagen (2025:1506) 2 kap. 5 § första stycket)."), "{section}");
    assert!(section.contains("- ”Avbrott i journalsystemet” bedömdes som betydande men var inte rapporterad till CSIRT-enheten vid MCF den 31 december."), "{section}");
    // A report made after the year had not been made on 31 December.
    assert!(section.contains("- ”Avbrott rapporterat först 2027” bedömdes som betydande men var inte rapporterad till CSIRT-enheten vid MCF den 31 december."), "{section}");
    assert!(!md.contains("2027-01-02"));
    let en = run(&["report", "annual", "--year", "2026", p, "--lang", "en"]);
    assert!(en.stdout.contains("The early warning of “Överbelastningsattack mot 1177-tjänsten” reached the CSIRT unit at MCF 48 hours after the organisation became aware; the limit is 24 hours (Cybersecurity Act (2025:1506) chapter 2 section 5, first paragraph)."), "{}", en.stdout);
}

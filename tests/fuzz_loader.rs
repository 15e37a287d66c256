//! Property-based fuzzing of the YAML loader and validator, inside `cargo test` for a
//! bounded number of cases: on any text, reading a file and rendering its problems never
//! panics, and holds memory in proportion to the text (measured by kravkoll's counting
//! allocator, so nothing here depends on the machine's speed). A hang shows as a case
//! that does not finish within a generous bound.
//!
//! Inputs are built from YAML's own pieces (keys of the format, anchors, flow and block
//! collections, quotes, dates, digits that may look like personal identity numbers,
//! multibyte and invisible characters) as well as arbitrary text. `PROPTEST_CASES` raises
//! the number of cases for a longer run.

use std::time::{Duration, Instant};

use kravkoll::evidence::{self, personnummer};
use kravkoll::sandbox::budget;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "kind: ",
    "System",
    "Objective",
    "RiskAnalysis",
    "id: ",
    "name: ",
    "title: ",
    "risks:",
    "extra:",
    "status: ",
    "open",
    "- ",
    "-",
    ": ",
    ":",
    "\n",
    "  ",
    "    ",
    "\t",
    "---\n",
    "...\n",
    "[",
    "]",
    "{",
    "}",
    ",",
    "? ",
    "&a ",
    "*a",
    "!!str ",
    "!t ",
    "\"",
    "'",
    "#",
    "|\n",
    ">-\n",
    "2025-01-01",
    "2505-05-09",
    "9999-12-31T23:59:59-12:00",
    "2025-03-04T09:15",
    "yes",
    "true",
    "~",
    "null",
    "19811218-9876",
    "8112189876",
    "811278-9873",
    "556677-8899",
    "123456789012345678901234567890",
    "1e300",
    "å",
    "ö",
    "\u{FEFF}",
    "\u{202E}",
    "\u{1b}",
    "\r\n",
    "\\",
    "%YAML 1.2\n",
    "x",
    "0",
    "9",
];

fn yamlish() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(PIECES), 0..300).prop_map(|v| v.concat()),
        ".{0,600}",
        prop::collection::vec(("[a-z]{1,6}", prop::sample::select(PIECES)), 0..200)
            .prop_map(|v| v.into_iter().map(|(k, p)| format!("{k}: {p}\n")).collect()),
    ]
}

/// Memory a file may need: the YAML tree, the validated records and the problems are each
/// a small multiple of the text, plus a fixed allowance for tables and the first problems.
fn memory_bound(len: usize) -> u64 {
    (400 * len + 4 * 1024 * 1024) as u64
}

fn time_bound(len: usize) -> Duration {
    Duration::from_secs(5) + Duration::from_micros(500 * len as u64)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn reading_any_text_is_bounded_and_never_panics(text in yamlish()) {
        let started = Instant::now();
        let ((records, problems), held) = budget::measure(|| {
            let (records, problems) = evidence::read_text("evidence/f.yaml", &text);
            // Rendering (snippets, the per-file cap) is part of reading for a user.
            let rendered: usize = problems.reports().map(|r| format!("{r:?}").len()).sum();
            let _ = problems.to_json();
            let _ = rendered;
            (records, problems)
        });
        prop_assert!(held <= memory_bound(text.len()), "{held} bytes for {} bytes of text", text.len());
        prop_assert!(started.elapsed() <= time_bound(text.len()), "{:?}", started.elapsed());
        // Records and problems agree: a file with problems yields none of its bad records.
        for r in &records {
            prop_assert!(!r.id.is_empty());
        }
        for p in &problems.problems {
            prop_assert_eq!(&p.file, "evidence/f.yaml");
            if let Some(pos) = p.pos {
                prop_assert!(pos.offset <= text.len() + 3);
                prop_assert!(pos.line >= 1 && pos.col >= 1);
            }
            // A personal identity number is never quoted.
            for secret in ["19811218-9876", "8112189876", "811278-9873"] {
                prop_assert!(!p.message.contains(secret), "{}", p.message);
            }
        }
    }

    #[test]
    fn reading_kravkoll_yaml_is_bounded_and_never_panics(text in yamlish()) {
        let started = Instant::now();
        let (_, held) = budget::measure(|| {
            let mut problems = kravkoll::diagnostics::Problems::default();
            let config = evidence::config::parse(&text, &mut problems);
            (config.is_some(), problems.len())
        });
        prop_assert!(held <= memory_bound(text.len()));
        prop_assert!(started.elapsed() <= time_bound(text.len()));
    }

    #[test]
    fn personal_numbers_are_found_within_the_text(text in yamlish()) {
        for found in personnummer::find(&text) {
            prop_assert!(found.start < found.end && found.end <= text.len());
            prop_assert!(text.is_char_boundary(found.start) && text.is_char_boundary(found.end));
            let digits = text[found.start..found.end].bytes().filter(u8::is_ascii_digit).count();
            prop_assert!(digits == 10 || digits == 12);
        }
    }
}

#[test]
fn memory_grows_with_the_text_not_with_problems_times_text() {
    // One problem per record, many records: what once made memory quadratic.
    let file = |n: usize| -> String {
        (0..n)
            .map(|i| format!("---\nkind: Objective\nid: o{i}\ntitle: T\nstatus: maybe\n"))
            .collect()
    };
    let measure = |text: &str| {
        budget::measure(|| {
            let (_, problems) = evidence::read_text("evidence/f.yaml", text);
            problems
                .reports()
                .map(|r| format!("{r:?}").len())
                .sum::<usize>()
        })
        .1
    };
    let (small, large) = (file(500), file(4000));
    let (m_small, m_large) = (measure(&small), measure(&large));
    assert!(
        m_large < 12 * m_small + memory_bound(0),
        "{m_small} bytes for {} bytes, {m_large} for {}",
        small.len(),
        large.len()
    );
}

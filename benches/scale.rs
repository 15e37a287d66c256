//! Scale benchmark: a synthetic region with N evidence records (default 100 000), timed
//! phase by phase: load + validate, compile, evaluate. Run with
//! `cargo bench --bench scale [-- N]`. The target is well under 2 s for 100 000 records on
//! 2 cores; this is measured here, never in timed unit tests.

use std::fmt::Write as _;
use std::time::Instant;

use kravkoll::catalog::{builtin_files, Catalog};
use kravkoll::engine::{PolicyEngine, Run};
use kravkoll::evidence::{self, Lang};
use kravkoll::source::DirSource;

const CONFIG: &str = "organisation:
  name: Region Skala
  type: region
  healthcare_provider: true
  social_care_provider: false
  licensed_staff_fte: 9000
  boards:
    - id: rs
      name: Regionstyrelsen
";

/// Writes `n` records: systems with their analyses, reviews and log reviews, and incidents,
/// in files of 100 documents, like a large region's repository.
fn generate(dir: &std::path::Path, n: usize) {
    std::fs::write(dir.join("kravkoll.yaml"), CONFIG).unwrap();
    let ev = dir.join("evidence");
    std::fs::create_dir_all(&ev).unwrap();
    let systems = n / 5;
    let mut file = String::new();
    let mut written = 0;
    let mut files = 0;
    let mut flush = |file: &mut String, force: bool, written: usize| {
        if (force || written % 100 == 0) && !file.is_empty() {
            std::fs::write(ev.join(format!("f{files:05}.yaml")), &file).unwrap();
            files += 1;
            file.clear();
        }
    };
    for s in 0..systems {
        let m = 1 + s % 12;
        let d = 1 + s % 28;
        let docs = [
            format!("kind: System\nid: sys-{s}\nname: System {s}\nowner: Förvaltning {s}\npatient_data: {}\npersonal_data: true\nlogging: {}\n", s % 3 == 0, s % 7 != 0),
            format!("kind: AccessAnalysis\nid: aa-{s}\nsystem: sys-{s}\nperformed: 2025-{m:02}-{d:02}\nrole_categories: [läkare, sjuksköterska]\n"),
            format!("kind: AccessReview\nid: ar-{s}\nsystem: sys-{s}\nperformed: 2025-{m:02}-{d:02}\naccounts_reviewed: {}\n", 100 + s % 50),
            format!("kind: LogReview\nid: lr-{s}\nsystem: sys-{s}\nperiod_start: 2025-{m:02}-01\nperiod_end: 2025-{m:02}-{d:02}\nperformed: 2025-{m:02}-{d:02}\nrecords_checked: 500\nanomalies: {}\n", s % 4),
            format!("kind: Incident\nid: inc-{s}\ntitle: Incident {s}\ndetected: 2025-{m:02}-{d:02}T10:00\ncategories: [{}]\nimy_reportable: {}\n{}patient_harm: none\n",
                if s % 2 == 0 { "personal_data_breach" } else { "it" }, s % 2 == 0,
                if s % 4 == 0 { format!("imy_reported: 2025-{m:02}-{d:02}T15:00\n") } else { String::new() }),
        ];
        for doc in docs {
            let _ = write!(file, "---\n{doc}");
            written += 1;
            flush(&mut file, false, written);
        }
    }
    flush(&mut file, true, written);
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let t = Instant::now();
    generate(tmp.path(), n);
    println!("generated {n} records in {:.2?}", t.elapsed());

    let source = DirSource::open(tmp.path()).unwrap();
    let t = Instant::now();
    let evidence =
        evidence::load(&source).unwrap_or_else(|p| panic!("{:?}", &p.problems[..p.len().min(3)]));
    let load = t.elapsed();

    let t = Instant::now();
    let files = builtin_files();
    let catalog = Catalog::load(&files).unwrap();
    let engine = PolicyEngine::compile(&files).unwrap();
    let compile = t.elapsed();

    let t = Instant::now();
    let as_of = jiff::civil::date(2025, 12, 31);
    let outcome = Run {
        evidence: &evidence,
        catalog: &catalog,
        as_of,
        lang: Lang::Sv,
    }
    .evaluate(&engine)
    .unwrap();
    let eval = t.elapsed();
    let total = load + compile + eval;
    println!(
        "records: {}  findings: {}",
        evidence.records().len(),
        outcome.findings.len()
    );
    println!("load+validate {load:.2?}  compile {compile:.2?}  build input+evaluate {eval:.2?}  total {total:.2?}");
}

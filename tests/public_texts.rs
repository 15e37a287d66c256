//! What users read cites public documents only: no internal verification tags, seed line
//! numbers or paths outside the repository in the control catalog (titles, citations,
//! remediation, sources), the Rego policies (messages and comments), the interval table or
//! the docs.

use kravkoll::catalog::{builtin_files, Catalog};
use kravkoll::intervals::INTERVALS;
use regex::Regex;

/// Internal notes of the project's research that must never reach a reader.
fn internal() -> Regex {
    Regex::new(concat!(
        r"S00\d:L", // seed line references
        r"|SEED-",  // provenance tags of the research notes
        r"|\bGK\b", // "general knowledge"
        r"|\bDERIVED\b|\bVERIFIED\b",
        r"|requirements\.md", // the research catalogue
        r"|\bshared/|/work/", // paths outside the repository
        r"|ej verifierad|not verified in the corpus",
        r"|(?i:\bthe seeds\b|\bseed (?:documents?|quotes?|paraphrases?|references?)\b)",
    ))
    .unwrap()
}

fn check(what: &str, text: &str, re: &Regex, bad: &mut Vec<String>) {
    for (n, line) in text.lines().enumerate() {
        if let Some(m) = re.find(line) {
            bad.push(format!("{what}:{}: `{}` in {line:?}", n + 1, m.as_str()));
        }
    }
}

#[test]
fn catalog_texts_name_no_internal_notes() {
    let re = internal();
    let files = builtin_files();
    let catalog = Catalog::load(&files).unwrap();
    let mut bad = Vec::new();
    for fw in &catalog.frameworks {
        check(&fw.id, &fw.name_sv, &re, &mut bad);
        check(&fw.id, &fw.name_en, &re, &mut bad);
    }
    for c in &catalog.controls {
        for (field, text) in [
            ("citation", &c.citation),
            ("title_sv", &c.title_sv),
            ("title_en", &c.title_en),
            ("remediation_sv", &c.remediation_sv),
            ("remediation_en", &c.remediation_en),
            ("source", &c.source),
            ("provenance", &c.provenance),
        ] {
            check(&format!("{} {field}", c.id), text, &re, &mut bad);
        }
    }
    // Whole files: comments of the catalogs and the policies are read by people too.
    for f in &files {
        check(&f.path, &f.text, &re, &mut bad);
    }
    for i in INTERVALS {
        check(i.name, i.basis, &re, &mut bad);
    }
    assert!(
        bad.is_empty(),
        "internal notes in public texts:\n{}",
        bad.join("\n")
    );
}

#[test]
fn docs_name_no_internal_notes() {
    let re = internal();
    let root = env!("CARGO_MANIFEST_DIR");
    let mut paths = vec![format!("{root}/README.md")];
    for dir in ["docs", "examples"] {
        for e in walkdir::WalkDir::new(format!("{root}/{dir}")) {
            let e = e.unwrap();
            if e.path().extension().is_some_and(|x| x == "md") {
                paths.push(e.path().display().to_string());
            }
        }
    }
    assert!(paths.len() > 5, "{paths:?}");
    let mut bad = Vec::new();
    for p in &paths {
        let text = std::fs::read_to_string(p).unwrap();
        check(p.strip_prefix(root).unwrap_or(p), &text, &re, &mut bad);
    }
    assert!(
        bad.is_empty(),
        "internal notes in the docs:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_pattern_catches_what_it_should() {
    let re = internal();
    for s in [
        "S000:L6598",
        "SEED-PARA",
        "(GK, not verified)",
        "interval DERIVED",
        "requirements.md §2",
        "../shared/seeds",
        "paragraf ej verifierad",
        "the seeds say",
    ] {
        assert!(re.is_match(s), "{s}");
    }
    for s in [
        "SFS 2025:1506 2 kap. 3 §",
        "GKN",
        "kravkolls tolkning",
        "MSBFS 2020:6 6 § 1",
    ] {
        assert!(!re.is_match(s), "{s}");
    }
}

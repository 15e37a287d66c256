//! docs/controls.md is generated from the control catalog; this test fails when the
//! committed page drifts from what the catalog generates.

use kravkoll::catalog::listing::{self, REGENERATE};
use kravkoll::catalog::{builtin_files, Catalog};

#[test]
fn docs_controls_md_is_up_to_date() {
    let catalog = Catalog::load(&builtin_files()).expect("the built-in catalog loads");
    let all = listing::select(&catalog, None).unwrap();
    let generated = listing::markdown(&catalog, &all);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/controls.md");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    if committed != generated {
        let first = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
        panic!(
            "docs/controls.md is out of date with the control catalog (first difference at line {}).\n\
             Regenerate it from the repository root and commit it:\n\n    {REGENERATE}\n",
            first + 1
        );
    }
}

/// docs/coverage.md accounts for every requirement; this keeps it honest in both directions:
/// every control of the catalog is named there (by its id, or by its provision with the
/// sub-checks listed as `/cN`), and every control id it names exists.
#[test]
fn docs_coverage_md_names_every_control_and_only_known_ones() {
    let catalog = Catalog::load(&builtin_files()).expect("the built-in catalog loads");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/coverage.md");
    let doc = std::fs::read_to_string(path).expect("docs/coverage.md");
    let missing: Vec<&str> = catalog
        .controls
        .iter()
        .map(|c| c.id.as_str())
        .filter(|id| {
            let provision = id.split('/').next().unwrap();
            !doc.contains(&format!("`{id}`")) && !doc.contains(&format!("`{provision}/"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "controls not accounted for in docs/coverage.md: {missing:?}"
    );
    let named = regex::Regex::new(r"`([A-Z][A-Za-z0-9:.\-]*/c\d+)`").unwrap();
    let unknown: Vec<&str> = named
        .captures_iter(&doc)
        .map(|c| c.get(1).unwrap().as_str())
        .filter(|id| catalog.get(id).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "docs/coverage.md names controls that do not exist: {unknown:?}"
    );
}

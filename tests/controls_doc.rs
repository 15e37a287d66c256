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

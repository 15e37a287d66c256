//! CI runs every test: the programs some tests need must be there under `CI=true` (.ci/run
//! installs them). Elsewhere the tests that need a missing program are listed as ignored by
//! `cargo test`, with the reason (see tests/common/tools.rs and build.rs).

mod common;

use common::tools;

#[test]
fn ci_has_every_program_the_tests_need() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let missing: Vec<&str> = [
        (
            tools::has_browser(tools::CHROMIUM),
            "Chromium (chromium), for tests/annual_html.rs",
        ),
        (
            tools::has_browser(tools::HEADLESS),
            "headless Chromium, for tests/html.rs",
        ),
        (
            tools::has_pdftotext(),
            "pdftotext (poppler-utils), for tests/annual_html.rs",
        ),
        (
            tools::has_sarif_multitool(root),
            "the SARIF validator (npm ci --prefix .ci), for tests/sarif.rs",
        ),
    ]
    .iter()
    .filter(|(found, _)| !found)
    .map(|(_, what)| *what)
    .collect();
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        assert!(
            missing.is_empty(),
            "CI=true but missing: {}; .ci/run installs them",
            missing.join("; ")
        );
    }
}

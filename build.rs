// The built-in policies are embedded with include_dir!, which cargo does not track: rebuild
// whenever a file under policies/ changes, so the binary never runs stale controls.
//
// The tests that need Chromium, pdftotext or the SARIF validator are marked ignored (with the reason
// and how to run them) when the program is missing, so that `cargo test`'s summary says what
// was skipped instead of a skipped test passing silently. tests/tools.rs fails under
// CI=true when a program is missing, so CI never skips.
include!("tests/common/tools.rs");

fn main() {
    println!("cargo:rerun-if-changed=policies");
    for var in ["PATH", "KRAVKOLL_CHROMIUM", "KRAVKOLL_SARIF_MULTITOOL"] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    // `npm ci --prefix .ci` (run by .ci/run) installs the SARIF validator here.
    println!("cargo:rerun-if-changed=.ci");
    for cfg in [
        "kravkoll_no_chromium",
        "kravkoll_no_headless_chromium",
        "kravkoll_no_sarif_multitool",
        "kravkoll_no_pdftotext",
    ] {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
    }
    let root = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    if !has_browser(CHROMIUM) {
        println!("cargo:rustc-cfg=kravkoll_no_chromium");
    }
    if !has_browser(HEADLESS) {
        println!("cargo:rustc-cfg=kravkoll_no_headless_chromium");
    }
    if !has_pdftotext() {
        println!("cargo:rustc-cfg=kravkoll_no_pdftotext");
    }
    if !has_sarif_multitool(&root) {
        println!("cargo:rustc-cfg=kravkoll_no_sarif_multitool");
    }
}

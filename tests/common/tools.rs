// The programs some tests need beyond Rust: headless Chromium (HTML reports), poppler's
// pdftotext (the annual report printed to PDF) and Microsoft's SARIF validator. Shared by build.rs (through `include!`), which marks the tests that need
// a missing program as ignored with the reason, so that `cargo test`'s summary says what
// was skipped and how to run it, and by tests/tools.rs, which fails under `CI=true` when one
// is missing. Standard library only: build.rs has no dependencies.

/// Browsers that render the annual report (full Chromium).
pub const CHROMIUM: &[&str] = &["chromium", "chromium-browser", "google-chrome"];
/// Browsers that run the HTML gap report's filter test (the headless shell suffices).
pub const HEADLESS: &[&str] = &[
    "chromium-headless-shell",
    "chromium",
    "chromium-browser",
    "google-chrome",
];
/// Where `.ci/run` installs the SARIF validator (npm ci --prefix .ci).
pub const SARIF_MULTITOOL: &str =
    ".ci/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";

/// A program of that name in a folder of `PATH`.
pub fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(name).is_file()))
}

/// `KRAVKOLL_CHROMIUM`, or one of `names` on `PATH`.
pub fn has_browser(names: &[&str]) -> bool {
    std::env::var_os("KRAVKOLL_CHROMIUM").is_some() || names.iter().any(|n| on_path(n))
}

/// `KRAVKOLL_SARIF_MULTITOOL`, the validator under `root/.ci`, or `sarif-multitool` on `PATH`.
pub fn has_sarif_multitool(root: &std::path::Path) -> bool {
    std::env::var_os("KRAVKOLL_SARIF_MULTITOOL").is_some()
        || root.join(SARIF_MULTITOOL).is_file()
        || on_path("sarif-multitool")
}

/// poppler's `pdftotext`, which reads the annual report's PDF.
pub fn has_pdftotext() -> bool {
    on_path("pdftotext")
}

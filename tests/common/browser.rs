//! Headless Chromium for the HTML tests (Debian's `chromium` / `chromium-headless-shell`,
//! installed by `.ci/run`). Without it a test fails under `CI=true` and is skipped with a
//! note otherwise.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The first browser of `candidates` that runs (or `$KRAVKOLL_CHROMIUM`); `None` means
/// skip, and panics instead when `CI=true`.
pub fn find(candidates: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KRAVKOLL_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let found = candidates
        .iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(PathBuf::from);
    if found.is_none() {
        let msg = format!(
            "Chromium not found ({}): run .ci/run, which installs it, or set KRAVKOLL_CHROMIUM",
            candidates.join(", ")
        );
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{msg}");
        }
        eprintln!("SKIPPED: {msg}");
    }
    found
}

/// Runs the browser headless on `url` with extra arguments; (stdout, stderr). The console
/// is logged to stderr, so callers can look for errors in it.
pub fn run(bin: &Path, args: &[&str], url: &str) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "chromium failed: {stderr}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

/// Panics when the console log shows a script error or a blocked request.
pub fn assert_clean_console(log: &str) {
    for bad in ["Uncaught", "ERROR:CONSOLE", "Refused to"] {
        assert!(!log.contains(bad), "console error ({bad}):\n{log}");
    }
}

/// Where screenshots are kept for CI to upload as artifacts.
pub fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Takes a PNG screenshot of `url` into `png`, checks the console, returns the PNG's bytes.
pub fn screenshot(bin: &Path, url: &str, png: &Path, size: &str) -> Vec<u8> {
    let _ = std::fs::remove_file(png);
    let (_, log) = run(
        bin,
        &[
            &format!("--screenshot={}", png.display()),
            &format!("--window-size={size}"),
        ],
        url,
    );
    assert_clean_console(&log);
    let bytes = std::fs::read(png).expect("screenshot written");
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
    bytes
}

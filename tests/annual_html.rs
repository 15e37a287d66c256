//! The annual report's HTML in a real browser: headless Chromium (Debian's `chromium`,
//! installed by `.ci/run`) renders it without console errors, the four statutory section
//! headings are in the DOM, and a screenshot is kept under target/artifacts/. Without
//! Chromium the test fails when `CI=true` and is skipped with a note otherwise.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::run;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KRAVKOLL_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(PathBuf::from)
}

/// Runs Chromium headless on `url` with extra arguments; (stdout, stderr).
fn browser(bin: &Path, args: &[&str], url: &str) -> (String, String) {
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

#[test]
fn annual_html_is_self_contained() {
    let out = run(&[
        "report",
        "annual",
        "--year",
        "2025",
        "examples/region-helar",
        "--format",
        "html",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let h = &out.stdout;
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(h.contains(
        "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""
    ));
    for external in [
        "src=", "href=", "@import", "url(", "http://", "https://", "<script",
    ] {
        assert!(!h.contains(external), "external reference: {external}");
    }
    assert!(h.contains("@media print"));
    assert_eq!(
        h.matches("<section id=").count(),
        h.matches("</section>").count()
    );
    assert_eq!(h.matches(" class=statutory>").count(), 4);
}

#[test]
fn annual_html_renders_in_chromium() {
    let Some(bin) = chromium() else {
        let msg =
            "Chromium not found: run .ci/run (apt-get install chromium) or set KRAVKOLL_CHROMIUM";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{msg}");
        }
        eprintln!("SKIPPED: {msg}");
        return;
    };
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let html = artifacts.join("annual-region-helar-2025.sv.html");
    let out = run(&[
        "report",
        "annual",
        "--year",
        "2025",
        "examples/region-helar",
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let url = format!("file://{}", html.display());

    let (dom, log) = browser(&bin, &["--dump-dom"], &url);
    for h in [
        "1. Riskanalyser som har gjorts",
        "2. Incidenter som medfört eller hade kunnat medföra vårdskada",
        "3. Uppföljningar som har gjorts",
        "4. Förbättringsåtgärder som har vidtagits",
    ] {
        assert!(
            dom.contains(&format!("<h2>{h}</h2>")),
            "heading {h} not in the DOM"
        );
    }
    for bad in ["Uncaught", "ERROR:CONSOLE", "Refused to"] {
        assert!(!log.contains(bad), "console error ({bad}):\n{log}");
    }

    let png = artifacts.join("annual-region-helar-2025.sv.png");
    let _ = std::fs::remove_file(&png);
    let (_, log) = browser(
        &bin,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1200,3000",
        ],
        &url,
    );
    for bad in ["Uncaught", "ERROR:CONSOLE", "Refused to"] {
        assert!(!log.contains(bad), "console error ({bad}):\n{log}");
    }
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
    assert!(bytes.len() > 10_000, "screenshot suspiciously small");
}

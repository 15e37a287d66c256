//! The annual report's HTML in a real browser: headless Chromium (Debian's `chromium`,
//! installed by `.ci/run`) renders it without console errors, the four statutory section
//! headings are in the DOM, and a screenshot is kept under target/artifacts/. Without
//! Chromium the test fails when `CI=true` and is skipped with a note otherwise.

mod common;

use common::{browser, run};

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
#[cfg_attr(
    kravkoll_no_chromium,
    ignore = "needs Chromium, not found when the tests were built: install it (.ci/run does) or set KRAVKOLL_CHROMIUM=/path/to/chromium, then cargo test"
)]
fn annual_html_renders_in_chromium() {
    let Some(bin) = browser::find(&["chromium", "chromium-browser", "google-chrome"]) else {
        return;
    };
    let artifacts = browser::artifacts();
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

    let (dom, log) = browser::run(&bin, &["--dump-dom"], &url);
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
    browser::assert_clean_console(&log);

    let png = artifacts.join("annual-region-helar-2025.sv.png");
    let bytes = browser::screenshot(&bin, &url, &png, "1200,3000");
    assert!(bytes.len() > 10_000, "screenshot suspiciously small");
}

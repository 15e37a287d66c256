//! The HTML report: one self-contained file (no external requests), overview by framework
//! and board, every finding with provision, place and fix, and offline filters that work in
//! a real browser (headless Chromium, installed by `.ci/run`). Without Chromium the browser
//! test fails when `CI=true` and is skipped with a note otherwise.

mod common;

use std::path::{Path, PathBuf};

use common::{browser, run};

fn html(example: &str, as_of: &str, dir: &Path) -> (PathBuf, String) {
    let path = dir.join(format!("{example}.html"));
    let out = run(&[
        "check",
        &format!("examples/{example}"),
        "--as-of",
        as_of,
        "-o",
        &format!("html:{}", path.display()),
        "--fail-on",
        "never",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&path).expect("HTML written");
    (path, text)
}

/// `(severity, framework, board, accepted, hidden)` of a finding article.
type Article = (String, String, String, String, bool);

type Filter = Box<dyn Fn(&Article) -> bool>;

/// Every finding article of a page.
fn articles(dom: &str) -> Vec<Article> {
    let attr = |tag: &str, name: &str| -> String {
        let key = format!("{name}=");
        tag.find(&key)
            .map(|i| {
                let rest = &tag[i + key.len()..];
                let rest = rest.trim_start_matches('"');
                rest[..rest.find(['"', ' ', '>']).unwrap_or(rest.len())].to_string()
            })
            .unwrap_or_default()
    };
    dom.match_indices("<article class")
        .map(|(i, _)| {
            let tag = &dom[i..i + dom[i..].find('>').unwrap()];
            (
                attr(tag, "data-severity"),
                attr(tag, "data-framework"),
                attr(tag, "data-board"),
                attr(tag, "data-accepted"),
                tag.contains(" hidden"),
            )
        })
        .collect()
}

#[test]
fn html_is_self_contained_and_complete() {
    let dir = tempfile::tempdir().unwrap();
    let (_, h) = html("vardcentral-liten", "2025-12-31", dir.path());
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(h.contains("Content-Security-Policy\" content=\"default-src 'none';"));
    for external in ["src=", "href=", "@import", "url(", "http://", "https://"] {
        assert!(!h.contains(external), "external reference: {external}");
    }
    assert!(h.contains("<table id=by-framework>") && h.contains("<table id=by-board>"));
    assert!(h.contains("@media print"));
    let json = run(&[
        "check",
        "examples/vardcentral-liten",
        "--as-of",
        "2025-12-31",
        "-o",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(articles(&h).len(), v["findings"].as_array().unwrap().len());
    assert!(
        h.contains("<dt>Lagrum</dt><dd>patientdatalagen (2008:355) 4 kap. 2 § första stycket; HSLF-FS 2016:40 4 kap. 2 §</dd>")
    );
    assert!(h.contains("<div class=loc>examples/vardcentral-liten/evidence/systems/system.yaml:1 (post sys-journal)</div>"));
    assert!(h.contains("<dt>Åtgärd</dt>"));
}

#[test]
#[cfg_attr(
    kravkoll_no_headless_chromium,
    ignore = "needs headless Chromium, not found when the tests were built: install it (.ci/run does) or set KRAVKOLL_CHROMIUM=/path/to/chromium, then cargo test"
)]
fn filters_work_offline_in_chromium_and_the_page_prints() {
    let Some(bin) = browser::find(&[
        "chromium-headless-shell",
        "chromium",
        "chromium-browser",
        "google-chrome",
    ]) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // The region on a date with an accepted finding and findings of several boards.
    let (path, static_html) = html("region-exempel", "2025-01-15", dir.path());
    let all = articles(&static_html);
    let url = |hash: &str| format!("file://{}#{hash}", path.display());
    let cases: Vec<(&str, Filter)> = vec![
        ("", Box::new(|_| true)),
        (
            "severity=error&board=hsn",
            Box::new(|a| a.0 == "error" && a.2 == "hsn"),
        ),
        (
            "framework=pdl&accepted=no",
            Box::new(|a| a.1 == "pdl" && a.3 == "no"),
        ),
        ("severity=warning,info", Box::new(|a| a.0 != "error")),
    ];
    for (hash, want) in cases {
        let (dom, log) = browser::run(&bin, &["--dump-dom"], &url(hash));
        browser::assert_clean_console(&log);
        assert!(
            dom.contains("data-ready=\"yes\""),
            "the script ran for #{hash}"
        );
        let shown: Vec<_> = articles(&dom).into_iter().filter(|a| !a.4).collect();
        let expected = all.iter().filter(|a| want(a)).count();
        assert_eq!(shown.len(), expected, "#{hash}");
        assert!(
            dom.contains(&format!("<span id=\"shown-n\">{expected}</span>")),
            "#{hash}: counter"
        );
        assert!(shown.iter().all(&want), "#{hash}: wrong finding shown");
    }
    // Sanity: the filters above actually narrow the list.
    assert!(all.iter().any(|a| a.2 == "hsn") && all.iter().any(|a| a.2 != "hsn"));
    assert!(all.iter().any(|a| a.3 == "yes"));
    let pdf = dir.path().join("r.pdf");
    browser::run(
        &bin,
        &[&format!("--print-to-pdf={}", pdf.display())],
        &url(""),
    );
    let bytes = std::fs::read(&pdf).expect("PDF printed");
    assert!(bytes.starts_with(b"%PDF"));

    // Kept for CI to upload: what a reader of the report sees first.
    let png = browser::artifacts().join("check-region-exempel.png");
    let bytes = browser::screenshot(&bin, &url(""), &png, "1280,2400");
    assert!(bytes.len() > 10_000, "screenshot suspiciously small");
}

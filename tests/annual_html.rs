//! The annual report's HTML in a real browser: headless Chromium (Debian's `chromium`,
//! installed by `.ci/run`) renders it without console errors; laid out with its print
//! styles at the width of an A4 page, no table or chart is wider than the page; and printed
//! to PDF it has a cover without a page number and numbered pages after it. The PDF is read
//! with poppler's `pdftotext` (also installed by `.ci/run`). Screenshot and PDF are kept under
//! target/artifacts/. Without the programs the tests are listed as ignored with the reason
//! (build.rs), and tests/tools.rs fails under `CI=true`.

mod common;

use std::process::Command;

use common::{browser, example_copy, run};

fn html_report() -> String {
    let ex = example_copy("region-helar");
    let out = run(&[
        "report",
        "annual",
        "--year",
        "2025",
        ex.path().to_str().unwrap(),
        "--format",
        "html",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

#[test]
fn annual_html_is_self_contained() {
    let h = html_report();
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(h.contains(
        "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""
    ));
    for external in ["src=", "@import", "url(", "http://", "https://", "<script"] {
        assert!(!h.contains(external), "external reference: {external}");
    }
    // Links only within the document (contents, notes).
    for (i, _) in h.match_indices("href=") {
        assert!(
            h[i..].starts_with("href=\"#"),
            "link out of the document at {i}"
        );
    }
    assert!(h.contains("@media print"));
    assert!(h.contains("@bottom-right"), "page numbers");
    assert_eq!(
        h.matches("<section id=").count(),
        h.matches("</section>").count()
    );
    assert_eq!(h.matches(" class=statutory>").count(), 4);
    // Charts are inline SVG, numbers right-aligned, notes link to the traceability list.
    assert!(h.matches("<svg viewBox=").count() >= 8);
    assert!(h.contains("<td class=num>16\u{a0}557</td>"));
    assert!(h.contains("<li id=not-1>"));
}

/// A page that lays the report out with its print rules at the width of an A4 page between
/// the margins (178 mm) and lists every table, chart or preformatted block that reaches
/// past it. The report itself forbids scripts; this page is the test's, beside it.
const OVERFLOW_CHECK: &str = r#"<!DOCTYPE html>
<html><body>
<iframe id=r src="REPORT" style="width:178mm;height:2000px;border:0"></iframe>
<script>
document.getElementById('r').addEventListener('load', function () {
  var d = this.contentDocument;
  var css = '';
  for (var s of d.styleSheets) for (var r of s.cssRules)
    if (r.media && r.media.mediaText === 'print')
      for (var x of r.cssRules) if (!x.cssText.startsWith('@page')) css += x.cssText + '\n';
  var st = d.createElement('style'); st.textContent = css; d.head.appendChild(st);
  var out = [];
  var width = d.documentElement.clientWidth;
  for (var t of d.querySelectorAll('table, svg, pre')) {
    var b = t.getBoundingClientRect();
    if (b.right > width + 1) out.push(t.tagName + ' ' + Math.round(b.right) + ' > ' + width + ': ' + (t.textContent || '').slice(0, 60));
  }
  var p = document.createElement('pre'); p.id = 'result';
  p.textContent = 'LAYOUT-' + 'CHECKED ' + out.length + ' [' + out.join(' | ') + ']';
  document.body.appendChild(p);
});
</script>
</body></html>
"#;

/// `(page width, [(page, word)])` from `pdftotext -bbox` (the page width tells A4).
fn words(pdf: &std::path::Path) -> (f64, Vec<(usize, String)>) {
    let out = Command::new("pdftotext")
        .args(["-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let attr = |s: &str, name: &str| -> f64 {
        let at = s.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        s[at..at + s[at..].find('"').unwrap()].parse().unwrap()
    };
    let mut width = 0.0;
    let mut page = 0;
    let mut list = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
            width = attr(line, "width");
        } else if line.starts_with("<word ") {
            let word =
                line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()].to_string();
            list.push((page, word));
        }
    }
    (width, list)
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
    std::fs::write(&html, html_report()).unwrap();
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

    let check = artifacts.join("annual-layout-check.html");
    std::fs::write(
        &check,
        OVERFLOW_CHECK.replace("REPORT", "annual-region-helar-2025.sv.html"),
    )
    .unwrap();
    let (dom, _) = browser::run(
        &bin,
        &[
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ],
        &format!("file://{}", check.display()),
    );
    let result = dom
        .split("LAYOUT-CHECKED ")
        .nth(1)
        .expect("the layout check ran");
    assert!(result.starts_with("0 ["), "wider than an A4 page: {result}");

    let png = artifacts.join("annual-region-helar-2025.sv.png");
    let bytes = browser::screenshot(&bin, &url, &png, "1200,3000");
    assert!(bytes.len() > 10_000, "screenshot suspiciously small");
}

#[test]
#[cfg_attr(
    any(kravkoll_no_chromium, kravkoll_no_pdftotext),
    ignore = "needs Chromium and pdftotext (poppler-utils), not found when the tests were built: install them (.ci/run does), then cargo test"
)]
fn annual_html_prints_to_pdf_with_a_cover_and_page_numbers() {
    let Some(bin) = browser::find(&["chromium", "chromium-browser", "google-chrome"]) else {
        return;
    };
    let artifacts = browser::artifacts();
    let html = artifacts.join("annual-region-helar-2025.print.sv.html");
    std::fs::write(&html, html_report()).unwrap();
    let url = format!("file://{}", html.display());
    let pdf = artifacts.join("annual-region-helar-2025.sv.pdf");
    let _ = std::fs::remove_file(&pdf);
    let (_, log) = browser::run(
        &bin,
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
        ],
        &url,
    );
    browser::assert_clean_console(&log);
    let bytes = std::fs::read(&pdf).expect("PDF written");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    let (width, words) = words(&pdf);
    let pages = words.iter().map(|(p, _)| *p).max().unwrap_or(0);
    assert!(pages >= 8, "a report of {pages} pages");
    assert!((width - 595.0).abs() < 2.0, "A4 pages, not {width} pt wide");
    // Page numbers "2 (N)" from the second page on; none on the cover.
    let total = format!("({pages})");
    let numbered = |p: usize| {
        words.iter().any(|(q, w)| *q == p && w == &total)
            && words.iter().any(|(q, w)| *q == p && w == &p.to_string())
    };
    assert!(
        !words.iter().any(|(q, w)| *q == 1 && w == &total),
        "the cover has no number"
    );
    for p in 2..=pages {
        assert!(numbered(p), "page {p} has no page number");
    }
    let cover: Vec<&str> = words
        .iter()
        .filter(|(q, _)| *q == 1)
        .map(|(_, w)| w.as_str())
        .collect();
    assert!(
        cover.contains(&"Informationssäkerhetsberättelse"),
        "{cover:?}"
    );
    assert!(cover.contains(&"Fastställd"), "{cover:?}");
}

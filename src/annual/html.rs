//! The annual report as one self-contained HTML file: inline CSS, no scripts, no external
//! requests (a Content-Security-Policy forbids them), and print styles for paper and PDF.

use super::{Block, Document};
use crate::evidence::Lang;

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            _ => o.push(ch),
        }
    }
    o
}

const CSS: &str = "
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b5394; --law: #f3f7fb; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--ink); max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.9rem; margin: 0 0 .5rem; color: var(--accent); }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
section.statutory { background: var(--law); border-left: 4px solid var(--accent); padding: .1rem 1rem .6rem; margin: 1.5rem 0; }
section.statutory > h2 { border-bottom-color: var(--accent); }
.meta { color: var(--muted); margin: 0 0 1.5rem; padding: 0; list-style: none; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef1f4; }
td:last-child { color: var(--muted); font-size: .85rem; }
ul { padding-left: 1.3rem; }
li { margin: .2rem 0; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  table, li { break-inside: avoid; }
  section.statutory { background: none; }
  @page { size: A4; margin: 18mm 16mm; }
}
";

pub fn render(doc: &Document) -> String {
    let lang = if doc.lang == Lang::Sv { "sv" } else { "en" };
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n");
    o.push_str(&format!(
        "<html lang={lang}>\n<head>\n<meta charset=utf-8>\n"
    ));
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    o.push_str("<meta name=viewport content=\"width=device-width, initial-scale=1\">\n");
    o.push_str(&format!("<title>{}</title>\n", esc(&doc.title)));
    o.push_str(&format!("<style>{CSS}</style>\n</head>\n<body>\n"));
    o.push_str(&format!("<h1>{}</h1>\n<ul class=meta>\n", esc(&doc.title)));
    for m in &doc.meta {
        o.push_str(&format!("<li>{}</li>\n", esc(m)));
    }
    o.push_str("</ul>\n");
    for s in &doc.sections {
        let class = if s.statutory { " class=statutory" } else { "" };
        o.push_str(&format!(
            "<section id={}{class}>\n<h2>{}</h2>\n",
            s.id,
            esc(&s.heading)
        ));
        for b in &s.blocks {
            match b {
                Block::Para(p) => o.push_str(&format!("<p>{}</p>\n", esc(p))),
                Block::Sub(h) => o.push_str(&format!("<h3>{}</h3>\n", esc(h))),
                Block::List(items) => {
                    o.push_str("<ul>\n");
                    for i in items {
                        o.push_str(&format!("<li>{}</li>\n", esc(i)));
                    }
                    o.push_str("</ul>\n");
                }
                Block::Table { head, rows } => {
                    o.push_str("<table>\n<thead><tr>");
                    for h in head {
                        o.push_str(&format!("<th>{}</th>", esc(h)));
                    }
                    o.push_str("</tr></thead>\n<tbody>\n");
                    for r in rows {
                        o.push_str("<tr>");
                        for c in r {
                            o.push_str(&format!("<td>{}</td>", esc(c)));
                        }
                        o.push_str("</tr>\n");
                    }
                    o.push_str("</tbody>\n</table>\n");
                }
            }
        }
        o.push_str("</section>\n");
    }
    o.push_str("</body>\n</html>\n");
    o
}

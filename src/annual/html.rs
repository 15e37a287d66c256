//! The annual report as one self-contained HTML file: inline CSS and SVG, no scripts, no
//! external requests (a Content-Security-Policy forbids them). Print styles make an A4
//! document of it: a cover page, a table of contents, page numbers in the margin, tables
//! that break between rows with their header repeated, numbers right-aligned.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use rayon::prelude::*;

use super::document::{Align, Block, Document, Part, Section, Table, Text};
use super::svg;
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
h1 { font-size: 2.2rem; margin: 0 0 .4rem; color: var(--accent); line-height: 1.2; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
h4, h5, h6 { font-size: 1rem; margin: 1rem 0 .3rem; }
.cover { min-height: 60vh; display: flex; flex-direction: column; justify-content: center; border-bottom: 4px solid var(--accent); margin-bottom: 2rem; }
.cover .subtitle { font-size: 1.3rem; margin: 0 0 2rem; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.5rem; margin: 0; }
.cover dt { color: var(--muted); }
.cover dd { margin: 0; }
nav.toc ol { list-style: none; padding-left: 0; columns: 2; column-gap: 2rem; }
nav.toc li { margin: .15rem 0; break-inside: avoid; }
nav.toc a { color: inherit; text-decoration: none; }
section.statutory { background: var(--law); border-left: 4px solid var(--accent); padding: .1rem 1rem .6rem; margin: 1.5rem 0; }
section.statutory > h2 { border-bottom-color: var(--accent); }
.narrative { border-left: 3px solid var(--line); padding-left: .9rem; margin: .6rem 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; hyphens: auto; }
td { overflow-wrap: anywhere; }
th { background: #eef1f4; }
th.num { text-align: right; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.nw { white-space: nowrap; }
tr.total td { font-weight: 600; border-top: 2px solid var(--muted); }
sup.note { font-size: .7em; line-height: 0; }
sup.note a { color: var(--muted); text-decoration: none; }
ul { padding-left: 1.3rem; }
li { margin: .2rem 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; margin: 1rem 0; }
figure.chart { margin: 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart figcaption { font-size: .85rem; color: var(--muted); margin-bottom: .2rem; }
ol.notes { font-size: .85rem; color: var(--muted); }
ol.notes .id { white-space: nowrap; color: var(--ink); }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; padding: 0; }
  .cover { min-height: 240mm; break-after: page; border-bottom: none; }
  .cover h1 { font-size: 26pt; }
  .cover .subtitle { font-size: 15pt; }
  nav.toc { break-after: page; }
  h2, h3, h4 { break-after: avoid; }
  p:has(+ ul), p:has(+ table) { break-after: avoid; }
  tr, li, figure.chart { break-inside: avoid; }
  ul, ol { orphans: 2; widows: 2; }
  thead { display: table-header-group; }
  table { font-size: 9pt; }
  section.statutory { background: none; padding-right: 0; }
  section.appendix { break-before: page; }
  .charts { grid-template-columns: 1fr 1fr; }
  a { color: inherit; text-decoration: none; }
  @page { size: A4; margin: 18mm 16mm 20mm; @bottom-right { content: counter(page) \" (\" counter(pages) \")\"; font: 9pt system-ui, sans-serif; color: #57606a; } }
  @page :first { @bottom-right { content: none; } }
}
";

/// Escaped text in which ISO dates (`2025-12-31`) never break at their hyphens.
fn esc_text(s: &str) -> String {
    let b = s.as_bytes();
    let is_date = |i: usize| {
        i + 10 <= b.len()
            && b[i..i + 10].iter().enumerate().all(|(k, c)| match k {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            })
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && b.get(i + 10).is_none_or(|c| !c.is_ascii_alphanumeric())
    };
    let mut out = String::with_capacity(s.len() + 16);
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        if is_date(i) {
            out.push_str(&esc(&s[from..i]));
            out.push_str(&format!("<span class=nw>{}</span>", &s[i..i + 10]));
            i += 10;
            from = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&esc(&s[from..]));
    out
}

fn note(n: Option<usize>) -> String {
    match n {
        Some(n) => format!("<sup class=note><a href=\"#not-{n}\">{n}</a></sup>"),
        None => String::new(),
    }
}

fn text(t: &Text) -> String {
    format!("{}{}", esc_text(&t.text), note(t.note))
}

fn demoted(l: HeadingLevel) -> HeadingLevel {
    match l {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// The coordinator's Markdown as HTML that can neither run nor load anything: raw HTML is
/// shown as text, links keep their text with the address after it, images their alt text.
pub fn narrative(md: &str) -> String {
    let mut links: Vec<CowStr> = Vec::new();
    let events = Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
        .filter_map(|e| match e {
            Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Some(Event::Start(Tag::Heading {
                level: demoted(level),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(demoted(level)))),
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(dest_url);
                None
            }
            Event::End(TagEnd::Link) => links
                .pop()
                .filter(|u| !u.is_empty())
                .map(|u| Event::Text(format!(" ({u})").into())),
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
            other => Some(other),
        });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

fn table(t: &Table, o: &mut String) {
    let class = |i: usize| match t.align.get(i) {
        Some(Align::Right) => " class=num",
        _ => "",
    };
    o.push_str("<table>\n<thead><tr>");
    for (i, h) in t.head.iter().enumerate() {
        o.push_str(&format!("<th{}>{}</th>", class(i), esc(h)));
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        o.push_str(if r.total { "<tr class=total>" } else { "<tr>" });
        for (i, c) in r.cells.iter().enumerate() {
            let marker = if i == 0 { note(r.note) } else { String::new() };
            o.push_str(&format!("<td{}>{}{marker}</td>", class(i), esc_text(c)));
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n");
}

fn block(b: &Block, o: &mut String) {
    match b {
        Block::Para(p) => o.push_str(&format!("<p>{}</p>\n", text(p))),
        Block::Sub(h) => o.push_str(&format!("<h3>{}</h3>\n", esc(h))),
        Block::List(items) => {
            o.push_str("<ul>\n");
            for i in items {
                o.push_str(&format!("<li>{}</li>\n", text(i)));
            }
            o.push_str("</ul>\n");
        }
        Block::Table(t) => table(t, o),
        Block::Charts(charts) => {
            o.push_str("<div class=charts>\n");
            for c in charts {
                o.push_str(&format!(
                    "<figure class=chart>\n<figcaption>{}</figcaption>\n{}\n</figure>\n",
                    esc(&c.title),
                    svg::bar_chart(c)
                ));
            }
            o.push_str("</div>\n");
        }
        Block::Narrative(md) => {
            o.push_str("<div class=narrative>\n");
            o.push_str(&narrative(md));
            o.push_str("</div>\n");
        }
    }
}

fn section(doc: &Document, s: &Section, heading: &str, o: &mut String) {
    let class = match s.part {
        Part::Statutory => " class=statutory",
        Part::Appendix => " class=appendix",
        _ => "",
    };
    o.push_str(&format!(
        "<section id={}{class}>\n<h2>{}</h2>\n",
        s.id,
        esc(heading)
    ));
    for b in &s.blocks {
        block(b, o);
    }
    if s.id == "traceability" {
        o.push_str("<ol class=notes>\n");
        o.push_str(&super::document::each_note(&doc.notes, |i, n| {
            let parts: Vec<String> = n
                .records
                .iter()
                .map(|r| {
                    if r.place.is_empty() {
                        format!("<span class=id>{}</span>", esc(&r.id))
                    } else {
                        format!(
                            "<span class=id>{}</span> ({}, {})",
                            esc(&r.id),
                            esc(&r.what),
                            esc(&r.place)
                        )
                    }
                })
                .collect();
            format!("<li id=not-{}>{}</li>\n", i + 1, parts.join("; "))
        }));
        o.push_str("</ol>\n");
    }
    o.push_str("</section>\n");
}

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
    o.push_str(&format!(
        "<header class=cover>\n<h1>{}</h1>\n<p class=subtitle>{}</p>\n<dl>\n",
        esc(&doc.title),
        doc.cover
            .subtitle
            .iter()
            .map(|s| esc(s))
            .collect::<Vec<_>>()
            .join("<br>")
    ));
    for (label, value) in &doc.cover.fields {
        o.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", esc(label), esc(value)));
    }
    o.push_str("</dl>\n</header>\n");
    let headings = doc.headings();
    o.push_str(&format!(
        "<nav class=toc>\n<h2>{}</h2>\n<ol>\n",
        doc.contents_label()
    ));
    for (s, h) in doc.sections.iter().zip(&headings) {
        o.push_str(&format!("<li><a href=\"#{}\">{}</a></li>\n", s.id, esc(h)));
    }
    o.push_str("</ol>\n</nav>\n");
    // Sections rendered side by side: a large report's notes and tables take a while.
    let rendered: Vec<String> = doc
        .sections
        .par_iter()
        .zip(&headings)
        .map(|(s, h)| {
            let mut o = String::new();
            section(doc, s, h, &mut o);
            o
        })
        .collect();
    o.extend(rendered);
    o.push_str("</body>\n</html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_do_not_break_at_their_hyphens() {
        assert_eq!(
            esc_text("klar 2026-09-30, <b>"),
            "klar <span class=nw>2026-09-30</span>, &lt;b&gt;"
        );
        assert_eq!(esc_text("dnr 3.1.1-2025-0441"), "dnr 3.1.1-2025-0441");
        assert_eq!(
            esc_text("åäö 2025-01-02"),
            "åäö <span class=nw>2025-01-02</span>"
        );
    }

    #[test]
    fn narrative_cannot_run_or_load_anything() {
        let h = narrative("# Rubrik\n\n<script>alert(1)</script>\n\nSe [MSB](https://msb.se) och ![logga](x.png).\n");
        assert!(h.contains("<h3>Rubrik</h3>"), "{h}");
        assert!(!h.contains("<script"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
        assert!(!h.contains("href") && !h.contains("<img"), "{h}");
        assert!(h.contains("MSB (https://msb.se)"), "{h}");
        assert!(h.contains("logga"), "{h}");
    }
}

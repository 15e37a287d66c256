//! The annual report as Markdown (GitHub-flavoured: tables with aligned columns, footnotes
//! for the traceability notes). The coordinator's narrative is placed as written, its
//! headings moved below the section's.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};

use rayon::prelude::*;

use super::document::{Align, Block, Document, Section, Table, Text};

/// Text from the evidence as Markdown that shows it literally inside a line: a title or a
/// name cannot break a table, add emphasis, strike-through, a link or HTML, notify anyone
/// (`@name`), or become a link of its own (`https://…`, `www.…`). The check's Markdown
/// escapes the same way ([`crate::report::markdown::escape`]); the annual report adds the
/// autolinks and strike-through GitHub also reads.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    inline_into(s, &mut out);
    out
}

/// [`inline`], appended to `out`: the check's escaping ([`crate::report::markdown::escaped`])
/// and the autolinks and strike-through. Escaping leaves `~`, `:`, `/`, `w` and `.` as they
/// are and adds none of them, so the autolinks are found in the text as written; runs of
/// text that need nothing are copied whole (every character that does is ASCII).
fn inline_into(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let (with, len) = match (crate::report::markdown::escaped(b[i]), b[i]) {
            (Some(with), _) => (with, 1),
            (None, b'~') => ("\\~", 1),
            (None, b':') if b[i..].starts_with(b"://") => (":\\/\\/", 3),
            (None, b'w') if b[i..].starts_with(b"www.") => ("www\\.", 4),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[start..i]);
        out.push_str(with);
        i += len;
        start = i;
    }
    out.push_str(&s[start..]);
}

/// [`inline`] for text that begins a line of its own (a paragraph, a list item), which must
/// not begin like a block either: a heading, a list, a rule, an indented code block.
fn literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    literal_into(s, &mut out);
    out
}

/// [`literal`], appended to `out`.
fn literal_into(s: &str, out: &mut String) {
    let at = out.len();
    inline_into(s.trim_start(), out);
    let escaped = &out[at..];
    match escaped.bytes().next() {
        Some(b'#' | b'-' | b'+' | b'=') => out.insert(at, '\\'),
        Some(c) if c.is_ascii_digit() => {
            let digits = escaped
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(escaped.len());
            if matches!(escaped.as_bytes().get(digits), Some(b'.' | b')')) {
                out.insert(at + digits, '\\');
            }
        }
        _ => {}
    }
}

/// The footnote reference of a note, if any, appended to `out`.
fn note_into(n: Option<usize>, out: &mut String) {
    use std::fmt::Write as _;
    if let Some(n) = n {
        let _ = write!(out, "[^{n}]");
    }
}

/// A paragraph's or list item's text and its note, appended to `out`.
fn text_into(t: &Text, out: &mut String) {
    literal_into(&t.text, out);
    note_into(t.note, out);
}

/// Moves every heading of `md` down by `by` levels (at most to level 6), leaving the rest
/// of the text byte for byte as written.
pub fn demote(md: &str, by: usize) -> String {
    let mut out = String::with_capacity(md.len() + 16);
    let mut at = 0;
    for (event, range) in Parser::new_ext(md, Options::empty()).into_offset_iter() {
        let Event::Start(Tag::Heading { level, .. }) = event else {
            continue;
        };
        if range.start < at {
            continue;
        }
        let src = &md[range.clone()];
        let body = src.trim_start();
        let content = if body.starts_with('#') {
            body.lines()
                .next()
                .unwrap_or("")
                .trim_start_matches('#')
                .trim()
                .trim_end_matches('#')
                .trim()
                .to_string()
        } else {
            // A setext heading: the text above its underline.
            let lines: Vec<&str> = src.lines().collect();
            lines[..lines.len().saturating_sub(1)]
                .join(" ")
                .trim()
                .to_string()
        };
        let n = (heading_number(level) + by).min(6);
        out.push_str(&md[at..range.start]);
        out.push_str(&"#".repeat(n));
        out.push(' ');
        out.push_str(&content);
        if src.ends_with('\n') {
            out.push('\n');
        }
        at = range.end;
    }
    out.push_str(&md[at..]);
    out
}

fn heading_number(l: HeadingLevel) -> usize {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn table(t: &Table, out: &mut String) {
    // `| a | b |`, and `|  |` for no cells, as joining the cells with ` | ` gives.
    out.push_str("| ");
    for (k, h) in t.head.iter().enumerate() {
        if k > 0 {
            out.push_str(" | ");
        }
        inline_into(h, out);
    }
    out.push_str(" |\n");
    let rule: Vec<&str> = t
        .align
        .iter()
        .map(|a| match a {
            Align::Left => "---",
            Align::Right => "---:",
        })
        .collect();
    out.push_str(&format!("|{}|\n", rule.join("|")));
    for r in &t.rows {
        let mut cells = r.cells.iter();
        if let Some(first) = cells.next() {
            out.push_str("| ");
            if r.total {
                out.push_str("**");
            }
            inline_into(first, out);
            if r.total {
                out.push_str("**");
            }
            note_into(r.note, out);
            out.push_str(" |");
            for c in cells {
                out.push(' ');
                inline_into(c, out);
                out.push_str(" |");
            }
            out.push('\n');
        } else {
            out.push_str("|  |\n");
        }
    }
}

pub fn render(doc: &Document) -> String {
    let mut out = format!("# {}\n\n", inline(&doc.title));
    for s in &doc.cover.subtitle {
        out.push_str(&format!("**{}**  \n", inline(s)));
    }
    out.push('\n');
    for (label, value) in &doc.cover.fields {
        out.push_str(&format!("{}: {}  \n", literal(label), inline(value)));
    }
    let headings: Vec<String> = doc.headings().iter().map(|h| inline(h)).collect();
    out.push_str(&format!("\n## {}\n\n", doc.contents_label()));
    for h in doc.headings() {
        out.push_str(&format!("- {}\n", literal(&h)));
    }
    // Sections rendered side by side: a large report's notes and tables take a while.
    let rendered: Vec<String> = doc
        .sections
        .par_iter()
        .zip(&headings)
        .map(|(s, heading)| section(doc, s, heading))
        .collect();
    out.extend(rendered);
    out
}

fn section(doc: &Document, s: &Section, heading: &str) -> String {
    let mut out = format!("\n## {heading}\n");
    for b in &s.blocks {
        match b {
            Block::Para(p) => {
                out.push('\n');
                text_into(p, &mut out);
                out.push('\n');
            }
            Block::Sub(h) => out.push_str(&format!("\n### {}\n", inline(h))),
            Block::List(items) => {
                out.push('\n');
                for i in items {
                    out.push_str("- ");
                    text_into(i, &mut out);
                    out.push('\n');
                }
            }
            Block::Table(t) => {
                out.push('\n');
                table(t, &mut out);
            }
            // The figures are in the table before the charts.
            Block::Charts(_) => {}
            Block::Narrative(md) => {
                out.push('\n');
                out.push_str(demote(md, 2).trim_end());
                out.push('\n');
            }
        }
    }
    if s.id == "traceability" {
        out.push('\n');
        out.push_str(&super::document::each_note(&doc.notes, |i, n| {
            let mut line = format!("[^{}]: ", i + 1);
            for (k, r) in n.records.iter().enumerate() {
                if k > 0 {
                    line.push_str("; ");
                }
                inline_into(&r.id, &mut line);
                if !r.place.is_empty() {
                    line.push_str(" (");
                    inline_into(&r.what, &mut line);
                    line.push_str(", ");
                    inline_into(&r.place, &mut line);
                    line.push(')');
                }
            }
            line.push('\n');
            line
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        // The one-pass `inline` against what it replaced: the check's escaping, then the
        // autolinks and strike-through replaced in turn.
        #[test]
        fn inline_escapes_as_escaping_then_replacing_did(
            text in "([a-zåäö .:/~|<>&@*_`\\[\\]\\\\\n\r]|w|ww|www|://|www\\.){0,30}"
        ) {
            let before = crate::report::markdown::escape(&text)
                .replace('~', "\\~")
                .replace("://", ":\\/\\/")
                .replace("www.", "www\\.");
            proptest::prop_assert_eq!(inline(&text), before);
        }
    }

    #[test]
    fn narrative_headings_move_below_the_sections() {
        assert_eq!(
            demote("# Läget\n\nText med # inuti.\n\n## Mer\nslut\n", 2),
            "### Läget\n\nText med # inuti.\n\n#### Mer\nslut\n"
        );
        assert_eq!(
            demote("Rubrik\n======\n\nText\n", 2),
            "### Rubrik\n\nText\n"
        );
        assert_eq!(demote("##### Djup\n", 2), "###### Djup\n");
        assert_eq!(demote("Bara text.", 2), "Bara text.");
    }
}

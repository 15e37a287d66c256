//! The annual report as Markdown (GitHub-flavoured: tables with aligned columns, footnotes
//! for the traceability notes). The coordinator's narrative is placed as written, its
//! headings moved below the section's.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};

use super::document::{Align, Block, Document, Table, Text};

/// Text from the evidence as Markdown that shows it literally inside a line: a title or a
/// name cannot break a table, add emphasis, strike-through, a link or HTML, notify anyone
/// (`@name`), or become a link of its own (`https://…`, `www.…`). The check's Markdown
/// escapes the same way ([`crate::report::markdown::escape`]); the annual report adds the
/// autolinks and strike-through GitHub also reads.
fn inline(s: &str) -> String {
    crate::report::markdown::escape(s)
        .replace('~', "\\~")
        .replace("://", ":\\/\\/")
        .replace("www.", "www\\.")
}

/// [`inline`] for text that begins a line of its own (a paragraph, a list item), which must
/// not begin like a block either: a heading, a list, a rule, an indented code block.
fn literal(s: &str) -> String {
    let escaped = inline(s.trim_start());
    match escaped.chars().next() {
        Some('#' | '-' | '+' | '=') => format!("\\{escaped}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = escaped
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(escaped.len());
            match escaped[digits..].chars().next() {
                Some(m @ ('.' | ')')) => {
                    format!("{}\\{m}{}", &escaped[..digits], &escaped[digits + 1..])
                }
                _ => escaped,
            }
        }
        _ => escaped,
    }
}

fn note(n: Option<usize>) -> String {
    n.map(|n| format!("[^{n}]")).unwrap_or_default()
}

fn text(t: &Text) -> String {
    format!("{}{}", literal(&t.text), note(t.note))
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
    let line = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
    let head: Vec<String> = t.head.iter().map(|h| inline(h)).collect();
    out.push_str(&line(&head));
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
        let mut cells: Vec<String> = r.cells.iter().map(|c| inline(c)).collect();
        if let Some(first) = cells.first_mut() {
            if r.total {
                *first = format!("**{first}**");
            }
            first.push_str(&note(r.note));
        }
        out.push_str(&line(&cells));
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
    for (s, heading) in doc.sections.iter().zip(&headings) {
        out.push_str(&format!("\n## {heading}\n"));
        for b in &s.blocks {
            match b {
                Block::Para(p) => out.push_str(&format!("\n{}\n", text(p))),
                Block::Sub(h) => out.push_str(&format!("\n### {}\n", inline(h))),
                Block::List(items) => {
                    out.push('\n');
                    for i in items {
                        out.push_str(&format!("- {}\n", text(i)));
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
            for (i, n) in doc.notes.iter().enumerate() {
                let parts: Vec<String> = n
                    .records
                    .iter()
                    .map(|r| {
                        if r.place.is_empty() {
                            inline(&r.id)
                        } else {
                            format!(
                                "{} ({}, {})",
                                inline(&r.id),
                                inline(&r.what),
                                inline(&r.place)
                            )
                        }
                    })
                    .collect();
                out.push_str(&format!("[^{}]: {}\n", i + 1, parts.join("; ")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

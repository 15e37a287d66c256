//! The annual report as Markdown (GitHub-flavoured: tables with aligned columns, footnotes
//! for the traceability notes). The coordinator's narrative is placed as written, its
//! headings moved below the section's.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};

use super::document::{Align, Block, Document, Table, Text};

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn note(n: Option<usize>) -> String {
    n.map(|n| format!("[^{n}]")).unwrap_or_default()
}

fn text(t: &Text) -> String {
    format!("{}{}", t.text, note(t.note))
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
    let line = |cells: &[String]| {
        let v: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |\n", v.join(" | "))
    };
    out.push_str(&line(&t.head));
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
        let mut cells = r.cells.clone();
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
    let mut out = format!("# {}\n\n", doc.title);
    for s in &doc.cover.subtitle {
        out.push_str(&format!("**{s}**  \n"));
    }
    out.push('\n');
    for (label, value) in &doc.cover.fields {
        out.push_str(&format!("{label}: {value}  \n"));
    }
    let headings = doc.headings();
    out.push_str(&format!("\n## {}\n\n", doc.contents_label()));
    for h in &headings {
        out.push_str(&format!("- {h}\n"));
    }
    for (s, heading) in doc.sections.iter().zip(&headings) {
        out.push_str(&format!("\n## {heading}\n"));
        for b in &s.blocks {
            match b {
                Block::Para(p) => out.push_str(&format!("\n{}\n", text(p))),
                Block::Sub(h) => out.push_str(&format!("\n### {h}\n")),
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
                            r.id.clone()
                        } else {
                            format!("{} ({}, {})", r.id, r.what, r.place)
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

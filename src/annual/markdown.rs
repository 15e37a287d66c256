//! The annual report as Markdown (GitHub-flavoured tables).

use super::{Block, Document};

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn render(doc: &Document) -> String {
    let mut out = format!("# {}\n\n", doc.title);
    for m in &doc.meta {
        out.push_str(&format!("{m}  \n"));
    }
    for s in &doc.sections {
        out.push_str(&format!("\n## {}\n", s.heading));
        for b in &s.blocks {
            out.push('\n');
            match b {
                Block::Para(p) => out.push_str(&format!("{p}\n")),
                Block::Sub(h) => out.push_str(&format!("### {h}\n")),
                Block::List(items) => {
                    for i in items {
                        out.push_str(&format!("- {i}\n"));
                    }
                }
                Block::Table { head, rows } => {
                    let line = |cells: &[String]| {
                        let v: Vec<String> = cells.iter().map(|c| cell(c)).collect();
                        format!("| {} |\n", v.join(" | "))
                    };
                    out.push_str(&line(head));
                    out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                    for r in rows {
                        out.push_str(&line(r));
                    }
                }
            }
        }
    }
    out
}

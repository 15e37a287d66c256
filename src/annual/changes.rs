//! The optional section "Changes to the evidence during the year", from git
//! (`report annual --git-changes`, see [`crate::changes`]).

use std::collections::BTreeMap;

use super::document::{Part, Table, Text};
use super::{Block, Document, Section};
use crate::changes::{RecordChange, YearChanges};
use crate::evidence::Lang;

/// Longest list of ids per change type; the counts are always complete.
const MAX_LISTED: usize = 200;

fn line(c: &RecordChange) -> String {
    match &c.label {
        Some(l) => format!("{} {} — {} ({})", c.kind, c.id, l, c.path),
        None => format!("{} {} ({})", c.kind, c.id, c.path),
    }
}

fn list(changes: &[RecordChange], lang: Lang) -> Block {
    let mut items: Vec<Text> = changes
        .iter()
        .take(MAX_LISTED)
        .map(|c| Text::plain(line(c)))
        .collect();
    if changes.len() > MAX_LISTED {
        let more = changes.len() - MAX_LISTED;
        items.push(Text::plain(match lang {
            Lang::Sv => format!("… och {more} till (kravkoll history ID visar en posts commits)"),
            Lang::En => {
                format!("… and {more} more (kravkoll history ID shows one record's commits)")
            }
        }));
    }
    Block::List(items)
}

/// The section, in the document's language.
pub fn section(ch: &YearChanges, lang: Lang) -> Section {
    let sv = lang == Lang::Sv;
    let t = |a: &'static str, b: &'static str| if sv { a } else { b };
    let y = ch.year;
    let mut blocks = Vec::new();
    let commits = crate::typography::count(ch.commits as i64, "commit", "commits", lang);
    let basis = match (&ch.from, sv) {
        (Some(f), true) => format!(
            "Evidensen i commit {} ({}), den sista under {y}, jämförd med commit {} ({}), den sista före {y}; {commits} under året.",
            ch.to.short, ch.to.date, f.short, f.date
        ),
        (Some(f), false) => format!(
            "The evidence at commit {} ({}), the last of {y}, compared with commit {} ({}), the last before {y}; {commits} during the year.",
            ch.to.short, ch.to.date, f.short, f.date
        ),
        (None, true) => format!(
            "Evidensen i commit {} ({}), den sista under {y}. Historiken börjar under året, så alla poster räknas som tillagda; {commits} under året.",
            ch.to.short, ch.to.date
        ),
        (None, false) => format!(
            "The evidence at commit {} ({}), the last of {y}. The history begins during the year, so every record counts as added; {commits} during the year.",
            ch.to.short, ch.to.date
        ),
    };
    blocks.push(Block::Para(Text::plain(basis)));
    if ch.shallow {
        blocks.push(Block::Para(Text::plain(t(
            "Historiken är ofullständig (grund klon): förändringar före den äldsta hämtade commiten syns inte.",
            "The history is incomplete (shallow clone): changes before the oldest fetched commit do not show.",
        ))));
    }
    if ch.added.is_empty() && ch.modified.is_empty() && ch.removed.is_empty() {
        blocks.push(Block::Para(Text::plain(t(
            "Inga poster lades till, ändrades eller togs bort under året.",
            "No record was added, changed or removed during the year.",
        ))));
    } else {
        let mut by_kind: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
        for (i, v) in [&ch.added, &ch.modified, &ch.removed].iter().enumerate() {
            for c in v.iter() {
                by_kind.entry(c.kind.as_str()).or_default()[i] += 1;
            }
        }
        let mut table = Table::figures(vec![
            t("Slag", "Kind").into(),
            t("Tillagda", "Added").into(),
            t("Ändrade", "Changed").into(),
            t("Borttagna", "Removed").into(),
        ]);
        for (k, [a, m, r]) in by_kind {
            table.row(
                vec![
                    k.to_string(),
                    crate::typography::integer(a as i64, lang),
                    crate::typography::integer(m as i64, lang),
                    crate::typography::integer(r as i64, lang),
                ],
                None,
            );
        }
        blocks.push(Block::Table(table));
        for (v, sv_h, en_h) in [
            (&ch.added, "Tillagda poster", "Records added"),
            (&ch.modified, "Ändrade poster", "Records changed"),
            (&ch.removed, "Borttagna poster", "Records removed"),
        ] {
            if !v.is_empty() {
                blocks.push(Block::Sub(t(sv_h, en_h).into()));
                blocks.push(list(v, lang));
            }
        }
    }
    let mut s = Section::new(
        "evidence-changes",
        if sv {
            format!("Förändringar i underlaget under {y} (git)")
        } else {
            format!("Changes to the evidence during {y} (git)")
        },
        Part::Appendix,
    );
    s.blocks = blocks;
    s
}

/// Adds the section before the self-check appendix (or at the end).
pub fn add(doc: &mut Document, ch: &YearChanges) {
    let s = section(ch, doc.lang);
    let at = doc
        .sections
        .iter()
        .position(|s| s.id == "self-check")
        .unwrap_or(doc.sections.len());
    doc.sections.insert(at, s);
}

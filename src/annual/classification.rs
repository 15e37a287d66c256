//! Information classification ("Informationsklassning"): how many systems had a
//! classification on 31 December, and which had none.

use std::collections::HashSet;

use super::context::{day, strs, text, Ctx};
use super::document::{Block, Part, Section, Text};
use super::front::commentary;
use crate::evidence::Record;

/// Systems classified on `end`, and those whose classification is dated later (unknown).
pub(super) fn classified<'a>(
    c: &Ctx<'a>,
    end: jiff::civil::Date,
) -> (HashSet<&'a str>, HashSet<&'a str>) {
    let mut yes = HashSet::new();
    let mut later = HashSet::new();
    let mut by_id: HashSet<&str> = HashSet::new();
    for k in c.all("Classification") {
        let set = match day(k, "classified") {
            Some(d) if d <= end && !k.unknown.contains(&"classified") => {
                by_id.insert(k.id.as_str());
                &mut yes
            }
            _ => &mut later,
        };
        for s in strs(k, "systems") {
            set.insert(s);
        }
    }
    for s in c.all("System") {
        if text(s, "classification").is_some_and(|id| by_id.contains(id)) {
            yes.insert(s.id.as_str());
        }
    }
    later.retain(|s| !yes.contains(s));
    (yes, later)
}

pub(super) fn section(c: &Ctx) -> Option<Section> {
    let systems = c.all("System");
    if systems.is_empty() {
        return None;
    }
    let mut s = Section::new(
        "classification",
        c.t("Informationsklassning", "Information classification"),
        Part::Context,
    );
    commentary(c, &mut s);
    let (yes, later) = classified(c, c.end);
    let done: Vec<&Record> = systems
        .iter()
        .copied()
        .filter(|r| yes.contains(r.id.as_str()))
        .collect();
    let unknown: Vec<&Record> = systems
        .iter()
        .copied()
        .filter(|r| later.contains(r.id.as_str()))
        .collect();
    let not: Vec<&Record> = systems
        .iter()
        .copied()
        .filter(|r| !yes.contains(r.id.as_str()) && !later.contains(r.id.as_str()))
        .collect();
    s.blocks.push(Block::Para(Text {
        text: if c.sv() {
            format!(
                "Den 31 december var {} av {} informationsklassade ({}).",
                c.n(done.len()),
                c.count(systems.len(), ("system", "system"), ("", "")),
                c.percent(done.len() as i64, systems.len() as i64)
            )
        } else {
            format!(
                "On 31 December, {} of {} had an information classification ({}).",
                c.n(done.len()),
                c.count(systems.len(), ("", ""), ("system", "systems")),
                c.percent(done.len() as i64, systems.len() as i64)
            )
        },
        note: c.note_records(&done),
    }));
    if !not.is_empty() {
        let names: Vec<String> = not.iter().map(|r| c.record_name(r)).collect();
        s.blocks.push(Block::Para(Text {
            text: format!(
                "{}: {}.",
                c.t("Utan klassning", "Not classified"),
                c.join(&names)
            ),
            note: c.note_records(&not),
        }));
    }
    if !unknown.is_empty() {
        let names: Vec<String> = unknown.iter().map(|r| c.record_name(r)).collect();
        s.blocks.push(Block::Para(Text {
            text: format!(
                "{}: {} ({}).",
                c.t("Klassade efter årsskiftet", "Classified after the year end"),
                c.join(&names),
                c.unknown()
            ),
            note: c.note_records(&unknown),
        }));
    }
    Some(s)
}

//! Suppliers and agreements ("Leverantörer och avtal", GDPR art. 28): suppliers that
//! process personal data and whether a data-processing agreement was signed by 31 December.

use super::context::{day, flag, Ctx};
use super::document::{Block, Part, Section, Text};
use super::front::commentary;
use crate::evidence::Record;

pub(super) fn section(c: &Ctx) -> Option<Section> {
    let sup = c.all("Supplier");
    if sup.is_empty() {
        return None;
    }
    let mut s = Section::new(
        "suppliers",
        c.t("Leverantörer och avtal", "Suppliers and agreements"),
        Part::Context,
    );
    commentary(c, &mut s);
    let pd: Vec<&Record> = sup
        .iter()
        .copied()
        .filter(|r| flag(r, "personal_data"))
        .collect();
    let without: Vec<&Record> = pd
        .iter()
        .copied()
        .filter(|r| day(r, "dpa_signed").is_none_or(|d| d > c.end))
        .collect();
    s.blocks.push(Block::Para(Text {
        text: if c.sv() {
            format!(
                "Organisationen anlitade den 31 december {}, varav {} behandlar personuppgifter för organisationens räkning. Av dessa hade {} ett personuppgiftsbiträdesavtal.",
                c.count(sup.len(), ("leverantör", "leverantörer"), ("", "")),
                c.n(pd.len()),
                c.n(pd.len() - without.len())
            )
        } else {
            format!(
                "On 31 December the organisation used {}, {} of which process personal data on its behalf. Of these, {} had a data-processing agreement.",
                c.count(sup.len(), ("", ""), ("supplier", "suppliers")),
                c.n(pd.len()),
                c.n(pd.len() - without.len())
            )
        },
        note: c.note_records(sup),
    }));
    if !without.is_empty() {
        let names: Vec<String> = without.iter().map(|r| c.record_name(r)).collect();
        s.blocks.push(Block::Para(Text {
            text: if c.sv() {
                format!(
                    "Personuppgiftsbiträdesavtal saknades med {}.",
                    c.join(&names)
                )
            } else {
                format!(
                    "No data-processing agreement had been signed with {}.",
                    c.join(&names)
                )
            },
            note: c.note_records(&without),
        }));
    }
    Some(s)
}

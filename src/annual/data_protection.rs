//! Data protection ("Dataskydd"): the register of processing activities (GDPR art. 30) and
//! the data-protection impact assessments (art. 35), with prior consultation (art. 36).

use super::context::{day, flag, strs, AsOf, Ctx};
use super::document::{Align, Block, Part, Section, Table, Text};
use super::front::commentary;
use crate::evidence::Record;

pub(super) fn section(c: &Ctx) -> Option<Section> {
    let register = c.all("ProcessingActivity");
    let dpias: Vec<&Record> = c.all("Dpia").to_vec();
    if register.is_empty() && dpias.is_empty() {
        return None;
    }
    let mut s = Section::new(
        "data-protection",
        c.t("Dataskydd", "Data protection"),
        Part::Context,
    );
    commentary(c, &mut s);
    if !register.is_empty() {
        let high = register.iter().filter(|r| flag(r, "high_risk")).count();
        s.blocks.push(Block::Sub(
            c.t(
                "Register över behandlingar (dataskyddsförordningen artikel 30)",
                "Record of processing activities (GDPR Article 30)",
            )
            .into(),
        ));
        s.blocks.push(Block::Para(Text {
            text: if c.sv() {
                format!(
                    "Registret omfattade den 31 december {}, varav {} bedömdes sannolikt medföra hög risk för de registrerade.",
                    c.count(register.len(), ("behandling", "behandlingar"), ("", "")),
                    c.n(high)
                )
            } else {
                format!(
                    "On 31 December the record held {}, {} of them judged likely to result in a high risk to the data subjects.",
                    c.count(register.len(), ("", ""), ("processing activity", "processing activities")),
                    c.n(high)
                )
            },
            note: c.note_records(register),
        }));
        let mut t = Table::new(
            vec![
                c.t("Behandling", "Processing").into(),
                c.t("System", "Systems").into(),
                c.t("Hög risk", "High risk").into(),
                c.t("Senast granskad", "Last reviewed").into(),
            ],
            vec![Align::Left, Align::Left, Align::Left, Align::Right],
        );
        for r in register {
            let systems: Vec<String> = strs(r, "systems").iter().map(|s| c.name_of(s)).collect();
            let reviewed = match c.as_of(r, "last_reviewed", None, c.end) {
                AsOf::Known(d) => d.to_string(),
                AsOf::Unknown => c.unknown().to_string(),
                AsOf::Never => "–".into(),
            };
            t.row(
                vec![
                    c.record_name(r),
                    if systems.is_empty() {
                        "–".into()
                    } else {
                        systems.join(", ")
                    },
                    if flag(r, "high_risk") {
                        c.t("ja", "yes")
                    } else {
                        c.t("nej", "no")
                    }
                    .into(),
                    reviewed,
                ],
                c.note(&[r.id.as_str()]),
            );
        }
        s.blocks.push(Block::Table(t));
    }
    if !dpias.is_empty() {
        s.blocks.push(Block::Sub(
            c.t(
                "Konsekvensbedömningar (dataskyddsförordningen artikel 35)",
                "Data-protection impact assessments (GDPR Article 35)",
            )
            .into(),
        ));
        let this_year = dpias
            .iter()
            .filter(|r| day(r, "performed").is_some_and(|d| d.year() == c.year))
            .count();
        s.blocks.push(Block::Para(Text::plain(if c.sv() {
            format!(
                "Under {} gjordes {}; totalt fanns {} den 31 december.",
                c.year,
                c.count(
                    this_year,
                    ("konsekvensbedömning", "konsekvensbedömningar"),
                    ("", "")
                ),
                c.n(dpias.len())
            )
        } else {
            format!(
                "In {}, {} {} made; {} existed on 31 December.",
                c.year,
                c.count(
                    this_year,
                    ("", ""),
                    ("impact assessment", "impact assessments")
                ),
                c.were(this_year),
                c.n(dpias.len())
            )
        })));
        let mut t = Table::new(
            vec![
                c.t("Konsekvensbedömning", "Impact assessment").into(),
                c.t("Genomförd", "Performed").into(),
                c.t("Kvarstående hög risk", "Residual high risk").into(),
                c.t(
                    "Förhandssamråd med IMY (artikel 36)",
                    "Prior consultation with IMY (Article 36)",
                )
                .into(),
            ],
            vec![Align::Left, Align::Right, Align::Left, Align::Right],
        );
        for r in &dpias {
            let consulted = day(r, "prior_consultation")
                .filter(|d| *d <= c.end)
                .map(|d| d.to_string())
                .unwrap_or_else(|| "–".into());
            t.row(
                vec![
                    c.record_name(r),
                    super::context::text(r, "performed")
                        .unwrap_or("")
                        .to_string(),
                    if flag(r, "residual_high_risk") {
                        c.t("ja", "yes")
                    } else {
                        c.t("nej", "no")
                    }
                    .into(),
                    consulted,
                ],
                c.note(&[r.id.as_str()]),
            );
        }
        s.blocks.push(Block::Table(t));
    }
    Some(s)
}

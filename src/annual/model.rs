//! Puts the report together: the sections in the order a board reads them, then the
//! appendices (gap report, patient-safety excerpt, self-check, traceability).

use super::context::{Ctx, Warning};
use super::document::{Block, Document, Part, Section, Text};
use super::narrative::Narrative;
use super::{
    classification, continuity, data_protection, follow_ups, front, gaps, governance, improvements,
    incidents, maturity, nis, patient_safety, risks, suppliers, training, trends, Annual,
};
use crate::Checked;

fn self_check(c: &Ctx, warnings: &[Warning]) -> Section {
    let mut s = Section::new(
        "self-check",
        c.t("Anmärkningar om underlaget", "Remarks on the evidence"),
        Part::Appendix,
    );
    if warnings.is_empty() {
        s.blocks.push(Block::Para(Text::plain(c.t(
            "Genomgången av underlaget gav inga anmärkningar: varje obligatorisk del har innehåll, varje incident är bedömd för vårdskada och varje riskanalys anger syfte, underlag och beslut.",
            "The review of the evidence gave no remarks: every mandatory part has content, every incident is assessed for patient harm and every risk analysis states its purpose, inputs and decisions.",
        ))));
    } else {
        s.blocks.push(Block::Para(Text::plain(c.t(
            "Följande brister i underlaget bör åtgärdas innan berättelsen fastställs:",
            "The following gaps in the evidence should be mended before the report is adopted:",
        ))));
        s.blocks.push(Block::List(
            warnings
                .iter()
                .map(|w| Text::plain(w.text.clone()))
                .collect(),
        ));
    }
    s
}

fn traceability(c: &Ctx) -> Section {
    let mut s = Section::new(
        "traceability",
        c.t("Spårbarhet", "Traceability"),
        Part::Appendix,
    );
    s.blocks.push(Block::Para(Text::plain(c.t(
        "Varje not anger de poster i underlaget som en uppgift bygger på: postens id, vad den är och var den finns (fil och rad).",
        "Each note gives the records of the evidence a statement rests on: the record's id, what it is and where it is (file and line).",
    ))));
    s
}

pub(super) fn build(
    checked: &Checked,
    year: i16,
    board: Option<&str>,
    narrative: &Narrative,
) -> Annual {
    let c = Ctx::new(checked, year, board, narrative);
    // The sections in two runs side by side, split where their costs balance; `absorb`
    // numbers the second run's notes on from the first's, as one run in order would.
    let later = c.fork();
    let ((c, cover, mut sections), (later, mut rest)) = rayon::join(
        move || {
            let cover = front::cover(&c);
            let mut sections = Vec::new();
            sections.extend(front::decision(&c));
            sections.push(front::summary(&c));
            sections.extend(front::assessment(&c));
            sections.push(front::introduction(&c));
            sections.push(risks::section(&c));
            sections.push(incidents::section(&c));
            sections.push(follow_ups::section(&c));
            (c, cover, sections)
        },
        move || {
            let c = later;
            let mut sections = Vec::new();
            sections.push(improvements::section(&c));
            sections.extend(governance::section(&c));
            sections.extend(data_protection::section(&c));
            sections.extend(training::section(&c));
            sections.extend(suppliers::section(&c));
            sections.extend(classification::section(&c));
            sections.extend(continuity::section(&c));
            sections.extend(nis::section(&c));
            sections.extend(trends::section(&c));
            sections.push(maturity::section(&c));
            sections.extend(front::priorities(&c));
            sections.extend(front::resources(&c));
            sections.push(gaps::section(&c));
            sections.push(patient_safety::section(&c));
            (c, sections)
        },
    );
    c.absorb(later, &mut rest);
    sections.append(&mut rest);
    let warnings = c.take_warnings();
    sections.push(self_check(&c, &warnings));
    sections.push(traceability(&c));
    let title = if c.sv() {
        format!("Informationssäkerhetsberättelse {year}")
    } else {
        format!("Annual information-security report {year}")
    };
    Annual {
        document: Document {
            lang: c.lang,
            title,
            cover,
            sections,
            notes: c.take_notes(),
        },
        warnings,
        notices: Vec::new(),
    }
}

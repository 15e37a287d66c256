//! NIS and the Cybersecurity Act ("NIS och cybersäkerhetslagen"): whether the organisation
//! is covered, where significant incidents are reported, the year's analyses of the
//! essential service, and for 2025 the change of law and authority at the turn of the year.

use super::context::{text, Ctx};
use super::document::{Block, Part, Section, Text};
use super::front::commentary;

pub(super) fn section(c: &Ctx) -> Option<Section> {
    let app = crate::catalog::Applicability::of(&c.ev.config.organisation);
    let facts = app.as_map();
    let nis = facts.get("nis").copied().unwrap_or(false);
    let csl = facts.get("csl").copied().unwrap_or(false);
    let mut paras: Vec<String> = Vec::new();
    if c.year <= 2025 && nis {
        paras.push(if c.sv() {
            format!(
                "Under {} var organisationen leverantör av samhällsviktig tjänst enligt lagen (2018:1174) om informationssäkerhet för samhällsviktiga och digitala tjänster (NIS-lagen) och skulle rapportera incidenter med betydande inverkan på tjänstens kontinuitet till Myndigheten för samhällsskydd och beredskap (MSB) (18 §).",
                c.year
            )
        } else {
            format!(
                "In {}, the organisation was an operator of an essential service under the NIS Act (2018:1174) and was to report incidents with a significant impact on the continuity of the service to the Swedish Civil Contingencies Agency (MSB) (section 18).",
                c.year
            )
        });
    }
    if c.year == 2025 && (nis || csl) {
        paras.push(c.t(
            "Den 1 januari 2026 ersattes MSB av Myndigheten för civilt försvar (MCF). Den 15 januari 2026 ersattes NIS-lagen av cybersäkerhetslagen (2025:1506); betydande incidenter rapporteras därefter till CSIRT-enheten vid MCF, med en första upplysning inom 24 timmar från kännedom (cybersäkerhetslagen 2 kap. 5 §).",
            "On 1 January 2026 MSB was replaced by the Swedish Agency for Civil Defence (Myndigheten för civilt försvar, MCF). On 15 January 2026 the NIS Act was replaced by the Cybersecurity Act (2025:1506); significant incidents are then reported to the CSIRT unit at MCF, with an early warning within 24 hours of becoming aware (chapter 2 section 5).",
        ).to_string());
        paras.push(if csl {
            c.t(
                "Organisationen omfattas av cybersäkerhetslagen från den 15 januari 2026.",
                "The organisation is covered by the Cybersecurity Act from 15 January 2026.",
            )
            .to_string()
        } else {
            c.t(
                "Enligt organisationsprofilen omfattas organisationen inte av cybersäkerhetslagen.",
                "According to the organisation profile, the Cybersecurity Act does not cover the organisation.",
            )
            .to_string()
        });
    }
    if c.year >= 2026 && csl {
        paras.push(c.t(
            "Cybersäkerhetslagen (2025:1506) gäller organisationen från den 15 januari 2026; betydande incidenter rapporteras till CSIRT-enheten vid Myndigheten för civilt försvar (MCF).",
            "The Cybersecurity Act (2025:1506) applies to the organisation from 15 January 2026; significant incidents are reported to the CSIRT unit at the Swedish Agency for Civil Defence (MCF).",
        ).to_string());
    }
    if paras.is_empty() {
        return None;
    }
    let mut s = Section::new(
        "nis",
        c.t(
            "NIS och cybersäkerhetslagen",
            "NIS and the Cybersecurity Act",
        ),
        Part::Context,
    );
    commentary(c, &mut s);
    for p in paras {
        s.blocks.push(Block::Para(Text::plain(p)));
    }
    let ras: Vec<_> = c
        .dated("RiskAnalysis", "performed", c.year)
        .into_iter()
        .filter(|r| text(r, "scope") == Some("nis_service"))
        .collect();
    s.blocks.push(Block::Para(Text {
        text: if c.sv() {
            format!(
                "Under {} gjordes {} av den samhällsviktiga tjänsten.",
                c.year,
                c.count(ras.len(), ("riskanalys", "riskanalyser"), ("", ""))
            )
        } else {
            format!(
                "In {}, {} of the essential service were made.",
                c.year,
                c.count(ras.len(), ("", ""), ("risk analysis", "risk analyses"))
            )
        },
        note: c.note_records(&ras),
    }));
    Some(s)
}

//! The excerpt for the patient-safety report (an appendix): the follow-ups of major
//! significance (HSLF-FS 2016:40 7 kap. 1 §), in sentences the patient-safety report
//! (patientsäkerhetslagen 3 kap. 10 §) can take over as they are.

use super::context::{int, text, Ctx};
use super::document::{Block, Part, Section, Text};
use super::incidents::Stats;
use crate::evidence::Record;

pub(super) fn section(c: &Ctx) -> Section {
    let mut s = Section::new(
        "patient-safety",
        if c.sv() {
            "Utdrag för patientsäkerhetsberättelsen (HSLF-FS 2016:40 7 kap. 1 §)".to_string()
        } else {
            "Excerpt for the patient-safety report (HSLF-FS 2016:40 chapter 7 section 1)"
                .to_string()
        },
        Part::Appendix,
    );
    let audits: Vec<&Record> = c
        .dated("Audit", "date", c.year)
        .into_iter()
        .filter(|r| text(r, "type") != Some("internal"))
        .collect();
    let logs = c.dated("LogReview", "performed", c.year);
    let unauth: i64 = logs
        .iter()
        .filter_map(|r| int(r, "unauthorised_access"))
        .sum();
    let tests = c.dated("RestoreTest", "performed", c.year);
    let failed: Vec<&Record> = tests
        .iter()
        .copied()
        .filter(|r| text(r, "result") != Some("success"))
        .collect();
    let st = Stats::of(c, c.year);
    let mut harmful: Vec<&Record> = st.caused.iter().chain(&st.could).copied().collect();
    harmful.sort_by(|a, b| a.id.cmp(&b.id));
    let sentences: Vec<Text> = if c.sv() {
        vec![
            Text {
                text: format!(
                    "Under {} gjordes {} av informationssäkerheten.",
                    c.year,
                    c.count(
                        audits.len(),
                        (
                            "extern granskning eller tillsyn",
                            "externa granskningar och tillsyner"
                        ),
                        ("", "")
                    )
                ),
                note: c.note_records(&audits),
            },
            Text {
                text: format!(
                    "Logguppföljningen omfattade {} och konstaterade {}.",
                    c.count(logs.len(), ("kontroll", "kontroller"), ("", "")),
                    c.count(
                        unauth as usize,
                        ("obehörig åtkomst", "obehöriga åtkomster"),
                        ("", "")
                    )
                ),
                note: c.note_records(&logs),
            },
            Text {
                text: format!(
                    "Av {} lyckades {} inte fullt ut.",
                    c.count(
                        tests.len(),
                        ("återläsningstest", "återläsningstester"),
                        ("", "")
                    ),
                    c.n(failed.len())
                ),
                note: c.note_records(&failed),
            },
            Text {
                text: format!(
                    "Under året medförde {} vårdskada och {} hade kunnat medföra vårdskada.",
                    c.count(st.caused.len(), ("incident", "incidenter"), ("", "")),
                    c.n(st.could.len())
                ),
                note: c.note_records(&harmful),
            },
        ]
    } else {
        vec![
            Text {
                text: format!(
                    "In {}, {} of information security {} made.",
                    c.year,
                    c.count(
                        audits.len(),
                        ("", ""),
                        (
                            "external audit or supervision",
                            "external audits and supervisions"
                        )
                    ),
                    c.were(audits.len())
                ),
                note: c.note_records(&audits),
            },
            Text {
                text: format!(
                    "The log reviews comprised {} and found {}.",
                    c.count(logs.len(), ("", ""), ("review", "reviews")),
                    c.count(
                        unauth as usize,
                        ("", ""),
                        (
                            "case of unauthorised access",
                            "cases of unauthorised access"
                        )
                    )
                ),
                note: c.note_records(&logs),
            },
            Text {
                text: format!(
                    "Of {}, {} did not fully succeed.",
                    c.count(tests.len(), ("", ""), ("restore test", "restore tests")),
                    c.n(failed.len())
                ),
                note: c.note_records(&failed),
            },
            Text {
                text: format!(
                    "During the year {} caused patient harm and {} could have caused it.",
                    c.count(st.caused.len(), ("", ""), ("incident", "incidents")),
                    c.n(st.could.len())
                ),
                note: c.note_records(&harmful),
            },
        ]
    };
    s.blocks.push(Block::Para(Text::plain(c.t(
        "Uppföljningar av informationssäkerheten som har gjorts och som är av större betydelse:",
        "Follow-ups of information security of major significance:",
    ))));
    s.blocks.push(Block::List(sentences));
    s
}

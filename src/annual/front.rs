//! The parts a board member reads first: the title page, the proposed decision, the
//! summary with key figures, the overall assessment and the introduction; and, at the end
//! of the body, next year's priorities and resource needs.

use super::context::{day, int, text, Ctx};
use super::document::{Align, Block, Cover, Part, Section, Table, Text};
use super::{follow_ups, improvements, incidents};
use crate::evidence::Record;
use crate::findings::Severity;

/// The coordinator's text for a section, if written; for the four statutory sections a
/// missing text is a self-check remark.
pub(super) fn commentary(c: &Ctx, s: &mut Section) {
    match c.narrative.text(s.id) {
        Some(md) => s.blocks.push(Block::Narrative(md.to_string())),
        None if s.statutory() => c.warn(
            if c.sv() {
                format!("Avsnittet ”{}” saknar samordnarens kommentar.", s.heading)
            } else {
                format!(
                    "The section “{}” has no commentary by the coordinator.",
                    s.heading
                )
            },
            Some(format!("write {}", c.narrative.file_for(s.id))),
        ),
        None => {}
    }
}

/// The year's `AnnualReport` record (the submission), for the report's recipient.
fn submission<'a>(c: &Ctx<'a>) -> Option<&'a Record> {
    c.all("AnnualReport").iter().copied().find(|r| {
        int(r, "year") == Some(i64::from(c.year))
            && c.board.is_none_or(|b| text(r, "submitted_to") == Some(b))
    })
}

/// The information-security coordinator in office on 31 December.
fn coordinator(c: &Ctx) -> Option<String> {
    c.all("Appointment")
        .iter()
        .filter(|r| text(r, "role") == Some("infosec_coordinator"))
        .filter(|r| day(r, "ended").is_none_or(|d| d >= c.end))
        .max_by_key(|r| day(r, "appointed"))
        .and_then(|r| text(r, "person"))
        .map(str::to_string)
}

pub(super) fn cover(c: &Ctx) -> Cover {
    let org = &c.ev.config.organisation;
    // With --board, a title block written for another recipient (its diarienummer and
    // decision) does not belong on this board's report.
    let title = c.narrative.title.as_ref().filter(|t| match c.board {
        None => true,
        Some(b) => {
            t.for_board
                || t.recipient
                    .as_deref()
                    .is_none_or(|r| r == b || r == "organisation")
        }
    });
    let sub = submission(c);
    let mut subtitle = vec![org.name.clone()];
    if let Some(b) = c.board {
        subtitle.push(c.board_name(b));
    }
    let mut fields = vec![(
        c.t("Verksamhetsår", "Year").to_string(),
        if c.sv() {
            format!("1 januari–31 december {}", c.year)
        } else {
            format!("1 January–31 December {}", c.year)
        },
    )];
    if let Some(d) = title.and_then(|t| t.diary_number.clone()) {
        fields.push((c.t("Diarienummer", "Reference number").into(), d));
    }
    let date = title
        .and_then(|t| t.date.as_deref())
        .and_then(|d| d.parse().ok())
        .or_else(|| sub.and_then(|r| day(r, "submitted")));
    if let Some(d) = date {
        fields.push((c.t("Datum", "Date").into(), c.date(d)));
    }
    let author = title.and_then(|t| t.author.clone()).or_else(|| {
        sub.and_then(|r| c.ev.by_id(text(r, "compiled_by")?))
            .and_then(|a| text(a, "person"))
            .map(str::to_string)
            .or_else(|| coordinator(c))
    });
    let hint_file = c
        .narrative
        .title
        .as_ref()
        .map(|t| t.file.clone())
        .unwrap_or_else(|| format!("{}/report.yaml", c.narrative.dir));
    match author {
        Some(a) => fields.push((c.t("Upprättad av", "Compiled by").into(), a)),
        None => c.warn(
            c.t(
                "Det framgår inte vem som har upprättat berättelsen.",
                "The report does not say who compiled it.",
            )
            .into(),
            Some(format!("write author: in {hint_file}")),
        ),
    }
    let recipient = match c.board {
        Some(b) => Some(b.to_string()),
        None => title.and_then(|t| t.recipient.clone()).or_else(|| {
            sub.and_then(|r| text(r, "submitted_to"))
                .map(str::to_string)
        }),
    };
    match recipient {
        Some(r) => fields.push((c.t("Mottagare", "To").into(), c.board_name(&r))),
        None => c.warn(
            c.t(
                "Det framgår inte till vem berättelsen lämnas (vårdgivaren eller en nämnd).",
                "The report does not say to whom it is submitted (the care provider or a board).",
            )
            .into(),
            Some(format!("write recipient: in {hint_file}")),
        ),
    }
    let status = match (title.map(|t| t.status.as_str()), sub) {
        (Some("adopted"), _) => c.t("Fastställd", "Adopted").to_string(),
        (Some(_), _) => c.t("Utkast", "Draft").to_string(),
        (None, Some(r)) => format!(
            "{} {}",
            c.t("Överlämnad", "Submitted"),
            c.date_of(r, "submitted")
        ),
        (None, None) => c.t("Utkast", "Draft").to_string(),
    };
    fields.push((c.t("Status", "Status").into(), status));
    let decision = title.and_then(|t| t.decision.clone()).or_else(|| {
        sub.and_then(|r| text(r, "decision_ref"))
            .map(str::to_string)
    });
    if let Some(d) = decision {
        fields.push((c.t("Beslut", "Decision").into(), d));
    }
    fields.push((
        c.t("Uppgifterna avser", "Figures as of").into(),
        if c.sv() {
            format!("läget den {}", c.date(c.end))
        } else {
            c.date(c.end)
        },
    ));
    Cover { subtitle, fields }
}

pub(super) fn decision(c: &Ctx) -> Option<Section> {
    let md = c.narrative.text("decision")?;
    let mut s = Section::new(
        "decision",
        c.t("Förslag till beslut", "Proposed decision"),
        Part::Front,
    );
    s.blocks.push(Block::Narrative(md.to_string()));
    Some(s)
}

pub(super) fn summary(c: &Ctx) -> Section {
    let mut s = Section::new("summary", c.t("Sammanfattning", "Summary"), Part::Front);
    commentary(c, &mut s);
    let prev = c.year - 1;
    let with_prev = c.covered(prev);
    let mut head = vec![
        c.t("Nyckeltal", "Key figure").to_string(),
        c.year.to_string(),
    ];
    let mut align = vec![Align::Left, Align::Right];
    if with_prev {
        head.push(prev.to_string());
        align.push(Align::Right);
    }
    let mut t = Table::new(head, align);
    let now = incidents::Stats::of(c, c.year);
    let before = incidents::Stats::of(c, prev);
    let ras = |y| c.dated("RiskAnalysis", "performed", y).len();
    let fu = |y| follow_ups::count(c, y);
    let imp = |y| c.dated("Improvement", "done", y).len();
    let rows: Vec<(String, usize, usize)> = vec![
        (
            c.t("Genomförda riskanalyser", "Risk analyses performed")
                .into(),
            ras(c.year),
            ras(prev),
        ),
        (
            c.t("Registrerade incidenter", "Incidents recorded").into(),
            now.all.len(),
            before.all.len(),
        ),
        (
            c.t("– som medförde vårdskada", "– that caused patient harm")
                .into(),
            now.caused.len(),
            before.caused.len(),
        ),
        (
            c.t(
                "– som hade kunnat medföra vårdskada",
                "– that could have caused patient harm",
            )
            .into(),
            now.could.len(),
            before.could.len(),
        ),
        (
            c.t("Genomförda uppföljningar", "Follow-ups made").into(),
            fu(c.year),
            fu(prev),
        ),
        (
            c.t("Genomförda förbättringsåtgärder", "Improvements completed")
                .into(),
            imp(c.year),
            imp(prev),
        ),
        (
            c.t(
                "Försenade åtgärder den 31 december",
                "Measures overdue on 31 December",
            )
            .into(),
            improvements::overdue(c, c.year),
            improvements::overdue(c, prev),
        ),
    ];
    for (label, n, p) in rows {
        let mut cells = vec![label, c.n(n)];
        if with_prev {
            cells.push(c.n(p));
        }
        t.row(cells, None);
    }
    let errors = super::gaps::findings(c)
        .iter()
        .filter(|f| f.severity == Severity::Error && f.accepted_by.is_none())
        .count();
    let mut cells = vec![
        c.t(
            "Fel i avstämningen mot regelverken den 31 december",
            "Errors against the rules on 31 December",
        )
        .to_string(),
        c.n(errors),
    ];
    if with_prev {
        cells.push("–".into());
    }
    t.row(cells, None);
    s.blocks.push(Block::Table(t));
    s
}

pub(super) fn assessment(c: &Ctx) -> Option<Section> {
    let md = c.narrative.text("assessment")?;
    let mut s = Section::new(
        "assessment",
        c.t("Samlad bedömning", "Overall assessment"),
        Part::Front,
    );
    s.blocks.push(Block::Narrative(md.to_string()));
    Some(s)
}

pub(super) fn introduction(c: &Ctx) -> Section {
    let mut s = Section::new(
        "introduction",
        c.t("Inledning", "Introduction"),
        Part::Front,
    );
    s.blocks.push(Block::Para(Text::plain(c.t(
        "Enligt Socialstyrelsens föreskrifter och allmänna råd (HSLF-FS 2016:40) om journalföring och behandling av personuppgifter i hälso- och sjukvården, 3 kap. 6 §, ska den som leder och samordnar informationssäkerhetsarbetet minst en gång om året sammanställa de riskanalyser som har gjorts, de incidenter som har påverkat informationssäkerheten och som medfört eller hade kunnat medföra vårdskada, de uppföljningar som har gjorts och de förbättringsåtgärder som har vidtagits. Avsnitt 1–4 motsvarar de fyra punkterna.",
        "Under HSLF-FS 2016:40, chapter 3 section 6, whoever leads and coordinates the information-security work compiles, at least once a year, the risk analyses made, the incidents that affected information security and caused or could have caused patient harm (vårdskada), the follow-ups made and the improvements taken. Sections 1–4 follow these four points.",
    ))));
    s.blocks.push(Block::Para(Text::plain(if c.sv() {
        format!(
            "Berättelsen avser verksamhetsåret {} och uppgifterna avser läget den {}. Den bygger på organisationens dokumenterade underlag; de upphöjda siffrorna hänvisar till bilagan Spårbarhet, som anger var varje uppgift finns dokumenterad.{}",
            c.year,
            c.date(c.end),
            if c.covered(c.year - 1) {
                format!(" Jämförelsetal avser {}.", c.year - 1)
            } else {
                String::new()
            }
        )
    } else {
        format!(
            "The report covers {} and states the position on {}. It rests on the organisation's documented evidence; the superscript numbers refer to the appendix Traceability, which gives where each statement is documented.{}",
            c.year,
            c.date(c.end),
            if c.covered(c.year - 1) {
                format!(" Comparative figures are for {}.", c.year - 1)
            } else {
                String::new()
            }
        )
    })));
    if let Some(b) = c.board {
        s.blocks.push(Block::Para(Text::plain(if c.sv() {
            format!(
                "Berättelsen omfattar {} och det som gäller hela {}.",
                c.board_name(b),
                c.ev.config.organisation.name
            )
        } else {
            format!(
                "The report covers {} and what concerns the whole of {}.",
                c.board_name(b),
                c.ev.config.organisation.name
            )
        })));
    }
    s
}

pub(super) fn priorities(c: &Ctx) -> Option<Section> {
    let md = c.narrative.text("priorities")?;
    let mut s = Section::new(
        "priorities",
        if c.sv() {
            format!("Prioriteringar för {}", c.year + 1)
        } else {
            format!("Priorities for {}", c.year + 1)
        },
        Part::Context,
    );
    s.blocks.push(Block::Narrative(md.to_string()));
    Some(s)
}

pub(super) fn resources(c: &Ctx) -> Option<Section> {
    let md = c.narrative.text("resources")?;
    let mut s = Section::new(
        "resources",
        c.t("Resursbehov", "Resource needs"),
        Part::Context,
    );
    s.blocks.push(Block::Narrative(md.to_string()));
    Some(s)
}

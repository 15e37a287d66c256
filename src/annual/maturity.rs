//! Maturity per the seven areas of MSB's maturity model (En bild av landstingens
//! informationssäkerhetsarbete 2018, avsnitt 5.2; levels 1–4, level 1 the least mature),
//! derived from the evidence with the reason for each level, beside the coordinator's own
//! assessment (`MaturityAssessment`), and its development over the years.
//!
//! The evidence can show level 2 (ways of working exist and are used) and level 3 (they are
//! applied systematically and followed up), in the terms MSB gives per area (avsnitt 8).
//! Level 4 ("utmärkta beständiga resultat") cannot be read from records; only the
//! coordinator's assessment can state it.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::context::{day, flag, int, strs, text, AsOf, Ctx};
use super::document::{Align, Block, Part, Section, Table, Text};
use super::front::commentary;
use super::improvements::{item_state, State};
use super::{classification, incidents, training};
use crate::evidence::schema::MATURITY_AREAS;
use crate::evidence::{FieldValue, Record};

fn area_name(c: &Ctx, area: &str) -> String {
    match area {
        "leadership" => c.t("Ledningens engagemang", "Management commitment"),
        "risk_management" => c.t("Riskhantering", "Risk management"),
        "classification" => c.t("Informationsklassning", "Information classification"),
        "incidents" => c.t(
            "Avvikelser, incidenter och lärandeprocessen",
            "Deviations, incidents and learning",
        ),
        "procurement" => c.t("Upphandling", "Procurement"),
        "culture_training" => c.t(
            "Säkerhetskultur och utbildning",
            "Security culture and training",
        ),
        "follow_up" => c.t(
            "Uppföljning av informationssäkerhetsarbetet",
            "Follow-up of the information-security work",
        ),
        other => other,
    }
    .to_string()
}

/// A criterion and whether the evidence meets it.
type Criteria = Vec<(bool, String)>;

/// The level the evidence supports, and why.
pub(super) struct Level {
    pub level: u8,
    pub reason: String,
}

fn docs_on<'a>(c: &Ctx<'a>, subject: &str, end: Date) -> Vec<&'a Record> {
    c.all("Document")
        .iter()
        .copied()
        .filter(|r| {
            text(r, "subject") == Some(subject) && day(r, "adopted").is_some_and(|d| d <= end)
        })
        .collect()
}

fn in_year<'a>(c: &Ctx<'a>, kind: &'static str, field: &'static str, y: i16) -> Vec<&'a Record> {
    c.dated(kind, field, y)
}

fn criteria(c: &Ctx, area: &str, y: i16) -> (Criteria, Criteria) {
    let end = Date::new(y, 12, 31).unwrap_or(Date::MAX);
    let t = |sv: &str, en: &str| c.t(sv, en).to_string();
    match area {
        "leadership" => {
            let policy: Vec<&Record> = c
                .all("Document")
                .iter()
                .copied()
                .filter(|r| {
                    text(r, "doc_type") == Some("policy")
                        && day(r, "adopted").is_some_and(|d| d <= end)
                })
                .collect();
            let current = policy.iter().any(|r| {
                let last = match c.as_of(r, "last_reviewed", Some("review_history"), end) {
                    AsOf::Known(d) => Some(d),
                    AsOf::Never => day(r, "adopted"),
                    AsOf::Unknown => None,
                };
                match (last, int(r, "review_interval_months")) {
                    (Some(d), Some(m)) => d
                        .checked_add(jiff::Span::new().months(m))
                        .is_ok_and(|due| due > end),
                    _ => false,
                }
            });
            let objectives: Vec<&Record> = c
                .all("Objective")
                .iter()
                .copied()
                .filter(|r| day(r, "decided").is_some_and(|d| d <= end))
                .collect();
            let measurable = objectives
                .iter()
                .any(|r| r.value.contains_key("metric") && r.value.contains_key("target"));
            let followed = objectives.iter().any(|r| {
                day(r, "followed_up").is_some_and(|d| d.year() == y && d <= c.end)
                    || r.value
                        .get("status_history")
                        .and_then(|v| v.list())
                        .is_some_and(|a| {
                            a.iter().any(|h| {
                                h.get("date")
                                    .and_then(|d| d.str())
                                    .and_then(|d| d.parse::<Date>().ok())
                                    .is_some_and(|d| d.year() == y)
                            })
                        })
            });
            let briefings = in_year(c, "ManagementBriefing", "date", y);
            let board = briefings
                .iter()
                .any(|r| matches!(text(r, "audience"), Some("board" | "council")));
            let plan = c
                .all("ActionPlan")
                .iter()
                .any(|p| day(p, "decided").is_some_and(|d| d <= end && d.year() >= y - 1));
            (
                vec![
                    (
                        !policy.is_empty(),
                        t(
                            "en fastställd informationssäkerhetspolicy",
                            "an adopted information-security policy",
                        ),
                    ),
                    (
                        !objectives.is_empty() || !briefings.is_empty(),
                        t(
                            "beslutade mål eller föredragningar för ledningen",
                            "decided objectives or briefings for management",
                        ),
                    ),
                ],
                vec![
                    (
                        current,
                        t(
                            "en policy som är reviderad inom sitt intervall",
                            "a policy reviewed within its interval",
                        ),
                    ),
                    (
                        measurable,
                        t(
                            "mål med mätetal och målvärde",
                            "objectives with metric and target",
                        ),
                    ),
                    (
                        followed,
                        t(
                            "mål som följdes upp under året",
                            "objectives followed up during the year",
                        ),
                    ),
                    (
                        board,
                        t(
                            "föredragning för styrelse, nämnd eller fullmäktige under året",
                            "a briefing for the board or council during the year",
                        ),
                    ),
                    (
                        plan,
                        t(
                            "en aktuell beslutad handlingsplan",
                            "a current decided action plan",
                        ),
                    ),
                ],
            )
        }
        "risk_management" => {
            let ras = in_year(c, "RiskAnalysis", "performed", y);
            let method = !docs_on(c, "risk_management", end).is_empty()
                || (!ras.is_empty() && ras.iter().all(|r| r.value.contains_key("method")));
            let plans = !ras.is_empty() && ras.iter().all(|r| r.value.contains_key("action_plan"));
            let followed = !ras.is_empty()
                && ras.iter().all(|r| {
                    let Some(p) = text(r, "action_plan").and_then(|id| c.ev.by_id(id)) else {
                        return false;
                    };
                    super::context::items(p, "items")
                        .iter()
                        .all(|it| item_state(it, end) != State::Overdue)
                });
            let reported = ras
                .iter()
                .any(|r| day(r, "reported_to_management").is_some_and(|d| d <= end));
            let patient = ras.iter().any(|r| {
                super::context::items(r, "risks")
                    .iter()
                    .any(|k| k.contains_key("patient_safety"))
            });
            (
                vec![
                    (
                        method,
                        t(
                            "ett fastställt arbetssätt för riskanalys",
                            "an established way of making risk analyses",
                        ),
                    ),
                    (
                        !ras.is_empty(),
                        t("riskanalyser under året", "risk analyses during the year"),
                    ),
                ],
                vec![
                    (
                        plans,
                        t(
                            "en beslutad åtgärdsplan för varje analys",
                            "a decided action plan for every analysis",
                        ),
                    ),
                    (
                        followed,
                        t(
                            "åtgärder som följs upp utan förseningar",
                            "measures followed up without delays",
                        ),
                    ),
                    (
                        reported,
                        t(
                            "analyser som redovisas för ledningen",
                            "analyses reported to management",
                        ),
                    ),
                    (
                        patient,
                        t(
                            "risker som påverkar patientsäkerheten särskilt identifierade",
                            "risks affecting patient safety identified",
                        ),
                    ),
                ],
            )
        }
        "classification" => {
            let (yes, _) = classification::classified(c, end);
            let relevant: Vec<&Record> = c
                .all("System")
                .iter()
                .copied()
                .filter(|s| flag(s, "personal_data") || flag(s, "patient_data"))
                .collect();
            let all = !relevant.is_empty() && relevant.iter().all(|s| yes.contains(s.id.as_str()));
            (
                vec![
                    (
                        !docs_on(c, "classification", end).is_empty(),
                        t(
                            "ett fastställt arbetssätt för informationsklassning",
                            "an established way of classifying information",
                        ),
                    ),
                    (
                        !yes.is_empty(),
                        t(
                            "klassade informationssystem",
                            "classified information systems",
                        ),
                    ),
                ],
                vec![(
                    all,
                    t(
                        "alla system med person- eller patientuppgifter klassade",
                        "every system with personal or patient data classified",
                    ),
                )],
            )
        }
        "incidents" => {
            let st = incidents::Stats::of(c, y);
            let broad = st.all.iter().any(|r| {
                strs(r, "categories")
                    .iter()
                    .any(|k| *k != "it" && *k != "nis")
            });
            let assessed = !st.all.is_empty() && st.unknown.is_empty();
            let analysed = !st.all.is_empty()
                && st.all.iter().all(|r| {
                    r.value.contains_key("root_cause")
                        || day(r, "analysed").is_some_and(|d| d <= c.end)
                });
            let learned = c.dated("Improvement", "done", y).iter().any(|i| {
                strs(i, "sources")
                    .iter()
                    .any(|s| c.ev.by_id(s).is_some_and(|r| r.kind.name == "Incident"))
            });
            (
                vec![(!docs_on(c, "incident_management", end).is_empty(), t("en fastställd rutin för incidenthantering", "an adopted incident-handling routine"))],
                vec![
                    (broad, t("avvikelser och personuppgiftsincidenter fångas upp, inte bara it-incidenter", "deviations and breaches are captured, not only IT incidents")),
                    (assessed, t("varje incident bedömd för vårdskada", "every incident assessed for patient harm")),
                    (analysed, t("varje incident utredd", "every incident investigated")),
                    (learned, t("förbättringar genomförda efter incidenter", "improvements made after incidents")),
                ],
            )
        }
        "procurement" => {
            let routine = !docs_on(c, "procurement", end).is_empty()
                || c.all("Procurement").iter().any(|p| {
                    day(p, "started").is_some_and(|d| d <= end)
                        && p.value.contains_key("security_requirements")
                });
            let pd: Vec<&Record> = c
                .all("Supplier")
                .iter()
                .copied()
                .filter(|s| flag(s, "personal_data"))
                .collect();
            let dpa = !pd.is_empty()
                && pd
                    .iter()
                    .all(|s| day(s, "dpa_signed").is_some_and(|d| d <= end));
            let followed = !pd.is_empty()
                && pd.iter().all(|s| {
                    let mut dates: Vec<Date> = day(s, "last_followup").into_iter().collect();
                    dates.extend(
                        strs(s, "followup_history")
                            .iter()
                            .filter_map(|d| d.parse::<Date>().ok()),
                    );
                    dates.iter().any(|d| d.year() == y && *d <= c.end)
                });
            (
                vec![(routine, t("ett arbetssätt för informationssäkerhetskrav vid anskaffning", "an established way of setting security requirements in procurement"))],
                vec![
                    (dpa, t("personuppgiftsbiträdesavtal med alla leverantörer som behandlar personuppgifter", "data-processing agreements with every supplier processing personal data")),
                    (followed, t("avtalen följda upp under året", "the agreements followed up during the year")),
                ],
            )
        }
        "culture_training" => {
            let running = training::running(c, y);
            let mandatory: Vec<&Record> = running
                .iter()
                .copied()
                .filter(|r| flag(r, "mandatory"))
                .collect();
            let mut audiences: Vec<&str> =
                running.iter().filter_map(|r| text(r, "audience")).collect();
            audiences.sort_unstable();
            audiences.dedup();
            let followed = !mandatory.is_empty()
                && mandatory
                    .iter()
                    .all(|r| training::completion(c, r).is_some());
            (
                vec![(
                    !mandatory.is_empty(),
                    t(
                        "obligatorisk utbildning under året",
                        "mandatory training during the year",
                    ),
                )],
                vec![
                    (
                        audiences.len() >= 2,
                        t(
                            "utbildning anpassad till olika målgrupper",
                            "training for different target groups",
                        ),
                    ),
                    (
                        followed,
                        t("genomförandet följt upp", "completion followed up"),
                    ),
                ],
            )
        }
        _ => {
            let internal = |y: i16| {
                in_year(c, "Audit", "date", y)
                    .iter()
                    .any(|a| text(a, "type") == Some("internal"))
            };
            let answered = in_year(c, "Audit", "date", y).iter().all(|a| {
                super::context::items(a, "recommendations")
                    .iter()
                    .all(|r| r.contains_key("response") || r.contains_key("no_action_reason"))
            });
            (
                vec![(internal(y), t("egenkontroll eller internrevision under året", "self-checks or internal audits during the year"))],
                vec![
                    (!docs_on(c, "internal_audit", end).is_empty(), t("ett fastställt granskningsprogram", "an adopted audit programme")),
                    (internal(y - 1), t("uppföljning även föregående år, så att utvecklingen bedöms över tid", "follow-up in the year before too, so that development is assessed over time")),
                    (answered, t("årets rekommendationer besvarade", "the year's recommendations answered")),
                ],
            )
        }
    }
}

pub(super) fn level(c: &Ctx, area: &str, y: i16) -> Level {
    let (two, three) = criteria(c, area, y);
    let met = |v: &Criteria| v.iter().all(|(ok, _)| *ok);
    let level = if !met(&two) {
        1
    } else if !met(&three) {
        2
    } else {
        3
    };
    let have: Vec<String> = two
        .iter()
        .chain(if level >= 2 { three.iter() } else { [].iter() })
        .filter(|(ok, _)| *ok)
        .map(|(_, s)| s.clone())
        .collect();
    let next = if level == 1 { &two } else { &three };
    let lack: Vec<String> = next
        .iter()
        .filter(|(ok, _)| !*ok)
        .map(|(_, s)| s.clone())
        .collect();
    let mut reason = String::new();
    if !have.is_empty() {
        reason.push_str(&format!(
            "{} {}.",
            c.t("Underlaget visar", "The evidence shows"),
            c.join(&have)
        ));
    }
    if !lack.is_empty() {
        if !reason.is_empty() {
            reason.push(' ');
        }
        reason.push_str(&if c.sv() {
            format!("För nivå {} saknas {}.", level + 1, c.join(&lack))
        } else {
            format!("Level {} needs {}.", level + 1, c.join(&lack))
        });
    }
    Level { level, reason }
}

pub(super) fn section(c: &Ctx) -> Section {
    let mut s = Section::new(
        "maturity",
        c.t("Mognad per område", "Maturity by area"),
        Part::Context,
    );
    commentary(c, &mut s);
    s.blocks.push(Block::Para(Text::plain(c.t(
        "Mognaden bedöms per område enligt MSB:s mognadsmodell (En bild av landstingens informationssäkerhetsarbete 2018, avsnitt 5.2) på en skala från nivå 1 till nivå 4, där nivå 1 är minst mogen. Nivån enligt underlaget härleds ur de dokumenterade uppgifterna efter de kännetecken MSB anger för nivå 2 och 3 inom varje område; nivå 4 kan bara anges i den egna bedömningen.",
        "Maturity is assessed per area in MSB's maturity model (En bild av landstingens informationssäkerhetsarbete 2018, section 5.2) on a scale from level 1 to level 4, level 1 being the least mature. The level from the evidence follows the characteristics MSB gives for levels 2 and 3 in each area; level 4 can only be stated in the own assessment.",
    ))));
    let mut own: BTreeMap<(i64, &str), &Record> = BTreeMap::new();
    for r in c.all("MaturityAssessment") {
        let (Some(y), Some(a)) = (int(r, "year"), text(r, "area")) else {
            continue;
        };
        if let Some(first) = own.insert((y, a), r) {
            if y == i64::from(c.year) {
                c.warn(
                    if c.sv() {
                        format!(
                            "Det finns flera egna mognadsbedömningar av området ”{}” för {}; den senast registrerade ({}) används.",
                            area_name(c, a),
                            c.year,
                            r.id
                        )
                    } else {
                        format!(
                            "There are several own maturity assessments of “{}” for {}; the last one ({}) is used.",
                            area_name(c, a),
                            c.year,
                            r.id
                        )
                    },
                    Some(format!("remove {} or {}", first.id, r.id)),
                );
            }
        }
    }
    let mut t = Table::new(
        vec![
            c.t("Område", "Area").into(),
            c.t("Nivå enligt underlaget", "Level from the evidence")
                .into(),
            c.t("Egen bedömning", "Own assessment").into(),
            c.t("Motivering", "Reasons").into(),
        ],
        vec![Align::Left, Align::Right, Align::Right, Align::Left],
    );
    for area in MATURITY_AREAS {
        let l = level(c, area, c.year);
        let mine = own.get(&(i64::from(c.year), *area));
        let mut reason = l.reason.clone();
        if let Some(r) = mine {
            if let Some(j) = text(r, "justification") {
                reason.push_str(&format!(
                    " {}: {}",
                    c.t("Egen bedömning", "Own assessment"),
                    j.trim()
                ));
            }
        }
        t.row(
            vec![
                area_name(c, area),
                l.level.to_string(),
                mine.and_then(|r| int(r, "level"))
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "–".into()),
                reason,
            ],
            mine.map(|r| r.id.as_str()).and_then(|id| c.note(&[id])),
        );
    }
    s.blocks.push(Block::Table(t));
    let years: Vec<i16> = (c.first_year..=c.year).collect();
    if years.len() >= 2 {
        s.blocks.push(Block::Sub(
            c.t("Mognaden över tid", "Maturity over time").into(),
        ));
        s.blocks.push(Block::Para(Text::plain(c.t(
            "Nivå enligt underlaget för varje år; egen bedömning inom parentes.",
            "Level from the evidence for each year; own assessment in parentheses.",
        ))));
        let mut head = vec![c.t("Område", "Area").to_string()];
        head.extend(years.iter().map(|y| y.to_string()));
        let mut align = vec![Align::Left];
        align.extend(years.iter().map(|_| Align::Right));
        let mut tt = Table::new(head, align);
        for area in MATURITY_AREAS {
            let mut cells = vec![area_name(c, area)];
            for y in &years {
                let l = level(c, area, *y).level;
                cells.push(
                    match own
                        .get(&(i64::from(*y), *area))
                        .and_then(|r| int(r, "level"))
                    {
                        Some(o) => format!("{l} ({o})"),
                        None => l.to_string(),
                    },
                );
            }
            tt.row(cells, None);
        }
        s.blocks.push(Block::Table(tt));
    }
    s
}

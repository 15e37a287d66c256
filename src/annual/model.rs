//! Builds the annual report's [`Document`] from the evidence of one year.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde_json::Value;

use super::{cite, Annual, Block, Document, Section};
use crate::evidence::{Evidence, Lang, Record};
use crate::findings::Severity;
use crate::Checked;

/// A date field of a record (dates and date-times are stored with the local date first).
fn day(r: &Record, field: &str) -> Option<Date> {
    let s = r.value.get(field)?.as_str()?;
    s.get(..10)?.parse().ok()
}

fn text<'a>(r: &'a Record, field: &str) -> Option<&'a str> {
    r.value.get(field).and_then(Value::as_str)
}

fn int(r: &Record, field: &str) -> Option<i64> {
    r.value.get(field).and_then(Value::as_i64)
}

fn num(r: &Record, field: &str) -> Option<f64> {
    r.value.get(field).and_then(Value::as_f64)
}

fn flag(r: &Record, field: &str) -> bool {
    r.value.get(field).and_then(Value::as_bool).unwrap_or(false)
}

fn strs<'a>(r: &'a Record, field: &str) -> Vec<&'a str> {
    r.value
        .get(field)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn items<'a>(r: &'a Record, field: &str) -> Vec<&'a serde_json::Map<String, Value>> {
    r.value
        .get(field)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_object).collect())
        .unwrap_or_default()
}

fn item_str<'a>(m: &'a serde_json::Map<String, Value>, field: &str) -> &'a str {
    m.get(field).and_then(Value::as_str).unwrap_or("")
}

fn ids<'a>(records: &[&'a Record]) -> Vec<&'a str> {
    records.iter().map(|r| r.id.as_str()).collect()
}

fn pct(part: i64, whole: i64) -> String {
    if whole <= 0 {
        "–".into()
    } else {
        format!("{} %", (part * 100 + whole / 2) / whole)
    }
}

struct Ctx<'a> {
    ev: &'a Evidence,
    lang: Lang,
    year: i16,
    board: Option<&'a str>,
    end: Date,
    warnings: Vec<String>,
}

impl<'a> Ctx<'a> {
    fn t(&self, sv: &'a str, en: &'a str) -> &'a str {
        if self.lang == Lang::Sv {
            sv
        } else {
            en
        }
    }

    fn belongs(&self, r: &Record) -> bool {
        match (self.board, text(r, "board")) {
            (Some(b), Some(rb)) => b == rb,
            _ => true,
        }
    }

    /// Records of a kind that belong to the report's board, by id.
    fn all(&self, kind: &str) -> Vec<&'a Record> {
        let mut v: Vec<&Record> = self
            .ev
            .records()
            .iter()
            .filter(|r| r.kind.name == kind && self.belongs(r))
            .collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    }

    /// Records of a kind whose `field` falls in `year`, by date then id.
    fn dated(&self, kind: &str, field: &str, year: i16) -> Vec<&'a Record> {
        let mut v: Vec<&Record> = self
            .all(kind)
            .into_iter()
            .filter(|r| day(r, field).is_some_and(|d| d.year() == year))
            .collect();
        v.sort_by(|a, b| (day(a, field), &a.id).cmp(&(day(b, field), &b.id)));
        v
    }

    /// "9 (2024: 6)" when the previous year has evidence of this kind, else "9".
    fn vs(&self, now: usize, prev: Option<usize>) -> String {
        match prev {
            Some(p) => format!("{now} ({}: {p})", self.year - 1),
            None => now.to_string(),
        }
    }

    fn name_of(&self, id: &str) -> String {
        match self.ev.by_id(id) {
            Some(r) => match text(r, "name").or_else(|| text(r, "title")) {
                Some(n) => format!("{n} ({id})"),
                None => id.to_string(),
            },
            None => id.to_string(),
        }
    }

    fn board_name(&self, id: &str) -> String {
        self.ev
            .config
            .organisation
            .boards
            .iter()
            .find(|b| b.id == id)
            .map(|b| b.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    fn scope(&self, s: &str) -> String {
        let (sv, en) = match s {
            "organisation" => ("hela organisationen", "the whole organisation"),
            "system" => ("informationssystem", "information system"),
            "process" => ("process", "process"),
            "nis_service" => ("samhällsviktig tjänst (NIS)", "essential service (NIS)"),
            "procurement" => ("upphandling", "procurement"),
            "change" => ("förändring", "change"),
            other => (other, other),
        };
        self.t(sv, en).to_string()
    }

    fn level(&self, l: &str) -> &'a str {
        match l {
            "critical" => self.t("kritisk", "critical"),
            "high" => self.t("hög", "high"),
            "medium" => self.t("medel", "medium"),
            "low" => self.t("låg", "low"),
            _ => self.t("okänd", "unknown"),
        }
    }

    fn authority(&self) -> &'a str {
        if self.year <= 2025 {
            "MSB"
        } else {
            self.t(
                "Myndigheten för civilt försvar (MCF)",
                "the Swedish Agency for Civil Defence (Myndigheten för civilt försvar, MCF)",
            )
        }
    }
}

pub(super) fn build(checked: &Checked, year: i16, board: Option<&str>) -> Annual {
    let ev = &checked.evidence;
    let end = Date::new(year, 12, 31).unwrap_or(Date::MAX);
    let mut c = Ctx {
        ev,
        lang: checked.lang,
        year,
        board,
        end,
        warnings: Vec::new(),
    };
    let (title, meta) = front(&c);
    let mut sections = vec![introduction(&c), summary(&c, checked)];
    sections.push(risk_analyses(&mut c));
    sections.push(incidents(&mut c));
    sections.push(follow_ups(&mut c));
    sections.push(improvements(&mut c));
    for s in [
        documents(&c),
        objectives(&c),
        training(&c),
        suppliers(&c),
        classification(&c),
        continuity(&c),
        nis(&c),
    ]
    .into_iter()
    .flatten()
    {
        sections.push(s);
    }
    sections.push(gap_report(&c, checked));
    sections.push(patient_safety_excerpt(&c));
    let warnings = std::mem::take(&mut c.warnings);
    Annual {
        document: Document {
            lang: c.lang,
            title,
            meta,
            sections,
        },
        warnings,
    }
}

fn front(c: &Ctx) -> (String, Vec<String>) {
    let org = &c.ev.config.organisation;
    let title = format!(
        "{} {}",
        c.t(
            "Informationssäkerhetsberättelse",
            "Annual information-security report"
        ),
        c.year
    );
    let mut meta = vec![format!(
        "{}: {}",
        c.t("Vårdgivare", "Care provider"),
        org.name
    )];
    if let Some(b) = c.board {
        meta.push(format!(
            "{}: {} ({b}). {}",
            c.t("Nämnd", "Board"),
            c.board_name(b),
            c.t(
                "Poster som inte är knutna till någon nämnd gäller hela organisationen och ingår.",
                "Records not tied to a board belong to the whole organisation and are included."
            )
        ));
    }
    meta.push(format!(
        "{}: {}-01-01 – {}-12-31",
        c.t("Period", "Period"),
        c.year,
        c.year
    ));
    let reports: Vec<&Record> = c
        .all("AnnualReport")
        .into_iter()
        .filter(|r| int(r, "year") == Some(c.year as i64))
        .collect();
    for r in &reports {
        let compiler = text(r, "compiled_by")
            .and_then(|id| c.ev.by_id(id))
            .and_then(|a| text(a, "person"))
            .unwrap_or("–");
        let to = match text(r, "submitted_to") {
            Some("organisation") | None => org.name.clone(),
            Some(b) => c.board_name(b),
        };
        let mut line = format!(
            "{}: {compiler}; {} {to} {}",
            c.t("Sammanställd av", "Compiled by"),
            c.t("överlämnad till", "submitted to"),
            text(r, "submitted").unwrap_or("")
        );
        if let Some(d) = text(r, "decision_ref") {
            line.push_str(&format!(" ({d})"));
        }
        line.push_str(&cite(&[r.id.as_str()]));
        meta.push(line);
    }
    (title, meta)
}

fn introduction(c: &Ctx) -> Section {
    let mut blocks = vec![Block::Para(format!(
        "{} {}",
        c.t(
            "Enligt Socialstyrelsens föreskrifter och allmänna råd (HSLF-FS 2016:40) 3 kap. 6 § ska den som leder och samordnar informationssäkerhetsarbetet minst en gång om året sammanställa de riskanalyser som har gjorts, de incidenter som har påverkat informationssäkerheten och som medfört eller hade kunnat medföra vårdskada, de uppföljningar som har gjorts och de förbättringsåtgärder som har vidtagits.",
            "Under HSLF-FS 2016:40 chapter 3 section 6, whoever leads and coordinates the information-security work compiles, at least once a year, the risk analyses made, the incidents that affected information security and caused or could have caused patient harm (vårdskada), the follow-ups made and the improvements taken."
        ),
        if c.lang == Lang::Sv {
            format!("Denna berättelse redovisar arbetet under {}.", c.year)
        } else {
            format!("This report covers {}.", c.year)
        }
    ))];
    blocks.push(Block::Para(
        if c.lang == Lang::Sv {
            format!("Berättelsen är sammanställd av kravkoll ur organisationens evidensförråd. Varje uppgift anger inom parentes de poster som den bygger på. Jämförelsetal inom parentes avser {} när det finns underlag för det året. Bristanalysen gäller läget den 31 december {}.", c.year - 1, c.year)
        } else {
            format!("kravkoll compiled this report from the organisation's evidence repository. Each statement gives, in parentheses, the records it rests on. Figures for {} are given in parentheses where that year has evidence. The gap report is as of 31 December {}.", c.year - 1, c.year)
        },
    ));
    Section {
        id: "introduction",
        heading: c.t("Inledning", "Introduction").into(),
        statutory: false,
        blocks,
    }
}

fn summary(c: &Ctx, checked: &Checked) -> Section {
    let ras = c.dated("RiskAnalysis", "performed", c.year);
    let incs = c.dated("Incident", "detected", c.year);
    let prev_incs = c.dated("Incident", "detected", c.year - 1);
    let prev_ras = c.dated("RiskAnalysis", "performed", c.year - 1);
    let harm = |v: &[&Record], h: &str| {
        v.iter()
            .filter(|r| text(r, "patient_harm") == Some(h))
            .count()
    };
    let impr = c.dated("Improvement", "done", c.year);
    let prev_impr = c.dated("Improvement", "done", c.year - 1);
    let fu = follow_up_records(c, c.year);
    let prev_fu = follow_up_records(c, c.year - 1);
    let opt = |v: &Vec<&Record>, n: usize| (!v.is_empty()).then_some(n);
    let errors = gap_findings(c, checked)
        .iter()
        .filter(|f| f.severity == Severity::Error && f.accepted_by.is_none())
        .count();
    let rows = vec![
        vec![
            c.t("Riskanalyser", "Risk analyses").to_string(),
            c.vs(ras.len(), opt(&prev_ras, prev_ras.len())),
        ],
        vec![
            c.t("Incidenter", "Incidents").to_string(),
            c.vs(incs.len(), opt(&prev_incs, prev_incs.len())),
        ],
        vec![
            c.t("– som medförde vårdskada", "– that caused patient harm")
                .to_string(),
            c.vs(
                harm(&incs, "caused"),
                opt(&prev_incs, harm(&prev_incs, "caused")),
            ),
        ],
        vec![
            c.t(
                "– som hade kunnat medföra vårdskada",
                "– that could have caused patient harm",
            )
            .to_string(),
            c.vs(
                harm(&incs, "could_have"),
                opt(&prev_incs, harm(&prev_incs, "could_have")),
            ),
        ],
        vec![
            c.t("Uppföljningar", "Follow-ups").to_string(),
            c.vs(fu.len(), opt(&prev_fu, prev_fu.len())),
        ],
        vec![
            c.t("Genomförda förbättringsåtgärder", "Improvements completed")
                .to_string(),
            c.vs(impr.len(), opt(&prev_impr, prev_impr.len())),
        ],
        vec![
            if c.lang == Lang::Sv {
                format!("Fel i bristanalysen per {}-12-31", c.year)
            } else {
                format!("Errors in the gap report as of {}-12-31", c.year)
            },
            errors.to_string(),
        ],
    ];
    Section {
        id: "summary",
        heading: c.t("Sammanfattning", "Summary").into(),
        statutory: false,
        blocks: vec![Block::Table {
            head: vec![c.t("Mått", "Measure").into(), c.year.to_string()],
            rows,
        }],
    }
}

fn risk_analyses(c: &mut Ctx) -> Section {
    let ras = c.dated("RiskAnalysis", "performed", c.year);
    let prev = c.dated("RiskAnalysis", "performed", c.year - 1);
    let mut blocks = Vec::new();
    if ras.is_empty() {
        blocks.push(Block::Para(if c.lang == Lang::Sv {
            format!("Inga riskanalyser genomfördes under {}.", c.year)
        } else {
            format!("No risk analyses were performed in {}.", c.year)
        }));
        c.warnings.push(format!(
            "no risk analyses performed in {} (HSLF-FS 2016:40 3 kap. 6 § 1)",
            c.year
        ));
    } else {
        blocks.push(Block::Para(format!(
            "{}: {}{}",
            c.t("Antal genomförda riskanalyser", "Risk analyses performed"),
            c.vs(ras.len(), (!prev.is_empty()).then_some(prev.len())),
            cite(&ids(&ras))
        )));
    }
    for r in &ras {
        blocks.push(Block::Sub(format!(
            "{} ({})",
            text(r, "title").unwrap_or(""),
            r.id
        )));
        let mut lines = vec![
            format!(
                "{}: {}",
                c.t("Genomförd", "Performed"),
                text(r, "performed").unwrap_or("")
            ),
            format!(
                "{}: {}",
                c.t("Omfattning", "Scope"),
                c.scope(text(r, "scope").unwrap_or(""))
            ),
        ];
        let systems = strs(r, "systems");
        if !systems.is_empty() {
            let names: Vec<String> = systems.iter().map(|s| c.name_of(s)).collect();
            lines.push(format!(
                "{}: {}",
                c.t("System", "Systems"),
                names.join(", ")
            ));
        }
        let missing = c.t("ej angivet", "not stated");
        lines.push(format!(
            "{}: {}",
            c.t("Metod", "Method"),
            text(r, "method").unwrap_or(missing)
        ));
        lines.push(format!(
            "{}: {}",
            c.t("Syfte", "Purpose"),
            text(r, "purpose").unwrap_or(missing)
        ));
        let inputs = strs(r, "inputs");
        lines.push(format!(
            "{}: {}",
            c.t("Underlag", "Inputs"),
            if inputs.is_empty() {
                missing.to_string()
            } else {
                inputs.join("; ")
            }
        ));
        let risks = items(r, "risks");
        let mut by_level: BTreeMap<usize, (usize, &str)> = BTreeMap::new();
        for risk in &risks {
            let l = item_str(risk, "level");
            let rank = ["critical", "high", "medium", "low"]
                .iter()
                .position(|x| *x == l)
                .unwrap_or(4);
            by_level.entry(rank).or_insert((0, l)).0 += 1;
        }
        let result = if risks.is_empty() {
            c.t("inga risker redovisade", "no risks recorded")
                .to_string()
        } else {
            let parts: Vec<String> = by_level
                .values()
                .map(|(n, l)| format!("{n} {}", c.level(l)))
                .collect();
            format!(
                "{} {} ({})",
                risks.len(),
                if risks.len() == 1 {
                    c.t("risk", "risk")
                } else {
                    c.t("risker", "risks")
                },
                parts.join(", ")
            )
        };
        lines.push(format!("{}: {result}", c.t("Resultat", "Result")));
        match text(r, "action_plan") {
            Some(ap) => {
                let n = c.ev.by_id(ap).map(|p| items(p, "items").len()).unwrap_or(0);
                let decided =
                    c.ev.by_id(ap)
                        .and_then(|p| Some((text(p, "decided_by")?, text(p, "decided")?)));
                lines.push(format!(
                    "{}: {} — {n} {}{}",
                    c.t("Beslut och åtgärdsplan", "Decisions and action plan"),
                    c.name_of(ap),
                    c.t("åtgärder", "measures"),
                    decided
                        .map(|(by, d)| format!(", {} {by} {d}", c.t("beslutad av", "decided by")))
                        .unwrap_or_default()
                ));
            }
            None => lines.push(format!(
                "{}: {}",
                c.t("Beslut och åtgärdsplan", "Decisions and action plan"),
                c.t("ingen åtgärdsplan kopplad", "no action plan linked")
            )),
        }
        lines.push(format!(
            "{}: {}",
            c.t("Godkänd av", "Approved by"),
            text(r, "approved_by").unwrap_or(missing)
        ));
        lines.push(format!(
            "{}: {}",
            c.t("Redovisad för ledningen", "Reported to management"),
            text(r, "reported_to_management").unwrap_or(missing)
        ));
        let mut lacks = Vec::new();
        for f in ["purpose", "inputs", "action_plan"] {
            if !r.value.contains_key(f) {
                lacks.push(f);
            }
        }
        if !lacks.is_empty() {
            c.warnings.push(format!(
                "risk analysis {} states no {} (the report cannot say what it was for and what was decided)",
                r.id,
                lacks.join(", ")
            ));
        }
        blocks.push(Block::List(lines));
    }
    Section {
        id: "risk-analyses",
        heading: format!(
            "1. {}",
            c.t("Riskanalyser som har gjorts", "Risk analyses performed")
        ),
        statutory: true,
        blocks,
    }
}

struct IncStats<'a> {
    all: Vec<&'a Record>,
    pdb: Vec<&'a Record>,
    imy: Vec<&'a Record>,
    nis: Vec<&'a Record>,
    it: Vec<&'a Record>,
    deviation: Vec<&'a Record>,
    caused: Vec<&'a Record>,
    could: Vec<&'a Record>,
    unknown: Vec<&'a Record>,
}

fn inc_stats<'a>(c: &Ctx<'a>, year: i16) -> IncStats<'a> {
    let all = c.dated("Incident", "detected", year);
    let pick = |f: &dyn Fn(&Record) -> bool| -> Vec<&'a Record> {
        all.iter().copied().filter(|r| f(r)).collect()
    };
    let has = |r: &Record, cat: &str| strs(r, "categories").contains(&cat);
    IncStats {
        pdb: pick(&|r| has(r, "personal_data_breach")),
        imy: pick(&|r| has(r, "personal_data_breach") && r.value.contains_key("imy_reported")),
        nis: pick(&|r| {
            has(r, "nis")
                && ["msb_reported", "csirt_early_warning", "csirt_notification"]
                    .iter()
                    .any(|f| r.value.contains_key(*f))
        }),
        it: pick(&|r| has(r, "it") && !has(r, "nis") && !has(r, "personal_data_breach")),
        deviation: pick(&|r| strs(r, "categories") == ["deviation"]),
        caused: pick(&|r| text(r, "patient_harm") == Some("caused")),
        could: pick(&|r| text(r, "patient_harm") == Some("could_have")),
        unknown: pick(&|r| text(r, "patient_harm") == Some("unknown")),
        all,
    }
}

fn incidents(c: &mut Ctx) -> Section {
    let now = inc_stats(c, c.year);
    let prev = inc_stats(c, c.year - 1);
    let has_prev = !prev.all.is_empty();
    let mut blocks = Vec::new();
    let harmful: Vec<&Record> = now
        .all
        .iter()
        .copied()
        .filter(|r| matches!(text(r, "patient_harm"), Some("caused" | "could_have")))
        .collect();
    if harmful.is_empty() {
        blocks.push(Block::Para(if c.lang == Lang::Sv {
            format!(
                "Inga incidenter som medförde eller hade kunnat medföra vårdskada inträffade under {}.",
                c.year
            )
        } else {
            format!(
                "No incident in {} caused or could have caused patient harm.",
                c.year
            )
        }));
    } else {
        blocks.push(Block::Para(format!(
            "{}{}",
            if c.lang == Lang::Sv {
                format!(
                    "{} incidenter medförde vårdskada och {} hade kunnat medföra vårdskada under {}",
                    now.caused.len(),
                    now.could.len(),
                    c.year
                )
            } else {
                format!(
                    "In {}, {} incidents caused patient harm and {} could have caused it",
                    c.year,
                    now.caused.len(),
                    now.could.len()
                )
            },
            cite(&ids(&harmful))
        ) + "."));
        let lines = harmful
            .iter()
            .map(|r| {
                let harm = if text(r, "patient_harm") == Some("caused") {
                    c.t("medförde vårdskada", "caused patient harm")
                } else {
                    c.t(
                        "hade kunnat medföra vårdskada",
                        "could have caused patient harm",
                    )
                };
                let mut s = format!(
                    "{} — {} — {} — {harm}",
                    r.id,
                    text(r, "title").unwrap_or(""),
                    text(r, "detected").and_then(|d| d.get(..10)).unwrap_or(""),
                );
                if let Some(rc) = text(r, "root_cause") {
                    s.push_str(&format!(
                        ". {}: {}",
                        c.t("Orsak", "Cause"),
                        rc.trim_end_matches('.')
                    ));
                }
                let imp = strs(r, "improvements");
                if !imp.is_empty() {
                    s.push_str(&format!(
                        ". {}: {}",
                        c.t("Åtgärder", "Improvements"),
                        imp.join(", ")
                    ));
                }
                if let Some(d) = text(r, "document") {
                    s.push_str(&format!(" [{d}]"));
                }
                s
            })
            .collect();
        blocks.push(Block::List(lines));
    }
    let authority = c.authority();
    let row = |label: String, n: &Vec<&Record>, p: &Vec<&Record>| -> Vec<String> {
        vec![
            label,
            n.len().to_string(),
            if has_prev {
                p.len().to_string()
            } else {
                "–".into()
            },
            ids(n).join(", "),
        ]
    };
    let rows = vec![
        row(
            c.t("Incidenter totalt", "Incidents in total").into(),
            &now.all,
            &prev.all,
        ),
        row(
            c.t("Personuppgiftsincidenter", "Personal-data breaches")
                .into(),
            &now.pdb,
            &prev.pdb,
        ),
        row(
            c.t("– varav anmälda till IMY", "– of which notified to IMY")
                .into(),
            &now.imy,
            &prev.imy,
        ),
        row(
            if c.lang == Lang::Sv {
                format!("NIS-/cybersäkerhetsincidenter rapporterade till {authority}")
            } else {
                format!("NIS/cybersecurity incidents reported to {authority}")
            },
            &now.nis,
            &prev.nis,
        ),
        row(
            c.t("Övriga IT-incidenter", "Other IT incidents").into(),
            &now.it,
            &prev.it,
        ),
        row(
            c.t("Övriga avvikelser", "Other deviations").into(),
            &now.deviation,
            &prev.deviation,
        ),
        row(
            c.t("Medförde vårdskada", "Caused patient harm").into(),
            &now.caused,
            &prev.caused,
        ),
        row(
            c.t(
                "Hade kunnat medföra vårdskada",
                "Could have caused patient harm",
            )
            .into(),
            &now.could,
            &prev.could,
        ),
        row(
            c.t(
                "Utan bedömning av vårdskada",
                "Without a patient-harm assessment",
            )
            .into(),
            &now.unknown,
            &prev.unknown,
        ),
    ];
    blocks.push(Block::Sub(if c.lang == Lang::Sv {
        format!("Statistik {}", c.year)
    } else {
        format!("Statistics {}", c.year)
    }));
    blocks.push(Block::Table {
        head: vec![
            c.t("Mått", "Measure").into(),
            c.year.to_string(),
            (c.year - 1).to_string(),
            c.t("Underlag", "Evidence").into(),
        ],
        rows,
    });
    if now.all.is_empty() {
        blocks.push(Block::Para(if c.lang == Lang::Sv {
            format!("Inga incidenter registrerades under {}.", c.year)
        } else {
            format!("No incidents were recorded in {}.", c.year)
        }));
    }
    for r in &now.unknown {
        c.warnings.push(format!(
            "incident {} has no patient-harm assessment (patient_harm: unknown)",
            r.id
        ));
    }
    Section {
        id: "incidents",
        heading: format!(
            "2. {}",
            c.t(
                "Incidenter som medfört eller hade kunnat medföra vårdskada",
                "Incidents that caused or could have caused patient harm"
            )
        ),
        statutory: true,
        blocks,
    }
}

/// Every follow-up record of a year: audits, log and access reviews, restore tests,
/// supplier follow-ups.
fn follow_up_records<'a>(c: &Ctx<'a>, year: i16) -> Vec<&'a Record> {
    let mut v = c.dated("Audit", "date", year);
    v.extend(c.dated("LogReview", "performed", year));
    v.extend(c.dated("AccessReview", "performed", year));
    v.extend(c.dated("RestoreTest", "performed", year));
    v.extend(c.dated("Supplier", "last_followup", year));
    v
}

fn follow_ups(c: &mut Ctx) -> Section {
    let mut blocks = Vec::new();
    let all = follow_up_records(c, c.year);
    if all.is_empty() {
        blocks.push(Block::Para(if c.lang == Lang::Sv {
            format!("Inga uppföljningar genomfördes under {}.", c.year)
        } else {
            format!("No follow-ups were made in {}.", c.year)
        }));
        c.warnings.push(format!(
            "no follow-ups (audits, log reviews, access reviews, restore tests, supplier follow-ups) in {} (HSLF-FS 2016:40 3 kap. 6 § 3)",
            c.year
        ));
    }
    // Audits and supervision.
    let audits = c.dated("Audit", "date", c.year);
    if !audits.is_empty() {
        blocks.push(Block::Sub(
            c.t(
                "Revisioner, granskningar och tillsyn",
                "Audits and supervision",
            )
            .into(),
        ));
        let prev = c.dated("Audit", "date", c.year - 1);
        let count =
            |v: &[&Record], t: &str| v.iter().filter(|r| text(r, "type") == Some(t)).count();
        let p = |t: &str| (!prev.is_empty()).then(|| count(&prev, t));
        blocks.push(Block::Para(format!(
            "{} {}, {} {}, {} {}{}.",
            c.t("Interna granskningar:", "Internal audits:"),
            c.vs(count(&audits, "internal"), p("internal")),
            c.t("externa granskningar:", "external audits:"),
            c.vs(count(&audits, "external"), p("external")),
            c.t("tillsyn:", "supervision:"),
            c.vs(count(&audits, "supervision"), p("supervision")),
            cite(&ids(&audits))
        )));
        let lines = audits
            .iter()
            .map(|r| {
                let ty = match text(r, "type") {
                    Some("internal") => c.t("intern", "internal"),
                    Some("external") => c.t("extern", "external"),
                    _ => c.t("tillsyn", "supervision"),
                };
                let recs = items(r, "recommendations");
                let answered = recs
                    .iter()
                    .filter(|m| m.contains_key("response") || m.contains_key("no_action_reason"))
                    .count();
                let mut s = format!(
                    "{} ({}, {}, {}) — {}",
                    text(r, "title").unwrap_or(""),
                    ty,
                    text(r, "auditor").unwrap_or(""),
                    text(r, "date").unwrap_or(""),
                    if c.lang == Lang::Sv {
                        format!("{} rekommendationer, {} besvarade", recs.len(), answered)
                    } else {
                        format!("{} recommendations, {} answered", recs.len(), answered)
                    }
                );
                s.push_str(&cite(&[r.id.as_str()]));
                s
            })
            .collect();
        blocks.push(Block::List(lines));
    }
    // Log reviews per system.
    let logs = c.dated("LogReview", "performed", c.year);
    if !logs.is_empty() {
        blocks.push(Block::Sub(
            c.t(
                "Logguppföljning (patientdatalagen 4 kap. 3 §)",
                "Log reviews (Patient Data Act chapter 4 section 3)",
            )
            .into(),
        ));
        let prev_logs = c.dated("LogReview", "performed", c.year - 1);
        let mut per: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
        for r in &logs {
            per.entry(text(r, "system").unwrap_or(""))
                .or_default()
                .push(r);
        }
        let sum = |v: &[&Record], f: &str| v.iter().filter_map(|r| int(r, f)).sum::<i64>();
        let mut rows: Vec<Vec<String>> = per
            .iter()
            .map(|(sys, v)| {
                let pv: Vec<&Record> = prev_logs
                    .iter()
                    .copied()
                    .filter(|r| text(r, "system") == Some(sys))
                    .collect();
                vec![
                    c.name_of(sys),
                    c.vs(v.len(), (!pv.is_empty()).then_some(pv.len())),
                    sum(v, "records_checked").to_string(),
                    sum(v, "anomalies").to_string(),
                    sum(v, "unauthorised_access").to_string(),
                    ids(v).join(", "),
                ]
            })
            .collect();
        rows.push(vec![
            c.t("Totalt", "Total").into(),
            c.vs(
                logs.len(),
                (!prev_logs.is_empty()).then_some(prev_logs.len()),
            ),
            sum(&logs, "records_checked").to_string(),
            sum(&logs, "anomalies").to_string(),
            sum(&logs, "unauthorised_access").to_string(),
            String::new(),
        ]);
        blocks.push(Block::Table {
            head: vec![
                c.t("System", "System").into(),
                c.t("Kontroller", "Reviews").into(),
                c.t("Kontrollerade poster", "Records checked").into(),
                c.t("Avvikelser", "Anomalies").into(),
                c.t("Obehöriga åtkomster", "Unauthorised access").into(),
                c.t("Underlag", "Evidence").into(),
            ],
            rows,
        });
    }
    // Access reviews.
    let reviews = c.dated("AccessReview", "performed", c.year);
    if !reviews.is_empty() {
        blocks.push(Block::Sub(
            c.t("Behörighetsuppföljning", "Access reviews").into(),
        ));
        let rows = reviews
            .iter()
            .map(|r| {
                vec![
                    c.name_of(text(r, "system").unwrap_or("")),
                    text(r, "performed").unwrap_or("").to_string(),
                    int(r, "accounts_reviewed")
                        .map(|n| n.to_string())
                        .unwrap_or("–".into()),
                    int(r, "accounts_removed")
                        .map(|n| n.to_string())
                        .unwrap_or("–".into()),
                    r.id.clone(),
                ]
            })
            .collect();
        blocks.push(Block::Table {
            head: vec![
                c.t("System", "System").into(),
                c.t("Genomförd", "Performed").into(),
                c.t("Granskade konton", "Accounts reviewed").into(),
                c.t("Borttagna konton", "Accounts removed").into(),
                c.t("Underlag", "Evidence").into(),
            ],
            rows,
        });
    }
    // Restore tests.
    let tests = c.dated("RestoreTest", "performed", c.year);
    if !tests.is_empty() {
        blocks.push(Block::Sub(
            c.t("Återläsningstester", "Restore tests").into(),
        ));
        let rows = tests
            .iter()
            .map(|r| {
                let result = match text(r, "result") {
                    Some("success") => c.t("lyckat", "success"),
                    Some("partial") => c.t("delvis", "partial"),
                    _ => c.t("misslyckat", "failed"),
                };
                let rto = match (num(r, "rto_hours_achieved"), num(r, "rto_hours_target")) {
                    (Some(a), Some(t)) => format!("{a} / {t} h"),
                    (Some(a), None) => format!("{a} h"),
                    _ => "–".into(),
                };
                vec![
                    c.name_of(text(r, "system").unwrap_or("")),
                    text(r, "performed").unwrap_or("").to_string(),
                    result.to_string(),
                    rto,
                    r.id.clone(),
                ]
            })
            .collect();
        blocks.push(Block::Table {
            head: vec![
                c.t("System", "System").into(),
                c.t("Genomförd", "Performed").into(),
                c.t("Resultat", "Result").into(),
                c.t(
                    "Återställningstid (uppnådd / mål)",
                    "Recovery time (achieved / target)",
                )
                .into(),
                c.t("Underlag", "Evidence").into(),
            ],
            rows,
        });
    }
    // Supplier follow-ups.
    let sup = c.dated("Supplier", "last_followup", c.year);
    if !sup.is_empty() {
        blocks.push(Block::Sub(
            c.t("Uppföljning av leverantörer", "Supplier follow-ups")
                .into(),
        ));
        blocks.push(Block::List(
            sup.iter()
                .map(|r| {
                    format!(
                        "{} — {} — {} {}{}",
                        text(r, "name").unwrap_or(""),
                        text(r, "service").unwrap_or(""),
                        c.t("uppföljd", "followed up"),
                        text(r, "last_followup").unwrap_or(""),
                        cite(&[r.id.as_str()])
                    )
                })
                .collect(),
        ));
    }
    Section {
        id: "follow-ups",
        heading: format!(
            "3. {}",
            c.t("Uppföljningar som har gjorts", "Follow-ups made")
        ),
        statutory: true,
        blocks,
    }
}

fn improvements(c: &mut Ctx) -> Section {
    let mut blocks = Vec::new();
    let done = c.dated("Improvement", "done", c.year);
    let prev = c.dated("Improvement", "done", c.year - 1);
    if done.is_empty() {
        blocks.push(Block::Para(if c.lang == Lang::Sv {
            format!("Inga förbättringsåtgärder genomfördes under {}.", c.year)
        } else {
            format!("No improvements were completed in {}.", c.year)
        }));
        c.warnings.push(format!(
            "no improvements completed in {} (HSLF-FS 2016:40 3 kap. 6 § 4)",
            c.year
        ));
    } else {
        blocks.push(Block::Para(format!(
            "{}: {}{}.",
            c.t("Genomförda förbättringsåtgärder", "Improvements completed"),
            c.vs(done.len(), (!prev.is_empty()).then_some(prev.len())),
            cite(&ids(&done))
        )));
        blocks.push(Block::List(
            done.iter()
                .map(|r| {
                    let sources = strs(r, "sources");
                    let why = if sources.is_empty() {
                        c.t("ingen utlösande post angiven", "no trigger recorded")
                            .to_string()
                    } else {
                        let named: Vec<String> = sources.iter().map(|s| c.name_of(s)).collect();
                        named.join("; ")
                    };
                    format!(
                        "{} ({}) — {} {} — {}: {} — {}: {}",
                        text(r, "title").unwrap_or(""),
                        r.id,
                        c.t("genomförd", "completed"),
                        text(r, "done").unwrap_or(""),
                        c.t("ansvarig", "owner"),
                        text(r, "owner").unwrap_or(""),
                        c.t("utlöst av", "triggered by"),
                        why
                    )
                })
                .collect(),
        ));
    }
    // Action-plan items due in the year.
    let mut rows = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for plan in c.all("ActionPlan") {
        for item in items(plan, "items") {
            let due: Option<Date> = item_str(item, "due").parse().ok();
            if due.is_none_or(|d| d.year() != c.year) {
                continue;
            }
            let done_date: Option<Date> = item_str(item, "done").parse().ok();
            let status = match item_str(item, "status") {
                "done" if done_date.is_none_or(|d| d <= c.end) => "done",
                "cancelled" => "cancelled",
                _ if due.is_some_and(|d| d < c.end) => "overdue",
                "done" => "ongoing",
                s => s,
            };
            *counts.entry(status).or_default() += 1;
            let label = match status {
                "done" => c.t("genomförd", "done"),
                "cancelled" => c.t("avbruten", "cancelled"),
                "overdue" => c.t("försenad", "overdue"),
                "ongoing" => c.t("pågående", "ongoing"),
                _ => c.t("planerad", "planned"),
            };
            rows.push(vec![
                item_str(item, "measure").to_string(),
                item_str(item, "due").to_string(),
                label.to_string(),
                format!("{} / {}", plan.id, item_str(item, "id")),
            ]);
        }
    }
    blocks.push(Block::Sub(if c.lang == Lang::Sv {
        format!(
            "Åtgärdsplanernas status för åtgärder med sista dag {}",
            c.year
        )
    } else {
        format!("Status of action-plan measures due in {}", c.year)
    }));
    if rows.is_empty() {
        blocks.push(Block::Para(if c.lang == Lang::Sv {
            format!(
                "Inga åtgärder i åtgärdsplanerna hade sista dag under {}.",
                c.year
            )
        } else {
            format!("No action-plan measure was due in {}.", c.year)
        }));
    } else {
        let n = |k: &str| counts.get(k).copied().unwrap_or(0);
        blocks.push(Block::Para(if c.lang == Lang::Sv {
            format!(
                "{} genomförda, {} pågående, {} planerade, {} försenade, {} avbrutna.",
                n("done"),
                n("ongoing"),
                n("planned"),
                n("overdue"),
                n("cancelled")
            )
        } else {
            format!(
                "{} done, {} ongoing, {} planned, {} overdue, {} cancelled.",
                n("done"),
                n("ongoing"),
                n("planned"),
                n("overdue"),
                n("cancelled")
            )
        }));
        blocks.push(Block::Table {
            head: vec![
                c.t("Åtgärd", "Measure").into(),
                c.t("Sista dag", "Due").into(),
                c.t("Status 31/12", "Status 31 Dec").into(),
                c.t("Underlag", "Evidence").into(),
            ],
            rows,
        });
    }
    Section {
        id: "improvements",
        heading: format!(
            "4. {}",
            c.t(
                "Förbättringsåtgärder som har vidtagits",
                "Improvements taken"
            )
        ),
        statutory: true,
        blocks,
    }
}

fn documents(c: &Ctx) -> Option<Section> {
    let docs: Vec<&Record> = c
        .all("Document")
        .into_iter()
        .filter(|r| day(r, "adopted").is_some_and(|d| d <= c.end))
        .collect();
    if docs.is_empty() {
        return None;
    }
    let rows = docs
        .iter()
        .map(|r| {
            let last = day(r, "last_reviewed")
                .filter(|d| *d <= c.end)
                .or_else(|| day(r, "adopted"))
                .unwrap_or(c.end);
            let months = (c.end.year() as i64 - last.year() as i64) * 12
                + (c.end.month() as i64 - last.month() as i64);
            let interval = int(r, "review_interval_months");
            let age = match interval {
                Some(i) if months > i => format!(
                    "{months} {} ({} {i})",
                    c.t("mån", "months"),
                    c.t("revision försenad, intervall", "review overdue, interval")
                ),
                _ => format!("{months} {}", c.t("mån", "months")),
            };
            vec![
                text(r, "title").unwrap_or("").to_string(),
                text(r, "adopted_by").unwrap_or("").to_string(),
                last.to_string(),
                age,
                r.id.clone(),
            ]
        })
        .collect();
    Some(Section {
        id: "documents",
        heading: c.t("Styrdokument", "Governing documents").into(),
        statutory: false,
        blocks: vec![
            Block::Para(format!(
                "{}: {}.",
                c.t(
                    "Antal styrdokument i ledningssystemet",
                    "Governing documents in the management system"
                ),
                docs.len()
            )),
            Block::Table {
                head: vec![
                    c.t("Dokument", "Document").into(),
                    c.t("Fastställt av", "Adopted by").into(),
                    c.t("Senast fastställt/reviderat", "Last adopted/reviewed")
                        .into(),
                    if c.lang == Lang::Sv {
                        format!("Ålder {}-12-31", c.year)
                    } else {
                        format!("Age on {}-12-31", c.year)
                    },
                    c.t("Underlag", "Evidence").into(),
                ],
                rows,
            },
        ],
    })
}

fn objectives(c: &Ctx) -> Option<Section> {
    let objs: Vec<&Record> = c
        .all("Objective")
        .into_iter()
        .filter(|r| day(r, "decided").is_some_and(|d| d <= c.end))
        .collect();
    if objs.is_empty() {
        return None;
    }
    let rows = objs
        .iter()
        .map(|r| {
            let status = match text(r, "status") {
                Some("met") => c.t("uppnått", "met"),
                Some("not_met") => c.t("ej uppnått", "not met"),
                Some("cancelled") => c.t("avbrutet", "cancelled"),
                _ => c.t("pågående", "open"),
            };
            vec![
                text(r, "title").unwrap_or("").to_string(),
                text(r, "target_date").unwrap_or("–").to_string(),
                status.to_string(),
                text(r, "followed_up").unwrap_or("–").to_string(),
                r.id.clone(),
            ]
        })
        .collect();
    Some(Section {
        id: "objectives",
        heading: c
            .t("Mål och deras status", "Objectives and their status")
            .into(),
        statutory: false,
        blocks: vec![Block::Table {
            head: vec![
                c.t("Mål", "Objective").into(),
                c.t("Måldatum", "Target date").into(),
                c.t("Status", "Status").into(),
                c.t("Senast uppföljt", "Last followed up").into(),
                c.t("Underlag", "Evidence").into(),
            ],
            rows,
        }],
    })
}

fn training(c: &Ctx) -> Option<Section> {
    let start = Date::new(c.year, 1, 1).unwrap_or(Date::MIN);
    let trs: Vec<&Record> = c
        .all("Training")
        .into_iter()
        .filter(|r| {
            day(r, "period_start").is_some_and(|d| d <= c.end)
                && day(r, "period_end").is_some_and(|d| d >= start)
        })
        .collect();
    if trs.is_empty() {
        return None;
    }
    let rows = trs
        .iter()
        .map(|r| {
            let (done, pop) = (int(r, "completed"), int(r, "population"));
            vec![
                text(r, "title").unwrap_or("").to_string(),
                if flag(r, "mandatory") {
                    c.t("ja", "yes")
                } else {
                    c.t("nej", "no")
                }
                .to_string(),
                match (done, pop) {
                    (Some(d), Some(p)) => format!("{d} / {p} ({})", pct(d, p)),
                    _ => c.t("ej uppföljt", "not followed up").to_string(),
                },
                r.id.clone(),
            ]
        })
        .collect();
    Some(Section {
        id: "training",
        heading: c
            .t(
                "Utbildning och informationsinsatser",
                "Training and awareness",
            )
            .into(),
        statutory: false,
        blocks: vec![Block::Table {
            head: vec![
                c.t("Utbildning", "Training").into(),
                c.t("Obligatorisk", "Mandatory").into(),
                c.t("Genomförd / målgrupp", "Completed / population").into(),
                c.t("Underlag", "Evidence").into(),
            ],
            rows,
        }],
    })
}

fn suppliers(c: &Ctx) -> Option<Section> {
    let sup = c.all("Supplier");
    if sup.is_empty() {
        return None;
    }
    let pd: Vec<&Record> = sup
        .iter()
        .copied()
        .filter(|r| flag(r, "personal_data"))
        .collect();
    let with: Vec<&Record> = pd
        .iter()
        .copied()
        .filter(|r| day(r, "dpa_signed").is_some_and(|d| d <= c.end))
        .collect();
    let without: Vec<&Record> = pd
        .iter()
        .copied()
        .filter(|r| day(r, "dpa_signed").is_none_or(|d| d > c.end))
        .collect();
    let followed = c.dated("Supplier", "last_followup", c.year);
    let lines = vec![
        format!(
            "{}: {}{}",
            c.t("Leverantörer", "Suppliers"),
            sup.len(),
            cite(&ids(&sup))
        ),
        format!(
            "{}: {}",
            c.t("som behandlar personuppgifter", "processing personal data"),
            pd.len()
        ),
        format!(
            "{}: {}{}",
            c.t(
                "med personuppgiftsbiträdesavtal",
                "with a data-processing agreement"
            ),
            with.len(),
            cite(&ids(&with))
        ),
        format!(
            "{}: {}{}",
            c.t(
                "utan personuppgiftsbiträdesavtal",
                "without a data-processing agreement"
            ),
            without.len(),
            cite(&ids(&without))
        ),
        format!(
            "{}: {}{}",
            if c.lang == Lang::Sv {
                format!("uppföljda under {}", c.year)
            } else {
                format!("followed up in {}", c.year)
            },
            followed.len(),
            cite(&ids(&followed))
        ),
    ];
    Some(Section {
        id: "suppliers",
        heading: c
            .t("Leverantörer och avtal", "Suppliers and agreements")
            .into(),
        statutory: false,
        blocks: vec![Block::List(lines)],
    })
}

fn classification(c: &Ctx) -> Option<Section> {
    let systems = c.all("System");
    if systems.is_empty() {
        return None;
    }
    let classes: Vec<&Record> = c
        .all("Classification")
        .into_iter()
        .filter(|r| day(r, "classified").is_some_and(|d| d <= c.end))
        .collect();
    let classified = |s: &Record| {
        text(s, "classification").is_some_and(|id| classes.iter().any(|k| k.id == id))
            || classes
                .iter()
                .any(|k| strs(k, "systems").contains(&s.id.as_str()))
    };
    let (yes, no): (Vec<&Record>, Vec<&Record>) =
        systems.iter().copied().partition(|s| classified(s));
    let mut blocks = vec![Block::Para(format!(
        "{}: {} / {} ({}){}.",
        c.t(
            "Informationsklassade system",
            "Systems with an information classification"
        ),
        yes.len(),
        systems.len(),
        pct(yes.len() as i64, systems.len() as i64),
        cite(&ids(&classes))
    ))];
    if !no.is_empty() {
        blocks.push(Block::Para(format!(
            "{}: {}.",
            c.t("Utan klassning", "Not classified"),
            no.iter()
                .map(|s| c.name_of(&s.id))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Some(Section {
        id: "classification",
        heading: c
            .t("Informationsklassning", "Information classification")
            .into(),
        statutory: false,
        blocks,
    })
}

fn continuity(c: &Ctx) -> Option<Section> {
    let plans: Vec<&Record> = c
        .all("ContinuityPlan")
        .into_iter()
        .filter(|r| day(r, "adopted").is_some_and(|d| d <= c.end))
        .collect();
    if plans.is_empty() {
        return None;
    }
    let lines = plans
        .iter()
        .map(|r| {
            let ex = day(r, "last_exercised").filter(|d| *d <= c.end);
            format!(
                "{} — {} {} — {}{}",
                text(r, "title").unwrap_or(""),
                c.t("fastställd", "adopted"),
                text(r, "adopted").unwrap_or(""),
                match ex {
                    Some(d) if d.year() == c.year => format!("{} {d}", c.t("övad", "exercised")),
                    Some(d) => format!("{} {d}", c.t("senast övad", "last exercised")),
                    None => c.t("inte övad", "not exercised").to_string(),
                },
                cite(&[r.id.as_str()])
            )
        })
        .collect();
    Some(Section {
        id: "continuity",
        heading: c
            .t(
                "Kontinuitetsplaner och övningar",
                "Continuity plans and exercises",
            )
            .into(),
        statutory: false,
        blocks: vec![Block::List(lines)],
    })
}

fn nis(c: &Ctx) -> Option<Section> {
    let app = crate::catalog::Applicability::of(&c.ev.config.organisation);
    let facts = app.as_map();
    let nis = facts.get("nis").copied().unwrap_or(false);
    let csl = facts.get("csl").copied().unwrap_or(false);
    let text = match (c.year <= 2025, c.year >= 2026, nis, csl) {
        (true, _, true, _) => c.t(
            "Organisationen är leverantör av samhällsviktig tjänst enligt lagen (2018:1174) om informationssäkerhet för samhällsviktiga och digitala tjänster (NIS-lagen) och rapporterar betydande incidenter till MSB.",
            "The organisation is an operator of an essential service under the NIS Act (2018:1174) and reports significant incidents to MSB.",
        ),
        (_, true, _, true) => c.t(
            "Cybersäkerhetslagen (2025:1506) gäller organisationen från den 15 januari 2026; betydande incidenter rapporteras till CSIRT-enheten vid Myndigheten för civilt försvar (MCF).",
            "The Cybersecurity Act (2025:1506) applies to the organisation from 15 January 2026; significant incidents are reported to the CSIRT unit at the Swedish Agency for Civil Defence (MCF).",
        ),
        _ => return None,
    };
    let mut blocks = vec![Block::Para(text.into())];
    let ras: Vec<&Record> = c
        .dated("RiskAnalysis", "performed", c.year)
        .into_iter()
        .filter(|r| text_is(r, "scope", "nis_service"))
        .collect();
    blocks.push(Block::Para(format!(
        "{}: {}{}.",
        c.t(
            "Riskanalyser av den samhällsviktiga tjänsten",
            "Risk analyses of the essential service"
        ),
        ras.len(),
        cite(&ids(&ras))
    )));
    Some(Section {
        id: "nis",
        heading: c
            .t(
                "NIS och cybersäkerhetslagen",
                "NIS and the Cybersecurity Act",
            )
            .into(),
        statutory: false,
        blocks,
    })
}

fn text_is(r: &Record, field: &str, v: &str) -> bool {
    text(r, field) == Some(v)
}

/// The findings of the gap report that concern the report's board.
fn gap_findings<'a>(c: &Ctx, checked: &'a Checked) -> Vec<&'a crate::findings::Finding> {
    checked
        .outcome
        .findings
        .iter()
        .filter(|f| match (&f.record, c.board) {
            (Some(id), Some(_)) => c.ev.by_id(id).is_none_or(|r| c.belongs(r)),
            _ => true,
        })
        .collect()
}

fn gap_report(c: &Ctx, checked: &Checked) -> Section {
    let findings = gap_findings(c, checked);
    let mut blocks = vec![Block::Para(if c.lang == Lang::Sv {
        format!(
            "Kravkolls kontroller utvärderade per {}-12-31: {} kontroller.",
            c.year, checked.outcome.summary.controls_evaluated
        )
    } else {
        format!(
            "kravkoll's controls evaluated as of {}-12-31: {} controls.",
            c.year, checked.outcome.summary.controls_evaluated
        )
    })];
    if findings.is_empty() {
        blocks.push(Block::Para(c.t("Inga avvikelser.", "No findings.").into()));
    } else {
        let mut by_fw: BTreeMap<(usize, &str), [usize; 4]> = BTreeMap::new();
        for f in &findings {
            let e = by_fw
                .entry((checked.catalog.framework_rank(&f.framework), &f.framework))
                .or_default();
            if f.accepted_by.is_some() {
                e[3] += 1;
            } else {
                e[f.severity as usize] += 1;
            }
        }
        let rows = by_fw
            .iter()
            .map(|((_, fw), n)| {
                let name = checked
                    .catalog
                    .framework(fw)
                    .map(|f| {
                        if c.lang == Lang::Sv {
                            f.name_sv.clone()
                        } else {
                            f.name_en.clone()
                        }
                    })
                    .unwrap_or_else(|| fw.to_string());
                let mut row = vec![name];
                row.extend(n.iter().map(|x| x.to_string()));
                row
            })
            .collect();
        blocks.push(Block::Table {
            head: vec![
                c.t("Regelverk", "Framework").into(),
                c.t("Fel", "Errors").into(),
                c.t("Varningar", "Warnings").into(),
                c.t("Information", "Info").into(),
                c.t("Accepterade", "Accepted").into(),
            ],
            rows,
        });
        let errors: Vec<String> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error && f.accepted_by.is_none())
            .map(|f| {
                format!(
                    "{} {}{}",
                    f.control,
                    f.title,
                    f.record.as_deref().map(|r| cite(&[r])).unwrap_or_default()
                )
            })
            .collect();
        if errors.is_empty() {
            blocks.push(Block::Para(
                c.t(
                    "Bristanalysen har inga fel.",
                    "The gap report has no errors.",
                )
                .into(),
            ));
        } else {
            blocks.push(Block::Sub(c.t("Fel", "Errors").into()));
            blocks.push(Block::List(errors));
        }
    }
    Section {
        id: "gap-report",
        heading: if c.lang == Lang::Sv {
            format!("Bristanalys per 31 december {}", c.year)
        } else {
            format!("Gap report as of 31 December {}", c.year)
        },
        statutory: false,
        blocks,
    }
}

fn patient_safety_excerpt(c: &Ctx) -> Section {
    let audits: Vec<&Record> = c
        .dated("Audit", "date", c.year)
        .into_iter()
        .filter(|r| !text_is(r, "type", "internal"))
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
        .filter(|r| !text_is(r, "result", "success"))
        .collect();
    let incs = inc_stats(c, c.year);
    let mut harmful = incs.caused.clone();
    harmful.extend(incs.could.iter().copied());
    harmful.sort_by(|a, b| a.id.cmp(&b.id));
    let mut parts = Vec::new();
    if c.lang == Lang::Sv {
        parts.push(format!(
            "Under {} gjordes {} externa granskningar och tillsyner av informationssäkerheten{}.",
            c.year,
            audits.len(),
            cite(&ids(&audits))
        ));
        parts.push(format!(
            "Logguppföljningen omfattade {} kontroller och konstaterade {} obehöriga åtkomster{}.",
            logs.len(),
            unauth,
            cite(&ids(&logs))
        ));
        parts.push(format!(
            "{} återläsningstester gjordes, varav {} inte lyckades fullt ut{}.",
            tests.len(),
            failed.len(),
            cite(&ids(&failed))
        ));
        parts.push(format!(
            "{} incidenter medförde och {} hade kunnat medföra vårdskada{}.",
            incs.caused.len(),
            incs.could.len(),
            cite(&ids(&harmful))
        ));
    } else {
        parts.push(format!(
            "In {}, {} external audits and supervisions of information security were made{}.",
            c.year,
            audits.len(),
            cite(&ids(&audits))
        ));
        parts.push(format!(
            "Log reviews: {} reviews found {} cases of unauthorised access{}.",
            logs.len(),
            unauth,
            cite(&ids(&logs))
        ));
        parts.push(format!(
            "{} restore tests were made, {} of them not fully successful{}.",
            tests.len(),
            failed.len(),
            cite(&ids(&failed))
        ));
        parts.push(format!(
            "{} incidents caused and {} could have caused patient harm{}.",
            incs.caused.len(),
            incs.could.len(),
            cite(&ids(&harmful))
        ));
    }
    Section {
        id: "patient-safety",
        heading: c
            .t(
                "Utdrag för patientsäkerhetsberättelsen (HSLF-FS 2016:40 7 kap. 1 §)",
                "Excerpt for the patient-safety report (HSLF-FS 2016:40 chapter 7 section 1)",
            )
            .into(),
        statutory: false,
        blocks: vec![
            Block::Para(
                c.t(
                    "Uppföljningar av informationssäkerheten som har gjorts och som är av större betydelse:",
                    "Follow-ups of information security of major significance:",
                )
                .into(),
            ),
            Block::Para(parts.join(" ")),
        ],
    }
}

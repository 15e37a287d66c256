//! A synthetic region's evidence repository of any size, for the benchmark
//! (`benches/scale.rs`) and the findings snapshot (`tests/findings_snapshot.rs`).
//!
//! Deterministic: the same size and seed give the same bytes. Every evidence kind occurs,
//! in the proportions of a region's repository: per information system a classification,
//! an owner, access analyses, yearly access reviews, bimonthly log reviews, restore tests,
//! a risk analysis, incidents and their improvements; and, more sparsely, the documents,
//! suppliers, procurements, processing activities, impact assessments, audits, plans,
//! trainings, briefings, objectives, exceptions and reports of the organisation. A share of
//! the evidence has gaps, so that every kind of control has findings to report.
//!
//! The repository has a history of two states: `before` (a month earlier) and the current
//! one. Between them, the latest log reviews, access reviews and restore tests were added,
//! incidents closed, documents reviewed, some systems given strong authentication and some
//! superseded documents removed, as in a month of a coordinator's work.
//!
//! Changing this file changes the benchmark data and the snapshot of its findings
//! (`UPDATE_GOLDEN=1 cargo test --test findings_snapshot`).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use jiff::civil::{date, Date};

/// The seed of the benchmark and of the snapshot.
pub const SEED: u64 = 0x6b72_6176_6b6f_6c6c;

/// The organisation; NIS and cybersäkerhetslagen apply to it, as to every region.
pub const CONFIG: &str =
    "# Region Syntet: synthetic evidence for kravkoll's benchmark (benches/synthetic).
organisation:
  name: Region Syntet
  org_number: \"232900-0000\"
  type: region
  healthcare_provider: true
  social_care_provider: false
  timezone: Europe/Stockholm
  licensed_staff_fte: 9000
  employees: 11000
  boards:
    - id: rs
      name: Regionstyrelsen
    - id: hsn
      name: Hälso- och sjukvårdsnämnden
language: sv
evidence_dir: evidence
";

/// How records are spread over files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Files of up to [`PER_FILE`] records, one folder per kind (a large region's habit).
    Bulk,
    /// One file per record.
    Single,
}

pub const PER_FILE: usize = 1000;

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::Bulk => "bulk",
            Layout::Single => "single",
        }
    }
}

/// How a record differs in the `before` state.
#[derive(Debug, Clone)]
pub enum Before {
    Same,
    /// Not yet written.
    Absent,
    /// Written, with this text.
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Rec {
    /// The kind's plural (its folder).
    pub folder: &'static str,
    pub id: String,
    pub text: String,
    pub before: Before,
}

/// The repository in its two states.
#[derive(Debug, Default)]
pub struct Synthetic {
    /// The current records, exactly as many as asked for.
    pub records: Vec<Rec>,
    /// Records of the `before` state that were since removed.
    pub removed: Vec<Rec>,
}

/// SplitMix64: small, fast and enough for data generation.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// One YAML document, written field by field.
struct Doc(String);

impl Doc {
    fn new(kind: &str, id: &str) -> Self {
        Doc(format!("kind: {kind}\nid: {id}\n"))
    }
    fn f(mut self, key: &str, value: impl std::fmt::Display) -> Self {
        let _ = writeln!(self.0, "{key}: {value}");
        self
    }
    /// A free-text value, quoted when YAML would read it otherwise.
    fn t(self, key: &str, value: &str) -> Self {
        if value.contains(": ") || value.contains(" #") || value.starts_with(['"', '[', '{', '-']) {
            let quoted = serde_json::to_string(value).expect("a string");
            self.f(key, quoted)
        } else {
            self.f(key, value)
        }
    }
    fn opt(self, key: &str, value: Option<impl std::fmt::Display>) -> Self {
        match value {
            Some(v) => self.f(key, v),
            None => self,
        }
    }
    /// A flow list of ids or enum values.
    fn ids<S: AsRef<str>>(self, key: &str, ids: &[S]) -> Self {
        let v: Vec<&str> = ids.iter().map(|s| s.as_ref()).collect();
        self.f(key, format!("[{}]", v.join(", ")))
    }
    /// A block list of free texts.
    fn lines<S: AsRef<str>>(mut self, key: &str, items: &[S]) -> Self {
        let _ = writeln!(self.0, "{key}:");
        for i in items {
            let _ = writeln!(self.0, "  - {}", i.as_ref());
        }
        self
    }
    fn raw(mut self, text: &str) -> Self {
        self.0.push_str(text);
        self
    }
    fn done(self) -> String {
        self.0
    }
    fn clone_text(&self) -> String {
        self.0.clone()
    }
}

fn day(y: i16, m: i8, d: i8) -> Date {
    date(y, m, d)
}

fn plus(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days)).expect("a date")
}

/// The last day covered by the data: the benchmark checks as of this date.
pub const AS_OF: &str = "2025-12-31";
const END: Date = date(2025, 12, 31);
/// The `before` state is the evidence as it stood on this day.
const BEFORE: Date = date(2025, 11, 1);

fn at_most_end(d: Date) -> Date {
    d.min(END)
}

/// Document subjects and what a Swedish title calls them.
const SUBJECTS: &[(&str, &str)] = &[
    ("information_security", "informationssäkerhet"),
    ("incident_management", "incidenthantering"),
    ("access_control", "behörighetsstyrning"),
    ("log_review", "logguppföljning"),
    ("classification", "informationsklassning"),
    ("continuity", "kontinuitetshantering"),
    ("procurement", "upphandling"),
    ("backup", "säkerhetskopiering"),
    ("risk_management", "riskhantering"),
    ("internal_audit", "internrevision"),
];
const AREAS: &[&str] = &[
    "Journal",
    "Labb",
    "Röntgen",
    "Läkemedels",
    "Ekonomi",
    "Personal",
    "Ambulans",
    "Tandvårds",
    "Psykiatri",
    "Primärvårds",
    "Vårdplanerings",
    "Ärende",
];
const AUDITORS: &[&str] = &["Revisorerna i Region Syntet", "Internrevisionen", "IVO"];
const FIRST: &[&str] = &[
    "Anna", "Per", "Eva", "Olof", "Karin", "Johan", "Sara", "Lars", "Maria", "Ali", "Fatima",
    "Henrik",
];
const LAST: &[&str] = &[
    "Berg",
    "Lund",
    "Strand",
    "Holm",
    "Ekman",
    "Sundin",
    "Axelsson",
    "Lindqvist",
    "Nilsson",
    "Karimi",
    "Ahl",
    "Ros",
];
const ROLE_CATEGORIES: &[&str] = &[
    "Läkare – patienter med pågående vårdrelation inom egen vårdenhet",
    "Sjuksköterska – patienter inom egen vårdenhet",
    "Undersköterska – patienter inom egen vårdenhet",
    "Medicinsk sekreterare – patienter inom egen klinik",
    "Jourläkare – akut åtkomst med aktivt val och förstärkt loggkontroll",
    "Systemförvaltare – teknisk förvaltning utan åtkomst till innehåll",
];

fn person(rng: &mut Rng, title: &str) -> String {
    format!("{title} {} {}", rng.pick(FIRST), rng.pick(LAST))
}

fn board(rng: &mut Rng) -> &'static str {
    if rng.chance(0.7) {
        "hsn"
    } else {
        "rs"
    }
}

struct Gen {
    rng: Rng,
    out: Vec<Rec>,
    removed: Vec<Rec>,
    suppliers: Vec<String>,
    plan_items: Vec<String>,
    routines: Vec<String>,
    counter: usize,
}

impl Gen {
    fn push(&mut self, folder: &'static str, id: String, text: String, before: Before) {
        self.out.push(Rec {
            folder,
            id,
            text,
            before,
        });
    }

    fn next_id(&mut self) -> usize {
        self.counter += 1;
        self.counter
    }

    /// The organisation's own records, written once.
    fn preamble(&mut self) {
        let r = &mut self.rng;
        let appointments = [
            (
                "appt-infosec",
                "infosec_coordinator",
                "Informationssäkerhetssamordnare",
            ),
            ("appt-dpo", "dpo", "Dataskyddsombud"),
            ("appt-ciso", "ciso", "Säkerhetschef"),
            (
                "appt-infoowner",
                "information_owner",
                "Hälso- och sjukvårdsdirektör",
            ),
        ];
        let mut recs = Vec::new();
        for (id, role, title) in appointments {
            let mut d = Doc::new("Appointment", id)
                .f("role", role)
                .t("person", &person(r, title))
                .f("appointed", day(2021, 9, 1))
                .f("decided_by", "Regionstyrelsen")
                .f("board", "rs")
                .f("fte_share", 1.0);
            if role == "dpo" {
                d = d.f("reported_to_imy", day(2021, 9, 20));
            }
            if role == "infosec_coordinator" {
                d = d.t("deputy", &person(r, "Säkerhetschef"));
            }
            recs.push(("appointments", id.to_string(), d.done()));
        }
        for (i, (subject, subject_sv)) in SUBJECTS.iter().enumerate() {
            let id = format!("doc-{}", subject.replace('_', "-"));
            let doc_type = if i == 0 { "policy" } else { "routine" };
            let text = Doc::new("Document", &id)
                .t("title", &format!("Rutin för {subject_sv} i Region Syntet"))
                .f("doc_type", doc_type)
                .f("subject", subject)
                .f(
                    "adopted_by",
                    if i == 0 {
                        "Regionfullmäktige"
                    } else {
                        "Regiondirektören"
                    },
                )
                .f("adopted", day(2019 + (i % 5) as i16, 3, 1 + i as i8))
                .f("last_reviewed", day(2025, 2 + (i % 9) as i8, 10))
                .f("review_interval_months", 12)
                .ids("scope", &["all", "medical_devices", "ics_scada"])
                .ids(
                    "defines",
                    &["responsibilities", "process", "escalation_paths"],
                )
                .f("document", format!("Dnr RS 2019-{:05}", 100 + i))
                .done();
            self.routines.push(id.clone());
            recs.push(("documents", id, text));
        }
        for year in [2024i16, 2025] {
            let id = format!("ap-{year}");
            let mut items = String::from("items:\n");
            for k in 1..=6 {
                let item = format!("ap{}-{k:02}", year % 100);
                let due = day(year, 2 * k as i8, 28);
                let done = due <= END && r.chance(0.8);
                let _ = write!(
                    items,
                    "  - id: {item}\n    measure: Åtgärd {k} i handlingsplanen {year}\n    owner: {}\n    due: {due}\n    status: {}\n",
                    person(r, "Förvaltningschef"),
                    if done { "done" } else { "ongoing" }
                );
                if done {
                    let _ = writeln!(items, "    done: {}", plus(due, -10));
                }
                self.plan_items.push(item);
            }
            let text = Doc::new("ActionPlan", &id)
                .t(
                    "title",
                    &format!("Handlingsplan för informationssäkerhet {year}"),
                )
                .f("decided_by", "Regionstyrelsen")
                .f("board", "rs")
                .f("decided", day(year, 1, 20))
                .raw(&items)
                .done();
            recs.push(("action_plans", id, text));
        }
        for year in [2023i16, 2024, 2025] {
            let id = format!("isb-{year}");
            let text = Doc::new("AnnualReport", &id)
                .f("year", year)
                .f("compiled_by", "appt-infosec")
                .f("submitted_to", "hsn")
                .f("submitted", day(year + 1, 2, 17).min(END))
                .t(
                    "decision_ref",
                    &format!("Protokoll HSN {}-02-17 § 21", year + 1),
                )
                .done();
            if year < 2025 {
                recs.push(("annual_reports", id, text));
            }
            let id = format!("psb-{year}");
            if year < 2025 {
                let text = Doc::new("PatientSafetyReport", &id)
                    .f("year", year)
                    .f("published", day(year + 1, 2, 25))
                    .f("infosec_section", true)
                    .done();
                recs.push(("patient_safety_reports", id, text));
            }
        }
        // The coordinator's own maturity levels (MSB's model) for two areas.
        for year in [2024i16, 2025] {
            for (area, level) in [("risk_management", 2), ("follow_up", 3)] {
                let id = format!("mog-{year}-{area}");
                let text = Doc::new("MaturityAssessment", &id)
                    .f("year", year)
                    .f("area", area)
                    .f("level", level)
                    .t(
                        "justification",
                        "Samordnarens bedömning utifrån årets uppföljning.",
                    )
                    .done();
                recs.push(("maturity_assessments", id, text));
            }
        }
        for year in [2024i16, 2025] {
            for (k, (audience, population)) in [
                ("all_staff", 10800),
                ("new_staff", 900),
                ("management", 120),
            ]
            .into_iter()
            .enumerate()
            {
                let id = format!("tr-{year}-{k}");
                let completed = population * r.range(80, 97) / 100;
                let text = Doc::new("Training", &id)
                    .t(
                        "title",
                        &format!("Utbildning i informationssäkerhet {year} ({audience})"),
                    )
                    .f("mandatory", true)
                    .f("audience", audience)
                    .f("period_start", day(year, 1, 1))
                    .f("period_end", day(year, 10, 31))
                    .f("population", population)
                    .f("completed", completed)
                    .f("followed_up", day(year, 11, 15))
                    .done();
                recs.push(("trainings", id, text));
            }
            for (k, (m, audience)) in [
                (3, "board"),
                (6, "council"),
                (9, "executive_team"),
                (12, "board"),
            ]
            .into_iter()
            .enumerate()
            {
                let id = format!("brief-{year}-{k}");
                let text = Doc::new("ManagementBriefing", &id)
                    .f("date", day(year, m, 15))
                    .f("audience", audience)
                    .ids("topics", &["incidents", "risks", "work_done", "objectives"])
                    .done();
                recs.push(("management_briefings", id, text));
            }
            let id = format!("obj-{year}");
            let text = Doc::new("Objective", &id)
                .t(
                    "title",
                    &format!("Samtliga system med patientuppgifter är klassade {year}"),
                )
                .f("decided_by", "Regionstyrelsen")
                .f("board", "rs")
                .f("decided", day(year - 1, 12, 9))
                .f("target_date", day(year, 12, 31))
                .f("status", if year == 2024 { "met" } else { "open" })
                .f("followed_up", day(year, 12, 15))
                .f("metric", "Andel klassade system med patientuppgifter")
                .f("target", "100 procent")
                .done();
            recs.push(("objectives", id, text));
        }
        let text = Doc::new("RiskAnalysis", "ra-org-2025")
            .t("title", "Övergripande riskanalys för informationssäkerhet 2025")
            .f("scope", "organisation")
            .f("performed", day(2025, 3, 20))
            .t("approved_by", "Regiondirektören")
            .f("method", "Klassa riskanalys")
            .f("action_plan", "ap-2025")
            .f("reported_to_management", day(2025, 4, 14))
            .raw("risks:\n  - id: ra-org-2025-r1\n    description: Nätfiske mot medarbetare\n    level: high\n    treatment: reduce\n    measures: [ap25-01]\n    patient_safety: true\n")
            .done();
        recs.push(("risk_analyses", "ra-org-2025".into(), text));
        for k in 0..6 {
            let id = format!("sup-{k:03}");
            let text = supplier(r, &id);
            self.suppliers.push(id.clone());
            recs.push(("suppliers", id, text));
        }
        // One of each sparser kind, so that every kind occurs at any size.
        let text = Doc::new("ProcessingActivity", "pa-personal")
            .t("title", "Personal- och löneadministration")
            .f("board", "rs")
            .lines("purposes", &["Fullgöra arbetsgivarens skyldigheter"])
            .ids("data_subjects", &["medarbetare"])
            .ids(
                "data_categories",
                &["identitetsuppgifter", "lön", "sjukfrånvaro"],
            )
            .t("retention", "Enligt dokumenthanteringsplanen.")
            .t(
                "security_measures",
                "Rollbaserad behörighet och stark autentisering.",
            )
            .f("high_risk", false)
            .f("last_reviewed", day(2025, 11, 20))
            .done();
        recs.push(("processing_activities", "pa-personal".into(), text));
        let text = Doc::new("Dpia", "dpia-personal-2024")
            .t("title", "Konsekvensbedömning för personaladministrationen")
            .ids("processing", &["pa-personal"])
            .f("performed", day(2024, 11, 12))
            .f("dpo_consulted", day(2024, 10, 28))
            .f("residual_high_risk", false)
            .done();
        recs.push(("dpias", "dpia-personal-2024".into(), text));
        let text = Doc::new("Audit", "audit-rev-2025")
            .t("title", "Granskning av informationssäkerhet, rapport nr 4 – 2025")
            .t("auditor", "Revisorerna i Region Syntet")
            .f("type", "external")
            .f("date", day(2025, 4, 24))
            .f("response_due", day(2025, 6, 27))
            .raw("recommendations:\n  - id: rev25-1\n    text: Stärka den interna kontrollen av informationssäkerheten\n    addressed_to: rs\n    response:\n      action: Ett program för egenkontroll förs in i internkontrollplanen\n      due: 2025-12-31\n      responsible: Regiondirektören\n  - id: rev25-2\n    text: Säkerställa att loggkontroller genomförs enligt rutinen\n    addressed_to: hsn\n")
            .done();
        recs.push(("audits", "audit-rev-2025".into(), text));
        let text = Doc::new("Exception", "exc-migrering-2024")
            .ids("controls", &["\"PDL-4.3/*\""])
            .t(
                "justification",
                "Loggarna kunde inte tas ut under migreringen till ny plattform.",
            )
            .t("decided_by", "Hälso- och sjukvårdsnämnden")
            .f("board", "hsn")
            .f("decided", day(2024, 9, 16))
            .f("expires", day(2025, 2, 28))
            .done();
        recs.push(("exceptions", "exc-migrering-2024".into(), text));
        let text = Doc::new("Procurement", "upp-2025-vardmoten")
            .t("title", "Plattform för digitala vårdmöten")
            .f("started", day(2025, 2, 2))
            .f("supplier", "sup-000")
            .f("risk_analysis", "ra-org-2025")
            .f("security_requirements", true)
            .ids("infosec_competence", &["requirements", "tender_evaluation"])
            .done();
        recs.push(("procurements", "upp-2025-vardmoten".into(), text));
        let text = Doc::new("ContinuityPlan", "cp-region")
            .t(
                "title",
                "Regionens plan för kontinuitet vid allvarliga IT-avbrott",
            )
            .f("board", "rs")
            .f("adopted", day(2023, 10, 2))
            .f("last_exercised", day(2025, 10, 14))
            .done();
        recs.push(("continuity_plans", "cp-region".into(), text));
        for (folder, id, text) in recs {
            self.push(folder, id, text, Before::Same);
        }
        // The policy's previous version, removed when the new one was adopted.
        let text = Doc::new("Document", "doc-policy-2016")
            .t("title", "Informationssäkerhetspolicy (2016)")
            .f("doc_type", "policy")
            .f("adopted_by", "Regionfullmäktige")
            .f("adopted", day(2016, 6, 13))
            .done();
        self.removed.push(Rec {
            folder: "documents",
            id: "doc-policy-2016".into(),
            text,
            before: Before::Same,
        });
    }

    /// One information system and everything kept about it, plus a share of the
    /// organisation's sparser records.
    fn system_block(&mut self, s: usize) {
        let sys = format!("sys-{s:05}");
        let area = AREAS[s % AREAS.len()];
        let r = &mut self.rng;
        let patient = r.chance(0.6);
        let personal = patient || r.chance(0.7);
        let nis = patient && r.chance(0.15);
        let logging = if patient {
            r.chance(0.93)
        } else {
            r.chance(0.5)
        };
        let mfa = r.chance(0.85);
        let classified = r.chance(0.9);
        let brd = board(r);
        let mut recs: Vec<(&'static str, String, String, Before)> = Vec::new();

        if r.chance(0.3) {
            let id = format!("sup-{s:05}");
            recs.push(("suppliers", id.clone(), supplier(r, &id), Before::Same));
            self.suppliers.push(id);
        }
        let supplier = r.chance(0.6).then(|| r.pick(&self.suppliers).clone());
        let system = Doc::new("System", &sys)
            .t("name", &format!("{area}system {s}"))
            .t("owner", &person(r, "Systemägare"))
            .f("board", brd)
            .f("patient_data", patient)
            .f("personal_data", personal)
            .opt("sensitive_data", patient.then_some(true))
            .opt("nis_essential", nis.then_some(true))
            .f("logging", logging)
            .f("encryption_in_transit", r.chance(0.9))
            .f("encryption_at_rest", r.chance(0.7))
            .opt("classification", classified.then(|| format!("cls-{s:05}")))
            .opt("supplier", supplier);
        // 3 % of the systems got strong authentication during the last month.
        let (text, before) = if mfa && r.chance(0.03) {
            let s = system.clone_text();
            (
                format!("{s}mfa: true\n"),
                Before::Text(format!("{s}mfa: false\n")),
            )
        } else {
            (format!("{}mfa: {mfa}\n", system.clone_text()), Before::Same)
        };
        recs.push(("systems", sys.clone(), text, before));

        if classified {
            let c = if patient {
                r.range(3, 4)
            } else {
                r.range(1, 3)
            };
            let measures: Vec<String> = (0..r.range(1, 3))
                .map(|_| r.pick(&self.routines).clone())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let text = Doc::new("Classification", &format!("cls-{s:05}"))
                .t("asset", &format!("Information i {area}system {s}"))
                .ids("systems", &[&sys])
                .t("owner", &person(r, "Informationsägare"))
                .f("board", brd)
                .f(
                    "classified",
                    day(
                        r.range(2023, 2025) as i16,
                        r.range(1, 12) as i8,
                        r.range(1, 28) as i8,
                    ),
                )
                .f("confidentiality", c)
                .f("integrity", r.range(2, 4))
                .f("availability", r.range(1, 4))
                .ids("required_measures", &measures)
                .done();
            recs.push(("classifications", format!("cls-{s:05}"), text, Before::Same));
        }
        if patient || r.chance(0.5) {
            let id = format!("appt-sys-{s:05}");
            let text = Doc::new("Appointment", &id)
                .f("role", "system_owner")
                .t("person", &person(r, "Systemägare"))
                .f(
                    "appointed",
                    day(r.range(2018, 2025) as i16, r.range(1, 12) as i8, 1),
                )
                .f("decided_by", "Förvaltningschefen")
                .f("board", brd)
                .done();
            recs.push(("appointments", id, text, Before::Same));
        }

        // A risk analysis every other year; a tenth of the systems have none.
        let ra = r.chance(0.9).then(|| format!("ra-{s:05}"));
        if let Some(id) = &ra {
            let performed = day(
                r.range(2024, 2025) as i16,
                r.range(1, 12) as i8,
                r.range(1, 28) as i8,
            );
            let mut risks = String::from("risks:\n");
            for k in 1..=r.range(1, 4) {
                let level = *r.pick(&["low", "medium", "medium", "high", "critical"]);
                let treatment = if level == "high" || level == "critical" {
                    "reduce"
                } else {
                    *r.pick(&["reduce", "accept", "transfer"])
                };
                let _ = write!(
                    risks,
                    "  - id: {id}-r{k}\n    description: Risk {k} för {area}system {s}\n    level: {level}\n    treatment: {treatment}\n"
                );
                if treatment == "reduce" && r.chance(0.8) {
                    let _ = writeln!(risks, "    measures: [{}]", r.pick(&self.plan_items));
                }
                if patient && r.chance(0.3) {
                    let _ = writeln!(risks, "    patient_safety: true");
                }
            }
            let text = Doc::new("RiskAnalysis", id)
                .t("title", &format!("Riskanalys {area}system {s}"))
                .f("scope", if r.chance(0.8) { "system" } else { "change" })
                .ids("systems", &[&sys])
                .f("board", brd)
                .f("performed", performed)
                .t("approved_by", &person(r, "Systemägare"))
                .f("method", "Klassa riskanalys")
                .t(
                    "purpose",
                    "Systemets skyddsbehov och risker efter informationsklassning",
                )
                .lines(
                    "inputs",
                    &[
                        "Informationsklassning av systemet",
                        "Incidenter för systemet",
                    ],
                )
                .opt("action_plan", r.chance(0.7).then_some("ap-2025"))
                .opt(
                    "reported_to_management",
                    r.chance(0.5).then(|| plus(performed, 30).min(END)),
                )
                .raw(&risks)
                .done();
            recs.push(("risk_analyses", id.clone(), text, Before::Same));
        }

        if patient {
            for year in [2024i16, 2025] {
                if r.chance(0.85) {
                    let id = format!("aa-{s:05}-{year}");
                    let n = r.range(2, ROLE_CATEGORIES.len() as i64) as usize;
                    let text = Doc::new("AccessAnalysis", &id)
                        .f("system", &sys)
                        .f("board", brd)
                        .f(
                            "performed",
                            day(year, r.range(1, 6) as i8, r.range(1, 28) as i8),
                        )
                        .lines("role_categories", &ROLE_CATEGORIES[..n])
                        .t("approved_by", &person(r, "Verksamhetschef"))
                        .done();
                    recs.push(("access_analyses", id, text, Before::Same));
                }
            }
        }
        for year in [2023i16, 2024, 2025] {
            if r.chance(0.9) {
                let id = format!("ar-{s:05}-{year}");
                let performed = day(year, r.range(3, 12) as i8, r.range(1, 28) as i8);
                let reviewed = r.range(20, 8000);
                let removed = reviewed * r.range(0, 6) / 100;
                let text = Doc::new("AccessReview", &id)
                    .f("system", &sys)
                    .f("board", brd)
                    .f("performed", performed)
                    .f("accounts_reviewed", reviewed)
                    .f("accounts_removed", removed)
                    .t(
                        "findings",
                        &format!("{removed} konton avslutades efter uppföljningen."),
                    )
                    .done();
                recs.push(("access_reviews", id, text, added_after(performed)));
            }
        }
        // Log reviews every other month for patient data, twice a year otherwise.
        if logging {
            let periods: &[(i8, i8)] = if patient {
                &[(1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (11, 12)]
            } else {
                &[(1, 6), (7, 12)]
            };
            for year in [2024i16, 2025] {
                for (k, (from, to)) in periods.iter().enumerate() {
                    if !r.chance(0.9) {
                        continue;
                    }
                    let start = day(year, *from, 1);
                    let end = plus(day(year, *to, 1), 27);
                    let performed = plus(end, r.range(3, 30));
                    if performed > END {
                        continue;
                    }
                    let id = format!("lr-{s:05}-{year}-{k}");
                    let anomalies = r.range(0, 20);
                    let unauthorised = if anomalies > 15 { r.range(0, 2) } else { 0 };
                    let mut d = Doc::new("LogReview", &id)
                        .f("system", &sys)
                        .f("board", brd)
                        .f("period_start", start)
                        .f("period_end", end)
                        .f("performed", performed)
                        .f("records_checked", r.range(200, 3000))
                        .f("anomalies", anomalies)
                        .f("unauthorised_access", unauthorised);
                    if anomalies > 0 {
                        d = d.lines("actions", &["Avvikelserna utreddes med ansvarig chef"]);
                    }
                    recs.push(("log_reviews", id, d.done(), added_after(performed)));
                }
            }
        }
        for year in [2024i16, 2025] {
            if r.chance(0.8) {
                let id = format!("rt-{s:05}-{year}");
                let performed = day(year, r.range(2, 12) as i8, r.range(1, 28) as i8);
                let target = *r.pick(&[4, 8, 24, 48]);
                let result = *r.pick(&[
                    "success", "success", "success", "success", "success", "partial", "failed",
                ]);
                let text = Doc::new("RestoreTest", &id)
                    .f("system", &sys)
                    .f("performed", performed)
                    .f("result", result)
                    .f("rto_hours_target", target)
                    .f(
                        "rto_hours_achieved",
                        target as f64 * r.range(3, 14) as f64 / 10.0,
                    )
                    .done();
                recs.push(("restore_tests", id, text, added_after(performed)));
            }
        }
        if nis || (patient && r.chance(0.5)) {
            let id = format!("cp-{s:05}");
            let text = Doc::new("ContinuityPlan", &id)
                .t(
                    "title",
                    &format!("Kontinuitetsplan vid avbrott i {area}system {s}"),
                )
                .ids("systems", &[&sys])
                .f("board", brd)
                .f(
                    "adopted",
                    day(r.range(2021, 2025) as i16, r.range(1, 12) as i8, 1),
                )
                .opt(
                    "last_exercised",
                    r.chance(0.7).then(|| day(2025, r.range(1, 10) as i8, 15)),
                )
                .done();
            recs.push(("continuity_plans", id, text, Before::Same));
        }

        let incidents = r.range(1, 6);
        for k in 0..incidents {
            self.incident(&sys, s, k, nis, &mut recs);
        }
        self.sparse(s, &sys, patient, ra.as_deref(), classified, &mut recs);
        for (folder, id, text, before) in recs {
            self.push(folder, id, text, before);
        }
    }

    fn incident(
        &mut self,
        sys: &str,
        s: usize,
        k: i64,
        nis: bool,
        recs: &mut Vec<(&'static str, String, String, Before)>,
    ) {
        let r = &mut self.rng;
        let id = format!("inc-{s:05}-{k}");
        let detected = day(
            r.range(2024, 2025) as i16,
            r.range(1, 12) as i8,
            r.range(1, 28) as i8,
        );
        let hour = r.range(7, 17);
        let category = *r.pick(&[
            "personal_data_breach",
            "personal_data_breach",
            "personal_data_breach",
            "it",
            "it",
            "it",
            "it",
            "deviation",
            "deviation",
            "nis",
        ]);
        let category = if category == "nis" && !nis {
            "it"
        } else {
            category
        };
        let mut d = Doc::new("Incident", &id)
            .t("title", &format!("Incident {k} i system {sys}"))
            .f("detected", format!("{detected}T{hour:02}:15"))
            .ids("categories", &[category]);
        if category == "personal_data_breach" {
            let reportable = r.chance(0.5);
            d = d.f("imy_reportable", reportable);
            if reportable {
                let late = r.chance(0.15);
                let hours = if late {
                    r.range(73, 200)
                } else {
                    r.range(4, 70)
                };
                let reported = plus(detected, (hour + hours) / 24);
                d = d.f(
                    "imy_reported",
                    format!("{reported}T{:02}:15", (hour + hours) % 24),
                );
                if late && r.chance(0.5) {
                    d = d.t(
                        "delay_reason",
                        "Omfattningen utreddes med leverantören innan anmälan.",
                    );
                }
                if r.chance(0.1) {
                    d = d.f("high_risk_to_subjects", true);
                    if r.chance(0.7) {
                        d = d.f("subjects_informed", format!("{}T10:00", plus(detected, 5)));
                    }
                }
            }
        }
        if category == "nis" {
            let significant = r.chance(0.4);
            d = d.f("nis_significant", significant);
            if significant && r.chance(0.8) {
                d = d.f("msb_reported", format!("{detected}T{:02}:45", hour + 2));
            }
        }
        let harm = *r.pick(&[
            "none",
            "none",
            "none",
            "none",
            "none",
            "none",
            "none",
            "none",
            "could_have",
            "could_have",
            "caused",
            "unknown",
        ]);
        d = d.f("patient_harm", harm);
        let analysed = r
            .chance(0.7)
            .then(|| at_most_end(plus(detected, r.range(5, 40))));
        let improvement = analysed.is_some() && r.chance(0.5);
        let impr = format!("impr-{s:05}-{k}");
        if let Some(a) = analysed {
            d = d.f("analysed", a).t(
                "root_cause",
                "Brister i rutinen och i systemets behörighetskontroll.",
            );
            if improvement {
                d = d.ids("improvements", &[&impr]);
            }
        }
        let closed = analysed
            .filter(|_| r.chance(0.8))
            .map(|a| at_most_end(plus(a, r.range(3, 60))));
        let open_text = d.clone_text();
        let (text, before) = match closed {
            Some(c) => {
                let text = format!("{open_text}closed: {c}\n");
                // Closed during the last month: open in the `before` state.
                let before =
                    if c >= BEFORE && detected < BEFORE && analysed.is_some_and(|a| a < BEFORE) {
                        Before::Text(open_text)
                    } else if detected >= BEFORE {
                        Before::Absent
                    } else {
                        Before::Same
                    };
                (text, before)
            }
            None => (
                open_text,
                if detected >= BEFORE {
                    Before::Absent
                } else {
                    Before::Same
                },
            ),
        };
        let absent = matches!(before, Before::Absent);
        recs.push(("incidents", id.clone(), text, before));
        if improvement {
            let decided = plus(analysed.expect("analysed"), 3).min(END);
            let text = Doc::new("Improvement", &impr)
                .t("title", &format!("Förbättring efter {id}"))
                .ids("sources", &[&id])
                .t("owner", &person(r, "Förvaltningschef"))
                .f("decided", decided)
                .opt(
                    "done",
                    r.chance(0.7)
                        .then(|| plus(decided, r.range(10, 90)))
                        .filter(|d| *d <= END),
                )
                .done();
            // Written with its incident, which may refer to it.
            let before = if absent { Before::Absent } else { Before::Same };
            recs.push(("improvements", impr, text, before));
        }
    }

    /// The organisation's sparser records, a share of them per system.
    fn sparse(
        &mut self,
        s: usize,
        sys: &str,
        patient: bool,
        ra: Option<&str>,
        classified: bool,
        recs: &mut Vec<(&'static str, String, String, Before)>,
    ) {
        let r = &mut self.rng;
        if r.chance(0.3) {
            let (subject, subject_sv) = SUBJECTS[r.range(0, SUBJECTS.len() as i64 - 1) as usize];
            let id = format!("doc-{s:05}");
            let reviewed = day(2025, r.range(1, 12) as i8, r.range(1, 28) as i8);
            let base = Doc::new("Document", &id)
                .t("title", &format!("Lokal rutin för {subject_sv} ({s})"))
                .f(
                    "doc_type",
                    *r.pick(&["guideline", "routine", "routine", "instruction"]),
                )
                .f("subject", subject)
                .t("adopted_by", &person(r, "Verksamhetschef"))
                .f(
                    "adopted",
                    day(r.range(2016, 2024) as i16, r.range(1, 12) as i8, 1),
                )
                .f("review_interval_months", *r.pick(&[12, 12, 24]))
                .ids("scope", &["all"])
                .clone_text();
            // Reviewed during the last month: the `before` state has the previous review.
            let before = if reviewed >= BEFORE {
                Before::Text(format!("{base}last_reviewed: {}\n", day(2024, 11, 20)))
            } else {
                Before::Same
            };
            recs.push((
                "documents",
                id,
                format!("{base}last_reviewed: {reviewed}\n"),
                before,
            ));
            if r.chance(0.1) {
                // A superseded version, removed during the last month.
                let old = format!("doc-{s:05}-v0");
                let text = Doc::new("Document", &old)
                    .t("title", &format!("Tidigare lokal rutin ({s})"))
                    .f("doc_type", "routine")
                    .f("adopted_by", "Verksamhetschef")
                    .f("adopted", day(2015, 1, 1))
                    .done();
                self.removed.push(Rec {
                    folder: "documents",
                    id: old,
                    text,
                    before: Before::Same,
                });
            }
        }
        let pa = (personal_share(r, patient)).then(|| format!("pa-{s:05}"));
        if let Some(id) = &pa {
            let text = Doc::new("ProcessingActivity", id)
                .t(
                    "title",
                    &format!("Behandling av personuppgifter i system {sys}"),
                )
                .lines("purposes", &["Ge patienten en god och säker vård"])
                .ids("data_subjects", &["patienter", "personal"])
                .ids(
                    "data_categories",
                    &["identitetsuppgifter", "hälsouppgifter"],
                )
                .ids("recipients", &["andra vårdgivare"])
                .t("retention", "Enligt regionens dokumenthanteringsplan.")
                .t(
                    "security_measures",
                    "Behörighetsstyrning, loggning och kryptering.",
                )
                .ids("systems", &[sys])
                .f("high_risk", patient)
                .f("last_reviewed", day(2025, r.range(1, 11) as i8, 20))
                .done();
            recs.push(("processing_activities", id.clone(), text, Before::Same));
            if patient && r.chance(0.5) {
                let pa = id;
                let id = format!("dpia-{s:05}");
                let residual = r.chance(0.1);
                let text = Doc::new("Dpia", &id)
                    .t("title", &format!("Konsekvensbedömning för system {sys}"))
                    .ids("processing", &[pa])
                    .ids("systems", &[sys])
                    .f("performed", day(2025, r.range(1, 10) as i8, 10))
                    .t("approved_by", "Hälso- och sjukvårdsnämnden")
                    .f("dpo_consulted", day(2025, 1, 5))
                    .f("residual_high_risk", residual)
                    .opt(
                        "prior_consultation",
                        (residual && r.chance(0.6)).then(|| day(2025, 11, 1)),
                    )
                    .done();
                recs.push(("dpias", id, text, Before::Same));
            }
        }
        if r.chance(0.1) {
            let id = format!("upp-{s:05}");
            let text = Doc::new("Procurement", &id)
                .t(
                    "title",
                    &format!("Upphandling av ersättare för system {sys}"),
                )
                .f("started", day(2025, r.range(1, 10) as i8, 1))
                .f("supplier", r.pick(&self.suppliers))
                .ids("systems", &[sys])
                .opt("risk_analysis", ra.filter(|_| r.chance(0.8)))
                .opt("classification", classified.then(|| format!("cls-{s:05}")))
                .f("security_requirements", r.chance(0.85))
                .ids(
                    "infosec_competence",
                    if r.chance(0.7) {
                        &["requirements", "tender_evaluation", "go_live_verification"][..]
                    } else {
                        &["requirements"][..]
                    },
                )
                .done();
            recs.push(("procurements", id, text, Before::Same));
        }
        if r.chance(0.05) {
            let id = format!("audit-{s:05}");
            let date = day(r.range(2024, 2025) as i16, r.range(1, 9) as i8, 15);
            let mut recs_text = String::from("recommendations:\n");
            for k in 1..=r.range(1, 5) {
                let board = board(r);
                let _ = write!(
                    recs_text,
                    "  - id: {id}-{k}\n    text: Rekommendation {k} om informationssäkerhet\n    addressed_to: {board}\n"
                );
                if r.chance(0.8) {
                    let _ = write!(
                        recs_text,
                        "    response:\n      action: Åtgärd enligt yttrande {k}\n      due: {}\n      responsible: {}\n",
                        plus(date, 120),
                        person(r, "Förvaltningschef")
                    );
                } else if r.chance(0.5) {
                    let _ = writeln!(
                        recs_text,
                        "    no_action_reason: Redan omhändertaget i handlingsplanen"
                    );
                }
            }
            let text = Doc::new("Audit", &id)
                .t(
                    "title",
                    &format!("Granskning av informationssäkerhet ({s})"),
                )
                .t("auditor", r.pick::<&str>(AUDITORS))
                .f("type", *r.pick(&["internal", "external", "supervision"]))
                .f("date", date)
                .f("response_due", plus(date, 60))
                .raw(&recs_text)
                .done();
            recs.push(("audits", id, text, Before::Same));
        }
        if r.chance(0.04) {
            let id = format!("ap-{s:05}");
            let due = day(2025, r.range(3, 12) as i8, 28);
            let text = Doc::new("ActionPlan", &id)
                .t("title", &format!("Åtgärdsplan för system {sys}"))
                .t("decided_by", "Förvaltningschefen")
                .f("decided", day(2025, 2, 1))
                .raw(&format!(
                    "items:\n  - id: {id}-1\n    measure: Åtgärda brister i {sys}\n    owner: {}\n    due: {due}\n    status: {}\n",
                    person(r, "Systemägare"),
                    *r.pick(&["planned", "ongoing", "done"])
                ))
                .done();
            recs.push(("action_plans", id, text, Before::Same));
        }
        if r.chance(0.05) {
            let id = format!("tr-{s:05}");
            let population = r.range(10, 400);
            let text = Doc::new("Training", &id)
                .t(
                    "title",
                    &format!("Utbildning för användare av system {sys}"),
                )
                .f("mandatory", r.chance(0.5))
                .f("audience", "specialists")
                .f("period_start", day(2025, 2, 1))
                .f("period_end", day(2025, 6, 30))
                .f("population", population)
                .f("completed", population * r.range(50, 100) / 100)
                .done();
            recs.push(("trainings", id, text, Before::Same));
        }
        if r.chance(0.04) {
            let id = format!("brief-{s:05}");
            let text = Doc::new("ManagementBriefing", &id)
                .f("date", day(2025, r.range(1, 12) as i8, 10))
                .f("audience", "executive_team")
                .ids("topics", &["incidents", "risks"])
                .done();
            recs.push(("management_briefings", id, text, Before::Same));
        }
        if r.chance(0.03) {
            let id = format!("obj-{s:05}");
            let text = Doc::new("Objective", &id)
                .t(
                    "title",
                    &format!("Förbättrad tillgänglighet i system {sys}"),
                )
                .t("decided_by", "Förvaltningschefen")
                .f("decided", day(2025, 1, 15))
                .f("status", *r.pick(&["open", "met", "not_met"]))
                .opt("followed_up", r.chance(0.6).then(|| day(2025, 9, 1)))
                .done();
            recs.push(("objectives", id, text, Before::Same));
        }
        if r.chance(0.02) {
            let id = format!("exc-{s:05}");
            let expires = day(r.range(2025, 2026) as i16, r.range(1, 12) as i8, 28);
            let text = Doc::new("Exception", &id)
                .ids("controls", &["\"PDL-4.3/*\""])
                .ids("records", &[sys])
                .t(
                    "justification",
                    "Loggarna kan inte tas ut under migreringen till ny plattform.",
                )
                .t("decided_by", "Hälso- och sjukvårdsnämnden")
                .f("decided", day(2024, 9, 16))
                .f("expires", expires)
                .done();
            recs.push(("exceptions", id, text, Before::Same));
        }
    }

    /// Log reviews of systems already written: the filler that makes the count exact.
    fn filler(&mut self, n: usize) {
        let systems: Vec<String> = self
            .out
            .iter()
            .filter(|r| r.folder == "systems")
            .map(|r| r.id.clone())
            .collect();
        for k in 0..n {
            let sys = if systems.is_empty() {
                None
            } else {
                Some(systems[k % systems.len()].clone())
            };
            let id = format!("lr-extra-{:05}", self.next_id());
            let r = &mut self.rng;
            let text = match sys {
                Some(sys) => Doc::new("LogReview", &id)
                    .f("system", sys)
                    .f("period_start", day(2023, 1, 1))
                    .f("period_end", day(2023, 6, 30))
                    .f("performed", day(2023, 7, r.range(1, 28) as i8))
                    .f("records_checked", r.range(200, 3000))
                    .f("anomalies", 0)
                    .done(),
                // Below the size of the organisation's own records: briefings.
                None => Doc::new("ManagementBriefing", &id)
                    .f("date", day(2023, 5, 10))
                    .f("audience", "executive_team")
                    .done(),
            };
            let folder = if text.starts_with("kind: LogReview") {
                "log_reviews"
            } else {
                "management_briefings"
            };
            self.push(folder, id, text, Before::Same);
        }
    }
}

fn personal_share(r: &mut Rng, patient: bool) -> bool {
    r.chance(if patient { 0.35 } else { 0.1 })
}

fn added_after(performed: Date) -> Before {
    if performed >= BEFORE {
        Before::Absent
    } else {
        Before::Same
    }
}

fn supplier(r: &mut Rng, id: &str) -> String {
    let personal = r.chance(0.8);
    let third = r.chance(0.1);
    Doc::new("Supplier", id)
        .t("name", &format!("Leverantör {id} AB"))
        .t("service", "Drift och förvaltning av verksamhetssystem")
        .f("personal_data", personal)
        .opt(
            "dpa_signed",
            (personal && r.chance(0.9))
                .then(|| day(r.range(2018, 2025) as i16, r.range(1, 12) as i8, 1)),
        )
        .f("security_requirements", r.chance(0.85))
        .f("incident_clause", r.chance(0.8))
        .f("third_country", third)
        .opt(
            "transfer_mechanism",
            (third && r.chance(0.7)).then_some("Standardavtalsklausuler"),
        )
        .opt(
            "last_followup",
            r.chance(0.7).then(|| day(2025, r.range(1, 12) as i8, 5)),
        )
        .done()
}

/// Exactly `n` records (the current state) and the `before` state's differences.
pub fn generate(n: usize, seed: u64) -> Synthetic {
    let mut g = Gen {
        rng: Rng::new(seed),
        out: Vec::with_capacity(n + 64),
        removed: Vec::new(),
        suppliers: Vec::new(),
        plan_items: Vec::new(),
        routines: Vec::new(),
        counter: 0,
    };
    g.preamble();
    let mut s = 0;
    loop {
        let mark = (g.out.len(), g.removed.len(), g.suppliers.len());
        g.system_block(s);
        if g.out.len() > n {
            // The block does not fit: undo it and fill up with records without dependants.
            g.out.truncate(mark.0);
            g.removed.truncate(mark.1);
            g.suppliers.truncate(mark.2);
            break;
        }
        s += 1;
    }
    if g.out.len() > n {
        g.out.truncate(n);
    }
    let missing = n - g.out.len();
    g.filler(missing);
    Synthetic {
        records: g.out,
        removed: g.removed,
    }
}

impl Synthetic {
    /// The files of one state: path relative to the repository → content.
    pub fn files(&self, layout: Layout, before: bool) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        files.insert("kravkoll.yaml".to_string(), CONFIG.to_string());
        let current = self.records.iter().map(|r| {
            let text = match (&r.before, before) {
                (_, false) | (Before::Same, true) => Some(r.text.as_str()),
                (Before::Absent, true) => None,
                (Before::Text(t), true) => Some(t.as_str()),
            };
            (r, text)
        });
        match layout {
            Layout::Single => {
                for (r, text) in current {
                    if let Some(text) = text {
                        files.insert(
                            format!("evidence/{}/{}.yaml", r.folder, r.id),
                            text.to_string(),
                        );
                    }
                }
                if before {
                    for r in &self.removed {
                        files.insert(
                            format!("evidence/{}/{}.yaml", r.folder, r.id),
                            r.text.clone(),
                        );
                    }
                }
            }
            Layout::Bulk => {
                // Files are cut by position in the current state, so that a record stays in
                // its file across the two states.
                let mut by_folder: BTreeMap<&str, Vec<Option<&str>>> = BTreeMap::new();
                for (r, text) in current {
                    by_folder.entry(r.folder).or_default().push(text);
                }
                for (folder, texts) in by_folder {
                    for (k, chunk) in texts.chunks(PER_FILE).enumerate() {
                        let body: Vec<&str> = chunk.iter().flatten().copied().collect();
                        if !body.is_empty() {
                            files.insert(
                                format!("evidence/{folder}/{folder}-{k:03}.yaml"),
                                body.join("---\n"),
                            );
                        }
                    }
                }
                if before && !self.removed.is_empty() {
                    let mut by_folder: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
                    for r in &self.removed {
                        by_folder.entry(r.folder).or_default().push(&r.text);
                    }
                    for (folder, texts) in by_folder {
                        files.insert(
                            format!("evidence/{folder}/superseded.yaml"),
                            texts.join("---\n"),
                        );
                    }
                }
            }
        }
        files
    }

    /// Writes the current state into `dir` (which must be empty).
    pub fn write(&self, dir: &Path, layout: Layout) {
        write_files(dir, &self.files(layout, false));
    }

    /// Writes both states into `dir` as two commits of a new git repository: HEAD~1 is the
    /// `before` state, HEAD (and the working tree) the current one.
    pub fn write_git(&self, dir: &Path, layout: Layout) {
        let repo = git2::Repository::init(dir).expect("git init");
        let before = self.files(layout, true);
        write_files(dir, &before);
        let first = commit(&repo, "Evidence as of 2025-11-01", None);
        let after = self.files(layout, false);
        for path in before.keys().filter(|p| !after.contains_key(*p)) {
            std::fs::remove_file(dir.join(path)).expect("remove a file");
        }
        let changed: BTreeMap<String, String> = after
            .into_iter()
            .filter(|(p, t)| before.get(p) != Some(t))
            .collect();
        write_files(dir, &changed);
        commit(&repo, "Evidence as of 2025-12-31", Some(first));
    }
}

fn write_files(dir: &Path, files: &BTreeMap<String, String>) {
    for (path, text) in files {
        let p = dir.join(path);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create a folder");
        }
        std::fs::write(&p, text).expect("write a file");
    }
}

fn commit(repo: &git2::Repository, message: &str, parent: Option<git2::Oid>) -> git2::Oid {
    let mut index = repo.index().expect("index");
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .expect("git add");
    index.update_all(["*"], None).expect("git add -u");
    index.write().expect("write the index");
    let tree = repo
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let when = git2::Time::new(
        if parent.is_some() {
            1_767_139_200
        } else {
            1_761_955_200
        },
        0,
    );
    let sig =
        git2::Signature::new("kravkoll bench", "bench@example.invalid", &when).expect("signature");
    let parents: Vec<git2::Commit> = parent
        .map(|p| repo.find_commit(p).expect("parent"))
        .into_iter()
        .collect();
    let parents: Vec<&git2::Commit> = parents.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .expect("commit")
}

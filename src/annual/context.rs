//! What every section of the report needs: the year's evidence indexed once (by kind, by
//! nested id, improvements by what triggered them), the board filter, the year-end view of
//! dated fields, the report's language and typography, traceability notes and the
//! self-check.
//!
//! Every lookup is by hash: a section never scans the evidence per row.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;

use super::document::{Note, NoteRecord};
use super::narrative::Narrative;
use crate::evidence::{Evidence, FieldValue, Lang, Record};
use crate::typography;
use crate::Checked;

/// A nested item of a record (a risk, a recommendation, a measure): an object value.
pub(super) type Item = regorus::Value;

/// The records of one kind by the year of one date field, each year by date then id.
type YearIndex<'a> = HashMap<i16, Vec<&'a Record>>;

/// A date field of a record (dates and date-times are stored with the local date first).
pub(super) fn day(r: &Record, field: &str) -> Option<Date> {
    r.value.get(field)?.str()?.get(..10)?.parse().ok()
}

pub(super) fn text<'a>(r: &'a Record, field: &str) -> Option<&'a str> {
    r.value.get(field).and_then(FieldValue::str)
}

pub(super) fn int(r: &Record, field: &str) -> Option<i64> {
    r.value.get(field).and_then(FieldValue::int)
}

pub(super) fn num(r: &Record, field: &str) -> Option<f64> {
    r.value.get(field).and_then(FieldValue::float)
}

pub(super) fn flag(r: &Record, field: &str) -> bool {
    r.value
        .get(field)
        .and_then(FieldValue::bool)
        .unwrap_or(false)
}

pub(super) fn strs<'a>(r: &'a Record, field: &str) -> Vec<&'a str> {
    r.value
        .get(field)
        .and_then(FieldValue::list)
        .map(|a| a.iter().filter_map(FieldValue::str).collect())
        .unwrap_or_default()
}

pub(super) fn items<'a>(r: &'a Record, field: &str) -> Vec<&'a Item> {
    r.value
        .get(field)
        .and_then(FieldValue::list)
        .map(|a| a.iter().filter(|v| v.object().is_some()).collect())
        .unwrap_or_default()
}

pub(super) fn item_str<'a>(m: &'a Item, field: &str) -> Option<&'a str> {
    m.get(field).and_then(FieldValue::str)
}

pub(super) fn item_day(m: &Item, field: &str) -> Option<Date> {
    m.get(field)?.str()?.get(..10)?.parse().ok()
}

/// The latest of a dated fact as of 31 December: the latest-value field and its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AsOf {
    /// The latest date on or before 31 December.
    Known(Date),
    /// Only dates after 31 December are recorded: what held then is not in the evidence.
    Unknown,
    /// Never recorded.
    Never,
}

/// A self-check remark: shown in the report's appendix and on standard error.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// In the report's language.
    pub text: String,
    /// For the coordinator on standard error: which file or record to fix.
    pub hint: Option<String>,
}

#[derive(Default)]
struct Notes {
    by_key: HashMap<Vec<String>, usize>,
    list: Vec<Vec<String>>,
}

/// The year's evidence indexed once, shared by the contexts that build sections side by
/// side ([`Ctx::fork`]).
#[derive(Default)]
struct Indexes<'a> {
    by_kind: HashMap<&'static str, Vec<&'a Record>>,
    nested: HashMap<&'a str, (&'a Record, &'a Item)>,
    by_source: HashMap<&'a str, Vec<&'a Record>>,
}

pub(super) struct Ctx<'a> {
    pub ev: &'a Evidence,
    pub checked: &'a Checked,
    pub lang: Lang,
    pub year: i16,
    pub board: Option<&'a str>,
    /// 1 January and 31 December of the year.
    pub start: Date,
    pub end: Date,
    pub narrative: &'a Narrative,
    /// The earliest year the evidence covers (for trends and comparisons).
    pub first_year: i16,
    idx: Arc<Indexes<'a>>,
    /// `dated` per (kind, field), built on first use: sections and trends ask for the same
    /// years many times.
    by_year: RefCell<HashMap<(&'static str, &'static str), Arc<YearIndex<'a>>>>,
    notes: RefCell<Notes>,
    warnings: RefCell<Vec<Warning>>,
}

/// Kinds whose records are dated events, and the date that places them in a year: the
/// first year the evidence covers is the earliest of these.
pub(super) const EVENT_DATES: &[(&str, &str)] = &[
    ("RiskAnalysis", "performed"),
    ("Incident", "detected"),
    ("Audit", "date"),
    ("LogReview", "performed"),
    ("AccessReview", "performed"),
    ("RestoreTest", "performed"),
    ("Improvement", "done"),
];

impl<'a> Ctx<'a> {
    pub fn new(
        checked: &'a Checked,
        year: i16,
        board: Option<&'a str>,
        narrative: &'a Narrative,
    ) -> Ctx<'a> {
        let ev = &checked.evidence;
        let mut c = Ctx {
            ev,
            checked,
            lang: checked.lang,
            year,
            board,
            start: Date::new(year, 1, 1).unwrap_or(Date::MIN),
            end: Date::new(year, 12, 31).unwrap_or(Date::MAX),
            narrative,
            first_year: year,
            idx: Arc::default(),
            by_year: RefCell::default(),
            notes: RefCell::default(),
            warnings: RefCell::default(),
        };
        let mut idx = Indexes::default();
        let mut first = year;
        for r in ev.records() {
            for field in ["risks", "items", "recommendations"] {
                for it in items(r, field) {
                    if let Some(id) = item_str(it, "id") {
                        idx.nested.entry(id).or_insert((r, it));
                    }
                }
            }
            if !c.belongs(r) {
                continue;
            }
            idx.by_kind.entry(r.kind.name).or_default().push(r);
            if r.kind.name == "Improvement" {
                for s in strs(r, "sources") {
                    idx.by_source.entry(s).or_default().push(r);
                }
            }
            if let Some((_, f)) = EVENT_DATES.iter().find(|(k, _)| *k == r.kind.name) {
                if let Some(d) = day(r, f) {
                    if d.year() < first {
                        first = d.year();
                    }
                }
            }
        }
        for v in idx.by_kind.values_mut() {
            v.sort_by(|a, b| a.id.cmp(&b.id));
        }
        for v in idx.by_source.values_mut() {
            v.sort_by(|a, b| a.id.cmp(&b.id));
        }
        c.idx = Arc::new(idx);
        // Twenty years are enough for a trend; an old stray date must not make the report long.
        c.first_year = first.max(year - 19);
        c
    }

    /// A context for sections built beside this one's: the same evidence and indexes, the
    /// year indexes built so far, and notes and remarks of its own, which [`Ctx::absorb`]
    /// brings back in order.
    pub fn fork(&self) -> Ctx<'a> {
        Ctx {
            ev: self.ev,
            checked: self.checked,
            lang: self.lang,
            year: self.year,
            board: self.board,
            start: self.start,
            end: self.end,
            narrative: self.narrative,
            first_year: self.first_year,
            idx: Arc::clone(&self.idx),
            by_year: RefCell::new(self.by_year.borrow().clone()),
            notes: RefCell::default(),
            warnings: RefCell::default(),
        }
    }

    /// Takes in what `later` (a [`Ctx::fork`] of this context) gathered while building
    /// `sections`, the sections that follow this context's own: its remarks after this
    /// context's, and its notes numbered on from this context's, as if one context had built
    /// every section in order. A set of records this context already has a note for keeps
    /// that note's number.
    pub fn absorb(&self, later: Ctx<'a>, sections: &mut [super::document::Section]) {
        use super::document::Block;
        self.warnings
            .borrow_mut()
            .extend(later.warnings.into_inner());
        let renumbered: Vec<usize> = later
            .notes
            .into_inner()
            .list
            .into_iter()
            .map(|key| {
                let mut notes = self.notes.borrow_mut();
                if let Some(n) = notes.by_key.get(&key) {
                    return *n;
                }
                notes.list.push(key.clone());
                let n = notes.list.len();
                notes.by_key.insert(key, n);
                n
            })
            .collect();
        // Note numbers count from 1.
        let renumber = |note: &mut Option<usize>| {
            if let Some(n) = note {
                *n = renumbered[*n - 1];
            }
        };
        for section in sections {
            for block in &mut section.blocks {
                match block {
                    Block::Para(t) => renumber(&mut t.note),
                    Block::List(items) => items.iter_mut().for_each(|t| renumber(&mut t.note)),
                    Block::Table(table) => {
                        table.rows.iter_mut().for_each(|r| renumber(&mut r.note))
                    }
                    Block::Sub(_) | Block::Charts(_) | Block::Narrative(_) => {}
                }
            }
        }
    }

    pub fn t<'s>(&self, sv: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(sv, en)
    }

    pub fn sv(&self) -> bool {
        self.lang == Lang::Sv
    }

    /// The board a record belongs to: its own, or that of the system it is about (restore
    /// tests, log and access reviews); `None` for the whole organisation.
    pub fn board_of(&self, r: &'a Record) -> Option<&'a str> {
        text(r, "board").or_else(|| {
            let sys = self.ev.by_id(text(r, "system")?)?;
            text(sys, "board")
        })
    }

    pub fn belongs(&self, r: &'a Record) -> bool {
        match self.board {
            Some(b) => self.board_of(r).is_none_or(|rb| rb == b),
            None => true,
        }
    }

    /// The records of a kind that belong to the report, by id.
    pub fn all(&self, kind: &str) -> &[&'a Record] {
        self.idx.by_kind.get(kind).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Records of a kind whose `field` falls in `year`, by date then id.
    pub fn dated(&self, kind: &'static str, field: &'static str, year: i16) -> Vec<&'a Record> {
        self.year_index(kind, field)
            .get(&year)
            .cloned()
            .unwrap_or_default()
    }

    fn year_index(&self, kind: &'static str, field: &'static str) -> Arc<YearIndex<'a>> {
        if let Some(index) = self.by_year.borrow().get(&(kind, field)) {
            return Arc::clone(index);
        }
        // Each date is read once, not at every comparison of the sort.
        let mut keyed: Vec<(Date, &'a Record)> = self
            .all(kind)
            .iter()
            .filter_map(|r| day(r, field).map(|d| (d, *r)))
            .collect();
        keyed.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
        let mut index = YearIndex::new();
        for (d, r) in keyed {
            index.entry(d.year()).or_default().push(r);
        }
        let index = Arc::new(index);
        self.by_year
            .borrow_mut()
            .insert((kind, field), Arc::clone(&index));
        index
    }

    /// Whether `year` is one the evidence covers (so that "0" means none, not unknown).
    pub fn covered(&self, year: i16) -> bool {
        year >= self.first_year && year <= self.year
    }

    /// The nested item (risk, action-plan measure, recommendation) with this id and the
    /// record holding it.
    pub fn nested(&self, id: &str) -> Option<(&'a Record, &'a Item)> {
        self.idx.nested.get(id).copied()
    }

    /// Improvements that name `id` among their sources, by id.
    pub fn improvements_for(&self, id: &str) -> &[&'a Record] {
        self.idx.by_source.get(id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The latest date of a fact on or before `end`, from the field and its history list;
    /// unknown when only later dates were recorded (see [`crate::year_end::as_of`]).
    pub fn as_of(&self, r: &Record, field: &str, history: Option<&str>, end: Date) -> AsOf {
        let mut dates: Vec<Date> = day(r, field).into_iter().collect();
        if let Some(h) = history {
            dates.extend(strs(r, h).iter().filter_map(|s| s.parse::<Date>().ok()));
        }
        match dates.iter().filter(|d| **d <= end).max() {
            Some(d) => AsOf::Known(*d),
            None if !dates.is_empty() || r.unknown.contains(&field) => AsOf::Unknown,
            None => AsOf::Never,
        }
    }

    /// "uppgift per 31/12 saknas": what history cannot tell.
    pub fn unknown(&self) -> &'a str {
        self.t("uppgift per 31/12 saknas", "not known as of 31 Dec")
    }

    /// The name of a record or nested item as a reader knows it: a title, a name, a
    /// recommendation's text; never an id where a name exists.
    pub fn name_of(&self, id: &str) -> String {
        if let Some(r) = self.ev.by_id(id) {
            return self.record_name(r);
        }
        if let Some((parent, it)) = self.nested(id) {
            return match parent.kind.name {
                "Audit" => {
                    let said = item_str(it, "text").unwrap_or(id).trim_end_matches('.');
                    match text(parent, "auditor") {
                        Some(a) if self.sv() => {
                            format!("{} rekommendation ”{said}”", typography::genitive(a))
                        }
                        Some(a) => format!("the recommendation by {a} “{said}”"),
                        None => said.to_string(),
                    }
                }
                "ActionPlan" => {
                    let m = item_str(it, "measure").unwrap_or(id);
                    if self.sv() {
                        format!("åtgärden ”{m}” i {}", self.record_name(parent))
                    } else {
                        format!("the measure “{m}” in {}", self.record_name(parent))
                    }
                }
                "RiskAnalysis" => {
                    let d = item_str(it, "description").unwrap_or(id);
                    if self.sv() {
                        format!("risken ”{d}”")
                    } else {
                        format!("the risk “{d}”")
                    }
                }
                _ => id.to_string(),
            };
        }
        id.to_string()
    }

    /// A record or nested item named with what it is, for "triggered by …": "incidenten
    /// ”Nätfiske …”", "Revisorernas rekommendation ”…”".
    pub fn described(&self, id: &str) -> String {
        let Some(r) = self.ev.by_id(id) else {
            return self.name_of(id);
        };
        let what = match (r.kind.name, self.lang) {
            ("Incident", Lang::Sv) => "incidenten",
            ("Incident", Lang::En) => "the incident",
            ("RiskAnalysis", Lang::Sv) => "riskanalysen",
            ("RiskAnalysis", Lang::En) => "the risk analysis",
            ("Audit", Lang::Sv) => "granskningen",
            ("Audit", Lang::En) => "the audit",
            ("LogReview", _) | ("AccessReview", _) | ("RestoreTest", _) => {
                return self.record_name(r)
            }
            ("Objective", Lang::Sv) => "målet",
            ("Objective", Lang::En) => "the objective",
            ("Document", Lang::Sv) => "styrdokumentet",
            ("Document", Lang::En) => "the document",
            ("Improvement", Lang::Sv) => "förbättringsåtgärden",
            ("Improvement", Lang::En) => "the improvement",
            _ => return self.record_name(r),
        };
        if self.sv() {
            format!("{what} ”{}”", self.record_name(r))
        } else {
            format!("{what} “{}”", self.record_name(r))
        }
    }

    pub fn record_name(&self, r: &Record) -> String {
        if let Some(n) = text(r, "title").or_else(|| text(r, "name")) {
            return n.to_string();
        }
        if let Some(a) = text(r, "asset").or_else(|| text(r, "person")) {
            return a.to_string();
        }
        if let Some(y) = int(r, "year") {
            return format!("{} {y}", kind_word(self.lang, r));
        }
        let sys = text(r, "system")
            .and_then(|s| self.ev.by_id(s))
            .map(|s| self.record_name(s));
        let when = day(r, "performed").or_else(|| day(r, "date"));
        let what = kind_word(self.lang, r);
        match (sys, when) {
            (Some(s), Some(d)) => format!("{what} {s} {}", self.date(d)),
            (Some(s), None) => format!("{what} {s}"),
            (None, Some(d)) => format!("{what} {}", self.date(d)),
            (None, None) => what,
        }
    }

    pub fn board_name(&self, id: &str) -> String {
        if id == "organisation" {
            return self.ev.config.organisation.name.clone();
        }
        self.ev
            .config
            .organisation
            .board_name(id)
            .unwrap_or(id)
            .to_string()
    }

    // --- typography -------------------------------------------------------------------

    pub fn date(&self, d: Date) -> String {
        typography::long_date(d, self.lang)
    }

    /// A date field as running text, or `–`.
    pub fn date_of(&self, r: &Record, field: &str) -> String {
        day(r, field)
            .map(|d| self.date(d))
            .unwrap_or_else(|| "–".into())
    }

    pub fn int(&self, n: i64) -> String {
        typography::integer(n, self.lang)
    }

    pub fn n(&self, n: usize) -> String {
        self.int(n as i64)
    }

    pub fn count(&self, n: usize, sv: (&str, &str), en: (&str, &str)) -> String {
        let (one, many) = if self.sv() { sv } else { en };
        typography::count(n as i64, one, many, self.lang)
    }

    /// English "was" or "were" for a count (Swedish verbs do not agree in number).
    pub fn were(&self, n: usize) -> &'static str {
        if n == 1 {
            "was"
        } else {
            "were"
        }
    }

    pub fn decimal(&self, x: f64) -> String {
        let places = if (x - x.round()).abs() < 1e-9 { 0 } else { 1 };
        typography::decimal(x, places, self.lang)
    }

    pub fn percent(&self, part: i64, whole: i64) -> String {
        if whole <= 0 {
            return "–".into();
        }
        typography::percent(part as f64 * 100.0 / whole as f64, self.lang)
    }

    pub fn join(&self, items: &[String]) -> String {
        typography::join_words(items, self.lang)
    }

    // --- notes and the self-check -----------------------------------------------------

    /// The traceability note for these records (one note per distinct set); `None` when
    /// there are none.
    pub fn note<S: AsRef<str>>(&self, ids: &[S]) -> Option<usize> {
        if ids.is_empty() {
            return None;
        }
        let mut key: Vec<String> = ids.iter().map(|s| s.as_ref().to_string()).collect();
        key.dedup();
        let mut notes = self.notes.borrow_mut();
        if let Some(n) = notes.by_key.get(&key) {
            return Some(*n);
        }
        notes.list.push(key.clone());
        let n = notes.list.len();
        notes.by_key.insert(key, n);
        Some(n)
    }

    pub fn note_records(&self, records: &[&Record]) -> Option<usize> {
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        self.note(&ids)
    }

    pub fn warn(&self, text: String, hint: Option<String>) {
        self.warnings.borrow_mut().push(Warning { text, hint });
    }

    pub fn take_warnings(&self) -> Vec<Warning> {
        std::mem::take(&mut *self.warnings.borrow_mut())
    }

    /// The notes, each record described for the traceability appendix (side by side: a
    /// large report has a note for nearly every row).
    pub fn take_notes(&self) -> Vec<Note> {
        use rayon::prelude::*;
        let list = std::mem::take(&mut self.notes.borrow_mut().list);
        let (ev, idx, lang) = (self.ev, &*self.idx, self.lang);
        list.into_par_iter()
            .map(|ids| Note {
                records: ids
                    .iter()
                    .map(|id| note_record(ev, idx, lang, id))
                    .collect(),
            })
            .collect()
    }
}

fn note_record(ev: &Evidence, idx: &Indexes, lang: Lang, id: &str) -> NoteRecord {
    if let Some(r) = ev.by_id(id) {
        return NoteRecord {
            id: id.to_string(),
            what: kind_word(lang, r),
            place: format!("{}:{}", r.file, r.line),
        };
    }
    if let Some((parent, _)) = idx.nested.get(id) {
        let line = parent.item_line(id).unwrap_or(parent.line);
        return NoteRecord {
            id: id.to_string(),
            what: format!("{} {}", lang.pick("del av", "part of"), parent.id),
            place: format!("{}:{line}", parent.file),
        };
    }
    NoteRecord {
        id: id.to_string(),
        what: String::new(),
        place: String::new(),
    }
}

/// What a record is, in a word a reader knows.
fn kind_word(lang: Lang, r: &Record) -> String {
    let (sv, en) = match r.kind.name {
        "Appointment" => ("utnämning", "appointment"),
        "Document" => ("styrdokument", "governing document"),
        "ManagementBriefing" => ("föredragning", "briefing"),
        "Objective" => ("mål", "objective"),
        "System" => ("system", "system"),
        "Classification" => ("informationsklassning", "classification"),
        "RiskAnalysis" => ("riskanalys", "risk analysis"),
        "ActionPlan" => ("handlingsplan", "action plan"),
        "Training" => ("utbildning", "training"),
        "Supplier" => ("leverantör", "supplier"),
        "Incident" => ("incident", "incident"),
        "AccessAnalysis" => ("behovs- och riskanalys", "access analysis"),
        "AccessReview" => ("behörighetsuppföljning", "access review"),
        "LogReview" => ("loggkontroll", "log review"),
        "RestoreTest" => ("återläsningstest", "restore test"),
        "ContinuityPlan" => ("kontinuitetsplan", "continuity plan"),
        "Audit" => ("granskning", "audit"),
        "AnnualReport" => ("informationssäkerhetsberättelse", "annual report"),
        "PatientSafetyReport" => ("patientsäkerhetsberättelse", "patient-safety report"),
        "Exception" => ("riskacceptans", "risk acceptance"),
        "Improvement" => ("förbättringsåtgärd", "improvement"),
        "Procurement" => ("upphandling", "procurement"),
        "ProcessingActivity" => ("behandling", "processing activity"),
        "Dpia" => ("konsekvensbedömning", "impact assessment"),
        "MaturityAssessment" => ("mognadsbedömning", "maturity assessment"),
        other => (other, other),
    };
    lang.pick(sv, en).to_string()
}

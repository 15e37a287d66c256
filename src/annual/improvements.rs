//! Section 4, the improvements taken (HSLF-FS 2016:40 3 kap. 6 § fjärde punkten): the
//! improvements completed in the year and what triggered them, the status on 31 December
//! of the action plans' measures due in the year, and the measures carried over.
//!
//! Also the state of a measure or an improvement on a given day, which the risk and
//! follow-up sections use too.

use jiff::civil::Date;

use super::context::{day, item_day, item_str, items, strs, text, Ctx, Item};
use super::document::{Align, Block, Part, Section, Table, Text};
use super::front::commentary;
use crate::evidence::Record;

/// The state of an action-plan measure or an improvement on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    /// Done, on the day if recorded.
    Done(Option<Date>),
    Cancelled,
    /// Not done and past its due date.
    Overdue,
    Planned,
    Ongoing,
}

impl State {
    pub fn open(self) -> bool {
        !matches!(self, State::Done(_) | State::Cancelled)
    }

    pub fn label(self, c: &Ctx) -> String {
        match self {
            State::Done(Some(d)) => format!("{} {d}", c.t("genomförd", "done")),
            State::Done(None) => c.t("genomförd", "done").into(),
            State::Cancelled => c.t("avbruten", "cancelled").into(),
            State::Overdue => c.t("försenad", "overdue").into(),
            State::Planned => c.t("planerad", "planned").into(),
            State::Ongoing => c.t("pågående", "ongoing").into(),
        }
    }
}

/// An action-plan measure on `on`.
pub(super) fn item_state(it: &Item, on: Date) -> State {
    let due = item_day(it, "due");
    let late = due.is_some_and(|d| d < on);
    match item_str(it, "status") {
        Some("cancelled") => State::Cancelled,
        Some("done") => match item_day(it, "done") {
            Some(d) if d <= on => State::Done(Some(d)),
            None => State::Done(None),
            // Done later than `on`: then still open.
            Some(_) if late => State::Overdue,
            Some(_) => State::Ongoing,
        },
        _ if late => State::Overdue,
        Some("ongoing") => State::Ongoing,
        _ => State::Planned,
    }
}

/// An improvement on `on`: done, or decided and not yet done.
pub(super) fn improvement_state(r: &Record, on: Date) -> State {
    match day(r, "done") {
        Some(d) if d <= on => State::Done(Some(d)),
        _ => State::Ongoing,
    }
}

/// Every action-plan measure decided by `on`, with its plan.
fn measures<'a>(c: &Ctx<'a>, on: Date) -> Vec<(&'a Record, &'a Item)> {
    let mut v = Vec::new();
    for plan in c.all("ActionPlan") {
        if day(plan, "decided").is_some_and(|d| d > on) {
            continue;
        }
        for it in items(plan, "items") {
            v.push((*plan, it));
        }
    }
    v
}

/// Measures overdue on 31 December of `year`.
pub(super) fn overdue(c: &Ctx, year: i16) -> usize {
    let Ok(on) = Date::new(year, 12, 31) else {
        return 0;
    };
    measures(c, on)
        .iter()
        .filter(|(_, it)| item_state(it, on) == State::Overdue)
        .count()
}

/// "Avbrott i X (incidenten), Revisorernas rekommendation …": what triggered an improvement.
fn triggers(c: &Ctx, r: &Record) -> Option<String> {
    let names: Vec<String> = strs(r, "sources").iter().map(|s| c.described(s)).collect();
    (!names.is_empty()).then(|| c.join(&names))
}

pub(super) fn section(c: &Ctx) -> Section {
    let mut s = Section::new(
        "improvements",
        format!(
            "4. {}",
            c.t(
                "Förbättringsåtgärder som har vidtagits",
                "Improvements taken"
            )
        ),
        Part::Statutory,
    );
    commentary(c, &mut s);
    done_in_year(c, &mut s);
    due_in_year(c, &mut s);
    carried_over(c, &mut s);
    s
}

fn done_in_year(c: &Ctx, s: &mut Section) {
    let done = c.dated("Improvement", "done", c.year);
    let prev = c.dated("Improvement", "done", c.year - 1);
    if done.is_empty() {
        s.blocks.push(Block::Para(Text::plain(if c.sv() {
            format!("Inga förbättringsåtgärder genomfördes under {}.", c.year)
        } else {
            format!("No improvements were completed in {}.", c.year)
        })));
        c.warn(
            if c.sv() {
                format!(
                    "Inga förbättringsåtgärder är dokumenterade som genomförda under {} (HSLF-FS 2016:40 3 kap. 6 § fjärde punkten).",
                    c.year
                )
            } else {
                format!(
                    "No improvement is documented as completed in {} (HSLF-FS 2016:40 chapter 3 section 6, point 4).",
                    c.year
                )
            },
            Some("record completed improvements as Improvement records with `done`".into()),
        );
        return;
    }
    let counted = c.count(
        done.len(),
        ("förbättringsåtgärd", "förbättringsåtgärder"),
        ("improvement", "improvements"),
    );
    let prev_part = if c.covered(c.year - 1) {
        format!(" ({}: {})", c.year - 1, c.n(prev.len()))
    } else {
        String::new()
    };
    s.blocks.push(Block::Para(Text {
        text: if c.sv() {
            format!("Under {} genomfördes {counted}{prev_part}.", c.year)
        } else {
            format!(
                "In {}, {counted} {} completed{prev_part}.",
                c.year,
                c.were(done.len())
            )
        },
        note: c.note_records(&done),
    }));
    let list = done
        .iter()
        .map(|r| {
            let mut line = format!(
                "{}: {} {}, {} {}.",
                c.record_name(r),
                c.t("genomförd", "completed"),
                c.date_of(r, "done"),
                c.t("ansvarig", "owner"),
                text(r, "owner").unwrap_or("–")
            );
            match triggers(c, r) {
                Some(t) => line.push_str(&format!(" {} {t}.", c.t("Utlöst av", "Triggered by"))),
                None => line.push_str(&format!(
                    " {}",
                    c.t(
                        "Ingen utlösande händelse är angiven.",
                        "No trigger is recorded."
                    )
                )),
            }
            let mut ids = vec![r.id.as_str()];
            ids.extend(strs(r, "sources"));
            Text {
                text: line,
                note: c.note(&ids),
            }
        })
        .collect();
    s.blocks.push(Block::List(list));
}

fn due_in_year(c: &Ctx, s: &mut Section) {
    s.blocks.push(Block::Sub(if c.sv() {
        format!("Handlingsplanernas åtgärder med sista dag under {}", c.year)
    } else {
        format!("Action-plan measures due in {}", c.year)
    }));
    let mut due: Vec<(&Record, &Item, State)> = measures(c, c.end)
        .into_iter()
        .filter(|(_, it)| item_day(it, "due").is_some_and(|d| d.year() == c.year))
        .map(|(p, it)| (p, it, item_state(it, c.end)))
        .collect();
    due.sort_by_key(|(p, it, _)| (item_day(it, "due"), &p.id, item_str(it, "id")));
    if due.is_empty() {
        s.blocks.push(Block::Para(Text::plain(if c.sv() {
            format!(
                "Ingen åtgärd i handlingsplanerna hade sista dag under {}.",
                c.year
            )
        } else {
            format!("No action-plan measure was due in {}.", c.year)
        })));
        return;
    }
    let count = |st: fn(&State) -> bool| due.iter().filter(|(_, _, x)| st(x)).count();
    // (count, Swedish singular and plural, English singular and plural)
    type Part<'w> = (usize, (&'w str, &'w str), (&'w str, &'w str));
    let parts: Vec<Part> = vec![
        (
            count(|x| matches!(x, State::Done(_))),
            ("genomförd", "genomförda"),
            ("done", "done"),
        ),
        (
            count(|x| *x == State::Overdue),
            ("försenad", "försenade"),
            ("overdue", "overdue"),
        ),
        (
            count(|x| matches!(x, State::Ongoing | State::Planned)),
            ("ej slutförd", "ej slutförda"),
            ("not completed", "not completed"),
        ),
        (
            count(|x| *x == State::Cancelled),
            ("avbruten", "avbrutna"),
            ("cancelled", "cancelled"),
        ),
    ];
    let shown: Vec<String> = parts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, sv, en)| {
            let w = if c.sv() {
                if *n == 1 {
                    sv.0
                } else {
                    sv.1
                }
            } else if *n == 1 {
                en.0
            } else {
                en.1
            };
            format!("{} {w}", c.n(*n))
        })
        .collect();
    let total = c.count(due.len(), ("åtgärd", "åtgärder"), ("measure", "measures"));
    s.blocks.push(Block::Para(Text::plain(if c.sv() {
        format!(
            "Av {total} med sista dag under {} var {} den 31 december.",
            c.year,
            c.join(&shown)
        )
    } else {
        format!(
            "Of {total} due in {}, {} on 31 December.",
            c.year,
            c.join(&shown)
        )
    })));
    let mut t = Table::new(
        vec![
            c.t("Åtgärd", "Measure").into(),
            c.t("Handlingsplan", "Action plan").into(),
            c.t("Sista dag", "Due").into(),
            c.t("Status 31 december", "Status 31 December").into(),
        ],
        vec![Align::Left, Align::Left, Align::Right, Align::Left],
    );
    for (plan, it, st) in &due {
        t.row(
            vec![
                item_str(it, "measure").unwrap_or("").to_string(),
                c.record_name(plan),
                item_str(it, "due").unwrap_or("").to_string(),
                st.label(c),
            ],
            item_str(it, "id").and_then(|id| c.note(&[id])),
        );
    }
    s.blocks.push(Block::Table(t));
}

/// Measures and improvements not completed on 31 December: next year's work.
fn carried_over(c: &Ctx, s: &mut Section) {
    let mut rows: Vec<(Option<Date>, String, String, String, State, String)> = Vec::new();
    let mut from_plans: Vec<&str> = Vec::new();
    for (plan, it) in measures(c, c.end) {
        let st = item_state(it, c.end);
        if !st.open() {
            continue;
        }
        let id = item_str(it, "id").unwrap_or("");
        from_plans.push(id);
        rows.push((
            item_day(it, "due"),
            item_str(it, "measure").unwrap_or("").to_string(),
            item_str(it, "owner").unwrap_or("–").to_string(),
            c.record_name(plan),
            st,
            id.to_string(),
        ));
    }
    for r in c.all("Improvement") {
        if improvement_state(r, c.end).open()
            && !strs(r, "sources").iter().any(|s| from_plans.contains(s))
        {
            rows.push((
                None,
                c.record_name(r),
                text(r, "owner").unwrap_or("–").to_string(),
                c.t("förbättringsåtgärd", "improvement").to_string(),
                State::Ongoing,
                r.id.clone(),
            ));
        }
    }
    if rows.is_empty() {
        return;
    }
    rows.sort_by(|a, b| (a.0.is_none(), a.0, &a.5).cmp(&(b.0.is_none(), b.0, &b.5)));
    s.blocks.push(Block::Sub(if c.sv() {
        format!("Åtgärder som förs över till {}", c.year + 1)
    } else {
        format!("Measures carried over to {}", c.year + 1)
    }));
    s.blocks.push(Block::Para(Text::plain(if c.sv() {
        format!(
            "Den 31 december återstod {}.",
            c.count(rows.len(), ("åtgärd", "åtgärder"), ("measure", "measures"))
        )
    } else {
        format!(
            "On 31 December, {} remained.",
            c.count(rows.len(), ("measure", "measures"), ("measure", "measures"))
        )
    })));
    let mut t = Table::new(
        vec![
            c.t("Åtgärd", "Measure").into(),
            c.t("Ansvarig", "Owner").into(),
            c.t("Sista dag", "Due").into(),
            c.t("Status 31 december", "Status 31 December").into(),
        ],
        vec![Align::Left, Align::Left, Align::Right, Align::Left],
    );
    for (due, measure, owner, _, st, id) in rows {
        t.row(
            vec![
                measure,
                owner,
                due.map(|d| d.to_string()).unwrap_or_else(|| "–".into()),
                st.label(c),
            ],
            c.note(&[id]),
        );
    }
    s.blocks.push(Block::Table(t));
}

//! Training and awareness ("Utbildning och informationsinsatser"): each training running
//! in the year with its completion among the target group, as followed up by 31 December.

use super::context::{day, flag, int, text, Ctx};
use super::document::{Align, Block, Part, Section, Table};
use super::front::commentary;
use crate::evidence::Record;

/// Completed and population of a training, when followed up by 31 December.
pub(super) fn completion(c: &Ctx, r: &Record) -> Option<(i64, i64)> {
    if day(r, "followed_up").is_some_and(|d| d > c.end) {
        return None;
    }
    Some((int(r, "completed")?, int(r, "population")?))
}

pub(super) fn running<'a>(c: &Ctx<'a>, year: i16) -> Vec<&'a Record> {
    let (Ok(start), Ok(end)) = (
        jiff::civil::Date::new(year, 1, 1),
        jiff::civil::Date::new(year, 12, 31),
    ) else {
        return Vec::new();
    };
    c.all("Training")
        .iter()
        .copied()
        .filter(|r| {
            day(r, "period_start").is_some_and(|d| d <= end)
                && day(r, "period_end").is_some_and(|d| d >= start)
        })
        .collect()
}

pub(super) fn section(c: &Ctx) -> Option<Section> {
    let trs = running(c, c.year);
    if trs.is_empty() {
        return None;
    }
    let mut s = Section::new(
        "training",
        c.t(
            "Utbildning och informationsinsatser",
            "Training and awareness",
        ),
        Part::Context,
    );
    commentary(c, &mut s);
    let mut t = Table::new(
        vec![
            c.t("Utbildning", "Training").into(),
            c.t("Obligatorisk", "Mandatory").into(),
            c.t("Genomförd", "Completed").into(),
            c.t("Målgrupp", "Target group").into(),
            c.t("Andel", "Share").into(),
        ],
        vec![
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
        ],
    );
    for r in &trs {
        let (done, pop, share) = match completion(c, r) {
            Some((d, p)) => (c.int(d), c.int(p), c.percent(d, p)),
            None if r.unknown.contains(&"completed") => (
                "–".into(),
                int(r, "population")
                    .map(|p| c.int(p))
                    .unwrap_or_else(|| "–".into()),
                c.unknown().to_string(),
            ),
            None => (
                "–".into(),
                int(r, "population")
                    .map(|p| c.int(p))
                    .unwrap_or_else(|| "–".into()),
                c.t("ej uppföljd", "not followed up").to_string(),
            ),
        };
        t.row(
            vec![
                text(r, "title").unwrap_or("").to_string(),
                if flag(r, "mandatory") {
                    c.t("ja", "yes")
                } else {
                    c.t("nej", "no")
                }
                .into(),
                done,
                pop,
                share,
            ],
            c.note(&[r.id.as_str()]),
        );
    }
    s.blocks.push(Block::Table(t));
    Some(s)
}

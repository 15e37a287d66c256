//! Continuity plans and exercises ("Kontinuitetsplaner och övningar"): each plan adopted by
//! 31 December and when it was last exercised then.

use super::context::{day, text, AsOf, Ctx};
use super::document::{Block, Part, Section, Table};
use super::front::commentary;

pub(super) fn section(c: &Ctx) -> Option<Section> {
    let plans = c.all("ContinuityPlan");
    if plans.is_empty() {
        return None;
    }
    let mut s = Section::new(
        "continuity",
        c.t(
            "Kontinuitetsplaner och övningar",
            "Continuity plans and exercises",
        ),
        Part::Context,
    );
    commentary(c, &mut s);
    let mut t = Table::figures(vec![
        c.t("Kontinuitetsplan", "Continuity plan").into(),
        c.t("Fastställd", "Adopted").into(),
        c.t("Senast övad", "Last exercised").into(),
    ]);
    for r in plans {
        let ex = match c.as_of(r, "last_exercised", Some("exercise_history"), c.end) {
            AsOf::Known(d) if d.year() == c.year => {
                format!("{d} ({})", c.t("under året", "this year"))
            }
            AsOf::Known(d) => d.to_string(),
            AsOf::Unknown => c.unknown().to_string(),
            AsOf::Never => c.t("inte övad", "not exercised").to_string(),
        };
        t.row(
            vec![
                text(r, "title").unwrap_or("").to_string(),
                day(r, "adopted")
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "–".into()),
                ex,
            ],
            c.note(&[r.id.as_str()]),
        );
    }
    s.blocks.push(Block::Table(t));
    Some(s)
}

//! Development over time ("Utveckling över tid"): the key figures for every year the
//! evidence covers, as a table (one row per year) and as a chart per figure.

use super::context::{int, Ctx};
use super::document::{Align, Block, Chart, Part, Section, Table, Text};
use super::front::commentary;
use super::{follow_ups, incidents, training};

/// One key figure over the years: label, then per year the value (`None`: no data).
struct Figure {
    label: String,
    values: Vec<Option<f64>>,
    percent: bool,
}

fn figures(c: &Ctx, years: &[i16]) -> Vec<Figure> {
    let per = |f: &dyn Fn(i16) -> Option<f64>| years.iter().map(|y| f(*y)).collect();
    let count = |n: usize| Some(n as f64);
    vec![
        Figure {
            label: c.t("Riskanalyser", "Risk analyses").into(),
            values: per(&|y| count(c.dated("RiskAnalysis", "performed", y).len())),
            percent: false,
        },
        Figure {
            label: c.t("Incidenter", "Incidents").into(),
            values: per(&|y| count(c.dated("Incident", "detected", y).len())),
            percent: false,
        },
        Figure {
            label: c
                .t(
                    "Incidenter med vårdskada eller risk för vårdskada",
                    "Incidents with or risking patient harm",
                )
                .into(),
            values: per(&|y| {
                let s = incidents::Stats::of(c, y);
                count(s.caused.len() + s.could.len())
            }),
            percent: false,
        },
        Figure {
            label: c
                .t(
                    "Personuppgiftsincidenter anmälda till IMY",
                    "Personal-data breaches notified to IMY",
                )
                .into(),
            values: per(&|y| {
                count(
                    incidents::Stats::of(c, y)
                        .personal_data
                        .iter()
                        .filter(|r| {
                            super::context::day(r, "imy_reported").is_some_and(|d| d <= c.end)
                        })
                        .count(),
                )
            }),
            percent: false,
        },
        Figure {
            label: c.t("Uppföljningar", "Follow-ups").into(),
            values: per(&|y| count(follow_ups::count(c, y))),
            percent: false,
        },
        Figure {
            label: c
                .t(
                    "Obehöriga åtkomster i logguppföljningen",
                    "Unauthorised access found by log reviews",
                )
                .into(),
            values: per(&|y| {
                Some(
                    c.dated("LogReview", "performed", y)
                        .iter()
                        .filter_map(|r| int(r, "unauthorised_access"))
                        .sum::<i64>() as f64,
                )
            }),
            percent: false,
        },
        Figure {
            label: c
                .t("Genomförda förbättringsåtgärder", "Improvements completed")
                .into(),
            values: per(&|y| count(c.dated("Improvement", "done", y).len())),
            percent: false,
        },
        Figure {
            label: c
                .t(
                    "Genomförd obligatorisk utbildning (%)",
                    "Mandatory training completed (%)",
                )
                .into(),
            values: per(&|y| {
                let (mut done, mut pop) = (0, 0);
                for r in training::running(c, y) {
                    let ends_in_year =
                        super::context::day(r, "period_end").is_some_and(|d| d.year() == y);
                    if !ends_in_year || !super::context::flag(r, "mandatory") {
                        continue;
                    }
                    if let Some((d, p)) = training::completion(c, r) {
                        done += d;
                        pop += p;
                    }
                }
                (pop > 0).then(|| done as f64 * 100.0 / pop as f64)
            }),
            percent: true,
        },
    ]
}

fn shown(c: &Ctx, f: &Figure, v: Option<f64>) -> String {
    match v {
        None => "–".into(),
        Some(x) if f.percent => crate::typography::decimal(x, 1, c.lang),
        Some(x) => c.int(x.round() as i64),
    }
}

pub(super) fn section(c: &Ctx) -> Option<Section> {
    let years: Vec<i16> = (c.first_year..=c.year).collect();
    if years.len() < 2 {
        return None;
    }
    let figs = figures(c, &years);
    let mut s = Section::new(
        "trends",
        c.t("Utveckling över tid", "Development over time"),
        Part::Context,
    );
    commentary(c, &mut s);
    s.blocks.push(Block::Para(Text::plain(if c.sv() {
        format!(
            "Nyckeltalen för varje år som underlaget omfattar, {}–{}. Varje år räknas på samma sätt som i denna berättelse.",
            years[0], c.year
        )
    } else {
        format!(
            "The key figures for every year the evidence covers, {}–{}, each counted as in this report.",
            years[0], c.year
        )
    })));
    // A figure per row reads like the summary's table; with many years the table turns
    // round (a row per year) so that it never grows wider than the page.
    if years.len() <= 10 {
        let mut head = vec![c.t("Nyckeltal", "Key figure").to_string()];
        head.extend(years.iter().map(|y| y.to_string()));
        let mut align = vec![Align::Left];
        align.extend(years.iter().map(|_| Align::Right));
        let mut t = Table::new(head, align);
        for f in &figs {
            let mut cells = vec![f.label.clone()];
            cells.extend(f.values.iter().map(|v| shown(c, f, *v)));
            t.row(cells, None);
        }
        s.blocks.push(Block::Table(t));
    } else {
        let mut head = vec![c.t("År", "Year").to_string()];
        head.extend(figs.iter().map(|f| f.label.clone()));
        let mut align = vec![Align::Left];
        align.extend(figs.iter().map(|_| Align::Right));
        let mut t = Table::new(head, align);
        for (i, y) in years.iter().enumerate() {
            let mut cells = vec![y.to_string()];
            cells.extend(figs.iter().map(|f| shown(c, f, f.values[i])));
            t.row(cells, None);
        }
        s.blocks.push(Block::Table(t));
    }
    let charts = figs
        .iter()
        .map(|f| Chart {
            title: f.label.clone(),
            bars: years
                .iter()
                .zip(&f.values)
                .map(|(y, v)| (y.to_string(), v.unwrap_or(0.0), shown(c, f, *v)))
                .collect(),
        })
        .collect();
    s.blocks.push(Block::Charts(charts));
    Some(s)
}

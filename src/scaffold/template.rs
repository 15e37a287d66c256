//! Record templates generated from the format table (`evidence::schema`), so a template can
//! never name a field the validator refuses, and a new field appears in them by itself.
//!
//! Required fields are written out: dates with today's date, everything else empty, so that
//! `kravkoll check` points at each one still to fill in (a required field left empty is an
//! error) instead of accepting a placeholder as if it were evidence. Optional fields follow
//! as comments.

use std::fmt::Write;

use crate::evidence::schema::{self, Field, Kind, Ty};

use super::layout::comment;

/// Values a template may fill in for the coordinator.
pub struct Today {
    /// `YYYY-MM-DD` in the organisation's time zone.
    pub date: String,
    /// `YYYY-MM-DDTHH:MM`, local time in the organisation's time zone.
    pub local_time: String,
    pub year: i16,
}

/// A YAML scalar for `text`, quoted only when YAML would otherwise read it as something
/// else (`yaml_serde` knows when).
pub fn scalar(text: &str) -> String {
    yaml_serde::to_string(text)
        .map(|s| s.trim_end().to_string())
        .unwrap_or_else(|_| format!("{text:?}"))
}

const COLUMN: usize = 30;

fn line(out: &mut String, indent: &str, commented: bool, key: &str, value: &str, note: &str) {
    let hash = if commented { "# " } else { "" };
    let head = if value.is_empty() {
        format!("{indent}{hash}{key}:")
    } else {
        format!("{indent}{hash}{key}: {value}")
    };
    let width = head.chars().count();
    let pad = if width < COLUMN { COLUMN - width } else { 1 };
    let _ = writeln!(out, "{head}{}# {note}", " ".repeat(pad));
}

fn prefill(f: &Field, today: &Today) -> String {
    match f.ty {
        Ty::Date => today.date.clone(),
        Ty::DateTime => today.local_time.clone(),
        Ty::Int { .. } if f.name == "year" => (today.year - 1).to_string(),
        _ => String::new(),
    }
}

fn nested(out: &mut String, kind: &Kind, fields: &[Field], id: &str, today: &Today) {
    let mut first = true;
    for f in fields.iter().filter(|f| f.required) {
        let indent = if first { "  - " } else { "    " };
        first = false;
        let value = if f.name == "id" {
            id.to_string()
        } else {
            prefill(f, today)
        };
        line(out, indent, false, f.name, &value, &comment(kind, f));
    }
    for f in fields.iter().filter(|f| !f.required) {
        line(out, "    ", true, f.name, "", &comment(kind, f));
    }
}

/// A new record of `kind` with id `id`. `schema` is the path of `evidence.schema.json`
/// relative to the record's folder, for yaml-language-server.
pub fn record(kind: &Kind, id: &str, today: &Today, schema: Option<&str>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} ({}), skapad med kravkoll new {}.",
        capitalise(kind.sv),
        kind.name,
        today.date
    );
    let _ = writeln!(
        out,
        "# Fyll i de tomma fälten: kravkoll check visar vilka som fortfarande saknas."
    );
    let _ = writeln!(
        out,
        "# Fälten beskrivs i docs/evidence-format.md under {}.",
        kind.name
    );
    if let Some(path) = schema {
        let _ = writeln!(out, "# yaml-language-server: $schema={path}");
    }
    let _ = writeln!(out, "kind: {}", kind.name);
    line(
        &mut out,
        "",
        false,
        "id",
        id,
        &comment(kind, &schema::COMMON[1]),
    );
    for f in kind.fields.iter().filter(|f| f.required) {
        match f.ty {
            Ty::Items(fields) => {
                line(&mut out, "", false, f.name, "", &comment(kind, f));
                nested(&mut out, kind, fields, &format!("{id}-1"), today);
            }
            _ => line(
                &mut out,
                "",
                false,
                f.name,
                &prefill(f, today),
                &comment(kind, f),
            ),
        }
    }
    let optional: Vec<&Field> = schema::COMMON
        .iter()
        .filter(|f| !f.required && f.name != "extra")
        .chain(kind.fields.iter().filter(|f| !f.required))
        .collect();
    if !optional.is_empty() {
        let _ = writeln!(
            out,
            "# Frivilliga fält: ta bort # framför dem du vill använda."
        );
        for f in optional {
            line(&mut out, "", true, f.name, "", &comment(kind, f));
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::schema::KINDS;
    use crate::evidence::validate::{self, Validator};
    use crate::evidence::yaml::parse_documents;

    fn today() -> Today {
        Today {
            date: "2026-12-01".into(),
            local_time: "2026-12-01T09:30".into(),
            year: 2026,
        }
    }

    #[test]
    fn every_template_parses_and_asks_only_for_the_empty_required_fields() {
        let tz = jiff::tz::TimeZone::UTC;
        for kind in KINDS {
            let text = record(kind, "x-1", &today(), Some("../../evidence.schema.json"));
            let docs =
                parse_documents(&text).unwrap_or_else(|e| panic!("{}: {e:?}\n{text}", kind.name));
            assert_eq!(docs.len(), 1, "{}", kind.name);
            let mut v = Validator::new("t.yaml", &tz);
            validate::record(&mut v, &docs[0]);
            // The only problems are required fields left empty for the coordinator: no
            // unknown field, no wrong type, no prefilled value the validator refuses.
            for p in &v.out.problems {
                assert!(
                    p.code == "kravkoll::evidence::missing-field",
                    "{}: {}\n{text}",
                    kind.name,
                    p.message
                );
            }
            let required = kind.fields.iter().filter(|f| f.required).count();
            assert!(text.lines().count() > required, "{}", kind.name);
        }
    }

    #[test]
    fn dates_are_today_and_optional_fields_are_comments() {
        let k = schema::kind("LogReview").unwrap();
        let text = record(k, "lr-2026-12-01", &today(), None);
        assert!(text.contains("\nperformed: 2026-12-01"), "{text}");
        assert!(text.contains("\nsystem:"), "{text}");
        assert!(text.contains("\n# anomalies:"), "{text}");
        let k = schema::kind("ActionPlan").unwrap();
        let text = record(k, "ap-1", &today(), None);
        assert!(text.contains("  - id: ap-1-1"), "{text}");
        assert!(text.contains("    due: 2026-12-01"), "{text}");
    }

    #[test]
    fn scalars_are_quoted_only_when_yaml_would_misread_them() {
        assert_eq!(scalar("Journalsystemet"), "Journalsystemet");
        assert_ne!(scalar("010"), "010");
        assert_ne!(scalar("Mål 2025: säker e-post"), "Mål 2025: säker e-post");
    }
}

//! A cell to a field value, by the field's type in the format table. The result is what the
//! evidence validator produces for the same value written by hand, so an imported record
//! and a hand-written one are the same to the controls.

use serde_json::Value;

use super::mapping::Mapping;
use super::table::Cell;
use crate::diagnostics::did_you_mean;
use crate::evidence::schema::Ty;
use crate::evidence::validate::{
    date_in_range, parse_date, parse_datetime, DateTimeError, EARLIEST_DATE, LATEST_DATE,
};

/// Why a cell cannot be the field's value, and what to write instead.
pub struct Bad {
    pub message: String,
    pub help: String,
}

fn bad(message: String, help: impl Into<String>) -> Bad {
    Bad {
        message,
        help: help.into(),
    }
}

fn number_text(t: &str) -> String {
    t.trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect()
}

/// The value of `cell` for a field of type `ty`; `None` when the cell is empty.
pub fn value(
    cell: &Cell,
    ty: &Ty,
    m: &Mapping,
    tz: &jiff::tz::TimeZone,
) -> Result<Option<Value>, Bad> {
    if cell.is_empty() {
        return Ok(None);
    }
    let text = cell.shown().trim().to_string();
    let v = match ty {
        Ty::Str | Ty::Ref(_) | Ty::Board | Ty::BoardOrOrganisation | Ty::OpenEnum(_) => Value::String(text),
        Ty::Bool => match cell {
            Cell::Bool(b) => Value::Bool(*b),
            _ => {
                let lower = text.to_lowercase();
                if m.true_values.contains(&lower) {
                    Value::Bool(true)
                } else if m.false_values.contains(&lower) {
                    Value::Bool(false)
                } else {
                    return Err(bad(
                        format!("expected yes or no, found `{text}`"),
                        format!(
                            "write one of {} for yes and {} for no (true_values and false_values in the mapping)",
                            m.true_values.join(", "),
                            m.false_values.join(", ")
                        ),
                    ));
                }
            }
        },
        Ty::Date => match cell {
            Cell::DateTime(d, _, _) => Value::String(d.to_string()),
            _ => match parse_date(&text) {
                Some(d) if date_in_range(&d) => Value::String(d),
                Some(_) => return Err(bad(out_of_range(&text), "check the year")),
                None => {
                    return Err(bad(
                        format!("expected a date, found `{text}`"),
                        "write the date as 2025-03-31, or format the column as a date in the spreadsheet",
                    ))
                }
            },
        },
        Ty::DateTime => {
            let local = match cell {
                Cell::DateTime(d, h, min) => format!("{d}T{h:02}:{min:02}"),
                _ => text.replacen(' ', "T", 1),
            };
            match parse_datetime(&local, tz) {
                Ok(dt) => Value::String(dt),
                Err(DateTimeError::OutOfRange) => return Err(bad(out_of_range(&text), "check the year")),
                Err(DateTimeError::Format(help)) => {
                    return Err(bad(format!("expected a date and time, found `{text}`"), help))
                }
            }
        }
        Ty::Int { min, max } => {
            let n = match cell {
                Cell::Number(f) if f.fract() == 0.0 && f.abs() < 9e15 => Some(*f as i64),
                _ => number_text(&text).parse::<i64>().ok(),
            };
            match n {
                Some(n) if n >= *min && n <= *max => Value::from(n),
                _ => {
                    let range = if *max == i64::MAX {
                        format!("a whole number from {min}")
                    } else {
                        format!("a whole number from {min} to {max}")
                    };
                    return Err(bad(format!("expected {range}, found `{text}`"), "write digits only, e.g. 6100"));
                }
            }
        }
        Ty::Num { min, max } => {
            let n = match cell {
                Cell::Number(f) => Some(*f),
                _ => number_text(&text).parse::<f64>().ok(),
            };
            match n.and_then(serde_json::Number::from_f64) {
                Some(num) if num.as_f64().is_some_and(|f| f >= *min && f <= *max) => Value::Number(num),
                _ => return Err(bad(format!("expected a number from {min} to {max}, found `{text}`"), "write e.g. 0,5 or 0.5")),
            }
        }
        Ty::Enum(words) => {
            let lower = text.to_lowercase();
            match words.iter().find(|w| **w == lower) {
                Some(w) => Value::String(w.to_string()),
                None => {
                    let hint = did_you_mean(&text, words.iter().copied())
                        .unwrap_or_else(|| format!("write one of {}", words.join(", ")));
                    return Err(bad(format!("`{text}` is not one of {}", words.join(", ")), hint));
                }
            }
        }
        Ty::List(inner) => {
            let mut items = Vec::new();
            for part in text.split(m.list_separator.as_str()).map(str::trim).filter(|p| !p.is_empty()) {
                if let Some(v) = value(&Cell::Text(part.to_string()), inner, m, tz)? {
                    items.push(v);
                }
            }
            if items.is_empty() {
                return Ok(None);
            }
            Value::Array(items)
        }
        Ty::Object(_) | Ty::Items(_) | Ty::Free => {
            return Err(bad("this field cannot be imported from a column".into(), "write it by hand"))
        }
    };
    Ok(Some(v))
}

/// A value as YAML text, the way a person would write it.
pub fn yaml(v: &Value) -> String {
    match v {
        Value::String(s) => crate::scaffold::template::scalar(s),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| match i {
                    // Inside a flow list a comma or bracket would end the item: quote it.
                    Value::String(s) if s.contains([',', '[', ']', '{', '}', '#', '"']) => {
                        serde_json::to_string(s).unwrap_or_default()
                    }
                    other => yaml(other),
                })
                .collect();
            format!("[{}]", parts.join(", "))
        }
        other => other.to_string(),
    }
}

fn out_of_range(text: &str) -> String {
    format!("`{text}` is outside the dates kravkoll evaluates ({EARLIEST_DATE} to {LATEST_DATE})")
}

//! A package's `findings` value, as regorus returns it, read straight into raw findings:
//! one pass over the value, where going through `serde_json::Value` built every finding
//! twice (77 000 of them at 100 000 records).

use regorus::Value;

use super::{EvalError, Messages, RawFinding};
use crate::evidence::Lang;

/// A package's `findings` value as raw findings, in the order of the set (sorted, as its
/// JSON form would list them). With `keep`, only that language's message is kept (the other
/// is checked and left empty): a report is in one language, and the messages of the other
/// were a fifth of a large check's peak memory.
pub(super) fn findings(
    rule: &str,
    value: &Value,
    keep: Option<Lang>,
) -> Result<Vec<RawFinding>, EvalError> {
    let items: Vec<&Value> = match value {
        Value::Undefined => return Ok(Vec::new()),
        Value::Set(s) => s.iter_sorted().collect(),
        Value::Array(a) => a.iter().collect(),
        other => {
            return Err(EvalError(format!(
                "{rule} must be a set of findings, got {}",
                json(other)
            )))
        }
    };
    items
        .into_iter()
        .map(|item| {
            finding(item, keep).map_err(|why| {
                EvalError(format!(
                    "{rule} produced a malformed finding ({why}): {}",
                    json(item)
                ))
            })
        })
        .collect()
}

/// The value as JSON text, for a message about it.
fn json(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| format!("<{e}>"))
}

const FIELDS: [&str; 6] = [
    "control",
    "record",
    "item",
    "field",
    "event_date",
    "message",
];

fn finding(item: &Value, keep: Option<Lang>) -> Result<RawFinding, String> {
    let Value::Object(fields) = item else {
        return Err("expected an object".into());
    };
    let mut f = RawFinding {
        control: String::new(),
        record: None,
        item: None,
        field: None,
        event_date: None,
        message: Messages {
            sv: String::new(),
            en: String::new(),
        },
        policy: Default::default(),
    };
    let (mut control, mut message) = (false, false);
    for (key, value) in fields.iter_sorted() {
        let Value::String(key) = key else {
            return Err(format!("a key is not a string: {}", json(key)));
        };
        match key.as_ref() {
            "control" => {
                f.control = string(key, value)?;
                control = true;
            }
            "record" => f.record = optional(key, value)?,
            "item" => f.item = optional(key, value)?,
            "field" => f.field = optional(key, value)?,
            "event_date" => f.event_date = optional(key, value)?,
            "message" => {
                f.message = messages(value, keep)?;
                message = true;
            }
            other => {
                return Err(format!(
                    "unknown field `{other}`, expected one of {}",
                    FIELDS.map(|f| format!("`{f}`")).join(", ")
                ))
            }
        }
    }
    match (control, message) {
        (false, _) => Err("missing field `control`".into()),
        (_, false) => Err("missing field `message`".into()),
        _ => Ok(f),
    }
}

fn string(key: &str, v: &Value) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s.to_string()),
        other => Err(format!("`{key}` must be a string, got {}", json(other))),
    }
}

/// [`string`], or an empty one when the text is not `wanted`.
fn kept(key: &str, v: &Value, wanted: bool) -> Result<String, String> {
    match v {
        Value::String(_) if !wanted => Ok(String::new()),
        other => string(key, other),
    }
}

fn optional(key: &str, v: &Value) -> Result<Option<String>, String> {
    match v {
        Value::Null => Ok(None),
        other => string(key, other).map(Some),
    }
}

/// `message`: both texts (`{"sv": …, "en": …}`), or both templates and their arguments
/// (`{"sv": …, "en": …, "args": […]}`, [`super::message`]), rendered in the kept language
/// only.
fn messages(v: &Value, keep: Option<Lang>) -> Result<Messages, String> {
    let Value::Object(fields) = v else {
        return Err(format!(
            "`message` must be an object with `sv` and `en`, got {}",
            json(v)
        ));
    };
    let (mut sv, mut en, mut args) = (None, None, None);
    for (key, value) in fields.iter_sorted() {
        match key {
            Value::String(k) if k.as_ref() == "sv" => sv = Some(value),
            Value::String(k) if k.as_ref() == "en" => en = Some(value),
            Value::String(k) if k.as_ref() == "args" => match value {
                Value::Array(a) => args = Some(a),
                other => {
                    return Err(format!(
                        "`message.args` must be an array, got {}",
                        json(other)
                    ))
                }
            },
            other => {
                return Err(format!(
                    "unknown field {} in `message`, expected `sv` and `en` (and `args`)",
                    json(other)
                ))
            }
        }
    }
    let (Some(sv), Some(en)) = (sv, en) else {
        return Err("`message` needs both `sv` and `en`".into());
    };
    let text = |key: &str, value: &Value, lang: Lang| -> Result<String, String> {
        let wanted = keep.is_none_or(|k| k == lang);
        match (args, value) {
            (Some(args), Value::String(format)) if wanted => {
                let args: Vec<&Value> = args.iter().collect();
                super::message::render(format, &args, lang).map_err(|why| format!("`{key}`: {why}"))
            }
            // A text, a template not wanted, or not a string: as a text.
            _ => kept(key, value, wanted),
        }
    };
    Ok(Messages {
        sv: text("message.sv", sv, Lang::Sv)?,
        en: text("message.en", en, Lang::En)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Vec<RawFinding>, EvalError> {
        let v = Value::from_json_str(json).expect("json");
        findings("data.x.findings", &v, None)
    }

    #[test]
    fn reads_every_field_and_nulls() {
        let got = read(
            r#"[{"control": "PDL-4.3/c1", "record": "sys-a", "item": "i1", "field": "f",
                 "event_date": "2025-01-02", "message": {"sv": "Fel", "en": "Wrong"}},
                {"control": "X/c1", "record": null, "message": {"sv": "s", "en": "e"}}]"#,
        )
        .expect("reads");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].control, "PDL-4.3/c1");
        assert_eq!(got[0].record.as_deref(), Some("sys-a"));
        assert_eq!(got[0].item.as_deref(), Some("i1"));
        assert_eq!(got[0].field.as_deref(), Some("f"));
        assert_eq!(got[0].event_date.as_deref(), Some("2025-01-02"));
        assert_eq!(
            (got[0].message.sv.as_str(), got[0].message.en.as_str()),
            ("Fel", "Wrong")
        );
        assert_eq!(got[1].record, None);
        assert!(read("null").is_err());
        assert!(findings("r", &Value::Undefined, None)
            .expect("empty")
            .is_empty());
    }

    #[test]
    fn malformed_findings_are_named() {
        for (json, why) in [
            (
                r#"[{"message": {"sv": "s", "en": "e"}}]"#,
                "missing field `control`",
            ),
            (r#"[{"control": "X"}]"#, "missing field `message`"),
            (
                r#"[{"control": 1, "message": {"sv": "s", "en": "e"}}]"#,
                "`control` must be a string",
            ),
            (
                r#"[{"control": "X", "message": {"sv": "s"}}]"#,
                "needs both `sv` and `en`",
            ),
            (
                r#"[{"control": "X", "extra": 1, "message": {"sv": "s", "en": "e"}}]"#,
                "unknown field `extra`",
            ),
            (r#"["X"]"#, "expected an object"),
        ] {
            let e = read(json).expect_err(json).0;
            assert!(
                e.contains(why) && e.contains("data.x.findings"),
                "{json}: {e}"
            );
        }
    }

    #[test]
    fn keeps_one_language_and_still_checks_the_other() {
        let v = Value::from_json_str(
            r#"[{"control": "X/c1", "record": null, "message": {"sv": "Fel", "en": "Wrong"}}]"#,
        )
        .expect("json");
        let sv = findings("r", &v, Some(Lang::Sv)).expect("reads");
        assert_eq!(
            (sv[0].message.sv.as_str(), sv[0].message.en.as_str()),
            ("Fel", "")
        );
        let en = findings("r", &v, Some(Lang::En)).expect("reads");
        assert_eq!(
            (en[0].message.sv.as_str(), en[0].message.en.as_str()),
            ("", "Wrong")
        );
        let bad = Value::from_json_str(
            r#"[{"control": "X/c1", "record": null, "message": {"sv": "Fel", "en": 3}}]"#,
        )
        .expect("json");
        let e = findings("r", &bad, Some(Lang::Sv))
            .expect_err("en is not a string")
            .0;
        assert!(e.contains("`message.en` must be a string"), "{e}");
    }
}

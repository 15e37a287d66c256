//! Functions kravkoll adds to Rego, so that numbers in finding messages read the way each
//! language writes them (decimal comma and thousands space in Swedish, number agreement) and
//! every interval a message names says whose value it is. Policies call them through
//! `data.kravkoll.lib` (`lib.number`, `lib.quantity`, `lib.interval_text`); the functions
//! return both languages at once because a finding carries its message in both.
//!
//! Registered on every engine kravkoll builds (checks and `kravkoll test`).

use std::collections::BTreeMap;

use regorus::Value;

use crate::evidence::Lang;
use crate::intervals;
use crate::typography;

fn both(f: impl Fn(Lang) -> String) -> Value {
    let map: BTreeMap<Value, Value> = [Lang::Sv, Lang::En]
        .into_iter()
        .map(|l| (Value::from(l.code()), Value::from(f(l))))
        .collect();
    Value::from(map)
}

fn number_arg(v: &Value, what: &str) -> anyhow::Result<f64> {
    v.as_f64()
        .map_err(|_| anyhow::anyhow!("{what} must be a number, got {v}"))
}

/// Decimal places asked for: a whole number from 0 to 6.
fn places_arg(v: &Value) -> anyhow::Result<usize> {
    match v.as_i64() {
        Ok(n) if (0..=6).contains(&n) => Ok(n as usize),
        _ => anyhow::bail!("places must be a whole number from 0 to 6, got {v}"),
    }
}

/// As many decimals as the value has, up to one: `3 257,2`, `80`.
fn auto_places(x: f64) -> usize {
    if (x - x.round()).abs() < 1e-9 {
        0
    } else {
        1
    }
}

/// The nouns of a unit kravkoll's messages count in, singular and plural.
fn nouns(unit: &str, lang: Lang) -> Option<(&'static str, &'static str)> {
    Some(match (unit, lang) {
        ("months", Lang::Sv) => ("månad", "månader"),
        ("months", Lang::En) => ("month", "months"),
        ("full_months", Lang::Sv) => ("hel månad", "hela månader"),
        ("full_months", Lang::En) => ("full month", "full months"),
        ("hours", Lang::Sv) => ("timme", "timmar"),
        ("hours", Lang::En) => ("hour", "hours"),
        ("days", Lang::Sv) => ("dag", "dagar"),
        ("days", Lang::En) => ("day", "days"),
        ("times", Lang::Sv) => ("gång", "gånger"),
        ("times", Lang::En) => ("time", "times"),
        ("cases", Lang::Sv) => ("fall", "fall"),
        ("cases", Lang::En) => ("case", "cases"),
        _ => return None,
    })
}

/// `x` with its unit in the right number: `1 timme`, `3 257,2 timmar`, `90 %`.
pub fn quantity(x: f64, unit: &str, lang: Lang) -> Option<String> {
    if unit == "percent" {
        return Some(typography::percent(x, lang));
    }
    let (one, many) = nouns(unit, lang)?;
    let n = typography::decimal(x, auto_places(x), lang);
    let noun = if n == "1" { one } else { many };
    Some(format!("{n} {noun}"))
}

const UNITS: &str = "months, full_months, hours, days, percent, times or cases";

/// Registers the extensions on `engine`.
pub fn register(engine: &mut regorus::Engine) -> anyhow::Result<()> {
    // kravkoll.number(x, places): {"sv": "3 257,2", "en": "3,257.2"}.
    engine.add_extension(
        "kravkoll.number".into(),
        2,
        Box::new(|params: Vec<Value>| {
            let x = number_arg(&params[0], "the number")?;
            let places = places_arg(&params[1])?;
            Ok(both(|l| typography::decimal(x, places, l)))
        }),
    )?;
    // kravkoll.quantity(x, unit): {"sv": "1 timme", "en": "1 hour"}.
    engine.add_extension(
        "kravkoll.quantity".into(),
        2,
        Box::new(|params: Vec<Value>| {
            let x = number_arg(&params[0], "the quantity")?;
            let unit = params[1]
                .as_string()
                .map_err(|_| anyhow::anyhow!("the unit must be a string ({UNITS})"))?
                .to_string();
            if nouns(&unit, Lang::Sv).is_none() && unit != "percent" {
                anyhow::bail!("unknown unit `{unit}` (use {UNITS})");
            }
            Ok(both(|l| quantity(x, &unit, l).unwrap_or_default()))
        }),
    )?;
    // kravkoll.interval_text(name, value, overridden): the value with its unit ("value"),
    // the parenthesis saying whose value it is (" (kravkolls standardvärde; …)" or ""),
    // and both together ("text"), each as {"sv", "en"}.
    engine.add_extension(
        "kravkoll.interval_text".into(),
        3,
        Box::new(|params: Vec<Value>| {
            let name = params[0]
                .as_string()
                .map_err(|_| anyhow::anyhow!("the interval name must be a string"))?
                .to_string();
            let iv = intervals::find(&name)
                .ok_or_else(|| anyhow::anyhow!("unknown interval `{name}`"))?;
            let value = number_arg(&params[1], "the interval's value")?;
            let overridden = params[2].as_bool().copied().unwrap_or(false);
            let note = |l| match intervals::note(iv, overridden, l) {
                n if n.is_empty() => n,
                n => format!(" ({n})"),
            };
            let value_text = |l| intervals::quantity(value, iv.unit, l);
            let mut map = BTreeMap::new();
            map.insert(Value::from("value"), both(value_text));
            map.insert(Value::from("note"), both(note));
            map.insert(
                Value::from("text"),
                both(|l| format!("{}{}", value_text(l), note(l))),
            );
            Ok(Value::from(map))
        }),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(expr: &str) -> Value {
        let mut engine = regorus::Engine::new();
        engine.set_strict_builtin_errors(true);
        register(&mut engine).unwrap();
        engine
            .add_policy(
                "t.rego".into(),
                format!("package t\nimport rego.v1\nx := {expr}\n"),
            )
            .unwrap();
        engine.eval_rule("data.t.x".into()).unwrap()
    }

    #[test]
    fn numbers_and_quantities_in_both_languages() {
        let v = eval("kravkoll.number(3257.25, 1)");
        assert_eq!(v["sv"], Value::from("3\u{a0}257,2"));
        assert_eq!(v["en"], Value::from("3,257.2"));
        let v = eval("kravkoll.quantity(1, \"hours\")");
        assert_eq!(v["sv"], Value::from("1 timme"));
        let v = eval("kravkoll.quantity(13, \"full_months\")");
        assert_eq!(v["sv"], Value::from("13 hela månader"));
        assert_eq!(v["en"], Value::from("13 full months"));
        let v = eval("kravkoll.quantity(1, \"cases\")");
        assert_eq!(
            (&v["sv"], &v["en"]),
            (&Value::from("1 fall"), &Value::from("1 case"))
        );
        let v = eval("kravkoll.quantity(1200, \"cases\")");
        assert_eq!(v["sv"], Value::from("1\u{a0}200 fall"));
        assert_eq!(v["en"], Value::from("1,200 cases"));
    }

    #[test]
    fn interval_text_names_the_setting_unless_it_is_the_laws_number() {
        let v = eval("kravkoll.interval_text(\"log_followup_interval_months\", 3, false)");
        assert_eq!(
            v["text"]["sv"],
            Value::from("3 månader (kravkolls standardvärde; inställningen intervals.log_followup_interval_months)")
        );
        let v = eval("kravkoll.interval_text(\"gdpr_breach_notification_hours\", 72, false)");
        assert_eq!(v["text"]["en"], Value::from("72 hours"));
        assert_eq!(v["note"]["en"], Value::from(""));
    }

    #[test]
    fn bad_arguments_are_errors() {
        let mut engine = regorus::Engine::new();
        register(&mut engine).unwrap();
        engine
            .add_policy(
                "t.rego".into(),
                "package t\nx := kravkoll.quantity(1, \"weeks\")\n".into(),
            )
            .unwrap();
        assert!(engine.eval_rule("data.t.x".into()).is_err());
    }
}

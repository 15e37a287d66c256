//! The input document every policy sees (see docs/writing-policies.md).

use serde_json::{json, Map, Value};

use crate::catalog::Applicability;
use std::collections::BTreeMap;

use crate::evidence::schema::{self, Ty};
use crate::evidence::{Evidence, Lang, Record};

/// The evaluation instant for `as_of`: now when it is today, else the last nanosecond of that
/// day in the organisation's time zone, so a deadline falling later that day has passed.
pub fn as_of_ns(as_of: jiff::civil::Date, tz: &jiff::tz::TimeZone) -> i128 {
    let now = jiff::Timestamp::now();
    if now.to_zoned(tz.clone()).date() == as_of {
        return now.as_nanosecond();
    }
    let next = as_of
        .tomorrow()
        .ok()
        .and_then(|d| d.to_zoned(tz.clone()).ok());
    match next {
        Some(z) => z.timestamp().as_nanosecond() - 1,
        None => now.as_nanosecond(),
    }
}

pub fn build(
    evidence: &Evidence,
    as_of: jiff::civil::Date,
    lang: Lang,
    applicability: &Applicability,
) -> Value {
    let cfg = &evidence.config;
    let mut doc = Map::new();
    doc.insert("as_of".into(), Value::String(as_of.to_string()));
    // i64 covers instants up to the year 2262; beyond that the clamp keeps policies working.
    let ns = as_of_ns(as_of, &cfg.tz).clamp(i64::MIN as i128, i64::MAX as i128) as i64;
    doc.insert("as_of_ns".into(), Value::from(ns));
    doc.insert("lang".into(), Value::String(lang.code().into()));
    doc.insert(
        "organisation".into(),
        serde_json::to_value(&cfg.organisation).unwrap_or(Value::Null),
    );
    doc.insert("applicability".into(), json!(applicability.as_map()));
    doc.insert("intervals".into(), json!(cfg.intervals));
    let mut arrays: Map<String, Value> = schema::KINDS
        .iter()
        .map(|k| (k.plural.to_string(), Value::Array(Vec::new())))
        .collect();
    let mut referenced_by: BTreeMap<&str, BTreeMap<&str, Vec<Value>>> = BTreeMap::new();
    // id -> [kind plural, position in that array], for lib.record(id).
    let mut record_index = Map::new();
    for r in &evidence.records {
        let mut v = r.value.clone();
        v.insert("kind".into(), Value::String(r.kind.name.into()));
        v.insert("file".into(), Value::String(r.file.to_string()));
        v.insert("line".into(), Value::from(r.line));
        let v = Value::Object(v);
        for target in top_level_refs(r) {
            referenced_by
                .entry(target)
                .or_default()
                .entry(r.kind.plural)
                .or_default()
                .push(v.clone());
        }
        if let Some(Value::Array(a)) = arrays.get_mut(r.kind.plural) {
            record_index.insert(r.id.clone(), json!([r.kind.plural, a.len()]));
            a.push(v);
        }
    }
    doc.extend(arrays);
    doc.insert("referenced_by".into(), json!(referenced_by));
    doc.insert("record_index".into(), Value::Object(record_index));
    Value::Object(doc)
}

/// Ids a record refers to through its top-level `ref` fields (`system`, `systems`, …).
fn top_level_refs(r: &Record) -> Vec<&str> {
    let mut out = Vec::new();
    for f in r.kind.fields {
        let is_ref = match f.ty {
            Ty::Ref(_) => true,
            Ty::List(inner) => matches!(inner, Ty::Ref(_)),
            _ => false,
        };
        if !is_ref {
            continue;
        }
        match r.value.get(f.name) {
            Some(Value::String(id)) => out.push(id.as_str()),
            Some(Value::Array(ids)) => out.extend(ids.iter().filter_map(Value::as_str)),
            _ => {}
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

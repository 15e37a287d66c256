//! The input document every policy sees (see docs/writing-policies.md).

use serde_json::{json, Value};

use crate::catalog::Applicability;
use std::collections::BTreeMap;

use crate::evidence::schema::{self, Kind, Ty};
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

use crate::evidence::fields::to_rego;
use crate::evidence::FieldValue;

fn object<K: AsRef<str>>(entries: impl IntoIterator<Item = (K, regorus::Value)>) -> regorus::Value {
    regorus::Value::from(
        entries
            .into_iter()
            .map(|(k, v)| (regorus::Value::from(k.as_ref()), v))
            .collect::<BTreeMap<_, _>>(),
    )
}

/// The input's fields that kravkoll derives from the evidence for speed; the library
/// (policies/lib/kravkoll.rego) computes the same from the records when they are absent.
#[cfg(test)]
const DERIVED: &[&str] = &[
    "referenced_by",
    "latest_performed",
    "patient_data_systems",
    "personal_data_systems",
    "months_back",
];

/// An index by record id: the id as the records hold it, and by kind plural the records.
/// Hashed while it is filled (a B-tree compared ids a dozen times per reference) and
/// sorted once when it becomes the input's object.
type ByKind<'a, T> = std::collections::HashMap<
    &'a str,
    (&'a regorus::Value, BTreeMap<&'static str, T>),
    // Seeded per process, so that evidence cannot be written to collide.
    foldhash::fast::RandomState,
>;

/// The kinds' plural names, each made once for every index entry that names it.
fn plural_names() -> BTreeMap<&'static str, regorus::Value> {
    schema::KINDS
        .iter()
        .map(|k| (k.plural, regorus::Value::from(k.plural)))
        .collect()
}

/// `{id: {kind plural: [records]}}`, the shape of the input's indexes by record id. The ids
/// and the kinds' names are shared with the records, not copied per entry.
fn index_object<'a>(
    index: impl IntoIterator<
        Item = (
            &'a str,
            (
                &'a regorus::Value,
                BTreeMap<&'static str, Vec<regorus::Value>>,
            ),
        ),
    >,
) -> regorus::Value {
    let plurals = plural_names();
    let mut entries: Vec<_> = index.into_iter().collect();
    entries.sort_unstable_by_key(|(text, _)| *text);
    regorus::Value::from(
        entries
            .into_iter()
            .map(|(_, (id, kinds))| {
                let kinds = kinds
                    .into_iter()
                    .map(|(k, list)| {
                        let name = plurals
                            .get(k)
                            .cloned()
                            .unwrap_or_else(|| regorus::Value::from(k));
                        (name, regorus::Value::from(list))
                    })
                    .collect::<BTreeMap<_, _>>();
                (id.clone(), regorus::Value::from(kinds))
            })
            .collect::<BTreeMap<_, _>>(),
    )
}

/// The input document. The records' values are those the loader made
/// ([`crate::evidence::Fields`]): the kind arrays and the indexes hold reference-counted
/// handles to them, so the evidence is in memory once.
pub fn build(
    evidence: &Evidence,
    as_of: jiff::civil::Date,
    lang: Lang,
    applicability: &Applicability,
) -> regorus::Value {
    let values: Vec<regorus::Value> = evidence
        .records()
        .iter()
        .map(|r| r.value.as_value().clone())
        .collect();
    assemble(evidence, values, as_of, lang, applicability)
}

/// The input document around the records' values (in the order of `evidence.records()`).
fn assemble(
    evidence: &Evidence,
    values: Vec<regorus::Value>,
    as_of: jiff::civil::Date,
    lang: Lang,
    applicability: &Applicability,
) -> regorus::Value {
    let cfg = &evidence.config;

    // The two halves of the indexing read the same records and values and share nothing
    // else: side by side, the input phase of 100 000 records took 206 ms instead of 255.
    // The systems go with the arrays, the shorter half.
    let records = evidence.records();
    let as_of_text = as_of.to_string();
    let (
        ((arrays, record_index), (patient_data, personal_data)),
        (referenced_by, latest_performed),
    ) = rayon::join(
        || {
            (
                kind_arrays(records, &values),
                data_systems(records, &values),
            )
        },
        || reference_indexes(records, &values, &as_of_text),
    );

    // i64 covers instants up to the year 2262; beyond that the clamp keeps policies working.
    let ns = as_of_ns(as_of, &cfg.tz).clamp(i64::MIN as i128, i64::MAX as i128) as i64;
    let mut doc: Vec<(String, regorus::Value)> = vec![
        ("as_of".into(), as_of.to_string().into()),
        ("as_of_ns".into(), regorus::Value::from(ns)),
        ("lang".into(), lang.code().into()),
        (
            "organisation".into(),
            to_rego(&serde_json::to_value(&cfg.organisation).unwrap_or(Value::Null)),
        ),
        (
            "applicability".into(),
            to_rego(&json!(applicability.as_map())),
        ),
        ("intervals".into(), to_rego(&json!(cfg.intervals))),
        // The names set in kravkoll.yaml, so that messages can say whose value they show.
        (
            "interval_overrides".into(),
            object(
                cfg.overridden
                    .iter()
                    .map(|n| (n, regorus::Value::from(true))),
            ),
        ),
        ("referenced_by".into(), referenced_by),
        ("record_index".into(), record_index),
        ("patient_data_systems".into(), patient_data),
        ("personal_data_systems".into(), personal_data),
        ("latest_performed".into(), latest_performed),
        (
            "months_back".into(),
            regorus::Value::from(
                months_back(as_of)
                    .iter()
                    .map(|d| regorus::Value::from(d.to_string()))
                    .collect::<Vec<_>>(),
            ),
        ),
    ];
    doc.extend(arrays.into_iter().map(|(k, list)| (k.to_string(), list)));
    object(doc)
}

/// One array of records per kind, in load order, and `record_index`: id -> [kind plural,
/// position in that array], for lib.record(id).
fn kind_arrays(
    records: &[Record],
    values: &[regorus::Value],
) -> (Vec<(&'static str, regorus::Value)>, regorus::Value) {
    // Each kind's name made once: the index entry of every record names its kind.
    let mut arrays: BTreeMap<&'static str, (regorus::Value, Vec<regorus::Value>)> = plural_names()
        .into_iter()
        .map(|(k, name)| (k, (name, Vec::new())))
        .collect();
    // Keyed by the id as the record holds it, shared rather than copied; gathered, then
    // sorted once (inserted one by one, each id was compared a dozen times).
    let mut record_index: Vec<(regorus::Value, regorus::Value)> = Vec::with_capacity(records.len());
    for (r, v) in records.iter().zip(values) {
        let (plural, list) = arrays
            .entry(r.kind.plural)
            .or_insert_with(|| (regorus::Value::from(r.kind.plural), Vec::new()));
        let id = FieldValue::get(v, "id")
            .cloned()
            .unwrap_or_else(|| regorus::Value::from(r.id.as_str()));
        record_index.push((
            id,
            regorus::Value::from(vec![plural.clone(), regorus::Value::from(list.len())]),
        ));
        list.push(v.clone());
    }
    // Stable, so that of a duplicate id (reported by loading) the first record stays.
    record_index.sort_by(|a, b| a.0.cmp(&b.0));
    record_index.dedup_by(|later, first| later.0 == first.0);
    let arrays = arrays
        .into_iter()
        .map(|(k, (_, list))| (k, regorus::Value::from(list)))
        .collect();
    (
        arrays,
        regorus::Value::from(record_index.into_iter().collect::<BTreeMap<_, _>>()),
    )
}

/// `referenced_by` (id -> kind plural -> the records referring to the id through a top-level
/// ref field) and `latest_performed` (the same, only the referring records on the latest
/// `performed` date on or before as_of).
fn reference_indexes<'a>(
    records: &[Record],
    values: &'a [regorus::Value],
    as_of: &str,
) -> (regorus::Value, regorus::Value) {
    let mut referenced_by: ByKind<Vec<regorus::Value>> = ByKind::default();
    // id -> kind plural -> (latest `performed` on or before as_of, the records on it).
    let mut latest_performed: ByKind<(&'a str, Vec<regorus::Value>)> = ByKind::default();
    let performed_key = regorus::Value::from("performed");
    // Each kind's ref fields as keys, made once rather than once per record.
    let ref_keys: std::collections::HashMap<&str, Vec<regorus::Value>> = schema::KINDS
        .iter()
        .map(|k| (k.name, ref_fields(k).map(regorus::Value::from).collect()))
        .collect();
    for (r, v) in records.iter().zip(values) {
        let performed = match &v[&performed_key] {
            regorus::Value::String(d) if d.as_ref() <= as_of => Some(d.as_ref()),
            _ => None,
        };
        let keys = ref_keys.get(r.kind.name).map_or(&[][..], Vec::as_slice);
        for (target, id) in top_level_refs(keys, v) {
            if let Some(date) = performed {
                let (latest, list) = latest_performed
                    .entry(target)
                    .or_insert_with(|| (id, BTreeMap::new()))
                    .1
                    .entry(r.kind.plural)
                    .or_insert((date, Vec::new()));
                if date > *latest {
                    *latest = date;
                    list.clear();
                }
                if date == *latest {
                    list.push(v.clone());
                }
            }
            referenced_by
                .entry(target)
                .or_insert_with(|| (id, BTreeMap::new()))
                .1
                .entry(r.kind.plural)
                .or_default()
                .push(v.clone());
        }
    }
    // Each kind's records without the date they were kept by.
    let latest = latest_performed.into_iter().map(|(target, (id, kinds))| {
        let kinds = kinds.into_iter().map(|(k, (_, l))| (k, l)).collect();
        (target, (id, kinds))
    });
    // Made into objects side by side: the other half of the input is done by now.
    rayon::join(|| index_object(referenced_by), || index_object(latest))
}

/// The systems holding patient data, and those holding personal data (patient data
/// included), as sets of records.
fn data_systems(records: &[Record], values: &[regorus::Value]) -> (regorus::Value, regorus::Value) {
    let (patient, personal) = (
        regorus::Value::from("patient_data"),
        regorus::Value::from("personal_data"),
    );
    let holds = |v: &regorus::Value, field| v[field] == regorus::Value::Bool(true);
    let systems = || {
        records
            .iter()
            .zip(values)
            .filter(|(r, _)| r.kind.plural == "systems")
            .map(|(_, v)| v)
    };
    let patient_data: std::collections::BTreeSet<regorus::Value> =
        systems().filter(|v| holds(v, &patient)).cloned().collect();
    let personal_data: std::collections::BTreeSet<regorus::Value> = systems()
        .filter(|v| holds(v, &patient) || holds(v, &personal))
        .cloned()
        .collect();
    (
        regorus::Value::from(patient_data),
        regorus::Value::from(personal_data),
    )
}

/// How many interval lengths `months_back` covers: every interval kravkoll knows is shorter;
/// a longer (or fractional) one falls back to the month arithmetic in Rego.
pub const MONTHS_BACK_LEN: i64 = 241;

/// `months_back(as_of)[n]`: the earliest date whose evidence still counts as within n months
/// at `as_of` — `lib.overdue(d, n)` is `d < months_back[n]`, one string comparison instead of
/// the month arithmetic per record. Evidence dated d is overdue when d is before `as_of` and
/// its n-month anniversary (the same day n months later, clamped to a shorter month's end) is
/// before `as_of`; anniversaries never decrease with d, so the dates that are not overdue
/// begin at one date. The list stops early only near the calendar's start.
pub fn months_back(as_of: jiff::civil::Date) -> Vec<jiff::civil::Date> {
    let anniversary = |d: jiff::civil::Date, n: i64| {
        d.checked_add(jiff::Span::new().months(n))
            .unwrap_or(jiff::civil::Date::MAX)
    };
    let mut out = Vec::with_capacity(MONTHS_BACK_LEN as usize);
    for n in 0..MONTHS_BACK_LEN {
        // n months back, less four days: clamping merges at most three days of a month's
        // end, so this date's anniversary is strictly before as_of.
        let Some(mut d) = as_of
            .checked_sub(jiff::Span::new().months(n))
            .and_then(|d| d.checked_sub(jiff::Span::new().days(4)))
            .ok()
        else {
            break;
        };
        while anniversary(d, n) < as_of {
            match d.tomorrow() {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
        out.push(d);
    }
    out
}

/// A kind's top-level `ref` fields (`system`, `systems`, …).
fn ref_fields(kind: &Kind) -> impl Iterator<Item = &'static str> + '_ {
    kind.fields
        .iter()
        .filter(|f| match f.ty {
            Ty::Ref(_) => true,
            Ty::List(inner) => matches!(inner, Ty::Ref(_)),
            _ => false,
        })
        .map(|f| f.name)
}

/// Ids a record's value refers to through the ref fields `keys` (see [`ref_fields`]), as
/// text and as the value that holds it.
fn top_level_refs<'a>(
    keys: &[regorus::Value],
    v: &'a regorus::Value,
) -> Vec<(&'a str, &'a regorus::Value)> {
    let mut out = Vec::new();
    let mut add = |id: &'a regorus::Value| {
        if let regorus::Value::String(text) = id {
            out.push((text.as_ref(), id));
        }
    };
    for key in keys {
        match &v[key] {
            regorus::Value::Array(ids) => ids.iter().for_each(&mut add),
            id => add(id),
        }
    }
    out.sort_unstable_by_key(|(text, _)| *text);
    out.dedup_by_key(|(text, _)| *text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, Date};

    /// `lib.months_exceeded(d, as_of, n)` transcribed from policies/lib/kravkoll.rego: the full
    /// months from d to the day before as_of, the anniversary day clamped to the month's end.
    fn rego_overdue(d: Date, as_of: Date, n: i64) -> bool {
        if d >= as_of {
            return false;
        }
        let b = as_of.yesterday().unwrap();
        let raw = (i64::from(b.year()) - i64::from(d.year())) * 12
            + (i64::from(b.month()) - i64::from(d.month()));
        let anniversary_day = d.day().min(b.days_in_month());
        let full = if b.day() >= anniversary_day {
            raw
        } else {
            raw - 1
        };
        full >= n
    }

    #[test]
    fn months_back_agrees_with_the_rego_month_arithmetic() {
        // Month ends, leap days and year ends, as evaluation dates and as evidence dates.
        let mut as_of = date(2023, 12, 20);
        while as_of <= date(2025, 3, 10) {
            let cutoffs = months_back(as_of);
            assert_eq!(cutoffs.len() as i64, MONTHS_BACK_LEN);
            for n in [0, 1, 2, 3, 6, 11, 12, 13, 24, 36, 240] {
                let cutoff = cutoffs[n as usize];
                // Overdue is monotone in d (older evidence is never less overdue): the days
                // around the cutoff decide, and both ends of the range must be on their side.
                let far = as_of
                    .checked_sub(jiff::Span::new().days(31 * n + 70))
                    .unwrap();
                assert!(rego_overdue(far, as_of, n) && !rego_overdue(as_of, as_of, n));
                let mut d = cutoff.checked_sub(jiff::Span::new().days(40)).unwrap();
                while d
                    <= cutoff
                        .checked_add(jiff::Span::new().days(40))
                        .unwrap()
                        .min(as_of)
                {
                    assert_eq!(
                        d < cutoff,
                        rego_overdue(d, as_of, n),
                        "{d} at {as_of}, {n} months"
                    );
                    d = d.tomorrow().unwrap();
                }
            }
            as_of = as_of.tomorrow().unwrap();
        }
    }

    /// The library's `cutoff`, computed in Rego when the input has no `months_back` (a test
    /// input written by hand, a fractional interval), is the date `months_back` gives, for
    /// every evaluation date around month ends, leap days and year ends.
    #[test]
    fn the_library_cutoff_agrees_with_months_back() {
        let months = [0, 1, 2, 3, 6, 11, 12, 13, 24, 36, 240];
        let query = "x := [[n, data.kravkoll.lib.cutoff(n)] | some n in \
            [0, 1, 2, 3, 6, 11, 12, 13, 24, 36, 240, 0.5, 2.5]]";
        let mut engine = lib_engine();
        let mut as_of = date(2023, 12, 20);
        while as_of <= date(2025, 3, 10) {
            engine.set_input(
                regorus::Value::from_json_str(&format!(r#"{{"as_of": "{as_of}"}}"#)).unwrap(),
            );
            let r = engine.eval_query(query.into(), false).unwrap();
            let got = &r.result[0].bindings["x"];
            let cutoffs = months_back(as_of);
            let expected: Vec<(f64, String)> = months
                .iter()
                .map(|&n| (n as f64, cutoffs[n].to_string()))
                // A fractional interval counts full months: 0.5 is 1, 2.5 is 3.
                .chain([(0.5, cutoffs[1].to_string()), (2.5, cutoffs[3].to_string())])
                .collect();
            let got: Vec<(f64, String)> = got
                .as_array()
                .unwrap()
                .iter()
                .map(|pair| {
                    let pair = pair.as_array().unwrap();
                    (
                        pair[0].as_f64().unwrap(),
                        pair[1].as_string().unwrap().to_string(),
                    )
                })
                .collect();
            assert_eq!(got, expected, "at {as_of}");
            as_of = as_of.tomorrow().unwrap();
        }
    }

    /// An engine holding the built-in library (policies/lib/kravkoll.rego) alone.
    fn lib_engine() -> regorus::Engine {
        let lib = crate::catalog::builtin_files()
            .into_iter()
            .find(|f| f.path.ends_with("lib/kravkoll.rego"))
            .unwrap();
        let mut engine = super::super::new_engine(&mut Default::default());
        engine
            .add_policy(lib.path.clone(), lib.text.clone())
            .unwrap();
        engine
    }

    /// What the library makes of an example region with the derived fields kravkoll adds
    /// (`referenced_by`, `latest_performed`, the data-holding systems, `months_back`) is what its own
    /// definitions find without them, as for a hand-written test input.
    #[test]
    fn derived_fields_agree_with_the_library_without_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/region-exempel");
        let source = crate::source::DirSource::open(&root).unwrap();
        let evidence = crate::evidence::load(&source).unwrap();
        let applicability = Applicability::of(&evidence.config.organisation);
        let with_derived = build(&evidence, date(2025, 12, 31), Lang::Sv, &applicability);
        let mut without = with_derived.clone();
        for key in DERIVED {
            without
                .as_object_mut()
                .unwrap()
                .remove(&regorus::Value::from(*key))
                .expect(key);
        }
        let query = r#"x := {
            "referenced": data.kravkoll.lib.referenced_by,
            "latest": [[id, p, data.kravkoll.lib.latest_performed(id, p)] |
                some id, kinds in data.kravkoll.lib.referenced_by; some p, _ in kinds],
            "latest_index": data.kravkoll.lib.latest_records,
            "classified": [data.kravkoll.lib.classified_ids(input.systems),
                {s.id | some s in input.systems; data.kravkoll.lib.classified(s)}],
            "patient": data.kravkoll.lib.patient_data_systems,
            "personal": data.kravkoll.lib.personal_data_systems,
            "overdue": [[r.id, n] | some k in ["log_reviews", "access_reviews", "restore_tests"]
                some r in input[k]; some n in [0, 1, 3, 12, 24]
                data.kravkoll.lib.overdue(r.performed, n)],
        }"#;
        let derive = |input: &regorus::Value| {
            let mut engine = lib_engine();
            engine.set_input(input.clone());
            let r = engine.eval_query(query.into(), false).unwrap();
            r.result[0].bindings["x"].clone()
        };
        let (fast, slow) = (derive(&with_derived), derive(&without));
        assert_eq!(fast, slow);
        // classified_ids gives the systems classified(s) holds for.
        let classified = fast["classified"].as_array().unwrap();
        assert_eq!(classified[0], classified[1]);
        assert!(!classified[0].as_set().unwrap().is_empty());
        for key in [
            "referenced",
            "latest",
            "latest_index",
            "patient",
            "personal",
            "overdue",
        ] {
            let non_empty = match &fast[key] {
                regorus::Value::Array(a) => !a.is_empty(),
                regorus::Value::Set(s) => !s.is_empty(),
                regorus::Value::Object(o) => !o.is_empty(),
                _ => false,
            };
            assert!(non_empty, "{key}");
        }
    }

    /// The library's scan for hand-written test inputs (`ref_fields`) follows the same
    /// fields as the index kravkoll builds: every top-level reference field of the schema.
    #[test]
    fn the_library_scans_the_reference_fields_the_index_holds() {
        let listed: std::collections::BTreeSet<String> = lib_engine()
            .eval_query("x := data.kravkoll.lib.ref_fields".into(), false)
            .unwrap()
            .result[0]
            .bindings["x"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_string().unwrap().to_string())
            .collect();
        let schema: std::collections::BTreeSet<String> = schema::KINDS
            .iter()
            .flat_map(ref_fields)
            .map(String::from)
            .collect();
        assert_eq!(listed, schema);
    }

    /// The input holds the loaded records' values themselves, not copies: the evidence is
    /// in memory once. Each has its fields plus kind, file and line.
    #[test]
    fn the_input_shares_the_loaded_values() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/region-exempel");
        let source = crate::source::DirSource::open(&root).unwrap();
        let evidence = crate::evidence::load(&source).unwrap();
        let applicability = Applicability::of(&evidence.config.organisation);
        let input = build(&evidence, date(2025, 12, 31), Lang::Sv, &applicability);
        let mut seen = 0;
        for r in evidence.records() {
            let list = &input[r.kind.plural];
            let regorus::Value::Array(list) = list else {
                panic!("{} is not an array", r.kind.plural)
            };
            let shared = list.iter().any(|v| match (v, r.value.as_value()) {
                (regorus::Value::Object(a), regorus::Value::Object(b)) => {
                    std::sync::Arc::ptr_eq(a, b)
                }
                _ => false,
            });
            assert!(shared, "{} is copied into the input", r.id);
            let v = r.value.as_value();
            assert_eq!(v["id"], regorus::Value::from(r.id.as_str()));
            assert_eq!(v["kind"], regorus::Value::from(r.kind.name));
            assert_eq!(v["file"], regorus::Value::from(&*r.file));
            assert_eq!(v["line"], regorus::Value::from(r.line));
            seen += 1;
        }
        assert!(seen > 50);
    }

    #[test]
    fn months_back_reads_as_the_library_documents() {
        let cutoffs = months_back(date(2025, 3, 31));
        assert_eq!(cutoffs[0], date(2025, 3, 31));
        // 2025-02-28 + 1 month is 2025-03-28, before the 31st: overdue.
        assert_eq!(cutoffs[1], date(2025, 3, 1));
        assert_eq!(cutoffs[12], date(2024, 3, 31));
    }
}

//! Checks a parsed YAML document against the schema and turns it into a normalised record.
//!
//! Every problem in a document is collected (not just the first), and values are normalised
//! so policies never meet surprises: dates are `YYYY-MM-DD`, datetimes RFC 3339 with the
//! right UTC offset, absent or empty optional fields are simply absent (never `null`).

use std::sync::Arc;

use jiff::tz::TimeZone;
use serde_json::{Map, Value};

use super::schema::{self, Field, Kind, Ty};
use super::yaml::{Node, NodeValue, Pos};
use crate::diagnostics::{did_you_mean, Problem};

/// A reference to check once every id in the repository is known.
#[derive(Debug, Clone)]
pub struct PendingRef {
    pub target: String,
    pub kinds: Option<&'static [&'static str]>,
    /// Shared by every reference of the file (a check of 100 000 records has as many).
    pub file: Arc<str>,
    pub pos: Pos,
}

impl PendingRef {
    /// Whether a record of `kind` may be named here.
    pub fn admits(&self, kind: &Kind) -> bool {
        self.kinds.is_none_or(|k| k.contains(&kind.name))
    }
}

/// A board id to check against `organisation.boards`.
#[derive(Debug, Clone)]
pub struct PendingBoard {
    pub board: String,
    pub allow_organisation: bool,
    pub file: Arc<str>,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub struct NestedItem {
    pub id: String,
    pub field: &'static str,
    pub pos: Pos,
}

/// What a validator makes of the values it accepts: JSON ([`Json`]: the configuration,
/// imports, the annual report's title block) or the policies' own values (loading, through
/// [`fields::Strings`](super::fields::Strings)). Loading builds the policies' values at once:
/// going through JSON first made and dropped a copy of every string and field name of every
/// record.
pub trait Build {
    type Value;
    type Object;
    fn text(&mut self, s: &str) -> Self::Value;
    fn bool(&mut self, b: bool) -> Self::Value;
    fn int(&mut self, n: i64) -> Self::Value;
    /// A finite number.
    fn num(&mut self, n: f64) -> Self::Value;
    fn array(&mut self, items: Vec<Self::Value>) -> Self::Value;
    fn object(&mut self, capacity: usize) -> Self::Object;
    /// Inserts `key`, replacing any value it had.
    fn insert(&mut self, object: &mut Self::Object, key: &str, value: Self::Value);
    fn object_value(&mut self, object: Self::Object) -> Self::Value;
    /// The text of the string field `key` of `object`.
    fn text_of<'o>(&self, object: &'o Self::Object, key: &str) -> Option<&'o str>;
}

/// Values as JSON.
#[derive(Debug, Default, Clone, Copy)]
pub struct Json;

impl Build for Json {
    type Value = Value;
    type Object = Map<String, Value>;

    fn text(&mut self, s: &str) -> Value {
        Value::String(s.to_string())
    }

    fn bool(&mut self, b: bool) -> Value {
        Value::Bool(b)
    }

    fn int(&mut self, n: i64) -> Value {
        Value::from(n)
    }

    fn num(&mut self, n: f64) -> Value {
        serde_json::Number::from_f64(n)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    }

    fn array(&mut self, items: Vec<Value>) -> Value {
        Value::Array(items)
    }

    fn object(&mut self, capacity: usize) -> Map<String, Value> {
        Map::with_capacity(capacity)
    }

    fn insert(&mut self, object: &mut Map<String, Value>, key: &str, value: Value) {
        object.insert(key.to_string(), value);
    }

    fn object_value(&mut self, object: Map<String, Value>) -> Value {
        Value::Object(object)
    }

    fn text_of<'o>(&self, object: &'o Map<String, Value>, key: &str) -> Option<&'o str> {
        object.get(key).and_then(Value::as_str)
    }
}

/// What validating one document produced.
#[derive(Debug, Default)]
pub struct Checked {
    pub field_lines: Vec<(&'static str, usize)>,
    pub items: Vec<NestedItem>,
    pub refs: Vec<PendingRef>,
    pub boards: Vec<PendingBoard>,
    pub problems: Vec<Problem>,
}

pub struct Validator<'a, B: Build = Json> {
    pub file: &'a str,
    pub tz: &'a TimeZone,
    pub out: Checked,
    depth_items: bool,
    /// `file` as the pending references and boards hold it, made at the first of them.
    shared_file: Option<Arc<str>>,
    build: B,
}

impl<'a> Validator<'a, Json> {
    /// A validator making JSON.
    pub fn new(file: &'a str, tz: &'a TimeZone) -> Self {
        Validator::building(file, None, tz, Json)
    }
}

impl<'a, B: Build> Validator<'a, B> {
    /// A validator making its values with `build`. Its references and boards hold `shared`
    /// when given, the file's name the caller already holds shared (`file` is its text).
    pub fn building(file: &'a str, shared: Option<&Arc<str>>, tz: &'a TimeZone, build: B) -> Self {
        Validator {
            file,
            tz,
            out: Checked::default(),
            depth_items: false,
            shared_file: shared.cloned(),
            build,
        }
    }

    fn shared_file(&mut self) -> Arc<str> {
        self.shared_file
            .get_or_insert_with(|| Arc::from(self.file))
            .clone()
    }

    fn problem(&mut self, code: &'static str, pos: Pos, msg: String) -> &mut Problem {
        self.out
            .problems
            .push(Problem::new(code, self.file, Some(pos), msg));
        self.out.problems.last_mut().expect("just pushed")
    }

    /// Validates a mapping against `fields`; `what` names the thing in messages.
    pub fn object(&mut self, node: &Node, fields: &[Field], what: &str) -> Option<B::Object> {
        let NodeValue::Map(entries) = &node.value else {
            self.problem(
                "kravkoll::evidence::type",
                node.pos,
                format!("{what} must be a mapping, found {}", node.type_name()),
            );
            return None;
        };
        let top = !self.depth_items && what.starts_with("a ");
        // Sized for the fields written: grown by doubling, a record's map and field lines
        // kept up to half their room unused for the whole run.
        let mut out = self.build.object(entries.len());
        if top {
            self.out.field_lines.reserve_exact(entries.len());
        }
        for (key, value) in entries {
            let Some(field) = fields.iter().find(|f| f.name == key.name) else {
                let hint = did_you_mean(&key.name, fields.iter().map(|f| f.name));
                let known: Vec<_> = fields.iter().map(|f| f.name).collect();
                self.problem(
                    "kravkoll::evidence::unknown-field",
                    key.pos,
                    format!("unknown field `{}` in {what}", key.name),
                )
                .set_label("not a field of this kind")
                .help = Some(hint.unwrap_or_else(|| format!("known fields: {}", known.join(", "))));
                continue;
            };
            if top {
                self.out.field_lines.push((field.name, key.pos.line));
            }
            if value.is_null() {
                if field.required {
                    self.problem(
                        "kravkoll::evidence::missing-field",
                        key.pos,
                        format!("`{}` has no value", key.name),
                    )
                    .help = Some(format!("`{}` is required: {}", field.name, field.doc));
                }
                continue;
            }
            if is_blank(value) && is_text(&field.ty) {
                self.problem(
                    "kravkoll::evidence::blank",
                    value.pos,
                    format!("`{}` is blank", key.name),
                )
                .help = Some(if field.required {
                    format!("`{}` is required: {}", field.name, field.doc)
                } else {
                    format!("write a value, or leave `{}` out", field.name)
                });
                continue;
            }
            if let Some(v) = self.value(value, &field.ty, field.name) {
                self.build.insert(&mut out, field.name, v);
            }
        }
        for f in fields.iter().filter(|f| f.required) {
            if !entries.iter().any(|(k, _)| k.name == f.name) {
                self.problem(
                    "kravkoll::evidence::missing-field",
                    node.pos,
                    format!("{what} lacks the required field `{}`", f.name),
                )
                .set_label("in this record")
                .help = Some(format!("add `{}:` ({})", f.name, f.doc));
            }
        }
        Some(out)
    }

    fn value(&mut self, node: &Node, ty: &Ty, name: &'static str) -> Option<B::Value> {
        match ty {
            Ty::List(inner) => {
                let NodeValue::Seq(items) = &node.value else {
                    self.problem(
                        "kravkoll::evidence::type",
                        node.pos,
                        format!("`{name}` must be a list, found {}", node.type_name()),
                    )
                    .help = Some(format!("write a YAML list, e.g. `{name}: [a, b]`"));
                    return None;
                };
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    if item.is_null() {
                        self.problem(
                            "kravkoll::evidence::type",
                            item.pos,
                            format!("`{name}` has an empty list item"),
                        );
                        continue;
                    }
                    if let Some(v) = self.value(item, inner, name) {
                        out.push(v);
                    }
                }
                Some(self.build.array(out))
            }
            Ty::Object(fields) => {
                let object = self.object(node, fields, &format!("`{name}`"))?;
                Some(self.build.object_value(object))
            }
            Ty::Items(fields) => {
                let NodeValue::Seq(items) = &node.value else {
                    self.problem(
                        "kravkoll::evidence::type",
                        node.pos,
                        format!(
                            "`{name}` must be a list of mappings, found {}",
                            node.type_name()
                        ),
                    );
                    return None;
                };
                let mut out = Vec::with_capacity(items.len());
                let mut seen: std::collections::HashMap<String, Pos> =
                    std::collections::HashMap::new();
                let was = std::mem::replace(&mut self.depth_items, true);
                for item in items {
                    let Some(mut obj) = self.object(item, fields, &format!("an item of `{name}`"))
                    else {
                        continue;
                    };
                    if let Some(id) = self.build.text_of(&obj, "id") {
                        let id = id.to_string();
                        if let Some(first) = seen.get(&id) {
                            let first_line = first.line;
                            self.problem("kravkoll::evidence::duplicate-id", item.pos, format!("duplicate id `{id}` in `{name}`"))
                                .help = Some(format!("ids of nested items must be unique within their record; `{id}` is also on line {first_line}"));
                        } else {
                            seen.insert(id.clone(), item.pos);
                            self.out.items.push(NestedItem {
                                id,
                                field: name,
                                pos: item.pos,
                            });
                        }
                    }
                    let line = self.build.int(item.pos.line as i64);
                    self.build.insert(&mut obj, "line", line);
                    out.push(self.build.object_value(obj));
                }
                self.depth_items = was;
                Some(self.build.array(out))
            }
            Ty::Free => {
                if !matches!(node.value, NodeValue::Map(_)) {
                    self.problem(
                        "kravkoll::evidence::type",
                        node.pos,
                        format!("`{name}` must be a mapping, found {}", node.type_name()),
                    );
                    return None;
                }
                Some(free(&mut self.build, node))
            }
            _ => {
                let NodeValue::Scalar { text, plain } = &node.value else {
                    self.problem(
                        "kravkoll::evidence::type",
                        node.pos,
                        format!(
                            "`{name}` must be a single value, found {}",
                            node.type_name()
                        ),
                    );
                    return None;
                };
                self.scalar(text, *plain, node.pos, ty, name)
            }
        }
    }

    fn scalar(
        &mut self,
        text: &str,
        plain: bool,
        pos: Pos,
        ty: &Ty,
        name: &'static str,
    ) -> Option<B::Value> {
        let bad = |v: &mut Self, expected: &str, help: Option<String>| {
            v.problem(
                "kravkoll::evidence::type",
                pos,
                format!("`{name}`: expected {expected}, found `{text}`"),
            )
            .set_label(expected.to_string())
            .help = help;
            None
        };
        match ty {
            Ty::Str if name == "id" => match id_problem(text) {
                None => Some(self.build.text(text)),
                Some(why) => {
                    self.problem(
                        "kravkoll::evidence::id",
                        pos,
                        format!("the id `{}` {why}", text.escape_debug()),
                    )
                    .set_label("not a usable id")
                    .help = Some(ID_RULE.into());
                    None
                }
            },
            Ty::Str if SINGLE_LINE.contains(&name) => {
                // A folded block scalar (`title: >`) ends with a line break; that one is
                // dropped, any other makes the value more than a line.
                let line = text.trim_end();
                if line.contains(['\n', '\r']) {
                    self.problem(
                        "kravkoll::evidence::multi-line",
                        pos,
                        format!("`{name}` must be one line of text"),
                    )
                    .help = Some(format!(
                        "`{name}` is shown in headings and tables; write it on one line"
                    ));
                    return None;
                }
                Some(self.build.text(line))
            }
            Ty::Str => Some(self.build.text(text)),
            Ty::Date => match parse_date(text) {
                Some(d) if date_in_range(&d) => Some(self.build.text(&d)),
                Some(_) => self.out_of_range(name, text, pos),
                None => bad(
                    self,
                    "a date (YYYY-MM-DD)",
                    Some("dates are written like 2025-03-31".into()),
                ),
            },
            Ty::DateTime => match parse_datetime(text, self.tz) {
                Ok(s) => Some(self.build.text(&s)),
                Err(DateTimeError::OutOfRange) => self.out_of_range(name, text, pos),
                Err(DateTimeError::Format(help)) => bad(self, "a date and time", Some(help)),
            },
            Ty::Bool => match (plain, text) {
                (true, "true" | "True" | "TRUE") => Some(self.build.bool(true)),
                (true, "false" | "False" | "FALSE") => Some(self.build.bool(false)),
                _ => bad(
                    self,
                    "true or false",
                    Some("write `true` or `false` (not yes/no, not quoted)".into()),
                ),
            },
            Ty::Int { min, max } => match text.parse::<i64>() {
                Ok(n) if n >= *min && n <= *max => Some(self.build.int(n)),
                // Digits too many for any number kravkoll counts are out of range, not a
                // wrong type.
                Err(_) if !is_integer_text(text) => bad(self, "a whole number", None),
                _ => bad(
                    self,
                    &format!("a whole number from {min} to {}", fmt_max(*max)),
                    None,
                ),
            },
            Ty::Num { min, max } => match text.parse::<f64>() {
                Ok(n) if n.is_finite() && n >= *min && n <= *max => Some(self.build.num(n)),
                Ok(_) => bad(self, &format!("a number from {min} to {max}"), None),
                Err(_) => bad(self, "a number", None),
            },
            Ty::Enum(values) => {
                if values.contains(&text) {
                    Some(self.build.text(text))
                } else {
                    let hint = did_you_mean(text, values.iter().copied());
                    bad(
                        self,
                        &format!("one of {}", values.join(", ")),
                        Some(hint.unwrap_or_else(|| format!("allowed: {}", values.join(", ")))),
                    )
                }
            }
            Ty::OpenEnum(values) => {
                // Any string is allowed, but a near miss of a known value is almost surely a typo
                // that would silently make the record not count.
                if !values.contains(&text) {
                    if let Some(hint) = did_you_mean(text, values.iter().copied()) {
                        return bad(
                            self,
                            &format!("one of {} or another word", values.join(", ")),
                            Some(hint),
                        );
                    }
                }
                Some(self.build.text(text))
            }
            Ty::Ref(kinds) => {
                let file = self.shared_file();
                self.out.refs.push(PendingRef {
                    target: text.to_string(),
                    kinds: *kinds,
                    file,
                    pos,
                });
                Some(self.build.text(text))
            }
            Ty::Board | Ty::BoardOrOrganisation => {
                let file = self.shared_file();
                self.out.boards.push(PendingBoard {
                    board: text.to_string(),
                    allow_organisation: matches!(ty, Ty::BoardOrOrganisation),
                    file,
                    pos,
                });
                Some(self.build.text(text))
            }
            Ty::List(_) | Ty::Object(_) | Ty::Items(_) | Ty::Free => {
                unreachable!("handled in value()")
            }
        }
    }
}

/// Fields shown as a heading or in a table cell: one line of text.
const SINGLE_LINE: &[&str] = &["name", "owner", "title"];

/// What an id may be, for the help of an id problem and the docs.
pub const ID_RULE: &str = "an id is 1 to 100 letters, digits, `-`, `_`, `.` or `:`, starting with a letter or digit, e.g. `sys-journal`";

/// Why `id` cannot be an id, if it cannot: ids name records in every report, in file
/// paths of exported reports and on the command line, so they are one short word.
pub fn id_problem(id: &str) -> Option<&'static str> {
    if id.chars().count() > 100 {
        return Some("is longer than 100 characters");
    }
    if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("contains a space, a line break or a control character");
    }
    if id.contains(['/', '\\']) {
        return Some("contains `/` or `\\`");
    }
    if !id.chars().next().is_some_and(char::is_alphanumeric) {
        return Some("does not start with a letter or digit");
    }
    if !id
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
    {
        return Some("contains a character other than letters, digits, `-`, `_`, `.` and `:`");
    }
    None
}

fn is_integer_text(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// A scalar of nothing but white space (a quoted `""` or `"  "`; a plain empty value is null).
fn is_blank(node: &Node) -> bool {
    matches!(&node.value, NodeValue::Scalar { text, .. } if text.trim().is_empty())
}

/// Types whose value is a word or text, where a blank value is a mistake.
fn is_text(ty: &Ty) -> bool {
    matches!(
        ty,
        Ty::Str | Ty::Enum(_) | Ty::OpenEnum(_) | Ty::Ref(_) | Ty::Board | Ty::BoardOrOrganisation
    )
}

/// The dates kravkoll evaluates: policies count in nanoseconds since 1970 (a 64-bit number
/// reaches 1677 to 2262), and a date outside this span in evidence is a typo.
pub const EARLIEST_DATE: &str = "1900-01-01";
pub const LATEST_DATE: &str = "2199-12-31";

/// Whether a `YYYY-MM-DD` date lies in the span kravkoll evaluates.
pub fn date_in_range(date: &str) -> bool {
    (EARLIEST_DATE..=LATEST_DATE).contains(&date)
}

impl<B: Build> Validator<'_, B> {
    fn out_of_range(&mut self, name: &str, text: &str, pos: Pos) -> Option<B::Value> {
        self.problem(
            "kravkoll::evidence::date-range",
            pos,
            format!(
                "`{name}`: `{text}` is outside the dates kravkoll evaluates ({EARLIEST_DATE} to {LATEST_DATE})"
            ),
        )
        .set_label("check the year")
        .help = Some("a year like 2505 or 1600 is almost always a typo".into());
        None
    }
}

fn fmt_max(max: i64) -> String {
    if max == i64::MAX {
        "any".into()
    } else {
        max.to_string()
    }
}

/// The `extra` mapping, scalars as strings (it is free text for people).
fn free<B: Build>(build: &mut B, node: &Node) -> B::Value {
    match &node.value {
        NodeValue::Scalar { text, .. } => build.text(text),
        NodeValue::Seq(items) => {
            let items = items.iter().map(|i| free(build, i)).collect();
            build.array(items)
        }
        NodeValue::Map(entries) => {
            let mut object = build.object(entries.len());
            for (k, v) in entries {
                let v = free(build, v);
                build.insert(&mut object, &k.name, v);
            }
            build.object_value(object)
        }
    }
}

/// `YYYY-MM-DD` and a real calendar date.
pub fn parse_date(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    text.parse::<jiff::civil::Date>()
        .ok()
        .map(|d| d.to_string())
}

/// Why a date and time was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateTimeError {
    /// Outside [`EARLIEST_DATE`]..=[`LATEST_DATE`].
    OutOfRange,
    /// Not written as a date and time; the text says how to write it.
    Format(String),
}

/// RFC 3339 with an offset, or a local `YYYY-MM-DDTHH:MM[:SS]` read in `tz`; normalised to
/// RFC 3339 with the offset that holds in `tz` at that instant.
pub fn parse_datetime(text: &str, tz: &TimeZone) -> Result<String, DateTimeError> {
    let format = |s: &str| DateTimeError::Format(s.to_string());
    let fmt = |ts: jiff::Timestamp| {
        ts.to_zoned(tz.clone())
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };
    // The date part first: a year far outside the span is a typo, whatever the rest says
    // (and `9999-12-31T23:59:59-12:00` is past what any clock library represents).
    let date = text.get(..10).and_then(parse_date);
    if date.as_deref().is_some_and(|d| !date_in_range(d)) {
        return Err(DateTimeError::OutOfRange);
    }
    let has_offset = text.len() > 16
        && (text.ends_with('Z') || text.ends_with('z') || {
            let tail = text.get(text.len().saturating_sub(6)..).unwrap_or("");
            (tail.starts_with('+') || tail.starts_with('-'))
                && tail.as_bytes().get(3) == Some(&b':')
        });
    if has_offset {
        return text
            .parse::<jiff::Timestamp>()
            .map(fmt)
            .map_err(|_| format("write RFC 3339, e.g. 2025-03-04T09:15:00+01:00"));
    }
    let shaped = text.len() >= 16 && text.as_bytes()[10] == b'T' && date.is_some();
    if !shaped {
        return Err(if parse_date(text).is_some() {
            DateTimeError::Format(format!(
                "add the time of day, e.g. {text}T09:00 (local time) or {text}T09:00:00+01:00"
            ))
        } else {
            format("write 2025-03-04T09:15 (local time) or 2025-03-04T09:15:00+01:00")
        });
    }
    let dt: jiff::civil::DateTime = text
        .parse()
        .map_err(|_| format("write 2025-03-04T09:15 (local time) or 2025-03-04T09:15:00+01:00"))?;
    // A wall-clock time skipped or repeated by a daylight-saving change resolves like most
    // calendars do ("compatible"): later for a gap, earlier for a fold.
    dt.to_zoned(tz.clone())
        .map(|z| fmt(z.timestamp()))
        .map_err(|e| {
            DateTimeError::Format(format!(
                "that local time does not exist in the organisation's time zone: {e}"
            ))
        })
}

/// Validates one document as an evidence record.
pub fn record<B: Build>(
    v: &mut Validator<'_, B>,
    node: &Node,
) -> Option<(&'static Kind, String, B::Object)> {
    let NodeValue::Map(_) = &node.value else {
        v.problem(
            "kravkoll::evidence::type",
            node.pos,
            format!(
                "an evidence record must be a mapping with a `kind`, found {}",
                node.type_name()
            ),
        );
        return None;
    };
    let kind_name = match node.get("kind").map(|k| &k.value) {
        Some(NodeValue::Scalar { text, .. }) if !text.is_empty() => text.clone(),
        _ => {
            let names: Vec<_> = schema::KINDS.iter().map(|k| k.name).collect();
            v.problem(
                "kravkoll::evidence::missing-kind",
                node.pos,
                "record has no `kind`".into(),
            )
            .set_label("this record")
            .help = Some(format!("add `kind:` with one of {}", names.join(", ")));
            return None;
        }
    };
    let Some(kind) = schema::kind(&kind_name) else {
        let pos = node.get("kind").map(|k| k.pos).unwrap_or(node.pos);
        let hint = did_you_mean(&kind_name, schema::KINDS.iter().map(|k| k.name));
        let names: Vec<_> = schema::KINDS.iter().map(|k| k.name).collect();
        v.problem(
            "kravkoll::evidence::unknown-kind",
            pos,
            format!("unknown kind `{kind_name}`"),
        )
        .set_label("not a kind of the evidence format")
        .help = Some(hint.unwrap_or_else(|| format!("known kinds: {}", names.join(", "))));
        return None;
    };
    let fields = schema::record_fields(kind);
    let value = v.object(node, fields, &format!("a {} record", kind.name))?;
    let id = v.build.text_of(&value, "id")?.to_string();
    Some((kind, id, value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::yaml::parse_documents;

    fn stockholm() -> TimeZone {
        TimeZone::get("Europe/Stockholm").unwrap()
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(parse_date("2025-02-28").as_deref(), Some("2025-02-28"));
        assert_eq!(parse_date("2025-02-30"), None);
        assert_eq!(parse_date("2025-2-3"), None);
        assert_eq!(parse_date("2025-02-28T10:00"), None);
    }

    #[test]
    fn local_datetimes_follow_daylight_saving() {
        let tz = stockholm();
        assert_eq!(
            parse_datetime("2025-03-04T09:15", &tz).unwrap(),
            "2025-03-04T09:15:00+01:00"
        );
        assert_eq!(
            parse_datetime("2025-07-04T09:15", &tz).unwrap(),
            "2025-07-04T09:15:00+02:00"
        );
        assert_eq!(
            parse_datetime("2025-07-04T07:15:00Z", &tz).unwrap(),
            "2025-07-04T09:15:00+02:00"
        );
        assert_eq!(
            parse_datetime("2025-03-04T09:15:00+01:00", &tz).unwrap(),
            "2025-03-04T09:15:00+01:00"
        );
        assert!(matches!(parse_datetime("2025-03-04", &tz),
            Err(DateTimeError::Format(h)) if h.contains("T09:00")));
        assert!(parse_datetime("yesterday", &tz).is_err());
        assert_eq!(
            parse_datetime("9999-12-31T23:59:59-12:00", &tz),
            Err(DateTimeError::OutOfRange)
        );
        assert_eq!(
            parse_datetime("2505-05-09T10:00", &tz),
            Err(DateTimeError::OutOfRange)
        );
    }

    #[test]
    fn collects_every_problem_of_a_record() {
        let text = "kind: Supplier\nid: s1\nname: X\nservice: Y\npersonal_data: yes\ndpa_sigend: 2025-01-01\nlast_followup: 2025-13-01\n";
        let docs = parse_documents(text).unwrap();
        let tz = stockholm();
        let mut v = Validator::new("s.yaml", &tz);
        let _ = record(&mut v, &docs[0]);
        let msgs: Vec<_> = v
            .out
            .problems
            .iter()
            .map(|p| (p.pos.unwrap().line, p.message.clone(), p.help.clone()))
            .collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].1.contains("personal_data") && msgs[0].0 == 5);
        assert_eq!(msgs[1].2.as_deref(), Some("did you mean `dpa_signed`?"));
        assert!(msgs[2].1.contains("last_followup") && msgs[2].0 == 7);
    }

    #[test]
    fn unknown_kind_gets_a_hint_and_empty_optionals_are_absent() {
        let tz = stockholm();
        let docs = parse_documents("kind: Sytem\nid: a\n").unwrap();
        let mut v = Validator::new("a.yaml", &tz);
        assert!(record(&mut v, &docs[0]).is_none());
        assert_eq!(
            v.out.problems[0].help.as_deref(),
            Some("did you mean `System`?")
        );

        let docs = parse_documents("kind: System\nid: a\nname: J\nowner: O\npatient_data: true\npersonal_data: true\nmfa:\n").unwrap();
        let mut v = Validator::new("a.yaml", &tz);
        let (_, _, value) = record(&mut v, &docs[0]).unwrap();
        assert!(v.out.problems.is_empty());
        assert!(!value.contains_key("mfa"));
    }
}

//! A record's fields, held once, in the form the policies read them.
//!
//! The validator normalises a record straight into regorus values (through [`Strings`], see
//! [`Build`](super::validate::Build)); until 2026-12-02 it made JSON first, converted
//! afterwards (the tests keep that path to compare the two). The input document of the
//! policies then holds reference-counted handles to these same values, so the evidence is
//! in memory once from loading on (before 2026-12-02 it was held twice, as JSON and as the
//! input document, which was most of a check's peak memory). Rust readers (the annual
//! report, `due`, exceptions, the year-end view) read them through [`Fields`] and
//! [`FieldValue`].

use std::collections::BTreeMap;

use regorus::Value;

/// A JSON value as a regorus value, built directly (no serde round trip).
pub fn to_rego(v: &serde_json::Value) -> Value {
    use serde_json::Value as J;
    match v {
        J::Null => Value::Null,
        J::Bool(b) => Value::from(*b),
        J::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                Value::from(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        J::String(s) => Value::from(s.as_str()),
        J::Array(items) => Value::from(items.iter().map(to_rego).collect::<Vec<_>>()),
        J::Object(map) => Value::from(
            map.iter()
                .map(|(k, v)| (Value::from(k.as_str()), to_rego(v)))
                .collect::<BTreeMap<_, _>>(),
        ),
    }
}

/// Strings that recur across records (field names, the kind, the file, dates, values of a
/// fixed set such as `success`) made once per loading task and shared: every record
/// otherwise allocated its own copy of each, which was a third of the input document's
/// memory and much of the time to build and free it. Longer strings (titles, ids with
/// more characters) are rarely repeated and are not looked up.
///
/// foldhash rather than the standard library's SipHash: hashing these short strings was 1 %
/// of a whole check's instructions; foldhash is seeded per process, so evidence cannot be
/// written to collide.
pub struct Strings(foldhash::HashMap<Box<str>, Value>);

impl Default for Strings {
    fn default() -> Self {
        Self::new()
    }
}

impl Strings {
    /// Strings of at most this many bytes are shared; a date is 10, `2025-03-01T08:00:00Z` 20.
    const SHARED_UP_TO: usize = 20;

    pub fn new() -> Self {
        Strings(foldhash::HashMap::default())
    }

    pub fn get(&mut self, s: &str) -> Value {
        if s.len() > Self::SHARED_UP_TO {
            return Value::from(s);
        }
        self.shared(s)
    }

    /// `s` made once and shared, whatever its length. The cache owns its keys, so that the
    /// JSON it was read from can be dropped at once.
    pub fn shared(&mut self, s: &str) -> Value {
        if let Some(v) = self.0.get(s) {
            return v.clone();
        }
        let v = Value::from(s);
        self.0.insert(s.into(), v.clone());
        v
    }

    /// [`to_rego`] with the strings shared.
    #[cfg(test)]
    pub fn value(&mut self, v: &serde_json::Value) -> Value {
        use serde_json::Value as J;
        match v {
            J::String(s) => self.get(s),
            J::Array(items) => Value::from(items.iter().map(|v| self.value(v)).collect::<Vec<_>>()),
            J::Object(map) => Value::from(
                map.iter()
                    .map(|(k, v)| (self.get(k), self.value(v)))
                    .collect::<BTreeMap<_, _>>(),
            ),
            other => to_rego(other),
        }
    }
}

/// The policies' values, made directly by the validator while loading, their strings shared.
impl super::validate::Build for &mut Strings {
    type Value = Value;
    type Object = BTreeMap<Value, Value>;

    fn text(&mut self, s: &str) -> Value {
        self.get(s)
    }

    fn bool(&mut self, b: bool) -> Value {
        Value::from(b)
    }

    fn int(&mut self, n: i64) -> Value {
        Value::from(n)
    }

    fn num(&mut self, n: f64) -> Value {
        Value::from(n)
    }

    fn array(&mut self, items: Vec<Value>) -> Value {
        Value::from(items)
    }

    fn object(&mut self, _capacity: usize) -> BTreeMap<Value, Value> {
        BTreeMap::new()
    }

    fn insert(&mut self, object: &mut BTreeMap<Value, Value>, key: &str, value: Value) {
        object.insert(self.get(key), value);
    }

    fn object_value(&mut self, object: BTreeMap<Value, Value>) -> Value {
        Value::from(object)
    }

    fn text_of<'o>(&self, object: &'o BTreeMap<Value, Value>, key: &str) -> Option<&'o str> {
        object.get(&Value::from(key)).and_then(FieldValue::str)
    }
}

/// The names kravkoll adds to a record's fields for the policies; no evidence field has them.
pub const ADDED: [&str; 3] = ["kind", "file", "line"];

/// A record as the policies see it: its fields as written (normalised), plus `kind`, `file`
/// and `line` ([`ADDED`]). Cloning shares the values.
#[derive(Debug, Clone, PartialEq)]
pub struct Fields(Value);

impl Fields {
    /// The record's fields (without `kind`), as JSON, with kind, file and line added: the
    /// path loading took before the validator made the values itself.
    #[cfg(test)]
    pub fn new(
        strings: &mut Strings,
        fields: serde_json::Map<String, serde_json::Value>,
        kind: &str,
        file: &str,
        line: usize,
    ) -> Fields {
        let m: BTreeMap<Value, Value> = fields
            .iter()
            .map(|(k, v)| (strings.get(k), strings.value(v)))
            .collect();
        Fields::of(strings, m, kind, file, line)
    }

    /// The record's fields (without `kind`), as the validator made them, with kind, file
    /// and line added.
    pub fn of(
        strings: &mut Strings,
        mut m: BTreeMap<Value, Value>,
        kind: &str,
        file: &str,
        line: usize,
    ) -> Fields {
        m.insert(strings.get("kind"), strings.get(kind));
        // The file is shared whatever its length: a file holds many records.
        m.insert(strings.get("file"), strings.shared(file));
        m.insert(strings.get("line"), Value::from(line));
        Fields(Value::from(m))
    }

    /// The object the policies read, shared.
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    /// A field's value (also `kind`, `file` and `line`).
    pub fn get(&self, field: &str) -> Option<&Value> {
        FieldValue::get(&self.0, field)
    }

    pub fn contains_key(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    /// The evidence fields' names, without those kravkoll adds.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        let obj = match &self.0 {
            Value::Object(o) => Some(o.as_ref()),
            _ => None,
        };
        obj.into_iter()
            .flat_map(|o| o.keys())
            .filter_map(FieldValue::str)
            .filter(|k| !ADDED.contains(k))
    }

    pub fn get_mut(&mut self, field: &str) -> Option<&mut Value> {
        let obj = self.0.as_object_mut().ok()?;
        obj.get_mut(&Value::from(field))
    }

    pub fn insert(&mut self, field: &str, value: Value) {
        if let Ok(obj) = self.0.as_object_mut() {
            obj.insert(Value::from(field), value);
        }
    }

    pub fn remove(&mut self, field: &str) {
        if let Ok(obj) = self.0.as_object_mut() {
            obj.remove(&Value::from(field));
        }
    }

    /// The record moved to start at `line` of its file, its nested items (fields of type
    /// items, found through the kind's schema) moved by as many lines: what reading the
    /// same text at its new place gives. Values shared with other holders are copied first.
    pub fn move_to(&mut self, kind: &crate::evidence::schema::Kind, line: usize, by: isize) {
        self.insert("line", Value::from(line));
        // Only the few fields with items inside have lines to move: looking up every field
        // of the schema made moving most of the cost of taking a record over.
        for f in kind.fields.iter().filter(|f| f.ty.holds_items()) {
            if let Some(v) = self.get_mut(f.name) {
                move_item_lines(v, &f.ty, by);
            }
        }
    }

    /// The fields as JSON, without those kravkoll adds (for tests and diagnostics).
    pub fn to_json(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut m = match serde_json::to_value(&self.0) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        };
        for k in ADDED {
            m.remove(k);
        }
        m
    }
}

/// Moves the `line` of every item of an items field under `v` (of type `ty`) by `by`.
fn move_item_lines(v: &mut Value, ty: &crate::evidence::schema::Ty, by: isize) {
    use crate::evidence::schema::Ty;
    let line = Value::from("line");
    match ty {
        Ty::Items(fields) | Ty::Object(fields) => {
            let items = matches!(ty, Ty::Items(_));
            let mut one = |obj: &mut Value| {
                let Ok(o) = obj.as_object_mut() else { return };
                if items {
                    if let Some(l) = o.get_mut(&line) {
                        if let Some(n) = FieldValue::int(&*l) {
                            // As the validator writes it: a JSON number, read as i64.
                            *l = Value::from(n + by as i64);
                        }
                    }
                }
                for f in fields.iter() {
                    if let Some(x) = o.get_mut(&Value::from(f.name)) {
                        move_item_lines(x, &f.ty, by);
                    }
                }
            };
            if items {
                if let Ok(list) = v.as_array_mut() {
                    list.iter_mut().for_each(&mut one);
                }
            } else {
                one(v);
            }
        }
        Ty::List(inner) => {
            if let Ok(list) = v.as_array_mut() {
                for x in list.iter_mut() {
                    move_item_lines(x, inner, by);
                }
            }
        }
        _ => {}
    }
}

/// Reading a regorus value the way the Rust side needs it: `None` for another type, without
/// the error values regorus's own `as_*` methods make.
pub trait FieldValue {
    fn str(&self) -> Option<&str>;
    fn bool(&self) -> Option<bool>;
    fn int(&self) -> Option<i64>;
    fn float(&self) -> Option<f64>;
    fn list(&self) -> Option<&regorus::value::Array>;
    fn object(&self) -> Option<&regorus::value::Object>;
    /// A field of an object; `None` when absent or not an object.
    fn get(&self, name: &str) -> Option<&Value>;
    fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

impl FieldValue for Value {
    fn str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    fn bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn int(&self) -> Option<i64> {
        match self {
            Value::Number(_) => self.as_i64().ok(),
            _ => None,
        }
    }

    fn float(&self) -> Option<f64> {
        match self {
            Value::Number(_) => self.as_f64().ok(),
            _ => None,
        }
    }

    fn list(&self) -> Option<&regorus::value::Array> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    fn object(&self) -> Option<&regorus::value::Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    fn get(&self, name: &str) -> Option<&Value> {
        // A scan rather than a lookup: a lookup needs the name as a regorus string, one
        // allocation per read, and records have a dozen fields.
        self.object()?
            .iter()
            .find(|(k, _)| k.str() == Some(name))
            .map(|(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The validator's direct values are those its JSON gave once converted, record by
    /// record, for every example repository and a record with every type of field.
    #[test]
    fn direct_values_equal_the_converted_json() {
        use crate::evidence::validate::{self, Validator};
        use crate::evidence::yaml::parse_documents;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let tz = jiff::tz::TimeZone::get("Europe/Stockholm").unwrap();
        let mut texts: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| {
                e.path().components().any(|c| c.as_os_str() == "evidence")
                    && e.path().extension().is_some_and(|x| x == "yaml")
            })
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect();
        texts.push(
            "kind: ActionPlan\nid: ap-9\ntitle: Plan\ndecided_by: Nämnden\ndecided: 2025-01-02\nitems:\n  - id: ap-9-a\n    measure: Steg\n    owner: CISO\n    status: ongoing\n    due: 2025-03-01\nextra:\n  note: fri text\n  list: [1, ja]\n---\nkind: Appointment\nid: apt-9\nperson: Samordnare\nappointed: 2025-01-02\ndecided_by: Nämnden\nfte_share: 0.5\n---\nkind: Appointment\nid: apt-10\nperson: Samordnare\nappointed: 2025-01-02\ndecided_by: Nämnden\nfte_share: 1\n"
                .into(),
        );
        texts.push(
            "kind: Incident\nid: inc-9\ntitle: Intrång\ndetected: 2025-03-01T08:00\ncategories: [personal_data_breach]\nsystems: [sys-1]\nserious_harm: false\n".into(),
        );
        let mut records = 0;
        for text in &texts {
            for doc in parse_documents(text).unwrap() {
                let mut json = Validator::new("e.yaml", &tz);
                let Some((kind, id, map)) = validate::record(&mut json, &doc) else {
                    continue;
                };
                let mut strings = Strings::new();
                let mut direct = Validator::building("e.yaml", None, &tz, &mut strings);
                let (kind2, id2, object) = validate::record(&mut direct, &doc).unwrap();
                assert_eq!((kind.name, &id), (kind2.name, &id2));
                assert_eq!(json.out.problems.len(), direct.out.problems.len(), "{id}");
                let mut strings = Strings::new();
                assert_eq!(
                    Fields::new(&mut strings, map, kind.name, "e.yaml", 3),
                    Fields::of(&mut strings, object, kind.name, "e.yaml", 3),
                    "{id}"
                );
                records += 1;
            }
        }
        assert!(records > 100, "{records} records compared");
    }

    #[test]
    fn shared_strings_give_the_same_values() {
        let v = json!({
            "id": "sys-1",
            "performed": "2025-03-01",
            "result": "success",
            "title": "A title much longer than twenty bytes, not shared",
            "nested": [{"performed": "2025-03-01", "n": 3, "ok": true, "none": null}],
            "again": ["success", "success", 1.5],
        });
        let mut strings = Strings::new();
        let once = strings.value(&v);
        let twice = strings.value(&v);
        assert_eq!(once, to_rego(&v));
        assert_eq!(twice, to_rego(&v));
        // Short strings are made once and shared; long ones are not kept.
        assert!(strings.0.contains_key("success"));
        assert!(strings.0.contains_key("performed"));
        assert!(!strings.0.keys().any(|k| k.starts_with("A title")));
    }

    /// What kravkoll adds must never hide a field of the evidence (`kind` is the record's
    /// own, written back as it was).
    #[test]
    fn no_kind_has_a_field_named_like_what_kravkoll_adds() {
        for kind in crate::evidence::schema::KINDS {
            for f in crate::evidence::schema::fields_of(kind) {
                assert!(
                    f.name == "kind" || !ADDED.contains(&f.name),
                    "{}.{}",
                    kind.name,
                    f.name
                );
            }
        }
    }

    #[test]
    fn fields_read_write_and_hide_what_kravkoll_adds() {
        let json = json!({
            "id": "ap-1",
            "title": "Plan",
            "share": 0.5,
            "count": 3,
            "done": true,
            "systems": ["sys-1", "sys-2"],
            "items": [{"id": "ap-1-a", "status": "ongoing"}],
        });
        let serde_json::Value::Object(map) = json.clone() else {
            unreachable!()
        };
        let mut f = Fields::new(
            &mut Strings::new(),
            map.clone(),
            "ActionPlan",
            "evidence/a.yaml",
            7,
        );
        assert_eq!(f.get("title").and_then(FieldValue::str), Some("Plan"));
        assert_eq!(f.get("count").and_then(FieldValue::int), Some(3));
        assert_eq!(f.get("share").and_then(FieldValue::float), Some(0.5));
        assert_eq!(f.get("count").and_then(FieldValue::float), Some(3.0));
        assert_eq!(f.get("share").and_then(FieldValue::int), None);
        assert_eq!(f.get("done").and_then(FieldValue::bool), Some(true));
        assert_eq!(f.get("title").and_then(FieldValue::bool), None);
        assert_eq!(
            f.get("systems").and_then(FieldValue::list).map(|l| l.len()),
            Some(2)
        );
        let item = f
            .get("items")
            .and_then(FieldValue::list)
            .and_then(|l| l.first())
            .unwrap();
        assert_eq!(
            item.get("status").and_then(FieldValue::str),
            Some("ongoing")
        );
        assert_eq!(item.get("absent"), None);
        assert_eq!(f.get("kind").and_then(FieldValue::str), Some("ActionPlan"));
        assert_eq!(f.get("line").and_then(FieldValue::int), Some(7));
        assert!(!f.contains_key("absent"));
        // What kravkoll adds is the policies' business, not the record's fields.
        let mut keys: Vec<&str> = f.keys().collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["count", "done", "id", "items", "share", "systems", "title"]
        );
        assert_eq!(f.to_json(), map);

        // A clone shares the values; changing one leaves the other as it was.
        let before = f.clone();
        f.remove("done");
        f.insert("title", Value::from("Ny plan"));
        if let Some(list) = f.get_mut("systems").and_then(|v| v.as_array_mut().ok()) {
            list.retain(|s| s.str() == Some("sys-1"));
        }
        assert!(!f.contains_key("done"));
        assert_eq!(f.get("title").and_then(FieldValue::str), Some("Ny plan"));
        assert_eq!(
            f.get("systems").and_then(FieldValue::list).map(|l| l.len()),
            Some(1)
        );
        assert_eq!(before.to_json(), map);
    }
}

//! JSON Schema (draft 2020-12) of the evidence format, generated from the same tables that
//! validate it, for editors (yaml-language-server) and other tools.

use serde_json::{json, Map, Value};

use crate::evidence::schema::{self, Field, Ty};

fn ty_schema(ty: &Ty) -> Value {
    match ty {
        Ty::Str => json!({"type": "string"}),
        Ty::Date => {
            json!({"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})
        }
        Ty::DateTime => {
            json!({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:[0-9]{2})?$"})
        }
        Ty::Bool => json!({"type": "boolean"}),
        Ty::Int { min, max } => {
            let mut m = json!({"type": "integer", "minimum": min});
            if *max != i64::MAX {
                m["maximum"] = json!(max);
            }
            m
        }
        Ty::Num { min, max } => json!({"type": "number", "minimum": min, "maximum": max}),
        Ty::Enum(values) => json!({"enum": values}),
        Ty::OpenEnum(values) => json!({"type": "string", "examples": values}),
        Ty::Ref(Some(kinds)) => {
            json!({"type": "string", "description": format!("id of a {}", kinds.join(" or "))})
        }
        Ty::Ref(None) => {
            json!({"type": "string", "description": "id of another record or nested item"})
        }
        Ty::Board => {
            json!({"type": "string", "description": "id of a board in organisation.boards"})
        }
        Ty::BoardOrOrganisation => {
            json!({"type": "string", "description": "board id or `organisation`"})
        }
        Ty::List(inner) => json!({"type": "array", "items": ty_schema(inner)}),
        Ty::Object(fields) => object(fields.iter()),
        Ty::Items(fields) => json!({"type": "array", "items": object(fields.iter())}),
        Ty::Free => json!({"type": "object"}),
    }
}

fn object<'a>(fields: impl Iterator<Item = &'a Field>) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for f in fields {
        let mut s = ty_schema(&f.ty);
        if let Value::Object(m) = &mut s {
            m.entry("description").or_insert_with(|| json!(f.doc));
        }
        props.insert(f.name.to_string(), s);
        if f.required {
            required.push(f.name);
        }
    }
    json!({"type": "object", "properties": props, "required": required, "additionalProperties": false})
}

/// Schema of one evidence document (any kind, chosen by `kind`).
pub fn evidence() -> Value {
    let kinds: Vec<&str> = schema::KINDS.iter().map(|k| k.name).collect();
    let branches: Vec<Value> = schema::KINDS
        .iter()
        .map(|k| {
            let mut o = object(schema::fields_of(k));
            o["properties"]["kind"] = json!({"const": k.name, "description": k.sv});
            json!({"if": {"properties": {"kind": {"const": k.name}}, "required": ["kind"]}, "then": o})
        })
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kravkoll.example/schema/evidence-v1.json",
        "title": "kravkoll evidence record (format v1)",
        "type": "object",
        "required": ["kind", "id"],
        "properties": {"kind": {"enum": kinds}},
        "allOf": branches,
    })
}

/// Schema of `kravkoll.yaml`.
pub fn config() -> Value {
    let mut o = object(schema::CONFIG_FIELDS.iter());
    let names: Vec<&str> = crate::intervals::INTERVALS.iter().map(|i| i.name).collect();
    let props: Map<String, Value> = names
        .iter()
        .map(|n| {
            (
                n.to_string(),
                json!({"type": "number", "exclusiveMinimum": 0}),
            )
        })
        .collect();
    o["properties"]["intervals"] =
        json!({"type": "object", "properties": props, "additionalProperties": false});
    o["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    o["title"] = json!("kravkoll.yaml");
    o
}

/// Schema of the annual report's title block (`annual/<year>/report.yaml`).
pub fn annual_title() -> Value {
    let mut o = object(schema::ANNUAL_TITLE_FIELDS.iter());
    o["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    o["title"] = json!("annual/<year>/report.yaml");
    o
}

//! The column-mapping file: which kind of record each row becomes, which column holds which
//! field, and which column(s) identify a row from one import to the next. Read with the
//! evidence YAML parser so every problem names its line.
//!
//! ```yaml
//! kind: System
//! key: Systemnamn                # or a list of columns: [Kurs, År]
//! sheet: Systemförteckning       # workbooks: the sheet (default: the first)
//! columns:                       # field: column heading
//!   name: Systemnamn
//!   owner: Systemägare
//!   patient_data: Patientuppgifter
//! defaults:                      # field: value for every row
//!   personal_data: true
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostics::{did_you_mean, Problem, Problems};
use crate::evidence::schema::{self, Field, Kind, Ty};
use crate::evidence::yaml::{parse_documents, Node, NodeValue, Pos};

#[derive(Debug, Clone)]
pub struct Mapping {
    /// The mapping file as named on the command line (for messages).
    pub file: String,
    /// A short name kept in each imported record, to tell this import's records from others'.
    pub name: String,
    pub kind: &'static Kind,
    /// Key columns (headings) and where each is written in the mapping.
    pub key: Vec<(String, Pos)>,
    pub id_prefix: String,
    pub folder: Option<String>,
    pub sheet: Option<String>,
    pub header_row: usize,
    /// Field → (column heading, position in the mapping file).
    pub columns: Vec<(&'static Field, String, Pos)>,
    /// Field → (value as written, position).
    pub defaults: Vec<(&'static Field, String, Pos)>,
    pub true_values: Vec<String>,
    pub false_values: Vec<String>,
    pub list_separator: String,
}

const KEYS: &[&str] = &[
    "kind",
    "key",
    "id_prefix",
    "folder",
    "sheet",
    "header_row",
    "columns",
    "defaults",
    "true_values",
    "false_values",
    "list_separator",
];

pub const TRUE_WORDS: &[&str] = &["ja", "j", "x", "sant", "true", "yes", "1"];
pub const FALSE_WORDS: &[&str] = &["nej", "n", "falskt", "false", "no", "0"];

struct Reader<'a> {
    file: &'a str,
    problems: Problems,
}

impl Reader<'_> {
    fn push(&mut self, pos: Option<Pos>, msg: String, help: Option<String>) {
        self.problems
            .push(Problem::new("kravkoll::import::mapping", self.file, pos, msg).maybe_help(help));
    }

    fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            NodeValue::Scalar { text, .. } if !node.is_null() => Some(text.clone()),
            _ => {
                self.push(
                    Some(node.pos),
                    format!(
                        "`{what}` must be a single value, found {}",
                        node.type_name()
                    ),
                    None,
                );
                None
            }
        }
    }

    fn texts(&mut self, node: &Node, what: &str) -> Vec<(String, Pos)> {
        match &node.value {
            NodeValue::Seq(items) => items
                .iter()
                .filter_map(|i| self.text(i, what).map(|t| (t, i.pos)))
                .collect(),
            _ => self
                .text(node, what)
                .map(|t| (t, node.pos))
                .into_iter()
                .collect(),
        }
    }

    fn field(&mut self, kind: &'static Kind, name: &str, pos: Pos) -> Option<&'static Field> {
        match schema::fields_of(kind).find(|f| f.name == name) {
            Some(f)
                if matches!(f.ty, Ty::Object(_) | Ty::Items(_) | Ty::Free) || f.name == "kind" =>
            {
                self.push(
                    Some(pos),
                    format!("`{name}` cannot be imported from a column: it is a nested structure"),
                    Some("write it in the records by hand".into()),
                );
                None
            }
            Some(f) => Some(f),
            None => {
                let hint = did_you_mean(name, schema::fields_of(kind).map(|f| f.name));
                self.push(
                    Some(pos),
                    format!("`{name}` is not a field of {}", kind.name),
                    hint,
                );
                None
            }
        }
    }

    fn pairs(
        &mut self,
        node: &Node,
        what: &str,
        kind: &'static Kind,
    ) -> Vec<(&'static Field, String, Pos)> {
        let NodeValue::Map(entries) = &node.value else {
            self.push(
                Some(node.pos),
                format!("`{what}` must be a mapping of field: value"),
                None,
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in entries {
            let Some(f) = self.field(kind, &k.name, k.pos) else {
                continue;
            };
            let value = match &v.value {
                NodeValue::Seq(items) => {
                    let parts: Vec<String> =
                        items.iter().filter_map(|i| self.text(i, &k.name)).collect();
                    Some(parts.join("\u{1f}"))
                }
                _ => self.text(v, &k.name),
            };
            if let Some(value) = value {
                out.push((f, value, v.pos));
            }
        }
        out
    }
}

/// Reads and checks a mapping file.
pub fn parse(file: &str, text: &str) -> Result<Mapping, Problems> {
    let mut r = Reader {
        file,
        problems: Problems::default(),
    };
    let fail = |mut r: Reader| {
        r.problems.add_source(file, Arc::from(text));
        Err(r.problems)
    };
    let docs = match parse_documents(text) {
        Ok(d) => d,
        Err(e) => {
            r.push(Some(e.pos), e.message, e.help);
            return fail(r);
        }
    };
    let Some(doc) = docs
        .first()
        .filter(|d| matches!(d.value, NodeValue::Map(_)))
    else {
        r.push(
            None,
            "the mapping file must be a mapping with kind, key and columns".into(),
            Some("see docs/getting-started.md".into()),
        );
        return fail(r);
    };
    if let NodeValue::Map(entries) = &doc.value {
        for (k, _) in entries {
            if !KEYS.contains(&k.name.as_str()) {
                let hint = did_you_mean(&k.name, KEYS.iter().copied());
                r.push(
                    Some(k.pos),
                    format!("unknown setting `{}` in the mapping", k.name),
                    hint.or_else(|| Some(format!("settings: {}", KEYS.join(", ")))),
                );
            }
        }
    }
    let kind = match doc
        .get("kind")
        .and_then(|n| r.text(n, "kind").map(|t| (t, n.pos)))
    {
        Some((name, pos)) => match schema::kind(&name) {
            Some(k) => Some(k),
            None => {
                let hint = did_you_mean(&name, schema::KINDS.iter().map(|k| k.name));
                r.push(Some(pos), format!("unknown kind `{name}`"), hint);
                None
            }
        },
        None => {
            r.push(
                Some(doc.pos),
                "the mapping lacks `kind` (System, Supplier, Training, …)".into(),
                None,
            );
            None
        }
    };
    let Some(kind) = kind else {
        return fail(r);
    };
    let key = match doc.get("key") {
        Some(n) => r.texts(n, "key"),
        None => {
            r.push(Some(doc.pos), "the mapping lacks `key`: the column(s) that identify a row from one import to the next".into(), Some("e.g. key: Systemnamn".into()));
            Vec::new()
        }
    };
    let columns = match doc.get("columns") {
        Some(n) => r.pairs(n, "columns", kind),
        None => {
            r.push(
                Some(doc.pos),
                "the mapping lacks `columns` (field: column heading)".into(),
                None,
            );
            Vec::new()
        }
    };
    let defaults = doc
        .get("defaults")
        .map(|n| r.pairs(n, "defaults", kind))
        .unwrap_or_default();
    for f in kind.fields.iter().filter(|f| f.required) {
        let covered = columns.iter().any(|(c, _, _)| c.name == f.name)
            || defaults.iter().any(|(d, _, _)| d.name == f.name);
        if !covered {
            r.push(
                Some(doc.pos),
                format!(
                    "the required field `{}` of {} has neither a column nor a default",
                    f.name, kind.name
                ),
                Some(format!(
                    "add `{}: <column heading>` under columns, or a value under defaults",
                    f.name
                )),
            );
        }
    }
    let mut seen = BTreeMap::new();
    for (f, _, pos) in columns.iter().chain(&defaults) {
        if let Some(first) = seen.insert(f.name, *pos) {
            r.push(
                Some(*pos),
                format!("`{}` is given twice (first on line {})", f.name, first.line),
                None,
            );
        }
    }
    let one = |r: &mut Reader, name: &str| doc.get(name).and_then(|n| r.text(n, name));
    let sheet = one(&mut r, "sheet");
    let folder = one(&mut r, "folder");
    if let Some(f) = &folder {
        if f.starts_with('/') || f.split('/').any(|c| c == ".." || c.starts_with('.')) {
            r.push(
                doc.get("folder").map(|n| n.pos),
                format!("folder `{f}` must be a folder inside the evidence folder"),
                None,
            );
        }
    }
    let id_prefix = one(&mut r, "id_prefix")
        .unwrap_or_else(|| format!("{}-", crate::scaffold::layout::placement(kind.name).1));
    let header_row = match doc.get("header_row") {
        Some(n) => match r
            .text(n, "header_row")
            .and_then(|t| t.parse::<usize>().ok())
            .filter(|n| (1..=1_000_000).contains(n))
        {
            Some(v) => v,
            None => {
                r.push(
                    Some(n.pos),
                    "`header_row` must be a row number from 1".into(),
                    None,
                );
                1
            }
        },
        None => 1,
    };
    let words = |r: &mut Reader, name: &str, default: &[&str]| match doc.get(name) {
        Some(n) => r
            .texts(n, name)
            .into_iter()
            .map(|(t, _)| t.to_lowercase())
            .collect(),
        None => default.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
    };
    let true_values = words(&mut r, "true_values", TRUE_WORDS);
    let false_values = words(&mut r, "false_values", FALSE_WORDS);
    let list_separator = one(&mut r, "list_separator").unwrap_or_else(|| ";".into());
    if !r.problems.is_empty() {
        return fail(r);
    }
    let name = std::path::Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().replace(char::is_whitespace, "_"))
        .unwrap_or_else(|| "mapping".into());
    Ok(Mapping {
        file: file.to_string(),
        name,
        kind,
        key,
        id_prefix,
        folder,
        sheet,
        header_row,
        columns,
        defaults,
        true_values,
        false_values,
        list_separator,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_names_kind_key_and_columns() {
        let m = parse(
            "system.mapping.yaml",
            "kind: System\nkey: Systemnamn\ncolumns:\n  name: Systemnamn\n  owner: Ägare\n  patient_data: Patientdata\ndefaults:\n  personal_data: true\n",
        )
        .unwrap();
        assert_eq!(m.kind.name, "System");
        assert_eq!(m.id_prefix, "sys-");
        assert_eq!(m.columns.len(), 3);
        assert_eq!(m.key[0].0, "Systemnamn");
    }

    #[test]
    fn every_mapping_problem_is_reported_with_its_line() {
        let err = parse(
            "m.yaml",
            "kind: System\nkey: Namn\ncolumns:\n  nmae: Namn\n  owner: Ägare\nsheeet: X\n",
        )
        .unwrap_err();
        let msgs: Vec<String> = err.problems.iter().map(|p| p.message.clone()).collect();
        assert!(
            msgs.iter().any(|m| m.contains("`nmae` is not a field")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("unknown setting `sheeet`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("`name` of System")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("`patient_data`")),
            "{msgs:?}"
        );
        assert!(err.problems.iter().all(|p| p.pos.is_some()));
    }
}

//! Writing imported records, and updating them on the next import without destroying what a
//! person wrote. Each imported file carries a provenance line with a hash of every value the
//! import wrote. On the next import a field whose value still has that hash is the import's
//! own and is updated from the spreadsheet; a field edited by hand since (its hash differs)
//! is kept and reported as a conflict, unless `--overwrite` says the spreadsheet wins.
//! Fields the mapping does not write, comments and the rest of the file are never touched.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::convert::yaml;
use crate::evidence::schema::{Field, Kind};
use crate::evidence::validate::{self, Validator};
use crate::evidence::yaml::{parse_documents, Node, NodeValue};
use crate::report::sarif::fnv1a;

/// The provenance line's start.
pub const MARK: &str = "# kravkoll-import:";

/// What an import wrote into a file last time: the mapping's name and a hash per field.
#[derive(Debug, Default, PartialEq)]
pub struct Provenance {
    pub mapping: String,
    pub hashes: BTreeMap<String, String>,
}

pub fn read_mark(text: &str) -> Option<Provenance> {
    let line = text.lines().find(|l| l.starts_with(MARK))?;
    let mut parts = line[MARK.len()..].split_whitespace();
    let mapping = parts.next()?.to_string();
    let hashes = parts
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Some(Provenance { mapping, hashes })
}

fn mark_line(p: &Provenance) -> String {
    let mut line = format!("{MARK} {}", p.mapping);
    for (k, v) in &p.hashes {
        line.push_str(&format!(" {k}={v}"));
    }
    line
}

/// The hash of a value as the validator normalises it; `-` for no value.
pub fn hash(v: Option<&Value>) -> String {
    match v {
        Some(v) => format!("{:016x}", fnv1a(&v.to_string())),
        None => "-".to_string(),
    }
}

/// The text of a new imported record.
pub fn fresh(
    intro: &[String],
    mapping: &str,
    kind: &Kind,
    id: &str,
    fields: &[(&'static Field, Option<Value>)],
) -> String {
    let mut prov = Provenance {
        mapping: mapping.to_string(),
        ..Provenance::default()
    };
    let mut body = format!(
        "kind: {}\nid: {}\n",
        kind.name,
        yaml(&Value::String(id.to_string()))
    );
    for (f, v) in fields {
        prov.hashes.insert(f.name.to_string(), hash(v.as_ref()));
        if let Some(v) = v {
            body.push_str(&format!("{}: {}\n", f.name, yaml(v)));
        }
    }
    let mut out = String::new();
    for l in intro {
        out.push_str(&format!("# {l}\n"));
    }
    out.push_str(&mark_line(&prov));
    out.push('\n');
    out.push_str(&body);
    out
}

/// A field the import did not change because it was edited by hand.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub field: String,
    /// In the file (as YAML text), or `None` when the field was removed by hand.
    pub current: Option<String>,
    /// From the spreadsheet, or `None` when its cell is empty.
    pub incoming: Option<String>,
}

#[derive(Debug, Default)]
pub struct Merged {
    pub text: String,
    /// Fields given a new value (or removed because their cell is now empty).
    pub updated: Vec<String>,
    pub conflicts: Vec<Conflict>,
}

/// Where a one-line scalar's text ends: after its closing quote, or before a comment or the
/// line's end (the parser's span may run on to the next token). Block scalars keep the span.
fn scalar_end(node: &Node, text: &str) -> usize {
    let start = node.pos.offset;
    let line = &text[start..line_end(text, start)];
    let line = line.trim_end_matches(['\n', '\r']);
    let mut chars = line.char_indices();
    match chars.next() {
        Some((_, q @ ('"' | '\''))) => {
            let mut escaped = false;
            for (i, c) in chars {
                if q == '"' && c == '\\' && !escaped {
                    escaped = true;
                    continue;
                }
                if c == q && !escaped {
                    // '' inside a single-quoted scalar is an escaped quote.
                    if q == '\'' && line[i + 1..].starts_with('\'') {
                        continue;
                    }
                    return start + i + 1;
                }
                escaped = false;
            }
            start + line.len()
        }
        Some((_, '|' | '>')) => start + node.pos.len,
        _ => {
            let cut = line.find(" #").unwrap_or(line.len());
            start + line[..cut].trim_end().len()
        }
    }
}

fn node_end(node: &Node, text: &str) -> usize {
    let own = node.pos.offset + node.pos.len;
    let inner = match &node.value {
        NodeValue::Scalar { .. } => return scalar_end(node, text),
        NodeValue::Seq(items) => items.iter().map(|i| node_end(i, text)).max(),
        NodeValue::Map(entries) => entries.iter().map(|(_, v)| node_end(v, text)).max(),
    }
    .unwrap_or(own);
    // A flow collection ends at its closing bracket.
    let close = match text.get(node.pos.offset..node.pos.offset + 1) {
        Some("[") => Some(']'),
        Some("{") => Some('}'),
        _ => None,
    };
    match close {
        Some(c) => text[inner.max(node.pos.offset + 1)..]
            .find(c)
            .map(|i| inner.max(node.pos.offset + 1) + i + 1)
            .unwrap_or(inner),
        None => inner,
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0)
}

fn line_end(text: &str, at: usize) -> usize {
    text[at..]
        .find('\n')
        .map(|i| at + i + 1)
        .unwrap_or(text.len())
}

/// Updates the record `id` in `text` with the spreadsheet's `fields`.
pub fn merge(
    text: &str,
    id: &str,
    mapping: &str,
    fields: &[(&'static Field, Option<Value>)],
    overwrite: bool,
    tz: &jiff::tz::TimeZone,
) -> Result<Merged, String> {
    let Some(mut prov) = read_mark(text) else {
        return Err("the file was not written by kravkoll import; it is left as it is".into());
    };
    if prov.mapping != mapping {
        return Err(format!(
            "the file was imported with another mapping ({}); it is left as it is",
            prov.mapping
        ));
    }
    let docs = parse_documents(text).map_err(|e| format!("line {}: {}", e.pos.line, e.message))?;
    let doc = docs
        .iter()
        .find(|d| matches!(d.get("id").map(|n| &n.value), Some(NodeValue::Scalar { text, .. }) if text == id))
        .ok_or_else(|| format!("the file holds no record `{id}`"))?;
    let NodeValue::Map(entries) = &doc.value else {
        return Err("the record is not a mapping".into());
    };
    let mut v = Validator::new("", tz);
    let current: Map<String, Value> = validate::record(&mut v, doc)
        .map(|(_, _, m)| m)
        .unwrap_or_default();
    let doc_end = text[doc.pos.offset..]
        .match_indices('\n')
        .map(|(i, _)| doc.pos.offset + i + 1)
        .find(|&i| text[i..].starts_with("---") || text[i..].starts_with("..."))
        .unwrap_or(text.len());
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut appended = String::new();
    let mut out = Merged::default();
    for (f, new) in fields {
        let entry = entries.iter().find(|(k, _)| k.name == f.name);
        let cur = current.get(f.name);
        let stored = prov.hashes.get(f.name).cloned();
        if cur == new.as_ref() {
            prov.hashes.insert(f.name.to_string(), hash(new.as_ref()));
            continue;
        }
        let untouched = match &stored {
            Some(h) => *h == hash(cur) && (cur.is_some() || entry.is_none_or(|(_, n)| n.is_null())),
            None => entry.is_none(),
        };
        if !untouched && !overwrite {
            out.conflicts.push(Conflict {
                field: f.name.to_string(),
                current: entry.map(|(_, n)| text[n.pos.offset..node_end(n, text)].to_string()),
                incoming: new.as_ref().map(yaml),
            });
            continue;
        }
        match (entry, new) {
            (Some((_, node)), Some(value))
                if matches!(node.value, NodeValue::Scalar { .. }) && !node.is_null() =>
            {
                edits.push((node.pos.offset, scalar_end(node, text), yaml(value)));
            }
            (Some((key, node)), Some(value)) => {
                let start = line_start(text, key.pos.offset);
                let end = line_end(text, node_end(node, text).max(key.pos.offset + key.pos.len));
                edits.push((start, end, format!("{}: {}\n", f.name, yaml(value))));
            }
            (Some((key, node)), None) => {
                let start = line_start(text, key.pos.offset);
                let end = line_end(text, node_end(node, text).max(key.pos.offset + key.pos.len));
                edits.push((start, end, String::new()));
            }
            (None, Some(value)) => appended.push_str(&format!("{}: {}\n", f.name, yaml(value))),
            (None, None) => {}
        }
        prov.hashes.insert(f.name.to_string(), hash(new.as_ref()));
        out.updated.push(f.name.to_string());
    }
    let mut result = text.to_string();
    if !appended.is_empty() {
        let mut insert = String::new();
        if doc_end > 0 && !result[..doc_end].ends_with('\n') {
            insert.push('\n');
        }
        insert.push_str(&appended);
        edits.push((doc_end, doc_end, insert));
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (start, end, with) in edits {
        result.replace_range(start..end, &with);
    }
    // The provenance line is rewritten in place (it is above the record, so the edits'
    // offsets were not affected by it).
    if let Some(pos) = result.find(MARK) {
        let end = line_end(&result, pos);
        let newline = if result[..end].ends_with('\n') {
            "\n"
        } else {
            ""
        };
        result.replace_range(pos..end, &format!("{}{newline}", mark_line(&prov)));
    }
    out.text = result;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::schema;

    fn field(name: &str) -> &'static Field {
        schema::kind("System")
            .unwrap()
            .fields
            .iter()
            .find(|f| f.name == name)
            .unwrap()
    }

    fn fields(owner: &str, mfa: Option<bool>) -> Vec<(&'static Field, Option<Value>)> {
        vec![
            (field("name"), Some(Value::String("Journal".into()))),
            (field("owner"), Some(Value::String(owner.into()))),
            (field("patient_data"), Some(Value::Bool(true))),
            (field("personal_data"), Some(Value::Bool(true))),
            (field("mfa"), mfa.map(Value::Bool)),
        ]
    }

    fn kind() -> &'static Kind {
        schema::kind("System").unwrap()
    }

    #[test]
    fn an_unchanged_import_keeps_the_file_and_a_new_value_replaces_the_old() {
        let tz = jiff::tz::TimeZone::UTC;
        let first = fresh(
            &["Importerad".into()],
            "sys.yaml",
            kind(),
            "sys-journal",
            &fields("Anna", Some(true)),
        );
        let same = merge(
            &first,
            "sys-journal",
            "sys.yaml",
            &fields("Anna", Some(true)),
            false,
            &tz,
        )
        .unwrap();
        assert_eq!(same.text, first);
        assert!(same.updated.is_empty());
        let changed = merge(
            &first,
            "sys-journal",
            "sys.yaml",
            &fields("Bo", None),
            false,
            &tz,
        )
        .unwrap();
        assert_eq!(changed.updated, ["owner", "mfa"]);
        assert!(changed.text.contains("\nowner: Bo\n"), "{}", changed.text);
        assert!(!changed.text.contains("mfa:"), "{}", changed.text);
        // Importing the same again changes nothing more.
        let again = merge(
            &changed.text,
            "sys-journal",
            "sys.yaml",
            &fields("Bo", None),
            false,
            &tz,
        )
        .unwrap();
        assert_eq!(again.text, changed.text);
    }

    #[test]
    fn hand_edits_and_hand_written_fields_survive_and_are_reported() {
        let tz = jiff::tz::TimeZone::UTC;
        let first = fresh(
            &[],
            "sys.yaml",
            kind(),
            "sys-journal",
            &fields("Anna", Some(true)),
        );
        let edited = first.replace("owner: Anna", "owner: \"Anna Berg\"  # rättat för hand")
            + "# egen anteckning\nlogging: true\n";
        let m = merge(
            &edited,
            "sys-journal",
            "sys.yaml",
            &fields("Bo", Some(false)),
            false,
            &tz,
        )
        .unwrap();
        assert_eq!(m.updated, ["mfa"]);
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].field, "owner");
        assert_eq!(m.conflicts[0].current.as_deref(), Some("\"Anna Berg\""));
        assert!(
            m.text.contains("owner: \"Anna Berg\"  # rättat för hand"),
            "{}",
            m.text
        );
        assert!(
            m.text.contains("# egen anteckning\nlogging: true\n"),
            "{}",
            m.text
        );
        assert!(m.text.contains("mfa: false"), "{}", m.text);
        // The conflict stays until it is resolved, and --overwrite resolves it.
        let m2 = merge(
            &m.text,
            "sys-journal",
            "sys.yaml",
            &fields("Bo", Some(false)),
            false,
            &tz,
        )
        .unwrap();
        assert_eq!(m2.conflicts.len(), 1);
        let m3 = merge(
            &m.text,
            "sys-journal",
            "sys.yaml",
            &fields("Bo", Some(false)),
            true,
            &tz,
        )
        .unwrap();
        assert!(m3.conflicts.is_empty());
        assert!(
            m3.text.contains("owner: Bo  # rättat för hand"),
            "{}",
            m3.text
        );
    }

    #[test]
    fn a_file_not_written_by_the_import_is_not_touched() {
        let tz = jiff::tz::TimeZone::UTC;
        let text = "kind: System\nid: sys-journal\nname: J\nowner: A\npatient_data: true\npersonal_data: true\n";
        assert!(merge(
            text,
            "sys-journal",
            "sys.yaml",
            &fields("Bo", None),
            false,
            &tz
        )
        .is_err());
    }

    #[test]
    fn the_provenance_line_round_trips() {
        let p = Provenance {
            mapping: "system.mapping.yaml".into(),
            hashes: [
                ("name".to_string(), "00ff".to_string()),
                ("mfa".to_string(), "-".to_string()),
            ]
            .into(),
        };
        assert_eq!(
            read_mark(&format!("# x\n{}\nkind: System\n", mark_line(&p))),
            Some(p)
        );
    }
}

//! Every string of every record, whatever its field or type, is read for what must never be
//! in evidence: personal identity and coordination numbers (evidence holds aggregates and
//! roles, not persons), and control characters that would rewrite a terminal or hide text.

use super::personnummer;
use super::yaml::{Node, NodeValue, Pos};
use crate::diagnostics::Problem;

/// What scanning one file found.
#[derive(Debug, Default)]
pub struct Scan {
    pub problems: Vec<Problem>,
    /// The numbers as written, so that no message or snippet ever prints them.
    pub secrets: Vec<String>,
}

/// Scans a parsed document. With `numbers_allowed` (the file is listed in
/// `allow_personal_identity_numbers_in`), numbers are not reported, but are still masked.
pub fn document(file: &str, doc: &Node, numbers_allowed: bool, out: &mut Scan) {
    walk(file, doc, &mut Vec::new(), numbers_allowed, out);
}

fn walk<'a>(
    file: &str,
    node: &'a Node,
    path: &mut Vec<&'a str>,
    numbers_allowed: bool,
    out: &mut Scan,
) {
    match &node.value {
        NodeValue::Scalar { text, .. } => {
            text_of(file, text, node.pos, || field(path), numbers_allowed, out);
        }
        NodeValue::Seq(items) => {
            for item in items {
                walk(file, item, path, numbers_allowed, out);
            }
        }
        NodeValue::Map(entries) => {
            for (key, value) in entries {
                let what = || match path.is_empty() {
                    true => "a field name".to_string(),
                    false => format!("a field name under {}", field(path)),
                };
                text_of(file, &key.name, key.pos, what, numbers_allowed, out);
                path.push(&key.name);
                walk(file, value, path, numbers_allowed, out);
                path.pop();
            }
        }
    }
}

fn field(path: &[&str]) -> String {
    if path.is_empty() {
        "the record".into()
    } else {
        format!("`{}`", path.join("."))
    }
}

/// Scans one scalar or key; `what` names it in messages (never by its text).
fn text_of(
    file: &str,
    text: &str,
    pos: Pos,
    what: impl Fn() -> String,
    numbers_allowed: bool,
    out: &mut Scan,
) {
    for found in personnummer::find(text) {
        out.secrets.push(text[found.start..found.end].to_string());
        if numbers_allowed {
            continue;
        }
        out.problems.push(
            Problem::new(
                "kravkoll::evidence::personal-identity-number",
                file,
                Some(pos),
                format!(
                    "{} in {}; evidence must not identify persons",
                    found.kind.describe(),
                    what()
                ),
            )
            .label("remove the number")
            .help("record roles and counts, never patients or staff by number (kravkoll never prints the number); if this file must hold such numbers, list it under `allow_personal_identity_numbers_in` in kravkoll.yaml"),
        );
    }
    // Most text is printable ASCII: one pass over the bytes settles it.
    let plain = text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\t' || b == b'\n');
    if let Some(c) = (!plain)
        .then(|| text.chars().find(|&c| is_hidden(c)))
        .flatten()
    {
        out.problems.push(
            Problem::new(
                "kravkoll::evidence::control-character",
                file,
                Some(pos),
                format!(
                    "{} contains the invisible character U+{:04X}",
                    what(),
                    c as u32
                ),
            )
            .help("remove it: control and text-direction characters can rewrite a terminal or hide text in reports"),
        );
    }
}

/// Control characters other than tab and line feed, and the characters that reorder text
/// (bidirectional overrides and isolates).
pub(crate) fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::yaml::parse_documents;

    #[test]
    fn numbers_are_found_in_values_keys_and_nested_fields_never_echoed() {
        let text = "kind: Incident\nid: inc-1\ntitle: \"Patient 19811218-9876\"\nrisks:\n  - description: samordningsnummer 811278-9873\nextra:\n  \"811218-9876\": x\n";
        let docs = parse_documents(text).unwrap();
        let mut scan = Scan::default();
        document("e.yaml", &docs[0], false, &mut scan);
        let found: Vec<_> = scan
            .problems
            .iter()
            .map(|p| (p.pos.unwrap().line, p.message.as_str()))
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].0, 3);
        assert!(found[0].1.contains("personnummer") && found[0].1.contains("`title`"));
        assert!(
            found[1].1.contains("samordningsnummer") && found[1].1.contains("`risks.description`")
        );
        assert_eq!(found[2].0, 7);
        assert!(
            found[2].1.contains("a field name under `extra`"),
            "{}",
            found[2].1
        );
        assert_eq!(
            scan.secrets,
            ["19811218-9876", "811278-9873", "811218-9876"]
        );

        let mut allowed = Scan::default();
        document("e.yaml", &docs[0], true, &mut allowed);
        assert!(allowed.problems.is_empty());
        assert_eq!(allowed.secrets.len(), 3, "still masked");
    }

    #[test]
    fn control_and_direction_characters_are_refused() {
        let docs = parse_documents("name: \"a\\e[2Jb\"\nnote: \"x\\u202Ey\"\nok: \"tab\\there\"\n")
            .unwrap();
        let mut scan = Scan::default();
        document("e.yaml", &docs[0], false, &mut scan);
        let msgs: Vec<_> = scan.problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].contains("U+001B"));
        assert!(msgs[1].contains("U+202E"));
    }
}

//! SARIF 2.1.0 for code scanning: one rule per evaluated control (citation, titles, help =
//! remediation and provision), one result per finding with its file and line, a fingerprint
//! that stays the same across runs (control, record and file, not the line or the wording),
//! and accepted findings as suppressions carrying the exception's justification.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::Context;
use crate::catalog::Control;
use crate::evidence::Lang;
use crate::findings::Severity;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// 64-bit FNV-1a: a fingerprint that is stable across runs, platforms and versions.
pub fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A relative URI reference (path segments percent-encoded, `/` kept), or a `file:` URI for
/// an absolute path (a repository outside the working directory).
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let is_drive = path.as_bytes().get(1) == Some(&b':') && path.as_bytes().get(2) == Some(&b'/');
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    } else if is_drive {
        out.push_str("file:///");
        out.push_str(&path[..2]);
    }
    let rest = if is_drive { &path[2..] } else { &path[..] };
    for b in rest.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn rule(c: &Control, ctx: &Context) -> Value {
    let (title, other) = match ctx.lang {
        Lang::Sv => (&c.title_sv, &c.title_en),
        Lang::En => (&c.title_en, &c.title_sv),
    };
    let settings = ctx
        .evidence
        .map(|e| e.config.interval_settings())
        .unwrap_or_default();
    let remediation = c.remediation_with(ctx.lang, &settings);
    let provision = crate::findings::citation_label(c.is_statutory(), ctx.lang);
    let todo = match ctx.lang {
        Lang::Sv => "Åtgärd",
        Lang::En => "To do",
    };
    json!({
        "id": c.id,
        "shortDescription": { "text": title },
        "fullDescription": { "text": format!("{title} ({}). {other}.", c.citation) },
        "help": {
            "text": format!("{provision}: {}\n{todo}: {remediation}", c.citation),
            "markdown": format!("**{provision}:** {}\n\n**{todo}:** {remediation}", c.citation),
        },
        "defaultConfiguration": { "level": level(c.severity) },
        "properties": {
            "framework": c.framework,
            "framework_name": ctx.framework_name(&c.framework),
            "severity": c.severity.as_str(),
            "citation": c.citation,
            "statutory": c.is_statutory(),
            "tags": ["compliance", c.framework.clone()],
        },
    })
}

pub fn render(ctx: &Context) -> String {
    let outcome = ctx.outcome;
    // Rules: every evaluated control and every control with a finding, in id order.
    let ids: BTreeSet<&str> = outcome
        .evaluated
        .iter()
        .map(String::as_str)
        .chain(outcome.findings.iter().map(|f| f.control.as_str()))
        .collect();
    let controls: Vec<&Control> = ids.iter().filter_map(|id| ctx.catalog.get(id)).collect();
    let index: BTreeMap<&str, usize> = controls
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let rules: Vec<Value> = controls.iter().map(|c| rule(c, ctx)).collect();

    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let results: Vec<Value> = outcome
        .findings
        .iter()
        .map(|f| {
            let path = ctx.path(f);
            let key = format!(
                "{}\u{1f}{}\u{1f}{}",
                f.control,
                f.record.as_deref().unwrap_or(""),
                f.file.as_deref().unwrap_or("")
            );
            // Two findings of one control about one record in one file: number them.
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            let key = if *n == 1 {
                key
            } else {
                format!("{key}\u{1f}{n}")
            };
            let mut r = json!({
                "ruleId": f.control,
                "level": level(f.severity),
                "message": { "text": format!(
                    "{} ({}: {}.){}",
                    f.message,
                    f.citation_label(ctx.lang),
                    f.citation,
                    if f.also.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " ({}: {}.)",
                            match ctx.lang {
                                Lang::Sv => "Även",
                                Lang::En => "Also",
                            },
                            f.also_text()
                        )
                    }
                ) },
                "partialFingerprints": { "kravkoll/v1": format!("{:016x}", fnv1a(&key)) },
                "properties": {
                    "framework": f.framework,
                    "severity": f.severity.as_str(),
                    "citation": f.citation,
                    "statutory": f.statutory,
                    "title": f.title,
                    "remediation": f.remediation,
                },
            });
            if !f.also.is_empty() {
                r["properties"]["also"] = json!(f.also);
            }
            if let Some(d) = &f.event_date {
                r["properties"]["event_date"] = json!(d);
            }
            if let Some(&i) = index.get(f.control.as_str()) {
                r["ruleIndex"] = json!(i);
            }
            if let Some(record) = &f.record {
                r["properties"]["record"] = json!(record);
            }
            if let Some(path) = path {
                let mut loc = json!({ "artifactLocation": { "uri": uri(&path) } });
                // A finding about the whole file (kravkoll.yaml) points at its first line.
                loc["region"] = json!({ "startLine": f.line.unwrap_or(1).max(1) });
                r["locations"] = json!([{ "physicalLocation": loc }]);
            }
            if let Some(by) = &f.accepted_by {
                let justification = match ctx.exception(by) {
                    Some(e) => format!(
                        "{by} ({}, {} – {}): {}",
                        e.decided_by, e.decided, e.expires, e.justification
                    ),
                    None => by.clone(),
                };
                r["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": justification,
                }]);
                r["properties"]["accepted_by"] = json!(by);
            }
            r
        })
        .collect();

    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "kravkoll",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "language": ctx.lang.code(),
                "rules": rules,
            }},
            "language": ctx.lang.code(),
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {
                "as_of": outcome.as_of,
                "organisation": outcome.organisation,
                "summary": outcome.summary,
            },
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(
            uri("evidence/åtkomst/a b.yaml"),
            "evidence/%C3%A5tkomst/a%20b.yaml"
        );
        assert_eq!(uri("examples/x/kravkoll.yaml"), "examples/x/kravkoll.yaml");
        assert_eq!(uri("/tmp/r/kravkoll.yaml"), "file:///tmp/r/kravkoll.yaml");
        assert_eq!(uri("C:\\r\\k.yaml"), "file:///C:/r/k.yaml");
    }

    #[test]
    fn fingerprints_are_fixed() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}

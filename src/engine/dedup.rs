//! One gap, one finding: when several frameworks ask for the same thing (a risk analysis of
//! the whole organisation under cybersäkerhetslagen, MSB's 2018 recommendations and MSBFS
//! 2020:6), the catalog declares on the binding control which others it `stands_in_for`.
//! A finding of such another control about the same record — or about the organisation as a
//! whole — is folded into the binding control's finding and named there under `also`.

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::evidence::Lang;
use crate::findings::{Also, Finding};

/// `findings` (sorted) with the stood-in findings folded into their hosts; order kept.
pub fn fold(mut findings: Vec<Finding>, catalog: &Catalog, lang: Lang) -> Vec<Finding> {
    // Stood-in control -> the controls that stand in for it, in catalog order.
    let mut hosts_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for c in &catalog.controls {
        for other in &c.stands_in_for {
            hosts_of
                .entry(other.as_str())
                .or_default()
                .push(c.id.as_str());
        }
    }
    if hosts_of.is_empty() {
        return findings;
    }
    // Host findings by (control, record) and by control alone (the first one, for a
    // stood-in finding about the organisation as a whole). The catalog guarantees that a
    // host control is never itself stood in for, so hosts are never folded away.
    let mut by_record: HashMap<(&str, &str), usize> = HashMap::new();
    let mut by_control: HashMap<&str, usize> = HashMap::new();
    let is_host = |id: &str| catalog.get(id).is_some_and(|c| !c.stands_in_for.is_empty());
    for (i, f) in findings.iter().enumerate() {
        if !is_host(&f.control) {
            continue;
        }
        by_control.entry(f.control.as_str()).or_insert(i);
        if let Some(r) = &f.record {
            by_record
                .entry((f.control.as_str(), r.as_str()))
                .or_insert(i);
        }
    }
    let mut folded: Vec<(usize, usize)> = Vec::new(); // (stood-in, host)
    for (i, f) in findings.iter().enumerate() {
        let Some(hosts) = hosts_of.get(f.control.as_str()) else {
            continue;
        };
        let host = hosts.iter().find_map(|h| match &f.record {
            Some(r) => by_record.get(&(*h, r.as_str())).copied(),
            None => by_control.get(h).copied(),
        });
        if let Some(host) = host {
            folded.push((i, host));
        }
    }
    if folded.is_empty() {
        return findings;
    }
    let mut gone = vec![false; findings.len()];
    for (i, host) in folded {
        gone[i] = true;
        let f = &findings[i];
        let also = Also {
            control: f.control.clone(),
            framework: f.framework.clone(),
            title: catalog
                .get(&f.control)
                .map(|c| c.title(lang).to_string())
                .unwrap_or_else(|| f.title.clone()),
            citation: f.citation.clone(),
            statutory: f.statutory,
        };
        let list = &mut findings[host].also;
        if !list.iter().any(|a| a.control == also.control) {
            list.push(also);
        }
    }
    let mut i = 0;
    findings.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, PolicyFile};
    use crate::findings::Severity;

    fn catalog() -> Catalog {
        let yaml = |fw: &str, ids: &[(&str, &str)]| {
            let mut s = format!("framework: {fw}\nname_sv: {fw}\nname_en: {fw}\ncontrols:\n");
            for (id, extra) in ids {
                s.push_str(&format!(
                    "  - id: {id}\n    citation: c\n    title_sv: t\n    title_en: t\n    severity: warning\n    applies_to: [all]\n    effective_from: 2020-01-01\n    effective_to: null\n    remediation_sv: r\n    remediation_en: r\n{extra}"
                ));
            }
            s
        };
        let files = vec![
            PolicyFile {
                path: "policies/law/controls.yaml".into(),
                text: yaml(
                    "law",
                    &[("LAW/c1", "    stands_in_for: [REC/c1, REC/c2]\n")],
                ),
                builtin: false,
            },
            PolicyFile {
                path: "policies/rec/controls.yaml".into(),
                text: yaml("rec", &[("REC/c1", ""), ("REC/c2", "")]),
                builtin: false,
            },
        ];
        Catalog::load(&files).unwrap()
    }

    fn f(control: &str, framework: &str, record: Option<&str>) -> Finding {
        Finding {
            control: control.into(),
            framework: framework.into(),
            severity: Severity::Warning,
            title: "t".into(),
            message: "m".into(),
            citation: format!("citation of {control}"),
            file: Some("kravkoll.yaml".into()),
            line: None,
            record: record.map(Into::into),
            accepted_by: None,
            remediation: "r".into(),
            statutory: framework == "law",
            event_date: None,
            also: Vec::new(),
        }
    }

    #[test]
    fn the_same_gap_is_reported_once_under_the_binding_control() {
        let out = fold(
            vec![
                f("LAW/c1", "law", None),
                f("REC/c1", "rec", None),
                f("REC/c2", "rec", Some("x")),
            ],
            &catalog(),
            Lang::Sv,
        );
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0].also.len(), 1);
        assert_eq!(out[0].also[0].control, "REC/c1");
        assert_eq!(out[0].also[0].citation, "citation of REC/c1");
        assert!(!out[0].also[0].statutory);
        // A finding about another record is another gap.
        assert_eq!(out[1].control, "REC/c2");
    }

    #[test]
    fn a_record_finding_folds_into_the_host_about_that_record() {
        let out = fold(
            vec![
                f("LAW/c1", "law", Some("ra-1")),
                f("REC/c1", "rec", None),
                f("REC/c2", "rec", Some("ra-1")),
            ],
            &catalog(),
            Lang::En,
        );
        assert_eq!(out.len(), 1, "{out:?}");
        let also: Vec<&str> = out[0].also.iter().map(|a| a.control.as_str()).collect();
        assert_eq!(also, ["REC/c1", "REC/c2"]);
    }

    #[test]
    fn without_the_binding_finding_the_others_stay() {
        let out = fold(vec![f("REC/c1", "rec", None)], &catalog(), Lang::Sv);
        assert_eq!(out.len(), 1);
        assert!(out[0].also.is_empty());
    }
}

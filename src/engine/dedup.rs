//! One gap, one finding: when several frameworks ask for the same thing (a risk analysis of
//! the whole organisation under cybersäkerhetslagen, MSB's 2018 recommendations and MSBFS
//! 2020:6), the catalog declares on the binding control which others it `stands_in_for`.
//! A finding of such another control about the same record — or about the organisation as a
//! whole — is folded into the binding control's finding and named there under `also`. The
//! declarations may chain (a recommendation standing in for a weaker one, itself stood in
//! for by the law); a folded finding takes its own `also` along, and the host keeps the
//! higher severity, so that folding never makes a gap quieter.

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
    // Candidate host findings by (control, record) and by control alone (for a stood-in
    // finding about the organisation as a whole), in report order.
    let mut by_record: HashMap<(String, String), Vec<usize>> = HashMap::new();
    let mut by_control: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        if catalog
            .get(&f.control)
            .is_some_and(|c| !c.stands_in_for.is_empty())
        {
            by_control.entry(f.control.clone()).or_default().push(i);
            if let Some(r) = &f.record {
                by_record
                    .entry((f.control.clone(), r.clone()))
                    .or_default()
                    .push(i);
            }
        }
    }
    // A folded finding's host, so that a later finding that would fold into it follows the
    // chain to the finding that now carries the gap.
    let mut moved_to: Vec<Option<usize>> = vec![None; findings.len()];
    for i in 0..findings.len() {
        let Some(hosts) = hosts_of.get(findings[i].control.as_str()) else {
            continue;
        };
        let resolve = |mut h: usize| {
            while let Some(next) = moved_to[h] {
                h = next;
            }
            h
        };
        let live = |list: Option<&Vec<usize>>| {
            list.and_then(|l| l.iter().copied().map(resolve).find(|&h| h != i))
        };
        let host = hosts.iter().find_map(|h| match &findings[i].record {
            Some(r) => live(by_record.get(&(h.to_string(), r.clone()))),
            None => live(by_control.get(*h)),
        });
        let Some(host) = host else {
            continue;
        };
        moved_to[i] = Some(host);
        let folded = std::mem::take(&mut findings[i].also);
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
        let severity = f.severity;
        let h = &mut findings[host];
        h.severity = h.severity.min(severity);
        for a in std::iter::once(also).chain(folded) {
            if a.control != h.control && !h.also.iter().any(|x| x.control == a.control) {
                h.also.push(a);
            }
        }
    }
    let mut i = 0;
    findings.retain(|_| {
        i += 1;
        moved_to[i - 1].is_none()
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
                text: yaml(
                    "rec",
                    &[
                        ("REC/c1", "    stands_in_for: [WEAK/c1]\n"),
                        ("REC/c2", "    stands_in_for: [WEAK/c1]\n"),
                    ],
                ),
                builtin: false,
            },
            PolicyFile {
                path: "policies/weak/controls.yaml".into(),
                text: yaml("weak", &[("WEAK/c1", "")]),
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
    fn chained_declarations_fold_into_the_top_host() {
        let mut weak = f("WEAK/c1", "weak", None);
        weak.severity = Severity::Error;
        let out = fold(
            vec![
                f("LAW/c1", "law", None),
                f("REC/c2", "rec", Some("x")),
                weak,
            ],
            &catalog(),
            Lang::Sv,
        );
        // REC/c2 is about record x, which LAW/c1 (about the organisation) does not cover;
        // the organisation-wide WEAK/c1 goes to the first live host that stands in for it.
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[1].control, "REC/c2");
        assert_eq!(out[1].also[0].control, "WEAK/c1");
        assert_eq!(
            out[1].severity,
            Severity::Error,
            "the host keeps the higher severity"
        );
        let out = fold(
            vec![
                f("LAW/c1", "law", None),
                f("REC/c1", "rec", None),
                f("WEAK/c1", "weak", None),
            ],
            &catalog(),
            Lang::Sv,
        );
        assert_eq!(out.len(), 1, "{out:?}");
        let also: Vec<&str> = out[0].also.iter().map(|a| a.control.as_str()).collect();
        assert_eq!(also, ["REC/c1", "WEAK/c1"]);
    }

    #[test]
    fn without_the_binding_finding_the_others_stay() {
        let out = fold(vec![f("REC/c1", "rec", None)], &catalog(), Lang::Sv);
        assert_eq!(out.len(), 1);
        assert!(out[0].also.is_empty());
    }
}

//! JUnit XML for CI test views: one `<testsuite>` per framework, one `<testcase>` per
//! evaluated control and scope. A control with no findings is one passing testcase (so the
//! view shows what passed); a control with findings has one testcase per record (or one for
//! the organisation as a whole). A finding that makes the run fail under `--fail-on` is a
//! `<failure>` with message and `file:line`; an accepted finding is `<skipped>` with the
//! exception; a finding below the threshold passes and is printed in `<system-out>`.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::output::xml_escape as x;
use super::Context;
use crate::evidence::Lang;
use crate::findings::Finding;

struct Case<'a> {
    name: String,
    findings: Vec<&'a Finding>,
}

pub fn render(ctx: &Context) -> String {
    let outcome = ctx.outcome;
    // framework -> control -> cases
    let mut suites: BTreeMap<(usize, String), BTreeMap<String, Vec<Case>>> = BTreeMap::new();
    let mut ids: Vec<&str> = outcome.evaluated.iter().map(String::as_str).collect();
    for f in &outcome.findings {
        if !ids.contains(&f.control.as_str()) {
            ids.push(&f.control);
        }
    }
    for id in ids {
        let framework = ctx
            .catalog
            .get(id)
            .map(|c| c.framework.clone())
            .unwrap_or_default();
        let title = ctx
            .catalog
            .get(id)
            .map(|c| c.title(ctx.lang).to_string())
            .unwrap_or_default();
        let mut by_scope: BTreeMap<String, Vec<&Finding>> = BTreeMap::new();
        for f in outcome.findings.iter().filter(|f| f.control == id) {
            by_scope
                .entry(f.record.clone().unwrap_or_default())
                .or_default()
                .push(f);
        }
        let cases = if by_scope.is_empty() {
            vec![Case {
                name: format!("{id} {title}"),
                findings: Vec::new(),
            }]
        } else {
            by_scope
                .into_iter()
                .map(|(scope, findings)| Case {
                    name: if scope.is_empty() {
                        format!("{id} {title}")
                    } else {
                        format!("{id} {title} [{scope}]")
                    },
                    findings,
                })
                .collect()
        };
        suites
            .entry((ctx.catalog.framework_rank(&framework), framework))
            .or_default()
            .insert(id.to_string(), cases);
    }

    let mut body = String::new();
    let (mut total, mut total_fail, mut total_skip) = (0, 0, 0);
    for ((_, framework), controls) in &suites {
        let cases: Vec<&Case> = controls.values().flatten().collect();
        let failures = cases
            .iter()
            .filter(|c| c.findings.iter().any(|f| ctx.fails(f)))
            .count();
        let skipped = cases
            .iter()
            .filter(|c| {
                !c.findings.is_empty() && c.findings.iter().all(|f| f.accepted_by.is_some())
            })
            .count();
        total += cases.len();
        total_fail += failures;
        total_skip += skipped;
        let _ = writeln!(
            body,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">",
            x(&ctx.framework_name(framework)),
            cases.len()
        );
        for (control, cs) in controls {
            for c in cs {
                let _ = write!(
                    body,
                    "    <testcase classname=\"{}.{}\" name=\"{}\"",
                    x(framework),
                    x(control),
                    x(&c.name)
                );
                if c.findings.is_empty() {
                    body.push_str("/>\n");
                    continue;
                }
                body.push_str(">\n");
                let failing: Vec<&&Finding> = c.findings.iter().filter(|f| ctx.fails(f)).collect();
                if let Some(first) = failing.first() {
                    let text: Vec<String> = failing.iter().map(|f| detail(ctx, f)).collect();
                    let _ = writeln!(
                        body,
                        "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                        x(&format!("{} ({})", first.message, ctx.location(first))),
                        first.severity.as_str(),
                        x(&text.join("\n\n"))
                    );
                } else if c.findings.iter().all(|f| f.accepted_by.is_some()) {
                    let by: Vec<&str> = c
                        .findings
                        .iter()
                        .filter_map(|f| f.accepted_by.as_deref())
                        .collect();
                    let word = match ctx.lang {
                        Lang::Sv => "accepterad av",
                        Lang::En => "accepted by",
                    };
                    let _ = writeln!(
                        body,
                        "      <skipped message=\"{}\"/>",
                        x(&format!("{word} {}", by.join(", ")))
                    );
                }
                let out: Vec<String> = c.findings.iter().map(|f| detail(ctx, f)).collect();
                let _ = writeln!(
                    body,
                    "      <system-out>{}</system-out>",
                    x(&out.join("\n\n"))
                );
                body.push_str("    </testcase>\n");
            }
        }
        body.push_str("  </testsuite>\n");
    }
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites name=\"kravkoll {} ({})\" tests=\"{total}\" failures=\"{total_fail}\" errors=\"0\" skipped=\"{total_skip}\">",
        x(&outcome.organisation),
        x(&outcome.as_of)
    );
    s.push_str(&body);
    s.push_str("</testsuites>\n");
    s
}

fn detail(ctx: &Context, f: &Finding) -> String {
    let (loc, todo, acc, also) = match ctx.lang {
        Lang::Sv => ("plats", "åtgärd", "accepterad av", "även"),
        Lang::En => ("location", "to do", "accepted by", "also"),
    };
    let mut s = format!(
        "{}[{}] {}\n{loc}: {}\n{}: {}",
        f.severity.word(ctx.lang),
        f.control,
        f.message,
        ctx.location(f),
        f.citation_label(ctx.lang).to_lowercase(),
        f.citation,
    );
    if !f.also.is_empty() {
        s.push_str(&format!("\n{also}: {}", f.also_text()));
    }
    s.push_str(&format!("\n{todo}: {}", f.remediation));
    if let Some(by) = &f.accepted_by {
        s.push_str(&format!("\n{acc}: {by}"));
        if let Some(e) = ctx.exception(by) {
            s.push_str(&format!(" ({}): {}", e.expires, e.justification));
        }
    }
    s
}

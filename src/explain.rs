//! `kravkoll explain ID`: a control's provision, the evidence that satisfies it, how to fix
//! a finding, and an example record per evidence kind generated from the evidence schema
//! (`evidence::schema`), so the example always validates against the format.

use std::fmt::Write;

use crate::catalog::{Catalog, Control, JudgedBy};
use crate::evidence::schema::{self, Field, Kind, Ty};
use crate::evidence::Lang;
use crate::findings::citation_label;
use crate::intervals::Settings;

/// The id the example record of `kind` gets; references to a kind use the same id, so the
/// examples of all kinds together form a valid repository.
pub fn example_id(kind: &str) -> String {
    match kind {
        "Appointment" => "appt-infosec",
        "Document" => "doc-policy-infosec",
        "ManagementBriefing" => "mb-2025-1",
        "Objective" => "obj-2025-1",
        "System" => "sys-journal",
        "Classification" => "cls-journal",
        "RiskAnalysis" => "ra-2025",
        "ActionPlan" => "ap-2025",
        "Training" => "tr-2025",
        "Supplier" => "sup-journal",
        "Incident" => "inc-2025-01",
        "AccessAnalysis" => "aa-journal",
        "AccessReview" => "ar-journal-2025",
        "LogReview" => "lr-journal-2025-q1",
        "RestoreTest" => "rt-journal-2025",
        "ContinuityPlan" => "cp-journal",
        "Audit" => "audit-2025-1",
        "AnnualReport" => "isb-2024",
        "PatientSafetyReport" => "psb-2024",
        "Exception" => "exc-2025-1",
        "Improvement" => "impr-2025-1",
        "ProcessingActivity" => "pa-vard",
        "Dpia" => "dpia-vard",
        "MaturityAssessment" => "mog-2025-risk",
        other => return format!("example-{}", other.to_lowercase()),
    }
    .to_string()
}

/// Placeholder text for a free-text field, by its name.
fn text(name: &str, doc: &str) -> String {
    match name {
        "title" => "Exempel – ersätt med postens titel",
        "name" => "Journalsystemet",
        "person" => "Anna Berg, informationssäkerhetssamordnare",
        "owner" | "responsible" => "Verksamhetschef",
        "decided_by" | "adopted_by" | "approved_by" => "Styrelsen",
        "auditor" => "Revisorerna",
        "text" => "Rekommendationens text",
        "action" | "measure" => "Åtgärden som vidtas",
        "justification" => "Motivering till beslutet",
        "description" => "Beskrivning av risken",
        "asset" => "Patientjournalen",
        "service" => "Tjänsten som levereras",
        _ => doc,
    }
    .to_string()
}

/// Example dates that fit together: a checked period (January) ends before the date the
/// work was performed, decided or followed up (15 February, before the patient-safety
/// report's 1 March deadline for the year before); due dates and expiry lie ahead.
fn date(name: &str) -> &'static str {
    match name {
        "period_start" => "2025-01-01",
        "period_end" => "2025-01-31",
        "due" | "target_date" => "2025-12-31",
        "expires" => "2026-06-30",
        _ => "2025-02-15",
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A scalar example value of type `ty` for field `name`, as YAML.
fn scalar(name: &str, doc: &str, ty: &Ty, control: &str) -> String {
    match ty {
        Ty::Str => {
            if name == "controls" {
                quote(control)
            } else {
                quote(&text(name, doc))
            }
        }
        Ty::Date => date(name).to_string(),
        Ty::DateTime => "2025-02-10T09:15".to_string(),
        Ty::Bool => "true".to_string(),
        Ty::Int { min, max } => {
            let v = if name == "year" { 2024 } else { 1 };
            v.clamp(*min, *max).to_string()
        }
        Ty::Num { max, .. } => {
            if *max <= 1.0 {
                "0.5".to_string()
            } else {
                "4".to_string()
            }
        }
        Ty::Enum(vs) | Ty::OpenEnum(vs) => vs.first().copied().unwrap_or("").to_string(),
        Ty::Ref(Some(kinds)) => example_id(kinds.first().copied().unwrap_or("System")),
        Ty::Ref(None) => example_id("System"),
        Ty::Board => "rs".to_string(),
        Ty::BoardOrOrganisation => "organisation".to_string(),
        Ty::List(_) | Ty::Object(_) | Ty::Items(_) | Ty::Free => String::new(),
    }
}

/// The fields an example shows: the required ones, plus optional nested lists and
/// mappings (a risk, a recommendation with its response), which show the shape.
fn shown(f: &Field) -> bool {
    f.required || matches!(f.ty, Ty::Items(_) | Ty::Object(_))
}

fn write_fields(out: &mut String, fields: &[Field], indent: usize, item: Option<&str>, ctl: &str) {
    let mut first = item.is_some();
    for f in fields.iter().filter(|f| shown(f)) {
        let pad = " ".repeat(indent);
        let lead = if first {
            first = false;
            format!("{}- ", " ".repeat(indent.saturating_sub(2)))
        } else {
            pad.clone()
        };
        match &f.ty {
            Ty::Free => {}
            Ty::List(inner) => {
                let v = scalar(f.name, f.doc, inner, ctl);
                let _ = writeln!(out, "{lead}{}: [{v}]   # {}", f.name, f.doc);
            }
            Ty::Object(sub) => {
                let _ = writeln!(out, "{lead}{}:   # {}", f.name, f.doc);
                write_fields(out, sub, indent + 2, None, ctl);
            }
            Ty::Items(sub) => {
                let _ = writeln!(out, "{lead}{}:   # {}", f.name, f.doc);
                write_fields(out, sub, indent + 4, Some(f.name), ctl);
            }
            ty => {
                let v = if let (Some(parent), "id") = (item, f.name) {
                    format!("{}1", parent.chars().next().unwrap_or('x'))
                } else {
                    scalar(f.name, f.doc, ty, ctl)
                };
                let _ = writeln!(out, "{lead}{}: {v}   # {}", f.name, f.doc);
            }
        }
    }
}

/// An example record of `kind`, valid against the schema. References use the example ids
/// of the referenced kinds (`sys-journal`), which must exist in the repository.
pub fn example_yaml(kind: &Kind, control: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "kind: {}", kind.name);
    let _ = writeln!(out, "id: {}", example_id(kind.name));
    write_fields(&mut out, kind.fields, 0, None, control);
    out
}

/// Ids of other records the example of `kind` refers to (they must exist).
pub fn example_refs(kind: &Kind) -> Vec<String> {
    let mut out = Vec::new();
    for f in kind.fields.iter().filter(|f| shown(f)) {
        let ty = match &f.ty {
            Ty::List(inner) => *inner,
            t => t,
        };
        match ty {
            Ty::Ref(Some(kinds)) => {
                out.push(example_id(kinds.first().copied().unwrap_or("System")))
            }
            Ty::Ref(None) => out.push(example_id("System")),
            _ => {}
        }
    }
    out
}

fn predicate_words(p: &str, lang: Lang) -> String {
    let (neg, name) = match p.strip_prefix('!') {
        Some(n) => (true, n),
        None => (false, p),
    };
    let (sv, en) = match name {
        "all" => ("alla organisationer", "every organisation"),
        "healthcare_provider" => ("vårdgivare", "healthcare providers (vårdgivare)"),
        "social_care_provider" => ("omsorgsgivare", "social-care providers (omsorgsgivare)"),
        "nis" => (
            "vårdgivare över NIS-tröskeln (mer än 50 årsarbetskrafter legitimerad vårdpersonal eller minst 20 000 expedieringar av receptbelagda läkemedel per år)",
            "healthcare providers over the NIS threshold (more than 50 FTE licensed healthcare staff or at least 20,000 dispensings of prescription medicines a year)",
        ),
        "csl" => (
            "verksamheter som omfattas av cybersäkerhetslagen: regioner, kommuner och kommunalförbund, statliga myndigheter i bilaga 1 till förordningen (2022:524) om statliga myndigheters beredskap, och privata vårdgivare av minst medelstor storlek räknat med partnerföretag och anknutna företag (eller enligt organisation.csl_covered)",
            "organisations covered by the Cybersecurity Act: regions, municipalities and municipal associations, state agencies in annex 1 to ordinance (2022:524) on state agencies' preparedness, and private healthcare providers of at least medium size counting partner and linked enterprises (or as organisation.csl_covered says)",
        ),
        "state_agency" => ("statliga myndigheter", "state agencies"),
        "region" => ("regioner", "regions"),
        "region_or_municipality" => ("regioner och kommuner", "regions and municipalities"),
        "public_body" => (
            "regioner, kommuner, kommunalförbund och statliga myndigheter",
            "regions, municipalities, municipal associations and state agencies",
        ),
        "private" => ("privata verksamheter", "private organisations"),
        other => (other, other),
    };
    let w = if lang == Lang::Sv { sv } else { en };
    match (neg, lang) {
        (false, _) => w.to_string(),
        (true, Lang::Sv) => format!("inte {w}"),
        (true, Lang::En) => format!("not {w}"),
    }
}

/// Who the control applies to, in words.
pub fn applicability_words(c: &Control, lang: Lang) -> String {
    let parts: Vec<String> = c
        .applies_to
        .iter()
        .map(|p| predicate_words(p, lang))
        .collect();
    parts.join(if lang == Lang::Sv { " och " } else { " and " })
}

/// Controls named with their citation: `MSB2018-REC5/c2 (MSB …, rekommendation 5)`, and a
/// note saying when the gap is reported once.
fn others<'a>(catalog: &Catalog, ids: impl Iterator<Item = &'a str>, lang: Lang) -> String {
    let list: Vec<String> = ids
        .map(|id| match catalog.get(id) {
            Some(o) => format!("{id} ({})", o.citation),
            None => id.to_string(),
        })
        .collect();
    let note = match lang {
        Lang::Sv => "samma brist redovisas en gång",
        Lang::En => "the same gap is reported once",
    };
    format!("{} — {note}", list.join("; "))
}

/// Why `explain` could not explain.
#[derive(Debug)]
pub struct UnknownControl {
    pub id: String,
    pub hint: Option<String>,
}

impl std::fmt::Display for UnknownControl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown control `{}`", self.id)?;
        if let Some(h) = &self.hint {
            write!(f, "; {h}")?;
        }
        write!(f, " (`kravkoll controls` lists them all)")
    }
}

/// The explanation of control `id`, as text; for a provision without `/cN` (`GDPR-33`) the
/// explanation of every control under it. Remediation texts show the intervals of
/// `settings` (the repository's, or kravkoll's defaults).
pub fn explain(
    catalog: &Catalog,
    id: &str,
    lang: Lang,
    settings: &Settings,
) -> Result<String, UnknownControl> {
    if let Some(c) = catalog.get(id) {
        return Ok(explain_one(catalog, c, lang, settings));
    }
    let under: Vec<&Control> = catalog
        .controls
        .iter()
        .filter(|c| c.id.split_once('/').is_some_and(|(p, _)| p == id))
        .collect();
    if under.is_empty() {
        return Err(UnknownControl {
            id: id.to_string(),
            hint: catalog.suggest(id),
        });
    }
    let rule = "─".repeat(72);
    Ok(under
        .iter()
        .map(|c| explain_one(catalog, c, lang, settings))
        .collect::<Vec<_>>()
        .join(&format!("\n{rule}\n\n")))
}

fn explain_one(catalog: &Catalog, c: &Control, lang: Lang, settings: &Settings) -> String {
    let sv = lang == Lang::Sv;
    let l = |s: &'static str, e: &'static str| if sv { s } else { e };
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", c.id, c.title(lang));
    if sv {
        let _ = writeln!(out, "{}", c.title_en);
    } else {
        let _ = writeln!(out, "{}", c.title_sv);
    }
    let _ = writeln!(out);
    let fw = catalog
        .framework(&c.framework)
        .map(|f| {
            if sv {
                f.name_sv.clone()
            } else {
                f.name_en.clone()
            }
        })
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{:<14}{fw} ({})",
        l("Regelverk:", "Framework:"),
        c.framework
    );
    let _ = writeln!(
        out,
        "{:<14}{}",
        format!("{}:", citation_label(c.is_statutory(), lang)),
        c.citation
    );
    let _ = writeln!(
        out,
        "{:<14}{}",
        l("Allvarlighet:", "Severity:"),
        c.severity.word(lang)
    );
    // Audit practice and kravkoll's own rules have no start date: they carry 2000-01-01.
    let undated = c.effective_from.as_str() <= "2000-01-01";
    let period = match &c.effective_to {
        None if undated => l("tills vidare", "until further notice").to_string(),
        Some(to) => format!(
            "{} {} {} {to}",
            l("från", "from"),
            c.effective_from,
            l("till och med", "to")
        ),
        None => format!(
            "{} {} {}",
            l("från", "from"),
            c.effective_from,
            l("(tills vidare)", "(open)")
        ),
    };
    let _ = writeln!(out, "{:<14}{period}", l("Gäller:", "In force:"));
    let judged = match c.judged_by {
        JudgedBy::State => l(
            "läget per kontrolldagen (--as-of), enligt de regler som gäller då",
            "the state on the check date (--as-of), under the rules in force then",
        ),
        JudgedBy::Event => l(
            "per händelsens datum: en händelse bedöms enligt de regler som gällde när den inträffade, även efter att de upphört (till exempel gäller lag 2018:1174 fortfarande för överträdelser före 2026-01-15)",
            "by the date of the event: an event is judged under the rules in force when it happened, even after they were repealed (for example, act 2018:1174 still applies to breaches before 2026-01-15)",
        ),
    };
    let _ = writeln!(out, "{:<14}{judged}", l("Bedöms:", "Judged:"));
    let _ = writeln!(
        out,
        "{:<14}{}",
        l("Gäller för:", "Applies to:"),
        applicability_words(c, lang)
    );
    if !c.stands_in_for.is_empty() {
        let _ = writeln!(
            out,
            "{:<14}{}",
            l("Även för:", "Also for:"),
            others(catalog, c.stands_in_for.iter().map(String::as_str), lang)
        );
    }
    let hosts: Vec<&str> = catalog
        .controls
        .iter()
        .filter(|h| h.stands_in_for.contains(&c.id))
        .map(|h| h.id.as_str())
        .collect();
    if !hosts.is_empty() {
        let _ = writeln!(
            out,
            "{:<14}{}",
            l("Redovisas i:", "Reported in:"),
            others(catalog, hosts.into_iter(), lang)
        );
    }
    // The public source only; the verification trail stays in docs/legal-sources.md.
    if !c.source.trim().is_empty() {
        let _ = writeln!(out, "{:<14}{}", l("Källa:", "Source:"), c.source.trim());
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        l(
            "Evidens som uppfyller kontrollen:",
            "Evidence that satisfies it:"
        )
    );
    if c.evidence.is_empty() {
        let _ = writeln!(out, "  {}", l("(ingen angiven)", "(none listed)"));
    }
    let kinds: Vec<&Kind> = c.evidence.iter().filter_map(|k| schema::kind(k)).collect();
    for k in &kinds {
        let req: Vec<&str> = k
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name)
            .collect();
        let opt: Vec<&str> = k
            .fields
            .iter()
            .filter(|f| !f.required)
            .map(|f| f.name)
            .collect();
        let _ = writeln!(out, "  {} ({})", k.name, k.sv);
        let _ = writeln!(
            out,
            "    {} id, {}",
            l("obligatoriska fält:", "required fields:"),
            req.join(", ")
        );
        if !opt.is_empty() {
            let _ = writeln!(
                out,
                "    {} {}",
                l("valfria fält:      ", "optional fields:"),
                opt.join(", ")
            );
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        l("Så åtgärdas en anmärkning:", "How to fix a finding:")
    );
    let _ = writeln!(out, "  {}", c.remediation_with(lang, settings));
    for k in &kinds {
        let _ = writeln!(out);
        let _ = writeln!(out, "{} {}:", l("Exempel på", "Example"), k.name);
        let refs = example_refs(k);
        if !refs.is_empty() {
            let _ = writeln!(
                out,
                "  ({} {})",
                l(
                    "ersätt exempelvärdena; dessa id måste finnas som poster i förrådet:",
                    "replace the example values; these ids must exist as records in the repository:"
                ),
                refs.join(", ")
            );
        }
        if k.name == "Audit" {
            let _ = writeln!(
                out,
                "  ({})",
                l(
                    "addressed_to: id för en nämnd i organisation.boards, om rekommendationen riktas till en nämnd",
                    "addressed_to: the id of a board in organisation.boards, if the recommendation is addressed to one"
                )
            );
        }
        let _ = writeln!(out, "```yaml");
        out.push_str(&example_yaml(k, &c.id));
        let _ = writeln!(out, "```");
    }
    out
}

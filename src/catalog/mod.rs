//! The control catalog: metadata for every control, read from `policies/*/controls.yaml`
//! (the built-in packs, embedded in the binary, plus an evidence repository's own).

mod applicability;
pub mod listing;

pub use applicability::{Applicability, PREDICATES};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{did_you_mean, Problem, Problems};
use crate::findings::Severity;

/// A policy source file: `controls.yaml`, a `.rego` module or a `_test.rego` module.
#[derive(Debug, Clone)]
pub struct PolicyFile {
    /// Shown in messages: `policies/gdpr/breach.rego` or `<repo>/policies/local/x.rego`.
    pub path: String,
    pub text: String,
    /// Built in (embedded) or from the evidence repository.
    pub builtin: bool,
}

static BUILTIN: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/policies");

/// The built-in packs, in path order.
pub fn builtin_files() -> Vec<PolicyFile> {
    let mut out = Vec::new();
    collect(&BUILTIN, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn collect(dir: &include_dir::Dir<'static>, out: &mut Vec<PolicyFile>) {
    for f in dir.files() {
        let path = f.path().to_string_lossy().replace('\\', "/");
        if path.ends_with(".rego") || path.ends_with("controls.yaml") {
            if let Some(text) = f.contents_utf8() {
                out.push(PolicyFile {
                    path: format!("policies/{path}"),
                    text: text.to_string(),
                    builtin: true,
                });
            }
        }
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub id: String,
    #[serde(default)]
    pub framework: String,
    pub citation: String,
    pub title_sv: String,
    pub title_en: String,
    pub severity: Severity,
    pub applies_to: Vec<String>,
    pub effective_from: String,
    pub effective_to: Option<String>,
    pub remediation_sv: String,
    pub remediation_en: String,
    #[serde(default)]
    pub evidence: Vec<String>,
    #[serde(default)]
    pub provenance: String,
    #[serde(default)]
    pub source: String,
    /// `kravkoll`: evaluated by kravkoll itself after the policies have run (it needs their
    /// findings, e.g. an exception that covers no finding), so the control has no Rego policy.
    /// Only the built-in packs may set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluated_by: Option<String>,
}

impl Control {
    pub fn title(&self, lang: crate::evidence::Lang) -> &str {
        match lang {
            crate::evidence::Lang::Sv => &self.title_sv,
            crate::evidence::Lang::En => &self.title_en,
        }
    }

    pub fn remediation(&self, lang: crate::evidence::Lang) -> &str {
        match lang {
            crate::evidence::Lang::Sv => &self.remediation_sv,
            crate::evidence::Lang::En => &self.remediation_en,
        }
    }

    /// In force on `date` (`YYYY-MM-DD`; ISO dates compare correctly as strings).
    pub fn in_force(&self, date: &str) -> bool {
        self.effective_from.as_str() <= date
            && self.effective_to.as_deref().is_none_or(|to| date <= to)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Framework {
    pub id: String,
    pub name_sv: String,
    pub name_en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    framework: String,
    name_sv: String,
    name_en: String,
    controls: Vec<Control>,
}

#[derive(Debug, Default, Clone)]
pub struct Catalog {
    pub frameworks: Vec<Framework>,
    pub controls: Vec<Control>,
    index: BTreeMap<String, usize>,
}

impl Catalog {
    /// Reads every `controls.yaml` among `files`; problems name file and line.
    pub fn load(files: &[PolicyFile]) -> Result<Catalog, Problems> {
        let mut cat = Catalog::default();
        let mut problems = Problems::default();
        for f in files.iter().filter(|f| f.path.ends_with("controls.yaml")) {
            // The evidence loader's rules first (no anchors or aliases, bounded nesting): a
            // catalog is YAML the repository supplies, and serde's loader expands aliases.
            if let Err(e) = crate::evidence::yaml::parse_documents(&f.text) {
                problems.add_source(&f.path, f.text.as_str().into());
                problems.push(crate::evidence::yaml_problem(&f.path, e));
                continue;
            }
            let pack: PackFile = match yaml_serde::from_str(&f.text) {
                Ok(p) => p,
                Err(e) => {
                    let pos = e.location().map(|l| crate::evidence::yaml::Pos {
                        offset: l.index(),
                        len: 1,
                        line: l.line(),
                        col: l.column(),
                    });
                    problems.add_source(&f.path, f.text.as_str().into());
                    problems.push(Problem::new(
                        "kravkoll::catalog::invalid",
                        f.path.clone(),
                        pos,
                        format!("invalid control catalog: {e}"),
                    ));
                    continue;
                }
            };
            if let Some(dir) = f.path.rsplit('/').nth(1) {
                if dir != pack.framework {
                    problems.push(Problem::new(
                        "kravkoll::catalog::framework",
                        f.path.clone(),
                        None,
                        format!(
                            "framework `{}` must live in a folder named `{}`, not `{dir}`",
                            pack.framework, pack.framework
                        ),
                    ));
                }
            }
            if cat.frameworks.iter().any(|fw| fw.id == pack.framework) {
                problems.push(Problem::new(
                    "kravkoll::catalog::framework",
                    f.path.clone(),
                    None,
                    format!("framework `{}` is defined twice", pack.framework),
                ));
                continue;
            }
            cat.frameworks.push(Framework {
                id: pack.framework.clone(),
                name_sv: pack.name_sv,
                name_en: pack.name_en,
            });
            for mut c in pack.controls {
                c.framework = pack.framework.clone();
                let mut msgs = check_control(&c);
                match c.evaluated_by.as_deref() {
                    None => {}
                    Some("kravkoll") if f.builtin => {}
                    Some("kravkoll") => msgs.push(
                        "`evaluated_by: kravkoll` is reserved for the built-in packs; write a Rego policy".into(),
                    ),
                    Some(other) => msgs.push(format!(
                        "unknown `evaluated_by: {other}` (the only value is `kravkoll`)"
                    )),
                }
                for msg in msgs {
                    problems.push(Problem::new(
                        "kravkoll::catalog::control",
                        f.path.clone(),
                        None,
                        format!("control `{}`: {msg}", c.id),
                    ));
                }
                if cat.index.contains_key(&c.id) {
                    problems.push(Problem::new(
                        "kravkoll::catalog::duplicate",
                        f.path.clone(),
                        None,
                        format!("control `{}` is defined twice", c.id),
                    ));
                    continue;
                }
                cat.index.insert(c.id.clone(), cat.controls.len());
                cat.controls.push(c);
            }
        }
        if problems.is_empty() {
            Ok(cat)
        } else {
            Err(problems)
        }
    }

    pub fn get(&self, id: &str) -> Option<&Control> {
        self.index.get(id).map(|&i| &self.controls[i])
    }

    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    /// Position of a framework in the catalog, for stable ordering of output.
    pub fn framework_rank(&self, id: &str) -> usize {
        self.frameworks
            .iter()
            .position(|f| f.id == id)
            .unwrap_or(usize::MAX)
    }

    pub fn suggest(&self, id: &str) -> Option<String> {
        did_you_mean(id, self.controls.iter().map(|c| c.id.as_str()))
    }
}

fn check_control(c: &Control) -> Vec<String> {
    let mut out = Vec::new();
    if c.id.trim().is_empty() || c.id.contains(char::is_whitespace) {
        out.push("the id must be a word without spaces".into());
    }
    for (name, v) in [
        ("citation", &c.citation),
        ("title_sv", &c.title_sv),
        ("title_en", &c.title_en),
        ("remediation_sv", &c.remediation_sv),
        ("remediation_en", &c.remediation_en),
    ] {
        if v.trim().is_empty() {
            out.push(format!("`{name}` is empty"));
        }
    }
    if crate::evidence::validate::parse_date(&c.effective_from).is_none() {
        out.push(format!(
            "effective_from `{}` is not a date",
            c.effective_from
        ));
    }
    if let Some(to) = &c.effective_to {
        if crate::evidence::validate::parse_date(to).is_none() {
            out.push(format!("effective_to `{to}` is not a date"));
        } else if to.as_str() < c.effective_from.as_str() {
            out.push("effective_to is before effective_from".into());
        }
    }
    if c.applies_to.is_empty() {
        out.push("applies_to is empty (write [all] for every organisation)".into());
    }
    for p in &c.applies_to {
        let name = p.trim_start_matches('!');
        if !PREDICATES.contains(&name) {
            let hint = did_you_mean(name, PREDICATES.iter().copied()).unwrap_or_default();
            out.push(format!("unknown applicability predicate `{p}` {hint}"));
        }
    }
    for k in &c.evidence {
        if crate::evidence::schema::kind(k).is_none() {
            out.push(format!("unknown evidence kind `{k}`"));
        }
    }
    out
}

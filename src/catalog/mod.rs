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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Whether the citation is a provision of law (statute, ordinance, EU regulation,
    /// föreskrift), shown as "Lagrum"/"Provision", or another basis (a recommendation, audit
    /// practice, kravkoll's own check), shown as "Grund"/"Basis". Defaults to the pack's
    /// `statutory`; set per control where one differs (a binding supervision order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statutory: Option<bool>,
    /// Whether the control is judged by the law in force on the date of the event a finding
    /// is about (incident reporting: lag 2018:1174 still applies to breaches before
    /// 2026-01-15) or, by default, by the state at `--as-of`.
    #[serde(default, skip_serializing_if = "JudgedBy::is_state")]
    pub judged_by: JudgedBy,
    /// Controls whose findings report the same gap as this one's: such a finding about the same
    /// record (or about the organisation as a whole) is reported once, under this control,
    /// with the others named as "also". Declared on the binding provision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stands_in_for: Vec<String>,
}

/// How a control is judged in time (see [`Control::judged_by`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JudgedBy {
    /// The state at `--as-of`, under the law in force then.
    #[default]
    State,
    /// Each event under the law in force on its date (the finding's `event_date`).
    Event,
}

impl JudgedBy {
    pub fn is_state(&self) -> bool {
        *self == JudgedBy::State
    }

    pub fn as_str(self) -> &'static str {
        match self {
            JudgedBy::State => "state",
            JudgedBy::Event => "event",
        }
    }
}

impl Control {
    pub fn title(&self, lang: crate::evidence::Lang) -> &str {
        match lang {
            crate::evidence::Lang::Sv => &self.title_sv,
            crate::evidence::Lang::En => &self.title_en,
        }
    }

    /// The remediation text as written, placeholders included.
    pub fn remediation(&self, lang: crate::evidence::Lang) -> &str {
        match lang {
            crate::evidence::Lang::Sv => &self.remediation_sv,
            crate::evidence::Lang::En => &self.remediation_en,
        }
    }

    /// The remediation text with every `{interval:NAME}` replaced by the configured value,
    /// its unit and whose value it is.
    pub fn remediation_with(
        &self,
        lang: crate::evidence::Lang,
        settings: &crate::intervals::Settings,
    ) -> String {
        crate::intervals::render(self.remediation(lang), settings, lang)
    }

    /// See the field `statutory`: the citation is a provision of law.
    pub fn is_statutory(&self) -> bool {
        self.statutory.unwrap_or(true)
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
    /// The pack's citations are provisions of law (see `Control::statutory`).
    pub statutory: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    framework: String,
    name_sv: String,
    name_en: String,
    /// `false` for packs whose citations are not law (recommendations, audit practice,
    /// kravkoll's own checks): their findings say "Grund"/"Basis", never "Lagrum".
    #[serde(default = "yes")]
    statutory: bool,
    controls: Vec<Control>,
}

fn yes() -> bool {
    true
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
        // The file each control comes from, by position in `cat.controls`.
        let mut origin: Vec<&PolicyFile> = Vec::new();
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
                statutory: pack.statutory,
            });
            for mut c in pack.controls {
                c.framework = pack.framework.clone();
                c.statutory.get_or_insert(pack.statutory);
                check_placeholders(&c, f, &mut problems);
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
                origin.push(f);
            }
        }
        check_stands_in_for(&cat, &origin, &mut problems);
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

/// Where `needle` is written in the entry of control `id` in a catalog's text: the first
/// occurrence after the line `id: <id>` (so that a problem points at its line), else the
/// entry's own line.
fn locate(text: &str, id: &str, needle: &str) -> Option<crate::evidence::yaml::Pos> {
    let entry = text
        .match_indices(&format!("id: {id}"))
        .map(|(i, _)| i)
        .find(|&i| {
            let rest = &text[i + 4 + id.len()..];
            rest.is_empty() || rest.starts_with(['\n', '\r', ' ', '#'])
        })?;
    let offset = text[entry..]
        .find(needle)
        .map(|i| entry + i)
        .unwrap_or(entry);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map(|i| i + 1).unwrap_or(0)..]
        .chars()
        .count()
        + 1;
    Some(crate::evidence::yaml::Pos {
        offset,
        len: needle.len().max(1),
        line,
        col,
    })
}

/// Every `{interval:NAME}` in the remediation texts names a known interval.
fn check_placeholders(c: &Control, f: &PolicyFile, problems: &mut Problems) {
    for text in [&c.remediation_sv, &c.remediation_en] {
        for (at, msg) in crate::intervals::check_placeholders(text) {
            let written = &text[at..text[at..]
                .find('}')
                .map(|e| at + e + 1)
                .unwrap_or(text.len())];
            problems.add_source(&f.path, f.text.as_str().into());
            problems.push(
                Problem::new(
                    "kravkoll::catalog::placeholder",
                    f.path.clone(),
                    locate(&f.text, &c.id, written),
                    format!("control `{}`: {msg}", c.id),
                )
                .help("write {interval:NAME} with a name from the intervals table of docs/evidence-format.md"),
            );
        }
    }
}

/// `stands_in_for` names known controls other than itself, and the declarations form no
/// cycle (a gap must end up reported under one control).
fn check_stands_in_for(cat: &Catalog, origin: &[&PolicyFile], problems: &mut Problems) {
    for (c, f) in cat.controls.iter().zip(origin) {
        for other in &c.stands_in_for {
            let msg = if other == &c.id {
                Some(format!("control `{}` stands in for itself", c.id))
            } else if cat.get(other).is_none() {
                let hint = cat
                    .suggest(other)
                    .map(|h| format!("; {h}"))
                    .unwrap_or_default();
                Some(format!(
                    "control `{}`: `stands_in_for` names `{other}`, which is not in any controls.yaml{hint}",
                    c.id
                ))
            } else if stands_in_for_transitively(cat, other, &c.id) {
                Some(format!(
                    "control `{}` stands in for `{other}`, which (through `stands_in_for`) stands in for `{}`: the declarations form a cycle",
                    c.id, c.id
                ))
            } else {
                None
            };
            if let Some(msg) = msg {
                problems.add_source(&f.path, f.text.as_str().into());
                problems.push(Problem::new(
                    "kravkoll::catalog::stands-in-for",
                    f.path.clone(),
                    locate(&f.text, &c.id, other),
                    msg,
                ));
            }
        }
    }
}

/// Whether `from` stands in for `to`, directly or through others (bounded by the catalog).
fn stands_in_for_transitively(cat: &Catalog, from: &str, to: &str) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for next in cat
            .get(id)
            .map(|c| c.stands_in_for.as_slice())
            .unwrap_or(&[])
        {
            if next == to {
                return true;
            }
            stack.push(next);
        }
    }
    false
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

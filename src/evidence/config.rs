//! `kravkoll.yaml`: the organisation profile and run configuration.

use std::collections::BTreeMap;

use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::schema::CONFIG_FIELDS;
use super::validate::{PendingBoard, Validator};
use super::yaml::{parse_documents, Node, NodeValue, Pos};
use crate::diagnostics::{did_you_mean, Problem, Problems};
use crate::intervals;
use crate::sandbox::Limits;

pub const CONFIG_FILE: &str = "kravkoll.yaml";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Board {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_number: Option<String>,
    #[serde(rename = "type")]
    pub org_type: String,
    pub healthcare_provider: bool,
    pub social_care_provider: bool,
    #[serde(default = "default_tz")]
    pub timezone: String,
    #[serde(default)]
    pub licensed_staff_fte: f64,
    #[serde(default)]
    pub prescriptions_per_year: i64,
    #[serde(default)]
    pub employees: i64,
    #[serde(default)]
    pub annual_turnover_eur: f64,
    #[serde(default)]
    pub balance_sheet_total_eur: f64,
    /// Dispensings of prescription medicines a year (the NIS threshold of MSBFS 2021:9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispensings_per_year: Option<i64>,
    /// Registration with the single point of contact (cybersäkerhetslagen 2 kap. 2 §).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csl_registered: Option<String>,
    #[serde(default)]
    pub connected_svod: bool,
    /// The enterprise with its partner and linked enterprises (Recommendation 2003/361/EC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_size: Option<EnterpriseSize>,
    /// Listed in annex 1 to förordningen (2022:524) om statliga myndigheters beredskap, which
    /// brings a state agency under cybersäkerhetslagen (cybersäkerhetsförordningen 4 §).
    #[serde(default)]
    pub preparedness_agency: bool,
    /// Covered by cybersäkerhetslagen or not, where the profile cannot decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csl_covered: Option<bool>,
    #[serde(default)]
    pub boards: Vec<Board>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EnterpriseSize {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employees: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_turnover_eur: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_sheet_total_eur: Option<f64>,
}

fn default_tz() -> String {
    "Europe/Stockholm".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Organisation {
    /// The name of the board with this id, as kravkoll.yaml gives it.
    pub fn board_name(&self, id: &str) -> Option<&str> {
        self.boards
            .iter()
            .find(|b| b.id == id)
            .map(|b| b.name.as_str())
    }
}

impl Config {
    /// The intervals as configured, for texts that show them.
    pub fn interval_settings(&self) -> intervals::Settings {
        intervals::Settings::new(self.intervals.clone(), self.overridden.clone())
    }
}

impl Lang {
    pub fn code(self) -> &'static str {
        self.pick("sv", "en")
    }

    /// Of a thing said in both languages, the one in this language.
    pub fn pick<T>(self, sv: T, en: T) -> T {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub organisation: Organisation,
    pub language: Lang,
    pub evidence_dir: String,
    /// Every interval: defaults merged with the overrides.
    pub intervals: BTreeMap<String, f64>,
    /// The names set in `kravkoll.yaml` (texts say "as set in …", not "kravkoll's default").
    pub overridden: std::collections::BTreeSet<String>,
    pub tz: TimeZone,
    /// `policy_limits`: the sandbox of each policy package.
    pub limits: Limits,
    /// `allow_personal_identity_numbers_in`: evidence files (repository paths) exempt from
    /// the personal identity number check, each with where it is listed.
    pub numbers_allowed_in: Vec<(String, Pos)>,
}

#[derive(Deserialize)]
struct Raw {
    organisation: Organisation,
    #[serde(default)]
    language: Lang,
    #[serde(default)]
    policy_limits: RawLimits,
}

#[derive(Deserialize, Default)]
struct RawLimits {
    time_seconds: Option<u64>,
    memory_mib: Option<u64>,
}

impl RawLimits {
    fn limits(&self) -> Limits {
        let default = Limits::default();
        Limits {
            time: self
                .time_seconds
                .map_or(default.time, std::time::Duration::from_secs),
            memory_bytes: self
                .memory_mib
                .map_or(default.memory_bytes, |m| m * 1024 * 1024),
        }
    }
}

/// Intervals longer than this (months, days or hours) are surely a typo, and would push
/// dates computed from them out of the span policies can count in.
const MAX_INTERVAL: f64 = 10_000.0;

/// Parses and validates `kravkoll.yaml`. Board references inside it are checked here too.
pub fn parse(text: &str, problems: &mut Problems) -> Option<Config> {
    let file = CONFIG_FILE;
    let before = problems.len();
    let docs = match parse_documents(text) {
        Ok(d) => d,
        Err(e) => {
            problems.push(super::yaml_problem(file, e));
            return None;
        }
    };
    let Some(doc) = docs.first() else {
        problems.push(
            Problem::new(
                "kravkoll::config::empty",
                file,
                None,
                "kravkoll.yaml is empty",
            )
            .help("it needs at least an `organisation:` block; see docs/evidence-format.md"),
        );
        return None;
    };
    if docs.len() > 1 {
        problems.push(Problem::new(
            "kravkoll::config::several",
            file,
            Some(docs[1].pos),
            "kravkoll.yaml must hold one YAML document",
        ));
    }
    let tz_default = TimeZone::get("Europe/Stockholm").unwrap_or(TimeZone::UTC);
    let mut v = Validator::new(file, &tz_default);
    let value = v.object(doc, CONFIG_FIELDS, "kravkoll.yaml");
    let boards_pending = std::mem::take(&mut v.out.boards);
    problems.problems.extend(v.out.problems);
    let mut overrides = BTreeMap::new();
    if let Some(node) = doc.get("intervals") {
        check_intervals(node, &mut overrides, problems);
    }
    // What follows reads the nodes themselves, so that these problems are reported with
    // the others, not only once the rest of the file is right.
    let org_node = doc.get("organisation");
    let tz = match org_node.and_then(|o| o.get("timezone")) {
        Some(
            node @ Node {
                value: NodeValue::Scalar { text, .. },
                ..
            },
        ) if !node.is_null() => match TimeZone::get(text) {
            Ok(tz) => tz,
            Err(_) => {
                problems.push(
                    Problem::new(
                        "kravkoll::config::timezone",
                        file,
                        Some(node.pos),
                        format!("unknown time zone `{text}`"),
                    )
                    .help("use an IANA name such as Europe/Stockholm"),
                );
                tz_default.clone()
            }
        },
        _ => tz_default.clone(),
    };
    let dir = evidence_dir(doc, problems);
    let numbers_allowed_in = numbers_allowed_in(doc);
    let raw: Raw = match value.map(|v| serde_json::from_value(serde_json::Value::Object(v))) {
        Some(Ok(raw)) => raw,
        _ => return None,
    };
    check_boards(&boards_pending, &raw.organisation.boards, problems);
    if problems.len() > before {
        return None;
    }
    let mut all: BTreeMap<String, f64> = intervals::INTERVALS
        .iter()
        .map(|i| (i.name.to_string(), i.default))
        .collect();
    let overridden = overrides.keys().cloned().collect();
    all.extend(overrides);
    Some(Config {
        organisation: raw.organisation,
        language: raw.language,
        evidence_dir: dir?,
        intervals: all,
        overridden,
        tz,
        limits: raw.policy_limits.limits(),
        numbers_allowed_in,
    })
}

/// `evidence_dir`, normalised (`./evidence/` is `evidence`), or the problem with it.
fn evidence_dir(doc: &Node, problems: &mut Problems) -> Option<String> {
    let Some(node) = doc.get("evidence_dir").filter(|n| !n.is_null()) else {
        return Some("evidence".into());
    };
    let NodeValue::Scalar { text, .. } = &node.value else {
        // The type problem is reported by the validator.
        return None;
    };
    let parts: Vec<&str> = text
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let refuse = |why: &str| {
        Problem::new(
            "kravkoll::config::evidence-dir",
            CONFIG_FILE,
            Some(node.pos),
            format!("evidence_dir `{text}` {why}"),
        )
        .help("write a relative path such as `evidence`")
    };
    if text.starts_with('/') || text.contains('\\') || parts.contains(&"..") {
        problems.push(refuse("must be a folder inside the repository"));
        return None;
    }
    if parts.is_empty() {
        problems.push(refuse(
            "is the repository itself, where kravkoll.yaml and policies/ are not evidence; it must be a folder inside it",
        ));
        return None;
    }
    Some(parts.join("/"))
}

/// `allow_personal_identity_numbers_in`: the paths listed, each with its place (type
/// problems are the validator's).
fn numbers_allowed_in(doc: &Node) -> Vec<(String, Pos)> {
    match doc
        .get("allow_personal_identity_numbers_in")
        .map(|n| &n.value)
    {
        Some(NodeValue::Seq(items)) => items
            .iter()
            .filter_map(|item| match &item.value {
                NodeValue::Scalar { text, .. } if !item.is_null() => {
                    Some((text.trim_start_matches("./").to_string(), item.pos))
                }
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn check_intervals(node: &Node, out: &mut BTreeMap<String, f64>, problems: &mut Problems) {
    let NodeValue::Map(entries) = &node.value else {
        return;
    };
    for (key, value) in entries {
        if intervals::find(&key.name).is_none() {
            let hint = did_you_mean(&key.name, intervals::INTERVALS.iter().map(|i| i.name));
            problems.push(
                Problem::new(
                    "kravkoll::config::unknown-interval",
                    CONFIG_FILE,
                    Some(key.pos),
                    format!("unknown interval `{}`", key.name),
                )
                .help(
                    hint.unwrap_or_else(|| {
                        "see docs/evidence-format.md for the interval names".into()
                    }),
                ),
            );
            continue;
        }
        match &value.value {
            NodeValue::Scalar { text, .. } => match text.parse::<f64>() {
                Ok(n) if n.is_finite() && n > 0.0 && n <= MAX_INTERVAL => {
                    out.insert(key.name.clone(), n);
                }
                _ => problems.push(Problem::new(
                    "kravkoll::config::interval-value",
                    CONFIG_FILE,
                    Some(value.pos),
                    format!(
                        "interval `{}` must be a positive number up to {MAX_INTERVAL}, found `{text}`",
                        key.name
                    ),
                )),
            },
            _ => problems.push(Problem::new(
                "kravkoll::config::interval-value",
                CONFIG_FILE,
                Some(value.pos),
                format!("interval `{}` must be a positive number", key.name),
            )),
        }
    }
}

/// Every `board` reference must name a board of the organisation.
pub fn check_boards(pending: &[PendingBoard], boards: &[Board], problems: &mut Problems) {
    for p in pending {
        if boards.iter().any(|b| b.id == p.board)
            || (p.allow_organisation && p.board == "organisation")
        {
            continue;
        }
        let ids: Vec<&str> = boards.iter().map(|b| b.id.as_str()).collect();
        let hint = did_you_mean(&p.board, ids.iter().copied());
        let help = match (hint, ids.is_empty()) {
            (Some(h), _) => h,
            (None, true) => "kravkoll.yaml lists no boards under organisation.boards".into(),
            (None, false) => format!("boards in kravkoll.yaml: {}", ids.join(", ")),
        };
        problems.push(
            Problem::new(
                "kravkoll::evidence::unknown-board",
                p.file.to_string(),
                Some(p.pos),
                format!("unknown board `{}`", p.board),
            )
            .label("not in organisation.boards")
            .help(help),
        );
    }
}

//! The intervals and thresholds of the time-based checks, overridable by name in
//! `kravkoll.yaml` (`intervals:`). Most are kravkoll's defaults where the law asks for
//! "regular" or "recurring" work without a number; a few restate a number the law itself
//! names (GDPR art. 33.1: 72 hours). A reader must always be able to tell which is which, so
//! every text that shows an interval goes through [`phrase`]: the configured value with its
//! unit, and — unless it is the law's own number — whose value it is and the setting's name.

use std::collections::{BTreeMap, BTreeSet};

use crate::evidence::Lang;
use crate::typography;

/// What an interval counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Months,
    Hours,
    Percent,
    /// A number of occasions (briefings in a cycle).
    Times,
}

pub struct Interval {
    pub name: &'static str,
    pub default: f64,
    pub unit: Unit,
    /// The law names this number itself (then the default restates the law and needs no
    /// "kravkoll's default" note); otherwise it is kravkoll's default.
    pub statutory: bool,
    /// Why the default is what it is, citing public sources only.
    pub basis: &'static str,
}

const fn iv(
    name: &'static str,
    default: f64,
    unit: Unit,
    statutory: bool,
    basis: &'static str,
) -> Interval {
    Interval {
        name,
        default,
        unit,
        statutory,
        basis,
    }
}

use Unit::{Hours, Months, Percent, Times};

pub const INTERVALS: &[Interval] = &[
    iv(
        "annual_infosec_report_max_gap_months",
        12.0,
        Months,
        true,
        "HSLF-FS 2016:40 3 kap. 6 §: sammanställningen görs minst en gång om året",
    ),
    iv(
        "annual_infosec_report_error_months",
        15.0,
        Months,
        false,
        "HSLF-FS 2016:40 3 kap. 6 §: minst en gång om året; ett år plus tiden fram till 1 mars, då patientsäkerhetsberättelsen som bygger på sammanställningen ska vara upprättad",
    ),
    iv(
        "nis_risk_analysis_max_age_months",
        12.0,
        Months,
        true,
        "lag (2018:1174) 12 §: analysen ska dokumenteras och uppdateras årligen",
    ),
    iv(
        "nis_action_plan_max_age_months",
        12.0,
        Months,
        true,
        "lag (2018:1174) 12 §: i den årligen uppdaterade analysen ska det ingå en åtgärdsplan",
    ),
    iv(
        "gdpr_breach_notification_hours",
        72.0,
        Hours,
        true,
        "GDPR art. 33.1: om möjligt inte senare än 72 timmar efter att ha fått vetskap om incidenten",
    ),
    iv(
        "policy_review_warning_months",
        12.0,
        Months,
        false,
        "MSB, En bild av landstingens informationssäkerhetsarbete 2018, rekommendation 1: policyn hålls aktuell",
    ),
    iv(
        "policy_review_error_months",
        36.0,
        Months,
        false,
        "MSB, En bild av landstingens informationssäkerhetsarbete 2018: inaktuella styrdokument",
    ),
    iv(
        "objectives_review_months",
        12.0,
        Months,
        false,
        "MSB, En bild av landstingens informationssäkerhetsarbete 2018, rekommendation 1: målen följs upp regelbundet",
    ),
    iv(
        "management_briefing_min_per_year",
        1.0,
        Times,
        false,
        "MSB, En bild av landstingens informationssäkerhetsarbete 2018, rekommendation 3",
    ),
    iv(
        "log_followup_interval_months",
        3.0,
        Months,
        false,
        "HSLF-FS 2016:40 4 kap. 9 § 5: systematiska och återkommande stickprovskontroller av loggarna (föreskriften anger inget intervall)",
    ),
    iv(
        "access_review_interval_months",
        12.0,
        Months,
        false,
        "uppföljning av tilldelade behörigheter (Region Skånes revisorer, granskningsrapport 2023; lagen anger inget intervall)",
    ),
    iv(
        "restore_test_interval_months",
        12.0,
        Months,
        false,
        "GDPR art. 32.1 c–d: förmåga att återställa tillgången och regelbunden testning (inget intervall angivet)",
    ),
    iv(
        "supplier_followup_interval_months",
        12.0,
        Months,
        false,
        "MSB, En bild av landstingens informationssäkerhetsarbete 2018, rekommendation 7: uppföljning av avtal",
    ),
    iv(
        "classification_review_months",
        24.0,
        Months,
        false,
        "kravkolls val; ingen källa anger ett intervall",
    ),
    iv(
        "training_completion_warning_pct",
        90.0,
        Percent,
        false,
        "uppföljning av deltagande i obligatorisk utbildning (Region Skånes revisorer, granskningsrapport 2023)",
    ),
    iv(
        "risk_analysis_system_max_age_months",
        24.0,
        Months,
        false,
        "HSLF-FS 2016:40 3 kap. 10 §: vid utveckling, idrifttagande och ändring av informationssystem (hur nära idrifttagandet eller ändringen analysen ska ligga anges inte)",
    ),
    iv(
        "nis_initial_report_hours",
        6.0,
        Hours,
        false,
        "MSB:s vägledning \"Rapportera it-incident som NIS-leverantör\": första rapporten inom sex timmar",
    ),
    iv(
        "csl_risk_analysis_max_age_months",
        12.0,
        Months,
        false,
        "cybersäkerhetslagen (2025:1506) 2 kap. 3 §: säkerhetsåtgärder utifrån ett allriskperspektiv (inget intervall angivet)",
    ),
    iv(
        "security_evaluation_interval_months",
        12.0,
        Months,
        false,
        "GDPR art. 32.1 d: regelbundet testa, undersöka och utvärdera åtgärdernas effektivitet (inget intervall angivet)",
    ),
    iv(
        "audit_response_months",
        3.0,
        Months,
        false,
        "svarstid för yttranden över revisionsrapporter (Region Skånes revisorer, granskningsrapport 2023), när Audit saknar response_due",
    ),
    iv(
        "staff_training_interval_months",
        12.0,
        Months,
        false,
        "cybersäkerhetslagen (2025:1506) 2 kap. 3 § andra stycket 7: utbildning i cybersäkerhet (inget intervall angivet)",
    ),
    iv(
        "incident_investigation_months",
        3.0,
        Months,
        false,
        "patientsäkerhetslagen (2010:659) 3 kap. 3 §: händelser som medfört eller kunnat medföra vårdskada ska utredas (lagen anger ingen tid)",
    ),
    iv(
        "annual_cycle_months",
        12.0,
        Months,
        false,
        "ledningssystemets årliga cykel: MSB 2018 rekommendation 3, 4 och 8; MSBFS 2020:6",
    ),
];

pub fn find(name: &str) -> Option<&'static Interval> {
    INTERVALS.iter().find(|i| i.name == name)
}

/// A value with the interval's unit, in the number the value asks for: `1 månad`,
/// `3 månader`, `2,5 månader`, `72 timmar`, `90 %`, `1 gång`.
pub fn quantity(value: f64, unit: Unit, lang: Lang) -> String {
    let places = if (value - value.round()).abs() < 1e-9 {
        0
    } else {
        1
    };
    let number = typography::decimal(value, places, lang);
    let one = number == "1";
    let noun = match (unit, lang) {
        (Unit::Percent, _) => return typography::percent(value, lang),
        (Months, Lang::Sv) => ["månad", "månader"],
        (Months, Lang::En) => ["month", "months"],
        (Hours, Lang::Sv) => ["timme", "timmar"],
        (Hours, Lang::En) => ["hour", "hours"],
        (Times, Lang::Sv) => ["tillfälle", "tillfällen"],
        (Times, Lang::En) => ["occasion", "occasions"],
    };
    format!("{number} {}", if one { noun[0] } else { noun[1] })
}

/// Whose value an interval is, for the parenthesis after it: empty for the law's own number
/// left at its default; otherwise kravkoll's default or the organisation's own setting, with
/// the setting's name so that the reader can find and change it.
pub fn note(iv: &Interval, overridden: bool, lang: Lang) -> String {
    match (overridden, iv.statutory, lang) {
        (false, true, _) => String::new(),
        (false, false, Lang::Sv) => format!(
            "kravkolls standardvärde; inställningen intervals.{}",
            iv.name
        ),
        (false, false, Lang::En) => {
            format!("kravkoll's default; setting intervals.{}", iv.name)
        }
        (true, _, Lang::Sv) => {
            format!("enligt inställningen intervals.{} i kravkoll.yaml", iv.name)
        }
        (true, _, Lang::En) => format!("as set in intervals.{} in kravkoll.yaml", iv.name),
    }
}

/// The configured value with its unit and, in parentheses, its [`note`]:
/// `3 månader (kravkolls standardvärde; inställningen intervals.log_followup_interval_months)`.
pub fn phrase(iv: &Interval, value: f64, overridden: bool, lang: Lang) -> String {
    let q = quantity(value, iv.unit, lang);
    match note(iv, overridden, lang) {
        n if n.is_empty() => q,
        n => format!("{q} ({n})"),
    }
}

/// The configured intervals of one repository (defaults merged with `kravkoll.yaml`), or the
/// defaults alone; what texts naming an interval are rendered with.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    values: BTreeMap<String, f64>,
    overridden: BTreeSet<String>,
}

impl Settings {
    pub fn new(values: BTreeMap<String, f64>, overridden: BTreeSet<String>) -> Self {
        Settings { values, overridden }
    }

    pub fn defaults() -> Self {
        Settings::default()
    }

    pub fn value(&self, iv: &Interval) -> f64 {
        self.values.get(iv.name).copied().unwrap_or(iv.default)
    }

    pub fn is_overridden(&self, name: &str) -> bool {
        self.overridden.contains(name)
    }

    /// [`phrase`] of the interval `name` as configured (`None` for an unknown name).
    pub fn phrase(&self, name: &str, lang: Lang) -> Option<String> {
        let iv = find(name)?;
        Some(phrase(iv, self.value(iv), self.is_overridden(name), lang))
    }
}

/// A placeholder in a control's remediation text: `{interval:NAME}`.
pub const PLACEHOLDER: &str = "{interval:";

/// Problems with the placeholders in `text`: each unknown interval name or malformed
/// placeholder, with its byte offset in `text`.
pub fn check_placeholders(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (start, _) in text.match_indices('{') {
        let rest = &text[start + 1..];
        let Some(end) = rest.find('}') else {
            if let Some((kind, _)) = rest.split_once(':') {
                if is_word(kind) {
                    out.push((
                        start,
                        format!("placeholder `{{{kind}:…` is not closed with `}}`"),
                    ));
                }
            }
            continue;
        };
        let inner = &rest[..end];
        let Some((kind, name)) = inner.split_once(':') else {
            continue;
        };
        if !is_word(kind) {
            continue;
        }
        if kind != "interval" {
            out.push((
                start,
                format!("unknown placeholder `{{{inner}}}` (the only kind is `{{interval:NAME}}`)"),
            ));
        } else if find(name).is_none() {
            let hint = crate::diagnostics::did_you_mean(name, INTERVALS.iter().map(|i| i.name))
                .map(|h| format!("; {h}"))
                .unwrap_or_default();
            out.push((
                start,
                format!("unknown interval `{name}` in `{{{inner}}}`{hint}"),
            ));
        }
    }
    out
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// `text` with every `{interval:NAME}` replaced by the configured [`phrase`]. Placeholders
/// are validated when the catalog is loaded; an unknown one is left as written.
pub fn render(text: &str, settings: &Settings, lang: Lang) -> String {
    if !text.contains(PLACEHOLDER) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(start) = rest.find(PLACEHOLDER) {
        out.push_str(&rest[..start]);
        let after = &rest[start + PLACEHOLDER.len()..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match settings.phrase(name, lang) {
                    Some(p) => out.push_str(&p),
                    None => out.push_str(&rest[start..start + PLACEHOLDER.len() + end + 1]),
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_agree_in_number() {
        assert_eq!(quantity(1.0, Months, Lang::Sv), "1 månad");
        assert_eq!(quantity(3.0, Months, Lang::Sv), "3 månader");
        assert_eq!(quantity(2.5, Months, Lang::Sv), "2,5 månader");
        assert_eq!(quantity(1.0, Hours, Lang::En), "1 hour");
        assert_eq!(quantity(72.0, Hours, Lang::Sv), "72 timmar");
        assert_eq!(quantity(90.0, Percent, Lang::Sv), "90\u{a0}%");
        assert_eq!(quantity(2.0, Times, Lang::Sv), "2 tillfällen");
    }

    #[test]
    fn a_default_says_whose_it_is_and_names_the_setting() {
        let s = Settings::defaults();
        assert_eq!(
            s.phrase("log_followup_interval_months", Lang::Sv).unwrap(),
            "3 månader (kravkolls standardvärde; inställningen intervals.log_followup_interval_months)"
        );
        // The law's own number needs no note.
        assert_eq!(
            s.phrase("gdpr_breach_notification_hours", Lang::Sv)
                .unwrap(),
            "72 timmar"
        );
        let overridden = Settings::new(
            [("log_followup_interval_months".to_string(), 1.0)].into(),
            ["log_followup_interval_months".to_string()].into(),
        );
        assert_eq!(
            overridden
                .phrase("log_followup_interval_months", Lang::En)
                .unwrap(),
            "1 month (as set in intervals.log_followup_interval_months in kravkoll.yaml)"
        );
    }

    #[test]
    fn placeholders_are_rendered_and_checked() {
        let t = "Kontrollera minst var {interval:log_followup_interval_months}.";
        assert_eq!(
            render(t, &Settings::defaults(), Lang::Sv),
            "Kontrollera minst var 3 månader (kravkolls standardvärde; inställningen intervals.log_followup_interval_months)."
        );
        assert!(check_placeholders(t).is_empty());
        let bad = check_placeholders("a {interval:log_folowup_interval_months} b {foo:bar} {x}");
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert!(bad[0].1.contains("log_followup_interval_months"), "{bad:?}");
        assert!(bad[1].1.contains("unknown placeholder"), "{bad:?}");
        assert_eq!(check_placeholders("{interval:annual_cycle_months").len(), 1);
        // Braces that are no placeholder are text.
        assert!(check_placeholders("scope: {a, b} {}").is_empty());
    }

    #[test]
    fn rego_defaults_and_the_docs_table_match() {
        let lib = include_str!("../policies/lib/kravkoll.rego");
        let docs = include_str!("../docs/evidence-format.md");
        for iv in INTERVALS {
            let value = if iv.default.fract() == 0.0 {
                format!("{}", iv.default as i64)
            } else {
                format!("{}", iv.default)
            };
            assert!(
                lib.contains(&format!("\"{}\": {value},", iv.name)),
                "policies/lib/kravkoll.rego default_intervals lacks {} = {value}",
                iv.name
            );
            let whose = if iv.statutory {
                "the law"
            } else {
                "kravkoll's default"
            };
            let row = docs
                .lines()
                .find(|l| l.starts_with(&format!("| `{}` | {value} |", iv.name)))
                .unwrap_or_else(|| panic!("docs/evidence-format.md has no row for {}", iv.name));
            assert!(row.ends_with(&format!("| {whose} |")), "{row}");
        }
    }

    #[test]
    fn bases_cite_no_internal_tags() {
        for iv in INTERVALS {
            for tag in [
                "SEED",
                "DERIVED",
                "VERIFIED",
                "GK",
                "S000",
                "requirements.md",
            ] {
                assert!(!iv.basis.contains(tag), "{}: {}", iv.name, iv.basis);
            }
        }
    }
}

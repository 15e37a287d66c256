//! Default intervals for the time-based checks, overridable by name in `kravkoll.yaml`. Each
//! carries its provenance (the vocabulary of docs/legal-sources.md) so the docs can say why it
//! is what it is.

pub struct Interval {
    pub name: &'static str,
    pub default: f64,
    pub provenance: &'static str,
    pub basis: &'static str,
}

const fn iv(
    name: &'static str,
    default: f64,
    provenance: &'static str,
    basis: &'static str,
) -> Interval {
    Interval {
        name,
        default,
        provenance,
        basis,
    }
}

pub const INTERVALS: &[Interval] = &[
    iv(
        "annual_infosec_report_max_gap_months",
        12.0,
        "quoted",
        "HSLF-FS 2016:40 3 kap. 6 §: minst en gång om året",
    ),
    iv(
        "annual_infosec_report_error_months",
        15.0,
        "interpretation",
        "HSLF-FS 2016:40 3 kap. 6 §: minst en gång om året; ett år plus tiden fram till 1 mars, då patientsäkerhetsberättelsen ska vara upprättad",
    ),
    iv(
        "nis_risk_analysis_max_age_months",
        12.0,
        "official-text",
        "lag (2018:1174) 12 §: analysen ska dokumenteras och uppdateras årligen",
    ),
    iv(
        "nis_action_plan_max_age_months",
        12.0,
        "official-text",
        "lag (2018:1174) 12 §: i analysen ska det ingå en åtgärdsplan",
    ),
    iv(
        "gdpr_breach_notification_hours",
        72.0,
        "official-text",
        "GDPR art. 33.1: senast 72 timmar efter att ha fått vetskap",
    ),
    iv(
        "policy_review_warning_months",
        12.0,
        "interpretation",
        "MSB 2018 rekommendation 1: policyn ska hållas aktuell",
    ),
    iv(
        "policy_review_error_months",
        36.0,
        "interpretation",
        "MSB 2018: policyer äldre än tre år är en svaghet",
    ),
    iv(
        "objectives_review_months",
        12.0,
        "quoted",
        "MSB: målen ska uppdateras regelbundet (årligen)",
    ),
    iv(
        "management_briefing_min_per_year",
        1.0,
        "interpretation",
        "MSB 2018 rekommendation 3",
    ),
    iv(
        "log_followup_interval_months",
        3.0,
        "interpretation",
        "HSLF-FS 2016:40 4 kap. 9 § 5: systematiska och återkommande stickprovskontroller av loggarna; föreskriften anger ingen takt",
    ),
    iv(
        "access_review_interval_months",
        12.0,
        "interpretation",
        "Region Skåne 2023: uppföljning av tilldelade behörigheter",
    ),
    iv(
        "restore_test_interval_months",
        12.0,
        "interpretation",
        "GDPR art. 32.1 c–d",
    ),
    iv(
        "supplier_followup_interval_months",
        12.0,
        "interpretation",
        "MSB 2018: uppföljning av avtal",
    ),
    iv(
        "classification_review_months",
        24.0,
        "interpretation",
        "inget intervall i de lästa källorna; kravkolls val",
    ),
    iv(
        "training_completion_warning_pct",
        90.0,
        "interpretation",
        "Region Skåne 2023: uppföljning av deltagande",
    ),
    iv(
        "risk_analysis_system_max_age_months",
        24.0,
        "interpretation",
        "HSLF-FS 2016:40 3 kap. 10 §: vid utveckling, idrifttagande och ändring av informationssystem; hur nära idrifttagandet eller ändringen analysen ska ligga anger föreskriften inte",
    ),
    iv(
        "nis_initial_report_hours",
        6.0,
        "paraphrase",
        "MSB:s vägledning Rapportera it-incident som NIS-leverantör: första rapport inom sex timmar (texten i MSBFS 2018:9 kunde inte läsas)",
    ),
    iv(
        "csl_risk_analysis_max_age_months",
        12.0,
        "interpretation",
        "cybersäkerhetslagen (2025:1506) 2 kap. 3 §: riskanalys som grund för säkerhetsåtgärderna",
    ),
    iv(
        "security_evaluation_interval_months",
        12.0,
        "interpretation",
        "GDPR art. 32.1 d: regelbundet testa, undersöka och utvärdera åtgärdernas effektivitet",
    ),
    iv(
        "audit_response_months",
        3.0,
        "interpretation",
        "Region Skåne 2023: yttrande drygt tre månader efter rapporten, när Audit saknar response_due",
    ),
    iv(
        "incident_investigation_months",
        3.0,
        "interpretation",
        "patientsäkerhetslagen (2010:659) 3 kap. 3 §: händelser som medfört eller kunnat medföra vårdskada ska utredas; lagen anger ingen tid",
    ),
    iv(
        "annual_cycle_months",
        12.0,
        "interpretation",
        "MSB 2018 rekommendation 3, 4 och 8; MSBFS 2020:6: ledningssystemets årliga cykel (beslut, riskanalys, uppföljning)",
    ),
];

pub fn find(name: &str) -> Option<&'static Interval> {
    INTERVALS.iter().find(|i| i.name == name)
}

//! Who is bound by what, decided from the organisation profile (docs/coverage.md).

use std::collections::BTreeMap;

use crate::evidence::Organisation;

pub const PREDICATES: &[&str] = &[
    "all",
    "healthcare_provider",
    "social_care_provider",
    "nis",
    "csl",
    "state_agency",
    "region",
    "region_or_municipality",
    "public_body",
    "private",
];

#[derive(Debug, Clone)]
pub struct Applicability(BTreeMap<&'static str, bool>);

impl Applicability {
    pub fn of(org: &Organisation) -> Self {
        let t = org.org_type.as_str();
        let region_or_municipality = matches!(t, "region" | "municipality");
        // MSBFS 2021:9 7 kap. 1 §: a care provider is an operator of an essential service when
        // its licensed staff exceed 50 full-time equivalents or it dispenses at least 20 000
        // prescriptions a year.
        let nis = org.healthcare_provider
            && (org.licensed_staff_fte > 50.0 || org.prescriptions_per_year >= 20_000);
        // Cybersäkerhetslagen (2025:1506) covers every region and municipality; a private
        // health-care entity only when it is at least medium-sized in the EU sense (50 staff,
        // or turnover and balance sheet both above EUR 10 million).
        let medium_or_larger = org.employees >= 50
            || (org.annual_turnover_eur > 10_000_000.0
                && org.balance_sheet_total_eur > 10_000_000.0);
        let csl = region_or_municipality
            || (t == "private" && org.healthcare_provider && medium_or_larger);
        let facts = [
            ("all", true),
            ("healthcare_provider", org.healthcare_provider),
            ("social_care_provider", org.social_care_provider),
            ("nis", nis),
            ("csl", csl),
            ("state_agency", t == "state_agency"),
            // MSB's 2018 recommendations were written for the regions (county councils).
            ("region", t == "region"),
            ("region_or_municipality", region_or_municipality),
            ("public_body", region_or_municipality || t == "state_agency"),
            ("private", t == "private"),
        ];
        Applicability(facts.into_iter().collect())
    }

    /// All predicates hold (a leading `!` negates one).
    pub fn holds(&self, predicates: &[String]) -> bool {
        predicates.iter().all(|p| match p.strip_prefix('!') {
            Some(name) => !self.0.get(name).copied().unwrap_or(false),
            None => self.0.get(p.as_str()).copied().unwrap_or(false),
        })
    }

    pub fn as_map(&self) -> &BTreeMap<&'static str, bool> {
        &self.0
    }
}

//! Who is bound by what, decided from the organisation profile (`kravkoll.yaml`).

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

/// The NIS threshold for licensed staff (more than 50 full-time equivalents) and for
/// dispensings of prescription medicines (at least 20 000 a year), MSBFS 2021:9 7 kap.
pub const NIS_FTE: f64 = 50.0;
pub const NIS_DISPENSINGS: i64 = 20_000;

/// The dispensings the NIS threshold counts: `dispensings_per_year`, else the older
/// `prescriptions_per_year` (kept working; KRAVKOLL-ORG/c1 asks to rename it).
pub fn dispensings(org: &Organisation) -> i64 {
    org.dispensings_per_year
        .unwrap_or(org.prescriptions_per_year)
}

/// At least a medium-sized enterprise in the sense of Commission Recommendation 2003/361/EC
/// annex art. 2: 50 staff or more, or both turnover and balance-sheet total above
/// EUR 10 million. With `enterprise_size` the figures include partner and linked enterprises
/// (annex art. 6), as cybersäkerhetslagen 1 kap. 2 § 13 asks; a figure missing there falls
/// back to the organisation's own.
pub fn medium_or_larger(org: &Organisation) -> bool {
    let group = org.enterprise_size.clone().unwrap_or_default();
    let employees = group.employees.unwrap_or(org.employees);
    let turnover = group.annual_turnover_eur.unwrap_or(org.annual_turnover_eur);
    let balance = group
        .balance_sheet_total_eur
        .unwrap_or(org.balance_sheet_total_eur);
    employees >= 50 || (turnover > 10_000_000.0 && balance > 10_000_000.0)
}

/// Whether cybersäkerhetslagen (2025:1506) covers the organisation, as far as the profile
/// tells: `csl_covered` decides when given; otherwise every region, municipality and
/// kommunalförbund (1 kap. 3 § 2), a state agency listed in annex 1 to förordningen
/// (2022:524) (cybersäkerhetsförordningen (2025:1507) 4 §, under 1 kap. 8 §), and a private
/// care provider (health sector, NIS 2 annex 1) of at least medium size (1 kap. 4 §).
pub fn csl(org: &Organisation) -> bool {
    if let Some(covered) = org.csl_covered {
        return covered;
    }
    match org.org_type.as_str() {
        "region" | "municipality" | "municipal_association" => true,
        "state_agency" => org.preparedness_agency,
        "private" => org.healthcare_provider && medium_or_larger(org),
        _ => false,
    }
}

#[derive(Debug, Clone)]
pub struct Applicability(BTreeMap<&'static str, bool>);

impl Applicability {
    pub fn of(org: &Organisation) -> Self {
        let t = org.org_type.as_str();
        let region_or_municipality = matches!(t, "region" | "municipality");
        // MSBFS 2021:9 7 kap.: a care provider is an operator of an essential service when its
        // licensed staff exceed 50 full-time equivalents or it dispenses at least 20 000
        // prescription medicines a year.
        let nis = org.healthcare_provider
            && (org.licensed_staff_fte > NIS_FTE || dispensings(org) >= NIS_DISPENSINGS);
        let facts = [
            ("all", true),
            ("healthcare_provider", org.healthcare_provider),
            ("social_care_provider", org.social_care_provider),
            ("nis", nis),
            ("csl", csl(org)),
            ("state_agency", t == "state_agency"),
            // MSB's 2018 recommendations were written for the regions (county councils).
            ("region", t == "region"),
            ("region_or_municipality", region_or_municipality),
            (
                "public_body",
                region_or_municipality || matches!(t, "state_agency" | "municipal_association"),
            ),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::config::EnterpriseSize;

    fn org(t: &str) -> Organisation {
        serde_json::from_value(serde_json::json!({
            "name": "X", "type": t, "healthcare_provider": true, "social_care_provider": false
        }))
        .unwrap()
    }

    #[test]
    fn csl_covers_public_bodies_by_type_and_state_agencies_when_listed() {
        assert!(csl(&org("region")));
        assert!(csl(&org("municipal_association")));
        let mut agency = org("state_agency");
        assert!(!csl(&agency));
        agency.preparedness_agency = true;
        assert!(csl(&agency));
    }

    #[test]
    fn csl_size_counts_partner_and_linked_enterprises() {
        let mut clinic = org("private");
        clinic.employees = 26;
        assert!(!csl(&clinic));
        clinic.enterprise_size = Some(EnterpriseSize {
            employees: Some(140),
            ..EnterpriseSize::default()
        });
        assert!(csl(&clinic));
        clinic.csl_covered = Some(false);
        assert!(!csl(&clinic), "the explicit answer wins");
    }

    #[test]
    fn nis_counts_dispensings_not_prescriptions_written() {
        let mut clinic = org("private");
        clinic.dispensings_per_year = Some(0);
        clinic.prescriptions_per_year = 30_000;
        assert!(!Applicability::of(&clinic).holds(&["nis".into()]));
        clinic.dispensings_per_year = None;
        assert!(Applicability::of(&clinic).holds(&["nis".into()]));
    }
}

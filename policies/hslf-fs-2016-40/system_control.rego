# HSLF-FS 2016:40 3 kap. 10 §: the care provider checks that information systems
# used for processing personal data do not put the data's availability, integrity,
# confidentiality and traceability at risk (per RiR 2024:6; evidence: RiskAnalysis
# whose `systems` lists the system).
package kravkoll.hslf_fs_2016_40.system_control

import data.kravkoll.lib

max_age := lib.interval("risk_analysis_system_max_age_months")

covering(s) := {ra |
	some ra in lib.referencing(s.id, "risk_analyses")
	ra.performed <= input.as_of
	s.id in object.get(ra, "systems", [])
}

# HSLF-3.10/c1: a personal-data system no risk analysis covers.
findings contains f if {
	some s in lib.personal_data_systems
	count(covering(s)) == 0
	f := {
		"control": "HSLF-3.10/c1",
		"record": s.id,
		"message": {
			"sv": sprintf("Systemet %s (%s) behandlar personuppgifter men ingen riskanalys (RiskAnalysis med %s i systems) har gjorts av det per %s.", [s.name, s.id, s.id, input.as_of]),
			"en": sprintf("System %s (%s) processes personal data but no risk analysis (RiskAnalysis listing %s in systems) covers it as of %s.", [s.name, s.id, s.id, input.as_of]),
		},
	}
}

# HSLF-3.10/c2: the newest covering risk analysis is older than max_age months.
findings contains f if {
	some s in lib.personal_data_systems
	analyses := covering(s)
	count(analyses) > 0
	last := max({ra.performed | some ra in analyses})
	lib.overdue(last, max_age)
	some ra in analyses
	ra.performed == last
	f := {
		"control": "HSLF-3.10/c2",
		"record": s.id,
		"message": {
			"sv": sprintf("Den senaste riskanalysen av systemet %s (%s) är %s från %s, %s före %s; högst %s ska gå mellan analyserna.", [s.name, s.id, ra.id, ra.performed, lib.quantity(lib.full_months(ra.performed, input.as_of), "full_months").sv, input.as_of, lib.interval_text("risk_analysis_system_max_age_months").text.sv]),
			"en": sprintf("The latest risk analysis of system %s (%s) is %s of %s, %s before %s; at most %s are to pass between analyses.", [s.name, s.id, ra.id, ra.performed, lib.quantity(lib.full_months(ra.performed, input.as_of), "full_months").en, input.as_of, lib.interval_text("risk_analysis_system_max_age_months").text.en]),
		},
	}
}

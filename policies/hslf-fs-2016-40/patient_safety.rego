# HSLF-FS 2016:40 7 kap. 1 § (as amended by HSLF-FS 2017:3): the patient-safety report
# (patientsäkerhetslagen 3 kap. 10 §) also gives the information-security follow-ups and
# improvement measures of major significance from the compilation under 3 kap. 6 §, the
# risk analyses made and the yearly evaluation of the protection against unlawful access.
package kravkoll.hslf_fs_2016_40.patient_safety

import data.kravkoll.lib

# HSLF-7.1/c1: a published patient-safety report for a due year (or later) lacks
# the information-security section.
findings contains f if {
	some r in input.patient_safety_reports
	r.published <= input.as_of
	r.year >= lib.patient_safety_due_year
	r.infosec_section == false
	f := {
		"control": "HSLF-7.1/c1",
		"record": r.id,
		"field": "infosec_section",
		"message": {
			"sv": "Patientsäkerhetsberättelsen %s för %v (publicerad %s) saknar ett avsnitt om informationssäkerhetsarbetet.",
			"en": "Patient-safety report %s for %v (published %s) has no section on information-security work.",
			"args": [r.id, r.year, r.published],
		},
	}
}

# HSLF-7.1/c2: the report for a year was established before that year's annual
# information-security compilation (3 kap. 6 §) was submitted, so the follow-ups and
# improvement measures it is to give (7 kap. 1 § 1 och 3) could not come from it.
findings contains f if {
	some r in input.patient_safety_reports
	r.published <= input.as_of
	some a in input.annual_reports
	a.year == r.year
	a.submitted <= input.as_of
	a.submitted > r.published
	f := {
		"control": "HSLF-7.1/c2",
		"record": r.id,
		"field": "published",
		"message": {
			"sv": "Patientsäkerhetsberättelsen %s för %v upprättades %s, före informationssäkerhetsberättelsen %s för samma år (inlämnad %s); uppgifterna om informationssäkerhet kunde inte bygga på den.",
			"en": "Patient-safety report %s for %v was established on %s, before the information-security compilation %s for the same year (submitted %s); its information-security content could not draw on it.",
			"args": [r.id, r.year, r.published, a.id, a.submitted],
		},
	}
}

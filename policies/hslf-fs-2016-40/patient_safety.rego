# HSLF-FS 2016:40 7 kap. 1 §: the patient-safety report (patientsäkerhetslagen
# 3 kap. 10 §) includes a section on information security (seed fragment only).
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
			"sv": sprintf("Patientsäkerhetsberättelsen %s för %v (publicerad %s) saknar ett avsnitt om informationssäkerhetsarbetet.", [r.id, r.year, r.published]),
			"en": sprintf("Patient-safety report %s for %v (published %s) has no section on information-security work.", [r.id, r.year, r.published]),
		},
	}
}

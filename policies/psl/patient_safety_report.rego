# Patientsäkerhetslagen (2010:659) 3 kap. 10 §: "Vårdgivaren ska senast den 1 mars
# varje år upprätta en patientsäkerhetsberättelse" covering the previous calendar year.
package kravkoll.psl.patient_safety_report

import data.kravkoll.lib

due_year := lib.patient_safety_due_year

deadline := lib.patient_safety_deadline(due_year)

reports_for_due_year contains r if {
	some r in input.patient_safety_reports
	r.year == due_year
	r.published <= input.as_of
}

# PSL-3.10/c1: no patient-safety report for the due year by as_of.
findings contains f if {
	count(reports_for_due_year) == 0
	f := {
		"control": "PSL-3.10/c1",
		"record": null,
		"event_date": deadline,
		"message": {
			"sv": "Det finns ingen patientsäkerhetsberättelse (PatientSafetyReport) för %v; den skulle ha upprättats senast %s.",
			"en": "There is no patient-safety report (PatientSafetyReport) for %v; it had to be established by %s.",
			"args": [due_year, deadline],
		},
	}
}

# PSL-3.10/c2: the report for the due year was established after the deadline.
findings contains f if {
	some r in reports_for_due_year
	r.published > deadline
	days_text := kravkoll.quantity(lib.days_between(deadline, r.published), "days")
	f := {
		"control": "PSL-3.10/c2",
		"record": r.id,
		"event_date": deadline,
		"field": "published",
		"message": {
			"sv": "Patientsäkerhetsberättelsen %s för %v upprättades %s, %s efter sista dag %s.",
			"en": "Patient-safety report %s for %v was established on %s, %s after the deadline %s.",
			"args": [r.id, r.year, r.published, days_text, deadline],
		},
	}
}

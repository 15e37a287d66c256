# GDPR (EU) 2016/679 art. 24.1–24.2 (with the accountability of art. 5.2): the controller
# implements appropriate measures and, where proportionate, "lämpliga strategier för
# dataskydd" — an adopted data-protection policy. Art. 25.1: data protection by design,
# "vid fastställandet av vilka medel behandlingen utförs med" — the requirements of a
# procurement of systems or services that process personal data. Art. 32.4: everyone
# working under the controller's authority with access to personal data processes them
# only on instructions — shown by an adopted instruction or staff training. "Where
# proportionate" and "appropriate" are judgements, so warnings.
package kravkoll.gdpr.accountability

import data.kravkoll.lib

cycle := lib.interval("annual_cycle_months")

adopted(d) if d.adopted <= input.as_of

# GDPR-24/c1: no adopted data-protection policy.
findings contains f if {
	count([d |
		some d in input.documents
		adopted(d)
		d.doc_type == "policy"
		d.subject == "data_protection"
	]) == 0
	f := {
		"control": "GDPR-24/c1",
		"record": null,
		"message": {
			"sv": "Det finns ingen antagen dataskyddspolicy (Document med doc_type: policy och subject: data_protection, antagen senast %s).",
			"en": "There is no adopted data-protection policy (Document with doc_type: policy and subject: data_protection, adopted on or before %s).",
			"args": [input.as_of],
		},
	}
}

# Procurements of the cycle that concern personal data: through a system or the supplier.
personal_data_procurement(p) if {
	some id in p.systems
	lib.record(id).personal_data == true
} else := true if {
	some id in p.systems
	lib.record(id).patient_data == true
} else := true if lib.record(p.supplier).personal_data == true

# GDPR-25/c1: a recent procurement concerning personal data without data-protection
# requirements (by design and by default).
findings contains f if {
	some p in input.procurements
	lib.within_months(p.started, cycle)
	personal_data_procurement(p)
	object.get(p, "data_protection_requirements", false) != true
	f := {
		"control": "GDPR-25/c1",
		"record": p.id,
		"field": "data_protection_requirements",
		"message": {
			"sv": "Upphandlingen %s (%s, påbörjad %s) gäller behandling av personuppgifter men ställer inga krav på inbyggt dataskydd och dataskydd som standard (data_protection_requirements: true saknas).",
			"en": "Procurement %s (%s, started %s) concerns processing of personal data but sets no requirements for data protection by design and by default (data_protection_requirements: true is missing).",
			"args": [p.id, p.title, p.started],
		},
	}
}

instructions contains d if {
	some d in input.documents
	adopted(d)
	d.doc_type == "instruction"
	d.subject in {"data_protection", "information_security"}
}

staff_trainings contains t if {
	some t in input.trainings
	t.audience in {"all_staff", "new_staff"}
	lib.within_months(t.period_start, cycle)
}

# GDPR-32.4/c1: personal data is processed but staff have neither an adopted instruction nor
# training within the cycle.
findings contains f if {
	count(lib.personal_data_systems) > 0
	count(instructions) == 0
	count(staff_trainings) == 0
	annual_cycle_months_text := lib.interval_text("annual_cycle_months").text
	f := {
		"control": "GDPR-32.4/c1",
		"record": null,
		"message": {
			"sv": "Det finns varken en antagen instruktion för personalens behandling av personuppgifter (Document med doc_type: instruction och subject: data_protection eller information_security) eller en utbildning för personalen (Training med audience: all_staff eller new_staff) inom %s före %s.",
			"en": "There is neither an adopted instruction on how staff process personal data (Document with doc_type: instruction and subject: data_protection or information_security) nor staff training (Training with audience: all_staff or new_staff) within %s before %s.",
			"args": [annual_cycle_months_text, input.as_of],
		},
	}
}

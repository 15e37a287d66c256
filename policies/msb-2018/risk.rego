# MSB 2018, section 9.1, recommendations 5–7: an established risk-analysis method used
# for the whole organisation with patient-safety risks singled out, classification of the
# most critical information first and turned into measures, and security requirements in
# procurements and agreements that are followed up during the contract.
package kravkoll.msb_2018.risk

import data.kravkoll.lib

cycle := lib.interval("annual_cycle_months")

analyses := [r | some r in input.risk_analyses; r.performed <= input.as_of]

# The cycle's first day is found once before a scan (lib.cutoff), not by a call per record.
recent_analyses := [r | since := lib.cutoff(cycle); some r in analyses; r.performed >= since]

method_documented if {
	some d in input.documents
	d.subject == "risk_management"
	d.adopted <= input.as_of
}

method_documented if {
	some r in analyses
	r.method
}

findings contains f if {
	not method_documented
	f := {
		"control": "MSB2018-REC5/c1",
		"record": null,
		"message": {
			"sv": "Det finns inget etablerat arbetssätt för riskanalyser per %s: varken ett styrdokument (Document med subject: risk_management) eller en riskanalys som anger method.",
			"en": "There is no established way of doing risk analyses as of %s: neither a governing document (Document with subject: risk_management) nor a risk analysis stating its method.",
			"args": [input.as_of],
		},
	}
}

org_analyses := [r | some r in analyses; r.scope == "organisation"]

recent_org := [r | since := lib.cutoff(cycle); some r in org_analyses; r.performed >= since]

findings contains f if {
	count(recent_org) == 0
	scopes := concat(", ", {r.scope | some r in recent_analyses})
	annual_cycle_months_text := lib.interval_text("annual_cycle_months").text
	f := {
		"control": "MSB2018-REC5/c2",
		"record": null,
		"message": {
			"sv": sprintf("Ingen riskanalys av hela verksamheten (scope: organisation) inom %s före %s; analyserna under perioden gäller bara: %s.", [annual_cycle_months_text.sv, input.as_of, _or_none(scopes, "inga")]),
			"en": sprintf("No risk analysis of the whole organisation (scope: organisation) within %s before %s; the period's analyses only cover: %s.", [annual_cycle_months_text.en, input.as_of, _or_none(scopes, "none")]),
		},
	}
}

_or_none(s, none) := s if {
	s != ""
} else := none

recent_risks := [risk | some r in recent_analyses; some risk in r.risks]

findings contains f if {
	count(recent_risks) > 0
	[risk | some risk in recent_risks; risk.patient_safety == true] == []
	annual_cycle_months_text := lib.interval_text("annual_cycle_months").text
	f := {
		"control": "MSB2018-REC5/c3",
		"record": null,
		"message": {
			"sv": sprintf("%s i riskanalyserna inom %s före %s %s markerad som en risk som påverkar patientsäkerheten (patient_safety: true).", [none_of_risks.sv[0], annual_cycle_months_text.sv, input.as_of, none_of_risks.sv[1]]),
			"en": sprintf("%s in the risk analyses within %s before %s %s marked as affecting patient safety (patient_safety: true).", [none_of_risks.en[0], annual_cycle_months_text.en, input.as_of, none_of_risks.en[1]]),
		},
	}
}

# Subject and verb of the message: "Ingen av de 3 riskerna … är", but a single risk takes
# its own wording ("Den enda risken … är inte"), never "de 1 riskerna".
none_of_risks := {"sv": ["Den enda risken", "är inte"], "en": ["The only risk", "is not"]} if {
	count(recent_risks) == 1
} else := {
	"sv": [sprintf("Ingen av de %s riskerna", [kravkoll.number(count(recent_risks), 0).sv]), "är"],
	"en": [sprintf("None of the %s risks", [kravkoll.number(count(recent_risks), 0).en]), "is"],
}

uses_incidents(r) if {
	some i in r.inputs
	contains(lower(i), "incident")
}

findings contains f if {
	some r in recent_org
	not uses_incidents(r)
	f := {
		"control": "MSB2018-REC5/c4",
		"record": r.id,
		"field": "inputs",
		"message": {
			"sv": "Riskanalysen %s anger inte inträffade incidenter som underlag (inputs).",
			"en": "Risk analysis %s does not list incidents that occurred as input (inputs).",
			"args": [r.id],
		},
	}
}

classifications := [c | some c in input.classifications; c.classified <= input.as_of]

findings contains f if {
	count(classifications) == 0
	f := {
		"control": "MSB2018-REC6/c1",
		"record": null,
		"message": {
			"sv": "Det finns ingen informationsklassning (Classification) per %s.",
			"en": "There is no information classification (Classification) as of %s.",
			"args": [input.as_of],
		},
	}
}

# The personal-data (and so patient-data) systems classified on or before as_of.
classified := lib.classified_ids(lib.personal_data_systems)

findings contains f if {
	count(classifications) > 0
	# Bound before the scan: regorus looks a rule up anew at every reference.
	done := classified
	some s in lib.patient_data_systems
	not done[s.id]
	f := {
		"control": "MSB2018-REC6/c2",
		"record": s.id,
		"message": {
			"sv": "Patientuppgifterna i systemet %s (%s) är inte klassade, trots att den mest kritiska informationen ska klassas först.",
			"en": "The patient data in system %s (%s) are not classified, although the most critical information is to be classified first.",
			"args": [s.id, s.name],
		},
	}
}

findings contains f if {
	count(classifications) > 0
	done := classified
	some s in lib.personal_data_systems
	not s.patient_data
	not done[s.id]
	f := {
		"control": "MSB2018-REC6/c4",
		"record": s.id,
		"message": {
			"sv": "Informationen i systemet %s (%s), som behandlar personuppgifter, är inte klassad.",
			"en": "The information in system %s (%s), which processes personal data, is not classified.",
			"args": [s.id, s.name],
		},
	}
}

findings contains f if {
	some c in classifications
	# No required measure recorded, the list absent or empty: a bare reference, which
	# regorus and OPA read alike, instead of two builtin calls per classification.
	not c.required_measures[0]
	f := {
		"control": "MSB2018-REC6/c3",
		"record": c.id,
		"message": {
			"sv": "Klassningen %s (%s) anger inga säkerhetsåtgärder som den leder till (required_measures).",
			"en": "Classification %s (%s) names no security measures it leads to (required_measures).",
			"args": [c.id, c.asset],
		},
	}
}

data_suppliers contains s if {
	some s in input.suppliers
	s.personal_data == true
}

supplier_clauses := {
	"MSB2018-REC7/c1": {"field": "security_requirements", "sv": "informationssäkerhetskrav", "en": "information-security requirements"},
	"MSB2018-REC7/c4": {"field": "incident_clause", "sv": "krav på incidentrapportering", "en": "an incident-reporting requirement"},
}

findings contains f if {
	clauses := supplier_clauses
	some s in data_suppliers
	some control, c in clauses
	object.get(s, c.field, false) != true
	f := {
		"control": control,
		"record": s.id,
		"field": c.field,
		"message": {
			"sv": "Avtalet med %s (%s), som behandlar personuppgifter, innehåller inte %s (%s: true saknas).",
			"en": "The agreement with %s (%s), which processes personal data, contains no %s (%s: true missing).",
			"args": [s.id, s.name, c, c.field],
		},
	}
}

findings contains f if {
	supplier_followup_interval_months_text := lib.interval_text("supplier_followup_interval_months").text
	some s in data_suppliers
	months := lib.interval("supplier_followup_interval_months")
	not _followed_up(s, months)
	f := {
		"control": "MSB2018-REC7/c5",
		"record": s.id,
		"field": "last_followup",
		"message": {
			"sv": sprintf("De avtalade säkerhetsåtgärderna hos %s (%s) har inte följts upp inom %s före %s (last_followup: %s).", [s.id, s.name, supplier_followup_interval_months_text.sv, input.as_of, object.get(s, "last_followup", "saknas")]),
			"en": sprintf("The agreed security measures of %s (%s) have not been followed up within %s before %s (last_followup: %s).", [s.id, s.name, supplier_followup_interval_months_text.en, input.as_of, object.get(s, "last_followup", "missing")]),
		},
	}
}

_followed_up(s, months) if lib.within_months(s.last_followup, months)

# Procurements of the year (started within annual_cycle_months): older ones are history, and
# their requirements live on in the Supplier record that REC7/c1, /c4 and /c5 check.
procurements := [p |
	since := lib.cutoff(cycle)
	some p in input.procurements
	p.started <= input.as_of
	p.started >= since
]

findings contains f if {
	some p in procurements
	object.get(p, "security_requirements", false) != true
	f := {
		"control": "MSB2018-REC7/c1",
		"record": p.id,
		"field": "security_requirements",
		"message": {
			"sv": "Upphandlingen %s (%s) ställer inga informationssäkerhetskrav (security_requirements: true saknas).",
			"en": "Procurement %s (%s) sets no information-security requirements (security_requirements: true missing).",
			"args": [p.id, p.title],
		},
	}
}

steps := {
	"requirements": {"sv": "kravställningen", "en": "setting the requirements"},
	"tender_evaluation": {"sv": "utvärderingen av anbud", "en": "evaluating the tenders"},
	"go_live_verification": {"sv": "verifieringen vid driftsättning", "en": "verification at go-live"},
}

# In the order of the procurement, for the message.
step_order := ["requirements", "tender_evaluation", "go_live_verification"]

findings contains f if {
	[order, words] := [step_order, steps]
	some p in procurements
	present := object.get(p, "infosec_competence", [])
	missing := [s | some s in order; not s in present]
	count(missing) > 0
	# Regions get a warning, other care providers the information-level copy.
	some control in ["MSB2018-REC7/c2", "MSB2018-REC7/c6"]
	f := {
		"control": control,
		"record": p.id,
		"field": "infosec_competence",
		"message": {
			"sv": sprintf("Upphandlingen %s (%s) hade ingen informationssäkerhetskompetens i %s (infosec_competence saknar %s).", [p.id, p.title, concat(", ", [words[s].sv | some s in missing]), concat(", ", missing)]),
			"en": sprintf("Procurement %s (%s) had no information-security competence in %s (infosec_competence lacks %s).", [p.id, p.title, concat(", ", [words[s].en | some s in missing]), concat(", ", missing)]),
		},
	}
}

findings contains f if {
	some p in procurements
	missing := [field | some field in ["risk_analysis", "classification"]; not p[field]]
	count(missing) > 0
	f := {
		"control": "MSB2018-REC7/c3",
		"record": p.id,
		"message": {
			"sv": sprintf("Upphandlingen %s (%s) bygger inte på en riskanalys och en informationssäkerhetsklassning före kravställningen (%s saknas).", [p.id, p.title, concat(" och ", missing)]),
			"en": sprintf("Procurement %s (%s) is not based on a risk analysis and an information classification before the requirements were set (%s missing).", [p.id, p.title, concat(" and ", missing)]),
		},
	}
}

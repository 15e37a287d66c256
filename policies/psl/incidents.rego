# Patientsäkerhetslagen (2010:659) 3 kap.: the care provider investigates events that caused
# or could have caused patient harm (3 §), reports those that caused or could have caused
# serious patient harm to IVO (5 §, lex Maria) and informs a patient who suffered patient
# harm (8 §). Incident.patient_harm records vårdskada, serious_harm allvarlig vårdskada.
package kravkoll.psl.incidents

import data.kravkoll.lib

investigation_months := lib.interval("incident_investigation_months")

# Helpers are inlined where the records are scanned: a function call costs more in regorus
# than the comparison it wraps. Negations keep their helper (see closed/analysed). A rule
# the scan compares with is bound to a variable before the scan: regorus looks a rule up
# anew at every reference.
harm_events := [i |
	bound := lib.as_of_datetime_bound
	some i in input.incidents
	i.patient_harm in {"caused", "could_have"}
	i.detected < bound
]

closed(i) if i.closed <= input.as_of

analysed(i) if i.analysed <= input.as_of

harm_words := {
	"caused": {"sv": "medförde en vårdskada", "en": "caused patient harm"},
	"could_have": {"sv": "hade kunnat medföra en vårdskada", "en": "could have caused patient harm"},
}

# PSL-3.3/c1: a closed event that caused or could have caused patient harm, never investigated.
findings contains f if {
	words := harm_words
	some i in harm_events
	i.closed <= input.as_of
	not analysed(i)
	f := {
		"control": "PSL-3.3/c1",
		"record": i.id,
		"field": "analysed",
		"message": {
			"sv": "Händelsen %s (%s) %s och avslutades %s utan att den utretts (analysed saknas).",
			"en": "Event %s (%s) %s and was closed on %s without being investigated (analysed is missing).",
			"args": [i.id, i.title, words[i.patient_harm], i.closed],
		},
	}
}

# PSL-3.3/c2: an open event still not investigated after investigation_months.
findings contains f if {
	incident_investigation_months_text := lib.interval_text("incident_investigation_months").text
	[words, since] := [harm_words, lib.cutoff(investigation_months)]
	some i in harm_events
	not closed(i)
	not analysed(i)
	day := substring(i.detected, 0, 10)
	day < since
	f := {
		"control": "PSL-3.3/c2",
		"record": i.id,
		"field": "analysed",
		"message": {
			"sv": "Händelsen %s (%s) %s och upptäcktes %s, mer än %s före %s, men är ännu inte utredd.",
			"en": "Event %s (%s) %s and was detected on %s, more than %s before %s, but has not been investigated yet.",
			"args": [i.id, i.title, words[i.patient_harm], day, incident_investigation_months_text, input.as_of],
		},
	}
}

# PSL-3.5/c1: serious patient harm (caused or possible) not reported to IVO.
findings contains f if {
	bound := lib.as_of_datetime_bound
	some i in input.incidents
	i.serious_harm == true
	i.detected < bound
	not reported_to_ivo(i)
	day := substring(i.detected, 0, 10)
	f := {
		"control": "PSL-3.5/c1",
		"record": i.id,
		"field": "ivo_reported",
		"message": {
			"sv": "Händelsen %s (%s), upptäckt %s, har medfört eller hade kunnat medföra en allvarlig vårdskada men är inte anmäld till IVO (ivo_reported saknas per %s).",
			"en": "Event %s (%s), detected on %s, caused or could have caused serious patient harm but has not been reported to IVO (no ivo_reported as of %s).",
			"args": [i.id, i.title, day, input.as_of],
		},
	}
}

reported_to_ivo(i) if i.ivo_reported <= input.as_of

# PSL-3.8/c1: a patient who suffered patient harm has not been informed (nor a reason given).
findings contains f if {
	some i in harm_events
	i.patient_harm == "caused"
	not informed(i)
	not i.patient_not_informed_reason
	day := substring(i.detected, 0, 10)
	f := {
		"control": "PSL-3.8/c1",
		"record": i.id,
		"field": "patient_informed",
		"message": {
			"sv": "Händelsen %s (%s), upptäckt %s, medförde en vårdskada men det är inte registrerat att patienten informerats (patient_informed saknas per %s).",
			"en": "Event %s (%s), detected on %s, caused patient harm but informing the patient is not recorded (no patient_informed as of %s).",
			"args": [i.id, i.title, day, input.as_of],
		},
	}
}

informed(i) if i.patient_informed <= input.as_of

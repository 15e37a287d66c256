# Findings that audits of health-care information security keep returning to, checked for
# every care provider: Region Skåne's auditors (report 7/2023, recommendations to the
# regional board) asked that incident routines define responsibilities, processes and
# escalation paths, that participation in mandatory training is followed up, and that
# incidents are analysed as a basis for improvement. Audit practice, not law: warnings.
package kravkoll.audit.practice

import data.kravkoll.lib

cycle := lib.interval("annual_cycle_months")

incident_routines contains d if {
	some d in input.documents
	d.adopted <= input.as_of
	d.subject == "incident_management"
}

needed := {
	"responsibilities": {"sv": "ansvar", "en": "responsibilities"},
	"process": {"sv": "process", "en": "process"},
	"escalation_paths": {"sv": "eskaleringsvägar", "en": "escalation paths"},
}

missing(d) := [k | some k, _ in needed; not k in object.get(d, "defines", [])]

complete_routine if {
	some d in incident_routines
	count(missing(d)) == 0
}

# AUDIT-FIND-1/c1: no incident routine at all ...
findings contains f if {
	count(incident_routines) == 0
	f := {
		"control": "AUDIT-FIND-1/c1",
		"record": null,
		"message": {
			"sv": "Det finns ingen fastställd rutin för incidenthantering (Document med subject: incident_management, antagen senast %s).",
			"en": "There is no adopted incident-handling routine (Document with subject: incident_management, adopted on or before %s).",
			"args": [input.as_of],
		},
	}
}

# ... or none that defines responsibilities, process and escalation paths.
findings contains f if {
	not complete_routine
	some d in incident_routines
	m := missing(d)
	f := {
		"control": "AUDIT-FIND-1/c1",
		"record": d.id,
		"field": "defines",
		"message": {
			"sv": sprintf("Incidentrutinen %s (%s) beskriver inte %s (defines saknar %s).", [d.id, d.title, concat(", ", [needed[k].sv | some k in m]), concat(", ", m)]),
			"en": sprintf("Incident routine %s (%s) does not describe %s (defines lacks %s).", [d.id, d.title, concat(", ", [needed[k].en | some k in m]), concat(", ", m)]),
		},
	}
}

# AUDIT-FIND-2/c1: a mandatory training of the cycle whose participation was not followed up.
findings contains f if {
	some t in input.trainings
	t.mandatory == true
	t.period_end <= input.as_of
	lib.within_months(t.period_end, cycle)
	gaps := [field | some field in ["population", "completed", "followed_up"]; not t[field]]
	count(gaps) > 0
	f := {
		"control": "AUDIT-FIND-2/c1",
		"record": t.id,
		"message": {
			"sv": "Deltagandet i den obligatoriska utbildningen %s (%s, %s–%s) är inte uppföljt (%s saknas).",
			"en": "Participation in mandatory training %s (%s, %s to %s) has not been followed up (%s missing).",
			"args": [t.id, t.title, t.period_start, t.period_end, concat(", ", gaps)],
		},
	}
}

# AUDIT-FIND-3/c1: an incident closed in the cycle without being analysed. Events that caused
# or could have caused patient harm are left to PSL-3.3 (a statutory duty).
findings contains f if {
	# The cycle's first day, found once before the scan rather than by a call per incident.
	since := lib.cutoff(cycle)
	some i in input.incidents
	i.closed <= input.as_of
	i.closed >= since
	not i.patient_harm in {"caused", "could_have"}
	not analysed(i)
	f := {
		"control": "AUDIT-FIND-3/c1",
		"record": i.id,
		"field": "analysed",
		"message": {
			"sv": "Incidenten %s (%s) avslutades %s utan att ha analyserats (analysed saknas); inträffade incidenter ska analyseras och ge underlag för förbättringar.",
			"en": "Incident %s (%s) was closed on %s without being analysed (analysed is missing); incidents are to be analysed as a basis for improvement.",
			"args": [i.id, i.title, i.closed],
		},
	}
}

analysed(i) if i.analysed <= input.as_of

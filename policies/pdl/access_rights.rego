# Patientdatalagen (2008:355) 4 kap. 2 §: the care provider determines the conditions for
# assigning access rights to patient data kept wholly or partly automated, and access is
# limited to what each person needs for their work in health care. HSLF-FS 2016:40 4 kap.
# 2–3 §§ (styrning av behörigheter) add the behovs- och riskanalys and the routines for
# assigning, changing, removing and regularly reviewing access rights.
package kravkoll.pdl.access_rights

import data.kravkoll.lib

review_interval := lib.interval("access_review_interval_months")

# The latest access analyses and reviews of each patient-data system performed on or before
# as_of, looked up once per system rather than once per rule; a system with none is absent.
latest_analyses := {s.id: rs |
	latest := lib.latest_records
	some s in lib.patient_data_systems
	rs := latest[s.id].access_analyses
}

latest_reviews := {s.id: rs |
	latest := lib.latest_records
	some s in lib.patient_data_systems
	rs := latest[s.id].access_reviews
}

# PDL-4.2/c1: no documented conditions for assigning access (AccessAnalysis,
# behovs- och riskanalys) for a patient-data system. (The rules looked up for every system
# are bound to variables before the scan: regorus looks a rule up anew at every reference.)
findings contains f if {
	analyses := latest_analyses
	some s in lib.patient_data_systems
	not analyses[s.id]
	f := {
		"control": "PDL-4.2/c1",
		"record": s.id,
		"message": {
			"sv": "Systemet %s (%s) innehåller patientuppgifter men det finns ingen dokumenterad behovs- och riskanalys (AccessAnalysis med system: %s) som bestämmer villkoren för tilldelning av behörighet, per %s.",
			"en": "System %s (%s) holds patient data but there is no documented needs-and-risk analysis (AccessAnalysis with system: %s) determining the conditions for assigning access rights, as of %s.",
			"args": [s.name, s.id, s.id, input.as_of],
		},
	}
}

# PDL-4.2/c2: no access review of a patient-data system within the interval.
findings contains f if {
	access_review_interval_months_text := lib.interval_text("access_review_interval_months").text
	reviews := latest_reviews
	some s in lib.patient_data_systems
	not reviews[s.id]
	f := {
		"control": "PDL-4.2/c2",
		"record": s.id,
		"message": {
			"sv": "Tilldelade behörigheter i systemet %s (%s) har aldrig följts upp (ingen AccessReview med system: %s per %s); högst %s ska gå mellan uppföljningarna.",
			"en": "Access rights assigned in system %s (%s) have never been reviewed (no AccessReview with system: %s as of %s); at most %s are to pass between reviews.",
			"args": [s.name, s.id, s.id, input.as_of, access_review_interval_months_text],
		},
	}
}

findings contains f if {
	access_review_interval_months_text := lib.interval_text("access_review_interval_months").text
	[reviews, since] := [latest_reviews, lib.cutoff(review_interval)]
	some s in lib.patient_data_systems
	some r in reviews[s.id]
	r.performed < since
	elapsed := kravkoll.quantity(lib.full_months(r.performed, input.as_of), "full_months")
	f := {
		"control": "PDL-4.2/c2",
		"record": s.id,
		"message": {
			"sv": "Den senaste behörighetsuppföljningen av systemet %s (%s) är %s från %s, %s före %s; högst %s ska gå mellan uppföljningarna.",
			"en": "The latest access review of system %s (%s) is %s of %s, %s before %s; at most %s are to pass between reviews.",
			"args": [s.name, s.id, r.id, r.performed, elapsed, input.as_of, access_review_interval_months_text],
		},
	}
}

access_routines contains d if {
	some d in input.documents
	d.adopted <= input.as_of
	d.subject == "access_control"
}

# PDL-4.2/c3: patient-data systems but no adopted routine for assigning, changing and
# removing access rights (also a recommendation of Region Skåne's auditors, report 7/2023).
findings contains f if {
	count(lib.patient_data_systems) > 0
	count(access_routines) == 0
	n := count(lib.patient_data_systems)
	systems_en := sprintf("%s %s", [kravkoll.number(n, 0).en, _system_noun_en(n)])
	f := {
		"control": "PDL-4.2/c3",
		"record": null,
		"message": {
			"sv": sprintf("Det finns ingen fastställd rutin för tilldelning, ändring och borttag av behörigheter (Document med subject: access_control, antagen senast %s), trots att %s system innehåller patientuppgifter.", [input.as_of, kravkoll.number(n, 0).sv]),
			"en": sprintf("There is no adopted routine for assigning, changing and removing access rights (Document with subject: access_control, adopted on or before %s), although %s hold patient data.", [input.as_of, systems_en]),
		},
	}
}

_system_noun_en(n) := "system" if {
	n == 1
} else := "systems"

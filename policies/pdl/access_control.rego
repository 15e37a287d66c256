# Patientdatalagen (2008:355) 4 kap. 3 §: access to patient data is documented
# (logged) and the care provider makes systematic and recurring checks of whether
# anyone accesses the data without authorisation (logguppföljning).
package kravkoll.pdl.access_control

import data.kravkoll.lib

followup_interval := lib.interval("log_followup_interval_months")

# PDL-4.3/c1: a patient-data system does not log access.
findings contains f if {
	some s in lib.patient_data_systems
	object.get(s, "logging", false) != true
	f := {
		"control": "PDL-4.3/c1",
		"record": s.id,
		"message": {
			"sv": sprintf("Systemet %s (%s) innehåller patientuppgifter men åtkomsten loggas inte (logging: true saknas).", [s.name, s.id]),
			"en": sprintf("System %s (%s) holds patient data but access is not logged (logging: true is missing).", [s.name, s.id]),
		},
	}
}

reviews(s) := {lr |
	some lr in lib.referencing(s.id, "log_reviews")
	lr.system == s.id
	lr.performed <= input.as_of
}

# PDL-4.3/c2: no log review of a patient-data system at all ...
findings contains f if {
	some s in lib.patient_data_systems
	count(reviews(s)) == 0
	f := {
		"control": "PDL-4.3/c2",
		"record": s.id,
		"message": {
			"sv": sprintf("Ingen loggkontroll av obehörig åtkomst har gjorts i systemet %s (%s) (ingen LogReview med system: %s per %s); kontroller ska göras systematiskt och återkommande, med högst %s mellan kontrollerna.", [s.name, s.id, s.id, input.as_of, lib.interval_text("log_followup_interval_months").text.sv]),
			"en": sprintf("No log review for unauthorised access has been made for system %s (%s) (no LogReview with system: %s as of %s); checks are to be systematic and recurring, with at most %s between reviews.", [s.name, s.id, s.id, input.as_of, lib.interval_text("log_followup_interval_months").text.en]),
		},
	}
}

# ... or the latest one is older than the interval.
findings contains f if {
	some s in lib.patient_data_systems
	rs := reviews(s)
	count(rs) > 0
	last := max({r.performed | some r in rs})
	lib.overdue(last, followup_interval)
	some r in rs
	r.performed == last
	f := {
		"control": "PDL-4.3/c2",
		"record": s.id,
		"message": {
			"sv": sprintf("Den senaste loggkontrollen av systemet %s (%s) är %s från %s, %s före %s; högst %s ska gå mellan kontrollerna.", [s.name, s.id, r.id, r.performed, lib.quantity(lib.full_months(r.performed, input.as_of), "full_months").sv, input.as_of, lib.interval_text("log_followup_interval_months").text.sv]),
			"en": sprintf("The latest log review of system %s (%s) is %s of %s, %s before %s; at most %s are to pass between reviews.", [s.name, s.id, r.id, r.performed, lib.quantity(lib.full_months(r.performed, input.as_of), "full_months").en, input.as_of, lib.interval_text("log_followup_interval_months").text.en]),
		},
	}
}

# Patientdatalagen (2008:355) 4 kap. 3 § with HSLF-FS 2016:40 4 kap. 9 §: access to patient
# data is documented (logged) and the care provider makes systematic and recurring,
# documented checks of whether anyone accesses the data without authorisation
# (logguppföljning). No documented check within a year (annual_cycle_months) is an error;
# a check behind kravkoll's default cadence (log_followup_interval_months) a warning.
package kravkoll.pdl.access_control

import data.kravkoll.lib

followup_interval := lib.interval("log_followup_interval_months")

cycle := lib.interval("annual_cycle_months")

# PDL-4.3/c1: a patient-data system does not log access.
findings contains f if {
	some s in lib.patient_data_systems
	object.get(s, "logging", false) != true
	f := {
		"control": "PDL-4.3/c1",
		"record": s.id,
		"message": {
			"sv": "Systemet %s (%s) innehåller patientuppgifter men åtkomsten loggas inte (logging: true saknas).",
			"en": "System %s (%s) holds patient data but access is not logged (logging: true is missing).",
			"args": [s.name, s.id],
		},
	}
}

# The latest log review of each patient-data system, performed on or before as_of (looked
# up once per system, not once per rule).
latest_review := {s.id: r |
	latest := lib.latest_records
	some s in lib.patient_data_systems
	some r in latest[s.id].log_reviews
}

# PDL-4.3/c4: no documented log review of a patient-data system at all ...
# (The rules looked up for every system are bound to variables before the scan: regorus
# looks a rule up anew at every reference.)
findings contains f if {
	reviews := latest_review
	some s in lib.patient_data_systems
	not reviews[s.id]
	f := {
		"control": "PDL-4.3/c4",
		"record": s.id,
		"message": {
			"sv": "Ingen loggkontroll av obehörig åtkomst har gjorts i systemet %s (%s) (ingen LogReview med system: %s per %s); kontrollerna ska vara systematiska och återkommande och dokumenteras.",
			"en": "No log review for unauthorised access has been made for system %s (%s) (no LogReview with system: %s as of %s); checks are to be systematic, recurring and documented.",
			"args": [s.name, s.id, s.id, input.as_of],
		},
	}
}

# ... or none within the yearly cycle.
findings contains f if {
	annual_cycle_months_text := lib.interval_text("annual_cycle_months").text
	[reviews, since] := [latest_review, lib.cutoff(cycle)]
	some s in lib.patient_data_systems
	r := reviews[s.id]
	r.performed < since
	elapsed := kravkoll.quantity(lib.full_months(r.performed, input.as_of), "full_months")
	f := {
		"control": "PDL-4.3/c4",
		"record": s.id,
		"message": {
			"sv": "Den senaste loggkontrollen av systemet %s (%s) är %s från %s, %s före %s; kontrollerna ska vara återkommande och kravkoll godtar högst %s utan kontroll.",
			"en": "The latest log review of system %s (%s) is %s of %s, %s before %s; checks are to be recurring and kravkoll accepts at most %s without one.",
			"args": [s.name, s.id, r.id, r.performed, elapsed, input.as_of, annual_cycle_months_text],
		},
	}
}

# PDL-4.3/c2: the latest log review is behind kravkoll's default cadence (but within the year).
findings contains f if {
	log_followup_interval_months_text := lib.interval_text("log_followup_interval_months").text
	[reviews, since, cycle_since] := [latest_review, lib.cutoff(followup_interval), lib.cutoff(cycle)]
	some s in lib.patient_data_systems
	r := reviews[s.id]
	r.performed < since
	r.performed >= cycle_since
	elapsed := kravkoll.quantity(lib.full_months(r.performed, input.as_of), "full_months")
	f := {
		"control": "PDL-4.3/c2",
		"record": s.id,
		"message": {
			"sv": "Den senaste loggkontrollen av systemet %s (%s) är %s från %s, %s före %s; högst %s ska gå mellan kontrollerna.",
			"en": "The latest log review of system %s (%s) is %s of %s, %s before %s; at most %s are to pass between reviews.",
			"args": [s.name, s.id, r.id, r.performed, elapsed, input.as_of, log_followup_interval_months_text],
		},
	}
}

# HSLF-FS 2016:40 3 kap. 6 § första stycket: the care provider appoints one or more
# persons to lead and coordinate information-security work.
package kravkoll.hslf_fs_2016_40.coordinator

import data.kravkoll.lib

coordinator_appointments contains a if {
	some a in input.appointments
	a.role == "infosec_coordinator"
}

# Appointed on or before as_of and not ended before as_of (`ended` is the last day).
active(a) if {
	a.appointed <= input.as_of
	not a.ended
}

active(a) if {
	a.appointed <= input.as_of
	a.ended >= input.as_of
}

active_coordinators contains a if {
	some a in coordinator_appointments
	active(a)
}

ended_coordinators contains a if {
	some a in coordinator_appointments
	a.ended < input.as_of
}

# HSLF-3.6/c1: no coordinator at all.
findings contains f if {
	count(active_coordinators) == 0
	count(ended_coordinators) == 0
	f := {
		"control": "HSLF-3.6/c1",
		"record": null,
		"message": {
			"sv": "Ingen person är utsedd att leda och samordna informationssäkerhetsarbetet (ingen Appointment med role: infosec_coordinator som gäller %s).",
			"en": "No person is appointed to lead and coordinate information-security work (no Appointment with role: infosec_coordinator in force on %s).",
			"args": [input.as_of],
		},
	}
}

# HSLF-3.6/c1: every earlier coordinator appointment has ended; name the latest one.
findings contains f if {
	count(active_coordinators) == 0
	count(ended_coordinators) > 0
	last_end := max({a.ended | some a in ended_coordinators})
	some a in ended_coordinators
	a.ended == last_end
	f := {
		"control": "HSLF-3.6/c1",
		"record": a.id,
		"field": "ended",
		"message": {
			"sv": "Uppdraget att leda och samordna informationssäkerhetsarbetet (%s, %s) upphörde %s och ingen ny person är utsedd per %s.",
			"en": "The appointment to lead and coordinate information-security work (%s, %s) ended on %s and no one else is appointed as of %s.",
			"args": [a.id, a.person, a.ended, input.as_of],
		},
	}
}

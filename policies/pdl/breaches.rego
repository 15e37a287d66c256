# A log review that confirms unauthorised access to patient data (patientdatalagen 4 kap.
# 3 §) has found a personal-data breach: "obehörig åtkomst" is one in GDPR art. 4.12, and
# art. 33.5 requires every breach to be documented (and assessed for notification to IMY
# under art. 33.1). The log review points to the Incident records made for it.
package kravkoll.pdl.breaches

import data.kravkoll.lib

# The ids of the recorded personal-data breaches: a log review's `incidents` are looked up
# here rather than each through lib.record (two calls for every reference).
breaches := {i.id |
	some i in input.incidents
	"personal_data_breach" in i.categories
}

# PDL-4.3/c3: confirmed unauthorised access without a recorded personal-data breach.
findings contains f if {
	known := breaches
	some lr in input.log_reviews
	lr.performed <= input.as_of
	lr.unauthorised_access > 0
	[id | some id in lr.incidents; known[id]] == []
	cases := kravkoll.quantity(lr.unauthorised_access, "cases")
	f := {
		"control": "PDL-4.3/c3",
		"record": lr.id,
		"field": "incidents",
		"message": {
			"sv": "Loggkontrollen %s av systemet %s (%s) konstaterade %s av obehörig åtkomst men hänvisar inte till någon registrerad personuppgiftsincident (incidents med en Incident i kategorin personal_data_breach).",
			"en": "Log review %s of system %s (%s) confirmed %s of unauthorised access but refers to no recorded personal-data breach (incidents naming an Incident in category personal_data_breach).",
			"args": [lr.id, lr.system, lr.performed, cases],
		},
	}
}

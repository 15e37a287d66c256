package kravkoll.gdpr.dpo_test

import data.kravkoll.gdpr.dpo
import data.kravkoll.testing

appt(extra) := object.union({"id": "appt-dpo", "kind": "Appointment", "role": "dpo", "person": "Dataskyddsombud", "appointed": "2018-05-02", "decided_by": "Styrelsen", "reported_to_imy": "2018-05-20"}, extra)

fs(appointments) := f if {
	f := dpo.findings with input as testing.with_({"appointments": appointments})
}

test_37_fails_without_dpo if {
	f := fs([])
	testing.has(f, "GDPR-37/c1", null)
	testing.has(f, "GDPR-37/c2", null)
	testing.well_formed(f)
}

test_37_fails_when_the_dpo_left if {
	testing.has(fs([appt({"ended": "2025-06-30"})]), "GDPR-37/c1", null)
}

test_37_passes_with_reported_dpo if {
	count(fs([appt({})])) == 0
}

test_37_2_only_for_care_providers if {
	org := {"name": "Bolaget AB", "type": "private", "healthcare_provider": false, "social_care_provider": false}
	f := dpo.findings with input as testing.with_({"appointments": [], "organisation": org})
	testing.none(f, "GDPR-37/c2")
}

test_37_7_fails_when_not_reported if {
	f := fs([object.remove(appt({}), ["reported_to_imy"])])
	testing.has(f, "GDPR-37.7/c1", "appt-dpo")
	testing.none(f, "GDPR-37/c1")
	testing.well_formed(f)
}

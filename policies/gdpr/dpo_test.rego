package kravkoll.gdpr.dpo_test

import data.kravkoll.gdpr.dpo
import data.kravkoll.testing

appt(extra) := object.union({"id": "appt-dpo", "kind": "Appointment", "role": "dpo", "person": "Dataskyddsombud", "appointed": "2018-05-02", "decided_by": "Styrelsen", "reported_to_imy": "2018-05-20"}, extra)

# The fixture organisation lists one board, hsn.
fs(appointments) := f if {
	f := dpo.findings with input as testing.with_({"appointments": appointments})
}

no_boards(appointments) := f if {
	# testing.with_ merges objects, so the board list is emptied rather than removed.
	f := dpo.findings with input as testing.with_({"appointments": appointments, "organisation": {"boards": []}})
}

test_37_fails_without_dpo if {
	f := no_boards([])
	testing.has(f, "GDPR-37/c1", null)
	testing.has(f, "GDPR-37/c2", null)
	testing.well_formed(f)
}

test_37_fails_when_the_dpo_left if {
	testing.has(no_boards([appt({"ended": "2025-06-30"})]), "GDPR-37/c1", null)
}

test_37_passes_with_reported_dpo if {
	count(no_boards([appt({})])) == 0
}

test_37_each_board_designates_a_dpo if {
	f := fs([appt({})])
	some x in f
	x.control == "GDPR-37/c1"
	contains(testing.text(x.message, "sv"), "Hälso- och sjukvårdsnämnden (hsn)")
	count(fs([appt({"board": "hsn"})])) == 0
}

test_37_one_dpo_may_serve_several_boards if {
	org := object.union(testing.base.organisation, {"boards": [{"id": "hsn", "name": "HSN"}, {"id": "rs", "name": "Regionstyrelsen"}]})
	one := dpo.findings with input as testing.with_({"appointments": [appt({"boards": ["hsn", "rs"]})], "organisation": org})
	testing.none(one, "GDPR-37/c1")
	part := dpo.findings with input as testing.with_({"appointments": [appt({"boards": ["hsn"]})], "organisation": org})
	count([x | some x in part; x.control == "GDPR-37/c1"]) == 1
}

test_37_2_only_for_care_providers if {
	org := {"name": "Bolaget AB", "type": "private", "healthcare_provider": false, "social_care_provider": false}
	f := dpo.findings with input as testing.with_({"appointments": [], "organisation": org})
	testing.none(f, "GDPR-37/c2")
}

# The field absent: a finding in OPA as in regorus (the policy negates a helper rule).
test_37_7_fails_when_not_reported if {
	f := no_boards([object.remove(appt({}), ["reported_to_imy"])])
	testing.has(f, "GDPR-37.7/c1", "appt-dpo")
	testing.none(f, "GDPR-37/c1")
	testing.well_formed(f)
}

test_37_7_fails_when_reported_after_as_of if {
	f := no_boards([appt({"reported_to_imy": "2026-02-01"})])
	testing.has(f, "GDPR-37.7/c1", "appt-dpo")
}

test_37_7_passes_when_reported if {
	testing.none(no_boards([appt({})]), "GDPR-37.7/c1")
}

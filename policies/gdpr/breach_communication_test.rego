package kravkoll.gdpr.breach_communication_test

import data.kravkoll.gdpr.breach_communication
import data.kravkoll.testing

inc(extra) := object.union({"id": "inc-1", "kind": "Incident", "title": "Journalkopior på avvägar", "detected": "2025-10-01T09:00:00+02:00", "categories": ["personal_data_breach"], "patient_harm": "none", "high_risk_to_subjects": true}, extra)

fs(i) := f if {
	f := breach_communication.findings with input as testing.with_({"incidents": [i]})
}

# subjects_informed absent: a finding in OPA as in regorus (the policy negates a helper rule).
test_c1_fails_when_subjects_not_informed if {
	f := fs(inc({}))
	testing.has(f, "GDPR-34/c1", "inc-1")
	testing.well_formed(f)
}

test_c1_passes_when_informed if {
	count(fs(inc({"subjects_informed": "2025-10-03T12:00:00+02:00"}))) == 0
}

test_c1_fails_when_informed_after_as_of if {
	testing.has(fs(inc({"subjects_informed": "2026-01-10T12:00:00+01:00"})), "GDPR-34/c1", "inc-1")
}

test_c1_passes_with_art_34_3_reason if {
	count(fs(inc({"subjects_not_informed_reason": "Uppgifterna var krypterade (artikel 34.3 a)."}))) == 0
}

test_c1_passes_without_high_risk if {
	count(fs(inc({"high_risk_to_subjects": false}))) == 0
}

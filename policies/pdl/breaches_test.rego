package kravkoll.pdl.breaches_test

import data.kravkoll.pdl.breaches
import data.kravkoll.testing

lr(extra) := object.union({"id": "lr-1", "kind": "LogReview", "system": "journal", "period_start": "2025-07-01", "period_end": "2025-09-30", "performed": "2025-10-10"}, extra)

breach := {"id": "inc-9", "kind": "Incident", "title": "Obehörig åtkomst", "detected": "2025-10-10T09:00", "categories": ["personal_data_breach"], "patient_harm": "none"}

it_incident := object.union(breach, {"id": "inc-it", "categories": ["it"]})

test_c3_fails_with_unauthorised_access_and_no_incident if {
	fs := breaches.findings with input as testing.with_({"log_reviews": [lr({"unauthorised_access": 2, "actions": ["ärende till HR"]})]})
	testing.has(fs, "PDL-4.3/c3", "lr-1")
	testing.well_formed(fs)
}

test_c3_fails_when_the_incident_is_not_a_breach if {
	fs := breaches.findings with input as testing.with_({"incidents": [it_incident], "log_reviews": [lr({"unauthorised_access": 1, "incidents": ["inc-it"]})]})
	testing.has(fs, "PDL-4.3/c3", "lr-1")
}

test_c3_passes_with_a_recorded_breach if {
	fs := breaches.findings with input as testing.with_({"incidents": [breach], "log_reviews": [lr({"unauthorised_access": 2, "incidents": ["inc-9"]})]})
	testing.none(fs, "PDL-4.3/c3")
}

test_c3_passes_without_unauthorised_access if {
	fs := breaches.findings with input as testing.with_({"log_reviews": [lr({"unauthorised_access": 0}), lr({"id": "lr-2"})]})
	testing.none(fs, "PDL-4.3/c3")
}

test_c3_ignores_reviews_after_as_of if {
	fs := breaches.findings with input as testing.with_({"log_reviews": [lr({"performed": "2026-01-10", "unauthorised_access": 3})]})
	testing.none(fs, "PDL-4.3/c3")
}

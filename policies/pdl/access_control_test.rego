package kravkoll.pdl.access_control_test

import data.kravkoll.pdl.access_control
import data.kravkoll.testing

sys(id, extra) := object.union({"id": id, "kind": "System", "name": id, "owner": "x", "patient_data": true, "personal_data": true, "logging": true}, extra)

lr(id, performed) := {"id": id, "kind": "LogReview", "system": "journal", "period_start": "2025-07-01", "period_end": "2025-09-30", "performed": performed, "unauthorised_access": 0}

test_c1_fails_without_logging if {
	fs := access_control.findings with input as testing.with_({"systems": [object.remove(sys("journal", {}), ["logging"]), sys("lab", {"logging": false})]})
	testing.has(fs, "PDL-4.3/c1", "journal")
	testing.has(fs, "PDL-4.3/c1", "lab")
	testing.well_formed(fs)
}

test_c1_ignores_systems_without_patient_data if {
	fs := access_control.findings with input as testing.with_({"systems": [sys("hr", {"patient_data": false, "logging": false})]})
	testing.none(fs, "PDL-4.3/c1")
	testing.none(fs, "PDL-4.3/c2")
}

test_c1_passes_with_logging if {
	fs := access_control.findings with input as testing.with_({"systems": [sys("journal", {})]})
	testing.none(fs, "PDL-4.3/c1")
}

test_c4_fails_without_log_review if {
	fs := access_control.findings with input as testing.with_({"systems": [sys("journal", {})]})
	testing.has(fs, "PDL-4.3/c4", "journal")
	testing.none(fs, "PDL-4.3/c2")
	testing.well_formed(fs)
}

test_c4_fails_when_no_review_within_a_year if {
	fs := access_control.findings with input as testing.with_({"systems": [sys("journal", {})], "log_reviews": [lr("lr-old", "2024-12-30")]})
	testing.has(fs, "PDL-4.3/c4", "journal")
	testing.none(fs, "PDL-4.3/c2")
}

test_c4_passes_with_a_review_within_the_year if {
	fs := access_control.findings with input as testing.with_({"systems": [sys("journal", {})], "log_reviews": [lr("lr-q1", "2025-01-15")]})
	testing.none(fs, "PDL-4.3/c4")
	testing.has(fs, "PDL-4.3/c2", "journal")
}

test_c2_fails_for_stale_log_review if {
	fs := access_control.findings with input as testing.with_({"systems": [sys("journal", {})], "log_reviews": [lr("lr-q3", "2025-09-29")]})
	testing.has(fs, "PDL-4.3/c2", "journal")
}

test_c2_passes_on_anniversary_with_clamped_month if {
	i := testing.with_({"as_of": "2025-11-30", "systems": [sys("journal", {})], "log_reviews": [lr("lr-q3", "2025-08-31")]})
	fs := access_control.findings with input as i
	testing.none(fs, "PDL-4.3/c2")
}

test_c2_passes_with_recent_log_review if {
	fs := access_control.findings with input as testing.with_({"systems": [sys("journal", {})], "log_reviews": [lr("lr-q3", "2025-10-15")]})
	testing.none(fs, "PDL-4.3/c2")
}

test_c2_ignores_review_of_other_system if {
	other := object.union(lr("lr-x", "2025-12-01"), {"system": "lab"})
	fs := access_control.findings with input as testing.with_({"systems": [sys("journal", {})], "log_reviews": [other]})
	testing.has(fs, "PDL-4.3/c4", "journal")
}

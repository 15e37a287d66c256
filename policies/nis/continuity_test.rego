package kravkoll.nis.continuity_test

import data.kravkoll.nis.continuity
import data.kravkoll.testing

journal := {"id": "journal", "kind": "System", "name": "Journal", "owner": "x", "patient_data": true, "personal_data": true, "nis_essential": true}

hr := {"id": "hr", "kind": "System", "name": "HR", "owner": "x", "patient_data": false, "personal_data": true}

cp(extra) := object.union({"id": "cp-journal", "kind": "ContinuityPlan", "title": "Reservrutiner", "systems": ["journal"], "adopted": "2023-10-02"}, extra)

rt(performed) := {"id": "rt-1", "kind": "RestoreTest", "system": "journal", "performed": performed, "result": "success"}

test_c1_fails_without_plan if {
	fs := continuity.findings with input as testing.with_({"systems": [journal, hr]})
	testing.has(fs, "NIS-14/c1", "journal")
	not testing.has(fs, "NIS-14/c1", "hr")
	testing.well_formed(fs)
}

test_c1_fails_for_plan_adopted_after_as_of if {
	fs := continuity.findings with input as testing.with_({"systems": [journal], "continuity_plans": [cp({"adopted": "2026-02-01"})]})
	testing.has(fs, "NIS-14/c1", "journal")
}

test_c1_and_c2_pass_with_exercised_plan if {
	fs := continuity.findings with input as testing.with_({"systems": [journal], "continuity_plans": [cp({"last_exercised": "2025-12-04"})]})
	count(fs) == 0
}

test_c2_fails_when_never_exercised if {
	fs := continuity.findings with input as testing.with_({"systems": [journal], "continuity_plans": [cp({})]})
	testing.has(fs, "NIS-14/c2", "journal")
	testing.well_formed(fs)
}

test_c2_fails_when_stale if {
	fs := continuity.findings with input as testing.with_({"systems": [journal], "continuity_plans": [cp({"last_exercised": "2024-10-01"})], "restore_tests": [rt("2024-11-15")]})
	testing.has(fs, "NIS-14/c2", "journal")
}

test_c2_passes_with_recent_restore_test if {
	fs := continuity.findings with input as testing.with_({"systems": [journal], "continuity_plans": [cp({"last_exercised": "2023-10-01"})], "restore_tests": [rt("2025-03-15")]})
	testing.none(fs, "NIS-14/c2")
}

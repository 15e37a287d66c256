package kravkoll.gdpr.security_test

import data.kravkoll.gdpr.security
import data.kravkoll.testing

sys(extra) := object.union({"id": "journal", "kind": "System", "name": "Journal", "owner": "x", "patient_data": true, "personal_data": true, "classification": "cls-j"}, extra)

cls(a) := {"id": "cls-j", "kind": "Classification", "asset": "Journal", "owner": "x", "classified": "2024-01-01", "confidentiality": 4, "integrity": 4, "availability": a}

cp := {"id": "cp-j", "kind": "ContinuityPlan", "title": "Reservrutiner", "systems": ["journal"], "adopted": "2023-10-02"}

rt(id, performed, result, extra) := object.union({"id": id, "kind": "RestoreTest", "system": "journal", "performed": performed, "result": result}, extra)

audit(type, date) := {"id": "audit-1", "kind": "Audit", "title": "Egenkontroll", "auditor": "x", "type": type, "date": date}

# Input where every check passes; tests override one part.
ok := {
	"systems": [sys({"encryption_in_transit": true, "encryption_at_rest": true})],
	"classifications": [cls(4)],
	"continuity_plans": [cp],
	"restore_tests": [rt("rt-1", "2025-04-01", "success", {"rto_hours_target": 8, "rto_hours_achieved": 5})],
	"audits": [audit("internal", "2025-10-01")],
}

fs(overrides) := f if {
	f := security.findings with input as testing.with_(object.union(ok, overrides))
}

test_all_pass if count(fs({})) == 0

test_a_fails_for_unencrypted_transit if {
	f := fs({"systems": [sys({"encryption_in_transit": false})]})
	testing.has(f, "GDPR-32.1.a/c1", "journal")
	testing.well_formed(f)
}

test_a_fails_for_unencrypted_storage if {
	f := fs({"systems": [sys({"encryption_in_transit": true, "encryption_at_rest": false})]})
	some x in f
	x.control == "GDPR-32.1.a/c1"
	x.field == "encryption_at_rest"
}

test_a_ignores_systems_without_sensitive_data if {
	testing.none(fs({"systems": [sys({"patient_data": false, "encryption_at_rest": false})]}), "GDPR-32.1.a/c1")
}

test_b_fails_without_continuity_plan if {
	f := fs({"continuity_plans": []})
	testing.has(f, "GDPR-32.1.b/c1", "journal")
	testing.well_formed(f)
}

test_b_passes_for_low_availability if {
	testing.none(fs({"continuity_plans": [], "classifications": [cls(2)]}), "GDPR-32.1.b/c1")
}

test_b_reads_classification_listing_the_system if {
	c := object.union(cls(3), {"id": "cls-x", "systems": ["journal"]})
	f := fs({"continuity_plans": [], "classifications": [c], "systems": [object.remove(sys({}), ["classification"])]})
	testing.has(f, "GDPR-32.1.b/c1", "journal")
}

test_c1_fails_without_restore_test if {
	f := fs({"restore_tests": []})
	testing.has(f, "GDPR-32.1.c/c1", "journal")
	testing.well_formed(f)
}

test_c1_fails_when_stale if {
	testing.has(fs({"restore_tests": [rt("rt-1", "2024-12-01", "success", {})]}), "GDPR-32.1.c/c1", "journal")
}

test_c2_fails_when_latest_failed if {
	f := fs({"restore_tests": [rt("rt-1", "2025-03-01", "success", {}), rt("rt-2", "2025-09-01", "failed", {})]})
	testing.has(f, "GDPR-32.1.c/c2", "rt-2")
	testing.none(f, "GDPR-32.1.c/c1")
	testing.well_formed(f)
}

test_c2_passes_when_a_later_test_succeeded if {
	testing.none(fs({"restore_tests": [rt("rt-1", "2025-03-01", "partial", {}), rt("rt-2", "2025-09-01", "success", {})]}), "GDPR-32.1.c/c2")
}

test_c3_fails_when_rto_missed if {
	f := fs({"restore_tests": [rt("rt-1", "2025-04-01", "success", {"rto_hours_target": 8, "rto_hours_achieved": 12.5})]})
	testing.has(f, "GDPR-32.1.c/c3", "rt-1")
	testing.well_formed(f)
}

test_c3_only_the_latest_test_counts if {
	tests := [
		rt("rt-1", "2025-02-01", "success", {"rto_hours_target": 8, "rto_hours_achieved": 12}),
		rt("rt-2", "2025-08-01", "success", {"rto_hours_target": 8, "rto_hours_achieved": 6}),
	]
	testing.none(fs({"restore_tests": tests}), "GDPR-32.1.c/c3")
}

test_d_fails_without_recent_audit if {
	f := fs({"audits": [audit("internal", "2024-11-30")]})
	testing.has(f, "GDPR-32.1.d/c1", null)
	testing.well_formed(f)
}

test_d_does_not_count_supervision if {
	testing.has(fs({"audits": [audit("supervision", "2025-10-01")]}), "GDPR-32.1.d/c1", null)
}

test_d_passes_with_external_audit if {
	testing.none(fs({"audits": [audit("external", "2025-02-01")]}), "GDPR-32.1.d/c1")
}

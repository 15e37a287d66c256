package kravkoll.sol_pul.access_test

import data.kravkoll.sol_pul.access
import data.kravkoll.testing

sys(id, extra) := object.union({"id": id, "kind": "System", "name": id, "owner": "x", "patient_data": false, "personal_data": true, "social_care_data": true, "logging": true}, extra)

aa(performed) := {"id": "aa-1", "kind": "AccessAnalysis", "system": "omsorg", "performed": performed, "role_categories": ["biståndshandläggare", "undersköterska"]}

ar(performed) := {"id": "ar-1", "kind": "AccessReview", "system": "omsorg", "performed": performed}

lr(performed) := {"id": "lr-1", "kind": "LogReview", "system": "omsorg", "period_start": "2025-07-01", "period_end": "2025-09-30", "performed": performed}

good := testing.with_({"systems": [sys("omsorg", {}), sys("hr", {"social_care_data": false, "logging": false})], "access_analyses": [aa("2024-04-10")], "access_reviews": [ar("2025-05-01")], "log_reviews": [lr("2025-10-15")]})

test_all_pass if {
	fs := access.findings with input as good
	count(fs) == 0
}

test_c1_fails_without_access_analysis if {
	fs := access.findings with input as object.union(good, {"access_analyses": []})
	testing.has(fs, "SOLPUL-11-12/c1", "omsorg")
	not testing.has(fs, "SOLPUL-11-12/c1", "hr")
	testing.well_formed(fs)
}

test_c2_fails_without_or_with_stale_review if {
	none_ := access.findings with input as object.union(good, {"access_reviews": []})
	testing.has(none_, "SOLPUL-11-12/c2", "omsorg")
	stale := access.findings with input as object.union(good, {"access_reviews": [ar("2024-12-30")]})
	testing.has(stale, "SOLPUL-11-12/c2", "omsorg")
}

test_c3_fails_without_logging if {
	fs := access.findings with input as object.union(good, {"systems": [sys("omsorg", {"logging": false})]})
	testing.has(fs, "SOLPUL-11-12/c3", "omsorg")
}

test_c4_fails_without_or_with_stale_log_review if {
	none_ := access.findings with input as object.union(good, {"log_reviews": []})
	testing.has(none_, "SOLPUL-11-12/c4", "omsorg")
	stale := access.findings with input as object.union(good, {"log_reviews": [lr("2025-09-29")]})
	testing.has(stale, "SOLPUL-11-12/c4", "omsorg")
	ok := access.findings with input as object.union(good, {"log_reviews": [lr("2025-10-01")]})
	testing.none(ok, "SOLPUL-11-12/c4")
}

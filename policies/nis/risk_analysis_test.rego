package kravkoll.nis.risk_analysis_test

import data.kravkoll.nis.risk_analysis
import data.kravkoll.testing

sys(id, essential) := {"id": id, "kind": "System", "name": id, "owner": "x", "patient_data": true, "personal_data": true, "nis_essential": essential}

ra(id, performed, extra) := object.union({
	"id": id, "kind": "RiskAnalysis", "title": "NIS", "scope": "nis_service", "performed": performed,
	"systems": ["journal"], "method": "ISO/IEC 27005", "action_plan": "ap-nis",
	"risks": [{"id": "r1", "description": "Avbrott", "level": "critical", "treatment": "reduce", "measures": ["ap-1"]}],
}, extra)

ap(decided, status, due) := {"id": "ap-nis", "kind": "ActionPlan", "title": "NIS", "decided_by": "HSN", "decided": decided, "items": [{"id": "ap-1", "measure": "Redundant nät", "owner": "IT", "due": due, "status": status}]}

good := testing.with_({"systems": [sys("journal", true), sys("hr", false)], "risk_analyses": [ra("ra-nis", "2025-05-20", {})], "action_plans": [ap("2025-06-10", "done", "2025-12-15")]})

test_all_pass_with_current_analysis_and_plan if {
	fs := risk_analysis.findings with input as good
	count(fs) == 0
}

test_c1_fails_without_nis_analysis if {
	i := object.union(good, {"risk_analyses": [object.union(ra("ra-org", "2025-05-20", {}), {"scope": "organisation"})]})
	fs := risk_analysis.findings with input as i
	testing.has(fs, "NIS-11-12/c1", null)
	testing.well_formed(fs)
}

test_c1_fails_for_stale_analysis if {
	i := object.union(good, {"risk_analyses": [ra("ra-nis", "2024-12-30", {})]})
	fs := risk_analysis.findings with input as i
	testing.has(fs, "NIS-11-12/c1", "ra-nis")
}

test_c1_passes_on_anniversary if {
	i := object.union(good, {"risk_analyses": [ra("ra-nis", "2024-12-31", {})]})
	fs := risk_analysis.findings with input as i
	testing.none(fs, "NIS-11-12/c1")
}

test_c1_ignores_analysis_after_as_of if {
	i := object.union(good, {"risk_analyses": [ra("ra-nis-2026", "2026-02-01", {})]})
	fs := risk_analysis.findings with input as i
	testing.has(fs, "NIS-11-12/c1", null)
}

test_c2_fails_without_action_plan if {
	i := object.union(good, {"risk_analyses": [object.remove(ra("ra-nis", "2025-05-20", {}), ["action_plan"])]})
	fs := risk_analysis.findings with input as i
	testing.has(fs, "NIS-11-12/c2", "ra-nis")
	testing.well_formed(fs)
}

test_c2_fails_for_stale_or_future_plan if {
	stale := risk_analysis.findings with input as object.union(good, {"action_plans": [ap("2024-11-01", "done", "2025-01-01")]})
	testing.has(stale, "NIS-11-12/c2", "ap-nis")
	future := risk_analysis.findings with input as object.union(good, {"action_plans": [ap("2026-01-10", "done", "2026-06-01")]})
	testing.has(future, "NIS-11-12/c2", "ap-nis")
}

test_c3_fails_for_essential_system_outside_analysis if {
	i := object.union(good, {"systems": [sys("journal", true), sys("lab", true)]})
	fs := risk_analysis.findings with input as i
	testing.has(fs, "NIS-11-12/c3", "lab")
	not testing.has(fs, "NIS-11-12/c3", "journal")
}

test_c4_fails_for_overdue_measure if {
	i := object.union(good, {"action_plans": [ap("2025-06-10", "ongoing", "2025-12-15")]})
	fs := risk_analysis.findings with input as i
	some f in fs
	f.control == "NIS-11-12/c4"
	f.record == "ap-nis"
	f.item == "ap-1"
}

test_c4_passes_for_measure_not_yet_due if {
	i := object.union(good, {"action_plans": [ap("2025-06-10", "planned", "2026-03-31")]})
	fs := risk_analysis.findings with input as i
	testing.none(fs, "NIS-11-12/c4")
}

test_c5_fails_without_essential_systems if {
	i := object.union(good, {"systems": [sys("hr", false)]})
	fs := risk_analysis.findings with input as i
	testing.has(fs, "NIS-11-12/c5", null)
}

test_nis13_fails_for_high_risk_without_measures if {
	r := {"id": "r2", "description": "Skadlig kod", "level": "high", "treatment": "reduce"}
	i := object.union(good, {"risk_analyses": [ra("ra-nis", "2025-05-20", {"risks": [r]})]})
	fs := risk_analysis.findings with input as i
	some f in fs
	f.control == "NIS-13/c1"
	f.item == "r2"
}

test_nis13_passes_for_accepted_or_low_risk if {
	rs := [
		{"id": "r2", "description": "a", "level": "high", "treatment": "accept"},
		{"id": "r3", "description": "b", "level": "low", "treatment": "reduce"},
	]
	i := object.union(good, {"risk_analyses": [ra("ra-nis", "2025-05-20", {"risks": rs})]})
	fs := risk_analysis.findings with input as i
	testing.none(fs, "NIS-13/c1")
}

test_msbfs_2018_8_fails_without_method if {
	i := object.union(good, {"risk_analyses": [object.remove(ra("ra-nis", "2025-05-20", {}), ["method"])]})
	fs := risk_analysis.findings with input as i
	testing.has(fs, "MSBFS2018:8-5/c1", "ra-nis")
	ok := risk_analysis.findings with input as good
	testing.none(ok, "MSBFS2018:8-5/c1")
}

package kravkoll.msbfs_2020_6.management_system_test

import data.kravkoll.msbfs_2020_6.management_system
import data.kravkoll.testing

policy := {"id": "doc-pol", "kind": "Document", "title": "Policy", "doc_type": "policy", "subject": "information_security", "adopted_by": "GD", "adopted": "2023-03-01", "last_reviewed": "2025-03-01"}

instruction := {"id": "doc-instr", "kind": "Document", "title": "Instruktion", "doc_type": "instruction", "adopted_by": "GD", "adopted": "2022-01-10"}

ra(id, performed) := {"id": id, "kind": "RiskAnalysis", "title": "RSA", "scope": "organisation", "performed": performed}

sys(id, classification) := object.union({"id": id, "kind": "System", "name": id, "owner": "IT", "patient_data": false, "personal_data": true}, classification)

cls := {"id": "kl-1", "kind": "Classification", "asset": "Ärenden", "systems": ["sys-a"], "owner": "Ärendeägare", "classified": "2024-05-01", "confidentiality": 3, "integrity": 3, "availability": 2}

good := testing.with_({
	"as_of": "2025-12-31",
	"documents": [policy, instruction],
	"risk_analyses": [ra("ra-2025", "2025-04-01")],
	"continuity_plans": [{"id": "kp-1", "kind": "ContinuityPlan", "title": "KP", "adopted": "2024-01-01"}],
	"classifications": [cls],
	"systems": [sys("sys-a", {}), sys("sys-b", {"classification": "kl-1"})],
})

test_all_pass if {
	fs := management_system.findings with input as good
	count(fs) == 0
}

test_each_check_has_a_state_and_a_recommended_id if {
	fs := management_system.findings with input as testing.with_({"as_of": "2025-12-31"})
	testing.well_formed(fs)
	every c in ["MSBFS2020:6-SYS/c1", "MSBFS2020:6-SYS/c5", "MSBFS2020:6-SYS/c2", "MSBFS2020:6-SYS/c6", "MSBFS2020:6-SYS/c3", "MSBFS2020:6-SYS/c7", "MSBFS2020:6-SYS/c4", "MSBFS2020:6-SYS/c8", "MSBFS2020:6-6/c1", "MSBFS2020:6-6/c3"] {
		testing.has(fs, c, null)
	}
}

test_sys_c1_fails_when_the_last_decision_is_older_than_a_year if {
	old := object.union(policy, {"last_reviewed": "2024-12-30"})
	i := object.union(good, {"documents": [old, instruction]})
	fs := management_system.findings with input as i
	testing.has(fs, "MSBFS2020:6-SYS/c1", null)
	testing.has(fs, "MSBFS2020:6-SYS/c5", null)
}

test_sys_c1_passes_on_the_anniversary_and_with_an_objective if {
	on := object.union(policy, {"last_reviewed": "2024-12-31"})
	fs := management_system.findings with input as object.union(good, {"documents": [on, instruction]})
	testing.none(fs, "MSBFS2020:6-SYS/c1")
	obj := {"id": "o1", "kind": "Objective", "title": "Mål", "decided_by": "GD", "decided": "2025-02-01", "status": "open"}
	fs2 := management_system.findings with input as object.union(good, {"documents": [instruction], "objectives": [obj]})
	testing.none(fs2, "MSBFS2020:6-SYS/c5")
}

test_sys_c2_names_the_stale_analysis if {
	i := object.union(good, {"risk_analyses": [ra("ra-2024", "2024-11-30")]})
	fs := management_system.findings with input as i
	testing.has(fs, "MSBFS2020:6-SYS/c2", "ra-2024")
	testing.has(fs, "MSBFS2020:6-SYS/c6", "ra-2024")
}

test_sys_c3_passes_with_recent_staff_training_only if {
	tr := {"id": "tr", "kind": "Training", "title": "Grundutbildning", "mandatory": true, "audience": "all_staff", "period_start": "2025-01-01", "period_end": "2025-06-30"}
	fs := management_system.findings with input as object.union(good, {"documents": [policy], "trainings": [tr]})
	testing.none(fs, "MSBFS2020:6-SYS/c3")
	fs2 := management_system.findings with input as object.union(good, {"documents": [policy]})
	testing.has(fs2, "MSBFS2020:6-SYS/c3", null)
	testing.has(fs2, "MSBFS2020:6-SYS/c7", null)
}

test_sys_c4_ignores_a_plan_adopted_later if {
	i := object.union(good, {"continuity_plans": [{"id": "kp-2", "kind": "ContinuityPlan", "title": "KP", "adopted": "2026-01-15"}]})
	fs := management_system.findings with input as i
	testing.has(fs, "MSBFS2020:6-SYS/c4", null)
	testing.has(fs, "MSBFS2020:6-SYS/c8", null)
}

test_6_c2_names_the_unclassified_system if {
	i := object.union(good, {"systems": [sys("sys-a", {}), sys("sys-c", {})]})
	fs := management_system.findings with input as i
	testing.has(fs, "MSBFS2020:6-6/c2", "sys-c")
	testing.has(fs, "MSBFS2020:6-6/c4", "sys-c")
	testing.none(fs, "MSBFS2020:6-6/c1")
	count([f | some f in fs; f.record == "sys-a"]) == 0
}

test_6_c1_alone_when_nothing_is_classified if {
	i := object.union(good, {"classifications": []})
	fs := management_system.findings with input as i
	testing.has(fs, "MSBFS2020:6-6/c1", null)
	testing.none(fs, "MSBFS2020:6-6/c2")
}

package kravkoll.msb_2018.governance_test

import data.kravkoll.msb_2018.governance
import data.kravkoll.testing

policy := {"id": "doc-pol", "kind": "Document", "title": "Policy", "doc_type": "policy", "subject": "information_security", "adopted_by": "RF", "adopted": "2020-06-01", "last_reviewed": "2025-06-01", "scope": ["all", "medical_devices", "ics_scada"]}

programme := {"id": "doc-ir", "kind": "Document", "title": "Internrevisionsprogram", "doc_type": "routine", "subject": "internal_audit", "adopted_by": "RS", "adopted": "2024-01-01"}

objective := {"id": "obj-1", "kind": "Objective", "title": "MFA", "decided_by": "RS", "decided": "2025-01-20", "status": "open", "followed_up": "2025-09-30", "metric": "andel system med MFA", "target": "100 %"}

coordinator := {"id": "appt-1", "kind": "Appointment", "role": "infosec_coordinator", "person": "Anna", "appointed": "2021-09-01", "decided_by": "RD", "deputy": "Bo"}

brief(id, date, audience, topics) := {"id": id, "kind": "ManagementBriefing", "date": date, "audience": audience, "topics": topics, "document": "Protokoll"}

plan := {"id": "ap-1", "kind": "ActionPlan", "title": "Handlingsplan", "decided_by": "RS", "decided": "2025-03-01", "items": [
	{"id": "i1", "measure": "MFA", "owner": "IT", "due": "2025-10-31", "status": "done", "done": "2025-10-01"},
	{"id": "i2", "measure": "Loggkoll", "owner": "IT", "due": "2026-06-30", "status": "ongoing"},
]}

good := testing.with_({
	"as_of": "2025-12-31",
	"documents": [policy, programme],
	"objectives": [objective],
	"appointments": [coordinator],
	"management_briefings": [brief("b1", "2025-03-10", "board", ["risks", "audit_results"]), brief("b2", "2025-11-04", "executive_team", ["incidents"])],
	"action_plans": [plan],
	"audits": [{"id": "au-1", "kind": "Audit", "title": "Egenkontroll", "auditor": "Intern", "type": "internal", "date": "2025-10-01"}],
})

test_all_pass if {
	fs := governance.findings with input as good
	count(fs) == 0
}

test_nothing_at_all if {
	fs := governance.findings with input as testing.with_({"as_of": "2025-12-31"})
	testing.well_formed(fs)
	every c in ["MSB2018-REC1/c3", "MSB2018-REC3/c1", "MSB2018-REC3/c2", "MSB2018-REC4/c1", "MSB2018-REC8/c1", "MSB2018-REC8/c2"] {
		testing.has(fs, c, null)
	}
	testing.none(fs, "MSB2018-REC3/c3")
}

test_rec1_c1_stale_policy if {
	i := object.union(good, {"documents": [object.union(policy, {"last_reviewed": "2024-12-30"}), programme]})
	fs := governance.findings with input as i
	testing.has(fs, "MSB2018-REC1/c1", "doc-pol")
	fs2 := governance.findings with input as object.union(good, {"documents": [object.union(policy, {"last_reviewed": "2024-12-31"}), programme]})
	testing.none(fs2, "MSB2018-REC1/c1")
}

test_rec1_c2_scope_all_is_not_enough if {
	i := object.union(good, {"documents": [object.union(policy, {"scope": ["all", "medical_devices"]}), programme]})
	fs := governance.findings with input as i
	count([f | some f in fs; f.control == "MSB2018-REC1/c2"]) == 1
	some f in fs
	f.control == "MSB2018-REC1/c2"
	contains(testing.text(f.message, "sv"), "ics_scada")
}

test_rec1_c4_and_c5_open_objective if {
	o := {"id": "obj-2", "kind": "Objective", "title": "Klassning", "decided_by": "RS", "decided": "2024-11-01", "status": "open"}
	fs := governance.findings with input as object.union(good, {"objectives": [objective, o]})
	testing.has(fs, "MSB2018-REC1/c4", "obj-2")
	testing.has(fs, "MSB2018-REC1/c5", "obj-2")
	count([f | some f in fs; f.record == "obj-1"]) == 0
}

test_rec1_met_objective_needs_no_metric_or_followup if {
	o := {"id": "obj-3", "kind": "Objective", "title": "Klart", "decided_by": "RS", "decided": "2023-01-01", "status": "met"}
	fs := governance.findings with input as object.union(good, {"objectives": [o]})
	count(fs) == 0
}

test_rec2_c3_coordinator_without_deputy if {
	a := object.remove(coordinator, ["deputy"])
	ended := object.union(a, {"id": "appt-0", "ended": "2021-08-31"})
	fs := governance.findings with input as object.union(good, {"appointments": [a, ended]})
	testing.has(fs, "MSB2018-REC2/c3", "appt-1")
	count([f | some f in fs; f.record == "appt-0"]) == 0
}

test_rec3_c2_and_c3_and_c4 if {
	b := object.remove(brief("b3", "2025-04-01", "board", ["incidents"]), ["document"])
	fs := governance.findings with input as object.union(good, {"management_briefings": [b]})
	testing.has(fs, "MSB2018-REC3/c2", null)
	testing.has(fs, "MSB2018-REC3/c3", null)
	testing.has(fs, "MSB2018-REC8/c3", null)
	testing.has(fs, "MSB2018-REC3/c4", "b3")
	testing.none(fs, "MSB2018-REC3/c1")
}

test_rec3_c1_council_counts_and_old_briefings_do_not if {
	bs := [brief("b1", "2025-03-10", "council", ["risks", "audit_results"]), brief("b0", "2024-12-30", "board", []), brief("b2", "2025-11-04", "executive_team", [])]
	fs := governance.findings with input as object.union(good, {"management_briefings": bs})
	testing.none(fs, "MSB2018-REC3/c1")
	fs2 := governance.findings with input as object.union(good, {"management_briefings": [brief("b0", "2024-12-30", "board", []), brief("b2", "2025-11-04", "executive_team", ["risks", "audit_results"])]})
	testing.has(fs2, "MSB2018-REC3/c1", null)
}

test_rec4_c1_old_plan_and_c3_overdue_item if {
	old := object.union(plan, {"decided": "2024-06-01", "items": [{"id": "i9", "measure": "Segmentering", "owner": "IT", "due": "2025-06-30", "status": "planned"}]})
	fs := governance.findings with input as object.union(good, {"action_plans": [old]})
	testing.has(fs, "MSB2018-REC4/c1", null)
	some f in fs
	f.control == "MSB2018-REC4/c3"
	f.record == "ap-1"
	f.item == "i9"
}

test_rec8_c2_external_audit_does_not_count if {
	fs := governance.findings with input as object.union(good, {"audits": [{"id": "au-2", "kind": "Audit", "title": "Revisorerna", "auditor": "PwC", "type": "external", "date": "2025-10-01"}]})
	testing.has(fs, "MSB2018-REC8/c2", null)
	testing.none(fs, "MSB2018-REC8/c1")
}

coord(extra) := object.union(coordinator, extra)

test_rec2_c1_fails_with_quarter_time if {
	fs := governance.findings with input as object.union(good, {"appointments": [coord({"fte_share": 0.25})]})
	testing.has(fs, "MSB2018-REC2/c1", "appt-1")
	testing.well_formed(fs)
}

test_rec2_c1_fails_with_two_small_shares if {
	fs := governance.findings with input as object.union(good, {"appointments": [coord({"fte_share": 0.1}), coord({"id": "appt-2", "fte_share": 0.1})]})
	testing.has(fs, "MSB2018-REC2/c1", "appt-1")
	testing.has(fs, "MSB2018-REC2/c1", "appt-2")
}

test_rec2_c1_passes_when_shares_add_up if {
	fs := governance.findings with input as object.union(good, {"appointments": [coord({"fte_share": 0.2}), coord({"id": "appt-2", "fte_share": 0.2})]})
	testing.none(fs, "MSB2018-REC2/c1")
}

test_rec2_c1_passes_when_a_share_is_unknown if {
	fs := governance.findings with input as object.union(good, {"appointments": [coord({"fte_share": 0.1}), coord({"id": "appt-2"})]})
	testing.none(fs, "MSB2018-REC2/c1")
}

test_rec2_c1_ignores_ended_appointments if {
	fs := governance.findings with input as object.union(good, {"appointments": [coord({"fte_share": 0.1, "ended": "2024-12-31"}), coord({"id": "appt-2", "fte_share": 0.5})]})
	testing.none(fs, "MSB2018-REC2/c1")
}

# The checks written for a region's organisation come under two ids: the region's warning
# and the copy for other care providers; the catalog keeps the one that applies.
test_region_checks_have_a_copy_for_other_providers if {
	a := object.remove(coordinator, ["deputy"])
	p := object.union(policy, {"scope": ["all"]})
	i := object.union(good, {"appointments": [a], "documents": [p], "management_briefings": []})
	fs := governance.findings with input as i
	every pair in [["MSB2018-REC1/c2", "MSB2018-REC1/c6"], ["MSB2018-REC2/c3", "MSB2018-REC2/c4"], ["MSB2018-REC3/c1", "MSB2018-REC3/c5"], ["MSB2018-REC3/c2", "MSB2018-REC3/c6"], ["MSB2018-REC8/c1", "MSB2018-REC8/c4"]] {
		some f in fs
		f.control == pair[0]
		some g in fs
		g.control == pair[1]
		f.record == g.record
		f.message == g.message
	}
}

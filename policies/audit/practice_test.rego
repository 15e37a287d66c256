package kravkoll.audit.practice_test

import data.kravkoll.audit.practice
import data.kravkoll.testing

routine(extra) := object.union({"id": "doc-inc", "kind": "Document", "title": "Incidentrutin", "doc_type": "routine", "subject": "incident_management", "adopted_by": "RD", "adopted": "2024-02-01", "defines": ["responsibilities", "process", "escalation_paths"]}, extra)

training(extra) := object.union({"id": "tr-1", "kind": "Training", "title": "Informationssäkerhet", "mandatory": true, "audience": "all_staff", "period_start": "2025-01-01", "period_end": "2025-06-30", "population": 400, "completed": 380, "followed_up": "2025-09-01"}, extra)

incident(extra) := object.union({"id": "inc-1", "kind": "Incident", "title": "Nätverksavbrott", "detected": "2025-03-02T08:00", "categories": ["it"], "patient_harm": "none", "analysed": "2025-03-20", "closed": "2025-04-01"}, extra)

good := testing.with_({"documents": [routine({})], "trainings": [training({})], "incidents": [incident({})]})

test_all_pass if {
	fs := practice.findings with input as good
	count(fs) == 0
}

test_find1_no_routine if {
	fs := practice.findings with input as object.union(good, {"documents": []})
	testing.has(fs, "AUDIT-FIND-1/c1", null)
	testing.well_formed(fs)
}

test_find1_routine_lacks_escalation_paths if {
	fs := practice.findings with input as object.union(good, {"documents": [routine({"defines": ["responsibilities", "process"]})]})
	some f in fs
	f.control == "AUDIT-FIND-1/c1"
	f.record == "doc-inc"
	contains(testing.text(f.message, "sv"), "eskaleringsvägar")
}

test_find1_one_complete_routine_is_enough if {
	fs := practice.findings with input as object.union(good, {"documents": [routine({"id": "doc-old", "defines": []}), routine({})]})
	testing.none(fs, "AUDIT-FIND-1/c1")
}

test_find2_participation_not_followed_up if {
	fs := practice.findings with input as object.union(good, {"trainings": [object.remove(training({}), ["completed", "followed_up"])]})
	some f in fs
	f.control == "AUDIT-FIND-2/c1"
	contains(testing.text(f.message, "en"), "completed, followed_up missing")
	testing.well_formed(fs)
}

test_find2_only_mandatory_trainings_of_the_cycle if {
	fs := practice.findings with input as object.union(good, {"trainings": [
		object.remove(training({"mandatory": false}), ["followed_up"]),
		object.remove(training({"id": "tr-old", "period_end": "2024-06-30"}), ["followed_up"]),
		object.remove(training({"id": "tr-now", "period_end": "2026-01-31"}), ["followed_up"]),
	]})
	testing.none(fs, "AUDIT-FIND-2/c1")
}

test_find3_closed_incident_not_analysed if {
	fs := practice.findings with input as object.union(good, {"incidents": [object.remove(incident({}), ["analysed"])]})
	testing.has(fs, "AUDIT-FIND-3/c1", "inc-1")
	testing.well_formed(fs)
}

test_find3_leaves_patient_harm_to_psl if {
	fs := practice.findings with input as object.union(good, {"incidents": [object.remove(incident({"patient_harm": "could_have"}), ["analysed"])]})
	testing.none(fs, "AUDIT-FIND-3/c1")
}

test_find3_open_incidents_are_not_judged if {
	fs := practice.findings with input as object.union(good, {"incidents": [object.remove(incident({}), ["analysed", "closed"])]})
	testing.none(fs, "AUDIT-FIND-3/c1")
}

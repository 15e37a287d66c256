package kravkoll.audit.responses_test

import data.kravkoll.audit.responses
import data.kravkoll.testing

resp(due) := {"action": "Ny rutin införs.", "due": due, "responsible": "Säkerhetschefen"}

audit(id, type, date, due, recs) := a if {
	due != null
	a := {"id": id, "kind": "Audit", "title": "Granskning", "auditor": "Revisorerna", "type": type, "date": date, "response_due": due, "recommendations": recs}
} else := {"id": id, "kind": "Audit", "title": "Granskning", "auditor": "Revisorerna", "type": type, "date": date, "recommendations": recs}

unanswered := {"id": "r1", "text": "Stärk kontrollen.", "addressed_to": "hsn"}

answered := {"id": "r1", "text": "Stärk kontrollen.", "addressed_to": "hsn", "response": resp("2026-06-30")}

declined := {"id": "r1", "text": "Stärk kontrollen.", "no_action_reason": "Redan infört genom beslut 2025-03-01."}

impr(id, sources, done) := i if {
	done != null
	i := {"id": id, "kind": "Improvement", "title": "Åtgärd", "owner": "X", "decided": "2025-05-01", "sources": sources, "done": done}
} else := {"id": id, "kind": "Improvement", "title": "Åtgärd", "owner": "X", "decided": "2025-05-01", "sources": sources}

inp(audits, improvements) := testing.with_({"audits": audits, "improvements": improvements})

# AUDIT-RESP-1/c1

test_resp1_c1_fails_for_unanswered_recommendation_after_response_date if {
	f := responses.findings with input as inp([audit("a1", "external", "2025-04-01", "2025-06-30", [unanswered])], [])
	testing.has(f, "AUDIT-RESP-1/c1", "a1")
	testing.none(f, "AUDIT-RESP-1/c2")
	testing.well_formed(f)
	some x in f
	x.item == "r1"
	contains(testing.text(x.message, "sv"), "till Hälso- och sjukvårdsnämnden")
}

test_resp1_c1_passes_before_response_date if {
	f := responses.findings with input as inp([audit("a1", "external", "2025-11-01", "2026-01-31", [unanswered])], [])
	testing.none(f, "AUDIT-RESP-1/c1")
}

test_resp1_c1_passes_on_the_response_date if {
	f := responses.findings with input as testing.with_({"as_of": "2025-06-30", "audits": [audit("a1", "external", "2025-04-01", "2025-06-30", [unanswered])]})
	testing.none(f, "AUDIT-RESP-1/c1")
}

test_resp1_c1_passes_with_response_or_reason if {
	f := responses.findings with input as inp([audit("a1", "internal", "2025-04-01", "2025-06-30", [answered]), audit("a2", "internal", "2025-04-01", "2025-06-30", [declined])], [])
	testing.none(f, "AUDIT-RESP-1/c1")
}

test_resp1_c1_without_response_due_uses_default_months if {
	late := responses.findings with input as inp([audit("a1", "internal", "2025-09-01", null, [unanswered])], [])
	testing.has(late, "AUDIT-RESP-1/c1", "a1")
	recent := responses.findings with input as inp([audit("a1", "internal", "2025-10-15", null, [unanswered])], [])
	testing.none(recent, "AUDIT-RESP-1/c1")
}

test_resp1_c1_ignores_audits_after_as_of if {
	f := responses.findings with input as inp([audit("a1", "internal", "2026-02-01", "2026-01-01", [unanswered])], [])
	testing.none(f, "AUDIT-RESP-1/c1")
}

# AUDIT-RESP-1/c2 (binding orders of a supervision decision)

order := object.union(unanswered, {"binding_order": true})

test_resp1_c2_fails_for_unanswered_supervision_requirement if {
	f := responses.findings with input as inp([audit("t1", "supervision", "2025-03-01", "2025-06-01", [order])], [])
	testing.has(f, "AUDIT-RESP-1/c2", "t1")
	testing.none(f, "AUDIT-RESP-1/c1")
	testing.well_formed(f)
}

test_resp1_c2_passes_for_answered_supervision_requirement if {
	f := responses.findings with input as inp([audit("t1", "supervision", "2025-03-01", "2025-06-01", [object.union(answered, {"binding_order": true})])], [])
	testing.none(f, "AUDIT-RESP-1/c2")
}

test_resp1_supervision_criticism_without_order_is_a_warning if {
	f := responses.findings with input as inp([audit("t1", "supervision", "2025-03-01", "2025-06-01", [unanswered])], [])
	testing.has(f, "AUDIT-RESP-1/c1", "t1")
	testing.none(f, "AUDIT-RESP-1/c2")
	some x in f
	startswith(testing.text(x.message, "sv"), "Iakttagelsen i tillsynsbeslutet")
}

test_resp1_binding_order_counts_only_in_supervision if {
	f := responses.findings with input as inp([audit("a1", "internal", "2025-03-01", "2025-06-01", [order])], [])
	testing.has(f, "AUDIT-RESP-1/c1", "a1")
	testing.none(f, "AUDIT-RESP-1/c2")
}

# AUDIT-RESP-8/c1

test_resp8_c1_fails_when_due_passed_without_improvement if {
	rec := object.union(answered, {"response": resp("2025-10-31")})
	f := responses.findings with input as inp([audit("a1", "external", "2025-04-01", "2025-06-30", [rec])], [])
	testing.has(f, "AUDIT-RESP-8/c1", "a1")
	testing.none(f, "AUDIT-RESP-1/c1")
	testing.well_formed(f)
}

test_resp8_c1_fails_when_improvement_not_done if {
	rec := object.union(answered, {"response": resp("2025-10-31")})
	f := responses.findings with input as inp([audit("a1", "external", "2025-04-01", "2025-06-30", [rec])], [impr("i1", ["r1"], null), impr("i2", ["r1"], "2026-02-01")])
	testing.has(f, "AUDIT-RESP-8/c1", "a1")
	some x in f
	contains(testing.text(x.message, "en"), "Improvement i1, i2 is not done")
}

test_resp8_c1_passes_with_done_improvement_naming_recommendation if {
	rec := object.union(answered, {"response": resp("2025-10-31")})
	f := responses.findings with input as inp([audit("a1", "external", "2025-04-01", "2025-06-30", [rec])], [impr("i1", ["r1"], "2025-10-20")])
	testing.none(f, "AUDIT-RESP-8/c1")
}

test_resp8_c1_passes_with_done_improvement_naming_audit if {
	rec := object.union(answered, {"response": resp("2025-10-31")})
	f := responses.findings with input as inp([audit("a1", "external", "2025-04-01", "2025-06-30", [rec])], [impr("i1", ["a1"], "2025-12-01")])
	testing.none(f, "AUDIT-RESP-8/c1")
}

test_resp8_c1_passes_before_due_and_when_declined if {
	f := responses.findings with input as inp([audit("a1", "external", "2025-04-01", "2025-06-30", [answered]), audit("a2", "external", "2025-04-01", "2025-06-30", [declined])], [])
	testing.none(f, "AUDIT-RESP-8/c1")
}

# AUDIT-RESP-8/c2 (supervision)

test_resp8_c2_fails_for_supervision_action_overdue if {
	rec := object.union(answered, {"response": resp("2025-09-30"), "binding_order": true})
	f := responses.findings with input as inp([audit("t1", "supervision", "2025-03-01", "2025-06-01", [rec])], [])
	testing.has(f, "AUDIT-RESP-8/c2", "t1")
	testing.none(f, "AUDIT-RESP-8/c1")
}

test_resp8_c2_passes_for_supervision_action_done if {
	rec := object.union(answered, {"response": resp("2025-09-30"), "binding_order": true})
	f := responses.findings with input as inp([audit("t1", "supervision", "2025-03-01", "2025-06-01", [rec])], [impr("i1", ["r1"], "2025-09-15")])
	testing.none(f, "AUDIT-RESP-8/c2")
}

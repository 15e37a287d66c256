package kravkoll.csl.risk_management_test

import data.kravkoll.csl.risk_management
import data.kravkoll.testing

ra(id, scope, performed, extra) := object.union({
	"id": id, "kind": "RiskAnalysis", "title": "RSA", "scope": scope, "performed": performed,
	"approved_by": "Kommundirektören",
	"risks": [{"id": "r1", "description": "Ransomware", "level": "high", "treatment": "reduce", "measures": ["ap-1"]}],
}, extra)

doc(id, subject) := {"id": id, "kind": "Document", "title": id, "doc_type": "routine", "subject": subject, "adopted_by": "KS", "adopted": "2024-01-10"}

docs := [
	doc("d1", "incident_management"), doc("d2", "continuity"), doc("d3", "procurement"), doc("d4", "access_control"),
	doc("d5", "risk_management"), doc("d6", "internal_audit"), doc("d7", "cryptography"), doc("d8", "authentication"),
]

good := testing.with_({"as_of": "2026-11-22", "as_of_ns": 1795388399000000000, "documents": docs, "risk_analyses": [ra("ra-org", "organisation", "2026-03-09", {})]})

test_all_pass if {
	fs := risk_management.findings with input as good
	count(fs) == 0
}

test_c1_fails_without_org_analysis_and_mentions_nis_scope if {
	i := object.union(good, {"risk_analyses": [ra("ra-nis", "nis_service", "2026-03-09", {})]})
	fs := risk_management.findings with input as i
	testing.has(fs, "CSL-2.3/c1", null)
	testing.well_formed(fs)
	some f in fs
	f.control == "CSL-2.3/c1"
	contains(testing.text(f.message, "sv"), "hela verksamheten")
	contains(testing.text(f.message, "en"), "nis_service")
}

test_c2_fails_for_stale_analysis if {
	i := object.union(good, {"risk_analyses": [ra("ra-org", "organisation", "2025-11-21", {})]})
	fs := risk_management.findings with input as i
	testing.has(fs, "CSL-2.3/c2", "ra-org")
	testing.none(fs, "CSL-2.3/c1")
}

test_c2_passes_on_anniversary if {
	i := object.union(good, {"risk_analyses": [ra("ra-org", "organisation", "2025-11-22", {})]})
	fs := risk_management.findings with input as i
	testing.none(fs, "CSL-2.3/c2")
}

test_c3_fails_for_high_risk_without_measure if {
	rs := [{"id": "r9", "description": "Leverantörsintrång", "level": "critical", "treatment": "reduce"}]
	i := object.union(good, {"risk_analyses": [ra("ra-org", "organisation", "2026-03-09", {"risks": rs})]})
	fs := risk_management.findings with input as i
	some f in fs
	f.control == "CSL-2.3/c3"
	f.record == "ra-org"
	f.item == "r9"
}

test_c4_fails_per_missing_area if {
	# Without procurement, points 4 and 5 lack a document; 3, 6, 8 and 10 too.
	i := object.union(good, {"documents": [doc("d1", "incident_management"), doc("d4", "access_control"), doc("d5", "information_security")]})
	fs := risk_management.findings with input as i
	points := {p | some f in fs; f.control == "CSL-2.3/c4"; some p in ["3", "4", "5", "6", "8", "10"]; endswith(testing.text(f.message, "sv"), sprintf("stycket %s).", [p]))}
	count(points) == 6
	count([f | some f in fs; f.control == "CSL-2.3/c4"]) == 6
	testing.well_formed(fs)
}

test_c4_supply_chain_document_covers_point_4_only if {
	i := object.union(good, {"documents": array.concat([d | some d in docs; d.subject != "procurement"], [doc("d9", "supply_chain")])})
	fs := risk_management.findings with input as i
	some f in fs
	f.control == "CSL-2.3/c4"
	endswith(testing.text(f.message, "sv"), "stycket 5).")
	count([g | some g in fs; g.control == "CSL-2.3/c4"]) == 1
}

test_c4_ignores_documents_adopted_after_as_of if {
	late := object.union(doc("d2", "continuity"), {"adopted": "2026-12-01"})
	i := object.union(good, {"documents": array.concat([d | some d in docs; d.id != "d2"], [late])})
	fs := risk_management.findings with input as i
	count([f | some f in fs; f.control == "CSL-2.3/c4"]) == 1
}

test_mgmt_info_without_approval if {
	a := object.remove(ra("ra-org", "organisation", "2026-03-09", {}), ["approved_by"])
	fs := risk_management.findings with input as object.union(good, {"risk_analyses": [a]})
	testing.has(fs, "CSL-MGMT/c1", "ra-org")
	reported := object.union(a, {"reported_to_management": "2026-03-16"})
	ok := risk_management.findings with input as object.union(good, {"risk_analyses": [reported]})
	testing.none(ok, "CSL-MGMT/c1")
}

package kravkoll.msb_2018.risk_test

import data.kravkoll.msb_2018.risk
import data.kravkoll.testing

ra(id, scope, performed, extra) := object.union({
	"id": id, "kind": "RiskAnalysis", "title": "RSA", "scope": scope, "performed": performed,
	"method": "Riktlinje", "inputs": ["Incidentrapporter 2025"],
	"risks": [{"id": "r1", "description": "Fel mottagare", "level": "high", "treatment": "reduce", "patient_safety": true}],
}, extra)

sys(id, patient, extra) := object.union({"id": id, "kind": "System", "name": id, "owner": "IT", "patient_data": patient, "personal_data": true}, extra)

cls := {"id": "kl-1", "kind": "Classification", "asset": "Journal", "systems": ["sys-j"], "owner": "HSD", "classified": "2025-02-01", "confidentiality": 4, "integrity": 4, "availability": 4, "required_measures": ["doc-x"]}

sup(id, extra) := object.union({"id": id, "kind": "Supplier", "name": id, "service": "Drift", "personal_data": true, "security_requirements": true, "incident_clause": true, "last_followup": "2025-06-01"}, extra)

good := testing.with_({
	"as_of": "2025-12-31",
	"risk_analyses": [ra("ra-org", "organisation", "2025-04-01", {})],
	"classifications": [cls],
	"systems": [sys("sys-j", true, {}), sys("sys-hr", false, {"classification": "kl-1"})],
	"suppliers": [sup("sup-a", {}), {"id": "sup-b", "kind": "Supplier", "name": "Kontor", "service": "Papper", "personal_data": false}],
})

test_all_pass if {
	fs := risk.findings with input as good
	count(fs) == 0
}

test_nothing_at_all if {
	fs := risk.findings with input as testing.with_({"as_of": "2025-12-31"})
	testing.well_formed(fs)
	testing.has(fs, "MSB2018-REC5/c1", null)
	testing.has(fs, "MSB2018-REC5/c2", null)
	testing.has(fs, "MSB2018-REC6/c1", null)
	testing.none(fs, "MSB2018-REC5/c3")
}

test_rec5_c1_passes_with_a_method_document if {
	a := object.remove(ra("ra-org", "organisation", "2025-04-01", {}), ["method"])
	fs := risk.findings with input as object.union(good, {"risk_analyses": [a]})
	testing.has(fs, "MSB2018-REC5/c1", null)
	d := {"id": "doc-r", "kind": "Document", "title": "Riktlinje", "doc_type": "guideline", "subject": "risk_management", "adopted_by": "RD", "adopted": "2021-01-01"}
	fs2 := risk.findings with input as object.union(good, {"risk_analyses": [a], "documents": [d]})
	testing.none(fs2, "MSB2018-REC5/c1")
}

test_rec5_c2_only_procurement_analyses if {
	fs := risk.findings with input as object.union(good, {"risk_analyses": [ra("ra-p", "procurement", "2025-04-01", {}), ra("ra-org", "organisation", "2024-12-30", {})]})
	some f in fs
	f.control == "MSB2018-REC5/c2"
	contains(testing.text(f.message, "en"), "procurement")
}

test_rec5_c3_no_patient_safety_risk if {
	rs := [{"id": "r1", "description": "Ransomware", "level": "high", "treatment": "reduce", "patient_safety": false}]
	fs := risk.findings with input as object.union(good, {"risk_analyses": [ra("ra-org", "organisation", "2025-04-01", {"risks": rs})]})
	testing.has(fs, "MSB2018-REC5/c3", null)
	some f in fs
	f.control == "MSB2018-REC5/c3"
	startswith(testing.text(f.message, "sv"), "Den enda risken i riskanalyserna")
	contains(testing.text(f.message, "sv"), "är inte markerad")
}

test_rec5_c3_counts_agree_with_several_risks if {
	rs := [
		{"id": "r1", "description": "Ransomware", "level": "high", "treatment": "reduce"},
		{"id": "r2", "description": "Strömavbrott", "level": "medium", "treatment": "accept"},
	]
	fs := risk.findings with input as object.union(good, {"risk_analyses": [ra("ra-org", "organisation", "2025-04-01", {"risks": rs})]})
	some f in fs
	f.control == "MSB2018-REC5/c3"
	startswith(testing.text(f.message, "sv"), "Ingen av de 2 riskerna")
	contains(testing.text(f.message, "en"), "None of the 2 risks")
}

test_rec5_c4_incidents_not_used if {
	fs := risk.findings with input as object.union(good, {"risk_analyses": [ra("ra-org", "organisation", "2025-04-01", {"inputs": ["Omvärldsbevakning"]})]})
	testing.has(fs, "MSB2018-REC5/c4", "ra-org")
}

test_rec6_unclassified_systems_and_measures if {
	c := object.remove(cls, ["required_measures"])
	i := object.union(good, {"classifications": [c], "systems": [sys("sys-j", true, {}), sys("sys-p", true, {}), sys("sys-hr", false, {})]})
	fs := risk.findings with input as i
	testing.has(fs, "MSB2018-REC6/c2", "sys-p")
	testing.has(fs, "MSB2018-REC6/c4", "sys-hr")
	testing.has(fs, "MSB2018-REC6/c3", "kl-1")
	count([f | some f in fs; f.record == "sys-j"]) == 0
}

test_rec7_supplier_clauses_and_followup if {
	s := sup("sup-c", {"security_requirements": false, "last_followup": "2024-12-30"})
	s2 := object.remove(sup("sup-d", {}), ["incident_clause", "last_followup"])
	fs := risk.findings with input as object.union(good, {"suppliers": [s, s2]})
	testing.has(fs, "MSB2018-REC7/c1", "sup-c")
	testing.has(fs, "MSB2018-REC7/c5", "sup-c")
	testing.has(fs, "MSB2018-REC7/c4", "sup-d")
	testing.has(fs, "MSB2018-REC7/c5", "sup-d")
}

proc(id, started, extra) := object.union({
	"id": id, "kind": "Procurement", "title": "Nytt journalsystem", "started": started,
	"risk_analysis": "ra-org", "classification": "kl-1", "security_requirements": true,
	"infosec_competence": ["requirements", "tender_evaluation", "go_live_verification"],
}, extra)

test_rec7_procurement_passes_when_complete if {
	fs := risk.findings with input as object.union(good, {"procurements": [proc("upp-1", "2025-03-01", {})]})
	count(fs) == 0
}

test_rec7_procurement_gaps if {
	p := object.remove(proc("upp-2", "2025-03-01", {"infosec_competence": ["requirements"], "security_requirements": false}), ["classification"])
	fs := risk.findings with input as object.union(good, {"procurements": [p]})
	testing.has(fs, "MSB2018-REC7/c1", "upp-2")
	testing.has(fs, "MSB2018-REC7/c3", "upp-2")
	some f in fs
	f.control == "MSB2018-REC7/c2"
	contains(testing.text(f.message, "en"), "tender_evaluation, go_live_verification")
	# The same finding for care providers other than regions, at information level.
	testing.has(fs, "MSB2018-REC7/c6", "upp-2")
}

test_rec7_old_procurements_are_history if {
	p := object.remove(proc("upp-3", "2024-12-30", {"security_requirements": false}), ["infosec_competence", "risk_analysis"])
	fs := risk.findings with input as object.union(good, {"procurements": [p]})
	count(fs) == 0
}

# An empty list of required measures is no measure, as an absent one is; one measure passes.
test_rec6_c3_empty_measures_count_as_none if {
	empty := object.union(cls, {"required_measures": []})
	fs := risk.findings with input as object.union(good, {"classifications": [empty]})
	testing.has(fs, "MSB2018-REC6/c3", "kl-1")
	fs2 := risk.findings with input as object.union(good, {"classifications": [cls]})
	testing.none(fs2, "MSB2018-REC6/c3")
}

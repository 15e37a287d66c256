package kravkoll.gdpr.accountability_test

import data.kravkoll.gdpr.accountability
import data.kravkoll.testing

doc(id, doc_type, subject) := {"id": id, "kind": "Document", "title": id, "doc_type": doc_type, "subject": subject, "adopted_by": "RS", "adopted": "2024-03-01"}

journal := {"id": "journal", "kind": "System", "name": "Journal", "owner": "x", "patient_data": true, "personal_data": true}

sup := {"id": "sup-1", "kind": "Supplier", "name": "Drift AB", "service": "Drift", "personal_data": true}

proc(extra) := object.union({"id": "upp-1", "kind": "Procurement", "title": "Nytt journalsystem", "started": "2025-04-01", "systems": ["journal"], "data_protection_requirements": true}, extra)

training := {"id": "tr-1", "kind": "Training", "title": "Dataskydd", "mandatory": true, "audience": "all_staff", "period_start": "2025-01-01", "period_end": "2025-12-31"}

good := testing.with_({
	"documents": [doc("doc-dp", "policy", "data_protection"), doc("doc-instr", "instruction", "data_protection")],
	"systems": [journal], "suppliers": [sup], "procurements": [proc({})], "trainings": [training],
})

test_all_pass if {
	fs := accountability.findings with input as good
	count(fs) == 0
}

test_24_fails_without_data_protection_policy if {
	fs := accountability.findings with input as object.union(good, {"documents": [doc("doc-is", "policy", "information_security")]})
	testing.has(fs, "GDPR-24/c1", null)
	testing.well_formed(fs)
}

test_25_fails_without_requirements if {
	fs := accountability.findings with input as object.union(good, {"procurements": [proc({"data_protection_requirements": false})]})
	testing.has(fs, "GDPR-25/c1", "upp-1")
	testing.well_formed(fs)
}

test_25_a_supplier_with_personal_data_is_enough if {
	p := object.remove(proc({"supplier": "sup-1"}), ["systems", "data_protection_requirements"])
	fs := accountability.findings with input as object.union(good, {"procurements": [p]})
	testing.has(fs, "GDPR-25/c1", "upp-1")
}

test_25_ignores_procurements_without_personal_data if {
	p := object.remove(proc({}), ["systems", "data_protection_requirements"])
	fs := accountability.findings with input as object.union(good, {"procurements": [p]})
	testing.none(fs, "GDPR-25/c1")
}

test_25_old_procurements_are_history if {
	fs := accountability.findings with input as object.union(good, {"procurements": [proc({"started": "2024-12-30", "data_protection_requirements": false})]})
	testing.none(fs, "GDPR-25/c1")
}

test_32_4_fails_without_instruction_or_training if {
	fs := accountability.findings with input as object.union(good, {"documents": [doc("doc-dp", "policy", "data_protection")], "trainings": []})
	testing.has(fs, "GDPR-32.4/c1", null)
	testing.well_formed(fs)
}

test_32_4_training_alone_is_enough if {
	fs := accountability.findings with input as object.union(good, {"documents": [doc("doc-dp", "policy", "data_protection")]})
	testing.none(fs, "GDPR-32.4/c1")
}

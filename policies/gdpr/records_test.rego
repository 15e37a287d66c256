package kravkoll.gdpr.records_test

import data.kravkoll.gdpr.records
import data.kravkoll.testing

journal := {"id": "journal", "kind": "System", "name": "Journal", "owner": "x", "patient_data": true, "personal_data": true}

intranet := {"id": "intranet", "kind": "System", "name": "Intranät", "owner": "x", "patient_data": false, "personal_data": false}

pa(systems) := {"id": "pa-vard", "kind": "ProcessingActivity", "title": "Vårddokumentation", "purposes": ["vård"], "data_subjects": ["patienter"], "data_categories": ["hälsa"], "systems": systems}

test_c1_fails_without_register if {
	f := records.findings with input as testing.with_({"systems": [journal]})
	testing.has(f, "GDPR-30/c1", null)
	testing.none(f, "GDPR-30/c2")
	testing.well_formed(f)
}

test_c1_c2_pass_with_register if {
	f := records.findings with input as testing.with_({"systems": [journal, intranet], "processing_activities": [pa(["journal"])]})
	count(f) == 0
}

test_c2_fails_for_system_outside_register if {
	f := records.findings with input as testing.with_({"systems": [journal], "processing_activities": [pa([])]})
	testing.has(f, "GDPR-30/c2", "journal")
	testing.none(f, "GDPR-30/c1")
	testing.well_formed(f)
}

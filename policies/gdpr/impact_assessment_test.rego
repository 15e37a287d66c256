package kravkoll.gdpr.impact_assessment_test

import data.kravkoll.gdpr.impact_assessment
import data.kravkoll.testing

journal := {"id": "journal", "kind": "System", "name": "Journal", "owner": "x", "patient_data": true, "personal_data": true}

hr := {"id": "hr", "kind": "System", "name": "HR", "owner": "x", "patient_data": false, "personal_data": true}

pa(extra) := object.union({"id": "pa-vard", "kind": "ProcessingActivity", "title": "Vårddokumentation", "purposes": ["vård"], "data_subjects": ["patienter"], "data_categories": ["hälsa"], "systems": ["journal"]}, extra)

dpia(extra) := object.union({"id": "dpia-1", "kind": "Dpia", "title": "Konsekvensbedömning journal", "performed": "2024-03-01", "residual_high_risk": false}, extra)

fs(i) := f if {
	f := impact_assessment.findings with input as testing.with_(i)
}

test_c1_fails_for_patient_data_without_dpia if {
	f := fs({"systems": [journal, hr]})
	testing.has(f, "GDPR-35/c1", "journal")
	not testing.has(f, "GDPR-35/c1", "hr")
	testing.well_formed(f)
}

test_c1_passes_with_dpia_naming_the_system if {
	count(fs({"systems": [journal], "dpias": [dpia({"systems": ["journal"]})]})) == 0
}

test_c1_passes_with_dpia_of_its_processing if {
	count(fs({"systems": [journal], "processing_activities": [pa({})], "dpias": [dpia({"processing": ["pa-vard"]})]})) == 0
}

test_c1_fails_for_dpia_after_as_of if {
	testing.has(fs({"systems": [journal], "dpias": [dpia({"systems": ["journal"], "performed": "2026-02-01"})]}), "GDPR-35/c1", "journal")
}

test_c2_fails_for_high_risk_processing_without_dpia if {
	f := fs({"processing_activities": [pa({"high_risk": true, "systems": []})]})
	testing.has(f, "GDPR-35/c2", "pa-vard")
	testing.well_formed(f)
}

test_c2_passes_with_dpia if {
	testing.none(fs({"processing_activities": [pa({"high_risk": true, "systems": []})], "dpias": [dpia({"processing": ["pa-vard"]})]}), "GDPR-35/c2")
}

# prior_consultation absent: a finding in OPA as in regorus (the policy negates a helper rule).
test_36_fails_for_residual_high_risk_without_consultation if {
	f := fs({"dpias": [dpia({"residual_high_risk": true})]})
	testing.has(f, "GDPR-36/c1", "dpia-1")
	testing.well_formed(f)
}

test_36_fails_when_consultation_after_as_of if {
	testing.has(fs({"dpias": [dpia({"residual_high_risk": true, "prior_consultation": "2026-01-15"})]}), "GDPR-36/c1", "dpia-1")
}

test_36_passes_with_prior_consultation if {
	testing.none(fs({"dpias": [dpia({"residual_high_risk": true, "prior_consultation": "2024-04-02"})]}), "GDPR-36/c1")
}

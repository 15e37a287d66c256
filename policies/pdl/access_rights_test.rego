package kravkoll.pdl.access_rights_test

import data.kravkoll.pdl.access_rights
import data.kravkoll.testing

journal := {"id": "journal", "kind": "System", "name": "Journal", "owner": "x", "patient_data": true, "personal_data": true, "logging": true}

hr := {"id": "hr", "kind": "System", "name": "HR", "owner": "x", "patient_data": false, "personal_data": true}

aa(id, performed) := {"id": id, "kind": "AccessAnalysis", "system": "journal", "performed": performed, "role_categories": ["physician", "nurse"]}

ar(id, performed) := {"id": id, "kind": "AccessReview", "system": "journal", "performed": performed}

test_c1_fails_without_access_analysis if {
	fs := access_rights.findings with input as testing.with_({"systems": [journal, hr]})
	testing.has(fs, "PDL-4.2/c1", "journal")
	not testing.has(fs, "PDL-4.2/c1", "hr")
	testing.well_formed(fs)
}

test_c1_fails_when_analysis_is_after_as_of if {
	fs := access_rights.findings with input as testing.with_({"systems": [journal], "access_analyses": [aa("aa-1", "2026-01-05")]})
	testing.has(fs, "PDL-4.2/c1", "journal")
}

test_c1_passes_with_access_analysis if {
	fs := access_rights.findings with input as testing.with_({"systems": [journal], "access_analyses": [aa("aa-1", "2022-01-05")]})
	testing.none(fs, "PDL-4.2/c1")
}

test_c2_fails_without_access_review if {
	fs := access_rights.findings with input as testing.with_({"systems": [journal]})
	testing.has(fs, "PDL-4.2/c2", "journal")
	testing.well_formed(fs)
}

test_c2_fails_for_stale_access_review if {
	fs := access_rights.findings with input as testing.with_({"systems": [journal], "access_reviews": [ar("ar-1", "2024-11-30"), ar("ar-0", "2023-11-30")]})
	testing.has(fs, "PDL-4.2/c2", "journal")
	some f in fs
	f.control == "PDL-4.2/c2"
	contains(testing.text(f.message, "en"), "ar-1 of 2024-11-30, 13 full months")
}

test_c2_passes_with_recent_access_review if {
	fs := access_rights.findings with input as testing.with_({"systems": [journal], "access_reviews": [ar("ar-0", "2023-11-30"), ar("ar-1", "2025-01-15")]})
	testing.none(fs, "PDL-4.2/c2")
}

test_c2_respects_configured_interval if {
	i := testing.with_({"systems": [journal], "access_reviews": [ar("ar-1", "2025-05-15")], "intervals": {"access_review_interval_months": 6}})
	fs := access_rights.findings with input as i
	testing.has(fs, "PDL-4.2/c2", "journal")
}

access_routine := {"id": "doc-beh", "kind": "Document", "title": "Rutin för behörighetshantering", "doc_type": "routine", "subject": "access_control", "adopted_by": "HSN", "adopted": "2024-01-10"}

test_c3_fails_without_access_routine if {
	fs := access_rights.findings with input as testing.with_({"systems": [journal]})
	testing.has(fs, "PDL-4.2/c3", null)
	testing.well_formed(fs)
}

test_c3_fails_when_routine_is_adopted_later if {
	later := object.union(access_routine, {"adopted": "2026-03-01"})
	fs := access_rights.findings with input as testing.with_({"systems": [journal], "documents": [later]})
	testing.has(fs, "PDL-4.2/c3", null)
}

test_c3_passes_with_adopted_routine if {
	fs := access_rights.findings with input as testing.with_({"systems": [journal], "documents": [access_routine]})
	testing.none(fs, "PDL-4.2/c3")
}

test_c3_passes_without_patient_data_systems if {
	fs := access_rights.findings with input as testing.base
	testing.none(fs, "PDL-4.2/c3")
}

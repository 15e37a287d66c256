package kravkoll.hslf_fs_2016_40.access_logs_test

import data.kravkoll.hslf_fs_2016_40.access_logs
import data.kravkoll.testing

all_content := ["actions", "care_unit", "time", "user_identity", "patient_identity"]

sys(extra) := object.union({"id": "journal", "kind": "System", "name": "Journal", "owner": "x", "patient_data": true, "personal_data": true, "logging": true, "log_retention_years": 10, "log_content": all_content}, extra)

test_c1_c2_c3_pass_with_complete_logs if {
	fs := access_logs.findings with input as testing.with_({"systems": [sys({})]})
	count(fs) == 0
}

test_c1_fails_for_short_retention if {
	fs := access_logs.findings with input as testing.with_({"systems": [sys({"log_retention_years": 2})]})
	testing.has(fs, "HSLF-4.9/c1", "journal")
	testing.well_formed(fs)
}

test_c1_passes_at_five_years if {
	fs := access_logs.findings with input as testing.with_({"systems": [sys({"log_retention_years": 5})]})
	testing.none(fs, "HSLF-4.9/c1")
}

test_c2_fails_when_nothing_is_recorded if {
	fs := access_logs.findings with input as testing.with_({"systems": [object.remove(sys({}), ["log_retention_years", "log_content"])]})
	some f in fs
	f.control == "HSLF-4.9/c2"
	contains(testing.text(f.message, "en"), "log_content and log_retention_years missing")
	testing.none(fs, "HSLF-4.9/c1")
	testing.none(fs, "HSLF-4.9/c3")
}

test_c2_names_the_one_missing_field if {
	fs := access_logs.findings with input as testing.with_({"systems": [object.remove(sys({}), ["log_retention_years"])]})
	some f in fs
	f.control == "HSLF-4.9/c2"
	contains(testing.text(f.message, "sv"), "hur länge åtkomstloggarna sparas")
}

test_c3_fails_for_incomplete_content if {
	fs := access_logs.findings with input as testing.with_({"systems": [sys({"log_content": ["actions", "time", "user_identity"]})]})
	some f in fs
	f.control == "HSLF-4.9/c3"
	contains(testing.text(f.message, "en"), "care_unit, patient_identity")
	testing.well_formed(fs)
}

test_systems_without_logging_are_left_to_pdl if {
	fs := access_logs.findings with input as testing.with_({"systems": [sys({"logging": false, "log_retention_years": 1})]})
	count(fs) == 0
}

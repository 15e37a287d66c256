package kravkoll.hslf_fs_2016_40.access_analysis_test

import data.kravkoll.hslf_fs_2016_40.access_analysis
import data.kravkoll.testing

journal := {"id": "journal", "kind": "System", "name": "Journal", "owner": "x", "patient_data": true, "personal_data": true}

aa(id, performed, cats) := {"id": id, "kind": "AccessAnalysis", "system": "journal", "performed": performed, "role_categories": cats}

test_c1_fails_for_single_catch_all_category if {
	fs := access_analysis.findings with input as testing.with_({"systems": [journal], "access_analyses": [aa("aa-1", "2025-01-10", ["all_staff"])]})
	testing.has(fs, "HSLF-4.2/c1", "aa-1")
	testing.well_formed(fs)
}

test_c1_fails_for_empty_categories if {
	fs := access_analysis.findings with input as testing.with_({"systems": [journal], "access_analyses": [aa("aa-1", "2025-01-10", [])]})
	testing.has(fs, "HSLF-4.2/c1", "aa-1")
}

test_c1_judges_the_newest_analysis if {
	fs := access_analysis.findings with input as testing.with_({"systems": [journal], "access_analyses": [
		aa("aa-old", "2020-01-10", ["all_staff"]),
		aa("aa-new", "2025-01-10", ["physician", "nurse", "admin"]),
		aa("aa-future", "2026-05-01", ["all_staff"]),
	]})
	testing.none(fs, "HSLF-4.2/c1")
}

test_c1_judges_each_analysis_of_the_newest_date if {
	fs := access_analysis.findings with input as testing.with_({"systems": [journal], "access_analyses": [
		aa("aa-old", "2020-01-10", ["all_staff"]),
		aa("aa-a", "2025-01-10", ["physician", "nurse"]),
		aa("aa-b", "2025-01-10", ["all_staff"]),
	]})
	testing.has(fs, "HSLF-4.2/c1", "aa-b")
	not testing.has(fs, "HSLF-4.2/c1", "aa-a")
	not testing.has(fs, "HSLF-4.2/c1", "aa-old")
	count(fs) == 1
}

test_c1_passes_with_several_categories if {
	fs := access_analysis.findings with input as testing.with_({"systems": [journal], "access_analyses": [aa("aa-1", "2025-01-10", ["physician", "nurse"])]})
	testing.none(fs, "HSLF-4.2/c1")
}

test_c1_ignores_only_future_analysis if {
	fs := access_analysis.findings with input as testing.with_({"systems": [journal], "access_analyses": [aa("aa-future", "2026-05-01", ["all_staff"])]})
	testing.none(fs, "HSLF-4.2/c1")
}

test_c1_accepts_a_stated_reason_for_one_category if {
	a := object.union(aa("aa-1", "2025-01-10", ["psychologist"]), {"single_category_reason": "Mottagningen har bara psykologer"})
	fs := access_analysis.findings with input as testing.with_({"systems": [journal], "access_analyses": [a]})
	testing.none(fs, "HSLF-4.2/c1")
}

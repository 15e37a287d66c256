package kravkoll.hslf_fs_2016_40.system_control_test

import data.kravkoll.hslf_fs_2016_40.system_control
import data.kravkoll.testing

sys(id, patient, personal) := {"id": id, "kind": "System", "name": concat(" ", ["System", id]), "owner": "x", "patient_data": patient, "personal_data": personal}

ra(id, systems, performed) := {"id": id, "kind": "RiskAnalysis", "title": id, "scope": "system", "systems": systems, "performed": performed}

test_c1_fails_for_uncovered_personal_data_system if {
	fs := system_control.findings with input as testing.with_({
		"systems": [sys("journal", true, true), sys("hr", false, true), sys("web", false, false)],
		"risk_analyses": [ra("ra-1", ["journal"], "2025-03-01")],
	})
	testing.has(fs, "HSLF-3.10/c1", "hr")
	not testing.has(fs, "HSLF-3.10/c1", "journal")
	not testing.has(fs, "HSLF-3.10/c1", "web")
	testing.well_formed(fs)
}

test_c1_fails_for_patient_data_even_if_personal_data_false if {
	fs := system_control.findings with input as testing.with_({"systems": [sys("journal", true, false)]})
	testing.has(fs, "HSLF-3.10/c1", "journal")
}

test_c1_fails_when_analysis_has_no_systems if {
	fs := system_control.findings with input as testing.with_({
		"systems": [sys("journal", true, true)],
		"risk_analyses": [object.remove(ra("ra-org", [], "2025-03-01"), ["systems"])],
	})
	testing.has(fs, "HSLF-3.10/c1", "journal")
}

test_c1_c2_pass_with_recent_analysis if {
	fs := system_control.findings with input as testing.with_({
		"systems": [sys("journal", true, true)],
		"risk_analyses": [ra("ra-old", ["journal"], "2019-01-01"), ra("ra-new", ["journal"], "2024-06-01")],
	})
	testing.none(fs, "HSLF-3.10/c1")
	testing.none(fs, "HSLF-3.10/c2")
}

test_c2_fails_for_stale_analysis if {
	fs := system_control.findings with input as testing.with_({
		"systems": [sys("journal", true, true)],
		"risk_analyses": [ra("ra-old", ["journal"], "2023-12-30")],
	})
	testing.has(fs, "HSLF-3.10/c2", "journal")
	testing.none(fs, "HSLF-3.10/c1")
	testing.well_formed(fs)
}

test_c2_passes_on_anniversary if {
	fs := system_control.findings with input as testing.with_({
		"systems": [sys("journal", true, true)],
		"risk_analyses": [ra("ra-old", ["journal"], "2023-12-31")],
	})
	testing.none(fs, "HSLF-3.10/c2")
}

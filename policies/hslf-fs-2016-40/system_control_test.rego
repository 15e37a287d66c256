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

test_c1_c2_pass_with_analyses_before_go_live_and_change if {
	s := object.union(sys("journal", true, true), {"in_operation": "2019-03-01", "last_major_change": "2025-05-01"})
	fs := system_control.findings with input as testing.with_({
		"systems": [s],
		"risk_analyses": [ra("ra-live", ["journal"], "2018-11-01"), ra("ra-change", ["journal"], "2025-02-01")],
	})
	testing.none(fs, "HSLF-3.10/c1")
	testing.none(fs, "HSLF-3.10/c2")
}

test_c1_fails_when_no_analysis_was_made_for_go_live if {
	s := object.union(sys("journal", true, true), {"in_operation": "2021-03-01"})
	fs := system_control.findings with input as testing.with_({
		"systems": [s],
		"risk_analyses": [ra("ra-late", ["journal"], "2018-01-01")],
	})
	testing.has(fs, "HSLF-3.10/c1", "journal")
	testing.well_formed(fs)
}

test_c1_an_analysis_after_go_live_counts if {
	s := object.union(sys("journal", true, true), {"in_operation": "2021-03-01"})
	fs := system_control.findings with input as testing.with_({"systems": [s], "risk_analyses": [ra("ra", ["journal"], "2021-04-15")]})
	testing.none(fs, "HSLF-3.10/c1")
}

test_c1_systems_live_before_the_regulation_need_only_some_analysis if {
	s := object.union(sys("journal", true, true), {"in_operation": "2012-01-01"})
	fs := system_control.findings with input as testing.with_({"systems": [s], "risk_analyses": [ra("ra", ["journal"], "2024-01-01")]})
	testing.none(fs, "HSLF-3.10/c1")
}

test_c2_fails_when_the_change_had_no_analysis if {
	s := object.union(sys("journal", true, true), {"last_major_change": "2025-05-01"})
	fs := system_control.findings with input as testing.with_({
		"systems": [s],
		"risk_analyses": [ra("ra-old", ["journal"], "2023-04-30")],
	})
	testing.has(fs, "HSLF-3.10/c2", "journal")
	testing.none(fs, "HSLF-3.10/c1")
	testing.well_formed(fs)
}

test_c2_window_is_the_configured_months_before_the_change if {
	s := object.union(sys("journal", true, true), {"last_major_change": "2025-05-01"})
	i := testing.with_({"systems": [s], "risk_analyses": [ra("ra", ["journal"], "2023-05-01")]})
	fs := system_control.findings with input as i
	testing.none(fs, "HSLF-3.10/c2")
	fs6 := system_control.findings with input as object.union(i, {"intervals": {"risk_analysis_system_max_age_months": 6}})
	testing.has(fs6, "HSLF-3.10/c2", "journal")
}

test_c2_ignores_changes_after_as_of if {
	s := object.union(sys("journal", true, true), {"last_major_change": "2026-03-01"})
	fs := system_control.findings with input as testing.with_({"systems": [s], "risk_analyses": [ra("ra", ["journal"], "2020-01-01")]})
	testing.none(fs, "HSLF-3.10/c2")
}

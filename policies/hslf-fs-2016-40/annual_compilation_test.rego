package kravkoll.hslf_fs_2016_40.annual_compilation_test

import data.kravkoll.hslf_fs_2016_40.annual_compilation
import data.kravkoll.testing

appt := {"id": "appt-isc", "kind": "Appointment", "role": "infosec_coordinator", "person": "Anna Svensson", "appointed": "2020-01-15", "decided_by": "rs"}

report(id, year, submitted) := {
	"id": id, "kind": "AnnualReport", "file": "evidence/governance/annual.yaml", "line": 1,
	"year": year, "compiled_by": "appt-isc", "submitted_to": "organisation", "submitted": submitted,
}

inp(reports) := testing.with_({"appointments": [appt], "annual_reports": reports})

test_c2_fails_without_reports if {
	fs := annual_compilation.findings with input as inp([])
	testing.has(fs, "HSLF-3.6/c2", null)
	testing.well_formed(fs)
}

test_c2_fails_when_latest_is_older_than_fifteen_months if {
	fs := annual_compilation.findings with input as inp([report("ar-2022", 2022, "2023-03-10"), report("ar-2023", 2023, "2024-03-15")])
	testing.has(fs, "HSLF-3.6/c2", "ar-2023")
	not testing.has(fs, "HSLF-3.6/c2", "ar-2022")
	testing.none(fs, "HSLF-3.6/c3")
	testing.well_formed(fs)
}

test_c2_fails_one_day_after_fifteen_months if {
	fs := annual_compilation.findings with input as inp([report("ar-2024", 2024, "2024-09-30")])
	testing.has(fs, "HSLF-3.6/c2", "ar-2024")
}

test_c2_passes_fifteen_months_to_the_day if {
	fs := annual_compilation.findings with input as object.union(inp([report("ar-2024", 2024, "2024-09-30")]), {"as_of": "2025-12-30"})
	testing.none(fs, "HSLF-3.6/c2")
}

test_c2_passes_thirteen_months_within_the_calendar_reading if {
	# Submitted late in 2024, none yet in 2025: the year 2025 has not ended.
	fs := annual_compilation.findings with input as inp([report("ar-2024", 2024, "2024-11-15")])
	testing.none(fs, "HSLF-3.6/c2")
}

test_c2_fails_when_a_whole_calendar_year_passed_without_one if {
	# As of 10 February 2025 nothing was submitted during 2024 (nor since).
	i := object.union(inp([report("ar-2023", 2023, "2023-12-20")]), {"as_of": "2025-02-10"})
	fs := annual_compilation.findings with input as i
	some f in fs
	f.control == "HSLF-3.6/c2"
	f.record == "ar-2023"
	contains(testing.text(f.message, "en"), "during 2024")
}

test_c2_ignores_reports_submitted_after_as_of if {
	fs := annual_compilation.findings with input as inp([report("ar-2025", 2025, "2026-02-01")])
	testing.has(fs, "HSLF-3.6/c2", null)
}

test_c2_uses_configured_limit if {
	i := object.union(inp([report("ar-2024", 2024, "2025-02-15")]), {"intervals": {"annual_infosec_report_error_months": 6}})
	fs := annual_compilation.findings with input as i
	testing.has(fs, "HSLF-3.6/c2", "ar-2024")
}

test_c2_c3_pass_with_previous_year_report if {
	fs := annual_compilation.findings with input as inp([report("ar-2024", 2024, "2025-02-15")])
	testing.none(fs, "HSLF-3.6/c2")
	testing.none(fs, "HSLF-3.6/c3")
	count(fs) == 0
}

test_c3_fails_when_previous_year_missing if {
	fs := annual_compilation.findings with input as inp([report("ar-2023", 2023, "2025-01-20")])
	testing.has(fs, "HSLF-3.6/c3", null)
	testing.none(fs, "HSLF-3.6/c2")
	testing.well_formed(fs)
}

test_c4_fails_on_long_gap if {
	fs := annual_compilation.findings with input as inp([
		report("ar-2021", 2021, "2022-02-01"),
		report("ar-2023", 2023, "2024-02-02"),
		report("ar-2024", 2024, "2025-02-01"),
	])
	testing.has(fs, "HSLF-3.6/c4", "ar-2023")
	not testing.has(fs, "HSLF-3.6/c4", "ar-2024")
	testing.well_formed(fs)
}

test_c4_passes_on_exact_year if {
	fs := annual_compilation.findings with input as inp([
		report("ar-2023", 2023, "2024-02-29"),
		report("ar-2024", 2024, "2025-02-28"),
	])
	testing.none(fs, "HSLF-3.6/c4")
}

test_c5_fails_for_unknown_recipient if {
	fs := annual_compilation.findings with input as inp([object.union(report("ar-2024", 2024, "2025-02-15"), {"submitted_to": "it-chefen"})])
	testing.has(fs, "HSLF-3.6/c5", "ar-2024")
	testing.well_formed(fs)
}

test_c5_passes_for_board_and_organisation if {
	fs := annual_compilation.findings with input as inp([
		object.union(report("ar-2024", 2024, "2025-02-15"), {"submitted_to": "hsn"}),
		report("ar-2023", 2023, "2024-02-15"),
	])
	testing.none(fs, "HSLF-3.6/c5")
}

test_c7_fails_when_compiled_by_other_role if {
	dpo := {"id": "appt-dpo", "kind": "Appointment", "role": "dpo", "person": "Per Dahl", "appointed": "2019-01-01", "decided_by": "rs"}
	i := testing.with_({"appointments": [appt, dpo], "annual_reports": [object.union(report("ar-2024", 2024, "2025-02-15"), {"compiled_by": "appt-dpo"})]})
	fs := annual_compilation.findings with input as i
	testing.has(fs, "HSLF-3.6/c7", "ar-2024")
}

test_c7_passes_when_compiled_by_coordinator if {
	fs := annual_compilation.findings with input as inp([report("ar-2024", 2024, "2025-02-15")])
	testing.none(fs, "HSLF-3.6/c7")
}

# Before 1 March the previous year's compilation is not yet expected.
test_c3_waits_until_the_first_of_march if {
	i := inp([report("ar-2023", 2023, "2025-01-20")])
	fs := annual_compilation.findings with input as object.union(i, {"as_of": "2025-02-20"})
	testing.none(fs, "HSLF-3.6/c3")
	fs2 := annual_compilation.findings with input as object.union(i, {"as_of": "2025-03-02"})
	testing.has(fs2, "HSLF-3.6/c3", null)
}

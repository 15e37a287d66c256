package kravkoll.hslf_fs_2016_40.coordinator_test

import data.kravkoll.hslf_fs_2016_40.coordinator
import data.kravkoll.testing

coord(extra) := object.union({
	"id": "appt-isc", "kind": "Appointment", "file": "evidence/governance/roles.yaml", "line": 1,
	"role": "infosec_coordinator", "person": "Anna Svensson", "appointed": "2020-01-15",
	"decided_by": "rs", "fte_share": 1,
}, extra)

test_c1_fails_without_any_appointment if {
	fs := coordinator.findings with input as testing.base
	testing.has(fs, "HSLF-3.6/c1", null)
	testing.well_formed(fs)
}

test_c1_fails_with_only_other_roles if {
	inp := testing.with_({"appointments": [coord({"role": "dpo"})]})
	fs := coordinator.findings with input as inp
	testing.has(fs, "HSLF-3.6/c1", null)
}

test_c1_fails_when_appointment_ended_names_the_ended_record if {
	inp := testing.with_({"appointments": [
		coord({"id": "appt-old", "ended": "2023-06-30"}),
		coord({"id": "appt-older", "appointed": "2015-01-01", "ended": "2019-12-31"}),
	]})
	fs := coordinator.findings with input as inp
	testing.has(fs, "HSLF-3.6/c1", "appt-old")
	not testing.has(fs, "HSLF-3.6/c1", "appt-older")
	not testing.has(fs, "HSLF-3.6/c1", null)
}

test_c1_fails_when_appointed_after_as_of if {
	inp := testing.with_({"appointments": [coord({"appointed": "2026-02-01"})]})
	fs := coordinator.findings with input as inp
	testing.has(fs, "HSLF-3.6/c1", null)
}

test_c1_passes_with_active_coordinator if {
	inp := testing.with_({"appointments": [coord({})]})
	fs := coordinator.findings with input as inp
	testing.none(fs, "HSLF-3.6/c1")
}

test_c1_passes_when_ending_on_as_of if {
	inp := testing.with_({"appointments": [coord({"ended": "2025-12-31"})]})
	fs := coordinator.findings with input as inp
	testing.none(fs, "HSLF-3.6/c1")
}

package kravkoll.csl.training_test

import data.kravkoll.csl.training
import data.kravkoll.testing

tr(id, audience, start, end, population, completed) := {"id": id, "kind": "Training", "title": id, "mandatory": true, "audience": audience, "period_start": start, "period_end": end, "population": population, "completed": completed}

base := testing.with_({"as_of": "2026-11-22", "as_of_ns": 1795388399000000000, "intervals": {"training_completion_warning_pct": 90}})

good := object.union(base, {"trainings": [
	tr("tr-ledning", "management", "2026-02-01", "2026-06-30", 66, 64),
	tr("tr-alla", "all_staff", "2026-01-01", "2026-10-31", 6000, 5500),
]})

test_all_pass if {
	fs := training.findings with input as good
	count(fs) == 0
}

test_mgmt_c1_fails_without_management_training if {
	i := object.union(base, {"trainings": [tr("tr-alla", "all_staff", "2026-01-01", "2026-10-31", 6000, 5500)]})
	fs := training.findings with input as i
	testing.has(fs, "CSL-2.4/c1", null)
	testing.well_formed(fs)
}

test_mgmt_c1_ignores_training_not_started if {
	i := object.union(base, {"trainings": [tr("tr-ledning", "management", "2026-12-01", "2027-02-28", 10, 0), tr("tr-alla", "all_staff", "2026-01-01", "2026-10-31", 6000, 5500)]})
	fs := training.findings with input as i
	testing.has(fs, "CSL-2.4/c1", null)
}

test_mgmt_c2_fails_when_management_did_not_complete if {
	i := object.union(base, {"trainings": [tr("tr-ledning", "management", "2026-02-01", "2026-06-30", 12, 7), tr("tr-alla", "all_staff", "2026-01-01", "2026-10-31", 6000, 5500)]})
	fs := training.findings with input as i
	testing.has(fs, "CSL-2.4/c2", "tr-ledning")
	testing.none(fs, "CSL-2.4/c1")
}

test_mgmt_c2_ignores_ongoing_period if {
	i := object.union(base, {"trainings": [tr("tr-ledning", "management", "2026-10-01", "2026-12-31", 12, 2), tr("tr-alla", "all_staff", "2026-01-01", "2026-10-31", 6000, 5500)]})
	fs := training.findings with input as i
	testing.none(fs, "CSL-2.4/c2")
	testing.none(fs, "CSL-2.4/c1")
}

test_staff_fails_without_recent_training if {
	i := object.union(base, {"trainings": [tr("tr-ledning", "management", "2026-02-01", "2026-06-30", 66, 64), tr("tr-alla", "all_staff", "2025-01-01", "2025-10-31", 6000, 5500)]})
	fs := training.findings with input as i
	testing.has(fs, "CSL-2.3.7/c1", null)
}

test_staff_passes_with_new_staff_training if {
	i := object.union(base, {"trainings": [tr("tr-ledning", "management", "2026-02-01", "2026-06-30", 66, 64), tr("tr-ny", "new_staff", "2026-01-01", "2026-12-31", 40, 10)]})
	fs := training.findings with input as i
	testing.none(fs, "CSL-2.3.7/c1")
}

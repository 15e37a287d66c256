package kravkoll.psl.patient_safety_report_test

import data.kravkoll.psl.patient_safety_report
import data.kravkoll.testing

psr(id, year, published) := {"id": id, "kind": "PatientSafetyReport", "year": year, "published": published, "infosec_section": true}

test_c1_fails_without_report if {
	fs := patient_safety_report.findings with input as testing.base
	testing.has(fs, "PSL-3.10/c1", null)
	testing.well_formed(fs)
}

test_c1_fails_with_only_older_report if {
	fs := patient_safety_report.findings with input as testing.with_({"patient_safety_reports": [psr("psb-2023", 2023, "2024-02-20")]})
	testing.has(fs, "PSL-3.10/c1", null)
}

test_c1_before_deadline_checks_the_year_before if {
	i := testing.with_({"as_of": "2025-02-15", "patient_safety_reports": [psr("psb-2023", 2023, "2024-02-20")]})
	fs := patient_safety_report.findings with input as i
	testing.none(fs, "PSL-3.10/c1")
}

test_c1_on_deadline_day_is_not_yet_due if {
	i := testing.with_({"as_of": "2025-03-01", "patient_safety_reports": [psr("psb-2023", 2023, "2024-02-20")]})
	fs := patient_safety_report.findings with input as i
	testing.none(fs, "PSL-3.10/c1")
}

test_c1_day_after_deadline_is_due if {
	i := testing.with_({"as_of": "2025-03-02", "patient_safety_reports": [psr("psb-2023", 2023, "2024-02-20")]})
	fs := patient_safety_report.findings with input as i
	testing.has(fs, "PSL-3.10/c1", null)
}

test_c1_c2_pass_with_timely_report if {
	fs := patient_safety_report.findings with input as testing.with_({"patient_safety_reports": [psr("psb-2024", 2024, "2025-03-01")]})
	testing.none(fs, "PSL-3.10/c1")
	testing.none(fs, "PSL-3.10/c2")
}

test_c2_fails_for_late_report if {
	fs := patient_safety_report.findings with input as testing.with_({"patient_safety_reports": [psr("psb-2024", 2024, "2025-04-15")]})
	testing.has(fs, "PSL-3.10/c2", "psb-2024")
	testing.none(fs, "PSL-3.10/c1")
	testing.well_formed(fs)
}

test_c2_late_in_leap_year_counts_days if {
	fs := patient_safety_report.findings with input as testing.with_({"as_of": "2024-12-31", "patient_safety_reports": [psr("psb-2023", 2023, "2024-03-02")]})
	some f in fs
	f.control == "PSL-3.10/c2"
	contains(testing.text(f.message, "en"), "1 day after the deadline 2024-03-01")
	contains(testing.text(f.message, "sv"), "1 dag efter sista dag 2024-03-01")
}

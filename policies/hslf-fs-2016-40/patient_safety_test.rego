package kravkoll.hslf_fs_2016_40.patient_safety_test

import data.kravkoll.hslf_fs_2016_40.patient_safety
import data.kravkoll.testing

psr(id, year, published, section) := {"id": id, "kind": "PatientSafetyReport", "year": year, "published": published, "infosec_section": section}

test_c1_fails_without_infosec_section if {
	fs := patient_safety.findings with input as testing.with_({"patient_safety_reports": [psr("psb-2024", 2024, "2025-02-20", false)]})
	testing.has(fs, "HSLF-7.1/c1", "psb-2024")
	testing.well_formed(fs)
}

test_c1_passes_with_infosec_section if {
	fs := patient_safety.findings with input as testing.with_({"patient_safety_reports": [psr("psb-2024", 2024, "2025-02-20", true)]})
	testing.none(fs, "HSLF-7.1/c1")
}

test_c1_ignores_old_reports if {
	fs := patient_safety.findings with input as testing.with_({"patient_safety_reports": [psr("psb-2019", 2019, "2020-02-20", false)]})
	testing.none(fs, "HSLF-7.1/c1")
}

test_c1_ignores_reports_published_after_as_of if {
	fs := patient_safety.findings with input as testing.with_({"patient_safety_reports": [psr("psb-2025", 2025, "2026-02-20", false)]})
	testing.none(fs, "HSLF-7.1/c1")
}

annual(id, year, submitted) := {"id": id, "kind": "AnnualReport", "year": year, "compiled_by": "appt", "submitted_to": "organisation", "submitted": submitted}

test_c2_fails_when_compilation_comes_after_the_report if {
	i := testing.with_({
		"patient_safety_reports": [psr("psb-2024", 2024, "2025-02-20", true)],
		"annual_reports": [annual("isb-2024", 2024, "2025-03-10")],
	})
	fs := patient_safety.findings with input as i
	testing.has(fs, "HSLF-7.1/c2", "psb-2024")
	testing.well_formed(fs)
}

test_c2_passes_when_compilation_comes_first if {
	i := testing.with_({
		"patient_safety_reports": [psr("psb-2024", 2024, "2025-02-20", true)],
		"annual_reports": [annual("isb-2024", 2024, "2025-02-20"), annual("isb-2023", 2023, "2025-03-10")],
	})
	fs := patient_safety.findings with input as i
	testing.none(fs, "HSLF-7.1/c2")
}

test_c2_ignores_a_compilation_submitted_after_as_of if {
	i := testing.with_({
		"as_of": "2025-03-01",
		"patient_safety_reports": [psr("psb-2024", 2024, "2025-02-20", true)],
		"annual_reports": [annual("isb-2024", 2024, "2025-03-10")],
	})
	fs := patient_safety.findings with input as i
	testing.none(fs, "HSLF-7.1/c2")
}

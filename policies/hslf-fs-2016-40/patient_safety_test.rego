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

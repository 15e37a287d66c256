package kravkoll.hslf_fs_2016_40.backup_test

import data.kravkoll.hslf_fs_2016_40.backup
import data.kravkoll.testing

journal := {"id": "journal", "kind": "System", "name": "Journal", "owner": "x", "patient_data": true, "personal_data": true}

routine(adopted) := {"id": "doc-backup", "kind": "Document", "title": "Säkerhetskopiering", "doc_type": "routine", "subject": "backup", "adopted_by": "IT-chef", "adopted": adopted}

test_c1_fails_without_backup_routine if {
	fs := backup.findings with input as testing.with_({"systems": [journal]})
	testing.has(fs, "HSLF-3.12/c1", null)
	testing.well_formed(fs)
}

test_c1_passes_with_adopted_routine if {
	fs := backup.findings with input as testing.with_({"systems": [journal], "documents": [routine("2024-05-01")]})
	testing.none(fs, "HSLF-3.12/c1")
}

test_c1_ignores_routine_adopted_after_as_of if {
	fs := backup.findings with input as testing.with_({"systems": [journal], "documents": [routine("2026-05-01")]})
	testing.has(fs, "HSLF-3.12/c1", null)
}

test_c1_needs_patient_data_systems if {
	fs := backup.findings with input as testing.base
	testing.none(fs, "HSLF-3.12/c1")
}

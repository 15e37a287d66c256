package kravkoll.hslf_fs_2016_40.management_system_test

import data.kravkoll.hslf_fs_2016_40.management_system
import data.kravkoll.testing

doc(id, doc_type, subject, adopted) := {
	"id": id, "kind": "Document", "title": id, "doc_type": doc_type, "subject": subject,
	"adopted_by": "rf", "adopted": adopted,
}

test_c1_c2_fail_without_documents if {
	fs := management_system.findings with input as testing.base
	testing.has(fs, "HSLF-3.4/c1", null)
	testing.has(fs, "HSLF-3.2/c2", null)
	testing.well_formed(fs)
}

test_c1_fails_with_policy_on_other_subject if {
	fs := management_system.findings with input as testing.with_({"documents": [doc("pol-proc", "policy", "procurement", "2020-01-01")]})
	testing.has(fs, "HSLF-3.4/c1", null)
}

test_c1_fails_with_policy_adopted_after_as_of if {
	fs := management_system.findings with input as testing.with_({"documents": [doc("pol-is", "policy", "information_security", "2026-01-10")]})
	testing.has(fs, "HSLF-3.4/c1", null)
}

test_c1_c2_pass_with_policy_and_routine if {
	fs := management_system.findings with input as testing.with_({"documents": [
		doc("pol-is", "policy", "information_security", "2021-05-01"),
		doc("rut-log", "routine", "log_review", "2022-01-01"),
	]})
	testing.none(fs, "HSLF-3.4/c1")
	testing.none(fs, "HSLF-3.2/c2")
}

test_c2_passes_with_instruction if {
	fs := management_system.findings with input as testing.with_({"documents": [doc("ins-1", "instruction", "backup", "2022-01-01")]})
	testing.none(fs, "HSLF-3.2/c2")
	testing.has(fs, "HSLF-3.4/c1", null)
}

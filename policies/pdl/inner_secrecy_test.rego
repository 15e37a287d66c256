package kravkoll.pdl.inner_secrecy_test

import data.kravkoll.pdl.inner_secrecy
import data.kravkoll.testing

lr(extra) := object.union({"id": "lr-1", "kind": "LogReview", "system": "journal", "period_start": "2025-07-01", "period_end": "2025-09-30", "performed": "2025-10-10"}, extra)

test_c2_passes_with_no_unauthorised_access if {
	fs := inner_secrecy.findings with input as testing.with_({"log_reviews": [lr({"unauthorised_access": 0})]})
	testing.none(fs, "PDL-4.1/c2")
}

test_c2_fails_without_outcome if {
	fs := inner_secrecy.findings with input as testing.with_({"log_reviews": [lr({})]})
	testing.has(fs, "PDL-4.1/c2", "lr-1")
	testing.well_formed(fs)
}

package kravkoll.csl.registration_test

import data.kravkoll.csl.registration
import data.kravkoll.testing

org(extra) := object.union(testing.base.organisation, extra)

test_c1_fails_without_registration if {
	fs := registration.findings with input as testing.with_({"as_of": "2026-06-30"})
	testing.has(fs, "CSL-2.2/c1", null)
	testing.well_formed(fs)
	some f in fs
	contains(testing.text(f.message, "sv"), "Myndigheten för civilt försvar (MCF)")
}

test_c1_passes_when_registered if {
	fs := registration.findings with input as testing.with_({"as_of": "2026-06-30", "organisation": org({"csl_registered": "2026-02-10"})})
	testing.none(fs, "CSL-2.2/c1")
}

test_c1_registration_after_as_of_does_not_count if {
	fs := registration.findings with input as testing.with_({"as_of": "2026-01-31", "organisation": org({"csl_registered": "2026-02-10"})})
	testing.has(fs, "CSL-2.2/c1", null)
}

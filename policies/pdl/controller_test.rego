package kravkoll.pdl.controller_test

import data.kravkoll.pdl.controller
import data.kravkoll.testing

test_c1_fails_without_boards if {
	org := object.union(testing.base.organisation, {"boards": []})
	fs := controller.findings with input as testing.with_({"organisation": org})
	testing.has(fs, "PDL-2.6/c1", null)
	testing.well_formed(fs)
}

test_c1_fails_when_boards_are_absent if {
	# object.union merges nested objects, so remove the key from the whole input.
	fs := controller.findings with input as json.remove(testing.base, ["organisation/boards"])
	testing.has(fs, "PDL-2.6/c1", null)
}

test_c1_passes_with_a_board if {
	fs := controller.findings with input as testing.base
	testing.none(fs, "PDL-2.6/c1")
}

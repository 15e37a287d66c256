# Patientdatalagen (2008:355) 4 kap. 1 § (inre sekretess): staff may access data about a
# patient only if they take part in the patient's care or otherwise need the data for
# their work. The checks of 4 kap. 3 § are where breaches of this show up, so a log
# review states how many it found. Acting on them is PDL-4.3/c3 (breaches.rego).
package kravkoll.pdl.inner_secrecy

import data.kravkoll.lib

# PDL-4.1/c2: a log review does not record its outcome (number of unauthorised accesses).
findings contains f if {
	some lr in input.log_reviews
	lr.performed <= input.as_of
	# The count is not recorded: the field is absent (when present it is a whole number,
	# 0 included, which `not` does not negate). A bare reference, not a call or a
	# comparison: no builtin call per log review, and regorus and OPA read it alike.
	not lr.unauthorised_access
	f := {
		"control": "PDL-4.1/c2",
		"record": lr.id,
		"message": {
			"sv": "Loggkontrollen %s av systemet %s (%s) anger inte hur många fall av obehörig åtkomst som konstaterades (unauthorised_access).",
			"en": "Log review %s of system %s (%s) does not state how many cases of unauthorised access were found (unauthorised_access).",
			"args": [lr.id, lr.system, lr.performed],
		},
	}
}

# Patientdatalagen (2008:355) 4 kap. 1 § (inre sekretess): staff may access data
# about a patient only if they take part in the patient's care or otherwise need
# the data for their work. Log reviews are where breaches of this show up.
package kravkoll.pdl.inner_secrecy

import data.kravkoll.lib

# PDL-4.1/c1: a log review found unauthorised access but records no action.
findings contains f if {
	some lr in input.log_reviews
	lr.performed <= input.as_of
	object.get(lr, "unauthorised_access", 0) > 0
	count(object.get(lr, "actions", [])) == 0
	f := {
		"control": "PDL-4.1/c1",
		"record": lr.id,
		"field": "actions",
		"message": {
			"sv": sprintf("Loggkontrollen %s av systemet %s (%s) fann %v fall av obehörig åtkomst men inga åtgärder är registrerade.", [lr.id, lr.system, lr.performed, lr.unauthorised_access]),
			"en": sprintf("Log review %s of system %s (%s) found %v cases of unauthorised access but records no actions.", [lr.id, lr.system, lr.performed, lr.unauthorised_access]),
		},
	}
}

# PDL-4.1/c2: a log review does not record its outcome (number of unauthorised accesses).
findings contains f if {
	some lr in input.log_reviews
	lr.performed <= input.as_of
	not is_number(object.get(lr, "unauthorised_access", null))
	f := {
		"control": "PDL-4.1/c2",
		"record": lr.id,
		"message": {
			"sv": sprintf("Loggkontrollen %s av systemet %s (%s) anger inte hur många fall av obehörig åtkomst som konstaterades (unauthorised_access).", [lr.id, lr.system, lr.performed]),
			"en": sprintf("Log review %s of system %s (%s) does not state how many cases of unauthorised access were found (unauthorised_access).", [lr.id, lr.system, lr.performed]),
		},
	}
}

# GDPR (EU) 2016/679 art. 30.1: every controller keeps a record of the processing under
# its responsibility (register över behandling). The art. 30.5 exemption for fewer than
# 250 employees does not cover processing of special categories, which every care
# provider does, so the register is required of all.
package kravkoll.gdpr.records

import data.kravkoll.lib

# GDPR-30/c1: no register at all.
findings contains f if {
	count(input.processing_activities) == 0
	f := {
		"control": "GDPR-30/c1",
		"record": null,
		"message": {
			"sv": "Det finns inget register över behandling (ingen ProcessingActivity) per %s.",
			"en": "There is no record of processing activities (no ProcessingActivity) as of %s.",
			"args": [input.as_of],
		},
	}
}

# The systems some register entry lists, by id (gathered once from the entries).
in_register := {id | some pa in input.processing_activities; some id in pa.systems}

# GDPR-30/c2: a system holding personal data that no register entry covers.
findings contains f if {
	count(input.processing_activities) > 0
	# Bound before the scan: regorus looks a rule up anew at every reference.
	registered := in_register
	some s in lib.personal_data_systems
	not registered[s.id]
	f := {
		"control": "GDPR-30/c2",
		"record": s.id,
		"field": "personal_data",
		"message": {
			"sv": "Systemet %s (%s) innehåller personuppgifter men ingår inte i någon behandling i registret över behandling (ProcessingActivity med systemet i systems).",
			"en": "System %s (%s) holds personal data but is not part of any processing activity in the record of processing (ProcessingActivity listing it in systems).",
			"args": [s.name, s.id],
		},
	}
}

# HSLF-FS 2016:40 3 kap. 2 §: through its management system the care provider ensures
# that personal data are available, correct, confidential and traceable; 3 kap. 4 § (as
# MSB's 2018 survey cites it): an information-security policy. Showing either through
# adopted documents is kravkoll's reading, so warnings only.
package kravkoll.hslf_fs_2016_40.management_system

import data.kravkoll.lib

adopted_docs contains d if {
	some d in input.documents
	d.adopted <= input.as_of
}

infosec_policies contains d if {
	some d in adopted_docs
	d.doc_type == "policy"
	d.subject == "information_security"
}

routine_types := {"routine", "instruction"}

routines contains d if {
	# Bound before the scan: regorus looks a rule up anew at every reference.
	types := routine_types
	some d in adopted_docs
	d.doc_type in types
}

# HSLF-3.4/c1: no adopted information-security policy.
findings contains f if {
	count(infosec_policies) == 0
	f := {
		"control": "HSLF-3.4/c1",
		"record": null,
		"message": {
			"sv": "Det finns ingen antagen informationssäkerhetspolicy (Document med doc_type: policy och subject: information_security, antagen senast %s).",
			"en": "There is no adopted information-security policy (Document with doc_type: policy and subject: information_security, adopted on or before %s).",
			"args": [input.as_of],
		},
	}
}

# HSLF-3.2/c2: no routines or instructions at all in the management system.
findings contains f if {
	count(routines) == 0
	f := {
		"control": "HSLF-3.2/c2",
		"record": null,
		"message": {
			"sv": "Ledningssystemet innehåller inga antagna rutiner eller instruktioner (Document med doc_type: routine eller instruction, antaget senast %s) som säkerställer tillgänglighet, riktighet, konfidentialitet och spårbarhet.",
			"en": "The management system contains no adopted routines or instructions (Document with doc_type: routine or instruction, adopted on or before %s) ensuring availability, integrity, confidentiality and traceability.",
			"args": [input.as_of],
		},
	}
}

# GDPR (EU) 2016/679 art. 34.1: a personal-data breach likely to result in a high risk to
# the rights and freedoms of natural persons is communicated to the data subjects without
# undue delay; art. 34.3 a–c lists when that is not required (e.g. the data were
# encrypted, later measures removed the high risk, or it would take disproportionate
# effort — then a public communication instead).
package kravkoll.gdpr.breach_communication

import data.kravkoll.lib

# The data subjects were informed on or before as_of. A helper, so that "not informed" holds
# when the field is absent in OPA as well as in regorus (OPA finds `not f(a.field) <= x`
# undefined then).
subjects_informed(inc) if time.parse_rfc3339_ns(inc.subjects_informed) <= input.as_of_ns

# GDPR-34/c1: high risk, data subjects not informed, no art. 34.3 reason recorded.
findings contains f if {
	some inc in input.incidents
	"personal_data_breach" in inc.categories
	time.parse_rfc3339_ns(inc.detected) <= input.as_of_ns
	inc.high_risk_to_subjects == true
	not subjects_informed(inc)
	not inc.subjects_not_informed_reason
	f := {
		"control": "GDPR-34/c1",
		"record": inc.id,
		"event_date": inc.detected,
		"field": "high_risk_to_subjects",
		"message": {
			"sv": "Personuppgiftsincidenten %s (%s), upptäckt %s, bedöms sannolikt leda till hög risk för de registrerade, men de registrerade är inte informerade (subjects_informed) och inget skäl enligt artikel 34.3 är angivet (subjects_not_informed_reason) per %s.",
			"en": "Personal-data breach %s (%s), detected %s, is assessed as likely to result in a high risk to the data subjects, but they have not been informed (subjects_informed) and no Article 34.3 reason is recorded (subjects_not_informed_reason) as of %s.",
			"args": [inc.id, inc.title, inc.detected, input.as_of],
		},
	}
}

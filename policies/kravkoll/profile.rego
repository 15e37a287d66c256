# kravkoll's own check of the organisation profile. The NIS threshold of MSBFS 2021:9 7 kap.
# counts dispensings of prescription medicines (expedieringar, what a pharmacy does), not
# prescriptions a clinic writes; the older field name prescriptions_per_year invites the
# second reading, and a clinic that enters its prescriptions there would be brought under
# the NIS controls by mistake. The field still counts (as dispensings) when the new one is
# absent, so this warns until it is renamed or removed.
package kravkoll.kravkoll.profile

import data.kravkoll.lib

findings contains f if {
	n := object.get(input.organisation, "prescriptions_per_year", 0)
	n > 0
	used := _used(object.get(input.organisation, "dispensings_per_year", null))
	number_text := kravkoll.number(n, 0)
	f := {
		"control": "KRAVKOLL-ORG/c1",
		"record": null,
		"message": {
			"sv": "kravkoll.yaml anger organisation.prescriptions_per_year: %s. NIS-tröskeln (minst 20 000 per år) räknar expedieringar av receptbelagda läkemedel, inte recept som verksamheten utfärdar; %s",
			"en": "kravkoll.yaml gives organisation.prescriptions_per_year: %s. The NIS threshold (at least 20,000 a year) counts dispensings of prescription medicines, not prescriptions the organisation writes; %s",
			"args": [number_text, used],
		},
	}
}

_used(null) := {
	"sv": "värdet räknas som expedieringar eftersom dispensings_per_year saknas.",
	"en": "the value counts as dispensings because dispensings_per_year is absent.",
}

_used(d) := {
	"sv": "dispensings_per_year anges också och är det som räknas.",
	"en": "dispensings_per_year is given too and is what counts.",
} if d != null

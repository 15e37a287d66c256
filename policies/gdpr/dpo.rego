# GDPR (EU) 2016/679 art. 37.1: a data protection officer (dataskyddsombud) is designated
# (a) where the processing is carried out by a public authority or body and (c) where the
# core activities consist of large-scale processing of special categories, which a private
# care provider's may; "large scale" is a judgement (the Article 29 Working Party's
# guidelines WP243 name a hospital's patient data as an example; no size threshold is
# given), so for private providers the check warns. In a region or municipality each board
# (nämnd) is its own authority and controller (patientdatalagen 2 kap. 6 §): each designates
# a DPO, and one DPO may serve several (art. 37.3), recorded by `board` or `boards` on the
# Appointment. Art. 37.7: the DPO's contact details are published and communicated to IMY.
package kravkoll.gdpr.dpo

active_dpos contains a if {
	some a in input.appointments
	a.role == "dpo"
	a.appointed <= input.as_of
	not ended(a)
}

ended(a) if a.ended < input.as_of

boards := object.get(input.organisation, "boards", [])

covers(a, b) if a.board == b.id

covers(a, b) if b.id in a.boards

# GDPR-37/c1: a public body without a data protection officer ...
findings contains f if {
	count(boards) == 0
	count(active_dpos) == 0
	f := {
		"control": "GDPR-37/c1",
		"record": null,
		"message": {
			"sv": "%s är en myndighet men har inget utnämnt dataskyddsombud (Appointment med role: dpo) per %s.",
			"en": "%s is a public authority but has no designated data protection officer (Appointment with role: dpo) as of %s.",
			"args": [input.organisation.name, input.as_of],
		},
	}
}

# ... or, where its boards are listed, a board that has designated none.
findings contains f if {
	some b in boards
	count([a | some a in active_dpos; covers(a, b)]) == 0
	f := {
		"control": "GDPR-37/c1",
		"record": null,
		"message": {
			"sv": "%s (%s) är en myndighet och personuppgiftsansvarig men har inget utnämnt dataskyddsombud per %s (ingen Appointment med role: dpo och board: %s eller %s i boards).",
			"en": "%s (%s) is a public authority and controller but has no designated data protection officer as of %s (no Appointment with role: dpo and board: %s or %s in boards).",
			"args": [b.name, b.id, input.as_of, b.id, b.id],
		},
	}
}

care_provider if input.organisation.healthcare_provider == true

care_provider if input.organisation.social_care_provider == true

# GDPR-37/c2: a private care provider without a data protection officer.
findings contains f if {
	care_provider
	count(active_dpos) == 0
	f := {
		"control": "GDPR-37/c2",
		"record": null,
		"message": {
			"sv": "%s behandlar hälsouppgifter som vård- eller omsorgsgivare men har inget utnämnt dataskyddsombud (Appointment med role: dpo) per %s; ett sjukhus behandling av patientuppgifter är behandling i stor omfattning, en enskild läkares är det inte.",
			"en": "%s processes health data as a care provider but has no designated data protection officer (Appointment with role: dpo) as of %s; a hospital's processing of patient data is large-scale processing, an individual physician's is not.",
			"args": [input.organisation.name, input.as_of],
		},
	}
}

# Reported to IMY on or before as_of. A helper, so that "not reported" holds when the field
# is absent in OPA as well as in regorus (OPA finds `not a.field <= x` undefined then).
reported_to_imy(a) if a.reported_to_imy <= input.as_of

# GDPR-37.7/c1: the DPO's contact details not reported to IMY.
findings contains f if {
	some a in active_dpos
	not reported_to_imy(a)
	f := {
		"control": "GDPR-37.7/c1",
		"record": a.id,
		"field": "role",
		"message": {
			"sv": "Dataskyddsombudet %s (%s), utnämnt %s, är inte anmält till IMY (reported_to_imy) per %s.",
			"en": "Data protection officer %s (%s), designated %s, has not been reported to IMY (reported_to_imy) as of %s.",
			"args": [a.person, a.id, a.appointed, input.as_of],
		},
	}
}

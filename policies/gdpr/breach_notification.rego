# GDPR (EU) 2016/679 art. 33: a personal-data breach is notified to the supervisory
# authority (in Sweden: Integritetsskyddsmyndigheten, IMY) without undue delay and,
# where feasible, not later than 72 hours after becoming aware of it; a later
# notification is accompanied by reasons for the delay (33.1). Every breach is
# documented: facts, effects and remedial action (33.5).
package kravkoll.gdpr.breach_notification

import data.kravkoll.lib

hours := lib.interval("gdpr_breach_notification_hours")

limit_ns := hours * lib.ns_per_hour

# When each personal-data breach was detected and, if it was, notified to IMY, in
# nanoseconds: each time parsed once, and looked up by the rules below. Those rules bind the
# package's rules they look up per breach to variables before the scan: regorus looks a rule
# up anew, path and all, at every reference.
detected_ns := {inc.id: time.parse_rfc3339_ns(inc.detected) |
	some inc in breach_incidents
}

# The incidents that are personal-data breaches, picked once: the scans below go through
# these rather than every incident.
breach_incidents := [inc | some inc in input.incidents; "personal_data_breach" in inc.categories]

# Personal-data breaches the organisation was aware of at as_of.
breaches := [inc |
	detected := detected_ns
	some inc in breach_incidents
	detected[inc.id] <= input.as_of_ns
]

reported_ns := {inc.id: time.parse_rfc3339_ns(inc.imy_reported) |
	some inc in breaches
	inc.imy_reported
}

# The breaches notified to IMY on or before as_of, and those whose time for notifying has
# passed (ids; each judged once, not once per rule). Set comprehensions, not partial sets:
# OPA evaluates `notified[inc.id]` over a partial set by running its body for that key,
# which over all breaches is quadratic; a complete value is looked up.
notified := {id | some id, t in reported_ns; t <= input.as_of_ns}

deadline_passed := {inc.id |
	detected := detected_ns
	limit := limit_ns
	some inc in breaches
	input.as_of_ns > detected[inc.id] + limit
}

# Elapsed hours between two instants, to one decimal.
hours_between(from_ns, to_ns) := round(((to_ns - from_ns) * 10) / lib.ns_per_hour) / 10

late := {id |
	[detected, reported, limit] := [detected_ns, reported_ns, limit_ns]
	some id in notified
	reported[id] - detected[id] > limit
}

# GDPR-33/c1: assessed as reportable, not notified, and the deadline has passed.
findings contains f if {
	gdpr_breach_notification_hours_text := lib.interval_text("gdpr_breach_notification_hours").text
	[notified_ids, passed, detected] := [notified, deadline_passed, detected_ns]
	some inc in breaches
	inc.imy_reportable == true
	not notified_ids[inc.id]
	passed[inc.id]
	h := hours_between(detected[inc.id], input.as_of_ns)
	hours_text := kravkoll.quantity(h, "hours")
	f := {
		"control": "GDPR-33/c1",
		"record": inc.id,
		"event_date": inc.detected,
		"field": "imy_reportable",
		"message": {
			"sv": "Personuppgiftsincidenten %s (%s), upptäckt %s och bedömd som anmälningspliktig, är inte anmäld till IMY; %s har gått per %s, fristen är %s.",
			"en": "Personal-data breach %s (%s), detected %s and assessed as reportable, has not been notified to IMY; %s have passed as of %s, the limit is %s.",
			"args": [inc.id, inc.title, inc.detected, hours_text, input.as_of, gdpr_breach_notification_hours_text],
		},
	}
}

# GDPR-33/c2: notified late with no reasons for the delay.
findings contains f if {
	gdpr_breach_notification_hours_text := lib.interval_text("gdpr_breach_notification_hours").text
	[late_ids, detected, reported] := [late, detected_ns, reported_ns]
	some inc in breaches
	late_ids[inc.id]
	not inc.delay_reason
	h := hours_between(detected[inc.id], reported[inc.id])
	hours_text := kravkoll.quantity(h, "hours")
	f := {
		"control": "GDPR-33/c2",
		"record": inc.id,
		"event_date": inc.detected,
		"field": "imy_reported",
		"message": {
			"sv": "Personuppgiftsincidenten %s (%s) anmäldes till IMY %s, %s efter att den upptäcktes %s (fristen är %s), utan motivering till förseningen (delay_reason).",
			"en": "Personal-data breach %s (%s) was notified to IMY at %s, %s after it was detected at %s (the limit is %s), without reasons for the delay (delay_reason).",
			"args": [inc.id, inc.title, inc.imy_reported, hours_text, inc.detected, gdpr_breach_notification_hours_text],
		},
	}
}

# GDPR-33/c3: notified late with reasons for the delay (for the record).
findings contains f if {
	gdpr_breach_notification_hours_text := lib.interval_text("gdpr_breach_notification_hours").text
	[late_ids, detected, reported] := [late, detected_ns, reported_ns]
	some inc in breaches
	late_ids[inc.id]
	inc.delay_reason
	h := hours_between(detected[inc.id], reported[inc.id])
	hours_text := kravkoll.quantity(h, "hours")
	f := {
		"control": "GDPR-33/c3",
		"record": inc.id,
		"event_date": inc.detected,
		"field": "delay_reason",
		"message": {
			"sv": "Personuppgiftsincidenten %s (%s) anmäldes till IMY %s efter att den upptäcktes (fristen är %s), med motiveringen: %s",
			"en": "Personal-data breach %s (%s) was notified to IMY %s after it was detected (the limit is %s), with the reason: %s",
			"args": [inc.id, inc.title, hours_text, gdpr_breach_notification_hours_text, inc.delay_reason],
		},
	}
}

# GDPR-33/c4: no assessment of whether the breach must be notified, deadline passed.
findings contains f if {
	gdpr_breach_notification_hours_text := lib.interval_text("gdpr_breach_notification_hours").text
	[notified_ids, passed] := [notified, deadline_passed]
	some inc in breaches
	# Not assessed: imy_reportable absent (or, in an input written by hand, not a boolean).
	not inc.imy_reportable in {true, false}
	not notified_ids[inc.id]
	passed[inc.id]
	f := {
		"control": "GDPR-33/c4",
		"record": inc.id,
		"event_date": inc.detected,
		"message": {
			"sv": "Personuppgiftsincidenten %s (%s), upptäckt %s, saknar bedömning av om den ska anmälas till IMY (imy_reportable) och fristen på %s har gått ut.",
			"en": "Personal-data breach %s (%s), detected %s, has no assessment of whether it must be notified to IMY (imy_reportable) and the limit of %s has passed.",
			"args": [inc.id, inc.title, inc.detected, gdpr_breach_notification_hours_text],
		},
	}
}

# GDPR-33.5/c1: a closed breach documents neither its cause nor remedial action.
findings contains f if {
	some inc in breaches
	inc.closed <= input.as_of
	not inc.root_cause
	count(object.get(inc, "improvements", [])) == 0
	f := {
		"control": "GDPR-33.5/c1",
		"record": inc.id,
		"event_date": inc.detected,
		"message": {
			"sv": "Personuppgiftsincidenten %s (%s) avslutades %s utan dokumenterad orsak (root_cause) eller korrigerande åtgärder (improvements).",
			"en": "Personal-data breach %s (%s) was closed on %s without documented cause (root_cause) or remedial action (improvements).",
			"args": [inc.id, inc.title, inc.closed],
		},
	}
}

# GDPR-33.5/c2: a breach, open or closed, whose effects are not documented once the time for
# notifying IMY has passed (the notification needs them, art. 33.3 c). Patient harm
# (patient_harm) is a matter for patientsäkerhetslagen and is not the breach's effects.
findings contains f if {
	passed := deadline_passed
	some inc in breaches
	passed[inc.id]
	not inc.effects
	f := {
		"control": "GDPR-33.5/c2",
		"record": inc.id,
		"event_date": inc.detected,
		"field": "effects",
		"message": {
			"sv": "Effekterna av personuppgiftsincidenten %s (%s, upptäckt %s) är inte dokumenterade (effects saknas).",
			"en": "The effects of personal-data breach %s (%s, detected %s) are not documented (effects is missing).",
			"args": [inc.id, inc.title, inc.detected],
		},
	}
}

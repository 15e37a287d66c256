# Cybersäkerhetslagen (2025:1506) 2 kap. 5–8 §§: a significant incident is notified to the
# authority the government decides — the CSIRT unit, Myndigheten för civilt försvar
# (cybersäkerhetsförordningen (2025:1507) 6 och 31 §§) — in stages: an early warning at the
# latest 24 hours after becoming aware (5 §), an incident notification at the latest 72 hours
# after (6 §), a status report on request (7 §) and a final report at the latest one month
# after the notification, or, if the incident is still ongoing then, a status report and a
# final report within one month of the incident being handled (8 §).
#
# `detected` is read as the moment of becoming aware ("kännedom"); `nis_significant` marks a
# significant incident ("betydande incident", 5 § andra stycket). The deadlines are statutory,
# not configurable. Only incidents detected from 2026-01-15 are concerned; earlier ones fall
# under lag (2018:1174) (see policies/nis). A report made too late is a finished event: an
# error while it lies within the yearly cycle (annual_cycle_months), information after.
# 2 kap. 9 §: recipients of the services are informed of a significant incident that is
# likely to affect the services, "om det är lämpligt".
package kravkoll.csl.incident_reporting

import data.kravkoll.lib

early_warning_hours := 24

notification_hours := 72

csirt := {
	"sv": sprintf("CSIRT-enheten vid %s", [lib.civil_defence_authority.sv]),
	"en": sprintf("the CSIRT unit at %s", [lib.civil_defence_authority.en]),
}

in_force := "2026-01-15"

# Incidents under the act, known at as_of.
csl_incidents := [i |
	# Bound before the scan: regorus looks a rule up anew at every reference.
	start := in_force
	some i in input.incidents
	# Detected on or after the day the act came into force: a datetime sorts after its own
	# date, so the whole string is compared, without cutting out the date for every incident.
	i.detected >= start
	time.parse_rfc3339_ns(i.detected) <= input.as_of_ns
]

significant := [i |
	some i in csl_incidents
	i.nis_significant == true
]

hours_since_detected(i, t_ns) := (t_ns - time.parse_rfc3339_ns(i.detected)) / lib.ns_per_hour

cycle := lib.interval("annual_cycle_months")

# [within the cycle, older]
late_ids := {
	"early_warning": ["CSL-2.5/c2", "CSL-2.5/c4"],
	"notification": ["CSL-2.6/c2", "CSL-2.6/c3"],
}

late_id(kind, t) := late_ids[kind][0] if {
	lib.within_months(substring(t, 0, 10), cycle)
} else := late_ids[kind][1]

# CSL-2.5/c1: no early warning, and more than 24 hours have passed.
findings contains f if {
	some i in significant
	not i.csirt_early_warning
	h := hours_since_detected(i, input.as_of_ns)
	h > early_warning_hours
	f := {
		"control": "CSL-2.5/c1",
		"record": i.id,
		"event_date": i.detected,
		"message": {
			"sv": sprintf("%s har inte upplysts om den betydande incidenten %s (%s, upptäckt %s) (csirt_early_warning saknas); upplysningen ska lämnas senast %v timmar efter kännedom.", [csirt.sv, i.id, i.title, i.detected, early_warning_hours]),
			"en": sprintf("Significant incident %s (%s, detected %s) has not been notified to %s (csirt_early_warning is missing); the early warning is due at the latest %v hours after becoming aware.", [i.id, i.title, i.detected, csirt.en, early_warning_hours]),
		},
	}
}

# CSL-2.5/c2 (c4 once older than the cycle): the early warning came later than 24 hours.
findings contains f if {
	some i in significant
	h := hours_since_detected(i, time.parse_rfc3339_ns(i.csirt_early_warning))
	h > early_warning_hours
	hours_text := kravkoll.quantity(round(h), "hours")
	f := {
		"control": late_id("early_warning", i.csirt_early_warning),
		"record": i.id,
		"event_date": i.detected,
		"field": "csirt_early_warning",
		"message": {
			"sv": sprintf("%s upplystes om incidenten %s först %s, %s efter kännedom (%s); gränsen är %v timmar.", [csirt.sv, i.id, i.csirt_early_warning, hours_text.sv, i.detected, early_warning_hours]),
			"en": sprintf("The early warning of incident %s to %s was given at %s, %s after becoming aware (%s); the limit is %v hours.", [i.id, csirt.en, i.csirt_early_warning, hours_text.en, i.detected, early_warning_hours]),
		},
	}
}

# CSL-2.5/c3: an IT or NIS incident not assessed for significance.
findings contains f if {
	some i in csl_incidents
	some c in i.categories
	c in {"it", "nis"}
	not "nis_significant" in object.keys(i)
	f := {
		"control": "CSL-2.5/c3",
		"record": i.id,
		"event_date": i.detected,
		"message": {
			"sv": "It-incidenten %s (%s) saknar bedömning av om den är en betydande incident enligt cybersäkerhetslagen (nis_significant saknas).",
			"en": "IT incident %s (%s) has not been assessed as to whether it is a significant incident under the Cybersecurity Act (nis_significant is missing).",
			"args": [i.id, i.title],
		},
	}
}

# CSL-2.6/c1: no incident notification, and more than 72 hours have passed.
findings contains f if {
	some i in significant
	not i.csirt_notification
	h := hours_since_detected(i, input.as_of_ns)
	h > notification_hours
	f := {
		"control": "CSL-2.6/c1",
		"record": i.id,
		"event_date": i.detected,
		"message": {
			"sv": "Ingen incidentanmälan om den betydande incidenten %s (upptäckt %s) har gjorts till %s (csirt_notification saknas); den ska göras senast %v timmar efter kännedom.",
			"en": "No incident notification of significant incident %s (detected %s) has been made to %s (csirt_notification is missing); it is due at the latest %v hours after becoming aware.",
			"args": [i.id, i.detected, csirt, notification_hours],
		},
	}
}

# CSL-2.6/c2 (c3 once older than the cycle): the notification came later than 72 hours.
findings contains f if {
	some i in significant
	h := hours_since_detected(i, time.parse_rfc3339_ns(i.csirt_notification))
	h > notification_hours
	hours_text := kravkoll.quantity(round(h), "hours")
	f := {
		"control": late_id("notification", i.csirt_notification),
		"record": i.id,
		"event_date": i.detected,
		"field": "csirt_notification",
		"message": {
			"sv": "Incidentanmälan om %s till %s gjordes %s, %s efter kännedom (%s); gränsen är %v timmar.",
			"en": "The incident notification of %s to %s was made at %s, %s after becoming aware (%s); the limit is %v hours.",
			"args": [i.id, csirt, i.csirt_notification, hours_text, i.detected, notification_hours],
		},
	}
}

# 2 kap. 8 §: the date of the notification, and whether the incident was handled (closed)
# within one month of it.
notified_on(i) := substring(i.csirt_notification, 0, 10)

handled_within_month(i) if {
	i.closed <= input.as_of
	not lib.months_exceeded(notified_on(i), i.closed, 1)
}

no_final(i) if not i.csirt_final_report
else := true if i.csirt_final_report > input.as_of

closed(i) if i.closed <= input.as_of

# CSL-2.8/c1 (closed incidents): handled within the month, but no final report a month after
# the notification ...
findings contains f if {
	some i in significant
	handled_within_month(i)
	no_final(i)
	lib.overdue(notified_on(i), 1)
	f := {
		"control": "CSL-2.8/c1",
		"record": i.id,
		"event_date": i.detected,
		"field": "csirt_final_report",
		"message": {
			"sv": "Ingen slutrapport om den avslutade incidenten %s har lämnats till %s (csirt_final_report saknas); den skulle lämnas senast en månad efter incidentanmälan %s.",
			"en": "No final report on closed incident %s has been given to %s (csirt_final_report is missing); it was due at the latest one month after the incident notification of %s.",
			"args": [i.id, csirt, notified_on(i)],
		},
	}
}

# ... or handled later, and no final report a month after it was handled.
findings contains f if {
	some i in significant
	i.csirt_notification
	not handled_within_month(i)
	closed(i)
	no_final(i)
	lib.overdue(i.closed, 1)
	f := {
		"control": "CSL-2.8/c1",
		"record": i.id,
		"event_date": i.detected,
		"field": "csirt_final_report",
		"message": {
			"sv": "Ingen slutrapport om incidenten %s har lämnats till %s (csirt_final_report saknas); den skulle lämnas inom en månad efter att incidenten hanterats (%s).",
			"en": "No final report on incident %s has been given to %s (csirt_final_report is missing); it was due within one month of the incident being handled (%s).",
			"args": [i.id, csirt, i.closed],
		},
	}
}

# CSL-2.8/c2 (ongoing incidents): still ongoing a month after the notification, and neither
# a status report nor a final report then. Whether the incident is "hanterad" is read from
# `closed`, so a warning.
findings contains f if {
	some i in significant
	i.csirt_notification
	not handled_within_month(i)
	no_final(i)
	not i.csirt_status_report
	lib.overdue(notified_on(i), 1)
	f := {
		"control": "CSL-2.8/c2",
		"record": i.id,
		"event_date": i.detected,
		"field": "csirt_status_report",
		"message": {
			"sv": "Incidenten %s pågick en månad efter incidentanmälan %s men ingen lägesrapport har lämnats till %s (csirt_status_report saknas).",
			"en": "Incident %s was still ongoing one month after the incident notification of %s but no status report has been given to %s (csirt_status_report is missing).",
			"args": [i.id, notified_on(i), csirt],
		},
	}
}

# CSL-2.9/c1: a significant incident without a record of informing the recipients of the
# services, or of why that was not appropriate.
findings contains f if {
	some i in significant
	not informed_recipients(i)
	not i.recipients_not_informed_reason
	f := {
		"control": "CSL-2.9/c1",
		"record": i.id,
		"event_date": i.detected,
		"field": "recipients_informed",
		"message": {
			"sv": "Det är inte registrerat om mottagarna av tjänsterna har informerats om den betydande incidenten %s (%s), eller varför det inte var lämpligt (recipients_informed eller recipients_not_informed_reason saknas).",
			"en": "It is not recorded whether the recipients of the services were informed of significant incident %s (%s), or why that was not appropriate (recipients_informed or recipients_not_informed_reason is missing).",
			"args": [i.id, i.title],
		},
	}
}

informed_recipients(i) if i.recipients_informed <= input.as_of
